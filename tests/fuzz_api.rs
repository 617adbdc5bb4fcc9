//! Fuzzing the whole router (API, server functions, forms, pages) with random
//! and malformed requests, signed in and not: no panic and no 5xx, ever.
//!
//! `cargo test --features ssr --test fuzz_api` runs 256 cases per property;
//! `EDGENET_FUZZ_CASES=100000 cargo test --release --features ssr --test fuzz_api`
//! runs a long campaign. A failure prints the shrunk request that caused it.

mod common;

use axum::{body::Body, http::Request, Router};
use common::{anonymous_app, app, TempDir};
use edgenet::server::api::resources::ENDPOINTS;
use http_body_util::BodyExt;
use proptest::prelude::*;
use serde_json::{Map, Value};
use tower::ServiceExt;

fn cases() -> u32 {
    std::env::var("EDGENET_FUZZ_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(256)
}

/// Field names the handlers read, so that random bodies reach the rules and
/// not only the JSON parser.
const KEYS: &[&str] = &[
    "revision",
    "mode",
    "address",
    "prefix",
    "gateway",
    "dns_primary",
    "dns_secondary",
    "mtu",
    "port",
    "enabled",
    "node_ips",
    "service_ips",
    "start",
    "end",
    "skip_edge_addresses",
    "switch_name",
    "pod_cidr",
    "service_cidr",
    "dns_domain",
    "destination",
    "prefix_length",
    "next_hop",
    "interface",
    "metric",
    "password",
    "current",
    "new",
    "name",
    "target",
];

fn scalar() -> impl Strategy<Value = Value> {
    prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        any::<f64>().prop_map(|f| serde_json::Number::from_f64(f)
            .map(Value::Number)
            .unwrap_or(Value::Null)),
        // Address-like text: digits, dots, slashes, dashes and the odd letter.
        "[0-9./:a-fA-F -]{0,24}".prop_map(Value::String),
        any::<String>().prop_map(Value::String),
        prop::sample::select(vec![
            "Port3",
            "port3",
            "static",
            "dhcp",
            "10.0.0.2",
            "10.0.0.0/24",
            "0.0.0.0/0",
            "255.255.255.255",
            "Edge-Pass-2026"
        ])
        .prop_map(|s| Value::String(s.into())),
    ]
}

fn json_value() -> impl Strategy<Value = Value> {
    scalar().prop_recursive(3, 24, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(Value::Array),
            prop::collection::vec((prop::sample::select(KEYS), inner), 0..6).prop_map(|kv| {
                Value::Object(
                    kv.into_iter()
                        .map(|(k, v)| (k.to_string(), v))
                        .collect::<Map<_, _>>(),
                )
            }),
        ]
    })
}

fn body() -> impl Strategy<Value = (Option<&'static str>, Vec<u8>)> {
    prop_oneof![
        json_value().prop_map(|v| (Some("application/json"), v.to_string().into_bytes())),
        prop::collection::vec(any::<u8>(), 0..200).prop_map(|b| (Some("application/json"), b)),
        prop::collection::vec((prop::sample::select(KEYS), "[ -~]{0,20}"), 0..8).prop_map(|kv| {
            let s: Vec<String> = kv
                .into_iter()
                .map(|(k, v)| format!("{k}={}", edgenet::state::encode(&v)))
                .collect();
            (
                Some("application/x-www-form-urlencoded"),
                s.join("&").into_bytes(),
            )
        }),
        prop::collection::vec(any::<u8>(), 0..200)
            .prop_map(|b| (Some("application/x-www-form-urlencoded"), b)),
        prop::collection::vec(any::<u8>(), 0..100).prop_map(|b| (None, b)),
        Just((Some("text/plain; charset=utf-16"), b"\xff\xfe{}".to_vec())),
    ]
}

fn path() -> impl Strategy<Value = String> {
    let mut known: Vec<String> = ENDPOINTS
        .iter()
        .map(|(_, p)| format!("/api/v1{p}"))
        .collect();
    known.extend(leptos::server_fn::axum::server_fn_paths().map(|(p, _)| p.to_string()));
    known.extend(
        [
            "/",
            "/compute",
            "/routes",
            "/audit",
            "/signin",
            "/password",
            "/auth/signin",
            "/auth/signout",
            "/auth/password",
            "/healthz",
        ]
        .map(String::from),
    );
    prop_oneof![
        prop::sample::select(known.clone()),
        (
            prop::sample::select(known.clone()),
            "[a-zA-Z0-9=&%._/-]{0,30}"
        )
            .prop_map(|(p, q)| format!("{p}?{q}")),
        (prop::sample::select(known), "[a-zA-Z0-9%._-]{1,20}")
            .prop_map(|(p, s)| format!("{p}/{s}")),
        "/api/v1/ports/[a-zA-Z0-9%._-]{0,20}".prop_map(String::from),
        "/api/v1/routes/lookup\\?destination=[0-9./a-z%-]{0,20}".prop_map(String::from),
        "/audit\\?page=[0-9a-z-]{0,24}".prop_map(String::from),
    ]
}

fn method() -> impl Strategy<Value = &'static str> {
    prop::sample::select(vec![
        "GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS",
    ])
}

async fn status(app: &Router, method: &str, uri: &str, ctype: Option<&str>, body: Vec<u8>) -> u16 {
    let mut req = Request::builder().method(method).uri(uri);
    if let Some(c) = ctype {
        req = req.header("content-type", c);
    }
    let Ok(req) = req.body(Body::from(body)) else {
        return 400; // not even a request: nothing to send
    };
    let res = app.clone().oneshot(req).await.unwrap();
    let s = res.status().as_u16();
    let _ = res.into_body().collect().await;
    s
}

fn fuzz(signed_in: bool) {
    let rt = tokio::runtime::Runtime::new().unwrap();
    let dir = TempDir::new(if signed_in { "fuzz-in" } else { "fuzz-out" });
    let app = rt.block_on(async {
        if signed_in {
            app(dir.path()).await
        } else {
            anonymous_app(dir.path())
        }
    });
    let config = ProptestConfig {
        cases: cases(),
        failure_persistence: None,
        ..ProptestConfig::default()
    };
    proptest!(config, |(m in method(), p in path(), (ctype, b) in body())| {
        let s = rt.block_on(status(&app, m, &p, ctype, b.clone()));
        prop_assert!(s < 500, "{m} {p} ({ctype:?}, {} bytes: {:?}) answered {s}", b.len(), String::from_utf8_lossy(&b));
    });
}

#[test]
fn random_requests_signed_in_never_fail_the_server() {
    fuzz(true);
}

#[test]
fn random_requests_without_a_session_never_fail_the_server() {
    fuzz(false);
}
