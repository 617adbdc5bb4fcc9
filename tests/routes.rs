//! Custom routes: the HTTP API, and the `edgenet route` command line against a
//! real server process.

mod common;

use std::{
    net::{SocketAddr, TcpListener},
    path::Path,
    process::Command,
    time::{Duration, Instant},
};

use common::{app, call, message, serve_command, Remote, Server, TempDir, PASSWORD};
use serde_json::{json, Value};

async fn port3_static(app: &axum::Router) {
    let body = json!({"mode": "static", "address": "10.0.0.2", "prefix": 24, "gateway": "10.0.0.1", "revision": 0});
    let (status, res) = call(app, "PUT", "/api/v1/ports/Port3", Some(&body.to_string())).await;
    assert_eq!(status, 200, "{res}");
}

#[tokio::test]
async fn add_list_remove_through_the_api() {
    let dir = TempDir::new("routes-api");
    let app = app(dir.path()).await;
    // Before Port3 is static: refused, clearly.
    let add = json!({"destination": "192.168.20.0/24", "next_hop": "10.0.0.1", "interface": "Port3", "metric": 100});
    let (status, res) = call(&app, "POST", "/api/v1/routes", Some(&add.to_string())).await;
    assert_eq!(status, 422);
    assert!(message(&res, "interface").contains("uses DHCP"), "{res}");

    port3_static(&app).await;
    let (status, res) = call(&app, "POST", "/api/v1/routes", Some(&add.to_string())).await;
    assert_eq!(status, 201, "{res}");
    assert_eq!(res["route"]["destination"], "192.168.20.0/24");
    assert_eq!(res["revision"], 2);
    // Two fields, host bits set: normalised with a note.
    let add2 = json!({"destination": "192.168.30.9", "prefix_length": 24, "next_hop": "10.0.0.3", "interface": "port3"});
    let (status, res) = call(&app, "POST", "/api/v1/routes", Some(&add2.to_string())).await;
    assert_eq!(status, 201, "{res}");
    assert_eq!(res["route"]["destination"], "192.168.30.0/24");
    assert_eq!(res["route"]["interface"], "Port3");
    assert_eq!(res["route"]["metric"], 100);
    assert!(res["note"].as_str().unwrap().contains("host bits"));
    // A duplicate, a bad next hop, a bad metric.
    let (status, res) = call(&app, "POST", "/api/v1/routes", Some(&add.to_string())).await;
    assert_eq!(status, 422);
    assert!(message(&res, "destination").contains("already has a route"));
    // A missing prefix length is the prefix length's error, not the destination's.
    let bad = json!({"destination": "192.168.40.0", "next_hop": "10.0.0.1", "interface": "Port3"});
    let (status, res) = call(&app, "POST", "/api/v1/routes", Some(&bad.to_string())).await;
    assert_eq!(status, 422);
    assert!(
        message(&res, "prefix_length").contains("Prefix length: required"),
        "{res}"
    );
    assert_eq!(res["errors"].as_array().unwrap().len(), 1, "{res}");
    let bad = json!({"destination": "192.168.40.0/24", "next_hop": "10.0.9.1", "interface": "Port3", "metric": "x"});
    let (status, res) = call(&app, "POST", "/api/v1/routes", Some(&bad.to_string())).await;
    assert_eq!(status, 422);
    assert!(
        message(&res, "metric").contains("not a whole number"),
        "{res}"
    );
    let bad =
        json!({"destination": "192.168.40.0/24", "next_hop": "10.0.9.1", "interface": "Port3"});
    let (_, res) = call(&app, "POST", "/api/v1/routes", Some(&bad.to_string())).await;
    assert!(
        message(&res, "next_hop").contains("outside Port3's subnet"),
        "{res}"
    );
    // A stale revision, when one is given.
    let (status, _) = call(&app, "POST", "/api/v1/routes", Some(&json!({"destination": "192.168.50.0/24", "next_hop": "10.0.0.1", "interface": "Port3", "revision": 1}).to_string())).await;
    assert_eq!(status, 409);

    let (_, list) = call(&app, "GET", "/api/v1/routes?interface=Port3", None).await;
    assert_eq!(list["routes"].as_array().unwrap().len(), 2);
    let (_, list) = call(&app, "GET", "/api/v1/routes?interface=Port5", None).await;
    assert_eq!(list["routes"].as_array().unwrap().len(), 0);
    let (status, _) = call(&app, "GET", "/api/v1/routes?interface=Port9", None).await;
    assert_eq!(status, 404);

    let (_, which) = call(
        &app,
        "GET",
        "/api/v1/routes/lookup?destination=192.168.30.77",
        None,
    )
    .await;
    assert_eq!(
        which["via"], "172.31.255.1",
        "Port3 is not the compute port: the host forwards"
    );
    assert!(which["explanation"]
        .as_str()
        .unwrap()
        .contains("192.168.30.0/24"));
    let (status, _) = call(&app, "GET", "/api/v1/routes/lookup?destination=nope", None).await;
    assert_eq!(status, 422);

    // Remove by query, then by body; removing again says it is not there.
    let (status, res) = call(
        &app,
        "DELETE",
        "/api/v1/routes?interface=Port3&destination=192.168.20.0/24",
        None,
    )
    .await;
    assert_eq!(status, 200, "{res}");
    let body = json!({"interface": "Port3", "destination": "192.168.30.0", "prefix_length": 24});
    let (status, res) = call(&app, "DELETE", "/api/v1/routes", Some(&body.to_string())).await;
    assert_eq!(status, 200, "{res}");
    let (status, res) = call(&app, "DELETE", "/api/v1/routes", Some(&body.to_string())).await;
    assert_eq!(status, 404);
    assert!(
        message(&res, "destination").contains("no custom route to 192.168.30.0/24 on Port3"),
        "{res}"
    );
    let (status, _) = call(&app, "DELETE", "/api/v1/routes", None).await;
    assert_eq!(status, 422);
    // Every change was a revision.
    let (_, hist) = call(&app, "GET", "/api/v1/config/history", None).await;
    assert_eq!(hist["history"].as_array().unwrap().len(), 5);
    // The last one removed the route, and says so (adding reads "added").
    assert!(
        hist["history"][0]["summary"]
            .as_str()
            .unwrap()
            .starts_with("Routes: removed 192.168.30.0/24 on Port3"),
        "{hist}"
    );
}

