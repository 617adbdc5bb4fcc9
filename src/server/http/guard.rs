//! The gate every request passes: who is asking (the client address), whether
//! they are signed in, and, for anything that changes state, whether the
//! request really comes from this site (same origin and the session's token).

use std::net::{IpAddr, Ipv4Addr, SocketAddr};

use axum::{
    body::{Body, Bytes},
    extract::{ConnectInfo, Request, State},
    http::{header, HeaderMap, Method, StatusCode},
    middleware::Next,
    response::{IntoResponse, Redirect, Response},
};

use crate::server::{auth::SessionInfo, AppState};
use crate::state::Refusal;

/// The address a request came from, for the throttle and the audit trail.
#[derive(Clone, Copy, Debug)]
pub struct ClientAddr(pub IpAddr);

/// Largest request body accepted: every form and API body of this app is a few
/// kilobytes; a configuration with the maximum number of routes is posted one
/// route at a time.
pub const MAX_BODY: usize = 64 * 1024;

/// The header (API, scripts) or form field (pages) that carries the session's token.
pub const CSRF_HEADER: &str = "x-csrf-token";
pub const CSRF_FIELD: &str = "_csrf";

/// Reachable without a session: signing in, what the sign-in page loads,
/// and choosing the language it is shown in.
fn is_public(method: &Method, path: &str) -> bool {
    let read = method == Method::GET || method == Method::HEAD;
    (read
        && (path == "/signin"
            || path == "/favicon.svg"
            || path.starts_with("/pkg/")
            || path.starts_with("/i18n/")))
        || (method == Method::POST
            && (path == "/auth/signin" || path == "/api/v1/session" || path == "/lang"))
        || (read && path == "/healthz")
}

/// Reachable with the initial password still in use: changing it, and leaving.
fn allowed_before_change(path: &str) -> bool {
    matches!(
        path,
        "/password" | "/auth/password" | "/auth/signout" | "/api/v1/password" | "/api/v1/session"
    )
}

fn is_safe(method: &Method) -> bool {
    matches!(*method, Method::GET | Method::HEAD | Method::OPTIONS)
}

/// How a refusal reads: JSON for the API, the refusal's code as a server
/// function's error (`ServerError|refused:token`, what `ServerFnError`
/// decodes) for server functions, a redirect to a page for a browser.
fn refuse(
    path: &str,
    status: StatusCode,
    field: &str,
    refusal: Refusal,
    message: &str,
    page: &str,
) -> Response {
    if path.starts_with("/api/") {
        super::error::error(status, field, message)
    } else if path.starts_with("/rpc/") {
        (status, format!("ServerError|{}", refusal.code())).into_response()
    } else {
        Redirect::to(page).into_response()
    }
}

/// True for a path on this site, the only kind of address the server sends a
/// browser back to: "//host" and "/\\host" leave the site in a browser, and a
/// control character could split the header it is written into.
pub fn is_local_path(path: &str) -> bool {
    path.starts_with('/')
        && !path.starts_with("//")
        && !path.starts_with("/\\")
        && !path.chars().any(|c| c.is_control())
}

/// The session id in the request's cookie, if any.
pub fn cookie<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|kv| kv.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v)
}

/// A browser says where a request comes from; a request from another site
/// (a forged form, a script elsewhere) is refused. Clients that are not
/// browsers send neither header and are held to the token alone.
/// `authority` is the request's own: the `Host` header (HTTP/1.1), else the
/// URI's authority (HTTP/2 sends `:authority` and no `Host`).
pub fn same_origin(headers: &HeaderMap, authority: Option<&str>) -> bool {
    let text = |h: &str| headers.get(h).and_then(|v| v.to_str().ok());
    if let Some(origin) = text(header::ORIGIN.as_str()) {
        let host = origin.split_once("://").map(|(_, h)| h);
        let own = text(header::HOST.as_str()).or(authority);
        return host.is_some() && host == own;
    }
    match text("sec-fetch-site") {
        Some(site) => site == "same-origin" || site == "none",
        None => true,
    }
}

/// Compares without stopping at the first difference, so timing tells nothing.
fn same_token(a: &str, b: &str) -> bool {
    a.len() == b.len() && a.bytes().zip(b.bytes()).fold(0, |d, (x, y)| d | (x ^ y)) == 0
}

/// The `_csrf` field of a form body (tokens are hex: no decoding needed).
fn form_token(body: &[u8]) -> Option<&str> {
    std::str::from_utf8(body)
        .ok()?
        .split('&')
        .filter_map(|kv| kv.split_once('='))
        .find(|(k, _)| *k == CSRF_FIELD)
        .map(|(_, v)| v)
}

fn encode_next(path_and_query: &str) -> String {
    crate::state::encode(path_and_query)
}

