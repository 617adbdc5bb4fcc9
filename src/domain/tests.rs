//! Table-driven tests of every rule, and property tests of the range arithmetic.

use std::net::Ipv4Addr;

use proptest::prelude::*;

use super::addr::{usable_hosts, Ipv4Range};
use super::change::{Field, Value};
use super::error::FieldError;
use super::form::{ComputeForm, Draft, PortForm};
use super::model::DeviceProfile;
use super::{
    config::validate,
    model::{Addressing, Allocation, Config, StaticAddressing},
};

fn profile() -> DeviceProfile {
    DeviceProfile::default_appliance()
}

/// The default device with Port3 static on `net` (address/prefix), gateway and DNS given.
pub(super) fn with_port3(interface: &str, gateway: Option<&str>, dns: Option<&str>) -> Config {
    let mut c = Config::factory(&profile());
    c.port_mut("Port3").unwrap().addressing = Addressing::Static(StaticAddressing {
        interface: interface.parse().unwrap(),
        gateway: gateway.map(|g| g.parse().unwrap()),
        dns_primary: dns.map(|d| d.parse().unwrap()),
        dns_secondary: None,
    });
    c
}

/// Port3 static on 10.0.0.0/24 (gateway .1, DNS .53) carrying compute:
/// node IPs 10.0.0.10-10.0.0.12, service IPs 10.0.0.20-10.0.0.29; revision 2.
pub(super) fn with_compute() -> Config {
    let mut c = with_port3("10.0.0.2/24", Some("10.0.0.1"), Some("10.0.0.53"));
    c.compute = ComputeForm {
        port: "Port3".into(),
        node_start: "10.0.0.10-10.0.0.12".into(),
        service_start: "10.0.0.20-10.0.0.29".into(),
        ..Default::default()
    }
    .parse()
    .unwrap();
    c.revision = 2;
    c
}

/// The field's starting point (#27): Port3 static 10.20.0.10/24, gateway .1,
/// DNS .2; compute on Port3 with node IPs `nodes` and service IPs
/// 10.20.0.100-10.20.0.120.
pub(super) fn field_site(nodes: &str) -> Config {
    let mut c = with_port3("10.20.0.10/24", Some("10.20.0.1"), Some("10.20.0.2"));
    c.compute = ComputeForm {
        port: "Port3".into(),
        node_start: nodes.into(),
        service_start: "10.20.0.100-10.20.0.120".into(),
        ..Default::default()
    }
    .parse()
    .unwrap();
    c
}

fn compute_form(port: &str, nodes: &str, services: &str) -> ComputeForm {
    ComputeForm {
        port: port.into(),
        switch_name: String::new(),
        node_start: nodes.into(),
        node_end: String::new(),
        service_start: services.into(),
        service_end: String::new(),
        skip_edge: false,
    }
}

/// Errors of the draft made from `base` with the compute form replaced.
fn compute_errors(base: &Config, form: ComputeForm) -> Vec<FieldError> {
    let mut d = Draft::from_config(base);
    d.compute = form;
    d.resolve(base, &profile()).1
}

fn only_error(errors: &[FieldError], field: &str) -> Option<String> {
    crate::domain::error::message_for(errors, field).map(ToString::to_string)
}

#[test]
fn factory_configuration_is_valid() {
    let c = Config::factory(&profile());
    assert_eq!(validate(&c, &profile()), vec![]);
    assert_eq!(c.ports.len(), 6);
    assert_eq!(
        c.port("Port1")
            .unwrap()
            .addressing
            .as_static()
            .unwrap()
            .interface
            .to_string(),
        "192.168.100.10/24"
    );
}

