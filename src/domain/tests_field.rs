//! Mistakes from the field (issue #14), each with the members of its kind:
//! the cluster DNS address against what Kubernetes does with the service
//! network, custom routes against the routes the VMs already have, routes
//! the kernel keeps only one of, and "which route?" with the routes that lost.
//!
//! Starting point: Port3 static 10.20.0.10/24 (gateway .1, DNS .2) carrying
//! compute (node IPs 10.20.0.20-22, service IPs 10.20.0.100-120), Port4
//! static 10.40.0.10/24, the factory cluster networks.

use super::error::{message_for, FieldError};
use super::form::{ComputeForm, Draft};
use super::kubernetes::{static_band, KubernetesForm};
use super::manifests::{node_network, Vm};
use super::model::DeviceProfile;
use super::tests_routes::route;
use super::vm::Origin;
use super::{
    config::validate,
    model::{Addressing, Config, StaticAddressing},
};
use super::{
    model::Route,
    routes::{check_route, effective, notes, standing, which_route, Verdict},
};

fn profile() -> DeviceProfile {
    DeviceProfile::default_appliance()
}

fn field_site() -> Config {
    let p = profile();
    let mut c = Config::factory(&p);
    for (port, net, gw, dns) in [
        (
            "Port3",
            "10.20.0.10/24",
            Some("10.20.0.1"),
            Some("10.20.0.2"),
        ),
        ("Port4", "10.40.0.10/24", None, None),
    ] {
        c.port_mut(port).unwrap().addressing = Addressing::Static(StaticAddressing {
            interface: net.parse().unwrap(),
            gateway: gw.map(|g| g.parse().unwrap()),
            dns_primary: dns.map(|d| d.parse().unwrap()),
            dns_secondary: None,
        });
    }
    c.compute = ComputeForm {
        port: "Port3".into(),
        node_start: "10.20.0.20-10.20.0.22".into(),
        service_start: "10.20.0.100-10.20.0.120".into(),
        ..Default::default()
    }
    .parse()
    .unwrap();
    assert_eq!(validate(&c, &p), vec![], "the starting point is valid");
    c
}

fn text(errors: &[FieldError], field: &str) -> Option<String> {
    message_for(errors, field).map(ToString::to_string)
}

/// Errors and warnings of the Kubernetes form with this service network and DNS address.
fn dns_check(svc: &str, dns: &str) -> (Vec<FieldError>, Vec<FieldError>) {
    let base = field_site();
    let mut d = Draft::from_config(&base);
    d.kubernetes = KubernetesForm {
        pod_cidr: "172.27.0.0/16".into(),
        service_cidr: svc.into(),
        dns_ip: dns.into(),
    };
    let errors = d.resolve(&base, &profile()).1;
    let warnings = d.kubernetes.warnings(&base.kubernetes);
    (errors, warnings)
}

