//! One error type for every JSON answer that is not a success, the API's
//! and the layers' alike (the guard, the body limit):
//!
//! ```json
//! {"errors": [{"field": "node_ips", "message": "…", "code": "val-range-reversed"}]}
//! ```
//!
//! `field` names the field of the request (with the section prefix the
//! domain uses, such as `compute.`, stripped), `message` is English, `code`
//! the message id a client can match on (absent for errors that have none,
//! such as an unreadable body). A `409` for a stale revision also carries the
//! revision in force in the `x-current-revision` header.

use axum::{
    http::StatusCode,
    response::{IntoResponse, Response},
    Json,
};
use serde::{Deserialize, Serialize};

use crate::domain::error::FieldError;
use crate::server::storage::store::StoreError;

/// The body of every error answer: 400 unreadable body, 401 no session, 403
/// forgery or initial password, 404 unknown, 409 stale revision, 413 too
/// large, 422 invalid values, 429 locked out.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[schema(as = Errors)]
pub struct ErrorBody {
    pub errors: Vec<ErrorItem>,
}

/// One error: the field (a JSON key, or a key path in a configuration file),
/// the message in English, and its id in `locales/` as a stable code.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[schema(as = ApiError)]
pub struct ErrorItem {
    #[schema(example = "node_ips")]
    pub field: String,
    #[schema(
        example = "Node IPs 10.0.0.5-10.0.0.5: 1 address, 2 needed: one for the master VM and one for each worker VM (a further address, when the range has one, is the update spare)"
    )]
    pub message: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schema(example = "val-node-ips-too-few")]
    pub code: Option<String>,
    /// Configuration files only: where in the file (from 1).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub line: Option<u64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub column: Option<u64>,
}

impl ErrorItem {
    /// A domain error as the API shows it, `prefix` stripped from its field.
    pub fn of(e: &FieldError, prefix: &str) -> ErrorItem {
        ErrorItem {
            field: e.field.strip_prefix(prefix).unwrap_or(&e.field).to_string(),
            message: e.message.to_string(),
            code: Some(e.message.id().to_string()),
            line: None,
            column: None,
        }
    }

    /// [`ErrorItem::of`], with the line and column a configuration file's
    /// error names (its message's `line` and `column` arguments).
    pub fn in_file(e: &FieldError) -> ErrorItem {
        let at = |key| match e.message.get(key) {
            Some(crate::i18n::Arg::Number(n)) => u64::try_from(*n).ok(),
            _ => None,
        };
        ErrorItem {
            line: at("line"),
            column: at("column"),
            ..ErrorItem::of(e, "")
        }
    }
}

/// An error answer: its status, its body, and for a stale revision the
/// revision in force. Built by the constructors below, answered through
/// [`IntoResponse`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ApiError {
    pub status: StatusCode,
    pub body: ErrorBody,
    pub current_revision: Option<u64>,
}

impl ApiError {
    /// One field's error with a message that has no id.
    pub fn new(status: StatusCode, field: &str, message: impl Into<String>) -> ApiError {
        ApiError {
            status,
            body: ErrorBody {
                errors: vec![ErrorItem {
                    field: field.to_string(),
                    message: message.into(),
                    code: None,
                    line: None,
                    column: None,
                }],
            },
            current_revision: None,
        }
    }

    /// Every field's error at once, `prefix` (`compute.`, `ports.Port3.`)
    /// stripped so a client sees the names of the fields it sent.
    pub fn fields(status: StatusCode, errors: &[FieldError], prefix: &str) -> ApiError {
        ApiError {
            status,
            body: ErrorBody {
                errors: errors.iter().map(|e| ErrorItem::of(e, prefix)).collect(),
            },
            current_revision: None,
        }
    }

    /// What the store refused, with its status: 422 invalid values, 409 a
    /// stale revision or a refused state, 404 an unknown port or revision,
    /// 503 a failed write (logged here).
    pub fn store(e: StoreError, prefix: &str) -> ApiError {
        match e {
            StoreError::Invalid(errors) => {
                ApiError::fields(StatusCode::UNPROCESSABLE_ENTITY, &errors, prefix)
            }
            StoreError::Conflict { current, .. } => ApiError {
                current_revision: Some(current),
                ..ApiError::new(StatusCode::CONFLICT, "revision", e.to_string())
            },
            StoreError::UnknownPort(_) => {
                ApiError::new(StatusCode::NOT_FOUND, "name", e.to_string())
            }
            StoreError::UnknownRevision(_) => {
                ApiError::new(StatusCode::NOT_FOUND, "revision", e.to_string())
            }
            StoreError::Io(ref io) => {
                tracing::error!(error = %io, "writing the configuration failed");
                ApiError::new(StatusCode::SERVICE_UNAVAILABLE, "storage", e.to_string())
            }
            StoreError::TrialRunning { .. } | StoreError::NoTrial => ApiError::fields(
                StatusCode::CONFLICT,
                &[FieldError::new("trial", e.message())],
                "",
            ),
            e => ApiError::new(StatusCode::CONFLICT, "revision", e.to_string()),
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let mut r = (self.status, Json(self.body)).into_response();
        if let Some(current) = self.current_revision {
            r.headers_mut().insert("x-current-revision", current.into());
        }
        r
    }
}

/// [`ApiError::new`], answered.
pub fn error(status: StatusCode, field: &str, message: impl Into<String>) -> Response {
    ApiError::new(status, field, message).into_response()
}

/// [`ApiError::fields`], answered.
pub fn errors_response(status: StatusCode, errors: &[FieldError], prefix: &str) -> Response {
    ApiError::fields(status, errors, prefix).into_response()
}

/// [`ApiError::store`], answered.
pub fn store_error(e: StoreError, prefix: &str) -> Response {
    ApiError::store(e, prefix).into_response()
}
