//! A page's form is staged only without errors of its own (#18 item 6): the
//! server refuses it as the browser does, writes nothing, and sends the
//! administrator back to the page with what was typed, so that the page
//! shows it again with each error beside its field. Every field's error is
//! counted at once (#18 item 5).

mod common;

use axum::{body::Body, http::Request, Router};
use common::{anonymous_app, app, sign_in, TempDir, PASSWORD};
use tower::ServiceExt;

/// Posts a page's form to its server function as a browser without
/// JavaScript does; returns the status and where it is sent next.
async fn post_form(
    app: &Router,
    cookie: &str,
    token: &str,
    function: &str,
    form: &str,
) -> (u16, String) {
    let (path, _) = leptos::server_fn::axum::server_fn_paths()
        .find(|(p, _)| p.contains(function))
        .unwrap_or_else(|| panic!("no server function {function}"));
    let req = Request::builder()
        .method("POST")
        .uri(path)
        .header("cookie", cookie)
        .header("host", "edge.local")
        .header("origin", "https://edge.local")
        .header("referer", "https://edge.local/network")
        .header("accept", "text/html")
        .header("content-type", "application/x-www-form-urlencoded")
        .body(Body::from(format!("{form}&_csrf={token}")))
        .unwrap();
    let res = app.clone().oneshot(req).await.unwrap();
    let to = res
        .headers()
        .get("location")
        .map(|v| v.to_str().unwrap().to_string())
        .unwrap_or_default();
    (res.status().as_u16(), to)
}

/// GETs `uri` through a signed-in session; returns the body.
async fn get(app: &Router, cookie: &str, uri: &str) -> Vec<u8> {
    let req = Request::builder()
        .uri(uri)
        .header("cookie", cookie)
        .body(Body::empty())
        .unwrap();
    let res = app.clone().oneshot(req).await.unwrap();
    http_body_util::BodyExt::collect(res.into_body())
        .await
        .unwrap()
        .to_bytes()
        .to_vec()
}

/// GET /api/v1/config/staged through a signed-in session.
async fn staged(app: &Router, cookie: &str) -> serde_json::Value {
    serde_json::from_slice(&get(app, cookie, "/api/v1/config/staged").await).unwrap()
}