#[test]
fn the_cluster_dns_address_against_the_service_network() {
    // (service network, DNS, error containing, warning containing)
    let cases: &[(&str, &str, Option<&str>, Option<&str>)] = &[
        // The example: the API server's address.
        (
            "172.28.0.0/16",
            "172.28.0.1",
            Some("first address of the service network 172.28.0.0/16, which the API server always takes for the \"kubernetes\" Service"),
            None,
        ),
        ("172.28.0.0/16", "172.28.0.1", Some("Use 172.28.0.10"), None),
        ("10.96.0.0/12", "10.96.0.1", Some("Use 10.96.0.10"), None),
        ("172.28.0.0/28", "172.28.0.1", Some("Use 172.28.0.10"), None),
        // Not a host of the network at all.
        ("172.28.0.0/16", "172.28.0.0", Some("must be a host address"), None),
        ("172.28.0.0/16", "172.28.255.255", Some("must be a host address"), None),
        ("172.28.0.0/16", "172.29.0.10", Some("must be a host address"), None),
        // Conventional and fixed-band addresses: fine.
        ("172.28.0.0/16", "", None, None),
        ("172.28.0.0/16", "172.28.0.10", None, None),
        ("172.28.0.0/16", "172.28.0.2", None, None),
        ("172.28.0.0/16", "172.28.1.0", None, None), // the last of the 256-address band
        ("172.28.0.0/24", "172.28.0.16", None, None), // a /24 keeps 16
        ("172.28.0.0/28", "172.28.0.14", None, None), // a /28 is all band
        // Above the band: dynamic allocation may take it first.
        (
            "172.28.0.0/16",
            "172.28.1.1",
            None,
            Some("outside 172.28.0.1-172.28.1.0, the part of the service network that Kubernetes keeps for fixed ClusterIPs"),
        ),
        ("172.28.0.0/16", "172.28.200.53", None, Some("172.28.0.10 is inside it")),
        ("172.28.0.0/24", "172.28.0.17", None, Some("outside 172.28.0.1-172.28.0.16")),
        ("10.96.0.0/20", "10.96.1.1", None, Some("outside 10.96.0.1-10.96.1.0")),
    ];
    for &(svc, dns, error, warning) in cases {
        let (errors, warnings) = dns_check(svc, dns);
        let e = text(&errors, "kubernetes.dns_ip");
        match error {
            Some(want) => assert!(
                e.as_deref().is_some_and(|e| e.contains(want)),
                "{svc} {dns}: wanted an error with {want:?}, got {errors:?}"
            ),
            None => assert_eq!(e, None, "{svc} {dns}: {errors:?}"),
        }
        let w = text(&warnings, "kubernetes.dns_ip");
        match warning {
            Some(want) => assert!(
                w.as_deref().is_some_and(|w| w.contains(want)),
                "{svc} {dns}: wanted a warning with {want:?}, got {warnings:?}"
            ),
            None => assert_eq!(w, None, "{svc} {dns}"),
        }
    }
}

#[test]
fn the_fixed_band_follows_kubernetes_formula() {
    // min(max(16, size/16), 256) addresses after the network address.
    for (net, end) in [
        ("10.96.0.0/12", "10.96.1.0"),
        ("10.96.0.0/20", "10.96.1.0"),
        ("10.96.0.0/21", "10.96.0.128"),
        ("10.96.0.0/24", "10.96.0.16"),
        ("10.96.0.0/28", "10.96.0.14"), // bounded by the last host
    ] {
        let (a, b) = static_band(&net.parse().unwrap());
        assert_eq!(
            a,
            net.parse::<ipnet::Ipv4Net>()
                .unwrap()
                .network()
                .saturating_add_one()
        );
        assert_eq!(b.to_string(), end, "{net}");
    }
}

trait AddOne {
    fn saturating_add_one(self) -> std::net::Ipv4Addr;
}
impl AddOne for std::net::Ipv4Addr {
    fn saturating_add_one(self) -> std::net::Ipv4Addr {
        std::net::Ipv4Addr::from(u32::from(self).saturating_add(1))
    }
}

