//! The wire checks against real network namespaces that the test makes
//! itself (iproute2, as root): a "VM" namespace whose `eth1` is joined by a
//! veth pair to a bridge in a "LAN" namespace holding the gateway and a DNS
//! server, and a "squatter" namespace on the same bridge holding one node IP
//! and one service IP. No interface has a peer in the host's namespace, so
//! no frame leaves the test's own namespaces.
//!
//! Needs root and iproute2; set EDGENET_SKIP_NETNS=1 to skip on a machine
//! without them (CI has both, and does not skip).

mod common;

use std::{
    net::{SocketAddr, TcpListener},
    process::Command,
    time::{Duration, Instant},
};

use common::{del_ns, ip, serve_command, Remote, Server, TempDir};
use edgenet::domain::{
    form::{ComputeForm, Draft, PortForm},
    model::Config,
    model::DeviceProfile,
    model::Route,
    probe::{ProbeScope, Role, State, Wire},
};
use edgenet::server::backend::wire::WireChecks;
use serde_json::Value;

const SQUATTER_MAC: &str = "02:00:00:00:5a:01";

/// The VM, LAN and squatter namespaces.
struct Segment {
    vm: String,
    lan: String,
    squatter: String,
}

impl Segment {
    fn new(tag: &str) -> Option<Segment> {
        if std::env::var_os("EDGENET_SKIP_NETNS").is_some() {
            eprintln!("skipped: EDGENET_SKIP_NETNS is set");
            return None;
        }
        let id = std::process::id();
        let s = Segment {
            vm: format!("edgenet-w{tag}-vm-{id}"),
            lan: format!("edgenet-w{tag}-lan-{id}"),
            squatter: format!("edgenet-w{tag}-sq-{id}"),
        };
        for ns in [&s.vm, &s.lan, &s.squatter] {
            del_ns(ns);
            ip(&["netns", "add", ns]);
            ip(&["-n", ns, "link", "set", "lo", "up"]);
        }
        // The LAN: a bridge holding the gateway and the DNS server.
        ip(&["-n", &s.lan, "link", "add", "br0", "type", "bridge"]);
        ip(&["-n", &s.lan, "addr", "add", "10.77.0.1/24", "dev", "br0"]);
        ip(&["-n", &s.lan, "addr", "add", "10.77.0.53/24", "dev", "br0"]);
        ip(&["-n", &s.lan, "link", "set", "br0", "up"]);
        // The VM's eth1, cabled to the bridge.
        ip(&[
            "-n", &s.lan, "link", "add", "vm0", "type", "veth", "peer", "name", "eth1", "netns",
            &s.vm,
        ]);
        ip(&["-n", &s.lan, "link", "set", "vm0", "master", "br0", "up"]);
        ip(&["-n", &s.vm, "link", "set", "eth1", "up"]);
        // The squatter, on a node IP and a service IP.
        ip(&[
            "-n",
            &s.lan,
            "link",
            "add",
            "sq0",
            "type",
            "veth",
            "peer",
            "name",
            "eth0",
            "netns",
            &s.squatter,
        ]);
        ip(&["-n", &s.lan, "link", "set", "sq0", "master", "br0", "up"]);
        ip(&[
            "-n",
            &s.squatter,
            "link",
            "set",
            "eth0",
            "address",
            SQUATTER_MAC,
            "up",
        ]);
        for a in ["10.77.0.11/24", "10.77.0.21/24"] {
            ip(&["-n", &s.squatter, "addr", "add", a, "dev", "eth0"]);
        }
        Some(s)
    }

    fn squatter_leaves(&self) {
        // Unplugged at once: a deleted namespace's devices go only when the
        // kernel gets round to it, and would answer meanwhile.
        ip(&["-n", &self.lan, "link", "del", "sq0"]);
        del_ns(&self.squatter);
    }
}

impl Drop for Segment {
    fn drop(&mut self) {
        for ns in [&self.vm, &self.lan, &self.squatter] {
            del_ns(ns);
        }
    }
}