fn free_addr() -> SocketAddr {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
}

fn start(dir: &Path, addr: SocketAddr) -> (Server, Remote) {
    let child = serve_command(dir, addr).spawn().unwrap();
    let server = Server(child);
    let started = Instant::now();
    loop {
        if let Some(remote) = Remote::connect(addr, dir) {
            return (server, remote);
        }
        assert!(
            started.elapsed() < Duration::from_secs(20),
            "server did not start"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// A server with Port3 static on 10.0.0.2/24 (revision 1).
fn started_with_port3(tag: &str) -> (TempDir, SocketAddr, Server) {
    let dir = TempDir::new(tag);
    let addr = free_addr();
    let (server, remote) = start(dir.path(), addr);
    let body = r#"{"mode":"static","address":"10.0.0.2","prefix":24,"revision":0}"#;
    assert_eq!(
        remote
            .call("PUT", "/api/v1/ports/Port3", Some(body))
            .unwrap()
            .0,
        200
    );
    (dir, addr, server)
}

fn cli(addr: SocketAddr, args: &[&str]) -> (i32, String, String) {
    cli_with(addr, args, PASSWORD)
}

fn cli_with(addr: SocketAddr, args: &[&str], password: &str) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_edgenet"))
        .args(args)
        .args(["--server", &format!("http://{addr}")])
        .env("EDGENET_PASSWORD", password)
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into(),
        String::from_utf8_lossy(&out.stderr).into(),
    )
}

#[test]
fn the_command_line_adds_lists_and_removes_routes() {
    let (_dir, addr, _server) = started_with_port3("routes-cli");

    let (code, out, err) = cli(
        addr,
        &[
            "route",
            "add",
            "--interface",
            "Port3",
            "--destination",
            "192.168.20.0/24",
            "--next-hop",
            "10.0.0.1",
            "--metric",
            "100",
        ],
    );
    assert_eq!(code, 0, "{out}{err}");
    assert!(
        out.contains("192.168.20.0/24") && out.contains("Added"),
        "{out}"
    );

    let (code, out, _) = cli(addr, &["route", "get"]);
    assert_eq!(code, 0);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(
        lines[0].split_whitespace().collect::<Vec<_>>(),
        ["Destination", "Next", "hop", "Interface", "Metric"]
    );
    assert_eq!(
        lines[1].split_whitespace().collect::<Vec<_>>(),
        ["192.168.20.0/24", "10.0.0.1", "Port3", "100"]
    );
    assert!(
        out.contains("Dry run: no route-namespace is configured"),
        "{out}"
    );

    let (code, out, _) = cli(addr, &["route", "get", "--interface", "Port3", "--json"]);
    assert_eq!(code, 0);
    let v: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["routes"][0]["next_hop"], "10.0.0.1");

    // Errors are the server's, one per line, with a non-zero exit.
    let (code, _, err) = cli(
        addr,
        &[
            "route",
            "add",
            "--interface",
            "Port3",
            "--destination",
            "192.168.21.0/24",
            "--next-hop",
            "10.0.0.2",
        ],
    );
    assert_eq!(code, 1);
    assert!(
        err.contains("Next hop 10.0.0.2: is Port3's own address"),
        "{err}"
    );

    let (code, out, _) = cli(addr, &["route", "which", "--destination", "192.168.20.5"]);
    assert_eq!(code, 0);
    assert!(out.contains("192.168.20.0/24"), "{out}");

    let (code, out, _) = cli(
        addr,
        &[
            "route",
            "remove",
            "--interface",
            "Port3",
            "--destination",
            "192.168.20.0/24",
        ],
    );
    assert_eq!(code, 0, "{out}");
    let (code, _, err) = cli(
        addr,
        &[
            "route",
            "remove",
            "--interface",
            "Port3",
            "--destination",
            "192.168.20.0/24",
        ],
    );
    assert_eq!(code, 1);
    assert!(
        err.contains("no custom route to 192.168.20.0/24 on Port3"),
        "{err}"
    );
    let (code, out, _) = cli(addr, &["route", "get"]);
    assert_eq!(code, 0);
    assert_eq!(out.trim(), "No custom routes.");

    // The command line signs in each time and keeps nothing: a wrong password is refused.
    let (code, _, err) = cli_with(addr, &["route", "get"], "Wrong-Pass-1");
    assert_eq!(code, 1);
    assert!(err.contains("Wrong password."), "{err}");
}

