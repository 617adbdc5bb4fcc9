//! Every field's error at once (#18 item 5): a field that cannot be read
//! must not hide what is wrong with another field of the same form. The
//! issue's example (Port3 address 10.20.0.256 with MTU 9000) and its
//! siblings, for the port and the Kubernetes forms, with the errors each
//! field must show.

use super::error::message_for;
use super::form::{Draft, PortForm};
use super::kubernetes::KubernetesForm;
use super::model::Config;
use super::model::DeviceProfile;

fn port3(f: &[(&str, &str)]) -> PortForm {
    let mut p = PortForm {
        name: "Port3".into(),
        mode: "static".into(),
        address: "10.20.0.10".into(),
        prefix: "24".into(),
        gateway: "10.20.0.1".into(),
        mtu: "1500".into(),
        ..Default::default()
    };
    for (k, v) in f {
        let slot = match *k {
            "mode" => &mut p.mode,
            "address" => &mut p.address,
            "prefix" => &mut p.prefix,
            "gateway" => &mut p.gateway,
            "dns_primary" => &mut p.dns_primary,
            "dns_secondary" => &mut p.dns_secondary,
            "mtu" => &mut p.mtu,
            other => panic!("no field {other}"),
        };
        *slot = v.to_string();
    }
    p
}

/// The errors of the draft with Port3 typed as given, by field (the part
/// after `ports.Port3.`), each with a word of the message it must carry.
fn port_errors(form: PortForm) -> Vec<(String, String)> {
    let profile = DeviceProfile::default_appliance();
    let applied = Config::factory(&profile);
    let mut draft = Draft::from_config(&applied);
    *draft.port_mut("Port3").unwrap() = form;
    let (candidate, errors) = draft.resolve(&applied, &profile);
    assert!(candidate.is_none());
    let mut out: Vec<_> = errors
        .iter()
        .filter_map(|e| {
            let f = e.field.strip_prefix("ports.Port3.")?;
            Some((f.to_string(), message_for(&errors, &e.field)?.to_string()))
        })
        .collect();
    out.sort();
    out
}

#[test]
fn every_port_field_shows_its_error_with_another_field_unreadable() {
    // (what is typed, [(field, words its error must hold)])
    #[allow(clippy::type_complexity)]
    let cases: &[(&[(&str, &str)], &[(&str, &str)])] = &[
        // The example: the MTU rule was hidden by the address typo.
        (
            &[("address", "10.20.0.256"), ("mtu", "9000")],
            &[("address", "10.20.0.256"), ("mtu", "1400 to 1500")],
        ),
        // An unreadable MTU does not hide the address rules.
        (
            &[("address", "10.20.0.0"), ("mtu", "abc")],
            &[("address", "network address"), ("mtu", "abc")],
        ),
        // An unreadable prefix: the gateway is still the port's own address.
        (
            &[("prefix", "33"), ("gateway", "10.20.0.10")],
            &[("gateway", "own address"), ("prefix", "33")],
        ),
        // An unreadable address: whether the gateway is inside the subnet
        // cannot be judged, but the DNS rules can.
        (
            &[
                ("address", "10.20.0.x"),
                ("dns_primary", "10.20.0.2"),
                ("dns_secondary", "10.20.0.2"),
            ],
            &[("address", "10.20.0.x"), ("dns_secondary", "same")],
        ),
        (
            &[("address", ""), ("dns_secondary", "127.0.0.1")],
            &[
                ("address", "required"),
                ("dns_primary", "without"),
                ("dns_secondary", "loopback"),
            ],
        ),
        // An unreadable gateway does not hide the address rule or the MTU.
        (
            &[
                ("address", "127.0.0.5"),
                ("gateway", "nope"),
                ("mtu", "1200"),
            ],
            &[
                ("address", "loopback"),
                ("gateway", "nope"),
                ("mtu", "1400 to 1500"),
            ],
        ),
        // An unreadable secondary DNS: the primary's rule still shows.
        (
            &[("dns_primary", "224.0.0.1"), ("dns_secondary", "1.2.3")],
            &[("dns_primary", "multicast"), ("dns_secondary", "1.2.3")],
        ),
        // An unreadable mode: the MTU rule still shows.
        (
            &[("mode", "bogus"), ("mtu", "9000")],
            &[("mode", "bogus"), ("mtu", "1400 to 1500")],
        ),
    ];
    for (typed, want) in cases {
        let got = port_errors(port3(typed));
        let fields: Vec<&str> = got.iter().map(|(f, _)| f.as_str()).collect();
        let want_fields: Vec<&str> = want.iter().map(|(f, _)| *f).collect();
        assert_eq!(fields, want_fields, "{typed:?}: {got:#?}");
        for ((field, text), (_, words)) in got.iter().zip(want.iter()) {
            assert!(
                text.contains(words),
                "{typed:?}: the {field} error {text:?} should say {words:?}"
            );
        }
    }
}

