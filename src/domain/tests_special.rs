//! The IANA special-purpose blocks (RFC 6890 and its updates, multicast,
//! class E), one rule for every address and network field (#27 item 4):
//! each field refuses an address or network in a block, naming the block,
//! its kind and its source; the usable special ranges (shared address space,
//! benchmarking) and networks that only contain a block pass.

use super::error::FieldError;
use super::form::ComputeForm;
use super::model::DeviceProfile;
use super::routes::check_route;
use super::tests::{field_site, with_port3};
use super::tests_routes::route;
use super::{
    config::validate,
    model::{Addressing, Config, StaticAddressing},
};

fn profile() -> DeviceProfile {
    DeviceProfile::default_appliance()
}

/// `(field, code, the code of the block's words)` of each error.
fn codes(errors: &[FieldError]) -> Vec<(String, String, String)> {
    errors
        .iter()
        .map(|e| {
            let words = e
                .message
                .ids()
                .into_iter()
                .find(|id| id.starts_with("val-special-"))
                .unwrap_or_default()
                .to_string();
            (e.field.clone(), e.message.id().to_string(), words)
        })
        .collect()
}

#[test]
fn a_route_destination_in_a_special_block_is_refused() {
    let c = field_site("10.20.0.20-10.20.0.22");
    let p = profile();
    let cases = [
        // The example: the local table always wins for loopback.
        ("127.0.0.0/8", Some("val-special-loopback")),
        ("127.0.0.1/32", Some("val-special-loopback")),
        ("0.0.0.0/8", Some("val-special-this-network")),
        ("169.254.0.0/16", Some("val-special-link-local")),
        ("169.254.169.254/32", Some("val-special-link-local")),
        ("192.0.2.0/24", Some("val-special-documentation")),
        ("198.51.100.0/25", Some("val-special-documentation")),
        ("203.0.113.7/32", Some("val-special-documentation")),
        ("224.0.0.0/4", Some("val-special-multicast")),
        ("239.1.2.0/24", Some("val-special-multicast")),
        ("240.0.0.0/4", Some("val-special-reserved")),
        ("255.255.255.255/32", Some("val-special-limited-broadcast")),
        // Usable: containing a block is not lying in it; shared address
        // space and benchmarking are routable.
        ("0.0.0.0/1", None),
        ("203.0.112.0/23", None),
        ("100.64.0.0/10", None),
        ("198.18.0.0/15", None),
        ("192.0.0.0/16", None),
        ("8.8.8.8/32", None),
    ];
    for (dest, want) in cases {
        let errors = check_route(&route(dest, "10.20.0.254", "Port3", 100), &[], &c, &p);
        let got = codes(&errors);
        match want {
            None => assert_eq!(got, vec![], "{dest}"),
            Some(words) => {
                assert_eq!(
                    got.first()
                        .map(|(f, c, w)| (f.as_str(), c.as_str(), w.as_str())),
                    Some(("destination", "val-route-destination-special", words)),
                    "{dest}: {errors:?}"
                );
                let m = errors[0].message.to_string();
                assert!(
                    m.contains("can never carry a packet") && m.contains("RFC"),
                    "{dest}: {m}"
                );
            }
        }
    }
}

#[test]
fn cluster_networks_may_share_no_address_with_a_special_block() {
    let p = profile();
    // (pod network, service network, the field in error, the block's words)
    let cases = [
        // The example: pods would get multicast addresses.
        (
            "224.0.0.0/16",
            "172.28.0.0/16",
            Some(("kubernetes.pod_cidr", "val-special-multicast")),
        ),
        (
            "127.0.0.0/16",
            "172.28.0.0/16",
            Some(("kubernetes.pod_cidr", "val-special-loopback")),
        ),
        (
            "169.254.0.0/16",
            "172.28.0.0/16",
            Some(("kubernetes.pod_cidr", "val-special-link-local")),
        ),
        (
            "0.0.0.0/16",
            "172.28.0.0/16",
            Some(("kubernetes.pod_cidr", "val-special-this-network")),
        ),
        (
            "240.0.0.0/16",
            "172.28.0.0/16",
            Some(("kubernetes.pod_cidr", "val-special-reserved")),
        ),
        (
            "192.0.0.0/16",
            "172.28.0.0/16",
            Some(("kubernetes.pod_cidr", "val-special-documentation")),
        ),
        (
            "172.27.0.0/16",
            "198.51.100.0/24",
            Some(("kubernetes.service_cidr", "val-special-documentation")),
        ),
        (
            "172.27.0.0/16",
            "239.255.0.0/16",
            Some(("kubernetes.service_cidr", "val-special-multicast")),
        ),
        ("100.64.0.0/16", "198.18.0.0/16", None),
        ("172.27.0.0/16", "172.28.0.0/16", None),
    ];
    for (pod, svc, want) in cases {
        let mut c = Config::factory(&p);
        c.kubernetes.pod_cidr = pod.parse().unwrap();
        c.kubernetes.service_cidr = svc.parse().unwrap();
        let got: Vec<(String, String)> = codes(&validate(&c, &p))
            .into_iter()
            .map(|(f, _, w)| (f, w))
            .collect();
        let want: Vec<(String, String)> = want
            .into_iter()
            .map(|(f, w)| (f.to_string(), w.to_string()))
            .collect();
        assert_eq!(got, want, "pods {pod}, services {svc}");
    }
}