#[test]
fn custom_routes_against_the_vms_own_routes() {
    let c = field_site();
    let p = profile();
    // (route, field refused, with; or None: accepted)
    let cases: Vec<(Route, Option<(&str, &str)>)> = vec![
        // The examples.
        (
            route("172.31.255.0/25", "10.20.0.254", "Port3", 100),
            Some(("destination", "lies in 172.31.255.0/24, the internal virtual switch that the VMs reach directly on eth0 (their default gateway 172.31.255.1 is there)")),
        ),
        (
            route("0.0.0.0/0", "10.20.0.1", "Port3", 0),
            Some(("metric", "the VMs' own default route via 172.31.255.1 has metric 0 too")),
        ),
        // Its kind: equal to, or inside, a connected subnet.
        (
            route("172.31.255.0/24", "10.20.0.254", "Port3", 100),
            Some(("destination", "internal virtual switch")),
        ),
        (
            route("172.31.255.1/32", "10.20.0.254", "Port3", 100),
            Some(("destination", "internal virtual switch")),
        ),
        (
            route("172.31.255.128/25", "10.40.0.1", "Port4", 100),
            Some(("destination", "internal virtual switch")),
        ),
        (
            route("10.20.0.0/24", "10.20.0.254", "Port3", 100),
            Some(("destination", "lies in Port3's subnet 10.20.0.0/24, which the VMs reach directly on eth1")),
        ),
        (
            route("10.20.0.100/30", "10.20.0.254", "Port3", 100),
            Some(("destination", "Port3's subnet 10.20.0.0/24")),
        ),
        (
            route("10.20.0.64/26", "10.40.0.1", "Port4", 100),
            Some(("destination", "Port3's subnet 10.20.0.0/24")),
        ),
        // A port without a VM NIC: its own subnet is reached directly.
        (
            route("10.40.0.128/25", "10.40.0.1", "Port4", 100),
            Some(("destination", "lies in Port4's own subnet 10.40.0.0/24")),
        ),
        // The cluster's own networks.
        (
            route("172.27.1.0/24", "10.20.0.254", "Port3", 100),
            Some(("destination", "overlaps the pod network 172.27.0.0/16, which Calico routes inside the cluster")),
        ),
        (
            route("172.28.0.0/16", "10.20.0.254", "Port3", 100),
            Some(("destination", "overlaps the service network 172.28.0.0/16")),
        ),
        (
            route("172.16.0.0/12", "10.20.0.254", "Port3", 100),
            Some(("destination", "overlaps the pod network")),
        ),
        // Accepted: a backup default route, routes that cover a connected
        // subnet, and ordinary routes.
        (route("0.0.0.0/0", "10.20.0.1", "Port3", 300), None),
        (route("0.0.0.0/0", "10.20.0.1", "Port3", 1), None),
        (route("10.0.0.0/8", "10.20.0.254", "Port3", 100), None),
        (route("172.31.0.0/16", "10.20.0.254", "Port3", 100), None),
        (route("192.168.20.0/24", "10.40.0.254", "Port4", 100), None),
        (route("10.20.1.0/24", "10.20.0.254", "Port3", 100), None),
    ];
    for (r, want) in cases {
        let errors = check_route(&r, &[], &c, &p);
        match want {
            None => assert_eq!(errors, vec![], "{r:?}"),
            Some((f, m)) => assert!(
                text(&errors, f).is_some_and(|t| t.contains(m)),
                "{r:?}: wanted {f} with {m:?}, got {errors:?}"
            ),
        }
    }
    // The accepted ones say how they stand.
    let n =
        |r: Route| -> Vec<String> { notes(&r, &c, &p).iter().map(ToString::to_string).collect() };
    assert!(
        n(route("0.0.0.0/0", "10.20.0.1", "Port3", 300))
            .iter()
            .any(|t| t.contains("backup default route") && t.contains("(0 against 300)")),
        "{:?}",
        n(route("0.0.0.0/0", "10.20.0.1", "Port3", 300))
    );
    let covered = n(route("10.0.0.0/8", "10.20.0.254", "Port3", 100));
    assert!(
        covered
            .iter()
            .any(|t| t.contains("Port3's subnet 10.20.0.0/24")
                && t.contains("stays directly connected")),
        "{covered:?}"
    );
    assert_eq!(
        n(route("192.168.20.0/24", "10.40.0.254", "Port4", 100)),
        Vec::<String>::new()
    );
}

#[test]
fn the_kernel_keeps_one_route_per_destination_and_metric() {
    let c = field_site();
    let p = profile();
    let first = route("192.168.20.0/24", "10.20.0.254", "Port3", 100);
    let existing = vec![first.clone()];
    // The example: same destination and metric on another port.
    let errors = check_route(
        &route("192.168.20.0/24", "10.40.0.254", "Port4", 100),
        &existing,
        &c,
        &p,
    );
    let m = text(&errors, "metric").unwrap_or_default();
    assert!(
        m.contains("already has a route with metric 100 (via 10.20.0.254 on Port3)"),
        "{errors:?}"
    );
    assert!(m.contains("such as 101"), "{m}");
    // The suggestion skips metrics already taken.
    let more = vec![
        first.clone(),
        route("192.168.20.0/24", "10.40.0.253", "Port4", 101),
    ];
    let errors = check_route(
        &route("192.168.20.0/24", "10.20.0.253", "Port5", 100),
        &more,
        &c,
        &p,
    );
    assert!(
        text(&errors, "interface").is_some()
            || text(&errors, "metric").is_some_and(|m| m.contains("such as 102")),
        "{errors:?}"
    );
    // Another metric, or another destination: accepted.
    for ok in [
        route("192.168.20.0/24", "10.40.0.254", "Port4", 200),
        route("192.168.20.0/25", "10.40.0.254", "Port4", 100),
    ] {
        assert_eq!(check_route(&ok, &existing, &c, &p), vec![], "{ok:?}");
    }

    // A stored configuration that holds both (an older revision): valid,
    // but the second is not installed, and neither the manifests nor the
    // kernel backend get it.
    let mut stored = c.clone();
    stored.routes = vec![
        first.clone(),
        route("192.168.20.0/24", "10.40.0.254", "Port4", 100),
        route("192.168.30.0/24", "10.40.0.254", "Port4", 100),
    ];
    assert_eq!(validate(&stored, &p), vec![]);
    let st = standing(&stored, &p);
    assert!(st[0].is_none() && st[2].is_none());
    assert!(
        st[1].as_ref().is_some_and(|m| m.to_string().contains("not installed: 192.168.20.0/24 with metric 100 is already held via 10.20.0.254 on Port3")),
        "{st:?}"
    );
    assert_eq!(
        effective(&stored, &p),
        vec![&stored.routes[0], &stored.routes[2]]
    );
    let master = node_network(&stored, &p, Vm::Master).unwrap();
    assert_eq!(master.matches("to: 192.168.20.0/24").count(), 1, "{master}");
    assert_eq!(master.matches("to: 192.168.30.0/24").count(), 1, "{master}");
}

