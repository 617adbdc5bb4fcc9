//! Trials over HTTP: `GET /api/v1/config/trial`, `POST .../confirm` (keep
//! the settings) and `POST .../revert` (restore the replaced revision now);
//! the pages' own forms `POST /trial/keep` and `/trial/revert`, plain posts
//! that work without JavaScript and go back to the page they came from; and
//! the `trial_seconds` query parameter of every apply that can start one.

use std::net::Ipv4Addr;

use axum::{
    extract::State,
    http::{header, HeaderMap},
    response::{IntoResponse, Redirect, Response},
    routing::{get, post},
    Extension, Form, Json, Router,
};
use serde::Deserialize;

use crate::domain::error::FieldError;
use crate::domain::records::Source;
use crate::domain::trial::{Trial, TrialSeconds};
use crate::server::api::schema as doc;
use crate::server::{
    http::error::store_error, http::guard::ClientAddr, storage::store::Actor, AppState,
};

/// `/config/trial…` under `/api/v1`.
pub fn api_routes() -> Router<AppState> {
    Router::new()
        .route("/config/trial", get(get_trial))
        .route("/config/trial/confirm", post(api_confirm))
        .route("/config/trial/revert", post(api_revert))
}

/// `/trial/keep` and `/trial/revert`: the banner's buttons.
pub fn form_routes() -> Router<AppState> {
    Router::new()
        .route("/trial/keep", post(form_keep))
        .route("/trial/revert", post(form_revert))
}

/// The `trial_seconds` query parameter of an apply: how long the trial of
/// a risky change runs (0: none; left out: the device's `trial-seconds`).
#[derive(Debug, Default, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct TrialQuery {
    /// Seconds, 0 to 3600; 0 applies at once without a trial. Left out:
    /// the device's `trial-seconds` (60 unless configured).
    #[param(value_type = Option<u32>, minimum = 0, maximum = 3600)]
    pub trial_seconds: Option<String>,
}

impl TrialQuery {
    /// The trial's length (`None`: the device's); one out of range is an
    /// error for `trial_seconds`, reported with the body's.
    pub fn seconds(&self, errors: &mut Vec<FieldError>) -> Option<TrialSeconds> {
        let text = self.trial_seconds.as_ref()?;
        match text.parse::<TrialSeconds>() {
            Ok(t) => Some(t),
            Err(e) => {
                errors.push(FieldError::new(
                    "trial_seconds",
                    crate::state::trial_seconds_message(&e),
                ));
                None
            }
        }
    }
}

/// The device's address the client asked for (`Host`), when it is IPv4.
pub fn reached_at(headers: &HeaderMap) -> Option<Ipv4Addr> {
    host(headers)?.host().parse().ok()
}

/// The `Host` the client asked for, read as a URI authority (`http`'s parser).
fn host(headers: &HeaderMap) -> Option<axum::http::uri::Authority> {
    headers.get(header::HOST)?.to_str().ok()?.parse().ok()
}

/// An API actor applying with the trial the query asks for (its error,
/// if any, joins `errors`).
pub fn api_actor(
    client: std::net::IpAddr,
    query: &TrialQuery,
    headers: &HeaderMap,
    errors: &mut Vec<FieldError>,
) -> Actor {
    Actor::new(Source::Api, client).with_trial(query.seconds(errors), reached_at(headers))
}

/// A trial as the API shows it, `now` seconds since the epoch; `scheme`
/// and `port` of the address the client used make `confirm_at`.
pub fn trial_view(t: &Trial, now: u64, origin: &Origin) -> doc::Trial {
    doc::Trial {
        revision: t.revision,
        replaced: t.replaced,
        started_at: t.started_at,
        deadline: t.deadline,
        seconds_left: t.left(now),
        risks: t
            .risks
            .iter()
            .map(|r| {
                let m = crate::state::risk_message(r);
                doc::Note {
                    message: m.to_string(),
                    code: m.id().to_string(),
                }
            })
            .collect(),
        confirm_at: t.confirm_at.map(|a| origin.at(a)),
        confirm: "/api/v1/config/trial/confirm".into(),
        revert: "/api/v1/config/trial/revert".into(),
    }
}

/// How the client reached the device, to say where it answers after a
/// change of address: the scheme and the port of the `Host` it asked for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Origin {
    pub https: bool,
    pub port: Option<u16>,
}

impl Origin {
    /// The origin of a request to this server (`https` unless TLS is off).
    pub fn of(state: &AppState, headers: &HeaderMap) -> Origin {
        Origin {
            https: state.settings.tls != crate::server::http::tls::Tls::Off,
            port: host(headers).and_then(|h| h.port_u16()),
        }
    }

    /// `https://10.0.0.5:3917/`: the same scheme and port at `addr`.
    pub fn at(&self, addr: Ipv4Addr) -> String {
        let scheme = if self.https { "https" } else { "http" };
        match self.port {
            Some(p) => format!("{scheme}://{addr}:{p}/"),
            None => format!("{scheme}://{addr}/"),
        }
    }
}

