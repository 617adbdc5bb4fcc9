//! The cluster's own networks, as a revision stores them: Calico's pod
//! network, the service network for cluster IPs, and the cluster DNS address
//! (CoreDNS).

use std::net::Ipv4Addr;

use ipnet::Ipv4Net;
use serde::{Deserialize, Serialize};

/// Calico hands each node blocks of this size.
pub const DEFAULT_BLOCK_SIZE: u8 = 26;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct KubernetesNetworks {
    pub pod_cidr: Ipv4Net,
    pub service_cidr: Ipv4Net,
    /// The cluster DNS service; the tenth address of the service network unless set.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dns_ip: Option<Ipv4Addr>,
    #[serde(default = "default_block")]
    pub block_size: u8,
    /// Set once compute has been applied: the cluster exists and its
    /// networks can no longer change.
    #[serde(default)]
    pub locked_at: Option<u64>,
}

fn default_block() -> u8 {
    DEFAULT_BLOCK_SIZE
}

impl Default for KubernetesNetworks {
    fn default() -> Self {
        KubernetesNetworks {
            pod_cidr: Ipv4Net::new_assert(Ipv4Addr::new(172, 27, 0, 0), 16),
            service_cidr: Ipv4Net::new_assert(Ipv4Addr::new(172, 28, 0, 0), 16),
            dns_ip: None,
            block_size: DEFAULT_BLOCK_SIZE,
            locked_at: None,
        }
    }
}

impl KubernetesNetworks {
    /// The cluster DNS address in effect.
    pub fn dns(&self) -> Ipv4Addr {
        self.dns_ip.unwrap_or_else(|| tenth(&self.service_cidr))
    }

    /// How many Calico blocks the pod network holds.
    pub fn blocks(&self) -> u64 {
        if self.pod_cidr.prefix_len() > self.block_size {
            0
        } else {
            1u64 << (self.block_size - self.pod_cidr.prefix_len())
        }
    }
}

/// The tenth address of a network (network + 10), where kubeadm puts CoreDNS.
pub fn tenth(net: &Ipv4Net) -> Ipv4Addr {
    Ipv4Addr::from(u32::from(net.network()).saturating_add(10))
}
