//! What the server functions share: access to the store and the no-JavaScript
//! redirect that carries an outcome back to the page.

use std::sync::Arc;

use axum::http::{header, request::Parts};
use leptos::prelude::*;

use crate::server::{storage::store::StoreError, AppState};
use crate::state::{Outcome, PageState};

pub fn app_state() -> Result<AppState, ServerFnError> {
    use_context::<AppState>().ok_or_else(|| ServerFnError::new("server state missing"))
}

pub fn store() -> Result<Arc<crate::server::storage::store::Store>, ServerFnError> {
    Ok(app_state()?.store)
}

/// The session the request was signed in with. The guard refuses requests
/// without one before they get here; this is the second lock on the door.
pub fn session() -> Result<crate::server::auth::SessionInfo, ServerFnError> {
    use_context::<Parts>()
        .and_then(|p| crate::server::http::guard::session_of(&p).cloned())
        .ok_or_else(|| ServerFnError::new(crate::state::Refusal::SignInFirst.code()))
}

/// Who is making a change from the pages, for the audit trail.
pub fn actor() -> crate::server::storage::store::Actor {
    let parts = use_context::<Parts>();
    let client = parts
        .as_ref()
        .and_then(|p| {
            p.extensions
                .get::<crate::server::http::guard::ClientAddr>()
                .copied()
        })
        .map(|c| c.0)
        .unwrap_or(std::net::IpAddr::V4(std::net::Ipv4Addr::UNSPECIFIED));
    // The device's trial-seconds; the address the browser used, to say
    // where the UI answers if the change moves it.
    let reached_at = parts
        .as_ref()
        .and_then(|p| crate::server::api::trial::reached_at(&p.headers));
    crate::server::storage::store::Actor::new(crate::domain::records::Source::Ui, client)
        .with_trial(None, reached_at)
}

/// Everything a page shows. Without the app state in context (as when
/// `generate_route_list` renders the app once to find its routes) this is an
/// error, never a panic.
pub async fn page_state() -> Result<PageState, ServerFnError> {
    session()?;
    let state = app_state()?;
    let snap = state.store.snapshot().await;
    let profile = state.store.profile().clone();
    let applied = snap.applied.config;
    let staged = snap.draft.is_some();
    let draft = snap
        .draft
        .unwrap_or_else(|| crate::domain::form::Draft::from_config(&applied));
    let stale = draft.base_revision != applied.revision;
    let errors = draft.resolve(&applied, &profile).1;
    let changes = if staged {
        draft.changes(&applied)
    } else {
        Vec::new()
    };
    let warnings = draft.warnings(&applied);
    let consequences = if staged && !stale {
        crate::domain::consequences::of_draft(&draft, &applied, &profile)
    } else {
        Vec::new()
    };
    let (manifests, pending_manifests) = crate::domain::manifests::render(&applied, &profile);
    Ok(PageState {
        device_name: state.settings.device_name.clone(),
        profile,
        applied_at: snap.applied.applied_at,
        applied,
        draft,
        staged,
        stale,
        errors,
        warnings,
        changes,
        consequences,
        manifests,
        pending_manifests,
        history: snap.history,
        wire: state.wire.status(),
        kernel: state.backend.view(),
        host: state.host.view(),
        trial: snap.trial,
    })
}

impl From<StoreError> for Outcome {
    fn from(e: StoreError) -> Self {
        match e {
            StoreError::Conflict { current, .. } => Outcome::Conflict { current },
            StoreError::PartChanged { .. } => Outcome::Changed {
                message: e.message(),
            },
            StoreError::Invalid(errors) => Outcome::Invalid {
                errors: errors.len(),
            },
            StoreError::NotStaged(errors) => Outcome::NotStaged {
                errors: errors.len(),
            },
            StoreError::Io(ref io) => {
                tracing::error!(error = %io, "writing the configuration failed");
                Outcome::Refused {
                    message: e.message(),
                }
            }
            e => Outcome::Refused {
                message: e.message(),
            },
        }
    }
}

impl From<Result<crate::server::storage::store::Staging, StoreError>> for Outcome {
    fn from(r: Result<crate::server::storage::store::Staging, StoreError>) -> Self {
        match r {
            Ok(crate::server::storage::store::Staging::Staged(errors)) => Outcome::Staged {
                errors: errors.len(),
            },
            Ok(crate::server::storage::store::Staging::Unchanged) => Outcome::Unchanged,
            Err(e) => e.into(),
        }
    }
}

/// For a form posted without JavaScript, redirects back to the page it came
/// from (or to `to`) with the outcome in the query string.
pub fn finish(outcome: Outcome, to: Option<&str>) -> Outcome {
    finish_with(outcome, to, &[])
}

/// [`finish`], with more query parameters for the page (what was typed).
pub fn finish_with(outcome: Outcome, to: Option<&str>, extra: &[(&str, &str)]) -> Outcome {
    let Some(parts) = use_context::<Parts>() else {
        return outcome;
    };
    let text = |h| {
        parts
            .headers
            .get(h)
            .and_then(|v: &header::HeaderValue| v.to_str().ok())
    };
    let plain_form = text(header::ACCEPT).is_some_and(|v| v.contains("text/html"));
    if plain_form {
        let back = to
            .map(str::to_string)
            .or_else(|| text(header::REFERER).map(referer_path))
            .unwrap_or_else(|| "/".into());
        let mut query = outcome.to_query();
        for (k, v) in extra {
            query.push_str(&format!("&{k}={}", crate::state::encode(v)));
        }
        leptos_axum::redirect(&format!("{back}?{query}"));
    }
    outcome
}

/// The path of a Referer URL, without its query; only a path is ever
/// redirected to, so a forged Referer cannot send the browser elsewhere.
fn referer_path(url: &str) -> String {
    let rest = url.split_once("://").map(|(_, r)| r).unwrap_or(url);
    let path = rest.find('/').map(|i| &rest[i..]).unwrap_or("/");
    let path = path.split(['?', '#']).next().unwrap_or("/");
    if crate::server::http::guard::is_local_path(path) {
        path.to_string()
    } else {
        "/".into()
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn referer_paths() {
        assert_eq!(
            super::referer_path("http://127.0.0.1:3000/compute?notice=x"),
            "/compute"
        );
        assert_eq!(super::referer_path("https://dev/"), "/");
        assert_eq!(super::referer_path("http://evil//evil.com/x"), "/");
        assert_eq!(super::referer_path("http://x/\\evil.com/"), "/");
        assert_eq!(super::referer_path("garbage"), "/");
    }
}
