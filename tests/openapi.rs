//! The OpenAPI document at /api/v1/openapi.json: every route of the router is
//! in it, everything in it is answered by the router, and every request
//! example it gives is accepted by the real handlers.

mod common;

use axum::{body::Body, http::Request, Router};
use common::{app, call, TempDir};
use edgenet::server::api::resources::ENDPOINTS;
use http_body_util::BodyExt;
use serde_json::Value;
use tower::ServiceExt;

async fn document(app: &Router) -> Value {
    let (status, doc) = call(app, "GET", "/api/v1/openapi.json", None).await;
    assert_eq!(status, 200);
    doc
}

/// True when the concrete `path` fits the template (`/ports/{name}`).
fn fits(template: &str, path: &str) -> bool {
    let (t, p): (Vec<&str>, Vec<&str>) = (template.split('/').collect(), path.split('/').collect());
    t.len() == p.len()
        && t.iter()
            .zip(&p)
            .all(|(a, b)| a == b || (a.starts_with('{') && a.ends_with('}')))
}

fn operations(doc: &Value) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for (path, item) in doc["paths"].as_object().unwrap() {
        for method in item.as_object().unwrap().keys() {
            out.push((method.to_uppercase(), path.clone()));
        }
    }
    out
}

#[tokio::test]
async fn every_route_is_documented_and_every_documented_route_is_answered() {
    let dir = TempDir::new("openapi-routes");
    let app = app(dir.path()).await;
    let doc = document(&app).await;
    assert!(
        doc["openapi"].as_str().unwrap().starts_with("3.1"),
        "{}",
        doc["openapi"]
    );
    let ops = operations(&doc);
    for (method, path) in ENDPOINTS {
        let full = format!("/api/v1{path}");
        assert!(
            ops.iter().any(|(m, t)| m == method && fits(t, &full)),
            "{method} {full} is not in the OpenAPI document"
        );
    }
    assert!(ops
        .iter()
        .any(|(m, t)| m == "POST" && t == "/api/v1/session"));
    // The other way: nothing documented is unknown to the router.
    for (method, template) in &ops {
        let path = template.replace(
            "{name}",
            if template.contains("manifests") {
                "calico-ippool"
            } else {
                "Port3"
            },
        );
        let req = Request::builder()
            .method(method.as_str())
            .uri(&path)
            .body(Body::empty())
            .unwrap();
        let res = app.clone().oneshot(req).await.unwrap();
        let status = res.status().as_u16();
        let body = res.into_body().collect().await.unwrap().to_bytes();
        let v: Value = serde_json::from_slice(&body).unwrap_or(Value::Null);
        assert!(
            status != 405 && !(status == 404 && v["errors"][0]["field"] == "path"),
            "{method} {path}: documented but the router answers {status} {v}"
        );
        // Every answer that is not a success is documented with its status.
        let responses = &doc["paths"][template][method.to_lowercase()]["responses"];
        assert!(
            responses.as_object().is_some_and(|r| !r.is_empty()),
            "{method} {template}: no responses"
        );
    }
}

#[tokio::test]
async fn the_documented_examples_are_accepted_by_the_handlers() {
    let dir = TempDir::new("openapi-examples");
    let app = app(dir.path()).await;
    let doc = document(&app).await;
    // In an order in which each builds on the one before, on a fresh device.
    let walk = [
        ("PUT", "/api/v1/ports/{name}"),
        ("PUT", "/api/v1/default-gateway"),
        ("PUT", "/api/v1/compute"),
        ("POST", "/api/v1/compute/probe"),
        ("POST", "/api/v1/routes"),
        ("DELETE", "/api/v1/routes"),
        ("PUT", "/api/v1/kubernetes"),
        ("POST", "/api/v1/config/import"),
        ("POST", "/api/v1/config/factory-reset"),
        ("POST", "/api/v1/session"),
        ("PUT", "/api/v1/password"),
    ];
    let with_examples: Vec<(String, String)> = operations(&doc)
        .into_iter()
        .filter(|(m, t)| {
            doc["paths"][t][m.to_lowercase()]["requestBody"]["content"]
                .as_object()
                .is_some_and(|c| c.values().any(|v| !v["example"].is_null()))
        })
        .collect();
    for op in &with_examples {
        assert!(
            walk.iter().any(|(m, t)| op.0 == *m && op.1 == *t),
            "{op:?} has an example this test does not send"
        );
    }
    for (method, template) in walk {
        let content = doc["paths"][template][method.to_lowercase()]["requestBody"]["content"]
            .as_object()
            .unwrap_or_else(|| panic!("{method} {template}: no request body"))
            .clone();
        let (content_type, media) = content.iter().next().unwrap();
        let mut example = media["example"].clone();
        assert!(!example.is_null(), "{method} {template}: no example");
        // Examples name a revision; send the applied one, as a client would.
        let (_, applied) = call(&app, "GET", "/api/v1/config", None).await;
        if example.get("revision").is_some() {
            example["revision"] = applied["revision"].clone();
        }
        let body = match &example {
            Value::String(text) => text.clone(),
            other => other.to_string(),
        };
        let path = template.replace("{name}", "Port3");
        let req = Request::builder()
            .method(method)
            .uri(&path)
            .header("content-type", content_type.as_str())
            .body(Body::from(body))
            .unwrap();
        let res = app.clone().oneshot(req).await.unwrap();
        let status = res.status().as_u16();
        let bytes = res.into_body().collect().await.unwrap().to_bytes();
        assert!(
            (200..300).contains(&status),
            "{method} {template}: the example {example} was answered {status} {}",
            String::from_utf8_lossy(&bytes)
        );
    }
}
