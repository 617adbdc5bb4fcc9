//! Typed request bodies (`ApiJson<T>`) whose fields keep what was sent
//! ([`Scalar`], [`Flag`], [`RangeBody`], [`PortChoice`]): any JSON object
//! reads, its fields are turned into the text the pages post (strings as
//! they are, numbers written out), so the API and the pages share one parser
//! and one rule set, and every field's error is reported at once. Anything
//! but a JSON object is a 400 before the handler runs.

use axum::{
    body::Bytes,
    extract::FromRequest,
    http::StatusCode,
    response::{IntoResponse, Response},
};
use serde_json::{Map, Value};

use crate::domain::error::FieldError;
use crate::server::http::error::ApiError;

/// Reads a body that must be a JSON object (a repeated key: the last wins).
fn object(body: &Bytes) -> Result<Map<String, Value>, ApiError> {
    match serde_json::from_slice::<Value>(body) {
        Ok(Value::Object(m)) => Ok(m),
        Ok(_) => Err(ApiError::new(
            StatusCode::BAD_REQUEST,
            "body",
            "the body must be a JSON object",
        )),
        Err(e) => Err(ApiError::new(
            StatusCode::BAD_REQUEST,
            "body",
            format!("malformed JSON: {e}"),
        )),
    }
}

/// For an `Option<T>` field that tells a key sent as `null` (`Some`, with
/// `T`'s own reading of null) from a key left out (`None`, with
/// `#[serde(default)]`).
pub fn present<'de, D, T>(d: D) -> Result<Option<T>, D::Error>
where
    D: serde::Deserializer<'de>,
    T: serde::Deserialize<'de>,
{
    T::deserialize(d).map(Some)
}

/// A field of a typed request body, as sent: text, a number (read as the
/// text the pages post), or anything else, which is refused with the key
/// named. Absent and `null` read as empty. Its schema is what the document
/// says the field takes (`#[schema(value_type = …)]` on the field); this type
/// only keeps what came, so that every field's error is reported at once.
#[derive(Clone, Debug, Default, PartialEq)]
pub enum Scalar {
    #[default]
    Absent,
    Text(String),
    Number(serde_json::Number),
    /// Any other JSON value, as sent (for the error's words).
    Other(String),
}

impl<'de> serde::Deserialize<'de> for Scalar {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let v = <Value as serde::Deserialize>::deserialize(d)?;
        Ok(Scalar::of(Some(&v)))
    }
}

impl Scalar {
    /// A field of a loosely read object (`None`: the key is absent).
    pub fn of(v: Option<&Value>) -> Scalar {
        match v {
            None | Some(Value::Null) => Scalar::Absent,
            Some(Value::String(s)) => Scalar::Text(s.clone()),
            Some(Value::Number(n)) => Scalar::Number(n.clone()),
            Some(other) => Scalar::Other(other.to_string()),
        }
    }

    /// The field as text: strings as they are, numbers written out, absent
    /// as empty; anything else is an error for `key`.
    pub fn text(&self, key: &str, errors: &mut Vec<FieldError>) -> String {
        self.text_as(key, key, errors)
    }

    /// [`Scalar::text`], with an error for `field` that calls the key `shown`
    /// (a range's part: field `node_ips`, shown `node_ips.start`).
    pub fn text_as(&self, field: &str, shown: &str, errors: &mut Vec<FieldError>) -> String {
        match self {
            Scalar::Absent => String::new(),
            Scalar::Text(s) => s.clone(),
            Scalar::Number(n) => n.to_string(),
            Scalar::Other(got) => {
                errors.push(FieldError::new(
                    field,
                    crate::msg!("api-expected-string", key = shown, got = got.as_str()),
                ));
                String::new()
            }
        }
    }

    /// The field as text where digits are not text (a password): a number
    /// is refused like any other non-string.
    pub fn secret_text(&self, key: &str, errors: &mut Vec<FieldError>) -> String {
        match self {
            Scalar::Number(n) => Scalar::Other(n.to_string()).text(key, errors),
            other => other.text(key, errors),
        }
    }

    /// [`Scalar::revision`] where the revision may be left out: like the
    /// device's cmdlets, a route's add applies to whatever is applied now.
    pub fn optional_revision(&self, errors: &mut Vec<FieldError>) -> Option<u64> {
        match self {
            Scalar::Absent => None,
            given => Some(given.revision(errors)),
        }
    }

    /// The applied revision a change is made against: a whole number (or
    /// its text); absent or anything else is an error for `revision`.
    pub fn revision(&self, errors: &mut Vec<FieldError>) -> u64 {
        let whole = match self {
            Scalar::Number(n) => n.as_u64(),
            Scalar::Text(s) => s.trim().parse().ok(),
            _ => None,
        };
        match (whole, self) {
            (Some(r), _) => r,
            (None, Scalar::Absent) => {
                errors.push(FieldError::new(
                    "revision",
                    crate::msg!("api-revision-required"),
                ));
                0
            }
            (None, other) => {
                let got = match other {
                    Scalar::Text(s) => Value::from(s.as_str()).to_string(),
                    Scalar::Number(n) => n.to_string(),
                    Scalar::Other(g) => g.clone(),
                    Scalar::Absent => String::new(),
                };
                errors.push(FieldError::new(
                    "revision",
                    crate::msg!("api-expected-whole-number", key = "revision", got = got),
                ));
                0
            }
        }
    }
}

/// A yes/no field as sent: `true`, `false`, absent (or `null`), or anything
/// else, which is refused with the key named.
#[derive(Clone, Debug, Default, PartialEq)]
pub enum Flag {
    #[default]
    Absent,
    Given(bool),
    /// Any other JSON value, as sent.
    Other(String),
}

