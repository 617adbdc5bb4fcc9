//! The API answers as its document says. Every operation of
//! `/api/v1/openapi.json` is driven with its documented example and with
//! inputs generated from its parameters and request schema (each field left
//! out, null, of the wrong type, out of its range; a body that is not JSON,
//! not an object, empty), and every answer is checked against the document:
//! its status is one the operation lists, its content type one listed for
//! that status, and a JSON body is valid against the listed schema. A handler
//! whose answer drifts from the document fails here.

mod common;

use axum::body::Body;
use axum::http::Request;
use common::{app, TempDir};
use http_body_util::BodyExt;
use serde_json::{json, Map, Value};
use tower::ServiceExt;

/// One request and what came back.
struct Exchange {
    what: String,
    status: u16,
    content_type: Option<String>,
    body: Vec<u8>,
}

async fn send(
    app: &axum::Router,
    method: &str,
    uri: &str,
    content_type: Option<&str>,
    body: Option<String>,
) -> Exchange {
    send_as(app, None, method, uri, content_type, body).await
}

/// [`send`] with a session's cookie (and no token).
async fn send_as(
    app: &axum::Router,
    cookie: Option<&str>,
    method: &str,
    uri: &str,
    content_type: Option<&str>,
    body: Option<String>,
) -> Exchange {
    let mut req = Request::builder().method(method).uri(uri);
    if let Some(c) = cookie {
        req = req.header("cookie", c);
    }
    if let Some(ct) = content_type {
        req = req.header("content-type", ct);
    }
    let req = req
        .body(Body::from(body.clone().unwrap_or_default()))
        .unwrap();
    let res = app.clone().oneshot(req).await.unwrap();
    let status = res.status().as_u16();
    let content_type = res
        .headers()
        .get("content-type")
        .map(|v| v.to_str().unwrap().to_string());
    let answer = res.into_body().collect().await.unwrap().to_bytes().to_vec();
    let shown: String = body
        .unwrap_or_default()
        .replace(char::is_whitespace, " ")
        .chars()
        .take(80)
        .collect();
    let body = answer;
    Exchange {
        what: format!("{method} {uri} {shown}"),
        status,
        content_type,
        body,
    }
}

/// `#/components/schemas/X` or an inline schema, resolved one level.
fn resolve<'a>(doc: &'a Value, schema: &'a Value) -> &'a Value {
    match schema.get("$ref").and_then(Value::as_str) {
        Some(r) => doc.pointer(r.trim_start_matches('#')).unwrap_or(schema),
        None => schema,
    }
}

/// A value that fits `schema` (its example, else a simple value of its type).
fn sample(doc: &Value, schema: &Value) -> Value {
    let s = resolve(doc, schema);
    if let Some(e) = s.get("example") {
        return e.clone();
    }
    let ty = match s.get("type") {
        Some(Value::Array(a)) => a
            .iter()
            .find(|t| *t != "null")
            .cloned()
            .unwrap_or(Value::Null),
        Some(t) => t.clone(),
        None => Value::Null,
    };
    match ty.as_str() {
        Some("string") => json!("x"),
        Some("integer") => json!(s.get("minimum").and_then(Value::as_i64).unwrap_or(1)),
        Some("number") => json!(1),
        Some("boolean") => json!(false),
        Some("array") => json!([]),
        Some("object") => {
            let mut m = Map::new();
            for (k, v) in s
                .get("properties")
                .and_then(Value::as_object)
                .into_iter()
                .flatten()
            {
                m.insert(k.clone(), sample(doc, v));
            }
            Value::Object(m)
        }
        _ => Value::Null,
    }
}

/// Values of the wrong kind, or out of range, for a property of `schema`.
fn wrong_values(doc: &Value, schema: &Value) -> Vec<Value> {
    let s = resolve(doc, schema);
    let ty: Vec<String> = match s.get("type") {
        Some(Value::Array(a)) => a
            .iter()
            .filter_map(|t| t.as_str().map(String::from))
            .collect(),
        Some(Value::String(t)) => vec![t.clone()],
        _ => vec![],
    };
    let mut out = vec![json!(null), json!({"nested": true}), json!([1, 2])];
    if ty.iter().any(|t| t == "string") {
        out.extend([
            json!(true),
            json!(""),
            json!("not an address/99"),
            json!("x".repeat(300)),
        ]);
    }
    if ty.iter().any(|t| t == "integer" || t == "number") {
        out.extend([
            json!("twelve"),
            json!(-1),
            json!(1.5),
            json!(u64::MAX),
            json!(true),
        ]);
        if let Some(max) = s.get("maximum").and_then(Value::as_u64) {
            out.push(json!(max + 1));
        }
    }
    if ty.iter().any(|t| t == "boolean") {
        out.extend([json!("yes"), json!(1)]);
    }
    out
}