#[test]
fn node_ip_rules() {
    let base = with_port3("10.0.0.2/24", Some("10.0.0.1"), Some("10.0.0.3"));
    // (node range, service range, expected fragment of the node_ips error or None)
    let cases: &[(&str, &str, Option<&str>)] = &[
        ("10.0.0.10-10.0.0.11", "10.0.0.20-10.0.0.30", None),
        ("10.0.0.10-10.0.0.12", "10.0.0.20", None),
        ("10.0.0.253-10.0.0.254", "10.0.0.20", None),
        ("10.0.0.5-10.0.0.5", "10.0.0.20", Some("Node IPs 10.0.0.5-10.0.0.5: 1 address, 2 needed: one for the master VM and one for each worker VM (a further address, when the range has one, is the update spare)")),
        ("10.0.0.5", "10.0.0.20", Some("1 address, 2 needed")),
        ("10.0.0.0-10.0.0.1", "10.0.0.20", Some("10.0.0.0, the network address of 10.0.0.0/24")),
        ("10.0.0.254-10.0.0.255", "10.0.0.20", Some("10.0.0.255, the broadcast address of 10.0.0.0/24")),
        ("10.0.0.1-10.0.0.2", "10.0.0.20", Some("Port3's own address")),
        ("10.0.0.1-10.0.0.1", "10.0.0.20", Some("Port3's gateway")),
        ("10.0.0.3-10.0.0.4", "10.0.0.20", Some("Port3's primary DNS server")),
        ("10.0.1.10-10.0.1.11", "10.0.0.20", Some("outside the compute port's subnet 10.0.0.0/24; use addresses from 10.0.0.1-10.0.0.254")),
        ("10.0.0.254-10.0.1.1", "10.0.0.20", Some("outside the compute port's subnet")),
        ("10.0.0.12-10.0.0.10", "10.0.0.20", Some("the start must not be after the end")),
        ("10.0.0.300-10.0.0.301", "10.0.0.20", Some("\"10.0.0.300\" is not an IPv4 address")),
        ("", "10.0.0.20", Some("Node IPs: required")),
    ];
    for (nodes, services, want) in cases {
        let errors = compute_errors(&base, compute_form("Port3", nodes, services));
        let got = only_error(&errors, "compute.node_ips");
        match want {
            None => assert_eq!(errors, vec![], "{nodes} should be valid"),
            Some(w) => assert!(
                got.as_ref().is_some_and(|g| g.contains(w)),
                "{nodes}: wanted {w:?}, got {got:?} / {errors:?}"
            ),
        }
    }
}

#[test]
fn service_ip_rules() {
    let base = with_port3("10.0.0.2/24", Some("10.0.0.1"), None);
    let cases: &[(&str, &str, bool, Option<&str>)] = &[
        ("10.0.0.10-10.0.0.11", "10.0.0.12", false, None),
        (
            "10.0.0.10-10.0.0.11",
            "10.0.0.11-10.0.0.20",
            false,
            Some("overlap the node IPs 10.0.0.10-10.0.0.11 at 10.0.0.11;"),
        ),
        (
            "10.0.0.10-10.0.0.11",
            "10.0.0.9-10.0.0.12",
            false,
            Some("at 10.0.0.10-10.0.0.11"),
        ),
        (
            "10.0.0.10-10.0.0.11",
            "10.0.0.1",
            false,
            Some("Port3's gateway"),
        ),
        (
            "10.0.0.10-10.0.0.11",
            "10.0.0.1-10.0.0.5",
            false,
            Some("Port3's own address"),
        ),
        (
            "10.0.0.10-10.0.0.11",
            "10.0.0.250-10.0.0.255",
            false,
            Some("the broadcast address"),
        ),
        (
            "10.0.0.10-10.0.0.11",
            "10.0.1.1-10.0.1.5",
            false,
            Some("outside the compute port's subnet"),
        ),
        (
            "10.0.0.10-10.0.0.11",
            "",
            false,
            Some("Service IPs: required"),
        ),
    ];
    for (nodes, services, skip, want) in cases {
        let mut f = compute_form("Port3", nodes, services);
        f.skip_edge = *skip;
        let errors = compute_errors(&base, f);
        let got = only_error(&errors, "compute.service_ips");
        match want {
            None => assert_eq!(errors, vec![], "{services} should be valid"),
            Some(w) => assert!(
                got.as_ref().is_some_and(|g| g.contains(w)),
                "{services}: wanted {w:?}, got {got:?}"
            ),
        }
    }
}

