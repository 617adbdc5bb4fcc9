//! One configuration of the whole device, as a revision stores it.

use std::net::Ipv4Addr;

use serde::{Deserialize, Serialize};

use super::compute::ComputeConfig;
use super::kubernetes::KubernetesNetworks;
use super::port::{Addressing, PortConfig};
use super::profile::DeviceProfile;
use super::route::Route;

/// One applied (or candidate) configuration of the whole device.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Config {
    pub revision: u64,
    pub ports: Vec<PortConfig>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub compute: Option<ComputeConfig>,
    #[serde(default)]
    pub kubernetes: KubernetesNetworks,
    /// Custom routes of the Kubernetes VMs, in the order they were added.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub routes: Vec<Route>,
    /// The port the administrator chose to hold the default gateway (and the
    /// internal switch's NAT); `None` leaves it to the rule of
    /// [`Config::default_gateway_port`]. [`validate`] checks that the port
    /// can hold it ([`PortConfig::can_hold_default_gateway`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub default_gateway: Option<String>,
}

impl Config {
    /// The DNS servers the Kubernetes VMs use, with the field of the
    /// compute port each comes from (`dns_primary`, `dns_secondary`): the
    /// compute port's, written as the VMs' netplan `nameservers`
    /// ([`crate::domain::manifests::node_network`]), which is also where
    /// CoreDNS forwards what the cluster does not answer. Empty without
    /// compute, or when the port has none (the VMs then ask the host's NAT
    /// gateway on the internal switch).
    pub fn vm_dns_servers(&self) -> Vec<(Ipv4Addr, &'static str)> {
        let Some(st) = self
            .compute
            .as_ref()
            .and_then(|c| self.port(&c.port))
            .and_then(|p| p.addressing.as_static())
        else {
            return Vec::new();
        };
        [
            ("dns_primary", st.dns_primary),
            ("dns_secondary", st.dns_secondary),
        ]
        .into_iter()
        .filter_map(|(key, d)| Some((d?, key)))
        .collect()
    }

    /// The configuration the device leaves the factory with: revision 0.
    pub fn factory(profile: &DeviceProfile) -> Self {
        Config {
            revision: 0,
            ports: profile.ports.iter().map(|p| p.factory_config()).collect(),
            compute: None,
            kubernetes: KubernetesNetworks::default(),
            routes: Vec::new(),
            default_gateway: None,
        }
    }

    pub fn port(&self, name: &str) -> Option<&PortConfig> {
        self.ports
            .iter()
            .find(|p| p.name.eq_ignore_ascii_case(name))
    }

    pub fn port_mut(&mut self, name: &str) -> Option<&mut PortConfig> {
        self.ports
            .iter_mut()
            .find(|p| p.name.eq_ignore_ascii_case(name))
    }

    /// The port whose gateway the internal virtual switch NATs out through:
    /// the one the administrator chose ([`Config::default_gateway`]) while it
    /// can hold it; otherwise the first static port with a gateway, else the
    /// first DHCP port (whose gateway comes from the DHCP server).
    pub fn default_gateway_port(&self) -> Option<&PortConfig> {
        self.default_gateway
            .as_deref()
            .and_then(|name| self.port(name))
            .filter(|p| p.can_hold_default_gateway())
            .or_else(|| self.first_default_gateway_port())
    }

    /// Every port that could hold the default gateway, in the device's order:
    /// the administrator's choice when there is more than one.
    pub fn default_gateway_candidates(&self) -> Vec<&PortConfig> {
        self.ports
            .iter()
            .filter(|p| p.can_hold_default_gateway())
            .collect()
    }

    /// The rule without a choice: the first static port with a gateway, else
    /// the first DHCP port.
    fn first_default_gateway_port(&self) -> Option<&PortConfig> {
        self.ports
            .iter()
            .find(|p| {
                p.addressing
                    .as_static()
                    .is_some_and(|s| s.gateway.is_some())
            })
            .or_else(|| {
                self.ports
                    .iter()
                    .find(|p| matches!(p.addressing, Addressing::Dhcp))
            })
    }

    /// Brings a configuration read from disk in line with the profile: ports
    /// the profile added get their factory settings, ports it dropped go.
    pub fn reconcile(mut self, profile: &DeviceProfile) -> Self {
        let mut ports = Vec::with_capacity(profile.ports.len());
        for spec in &profile.ports {
            match self
                .ports
                .iter()
                .position(|p| p.name.eq_ignore_ascii_case(&spec.name))
            {
                Some(i) => ports.push(self.ports.swap_remove(i)),
                None => ports.push(spec.factory_config()),
            }
        }
        self.ports = ports;
        self
    }
}
