//! The configuration as a file: download (`GET /api/v1/config/export`),
//! import through the API (`POST /api/v1/config/import`), and the upload
//! form of the Changes page (`POST /changes/import`, a plain multipart form
//! that works without JavaScript). The file format and its rules live in
//! `domain::config_file`; this module only moves bytes.

use axum::{
    body::Bytes,
    extract::{Multipart, Query, State},
    http::{header, HeaderValue, StatusCode},
    response::{IntoResponse, Redirect, Response},
    routing::{get, post},
    Extension, Json, Router,
};
use serde::Deserialize;

use crate::domain::{config_file, error::FieldError};
use crate::server::api::schema as doc;
use crate::server::api::trial::TrialQuery;
use crate::server::{
    http::error::{error, store_error, ApiError, ErrorBody, ErrorItem},
    http::guard::ClientAddr,
    storage::store::{Actor, ImportMode, Imported, StoreError},
    AppState,
};

/// Content type of an exported file (TOML's registered media type).
pub const TOML_TYPE: &str = "application/toml; charset=utf-8";

/// `/api/v1/config/export` and `/api/v1/config/import`.
pub fn api_routes() -> Router<AppState> {
    Router::new()
        .route("/config/export", get(export))
        .route("/config/import", post(import))
}

/// `/changes/import`: the Changes page's upload form.
pub fn form_routes() -> Router<AppState> {
    Router::new().route("/changes/import", post(upload))
}

fn file_errors(status: StatusCode, errors: &[FieldError]) -> Response {
    ApiError {
        status,
        body: ErrorBody {
            errors: errors.iter().map(ErrorItem::in_file).collect(),
        },
        current_revision: None,
    }
    .into_response()
}

/// A whole number in the query, or the error that says it is not one.
#[allow(clippy::result_large_err)]
fn query_number(value: Option<&str>, key: &str) -> Result<Option<u64>, Response> {
    match value.map(str::trim) {
        None | Some("") => Ok(None),
        Some(t) => t.parse().map(Some).map_err(|_| {
            error(
                StatusCode::UNPROCESSABLE_ENTITY,
                key,
                format!("{key}: expected a whole number, got {t:?}"),
            )
        }),
    }
}

/// A flag in the query: `true`/`1` or `false`/`0`.
#[allow(clippy::result_large_err)]
fn query_flag(value: Option<&str>, key: &str) -> Result<bool, Response> {
    match value.map(str::trim) {
        None | Some("") | Some("false") | Some("0") => Ok(false),
        Some("true") | Some("1") => Ok(true),
        Some(t) => Err(error(
            StatusCode::UNPROCESSABLE_ENTITY,
            key,
            format!("{key}: expected true or false, got {t:?}"),
        )),
    }
}

/// The file name of an export: `edgenet-EDGE-01-r7.toml`, with anything but
/// letters, digits, `-`, `_` and `.` of the device name left out.
pub fn file_name(device: &str, revision: u64) -> String {
    let device: String = device
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
        .collect();
    format!("edgenet-{device}-r{revision}.toml")
}

#[derive(Deserialize)]
struct ExportQuery {
    revision: Option<String>,
}

/// The applied revision, or `?revision=N` from the history, as a file to download.
#[utoipa::path(get, path = "/api/v1/config/export", tag = "config",
    params(("revision" = Option<u64>, Query, description = "A revision of the history (default: the applied one)")),
    responses((status = 200, body = String, content_type = "application/toml",
            description = "The configuration file (docs/config-file.md), as an attachment edgenet-<device>-r<N>.toml"),
        (status = 404, body = doc::Errors), (status = 422, body = doc::Errors)))]
async fn export(State(state): State<AppState>, Query(q): Query<ExportQuery>) -> Response {
    let revision = match query_number(q.revision.as_deref(), "revision") {
        Ok(r) => r,
        Err(r) => return r,
    };
    let config = match state.store.config_at(revision).await {
        Ok(c) => c,
        Err(e) => return store_error(e, ""),
    };
    let device = &state.settings.device_name;
    let mut res = (
        [(header::CONTENT_TYPE, TOML_TYPE)],
        config_file::export(&config, device),
    )
        .into_response();
    let disposition = format!(
        "attachment; filename=\"{}\"",
        file_name(device, config.revision)
    );
    if let Ok(v) = HeaderValue::from_str(&disposition) {
        res.headers_mut().insert(header::CONTENT_DISPOSITION, v);
    }
    res
}

