//! Route rules and route selection, including ties, /0 and /32.

use super::error::FieldError;
use super::model::Config;
use super::model::DeviceProfile;
use super::tests::{field_site, with_compute, with_port3};
use super::{
    config::validate,
    model::{Addressing, StaticAddressing},
};
use super::{
    model::Route,
    routes::{check_route, which_route, RouteForm},
};

fn profile() -> DeviceProfile {
    DeviceProfile::default_appliance()
}

fn form(dest: &str, prefix: &str, hop: &str, iface: &str, metric: &str) -> RouteForm {
    RouteForm {
        destination: dest.into(),
        prefix_length: prefix.into(),
        next_hop: hop.into(),
        interface: iface.into(),
        metric: metric.into(),
    }
}

pub(super) fn route(dest: &str, hop: &str, iface: &str, metric: u32) -> Route {
    Route {
        destination: dest.parse().unwrap(),
        next_hop: hop.parse().unwrap(),
        interface: iface.into(),
        metric,
    }
}

fn field(errors: &[FieldError], f: &str) -> Option<String> {
    crate::domain::error::message_for(errors, f).map(ToString::to_string)
}

/// A prefix length's error belongs to the box it was typed in, or belongs
/// in: the destination's "/24", else the Prefix length box, never both.
#[test]
fn a_prefix_lengths_error_is_reported_where_it_was_typed_or_belongs() {
    // (destination, prefix length box, the field with the error, its words)
    let cases = [
        (
            "192.168.20.0",
            "",
            "prefix_length",
            "Prefix length: required",
        ),
        (
            "192.168.20.0",
            "  ",
            "prefix_length",
            "Prefix length: required",
        ),
        ("192.168.20.0", "33", "prefix_length", "0 to 32"),
        (
            "192.168.20.0",
            "abc",
            "prefix_length",
            "is not a prefix length",
        ),
        (
            "192.168.20.0",
            "-1",
            "prefix_length",
            "is not a prefix length",
        ),
        (
            "192.168.20.0",
            "255.255.255.0",
            "prefix_length",
            "whole number from 0 to 32",
        ),
        (
            "192.168.20.0/",
            "",
            "destination",
            "Prefix length: required",
        ),
        ("192.168.20.0/33", "", "destination", "0 to 32"),
        (
            "192.168.20.0/abc",
            "",
            "destination",
            "is not a prefix length",
        ),
        (
            "192.168.20.0/255.255.255.0",
            "",
            "destination",
            "whole number from 0 to 32",
        ),
        (
            "192.168.20.0/24",
            "16",
            "prefix_length",
            "differs from the /24",
        ),
    ];
    for (dest, prefix, key, want) in cases {
        let errors = form(dest, prefix, "10.0.0.1", "Port3", "")
            .parse()
            .unwrap_err();
        assert!(
            field(&errors, key).is_some_and(|m| m.contains(want)),
            "{dest:?} + {prefix:?}: wanted {key} {want:?}, got {errors:?}"
        );
        assert_eq!(
            errors.len(),
            1,
            "{dest:?} + {prefix:?}: one error, in one place: {errors:?}"
        );
    }
    // No destination at all: its own error says what to type; a missing
    // length is not a second one.
    let errors = form("", "", "10.0.0.1", "Port3", "").parse().unwrap_err();
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert!(field(&errors, "destination").is_some_and(|m| m.contains("Destination: required")));
    // A length in its box with the address alone is read.
    let (r, _) = form("192.168.20.0", "24", "10.0.0.1", "Port3", "")
        .parse()
        .unwrap();
    assert_eq!(r.destination.to_string(), "192.168.20.0/24");
}