/// The running trial, as an apply's answer carries it.
pub async fn current(state: &AppState, headers: &HeaderMap) -> Option<doc::Trial> {
    let trial = state.store.snapshot().await.trial?;
    Some(trial_view(
        &trial,
        crate::server::storage::files::now(),
        &Origin::of(state, headers),
    ))
}

#[utoipa::path(get, path = "/api/v1/config/trial", tag = "config",
    responses((status = 200, body = doc::TrialStatus, description = "The running trial, or `trial: null`")))]
async fn get_trial(State(state): State<AppState>, headers: HeaderMap) -> Json<doc::TrialStatus> {
    Json(doc::TrialStatus {
        trial: current(&state, &headers).await,
    })
}

/// Keeps the settings on trial.
#[utoipa::path(post, path = "/api/v1/config/trial/confirm", tag = "config",
    responses((status = 200, body = doc::TrialKept), (status = 409, body = doc::Errors, description = "No trial is running")))]
async fn api_confirm(
    State(state): State<AppState>,
    Extension(ClientAddr(client)): Extension<ClientAddr>,
) -> Response {
    match state
        .store
        .confirm_trial(&Actor::new(Source::Api, client))
        .await
    {
        Ok(t) => Json(doc::TrialKept {
            revision: t.revision,
        })
        .into_response(),
        Err(e) => store_error(e, ""),
    }
}

/// Restores the revision the trial replaced, now, as a new revision.
#[utoipa::path(post, path = "/api/v1/config/trial/revert", tag = "config",
    responses((status = 200, body = doc::TrialReverted), (status = 409, body = doc::Errors, description = "No trial is running")))]
async fn api_revert(
    State(state): State<AppState>,
    Extension(ClientAddr(client)): Extension<ClientAddr>,
) -> Response {
    match state
        .store
        .revert_trial(&Actor::new(Source::Api, client))
        .await
    {
        Ok((revision, restored_from)) => Json(doc::TrialReverted {
            revision,
            restored_from,
        })
        .into_response(),
        Err(e) => store_error(e, ""),
    }
}

/// The page a banner's form came from (a path on this site), to go back to.
#[derive(Deserialize)]
struct Back {
    #[serde(default)]
    back: String,
}

fn back_to(back: &str, outcome: &crate::state::Outcome) -> Response {
    let path = crate::server::auth::access::safe_next(back);
    let (path, fragment) = path.split_once('#').unwrap_or((path, ""));
    let sep = if path.contains('?') { '&' } else { '?' };
    let fragment = if fragment.is_empty() {
        String::new()
    } else {
        format!("#{fragment}")
    };
    Redirect::to(&format!("{path}{sep}{}{fragment}", outcome.to_query())).into_response()
}

async fn form_keep(
    State(state): State<AppState>,
    Extension(ClientAddr(client)): Extension<ClientAddr>,
    Form(f): Form<Back>,
) -> Response {
    use crate::state::Outcome;
    match state
        .store
        .confirm_trial(&Actor::new(Source::Ui, client))
        .await
    {
        Ok(_) => back_to(&f.back, &Outcome::TrialKept),
        Err(e) => back_to(
            &f.back,
            &Outcome::Refused {
                message: e.message(),
            },
        ),
    }
}

async fn form_revert(
    State(state): State<AppState>,
    Extension(ClientAddr(client)): Extension<ClientAddr>,
    Form(f): Form<Back>,
) -> Response {
    use crate::state::Outcome;
    match state
        .store
        .revert_trial(&Actor::new(Source::Ui, client))
        .await
    {
        Ok((revision, replaced)) => {
            back_to(&f.back, &Outcome::TrialReverted { revision, replaced })
        }
        Err(e) => back_to(
            &f.back,
            &Outcome::Refused {
                message: e.message(),
            },
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn with_host(h: &str) -> HeaderMap {
        let mut m = HeaderMap::new();
        m.insert(header::HOST, h.parse().unwrap());
        m
    }

    #[test]
    fn the_address_the_client_reached_is_read_from_host() {
        for (host, addr, port) in [
            ("10.0.0.2:3917", Some("10.0.0.2"), Some(3917)),
            ("10.0.0.2", Some("10.0.0.2"), None),
            ("edge.local:443", None, Some(443)),
            ("[::1]:3000", None, Some(3000)),
        ] {
            let h = with_host(host);
            assert_eq!(reached_at(&h), addr.map(|a| a.parse().unwrap()), "{host}");
            assert_eq!(super::host(&h).and_then(|a| a.port_u16()), port, "{host}");
        }
        assert_eq!(reached_at(&HeaderMap::new()), None);
        let o = Origin {
            https: true,
            port: Some(3917),
        };
        assert_eq!(o.at("10.0.0.5".parse().unwrap()), "https://10.0.0.5:3917/");
    }
}