fn route(dest: &str, hop: &str, metric: u32) -> Route {
    Route {
        destination: dest.parse().unwrap(),
        next_hop: hop.parse().unwrap(),
        interface: "Port3".into(),
        metric,
    }
}

/// Port3 static 10.77.0.2/24 (gateway .1, DNS .53, MTU 1400) carrying
/// compute: node IPs .10-.11, service IPs .20-.29.
fn config() -> Config {
    let p = DeviceProfile::default_appliance();
    let base = Config::factory(&p);
    let mut d = Draft::from_config(&base);
    *d.port_mut("Port3").unwrap() = PortForm {
        name: "Port3".into(),
        mode: "static".into(),
        address: "10.77.0.2".into(),
        prefix: "24".into(),
        gateway: "10.77.0.1".into(),
        dns_primary: "10.77.0.53".into(),
        mtu: "1400".into(),
        ..Default::default()
    };
    d.compute = ComputeForm {
        port: "Port3".into(),
        node_start: "10.77.0.10-10.77.0.11".into(),
        service_start: "10.77.0.20-10.77.0.29".into(),
        ..Default::default()
    };
    let (c, errors) = d.resolve(&base, &p);
    assert_eq!(errors, vec![]);
    c.unwrap()
}

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .unwrap()
}

#[test]
fn the_probe_finds_the_squatter_and_then_nothing() {
    let Some(seg) = Segment::new("p") else {
        return;
    };
    let rt = runtime();
    let wire = WireChecks::new(Some(seg.vm.clone()), true);
    let scope = ProbeScope::of(&config()).unwrap();

    let started = Instant::now();
    let report = rt.block_on(wire.probe(scope.clone())).unwrap();
    let took = started.elapsed();
    assert_eq!(report.wire, Wire::Checked);
    assert_eq!(
        report.checked, 15,
        "2 node + 10 service IPs, port, gateway, DNS"
    );
    let in_use: Vec<(String, Role, String)> = report
        .in_use
        .iter()
        .map(|u| (u.address.to_string(), u.role, u.mac.clone()))
        .collect();
    assert_eq!(
        in_use,
        vec![
            ("10.77.0.11".into(), Role::NodeIps, SQUATTER_MAC.into()),
            ("10.77.0.21".into(), Role::ServiceIps, SQUATTER_MAC.into()),
        ]
    );
    let neighbours: Vec<(String, Role, State)> = report
        .neighbours
        .iter()
        .map(|n| (n.address.to_string(), n.role, n.state))
        .collect();
    assert_eq!(
        neighbours,
        vec![
            ("10.77.0.1".into(), Role::Gateway, State::Up),
            ("10.77.0.53".into(), Role::Dns, State::Up),
        ]
    );
    assert!(report.neighbours.iter().all(|n| n.mac.is_some()));
    assert!(took < Duration::from_secs(5), "the probe took {took:?}");
    assert_eq!(wire.status().probe, Some(report));

    seg.squatter_leaves();
    let report = rt.block_on(wire.probe(scope)).unwrap();
    assert_eq!(report.in_use, vec![]);
    assert!(report.neighbours.iter().all(|n| n.state == State::Up));
}

#[test]
fn one_probe_at_a_time_and_a_dry_run_sends_nothing() {
    let Some(seg) = Segment::new("b") else {
        return;
    };
    let rt = runtime();
    let wire = std::sync::Arc::new(WireChecks::new(Some(seg.vm.clone()), true));
    let scope = ProbeScope::of(&config()).unwrap();
    let (a, b) = rt.block_on(async {
        let w2 = wire.clone();
        let s2 = scope.clone();
        let first = tokio::spawn(async move { w2.probe(s2).await });
        tokio::time::sleep(Duration::from_millis(100)).await;
        let second = wire.probe(scope.clone()).await;
        (first.await.unwrap(), second)
    });
    assert!(a.is_ok());
    assert!(
        matches!(b, Err(edgenet::server::backend::wire::ProbeError::Busy)),
        "{b:?}"
    );

    for (wire, mode) in [
        (WireChecks::new(None, true), Wire::DryRun),
        (WireChecks::new(Some(seg.vm.clone()), false), Wire::Off),
    ] {
        let report = rt.block_on(wire.probe(scope.clone())).unwrap();
        assert_eq!(report.wire, mode);
        assert_eq!(report.in_use, vec![], "nothing was sent, nothing heard");
        assert!(report
            .neighbours
            .iter()
            .all(|n| n.state == State::Unchecked));
    }
}

