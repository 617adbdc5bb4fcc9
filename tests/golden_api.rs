//! Today's answers, pinned: every documented operation driven with its
//! documented example, in the document's order (reads first, then changes,
//! then every read again), each answer's status and JSON body compared with
//! `tests/golden/api.txt`. Moving the API onto typed request and response
//! types must leave this file unchanged. `UPDATE_GOLDEN=1` rewrites it.

mod common;

use axum::body::Body;
use axum::http::Request;
use common::{app, TempDir};
use http_body_util::BodyExt;
use serde_json::Value;
use tower::ServiceExt;

/// What changes from run to run: times, tokens, the server's own build.
fn normalized(v: &mut Value) {
    match v {
        Value::Object(m) => {
            for (k, x) in m.iter_mut() {
                match (k.as_str(), &x) {
                    (
                        "at" | "applied_at" | "checked_at" | "locked_at" | "idle_timeout_seconds",
                        Value::Number(_),
                    ) => *x = Value::from(0),
                    ("csrf_token", Value::String(_)) => *x = Value::from("<token>"),
                    _ => normalized(x),
                }
            }
        }
        Value::Array(a) => a.iter_mut().for_each(normalized),
        _ => {}
    }
}

#[tokio::test]
async fn the_documented_examples_answer_as_before() {
    let dir = TempDir::new("golden-api");
    let app = app(dir.path()).await;
    let get = |uri: &str| {
        let app = app.clone();
        let uri = uri.to_string();
        async move {
            let req = Request::builder().uri(&uri).body(Body::empty()).unwrap();
            let res = app.oneshot(req).await.unwrap();
            res.into_body().collect().await.unwrap().to_bytes()
        }
    };
    let doc: Value = serde_json::from_slice(&get("/api/v1/openapi.json").await).unwrap();
    let ops = common::documented_operations(&doc);
    let skip = |m: &str, p: &str| {
        // Signing out ends the session the rest needs; the document itself
        // and the wire's probe (which needs a namespace) say nothing stable.
        (m == "delete" && p.ends_with("/session")) || p.ends_with("/openapi.json")
    };
    let reads: Vec<_> = ops
        .iter()
        .filter(|(m, p, _)| m == "get" && !skip(m, p))
        .cloned()
        .collect();
    // The changes in an order in which each example can succeed, each made
    // against the revision applied at the time.
    let rank = |m: &str, p: &str| (common::change_rank(p), m == "delete");
    let mut changes: Vec<_> = ops
        .iter()
        .filter(|(m, p, _)| m != "get" && !skip(m, p))
        .cloned()
        .collect();
    changes.sort_by_key(|(m, p, _)| rank(m, p));
    let mut out = String::new();
    // The resetting ones last, after the reads have seen compute and routes.
    let at = changes
        .iter()
        .position(|(_, p, _)| p.ends_with("/config/factory-reset"))
        .unwrap_or(changes.len());
    let last = changes.split_off(at);
    for (method, path, op) in reads.iter().chain(&changes).chain(&reads).chain(&last) {
        let mut uri = path.clone();
        for param in op["parameters"].as_array().into_iter().flatten() {
            if param["in"] == "path" {
                let value = if path.contains("manifests") {
                    "calico-ippool"
                } else {
                    "Port3"
                };
                uri = uri.replace(&format!("{{{}}}", param["name"].as_str().unwrap()), value);
            }
        }
        if path.ends_with("/routes/lookup") {
            uri.push_str("?destination=192.168.20.7");
        }
        let content = op["requestBody"]["content"]
            .as_object()
            .and_then(|c| c.iter().next());
        let mut req = Request::builder()
            .method(method.to_uppercase().as_str())
            .uri(&uri);
        let mut body = String::new();
        if let Some((ct, c)) = content {
            req = req.header("content-type", ct.as_str());
            body = match c.get("example") {
                Some(Value::String(s)) => s.clone(),
                Some(Value::Object(e)) if e.contains_key("revision") => {
                    let applied: Value =
                        serde_json::from_slice(&get("/api/v1/config").await).unwrap();
                    let mut e = e.clone();
                    e.insert("revision".into(), applied["revision"].clone());
                    Value::Object(e).to_string()
                }
                Some(e) => e.to_string(),
                None => String::new(),
            };
        }
        let res = app
            .clone()
            .oneshot(req.body(Body::from(body.clone())).unwrap())
            .await
            .unwrap();
        let status = res.status().as_u16();
        let ct = res
            .headers()
            .get("content-type")
            .map(|v| v.to_str().unwrap().to_string())
            .unwrap_or_default();
        let bytes = res.into_body().collect().await.unwrap().to_bytes();
        let shown = match serde_json::from_slice::<Value>(&bytes) {
            Ok(mut v) => {
                normalized(&mut v);
                serde_json::to_string_pretty(&v).unwrap()
            }
            Err(_) => String::from_utf8_lossy(&bytes).into_owned(),
        };
        out.push_str(&format!(
            "## {} {uri} {body}\n{status} {ct}\n{shown}\n\n",
            method.to_uppercase()
        ));
    }
    let path = std::path::Path::new("tests/golden/api.txt");
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::write(path, &out).unwrap();
    }
    let want =
        std::fs::read_to_string(path).expect("tests/golden/api.txt (UPDATE_GOLDEN=1 writes it)");
    if out != want {
        let first = out
            .lines()
            .zip(want.lines())
            .position(|(a, b)| a != b)
            .unwrap_or(0);
        panic!(
            "the answers differ from tests/golden/api.txt from line {}:\n  now: {}\n  was: {}",
            first + 1,
            out.lines().nth(first).unwrap_or(""),
            want.lines().nth(first).unwrap_or("")
        );
    }
}

/// The document itself, pinned while the handlers move onto typed bodies
/// (`UPDATE_GOLDEN=1` rewrites `tests/golden/openapi.json`).
#[tokio::test]
async fn the_document_is_as_pinned() {
    let dir = TempDir::new("golden-openapi");
    let app = app(dir.path()).await;
    let req = Request::builder()
        .uri("/api/v1/openapi.json")
        .body(Body::empty())
        .unwrap();
    let bytes = app
        .oneshot(req)
        .await
        .unwrap()
        .into_body()
        .collect()
        .await
        .unwrap()
        .to_bytes();
    let doc: Value = serde_json::from_slice(&bytes).unwrap();
    let got = serde_json::to_string_pretty(&doc).unwrap();
    let path = std::path::Path::new("tests/golden/openapi.json");
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::write(path, &got).unwrap();
    }
    let want = std::fs::read_to_string(path)
        .expect("tests/golden/openapi.json (UPDATE_GOLDEN=1 writes it)");
    assert!(got == want, "the document differs from tests/golden/openapi.json (diff it: UPDATE_GOLDEN=1 and git diff)");
}
