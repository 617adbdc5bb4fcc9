//! A recorded change, as data: which part of the configuration
//! ([`Section`]), which field ([`Field`]), and its values before and after
//! ([`Value`]). The pages render each in the reader's language from the
//! variant (every variant has its words: the match is exhaustive); the API,
//! the logs and the data directory keep the English words they have always
//! kept, through `Display` and `FromStr`, which round-trip:
//!
//! ```
//! use edgenet::domain::change::{Change, Field, Section, Value};
//! let c = Change {
//!     section: Section::Routes,
//!     field: Field::Route { destination: "10.0.0.0/24".parse().unwrap(), interface: "Port1".into() },
//!     from: Value::Empty,
//!     to: Value::Via { next_hop: "10.20.0.1".parse().unwrap(), metric: 100 },
//! };
//! let json = serde_json::to_value(&c).unwrap();
//! assert_eq!(json, serde_json::json!({
//!     "section": "Routes", "field": "10.0.0.0/24 on Port1", "from": "", "to": "via 10.20.0.1 metric 100"
//! }));
//! assert_eq!(serde_json::from_value::<Change>(json).unwrap(), c);
//! ```
//!
//! Text that names no known field or value (written by a later version) is
//! kept as it was ([`Field::Other`], [`Value::Text`]) and shown as stored.

use std::{fmt, net::Ipv4Addr, str::FromStr};

use ipnet::Ipv4Net;
use serde::{Deserialize, Serialize};

/// The part of the configuration a change is to.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(into = "String", from = "String")]
pub enum Section {
    /// A port's own settings, by the port's name (`Port3`).
    Port(String),
    Compute,
    Kubernetes,
    /// Settings of the whole device's network: the default gateway's port.
    Network,
    Routes,
}

/// Which field changed.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(into = "String", from = "String")]
pub enum Field {
    Addressing,
    IpAddress,
    Gateway,
    PrimaryDns,
    SecondaryDns,
    Mtu,
    /// Compute on or off.
    Compute,
    ComputePort,
    SwitchName,
    NodeIps,
    ServiceIps,
    /// MetalLB skips addresses ending in .0 and .255.
    SkipEdge,
    PodNetwork,
    ServiceNetwork,
    ClusterDns,
    DefaultGateway,
    /// One custom route, by what identifies it: its destination and port.
    Route {
        destination: Ipv4Net,
        interface: String,
    },
    /// Words this version does not know, kept as written.
    Other(String),
}

/// A field's value before or after a change.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Value {
    /// None: a field that was not set, a route that did not exist.
    Empty,
    /// An address, a range, a name, a number, as the administrator gave it.
    Text(String),
    /// A port's addressing.
    Static,
    Dhcp,
    /// Compute.
    On,
    Off,
    /// Skipping .0 and .255.
    Yes,
    No,
    /// The cluster DNS address left to the default (the tenth address of the
    /// service network).
    Default,
    /// A route's next hop and metric.
    Via {
        next_hop: Ipv4Addr,
        metric: u32,
    },
}

/// One changed field, for the review before applying, the history and the
/// audit trail. Stored and answered as four strings (`section`, `field`,
/// `from`, `to`); `from` and `to` are read in the light of `field`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(into = "ChangeText", from = "ChangeText")]
pub struct Change {
    pub section: Section,
    pub field: Field,
    pub from: Value,
    pub to: Value,
}

/// What a change is to a route, for the history's entries.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Verb {
    Added,
    Removed,
    Changed,
}

/// What a revision touched in a section: a field, or for a route what
/// happened to it. Written `added 10.0.0.0/24 on Port1` for routes.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(into = "String", from = "String")]
pub struct Touched {
    pub verb: Option<Verb>,
    pub field: Field,
}

impl Change {
    /// What this change does to its field, for the history: a route's is
    /// added, removed or changed; any other field's has no verb.
    pub fn touched(&self) -> Touched {
        let verb = matches!(self.section, Section::Routes).then(|| match (&self.from, &self.to) {
            (Value::Empty, _) => Verb::Added,
            (_, Value::Empty) => Verb::Removed,
            _ => Verb::Changed,
        });
        Touched {
            verb,
            field: self.field.clone(),
        }
    }
}

impl Section {
    /// The port's name, for a port's section.
    pub fn port(&self) -> Option<&str> {
        match self {
            Section::Port(p) => Some(p),
            _ => None,
        }
    }
}

impl fmt::Display for Section {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Section::Port(p) => p,
            Section::Compute => "Compute",
            Section::Kubernetes => "Kubernetes",
            Section::Network => "Network",
            Section::Routes => "Routes",
        })
    }
}

impl FromStr for Section {
    type Err = std::convert::Infallible;