#[test]
fn skipping_edge_addresses_needs_one_left() {
    let base = with_port3("10.0.0.2/16", None, None);
    let mut f = compute_form("Port3", "10.0.0.10-10.0.0.11", "10.0.1.255-10.0.2.0");
    f.skip_edge = true;
    let errors = compute_errors(&base, f.clone());
    assert!(only_error(&errors, "compute.service_ips")
        .unwrap()
        .contains("every address ends in .0 or .255"));
    f.skip_edge = false;
    assert_eq!(compute_errors(&base, f.clone()), vec![]);
    f.skip_edge = true;
    f.service_end = "10.0.2.1".into();
    f.service_start = "10.0.1.255".into();
    assert_eq!(compute_errors(&base, f.clone()), vec![]);
    let c = f.parse().unwrap().unwrap();
    assert_eq!(Allocation::of(&c).unwrap().service_ips_free, 1);
}

#[test]
fn slash_31_and_32_subnets() {
    // /31: both addresses are hosts, one is the port's own, so two node IPs cannot fit.
    let base = with_port3("10.0.0.4/31", None, None);
    let errors = compute_errors(
        &base,
        compute_form("Port3", "10.0.0.4-10.0.0.5", "10.0.0.5"),
    );
    assert!(only_error(&errors, "compute.node_ips")
        .unwrap()
        .contains("Port3's own address"));
    let errors = compute_errors(&base, compute_form("Port3", "10.0.0.5", "10.0.0.5"));
    assert!(only_error(&errors, "compute.node_ips")
        .unwrap()
        .contains("1 address, 2 needed"));
    // /32: nothing but the port itself.
    let base = with_port3("10.0.0.4/32", None, None);
    let errors = compute_errors(
        &base,
        compute_form("Port3", "10.0.0.5-10.0.0.6", "10.0.0.7"),
    );
    assert!(only_error(&errors, "compute.node_ips")
        .unwrap()
        .contains("outside the compute port's subnet 10.0.0.4/32"));
    // /30: network .4 and broadcast .7 are refused, .5 is the port.
    let base = with_port3("10.0.0.5/30", None, None);
    let errors = compute_errors(
        &base,
        compute_form("Port3", "10.0.0.6-10.0.0.7", "10.0.0.6"),
    );
    assert!(only_error(&errors, "compute.node_ips")
        .unwrap()
        .contains("broadcast address"));
}

#[test]
fn compute_port_rules() {
    let base = with_port3("10.0.0.2/24", None, None);
    let cases = [
        ("Port1", "the management port cannot carry compute"),
        ("Port4", "uses DHCP; give it a static address"),
        ("Port9", "this device has no such port"),
        (
            "Port3,Port4",
            "NIC teaming (several ports in one switch) is not supported",
        ),
        ("Port3 + Port4", "NIC teaming"),
        ("", "Compute port: none chosen"),
    ];
    for (port, want) in cases {
        let errors = compute_errors(
            &base,
            compute_form(port, "10.0.0.10-10.0.0.11", "10.0.0.12"),
        );
        let got = only_error(&errors, "compute.port");
        assert!(
            got.as_ref().is_some_and(|g| g.contains(want)),
            "{port}: wanted {want:?}, got {errors:?}"
        );
    }
    // A blank form means compute stays off, which is valid.
    assert_eq!(compute_errors(&base, ComputeForm::default()), vec![]);
}

#[test]
fn switch_names() {
    let base = with_port3("10.0.0.2/24", None, None);
    let mut f = compute_form("Port3", "10.0.0.10-10.0.0.11", "10.0.0.12");
    assert_eq!(f.parse().unwrap().unwrap().switch_name, "vSwitch-Port3");
    f.switch_name = "bad/name".into();
    assert!(
        only_error(&compute_errors(&base, f.clone()), "compute.switch_name")
            .unwrap()
            .contains("'/' is not allowed")
    );
    f.switch_name = "x".repeat(65);
    assert!(
        only_error(&compute_errors(&base, f.clone()), "compute.switch_name")
            .unwrap()
            .contains("65 characters")
    );
    f.switch_name = "Compute switch".into();
    assert_eq!(compute_errors(&base, f.clone()), vec![]);
    // A name whose bridge would be another device of the host's (#28):
    // edgenet would program that device's addresses as the switch's.
    for (name, bridge) in [
        ("Port3", Some("Port3")),
        ("Port1", Some("Port1")),
        (" Port6 ", Some("Port6")),
        ("edgenet-int", Some("edgenet-int")),
        ("master-eth1", Some("master-eth1")),
        ("worker eth0", Some("worker-eth0")),
        ("lo", Some("lo")),
        ("..", Some("..")),
        // Linux names are case-sensitive, and a longer name is cut to 15.
        ("port3", None),
        ("Port3 compute", None),
        ("edgenet-internal", None),
        ("master-eth1-lab", None),
    ] {
        f.switch_name = name.into();
        let error = only_error(&compute_errors(&base, f.clone()), "compute.switch_name");
        match bridge {
            Some(b) => assert_eq!(
                error.as_deref(),
                Some(format!("Switch name \"{}\": its bridge on the host would be {b}, which names a port, the internal switch (edgenet-int), a VM's NIC (master-eth1) or the loopback; choose another name, such as vSwitch-{b}", name.trim()).as_str()),
                "{name:?}"
            ),
            None => assert_eq!(error, None, "{name:?}"),
        }
    }
}