#[test]
fn the_command_line_says_when_the_server_is_unreachable() {
    let addr = free_addr();
    let (code, _, err) = cli(addr, &["route", "get"]);
    assert_eq!(code, 3);
    assert!(err.contains("cannot reach the edgenet server"), "{err}");
}

#[tokio::test]
async fn a_route_over_the_cluster_networks_is_refused_and_blocks_nothing() {
    let dir = TempDir::new("routes-pods");
    let app = app(dir.path()).await;
    port3_static(&app).await;
    let add = json!({"destination": "172.27.0.0/16", "next_hop": "10.0.0.1", "interface": "Port3"});
    let (status, res) = call(&app, "POST", "/api/v1/routes", Some(&add.to_string())).await;
    assert_eq!(status, 422, "{res}");
    assert!(
        message(&res, "destination").contains(
            "overlaps the pod network 172.27.0.0/16, which Calico routes inside the cluster"
        ),
        "{res}"
    );
    // Later changes still go through.
    let body = json!({"mode": "static", "address": "10.0.0.3", "prefix": 24, "revision": 1});
    let (status, res) = call(&app, "PUT", "/api/v1/ports/Port3", Some(&body.to_string())).await;
    assert_eq!(status, 200, "{res}");
}

#[tokio::test]
async fn the_compute_port_is_kept_as_the_device_spells_it() {
    let dir = TempDir::new("compute-case");
    let app = app(dir.path()).await;
    port3_static(&app).await;
    let body = json!({"port": "port3", "node_ips": "10.0.0.10-10.0.0.11", "service_ips": "10.0.0.20", "revision": 1});
    let (status, res) = call(&app, "PUT", "/api/v1/compute", Some(&body.to_string())).await;
    assert_eq!(status, 200, "{res}");
    assert_eq!(res["port"], "Port3");
    let (_, ports) = call(&app, "GET", "/api/v1/ports/Port3", None).await;
    assert_eq!(ports["compute"], true);
}