#[test]
fn parsing_routes() {
    let (r, note) = form("192.168.20.0/24", "", "10.0.0.1", "Port3", "100")
        .parse()
        .unwrap();
    assert_eq!(r, route("192.168.20.0/24", "10.0.0.1", "Port3", 100));
    assert!(note.is_none());
    let (r, _) = form("192.168.20.0", "24", "10.0.0.1", "Port3", "")
        .parse()
        .unwrap();
    assert_eq!(r.destination.to_string(), "192.168.20.0/24");
    assert_eq!(r.metric, 100, "the default metric");
    let (r, note) = form("192.168.20.7/24", "", "10.0.0.1", "Port3", "5")
        .parse()
        .unwrap();
    assert_eq!(r.destination.to_string(), "192.168.20.0/24");
    assert_eq!(
        note.unwrap(),
        "Destination 192.168.20.7/24 has host bits set; it is read as 192.168.20.0/24"
    );
    let (r, _) = form("0.0.0.0/0", "", "10.0.0.1", "Port3", "0")
        .parse()
        .unwrap();
    assert_eq!(r.destination.prefix_len(), 0);
    let (r, _) = form("8.8.8.8/32", "", "10.0.0.1", "Port3", "4294967295")
        .parse()
        .unwrap();
    assert_eq!(r.metric, u32::MAX);

    let cases = [
        (
            form("", "", "10.0.0.1", "Port3", ""),
            "destination",
            "Destination: required",
        ),
        (
            form("192.168.20.0", "", "10.0.0.1", "Port3", ""),
            "prefix_length",
            "Prefix length: required",
        ),
        (
            form("192.168.20.0", "33", "10.0.0.1", "Port3", ""),
            "prefix_length",
            "0 to 32",
        ),
        (
            form("192.168.20.0/33", "", "10.0.0.1", "Port3", ""),
            "destination",
            "0 to 32",
        ),
        (
            form("192.168.20.0/24", "16", "10.0.0.1", "Port3", ""),
            "prefix_length",
            "differs from the /24",
        ),
        (
            form("192.168.300.0/24", "", "10.0.0.1", "Port3", ""),
            "destination",
            "is not an IPv4 address",
        ),
        (
            form("192.168.20.0/24", "", "", "Port3", ""),
            "next_hop",
            "Next hop: required",
        ),
        (
            form("192.168.20.0/24", "", "10.0.0.1", "", ""),
            "interface",
            "Interface: required",
        ),
        (
            form("192.168.20.0/24", "", "10.0.0.1", "Port3", "-1"),
            "metric",
            "not a whole number",
        ),
        (
            form("192.168.20.0/24", "", "10.0.0.1", "Port3", "4294967296"),
            "metric",
            "too large",
        ),
        (
            form("192.168.20.0/24", "", "10.0.0.1", "Port3", "1.5"),
            "metric",
            "not a whole number",
        ),
    ];
    for (f, key, want) in cases {
        let errors = f.parse().unwrap_err();
        assert!(
            field(&errors, key).is_some_and(|m| m.contains(want)),
            "{f:?}: wanted {key} {want:?}, got {errors:?}"
        );
    }
}

#[test]
fn route_rules() {
    let c = with_port3("10.0.0.2/24", Some("10.0.0.1"), None);
    let p = profile();
    let existing = [route("192.168.20.0/24", "10.0.0.1", "Port3", 100)];
    let cases = [
        (route("192.168.30.0/24", "10.0.0.1", "Port3", 100), None),
        (
            route("192.168.20.0/24", "10.0.0.9", "port3", 5),
            Some(("destination", "already has a route to it")),
        ),
        (
            route("192.168.30.0/24", "10.0.0.2", "Port3", 100),
            Some(("next_hop", "is Port3's own address")),
        ),
        (
            route("192.168.30.0/24", "10.0.1.1", "Port3", 100),
            Some(("next_hop", "outside Port3's subnet 10.0.0.0/24")),
        ),
        (
            route("192.168.30.0/24", "10.0.0.255", "Port3", 100),
            Some(("next_hop", "broadcast address")),
        ),
        (
            route("192.168.30.0/24", "10.0.0.1", "Port4", 100),
            Some(("interface", "Port4: uses DHCP")),
        ),
        (
            route("192.168.30.0/24", "10.0.0.1", "Port9", 100),
            Some(("interface", "no such port")),
        ),
    ];
    for (r, want) in cases {
        let errors = check_route(&r, &existing, &c, &p);
        match want {
            None => assert_eq!(errors, vec![], "{r:?}"),
            Some((f, m)) => assert!(
                field(&errors, f).is_some_and(|g| g.contains(m)),
                "{r:?}: wanted {f} {m:?}, got {errors:?}"
            ),
        }
    }
    // The same destination on another interface is fine with another metric ...
    let mut c2 = c.clone();
    c2.port_mut("Port4").unwrap().addressing = with_port3("10.1.0.2/24", None, None)
        .port("Port3")
        .unwrap()
        .addressing
        .clone();
    assert_eq!(
        check_route(
            &route("192.168.20.0/24", "10.1.0.1", "Port4", 200),
            &existing,
            &c2,
            &p
        ),
        vec![]
    );
    // ... but not with the same metric: Linux would hold only one of the two.
    let errors = check_route(
        &route("192.168.20.0/24", "10.1.0.1", "Port4", 100),
        &existing,
        &c2,
        &p,
    );
    assert!(
        field(&errors, "metric")
            .is_some_and(|m| m.contains("one route per destination and metric")),
        "{errors:?}"
    );
}