/// The concrete path for a template: each `{param}` by its example, or a
/// value that exists on the default device.
fn concrete(path: &str, op: &Value) -> String {
    let mut p = path.to_string();
    for param in op["parameters"].as_array().into_iter().flatten() {
        if param["in"] != "path" {
            continue;
        }
        let name = param["name"].as_str().unwrap();
        let value = param["example"]
            .as_str()
            .map(String::from)
            .unwrap_or_else(|| match (path, name) {
                (p, "name") if p.contains("manifests") => "calico-ippool".into(),
                (_, "name") => "Port3".into(),
                _ => "x".into(),
            });
        p = p.replace(&format!("{{{name}}}"), &value);
    }
    p
}

/// The requests to make for one operation.
fn cases(
    doc: &Value,
    method: &str,
    path: &str,
    op: &Value,
) -> Vec<(String, Option<&'static str>, Option<String>)> {
    let uri = concrete(path, op);
    let mut out = Vec::new();
    // The query parameters: none, each with a sample, each with nonsense.
    let query: Vec<&Value> = op["parameters"]
        .as_array()
        .into_iter()
        .flatten()
        .filter(|p| p["in"] == "query")
        .collect();
    let body = op["requestBody"]["content"]
        .as_object()
        .and_then(|c| c.iter().next());
    let (ct, schema, example) = match body {
        Some((ct, c)) => (
            Some(ct.as_str()),
            Some(&c["schema"]),
            c.get("example").cloned(),
        ),
        None => (None, None, None),
    };
    let ct: Option<&'static str> = ct.map(|c| {
        if c.contains("json") {
            "application/json"
        } else {
            "application/toml"
        }
    });
    let base_body = match (&example, schema) {
        (Some(Value::String(s)), _) => Some(s.clone()),
        (Some(e), _) => Some(e.to_string()),
        (None, Some(s)) => Some(sample(doc, s).to_string()),
        (None, None) => None,
    };
    out.push((uri.clone(), ct, base_body.clone()));
    for q in &query {
        let name = q["name"].as_str().unwrap();
        let s = q
            .get("example")
            .cloned()
            .unwrap_or_else(|| sample(doc, &q["schema"]));
        let v = match s {
            Value::String(s) => s,
            other => other.to_string(),
        };
        out.push((format!("{uri}?{name}={v}"), ct, base_body.clone()));
        for bad in ["nonsense", "-1", "99999999999999999999999", ""] {
            out.push((format!("{uri}?{name}={bad}"), ct, base_body.clone()));
        }
    }
    if let (Some("application/json"), Some(schema)) = (ct, schema) {
        let base: Value = base_body
            .as_deref()
            .and_then(|b| serde_json::from_str(b).ok())
            .unwrap_or(json!({}));
        for raw in ["", "{not json", "[1,2]", "\"text\"", "{}", "null"] {
            out.push((uri.clone(), ct, Some(raw.to_string())));
        }
        let props = resolve(doc, schema)
            .get("properties")
            .and_then(Value::as_object)
            .cloned()
            .unwrap_or_default();
        for (key, prop) in &props {
            let mut without = base.clone();
            if let Some(m) = without.as_object_mut() {
                m.remove(key);
            }
            out.push((uri.clone(), ct, Some(without.to_string())));
            for w in wrong_values(doc, prop) {
                let mut b = base.clone();
                if let Some(m) = b.as_object_mut() {
                    m.insert(key.clone(), w);
                }
                out.push((uri.clone(), ct, Some(b.to_string())));
            }
        }
    }
    if path.ends_with("/routes/lookup") {
        // Where only the default routes match: the backup loses on its metric.
        out.push((format!("{uri}?destination=8.8.8.8"), None, None));
    }
    if method == "post" && path.ends_with("/routes") {
        // A backup default route, which loses to the VMs' own on its metric:
        // the lookup then answers every kind of candidate.
        out.push((uri.clone(), ct, Some(json!({"destination": "0.0.0.0/0", "next_hop": "10.0.0.1", "interface": "Port3", "metric": 300}).to_string())));
    }
    if method == "delete" || method == "post" || method == "put" {
        // Nothing at all; more than any body may be (a configuration file
        // may be 2 MiB).
        out.push((uri.clone(), None, None));
        out.push((
            uri.clone(),
            ct,
            Some(format!("{{\"x\": \"{}\"}}", "x".repeat(3 << 20))),
        ));
    }
    out
}

