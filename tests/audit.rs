//! The audit trail is where an incident is reconstructed: it keeps the
//! security events (sign-ins, failed sign-ins, lock-outs, sign-outs, password
//! changes) with their client address, on disk and bounded like revisions; it
//! marks a restore with the revision it restored, and tells adding a route
//! from removing it.

mod common;

use std::{net::SocketAddr, time::Duration};

use axum::{
    body::Body,
    extract::ConnectInfo,
    http::{Request, Response},
    Router,
};
use common::{call, settings, TempDir, INITIAL_PASSWORD, PASSWORD};
use edgenet::domain::records::SecurityEvent;
use edgenet::router::router;
use edgenet::server::{
    auth::Policy,
    storage::security_log::EVENTS_MAX,
    storage::store::{Actor, Store},
    AppState,
};
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

/// A request from `addr` (as the listener gives it), with `cookie` and `token` if any.
fn from(
    addr: &str,
    method: &str,
    uri: &str,
    session: Option<(&str, &str)>,
    body: &str,
) -> Request<Body> {
    let mut r = Request::builder().method(method).uri(uri);
    if let Some((cookie, token)) = session {
        r = r.header("cookie", cookie).header("x-csrf-token", token);
    }
    if uri.starts_with("/auth/") {
        r = r.header("content-type", "application/x-www-form-urlencoded");
    }
    let mut req = r.body(Body::from(body.to_string())).unwrap();
    let a: SocketAddr = addr.parse().unwrap();
    req.extensions_mut().insert(ConnectInfo(a));
    req
}

fn cookie_of(res: &Response<Body>) -> String {
    res.headers()["set-cookie"]
        .to_str()
        .unwrap()
        .split(';')
        .next()
        .unwrap()
        .to_string()
}

