//! What the device is: its ports and what each may do.
//!
//! The embedded default describes the one-node, six-port appliance; a profile
//! file (TOML, read by the server) can describe another device.

use std::net::Ipv4Addr;

use ipnet::Ipv4Net;
use serde::{Deserialize, Serialize};

use super::port::{Addressing, PortConfig, StaticAddressing};

/// Ports a device profile may describe: more than any appliance has, few
/// enough that every page stays quick.
pub const PORTS_MAX: usize = 64;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeviceProfile {
    /// Model name shown in the header.
    pub model: String,
    /// Kubernetes nodes of the device: the node IP range needs one address
    /// per node plus one spare for updates.
    #[serde(default = "one")]
    pub nodes: u8,
    /// The factory-made internal virtual switch, NATed out through the port
    /// that holds the default gateway.
    pub internal_switch: Ipv4Net,
    pub ports: Vec<PortSpec>,
}

fn one() -> u8 {
    1
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum PortRole {
    Management,
    Internet,
    Data,
}

impl PortRole {
    /// The role as one lowercase word, as the profile file spells it; messages
    /// choose their wording by it (`{ $role -> [management] … }`).
    pub fn key(self) -> &'static str {
        match self {
            PortRole::Management => "management",
            PortRole::Internet => "internet",
            PortRole::Data => "data",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PortSpec {
    pub name: String,
    /// Link speed as printed on the device, e.g. "25 GbE".
    pub speed: String,
    pub role: PortRole,
    /// May this port carry the external virtual switch for compute?
    pub compute: bool,
    /// May this port be set to DHCP? (The management port may not.)
    #[serde(default = "yes")]
    pub dhcp: bool,
    /// MTU bounds; equal bounds mean the MTU is fixed.
    #[serde(default = "default_mtu_min")]
    pub mtu_min: u16,
    #[serde(default = "default_mtu_max")]
    pub mtu_max: u16,
    /// The settings the port leaves the factory with.
    pub factory: Addressing,
}

fn yes() -> bool {
    true
}
fn default_mtu_min() -> u16 {
    1400
}
fn default_mtu_max() -> u16 {
    1500
}

impl PortSpec {
    pub fn mtu_fixed(&self) -> bool {
        self.mtu_min == self.mtu_max
    }

    pub fn factory_config(&self) -> PortConfig {
        PortConfig {
            name: self.name.clone(),
            addressing: self.factory.clone(),
            mtu: self.mtu_max,
        }
    }
}

impl DeviceProfile {
    /// The one-node appliance with six ports.
    pub fn default_appliance() -> Self {
        let data = |n: u8, speed: &str| PortSpec {
            name: format!("Port{n}"),
            speed: speed.into(),
            role: PortRole::Data,
            compute: true,
            dhcp: true,
            mtu_min: 1400,
            mtu_max: 1500,
            factory: Addressing::Dhcp,
        };
        let management = PortSpec {
            name: "Port1".into(),
            speed: "1 GbE".into(),
            role: PortRole::Management,
            compute: false,
            dhcp: false,
            mtu_min: 1500,
            mtu_max: 1500,
            factory: Addressing::Static(StaticAddressing {
                interface: "192.168.100.10/24".parse().expect("literal"),
                gateway: None,
                dns_primary: None,
                dns_secondary: None,
            }),
        };
        let internet = PortSpec {
            role: PortRole::Internet,
            ..data(2, "1 GbE")
        };
        DeviceProfile {
            model: "Edge compute appliance (1 node)".into(),
            nodes: 1,
            internal_switch: Ipv4Net::new(Ipv4Addr::new(172, 31, 255, 0), 24).expect("literal"),
            ports: vec![
                management,
                internet,
                data(3, "25 GbE"),
                data(4, "25 GbE"),
                data(5, "25 GbE"),
                data(6, "25 GbE"),
            ],
        }
    }

    pub fn port(&self, name: &str) -> Option<&PortSpec> {
        self.ports
            .iter()
            .find(|p| p.name.eq_ignore_ascii_case(name))
    }

    /// Addresses the node IP range must hold: one for the master VM and one
    /// for each worker VM (`nodes` of them). The address after those, when
    /// the range has one, is the update spare; it is not required, and its
    /// absence is told as a consequence (`domain::consequences`). The order
    /// is [`super::Allocation::of`]'s, the one source the
    /// rule, its message, the Compute page's hint and its allocation follow.
    pub fn node_ips_needed(&self) -> u64 {
        u64::from(self.nodes) + 1
    }

    /// Checks a profile read from a file, so that a bad file is refused at start-up.
    pub fn check(&self) -> Result<(), String> {
        if self.ports.is_empty() {
            return Err("a profile needs at least one port".into());
        }
        if self.ports.len() > PORTS_MAX {
            return Err(format!(
                "a profile has at most {PORTS_MAX} ports ({} given)",
                self.ports.len()
            ));
        }
        if self.nodes == 0 {
            return Err("nodes must be at least 1".into());
        }
        for (i, p) in self.ports.iter().enumerate() {
            if p.name.trim().is_empty() {
                return Err(format!("port {} has no name", i + 1));
            }
            if self.ports[..i]
                .iter()
                .any(|q| q.name.eq_ignore_ascii_case(&p.name))
            {
                return Err(format!("port name {} is used twice", p.name));
            }
            if p.mtu_min > p.mtu_max {
                return Err(format!(
                    "{}: mtu_min {} is above mtu_max {}",
                    p.name, p.mtu_min, p.mtu_max
                ));
            }
            if !p.dhcp && matches!(p.factory, Addressing::Dhcp) {
                return Err(format!(
                    "{}: DHCP is not allowed but the factory setting is DHCP",
                    p.name
                ));
            }
        }
        Ok(())
    }
}

impl Default for DeviceProfile {
    fn default() -> Self {
        Self::default_appliance()
    }
}
