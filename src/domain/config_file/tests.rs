//! The file format: every kind of bad file with the key it names, and the
//! round trip export → parse → merge onto the factory → the same configuration.

use std::net::Ipv4Addr;

use proptest::prelude::*;

use super::{check, export, parse, ConfigFile, FORMAT};
use crate::domain::change::Section;
use crate::domain::{
    addr::Ipv4Range,
    config::validate,
    error::FieldError,
    model::DeviceProfile,
    model::KubernetesNetworks,
    model::Route,
    model::{Addressing, ComputeConfig, Config, StaticAddressing},
};

fn profile() -> DeviceProfile {
    DeviceProfile::default_appliance()
}

/// Port3 static on 10.0.0.0/24 with compute on it, a route, networks locked at 2.
fn applied() -> Config {
    let mut c = Config::factory(&profile());
    c.revision = 2;
    c.port_mut("Port3").unwrap().addressing = Addressing::Static(StaticAddressing {
        interface: "10.0.0.2/24".parse().unwrap(),
        gateway: Some("10.0.0.1".parse().unwrap()),
        dns_primary: None,
        dns_secondary: None,
    });
    c.compute = Some(ComputeConfig {
        port: "Port3".into(),
        switch_name: "vSwitch-Port3".into(),
        node_ips: "10.0.0.10-10.0.0.12".parse().unwrap(),
        service_ips: "10.0.0.20-10.0.0.29".parse().unwrap(),
        skip_edge_addresses: false,
    });
    c.kubernetes.locked_at = Some(2);
    c.routes.push(Route {
        destination: "192.168.20.0/24".parse().unwrap(),
        next_hop: "10.0.0.1".parse().unwrap(),
        interface: "Port3".into(),
        metric: 100,
    });
    assert!(validate(&c, &profile()).is_empty());
    c
}

/// Parses and checks `text` against [`applied`]: the errors, if any.
fn errors_of(text: &str) -> Vec<FieldError> {
    match parse(text) {
        Err(e) => e,
        Ok(file) => check(&file, &applied(), &profile())
            .err()
            .unwrap_or_default(),
    }
}

const ROUTE: &str =
    "destination = \"192.168.30.0/24\"\nnext_hop = \"10.0.0.1\"\ninterface = \"Port3\"\n";