/// Every object schema with properties closed to others
/// (`unevaluatedProperties: false`): a key the document does not name is
/// drift too.
fn closed(v: &mut Value) {
    match v {
        Value::Object(m) => {
            let is_object =
                m.get("properties").is_some() && !m.contains_key("additionalProperties");
            for x in m.values_mut() {
                closed(x);
            }
            if is_object {
                m.insert("unevaluatedProperties".into(), json!(false));
            }
        }
        Value::Array(a) => a.iter_mut().for_each(closed),
        _ => {}
    }
}

/// Checks one answer against the operation's responses.
fn check(
    doc: &Value,
    op: &Value,
    x: &Exchange,
    validators: &mut std::collections::HashMap<String, jsonschema::Validator>,
) -> Result<(), String> {
    let responses = op["responses"].as_object().ok_or("no responses")?;
    let listed = responses
        .get(&x.status.to_string())
        .or_else(|| responses.get("default"))
        .ok_or_else(|| {
            format!(
                "status {} is not listed (listed: {:?})",
                x.status,
                responses.keys().collect::<Vec<_>>()
            )
        })?;
    let content = listed.get("content").and_then(Value::as_object);
    let Some(content) = content.filter(|c| !c.is_empty()) else {
        return if x.body.is_empty() {
            Ok(())
        } else {
            Err(format!(
                "status {} lists no content, the answer has a body ({:?})",
                x.status, x.content_type
            ))
        };
    };
    let media = x
        .content_type
        .as_deref()
        .map(|c| c.split(';').next().unwrap().trim().to_string())
        .ok_or("the answer has no content type")?;
    let schema = content
        .get(&media)
        .ok_or_else(|| {
            format!(
                "content type {media} is not listed for {} (listed: {:?})",
                x.status,
                content.keys().collect::<Vec<_>>()
            )
        })?
        .get("schema")
        .cloned();
    if media != "application/json" {
        return Ok(());
    }
    let body: Value = serde_json::from_slice(&x.body).map_err(|e| format!("not JSON: {e}"))?;
    let Some(schema) = schema else { return Ok(()) };
    let key = schema.to_string();
    let validator = validators.entry(key).or_insert_with(|| {
        let mut components = doc["components"].clone();
        closed(&mut components);
        let mut schema = schema.clone();
        closed(&mut schema);
        let root = json!({
            "$schema": "https://json-schema.org/draft/2020-12/schema",
            "components": components,
            "allOf": [schema],
        });
        jsonschema::validator_for(&root).unwrap_or_else(|e| panic!("schema {root}: {e}"))
    });
    let errors: Vec<String> = validator
        .iter_errors(&body)
        .take(3)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    if errors.is_empty() {
        Ok(())
    } else {
        Err(format!(
            "body does not fit the schema: {}",
            errors.join("; ")
        ))
    }
}

