//! What a change does beyond the fields it edits: the effects the device
//! derives from the configuration, which the administrator must see where
//! the change is decided (the staged diff, the Changes review, the API's
//! answer) and find again in the audit trail.
//!
//! - The default gateway, and with it the NAT of the internal virtual switch
//!   (the VMs' way out), is held by one port ([`Config::default_gateway_port`]);
//!   giving another port a gateway can move it.
//! - The pod and service networks (and the cluster DNS address) lock when
//!   compute is first applied: kubeadm writes them into the cluster
//!   (`ClusterConfiguration.networking`), and they cannot change under a
//!   running cluster; a factory reset unlocks them.
//! - The update spare (the node IP after the master's and the worker's, see
//!   [`Allocation::of`]) disappears when the node range no longer holds one.

use std::net::Ipv4Addr;

use serde::{Deserialize, Serialize};

use super::form::Draft;
use super::model::DeviceProfile;
use super::model::{Allocation, Config};
use crate::i18n::Message;

/// One derived effect of going from the applied configuration to another.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum Consequence {
    /// The port that holds the default gateway and carries the VMs' NAT
    /// changes (`None`: no port holds one).
    DefaultGatewayMoves {
        from: Option<String>,
        to: Option<String>,
    },
    /// Applying locks the cluster networks (compute is applied for the first time).
    ClusterNetworksLock {
        pod_cidr: String,
        service_cidr: String,
        /// The cluster DNS address in force (the tenth of the service network when left empty).
        #[serde(default)]
        dns: String,
    },
    /// Applying unlocks the cluster networks (compute is gone: a factory reset).
    ClusterNetworksUnlock,
    /// The node IPs no longer hold an update spare (`was`: the spare it had,
    /// `None` when compute was off).
    UpdateSpareLost { was: Option<Ipv4Addr> },
}

impl Consequence {
    /// In the reader's language; the id is the API's `code`.
    pub fn message(&self) -> Message {
        match self {
            Consequence::DefaultGatewayMoves {
                from: Some(from),
                to: Some(to),
            } => crate::msg!("consequence-gateway-moves", from = from, to = to),
            Consequence::DefaultGatewayMoves {
                from: None,
                to: Some(to),
            } => crate::msg!("consequence-gateway-set", to = to),
            Consequence::DefaultGatewayMoves { from, to: None } => crate::msg!(
                "consequence-gateway-gone",
                from = from.clone().unwrap_or_default()
            ),
            Consequence::ClusterNetworksLock {
                pod_cidr,
                service_cidr,
                dns,
            } => crate::msg!(
                "consequence-cluster-lock",
                pod = pod_cidr,
                service = service_cidr,
                dns = dns
            ),
            Consequence::ClusterNetworksUnlock => crate::msg!("consequence-cluster-unlock"),
            Consequence::UpdateSpareLost { was: Some(was) } => {
                crate::msg!("consequence-spare-lost", was = was.to_string())
            }
            Consequence::UpdateSpareLost { was: None } => crate::msg!("consequence-no-spare"),
        }
    }

    /// True for a consequence that cannot be taken back by another edit
    /// (only by a factory reset): pages show it as a warning before Apply.
    pub fn is_lasting(&self) -> bool {
        matches!(self, Consequence::ClusterNetworksLock { .. })
    }
}

/// The consequences of applying `draft` (none while it has errors: it cannot be applied).
pub fn of_draft(draft: &Draft, applied: &Config, profile: &DeviceProfile) -> Vec<Consequence> {
    match draft.resolve(applied, profile).0 {
        Some(next) => consequences(applied, &next),
        None => Vec::new(),
    }
}

