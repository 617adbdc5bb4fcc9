//! The host side's pure part: what a revision makes the host hold, and how
//! a host found differs from it.

use std::net::Ipv4Addr;

use super::host::*;
use super::model::{Config, DeviceProfile};
use super::tests::{with_compute, with_port3};

fn a(s: &str) -> Ipv4Addr {
    s.parse().unwrap()
}

fn profile() -> DeviceProfile {
    DeviceProfile::default_appliance()
}

/// A host that holds `plan` exactly, as a reconcile leaves it.
fn holding(plan: &HostPlan) -> HostState {
    let mut links: Vec<Link> = plan
        .ports
        .iter()
        .map(|p| Link {
            name: p.port.clone(),
            mtu: p.mtu.into(),
            master: p.bridge.clone(),
            up: true,
            ..Default::default()
        })
        .collect();
    links.extend(plan.bridges.iter().map(|b| Link {
        name: b.name.clone(),
        mtu: b.mtu.into(),
        alias: Some(b.switch.alias()),
        up: true,
        ..Default::default()
    }));
    for (device, want) in plan.owned_addresses() {
        if let Some(l) = links.iter_mut().find(|l| l.name == device) {
            l.addresses = want;
        }
    }
    HostState {
        links,
        default_routes: plan.default_route.iter().cloned().collect(),
        all_default_routes: plan.default_route.iter().cloned().collect(),
        dns: plan.dns.clone(),
        nat: plan.nat.iter().cloned().collect(),
    }
}

#[test]
fn bridge_names_fit_linux() {
    for (switch, bridge) in [
        ("vSwitch-Port3", "vSwitch-Port3"),
        ("  compute  ", "compute"),
        ("compute switch A", "compute-switch-"),
        ("a.b_c", "a.b_c"),
        ("vSwitch-Port3-and-more", "vSwitch-Port3-a"),
    ] {
        assert_eq!(bridge_name(switch), bridge, "{switch:?}");
        assert!(bridge_name(switch).len() <= IFNAME_MAX);
    }
}

#[test]
fn the_factory_plan() {
    let p = plan(&Config::factory(&profile()), &profile());
    assert_eq!(p.ports.len(), 6);
    assert_eq!(
        p.ports[0].addressing,
        PlannedAddress::Static {
            address: "192.168.100.10/24".parse().unwrap(),
            device: "Port1".into()
        }
    );
    assert_eq!(p.ports[1].addressing, PlannedAddress::Dhcp);
    // Only the internal switch, holding the VMs' eth0 ends.
    assert_eq!(p.bridges.len(), 1);
    assert_eq!(p.bridges[0].switch.alias(), "edgenet:internal");
    assert_eq!(p.internal_gateway.to_string(), "172.31.255.1/24");
    assert_eq!(
        p.vm_nics.iter().map(|n| n.name.as_str()).collect::<Vec<_>>(),
        ["master-eth0", "worker-eth0"]
    );
    // The default gateway falls to the first DHCP port (Port2): its client
    // adds the route; the NAT goes out through it.
    assert_eq!(p.default_route, None);
    assert_eq!(
        p.nat,
        Some(Nat {
            source: "172.31.255.0/24".parse().unwrap(),
            out: "Port2".into()
        })
    );
    assert!(p.dns.is_empty());
}

#[test]
fn compute_moves_the_ports_address_onto_its_bridge() {
    let c = with_compute();
    let p = plan(&c, &profile());
    let port3 = &p.ports[2];
    assert_eq!(port3.bridge.as_deref(), Some("vSwitch-Port3"));
    assert_eq!(
        port3.addressing,
        PlannedAddress::Static {
            address: "10.0.0.2/24".parse().unwrap(),
            device: "vSwitch-Port3".into()
        }
    );
    assert_eq!(p.bridges[1].port.as_deref(), Some("Port3"));
    assert_eq!(
        p.bridges[1].switch,
        Switch::External {
            name: "vSwitch-Port3".into()
        }
    );
    assert!(p
        .vm_nics
        .contains(&VmNicPlan { name: "master-eth1".into(), bridge: "vSwitch-Port3".into() }));
    // Port3 is the only port with a gateway: the default route and the NAT
    // go through its bridge, and its DNS server is the resolver's.
    assert_eq!(
        p.default_route,
        Some(Gateway { via: a("10.0.0.1"), device: "vSwitch-Port3".into() })
    );
    assert_eq!(p.nat.as_ref().unwrap().out, "vSwitch-Port3");
    assert_eq!(p.dns, vec![a("10.0.0.53")]);
    // The port itself keeps no address; the bridge holds it.
    let owned = p.owned_addresses();
    assert!(owned.contains(&("Port3".into(), vec![])));
    assert!(owned.contains(&("vSwitch-Port3".into(), vec!["10.0.0.2/24".parse().unwrap()])));
}

