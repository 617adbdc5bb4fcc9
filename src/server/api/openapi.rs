//! The HTTP API described as OpenAPI 3.1, generated with `utoipa` and served
//! at `GET /api/v1/openapi.json` (behind sign-in, like the rest of the API).
//!
//! Each operation is described on its handler (`#[utoipa::path]` in
//! `resources`, `config_file`, `wire`, `auth::access`), with the bodies of
//! [`super::schema`]; this module gathers them and adds what the layers in
//! front of every handler answer. `tests/openapi.rs` checks that every route
//! of the router is documented and every documented request example is
//! accepted; `tests/contract.rs` that every answer fits the document.

use axum::{http::header, response::IntoResponse, routing::get, Router};
use utoipa::OpenApi;

use crate::server::AppState;

/// `/openapi.json` under `/api/v1`.
pub fn routes() -> Router<AppState> {
    Router::new().route("/openapi.json", get(document))
}

#[utoipa::path(get, path = "/api/v1/openapi.json", tag = "meta", responses((status = 200, body = Object, description = "This document")))]
async fn document() -> impl IntoResponse {
    (
        [(header::CONTENT_TYPE, "application/json")],
        ApiDoc::openapi()
            .to_pretty_json()
            .unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}")),
    )
}

/// The answers the layers in front of every handler give (`http::guard`,
/// the body limit), added to every operation they can reach: 401 without a
/// session (all but signing in and this document's neighbours that are
/// public), 403 for a change without the session's token, from another site,
/// or before the initial password is changed, 413 for a body over the
/// limit.
struct Layers;

impl utoipa::Modify for Layers {
    fn modify(&self, doc: &mut utoipa::openapi::OpenApi) {
        use utoipa::openapi::{path::HttpMethod, RefOr, ResponseBuilder};
        let errors = || {
            RefOr::T(
                ResponseBuilder::new()
                    .description("Refused before the handler ran")
                    .content(
                        "application/json",
                        utoipa::openapi::ContentBuilder::new()
                            .schema(Some(utoipa::openapi::Ref::from_schema_name("Errors")))
                            .build(),
                    )
                    .build(),
            )
        };
        for (path, item) in doc.paths.paths.iter_mut() {
            let public = path == "/api/v1/session";
            for (method, op) in [
                (HttpMethod::Get, item.get.as_mut()),
                (HttpMethod::Put, item.put.as_mut()),
                (HttpMethod::Post, item.post.as_mut()),
                (HttpMethod::Delete, item.delete.as_mut()),
            ] {
                let Some(op) = op else { continue };
                let r = &mut op.responses.responses;
                let change = method != HttpMethod::Get;
                if !(public && method == HttpMethod::Post) {
                    r.entry("401".into()).or_insert_with(errors);
                }
                if change {
                    r.entry("403".into()).or_insert_with(errors);
                    r.entry("413".into()).or_insert_with(errors);
                }
                if !change && !public {
                    r.entry("403".into()).or_insert_with(errors);
                }
            }
        }
    }
}

#[derive(OpenApi)]
#[openapi(
    modifiers(&Layers),
    info(
        title = "edgenet HTTP API",
        description = "The local API of an edge compute appliance: ports, compute, Kubernetes networks, custom routes, manifests and the revisioned configuration. Sign in with POST /api/v1/session; send the cookie, and the token in X-CSRF-Token with every PUT, POST and DELETE."
    ),
    paths(
        crate::server::auth::access::api_sign_in,
        crate::server::auth::access::api_session,
        crate::server::auth::access::api_sign_out,
        crate::server::auth::access::api_password,
        crate::server::api::resources::list_ports,
        crate::server::api::resources::get_port,
        crate::server::api::resources::put_port,
        crate::server::api::resources::get_compute,
        crate::server::api::resources::put_compute,
        crate::server::api::wire::api_probe,
        crate::server::api::wire::status,
        crate::server::api::resources::get_kubernetes,
        crate::server::api::resources::put_kubernetes,
        crate::server::api::resources::get_default_gateway,
        crate::server::api::resources::put_default_gateway,
        crate::server::api::resources::list_routes,
        crate::server::api::resources::add_route,
        crate::server::api::resources::remove_route,
        crate::server::api::resources::lookup_route,
        crate::server::api::resources::list_manifests,
        crate::server::api::resources::get_manifest,
        crate::server::api::resources::get_config,
        crate::server::api::resources::history,
        crate::server::api::resources::audit,
        crate::server::api::resources::get_staged,
        crate::server::api::resources::discard_staged,
        crate::server::api::resources::factory_reset,
        crate::server::api::config_file::export,
        crate::server::api::config_file::import,
        crate::server::api::trial::get_trial,
        crate::server::api::trial::api_confirm,
        crate::server::api::trial::api_revert,
        document,
    )
)]
pub struct ApiDoc;