#[derive(Deserialize)]
struct ImportQuery {
    apply: Option<String>,
    dry_run: Option<String>,
    revision: Option<String>,
}

/// A file read and checked, or the answer that refuses it: 400 for a body
/// that is not UTF-8 TOML, 422 for anything else the file gets wrong.
#[allow(clippy::result_large_err)]
fn read_file(body: &[u8]) -> Result<config_file::ConfigFile, Response> {
    let Ok(text) = std::str::from_utf8(body) else {
        return Err(error(
            StatusCode::BAD_REQUEST,
            "file",
            "the file is not UTF-8 text",
        ));
    };
    config_file::parse(text).map_err(|errors| {
        let status = if errors.iter().any(|e| e.field == "file") {
            StatusCode::BAD_REQUEST
        } else {
            StatusCode::UNPROCESSABLE_ENTITY
        };
        file_errors(status, &errors)
    })
}

fn imported_view(i: &Imported, dry_run: bool) -> doc::Imported {
    let message = if i.changes.is_empty() {
        format!(
            "the file changes nothing: revision {} stays applied, nothing was staged",
            i.revision
        )
    } else if i.applied {
        format!("applied as revision {}", i.revision)
    } else if i.staged {
        format!(
            "{} changes staged; review them on the Changes page, or apply them with POST /api/v1/config/import?apply=true&revision={}",
            i.changes.len(),
            i.revision
        )
    } else if dry_run {
        format!(
            "{} changes against revision {}; nothing was staged",
            i.changes.len(),
            i.revision
        )
    } else {
        String::new()
    };
    doc::Imported {
        revision: i.revision,
        applied: i.applied,
        staged: i.staged,
        changed: !i.changes.is_empty(),
        changes: i
            .changes
            .iter()
            .map(crate::server::api::views::change_view)
            .collect(),
        consequences: crate::server::api::views::consequence_views(&i.consequences),
        warnings: i.warnings.iter().map(ErrorItem::in_file).collect(),
        message,
        trial: None,
    }
}

/// Reads a configuration file (the body, TOML) and stages it, or with
/// `?apply=true&revision=N` applies it at once, or with `?dry_run=true`
/// only says what it would change.
#[utoipa::path(post, path = "/api/v1/config/import", tag = "config",
    params(("apply" = Option<bool>, Query, description = "Apply at once (needs revision)"),
        ("dry_run" = Option<bool>, Query, description = "Only say what would change"),
        ("revision" = Option<u64>, Query, description = "The applied revision the file is applied onto (409 when stale)"),
        TrialQuery),
    request_body(content = String, content_type = "application/toml",
        description = "A configuration file (docs/config-file.md), at most 2 MiB",
        example = "format = 1\n\n[ports.Port4]\nmode = \"static\"\naddress = \"10.4.0.2\"\nprefix = 24\nmtu = 1450\n"),
    responses((status = 200, body = doc::Imported, description = "Checked, and staged, applied or compared; changed = false when the file changes nothing"),
        (status = 400, body = doc::Errors, description = "Not UTF-8 or not TOML (with line and column)"),
        (status = 409, body = doc::Errors, description = "A stale revision, or a trial is running (field trial)"), (status = 413, body = doc::Errors), (status = 422, body = doc::Errors)))]
