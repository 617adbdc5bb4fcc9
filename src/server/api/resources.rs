//! The HTTP API for automation: `/api/v1/...`, JSON in and out.
//!
//! Bodies are read as loose JSON and turned into the same text forms the pages
//! post, so the API and the UI share one parser and one rule set. Errors have
//! one shape: `{"errors": [{"field": "...", "message": "..."}]}` with 400
//! (unreadable body), 404, 409 (stale revision) or 422 (invalid values).

use axum::{
    extract::{Path, State},
    http::{HeaderMap, StatusCode},
    response::{IntoResponse, Response},
    routing::get,
    Extension, Json, Router,
};
use serde::Deserialize;

use crate::domain::{
    error::FieldError,
    form::{teaming_refusal, ComputeForm, PortForm},
    kubernetes::KubernetesForm,
    manifests,
    model::Route,
    model::{Allocation, Config},
    routes::{which_route, RouteForm, Verdict},
};
use crate::i18n::Message;
use crate::server::api::body::{ApiJson, ApiJsonOrEmpty, PortChoice};
use crate::server::api::schema as doc;
use crate::server::api::trial::{self, api_actor, TrialQuery};
use crate::server::api::views::{self, consequence_views};
use crate::server::http::error::{error, errors_response, store_error, ApiError, ErrorItem};
use crate::server::{
    http::guard::ClientAddr,
    storage::store::{Actor, StoreError},
    AppState,
};

/// Every endpoint under `/api/v1`, for the README and for the tests that walk
/// them all (without a session every one must refuse).
pub const ENDPOINTS: &[(&str, &str)] = &[
    ("GET", "/ports"),
    ("GET", "/ports/Port3"),
    ("PUT", "/ports/Port3"),
    ("GET", "/compute"),
    ("PUT", "/compute"),
    ("POST", "/compute/probe"),
    ("GET", "/status"),
    ("GET", "/kubernetes"),
    ("PUT", "/kubernetes"),
    ("GET", "/default-gateway"),
    ("PUT", "/default-gateway"),
    ("GET", "/routes"),
    ("POST", "/routes"),
    ("DELETE", "/routes"),
    ("GET", "/routes/lookup"),
    ("GET", "/manifests"),
    ("GET", "/manifests/calico-ippool.yaml"),
    ("GET", "/config"),
    ("GET", "/config/history"),
    ("GET", "/audit"),
    ("GET", "/config/staged"),
    ("DELETE", "/config/staged"),
    ("POST", "/config/factory-reset"),
    ("GET", "/config/export"),
    ("GET", "/config/trial"),
    ("POST", "/config/trial/confirm"),
    ("POST", "/config/trial/revert"),
    ("POST", "/config/import"),
    ("GET", "/openapi.json"),
    ("GET", "/session"),
    ("DELETE", "/session"),
    ("PUT", "/password"),
];

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/ports", get(list_ports))
        .route("/ports/{name}", get(get_port).put(put_port))
        .route("/compute", get(get_compute).put(put_compute))
        .route("/kubernetes", get(get_kubernetes).put(put_kubernetes))
        .route(
            "/default-gateway",
            get(get_default_gateway).put(put_default_gateway),
        )
        .route(
            "/routes",
            get(list_routes).post(add_route).delete(remove_route),
        )
        .route("/routes/lookup", get(lookup_route))
        .route("/manifests", get(list_manifests))
        .route("/manifests/{name}", get(get_manifest))
        .route("/config", get(get_config))
        .route("/config/history", get(history))
        .route("/audit", get(audit))
        .route("/config/staged", get(get_staged).delete(discard_staged))
        .route("/config/factory-reset", axum::routing::post(factory_reset))
        .fallback(|| async {
            error(
                StatusCode::NOT_FOUND,
                "path",
                "no such API endpoint; see /api/v1/ports, /api/v1/compute, /api/v1/config/history",
            )
        })
}

/// A port as the API shows it: the profile's facts and the applied settings.
fn port_view(config: &Config, state: &AppState, name: &str) -> Option<doc::Port> {
    let spec = state.store.profile().port(name)?;
    let port = config.port(&spec.name)?;
    let form = PortForm::from_config(port);
    Some(doc::Port {
        name: spec.name.clone(),
        speed: spec.speed.clone(),
        role: spec.role.key().to_string(),
        compute_capable: spec.compute,
        mode: form.mode,
        address: form.address,
        prefix: form.prefix,
        gateway: form.gateway,
        dns_primary: form.dns_primary,
        dns_secondary: form.dns_secondary,
        mtu: port.mtu,
        compute: config.compute.as_ref().is_some_and(|c| c.port == spec.name),
        trial: None,
        revision: None,
    })
}