/// The field's starting point (issue #14): Port3 static 10.20.0.10/24 with
/// gateway and DNS, compute on Port3, Port4 static 10.40.0.10/24; revision 3.
async fn field_site(app: &axum::Router) {
    for (path, body) in [
        (
            "/api/v1/ports/Port3",
            json!({"mode": "static", "address": "10.20.0.10", "prefix": 24, "gateway": "10.20.0.1", "dns_primary": "10.20.0.2", "revision": 0}),
        ),
        (
            "/api/v1/compute",
            json!({"port": "Port3", "node_ips": "10.20.0.20-10.20.0.22", "service_ips": "10.20.0.100-10.20.0.120", "revision": 1}),
        ),
        (
            "/api/v1/ports/Port4",
            json!({"mode": "static", "address": "10.40.0.10", "prefix": 24, "revision": 2}),
        ),
    ] {
        let (status, res) = call(app, "PUT", path, Some(&body.to_string())).await;
        assert_eq!(status, 200, "{path}: {res}");
    }
}

#[tokio::test]
async fn routes_from_the_field_are_refused_or_explained_through_the_api() {
    let dir = TempDir::new("routes-field");
    let app = app(dir.path()).await;
    field_site(&app).await;
    let add = |dest: &str, hop: &str, iface: &str, metric: u32| {
        json!({"destination": dest, "next_hop": hop, "interface": iface, "metric": metric})
            .to_string()
    };
    // (route, field, code) refused with 422.
    for (body, field, code) in [
        (
            add("172.31.255.0/25", "10.20.0.254", "Port3", 100),
            "destination",
            "val-route-inside-internal-switch",
        ),
        (
            add("0.0.0.0/0", "10.20.0.1", "Port3", 0),
            "metric",
            "val-route-ties-default",
        ),
        (
            add("10.20.0.128/25", "10.20.0.254", "Port3", 100),
            "destination",
            "val-route-inside-compute-subnet",
        ),
        (
            add("172.27.1.0/24", "10.20.0.254", "Port3", 100),
            "destination",
            "val-route-overlaps-cluster-network",
        ),
        (
            add("10.40.0.0/25", "10.40.0.1", "Port4", 100),
            "destination",
            "val-route-inside-own-subnet",
        ),
        // Next hops that the cluster holds (#27 item 3).
        (
            add("192.168.50.0/24", "10.20.0.20", "Port3", 100),
            "next_hop",
            "val-route-next-hop-master",
        ),
        (
            add("192.168.50.0/24", "10.20.0.21", "Port3", 100),
            "next_hop",
            "val-route-next-hop-worker",
        ),
        (
            add("192.168.50.0/24", "10.20.0.22", "Port3", 100),
            "next_hop",
            "val-route-next-hop-spare",
        ),
        (
            add("192.168.50.0/24", "10.20.0.105", "Port3", 100),
            "next_hop",
            "val-route-next-hop-pool",
        ),
    ] {
        let (status, res) = call(&app, "POST", "/api/v1/routes", Some(&body)).await;
        assert_eq!(status, 422, "{body}: {res}");
        let e = res["errors"]
            .as_array()
            .unwrap()
            .iter()
            .find(|e| e["field"] == field);
        assert!(e.is_some_and(|e| e["code"] == code), "{body}: {res}");
    }
    let (_, list) = call(&app, "GET", "/api/v1/routes", None).await;
    assert_eq!(
        list["routes"].as_array().unwrap().len(),
        0,
        "nothing refused was kept"
    );

    // Routes the kernel keeps only one of: the second with the same destination and metric is refused.
    let (status, res) = call(
        &app,
        "POST",
        "/api/v1/routes",
        Some(&add("192.168.20.0/24", "10.20.0.254", "Port3", 100)),
    )
    .await;
    assert_eq!(status, 201, "{res}");
    assert_eq!(res["notes"], json!([]));
    assert_eq!(res["note"], Value::Null);
    let (status, res) = call(
        &app,
        "POST",
        "/api/v1/routes",
        Some(&add("192.168.20.0/24", "10.40.0.254", "Port4", 100)),
    )
    .await;
    assert_eq!(status, 422, "{res}");
    assert_eq!(res["errors"][0]["field"], "metric");
    assert_eq!(res["errors"][0]["code"], "val-route-same-metric");
    assert!(
        res["errors"][0]["message"]
            .as_str()
            .unwrap()
            .contains("such as 101"),
        "{res}"
    );
    let (status, _) = call(
        &app,
        "POST",
        "/api/v1/routes",
        Some(&add("192.168.20.0/24", "10.40.0.254", "Port4", 200)),
    )
    .await;
    assert_eq!(status, 201);

    // A backup default route is accepted with a note that says it loses.
    let (status, res) = call(
        &app,
        "POST",
        "/api/v1/routes",
        Some(&add("0.0.0.0/0", "10.20.0.1", "Port3", 300)),
    )
    .await;
    assert_eq!(status, 201, "{res}");
    assert_eq!(res["notes"][0]["code"], "val-route-note-backup-default");
    assert!(
        res["note"].as_str().unwrap().contains("(0 against 300)"),
        "{res}"
    );
    let (_, list) = call(&app, "GET", "/api/v1/routes", None).await;
    let routes = list["routes"].as_array().unwrap();
    assert_eq!(routes.len(), 3);
    assert!(routes.iter().all(|r| r["installed"] == true), "{list}");
    // No route-namespace here: nothing was sent, and the state says so (#29).
    assert!(routes.iter().all(|r| r["kernel"] == "dry-run"), "{list}");
    assert_eq!(
        routes[2]["notes"][0]["code"],
        "val-route-note-backup-default"
    );

    // "Which route?" lists the route that lost, and why.
    let (status, which) = call(
        &app,
        "GET",
        "/api/v1/routes/lookup?destination=8.8.8.8",
        None,
    )
    .await;
    assert_eq!(status, 200);
    let explanation = which["explanation"].as_str().unwrap();
    assert!(
        !explanation.contains("no custom route matches"),
        "{explanation}"
    );
    assert!(explanation.contains("loses on metric (300 against 0): the custom route 0.0.0.0/0 via 10.20.0.1 on Port3 (metric 300)"), "{explanation}");
    let c = which["candidates"].as_array().unwrap();
    assert_eq!(c.len(), 2, "{which}");
    assert_eq!(
        (
            c[0]["verdict"].as_str(),
            c[0]["origin"]["kind"].as_str(),
            c[0]["metric"].as_u64()
        ),
        (Some("chosen"), Some("default_route"), Some(0))
    );
    assert_eq!(
        (
            c[1]["verdict"].as_str(),
            c[1]["winner"].as_u64(),
            c[1]["origin"]["kind"].as_str()
        ),
        (Some("lower_metric_wins"), Some(0), Some("custom"))
    );
    assert_eq!(c[1]["origin"]["route"]["interface"], "Port3");
    // The pod network is the cluster's, not the default route's.
    let (_, which) = call(
        &app,
        "GET",
        "/api/v1/routes/lookup?destination=172.27.1.5",
        None,
    )
    .await;
    assert_eq!(
        (which["device"].as_str(), &which["via"]),
        (Some("calico"), &Value::Null),
        "{which}"
    );
    assert_eq!(which["candidates"][0]["origin"]["kind"], "pod_network");
    let (_, which) = call(
        &app,
        "GET",
        "/api/v1/routes/lookup?destination=192.168.20.9",
        None,
    )
    .await;
    let verdicts: Vec<&str> = which["candidates"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["verdict"].as_str().unwrap())
        .collect();
    assert_eq!(
        verdicts,
        [
            "chosen",
            "lower_metric_wins",
            "longer_prefix_wins",
            "longer_prefix_wins"
        ],
        "{which}"
    );
}

