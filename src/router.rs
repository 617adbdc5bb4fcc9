//! The composition root: the pages ([`crate::app`]), the server functions
//! ([`crate::actions`]) and the server's routes and layers
//! ([`crate::server`]) in one axum router. The only module that names both
//! the app and the server.

use std::time::Instant;

use axum::{extract::FromRef, extract::Request, middleware::Next, response::Response, Router};
use leptos::prelude::*;
use leptos_axum::{generate_route_list, LeptosRoutes};

use crate::app::{shell, App};
use crate::server::{api, auth, http, AppState};

/// The whole application: pages, server functions, the HTTP API, static files.
pub fn router(state: AppState) -> Router {
    router_with(state, Router::new())
}

/// [`router`] with `extra` routes behind the same layers. The server adds
/// none; tests add routes that misbehave (a handler that panics) to check
/// what the layers make of them.
pub fn router_with(state: AppState, extra: Router<AppState>) -> Router {
    http::panic::install_hook();
    let routes = generate_route_list(App);
    let ctx = {
        let state = state.clone();
        move || {
            provide_context(state.clone());
            // Read once: the context hands out a clone of the request's parts.
            let parts = use_context::<axum::http::request::Parts>();
            let ext = parts.as_ref().map(|p| &p.extensions);
            // The nonce the security headers announce is the one the page's scripts carry.
            if let Some(n) = ext.and_then(|e| e.get::<http::headers::CspNonce>()) {
                provide_context(leptos::nonce::Nonce::from_value(n.0.clone()));
            }
            let lang = ext
                .and_then(|e| e.get::<crate::i18n::Lang>().copied())
                .unwrap_or_default();
            provide_context(lang);
            let options = &state.leptos_options;
            provide_context(crate::state::Served {
                css: http::assets::css_href(options),
                js: http::assets::js_href(options),
                wasm: http::assets::wasm_href(options),
                catalog: http::assets::catalog_href(lang),
                csrf: parts
                    .as_ref()
                    .and_then(|p| http::guard::session_of(p).map(|s| s.csrf.clone()))
                    .unwrap_or_default(),
            });
        }
    };
    let shell_options = state.leptos_options.clone();
    Router::new()
        .nest(
            "/api/v1",
            api::resources::routes()
                .merge(auth::access::api_routes())
                .merge(api::config_file::api_routes())
                .merge(api::wire::api_routes())
                .merge(api::trial::api_routes())
                .merge(api::openapi::routes()),
        )
        .merge(auth::access::form_routes())
        .merge(api::config_file::form_routes())
        .merge(api::wire::form_routes())
        .merge(api::trial::form_routes())
        .merge(http::lang::routes())
        .route("/healthz", axum::routing::get(api::health::healthz))
        .merge(extra)
        .merge(http::assets::routes(&state.leptos_options))
        .leptos_routes_with_context(&state, routes, ctx.clone(), move || {
            shell(shell_options.clone())
        })
        .fallback(leptos_axum::file_and_error_handler_with_context::<
            AppState,
            _,
        >(ctx, shell))
        .layer(axum::middleware::from_fn(http::guard::rpc_errors))
        .layer(axum::middleware::from_fn_with_state(
            http::page_cache::PageInputs::from_ref(&state),
            http::page_cache::page_cache,
        ))
        // Inside `lang::detect`: the error page is in the reader's language.
        .layer(axum::middleware::from_fn(http::panic::catch_panic))
        .layer(axum::middleware::from_fn(http::lang::detect))
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            http::guard::guard,
        ))
        .layer(axum::middleware::from_fn(http::guard::limit_body))
        .layer(axum::middleware::from_fn(http::headers::security_headers))
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