#[utoipa::path(get, path = "/api/v1/ports", tag = "ports", responses((status = 200, body = doc::PortList)))]
async fn list_ports(State(state): State<AppState>) -> Json<doc::PortList> {
    let snap = state.store.snapshot().await;
    let c = &snap.applied.config;
    Json(doc::PortList {
        revision: c.revision,
        ports: c
            .ports
            .iter()
            .filter_map(|p| port_view(c, &state, &p.name))
            .collect(),
    })
}

#[utoipa::path(get, path = "/api/v1/ports/{name}", tag = "ports",
    params(("name" = String, Path, description = "A port of the device profile, e.g. Port3")),
    responses((status = 200, body = doc::Port), (status = 404, body = doc::Errors)))]
async fn get_port(
    State(state): State<AppState>,
    Path(name): Path<String>,
) -> Result<Json<doc::Port>, ApiError> {
    let snap = state.store.snapshot().await;
    let port = port_view(&snap.applied.config, &state, &name).ok_or_else(|| {
        ApiError::new(
            StatusCode::NOT_FOUND,
            "name",
            format!("this device has no port named {name}"),
        )
    })?;
    Ok(Json(doc::Port {
        revision: Some(snap.applied.config.revision),
        ..port
    }))
}

#[utoipa::path(put, path = "/api/v1/ports/{name}", tag = "ports",
    params(("name" = String, Path, description = "A port of the device profile, e.g. Port3"), TrialQuery),
    request_body(content = doc::PortUpdate, example = json!({"mode": "static", "address": "10.0.0.2", "prefix": 24, "gateway": "10.0.0.1", "dns_primary": "10.0.0.53", "mtu": 1500, "revision": 0})),
    responses((status = 400, body = doc::Errors, description = "The body is not a JSON object"), (status = 200, body = doc::Port), (status = 404, body = doc::Errors), (status = 409, body = doc::Errors), (status = 422, body = doc::Errors)))]
async fn put_port(
    State(state): State<AppState>,
    Extension(ClientAddr(client)): Extension<ClientAddr>,
    Path(name): Path<String>,
    axum::extract::Query(tq): axum::extract::Query<TrialQuery>,
    headers: HeaderMap,
    ApiJson(body): ApiJson<doc::PortUpdate>,
) -> Response {
    let Some(spec) = state.store.profile().port(&name) else {
        return error(
            StatusCode::NOT_FOUND,
            "name",
            format!("this device has no port named {name}"),
        );
    };
    let name = spec.name.clone();
    let mut errors = Vec::new();
    let actor = api_actor(client, &tq, &headers, &mut errors);
    let rev = body.revision.revision(&mut errors);
    let mut form = PortForm {
        name: name.clone(),
        mode: body.mode.text("mode", &mut errors),
        address: body.address.text("address", &mut errors),
        prefix: body.prefix.text("prefix", &mut errors),
        gateway: body.gateway.text("gateway", &mut errors),
        dns_primary: body.dns_primary.text("dns_primary", &mut errors),
        dns_secondary: body.dns_secondary.text("dns_secondary", &mut errors),
        mtu: body.mtu.text("mtu", &mut errors),
    };
    if form.mode.trim().is_empty() {
        errors.push(FieldError::new("mode", crate::msg!("api-mode-required")));
    }
    if !errors.is_empty() {
        return errors_response(StatusCode::UNPROCESSABLE_ENTITY, &errors, "");
    }
    let prefix = format!("ports.{name}.");
    let result = state
        .store
        .apply_edit(rev, &actor, move |d| {
            let slot = d
                .port_mut(&form.name)
                .ok_or_else(|| StoreError::UnknownPort(form.name.clone()))?;
            if form.mtu.trim().is_empty() {
                form.mtu = slot.mtu.clone();
            }
            *slot = form;
            Ok(())
        })
        .await;
    match result {
        Ok(revision) => {
            let snap = state.store.snapshot().await;
            match port_view(&snap.applied.config, &state, &name) {
                Some(p) => Json(doc::Port {
                    revision: Some(revision),
                    trial: trial::current(&state, &headers).await,
                    ..p
                })
                .into_response(),
                None => error(
                    StatusCode::NOT_FOUND,
                    "name",
                    format!("this device has no port named {name}"),
                ),
            }
        }
        Err(e) => store_error(e, &prefix),
    }
}

fn compute_view(config: &Config) -> doc::Compute {
    let range = |r: &crate::domain::addr::Ipv4Range| doc::AddressRange {
        start: r.start().to_string(),
        end: r.end().to_string(),
    };
    let c = config.compute.as_ref();
    doc::Compute {
        revision: config.revision,
        enabled: c.is_some(),
        port: c.map(|c| c.port.clone()),
        switch_name: c.map(|c| c.switch_name.clone()),
        node_ips: c.map(|c| range(&c.node_ips)),
        service_ips: c.map(|c| range(&c.service_ips)),
        skip_edge_addresses: c.map(|c| c.skip_edge_addresses),
        allocation: c.and_then(Allocation::of).map(|a| doc::Allocation {
            master: a.master.to_string(),
            worker: a.worker.to_string(),
            update_spare: a.update_spare.map(|u| u.to_string()),
            unused_node_ips: a.unused_node_ips,
            service_ips_free: a.service_ips_free,
        }),
        trial: None,
    }
}