#[tokio::test]
async fn every_answer_fits_the_document() {
    let dir = TempDir::new("contract");
    let app = app(dir.path()).await;
    let doc: Value = {
        let x = send(&app, "GET", "/api/v1/openapi.json", None, None).await;
        assert_eq!(x.status, 200);
        serde_json::from_slice(&x.body).unwrap()
    };
    let mut validators = std::collections::HashMap::new();
    let mut failures = Vec::new();
    let mut answered = 0;
    // GETs first, then the changes, the sign-out last: a change can make the
    // next example stale (409), which must then be listed too.
    let mut ops = common::documented_operations(&doc);
    let rank = |m: &str, p: &str| match (m, p) {
        (_, p) if p.ends_with("/session") && m == "delete" => (3, 0),
        (_, p) if p.contains("factory-reset") || p.ends_with("/password") => (2, 0),
        ("get", _) => (0, 0),
        _ => (1, common::change_rank(p)),
    };
    ops.sort_by_key(|(m, p, _)| rank(m, p));
    // The reads again before the reset, when there is a draft, compute and routes.
    let again: Vec<_> = ops.iter().filter(|(m, _, _)| m == "get").cloned().collect();
    let at = ops
        .iter()
        .position(|(m, p, _)| rank(m, p).0 >= 2)
        .unwrap_or(ops.len());
    ops.splice(at..at, again);
    for (method, path, op) in &ops {
        for (i, (uri, ct, mut body)) in cases(&doc, method, path, op).into_iter().enumerate() {
            // The example itself is made against the revision applied now.
            if i == 0 {
                if let Some(Value::Object(mut m)) =
                    body.as_deref().and_then(|b| serde_json::from_str(b).ok())
                {
                    if m.contains_key("revision") {
                        let applied = send(&app, "GET", "/api/v1/config", None, None).await;
                        let applied: Value = serde_json::from_slice(&applied.body).unwrap();
                        m.insert("revision".into(), applied["revision"].clone());
                        body = Some(Value::Object(m).to_string());
                    }
                }
            }
            let x = send(&app, &method.to_uppercase(), &uri, ct, body).await;
            answered += 1;
            if let Err(e) = check(&doc, op, &x, &mut validators) {
                failures.push(format!("{}: {e}", x.what));
            }
        }
    }
    // A trial: the answer that starts one, every operation while it runs
    // (the changes are refused with 409), Keep, another trial and Revert,
    // then the reads again (the history and the audit trail with a revert).
    // On a device of its own: the first is signed out by now.
    let trial_dir = TempDir::new("contract-trial");
    let app = common::app(trial_dir.path()).await;
    let op_of = |m: &str, p: &str| {
        ops.iter()
            .find(|(om, op, _)| om == m && op == p)
            .map(|(_, _, o)| o.clone())
            .unwrap_or_else(|| panic!("{m} {p} is documented"))
    };
    let put_port = op_of("put", "/api/v1/ports/{name}");
    let start_trial = |n: u64| {
        format!(
            r#"{{"mode": "static", "address": "10.64.{n}.2", "prefix": 24, "mtu": 1450, "revision": REV}}"#
        )
    };
    let mut trial_calls: Vec<(String, String, Value, Option<String>)> = Vec::new();
    for (n, end) in [(1, "confirm"), (2, "revert")] {
        trial_calls.push((
            "PUT".into(),
            "/api/v1/ports/Port4?trial_seconds=600".into(),
            put_port.clone(),
            Some(start_trial(n)),
        ));
        for (method, path, op) in &ops {
            let keep_session =
                !(path.ends_with("/password") || method == "delete" && path.ends_with("/session"));
            if keep_session && !path.contains("/config/trial/") {
                let (uri, _, body) = cases(&doc, method, path, op).swap_remove(0);
                trial_calls.push((method.to_uppercase(), uri, op.clone(), body));
            }
        }
        let path = format!("/api/v1/config/trial/{end}");
        trial_calls.push(("POST".into(), path.clone(), op_of("post", &path), None));
    }
    for (method, path, op) in ops.iter().filter(|(m, _, _)| m == "get") {
        let (uri, _, body) = cases(&doc, method, path, op).swap_remove(0);
        trial_calls.push(("GET".into(), uri, op.clone(), body));
    }
    let mut statuses = Vec::new();
    for (method, uri, op, body) in trial_calls {
        let body = match body {
            Some(b) if b.contains("REV") || b.contains("\"revision\"") => {
                let applied = send(&app, "GET", "/api/v1/config", None, None).await;
                let applied: Value = serde_json::from_slice(&applied.body).unwrap();
                let rev = applied["revision"].to_string();
                match serde_json::from_str::<Value>(&b.replace("REV", &rev)) {
                    Ok(Value::Object(mut m)) => {
                        m.insert("revision".into(), applied["revision"].clone());
                        Some(Value::Object(m).to_string())
                    }
                    _ => Some(b),
                }
            }
            b => b,
        };
        let ct = body.as_ref().map(|b| {
            if b.trim_start().starts_with('{') {
                "application/json"
            } else {
                "application/toml"
            }
        });
        let x = send(&app, &method, &uri, ct, body).await;
        answered += 1;
        statuses.push((method.clone(), uri.clone(), x.status));
        if let Err(e) = check(&doc, &op, &x, &mut validators) {
            failures.push(format!("{} (during the trial phase): {e}", x.what));
        }
    }
    // The phase did what it says: two trials started, a change refused while
    // each ran, one kept and one reverted.
    let count = |m: &str, u: &str, st: u16| {
        statuses
            .iter()
            .filter(|(sm, su, ss)| sm == m && su.starts_with(u) && *ss == st)
            .count()
    };
    assert_eq!(
        count("PUT", "/api/v1/ports/Port4?trial_seconds=600", 200),
        2,
        "{statuses:?}"
    );
    assert!(
        count("PUT", "/api/v1/default-gateway", 409) >= 2,
        "{statuses:?}"
    );
    assert_eq!(
        count("POST", "/api/v1/config/trial/confirm", 200),
        1,
        "{statuses:?}"
    );
    assert_eq!(
        count("POST", "/api/v1/config/trial/revert", 200),
        1,
        "{statuses:?}"
    );
    // Without a session, and with one but without its token (and the
    // initial password still in force): the layers' answers are listed too.
    let dir = TempDir::new("contract-anonymous");
    let anonymous = common::anonymous_app(dir.path());
    let (cookie, _) = common::sign_in(&anonymous, common::INITIAL_PASSWORD).await;
    for who in [None, Some(cookie.as_str())] {
        for (method, path, op) in &ops {
            if method == "delete" && path.ends_with("/session") {
                continue;
            }
            let (uri, ct, body) = cases(&doc, method, path, op).swap_remove(0);
            let x = send_as(&anonymous, who, &method.to_uppercase(), &uri, ct, body).await;
            answered += 1;
            if let Err(e) = check(&doc, op, &x, &mut validators) {
                failures.push(format!(
                    "{} ({}): {e}",
                    x.what,
                    if who.is_some() {
                        "no token"
                    } else {
                        "no session"
                    }
                ));
            }
        }
    }
    assert!(answered > 300, "only {answered} requests were made");
    assert!(
        failures.is_empty(),
        "{} of {answered} answers drift from the document:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

/// The checker itself fails where it must: an unlisted status, an unlisted
/// content type, a body that does not fit.
#[test]
fn the_checker_catches_drift() {
    let doc = json!({
        "components": {"schemas": {"P": {"type": "object", "required": ["n"], "properties": {"n": {"type": "integer"}}}}},
    });
    let op = json!({"responses": {
        "200": {"content": {"application/json": {"schema": {"$ref": "#/components/schemas/P"}}}},
        "204": {"description": "none"},
    }});
    let x = |status: u16, ct: &str, body: &str| Exchange {
        what: String::new(),
        status,
        content_type: Some(ct.to_string()),
        body: body.as_bytes().to_vec(),
    };
    let mut v = std::collections::HashMap::new();
    assert!(check(
        &doc,
        &op,
        &x(200, "application/json", r#"{"n": 1}"#),
        &mut v
    )
    .is_ok());
    assert!(check(&doc, &op, &x(204, "application/json", ""), &mut v).is_ok());
    assert!(check(
        &doc,
        &op,
        &x(400, "application/json", r#"{"n": 1}"#),
        &mut v
    )
    .unwrap_err()
    .contains("not listed"));
    assert!(check(&doc, &op, &x(200, "text/plain", "1"), &mut v)
        .unwrap_err()
        .contains("content type"));
    assert!(check(
        &doc,
        &op,
        &x(200, "application/json", r#"{"n": "1"}"#),
        &mut v
    )
    .unwrap_err()
    .contains("schema"));
    assert!(
        check(&doc, &op, &x(200, "application/json", r#"{}"#), &mut v)
            .unwrap_err()
            .contains("schema")
    );
    assert!(check(
        &doc,
        &op,
        &x(200, "application/json", r#"{"n": 1, "m": 2}"#),
        &mut v
    )
    .unwrap_err()
    .contains("schema"));
    assert!(check(&doc, &op, &x(204, "text/plain", "x"), &mut v)
        .unwrap_err()
        .contains("no content"));
}
