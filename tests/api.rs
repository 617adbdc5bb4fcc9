//! The HTTP API against the real router (no network): status codes, error
//! shapes, revisions and what lands on disk.

mod common;

use common::{app, call, message, TempDir};
use serde_json::{json, Value};

fn fields(body: &Value) -> Vec<String> {
    body["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["field"].as_str().unwrap().to_string())
        .collect()
}

async fn static_port3(app: &axum::Router, revision: u64) -> Value {
    let body = json!({"mode": "static", "address": "10.0.0.2", "prefix": 24, "gateway": "10.0.0.1", "dns_primary": "10.0.0.53", "revision": revision});
    let (status, res) = call(app, "PUT", "/api/v1/ports/Port3", Some(&body.to_string())).await;
    assert_eq!(status, 200, "{res}");
    res
}

#[tokio::test]
async fn lists_the_six_ports_of_the_default_device() {
    let dir = TempDir::new("ports");
    let app = app(dir.path()).await;
    let (status, body) = call(&app, "GET", "/api/v1/ports", None).await;
    assert_eq!(status, 200);
    assert_eq!(body["revision"], 0);
    let ports = body["ports"].as_array().unwrap();
    assert_eq!(ports.len(), 6);
    assert_eq!(ports[0]["name"], "Port1");
    assert_eq!(ports[0]["address"], "192.168.100.10");
    assert_eq!(ports[0]["compute_capable"], false);
    assert_eq!(ports[2]["mode"], "dhcp");
}

#[tokio::test]
async fn a_valid_port_change_is_a_new_revision_on_disk() {
    let dir = TempDir::new("port-ok");
    let app = app(dir.path()).await;
    let res = static_port3(&app, 0).await;
    assert_eq!(res["revision"], 1);
    assert_eq!(res["address"], "10.0.0.2");
    assert_eq!(res["prefix"], "24");
    let on_disk = std::fs::read_to_string(dir.path().join("config.toml")).unwrap();
    assert!(on_disk.contains("revision = 1"), "{on_disk}");
    assert!(on_disk.contains("10.0.0.2/24"), "{on_disk}");
    assert!(dir.path().join("history/r000001.toml").exists());
    let (_, hist) = call(&app, "GET", "/api/v1/config/history", None).await;
    assert_eq!(hist["history"][0]["revision"], 1);
    assert_eq!(hist["history"][0]["source"], "api");
    // A new router over the same folder sees the same revision.
    let again = common::app(dir.path()).await;
    let (_, c) = call(&again, "GET", "/api/v1/config", None).await;
    assert_eq!(c["revision"], 1);
}

#[tokio::test]
async fn invalid_port_values_answer_422_with_each_field_named() {
    let dir = TempDir::new("port-bad");
    let app = app(dir.path()).await;
    let body = json!({"mode": "static", "address": "10.0.0.300", "prefix": "33", "gateway": "x", "revision": 0});
    let (status, res) = call(&app, "PUT", "/api/v1/ports/Port3", Some(&body.to_string())).await;
    assert_eq!(status, 422, "{res}");
    let f = fields(&res);
    for want in ["address", "prefix", "gateway"] {
        assert!(f.contains(&want.to_string()), "{want} missing in {f:?}");
    }
    assert!(message(&res, "address").contains("\"10.0.0.300\" is not an IPv4 address"));
    // Nothing was written.
    assert!(!dir.path().join("config.toml").exists());
}

#[tokio::test]
async fn malformed_and_wrong_bodies() {
    let dir = TempDir::new("bodies");
    let app = app(dir.path()).await;
    let (status, res) = call(&app, "PUT", "/api/v1/compute", Some("{not json")).await;
    assert_eq!(status, 400);
    assert!(message(&res, "body").starts_with("malformed JSON"), "{res}");
    let (status, _) = call(&app, "PUT", "/api/v1/compute", Some("[1,2]")).await;
    assert_eq!(status, 400);
    let (status, res) = call(&app, "PUT", "/api/v1/compute", Some(r#"{"port": "Port3"}"#)).await;
    assert_eq!(status, 422);
    assert!(message(&res, "revision").contains("required"), "{res}");
    let (status, res) = call(
        &app,
        "PUT",
        "/api/v1/ports/Port9",
        Some(r#"{"mode":"dhcp","revision":0}"#),
    )
    .await;
    assert_eq!(status, 404, "{res}");
    let (status, res) = call(&app, "GET", "/api/v1/nothing", None).await;
    assert_eq!(status, 404, "{res}");
    let (status, res) = call(
        &app,
        "PUT",
        "/api/v1/ports/Port3",
        Some(r#"{"mode": ["static"], "revision": 0}"#),
    )
    .await;
    assert_eq!(status, 422, "{res}");
    assert!(message(&res, "mode").contains("expected a string"));
}

#[tokio::test]
async fn compute_rules_through_the_api() {
    let dir = TempDir::new("compute");
    let app = app(dir.path()).await;
    let rev = static_port3(&app, 0).await["revision"].as_u64().unwrap();

    let put = |body: Value| {
        let app = app.clone();
        async move { call(&app, "PUT", "/api/v1/compute", Some(&body.to_string())).await }
    };
    // Too few node IPs.
    let (status, res) = put(json!({"port": "Port3", "node_ips": {"start": "10.0.0.5", "end": "10.0.0.5"}, "service_ips": {"start": "10.0.0.20", "end": "10.0.0.30"}, "revision": rev})).await;
    assert_eq!(status, 422);
    assert_eq!(
        message(&res, "node_ips"),
        "Node IPs 10.0.0.5-10.0.0.5: 1 address, 2 needed: one for the master VM and one for each worker VM (a further address, when the range has one, is the update spare)"
    );
    // English words for people, the message's id for programs.
    let codes: Vec<&str> = res["errors"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["field"] == "node_ips")
        .map(|e| e["code"].as_str().unwrap())
        .collect();
    assert_eq!(codes, ["val-node-ips-too-few"]);
    // Teaming, as a list or as text.
    let (status, res) = put(json!({"port": ["Port3", "Port4"], "node_ips": "10.0.0.10-10.0.0.12", "service_ips": "10.0.0.20-10.0.0.30", "revision": rev})).await;
    assert_eq!(status, 422);
    assert!(
        message(&res, "port")
            .contains("NIC teaming (several ports in one switch) is not supported"),
        "{res}"
    );
    let (status, res) = put(json!({"port": "Port3,Port4", "node_ips": "10.0.0.10-10.0.0.12", "service_ips": "10.0.0.20-10.0.0.30", "revision": rev})).await;
    assert_eq!(status, 422);
    assert!(message(&res, "port").contains("NIC teaming"));
    // A DHCP port.
    let (status, res) = put(json!({"port": "Port4", "node_ips": "10.0.0.10-10.0.0.12", "service_ips": "10.0.0.20-10.0.0.30", "revision": rev})).await;
    assert_eq!(status, 422);
    assert!(message(&res, "port").contains("uses DHCP"));
    // Overlap by one address.
    let (status, res) = put(json!({"port": "Port3", "node_ips": "10.0.0.10-10.0.0.12", "service_ips": "10.0.0.12-10.0.0.30", "revision": rev})).await;
    assert_eq!(status, 422);
    assert!(
        message(&res, "service_ips")
            .contains("overlap the node IPs 10.0.0.10-10.0.0.12 at 10.0.0.12"),
        "{res}"
    );
    // Valid.
    let (status, res) = put(json!({"port": "Port3", "node_ips": {"start": "10.0.0.10", "end": "10.0.0.12"}, "service_ips": {"start": "10.0.0.20", "end": "10.0.0.30"}, "skip_edge_addresses": true, "revision": rev})).await;
    assert_eq!(status, 200, "{res}");
    assert_eq!(res["enabled"], true);
    assert_eq!(res["switch_name"], "vSwitch-Port3");
    assert_eq!(res["allocation"]["master"], "10.0.0.10");
    assert_eq!(res["allocation"]["worker"], "10.0.0.11");
    assert_eq!(res["allocation"]["update_spare"], "10.0.0.12");
    assert_eq!(res["allocation"]["service_ips_free"], 11);
    let (_, got) = call(&app, "GET", "/api/v1/compute", None).await;
    assert_eq!(
        got["node_ips"],
        json!({"start": "10.0.0.10", "end": "10.0.0.12"})
    );
    // The compute port can no longer become DHCP.
    let now = got["revision"].as_u64().unwrap();
    let (status, res) = call(
        &app,
        "PUT",
        "/api/v1/ports/Port3",
        Some(&json!({"mode": "dhcp", "revision": now}).to_string()),
    )
    .await;
    assert_eq!(status, 422);
    assert!(message(&res, "compute.port").contains("uses DHCP"), "{res}");
    // Compute can be switched off.
    let (status, res) = put(json!({"enabled": false, "revision": now})).await;
    assert_eq!(status, 200, "{res}");
    assert_eq!(res["enabled"], false);
}

#[tokio::test]
async fn a_stale_revision_answers_409_and_changes_nothing() {
    let dir = TempDir::new("stale");
    let app = app(dir.path()).await;
    static_port3(&app, 0).await;
    let body = json!({"mode": "static", "address": "10.0.0.9", "prefix": 24, "revision": 0});
    let (status, res) = call(&app, "PUT", "/api/v1/ports/Port3", Some(&body.to_string())).await;
    assert_eq!(status, 409, "{res}");
    assert!(message(&res, "revision").contains("revision 0 is stale: revision 1 is applied now"));
    let (_, port) = call(&app, "GET", "/api/v1/ports/Port3", None).await;
    assert_eq!(port["address"], "10.0.0.2");
}

#[tokio::test]
async fn concurrent_writers_never_lose_an_update() {
    let dir = TempDir::new("race");
    let app = app(dir.path()).await;
    // 20 writers all read revision 0 and race: exactly one wins, the rest get 409.
    let mut tasks = Vec::new();
    for i in 0..20u8 {
        let app = app.clone();
        tasks.push(tokio::spawn(async move {
            let body = json!({"mode": "static", "address": format!("10.0.0.{}", i + 2), "prefix": 24, "revision": 0});
            call(&app, "PUT", "/api/v1/ports/Port3", Some(&body.to_string())).await.0
        }));
    }
    let mut statuses = Vec::new();
    for t in tasks {
        statuses.push(t.await.unwrap());
    }
    assert_eq!(
        statuses.iter().filter(|s| **s == 200).count(),
        1,
        "{statuses:?}"
    );
    assert_eq!(
        statuses.iter().filter(|s| **s == 409).count(),
        19,
        "{statuses:?}"
    );
    let (_, hist) = call(&app, "GET", "/api/v1/config/history", None).await;
    assert_eq!(hist["history"].as_array().unwrap().len(), 1);
}

#[tokio::test]
async fn staged_changes_can_be_read_and_discarded() {
    let dir = TempDir::new("staged");
    let app = app(dir.path()).await;
    let (_, res) = call(&app, "GET", "/api/v1/config/staged", None).await;
    assert_eq!(res["staged"], false);
    let (status, _) = call(&app, "DELETE", "/api/v1/config/staged", None).await;
    assert_eq!(status, 204);
}

#[tokio::test]
async fn writing_what_is_applied_makes_no_new_revision() {
    let dir = TempDir::new("noop");
    let app = app(dir.path()).await;
    assert_eq!(static_port3(&app, 0).await["revision"], 1);
    assert_eq!(static_port3(&app, 1).await["revision"], 1);
    let (_, hist) = call(&app, "GET", "/api/v1/config/history", None).await;
    let hist = hist["history"].as_array().unwrap();
    assert_eq!(hist.len(), 1);
    assert_eq!(
        hist[0]["summary"],
        "Port3: Addressing, IP address, Gateway, Primary DNS"
    );
}

#[tokio::test]
async fn kubernetes_networks_and_manifests() {
    let dir = TempDir::new("k8s");
    let app = app(dir.path()).await;
    let (_, k) = call(&app, "GET", "/api/v1/kubernetes", None).await;
    assert_eq!(k["pod_cidr"], "172.27.0.0/16");
    assert_eq!(k["dns_ip"], "172.28.0.10");
    assert_eq!(k["locked"], false);
    // Host bits are cleared with a warning; Docker's bridge is a warning too.
    let body = json!({"pod_cidr": "172.29.1.0/16", "service_cidr": "172.17.0.0/16", "revision": 0});
    let (status, k) = call(&app, "PUT", "/api/v1/kubernetes", Some(&body.to_string())).await;
    assert_eq!(status, 200, "{k}");
    assert_eq!(k["pod_cidr"], "172.29.0.0/16");
    let warnings: Vec<String> = k["warnings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|w| w["message"].as_str().unwrap().to_string())
        .collect();
    assert!(
        warnings.iter().any(|w| w.contains("host bits")),
        "{warnings:?}"
    );
    assert!(
        warnings.iter().any(|w| w.contains("Docker")),
        "{warnings:?}"
    );
    let body = json!({"pod_cidr": "172.29.0.0/27", "service_cidr": "172.28.0.0/16", "revision": 1});
    let (status, res) = call(&app, "PUT", "/api/v1/kubernetes", Some(&body.to_string())).await;
    assert_eq!(status, 422);
    assert!(
        message(&res, "pod_cidr").contains("smaller than one Calico block"),
        "{res}"
    );

    let (_, list) = call(&app, "GET", "/api/v1/manifests", None).await;
    assert_eq!(list["manifests"].as_array().unwrap().len(), 2);
    assert_eq!(list["pending"].as_array().unwrap().len(), 4);
    let req = axum::http::Request::builder()
        .uri("/api/v1/manifests/calico-ippool.yaml?download=1")
        .body(axum::body::Body::empty())
        .unwrap();
    let res = tower::ServiceExt::oneshot(app.clone(), req).await.unwrap();
    assert_eq!(res.status(), 200);
    assert_eq!(
        res.headers()["content-disposition"],
        "attachment; filename=\"calico-ippool.yaml\""
    );
    let text = String::from_utf8(
        http_body_util::BodyExt::collect(res.into_body())
            .await
            .unwrap()
            .to_bytes()
            .to_vec(),
    )
    .unwrap();
    assert!(text.contains("cidr: 172.29.0.0/16"), "{text}");
    for pending in ["metallb-pool", "kubeadm-join"] {
        let (status, _) = call(&app, "GET", &format!("/api/v1/manifests/{pending}"), None).await;
        assert_eq!(status, 409, "{pending}");
    }
    let (status, _) = call(&app, "GET", "/api/v1/manifests/nothing", None).await;
    assert_eq!(status, 404);

    // Compute locks the networks; a factory reset unlocks them.
    let rev = static_port3(&app, 1).await["revision"].as_u64().unwrap();
    let body = json!({"port": "Port3", "node_ips": "10.0.0.10-10.0.0.11", "service_ips": "10.0.0.20", "revision": rev});
    let (status, res) = call(&app, "PUT", "/api/v1/compute", Some(&body.to_string())).await;
    assert_eq!(status, 200, "{res}");
    let (_, k) = call(&app, "GET", "/api/v1/kubernetes", None).await;
    assert_eq!(k["locked"], true);
    let body =
        json!({"pod_cidr": "172.30.0.0/16", "service_cidr": "172.28.0.0/16", "revision": rev + 1});
    let (status, res) = call(&app, "PUT", "/api/v1/kubernetes", Some(&body.to_string())).await;
    assert_eq!(status, 422);
    assert!(
        message(&res, "pod_cidr").contains("locked since revision"),
        "{res}"
    );
    let (_, list) = call(&app, "GET", "/api/v1/manifests", None).await;
    assert_eq!(list["manifests"].as_array().unwrap().len(), 6);
    // The worker's kubelet registers the second node IP (#27).
    let req = axum::http::Request::get("/api/v1/manifests/kubeadm-join")
        .body(axum::body::Body::empty())
        .unwrap();
    let res = tower::ServiceExt::oneshot(app.clone(), req).await.unwrap();
    assert_eq!(res.status(), 200);
    let bytes = http_body_util::BodyExt::collect(res.into_body())
        .await
        .unwrap()
        .to_bytes();
    let join = String::from_utf8(bytes.to_vec()).unwrap();
    assert!(
        join.contains("kind: JoinConfiguration") && join.contains("value: \"10.0.0.11\""),
        "{join}"
    );
    let (status, res) = call(
        &app,
        "POST",
        "/api/v1/config/factory-reset",
        Some(&json!({"revision": rev + 1}).to_string()),
    )
    .await;
    assert_eq!(status, 200, "{res}");
    let (_, k) = call(&app, "GET", "/api/v1/kubernetes", None).await;
    assert_eq!(k["locked"], false);
    assert_eq!(k["pod_cidr"], "172.27.0.0/16");
}

/// `GET /healthz`: the store's state and the route backend's, and nothing of the configuration.
#[tokio::test]
async fn healthz_says_whether_the_store_and_the_route_backend_work() {
    use edgenet::domain::routes::kernel::{KernelView, RefusedRoute};
    use edgenet::router::router;
    use edgenet::server::AppState;
    let dir = TempDir::new("healthz");
    let state = AppState::new(common::settings(dir.path())).unwrap();
    let app = router(state.clone());
    let (status, body) = call(&app, "GET", "/healthz", None).await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(
        body,
        json!({"status": "ok", "store": {"readable": true, "writable": true}, "routes": "dry-run",
               "host": {"state": "dry-run", "differences": []}})
    );

    // The host: a difference or a namespace that cannot be asked is failing;
    // the kinds are named, never the values (the addresses are settings).
    use edgenet::domain::host::{Difference, HostView};
    for (view, code, name, kinds) in [
        (HostView::Pending, 200, "pending", json!([])),
        (
            HostView::Checked { revision: 0, differences: vec![], failed: vec![], dhcp: vec![] },
            200,
            "matches",
            json!([]),
        ),
        (
            HostView::Checked {
                revision: 0,
                differences: vec![
                    Difference::Mtu { device: "Port3".into(), want: 1500, have: 1400 },
                    Difference::Dns { want: vec!["10.0.0.53".parse().unwrap()], have: vec![] },
                ],
                failed: vec![],
                dhcp: vec![],
            },
            503,
            "differs",
            json!(["mtu", "dns"]),
        ),
        (
            HostView::Checked {
                revision: 0,
                differences: vec![],
                failed: vec!["adding 10.0.0.2/24 to Port3: File exists".into()],
                dhcp: vec![],
            },
            503,
            "differs",
            json!([]),
        ),
        (HostView::Unreachable { revision: 0, reason: "no namespace".into() }, 503, "unreachable", json!([])),
    ] {
        state.host.set(view.clone());
        let (status, body) = call(&app, "GET", "/healthz", None).await;
        assert_eq!(status, code, "{view:?}: {body}");
        assert_eq!(body["host"], json!({"state": name, "differences": kinds}), "{view:?}");
        assert!(!body.to_string().contains("10.0.0"), "no setting revealed: {body}");
    }
    state.host.set(HostView::DryRun);

    // A revision that did not reach the kernel makes the device unhealthy:
    // a route the kernel refused, or a namespace that could not be asked.
    for failed in [
        KernelView::Reconciled {
            revision: 0,
            refused: vec![RefusedRoute {
                destination: "192.168.9.0/24".parse().unwrap(),
                metric: 100,
                reason: "File exists".into(),
            }],
            other: vec![],
        },
        KernelView::Reconciled {
            revision: 0,
            refused: vec![],
            other: vec!["the VM side of the compute port: no eth1".into()],
        },
        KernelView::Unreachable {
            revision: 0,
            reason: "no namespace".into(),
        },
    ] {
        state.backend.set(failed.clone());
        let (status, body) = call(&app, "GET", "/healthz", None).await;
        assert_eq!(status, 503, "{failed:?}: {body}");
        assert_eq!(body["status"], "failing");
        assert_eq!(body["routes"], "failed");
    }
    state.backend.set(KernelView::Reconciled {
        revision: 0,
        refused: vec![],
        other: vec![],
    });
    let (status, body) = call(&app, "GET", "/healthz", None).await;
    assert_eq!((status, body["routes"].clone()), (200, json!("applied")));

    // A broken configuration file: not readable.
    std::fs::write(dir.path().join("config.toml"), "revision = [").unwrap();
    let (status, body) = call(&app, "GET", "/healthz", None).await;
    assert_eq!(status, 503, "{body}");
    assert_eq!(body["store"], json!({"readable": false, "writable": true}));

    // The data directory gone (a file in its place): neither readable nor writable.
    std::fs::remove_dir_all(dir.path()).unwrap();
    std::fs::write(dir.path(), "not a folder").unwrap();
    let (status, body) = call(&app, "GET", "/healthz", None).await;
    std::fs::remove_file(dir.path()).unwrap();
    std::fs::create_dir_all(dir.path()).unwrap();
    assert_eq!(status, 503, "{body}");
    assert_eq!(body["store"], json!({"readable": false, "writable": false}));
    assert_eq!(body.as_object().unwrap().len(), 4, "{body}");
}