fn set_dns(c: &mut Config, port: &str, primary: &str, secondary: &str) {
    match &mut c.port_mut(port).unwrap().addressing {
        super::model::Addressing::Static(st) => {
            st.dns_primary = Some(a(primary));
            st.dns_secondary = Some(a(secondary));
        }
        super::model::Addressing::Dhcp => panic!("{port} is DHCP"),
    }
}

#[test]
fn name_servers_come_default_gateway_port_first_each_once_at_most_three() {
    let mut c = with_port3("10.0.0.2/24", Some("10.0.0.1"), Some("10.0.0.53"));
    set_dns(&mut c, "Port1", "192.168.100.53", "10.0.0.53");
    assert_eq!(plan(&c, &profile()).dns, vec![a("10.0.0.53"), a("192.168.100.53")]);
    set_dns(&mut c, "Port3", "10.0.0.53", "10.0.0.54");
    set_dns(&mut c, "Port1", "192.168.100.53", "192.168.100.54");
    assert_eq!(
        plan(&c, &profile()).dns,
        vec![a("10.0.0.53"), a("10.0.0.54"), a("192.168.100.53")]
    );
}

#[test]
fn a_host_holding_the_plan_differs_in_nothing() {
    for c in [Config::factory(&profile()), with_compute()] {
        let p = plan(&c, &profile());
        assert_eq!(differences(&p, &holding(&p)), vec![]);
    }
}