/// The consequences of replacing `applied` with `next`, most lasting first.
/// Pure: the same on the server, in the browser and in tests.
pub fn consequences(applied: &Config, next: &Config) -> Vec<Consequence> {
    let mut out = Vec::new();
    let (was, now) = (&applied.kubernetes, &next.kubernetes);
    match (was.locked_at, now.locked_at) {
        (None, Some(_)) => out.push(Consequence::ClusterNetworksLock {
            pod_cidr: now.pod_cidr.to_string(),
            service_cidr: now.service_cidr.to_string(),
            dns: now.dns().to_string(),
        }),
        (Some(_), None) => out.push(Consequence::ClusterNetworksUnlock),
        _ => {}
    }
    let port = |c: &Config| c.default_gateway_port().map(|p| p.name.clone());
    let (from, to) = (port(applied), port(next));
    if from != to {
        out.push(Consequence::DefaultGatewayMoves { from, to });
    }
    let spare = |c: &Config| {
        c.compute
            .as_ref()
            .map(|c| Allocation::of(c).and_then(|a| a.update_spare))
    };
    match (spare(applied), spare(next)) {
        (Some(Some(was)), Some(None)) => out.push(Consequence::UpdateSpareLost { was: Some(was) }),
        (None, Some(None)) => out.push(Consequence::UpdateSpareLost { was: None }),
        _ => {}
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::form::ComputeForm;

    fn with(edit: impl FnOnce(&mut Draft), applied: &Config) -> Config {
        let profile = DeviceProfile::default_appliance();
        let mut d = Draft::from_config(applied);
        edit(&mut d);
        let (c, errors) = d.resolve(applied, &profile);
        c.unwrap_or_else(|| panic!("{errors:?}"))
    }

    fn port3(d: &mut Draft, address: &str, gateway: &str) {
        let p = d.port_mut("Port3").unwrap();
        p.mode = "static".into();
        p.address = address.into();
        p.prefix = "24".into();
        p.gateway = gateway.into();
    }

    fn compute(d: &mut Draft, nodes: (&str, &str)) {
        d.compute = ComputeForm {
            port: "Port3".into(),
            node_start: nodes.0.into(),
            node_end: nodes.1.into(),
            service_start: "10.20.0.40".into(),
            service_end: "10.20.0.49".into(),
            ..Default::default()
        };
    }

    #[test]
    fn every_derived_effect_is_named_with_its_before_and_after() {
        let factory = Config::factory(&DeviceProfile::default_appliance());
        let gw_port3 = with(|d| port3(d, "10.20.0.10", "10.20.0.1"), &factory);
        let no_gw_port3 = with(|d| port3(d, "10.20.0.10", ""), &factory);
        let chosen_port3 = with(
            |d| {
                port3(d, "10.20.0.10", "10.20.0.1");
                d.default_gateway = "Port3".into();
            },
            &factory,
        );
        let with_compute = with(
            |d| {
                port3(d, "10.20.0.10", "");
                compute(d, ("10.20.0.20", "10.20.0.22"));
            },
            &factory,
        );
        let lock = Consequence::ClusterNetworksLock {
            pod_cidr: factory.kubernetes.pod_cidr.to_string(),
            service_cidr: factory.kubernetes.service_cidr.to_string(),
            dns: "172.28.0.10".into(),
        };
        let moves = |from: &str, to: &str| Consequence::DefaultGatewayMoves {
            from: Some(from.into()),
            to: Some(to.into()),
        };
        let cases: Vec<(&str, &Config, Config, Vec<Consequence>)> = vec![
            // The example: Port3 static with a gateway no longer
            // takes the default gateway from Port2 (DHCP) without a word;
            // it stays until the administrator chooses (#18 item 1).
            ("gateway on Port3", &factory, gw_port3.clone(), vec![]),
            (
                "Port3 chosen",
                &factory,
                chosen_port3.clone(),
                vec![moves("Port2", "Port3")],
            ),
            (
                "and back: Port3 can no longer hold it",
                &chosen_port3,
                with(|d| port3(d, "10.20.0.10", ""), &chosen_port3),
                vec![moves("Port3", "Port2")],
            ),
            (
                "kept on Port2, until Port2 can no longer hold it",
                &gw_port3,
                with(
                    |d| {
                        let p = d.port_mut("Port2").unwrap();
                        p.mode = "static".into();
                        p.address = "10.30.0.10".into();
                        p.prefix = "24".into();
                    },
                    &gw_port3,
                ),
                vec![moves("Port2", "Port3")],
            ),
            (
                "Port2 chosen back",
                &chosen_port3,
                with(|d| d.default_gateway = "port2".into(), &chosen_port3),
                vec![moves("Port3", "Port2")],
            ),
            (
                "static without a gateway moves nothing",
                &factory,
                no_gw_port3.clone(),
                vec![],
            ),
            (
                "only an MTU",
                &factory,
                with(
                    |d| d.port_mut("Port4").unwrap().mtu = "1450".into(),
                    &factory,
                ),
                vec![],
            ),
            (
                "first compute: the lock",
                &no_gw_port3,
                with(|d| compute(d, ("10.20.0.20", "10.20.0.22")), &no_gw_port3),
                vec![lock.clone()],
            ),
            (
                "first compute without a spare",
                &no_gw_port3,
                with(|d| compute(d, ("10.20.0.20", "10.20.0.21")), &no_gw_port3),
                vec![lock, Consequence::UpdateSpareLost { was: None }],
            ),
            (
                "the spare disappears",
                &with_compute,
                with(|d| compute(d, ("10.20.0.20", "10.20.0.21")), &with_compute),
                vec![Consequence::UpdateSpareLost {
                    was: Some(Ipv4Addr::new(10, 20, 0, 22)),
                }],
            ),
            (
                "a wider range keeps it",
                &with_compute,
                with(|d| compute(d, ("10.20.0.20", "10.20.0.25")), &with_compute),
                vec![],
            ),
            (
                "the factory reset unlocks",
                &with_compute,
                {
                    let mut f = factory.clone();
                    f.revision = 2;
                    f
                },
                vec![Consequence::ClusterNetworksUnlock],
            ),
        ];
        for (what, applied, next, want) in cases {
            assert_eq!(consequences(applied, &next), want, "{what}");
        }
    }

    #[test]
    fn where_the_default_gateway_is_stated_only_when_the_rule_would_say_otherwise() {
        let profile = DeviceProfile::default_appliance();
        let factory = Config::factory(&profile);
        // (what, the draft's edit, the stored choice, the port that holds it, errors)
        #[allow(clippy::type_complexity)]
        let cases: Vec<(
            &str,
            Box<dyn Fn(&mut Draft)>,
            Option<&str>,
            Option<&str>,
            Vec<&str>,
        )> = vec![
            ("factory", Box::new(|_| {}), None, Some("Port2"), vec![]),
            (
                "a gateway elsewhere pins Port2",
                Box::new(|d| port3(d, "10.20.0.10", "10.20.0.1")),
                Some("Port2"),
                Some("Port2"),
                vec![],
            ),
            (
                "choosing what the rule gives stores nothing",
                Box::new(|d| d.default_gateway = "Port2".into()),
                None,
                Some("Port2"),
                vec![],
            ),
            (
                "choosing another DHCP port",
                Box::new(|d| d.default_gateway = "port4".into()),
                Some("Port4"),
                Some("Port4"),
                vec![],
            ),
            (
                "a port without a gateway cannot hold it",
                Box::new(|d| {
                    port3(d, "10.20.0.10", "");
                    d.default_gateway = "Port3".into();
                }),
                Some("Port3"),
                None,
                vec!["default_gateway"],
            ),
            (
                "a port the device lacks",
                Box::new(|d| d.default_gateway = "Port9".into()),
                Some("Port9"),
                None,
                vec!["default_gateway"],
            ),
        ];
        for (what, edit, stored, holder, fields) in cases {
            let mut d = Draft::from_config(&factory);
            edit(&mut d);
            let (next, errors) = d.resolve(&factory, &profile);
            let got: Vec<&str> = errors.iter().map(|e| e.field.as_str()).collect();
            assert_eq!(got, fields, "{what}");
            if let Some(next) = next {
                assert_eq!(next.default_gateway.as_deref(), stored, "{what}");
                assert_eq!(
                    next.default_gateway_port().map(|p| p.name.as_str()),
                    holder,
                    "{what}"
                );
            }
            // What the Network page and the Gateway field show agree with it.
            let outlook = d.default_gateway_outlook(&factory, &profile);
            if fields.is_empty() {
                assert_eq!(outlook.next.as_deref(), holder, "{what}");
            }
        }
    }

    #[test]
    fn the_gateway_field_says_where_the_default_gateway_is() {
        let outlook = |now: Option<&str>, next: Option<&str>| crate::domain::form::GatewayOutlook {
            now: now.map(Into::into),
            next: next.map(Into::into),
            candidates: vec![],
        };
        // (now, next, the field's port, a gateway typed there, the note's id)
        let cases = [
            (
                Some("Port2"),
                Some("Port2"),
                "Port2",
                false,
                Some("gateway-note-here"),
            ),
            (
                Some("Port2"),
                Some("Port3"),
                "Port3",
                true,
                Some("gateway-note-moves-here"),
            ),
            (
                None,
                Some("Port3"),
                "Port3",
                true,
                Some("gateway-note-here"),
            ),
            (
                Some("Port2"),
                Some("Port3"),
                "Port2",
                false,
                Some("gateway-note-moves-away"),
            ),
            (
                Some("Port2"),
                None,
                "Port2",
                false,
                Some("gateway-note-gone"),
            ),
            (
                Some("Port2"),
                Some("Port2"),
                "Port3",
                true,
                Some("gateway-note-elsewhere"),
            ),
            (Some("Port2"), Some("Port2"), "Port3", false, None),
        ];
        for (now, next, port, typed, want) in cases {
            let got = outlook(now, next).note_for(port, typed);
            assert_eq!(
                got.as_ref().map(|m| m.id()),
                want,
                "{now:?} → {next:?} on {port}"
            );
        }
    }

    #[test]
    fn messages_say_before_and_after() {
        let m = Consequence::DefaultGatewayMoves {
            from: Some("Port2".into()),
            to: Some("Port3".into()),
        }
        .message();
        assert_eq!(m.id(), "consequence-gateway-moves");
        assert_eq!(
            m.to_string(),
            "The default gateway and the VMs' NAT (the internal virtual switch's way out) move from Port2 to Port3."
        );
        assert!(Consequence::ClusterNetworksLock {
            pod_cidr: "a".into(),
            service_cidr: "b".into(),
            dns: "c".into(),
        }
        .is_lasting());
    }
}
