//! The device's own side against real network namespaces (#28): a host
//! namespace with Port1 and Port3, a LAN namespace on each, the server
//! running inside the host namespace and reached from the Port1 LAN at
//! Port1's address. A new Port1 address on a 5 s trial reverts by itself,
//! stays when confirmed at the new address, and reverts at once at start
//! after a SIGKILL; compute on Port3 makes a bridge holding Port3 and the
//! VM's eth1, and the internal switch's NAT takes the VM out through Port1.
//!
//! Needs root, iproute2 and nftables; set EDGENET_SKIP_NETNS=1 to skip on a
//! machine without them (CI has them, and does not skip).

mod common;

use std::{
    io::{Read, Write},
    net::{Ipv4Addr, SocketAddr, TcpListener, TcpStream},
    process::Command,
    time::{Duration, Instant},
};

use common::{del_ns, ip, serve_command, Remote, Server, TempDir};
use edgenet::domain::model::{Addressing, DeviceProfile, StaticAddressing};
use edgenet::server::backend::wire::netns::run_in;
use serde_json::Value;

const PORT: u16 = 8443;
const OLD: &str = "192.168.10.5";
const NEW: &str = "192.168.10.6";
/// The Port1 LAN's host, also Port1's gateway.
const LAN1: &str = "192.168.10.1";
const LAN3: &str = "10.3.0.1";

/// The namespaces of one test: the device's host, a LAN on Port1 and on
/// Port3, and the master VM (eth0 on the internal switch, eth1 on the
/// external one, their host ends `master-eth0`, `master-eth1`).
struct Site {
    host: String,
    lan1: String,
    lan3: String,
    vm: String,
    profile: TempDir,
}

impl Site {
    fn new(tag: &str) -> Option<Site> {
        if std::env::var_os("EDGENET_SKIP_NETNS").is_some() {
            eprintln!("skipped: EDGENET_SKIP_NETNS is set");
            return None;
        }
        let id = std::process::id();
        let name = |what: &str| format!("eh-{tag}-{what}-{id}");
        let site = Site {
            host: name("host"),
            lan1: name("lan1"),
            lan3: name("lan3"),
            vm: name("vm"),
            profile: TempDir::new(&format!("host-{tag}")),
        };
        for ns in [&site.host, &site.lan1, &site.lan3, &site.vm] {
            del_ns(ns);
            ip(&["netns", "add", ns]);
            ip(&["-n", ns, "link", "set", "lo", "up"]);
        }
        let cable = |a: &str, a_ns: &str, b: &str, b_ns: &str| {
            ip(&[
                "link", "add", a, "netns", a_ns, "type", "veth", "peer", "name", b, "netns", b_ns,
            ]);
            ip(&["-n", b_ns, "link", "set", b, "up"]);
        };
        cable("Port1", &site.host, "lan1", &site.lan1);
        cable("Port3", &site.host, "lan3", &site.lan3);
        cable("master-eth0", &site.host, "eth0", &site.vm);
        cable("master-eth1", &site.host, "eth1", &site.vm);
        ip(&["-n", &site.lan1, "addr", "add", "192.168.10.1/24", "dev", "lan1"]);
        ip(&["-n", &site.lan3, "addr", "add", "10.3.0.1/24", "dev", "lan3"]);
        // The VM as netplan leaves it: eth0 on the internal switch, its default route to the NAT gateway.
        ip(&["-n", &site.vm, "addr", "add", "172.31.255.2/24", "dev", "eth0"]);
        ip(&["-n", &site.vm, "route", "add", "default", "via", "172.31.255.1", "dev", "eth0"]);
        // The device: Port1 (management) on the Port1 LAN, Port3 a data port, DHCP at the factory.
        let mut p = DeviceProfile::default_appliance();
        p.ports.retain(|s| s.name == "Port1" || s.name == "Port3");
        p.ports[0].factory = Addressing::Static(StaticAddressing {
            interface: format!("{OLD}/24").parse().unwrap(),
            gateway: Some(LAN1.parse().unwrap()),
            dns_primary: Some("192.168.10.53".parse().unwrap()),
            dns_secondary: None,
        });
        std::fs::write(
            site.profile.path().join("profile.toml"),
            toml::to_string(&p).unwrap(),
        )
        .unwrap();
        Some(site)
    }

