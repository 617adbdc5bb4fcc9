//! The Linux backend against real network namespaces and veth pairs that the
//! test makes itself (iproute2, as root), using only addresses inside them:
//! after a reconcile the kernel's routing table matches the configuration,
//! and `ip route get` agrees with the "which route?" answer.
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
    routes::which_route,
};
use edgenet::server::backend::netlink::{desired, reconcile, KernelRoute, PROTO};
use serde_json::Value;

/// A namespace standing for the master VM: eth0 on the internal switch,
/// eth1 on the external one, each a veth whose peer stays in the host.
struct Vm {
    ns: String,
}

impl Vm {
    fn new(tag: &str, external: &str) -> Option<Vm> {
        if std::env::var_os("EDGENET_SKIP_NETNS").is_some() {
            eprintln!("skipped: EDGENET_SKIP_NETNS is set");
            return None;
        }
        let ns = format!("edgenet-{tag}-{}", std::process::id());
        del_ns(&ns);
        ip(&["netns", "add", &ns]);
        let vm = Vm { ns: ns.clone() };
        let short = format!("{}{}", &tag[..2], std::process::id() % 100_000);
        for (inside, addr) in [("eth0", "172.31.255.2/24"), ("eth1", external)] {
            let host = format!("h{inside}{short}");
            ip(&[
                "link", "add", &host, "type", "veth", "peer", "name", inside, "netns", &ns,
            ]);
            ip(&["link", "set", &host, "up"]);
            ip(&["-n", &ns, "addr", "add", addr, "dev", inside]);
            ip(&["-n", &ns, "link", "set", inside, "up"]);
        }
        ip(&["-n", &ns, "link", "set", "lo", "up"]);
        // The VM's own default route, and a route someone else added: neither is edgenet's.
        ip(&[
            "-n",
            &ns,
            "route",
            "add",
            "default",
            "via",
            "172.31.255.1",
            "dev",
            "eth0",
        ]);
        ip(&[
            "-n",
            &ns,
            "route",
            "add",
            "198.51.100.0/24",
            "via",
            "172.31.255.9",
            "dev",
            "eth0",
            "proto",
            "static",
        ]);
        Some(vm)
    }

    /// edgenet's routes as the kernel reports them.
    fn ours(&self) -> Vec<KernelRoute> {
        let text = ip(&[
            "-j",
            "-n",
            &self.ns,
            "route",
            "show",
            "proto",
            &PROTO.to_string(),
        ]);
        let list: Vec<Value> = serde_json::from_str(&text).unwrap();
        let mut out: Vec<KernelRoute> = list
            .iter()
            .map(|r| {
                let dst = r["dst"].as_str().unwrap();
                let dst = if dst == "default" {
                    "0.0.0.0/0".to_string()
                } else if dst.contains('/') {
                    dst.to_string()
                } else {
                    format!("{dst}/32")
                };
                KernelRoute {
                    destination: dst.parse().unwrap(),
                    gateway: r["gateway"].as_str().unwrap().parse().unwrap(),
                    device: r["dev"].as_str().unwrap().to_string(),
                    metric: r["metric"].as_u64().unwrap_or(0) as u32,
                }
            })
            .collect();
        out.sort();
        out
    }

    /// `ip route get`: (gateway or none, device).
    fn get(&self, dest: &str) -> (Option<String>, String) {
        let text = ip(&["-j", "-n", &self.ns, "route", "get", dest]);
        let v: Vec<Value> = serde_json::from_str(&text).unwrap();
        (
            v[0]["gateway"].as_str().map(str::to_string),
            v[0]["dev"].as_str().unwrap().to_string(),
        )
    }
}

impl Drop for Vm {
    fn drop(&mut self) {
        // Deleting the namespace deletes the veth pairs with it.
        let _ = Command::new("ip").args(["netns", "del", &self.ns]).status();
    }
}

/// A server in `dir` that programs `vm`'s namespace, signed in.
fn serve_for(vm: &Vm, dir: &TempDir) -> (Server, Remote) {
    let addr: SocketAddr = TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap();
    let server = Server(
        serve_command(dir.path(), addr)
            .env("EDGENET_ROUTE_NAMESPACE", &vm.ns)
            .spawn()
            .unwrap(),
    );
    let t = Instant::now();
    loop {
        if let Some(r) = Remote::connect(addr, dir.path()) {
            return (server, r);
        }
        assert!(t.elapsed() < Duration::from_secs(15), "timed out");
        std::thread::sleep(Duration::from_millis(50));
    }
}