#[test]
fn the_vm_side_is_programmed_and_next_hops_answer_or_not() {
    let Some(seg) = Segment::new("r") else {
        return;
    };
    let rt = runtime();
    let wire = WireChecks::new(Some(seg.vm.clone()), true);
    let mut c = config();
    c.routes = vec![
        route("192.168.20.0/24", "10.77.0.1", 100),
        route("192.168.30.0/24", "10.77.0.99", 100),
    ];
    // A foreign address on eth1 stays.
    ip(&[
        "-n",
        &seg.vm,
        "addr",
        "add",
        "10.77.0.250/24",
        "dev",
        "eth1",
    ]);
    rt.block_on(wire.program_vm_side(&c)).unwrap();
    let shown = ip(&["-n", &seg.vm, "addr", "show", "dev", "eth1"]);
    assert!(shown.contains("mtu 1400"), "{shown}");
    assert!(shown.contains("inet 10.77.0.10/24"), "{shown}");
    assert!(shown.contains("10.77.0.250/24"), "{shown}");

    let r = rt.block_on(wire.reach(&c));
    assert_eq!(r.wire, Wire::Checked);
    let states: Vec<(String, State)> = r
        .results
        .iter()
        .map(|x| (x.address.to_string(), x.state))
        .collect();
    assert_eq!(
        states,
        vec![
            ("10.77.0.1".into(), State::Up),
            ("10.77.0.1".into(), State::Up),
            ("10.77.0.99".into(), State::Down),
            ("10.77.0.53".into(), State::Up),
        ]
    );
    assert!(r.results[0].rtt_micros.is_some_and(|t| t < 1_000_000));
    assert_eq!(r.of_route(&c.routes[1]).unwrap().state, State::Down);

    // Another revision moves the node address; edgenet's old one goes, the foreign one stays.
    let mut c2 = c.clone();
    c2.compute.as_mut().unwrap().node_ips =
        edgenet::domain::addr::range_from_fields("10.77.0.12", "10.77.0.13").unwrap();
    rt.block_on(wire.program_vm_side(&c2)).unwrap();
    let shown = ip(&["-n", &seg.vm, "-4", "addr", "show", "dev", "eth1"]);
    assert!(shown.contains("10.77.0.12/24"), "{shown}");
    assert!(!shown.contains("10.77.0.10/24"), "{shown}");
    assert!(shown.contains("10.77.0.250/24"), "{shown}");
}

/// Runs the command line against the server; its standard output.
fn cli(addr: SocketAddr, args: &[&str]) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_edgenet"))
        .args(args)
        .args(["--server", &format!("http://{addr}")])
        .env("EDGENET_PASSWORD", common::PASSWORD)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "edgenet {}: {}",
        args.join(" "),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// The real server against the namespaces: the API's probe of a draft's
