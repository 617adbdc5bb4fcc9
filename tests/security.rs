//! Nobody changes the device without the password: every route refuses a
//! request without a session, forged cross-site requests are refused, guessing
//! is slowed and locked out, sessions expire, and every response carries the
//! security headers.

mod common;

use std::{net::SocketAddr, time::Duration};

use axum::{
    body::Body,
    extract::ConnectInfo,
    http::{Request, Response},
    Router,
};
use common::{anonymous_app, app, call, message, settings, sign_in, TempDir, INITIAL_PASSWORD};
use edgenet::router::router;
use edgenet::server::{api::resources::ENDPOINTS, auth::Policy, AppState};
use http_body_util::BodyExt;
use serde_json::Value;
use tower::ServiceExt;

async fn send(app: &Router, req: Request<Body>) -> (Response<Body>, String) {
    let res = app.clone().oneshot(req).await.unwrap();
    let (parts, body) = res.into_parts();
    let bytes = body.collect().await.unwrap().to_bytes();
    (
        Response::from_parts(parts, Body::empty()),
        String::from_utf8_lossy(&bytes).into_owned(),
    )
}

fn request(method: &str, uri: &str) -> axum::http::request::Builder {
    Request::builder().method(method).uri(uri)
}

fn from(addr: &str, mut req: Request<Body>) -> Request<Body> {
    let a: SocketAddr = addr.parse().unwrap();
    req.extensions_mut().insert(ConnectInfo(a));
    req
}

#[tokio::test]
async fn every_route_refuses_a_request_without_a_session() {
    let dir = TempDir::new("sec-walk");
    let app = anonymous_app(dir.path());

    // Pages: every route the app declares.
    let pages = leptos_axum::generate_route_list(edgenet::app::App);
    let mut walked = 0;
    for page in &pages {
        let path = page.path().to_string();
        if path == "/signin" {
            continue;
        }
        let (res, _) = send(&app, request("GET", &path).body(Body::empty()).unwrap()).await;
        assert_eq!(res.status(), 303, "page {path}");
        let to = res.headers()["location"].to_str().unwrap();
        assert!(to.starts_with("/signin?next="), "page {path} → {to}");
        walked += 1;
    }
    assert!(walked >= 7, "only {walked} pages");

    // Server functions: every one registered.
    let mut fns = 0;
    for (path, method) in leptos::server_fn::axum::server_fn_paths() {
        let (res, body) = send(
            &app,
            request(method.as_str(), path)
                .header("content-type", "application/x-www-form-urlencoded")
                .body(Body::from("revision=0"))
                .unwrap(),
        )
        .await;
        assert_eq!(res.status(), 401, "server function {method} {path}: {body}");
        fns += 1;
    }
    assert!(fns >= 10, "only {fns} server functions");

    // The API: every endpoint, and paths that do not exist.
    for (method, path) in ENDPOINTS
        .iter()
        .copied()
        .chain([("GET", "/nothing-here"), ("POST", "/config")])
    {
        let uri = format!("/api/v1{path}");
        let (status, body) = call(&app, method, &uri, Some("{}")).await;
        assert_eq!(status, 401, "{method} {uri}: {body}");
        assert!(message(&body, "session").contains("sign in"), "{body}");
    }

    // The forms that sign out and change the password.
    for path in ["/auth/signout", "/auth/password"] {
        let (res, _) = send(&app, request("POST", path).body(Body::empty()).unwrap()).await;
        assert_eq!(res.status(), 303, "{path}");
        assert!(res.headers()["location"]
            .to_str()
            .unwrap()
            .starts_with("/signin"));
    }

    // What stays open: the sign-in page (which shows no configuration) and its assets.
    let (res, html) = send(&app, request("GET", "/signin").body(Body::empty()).unwrap()).await;
    assert_eq!(res.status(), 200);
    assert!(html.contains("Device password"));
    assert!(
        !html.contains("TEST-01") && !html.contains("Port3"),
        "{html}"
    );
}

