//! Signing in and out and changing the password: plain form posts for the
//! pages (they work without JavaScript) and JSON for the API and the CLI.

use axum::{
    extract::State,
    http::{header, HeaderValue, StatusCode},
    response::{IntoResponse, Redirect, Response},
    routing::{post, put},
    Extension, Form, Json, Router,
};
use serde::Deserialize;

use crate::domain::records::SecurityEvent;
use crate::domain::{error::FieldError, password::PasswordProblem};
use crate::server::api::{body::ApiJson, schema as doc};
use crate::server::{
    auth::{Refused, SessionInfo},
    http::guard::{ClientAddr, CSRF_HEADER},
    storage::store::Actor,
    AppState,
};

/// Writes what a sign-in or password change came to into the audit trail:
/// `done` when it succeeded; for a refusal, `failed` when the password was
/// wrong, and a lock-out when this attempt caused one. Other refusals (an
/// empty field, a new password that breaks a rule, an attempt while locked
/// out) are not security events.
async fn record(
    state: &AppState,
    actor: &Actor,
    outcome: Result<(), &Refused>,
    done: SecurityEvent,
    failed: SecurityEvent,
) {
    let events: Vec<SecurityEvent> = match outcome {
        Ok(()) => vec![done],
        Err(r) => {
            let wrong = matches!(
                r.problem,
                PasswordProblem::WrongPassword | PasswordProblem::WrongCurrent
            );
            let mut v = Vec::new();
            if wrong || r.locked_out_now {
                v.push(failed);
            }
            if r.locked_out_now {
                v.push(SecurityEvent::LockedOut);
            }
            v
        }
    };
    for e in events {
        state.store.record_event(e, actor).await;
    }
}

async fn record_sign_in(state: &AppState, actor: &Actor, outcome: Result<(), &Refused>) {
    record(
        state,
        actor,
        outcome,
        SecurityEvent::SignIn,
        SecurityEvent::SignInFailed,
    )
    .await
}

async fn record_password(state: &AppState, actor: &Actor, outcome: Result<(), &Refused>) {
    record(
        state,
        actor,
        outcome,
        SecurityEvent::PasswordChanged,
        SecurityEvent::PasswordChangeFailed,
    )
    .await
}

/// `/auth/...`: what the sign-in and password pages post to.
pub fn form_routes() -> Router<AppState> {
    Router::new()
        .route("/auth/signin", post(form_sign_in))
        .route("/auth/signout", post(form_sign_out))
        .route("/auth/password", post(form_password))
}

/// `/api/v1/session` and `/api/v1/password`.
pub fn api_routes() -> Router<AppState> {
    Router::new()
        .route(
            "/session",
            post(api_sign_in).get(api_session).delete(api_sign_out),
        )
        .route("/password", put(api_password))
}

/// Only a path on this site is ever redirected to after sign-in.
pub fn safe_next(next: &str) -> &str {
    if crate::server::http::guard::is_local_path(next) && !next.starts_with("/signin") {
        next
    } else {
        "/"
    }
}

fn with_cookie(mut res: Response, cookie: &str) -> Response {
    if let Ok(v) = HeaderValue::from_str(cookie) {
        res.headers_mut().append(header::SET_COOKIE, v);
    }
    res
}

#[derive(Deserialize)]
struct SignInForm {
    #[serde(default)]
    password: String,
    #[serde(default)]
    next: String,
}

async fn form_sign_in(
    State(state): State<AppState>,
    Extension(ClientAddr(client)): Extension<ClientAddr>,
    Form(f): Form<SignInForm>,
) -> Response {
    let next = safe_next(&f.next).to_string();
    let result = state.auth.sign_in(client, f.password).await;
    let actor = Actor::new(crate::domain::records::Source::Ui, client);
    record_sign_in(&state, &actor, result.as_ref().map(|_| ())).await;
    match result {
        Ok(s) => {
            let to = if s.must_change {
                "/password?first=1"
            } else {
                &next
            };
            with_cookie(
                Redirect::to(to).into_response(),
                &state.auth.set_cookie(&s.id),
            )
        }
        Err(r) => Redirect::to(&format!(
            "/signin?error={}&next={}",
            r.problem.code(),
            crate::state::encode(&next)
        ))
        .into_response(),
    }
}

async fn form_sign_out(
    State(state): State<AppState>,
    Extension(ClientAddr(client)): Extension<ClientAddr>,
    Extension(session): Extension<SessionInfo>,
) -> Response {
    state.auth.sign_out(&session.id);
    state
        .store
        .record_event(
            SecurityEvent::SignOut,
            &Actor::new(crate::domain::records::Source::Ui, client),
        )
        .await;
    with_cookie(
        Redirect::to("/signin?signed_out=1").into_response(),
        &state.auth.clear_cookie(),
    )
}

#[derive(Deserialize)]
struct PasswordForm {
    #[serde(default)]
    current: String,
    #[serde(default)]
    new: String,
    #[serde(default)]
    confirm: String,
}

async fn form_password(
    State(state): State<AppState>,
    Extension(ClientAddr(client)): Extension<ClientAddr>,
    Extension(session): Extension<SessionInfo>,
    Form(f): Form<PasswordForm>,
) -> Response {
    let result = state
        .auth
        .change_password(client, &session.id, f.current, f.new, f.confirm)
        .await;
    record_password(
        &state,
        &Actor::new(crate::domain::records::Source::Ui, client),
        result.as_ref().copied(),
    )
    .await;
    match result {
        Ok(()) => Redirect::to("/?notice=password").into_response(),
        // Every field's problem, as codes the page reads back (`too-short,mismatch`).
        Err(r) => {
            let codes: Vec<String> = r.all().map(|p| p.code()).collect();
            Redirect::to(&format!("/password?error={}", codes.join(","))).into_response()
        }
    }
}