#[utoipa::path(get, path = "/api/v1/compute", tag = "compute", responses((status = 200, body = doc::Compute)))]
async fn get_compute(State(state): State<AppState>) -> Response {
    Json(compute_view(&state.store.snapshot().await.applied.config)).into_response()
}

#[utoipa::path(put, path = "/api/v1/compute", tag = "compute", params(TrialQuery),
    request_body(content = doc::ComputeUpdate, example = json!({"port": "Port3", "node_ips": {"start": "10.0.0.10", "end": "10.0.0.12"}, "service_ips": {"start": "10.0.0.20", "end": "10.0.0.29"}, "skip_edge_addresses": false, "revision": 1})),
    responses((status = 400, body = doc::Errors, description = "The body is not a JSON object"), (status = 200, body = doc::Compute), (status = 409, body = doc::Errors), (status = 422, body = doc::Errors)))]
async fn put_compute(
    State(state): State<AppState>,
    Extension(ClientAddr(client)): Extension<ClientAddr>,
    axum::extract::Query(tq): axum::extract::Query<TrialQuery>,
    headers: HeaderMap,
    ApiJson(body): ApiJson<doc::ComputeUpdate>,
) -> Response {
    let mut errors = Vec::new();
    let actor = api_actor(client, &tq, &headers, &mut errors);
    let rev = body.revision.revision(&mut errors);
    // Off: `{"enabled": false, "revision": N}`; the other keys are not read.
    let form = if body.enabled.flag("enabled", &mut errors) == Some(false) {
        ComputeForm::default()
    } else {
        compute_form(&body, &mut errors)
    };
    if !errors.is_empty() {
        return errors_response(StatusCode::UNPROCESSABLE_ENTITY, &errors, "");
    }
    match state
        .store
        .apply_edit(rev, &actor, move |d| {
            d.compute = form;
            Ok(())
        })
        .await
    {
        Ok(_) => Json(doc::Compute {
            trial: trial::current(&state, &headers).await,
            ..compute_view(&state.store.snapshot().await.applied.config)
        })
        .into_response(),
        Err(e) => store_error(e, "compute."),
    }
}

/// The Compute form a `PUT /compute` body turning compute on reads as; a
/// list of ports (NIC teaming) is refused with the ports named.
fn compute_form(body: &doc::ComputeUpdate, errors: &mut Vec<FieldError>) -> ComputeForm {
    let port = match &body.port {
        PortChoice::Team(names) => {
            if names.len() > 1 {
                let names: Vec<&str> = names.iter().map(String::as_str).collect();
                errors.push(FieldError::new("port", teaming_refusal(&names)));
            }
            names.first().cloned().unwrap_or_default()
        }
        PortChoice::One(port) => port.text("port", errors),
    };
    if port.trim().is_empty() && !errors.iter().any(|e| e.field == "port") {
        errors.push(FieldError::new("port", crate::msg!("api-port-required")));
    }
    let (node_start, node_end) = body.node_ips.fields("node_ips", errors);
    let (service_start, service_end) = body.service_ips.fields("service_ips", errors);
    let skip_edge = body
        .skip_edge_addresses
        .flag("skip_edge_addresses", errors)
        .unwrap_or(false);
    ComputeForm {
        port,
        switch_name: body.switch_name.text("switch_name", errors),
        node_start,
        node_end,
        service_start,
        service_end,
        skip_edge,
    }
}

#[utoipa::path(get, path = "/api/v1/config", tag = "config", responses((status = 200, body = doc::AppliedConfig)))]
async fn get_config(State(state): State<AppState>) -> Json<doc::AppliedConfig> {
    let applied = state.store.snapshot().await.applied;
    Json(doc::AppliedConfig {
        revision: applied.config.revision,
        applied_at: applied.applied_at,
        config: applied.config,
    })
}

#[utoipa::path(get, path = "/api/v1/config/history", tag = "config", responses((status = 200, body = doc::History)))]
async fn history(State(state): State<AppState>) -> Json<doc::History> {
    let history = state.store.snapshot().await.history;
    Json(doc::History {
        history: history
            .into_iter()
            .map(|h| doc::HistoryEntry {
                revision: h.revision,
                applied_at: h.applied_at,
                source: h.source.to_string(),
                client: h.client,
                changes: h.changes as u64,
                summary: h.summary,
                restored_from: h.restored_from,
                reverted: h.reverted.as_ref().map(views::reverted_view),
                sections: h
                    .sections
                    .into_iter()
                    .map(|(s, fields)| {
                        (
                            s.to_string(),
                            fields.iter().map(ToString::to_string).collect(),
                        )
                    })
                    .collect(),
            })
            .collect(),
    })
}