fn route(dest: &str, hop: &str, iface: &str, metric: u32) -> Route {
    Route {
        destination: dest.parse().unwrap(),
        next_hop: hop.parse().unwrap(),
        interface: iface.into(),
        metric,
    }
}

/// Port3 static on 10.77.0.0/24 carrying compute (VM eth1 10.77.0.10), Port4 static on 10.78.0.0/24.
fn config() -> Config {
    let p = DeviceProfile::default_appliance();
    let base = Config::factory(&p);
    let mut d = Draft::from_config(&base);
    let st = |addr: &str| PortForm {
        mode: "static".into(),
        address: addr.into(),
        prefix: "24".into(),
        mtu: "1500".into(),
        ..Default::default()
    };
    *d.port_mut("Port3").unwrap() = PortForm {
        name: "Port3".into(),
        ..st("10.77.0.2")
    };
    *d.port_mut("Port4").unwrap() = PortForm {
        name: "Port4".into(),
        ..st("10.78.0.2")
    };
    d.compute = ComputeForm {
        port: "Port3".into(),
        node_start: "10.77.0.10-10.77.0.11".into(),
        service_start: "10.77.0.20".into(),
        ..Default::default()
    };
    let (c, errors) = d.resolve(&base, &p);
    assert_eq!(errors, vec![]);
    c.unwrap()
}

#[test]
fn reconcile_programs_the_namespace_and_agrees_with_which_route() {
    let Some(vm) = Vm::new("rc", "10.77.0.10/24") else {
        return;
    };
    let p = DeviceProfile::default_appliance();
    let mut c = config();
    c.routes = vec![
        route("192.168.20.0/24", "10.77.0.1", "Port3", 100),
        route("192.168.20.128/25", "10.77.0.3", "Port3", 900),
        route("192.168.20.200/32", "10.77.0.6", "Port3", 5),
        route("10.200.0.0/16", "10.78.0.1", "Port4", 50),
        route("0.0.0.0/1", "10.77.0.1", "Port3", 500),
    ];
    let report = reconcile(&vm.ns, &desired(&c, &p)).unwrap();
    assert_eq!(report.added.len(), 5);
    assert!(report.failed().is_empty(), "{report:?}");
    assert_eq!(vm.ours(), desired(&c, &p));

    for dest in [
        "192.168.20.1",
        "192.168.20.130",
        "192.168.20.200",
        "10.200.3.4",
        "8.8.8.8",
        "200.1.1.1",
        "10.77.0.50",
        "172.31.255.40",
    ] {
        let d = which_route(&c, &p, dest.parse().unwrap());
        let (gw, dev) = vm.get(dest);
        assert_eq!(dev, d.device, "{dest}: {}", d.explanation);
        assert_eq!(
            gw,
            d.via.map(|v| v.to_string()),
            "{dest}: {}",
            d.explanation
        );
    }

    // Change: drop one, change a metric, add one. The others are kept; foreign routes survive.
    c.routes.remove(1);
    c.routes[0].metric = 42;
    c.routes
        .push(route("100.64.0.0/10", "10.77.0.1", "Port3", 10));
    let report = reconcile(&vm.ns, &desired(&c, &p)).unwrap();
    assert_eq!(report.removed.len(), 2, "{report:?}");
    assert_eq!(report.added.len(), 2, "{report:?}");
    assert_eq!(report.kept, 3);
    assert_eq!(vm.ours(), desired(&c, &p));
    let all = ip(&["-n", &vm.ns, "route", "show"]);
    assert!(all.contains("198.51.100.0/24 via 172.31.255.9"), "{all}");
    assert!(all.contains("default via 172.31.255.1"), "{all}");

    // Idempotent, and emptying removes only edgenet's routes.
    assert_eq!(reconcile(&vm.ns, &desired(&c, &p)).unwrap().added.len(), 0);
    c.routes.clear();
    reconcile(&vm.ns, &desired(&c, &p)).unwrap();
    assert_eq!(vm.ours(), vec![]);
    assert!(ip(&["-n", &vm.ns, "route", "show"]).contains("198.51.100.0/24"));
}

#[test]
fn a_missing_namespace_or_device_is_a_clear_error() {
    let e = reconcile("edgenet-no-such-ns", &[]).unwrap_err();
    assert!(e.contains("edgenet-no-such-ns"), "{e}");
    let Some(vm) = Vm::new("md", "10.77.0.10/24") else {
        return;
    };
    let want = [KernelRoute {
        destination: "192.168.9.0/24".parse().unwrap(),
        gateway: "10.77.0.1".parse().unwrap(),
        device: "eth7".into(),
        metric: 1,
    }];
    let report = reconcile(&vm.ns, &want).unwrap();
    assert!(report.added.is_empty());
    assert!(
        report.failed().iter().any(|f| f.contains("no device eth7")),
        "{report:?}"
    );
}

