//! The server: runtime settings, the store, the HTTP API and the router.

pub mod http_api;
pub mod settings;
pub mod store;
pub mod ui;

use std::{sync::Arc, time::Instant};

use axum::{extract::FromRef, extract::Request, middleware::Next, response::Response, Router};
use leptos::prelude::*;
use leptos_axum::{generate_route_list, LeptosRoutes};

use crate::app::{shell, App};
use settings::Settings;
use store::Store;

/// What every handler and server function can reach.
#[derive(Clone)]
pub struct AppState {
    pub leptos_options: LeptosOptions,
    pub settings: Arc<Settings>,
    pub store: Arc<Store>,
}

impl FromRef<AppState> for LeptosOptions {
    fn from_ref(s: &AppState) -> Self {
        s.leptos_options.clone()
    }
}

impl AppState {
    pub fn new(settings: Settings) -> Result<AppState, String> {
        let store = Store::open(&settings.data_dir, settings.profile.clone())?;
        Ok(AppState { leptos_options: settings.leptos.clone(), settings: Arc::new(settings), store: Arc::new(store) })
    }
}

/// The whole application: pages, server functions, the HTTP API, static files.
pub fn router(state: AppState) -> Router {
    let routes = generate_route_list(App);
    let ctx = {
        let state = state.clone();
        move || provide_context(state.clone())
    };
    let shell_options = state.leptos_options.clone();
    Router::new()
        .nest("/api/v1", http_api::routes())
        .leptos_routes_with_context(&state, routes, ctx.clone(), move || shell(shell_options.clone()))
        .fallback(leptos_axum::file_and_error_handler_with_context::<AppState, _>(ctx, shell))
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