/// Entries of the audit trail answered at most at once.
pub const AUDIT_LIMIT_MAX: usize = 200;

#[derive(Deserialize)]
struct AuditQuery {
    offset: Option<String>,
    limit: Option<String>,
}

/// The audit trail, newest first: applied revisions and security events,
/// `limit` (default 50, at most [`AUDIT_LIMIT_MAX`]) from `offset`.
#[utoipa::path(get, path = "/api/v1/audit", tag = "config",
    params(("offset" = Option<u64>, Query, description = "Entries to skip, newest first (default 0)"),
        ("limit" = Option<u64>, Query, description = "Entries to answer, 0 to 200 (default 50)")),
    responses((status = 200, body = doc::Audit, description = "Applied revisions and security events (sign-ins, failed sign-ins, lock-outs, sign-outs, password changes), newest first, each with its client address"),
        (status = 422, body = doc::Errors)))]
async fn audit(
    State(state): State<AppState>,
    axum::extract::Query(q): axum::extract::Query<AuditQuery>,
) -> Response {
    let mut errors = Vec::new();
    let mut number = |key: &str, text: Option<String>, default: usize, max: usize| {
        let Some(text) = text else { return default };
        match text.trim().parse::<usize>() {
            Ok(n) if n <= max => n,
            _ => {
                errors.push(FieldError::new(
                    key,
                    crate::msg!("api-audit-bad-number", key = key, text = text, max = max),
                ));
                default
            }
        }
    };
    let offset = number("offset", q.offset, 0, 100_000);
    let limit = number("limit", q.limit, 50, AUDIT_LIMIT_MAX);
    if !errors.is_empty() {
        return errors_response(StatusCode::UNPROCESSABLE_ENTITY, &errors, "");
    }
    match state.store.audit(offset, limit).await {
        Ok(entries) => Json(doc::Audit {
            offset: offset as u64,
            entries: entries.iter().map(views::audit_view).collect(),
        })
        .into_response(),
        Err(e) => store_error(e, ""),
    }
}

/// The changes staged in the UI, with their problems, or `{"staged": false}`.
#[utoipa::path(get, path = "/api/v1/config/staged", tag = "config", responses((status = 200, body = doc::Staged)))]
async fn get_staged(State(state): State<AppState>) -> Json<doc::Staged> {
    let snap = state.store.snapshot().await;
    let profile = state.store.profile();
    Json(match snap.draft {
        None => doc::Staged {
            staged: false,
            base_revision: None,
            changes: None,
            consequences: None,
            errors: None,
        },
        Some(d) => {
            let (_, errors) = d.resolve(&snap.applied.config, profile);
            let consequences =
                crate::domain::consequences::of_draft(&d, &snap.applied.config, profile);
            doc::Staged {
                staged: true,
                base_revision: Some(d.base_revision),
                changes: Some(
                    d.changes(&snap.applied.config)
                        .iter()
                        .map(views::change_view)
                        .collect(),
                ),
                consequences: Some(consequence_views(&consequences)),
                errors: Some(errors.iter().map(|e| ErrorItem::of(e, "")).collect()),
            }
        }
    })
}

#[utoipa::path(delete, path = "/api/v1/config/staged", tag = "config", responses((status = 204, description = "Discarded")))]
async fn discard_staged(State(state): State<AppState>) -> Response {
    match state.store.discard_draft().await {
        Ok(()) => StatusCode::NO_CONTENT.into_response(),
        Err(e) => store_error(e, ""),
    }
}

fn kubernetes_view(config: &Config, warnings: &[FieldError]) -> doc::Kubernetes {
    let k = &config.kubernetes;
    doc::Kubernetes {
        revision: config.revision,
        pod_cidr: k.pod_cidr.to_string(),
        service_cidr: k.service_cidr.to_string(),
        dns_ip: k.dns().to_string(),
        block_size: k.block_size,
        locked: k.locked_at.is_some(),
        locked_at_revision: k.locked_at,
        warnings: warnings.iter().map(|w| ErrorItem::of(w, "")).collect(),
    }
}

#[utoipa::path(get, path = "/api/v1/kubernetes", tag = "kubernetes", responses((status = 200, body = doc::Kubernetes)))]
async fn get_kubernetes(State(state): State<AppState>) -> Response {
    Json(kubernetes_view(
        &state.store.snapshot().await.applied.config,
        &[],
    ))
    .into_response()
}

#[utoipa::path(put, path = "/api/v1/kubernetes", tag = "kubernetes",
    request_body(content = doc::KubernetesUpdate, example = json!({"pod_cidr": "172.27.0.0/16", "service_cidr": "172.28.0.0/16", "dns_ip": "", "revision": 0})),
    responses((status = 400, body = doc::Errors, description = "The body is not a JSON object"), (status = 200, body = doc::Kubernetes), (status = 409, body = doc::Errors), (status = 422, body = doc::Errors, description = "Invalid, or locked since compute was applied")))]