#[test]
fn the_server_programs_routes_as_they_are_applied() {
    let Some(vm) = Vm::new("sv", "10.77.0.10/24") else {
        return;
    };
    let dir = TempDir::new("netns-server");
    let (server, remote) = serve_for(&vm, &dir);
    let wait_for = |what: &dyn Fn() -> bool| {
        let t = Instant::now();
        while !what() {
            assert!(t.elapsed() < Duration::from_secs(15), "timed out");
            std::thread::sleep(Duration::from_millis(50));
        }
    };
    let put = |path: &str, body: &str| {
        let (status, res) = remote.call("PUT", path, Some(body)).unwrap();
        assert_eq!(status, 200, "{res}");
    };
    put(
        "/api/v1/ports/Port3",
        r#"{"mode":"static","address":"10.77.0.2","prefix":24,"revision":0}"#,
    );
    put(
        "/api/v1/compute",
        r#"{"port":"Port3","node_ips":"10.77.0.10-10.77.0.11","service_ips":"10.77.0.20","revision":1}"#,
    );
    let (status, res) = remote.call("POST", "/api/v1/routes", Some(r#"{"destination":"192.168.20.0/24","next_hop":"10.77.0.1","interface":"Port3","metric":100}"#)).unwrap();
    assert_eq!(status, 201, "{res}");
    wait_for(&|| vm.ours().len() == 1);
    assert_eq!(
        vm.get("192.168.20.5"),
        (Some("10.77.0.1".into()), "eth1".into())
    );
    // The route's state is what the kernel said (#29): installed, once the reconcile ended.
    let kernel = || {
        let (_, body) = remote.call("GET", "/api/v1/routes", None).unwrap();
        let v: serde_json::Value = serde_json::from_str(&body).unwrap();
        v["routes"][0]["kernel"].as_str().unwrap_or("").to_string()
    };
    wait_for(&|| kernel() == "installed");
    let (status, _) = remote
        .call(
            "DELETE",
            "/api/v1/routes?interface=Port3&destination=192.168.20.0/24",
            None,
        )
        .unwrap();
    assert_eq!(status, 200);
    wait_for(&|| vm.ours().is_empty());
    drop(server);
}

#[test]
fn equal_routes_keep_the_first_added_in_the_kernel_and_in_which_route() {
    let Some(vm) = Vm::new("eq", "10.77.0.10/24") else {
        return;
    };
    let p = DeviceProfile::default_appliance();
    let mut c = config();
    c.routes = vec![
        route("10.0.0.0/8", "10.77.0.1", "Port3", 100),
        route("10.0.0.0/8", "10.78.0.1", "Port4", 100),
        route("10.0.0.0/8", "10.78.0.1", "Port4", 200),
    ];
    let report = reconcile(&vm.ns, &desired(&c, &p)).unwrap();
    assert!(report.failed().is_empty(), "{report:?}");
    assert_eq!(report.added.len(), 2);
    let d = which_route(&c, &p, "10.1.2.3".parse().unwrap());
    assert_eq!(
        vm.get("10.1.2.3"),
        (d.via.map(|v| v.to_string()), d.device.clone())
    );
    assert_eq!(d.device, "eth1", "{}", d.explanation);
}

/// The collisions of issue #14 against a real kernel: what the API accepts
/// is exactly what the VM namespace ends up holding, "which route?" agrees
/// with `ip route get`, and the rule for a metric-0 default route is the
/// kernel's own ("File exists").
#[test]
fn what_the_api_accepts_is_what_the_kernel_holds() {
    let Some(vm) = Vm::new("cl", "10.77.0.10/24") else {
        return;
    };
    // The kernel's side of the default-route rule: a second route with the
    // VM default route's destination and metric is refused.
    let tie = [KernelRoute {
        destination: "0.0.0.0/0".parse().unwrap(),
        gateway: "10.77.0.1".parse().unwrap(),
        device: "eth1".into(),
        metric: 0,
    }];
    let report = reconcile(&vm.ns, &tie).unwrap();
    assert!(
        report.failed().iter().any(|f| f.contains("File exists")),
        "{report:?}"
    );
    reconcile(&vm.ns, &[]).unwrap();

    let dir = TempDir::new("netns-collisions");
    let (server, remote) = serve_for(&vm, &dir);
    for (path, body) in [
        (
            "/api/v1/ports/Port3",
            r#"{"mode":"static","address":"10.77.0.2","prefix":24,"revision":0}"#,
        ),
        (
            "/api/v1/compute",
            r#"{"port":"Port3","node_ips":"10.77.0.10-10.77.0.11","service_ips":"10.77.0.20","revision":1}"#,
        ),
        (
            "/api/v1/ports/Port4",
            r#"{"mode":"static","address":"10.78.0.2","prefix":24,"revision":2}"#,
        ),
    ] {
        let (status, res) = remote.call("PUT", path, Some(body)).unwrap();
        assert_eq!(status, 200, "{path}: {res}");
    }
    // (destination, next hop, interface, metric, accepted)
    let tries = [
        ("0.0.0.0/0", "10.77.0.1", "Port3", 0, false),
        ("172.31.255.0/25", "10.77.0.254", "Port3", 100, false),
        ("10.77.0.128/25", "10.77.0.254", "Port3", 100, false),
        ("172.27.4.0/24", "10.77.0.254", "Port3", 100, false),
        ("10.78.0.0/25", "10.78.0.1", "Port4", 100, false),
        ("192.168.20.0/24", "10.77.0.254", "Port3", 100, true),
        ("192.168.20.0/24", "10.78.0.254", "Port4", 100, false),
        ("192.168.20.0/24", "10.78.0.254", "Port4", 200, true),
        ("0.0.0.0/0", "10.77.0.1", "Port3", 300, true),
        ("10.0.0.0/8", "10.77.0.254", "Port3", 50, true),
    ];
    for (dest, hop, iface, metric, accepted) in tries {
        let body = format!(
            r#"{{"destination":"{dest}","next_hop":"{hop}","interface":"{iface}","metric":{metric}}}"#
        );
        let (status, res) = remote.call("POST", "/api/v1/routes", Some(&body)).unwrap();
        assert_eq!(
            status,
            if accepted { 201 } else { 422 },
            "{dest} via {hop} on {iface} metric {metric}: {res}"
        );
    }
    let (_, config) = remote.call("GET", "/api/v1/config", None).unwrap();
    let config: Value = serde_json::from_str(&config).unwrap();
    let c: Config = serde_json::from_value(config["config"].clone()).unwrap();
    let p = DeviceProfile::default_appliance();
    assert_eq!(c.routes.len(), 4);
    let want = desired(&c, &p);
    assert_eq!(want.len(), 4, "every accepted route is installed");
    let t = Instant::now();
    while vm.ours() != want {
        assert!(
            t.elapsed() < Duration::from_secs(15),
            "the namespace holds {:?}, not {want:?}",
            vm.ours()
        );
        std::thread::sleep(Duration::from_millis(50));
    }
    for dest in [
        "8.8.8.8",
        "192.168.20.7",
        "10.1.2.3",
        "10.77.0.99",
        "10.78.0.9",
        "172.31.255.1",
    ] {
        let d = which_route(&c, &p, dest.parse().unwrap());
        assert_eq!(
            vm.get(dest),
            (d.via.map(|v| v.to_string()), d.device.clone()),
            "{dest}: {}",
            d.explanation
        );
    }
    drop(server);
}

/// `/healthz` tells a watchdog whether the applied revision reached the kernel.
#[test]
fn healthz_says_whether_the_routes_reached_the_kernel() {
    let Some(vm) = Vm::new("hz", "10.77.0.10/24") else {
        return;
    };
    let health = |ns: &str| {
        let dir = TempDir::new("netns-healthz");
        let addr: SocketAddr = TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap();
        let server = Server(
            serve_command(dir.path(), addr)
                .env("EDGENET_ROUTE_NAMESPACE", ns)
                .spawn()
                .unwrap(),
        );
        let t = Instant::now();
        // Until the first reconcile has finished: "pending" before.
        let answer = loop {
            if let Ok((status, body)) = common::http(addr, "GET", "/healthz", None) {
                if !body.contains("pending") && status != 0 {
                    break (status, body);
                }
            }
            assert!(t.elapsed() < Duration::from_secs(15), "timed out");
            std::thread::sleep(Duration::from_millis(50));
        };
        drop(server);
        answer
    };
    let (status, body) = health(&vm.ns);
    assert_eq!(status, 200, "{body}");
    assert!(body.contains(r#""routes":"applied""#), "{body}");
    let (status, body) = health("edgenet-no-such-namespace");
    assert_eq!(status, 503, "{body}");
    assert!(body.contains(r#""routes":"failed""#), "{body}");
    assert!(
        !body.contains("no-such-namespace"),
        "no configuration revealed: {body}"
    );
}