fn port3_form(
    address: &str,
    prefix: &str,
    gateway: &str,
    dns1: &str,
    dns2: &str,
    mtu: &str,
) -> PortForm {
    PortForm {
        name: "Port3".into(),
        mode: "static".into(),
        address: address.into(),
        prefix: prefix.into(),
        gateway: gateway.into(),
        dns_primary: dns1.into(),
        dns_secondary: dns2.into(),
        mtu: mtu.into(),
    }
}

fn port_errors(form: PortForm) -> Vec<FieldError> {
    let base = Config::factory(&profile());
    let mut d = Draft::from_config(&base);
    let name = form.name.clone();
    *d.port_mut(&name).unwrap() = form;
    d.resolve(&base, &profile()).1
}

#[test]
fn port_rules() {
    type Case<'a> = (PortForm, Option<(&'a str, &'a str)>);
    let cases: Vec<Case> = vec![
        (
            port3_form("10.0.0.2", "24", "10.0.0.1", "10.0.0.53", "", "1500"),
            None,
        ),
        (
            port3_form("10.0.0.2", "255.255.255.0", "", "", "", "1400"),
            None,
        ),
        (
            port3_form("10.0.0.2", "24", "", "8.8.8.8", "1.1.1.1", "1450"),
            None,
        ),
        (
            port3_form("10.0.0.4", "31", "10.0.0.5", "", "", "1500"),
            None,
        ),
        (
            port3_form("", "24", "", "", "", "1500"),
            Some(("address", "required for a static configuration")),
        ),
        (
            port3_form("10.0.0.256", "24", "", "", "", "1500"),
            Some(("address", "is not an IPv4 address")),
        ),
        (
            port3_form("10.0.0.0", "24", "", "", "", "1500"),
            Some(("address", "is the network address of 10.0.0.0/24")),
        ),
        (
            port3_form("10.0.0.255", "24", "", "", "", "1500"),
            Some(("address", "is the broadcast address")),
        ),
        (
            port3_form("127.0.0.5", "8", "", "", "", "1500"),
            Some(("address", "loopback")),
        ),
        (
            port3_form("224.0.0.5", "24", "", "", "", "1500"),
            Some(("address", "multicast")),
        ),
        (
            port3_form("192.168.100.20", "24", "", "", "", "1500"),
            Some(("address", "overlaps Port1's subnet 192.168.100.0/24")),
        ),
        (
            port3_form("172.31.255.9", "24", "", "", "", "1500"),
            Some(("address", "internal virtual switch")),
        ),
        (
            port3_form("10.0.0.2", "33", "", "", "", "1500"),
            Some(("prefix", "8 to 32")),
        ),
        (
            port3_form("10.0.0.2", "255.0.255.0", "", "", "", "1500"),
            Some(("prefix", "contiguous")),
        ),
        (
            port3_form("10.0.0.2", "4", "", "", "", "1500"),
            Some(("prefix", "use a prefix length from 8 to 32")),
        ),
        (
            port3_form("10.0.0.2", "24", "10.0.1.1", "", "", "1500"),
            Some(("gateway", "outside the port's subnet 10.0.0.0/24")),
        ),
        (
            port3_form("10.0.0.2", "24", "10.0.0.2", "", "", "1500"),
            Some(("gateway", "the port's own address")),
        ),
        (
            port3_form("10.0.0.2", "24", "10.0.0.255", "", "", "1500"),
            Some(("gateway", "broadcast")),
        ),
        (
            port3_form("10.0.0.2", "24", "x", "", "", "1500"),
            Some(("gateway", "is not an IPv4 address")),
        ),
        (
            port3_form("10.0.0.2", "24", "", "0.0.0.0", "", "1500"),
            Some(("dns_primary", "0.0.0.0/8, \"this network\" (RFC 791")),
        ),
        (
            port3_form("10.0.0.2", "24", "", "", "8.8.8.8", "1500"),
            Some(("dns_primary", "without a primary")),
        ),
        (
            port3_form("10.0.0.2", "24", "", "8.8.8.8", "8.8.8.8", "1500"),
            Some(("dns_secondary", "same as the primary")),
        ),
        (
            port3_form("10.0.0.2", "24", "", "", "", "1399"),
            Some(("mtu", "use 1400 to 1500")),
        ),
        (
            port3_form("10.0.0.2", "24", "", "", "", "1501"),
            Some(("mtu", "use 1400 to 1500")),
        ),
        (
            port3_form("10.0.0.2", "24", "", "", "", "big"),
            Some(("mtu", "not a whole number")),
        ),
    ];
    for (form, want) in cases {
        let label = format!("{form:?}");
        let errors = port_errors(form);
        match want {
            None => assert_eq!(errors, vec![], "{label}"),
            Some((field, msg)) => {
                let got = only_error(&errors, &format!("ports.Port3.{field}"));
                assert!(
                    got.as_ref().is_some_and(|g| g.contains(msg)),
                    "{label}: wanted {field} {msg:?}, got {errors:?}"
                );
            }
        }
    }
}