#[test]
fn a_readable_form_reports_as_before() {
    // Nothing unreadable: the rules alone, the same as a form that parses.
    let got = port_errors(port3(&[("address", "10.20.0.255"), ("mtu", "9000")]));
    let fields: Vec<&str> = got.iter().map(|(f, _)| f.as_str()).collect();
    assert_eq!(fields, ["address", "mtu"], "{got:#?}");
}

fn kubernetes_errors(pod: &str, svc: &str, dns: &str) -> Vec<(String, String)> {
    let profile = DeviceProfile::default_appliance();
    let applied = Config::factory(&profile);
    let mut draft = Draft::from_config(&applied);
    draft.kubernetes = KubernetesForm {
        pod_cidr: pod.into(),
        service_cidr: svc.into(),
        dns_ip: dns.into(),
    };
    let (_, errors) = draft.resolve(&applied, &profile);
    let mut out: Vec<_> = errors
        .iter()
        .filter_map(|e| {
            let f = e.field.strip_prefix("kubernetes.")?;
            Some((f.to_string(), message_for(&errors, &e.field)?.to_string()))
        })
        .collect();
    out.sort();
    out
}

#[test]
fn every_kubernetes_field_shows_its_error_with_another_field_unreadable() {
    // (pod network, service network, cluster DNS, [(field, words)])
    #[allow(clippy::type_complexity)]
    let cases: &[(&str, &str, &str, &[(&str, &str)])] = &[
        // An unreadable pod network: the service network's size still shows.
        (
            "10.244.0.0",
            "10.0.0.0/8",
            "",
            &[("pod_cidr", "10.244.0.0"), ("service_cidr", "10.0.0.0/8")],
        ),
        // An unreadable service network: the pod network's size still shows.
        (
            "10.244.0.0/27",
            "10.96.0.0/x",
            "",
            &[
                ("pod_cidr", "10.244.0.0/27"),
                ("service_cidr", "10.96.0.0/x"),
            ],
        ),
        // An unreadable cluster DNS: both networks' rules still show.
        (
            "127.0.0.0/16",
            "169.254.0.0/16",
            "10.96.0.x",
            &[
                ("dns_ip", "10.96.0.x"),
                ("pod_cidr", "127.0.0.0/8"),
                ("service_cidr", "169.254.0.0/16"),
            ],
        ),
        // An unreadable pod network: the DNS address outside the service
        // network still shows.
        (
            "",
            "10.96.0.0/16",
            "10.97.0.10",
            &[("dns_ip", "10.97.0.10"), ("pod_cidr", "")],
        ),
    ];
    for (pod, svc, dns, want) in cases {
        let got = kubernetes_errors(pod, svc, dns);
        let fields: Vec<&str> = got.iter().map(|(f, _)| f.as_str()).collect();
        let want_fields: Vec<&str> = want.iter().map(|(f, _)| *f).collect();
        assert_eq!(fields, want_fields, "{pod} {svc} {dns}: {got:#?}");
        for ((field, text), (_, words)) in got.iter().zip(want.iter()) {
            assert!(
                text.contains(words),
                "{pod} {svc} {dns}: the {field} error {text:?} should say {words:?}"
            );
        }
    }
}
