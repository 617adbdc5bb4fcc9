//! The server: runtime settings, the store, the HTTP API and the router.

pub mod access;
pub mod assets;
pub mod auth;
pub mod config_api;
pub mod guard;
pub mod headers;
pub mod health;
pub mod http;
pub mod http_api;
pub mod lang;
pub mod netlink;
pub mod openapi;
pub mod page_cache;
pub mod panic;
pub mod security_log;
pub mod settings;
pub mod startup;
pub mod store;
pub mod tls;
pub mod ui;
pub mod wire;

use std::{sync::Arc, time::Instant};

use axum::{extract::FromRef, extract::Request, middleware::Next, response::Response, Router};
use leptos::prelude::*;
use leptos_axum::{generate_route_list, LeptosRoutes};

use crate::app::{shell, App};
use crate::domain::routes::kernel::{KernelView, RefusedRoute};
use settings::Settings;
use store::Store;

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
        let auth = auth::Auth::open(
            &settings.data_dir,
            settings.initial_password.as_deref(),
            settings.access.clone(),
        )?;
        Ok(AppState {
            backend: Arc::new(health::BackendStatus::new(
                settings.route_namespace.is_none(),
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

    /// Keeps the VM namespace (if one is configured) in step with every
    /// applied revision: the VM's side of the compute port (node address,
    /// MTU), then the custom routes, then a reachability check. Without
    /// one, routes are only written to the configuration (a dry run), and
    /// each revision's reachability says that nothing was looked at. Needs a
    /// Tokio runtime.
    pub fn start_route_backend(&self) {
        let ns = self.settings.route_namespace.clone();
        if ns.is_none() {
            tracing::info!("no route namespace configured: routes are written to the configuration only (dry run)");
        }
        let mut rx = self.store.subscribe();
        let profile = self.store.profile().clone();
        let status = self.backend.clone();
        let wire = self.wire.clone();
        tokio::spawn(async move {
            loop {
                let config = rx.borrow_and_update().clone();
                if let Some(ns) = &ns {
                    // The node address first: a route via a gateway on eth1
                    // needs eth1's subnet to be connected.
                    let vm_side = wire.program_vm_side(&config).await;
                    if let Err(e) = &vm_side {
                        tracing::error!(namespace = %ns, revision = config.revision, error = %e, "VM side of the compute port not programmed");
                    }
                    let want = netlink::desired(&config, &profile);
                    let ns2 = ns.clone();
                    let outcome =
                        tokio::task::spawn_blocking(move || netlink::reconcile(&ns2, &want)).await;
                    let mut other: Vec<String> = vm_side
                        .as_ref()
                        .err()
                        .map(|e| format!("the VM side of the compute port: {e}"))
                        .into_iter()
                        .collect();
                    status.set(match &outcome {
                        Ok(Ok(r)) => {
                            let refused: Vec<RefusedRoute> = r
                                .refused
                                .iter()
                                .map(|(k, reason)| RefusedRoute {
                                    destination: k.destination,
                                    metric: k.metric,
                                    reason: reason.clone(),
                                })
                                .collect();
                            // What failed beyond the wanted routes (a stale route that would not go).
                            other.extend(r.unremoved_sentences());
                            KernelView::Reconciled {
                                revision: config.revision,
                                refused,
                                other,
                            }
                        }
                        Ok(Err(e)) => KernelView::Unreachable {
                            revision: config.revision,
                            reason: e.clone(),
                        },
                        Err(e) => KernelView::Unreachable {
                            revision: config.revision,
                            reason: format!("the reconcile task failed: {e}"),
                        },
                    });
                    match outcome {
                        Ok(Ok(r)) => {
                            for f in r.failed() {
                                tracing::error!(namespace = %ns, revision = config.revision, "route not reconciled: {f}");
                            }
                            tracing::info!(namespace = %ns, revision = config.revision, added = r.added.len(), removed = r.removed.len(), kept = r.kept, failed = r.refused.len() + r.unremoved.len(), "routes reconciled")
                        }
                        Ok(Err(e)) => {
                            tracing::error!(namespace = %ns, revision = config.revision, error = %e, "routes not reconciled")
                        }
                        Err(e) => tracing::error!(error = %e, "route reconcile task failed"),
                    }
                }
                wire.reach(&config).await;
                if rx.changed().await.is_err() {
                    break;
                }
            }
        });
    }
}

/// The whole application: pages, server functions, the HTTP API, static files.
pub fn router(state: AppState) -> Router {
    router_with(state, Router::new())
}

/// [`router`] with `extra` routes behind the same layers. The server adds
/// none; tests add routes that misbehave (a handler that panics) to check
/// what the layers make of them.
pub fn router_with(state: AppState, extra: Router<AppState>) -> Router {
    panic::install_hook();
    let routes = generate_route_list(App);
    let ctx = {
        let state = state.clone();
        move || {
            provide_context(state.clone());
            // Read once: the context hands out a clone of the request's parts.
            let parts = use_context::<axum::http::request::Parts>();
            let ext = parts.as_ref().map(|p| &p.extensions);
            // The nonce the security headers announce is the one the page's scripts carry.
            if let Some(n) = ext.and_then(|e| e.get::<headers::CspNonce>()) {
                provide_context(leptos::nonce::Nonce::from_value(n.0.clone()));
            }
            let lang = ext.and_then(|e| e.get::<crate::i18n::Lang>().copied());
            provide_context(lang.unwrap_or_default());
        }
    };
    let shell_options = state.leptos_options.clone();
    Router::new()
        .nest(
            "/api/v1",
            http_api::routes()
                .merge(access::api_routes())
                .merge(config_api::api_routes())
                .merge(wire::api::api_routes())
                .merge(openapi::routes()),
        )
        .merge(access::form_routes())
        .merge(config_api::form_routes())
        .merge(wire::api::form_routes())
        .merge(lang::routes())
        .route("/healthz", axum::routing::get(health::healthz))
        .merge(extra)
        .merge(assets::routes(&state.leptos_options))
        .leptos_routes_with_context(&state, routes, ctx.clone(), move || {
            shell(shell_options.clone())
        })
        .fallback(leptos_axum::file_and_error_handler_with_context::<
            AppState,
            _,
        >(ctx, shell))
        .layer(axum::middleware::from_fn(guard::rpc_errors))
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            page_cache::page_cache,
        ))
        // Inside `lang::detect`: the error page is in the reader's language.
        .layer(axum::middleware::from_fn(panic::catch_panic))
        .layer(axum::middleware::from_fn(lang::detect))
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            guard::guard,
        ))
        .layer(axum::middleware::from_fn(guard::limit_body))
        .layer(axum::middleware::from_fn(headers::security_headers))
        // Pages and API answers; the static files come precompressed and pass untouched.
        // Quality 5, not the layer's default 4: pages come out 7 to 9 % smaller
        // for about 0.3 ms more per page (measured on the seven pages of the
        // console: /compute 5,161 -> 4,767 bytes); 6 adds next to nothing and
        // 11 takes 20 to 200 ms.
        .layer(
            tower_http::compression::CompressionLayer::new()
                .br(true)
                .gzip(true)
                .quality(tower_http::compression::CompressionLevel::Precise(5))
                .compress_when({
                    use tower_http::compression::predicate::{
                        DefaultPredicate, NotForContentType, Predicate,
                    };
                    DefaultPredicate::new().and(NotForContentType::const_new("application/wasm"))
                }),
        )
        .layer(axum::middleware::from_fn(log_request))
        .with_state(state)
}

/// One line per request, at debug level.
async fn log_request(req: Request, next: Next) -> Response {
    let (method, uri) = (req.method().clone(), req.uri().clone());
    let started = Instant::now();
    let res = next.run(req).await;
    tracing::debug!(%method, %uri, status = res.status().as_u16(), micros = started.elapsed().as_micros() as u64, "request");
    res
}
