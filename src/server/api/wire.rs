//! The wire checks over HTTP: `POST /api/v1/compute/probe` (the ranges to
//! check in the body, so a draft can be checked before it is staged),
//! `GET /api/v1/status` (the route backend, the latest reachability and
//! probe), and the Compute page's form `POST /compute/probe`, a plain form
//! post that works without JavaScript and comes back to the page.

use axum::{
    extract::State,
    http::StatusCode,
    response::{IntoResponse, Redirect, Response},
    routing::{get, post},
    Json, Router,
};

use crate::domain::{
    error::FieldError,
    form::Draft,
    probe::{self, ProbeReport, ProbeScope},
};
use crate::server::api::{schema as doc, views};
use crate::server::backend::wire::ProbeError;
use crate::server::{
    api::body::ApiJson,
    http::error::{error, errors_response, ErrorItem},
    AppState,
};

/// `/compute/probe` and `/status` under `/api/v1`.
pub fn api_routes() -> Router<AppState> {
    Router::new()
        .route("/compute/probe", post(api_probe))
        .route("/status", get(status))
}

/// `/compute/probe`: the Compute page's form.
pub fn form_routes() -> Router<AppState> {
    Router::new().route("/compute/probe", post(form_probe))
}

/// A report as the API gives it, with its warnings (`code` `probe-in-use`,
/// `probe-neighbour-down`) on the fields they concern.
pub fn report_view(report: &ProbeReport) -> doc::ProbeResult {
    doc::ProbeResult {
        wire: views::word(&report.wire),
        message: wire_note(report.wire).to_string(),
        checked: report.checked as u64,
        in_use: report.in_use.iter().map(views::in_use_view).collect(),
        neighbours: report
            .neighbours
            .iter()
            .map(views::neighbour_view)
            .collect(),
        warnings: probe::warnings(report)
            .iter()
            .map(|w| ErrorItem::of(w, ""))
            .collect(),
        at: report.at,
        millis: report.millis,
        scope: views::scope_view(&report.scope),
    }
}

/// What a result says about the wire, in English for the API and the CLI.
pub fn wire_note(wire: probe::Wire) -> &'static str {
    match wire {
        probe::Wire::Checked => "checked on the wire from the VM namespace's eth1",
        probe::Wire::DryRun => "dry run: no route-namespace is configured, so nothing was sent on the wire and nothing can be known about it",
        probe::Wire::Off => "wire checks are off (wire-checks = false): nothing was sent on the wire",
    }
}

fn probe_error(e: ProbeError, prefix: &str) -> Response {
    match e {
        ProbeError::Busy => errors_response(
            StatusCode::CONFLICT,
            &[FieldError::new("probe", crate::msg!("probe-busy"))],
            "",
        ),
        ProbeError::Refused(e) => errors_response(StatusCode::UNPROCESSABLE_ENTITY, &[e], prefix),
        ProbeError::Failed(e) => {
            tracing::error!(error = %e, "address probe failed");
            error(
                StatusCode::SERVICE_UNAVAILABLE,
                "wire",
                format!("the probe could not run: {e}"),
            )
        }
    }
}

/// `{"port": "Port3", "node_ips": "a-b" | {start, end}, "service_ips": …}`;
/// what the body leaves out comes from the staged draft (or the applied
/// configuration). The port's address, gateway and DNS servers are the
/// draft's.
#[utoipa::path(post, path = "/api/v1/compute/probe", tag = "compute",
    request_body(content = doc::ProbeRequest, example = json!({"port": "Port3", "node_ips": "10.0.0.10-10.0.0.12", "service_ips": {"start": "10.0.0.20", "end": "10.0.0.29"}})),
    responses((status = 400, body = doc::Errors, description = "The body is not a JSON object"), (status = 200, body = doc::ProbeResult), (status = 409, body = doc::Errors, description = "Another probe is running"), (status = 422, body = doc::Errors, description = "Ranges off the segment, more than 1,024 addresses, no compute port"), (status = 503, body = doc::Errors, description = "The namespace or socket failed")))]