fn problem(r: Refused) -> Response {
    let p = r.problem;
    let status = match p {
        PasswordProblem::Locked { .. } => StatusCode::TOO_MANY_REQUESTS,
        PasswordProblem::WrongPassword => StatusCode::UNAUTHORIZED,
        _ => StatusCode::UNPROCESSABLE_ENTITY,
    };
    let errors: Vec<FieldError> = r
        .all()
        .map(|p| FieldError::new(p.field(), p.message()))
        .collect();
    let mut res = crate::server::http::error::errors_response(status, &errors, "");
    if let PasswordProblem::Locked { seconds } = p {
        res.headers_mut()
            .insert(header::RETRY_AFTER, HeaderValue::from(seconds));
    }
    res
}

/// Every field's problem at once, or nothing.
fn refused(errors: &[FieldError]) -> Option<Response> {
    (!errors.is_empty()).then(|| {
        crate::server::http::error::errors_response(StatusCode::UNPROCESSABLE_ENTITY, errors, "")
    })
}

fn session_view(state: &AppState, csrf: &str, must_change: bool) -> doc::Session {
    doc::Session {
        csrf_token: csrf.to_string(),
        csrf_header: CSRF_HEADER.to_string(),
        must_change_password: must_change,
        idle_timeout_seconds: state.auth.policy().idle.as_secs(),
    }
}

#[utoipa::path(post, path = "/api/v1/session", tag = "session",
    request_body(content = doc::SignIn, example = json!({"password": "Edge-Pass-2026"})),
    responses((status = 400, body = doc::Errors, description = "The body is not a JSON object"), (status = 200, body = doc::Session, description = "Signed in; the session cookie is set"),
        (status = 401, body = doc::Errors), (status = 422, body = doc::Errors, description = "No password, or not text"),
        (status = 429, body = doc::Errors, description = "Locked out; see Retry-After")))]
async fn api_sign_in(
    State(state): State<AppState>,
    Extension(ClientAddr(client)): Extension<ClientAddr>,
    ApiJson(body): ApiJson<doc::SignIn>,
) -> Response {
    let mut errors = Vec::new();
    // Passwords are text: unlike other fields, a number is not read as its digits.
    let password = body.password.secret_text("password", &mut errors);
    if let Some(r) = refused(&errors) {
        return r;
    }
    let result = state.auth.sign_in(client, password).await;
    record_sign_in(
        &state,
        &Actor::new(crate::domain::records::Source::Api, client),
        result.as_ref().map(|_| ()),
    )
    .await;
    match result {
        Ok(s) => with_cookie(
            Json(session_view(&state, &s.csrf, s.must_change)).into_response(),
            &state.auth.set_cookie(&s.id),
        ),
        Err(p) => problem(p),
    }
}

#[utoipa::path(get, path = "/api/v1/session", tag = "session", responses((status = 200, body = doc::Session)))]
async fn api_session(
    State(state): State<AppState>,
    Extension(session): Extension<SessionInfo>,
) -> Response {
    Json(session_view(&state, &session.csrf, session.must_change)).into_response()
}

#[utoipa::path(delete, path = "/api/v1/session", tag = "session", responses((status = 400, body = doc::Errors, description = "The body is not a JSON object"), (status = 204, description = "Signed out")))]
async fn api_sign_out(
    State(state): State<AppState>,
    Extension(ClientAddr(client)): Extension<ClientAddr>,
    Extension(session): Extension<SessionInfo>,
) -> Response {
    state.auth.sign_out(&session.id);
    state
        .store
        .record_event(
            SecurityEvent::SignOut,
            &Actor::new(crate::domain::records::Source::Api, client),
        )
        .await;
    with_cookie(
        StatusCode::NO_CONTENT.into_response(),
        &state.auth.clear_cookie(),
    )
}

#[utoipa::path(put, path = "/api/v1/password", tag = "session",
    request_body(content = doc::PasswordChange, example = json!({"current": "Edge-Pass-2026", "new": "Edge-Pass-2027"})),
    responses((status = 400, body = doc::Errors, description = "The body is not a JSON object"), (status = 204, description = "Changed; other sessions are signed out"), (status = 401, body = doc::Errors), (status = 422, body = doc::Errors)))]
async fn api_password(
    State(state): State<AppState>,
    Extension(ClientAddr(client)): Extension<ClientAddr>,
    Extension(session): Extension<SessionInfo>,
    ApiJson(body): ApiJson<doc::PasswordChange>,
) -> Response {
    let mut errors = Vec::new();
    let current = body.current.secret_text("current", &mut errors);
    let new = body.new.secret_text("new", &mut errors);
    if let Some(r) = refused(&errors) {
        return r;
    }
    let confirm = new.clone();
    let result = state
        .auth
        .change_password(client, &session.id, current, new, confirm)
        .await;
    record_password(
        &state,
        &Actor::new(crate::domain::records::Source::Api, client),
        result.as_ref().copied(),
    )
    .await;
    match result {
        Ok(()) => StatusCode::NO_CONTENT.into_response(),
        Err(p) => problem(p),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn next_stays_on_the_site() {
        use super::safe_next;
        assert_eq!(safe_next("/compute?x=1"), "/compute?x=1");
        assert_eq!(safe_next("//evil.com"), "/");
        assert_eq!(safe_next("/\\evil.com"), "/");
        assert_eq!(safe_next("https://evil.com"), "/");
        assert_eq!(safe_next("/signin?next=/"), "/");
        assert_eq!(safe_next(""), "/");
    }
}
