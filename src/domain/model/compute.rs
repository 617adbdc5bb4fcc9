//! The compute port's side: the external virtual switch, the Kubernetes node
//! IPs and MetalLB's service IPs on it, and who gets which of them.

use std::net::Ipv4Addr;

use serde::{Deserialize, Serialize};

use crate::domain::addr::{is_edge_address, Ipv4Range};

/// The external virtual switch and the Kubernetes address ranges on it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ComputeConfig {
    /// The one physical port the external virtual switch is bound to.
    pub port: String,
    pub switch_name: String,
    pub node_ips: Ipv4Range,
    pub service_ips: Ipv4Range,
    /// Keep MetalLB from handing out addresses ending in .0 and .255.
    #[serde(default)]
    pub skip_edge_addresses: bool,
}

/// What holds an address of the compute ranges ([`ComputeConfig::holder`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ClusterAddress {
    /// The first node IP: the master VM's eth1.
    Master,
    /// The second node IP: the worker VM's eth1.
    Worker,
    /// The third node IP: the replacement VM's during an update, nobody's
    /// until then.
    UpdateSpare,
    /// A node IP beyond those three: kept for the cluster, held by no VM.
    UnusedNodeIp,
    /// An address of MetalLB's pool: answered (ARP, RFC 826) by whichever
    /// VM holds the LoadBalancer Service that was given it.
    ServicePool,
}

impl ComputeConfig {
    /// What holds `addr` among the node IPs and the service IPs, if either
    /// range has it.
    ///
    /// ```
    /// use edgenet::domain::model::{ClusterAddress, ComputeConfig};
    /// let c = ComputeConfig {
    ///     port: "Port3".into(),
    ///     switch_name: "vSwitch".into(),
    ///     node_ips: "10.20.0.20-10.20.0.22".parse().unwrap(),
    ///     service_ips: "10.20.0.100-10.20.0.120".parse().unwrap(),
    ///     skip_edge_addresses: false,
    /// };
    /// assert_eq!(c.holder("10.20.0.21".parse().unwrap()), Some(ClusterAddress::Worker));
    /// assert_eq!(c.holder("10.20.0.105".parse().unwrap()), Some(ClusterAddress::ServicePool));
    /// assert_eq!(c.holder("10.20.0.1".parse().unwrap()), None);
    /// ```
    pub fn holder(&self, addr: Ipv4Addr) -> Option<ClusterAddress> {
        if self.node_ips.contains(addr) {
            Some(match u32::from(addr) - u32::from(self.node_ips.start()) {
                0 => ClusterAddress::Master,
                1 => ClusterAddress::Worker,
                2 => ClusterAddress::UpdateSpare,
                _ => ClusterAddress::UnusedNodeIp,
            })
        } else if self.service_ips.contains(addr) {
            Some(ClusterAddress::ServicePool)
        } else {
            None
        }
    }
}

/// Who gets which address of the compute ranges.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Allocation {
    pub master: Ipv4Addr,
    pub worker: Ipv4Addr,
    /// The address an update uses for the replacement VM, when the range has one left.
    pub update_spare: Option<Ipv4Addr>,
    /// Node addresses beyond those.
    pub unused_node_ips: u64,
    /// Service addresses MetalLB can hand out (after skipping .0/.255 if asked).
    pub service_ips_free: u64,
}

impl Allocation {
    pub fn of(c: &ComputeConfig) -> Option<Allocation> {
        let master = c.node_ips.nth(0)?;
        let worker = c.node_ips.nth(1)?;
        let update_spare = c.node_ips.nth(2);
        let service_ips_free = c.service_ips.len()
            - if c.skip_edge_addresses {
                c.service_ips.edge_count()
            } else {
                0
            };
        Some(Allocation {
            master,
            worker,
            update_spare,
            unused_node_ips: c.node_ips.len().saturating_sub(3),
            service_ips_free,
        })
    }
}

/// True when MetalLB would skip this address under the configuration.
pub fn skipped(c: &ComputeConfig, addr: Ipv4Addr) -> bool {
    c.skip_edge_addresses && is_edge_address(addr)
}