#[test]
fn whole_configuration_checks_routes_and_finds_duplicates() {
    let mut c = with_port3("10.0.0.2/24", Some("10.0.0.1"), None);
    c.routes = vec![
        route("192.168.20.0/24", "10.0.0.1", "Port3", 100),
        route("192.168.20.0/24", "10.0.0.3", "Port3", 50),
    ];
    let errors = validate(&c, &profile());
    assert!(
        field(&errors, "routes.1.destination").is_some_and(|m| m.contains("already has a route")),
        "{errors:?}"
    );
    assert!(field(&errors, "routes.0.destination").is_none());
    // A port that loses its static address strands its routes.
    c.routes.pop();
    c.port_mut("Port3").unwrap().addressing = super::model::Addressing::Dhcp;
    let errors = validate(&c, &profile());
    assert!(
        field(&errors, "routes.0.interface").is_some_and(|m| m.contains("uses DHCP")),
        "{errors:?}"
    );
}

/// Each route of a configuration is judged against its own port: routes
/// through several ports, named in any case, in one list (the rules look a
/// port up once per name).
#[test]
fn each_route_is_judged_against_its_own_port() {
    let mut c = with_port3("10.0.0.2/24", Some("10.0.0.1"), None);
    c.port_mut("Port5").unwrap().addressing = Addressing::Static(StaticAddressing {
        interface: "10.5.0.2/24".parse().unwrap(),
        gateway: None,
        dns_primary: None,
        dns_secondary: None,
    });
    let table: [(Route, Option<(&str, &str)>); 9] = [
        (route("192.168.20.0/24", "10.0.0.1", "Port3", 100), None),
        (route("192.168.21.0/24", "10.0.0.1", "port3", 100), None),
        (route("192.168.22.0/24", "10.5.0.1", "Port5", 100), None),
        (
            route("192.168.23.0/24", "10.0.0.1", "Port5", 100),
            Some((
                "next_hop",
                "Next hop 10.0.0.1: outside Port5's subnet 10.5.0.0/24",
            )),
        ),
        (
            route("192.168.24.0/24", "10.0.0.1", "Port4", 100),
            Some(("interface", "Interface Port4: uses DHCP")),
        ),
        (
            route("192.168.25.0/24", "10.0.0.1", "Port9", 100),
            Some(("interface", "Interface Port9: this device has no such port")),
        ),
        (
            route("192.168.26.0/24", "10.0.0.255", "PORT3", 100),
            Some((
                "next_hop",
                "Next hop 10.0.0.255: is the broadcast address of 10.0.0.0/24",
            )),
        ),
        (
            route("192.168.27.0/24", "10.5.0.0", "Port5", 100),
            Some((
                "next_hop",
                "Next hop 10.5.0.0: is the network address of 10.5.0.0/24",
            )),
        ),
        (
            route("192.168.20.0/24", "10.0.0.1", "PORT3", 50),
            Some(("destination", "already has a route to it")),
        ),
    ];
    c.routes = table.iter().map(|(r, _)| r.clone()).collect();
    let errors = validate(&c, &profile());
    for (i, (r, want)) in table.iter().enumerate() {
        let mine: Vec<_> = errors
            .iter()
            .filter(|e| e.field.starts_with(&format!("routes.{i}.")))
            .collect();
        match want {
            None => assert!(mine.is_empty(), "route {i} ({r:?}): {mine:?}"),
            Some((f, text)) => {
                let got = field(&errors, &format!("routes.{i}.{f}"));
                assert!(
                    got.as_deref().is_some_and(|m| m.contains(text)),
                    "route {i} ({r:?}): want {f} {text:?}, got {mine:?}"
                );
            }
        }
    }
}