    /// The four words, else a port's name.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Ok(match s {
            "Compute" => Section::Compute,
            "Kubernetes" => Section::Kubernetes,
            "Network" => Section::Network,
            "Routes" => Section::Routes,
            port => Section::Port(port.to_string()),
        })
    }
}

/// The fixed labels, as stored.
const LABELS: [(Field, &str); 16] = [
    (Field::Addressing, "Addressing"),
    (Field::IpAddress, "IP address"),
    (Field::Gateway, "Gateway"),
    (Field::PrimaryDns, "Primary DNS"),
    (Field::SecondaryDns, "Secondary DNS"),
    (Field::Mtu, "MTU"),
    (Field::Compute, "Compute"),
    (Field::ComputePort, "Compute port"),
    (Field::SwitchName, "Switch name"),
    (Field::NodeIps, "Node IPs"),
    (Field::ServiceIps, "Service IPs"),
    (Field::SkipEdge, "Skip .0 and .255"),
    (Field::PodNetwork, "Pod network"),
    (Field::ServiceNetwork, "Service network"),
    (Field::ClusterDns, "Cluster DNS"),
    (Field::DefaultGateway, "Default gateway"),
];

impl Field {
    /// Every field with a fixed label (all but routes and unknown words).
    pub fn labelled() -> impl Iterator<Item = Field> {
        LABELS.into_iter().map(|(f, _)| f)
    }
}

impl fmt::Display for Field {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Field::Route {
                destination,
                interface,
            } => write!(f, "{destination} on {interface}"),
            Field::Other(s) => f.write_str(s),
            fixed => f.write_str(
                LABELS
                    .iter()
                    .find(|(l, _)| l == fixed)
                    .map(|(_, s)| *s)
                    .unwrap_or_default(),
            ),
        }
    }
}

impl FromStr for Field {
    type Err = std::convert::Infallible;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        if let Some((f, _)) = LABELS.iter().find(|(_, l)| *l == s) {
            return Ok(f.clone());
        }
        if let Some((d, i)) = s.split_once(" on ") {
            if let Ok(destination) = d.parse() {
                return Ok(Field::Route {
                    destination,
                    interface: i.to_string(),
                });
            }
        }
        Ok(Field::Other(s.to_string()))
    }
}

impl fmt::Display for Value {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Value::Empty => Ok(()),
            Value::Text(t) => f.write_str(t),
            Value::Static => f.write_str("Static"),
            Value::Dhcp => f.write_str("DHCP"),
            Value::On => f.write_str("On"),
            Value::Off => f.write_str("Off"),
            Value::Yes => f.write_str("Yes"),
            Value::No => f.write_str("No"),
            Value::Default => f.write_str("default"),
            Value::Via { next_hop, metric } => write!(f, "via {next_hop} metric {metric}"),
        }
    }
}

impl Value {
    /// A value as stored, read for `field`: the fixed words only where that
    /// field has them (a switch named "On" stays a name).
    pub fn read(field: &Field, s: &str) -> Value {
        let v = match (field, s) {
            (_, "") => Some(Value::Empty),
            (Field::Addressing, "Static") => Some(Value::Static),
            (Field::Addressing, "DHCP") => Some(Value::Dhcp),
            (Field::Compute, "On") => Some(Value::On),
            (Field::Compute, "Off") => Some(Value::Off),
            (Field::SkipEdge, "Yes") => Some(Value::Yes),
            (Field::SkipEdge, "No") => Some(Value::No),
            (Field::ClusterDns, "default") => Some(Value::Default),
            (Field::Route { .. }, v) => v
                .strip_prefix("via ")
                .and_then(|r| r.split_once(" metric "))
                .and_then(|(h, m)| {
                    Some(Value::Via {
                        next_hop: h.parse().ok()?,
                        metric: m.parse().ok()?,
                    })
                }),
            _ => None,
        };
        v.unwrap_or_else(|| Value::Text(s.to_string()))
    }

    /// A value the administrator typed: empty text is [`Value::Empty`].
    pub fn text(s: impl Into<String>) -> Value {
        let s = s.into();
        if s.is_empty() {
            Value::Empty
        } else {
            Value::Text(s)
        }
    }

    pub fn is_empty(&self) -> bool {
        *self == Value::Empty
    }
}

impl fmt::Display for Verb {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Verb::Added => "added",
            Verb::Removed => "removed",
            Verb::Changed => "changed",
        })
    }
}

impl fmt::Display for Touched {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.verb {
            Some(v) => write!(f, "{v} {}", self.field),
            None => write!(f, "{}", self.field),
        }
    }
}