#[test]
fn routes_that_collide_with_the_vms_own_are_never_installed() {
    // A stored configuration from before these rules: valid routes beside
    // ones that collide. Only the valid ones reach the manifests and kernel.
    let p = profile();
    let mut c = field_site();
    c.routes = vec![
        route("0.0.0.0/0", "10.20.0.1", "Port3", 0),
        route("172.31.255.0/25", "10.20.0.254", "Port3", 100),
        route("192.168.30.0/24", "10.20.0.254", "Port3", 100),
    ];
    let st = standing(&c, &p);
    assert!(
        st[0]
            .as_ref()
            .is_some_and(|m| m.to_string().contains("metric 0 too")),
        "{st:?}"
    );
    assert!(
        st[1]
            .as_ref()
            .is_some_and(|m| m.to_string().contains("internal virtual switch")),
        "{st:?}"
    );
    assert!(st[2].is_none());
    assert_eq!(effective(&c, &p), vec![&c.routes[2]]);
    let master = node_network(&c, &p, Vm::Master).unwrap();
    assert!(!master.contains("172.31.255.0/25"), "{master}");
    assert!(!master.contains("to: 0.0.0.0/0"), "{master}");
    assert!(master.contains("to: 192.168.30.0/24"), "{master}");
    // Whole-configuration validation refuses them, so nothing new of the kind is applied.
    let errors = validate(&c, &p);
    assert!(text(&errors, "routes.0.metric").is_some(), "{errors:?}");
    assert!(
        text(&errors, "routes.1.destination").is_some(),
        "{errors:?}"
    );
}

