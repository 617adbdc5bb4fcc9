//! Request bodies read as loose JSON: any JSON object, its fields turned into
//! the text the pages post (strings as they are, numbers written out), so the
//! API and the pages share one parser and one rule set, and every field's
//! error is reported at once.

use axum::{
    body::Bytes,
    extract::FromRequest,
    http::StatusCode,
    response::{IntoResponse, Response},
};
use serde_json::{Map, Value};

use crate::domain::error::FieldError;
use crate::server::http::error::error;

/// A request body that must be a JSON object; anything else is refused with
/// a 400 that says why, before the handler runs.
pub struct JsonObject(pub Map<String, Value>);

impl<S: Send + Sync> FromRequest<S> for JsonObject {
    type Rejection = Response;

    async fn from_request(req: axum::extract::Request, state: &S) -> Result<Self, Response> {
        let body = Bytes::from_request(req, state)
            .await
            .map_err(IntoResponse::into_response)?;
        object(&body).map(JsonObject)
    }
}

/// Reads a body that must be a JSON object.
// A ready response as the error keeps handlers short; it is built once per bad request.
#[allow(clippy::result_large_err)]
pub fn object(body: &Bytes) -> Result<Map<String, Value>, Response> {
    match serde_json::from_slice::<Value>(body) {
        Ok(Value::Object(m)) => Ok(m),
        Ok(_) => Err(error(
            StatusCode::BAD_REQUEST,
            "body",
            "the body must be a JSON object",
        )),
        Err(e) => Err(error(
            StatusCode::BAD_REQUEST,
            "body",
            format!("malformed JSON: {e}"),
        )),
    }
}

/// A field as text: strings as they are, numbers written out, null or absent as empty.
pub fn text(m: &Map<String, Value>, key: &str, errors: &mut Vec<FieldError>) -> String {
    text_as(m, key, key, key, errors)
}

/// [`text`], with an error for `field` that calls the key `shown`.
pub fn text_as(
    m: &Map<String, Value>,
    key: &str,
    field: &str,
    shown: &str,
    errors: &mut Vec<FieldError>,
) -> String {
    Scalar::of(m.get(key)).text_as(field, shown, errors)
}

/// The body's `revision` (see [`Scalar::revision`]).
pub fn revision(m: &Map<String, Value>, errors: &mut Vec<FieldError>) -> u64 {
    Scalar::of(m.get("revision")).revision(errors)
}

/// A range given as `{"start": "...", "end": "..."}` or as one string `"a-b"`.
pub fn range_fields(
    m: &Map<String, Value>,
    key: &str,
    errors: &mut Vec<FieldError>,
) -> (String, String) {
    match m.get(key) {
        None | Some(Value::Null) => (String::new(), String::new()),
        Some(Value::String(s)) => (s.clone(), String::new()),
        Some(Value::Object(r)) => {
            // A part that is not text is the range's error: "node_ips.start: …".
            let start = text_as(r, "start", key, &format!("{key}.start"), errors);
            let end = text_as(r, "end", key, &format!("{key}.end"), errors);
            (start, end)
        }
        Some(other) => {
            errors.push(FieldError::new(
                key,
                crate::msg!("api-expected-range", key = key, got = other.to_string()),
            ));
            (String::new(), String::new())
        }
    }
}

/// `revision` is optional for routes: like the device's cmdlets, an add or a
/// remove applies to whatever is applied now; when given, it must match.
pub fn optional_revision(m: &Map<String, Value>, errors: &mut Vec<FieldError>) -> Option<u64> {
    Scalar::of(m.get("revision")).optional_revision(errors)
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
        // Read as today's loose parser reads (a repeated key: the last wins),
        // then into `T`, which takes any object.
        let m = object(&body)?;
        serde_json::from_value::<T>(Value::Object(m))
            .map(ApiJson)
            .map_err(|e| {
                error(
                    StatusCode::BAD_REQUEST,
                    "body",
                    format!("the body could not be read: {e}"),
                )
            })
    }
}