#[test]
fn management_port_keeps_a_fixed_mtu_and_no_dhcp() {
    let base = Config::factory(&profile());
    let mut d = Draft::from_config(&base);
    d.port_mut("Port1").unwrap().mode = "dhcp".into();
    let errors = d.resolve(&base, &profile()).1;
    assert!(only_error(&errors, "ports.Port1.mode")
        .unwrap()
        .contains("DHCP is not allowed on the management port"));
    let mut d = Draft::from_config(&base);
    d.port_mut("Port1").unwrap().mtu = "1450".into();
    assert!(
        only_error(&d.resolve(&base, &profile()).1, "ports.Port1.mtu")
            .unwrap()
            .contains("fixed at 1500")
    );
}

#[test]
fn compute_port_must_stay_static() {
    let mut base = with_port3("10.0.0.2/24", None, None);
    base.compute = compute_form("Port3", "10.0.0.10-10.0.0.11", "10.0.0.12")
        .parse()
        .unwrap();
    assert_eq!(validate(&base, &profile()), vec![]);
    let mut d = Draft::from_config(&base);
    d.port_mut("Port3").unwrap().mode = "dhcp".into();
    let errors = d.resolve(&base, &profile()).1;
    assert!(only_error(&errors, "compute.port")
        .unwrap()
        .contains("uses DHCP"));
    // Moving the port to another subnet strands the ranges.
    let mut d = Draft::from_config(&base);
    d.port_mut("Port3").unwrap().address = "10.9.0.2".into();
    let errors = d.resolve(&base, &profile()).1;
    assert!(only_error(&errors, "compute.node_ips")
        .unwrap()
        .contains("outside the compute port's subnet 10.9.0.0/24"));
}

#[test]
fn all_errors_are_reported_at_once() {
    let base = with_port3("10.0.0.2/24", None, None);
    let mut d = Draft::from_config(&base);
    d.port_mut("Port4").unwrap().mode = "static".into();
    d.port_mut("Port4").unwrap().address = "nonsense".into();
    d.compute = compute_form("Port3", "10.0.0.5", "10.0.0.5");
    let (candidate, errors) = d.resolve(&base, &profile());
    assert!(candidate.is_none());
    let fields: Vec<_> = errors.iter().map(|e| e.field.as_str()).collect();
    assert!(fields.contains(&"ports.Port4.address"), "{fields:?}");
    assert!(fields.contains(&"compute.node_ips"), "{fields:?}");
    assert!(fields.contains(&"compute.service_ips"), "{fields:?}");
}