async fn put_kubernetes(
    State(state): State<AppState>,
    Extension(ClientAddr(client)): Extension<ClientAddr>,
    ApiJson(body): ApiJson<doc::KubernetesUpdate>,
) -> Response {
    let mut errors = Vec::new();
    let rev = body.revision.revision(&mut errors);
    let form = KubernetesForm {
        pod_cidr: body.pod_cidr.text("pod_cidr", &mut errors),
        service_cidr: body.service_cidr.text("service_cidr", &mut errors),
        dns_ip: body.dns_ip.text("dns_ip", &mut errors),
    };
    if !errors.is_empty() {
        return errors_response(StatusCode::UNPROCESSABLE_ENTITY, &errors, "");
    }
    let applied = state.store.snapshot().await.applied.config;
    let warnings: Vec<FieldError> = form
        .warnings(&applied.kubernetes)
        .into_iter()
        .map(|w| FieldError::new(w.field.trim_start_matches("kubernetes."), w.message))
        .collect();
    match state
        .store
        .apply_edit(
            rev,
            &Actor::new(crate::domain::records::Source::Api, client),
            move |d| {
                d.kubernetes = form;
                Ok(())
            },
        )
        .await
    {
        Ok(_) => Json(kubernetes_view(
            &state.store.snapshot().await.applied.config,
            &warnings,
        ))
        .into_response(),
        Err(e) => store_error(e, "kubernetes."),
    }
}

/// Where the default gateway (and the VMs' NAT) is: the port, whether the
/// configuration states it (rather than leaving it to the rule), and the
/// ports that could hold it.
fn default_gateway_view(c: &Config) -> doc::DefaultGateway {
    doc::DefaultGateway {
        revision: c.revision,
        port: c.default_gateway_port().map(|p| p.name.clone()),
        stated: c.default_gateway.is_some(),
        candidates: c
            .default_gateway_candidates()
            .iter()
            .map(|p| p.name.clone())
            .collect(),
        trial: None,
    }
}

#[utoipa::path(get, path = "/api/v1/default-gateway", tag = "ports", responses((status = 200, body = doc::DefaultGateway)))]
async fn get_default_gateway(State(state): State<AppState>) -> Response {
    Json(default_gateway_view(
        &state.store.snapshot().await.applied.config,
    ))
    .into_response()
}

/// Moves the default gateway to the port named in `port`, applied at once
/// like the other PUTs; a port that cannot hold it is refused (422, `port`).
#[utoipa::path(put, path = "/api/v1/default-gateway", tag = "ports", params(TrialQuery),
    request_body(content = doc::DefaultGatewayUpdate, example = json!({"port": "Port3", "revision": 1})),
    responses((status = 400, body = doc::Errors, description = "The body is not a JSON object"), (status = 200, body = doc::DefaultGateway), (status = 409, body = doc::Errors), (status = 422, body = doc::Errors, description = "No such port, or the port has no gateway (field port)")))]
async fn put_default_gateway(
    State(state): State<AppState>,
    Extension(ClientAddr(client)): Extension<ClientAddr>,
    axum::extract::Query(tq): axum::extract::Query<TrialQuery>,
    headers: HeaderMap,
    ApiJson(body): ApiJson<doc::DefaultGatewayUpdate>,
) -> Response {
    let mut errors = Vec::new();
    let actor = api_actor(client, &tq, &headers, &mut errors);
    let rev = body.revision.revision(&mut errors);
    let port = body.port.text("port", &mut errors);
    if port.trim().is_empty() && errors.is_empty() {
        errors.push(FieldError::new(
            "port",
            crate::msg!("api-default-gateway-port-required"),
        ));
    }
    if !errors.is_empty() {
        return errors_response(StatusCode::UNPROCESSABLE_ENTITY, &errors, "");
    }
    match state
        .store
        .apply_edit(rev, &actor, move |d| {
            d.default_gateway = port.trim().to_string();
            Ok(())
        })
        .await
    {
        Ok(_) => Json(doc::DefaultGateway {
            trial: trial::current(&state, &headers).await,
            ..default_gateway_view(&state.store.snapshot().await.applied.config)
        })
        .into_response(),
        // The rule's field is the request's `port`.
        Err(StoreError::Invalid(errors)) => {
            let errors: Vec<FieldError> = errors
                .into_iter()
                .map(|e| match e.field.as_str() {
                    "default_gateway" => FieldError::new("port", e.message),
                    _ => e,
                })
                .collect();
            errors_response(StatusCode::UNPROCESSABLE_ENTITY, &errors, "")
        }
        Err(e) => store_error(e, ""),
    }
}

