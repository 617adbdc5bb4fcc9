//! A port's own settings: how it gets its address, and its MTU.

use std::net::Ipv4Addr;

use ipnet::Ipv4Net;
use serde::{Deserialize, Serialize};

use crate::i18n::Message;

/// How a port gets its address.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "mode", rename_all = "lowercase")]
pub enum Addressing {
    Dhcp,
    Static(StaticAddressing),
}

impl Addressing {
    pub fn as_static(&self) -> Option<&StaticAddressing> {
        match self {
            Addressing::Static(s) => Some(s),
            Addressing::Dhcp => None,
        }
    }
}

/// A static IPv4 configuration. `interface` holds the port's own address and
/// its prefix (for example `10.0.0.2/24`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StaticAddressing {
    pub interface: Ipv4Net,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub gateway: Option<Ipv4Addr>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dns_primary: Option<Ipv4Addr>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dns_secondary: Option<Ipv4Addr>,
}

impl StaticAddressing {
    pub fn address(&self) -> Ipv4Addr {
        self.interface.addr()
    }

    pub fn subnet(&self) -> Ipv4Net {
        self.interface.trunc()
    }

    /// The addresses of this port that nothing else on the subnet may take,
    /// each with the words that name it in a message.
    pub fn taken(&self, port: &str) -> Vec<(Ipv4Addr, Message)> {
        let mut v = vec![(
            self.address(),
            crate::msg!("val-taken-own-address", port = port),
        )];
        v.extend(
            self.gateway
                .map(|g| (g, crate::msg!("val-taken-gateway", port = port))),
        );
        v.extend(
            self.dns_primary
                .map(|d| (d, crate::msg!("val-taken-dns-primary", port = port))),
        );
        v.extend(
            self.dns_secondary
                .map(|d| (d, crate::msg!("val-taken-dns-secondary", port = port))),
        );
        v
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PortConfig {
    pub name: String,
    pub addressing: Addressing,
    pub mtu: u16,
}

impl PortConfig {
    /// Whether the port can hold the default gateway: it has one, static or
    /// from its DHCP server.
    pub fn can_hold_default_gateway(&self) -> bool {
        match &self.addressing {
            Addressing::Dhcp => true,
            Addressing::Static(st) => st.gateway.is_some(),
        }
    }
}