async fn import(
    State(state): State<AppState>,
    Extension(ClientAddr(client)): Extension<ClientAddr>,
    Query(q): Query<ImportQuery>,
    Query(tq): Query<TrialQuery>,
    headers: axum::http::HeaderMap,
    body: Bytes,
) -> Response {
    let mut trial_errors = Vec::new();
    let actor = crate::server::api::trial::api_actor(client, &tq, &headers, &mut trial_errors);
    if !trial_errors.is_empty() {
        return crate::server::http::error::errors_response(
            StatusCode::UNPROCESSABLE_ENTITY,
            &trial_errors,
            "",
        );
    }
    let apply = match query_flag(q.apply.as_deref(), "apply") {
        Ok(a) => a,
        Err(r) => return r,
    };
    let dry_run = match query_flag(q.dry_run.as_deref(), "dry_run") {
        Ok(d) => d,
        Err(r) => return r,
    };
    let revision = match query_number(q.revision.as_deref(), "revision") {
        Ok(r) => r,
        Err(r) => return r,
    };
    let mode = match (apply, dry_run, revision) {
        (true, true, _) => {
            return error(
                StatusCode::UNPROCESSABLE_ENTITY,
                "dry_run",
                "dry_run: a dry run applies nothing; leave out apply=true",
            )
        }
        (true, false, None) => {
            return error(
                StatusCode::UNPROCESSABLE_ENTITY,
                "revision",
                "revision: required with apply=true (the applied revision the file was made against; GET /api/v1/config)",
            )
        }
        (true, false, Some(r)) => ImportMode::Apply { base_revision: r },
        (false, true, _) => ImportMode::DryRun,
        (false, false, r) => ImportMode::Stage { base_revision: r },
    };
    let file = match read_file(&body) {
        Ok(f) => f,
        Err(r) => return r,
    };
    match state.store.import_file(file, mode, &actor).await {
        Ok(i) => Json(doc::Imported {
            trial: match i.applied {
                true => crate::server::api::trial::current(&state, &headers).await,
                false => None,
            },
            ..imported_view(&i, dry_run)
        })
        .into_response(),
        Err(StoreError::Invalid(errors)) => file_errors(StatusCode::UNPROCESSABLE_ENTITY, &errors),
        Err(e) => store_error(e, ""),
    }
}

/// Errors carried to the Changes page after an upload: at most this many.
const SHOWN_ERRORS: usize = 8;

/// The Changes page's upload form (`multipart/form-data`: `_csrf`, `file`).
/// The file is staged for review as any change; the page is shown again with
/// the outcome, and a refused file's errors beside the upload field.
async fn upload(
    State(state): State<AppState>,
    Extension(ClientAddr(client)): Extension<ClientAddr>,
    mut form: Multipart,
) -> Response {
    let mut file: Option<Bytes> = None;
    loop {
        match form.next_field().await {
            Ok(Some(field)) if field.name() == Some("file") => match field.bytes().await {
                Ok(b) => file = Some(b),
                Err(_) => break,
            },
            Ok(Some(_)) => {}
            Ok(None) | Err(_) => break,
        }
    }
    let back = |query: String| Redirect::to(&format!("/changes?{query}#import")).into_response();
    let refused = |errors: &[FieldError]| {
        let query = format!(
            "notice=file-refused&n={}{}",
            errors.len(),
            crate::state::errors_query("fe", errors, SHOWN_ERRORS)
        );
        back(query)
    };
    let Some(bytes) = file.filter(|b| !b.is_empty()) else {
        return refused(&[FieldError::new(
            "file",
            crate::msg!("changes-import-no-file"),
        )]);
    };
    let parsed = std::str::from_utf8(&bytes)
        .map_err(|_| {
            vec![FieldError::new(
                "file",
                crate::msg!("changes-import-not-text"),
            )]
        })
        .and_then(config_file::parse);
    let file = match parsed {
        Ok(f) => f,
        Err(errors) => return refused(&errors),
    };
    let result = state
        .store
        .import_file(
            file,
            ImportMode::Stage {
                base_revision: None,
            },
            &Actor::new(crate::domain::records::Source::Ui, client),
        )
        .await;
    match result {
        Ok(i) if i.staged => back(format!("notice=file-staged&n={}", i.changes.len())),
        Ok(i) => back(format!("notice=file-unchanged&n={}", i.revision)),
        Err(StoreError::Invalid(errors)) => refused(&errors),
        Err(e) => back(
            crate::state::Outcome::Refused {
                message: e.message(),
            }
            .to_query(),
        ),
    }
}