#[utoipa::path(get, path = "/api/v1/manifests", tag = "manifests", responses((status = 200, body = doc::Manifests)))]
async fn list_manifests(State(state): State<AppState>) -> Json<doc::Manifests> {
    let snap = state.store.snapshot().await;
    let (done, pending) = manifests::render(&snap.applied.config, state.store.profile());
    Json(doc::Manifests {
        revision: snap.applied.config.revision,
        manifests: done
            .into_iter()
            .map(|m| doc::ManifestEntry {
                url: format!("/api/v1/manifests/{}", m.name),
                name: m.name,
                title: m.title,
                file: m.file,
            })
            .collect(),
        pending: pending
            .into_iter()
            .map(|p| doc::PendingManifest {
                name: p.name,
                title: p.title,
                reason: p.reason,
            })
            .collect(),
    })
}

#[derive(Deserialize)]
struct ManifestQuery {
    download: Option<String>,
}

#[utoipa::path(get, path = "/api/v1/manifests/{name}", tag = "manifests",
    params(("name" = String, Path, description = "e.g. calico-ippool (.yaml optional)"),
        ("download" = Option<String>, Query, description = "Any value: sent as an attachment (application/yaml); without it the YAML is sent as text/plain, inline, for a browser to show")),
    responses((status = 200, description = "The manifest: text/plain inline without download, application/yaml as an attachment with it",
            content((String = "text/plain"), (String = "application/yaml"))),
        (status = 404, body = doc::Errors), (status = 409, body = doc::Errors, description = "Not available yet")))]
async fn get_manifest(
    State(state): State<AppState>,
    Path(name): Path<String>,
    axum::extract::Query(q): axum::extract::Query<ManifestQuery>,
) -> Response {
    let snap = state.store.snapshot().await;
    let (done, pending) = manifests::render(&snap.applied.config, state.store.profile());
    let name = name.trim_end_matches(".yaml");
    if let Some(m) = done.into_iter().find(|m| m.name == name) {
        // Viewed, it is text the browser shows (a browser downloads
        // application/yaml); downloaded, it is YAML with its file name.
        let (content_type, disposition) = if q.download.is_some() {
            ("application/yaml; charset=utf-8", "attachment")
        } else {
            ("text/plain; charset=utf-8", "inline")
        };
        let mut res = ([(axum::http::header::CONTENT_TYPE, content_type)], m.yaml).into_response();
        {
            let value = format!("{disposition}; filename=\"{}\"", m.file);
            if let Ok(v) = axum::http::HeaderValue::from_str(&value) {
                res.headers_mut()
                    .insert(axum::http::header::CONTENT_DISPOSITION, v);
            }
        }
        return res;
    }
    match pending.into_iter().find(|p| p.name == name) {
        Some(p) => error(
            StatusCode::CONFLICT,
            "name",
            format!("{}: not available yet; it {}", p.title, p.reason),
        ),
        None => error(
            StatusCode::NOT_FOUND,
            "name",
            format!("no manifest named {name}; GET /api/v1/manifests lists them"),
        ),
    }
}

/// Returns the device to its factory configuration as a new revision (`{"revision": N}` required).
#[utoipa::path(post, path = "/api/v1/config/factory-reset", tag = "config", params(TrialQuery),
    request_body(content = doc::FactoryReset, example = json!({"revision": 0})),
    responses((status = 400, body = doc::Errors, description = "The body is not a JSON object"), (status = 200, body = doc::FactoryResetDone), (status = 409, body = doc::Errors, description = "A stale revision, or a trial is running (field trial)"),
        (status = 422, body = doc::Errors, description = "No revision, or not a whole number")))]
async fn factory_reset(
    State(state): State<AppState>,
    Extension(ClientAddr(client)): Extension<ClientAddr>,
    axum::extract::Query(tq): axum::extract::Query<TrialQuery>,
    headers: HeaderMap,
    ApiJson(body): ApiJson<doc::FactoryReset>,
) -> Response {
    let mut errors = Vec::new();
    let actor = api_actor(client, &tq, &headers, &mut errors);
    let rev = body.revision.revision(&mut errors);
    if !errors.is_empty() {
        return errors_response(StatusCode::UNPROCESSABLE_ENTITY, &errors, "");
    }
    match state.store.factory_reset(rev, &actor).await {
        Ok(revision) => Json(doc::FactoryResetDone {
            revision,
            trial: trial::current(&state, &headers).await,
        })
        .into_response(),
        Err(e) => store_error(e, ""),
    }
}

fn route_view(r: &Route) -> doc::Route {
    doc::Route {
        destination: r.destination.to_string(),
        prefix_length: r.destination.prefix_len(),
        next_hop: r.next_hop.to_string(),
        interface: r.interface.clone(),
        metric: r.metric,
    }
}

/// Messages that do not refuse anything, as the API shows them: English, with the id as code.
fn note_view(m: &Message) -> doc::Note {
    doc::Note {
        message: m.to_string(),
        code: m.id().to_string(),
    }
}