#[tokio::test]
async fn the_cluster_dns_address_follows_the_service_network_through_the_api() {
    let dir = TempDir::new("k8s-dns");
    let app = app(dir.path()).await;
    // The API server's address is refused beside the field, with the conventional one.
    let body = json!({"pod_cidr": "172.27.0.0/16", "service_cidr": "172.28.0.0/16", "dns_ip": "172.28.0.1", "revision": 0});
    let (status, res) = call(&app, "PUT", "/api/v1/kubernetes", Some(&body.to_string())).await;
    assert_eq!(status, 422, "{res}");
    assert_eq!(res["errors"][0]["field"], "dns_ip", "{res}");
    assert_eq!(
        res["errors"][0]["code"], "val-cluster-dns-api-server",
        "{res}"
    );
    assert!(
        res["errors"][0]["message"]
            .as_str()
            .unwrap()
            .contains("Use 172.28.0.10"),
        "{res}"
    );
    // Above the fixed band: accepted, with a warning beside the field.
    let body = json!({"pod_cidr": "172.27.0.0/16", "service_cidr": "172.28.0.0/16", "dns_ip": "172.28.9.53", "revision": 0});
    let (status, res) = call(&app, "PUT", "/api/v1/kubernetes", Some(&body.to_string())).await;
    assert_eq!(status, 200, "{res}");
    let w = res["warnings"].as_array().unwrap();
    assert!(
        w.iter()
            .any(|w| w["field"] == "dns_ip" && w["code"] == "val-cluster-dns-dynamic-band"),
        "{res}"
    );
}