#[test]
fn bad_files_name_the_key_and_the_rule() {
    // (what, file, the field named, the message id, words the English message has)
    let cases: &[(&str, String, &str, &str, &str)] = &[
        ("unclosed table header", "format = 1\n[ports.Port3\nmode = \"dhcp\"\n".into(), "file", "file-syntax", "line 2, column"),
        ("value missing", "format = 1\n\n[compute]\nport =\n".into(), "file", "file-syntax", "line 4, column 7"),
        ("not TOML at all", "{\"format\": 1}".into(), "file", "file-syntax", "line 1"),
        ("no format", "[compute]\nenabled = false\n".into(), "format", "file-format-missing", "format = 1"),
        ("newer format", "format = 2\n[firewall]\nallow = true\n".into(), "format", "file-format-newer", "format 2"),
        ("format as text", "format = \"1\"\n".into(), "format", "file-format-invalid", "\"1\""),
        ("format zero", "format = 0\n".into(), "format", "file-format-invalid", "0"),
        ("unknown section", "format = 1\n[dns]\nserver = \"1.1.1.1\"\n".into(), "dns", "file-unknown-key", "ports, compute, kubernetes, routes"),
        ("unknown port key", "format = 1\n[ports.Port3]\nmode = \"static\"\ngatway = \"10.0.0.1\"\n".into(), "ports.Port3.gatway", "file-unknown-key", "gateway"),
        ("unknown route key", format!("format = 1\n[[routes]]\n{ROUTE}[[routes]]\n{ROUTE}metrics = 5\n"), "routes[1].metrics", "file-unknown-key", "metric"),
        ("route key missing", "format = 1\n[[routes]]\ndestination = \"192.168.20.0/24\"\ninterface = \"Port3\"\n".into(), "routes[0].next_hop", "file-key-missing", "routes[0].next_hop"),
        ("kubernetes key missing", "format = 1\n[kubernetes]\npod_cidr = \"172.27.0.0/16\"\n".into(), "kubernetes.service_cidr", "file-key-missing", "service_cidr"),
        ("wrong type", "format = 1\n[compute]\nport = \"Port3\"\nskip_edge_addresses = \"yes\"\n".into(), "compute.skip_edge_addresses", "file-key-invalid", "expected a boolean"),
        ("a table for a number", "format = 1\n[ports.Port3]\nmode = \"dhcp\"\nmtu = [1500]\n".into(), "ports.Port3.mtu", "file-key-invalid", "whole number or a string"),
        ("port the device lacks", "format = 1\n[ports.Port9]\nmode = \"dhcp\"\n".into(), "ports.Port9", "file-port-unknown", "Port1, Port2, Port3"),
        ("port twice", "format = 1\n[ports.Port4]\nmode = \"dhcp\"\n[ports.port4]\nmode = \"dhcp\"\n".into(), "ports.port4", "file-port-twice", "Port4"),
        ("compute range too small", "format = 1\n[compute]\nport = \"Port3\"\nnode_ips = \"10.0.0.10-10.0.0.10\"\nservice_ips = \"10.0.0.20\"\n".into(), "compute.node_ips", "val-node-ips-too-few", "1 address, 2 needed"),
        ("compute without ranges", "format = 1\n[compute]\nport = \"Port3\"\n".into(), "compute.node_ips", "file-key-missing", "compute.node_ips"),
        ("compute off with a port", "format = 1\n[compute]\nenabled = false\nport = \"Port3\"\n".into(), "compute.port", "file-compute-off-with-key", "compute.port"),
        ("teaming", "format = 1\n[compute]\nport = \"Port3,Port4\"\nnode_ips = \"10.0.0.10-10.0.0.12\"\nservice_ips = \"10.0.0.20\"\n".into(), "compute.port", "val-compute-teaming", "Port3 + Port4"),
        ("management port on DHCP", "format = 1\n[ports.Port1]\nmode = \"dhcp\"\n".into(), "ports.Port1.mode", "val-port-dhcp-not-allowed", "Port1"),
        ("gateway off the subnet", "format = 1\n[ports.Port3]\nmode = \"static\"\naddress = \"10.0.0.2\"\nprefix = 24\ngateway = \"10.1.0.1\"\n".into(), "ports.Port3.gateway", "val-port-gateway-outside", "10.1.0.1"),
        ("mask as text", "format = 1\n[ports.Port3]\nmode = \"static\"\naddress = \"10.0.0.2\"\nprefix = \"255.255.0.0\"\ngateway = \"10.9.0.1\"\n".into(), "ports.Port3.gateway", "", ""),
        ("MTU out of bounds", "format = 1\n[ports.Port4]\nmode = \"dhcp\"\nmtu = 9000\n".into(), "ports.Port4.mtu", "val-port-mtu-range", "9000"),
        ("locked pod network", "format = 1\n[kubernetes]\npod_cidr = \"10.244.0.0/16\"\nservice_cidr = \"172.28.0.0/16\"\n".into(), "kubernetes.pod_cidr", "val-kubernetes-locked", "revision 2"),
        // The key paths count the file's own entries, also past an entry that did not read.
        ("route syntax", format!("format = 1\n[[routes]]\n{ROUTE}[[routes]]\ndestination = \"192.168.40.0/33\"\nnext_hop = \"10.0.0.1\"\ninterface = \"Port3\"\n"), "routes[1].destination", "val-route-prefix-invalid", ""),
        ("route rule after a bad entry", format!("format = 1\n[[routes]]\ndestination = \"x\"\nnext_hop = \"10.0.0.1\"\ninterface = \"Port3\"\n[[routes]]\n{ROUTE}[[routes]]\ndestination = \"192.168.50.0/24\"\nnext_hop = \"10.9.9.9\"\ninterface = \"Port3\"\n"), "routes[2].next_hop", "val-route-in-list", "outside Port3's subnet"),
        ("route twice", format!("format = 1\n[[routes]]\n{ROUTE}[[routes]]\n{ROUTE}"), "routes[1].destination", "val-route-in-list", "192.168.30.0/24"),
        ("route on a port the device lacks", "format = 1\n[[routes]]\ndestination = \"192.168.60.0/24\"\nnext_hop = \"10.0.0.1\"\ninterface = \"Port9\"\n".into(), "routes[0].interface", "val-route-in-list", "Port9"),
    ];
    let mut failures = Vec::new();
    for (what, text, field, code, words) in cases {
        let errors = errors_of(text);
        let Some(e) = errors.iter().find(|e| e.field == *field) else {
            failures.push(format!("{what}: no error for {field}: {errors:?}"));
            continue;
        };
        if !code.is_empty() && e.message.id() != *code {
            failures.push(format!(
                "{what}: {field} has {} ({}), not {code}",
                e.message.id(),
                e.message
            ));
        }
        if !e.message.to_string().contains(words) {
            failures.push(format!(
                "{what}: {field}: {:?} lacks {words:?}",
                e.message.to_string()
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn syntax_errors_carry_line_and_column_as_arguments() {
    let e = &errors_of("format = 1\n\n[compute]\nport =\n")[0];
    assert_eq!(e.message.get("line"), Some(&crate::i18n::Arg::Number(4)));
    assert_eq!(e.message.get("column"), Some(&crate::i18n::Arg::Number(7)));
    // Shape errors point at the key too.
    let e = &errors_of("format = 1\n[ports.Port3]\nmode = \"static\"\ngatway = \"x\"\n")[0];
    assert_eq!(e.message.get("line"), Some(&crate::i18n::Arg::Number(4)));
}

#[test]
fn an_empty_file_of_the_format_changes_nothing() {
    let c = check(&parse("format = 1\n").unwrap(), &applied(), &profile()).unwrap();
    assert!(c.changes.is_empty());
    assert_eq!(c.candidate.routes, applied().routes);
}

#[test]
fn sections_left_out_are_left_as_they_are() {
    let file = parse(
        "format = 1\n[ports.Port4]\nmode = \"static\"\naddress = \"10.4.0.2\"\nprefix = 24\n",
    )
    .unwrap();
    let c = check(&file, &applied(), &profile()).unwrap();
    assert_eq!(c.candidate.compute, applied().compute);
    assert_eq!(c.candidate.routes, applied().routes);
    assert_eq!(c.candidate.port("Port3"), applied().port("Port3"));
    assert_eq!(
        c.candidate.port("Port4").unwrap().mtu,
        1500,
        "the port's largest MTU"
    );
    let fields: Vec<_> = c
        .changes
        .iter()
        .map(|c| (c.section.to_string(), c.field.to_string()))
        .collect();
    assert!(
        fields.contains(&("Port4".into(), "Addressing".into())),
        "{fields:?}"
    );
    assert!(fields.iter().all(|(s, _)| *s == "Port4"), "{fields:?}");
}

#[test]
fn an_empty_routes_list_removes_every_route_and_port_names_take_the_device_spelling() {
    let file =
        parse("format = 1\nroutes = []\n[ports.port4]\nmode = \"dhcp\"\nmtu = \"1450\"\n").unwrap();
    let c = check(&file, &applied(), &profile()).unwrap();
    assert!(c.candidate.routes.is_empty());
    assert_eq!(c.candidate.port("Port4").unwrap().mtu, 1450);
    assert!(c
        .changes
        .iter()
        .any(|c| c.section == Section::Routes && c.to.is_empty()));
}

#[test]
fn the_export_reads_back_and_changes_nothing() {
    let text = export(&applied(), "EDGE-01");
    assert!(
        text.starts_with("# edgenet configuration of EDGE-01, revision 2\n"),
        "{text}"
    );
    assert!(text.contains("format = 1"), "{text}");
    // The profile's port order, not sorted by name.
    let at = |s: &str| {
        text.find(s)
            .unwrap_or_else(|| panic!("{s} missing:\n{text}"))
    };
    assert!(at("[ports.Port1]") < at("[ports.Port2]") && at("[ports.Port3]") < at("[compute]"));
    let c = check(&parse(&text).unwrap(), &applied(), &profile()).unwrap();
    assert!(c.changes.is_empty(), "{:?}", c.changes);
    assert_eq!(FORMAT, 1);
}

// A configuration that breaks no rule, for the round trip: data ports on
// DHCP or on their own /24s, compute on one of them, a few routes.
fn valid_config() -> impl Strategy<Value = Config> {
    let port = (
        any::<bool>(),
        2u8..90,
        any::<bool>(),
        0u8..3,
        1400u16..=1500,
    );
    (
        proptest::collection::vec(port, 5),
        2u8..250,
        any::<(bool, bool)>(),
        0u8..4,
        proptest::collection::vec((1u8..99, any::<u32>()), 0..5),
    )
        .prop_map(|(ports, mgmt, (use_compute, skip_edge), k8s, routes)| {
            let profile = profile();
            let mut c = Config::factory(&profile);
            c.port_mut("Port1").unwrap().addressing = Addressing::Static(StaticAddressing {
                interface: format!("192.168.100.{mgmt}/24").parse().unwrap(),
                gateway: None,
                dns_primary: None,
                dns_secondary: None,
            });
            let mut statics = Vec::new();
            for (i, (is_static, host, gw, dns, mtu)) in ports.into_iter().enumerate() {
                let n = i as u8 + 2;
                let p = c.port_mut(&format!("Port{n}")).unwrap();
                p.mtu = mtu;
                if is_static {
                    let net = |h: u8| Ipv4Addr::new(10, n, 0, h);
                    p.addressing = Addressing::Static(StaticAddressing {
                        interface: format!("10.{n}.0.{host}/24").parse().unwrap(),
                        gateway: gw.then(|| net(1)).filter(|g| *g != net(host)),
                        dns_primary: (dns > 0).then(|| Ipv4Addr::new(8, 8, 8, 8)),
                        dns_secondary: (dns > 1).then(|| Ipv4Addr::new(8, 8, 4, 4)),
                    });
                    statics.push(n);
                }
            }
            if let (true, Some(&n)) = (use_compute, statics.first()) {
                c.compute = Some(ComputeConfig {
                    port: format!("Port{n}"),
                    switch_name: if skip_edge {
                        "edge switch".into()
                    } else {
                        format!("vSwitch-Port{n}")
                    },
                    node_ips: Ipv4Range::new(
                        Ipv4Addr::new(10, n, 0, 100),
                        Ipv4Addr::new(10, n, 0, 103),
                    )
                    .unwrap(),
                    service_ips: Ipv4Range::new(
                        Ipv4Addr::new(10, n, 0, 200),
                        Ipv4Addr::new(10, n, 0, 220),
                    )
                    .unwrap(),
                    skip_edge_addresses: skip_edge,
                });
            }
            c.kubernetes = match k8s {
                0 => KubernetesNetworks::default(),
                1 => KubernetesNetworks {
                    dns_ip: Some("172.28.0.53".parse().unwrap()),
                    ..KubernetesNetworks::default()
                },
                2 => KubernetesNetworks {
                    pod_cidr: "172.20.0.0/16".parse().unwrap(),
                    service_cidr: "172.21.0.0/20".parse().unwrap(),
                    ..KubernetesNetworks::default()
                },
                _ => KubernetesNetworks {
                    pod_cidr: "192.168.128.0/17".parse().unwrap(),
                    ..KubernetesNetworks::default()
                },
            };
            if !statics.is_empty() {
                for (j, (third, metric)) in routes.into_iter().enumerate() {
                    let n = statics[j % statics.len()];
                    c.routes.push(Route {
                        destination: format!("192.168.{third}.0/24").parse().unwrap(),
                        next_hop: Ipv4Addr::new(10, n, 0, 254),
                        interface: format!("Port{n}"),
                        metric,
                    });
                }
            }
            c.routes.sort_by_key(|r| r.destination);
            c.routes.dedup_by_key(|r| r.destination);
            c
        })
}

proptest! {
    /// Export, factory reset, import: the same configuration, and importing
    /// it once more changes nothing.
    #[test]
    fn round_trip_through_the_file(config in valid_config()) {
        let profile = profile();
        prop_assert_eq!(validate(&config, &profile), vec![]);
        let text = export(&config, "EDGE-01");
        let file: ConfigFile = parse(&text).map_err(|e| TestCaseError::fail(format!("{e:?}\n{text}")))?;
        let factory = Config::factory(&profile);
        let checked = check(&file, &factory, &profile).map_err(|e| TestCaseError::fail(format!("{e:?}\n{text}")))?;
        let mut got = checked.candidate.clone();
        got.revision = config.revision;
        got.kubernetes.locked_at = config.kubernetes.locked_at;
        prop_assert_eq!(&got, &config);
        let again = check(&file, &checked.candidate, &profile).map_err(|e| TestCaseError::fail(format!("{e:?}")))?;
        prop_assert!(again.changes.is_empty(), "{:?}", again.changes);
    }
}

#[test]
#[ignore = "prints an export, for the docs"]
fn print_an_export() {
    println!("{}", export(&applied(), "EDGE-01"));
}