#[test]
fn host_addresses_in_a_special_block_are_refused_in_every_field() {
    let p = profile();
    // A port's own address and its DNS servers.
    for (addr, words) in [
        ("0.0.0.0", "val-special-this-network"),
        ("0.1.2.3", "val-special-this-network"),
        ("127.0.0.5", "val-special-loopback"),
        ("169.254.1.1", "val-special-link-local"),
        ("192.0.2.10", "val-special-documentation"),
        ("198.51.100.10", "val-special-documentation"),
        ("203.0.113.10", "val-special-documentation"),
        ("224.0.0.5", "val-special-multicast"),
        ("240.0.0.1", "val-special-reserved"),
        ("255.255.255.255", "val-special-limited-broadcast"),
    ] {
        let c = with_port3(&format!("{addr}/24"), None, None);
        let got = codes(&validate(&c, &p));
        assert!(
            got.contains(&(
                "ports.Port3.address".into(),
                "val-port-address-unusable".into(),
                words.into()
            )),
            "address {addr}: {got:?}"
        );
        let c = with_port3("10.20.0.10/24", Some("10.20.0.1"), Some(addr));
        let got = codes(&validate(&c, &p));
        assert!(
            got.contains(&(
                "ports.Port3.dns_primary".into(),
                "val-port-dns-unusable".into(),
                words.into()
            )),
            "DNS {addr}: {got:?}"
        );
    }
    for addr in ["100.64.0.10", "198.18.0.10", "10.20.0.53"] {
        let c = with_port3(&format!("{addr}/24"), None, None);
        assert_eq!(validate(&c, &p), vec![], "{addr}");
        let c = with_port3("10.20.0.10/24", Some("10.20.0.1"), Some(addr));
        assert_eq!(validate(&c, &p), vec![], "DNS {addr}");
    }

    // On a subnet that holds a documentation block: the gateway, a next hop,
    // the node IPs and the service IPs.
    let mut c = Config::factory(&p);
    c.port_mut("Port3").unwrap().addressing = Addressing::Static(StaticAddressing {
        interface: "198.51.0.10/16".parse().unwrap(),
        gateway: Some("198.51.100.1".parse().unwrap()),
        dns_primary: None,
        dns_secondary: None,
    });
    let got = codes(&validate(&c, &p));
    assert!(
        got.contains(&(
            "ports.Port3.gateway".into(),
            "val-port-gateway-special".into(),
            "val-special-documentation".into()
        )),
        "{got:?}"
    );
    if let Addressing::Static(st) = &mut c.port_mut("Port3").unwrap().addressing {
        st.gateway = Some("198.51.0.1".parse().unwrap());
    }
    assert_eq!(validate(&c, &p), vec![]);
    let errors = check_route(
        &route("192.168.50.0/24", "198.51.100.1", "Port3", 100),
        &[],
        &c,
        &p,
    );
    assert_eq!(
        codes(&errors),
        vec![(
            "next_hop".into(),
            "val-route-next-hop-special".into(),
            "val-special-documentation".into()
        )]
    );
    for (nodes, services, field) in [
        (
            "198.51.100.5-198.51.100.7",
            "198.51.0.100-198.51.0.120",
            "compute.node_ips",
        ),
        (
            "198.51.0.20-198.51.0.22",
            "198.51.99.250-198.51.100.3",
            "compute.service_ips",
        ),
    ] {
        let mut with = c.clone();
        with.compute = ComputeForm {
            port: "Port3".into(),
            node_start: nodes.into(),
            service_start: services.into(),
            ..Default::default()
        }
        .parse()
        .unwrap();
        let got = codes(&validate(&with, &p));
        assert!(
            got.contains(&(
                field.into(),
                "val-range-includes-special".into(),
                "val-special-documentation".into()
            )),
            "{nodes} {services}: {got:?}"
        );
        let m = validate(&with, &p)
            .into_iter()
            .find(|e| e.field == field)
            .unwrap()
            .message
            .to_string();
        assert!(m.contains("198.51.100.") && m.contains("RFC 5737"), "{m}");
    }
}
