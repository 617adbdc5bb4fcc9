//! The wire checks' pure side: which addresses a probe asks about, its
//! bound, and what answers and echoes come to.

use std::net::Ipv4Addr;

use super::addr::Ipv4Range;
use super::error::message_for;
use super::probe::*;
use super::tests::{with_compute, with_port3};
use super::tests_routes::route;

fn a(s: &str) -> Ipv4Addr {
    s.parse().unwrap()
}

fn range(s: &str, e: &str) -> Ipv4Range {
    Ipv4Range::new(a(s), a(e)).unwrap()
}

/// Port3 10.0.0.2/24, gateway .1, DNS .53, nodes .10-.12, services .20-.29.
fn scope() -> ProbeScope {
    ProbeScope::of(&with_compute()).unwrap()
}

#[test]
fn the_scope_comes_from_the_compute_port() {
    let s = scope();
    assert_eq!(s.port, "Port3");
    assert_eq!(s.interface, "10.0.0.2/24".parse().unwrap());
    assert_eq!(s.gateway, Some(a("10.0.0.1")));
    assert_eq!(s.dns, vec![a("10.0.0.53")]);
    let no_compute = with_port3("10.0.0.2/24", None, None);
    let e = ProbeScope::of(&no_compute).unwrap_err();
    assert_eq!(e.field, "compute.port");
    assert_eq!(e.message.id(), "probe-no-compute");
}

#[test]
fn a_plan_asks_about_ranges_port_gateway_and_dns() {
    let p = plan(&scope()).unwrap();
    // 3 node IPs + 10 service IPs + the port's address.
    assert_eq!(p.claimed.len(), 14);
    assert_eq!(
        p.claimed.iter().filter(|t| t.role == Role::NodeIps).count(),
        3
    );
    assert!(p.claimed.contains(&Target {
        address: a("10.0.0.2"),
        role: Role::PortAddress
    }));
    assert_eq!(
        p.expected,
        vec![
            Target {
                address: a("10.0.0.1"),
                role: Role::Gateway
            },
            Target {
                address: a("10.0.0.53"),
                role: Role::Dns
            }
        ]
    );
    assert!(p.off_segment.is_empty());
    assert_eq!(p.addresses().len(), 16);
}

#[test]
fn a_dns_server_off_the_segment_is_not_asked_by_arp() {
    let mut s = scope();
    s.dns = vec![a("8.8.8.8"), a("10.0.0.53")];
    let p = plan(&s).unwrap();
    assert_eq!(
        p.off_segment,
        vec![Target {
            address: a("8.8.8.8"),
            role: Role::Dns
        }]
    );
    assert!(!p.addresses().contains(&a("8.8.8.8")));
    let r = findings(&s, &p, Wire::Checked, &[], 0, 0);
    let dns = r.neighbours.iter().find(|n| n.address == a("8.8.8.8"));
    assert_eq!(dns.unwrap().state, State::OffSegment);
}

fn from(start: &str, count: u32) -> Ipv4Range {
    let s = a(start);
    Ipv4Range::new(s, Ipv4Addr::from(u32::from(s) + count - 1)).unwrap()
}

#[test]
fn at_most_1024_addresses_and_only_on_the_segment() {
    // A /21 segment: 3 node IPs + n service IPs + port + gateway + DNS.
    let mut sc = scope();
    sc.interface = "10.0.0.2/21".parse().unwrap();
    sc.node_ips = from("10.0.6.0", 3);
    sc.service_ips = from("10.0.1.0", 1018);
    assert_eq!(plan(&sc).unwrap().addresses().len(), MAX_ADDRESSES);
    sc.service_ips = from("10.0.1.0", 1019);
    let e = plan(&sc).unwrap_err();
    assert_eq!(e.field, "compute.service_ips");
    assert_eq!(e.message.id(), "probe-too-many");
    assert_eq!(
        e.message.get("count"),
        Some(&crate::i18n::Arg::Number(1025))
    );
    // The larger range carries the refusal.
    sc.node_ips = from("10.0.1.0", 1100);
    sc.service_ips = from("10.0.7.0", 2);
    assert_eq!(plan(&sc).unwrap_err().field, "compute.node_ips");

    // Outside the segment, wholly or in part: ARP does not cross a router.
    for (nodes, services, field) in [
        (("10.0.0.10", 3), ("10.0.1.20", 10), "compute.service_ips"),
        (("10.0.0.250", 9), ("10.0.0.20", 10), "compute.node_ips"),
        (("9.255.255.255", 2), ("10.0.0.20", 10), "compute.node_ips"),
    ] {
        let mut sc = scope();
        sc.node_ips = from(nodes.0, nodes.1);
        sc.service_ips = from(services.0, services.1);
        let e = plan(&sc).unwrap_err();
        assert_eq!(
            (e.field.as_str(), e.message.id()),
            (field, "probe-off-segment")
        );
    }
}

const SQUATTER: [u8; 6] = [0x02, 0, 0, 0, 0x5a, 0x01];
const GATEWAY: [u8; 6] = [0x02, 0, 0, 0, 0, 0x01];