impl<'de> serde::Deserialize<'de> for Flag {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        Ok(match <Value as serde::Deserialize>::deserialize(d)? {
            Value::Null => Flag::Absent,
            Value::Bool(b) => Flag::Given(b),
            other => Flag::Other(other.to_string()),
        })
    }
}

impl Flag {
    /// The value, `None` when absent; anything but a boolean is an error for `key`.
    pub fn flag(&self, key: &str, errors: &mut Vec<FieldError>) -> Option<bool> {
        match self {
            Flag::Absent => None,
            Flag::Given(b) => Some(*b),
            Flag::Other(got) => {
                errors.push(FieldError::new(
                    key,
                    crate::msg!("api-expected-bool", key = key, got = got.as_str()),
                ));
                None
            }
        }
    }
}

/// An address range as sent: `{"start": "...", "end": "..."}` (each part a
/// [`Scalar`]), one string `"a-b"` (the pages' form), absent (or `null`),
/// or anything else, which is refused with the key named.
#[derive(Clone, Debug, Default, PartialEq)]
pub enum RangeBody {
    #[default]
    Absent,
    Text(String),
    Parts {
        start: Scalar,
        end: Scalar,
    },
    /// Any other JSON value, as sent.
    Other(String),
}

impl<'de> serde::Deserialize<'de> for RangeBody {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        Ok(match <Value as serde::Deserialize>::deserialize(d)? {
            Value::Null => RangeBody::Absent,
            Value::String(s) => RangeBody::Text(s),
            Value::Object(r) => RangeBody::Parts {
                start: Scalar::of(r.get("start")),
                end: Scalar::of(r.get("end")),
            },
            other => RangeBody::Other(other.to_string()),
        })
    }
}

impl RangeBody {
    /// The range's start and end as the pages post them (a string `"a-b"`
    /// is the start field, as typed into the page); a part that is not
    /// text is the range's error, named `key.start` or `key.end`.
    pub fn fields(&self, key: &str, errors: &mut Vec<FieldError>) -> (String, String) {
        match self {
            RangeBody::Absent => (String::new(), String::new()),
            RangeBody::Text(s) => (s.clone(), String::new()),
            RangeBody::Parts { start, end } => (
                start.text_as(key, &format!("{key}.start"), errors),
                end.text_as(key, &format!("{key}.end"), errors),
            ),
            RangeBody::Other(got) => {
                errors.push(FieldError::new(
                    key,
                    crate::msg!("api-expected-range", key = key, got = got.as_str()),
                ));
                (String::new(), String::new())
            }
        }
    }
}

/// The compute port as sent: one name (a [`Scalar`]), or a list of names,
/// which is how a client asks for NIC teaming (refused by the handler with
/// the names; an item that is not text reads as `?`).
#[derive(Clone, Debug, PartialEq)]
pub enum PortChoice {
    One(Scalar),
    Team(Vec<String>),
}

impl Default for PortChoice {
    fn default() -> Self {
        PortChoice::One(Scalar::Absent)
    }
}

impl<'de> serde::Deserialize<'de> for PortChoice {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        Ok(match <Value as serde::Deserialize>::deserialize(d)? {
            Value::Array(list) => PortChoice::Team(
                list.iter()
                    .map(|v| v.as_str().unwrap_or("?").to_string())
                    .collect(),
            ),
            other => PortChoice::One(Scalar::of(Some(&other))),
        })
    }
}

/// A typed request body that must be a JSON object: `T`'s fields are
/// [`Scalar`]s (or other types that take any JSON value), so any object
/// reads, and the handler reports every field's error at once; anything but
/// an object is refused with a 400 that says why, before the handler runs.
pub struct ApiJson<T>(pub T);

impl<S: Send + Sync, T: serde::de::DeserializeOwned> FromRequest<S> for ApiJson<T> {
    type Rejection = Response;

    async fn from_request(req: axum::extract::Request, state: &S) -> Result<Self, Response> {
        let body = Bytes::from_request(req, state)
            .await
            .map_err(IntoResponse::into_response)?;
        typed(&body)
            .map(ApiJson)
            .map_err(IntoResponse::into_response)
    }
}

/// [`ApiJson`] where the body may also be empty (or only whitespace), which
/// reads as `T::default()`: for `DELETE /api/v1/routes`, whose keys may come
/// in the query string instead.
pub struct ApiJsonOrEmpty<T>(pub T);

impl<S: Send + Sync, T: serde::de::DeserializeOwned + Default> FromRequest<S>
    for ApiJsonOrEmpty<T>
{
    type Rejection = Response;

    async fn from_request(req: axum::extract::Request, state: &S) -> Result<Self, Response> {
        let body = Bytes::from_request(req, state)
            .await
            .map_err(IntoResponse::into_response)?;
        if body.iter().all(u8::is_ascii_whitespace) {
            return Ok(ApiJsonOrEmpty(T::default()));
        }
        typed(&body)
            .map(ApiJsonOrEmpty)
            .map_err(IntoResponse::into_response)
    }
}

fn typed<T: serde::de::DeserializeOwned>(body: &Bytes) -> Result<T, ApiError> {
    // Read as today's loose parser reads (a repeated key: the last wins),
    // then into `T`, which takes any object.
    let m = object(body)?;
    serde_json::from_value::<T>(Value::Object(m)).map_err(|e| {
        ApiError::new(
            StatusCode::BAD_REQUEST,
            "body",
            format!("the body could not be read: {e}"),
        )
    })
}