/// Each way a host can differ, from a host that held the plan.
#[test]
fn each_difference_is_found() {
    let p = plan(&with_compute(), &profile());
    type Change = Box<dyn Fn(&mut HostState)>;
    let cases: Vec<(&str, Change, Difference)> = vec![
        (
            "a port missing",
            Box::new(|s| s.links.retain(|l| l.name != "Port4")),
            Difference::MissingPort { port: "Port4".into() },
        ),
        (
            "an old address left on Port1",
            Box::new(|s| {
                let l = s.links.iter_mut().find(|l| l.name == "Port1").unwrap();
                l.addresses.push("192.168.100.11/24".parse().unwrap());
            }),
            Difference::Addresses {
                device: "Port1".into(),
                want: vec!["192.168.100.10/24".parse().unwrap()],
                have: vec![
                    "192.168.100.10/24".parse().unwrap(),
                    "192.168.100.11/24".parse().unwrap(),
                ],
            },
        ),
        (
            "the compute port's address on the port, not the bridge",
            Box::new(|s| {
                s.links.iter_mut().find(|l| l.name == "Port3").unwrap().addresses =
                    vec!["10.0.0.2/24".parse().unwrap()];
            }),
            Difference::Addresses {
                device: "Port3".into(),
                want: vec![],
                have: vec!["10.0.0.2/24".parse().unwrap()],
            },
        ),
        (
            "an MTU",
            Box::new(|s| s.links.iter_mut().find(|l| l.name == "Port5").unwrap().mtu = 9000),
            Difference::Mtu { device: "Port5".into(), want: 1500, have: 9000 },
        ),
        (
            "the compute port off its bridge",
            Box::new(|s| s.links.iter_mut().find(|l| l.name == "Port3").unwrap().master = None),
            Difference::Bridge {
                device: "Port3".into(),
                want: Some("vSwitch-Port3".into()),
                have: None,
            },
        ),
        (
            "a port down",
            Box::new(|s| s.links.iter_mut().find(|l| l.name == "Port1").unwrap().up = false),
            Difference::Down { device: "Port1".into() },
        ),
        (
            "the external bridge missing",
            Box::new(|s| s.links.retain(|l| l.name != "vSwitch-Port3")),
            Difference::MissingBridge { bridge: "vSwitch-Port3".into() },
        ),
        (
            "a device of the bridge's name that is not edgenet's",
            Box::new(|s| s.links.iter_mut().find(|l| l.name == INTERNAL_BRIDGE).unwrap().alias = None),
            Difference::MissingBridge { bridge: INTERNAL_BRIDGE.into() },
        ),
        (
            "an edgenet bridge left from an older revision",
            Box::new(|s| {
                s.links.push(Link {
                    name: "vSwitch-Port4".into(),
                    alias: Some("edgenet:external:vSwitch-Port4".into()),
                    ..Default::default()
                })
            }),
            Difference::StaleBridge { bridge: "vSwitch-Port4".into() },
        ),
        (
            "the master's eth1 end on no bridge",
            Box::new(|s| {
                s.links.push(Link { name: "master-eth1".into(), ..Default::default() })
            }),
            Difference::Bridge {
                device: "master-eth1".into(),
                want: Some("vSwitch-Port3".into()),
                have: None,
            },
        ),
        (
            "the default route gone",
            Box::new(|s| s.default_routes.clear()),
            Difference::DefaultRoute {
                want: Some(Gateway { via: a("10.0.0.1"), device: "vSwitch-Port3".into() }),
                have: vec![],
            },
        ),
        (
            "another resolver",
            Box::new(|s| s.dns = vec![a("9.9.9.9")]),
            Difference::Dns { want: vec![a("10.0.0.53")], have: vec![a("9.9.9.9")] },
        ),
        (
            "no NAT",
            Box::new(|s| s.nat.clear()),
            Difference::Nat {
                want: Some(Nat {
                    source: "172.31.255.0/24".parse().unwrap(),
                    out: "vSwitch-Port3".into(),
                }),
                have: vec![],
            },
        ),
    ];
    for (what, change, want) in cases {
        let tag = serde_json::to_value(&want).unwrap()["kind"].as_str().unwrap().to_string();
        assert_eq!(want.kind(), tag, "{what}");
        let mut s = holding(&p);
        change(&mut s);
        assert_eq!(differences(&p, &s), vec![want], "{what}");
    }
}

#[test]
fn a_port_on_someone_elses_bridge_is_theirs() {
    let p = plan(&Config::factory(&profile()), &profile());
    let mut s = holding(&p);
    s.links.push(Link { name: "br-lab".into(), ..Default::default() });
    s.links.iter_mut().find(|l| l.name == "Port6").unwrap().master = Some("br-lab".into());
    assert_eq!(differences(&p, &s), vec![]);
}

#[test]
fn what_a_dhcp_port_holds_is_shown() {
    let p = plan(&Config::factory(&profile()), &profile());
    let mut s = holding(&p);
    s.links.iter_mut().find(|l| l.name == "Port2").unwrap().addresses =
        vec!["192.0.2.7/24".parse().unwrap()];
    s.all_default_routes.push(Gateway { via: a("192.0.2.1"), device: "Port2".into() });
    let held = dhcp_held(&p, &s);
    assert_eq!(held[0], ("Port2".into(), vec!["192.0.2.7/24".parse().unwrap()], vec![a("192.0.2.1")]));
    assert_eq!(held.len(), 5);
    assert_eq!(held[1], ("Port3".into(), vec![], vec![]));
    // A DHCP port's addresses are its client's: never a difference.
    assert_eq!(differences(&p, &s), vec![]);
}

#[test]
fn resolver_files_round_trip() {
    let text = resolv_conf(&[a("10.0.0.53"), a("10.0.0.54")], 7);
    assert_eq!(
        text,
        "# written by edgenet (revision 7); edits are replaced\nnameserver 10.0.0.53\nnameserver 10.0.0.54\n"
    );
    assert_eq!(parse_resolv_conf(&text), (vec![a("10.0.0.53"), a("10.0.0.54")], true));
    assert_eq!(
        parse_resolv_conf("search lan\nnameserver 192.0.2.53\nnameserver ::1\n# nameserver 1.1.1.1\n"),
        (vec![a("192.0.2.53")], false)
    );
}
