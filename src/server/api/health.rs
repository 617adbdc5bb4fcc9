//! `GET /healthz`: whether the store can be read and written, what the
//! route backend's last reconcile came to, and whether the device's host
//! holds the applied revision (its state and the kinds of difference, never
//! a setting), for a monitor. A host that differs or cannot be asked makes
//! it `failing` (503), as failed routes do.

use std::path::Path;

use axum::{
    extract::State,
    http::StatusCode,
    response::{IntoResponse, Response},
    Json,
};
use serde_json::json;

use crate::domain::host::HostView;
use crate::server::backend::health::RouteBackend;
use crate::server::AppState;

/// Reads the applied configuration back from disk and writes (then removes)
/// a probe file next to it: `(readable, writable)`.
fn probe_store(dir: &Path) -> (bool, bool) {
    let readable = match std::fs::read_to_string(dir.join("config.toml")) {
        Ok(text) => toml::from_str::<crate::server::storage::store::Record>(&text).is_ok(),
        // A device that has never saved runs on the factory configuration.
        Err(e) => e.kind() == std::io::ErrorKind::NotFound && dir.is_dir(),
    };
    // One name per probe: two monitors asking at once must not remove each other's file.
    static N: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
    let n = N.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let probe = dir.join(format!(".healthz.{n}.tmp"));
    let writable =
        std::fs::write(&probe, b"edgenet").is_ok() && std::fs::remove_file(&probe).is_ok();
    (readable, writable)
}

pub async fn healthz(State(state): State<AppState>) -> Response {
    let dir = state.settings.data_dir.clone();
    let (readable, writable) = tokio::task::spawn_blocking(move || probe_store(&dir))
        .await
        .unwrap_or((false, false));
    let routes = state.backend.get();
    let host = state.host.view();
    let host_ok = !matches!(host.name(), "differs" | "unreachable");
    let ok = readable && writable && routes != RouteBackend::Failed && host_ok;
    let status = if ok {
        StatusCode::OK
    } else {
        StatusCode::SERVICE_UNAVAILABLE
    };
    (
        status,
        [(axum::http::header::CACHE_CONTROL, "no-store")],
        Json(json!({
            "status": if ok { "ok" } else { "failing" },
            "store": { "readable": readable, "writable": writable },
            "routes": routes.name(),
            "host": {
                "state": host.name(),
                "differences": match &host {
                    HostView::Checked { differences, .. } => differences.iter().map(|d| d.kind()).collect::<Vec<_>>(),
                    _ => Vec::new(),
                },
            },
        })),
    )
        .into_response()
}