pub async fn guard(State(state): State<AppState>, mut req: Request, next: Next) -> Response {
    let client = req
        .extensions()
        .get::<ConnectInfo<SocketAddr>>()
        .map(|c| c.0.ip())
        .unwrap_or(IpAddr::V4(Ipv4Addr::UNSPECIFIED));
    req.extensions_mut().insert(ClientAddr(client));
    let method = req.method().clone();
    let path = req.uri().path().to_string();

    let authority = req.uri().authority().map(|a| a.as_str().to_string());
    if !is_safe(&method) && !same_origin(req.headers(), authority.as_deref()) {
        tracing::warn!(%client, %method, %path, "cross-site request refused");
        return refuse(
            &path,
            StatusCode::FORBIDDEN,
            "origin",
            Refusal::CrossSite,
            &format!("refused: {}", Refusal::CrossSite.english()),
            "/signin",
        );
    }
    if is_public(&method, &path) {
        return next.run(req).await;
    }

    let auth = &state.auth;
    let id = cookie(req.headers(), auth.cookie_name()).map(str::to_string);
    let Some(session) = id.as_deref().and_then(|id| auth.session(id)) else {
        let next_page = req
            .uri()
            .path_and_query()
            .map(|p| p.as_str())
            .unwrap_or("/");
        // Only a page can be returned to: a form posted after the session
        // ended would come back as a GET the form's address does not answer.
        let next_page = if is_safe(&method) { next_page } else { "/" };
        let mut page = format!("/signin?next={}", encode_next(next_page));
        if id.is_some() {
            page.push_str("&expired=1");
        }
        return refuse(
            &path,
            StatusCode::UNAUTHORIZED,
            "session",
            Refusal::SignInFirst,
            &format!(
                "{} (POST /api/v1/session with the device password)",
                Refusal::SignInFirst.english()
            ),
            &page,
        );
    };

    if !is_safe(&method) {
        let header_token = req
            .headers()
            .get(CSRF_HEADER)
            .and_then(|v| v.to_str().ok())
            .map(str::to_string);
        let ok = match header_token {
            Some(t) => same_token(&t, &session.csrf),
            None => {
                // A form: the token is a field of the body, read here and handed on.
                let (parts, body) = req.into_parts();
                let Ok(bytes) = axum::body::to_bytes(body, body_limit(&path)).await else {
                    return too_large(&path);
                };
                let token = match multipart_token(&parts.headers, &bytes).await {
                    Some(t) => Some(t),
                    None => form_token(&bytes).map(str::to_string),
                };
                let ok = token.is_some_and(|t| same_token(&t, &session.csrf));
                req = Request::from_parts(parts, Body::from(bytes));
                ok
            }
        };
        if !ok {
            tracing::warn!(%client, %method, %path, "request without the session's token refused");
            return refuse(
                &path,
                StatusCode::FORBIDDEN,
                "csrf",
                Refusal::Token,
                &format!(
                    "refused: {} (send the X-CSRF-Token header); reload the page and try again",
                    Refusal::Token.english()
                ),
                "/",
            );
        }
    }

    if session.must_change && !allowed_before_change(&path) {
        return refuse(
            &path,
            StatusCode::FORBIDDEN,
            "password",
            Refusal::ChangePasswordFirst,
            &format!(
                "{} (PUT /api/v1/password, or sign in to the web UI)",
                Refusal::ChangePasswordFirst.english()
            ),
            "/password?first=1",
        );
    }
    req.extensions_mut().insert(session);
    next.run(req).await
}

/// The largest configuration file accepted: 10,000 routes (the most a
/// configuration holds) take about 1.1 MB; everything else is far smaller.
pub const FILE_MAX: usize = 2 * 1024 * 1024;

/// Paths that take a configuration file, and so [`FILE_MAX`] bytes.
pub const FILE_PATHS: &[&str] = &["/api/v1/config/import", "/changes/import"];

/// The largest body `path` takes: a configuration file may be larger than
/// any other body (see [`FILE_MAX`]).
pub fn body_limit(path: &str) -> usize {
    if FILE_PATHS.contains(&path) {
        FILE_MAX
    } else {
        MAX_BODY
    }
}

/// The `_csrf` field of a `multipart/form-data` body (a file upload), which
/// the form puts before the file; `None` for any other body.
async fn multipart_token(headers: &HeaderMap, body: &Bytes) -> Option<String> {
    let is_multipart = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.trim_start().starts_with("multipart/form-data"));
    if !is_multipart {
        return None;
    }
    use axum::extract::FromRequest;
    let mut req = Request::new(Body::from(body.clone()));
    *req.headers_mut() = headers.clone();
    let mut form = axum::extract::Multipart::from_request(req, &())
        .await
        .ok()?;
    while let Ok(Some(field)) = form.next_field().await {
        if field.name() == Some(CSRF_FIELD) {
            return field.text().await.ok();
        }
    }
    None
}