    /// The server inside the host namespace, serving every address of it;
    /// `vm`: with the VM namespace as its route namespace.
    fn serve(&self, dir: &TempDir, vm: bool) -> Server {
        let base = serve_command(dir.path(), SocketAddr::from(([0, 0, 0, 0], PORT)));
        let mut cmd = Command::new("ip");
        cmd.args(["netns", "exec", &self.host])
            .arg(base.get_program())
            .args(base.get_args());
        for (k, v) in base.get_envs() {
            if let Some(v) = v {
                cmd.env(k, v);
            }
        }
        cmd.env("EDGENET_HOST_NAMESPACE", &self.host)
            .env("EDGENET_PROFILE", self.profile.path().join("profile.toml"))
            .env("EDGENET_LOG", "info")
            .stderr(std::process::Stdio::null())
            // The server's log, kept with its data for a failing run.
            .stdout(std::fs::File::create(dir.path().join("server.log")).unwrap());
        if vm {
            cmd.env("EDGENET_ROUTE_NAMESPACE", &self.vm);
        }
        Server(cmd.spawn().unwrap())
    }

    /// Port1's IPv4 addresses in the host namespace.
    fn port1(&self) -> Vec<String> {
        addresses(&self.host, "Port1")
    }
}

impl Drop for Site {
    fn drop(&mut self) {
        for ns in [&self.host, &self.lan1, &self.lan3, &self.vm] {
            let _ = Command::new("ip").args(["netns", "del", ns]).status();
        }
        let _ = std::fs::remove_dir_all(format!("/etc/netns/{}", self.host));
    }
}

/// A device's IPv4 addresses in a namespace, as `ip -j addr` gives them.
fn addresses(ns: &str, dev: &str) -> Vec<String> {
    let v: Value = serde_json::from_str(&ip(&["-j", "-n", ns, "-4", "addr", "show", "dev", dev])).unwrap();
    v[0]["addr_info"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|a| format!("{}/{}", a["local"].as_str().unwrap(), a["prefixlen"]))
        .collect()
}

fn at(addr: &str) -> SocketAddr {
    SocketAddr::new(addr.parse().unwrap(), PORT)
}

/// Runs `f` on a thread inside namespace `ns` (where its sockets live).
fn inside<T: Send + 'static>(ns: &str, f: impl FnOnce() -> T + Send + 'static) -> T {
    run_in(ns, move || Ok(f())).unwrap()
}