#[test]
fn selection_longest_prefix_then_metric_then_order() {
    let p = profile();
    let mut c = with_compute();
    c.routes = vec![
        route("192.168.0.0/16", "10.0.0.1", "Port3", 10),
        route("192.168.20.0/24", "10.0.0.3", "Port3", 500),
        route("192.168.20.0/24", "10.0.0.4", "Port3", 100), // same destination, same interface: invalid, but selection must still be defined
        route("192.168.20.128/25", "10.0.0.5", "Port3", 900),
        route("192.168.20.200/32", "10.0.0.6", "Port3", 1000),
    ];
    let via = |d: &str| {
        which_route(&c, &p, d.parse().unwrap())
            .via
            .unwrap()
            .to_string()
    };
    assert_eq!(via("192.168.1.1"), "10.0.0.1", "only the /16 matches");
    assert_eq!(
        via("192.168.20.1"),
        "10.0.0.4",
        "two /24: the lower metric wins over the longer /16"
    );
    assert_eq!(
        via("192.168.20.130"),
        "10.0.0.5",
        "the /25 is longer, its high metric does not matter"
    );
    assert_eq!(via("192.168.20.200"), "10.0.0.6", "/32 beats everything");
    let d = which_route(&c, &p, "192.168.20.1".parse().unwrap());
    assert!(d.explanation.contains("metric 100"), "{}", d.explanation);
    assert!(
        d.explanation.contains(
            "loses on metric (500 against 100): the custom route 192.168.20.0/24 via 10.0.0.3 on Port3 (metric 500)"
        ),
        "{}",
        d.explanation
    );
    assert_eq!(d.device, "eth1");
}

#[test]
fn ties_go_to_the_route_added_first() {
    let p = profile();
    let mut c = with_compute();
    c.port_mut("Port4").unwrap().addressing = with_port3("10.1.0.2/24", None, None)
        .port("Port3")
        .unwrap()
        .addressing
        .clone();
    c.routes = vec![
        route("10.128.0.0/9", "10.1.0.1", "Port4", 100),
        route("10.128.0.0/9", "10.0.0.1", "Port3", 100),
    ];
    let d = which_route(&c, &p, "10.130.5.5".parse().unwrap());
    assert_eq!(d.route.unwrap().interface, "Port4");
    assert_eq!(
        d.device, "eth0",
        "Port4 has no VM NIC: the packet leaves through the internal switch"
    );
}

#[test]
fn default_connected_and_slash_zero() {
    let p = profile();
    let mut c = with_compute();
    let d = which_route(&c, &p, "8.8.8.8".parse().unwrap());
    assert!(d.route.is_none());
    assert_eq!(d.via.unwrap().to_string(), "172.31.255.1");
    assert!(
        d.explanation.contains(
            "default route via the internal virtual switch (172.31.255.1), NAT out through Port3"
        ),
        "{}",
        d.explanation
    );
    assert!(d.explanation.contains("there are no custom routes"));
    let d = which_route(&c, &p, "10.0.0.77".parse().unwrap());
    assert!(d.via.is_none());
    assert!(d
        .explanation
        .contains("directly connected through the external virtual switch"));
    // A custom /0 with a metric: the default route has metric 0 and wins a tie of prefix length.
    c.routes = vec![route("0.0.0.0/0", "10.0.0.1", "Port3", 50)];
    let d = which_route(&c, &p, "8.8.8.8".parse().unwrap());
    assert!(d.route.is_none(), "{d:?}");
    assert!(
        d.explanation.contains("no custom route matches")
            || d.explanation.contains("default route")
    );
    c.routes = vec![route("0.0.0.0/1", "10.0.0.1", "Port3", 50)];
    assert_eq!(
        which_route(&c, &p, "8.8.8.8".parse().unwrap())
            .route
            .unwrap()
            .destination
            .to_string(),
        "0.0.0.0/1"
    );
}

#[test]
fn a_bad_metric_does_not_hide_a_bad_next_hop() {
    let c = with_port3("10.0.0.2/24", None, None);
    let errors = super::routes::form_errors(
        &form("192.168.20.0/24", "", "10.9.0.1", "Port3", "fast"),
        &[],
        &c,
        &profile(),
    );
    assert!(field(&errors, "metric").is_some());
    assert!(
        field(&errors, "next_hop").is_some_and(|m| m.contains("outside Port3's subnet")),
        "{errors:?}"
    );
}