impl FromStr for Touched {
    type Err = std::convert::Infallible;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let (verb, rest) = match s.split_once(' ') {
            Some(("added", r)) => (Some(Verb::Added), r),
            Some(("removed", r)) => (Some(Verb::Removed), r),
            Some(("changed", r)) => (Some(Verb::Changed), r),
            _ => (None, s),
        };
        let field: Field = rest.parse()?;
        // Only a route has a verb; other words stay whole.
        Ok(match (verb, &field) {
            (Some(v), Field::Route { .. }) => Touched {
                verb: Some(v),
                field,
            },
            _ => Touched {
                verb: None,
                field: s.parse()?,
            },
        })
    }
}

string_serde!(Section, Field, Touched);

/// The stored shape: four strings, in this order (TOML writes them so).
#[derive(Serialize, Deserialize)]
struct ChangeText {
    section: String,
    field: String,
    from: String,
    to: String,
}

impl From<Change> for ChangeText {
    fn from(c: Change) -> Self {
        ChangeText {
            section: c.section.to_string(),
            field: c.field.to_string(),
            from: c.from.to_string(),
            to: c.to.to_string(),
        }
    }
}

impl From<ChangeText> for Change {
    fn from(t: ChangeText) -> Self {
        let field: Field = t.field.into();
        Change {
            section: t.section.into(),
            from: Value::read(&field, &t.from),
            to: Value::read(&field, &t.to),
            field,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every stored word reads back as what wrote it, and words of no known
    /// field or value are kept as they were.
    #[test]
    fn stored_words_round_trip() {
        let rows: &[(&str, &str, &str, &str)] = &[
            ("Port3", "Addressing", "DHCP", "Static"),
            ("Port3", "IP address", "", "10.20.0.2/24"),
            ("Port3", "MTU", "1500", "1450"),
            ("Compute", "Compute", "Off", "On"),
            ("Compute", "Switch name", "", "On"),
            ("Compute", "Skip .0 and .255", "Yes", "No"),
            ("Kubernetes", "Cluster DNS", "default", "10.96.0.20"),
            ("Network", "Default gateway", "Port2", "Port3"),
            (
                "Routes",
                "10.0.0.0/24 on Port1",
                "",
                "via 10.0.0.1 metric 100",
            ),
            (
                "Routes",
                "10.0.0.0/24 on Port1",
                "via 10.0.0.1 metric 100",
                "",
            ),
            (
                "Routes",
                "10.0.0.0/24 on Port1",
                "via somewhere",
                "via 10.0.0.1 metric x",
            ),
            ("Port3", "A field of a later version", "a", "b"),
        ];
        for (s, f, a, b) in rows {
            let t = ChangeText {
                section: s.to_string(),
                field: f.to_string(),
                from: a.to_string(),
                to: b.to_string(),
            };
            let c = Change::from(t);
            let back = ChangeText::from(c.clone());
            assert_eq!(
                (
                    &back.section[..],
                    &back.field[..],
                    &back.from[..],
                    &back.to[..]
                ),
                (*s, *f, *a, *b)
            );
            assert_eq!(Change::from(back), c);
        }
        let c = Change::from(ChangeText {
            section: "Compute".into(),
            field: "Switch name".into(),
            from: "".into(),
            to: "On".into(),
        });
        assert_eq!(
            c.to,
            Value::Text("On".into()),
            "a name that is a word stays a name"
        );
        assert_eq!(
            "A field of a later version".parse::<Field>().unwrap(),
            Field::Other("A field of a later version".into())
        );
        for f in Field::labelled() {
            assert_eq!(f.to_string().parse::<Field>().unwrap(), f);
        }
    }

    #[test]
    fn a_route_says_what_happened_to_it() {
        let route = Field::Route {
            destination: "10.0.0.0/24".parse().unwrap(),
            interface: "Port1".into(),
        };
        let via = Value::Via {
            next_hop: "10.0.0.1".parse().unwrap(),
            metric: 5,
        };
        let c = |from: Value, to: Value| Change {
            section: Section::Routes,
            field: route.clone(),
            from,
            to,
        };
        for (change, text) in [
            (c(Value::Empty, via.clone()), "added 10.0.0.0/24 on Port1"),
            (c(via.clone(), Value::Empty), "removed 10.0.0.0/24 on Port1"),
            (c(via.clone(), via.clone()), "changed 10.0.0.0/24 on Port1"),
        ] {
            let t = change.touched();
            assert_eq!(t.to_string(), text);
            assert_eq!(text.parse::<Touched>().unwrap(), t);
        }
        let port = Change {
            section: Section::Port("Port3".into()),
            field: Field::Mtu,
            from: Value::text("1500"),
            to: Value::text("9000"),
        };
        assert_eq!(port.touched().to_string(), "MTU");
        assert_eq!(
            "added words".parse::<Touched>().unwrap().to_string(),
            "added words"
        );
    }
}