#[tokio::test]
async fn a_form_with_errors_of_its_own_is_not_staged() {
    let dir = TempDir::new("staging");
    // The first sign-in's password change done, as an administrator's would be.
    let _ = app(dir.path()).await;
    let app = anonymous_app(dir.path());
    let (cookie, token) = sign_in(&app, PASSWORD).await;
    let port3 = |address: &str, mtu: &str| {
        format!("revision=0&name=Port3&mode=static&address={address}&prefix=24&gateway=10.20.0.1&mtu={mtu}")
    };

    // (what is typed, how many problems, fields carried back as typed)
    let refused = [
        (
            "stage_port",
            port3("10.20.0.256", "9000"),
            2,
            vec!["form=Port3", "address=10.20.0.256", "mtu=9000"],
        ),
        (
            "stage_port",
            port3("10.20.0.10", "9000"),
            1,
            vec!["form=Port3", "address=10.20.0.10", "mtu=9000"],
        ),
        (
            "stage_compute",
            "revision=0&port=Port3&node_start=10.20.0.20&node_end=10.20.0.2x&service_start=10.20.0.30-10.20.0.40"
                .to_string(),
            2,
            vec!["form=compute", "node_end=10.20.0.2x", "service_start=10.20.0.30-10.20.0.40"],
        ),
        (
            "stage_kubernetes",
            "revision=0&pod_cidr=10.244.0.0&service_cidr=10.0.0.0%2F8&dns_ip=".to_string(),
            2,
            vec!["form=kubernetes", "pod_cidr=10.244.0.0", "service_cidr=10.0.0.0%2F8"],
        ),
    ];
    for (function, form, problems, carried) in refused {
        let (status, to) = post_form(&app, &cookie, &token, function, &form).await;
        assert_eq!(status, 302, "{function} {form}");
        assert!(
            to.contains(&format!("notice=not-staged&n={problems}")),
            "{function} {form}: {to}"
        );
        for c in carried {
            assert!(
                to.contains(c),
                "{function} {form}: {c} not carried back in {to}"
            );
        }
        assert_eq!(
            staged(&app, &cookie).await["staged"],
            false,
            "{function} {form}: nothing may be staged"
        );
    }
    assert!(
        !dir.path().join("draft.toml").exists(),
        "a refused form writes no draft"
    );

    // Without errors of its own, the same form is staged, and nothing typed
    // is carried back.
    let (status, to) = post_form(
        &app,
        &cookie,
        &token,
        "stage_port",
        &port3("10.20.0.10", "1500"),
    )
    .await;
    assert_eq!(status, 302);
    assert!(to.contains("notice=staged&n=0"), "{to}");
    assert!(!to.contains("address="), "{to}");
    assert_eq!(staged(&app, &cookie).await["staged"], true);

    // A form that is fine itself but leaves another form in error is staged:
    // the error shows on that form (Compute on a port that is now DHCP).
    let (_, to) = post_form(
        &app,
        &cookie,
        &token,
        "stage_compute",
        "revision=0&port=Port3&node_start=10.20.0.20-10.20.0.22&service_start=10.20.0.100-10.20.0.120",
    )
    .await;
    assert!(to.contains("notice=staged&n=0"), "{to}");
    let (_, to) = post_form(
        &app,
        &cookie,
        &token,
        "stage_port",
        "revision=0&name=Port3&mode=dhcp&mtu=1500",
    )
    .await;
    assert!(to.contains("notice=staged&n="), "{to}");
    assert!(
        !to.contains("notice=staged&n=0"),
        "the Compute form is now in error: {to}"
    );
}

#[tokio::test]
async fn the_default_gateway_moves_only_when_chosen() {
    let dir = TempDir::new("staging-gw");
    let _ = app(dir.path()).await;
    let app = anonymous_app(dir.path());
    let (cookie, token) = sign_in(&app, PASSWORD).await;

    // Port3 given a gateway: Port2 keeps the default gateway, nothing moves.
    let (_, to) = post_form(
        &app,
        &cookie,
        &token,
        "stage_port",
        "revision=0&name=Port3&mode=static&address=10.20.0.10&prefix=24&gateway=10.20.0.1&mtu=1500",
    )
    .await;
    assert!(to.contains("notice=staged&n=0"), "{to}");
    let s = staged(&app, &cookie).await;
    assert_eq!(s["consequences"], serde_json::json!([]), "{s}");

    // Port1 (static, no gateway) cannot hold it: refused, nothing changes.
    let (_, to) = post_form(
        &app,
        &cookie,
        &token,
        "stage_default_gateway",
        "revision=0&port=Port1",
    )
    .await;
    assert!(to.contains("notice=not-staged&n=1"), "{to}");
    // A plain form (no island to show it again) says so in the page's notice.
    let html = get(&app, &cookie, &to).await;
    let html = String::from_utf8_lossy(&html);
    assert!(
        html.contains("Not staged: 1 problem"),
        "the refusal is said on the page: {html}"
    );

    // Chosen, it moves, and the review says so.
    let (_, to) = post_form(
        &app,
        &cookie,
        &token,
        "stage_default_gateway",
        "revision=0&port=Port3",
    )
    .await;
    assert!(to.contains("notice=staged&n=0"), "{to}");
    let s = staged(&app, &cookie).await;
    assert_eq!(s["consequences"][0]["kind"], "default-gateway-moves", "{s}");
    assert_eq!(s["consequences"][0]["from"], "Port2", "{s}");
    assert_eq!(s["consequences"][0]["to"], "Port3", "{s}");
    let changes = s["changes"].as_array().unwrap();
    assert!(
        changes
            .iter()
            .any(|c| c["field"] == "Default gateway" && c["from"] == "Port2" && c["to"] == "Port3"),
        "{s}"
    );
}