#[test]
fn a_typo_in_one_range_does_not_hide_a_problem_in_the_other() {
    let base = with_port3("10.0.0.2/24", None, None);
    let errors = compute_errors(&base, compute_form("Port3", "10.0.0.5", "10.0.0.300"));
    assert!(only_error(&errors, "compute.service_ips")
        .unwrap()
        .contains("is not an IPv4 address"));
    assert!(
        only_error(&errors, "compute.node_ips")
            .unwrap()
            .contains("1 address, 2 needed"),
        "{errors:?}"
    );
    let errors = compute_errors(&base, compute_form("Port3", "nonsense", "10.0.1.5"));
    assert!(
        only_error(&errors, "compute.service_ips")
            .unwrap()
            .contains("outside the compute port's subnet"),
        "{errors:?}"
    );
}

#[test]
fn a_valid_draft_resolves_to_the_next_revision_and_diffs() {
    let base = with_port3("10.0.0.2/24", Some("10.0.0.1"), None);
    let mut d = Draft::from_config(&base);
    assert!(d.changes(&base).is_empty());
    d.port_mut("Port3").unwrap().prefix = "255.255.255.0".into();
    assert!(
        d.changes(&base).is_empty(),
        "a mask equal to the prefix is no change"
    );
    d.compute = compute_form("Port3", "10.0.0.10-10.0.0.12", "10.0.0.20-10.0.0.29");
    let (candidate, errors) = d.resolve(&base, &profile());
    assert_eq!(errors, vec![]);
    let candidate = candidate.unwrap();
    assert_eq!(candidate.revision, base.revision + 1);
    let changes = d.changes(&base);
    assert!(
        changes
            .iter()
            .any(|c| c.field == Field::NodeIps && c.to == Value::text("10.0.0.10-10.0.0.12")),
        "{changes:?}"
    );
    assert!(changes.iter().any(|c| c.field == Field::ComputePort
        && c.from.is_empty()
        && c.to == Value::text("Port3")));
    let a = Allocation::of(candidate.compute.as_ref().unwrap()).unwrap();
    assert_eq!(a.master.to_string(), "10.0.0.10");
    assert_eq!(a.worker.to_string(), "10.0.0.11");
    assert_eq!(
        a.update_spare.map(|x| x.to_string()),
        Some("10.0.0.12".into())
    );
    assert_eq!(a.service_ips_free, 10);
}

#[test]
fn config_round_trips_through_json() {
    let mut c = with_port3("10.0.0.2/24", Some("10.0.0.1"), Some("10.0.0.53"));
    c.compute = compute_form("Port3", "10.0.0.10-10.0.0.11", "10.0.0.12")
        .parse()
        .unwrap();
    let text = serde_json::to_string(&c).unwrap();
    assert_eq!(serde_json::from_str::<Config>(&text).unwrap(), c);
}

fn arb_addr() -> impl Strategy<Value = Ipv4Addr> {
    any::<u32>().prop_map(Ipv4Addr::from)
}

fn arb_range() -> impl Strategy<Value = Ipv4Range> {
    (any::<u32>(), 0u32..5000).prop_map(|(s, n)| {
        let s = s.min(u32::MAX - n);
        Ipv4Range::new(Ipv4Addr::from(s), Ipv4Addr::from(s + n)).unwrap()
    })
}

proptest! {
    #[test]
    fn display_and_parse_round_trip(r in arb_range()) {
        prop_assert_eq!(r.to_string().parse::<Ipv4Range>().unwrap(), r);
    }

    #[test]
    fn new_accepts_exactly_ordered_pairs(a in arb_addr(), b in arb_addr()) {
        prop_assert_eq!(Ipv4Range::new(a, b).is_ok(), a <= b);
    }

    #[test]
    fn overlap_is_symmetric_and_contained(a in arb_range(), b in arb_range()) {
        prop_assert_eq!(a.overlap(&b), b.overlap(&a));
        if let Some(o) = a.overlap(&b) {
            prop_assert!(a.contains(o.start()) && a.contains(o.end()));
            prop_assert!(b.contains(o.start()) && b.contains(o.end()));
            prop_assert!(o.len() <= a.len().min(b.len()));
        } else {
            prop_assert!(!a.contains(b.start()) && !b.contains(a.start()));
        }
    }

    #[test]
    fn len_counts_the_addresses(r in arb_range()) {
        prop_assert_eq!(r.len(), r.iter().count() as u64);
        prop_assert_eq!(r.nth(r.len() - 1), Some(r.end()));
        prop_assert_eq!(r.nth(r.len()), None);
    }

    #[test]
    fn edge_count_agrees_with_iteration(r in arb_range()) {
        let slow = r.iter().filter(|a| matches!(a.octets()[3], 0 | 255)).count() as u64;
        prop_assert_eq!(r.edge_count(), slow);
    }

    #[test]
    fn usable_hosts_lie_in_the_subnet(a in arb_addr(), p in 0u8..=32) {
        let net = ipnet::Ipv4Net::new(a, p).unwrap();
        let u = usable_hosts(&net);
        prop_assert!(u.within(&net.trunc()));
        let expected = if p >= 31 { 1u64 << (32 - p) } else { (1u64 << (32 - p)) - 2 };
        prop_assert_eq!(u.len(), expected);
    }
}

