//! Recorded changes, pinned: what the API answers about changes (a staged
//! draft's, the history's, the audit trail's) and what the data directory
//! keeps of them, for a sequence that touches every kind of field (a port's
//! addressing, address, gateway, DNS servers and MTU; the cluster networks;
//! the default gateway; routes added, changed and removed; compute with its
//! port, switch, ranges and edge-address choice). The files under
//! `tests/golden/changes/` were written by the version before changes became
//! typed, so a typed change must read and write exactly the same.
//! `UPDATE_GOLDEN=1` rewrites them.

mod common;

use common::{app, call, TempDir};
use serde_json::{json, Value};

/// Times and the revision's moment are not part of what is pinned.
fn normalized(mut v: Value) -> Value {
    fn walk(v: &mut Value) {
        match v {
            Value::Object(m) => {
                for (k, x) in m.iter_mut() {
                    if ["at", "applied_at"].contains(&k.as_str()) && x.is_u64() {
                        *x = json!(0);
                    } else {
                        walk(x);
                    }
                }
            }
            Value::Array(a) => a.iter_mut().for_each(walk),
            _ => {}
        }
    }
    walk(&mut v);
    v
}

fn check(name: &str, got: &str) {
    let path = std::path::Path::new("tests/golden/changes").join(name);
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, got).unwrap();
    }
    let want = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("{}: {e} (UPDATE_GOLDEN=1 writes it)", path.display()));
    assert_eq!(got, want, "{name} differs from {}", path.display());
}

async fn ok(app: &axum::Router, method: &str, uri: &str, body: Value) -> Value {
    let (status, res) = call(app, method, uri, Some(&body.to_string())).await;
    assert!(
        (200..300).contains(&status),
        "{method} {uri}: {status} {res}"
    );
    res
}

#[tokio::test]
async fn recorded_changes_read_and_write_as_before() {
    let dir = TempDir::new("golden-changes");
    let app = app(dir.path()).await;
    let port3 = json!({"mode": "static", "address": "10.20.0.2", "prefix": 24, "gateway": "10.20.0.1",
        "dns_primary": "10.20.0.53", "dns_secondary": "10.20.0.54", "mtu": 1450, "revision": 0});
    ok(&app, "PUT", "/api/v1/ports/Port3", port3).await;
    ok(
        &app,
        "PUT",
        "/api/v1/kubernetes",
        json!({"pod_cidr": "10.244.0.0/16", "service_cidr": "10.96.0.0/12",
        "dns_ip": "10.96.0.20", "revision": 1}),
    )
    .await;
    ok(
        &app,
        "PUT",
        "/api/v1/default-gateway",
        json!({"port": "Port3", "revision": 2}),
    )
    .await;
    ok(
        &app,
        "POST",
        "/api/v1/routes",
        json!({"destination": "192.168.50.0/24", "next_hop": "10.20.0.1",
        "interface": "Port3", "metric": 100}),
    )
    .await;
    ok(
        &app,
        "POST",
        "/api/v1/routes",
        json!({"destination": "192.168.60.0/24", "next_hop": "10.20.0.1",
        "interface": "Port3", "metric": 20}),
    )
    .await;
    ok(
        &app,
        "DELETE",
        "/api/v1/routes",
        json!({"destination": "192.168.60.0/24", "interface": "Port3"}),
    )
    .await;
    ok(
        &app,
        "PUT",
        "/api/v1/compute",
        json!({"port": "Port3", "switch_name": "vSwitch-Compute",
        "node_ips": "10.20.0.20-10.20.0.22", "service_ips": "10.20.0.100-10.20.0.120",
        "skip_edge_addresses": true, "revision": 6}),
    )
    .await;

    // A staged draft: a file that changes a port, a route and compute.
    let (_, file) = call(&app, "GET", "/api/v1/config/export", None).await;
    assert_eq!(file, Value::Null, "the export is a TOML file, not JSON");
    let export = {
        use http_body_util::BodyExt;
        use tower::ServiceExt;
        let req = axum::http::Request::builder()
            .uri("/api/v1/config/export")
            .body(axum::body::Body::empty())
            .unwrap();
        let res = app.clone().oneshot(req).await.unwrap();
        String::from_utf8(res.into_body().collect().await.unwrap().to_bytes().to_vec()).unwrap()
    };
    let changed = export
        .replace("mtu = 1450", "mtu = 1500")
        .replace("metric = 100", "metric = 50")
        .replace("skip_edge_addresses = true", "skip_edge_addresses = false");
    assert_ne!(
        changed, export,
        "the export has the fields the test changes:\n{export}"
    );
    let (status, imported) = call(
        &app,
        "POST",
        "/api/v1/config/import?revision=7",
        Some(&changed),
    )
    .await;
    assert_eq!(status, 200, "{imported}");
    check(
        "import.json",
        &serde_json::to_string_pretty(&normalized(imported["changes"].clone())).unwrap(),
    );

    let (_, staged) = call(&app, "GET", "/api/v1/config/staged", None).await;
    check(
        "staged.json",
        &serde_json::to_string_pretty(&normalized(staged["changes"].clone())).unwrap(),
    );
    let (_, history) = call(&app, "GET", "/api/v1/config/history", None).await;
    check(
        "history.json",
        &serde_json::to_string_pretty(&normalized(history)).unwrap(),
    );
    let (_, audit) = call(&app, "GET", "/api/v1/audit?limit=200", None).await;
    let revisions: Vec<Value> = audit["entries"]
        .as_array()
        .unwrap_or_else(|| panic!("{audit}"))
        .iter()
        .filter(|e| e["type"] == "revision")
        .cloned()
        .collect();
    check(
        "audit.json",
        &serde_json::to_string_pretty(&normalized(Value::Array(revisions))).unwrap(),
    );

    // What the data directory keeps of each revision's changes, as written.
    let mut kept = String::new();
    for r in 1..=7 {
        let text =
            std::fs::read_to_string(dir.path().join(format!("history/r{r:06}.toml"))).unwrap();
        let changes = text
            .find("[[changes]]")
            .map(|i| &text[i..])
            .unwrap_or("(none)\n");
        kept.push_str(&format!("# r{r:06}\n{changes}\n"));
    }
    check("history-files.toml", &kept);
}