/// ranges, and the reachability of an applied revision in `/api/v1/status`.
#[test]
fn the_server_probes_and_reports_reachability() {
    let Some(seg) = Segment::new("s") else {
        return;
    };
    let dir = TempDir::new("wire-server");
    let addr: SocketAddr = TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap();
    let server = Server(
        serve_command(dir.path(), addr)
            .env("EDGENET_ROUTE_NAMESPACE", &seg.vm)
            .spawn()
            .unwrap(),
    );
    let t = Instant::now();
    let remote = loop {
        if let Some(r) = Remote::connect(addr, dir.path()) {
            break r;
        }
        assert!(t.elapsed() < Duration::from_secs(15), "timed out");
        std::thread::sleep(Duration::from_millis(50));
    };
    let call = |method: &str, path: &str, body: Option<&str>| -> (u16, Value) {
        let (status, text) = remote.call(method, path, body).unwrap();
        (status, serde_json::from_str(&text).unwrap_or(Value::Null))
    };
    let (status, res) = call(
        "PUT",
        "/api/v1/ports/Port3",
        Some(
            r#"{"mode":"static","address":"10.77.0.2","prefix":24,"gateway":"10.77.0.1","dns_primary":"10.77.0.53","revision":0}"#,
        ),
    );
    assert_eq!(status, 200, "{res}");
    // A draft's ranges, checked before anything is staged.
    let (status, res) = call(
        "POST",
        "/api/v1/compute/probe",
        Some(
            r#"{"port":"Port3","node_ips":"10.77.0.10-10.77.0.11","service_ips":"10.77.0.20-10.77.0.29"}"#,
        ),
    );
    assert_eq!(status, 200, "{res}");
    assert_eq!(res["wire"], "checked");
    let in_use: Vec<(&str, &str)> = res["in_use"]
        .as_array()
        .unwrap()
        .iter()
        .map(|u| (u["address"].as_str().unwrap(), u["mac"].as_str().unwrap()))
        .collect();
    assert_eq!(
        in_use,
        vec![("10.77.0.11", SQUATTER_MAC), ("10.77.0.21", SQUATTER_MAC)]
    );
    assert_eq!(res["warnings"].as_array().unwrap().len(), 2, "{res}");
    assert_eq!(res["warnings"][0]["code"], "probe-in-use");
    assert_eq!(res["warnings"][0]["field"], "compute.node_ips");
    // A range off the segment is refused, the field named.
    let (status, res) = call(
        "POST",
        "/api/v1/compute/probe",
        Some(r#"{"port":"Port3","node_ips":"10.77.0.10-10.77.0.11","service_ips":"10.99.0.20"}"#),
    );
    assert_eq!(status, 422, "{res}");
    assert_eq!(res["errors"][0]["field"], "service_ips");
    assert_eq!(res["errors"][0]["code"], "probe-off-segment");

    let (status, res) = call(
        "PUT",
        "/api/v1/compute",
        Some(
            r#"{"port":"Port3","node_ips":"10.77.0.12-10.77.0.13","service_ips":"10.77.0.30","revision":1}"#,
        ),
    );
    assert_eq!(status, 200, "{res}");
    // `edgenet probe` on the applied ranges: the squatter is on neither now.
    let probe = cli(addr, &["probe"]);
    assert!(
        probe.contains("none in use by another device") && probe.contains("gateway 10.77.0.1: up"),
        "{probe}"
    );
    let probe = cli(addr, &["probe", "--node-ips", "10.77.0.10-10.77.0.11"]);
    assert!(
        probe.contains("warning: 10.77.0.11 is already in use on the network, by the device with MAC address 02:00:00:00:5a:01"),
        "{probe}"
    );
    // `edgenet route add` answers with the new route's next hop, checked after the apply.
    let added = cli(
        addr,
        &[
            "route",
            "add",
            "--interface",
            "Port3",
            "--destination",
            "192.168.30.0/24",
            "--next-hop",
            "10.77.0.99",
            "--metric",
            "100",
        ],
    );
    assert!(added.contains("next hop 10.77.0.99: down"), "{added}");
    let t = Instant::now();
    let status = loop {
        let (_, s) = call("GET", "/api/v1/status", None);
        if s["reachability"]["revision"] == 3 {
            break s;
        }
        assert!(t.elapsed() < Duration::from_secs(15), "timed out: {s}");
        std::thread::sleep(Duration::from_millis(100));
    };
    let results = status["reachability"]["results"].as_array().unwrap();
    let states: Vec<(&str, &str, &str)> = results
        .iter()
        .map(|r| {
            (
                r["hop"]["kind"].as_str().unwrap(),
                r["address"].as_str().unwrap(),
                r["state"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        states,
        vec![
            ("gateway", "10.77.0.1", "up"),
            ("next-hop", "10.77.0.99", "down"),
            ("dns", "10.77.0.53", "up"),
        ]
    );
    // The VM namespace holds the master's node address.
    let shown = ip(&["-n", &seg.vm, "-4", "addr", "show", "dev", "eth1"]);
    assert!(shown.contains("10.77.0.12/24"), "{shown}");
    drop(server);
}