/// A configured route with how the VMs hold it: `installed` is false (with
/// the reason in `not_installed`) when the configuration keeps it out of the
/// kernel; `kernel` is what the kernel said (`dry-run`, `pending`,
/// `installed`, `not-sent`, `refused`, `unreachable`, with `kernel_reason`
/// for the last two); `notes` says how it stands against the VMs' own routes.
fn listed_route_view(
    r: &Route,
    standing: &Option<Message>,
    kernel: &crate::domain::routes::kernel::KernelView,
    config: &Config,
    profile: &crate::domain::model::DeviceProfile,
) -> doc::ListedRoute {
    use crate::domain::routes::kernel::InKernel;
    let route = route_view(r);
    let state = kernel.route(config.revision, r.destination, r.metric, standing.clone());
    doc::ListedRoute {
        destination: route.destination,
        prefix_length: route.prefix_length,
        next_hop: route.next_hop,
        interface: route.interface,
        metric: route.metric,
        installed: standing.is_none(),
        not_installed: standing.as_ref().map(note_view),
        kernel: state.name().to_string(),
        kernel_reason: match &state {
            InKernel::Refused(why) | InKernel::Unreachable(why) => Some(why.clone()),
            _ => None,
        },
        notes: crate::domain::routes::notes(r, config, profile)
            .iter()
            .map(note_view)
            .collect(),
    }
}

#[derive(Deserialize)]
struct RouteQuery {
    interface: Option<String>,
    destination: Option<String>,
}

/// Custom routes only (never system or default routes), optionally of one interface.
#[utoipa::path(get, path = "/api/v1/routes", tag = "routes",
    params(("interface" = Option<String>, Query, description = "Only the routes of this port")),
    responses((status = 200, body = doc::RouteList), (status = 404, body = doc::Errors)))]
async fn list_routes(
    State(state): State<AppState>,
    axum::extract::Query(q): axum::extract::Query<RouteQuery>,
) -> Response {
    let snap = state.store.snapshot().await;
    let c = &snap.applied.config;
    if let Some(i) = q
        .interface
        .as_deref()
        .filter(|i| state.store.profile().port(i).is_none())
    {
        return error(
            StatusCode::NOT_FOUND,
            "interface",
            format!("this device has no port named {i}"),
        );
    }
    let profile = state.store.profile();
    let kernel = state.backend.view();
    let routes: Vec<doc::ListedRoute> = c
        .routes
        .iter()
        .zip(crate::domain::routes::standing(c, profile))
        .filter(|(r, _)| {
            q.interface
                .as_deref()
                .is_none_or(|i| r.interface.eq_ignore_ascii_case(i))
        })
        .map(|(r, s)| listed_route_view(r, &s, &kernel, c, profile))
        .collect();
    Json(doc::RouteList {
        revision: c.revision,
        routes,
    })
    .into_response()
}

#[utoipa::path(post, path = "/api/v1/routes", tag = "routes",
    request_body(content = doc::RouteAdd, example = json!({"destination": "192.168.20.0/24", "next_hop": "10.0.0.1", "interface": "Port3", "metric": 100})),
    responses((status = 400, body = doc::Errors, description = "The body is not a JSON object"), (status = 201, body = doc::RouteAdded), (status = 409, body = doc::Errors), (status = 422, body = doc::Errors)))]
async fn add_route(
    State(state): State<AppState>,
    Extension(ClientAddr(client)): Extension<ClientAddr>,
    ApiJson(body): ApiJson<doc::RouteAdd>,
) -> Response {
    let mut errors = Vec::new();
    let rev = body.revision.optional_revision(&mut errors);
    let form = RouteForm {
        destination: body.destination.text("destination", &mut errors),
        prefix_length: body.prefix_length.text("prefix_length", &mut errors),
        next_hop: body.next_hop.text("next_hop", &mut errors),
        interface: body.interface.text("interface", &mut errors),
        metric: body.metric.text("metric", &mut errors),
    };
    if !errors.is_empty() {
        return errors_response(StatusCode::UNPROCESSABLE_ENTITY, &errors, "");
    }
    match state
        .store
        .add_route(
            rev,
            &Actor::new(crate::domain::records::Source::Api, client),
            form,
        )
        .await
    {
        Ok((revision, route, notes)) => {
            let reachability = crate::server::api::wire::reachability_after(&state, revision).await;
            let next_hop = reachability
                .as_ref()
                .and_then(|r| r.of_route(&route))
                .cloned();
            let answer = doc::RouteAdded {
                revision,
                route: route_view(&route),
                // The check after this apply: the new route's next hop, and every target.
                next_hop_reachability: next_hop.as_ref().map(views::reach_view),
                reachability: reachability.as_ref().map(views::reachability_view),
                // One line for scripts that read the older answer; `notes` has each with its code.
                note: (!notes.is_empty()).then(|| {
                    notes
                        .iter()
                        .map(ToString::to_string)
                        .collect::<Vec<_>>()
                        .join("; ")
                }),
                notes: notes.iter().map(note_view).collect(),
            };
            (StatusCode::CREATED, Json(answer)).into_response()
        }
        Err(e) => store_error(e, ""),
    }
}