/// Signs in through the API from `addr`: (cookie, token).
async fn sign_in_from(app: &Router, addr: &str, password: &str) -> (String, String) {
    let (res, body) = send(
        app,
        from(
            addr,
            "POST",
            "/api/v1/session",
            None,
            &format!(r#"{{"password":"{password}"}}"#),
        ),
    )
    .await;
    assert_eq!(res.status(), 200, "{body}");
    let v: Value = serde_json::from_str(&body).unwrap();
    (
        cookie_of(&res),
        v["csrf_token"].as_str().unwrap().to_string(),
    )
}

/// The security events of the trail, oldest first, as (event, source, client).
fn security_events(audit: &Value) -> Vec<(String, String, String)> {
    let mut out: Vec<_> = audit["entries"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["type"] == "security")
        .map(|e| {
            (
                e["event"].as_str().unwrap().to_string(),
                e["source"].as_str().unwrap().to_string(),
                e["client"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    out.reverse();
    out
}

fn ev(event: &str, source: &str, client: &str) -> (String, String, String) {
    (event.into(), source.into(), client.into())
}

#[tokio::test]
async fn sign_ins_failures_lock_outs_sign_outs_and_password_changes_are_recorded_with_the_address()
{
    let dir = TempDir::new("audit-security");
    let mut s = settings(dir.path());
    s.access = Policy {
        attempts: 3,
        lockout: Duration::from_secs(60),
        secure: false,
        ..Default::default()
    };
    let app = router(AppState::new(s).unwrap());

    // An administrator signs in through the API and changes the initial password,
    // mistyping the current one first.
    let (cookie, token) = sign_in_from(&app, "192.0.2.10:4000", INITIAL_PASSWORD).await;
    let session = Some((cookie.as_str(), token.as_str()));
    let (res, _) = send(
        &app,
        from(
            "192.0.2.10:4000",
            "PUT",
            "/api/v1/password",
            session,
            &format!(r#"{{"current":"Not-It-1","new":"{PASSWORD}"}}"#),
        ),
    )
    .await;
    assert_eq!(res.status(), 422);
    // A new password that breaks a rule is no security event.
    let (res, _) = send(
        &app,
        from(
            "192.0.2.10:4000",
            "PUT",
            "/api/v1/password",
            session,
            &format!(r#"{{"current":"{INITIAL_PASSWORD}","new":"short"}}"#),
        ),
    )
    .await;
    assert_eq!(res.status(), 422);
    let (res, body) = send(
        &app,
        from(
            "192.0.2.10:4000",
            "PUT",
            "/api/v1/password",
            session,
            &format!(r#"{{"current":"{INITIAL_PASSWORD}","new":"{PASSWORD}"}}"#),
        ),
    )
    .await;
    assert_eq!(res.status(), 204, "{body}");
    let (res, _) = send(
        &app,
        from("192.0.2.10:4000", "DELETE", "/api/v1/session", session, ""),
    )
    .await;
    assert_eq!(res.status(), 204);

    // Someone guesses from another address until locked out, then keeps trying.
    for _ in 0..3 {
        let (res, _) = send(
            &app,
            from(
                "203.0.113.66:5000",
                "POST",
                "/api/v1/session",
                None,
                r#"{"password":"Guess-Pass-1"}"#,
            ),
        )
        .await;
        assert!(matches!(res.status().as_u16(), 401 | 429));
    }
    let (res, _) = send(
        &app,
        from(
            "203.0.113.66:5001",
            "POST",
            "/api/v1/session",
            None,
            r#"{"password":"Guess-Pass-2"}"#,
        ),
    )
    .await;
    assert_eq!(res.status(), 429, "locked out");

    // The administrator comes back through the pages (a form post), and signs out there.
    let (res, _) = send(
        &app,
        from(
            "192.0.2.11:4100",
            "POST",
            "/auth/signin",
            None,
            &format!("password={PASSWORD}&next=/"),
        ),
    )
    .await;
    assert_eq!(res.status(), 303);
    let page_cookie = cookie_of(&res);
    let (_, signin_page) = send(
        &app,
        from(
            "192.0.2.11:4100",
            "GET",
            "/audit",
            Some((&page_cookie, "")),
            "",
        ),
    )
    .await;
    let page_token = signin_page
        .split("name=\"csrf-token\" content=\"")
        .nth(1)
        .unwrap()
        .split('"')
        .next()
        .unwrap()
        .to_string();
    let (res, _) = send(
        &app,
        from(
            "192.0.2.11:4100",
            "POST",
            "/auth/signout",
            Some((&page_cookie, &page_token)),
            &format!("_csrf={page_token}"),
        ),
    )
    .await;
    assert_eq!(res.status(), 303);

    let want = vec![
        ev("sign-in", "api", "192.0.2.10"),
        ev("password-change-failed", "api", "192.0.2.10"),
        ev("password-changed", "api", "192.0.2.10"),
        ev("sign-out", "api", "192.0.2.10"),
        ev("sign-in-failed", "api", "203.0.113.66"),
        ev("sign-in-failed", "api", "203.0.113.66"),
        ev("sign-in-failed", "api", "203.0.113.66"),
        ev("locked-out", "api", "203.0.113.66"),
        ev("sign-in", "ui", "192.0.2.11"),
        ev("sign-out", "ui", "192.0.2.11"),
    ];
    let (cookie, token) = sign_in_from(&app, "192.0.2.12:4200", PASSWORD).await;
    let (res, body) = send(
        &app,
        from(
            "192.0.2.12:4200",
            "GET",
            "/api/v1/audit",
            Some((&cookie, &token)),
            "",
        ),
    )
    .await;
    assert_eq!(res.status(), 200, "{body}");
    let audit: Value = serde_json::from_str(&body).unwrap();
    let mut with_last = want.clone();
    with_last.push(ev("sign-in", "api", "192.0.2.12"));
    assert_eq!(security_events(&audit), with_last);
    for e in audit["entries"].as_array().unwrap() {
        assert!(e["at"].as_u64().unwrap() > 1_700_000_000, "{e}");
    }

    // Kept across a restart, and shown on the Audit page in both languages.
    drop(app);
    let again = router(AppState::new(settings(dir.path())).unwrap());
    let (cookie, token) = sign_in_from(&again, "192.0.2.13:4300", PASSWORD).await;
    let (_, body) = send(
        &again,
        from(
            "192.0.2.13:4300",
            "GET",
            "/api/v1/audit?limit=200",
            Some((&cookie, &token)),
            "",
        ),
    )
    .await;
    let audit: Value = serde_json::from_str(&body).unwrap();
    let events = security_events(&audit);
    assert_eq!(events[..want.len()], want[..]);
    let (_, html) = send(
        &again,
        from("192.0.2.13:4300", "GET", "/audit", Some((&cookie, "")), ""),
    )
    .await;
    for text in [
        "Failed sign-in: wrong password",
        "Sign-in locked out after repeated wrong passwords",
        "from 203.0.113.66",
        "Password changed; other sessions signed out",
        "Password not changed: wrong current password",
        "Signed out",
        "data-event=\"locked-out\"",
    ] {
        assert!(html.contains(text), "{text} is not on the Audit page");
    }
    let mut ja = from("192.0.2.13:4300", "GET", "/audit", Some((&cookie, "")), "");
    ja.headers_mut()
        .insert("accept-language", "ja".parse().unwrap());
    let (_, html) = send(&again, ja).await;
    for text in [
        "サインイン失敗: パスワードが違います",
        "パスワードの誤りが続いたため、サインインをロックアウトしました",
        "203.0.113.66 から",
    ] {
        assert!(
            html.contains(text),
            "{text} is not on the Japanese Audit page"
        );
    }
}

#[tokio::test]
async fn the_audit_api_pages_and_refuses_bad_numbers_by_name() {
    let dir = TempDir::new("audit-api");
    let app = common::app(dir.path()).await;
    // The harness signed in and changed the password: two events, newest first.
    let (status, v) = call(&app, "GET", "/api/v1/audit?limit=1", None).await;
    assert_eq!(status, 200, "{v}");
    assert_eq!(v["entries"].as_array().unwrap().len(), 1);
    assert_eq!(v["entries"][0]["event"], "password-changed");
    let (_, v) = call(&app, "GET", "/api/v1/audit?offset=1&limit=1", None).await;
    assert_eq!(v["entries"][0]["event"], "sign-in");
    for (q, field) in [
        ("limit=201", "limit"),
        ("limit=-1", "limit"),
        ("offset=x", "offset"),
    ] {
        let (status, v) = call(&app, "GET", &format!("/api/v1/audit?{q}"), None).await;
        assert_eq!(status, 422, "{q}: {v}");
        assert_eq!(v["errors"][0]["field"], field, "{q}: {v}");
        assert_eq!(v["errors"][0]["code"], "api-audit-bad-number", "{q}: {v}");
    }
}

#[tokio::test]
async fn security_events_are_bounded_and_every_one_is_its_own_file() {
    let dir = TempDir::new("audit-bound");
    let store = std::sync::Arc::new(
        Store::open(
            dir.path(),
            edgenet::domain::model::DeviceProfile::default_appliance(),
        )
        .unwrap(),
    );
    let actor = Actor::new(
        edgenet::domain::records::Source::Api,
        "198.51.100.1".parse().unwrap(),
    );
    for _ in 0..EVENTS_MAX + 5 {
        store
            .record_event(SecurityEvent::SignInFailed, &actor)
            .await;
    }
    let files = || {
        std::fs::read_dir(dir.path().join("events"))
            .unwrap()
            .filter(|e| {
                e.as_ref()
                    .unwrap()
                    .file_name()
                    .to_string_lossy()
                    .ends_with(".toml")
            })
            .count()
    };
    assert_eq!(files(), EVENTS_MAX);
    // A torn write leaves only a temporary file, which start-up removes.
    std::fs::write(
        dir.path().join("events/.e99999999.toml.1.1.tmp"),
        "event = ",
    )
    .unwrap();
    drop(store);
    let store = Store::open(
        dir.path(),
        edgenet::domain::model::DeviceProfile::default_appliance(),
    )
    .unwrap();
    assert_eq!(files(), EVENTS_MAX);
    let store = std::sync::Arc::new(store);
    let all = store.audit(0, EVENTS_MAX + 10).await.unwrap();
    // Nothing was applied: the trail is the events, all of them read back.
    assert_eq!(all.len(), EVENTS_MAX);
}

#[tokio::test]
async fn a_restore_says_which_revision_it_restored_and_routes_read_as_added_or_removed() {
    use edgenet::domain::routes::RouteForm;
    let dir = TempDir::new("audit-restore");
    drop(common::app(dir.path()).await); // the password changed, for the second start
    {
        let state = AppState::new(settings(dir.path())).unwrap();
        let store = state.store.clone();
        let actor = Actor::new(
            edgenet::domain::records::Source::Ui,
            "192.0.2.20".parse().unwrap(),
        );
        for (rev, address) in [(0, "10.0.0.2"), (1, "10.0.0.3")] {
            store
                .apply_edit(rev, &actor, move |d| {
                    let p = d.port_mut("Port3").unwrap();
                    p.mode = "static".into();
                    p.address = address.into();
                    p.prefix = "24".into();
                    Ok(())
                })
                .await
                .unwrap();
        }
        store.stage_restore(2, 1).await.unwrap();
        assert_eq!(store.apply_draft(2, &actor).await.unwrap(), 3);
        let form = RouteForm {
            destination: "192.168.40.0/24".into(),
            next_hop: "10.0.0.1".into(),
            interface: "Port3".into(),
            metric: "100".into(),
            ..Default::default()
        };
        store.add_route(Some(3), &actor, form).await.unwrap();
        store
            .remove_route(Some(4), &actor, "Port3", "192.168.40.0/24")
            .await
            .unwrap();
    }
    let app = common::app(dir.path()).await;
    let (_, v) = call(&app, "GET", "/api/v1/config/history", None).await;
    let h = v["history"].as_array().unwrap();
    assert_eq!(h[0]["revision"], 5);
    assert_eq!(h[0]["summary"], "Routes: removed 192.168.40.0/24 on Port3");
    assert_eq!(h[1]["summary"], "Routes: added 192.168.40.0/24 on Port3");
    assert_eq!(h[2]["revision"], 3);
    assert_eq!(h[2]["restored_from"], 1, "{}", h[2]);
    assert!(h[1].get("restored_from").is_none(), "{}", h[1]);

    let (_, v) = call(&app, "GET", "/api/v1/audit", None).await;
    let r3 = v["entries"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["revision"] == 3)
        .unwrap();
    assert_eq!(r3["type"], "revision", "{r3}");
    assert_eq!(r3["restored_from"], 1, "{r3}");
    assert_eq!(r3["changes"][0]["to"], "10.0.0.2/24", "{r3}");

    let page = |uri: &str| {
        Request::builder()
            .method("GET")
            .uri(uri)
            .body(Body::empty())
            .unwrap()
    };
    let (_, html) = send(&app, page("/changes")).await;
    assert!(html.contains("added 192.168.40.0/24 on Port3"), "{html}");
    assert!(html.contains("removed 192.168.40.0/24 on Port3"));
    assert!(html.contains("restored from revision 1"));
    let (_, html) = send(&app, page("/audit")).await;
    assert!(html.contains("Restored from revision 1."), "{html}");
}

/// The issue's example: Port3 static with a gateway, chosen to hold the
/// default gateway (and the VMs' NAT) instead of Port2; then compute locks
/// the cluster networks. Both are said before applying (staged answer, file
/// dry run, Changes page) and kept in the audit trail. A gateway alone on
/// Port3 moves nothing.
#[tokio::test]
async fn consequences_are_told_before_applying_and_kept_in_the_audit_trail() {
    let dir = TempDir::new("audit-consequences");
    let app = common::app(dir.path()).await;
    let file = "format = 1\ndefault_gateway = \"Port3\"\n\n[ports.Port3]\nmode = \"static\"\naddress = \"10.20.0.10\"\nprefix = 24\ngateway = \"10.20.0.1\"\nmtu = 1500\n";
    let post_file = |uri: &str| {
        Request::builder()
            .method("POST")
            .uri(uri)
            .header("content-type", "application/toml")
            .body(Body::from(file))
            .unwrap()
    };
    let (res, body) = send(&app, post_file("/api/v1/config/import?dry_run=true")).await;
    assert_eq!(res.status(), 200, "{body}");
    let v: Value = serde_json::from_str(&body).unwrap();
    let moves = serde_json::json!([{
        "kind": "default-gateway-moves",
        "from": "Port2",
        "to": "Port3",
        "code": "consequence-gateway-moves",
        "message": "The default gateway and the VMs' NAT (the internal virtual switch's way out) move from Port2 to Port3.",
    }]);
    assert_eq!(v["consequences"], moves, "{v}");
    let (res, body) = send(&app, post_file("/api/v1/config/import")).await;
    assert_eq!(res.status(), 200, "{body}");
    let (_, staged) = call(&app, "GET", "/api/v1/config/staged", None).await;
    assert_eq!(staged["consequences"], moves, "{staged}");
    let page = |uri: &str| {
        Request::builder()
            .method("GET")
            .uri(uri)
            .body(Body::empty())
            .unwrap()
    };
    let (_, html) = send(&app, page("/changes")).await;
    assert!(html.contains("data-testid=\"consequences\""), "{html}");
    assert!(html.contains("move from Port2 to Port3"));
    let (status, _) = call(&app, "DELETE", "/api/v1/config/staged", None).await;
    assert_eq!(status, 204);

    // Applied through the API: the trail keeps it.
    let body = r#"{"mode":"static","address":"10.20.0.10","prefix":24,"gateway":"10.20.0.1","revision":0}"#;
    let (status, v) = call(&app, "PUT", "/api/v1/ports/Port3", Some(body)).await;
    assert_eq!(status, 200, "{v}");
    let (_, v) = call(&app, "GET", "/api/v1/default-gateway", None).await;
    assert_eq!(v["port"], "Port2", "a gateway alone moves nothing: {v}");
    assert_eq!(v["stated"], true, "kept on Port2 by name: {v}");
    // A port that cannot hold it is refused by name.
    let (status, v) = call(
        &app,
        "PUT",
        "/api/v1/default-gateway",
        Some(r#"{"port":"Port1","revision":1}"#),
    )
    .await;
    assert_eq!(status, 422, "{v}");
    assert_eq!(v["errors"][0]["field"], "port", "{v}");
    assert_eq!(
        v["errors"][0]["code"], "val-default-gateway-no-gateway",
        "{v}"
    );
    let (status, v) = call(
        &app,
        "PUT",
        "/api/v1/default-gateway",
        Some(r#"{"port":"Port3","revision":1}"#),
    )
    .await;
    assert_eq!(status, 200, "{v}");
    assert_eq!(v["port"], "Port3", "{v}");
    assert_eq!(v["revision"], 2, "{v}");
    // Compute on a port without a spare: the lock, and no spare, are told.
    let body = r#"{"port":"Port3","node_ips":{"start":"10.20.0.20","end":"10.20.0.21"},"service_ips":{"start":"10.20.0.40","end":"10.20.0.49"},"revision":2}"#;
    let (status, v) = call(&app, "PUT", "/api/v1/compute", Some(body)).await;
    assert_eq!(status, 200, "{v}");
    let (_, v) = call(&app, "GET", "/api/v1/audit", None).await;
    let rev = |n: u64| {
        v["entries"]
            .as_array()
            .unwrap()
            .iter()
            .find(|e| e["revision"] == n)
            .unwrap()
            .clone()
    };
    assert_eq!(rev(1)["consequences"], serde_json::json!(null), "{v}");
    assert_eq!(
        rev(2)["consequences"],
        serde_json::json!([{"kind": "default-gateway-moves", "from": "Port2", "to": "Port3"}])
    );
    let rev3 = rev(3);
    let kinds: Vec<&str> = rev3["consequences"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["kind"].as_str().unwrap())
        .collect();
    assert_eq!(kinds, ["cluster-networks-lock", "update-spare-lost"]);
    let (_, html) = send(&app, page("/audit")).await;
    assert!(html.contains("move from Port2 to Port3"), "{html}");
    assert!(html.contains("Applying locks the pod network 172.27.0.0/16"));
}