async fn api_probe(
    State(state): State<AppState>,
    ApiJson(body): ApiJson<doc::ProbeRequest>,
) -> Response {
    let snap = state.store.snapshot().await;
    let applied = snap.applied.config;
    let mut draft = snap.draft.unwrap_or_else(|| Draft::from_config(&applied));
    let mut errors = Vec::new();
    if let Some(port) = &body.port {
        draft.compute.port = port.text("port", &mut errors);
    }
    for (key, given, start, end) in [
        (
            "node_ips",
            &body.node_ips,
            &mut draft.compute.node_start,
            &mut draft.compute.node_end,
        ),
        (
            "service_ips",
            &body.service_ips,
            &mut draft.compute.service_start,
            &mut draft.compute.service_end,
        ),
    ] {
        if let Some(range) = given {
            (*start, *end) = range.fields(key, &mut errors);
        }
    }
    if !errors.is_empty() {
        return errors_response(StatusCode::UNPROCESSABLE_ENTITY, &errors, "");
    }
    let scope = match ProbeScope::of_draft(&draft, &applied) {
        Ok(s) => s,
        Err(errors) => {
            return errors_response(StatusCode::UNPROCESSABLE_ENTITY, &errors, "compute.")
        }
    };
    match state.wire.probe(scope).await {
        Ok(report) => Json(report_view(&report)).into_response(),
        Err(e) => probe_error(e, "compute."),
    }
}

/// The Compute page's check: probes the draft's ranges and goes back to
/// the page, which shows the stored report beside them; a refusal comes
/// back as `probe-error`: the error as data (`state::errors_query`), which
/// the page renders in the reader's language.
async fn form_probe(State(state): State<AppState>) -> Response {
    let snap = state.store.snapshot().await;
    let applied = snap.applied.config;
    let draft = snap.draft.unwrap_or_else(|| Draft::from_config(&applied));
    let refused = |e: &FieldError| {
        let query = crate::state::errors_query("probe-error", std::slice::from_ref(e), 1);
        Redirect::to(&format!("/compute?{}#probe", query.trim_start_matches('&'))).into_response()
    };
    let scope = match ProbeScope::of_draft(&draft, &applied) {
        Ok(s) => s,
        Err(errors) => return refused(&errors[0]),
    };
    match state.wire.probe(scope).await {
        Ok(_) => Redirect::to("/compute?probe=done#probe").into_response(),
        Err(ProbeError::Busy) => refused(&FieldError::new("probe", crate::msg!("probe-busy"))),
        Err(ProbeError::Refused(e)) => refused(&e),
        Err(ProbeError::Failed(e)) => {
            tracing::error!(error = %e, "address probe failed");
            refused(&FieldError::new("probe", crate::msg!("probe-failed")))
        }
    }
}

/// `GET /api/v1/status`: the applied revision, the route backend's state
/// (as `/healthz` gives it), whether checks look at the wire, the latest
/// reachability and probe, and whether the host holds the revision.
#[utoipa::path(get, path = "/api/v1/status", tag = "status", responses((status = 200, body = doc::Status)))]
async fn status(State(state): State<AppState>) -> Json<doc::Status> {
    let revision = state.store.snapshot().await.applied.config.revision;
    let w = state.wire.status();
    Json(doc::Status {
        revision,
        routes: state.backend.get().name().to_string(),
        wire: views::word(&w.wire),
        message: wire_note(w.wire).to_string(),
        reachability: w.reachability.as_ref().map(views::reachability_view),
        probe: w.probe.as_ref().map(report_view),
        host: views::host_view(&state.host.view()),
    })
}

/// The reachability after `revision` was applied: with the wire checked,
/// waits (up to 5 s) for the route backend's check of that revision; in a
/// dry run or with checks off, every target of the applied configuration,
/// unchecked.
pub async fn reachability_after(state: &AppState, revision: u64) -> Option<probe::Reachability> {
    match state.wire.mode() {
        probe::Wire::Checked => {
            state
                .wire
                .reachability_of(revision, std::time::Duration::from_secs(5))
                .await
        }
        mode => {
            let config = state.store.snapshot().await.applied.config;
            Some(probe::Reachability::from_times(
                config.revision,
                mode,
                &probe::reach_targets(&config),
                |_| None,
                crate::server::backend::wire::now(),
            ))
        }
    }
}