#[test]
fn a_profile_has_a_bounded_number_of_ports() {
    let mut p = profile();
    let port = p.ports[2].clone();
    p.ports = (0..=super::model::PORTS_MAX)
        .map(|i| {
            let mut q = port.clone();
            q.name = format!("Port{i}");
            q
        })
        .collect();
    let e = p.check().unwrap_err();
    assert!(e.contains("at most 64 ports (65 given)"), "{e}");
    p.ports.pop();
    assert_eq!(p.check(), Ok(()));
}

/// The allocation summary never counts a range that is in error (#18 item 3):
/// the two examples and their siblings, with the values that are right.
#[test]
fn the_allocation_summary_gives_no_numbers_for_a_range_in_error() {
    use super::config::{AllocationSummary, Shown};
    let profile = DeviceProfile::default_appliance();
    let factory = Config::factory(&profile);
    let summary = |nodes: (&str, &str), services: (&str, &str)| {
        let mut d = super::form::Draft::from_config(&factory);
        let p = d.port_mut("Port3").unwrap();
        p.mode = "static".into();
        p.address = "10.20.0.10".into();
        p.prefix = "24".into();
        d.compute = ComputeForm {
            port: "Port3".into(),
            node_start: nodes.0.into(),
            node_end: nodes.1.into(),
            service_start: services.0.into(),
            service_end: services.1.into(),
            ..Default::default()
        };
        let errors = d.resolve(&factory, &profile).1;
        let c = d.compute.parse().unwrap().unwrap();
        AllocationSummary::of(&c, &errors)
    };
    let a = |s: &str| s.parse::<std::net::Ipv4Addr>().unwrap();
    let nodes_ok = Shown::Values((a("10.20.0.20"), a("10.20.0.21"), Some(a("10.20.0.22"))));
    let cases = [
        // Fine: numbers everywhere.
        (
            ("10.20.0.20", "10.20.0.22"),
            ("10.20.0.40", "10.20.0.49"),
            nodes_ok.clone(),
            Shown::Values((10, 10)),
        ),
        // The issue: service IPs overlapping the node range were "free 10 of 10".
        (
            ("10.20.0.20", "10.20.0.22"),
            ("10.20.0.21", "10.20.0.30"),
            nodes_ok.clone(),
            Shown::InError,
        ),
        // The issue, without JavaScript: beyond the /24 was "266 of 266".
        (
            ("10.20.0.20", "10.20.0.22"),
            ("10.20.0.21", "10.20.1.30"),
            nodes_ok,
            Shown::InError,
        ),
        // A node range holding the port's own address.
        (
            ("10.20.0.9", "10.20.0.11"),
            ("10.20.0.40", "10.20.0.49"),
            Shown::InError,
            Shown::Values((10, 10)),
        ),
        // Two node addresses: accepted, no spare (the consequence says so).
        (
            ("10.20.0.20", "10.20.0.21"),
            ("10.20.0.40", "10.20.0.49"),
            Shown::Values((a("10.20.0.20"), a("10.20.0.21"), None)),
            Shown::Values((10, 10)),
        ),
    ];
    for (nodes, services, want_nodes, want_services) in cases {
        let s = summary(nodes, services);
        assert_eq!(s.nodes, want_nodes, "{nodes:?} {services:?}");
        assert_eq!(s.services, want_services, "{nodes:?} {services:?}");
    }
}