#[test]
fn which_route_lists_every_match_and_why_it_lost() {
    let p = profile();
    let mut c = field_site();
    // The example: a custom default route with metric 300.
    c.routes = vec![route("0.0.0.0/0", "10.20.0.1", "Port3", 300)];
    let d = which_route(&c, &p, "8.8.8.8".parse().unwrap());
    assert!(d.route.is_none());
    assert_eq!(
        (d.device.as_str(), d.via.map(|v| v.to_string())),
        ("eth0", Some("172.31.255.1".into()))
    );
    assert!(
        !d.explanation.contains("no custom route matches"),
        "{}",
        d.explanation
    );
    assert!(
        d.explanation.contains("Routes that also match: loses on metric (300 against 0): the custom route 0.0.0.0/0 via 10.20.0.1 on Port3 (metric 300)"),
        "{}",
        d.explanation
    );
    assert_eq!(d.candidates.len(), 2);
    assert_eq!(d.candidates[0].verdict, Verdict::Chosen);
    assert_eq!(d.candidates[0].route.origin, Origin::DefaultRoute);
    assert_eq!(d.candidates[1].verdict, Verdict::LowerMetric { winner: 0 });

    // Its kind: every way a route loses, in one table.
    c.routes = vec![
        route("192.168.0.0/16", "10.20.0.254", "Port3", 10),
        route("192.168.20.0/24", "10.20.0.253", "Port3", 500),
        route("192.168.20.0/24", "10.40.0.254", "Port4", 100),
        route("192.168.20.0/24", "10.40.0.253", "Port5", 100), // Port5 is DHCP; not installed as a duplicate anyway
        route("0.0.0.0/0", "10.20.0.1", "Port3", 300),
    ];
    let d = which_route(&c, &p, "192.168.20.7".parse().unwrap());
    let verdicts: Vec<(String, u32, Verdict)> = d
        .candidates
        .iter()
        .map(|c| {
            (
                c.route.destination.to_string(),
                c.route.metric,
                c.verdict.clone(),
            )
        })
        .collect();
    assert_eq!(
        verdicts[0],
        ("192.168.20.0/24".into(), 100, Verdict::Chosen)
    );
    assert_eq!(d.route.as_ref().unwrap().interface, "Port4");
    assert_eq!(
        d.device, "eth0",
        "Port4 has no VM NIC: through the internal switch"
    );
    assert!(verdicts.contains(&(
        "192.168.20.0/24".into(),
        500,
        Verdict::LowerMetric { winner: 100 }
    )));
    assert!(verdicts.contains(&(
        "192.168.0.0/16".into(),
        10,
        Verdict::LongerPrefix {
            winner: "192.168.20.0/24".parse().unwrap()
        }
    )));
    assert!(verdicts.contains(&(
        "0.0.0.0/0".into(),
        0,
        Verdict::LongerPrefix {
            winner: "192.168.20.0/24".parse().unwrap()
        }
    )));
    assert!(verdicts.contains(&(
        "0.0.0.0/0".into(),
        300,
        Verdict::LongerPrefix {
            winner: "192.168.20.0/24".parse().unwrap()
        }
    )));
    assert!(
        verdicts.iter().any(|(dst, m, v)| dst == "192.168.20.0/24"
            && *m == 100
            && matches!(v, Verdict::NotInstalled { .. })),
        "{verdicts:?}"
    );
    assert_eq!(d.candidates.len(), 6);
    assert!(d.explanation.contains("not installed: 192.168.20.0/24 with metric 100 is already held via 10.40.0.254 on Port4"), "{}", d.explanation);
    assert!(
        d.explanation
            .contains("loses to the longer prefix 192.168.20.0/24"),
        "{}",
        d.explanation
    );

    // The cluster's own networks: handled inside the cluster, not sent out by the default route.
    let d = which_route(&c, &p, "172.27.1.5".parse().unwrap());
    assert_eq!((d.device.as_str(), d.via), ("calico", None));
    assert!(
        d.explanation
            .contains("the pod network 172.27.0.0/16, which Calico routes inside the cluster"),
        "{}",
        d.explanation
    );
    assert!(d.explanation.contains("loses to the longer prefix 172.27.0.0/16: the default route via the internal virtual switch (172.31.255.1), NAT out through Port3"), "{}", d.explanation);
    let d = which_route(&c, &p, "172.28.0.10".parse().unwrap());
    assert_eq!((d.device.as_str(), d.via), ("kube-proxy", None));
    // Connected subnets win over a covering custom route.
    c.routes = vec![route("10.0.0.0/8", "10.20.0.254", "Port3", 100)];
    let d = which_route(&c, &p, "10.20.0.50".parse().unwrap());
    assert_eq!((d.device.as_str(), d.via), ("eth1", None));
    assert_eq!(
        d.candidates[1].verdict,
        Verdict::LongerPrefix {
            winner: "10.20.0.0/24".parse().unwrap()
        }
    );
    // No custom route matches at all: said so.
    let d = which_route(&c, &p, "8.8.8.8".parse().unwrap());
    assert!(
        d.explanation.contains("no custom route matches"),
        "{}",
        d.explanation
    );
}

