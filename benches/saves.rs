//! Saving under load: 50 clients each add 20 custom routes through the HTTP
//! router at once (sign-in, CSRF check, validation, an fsync'd revision per
//! save). Checks that no acknowledged save is lost and prints the latency
//! distribution as JSON for `scripts/bench.sh`.
//!
//! `cargo bench --features ssr --bench saves`

use std::{sync::Arc, time::Instant};

use axum::{body::Body, http::Request, Router};
use edgenet::{
    domain::model::DeviceProfile,
    router::router,
    server::{auth::Policy, http::tls::Tls, settings::Settings, AppState},
};
use http_body_util::BodyExt;
use serde_json::{json, Value};
use tower::ServiceExt;

const CLIENTS: usize = 50;
const SAVES_EACH: usize = 20;

async fn send(app: &Router, req: Request<Body>) -> (u16, Option<String>, Value) {
    let res = app.clone().oneshot(req).await.expect("the router answers");
    let status = res.status().as_u16();
    let cookie = res
        .headers()
        .get("set-cookie")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(';').next())
        .map(str::to_string);
    let bytes = res.into_body().collect().await.unwrap().to_bytes();
    (
        status,
        cookie,
        serde_json::from_slice(&bytes).unwrap_or(Value::Null),
    )
}

fn json_req(method: &str, uri: &str, cookie: &str, token: &str, body: Value) -> Request<Body> {
    Request::builder()
        .method(method)
        .uri(uri)
        .header("content-type", "application/json")
        .header("cookie", cookie)
        .header("x-csrf-token", token)
        .body(Body::from(body.to_string()))
        .unwrap()
}

fn percentile(sorted: &[f64], p: f64) -> f64 {
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i]
}

#[tokio::main(flavor = "multi_thread")]
async fn main() {
    let dir = std::env::temp_dir().join(format!("edgenet-bench-saves-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let settings = Settings {
        leptos: leptos::config::LeptosOptions::builder()
            .output_name("edgenet")
            .build(),
        device_name: "BENCH".into(),
        data_dir: dir.clone(),
        profile: DeviceProfile::default_appliance(),
        profile_source: "bench".into(),
        route_namespace: None,
        host_namespace: None,
        initial_password: Some("Initial-Pass1".into()),
        tls: Tls::Off,
        access: Policy {
            secure: false,
            ..Default::default()
        },
        page_cache: true,
        limits: Default::default(),
        wire_checks: true,
        trial_seconds: edgenet::domain::trial::TrialSeconds::NONE,
    };
    let app = router(AppState::new(settings).unwrap());

    // Sign in, change the initial password, and put Port3 on a static subnet.
    let (_, cookie, v) = send(
        &app,
        Request::builder()
            .method("POST")
            .uri("/api/v1/session")
            .body(Body::from(r#"{"password":"Initial-Pass1"}"#))
            .unwrap(),
    )
    .await;
    let cookie = cookie.expect("a session");
    let token = v["csrf_token"].as_str().unwrap().to_string();
    let (s, _, _) = send(
        &app,
        json_req(
            "PUT",
            "/api/v1/password",
            &cookie,
            &token,
            json!({"current": "Initial-Pass1", "new": "Bench-Pass-2026"}),
        ),
    )
    .await;
    assert_eq!(s, 204);
    let (s, _, v) = send(&app, json_req("PUT", "/api/v1/ports/Port3", &cookie, &token, json!({"mode": "static", "address": "10.0.0.2", "prefix": 16, "gateway": "10.0.0.1", "revision": 0}))).await;
    assert_eq!(s, 200, "{v}");

    let (cookie, token) = (Arc::new(cookie), Arc::new(token));
    let started = Instant::now();
    let clients: Vec<_> = (0..CLIENTS)
        .map(|c| {
            let (app, cookie, token) = (app.clone(), cookie.clone(), token.clone());
            tokio::spawn(async move {
                let mut out = Vec::new();
                for s in 0..SAVES_EACH {
                    let destination = format!("100.{}.{}.0/24", 64 + c, s);
                    let body = json!({"destination": destination, "next_hop": "10.0.0.1", "interface": "Port3", "metric": 100});
                    let t = Instant::now();
                    let (status, _, v) = send(&app, json_req("POST", "/api/v1/routes", &cookie, &token, body)).await;
                    let ms = t.elapsed().as_secs_f64() * 1000.0;
                    assert_eq!(status, 201, "{v}");
                    out.push((destination, v["revision"].as_u64().unwrap(), ms));
                }
                out
            })
        })
        .collect();
    let mut saves = Vec::new();
    for c in clients {
        saves.extend(c.await.unwrap());
    }
    let wall = started.elapsed().as_secs_f64();

    // No lost update: every acknowledged route is in the final configuration,
    // and every acknowledgement names its own revision.
    let (_, _, v) = send(
        &app,
        Request::builder()
            .uri("/api/v1/routes")
            .header("cookie", cookie.as_str())
            .body(Body::empty())
            .unwrap(),
    )
    .await;
    let listed: std::collections::HashSet<String> = v["routes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["destination"].as_str().unwrap().to_string())
        .collect();
    let lost = saves.iter().filter(|(d, _, _)| !listed.contains(d)).count();
    let mut revisions: Vec<u64> = saves.iter().map(|s| s.1).collect();
    revisions.sort_unstable();
    revisions.dedup();
    let mut ms: Vec<f64> = saves.iter().map(|s| s.2).collect();
    ms.sort_by(|a, b| a.total_cmp(b));
    let result = json!({
        "clients": CLIENTS,
        "saves": saves.len(),
        "lost": lost,
        "distinct_revisions": revisions.len(),
        "wall_seconds": wall,
        "saves_per_second": saves.len() as f64 / wall,
        "p50_ms": percentile(&ms, 0.50),
        "p90_ms": percentile(&ms, 0.90),
        "p99_ms": percentile(&ms, 0.99),
        "max_ms": ms[ms.len() - 1],
    });
    println!("{result}");
    let _ = std::fs::remove_dir_all(&dir);
    assert_eq!(lost, 0, "acknowledged saves were lost");
    assert_eq!(revisions.len(), saves.len(), "two saves shared a revision");
}
