//! `GET /healthz`, for the device's watchdog and monitoring: whether the
//! store can be read and written and whether the last applied revision
//! reached the kernel. Open to everybody, so it names states, never settings.
//!
//! ```json
//! {"status":"ok","store":{"readable":true,"writable":true},"routes":"applied"}
//! ```
//!
//! `status` is `ok` (200) or `failing` (503). `routes` is `applied` (the
//! last reconcile programmed every route), `failed` (it did not, or only
//! partly), `pending` (no reconcile has finished yet since start-up) or
//! `dry-run` (no route namespace configured: nothing to reach, healthy).

use std::{path::Path, sync::Mutex};

use axum::{
    extract::State,
    http::StatusCode,
    response::{IntoResponse, Response},
    Json,
};
use serde_json::json;

use super::AppState;
use crate::domain::routes::kernel::KernelView;

/// What the last reconcile of the routes with the kernel came to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RouteBackend {
    /// No route namespace: routes are only written to the configuration.
    DryRun,
    /// The backend runs but has not finished a reconcile yet.
    Pending,
    /// Every route of the applied revision is in the kernel.
    Applied,
    /// The last reconcile failed, in whole or in part.
    Failed,
}

impl RouteBackend {
    pub fn name(self) -> &'static str {
        match self {
            RouteBackend::DryRun => "dry-run",
            RouteBackend::Pending => "pending",
            RouteBackend::Applied => "applied",
            RouteBackend::Failed => "failed",
        }
    }
}

impl From<&KernelView> for RouteBackend {
    fn from(view: &KernelView) -> Self {
        match view {
            KernelView::DryRun => RouteBackend::DryRun,
            KernelView::Pending => RouteBackend::Pending,
            v if v.complete() => RouteBackend::Applied,
            _ => RouteBackend::Failed,
        }
    }
}

/// The route backend's last outcome, written by its task, read by `/healthz`
/// and by the pages (each route's state in the kernel).
#[derive(Debug)]
pub struct BackendStatus(Mutex<KernelView>);

impl BackendStatus {
    pub fn new(dry_run: bool) -> Self {
        BackendStatus(Mutex::new(if dry_run {
            KernelView::DryRun
        } else {
            KernelView::Pending
        }))
    }
    pub fn set(&self, view: KernelView) {
        *self.0.lock().unwrap_or_else(|p| p.into_inner()) = view;
    }
    /// The whole backend's state, as `/healthz` names it.
    pub fn get(&self) -> RouteBackend {
        RouteBackend::from(&*self.0.lock().unwrap_or_else(|p| p.into_inner()))
    }
    /// What the last reconcile found, route by route.
    pub fn view(&self) -> KernelView {
        self.0.lock().unwrap_or_else(|p| p.into_inner()).clone()
    }
}

/// Reads the applied configuration back from disk and writes (then removes)
/// a probe file next to it: `(readable, writable)`.
fn probe_store(dir: &Path) -> (bool, bool) {
    let readable = match std::fs::read_to_string(dir.join("config.toml")) {
        Ok(text) => toml::from_str::<super::store::Record>(&text).is_ok(),
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
    let ok = readable && writable && routes != RouteBackend::Failed;
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
        })),
    )
        .into_response()
}