/// An address pasted with its prefix (as `ip addr` prints it) is split into
/// the two fields; a conflict with the prefix field is refused, never settled.
#[test]
fn an_address_pasted_with_its_prefix_is_split_into_address_and_prefix() {
    use crate::domain::form::PortForm;
    let form = |address: &str, prefix: &str| PortForm {
        name: "Port3".into(),
        mode: "static".into(),
        address: address.into(),
        prefix: prefix.into(),
        mtu: "1500".into(),
        ..Default::default()
    };
    // (address typed, prefix typed) → (address, prefix) after the split
    let cases = [
        (("10.20.0.10/24", ""), ("10.20.0.10", "24")),
        ((" 10.20.0.10 / 24 ", ""), ("10.20.0.10", "24")),
        (("10.20.0.10/24", "24"), ("10.20.0.10", "24")),
        (("10.20.0.10/24", "255.255.255.0"), ("10.20.0.10", "24")),
        (
            ("10.20.0.10/255.255.255.0", ""),
            ("10.20.0.10", "255.255.255.0"),
        ),
        // Conflicts and nonsense stay as typed.
        (("10.20.0.10/24", "16"), ("10.20.0.10/24", "16")),
        (("10.20.0.10/", ""), ("10.20.0.10/", "")),
        (("10.20.0/24", ""), ("10.20.0/24", "")),
        (("10.20.0.10", "24"), ("10.20.0.10", "24")),
    ];
    for ((address, prefix), (want_a, want_p)) in cases {
        let got = form(address, prefix).split_pasted_prefix();
        assert_eq!(
            (got.address.as_str(), got.prefix.as_str()),
            (want_a, want_p),
            "{address} {prefix}"
        );
    }
    // Parsing reads the pasted form as the split one.
    let p = form("10.20.0.10/24", "").parse().unwrap();
    assert_eq!(
        p.addressing.as_static().unwrap().interface.to_string(),
        "10.20.0.10/24"
    );
    let errors = form("10.20.0.10/24", "16").parse().unwrap_err();
    assert_eq!(errors[0].field, "ports.Port3.address", "{errors:?}");
}

/// A port's prefix field says one range, 8 to 32, whatever the typo.
#[test]
fn a_ports_prefix_errors_name_one_range() {
    use crate::domain::form::PortForm;
    for (prefix, want) in [
        ("33", "Port3 prefix: \"33\" is not a prefix length; use a whole number from 8 to 32"),
        ("0", "Port3 prefix: \"0\" is /0, a network too large for this field; use a prefix length from 8 to 32"),
        ("4", "Port3 prefix: \"4\" is /4, a network too large for this field; use a prefix length from 8 to 32"),
    ] {
        let f = PortForm {
            name: "Port3".into(),
            mode: "static".into(),
            address: "10.20.0.10".into(),
            prefix: prefix.into(),
            mtu: "1500".into(),
            ..Default::default()
        };
        let errors = f.parse().unwrap_err();
        assert_eq!(errors[0].field, "ports.Port3.prefix");
        assert_eq!(errors[0].message.to_string(), want, "{prefix}");
    }
}

/// #29: a range left empty is asked for with examples from the compute
/// port's subnet, and with the generic ones while the port has none.
#[test]
fn an_empty_range_is_asked_for_with_examples_from_the_ports_subnet() {
    let c = field_site();
    for (port, node_start, service_start, field, want) in [
        (
            "Port3",
            "",
            "10.20.0.100-10.20.0.120",
            "compute.node_ips",
            "such as 10.20.0.20 and 10.20.0.22",
        ),
        (
            "Port3",
            "10.20.0.20-10.20.0.22",
            "",
            "compute.service_ips",
            "such as 10.20.0.100 and 10.20.0.120",
        ),
        (
            "Port4",
            "",
            "10.40.0.100-10.40.0.120",
            "compute.node_ips",
            "such as 10.40.0.20 and 10.40.0.22",
        ),
        (
            "port4",
            "10.40.0.20-10.40.0.22",
            "",
            "compute.service_ips",
            "such as 10.40.0.100 and 10.40.0.120",
        ),
        // Port2 is DHCP: no subnet to take examples from.
        (
            "Port2",
            "",
            "",
            "compute.service_ips",
            "such as 192.168.1.100 and 192.168.1.120",
        ),
    ] {
        let mut d = Draft::from_config(&c);
        d.compute = ComputeForm {
            port: port.into(),
            node_start: node_start.into(),
            service_start: service_start.into(),
            ..Default::default()
        };
        let (_, errors) = d.resolve(&c, &profile());
        let got = text(&errors, field)
            .unwrap_or_else(|| panic!("{port}: no {field} error in {errors:?}"));
        assert!(got.contains(want), "{port} {field}: {got}");
    }
}