/// Interface and destination come from the query string or a JSON body.
#[utoipa::path(delete, path = "/api/v1/routes", tag = "routes",
    params(("interface" = Option<String>, Query), ("destination" = Option<String>, Query)),
    request_body(content = doc::RouteRemove, description = "Or the same keys in the query string",
        example = json!({"interface": "Port3", "destination": "192.168.20.0/24"})),
    responses((status = 400, body = doc::Errors, description = "The body is not a JSON object"), (status = 200, body = doc::RouteRemoved), (status = 404, body = doc::Errors), (status = 422, body = doc::Errors)))]
async fn remove_route(
    State(state): State<AppState>,
    Extension(ClientAddr(client)): Extension<ClientAddr>,
    axum::extract::Query(q): axum::extract::Query<RouteQuery>,
    ApiJsonOrEmpty(body): ApiJsonOrEmpty<doc::RouteRemove>,
) -> Response {
    let mut errors = Vec::new();
    let rev = body.revision.optional_revision(&mut errors);
    let interface = q
        .interface
        .clone()
        .unwrap_or_else(|| body.interface.text("interface", &mut errors));
    let mut destination = q
        .destination
        .clone()
        .unwrap_or_else(|| body.destination.text("destination", &mut errors));
    let prefix = body.prefix_length.text("prefix_length", &mut errors);
    if !prefix.is_empty() && !destination.contains('/') {
        destination = format!("{destination}/{prefix}");
    }
    if interface.trim().is_empty() {
        errors.push(FieldError::new(
            "interface",
            crate::msg!("api-interface-required"),
        ));
    }
    if destination.trim().is_empty() {
        errors.push(FieldError::new(
            "destination",
            crate::msg!("api-destination-required"),
        ));
    }
    if !errors.is_empty() {
        return errors_response(StatusCode::UNPROCESSABLE_ENTITY, &errors, "");
    }
    match state
        .store
        .remove_route(
            rev,
            &Actor::new(crate::domain::records::Source::Api, client),
            &interface,
            &destination,
        )
        .await
    {
        Ok((revision, removed)) => Json(doc::RouteRemoved {
            revision,
            removed: route_view(&removed),
        })
        .into_response(),
        Err(e @ StoreError::NoSuchRoute { .. }) => {
            error(StatusCode::NOT_FOUND, "destination", e.to_string())
        }
        Err(e) => store_error(e, ""),
    }
}

/// Which route a Kubernetes VM would use for a destination, and why.
#[utoipa::path(get, path = "/api/v1/routes/lookup", tag = "routes",
    params(("destination" = String, Query, description = "An IPv4 address", example = "192.168.20.7")),
    responses((status = 200, body = doc::RouteDecision), (status = 422, body = doc::Errors)))]
async fn lookup_route(
    State(state): State<AppState>,
    axum::extract::Query(q): axum::extract::Query<RouteQuery>,
) -> Response {
    let text = q.destination.unwrap_or_default();
    let addr = match crate::domain::addr::parse_addr(&text) {
        Ok(a) => a,
        Err(e) => {
            return error(
                StatusCode::UNPROCESSABLE_ENTITY,
                "destination",
                format!("destination: {e}"),
            )
        }
    };
    let snap = state.store.snapshot().await;
    let d = which_route(&snap.applied.config, state.store.profile(), addr);
    let candidates = d
        .candidates
        .iter()
        .map(|c| {
            let (verdict, winner, reason) = match &c.verdict {
                Verdict::Chosen => ("chosen", None, None),
                Verdict::LongerPrefix { winner } => (
                    "longer_prefix_wins",
                    Some(doc::Winner::Destination(winner.to_string())),
                    None,
                ),
                Verdict::LowerMetric { winner } => (
                    "lower_metric_wins",
                    Some(doc::Winner::Metric(*winner)),
                    None,
                ),
                Verdict::NotInstalled { reason } => {
                    ("not_installed", None, Some(reason.to_string()))
                }
            };
            doc::Candidate {
                destination: c.route.destination.to_string(),
                via: c.route.via,
                device: c.route.device.clone(),
                metric: c.route.metric,
                origin: c.route.origin.clone(),
                verdict: verdict.to_string(),
                winner,
                reason,
                explanation: c.why.to_string(),
            }
        })
        .collect();
    Json(doc::RouteDecision {
        destination: d.destination,
        route: d.route.as_ref().map(route_view),
        device: d.device,
        via: d.via,
        explanation: d.explanation,
        candidates,
    })
    .into_response()
}