#[test]
fn the_command_line_explains_routes_that_lose_or_are_refused() {
    let (_dir, addr, _server) = started_with_port3("routes-cli-field");
    let (code, out, err) = cli(
        addr,
        &[
            "route",
            "add",
            "--interface",
            "Port3",
            "--destination",
            "172.31.255.0/25",
            "--next-hop",
            "10.0.0.254",
        ],
    );
    assert_ne!(code, 0, "{out}{err}");
    assert!(err.contains("internal virtual switch"), "{out}{err}");
    let (code, out, err) = cli(
        addr,
        &[
            "route",
            "add",
            "--interface",
            "Port3",
            "--destination",
            "0.0.0.0/0",
            "--next-hop",
            "10.0.0.1",
            "--metric",
            "300",
        ],
    );
    assert_eq!(code, 0, "{out}{err}");
    assert!(out.contains("note: A backup default route"), "{out}");
    let (code, out, err) = cli(addr, &["route", "get"]);
    assert_eq!(code, 0, "{err}");
    assert!(
        out.contains("0.0.0.0/0 on Port3: note: A backup default route"),
        "{out}"
    );
    let (code, out, err) = cli(addr, &["route", "which", "--destination", "8.8.8.8"]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(out.contains("loses on metric (300 against 0)"), "{out}");
    assert!(
        out.contains("Matching routes, the chosen one first:"),
        "{out}"
    );
    assert!(
        out.contains("  * the default route via the internal virtual switch"),
        "{out}"
    );
}

/// #27 item 2 through the API: the VMs' DNS servers (the compute port's)
/// cannot be the cluster DNS address or inside a cluster network.
#[tokio::test]
async fn dns_servers_the_cluster_cannot_reach_are_refused_through_the_api() {
    let dir = TempDir::new("routes-vm-dns");
    let app = app(dir.path()).await;
    field_site(&app).await;
    let body = json!({"mode": "static", "address": "10.20.0.10", "prefix": 24, "gateway": "10.20.0.1", "dns_primary": "172.28.0.10", "revision": 3});
    let (status, res) = call(&app, "PUT", "/api/v1/ports/Port3", Some(&body.to_string())).await;
    assert_eq!(status, 422, "{res}");
    let e = res["errors"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["field"] == "dns_primary");
    assert!(
        e.is_some_and(|e| e["code"] == "val-port-dns-cluster-dns"
            && e["message"].as_str().unwrap().contains("loop plugin")),
        "{res}"
    );

    // Before compute: a DNS server that the pod network then holds, and
    // compute enabled on top of both, is refused.
    let dir = TempDir::new("routes-vm-dns-pods");
    let app = common::app(dir.path()).await;
    for (path, body) in [
        (
            "/api/v1/ports/Port3",
            json!({"mode": "static", "address": "10.20.0.10", "prefix": 24, "gateway": "10.20.0.1", "dns_primary": "10.96.0.53", "revision": 0}),
        ),
        (
            "/api/v1/kubernetes",
            json!({"pod_cidr": "10.96.0.0/16", "service_cidr": "172.28.0.0/16", "revision": 1}),
        ),
    ] {
        let (status, res) = call(&app, "PUT", path, Some(&body.to_string())).await;
        assert_eq!(status, 200, "{path}: {res}");
    }
    let body = json!({"port": "Port3", "node_ips": "10.20.0.20-10.20.0.22", "service_ips": "10.20.0.100-10.20.0.120", "revision": 2});
    let (status, res) = call(&app, "PUT", "/api/v1/compute", Some(&body.to_string())).await;
    assert_eq!(status, 422, "{res}");
    let codes: Vec<&str> = res["errors"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|e| e["code"].as_str())
        .collect();
    assert!(
        codes.contains(&"val-port-dns-in-pod-network")
            || codes.contains(&"val-network-holds-vm-dns"),
        "{res}"
    );
}

/// #27 items 3 and 4 from the command line: the server's words, beside a
/// non-zero exit, for a next hop the cluster holds and a destination that can
/// carry no packet.
#[test]
fn the_command_line_refuses_routes_the_cluster_cannot_use() {
    let (_dir, addr, _server) = started_with_port3("routes-cli-field");
    let remote = Remote::connect(addr, _dir.path()).unwrap();
    let body = r#"{"port":"Port3","node_ips":"10.0.0.20-10.0.0.22","service_ips":"10.0.0.100-10.0.0.120","revision":1}"#;
    let (status, res) = remote.call("PUT", "/api/v1/compute", Some(body)).unwrap();
    assert_eq!(status, 200, "{res}");
    for (destination, hop, words) in [
        (
            "192.168.50.0/24",
            "10.0.0.20",
            "Next hop 10.0.0.20: is the master VM's node IP, not a router",
        ),
        (
            "192.168.50.0/24",
            "10.0.0.21",
            "Next hop 10.0.0.21: is the worker VM's node IP, not a router",
        ),
        (
            "192.168.50.0/24",
            "10.0.0.22",
            "Next hop 10.0.0.22: is the update spare of the node IPs 10.0.0.20-10.0.0.22",
        ),
        (
            "192.168.50.0/24",
            "10.0.0.105",
            "Next hop 10.0.0.105: is in MetalLB's service IP pool 10.0.0.100-10.0.0.120",
        ),
        (
            "127.0.0.0/8",
            "10.0.0.254",
            "Destination 127.0.0.0/8: lies in 127.0.0.0/8, loopback (RFC 1122 3.2.1.3)",
        ),
    ] {
        let (code, out, err) = cli(
            addr,
            &[
                "route",
                "add",
                "--interface",
                "Port3",
                "--destination",
                destination,
                "--next-hop",
                hop,
            ],
        );
        assert_eq!(code, 1, "{destination} via {hop}: {out}{err}");
        assert!(err.contains(words), "{destination} via {hop}: {err}");
    }
    let (code, out, _) = cli(addr, &["route", "get"]);
    assert_eq!(code, 0);
    assert_eq!(out.trim(), "No custom routes.");
}