/// A next hop must be a router: an address that a VM holds, that the update
/// spare will hold, or that MetalLB hands out is refused, naming its holder.
#[test]
fn a_next_hop_that_the_cluster_holds_is_refused_naming_the_holder() {
    let p = profile();
    // (node IPs, next hop, the code of the next hop's error, words it has)
    let cases = [
        (
            "10.20.0.20-10.20.0.22",
            "10.20.0.20",
            Some(("val-route-next-hop-master", "master VM's node IP")),
        ),
        (
            "10.20.0.20-10.20.0.22",
            "10.20.0.21",
            Some(("val-route-next-hop-worker", "worker VM's node IP")),
        ),
        (
            "10.20.0.20-10.20.0.22",
            "10.20.0.22",
            Some((
                "val-route-next-hop-spare",
                "update spare of the node IPs 10.20.0.20-10.20.0.22",
            )),
        ),
        (
            "10.20.0.20-10.20.0.25",
            "10.20.0.25",
            Some((
                "val-route-next-hop-node-ips",
                "one of the node IPs 10.20.0.20-10.20.0.25",
            )),
        ),
        (
            "10.20.0.20-10.20.0.22",
            "10.20.0.100",
            Some((
                "val-route-next-hop-pool",
                "service IP pool 10.20.0.100-10.20.0.120",
            )),
        ),
        (
            "10.20.0.20-10.20.0.22",
            "10.20.0.105",
            Some((
                "val-route-next-hop-pool",
                "service IP pool 10.20.0.100-10.20.0.120",
            )),
        ),
        (
            "10.20.0.20-10.20.0.22",
            "10.20.0.120",
            Some((
                "val-route-next-hop-pool",
                "service IP pool 10.20.0.100-10.20.0.120",
            )),
        ),
        // Two node IPs: no spare, so .22 is anybody's.
        ("10.20.0.20-10.20.0.21", "10.20.0.22", None),
        ("10.20.0.20-10.20.0.22", "10.20.0.1", None), // the gateway
        ("10.20.0.20-10.20.0.22", "10.20.0.19", None),
        ("10.20.0.20-10.20.0.22", "10.20.0.23", None),
        ("10.20.0.20-10.20.0.22", "10.20.0.99", None),
        ("10.20.0.20-10.20.0.22", "10.20.0.121", None),
        ("10.20.0.20-10.20.0.22", "10.20.0.254", None),
    ];
    for (nodes, hop, want) in cases {
        let c = field_site(nodes);
        let r = route("192.168.50.0/24", hop, "Port3", 100);
        let errors = check_route(&r, &[], &c, &p);
        match want {
            None => assert_eq!(errors, vec![], "{nodes}, via {hop}"),
            Some((code, words)) => {
                let e = errors.iter().find(|e| e.field == "next_hop");
                assert!(
                    e.is_some_and(
                        |e| e.message.id() == code && e.message.to_string().contains(words)
                    ),
                    "{nodes}, via {hop}: wanted {code} {words:?}, got {errors:?}"
                );
                assert_eq!(errors.len(), 1, "{nodes}, via {hop}: {errors:?}");
            }
        }
        // The same through the form the browser checks as it is typed.
        let typed = form("192.168.50.0/24", "", hop, "Port3", "100");
        let typed = rules_form_errors(&typed, &c);
        assert_eq!(
            typed
                .iter()
                .find(|e| e.field == "next_hop")
                .map(|e| e.message.id().to_string()),
            want.map(|(code, _)| code.to_string()),
            "typed: {nodes}, via {hop}"
        );
    }
}

fn rules_form_errors(f: &RouteForm, c: &Config) -> Vec<FieldError> {
    super::routes::form_errors(f, &c.routes, c, &profile())
}

/// The other side of the same rule: a stored route's next hop that compute
/// ranges come to include is refused on both, in the whole configuration.
#[test]
fn compute_ranges_may_not_take_a_routes_next_hop() {
    let p = profile();
    let mut c = with_port3("10.20.0.10/24", Some("10.20.0.1"), Some("10.20.0.2"));
    c.routes = vec![route("192.168.50.0/24", "10.20.0.21", "Port3", 100)];
    assert_eq!(validate(&c, &p), vec![], "a route before compute is fine");
    let with = {
        let mut w = field_site("10.20.0.20-10.20.0.22");
        w.routes = c.routes.clone();
        w
    };
    let errors = validate(&with, &p);
    let nodes = field(&errors, "compute.node_ips").unwrap_or_default();
    assert!(
        nodes.contains("10.20.0.21")
            && nodes.contains("the next hop of the route to 192.168.50.0/24"),
        "{errors:?}"
    );
    let hop = errors.iter().find(|e| e.field == "routes.0.next_hop");
    assert!(
        hop.is_some_and(|e| e.message.to_string().contains("worker VM's node IP")),
        "{errors:?}"
    );
    // A next hop outside both ranges is no concern of theirs.
    let mut apart = with.clone();
    apart.routes[0].next_hop = "10.20.0.30".parse().unwrap();
    assert_eq!(validate(&apart, &p), vec![]);
}
