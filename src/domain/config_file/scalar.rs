//! Two small value shapes of the file: a number-or-text value, and the ports
//! table kept in the order it was written.

use std::fmt;

use serde::{
    de::{self, MapAccess, Visitor},
    ser::SerializeMap,
    Deserialize, Deserializer, Serialize, Serializer,
};

use super::PortEntry;

/// A value written as a number (`24`, `1500`) or as text (`"255.255.255.0"`);
/// the domain's parsers read its text either way, with their own messages.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Scalar {
    Number(i64),
    Text(String),
}

impl Scalar {
    pub fn text(&self) -> String {
        match self {
            Scalar::Number(n) => n.to_string(),
            Scalar::Text(t) => t.clone(),
        }
    }
}

impl Serialize for Scalar {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Scalar::Number(n) => s.serialize_i64(*n),
            Scalar::Text(t) => s.serialize_str(t),
        }
    }
}

impl<'de> Deserialize<'de> for Scalar {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = Scalar;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a whole number or a string")
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Scalar, E> {
                Ok(Scalar::Number(v))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Scalar, E> {
                i64::try_from(v)
                    .map(Scalar::Number)
                    .or_else(|_| Ok(Scalar::Text(v.to_string())))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Scalar, E> {
                Ok(Scalar::Text(v.to_string()))
            }
        }
        d.deserialize_any(V)
    }
}

/// `[ports.Port3]` tables in the order the file has them (and the device
/// profile's order on export), rather than sorted by name.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Ports(pub Vec<(String, PortEntry)>);

impl Serialize for Ports {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(Some(self.0.len()))?;
        for (name, entry) in &self.0 {
            m.serialize_entry(name, entry)?;
        }
        m.end()
    }
}

impl<'de> Deserialize<'de> for Ports {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Ports;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a table of ports by name")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut m: A) -> Result<Ports, A::Error> {
                let mut out = Vec::new();
                while let Some((name, entry)) = m.next_entry::<String, PortEntry>()? {
                    out.push((name, entry));
                }
                Ok(Ports(out))
            }
        }
        d.deserialize_map(V)
    }
}