#[test]
fn answers_become_addresses_in_use_and_neighbours() {
    let s = scope();
    let p = plan(&s).unwrap();
    let answers = [
        Answer {
            address: a("10.0.0.25"),
            mac: SQUATTER,
        },
        Answer {
            address: a("10.0.0.11"),
            mac: SQUATTER,
        },
        // Heard twice: reported once.
        Answer {
            address: a("10.0.0.11"),
            mac: SQUATTER,
        },
        Answer {
            address: a("10.0.0.1"),
            mac: GATEWAY,
        },
        // Not asked about: ignored.
        Answer {
            address: a("10.0.0.99"),
            mac: SQUATTER,
        },
    ];
    let r = findings(&s, &p, Wire::Checked, &answers, 7, 1200);
    assert_eq!(
        r.in_use,
        vec![
            InUse {
                address: a("10.0.0.11"),
                role: Role::NodeIps,
                mac: "02:00:00:00:5a:01".into()
            },
            InUse {
                address: a("10.0.0.25"),
                role: Role::ServiceIps,
                mac: "02:00:00:00:5a:01".into()
            },
        ]
    );
    assert_eq!(r.checked, 16);
    assert_eq!(r.neighbours[0].state, State::Up);
    assert_eq!(r.neighbours[0].mac.as_deref(), Some("02:00:00:00:00:01"));
    assert_eq!(r.neighbours[1].state, State::Down);
    let w = warnings(&r);
    assert_eq!(w.len(), 3);
    assert_eq!(
        message_for(&w, "compute.node_ips").unwrap().to_string(),
        "10.0.0.11 is already in use on the network, by the device with MAC address 02:00:00:00:5a:01"
    );
    assert_eq!(
        message_for(&w, "compute.service_ips").unwrap().id(),
        "probe-in-use"
    );
    assert_eq!(
        message_for(&w, "ports.Port3.dns_primary").unwrap().id(),
        "probe-neighbour-down"
    );
}

#[test]
fn two_stations_on_one_address_are_both_named() {
    let s = scope();
    let p = plan(&s).unwrap();
    let answers = [
        Answer {
            address: a("10.0.0.2"),
            mac: GATEWAY,
        },
        Answer {
            address: a("10.0.0.2"),
            mac: SQUATTER,
        },
    ];
    let r = findings(&s, &p, Wire::Checked, &answers, 0, 0);
    assert_eq!(r.in_use.len(), 2);
    assert!(r.in_use.iter().all(|u| u.role == Role::PortAddress));
    assert_eq!(warnings(&r)[0].field, "ports.Port3.address");
}

#[test]
fn nothing_is_up_or_down_without_the_wire() {
    let s = scope();
    let p = plan(&s).unwrap();
    for wire in [Wire::DryRun, Wire::Off] {
        let r = findings(&s, &p, wire, &[], 0, 0);
        assert!(r.in_use.is_empty());
        assert!(r.neighbours.iter().all(|n| n.state == State::Unchecked));
        assert!(warnings(&r).is_empty());
    }
}

#[test]
fn reachability_pings_gateway_next_hops_and_dns() {
    let mut c = with_compute();
    c.routes = vec![
        route("192.168.20.0/24", "10.0.0.254", "Port3", 100),
        route("192.168.30.0/24", "10.0.0.253", "Port3", 100),
    ];
    let t = reach_targets(&c);
    let addrs: Vec<Ipv4Addr> = t.iter().map(|t| t.address).collect();
    assert_eq!(
        addrs,
        vec![
            a("10.0.0.1"),
            a("10.0.0.254"),
            a("10.0.0.253"),
            a("10.0.0.53")
        ]
    );
    let rtt = |x: Ipv4Addr| (x != a("10.0.0.253")).then_some(420);
    let r = Reachability::from_times(2, Wire::Checked, &t, rtt, 9);
    assert_eq!(r.results[0].state, State::Up);
    assert_eq!(r.results[0].rtt_micros, Some(420));
    assert_eq!(r.of_route(&c.routes[0]).unwrap().state, State::Up);
    assert_eq!(r.of_route(&c.routes[1]).unwrap().state, State::Down);
    assert_eq!(r.of_route(&c.routes[1]).unwrap().rtt_micros, None);
    let other = route("192.168.40.0/24", "10.0.0.254", "Port3", 100);
    assert!(r.of_route(&other).is_none());
    let dry = Reachability::from_times(2, Wire::DryRun, &t, rtt, 9);
    assert!(dry
        .results
        .iter()
        .all(|r| r.state == State::Unchecked && r.rtt_micros.is_none()));
    assert!(reach_targets(&with_port3("10.0.0.2/24", Some("10.0.0.1"), None)).is_empty());
}

#[test]
fn a_probe_is_shown_only_beside_the_ranges_it_checked() {
    let s = scope();
    let r = findings(&s, &plan(&s).unwrap(), Wire::Checked, &[], 0, 0);
    let status = WireStatus {
        wire: Wire::Checked,
        probe: Some(r),
        reachability: None,
    };
    assert!(status.probe_for(&s).is_some());
    let mut other = s.clone();
    other.service_ips = range("10.0.0.20", "10.0.0.28");
    assert!(status.probe_for(&other).is_none());
}