/// Waits up to `limit` for `f` to hold, polling every 50 ms; the time it took.
fn within(limit: Duration, what: &str, mut f: impl FnMut() -> bool) -> Duration {
    let t = Instant::now();
    loop {
        if f() {
            return t.elapsed();
        }
        assert!(t.elapsed() < limit, "not within {limit:?}: {what}");
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// Signs in at `addr`, from the Port1 LAN, waiting up to 15 s for the server.
fn sign_in(site: &Site, dir: &TempDir, addr: &'static str) -> Remote {
    let (lan, data) = (site.lan1.clone(), dir.path().to_path_buf());
    let mut remote = None;
    within(Duration::from_secs(15), &format!("signing in at {addr}"), || {
        let data = data.clone();
        remote = inside(&lan, move || Remote::connect(at(addr), &data));
        remote.is_some()
    });
    remote.unwrap()
}

/// `remote.call` from the Port1 LAN.
fn call(site: &Site, remote: &Remote, method: &str, path: &str, body: Option<&str>) -> (u16, Value) {
    let (m, p, b) = (method.to_string(), path.to_string(), body.map(str::to_string));
    let r = remote.clone();
    let (status, text) = inside(&site.lan1, move || r.call(&m, &p, b.as_deref()))
        .unwrap_or_else(|e| panic!("{method} {path}: {e}"));
    (status, serde_json::from_str(&text).unwrap_or(Value::Null))
}

/// Whether the server answers `/healthz` at `addr` from the Port1 LAN.
fn answers(site: &Site, addr: &'static str) -> bool {
    inside(&site.lan1, move || common::http(at(addr), "GET", "/healthz", None).is_ok())
}

const NEW_PORT1: &str = r#"{"mode": "static", "address": "192.168.10.6", "prefix": 24, "gateway": "192.168.10.1", "revision": 0}"#;

/// Starts a server, waits for Port1's factory address, and applies the new
/// one on a 5 s trial: the answer, the instant it came, the session.
fn apply_new_address(site: &Site, dir: &TempDir) -> (Server, Remote, Value, Instant) {
    let server = site.serve(dir, false);
    let remote = sign_in(site, dir, OLD);
    assert_eq!(site.port1(), vec![format!("{OLD}/24")], "the factory address, programmed");
    let (status, v) = call(site, &remote, "PUT", "/api/v1/ports/Port1?trial_seconds=5", Some(NEW_PORT1));
    let applied = Instant::now();
    assert_eq!(status, 200, "{v}");
    assert_eq!(v["trial"]["revision"], 1, "{v}");
    assert_eq!(v["trial"]["replaced"], 0, "{v}");
    assert_eq!(
        v["trial"]["confirm_at"],
        format!("http://{NEW}:{PORT}/"),
        "the answer says where the UI answers now: {v}"
    );
    within(Duration::from_secs(2), "Port1 holds only the new address", || {
        site.port1() == vec![format!("{NEW}/24")]
    });
    assert!(answers(site, NEW), "the server answers at the new address");
    assert!(!answers(site, OLD), "and no longer at the old one");
    (server, remote, v, applied)
}

#[test]
fn an_unconfirmed_new_address_reverts_within_six_seconds() {
    let Some(site) = Site::new("rv") else { return };
    let dir = TempDir::new("host-revert");
    let (_server, _, _, applied) = apply_new_address(&site, &dir);
    within(Duration::from_secs(6).saturating_sub(applied.elapsed()), "the old address back", || {
        site.port1() == vec![format!("{OLD}/24")] && answers(&site, OLD)
    });
    assert!(applied.elapsed() < Duration::from_secs(6));
    // Signed in again at the old address: the history shows the revert.
    let remote = sign_in(&site, &dir, OLD);
    let (_, v) = call(&site, &remote, "GET", "/api/v1/config/history", None);
    let newest = &v["history"][0];
    assert_eq!(newest["revision"], 2, "{v}");
    assert_eq!(newest["restored_from"], 0, "{v}");
    assert_eq!(newest["reverted"], serde_json::json!({"by": "not-confirmed", "seconds": 5}), "{v}");
    // And the host holds the restored revision.
    within(Duration::from_secs(3), "the host matches revision 2", || {
        let (_, s) = call(&site, &remote, "GET", "/api/v1/status", None);
        s["host"]["state"] == "matches" && s["host"]["revision"] == 2
    });
}

#[test]
fn a_new_address_confirmed_there_stays() {
    let Some(site) = Site::new("ok") else { return };
    let dir = TempDir::new("host-keep");
    let (_server, _, _, applied) = apply_new_address(&site, &dir);
    // Opened at the new address, signed in there, kept from there.
    let there = sign_in(&site, &dir, NEW);
    let (status, v) = call(&site, &there, "POST", "/api/v1/config/trial/confirm", None);
    assert_eq!(status, 200, "{v}");
    std::thread::sleep(Duration::from_secs(6).saturating_sub(applied.elapsed()) + Duration::from_secs(1));
    assert_eq!(site.port1(), vec![format!("{NEW}/24")], "after the deadline the new address stays");
    assert!(answers(&site, NEW));
    assert!(!answers(&site, OLD), "the old address is gone");
    let (_, v) = call(&site, &there, "GET", "/api/v1/config/history", None);
    assert_eq!(v["history"][0]["revision"], 1, "no revert: {v}");
}

#[test]
fn killed_during_a_trial_and_started_after_its_deadline_the_old_address_is_back_at_once() {
    let Some(site) = Site::new("kl") else { return };
    let dir = TempDir::new("host-kill");
    let (mut server, _, _, applied) = apply_new_address(&site, &dir);
    // SIGKILL: `ip netns exec` execs the server, so the child is the server itself.
    server.0.kill().unwrap();
    server.0.wait().unwrap();
    std::thread::sleep(Duration::from_secs(6).saturating_sub(applied.elapsed()));
    assert_eq!(site.port1(), vec![format!("{NEW}/24")], "nobody reverted while the server was down");
    let started = Instant::now();
    let _server = site.serve(&dir, false);
    let took = within(Duration::from_secs(5), "the old address back after the start", || {
        site.port1() == vec![format!("{OLD}/24")] && answers(&site, OLD)
    });
    eprintln!("old address back {took:?} after the start ({:?} since spawning)", started.elapsed());
    let remote = sign_in(&site, &dir, OLD);
    let (_, v) = call(&site, &remote, "GET", "/api/v1/config/history", None);
    assert_eq!(v["history"][0]["restored_from"], 0, "{v}");
    assert_eq!(v["history"][0]["reverted"]["by"], "not-confirmed", "{v}");
}

/// A listener inside namespace `ns` on `addr`: the first peer's address.
fn listen(ns: &str, addr: SocketAddr) -> std::thread::JoinHandle<Ipv4Addr> {
    let (tx, rx) = std::sync::mpsc::channel();
    let ns = ns.to_string();
    let h = std::thread::spawn(move || {
        inside(&ns, move || {
            let l = TcpListener::bind(addr).unwrap();
            tx.send(()).unwrap();
            let (mut s, peer) = l.accept().unwrap();
            s.write_all(b"hello").unwrap();
            match peer.ip() {
                std::net::IpAddr::V4(v) => v,
                other => panic!("{other}"),
            }
        })
    });
    rx.recv().unwrap();
    h
}

/// Connects from namespace `ns` to `addr` and reads the greeting.
fn connect(ns: &str, addr: SocketAddr) -> std::io::Result<String> {
    inside(ns, move || {
        let mut s = TcpStream::connect_timeout(&addr, Duration::from_secs(2))?;
        s.set_read_timeout(Some(Duration::from_secs(2)))?;
        let mut out = String::new();
        s.read_to_string(&mut out)?;
        Ok(out)
    })
}

#[test]
fn compute_on_port3_bridges_it_to_the_vm_and_the_internal_switch_nats_out_through_port1() {
    let Some(site) = Site::new("cp") else { return };
    let dir = TempDir::new("host-compute");
    // Someone else's on the host, which edgenet must leave as it is: a
    // bridge with an address, and an nftables table of a firewall.
    ip(&["-n", &site.host, "link", "add", "br-lab", "type", "bridge"]);
    ip(&["-n", &site.host, "addr", "add", "10.99.0.1/24", "dev", "br-lab"]);
    let nft = |args: &[&str]| {
        let out = Command::new("ip").args(["netns", "exec", &site.host, "nft"]).args(args).output().unwrap();
        assert!(out.status.success(), "nft {args:?}: {}", String::from_utf8_lossy(&out.stderr));
        String::from_utf8(out.stdout).unwrap()
    };
    nft(&["add", "table", "ip", "lab"]);
    nft(&["add", "chain", "ip", "lab", "input", "{ type filter hook input priority 0; policy accept; }"]);
    nft(&["add", "rule", "ip", "lab", "input", "ct", "state", "established,related", "counter", "accept"]);
    let lab = nft(&["list", "table", "ip", "lab"]);
    let _server = site.serve(&dir, true);
    let remote = sign_in(&site, &dir, OLD);
    let (status, v) = call(
        &site,
        &remote,
        "PUT",
        "/api/v1/ports/Port3?trial_seconds=0",
        Some(r#"{"mode": "static", "address": "10.3.0.2", "prefix": 24, "revision": 0}"#),
    );
    assert_eq!(status, 200, "{v}");
    let (status, v) = call(
        &site,
        &remote,
        "PUT",
        "/api/v1/compute?trial_seconds=0",
        Some(r#"{"port": "Port3", "node_ips": "10.3.0.10-10.3.0.12", "service_ips": "10.3.0.20-10.3.0.29", "revision": 1}"#),
    );
    assert_eq!(status, 200, "{v}");
    let members = || -> Vec<String> {
        let v: Value = serde_json::from_str(&ip(&["-j", "-n", &site.host, "link", "show", "master", "vSwitch-Port3"])).unwrap();
        let mut m: Vec<String> = v.as_array().into_iter().flatten().map(|l| l["ifname"].as_str().unwrap().to_string()).collect();
        m.sort();
        m
    };
    within(Duration::from_secs(5), "the external switch's bridge holds Port3 and the VM's eth1", || {
        site.host_has("vSwitch-Port3") && members() == ["Port3", "master-eth1"]
    });
    assert_eq!(addresses(&site.host, "vSwitch-Port3"), ["10.3.0.2/24"], "Port3's address is on its bridge");
    assert_eq!(addresses(&site.host, "Port3"), Vec::<String>::new());
    within(Duration::from_secs(5), "the VM holds the master's node IP on eth1", || {
        addresses(&site.vm, "eth1") == ["10.3.0.10/24"]
    });

    // A host on the Port3 LAN reaches the master's node IP across the bridge.
    let vm = listen(&site.vm, "10.3.0.10:7001".parse().unwrap());
    assert_eq!(connect(&site.lan3, "10.3.0.10:7001".parse().unwrap()).unwrap(), "hello");
    assert_eq!(vm.join().unwrap(), LAN3.parse::<Ipv4Addr>().unwrap(), "straight across, not translated");

    // The VM's way out: eth0 to the internal switch, masqueraded out of Port1.
    // The Port1 LAN has no route to the internal switch, so only NAT answers.
    assert!(!ip(&["-n", &site.lan1, "route"]).contains("172.31.255"));
    let lan = listen(&site.lan1, format!("{LAN1}:7002").parse().unwrap());
    assert_eq!(connect(&site.vm, format!("{LAN1}:7002").parse().unwrap()).unwrap(), "hello");
    assert_eq!(lan.join().unwrap(), OLD.parse::<Ipv4Addr>().unwrap(), "the VM arrives as Port1's address");
    let ours = nft(&["list", "table", "ip", "edgenet"]);
    assert!(ours.contains(r#"ip saddr 172.31.255.0/24 oifname "Port1" masquerade"#), "{ours}");

    // The default route via Port1's gateway, edgenet's; the resolver file.
    let routes = ip(&["-n", &site.host, "route", "show", "default"]);
    assert!(routes.contains("default via 192.168.10.1 dev Port1 proto 237"), "{routes}");
    let resolv = std::fs::read_to_string(format!("/etc/netns/{}/resolv.conf", site.host)).unwrap();
    assert!(resolv.contains("nameserver 192.168.10.53\n"), "{resolv}");

    // The API, the Overview's source and /healthz: the host matches.
    within(Duration::from_secs(5), "the host matches revision 2", || {
        let (_, s) = call(&site, &remote, "GET", "/api/v1/status", None);
        s["host"]["state"] == "matches" && s["host"]["revision"] == 2
    });
    let health = || {
        let (status, h) = inside(&site.lan1, || common::http(at(OLD), "GET", "/healthz", None)).unwrap();
        (status, serde_json::from_str::<Value>(&h).unwrap())
    };
    let (status, h) = health();
    assert_eq!(status, 200, "{h}");
    assert_eq!(h["host"], serde_json::json!({"state": "matches", "differences": []}), "{h}");

    // Someone else's bridge and table are as they were.
    assert_eq!(addresses(&site.host, "br-lab"), ["10.99.0.1/24"]);
    assert_eq!(nft(&["list", "table", "ip", "lab"]).replace(|c: char| c.is_ascii_digit(), ""), lab.replace(|c: char| c.is_ascii_digit(), ""), "only the counter's figures may change");

    // A VM's NIC that appears after the apply (the worker VM started late)
    // is attached by the next periods' reconcile.
    ip(&["-n", &site.host, "link", "add", "worker-eth1", "type", "veth", "peer", "name", "worker-vm1"]);
    within(Duration::from_secs(12), "the late worker-eth1 on the external switch", || {
        members() == ["Port3", "master-eth1", "worker-eth1"]
    });

    // Changed behind edgenet's back: the next look tells what differs.
    ip(&["-n", &site.host, "link", "set", "Port3", "mtu", "1400"]);
    within(Duration::from_secs(8), "the difference shows", || {
        let (_, s) = call(&site, &remote, "GET", "/api/v1/status", None);
        s["host"]["state"] == "differs"
            && s["host"]["differences"][0]["message"] == "Port3's MTU is 1400, the revision says 1500"
    });
    let (status, h) = health();
    assert_eq!(status, 503, "{h}");
    // The bridge follows its port's MTU down: two differences.
    assert_eq!(h["host"], serde_json::json!({"state": "differs", "differences": ["mtu", "mtu"]}), "{h}");
    // Shown for a period, then put right.
    within(Duration::from_secs(12), "Port3's MTU put back", || {
        let (_, s) = call(&site, &remote, "GET", "/api/v1/status", None);
        s["host"]["state"] == "matches" && ip(&["-n", &site.host, "link", "show", "Port3"]).contains("mtu 1500 ")
    });

    // Compute off: the bridge goes, Port3 holds its address again.
    let (status, v) = call(
        &site,
        &remote,
        "PUT",
        "/api/v1/compute?trial_seconds=0",
        Some(r#"{"enabled": false, "revision": 2}"#),
    );
    assert_eq!(status, 200, "{v}");
    within(Duration::from_secs(5), "the bridge gone, Port3 addressed", || {
        !site.host_has("vSwitch-Port3") && addresses(&site.host, "Port3") == ["10.3.0.2/24"]
    });
}

impl Site {
    fn host_has(&self, dev: &str) -> bool {
        Command::new("ip")
            .args(["-n", &self.host, "link", "show", "dev", dev])
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .status()
            .is_ok_and(|s| s.success())
    }
}