pub fn too_large(path: &str) -> Response {
    let message = format!(
        "the request body is larger than the limit of {} KiB",
        body_limit(path) / 1024
    );
    if path.starts_with("/api/") {
        super::error::error(StatusCode::PAYLOAD_TOO_LARGE, "body", message)
    } else {
        (StatusCode::PAYLOAD_TOO_LARGE, message).into_response()
    }
}

/// Refuses bodies over [`MAX_BODY`] ([`body_limit`]) before anything reads them, whether the
/// size is declared or only discovered while reading.
pub async fn limit_body(req: Request, next: Next) -> Response {
    let path = req.uri().path().to_string();
    let declared = req
        .headers()
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok());
    let limit = body_limit(&path);
    if declared.is_some_and(|n| n > limit as u64) {
        return too_large(&path);
    }
    let (parts, body) = req.into_parts();
    let bytes: Bytes = match axum::body::to_bytes(body, limit).await {
        Ok(b) => b,
        Err(_) => return too_large(&path),
    };
    next.run(Request::from_parts(parts, Body::from(bytes)))
        .await
}

/// Server functions answer every error with 500; a request whose arguments
/// cannot be read is the client's mistake, so it gets 400 and a plain message.
pub async fn rpc_errors(req: Request, next: Next) -> Response {
    if !req.uri().path().starts_with("/rpc/") {
        return next.run(req).await;
    }
    let res = next.run(req).await;
    if res.status() != StatusCode::INTERNAL_SERVER_ERROR {
        return res;
    }
    let (mut parts, body) = res.into_parts();
    let bytes = axum::body::to_bytes(body, MAX_BODY)
        .await
        .unwrap_or_default();
    let text = String::from_utf8_lossy(&bytes);
    for kind in ["Args|", "Deserialization|"] {
        if let Some(detail) = text.strip_prefix(kind) {
            parts.status = StatusCode::BAD_REQUEST;
            tracing::debug!(detail, "server function arguments refused");
            return Response::from_parts(
                parts,
                Body::from(format!(
                    "{kind}the form's fields could not be read: {detail}"
                )),
            );
        }
    }
    Response::from_parts(parts, Body::from(bytes))
}

/// What a server function can learn of the request that called it.
pub fn session_of(parts: &axum::http::request::Parts) -> Option<&SessionInfo> {
    parts.extensions.get::<SessionInfo>()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn public_paths_are_few() {
        assert!(is_public(&Method::GET, "/signin"));
        assert!(is_public(&Method::GET, "/pkg/edgenet.wasm"));
        assert!(is_public(&Method::POST, "/auth/signin"));
        assert!(!is_public(&Method::POST, "/signin"));
        assert!(!is_public(&Method::GET, "/"));
        assert!(!is_public(&Method::GET, "/api/v1/config"));
        assert!(!is_public(&Method::DELETE, "/api/v1/session"));
        assert!(!is_public(&Method::POST, "/rpc/get_state"));
    }

    #[test]
    fn origins() {
        let h = |pairs: &[(&str, &str)]| {
            let mut m = HeaderMap::new();
            for (k, v) in pairs {
                m.insert(
                    axum::http::HeaderName::from_bytes(k.as_bytes()).unwrap(),
                    v.parse().unwrap(),
                );
            }
            m
        };
        let same =
            |pairs: &[(&str, &str)], authority: Option<&str>| same_origin(&h(pairs), authority);
        assert!(same(
            &[("host", "dev:3000"), ("origin", "https://dev:3000")],
            None
        ));
        assert!(!same(
            &[("host", "dev:3000"), ("origin", "https://evil:3000")],
            None
        ));
        assert!(!same(&[("host", "dev:3000"), ("origin", "null")], None));
        assert!(!same(&[("sec-fetch-site", "cross-site")], None));
        assert!(same(&[("sec-fetch-site", "same-origin")], None));
        assert!(same(&[], None));
        // HTTP/2: no Host header, the authority comes with the URI.
        assert!(same(&[("origin", "https://dev:3000")], Some("dev:3000")));
        assert!(!same(&[("origin", "https://evil:3000")], Some("dev:3000")));
        assert!(!same(&[("origin", "https://dev:3000")], None));
    }

    #[test]
    fn tokens() {
        assert!(same_token("abc", "abc"));
        assert!(!same_token("abc", "abd"));
        assert!(!same_token("abc", "ab"));
        assert_eq!(form_token(b"a=1&_csrf=ff00&b=2"), Some("ff00"));
        assert_eq!(form_token(b"a=1"), None);
    }
}
