//! What the route backend's last reconcile came to, as `GET /healthz`
//! ([`crate::server::api::health`]) names it: whether the store can be read
//! and written and whether the last applied revision reached the kernel.
//! Open to everybody, so it names states, never settings.
//!
//! ```json
//! {"status":"ok","store":{"readable":true,"writable":true},"routes":"applied",
//!  "host":{"state":"matches","differences":[]}}
//! ```
//!
//! `status` is `ok` (200) or `failing` (503). `routes` is `applied` (the
//! last reconcile programmed every route), `failed` (it did not, or only
//! partly), `pending` (no reconcile has finished yet since start-up) or
//! `dry-run` (no route namespace configured: nothing to reach, healthy).
//! `host.state` is `matches`, `differs` (with the kinds of difference:
//! `addresses`, `mtu`, `default-route`, …; failing), `unreachable`
//! (failing), `pending` or `dry-run` (no host namespace).

use std::sync::Mutex;

use crate::domain::host::HostView;
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

/// The host backend's last look at the device's own side, written by its
/// task, read by `/healthz` and the Overview.
#[derive(Debug)]
pub struct HostStatus {
    view: Mutex<HostView>,
    /// Changes with every stored view, so kept pages are rendered again.
    version: std::sync::atomic::AtomicU64,
}

impl HostStatus {
    pub fn new(dry_run: bool) -> Self {
        HostStatus {
            view: Mutex::new(if dry_run {
                HostView::DryRun
            } else {
                HostView::Pending
            }),
            version: Default::default(),
        }
    }
    /// Stores `view`; the version moves only when it differs from the last.
    pub fn set(&self, view: HostView) {
        let mut v = self.view.lock().unwrap_or_else(|p| p.into_inner());
        if *v != view {
            *v = view;
            self.version
                .fetch_add(1, std::sync::atomic::Ordering::SeqCst);
        }
    }
    pub fn view(&self) -> HostView {
        self.view.lock().unwrap_or_else(|p| p.into_inner()).clone()
    }
    pub fn version(&self) -> u64 {
        self.version.load(std::sync::atomic::Ordering::SeqCst)
    }
}
