//! What every handler and server function can reach.

use std::sync::Arc;

use axum::extract::FromRef;
use leptos::prelude::*;

use super::auth;
use super::backend::{health, wire};
use super::http::page_cache;
use super::settings::Settings;
use super::storage::store::Store;

/// What every handler and server function can reach.
#[derive(Clone)]
pub struct AppState {
    pub leptos_options: LeptosOptions,
    pub settings: Arc<Settings>,
    pub store: Arc<Store>,
    pub auth: Arc<auth::Auth>,
    pub pages: Arc<page_cache::PageCache>,
    /// What the last reconcile of the routes with the kernel came to.
    pub backend: Arc<health::BackendStatus>,
    /// What the host backend last found on the device's own side.
    pub host: Arc<health::HostStatus>,
    /// The wire checks and their latest results.
    pub wire: Arc<wire::WireChecks>,
}

impl FromRef<AppState> for LeptosOptions {
    fn from_ref(s: &AppState) -> Self {
        s.leptos_options.clone()
    }
}

impl AppState {
    pub fn new(settings: Settings) -> Result<AppState, String> {
        let store = Store::open(&settings.data_dir, settings.profile.clone())?;
        store.set_trial_seconds(settings.trial_seconds);
        let auth = auth::Auth::open(
            &settings.data_dir,
            settings.initial_password.as_deref(),
            settings.access.clone(),
        )?;
        Ok(AppState {
            backend: Arc::new(health::BackendStatus::new(
                settings.route_namespace.is_none(),
            )),
            host: Arc::new(health::HostStatus::new(
                settings.host_namespace.is_none(),
            )),
            wire: Arc::new(wire::WireChecks::new(
                settings.route_namespace.clone(),
                settings.wire_checks,
            )),
            leptos_options: settings.leptos.clone(),
            settings: Arc::new(settings),
            store: Arc::new(store),
            auth: Arc::new(auth),
            pages: Arc::new(page_cache::PageCache::default()),
        })
    }

    /// Keeps the host namespace and the VM namespace (each if one is
    /// configured) in step with every applied revision: the host's ports,
    /// switches and NAT, the VM's side of the compute port (node address,
    /// MTU), then the custom routes, then a reachability check. Without
    /// one, routes are only written to the configuration (a dry run), and
    /// each revision's reachability says that nothing was looked at. Needs a
    /// Tokio runtime.
    pub fn start_route_backend(&self) {
        super::backend::start(
            super::backend::Namespaces {
                host: self.settings.host_namespace.clone(),
                route: self.settings.route_namespace.clone(),
            },
            &self.store,
            self.backend.clone(),
            self.host.clone(),
            self.wire.clone(),
        );
        self.start_trial_timer();
    }

    /// Ends every trial at its deadline by restoring the revision it
    /// replaced (at once for one whose deadline passed while the server was
    /// stopped). Needs a Tokio runtime.
    pub fn start_trial_timer(&self) {
        tokio::spawn(super::storage::trial::run_timer(self.store.clone()));
    }
}

impl FromRef<AppState> for page_cache::PageInputs {
    fn from_ref(s: &AppState) -> Self {
        page_cache::PageInputs {
            enabled: s.settings.page_cache,
            pages: s.pages.clone(),
            store: s.store.clone(),
            wire: s.wire.clone(),
            host: s.host.clone(),
        }
    }
}