#[tokio::test]
async fn the_initial_password_must_be_changed_first() {
    let dir = TempDir::new("sec-initial");
    let app = anonymous_app(dir.path());
    let (cookie, token) = sign_in(&app, INITIAL_PASSWORD).await;
    let with = |method: &str, uri: &str, body: &str| {
        request(method, uri)
            .header("cookie", &cookie)
            .header("x-csrf-token", &token)
            .body(Body::from(body.to_string()))
            .unwrap()
    };
    let (res, body) = send(&app, with("GET", "/api/v1/config", "")).await;
    assert_eq!(res.status(), 403, "{body}");
    assert!(body.contains("change the initial password first"), "{body}");
    let (res, _) = send(&app, with("GET", "/compute", "")).await;
    assert_eq!(res.headers()["location"], "/password?first=1");

    // The rules apply, each beside its field.
    for (new, field, text) in [
        ("short1A", "new", "at least 8 characters"),
        ("alllowercase", "new", "at least 3 of"),
        ("Toolong-password-1", "new", "at most 16"),
        (INITIAL_PASSWORD, "new", "different from the current one"),
    ] {
        let b = format!(r#"{{"current":"{INITIAL_PASSWORD}","new":"{new}"}}"#);
        let (res, body) = send(&app, with("PUT", "/api/v1/password", &b)).await;
        assert_eq!(res.status(), 422, "{new}: {body}");
        let v: Value = serde_json::from_str(&body).unwrap();
        assert!(message(&v, field).contains(text), "{new}: {body}");
    }
    // Every field's problem at once (#29): no current password and a short new one.
    let b = r#"{"current":"","new":"short1A"}"#;
    let (res, body) = send(&app, with("PUT", "/api/v1/password", b)).await;
    assert_eq!(res.status(), 422, "{body}");
    let v: Value = serde_json::from_str(&body).unwrap();
    assert_eq!(v["errors"].as_array().map(Vec::len), Some(2), "{body}");
    assert!(
        message(&v, "current").contains("current password is wrong"),
        "{body}"
    );
    assert!(
        message(&v, "new").contains("at least 8 characters"),
        "{body}"
    );

    let b = r#"{"current":"Wrong-Pass-9","new":"Edge-Pass-2026"}"#;
    let (res, body) = send(&app, with("PUT", "/api/v1/password", b)).await;
    assert_eq!(res.status(), 422);
    assert!(body.contains("current password is wrong"), "{body}");

    let b = format!(r#"{{"current":"{INITIAL_PASSWORD}","new":"Edge-Pass-2026"}}"#);
    let (res, _) = send(&app, with("PUT", "/api/v1/password", &b)).await;
    assert_eq!(res.status(), 204);
    let (res, _) = send(&app, with("GET", "/api/v1/config", "")).await;
    assert_eq!(res.status(), 200);

    // Only the hash is on disk, readable by its owner alone.
    let text = std::fs::read_to_string(dir.path().join("auth.toml")).unwrap();
    assert!(text.contains("$argon2id$") && !text.contains("Edge-Pass-2026"));
    use std::os::unix::fs::PermissionsExt;
    let mode = std::fs::metadata(dir.path().join("auth.toml"))
        .unwrap()
        .permissions()
        .mode();
    assert_eq!(mode & 0o777, 0o600);

    // The old password no longer signs in; the new one does, with nothing left to change.
    let (status, _) = call(
        &app,
        "POST",
        "/api/v1/session",
        Some(&format!(r#"{{"password":"{INITIAL_PASSWORD}"}}"#)),
    )
    .await;
    assert_eq!(status, 401);
    let (status, v) = call(
        &app,
        "POST",
        "/api/v1/session",
        Some(r#"{"password":"Edge-Pass-2026"}"#),
    )
    .await;
    assert_eq!(status, 200);
    assert_eq!(v["must_change_password"], false);
}

#[tokio::test]
async fn forged_requests_are_refused() {
    let dir = TempDir::new("sec-csrf");
    let signed_in = app(dir.path()).await;
    let anon = anonymous_app(dir.path());
    let (cookie, token) = sign_in(&anon, common::PASSWORD).await;
    let body = r#"{"mode":"static","address":"10.0.0.2","prefix":24,"revision":0}"#;

    // The session's cookie alone is not enough: the token must come with it.
    let (res, text) = send(
        &anon,
        request("PUT", "/api/v1/ports/Port3")
            .header("cookie", &cookie)
            .body(Body::from(body))
            .unwrap(),
    )
    .await;
    assert_eq!(res.status(), 403, "{text}");
    assert!(text.contains("token"), "{text}");
    // A wrong token is no better.
    let (res, _) = send(
        &anon,
        request("PUT", "/api/v1/ports/Port3")
            .header("cookie", &cookie)
            .header("x-csrf-token", "00".repeat(32))
            .body(Body::from(body))
            .unwrap(),
    )
    .await;
    assert_eq!(res.status(), 403);
    // Another site's page, even with the right token, is refused.
    let (res, text) = send(
        &anon,
        request("PUT", "/api/v1/ports/Port3")
            .header("cookie", &cookie)
            .header("x-csrf-token", &token)
            .header("host", "edge.local")
            .header("origin", "https://evil.example")
            .body(Body::from(body))
            .unwrap(),
    )
    .await;
    assert_eq!(res.status(), 403, "{text}");
    assert!(text.contains("another site"), "{text}");
    // And so is signing in from another site (login CSRF).
    let (res, _) = send(
        &anon,
        request("POST", "/auth/signin")
            .header("sec-fetch-site", "cross-site")
            .header("content-type", "application/x-www-form-urlencoded")
            .body(Body::from("password=Edge-Pass-2026"))
            .unwrap(),
    )
    .await;
    assert_eq!(res.status(), 303);
    assert!(res.headers().get("set-cookie").is_none());

    // A page's form (server function) carries the token as a field.
    let form = "revision=0&name=Port3&mode=static&address=10.0.0.2&prefix=24";
    let (stage_port, _) = leptos::server_fn::axum::server_fn_paths()
        .find(|(p, _)| p.contains("stage_port"))
        .unwrap();
    let post = |body: String| {
        request("POST", stage_port)
            .header("cookie", &cookie)
            .header("host", "edge.local")
            .header("origin", "https://edge.local")
            .header("content-type", "application/x-www-form-urlencoded")
            .body(Body::from(body))
            .unwrap()
    };
    let (res, _) = send(&anon, post(form.to_string())).await;
    assert_eq!(res.status(), 403);
    let (res, text) = send(&anon, post(format!("{form}&_csrf={token}"))).await;
    assert_eq!(res.status(), 200, "{text}");

    // The same request through the signed-in helper goes through.
    let (status, v) = call(&signed_in, "PUT", "/api/v1/ports/Port3", Some(body)).await;
    assert_eq!(status, 200, "{v}");
}

/// A router whose sign-in locks an address out for a minute after 4 wrong passwords.
fn locking_app(dir: &TempDir) -> Router {
    let mut s = settings(dir.path());
    s.access = Policy {
        attempts: 4,
        lockout: Duration::from_secs(60),
        secure: false,
        ..Default::default()
    };
    router(AppState::new(s).unwrap())
}

#[tokio::test]
async fn wrong_passwords_slow_down_then_lock_out_per_address() {
    let dir = TempDir::new("sec-lock");
    let app = locking_app(&dir);
    let try_as = |addr: &str, password: &str| {
        from(
            addr,
            request("POST", "/api/v1/session")
                .body(Body::from(format!(r#"{{"password":"{password}"}}"#)))
                .unwrap(),
        )
    };
    let mut times = Vec::new();
    for i in 1..=3 {
        let t = std::time::Instant::now();
        let (res, body) = send(&app, try_as("10.1.1.1:5000", "Wrong-Pass-1")).await;
        times.push(t.elapsed());
        assert_eq!(res.status(), 401, "attempt {i}: {body}");
        assert!(body.contains("Wrong password."));
    }
    // The third mistake already waits (250 ms); the first two do not.
    assert!(times[2] >= Duration::from_millis(250), "{times:?}");
    let (res, body) = send(&app, try_as("10.1.1.1:5000", "Wrong-Pass-1")).await;
    assert_eq!(res.status(), 429, "{body}");
    assert!(body.contains("sign-in is locked for"), "{body}");
    let retry: u64 = res.headers()["retry-after"]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    assert!((1..=60).contains(&retry));
    // Locked means locked: even the right password is refused, and not checked.
    let (res, _) = send(&app, try_as("10.1.1.1:5001", INITIAL_PASSWORD)).await;
    assert_eq!(res.status(), 429);
    // Another address is not affected.
    let (res, _) = send(&app, try_as("10.1.1.2:5000", INITIAL_PASSWORD)).await;
    assert_eq!(res.status(), 200);
    // The sign-in page says so, beside the password field.
    let (res, _) = send(
        &app,
        from(
            "10.1.1.1:5002",
            request("POST", "/auth/signin")
                .header("content-type", "application/x-www-form-urlencoded")
                .body(Body::from("password=x&next=/compute"))
                .unwrap(),
        ),
    )
    .await;
    let to = res.headers()["location"].to_str().unwrap();
    assert!(to.starts_with("/signin?error=locked-"), "{to}");
}

#[tokio::test]
async fn idle_sessions_end_and_signing_out_ends_them_now() {
    let dir = TempDir::new("sec-idle");
    let mut s = settings(dir.path());
    s.access.idle = Duration::from_millis(300);
    let app = router(AppState::new(s).unwrap());
    let (cookie, token) = sign_in(&app, INITIAL_PASSWORD).await;
    let get = |uri: &str| {
        request("GET", uri)
            .header("cookie", &cookie)
            .body(Body::empty())
            .unwrap()
    };
    let (res, _) = send(&app, get("/api/v1/session")).await;
    assert_eq!(res.status(), 200);
    tokio::time::sleep(Duration::from_millis(450)).await;
    let (res, _) = send(&app, get("/api/v1/session")).await;
    assert_eq!(res.status(), 401);
    let (res, _) = send(&app, get("/password")).await;
    assert_eq!(
        res.headers()["location"],
        "/signin?next=%2Fpassword&expired=1"
    );
    // A form posted after the end leads back to a page, not to the form's address.
    let (res, _) = send(
        &app,
        request("POST", "/auth/signout")
            .header("cookie", &cookie)
            .body(Body::empty())
            .unwrap(),
    )
    .await;
    assert_eq!(res.headers()["location"], "/signin?next=%2F&expired=1");

    // Signing out, on a device whose sessions last the usual time: with 300 ms,
    // a slow sign-in on a loaded machine could end the session before the
    // sign-out is sent, and the sign-out would answer "expired" instead.
    let dir = TempDir::new("sec-signout");
    let app = router(AppState::new(settings(dir.path())).unwrap());
    let (cookie, token2) = sign_in(&app, INITIAL_PASSWORD).await;
    assert_ne!(token, token2, "every session has its own token");
    let (res, _) = send(
        &app,
        request("POST", "/auth/signout")
            .header("cookie", &cookie)
            .header("content-type", "application/x-www-form-urlencoded")
            .body(Body::from(format!("_csrf={token2}")))
            .unwrap(),
    )
    .await;
    assert_eq!(res.status(), 303);
    let cleared = res.headers()["set-cookie"].to_str().unwrap();
    assert!(cleared.contains("Max-Age=0"), "{cleared}");
    let (res, _) = send(
        &app,
        request("GET", "/api/v1/session")
            .header("cookie", &cookie)
            .body(Body::empty())
            .unwrap(),
    )
    .await;
    assert_eq!(res.status(), 401);
}

#[tokio::test]
async fn every_response_carries_the_security_headers() {
    let dir = TempDir::new("sec-headers");
    let app = app(dir.path()).await;
    for uri in [
        "/",
        "/compute",
        "/signin",
        "/api/v1/config",
        "/no-such-page",
    ] {
        let (res, html) = send(&app, request("GET", uri).body(Body::empty()).unwrap()).await;
        let h = res.headers();
        let csp = h["content-security-policy"].to_str().unwrap();
        for want in [
            "'wasm-unsafe-eval'",
            "frame-ancestors 'none'",
            "object-src 'none'",
            "style-src 'self';",
        ] {
            assert!(csp.contains(want), "{uri}: {csp}");
        }
        assert!(!csp.contains("unsafe-inline"), "{uri}: {csp}");
        assert_eq!(h["x-content-type-options"], "nosniff", "{uri}");
        assert_eq!(h["referrer-policy"], "same-origin", "{uri}");
        assert_eq!(h["cache-control"], "no-store", "{uri}");
        if uri == "/compute" {
            // The hydration script runs because it carries this response's nonce.
            let nonce = csp
                .split("'nonce-")
                .nth(1)
                .and_then(|r| r.split('\'').next())
                .unwrap();
            assert!(html.contains(&format!("nonce=\"{nonce}\"")), "{html}");
            assert!(!html.contains(" style=\""), "inline style in {uri}");
            assert!(html.contains("name=\"_csrf\""), "forms carry the token");
        }
    }
}

#[tokio::test]
async fn bodies_over_the_limit_are_refused_clearly() {
    let dir = TempDir::new("sec-body");
    let app = app(dir.path()).await;
    let big = format!(r#"{{"destination":"{}"}}"#, "x".repeat(100_000));
    let (status, v) = call(&app, "POST", "/api/v1/routes", Some(&big)).await;
    assert_eq!(status, 413);
    assert!(message(&v, "body").contains("limit of 64 KiB"), "{v}");
    let (status, _) = call(&app, "POST", "/api/v1/session", Some(&big)).await;
    assert_eq!(status, 413);
}

#[tokio::test]
async fn the_audit_trail_records_who_changed_what_and_survives_a_restart() {
    let dir = TempDir::new("sec-audit");
    let app = app(dir.path()).await;
    let body = r#"{"mode":"static","address":"10.0.0.2","prefix":24,"revision":0}"#;
    let req = from(
        "192.0.2.7:40000",
        request("PUT", "/api/v1/ports/Port3")
            .header("content-type", "application/json")
            .body(Body::from(body))
            .unwrap(),
    );
    let (res, text) = send(&app, req).await;
    assert_eq!(res.status(), 200, "{text}");
    drop(app);

    let again = common::app(dir.path()).await;
    let (_, v) = call(&again, "GET", "/api/v1/config/history", None).await;
    let h = &v["history"][0];
    assert_eq!(h["revision"], 1);
    assert_eq!(h["client"], "192.0.2.7");
    assert_eq!(h["source"], "api");
    let (res, html) = send(
        &again,
        request("GET", "/audit").body(Body::empty()).unwrap(),
    )
    .await;
    assert_eq!(res.status(), 200);
    assert!(html.contains("from 192.0.2.7"), "{html}");
    assert!(html.contains("10.0.0.2"), "the field-level diff: {html}");
}

#[tokio::test]
async fn the_history_keeps_the_last_revisions_and_says_so() {
    use edgenet::server::storage::store::{Actor, HISTORY_MAX};
    let dir = TempDir::new("sec-history");
    let state = AppState::new(settings(dir.path())).unwrap();
    let store = state.store.clone();
    let actor = Actor::new(
        edgenet::domain::records::Source::Api,
        "127.0.0.1".parse().unwrap(),
    );
    let total = HISTORY_MAX as u64 + 3;
    for rev in 0..total {
        let mtu = format!("{}", 1400 + rev % 2);
        store
            .apply_edit(rev, &actor, move |d| {
                let p = d.port_mut("Port3").unwrap();
                p.mtu = mtu;
                Ok(())
            })
            .await
            .unwrap();
    }
    let snap = store.snapshot().await;
    assert_eq!(snap.history.len(), HISTORY_MAX);
    assert_eq!(snap.history[0].revision, total);
    assert_eq!(
        snap.history.last().unwrap().revision,
        total - HISTORY_MAX as u64 + 1
    );
    let files = std::fs::read_dir(dir.path().join("history"))
        .unwrap()
        .count();
    assert_eq!(files, HISTORY_MAX);
    let e = store.stage_restore(total, 1).await.unwrap_err();
    assert_eq!(
        e.to_string(),
        "revision 1 is not in the history (it keeps the last 500 revisions)"
    );
    // A restart reads the same bounded history.
    drop(state);
    let again = AppState::new(settings(dir.path())).unwrap();
    assert_eq!(again.store.snapshot().await.history.len(), HISTORY_MAX);
}

#[tokio::test]
async fn guesses_sent_in_parallel_are_counted_before_they_are_checked() {
    let dir = TempDir::new("sec-parallel");
    let app = locking_app(&dir);
    let guess = |i: usize| {
        let app = app.clone();
        async move {
            let req = from(
                "10.9.9.9:7000",
                request("POST", "/api/v1/session")
                    .body(Body::from(format!(r#"{{"password":"Guess-{i}-xyz"}}"#)))
                    .unwrap(),
            );
            send(&app, req).await.0.status().as_u16()
        }
    };
    let answers = futures::future::join_all((0..20).map(guess)).await;
    let checked = answers.iter().filter(|s| **s == 401).count();
    let locked = answers.iter().filter(|s| **s == 429).count();
    assert_eq!(checked + locked, 20, "{answers:?}");
    assert!(
        locked >= 16,
        "at most 4 guesses may be checked: {answers:?}"
    );
    let (res, _) = send(
        &app,
        from(
            "10.9.9.9:7001",
            request("POST", "/api/v1/session")
                .body(Body::from(format!(
                    r#"{{"password":"{INITIAL_PASSWORD}"}}"#
                )))
                .unwrap(),
        ),
    )
    .await;
    assert_eq!(res.status(), 429);
}

#[tokio::test]
async fn http2_requests_without_a_host_header_pass_the_origin_check() {
    let dir = TempDir::new("sec-h2");
    let app = app(dir.path()).await;
    // HTTP/2 carries the authority in the URI (":authority"), not in a Host header.
    let body = r#"{"mode":"static","address":"10.0.0.2","prefix":24,"revision":0}"#;
    let (res, text) = send(
        &app,
        request("PUT", "https://edge.local:3000/api/v1/ports/Port3")
            .header("origin", "https://edge.local:3000")
            .header("content-type", "application/json")
            .body(Body::from(body))
            .unwrap(),
    )
    .await;
    assert_eq!(res.status(), 200, "{text}");
    let (res, _) = send(
        &app,
        request("PUT", "https://edge.local:3000/api/v1/ports/Port3")
            .header("origin", "https://evil.example")
            .body(Body::from(body))
            .unwrap(),
    )
    .await;
    assert_eq!(res.status(), 403);
}

#[tokio::test]
async fn kept_pages_carry_each_request_its_own_nonce_and_token_and_follow_changes() {
    let dir = TempDir::new("sec-pages");
    let a = app(dir.path()).await;
    let anon = anonymous_app(dir.path());
    let (cookie_b, token_b) = sign_in(&anon, common::PASSWORD).await;
    let page = |app: &Router, cookie: Option<&str>, uri: &str| {
        let mut r = request("GET", uri);
        if let Some(c) = cookie {
            r = r.header("cookie", c);
        }
        let app = app.clone();
        let req = r.body(Body::empty()).unwrap();
        async move { send(&app, req).await }
    };
    let nonce_of = |res: &Response<Body>| {
        let csp = res.headers()["content-security-policy"].to_str().unwrap();
        csp.split("'nonce-")
            .nth(1)
            .unwrap()
            .split('\'')
            .next()
            .unwrap()
            .to_string()
    };
    let (r1, html1) = page(&a, None, "/network").await;
    let (r2, html2) = page(&a, None, "/network").await;
    let (r3, html3) = page(&anon, Some(&cookie_b), "/network").await;
    for (r, html) in [(&r1, &html1), (&r2, &html2), (&r3, &html3)] {
        assert_eq!(r.status(), 200);
        let n = nonce_of(r);
        assert!(
            html.contains(&format!("nonce=\"{n}\"")),
            "the page carries its response's nonce"
        );
        assert!(!html.contains('\u{1}'), "no placeholder is left");
    }
    assert_ne!(nonce_of(&r1), nonce_of(&r2));
    assert!(html3.contains(&token_b), "session B's page has B's token");
    let token_a = html1
        .split("name=\"csrf-token\" content=\"")
        .nth(1)
        .unwrap()
        .split('"')
        .next()
        .unwrap()
        .to_string();
    assert_ne!(token_a, token_b);
    assert!(!html3.contains(&token_a), "no session sees another's token");

    // The query is part of what is kept apart.
    let (_, with) = page(&a, None, "/network?notice=applied&n=7").await;
    assert!(with.contains("Revision 7 applied."));
    assert!(!html1.contains("Revision 7 applied."));

    // A change shows at once.
    let body = r#"{"mode":"static","address":"10.0.0.77","prefix":24,"revision":0}"#;
    let (status, v) = call(&a, "PUT", "/api/v1/ports/Port3", Some(body)).await;
    assert_eq!(status, 200, "{v}");
    let (_, after) = page(&a, None, "/network").await;
    assert!(after.contains("10.0.0.77") && !html1.contains("10.0.0.77"));
}

/// A refused server-function call answers the refusal as data: its code as
/// the error a server function's client decodes (`ServerFnError::ServerError`),
/// which the pages match exactly (`state::Refusal`), never by its words.
#[tokio::test]
async fn refused_server_function_calls_carry_the_refusal_as_data() {
    use edgenet::state::Refusal;
    use leptos::prelude::ServerFnError;
    use leptos::server_fn::error::FromServerFnError;

    let refusal_of =
        |body: &str| match <ServerFnError as FromServerFnError>::de(body.to_string().into()) {
            ServerFnError::ServerError(code) => Refusal::of_code(&code),
            other => panic!("not a server error: {other:?} from {body:?}"),
        };
    let dir = TempDir::new("rpc-refusals");
    let anonymous = anonymous_app(dir.path());
    let (res, body) = send(
        &anonymous,
        request("POST", "/rpc/discard_changes")
            .header("content-type", "application/x-www-form-urlencoded")
            .body(Body::empty())
            .unwrap(),
    )
    .await;
    assert_eq!(res.status().as_u16(), 401, "{body}");
    assert_eq!(refusal_of(&body), Some(Refusal::SignInFirst));

    let (cookie, _) = sign_in(&anonymous, INITIAL_PASSWORD).await;
    let (res, body) = send(
        &anonymous,
        request("POST", "/rpc/discard_changes")
            .header("cookie", &cookie)
            .header("content-type", "application/x-www-form-urlencoded")
            .body(Body::empty())
            .unwrap(),
    )
    .await;
    assert_eq!(res.status().as_u16(), 403, "{body}");
    assert_eq!(refusal_of(&body), Some(Refusal::Token));

    let (res, body) = send(
        &anonymous,
        request("POST", "/rpc/discard_changes")
            .header("cookie", &cookie)
            .header("origin", "https://elsewhere.example")
            .header("content-type", "application/x-www-form-urlencoded")
            .body(Body::empty())
            .unwrap(),
    )
    .await;
    assert_eq!(res.status().as_u16(), 403, "{body}");
    assert_eq!(refusal_of(&body), Some(Refusal::CrossSite));
}
