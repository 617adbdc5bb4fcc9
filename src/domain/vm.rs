//! The Kubernetes VMs' own side of the network: their two NICs, their
//! addresses on the internal virtual switch, and the routing table every VM
//! holds before and after custom routes are added.
//!
//! Two modules need this picture: [`super::routes`] checks custom routes
//! against the routes a VM already has and answers "which route?", and
//! [`super::manifests`] writes the VMs' netplan files. Both read it from here,
//! so that the rules, the manifests and the kernel backend see one table.

use std::net::Ipv4Addr;

use ipnet::Ipv4Net;
use serde::{Deserialize, Serialize};

use super::addr::usable_hosts;
use super::model::DeviceProfile;
use super::model::Route;
use super::model::{Addressing, Config};
use crate::i18n::Message;

/// The VM NIC on the internal virtual switch (NAT out through the port that holds the default gateway).
pub const INTERNAL_NIC: &str = "eth0";
/// The VM NIC on the external virtual switch of the compute port.
pub const EXTERNAL_NIC: &str = "eth1";
/// Not a NIC: Calico routes the pod network inside the cluster (its VXLAN
/// tunnel, or directly between nodes on one subnet).
pub const POD_NETWORK_HANDLER: &str = "calico";
/// Not a NIC: kube-proxy translates ClusterIPs of the service network to pod
/// addresses before they leave the VM.
pub const SERVICE_NETWORK_HANDLER: &str = "kube-proxy";
/// The metric of the routes a VM has without edgenet: the kernel's connected
/// routes, and netplan's static default route (networkd's default metric, 0).
pub const BUILTIN_METRIC: u32 = 0;

/// Addresses on the internal virtual switch: the host's NAT gateway, then the master and worker VMs.
pub fn internal_addresses(profile: &DeviceProfile) -> (Ipv4Addr, Ipv4Addr, Ipv4Addr) {
    let hosts = usable_hosts(&profile.internal_switch);
    let at = |n| hosts.nth(n).unwrap_or(hosts.start());
    (at(0), at(1), at(2))
}

/// Where an entry of a VM's routing table comes from.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Origin {
    /// `default via <internal gateway> dev eth0`, written by netplan.
    DefaultRoute,
    /// eth0's connected subnet: the internal virtual switch.
    InternalSubnet,
    /// eth1's connected subnet: the compute port's subnet.
    ComputeSubnet { port: String },
    /// Calico's pod network.
    PodNetwork,
    /// The service network of ClusterIPs (kube-proxy).
    ServiceNetwork,
    /// A route the administrator added.
    Custom { route: Route },
}

impl Origin {
    pub fn is_custom(&self) -> bool {
        matches!(self, Origin::Custom { .. })
    }
}

/// One entry of a VM's routing table, as `ip route` would show it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct VmRoute {
    pub destination: Ipv4Net,
    /// The gateway; none for a connected subnet or a cluster network.
    pub via: Option<Ipv4Addr>,
    /// The VM NIC (`eth0`, `eth1`), or the cluster component that handles a
    /// cluster network ([`POD_NETWORK_HANDLER`], [`SERVICE_NETWORK_HANDLER`]).
    pub device: String,
    pub metric: u32,
    pub origin: Origin,
    /// What the entry is, in words ("the default route via …").
    pub what: Message,
}

/// The routes a VM holds whatever the administrator adds: the default route,
/// the connected subnets of eth0 and (with compute on a static port) eth1,
/// and the cluster's pod and service networks.
pub fn builtin_routes(config: &Config, profile: &DeviceProfile) -> Vec<VmRoute> {
    let (gw, _, _) = internal_addresses(profile);
    let nat = config
        .default_gateway_port()
        .map(|p| crate::i18n::Arg::from(&p.name))
        .unwrap_or_else(|| crate::msg!("decision-no-port").into());
    let internal = profile.internal_switch.trunc();
    let mut t = vec![
        VmRoute {
            destination: Ipv4Net::default(),
            via: Some(gw),
            device: INTERNAL_NIC.into(),
            metric: BUILTIN_METRIC,
            origin: Origin::DefaultRoute,
            what: crate::msg!("decision-default-route", gw = gw, nat = nat),
        },
        VmRoute {
            destination: internal,
            via: None,
            device: INTERNAL_NIC.into(),
            metric: BUILTIN_METRIC,
            origin: Origin::InternalSubnet,
            what: crate::msg!("decision-internal-subnet", net = internal),
        },
    ];
    if let Some(c) = &config.compute {
        if let Some(Addressing::Static(st)) = config.port(&c.port).map(|p| &p.addressing) {
            t.push(VmRoute {
                destination: st.subnet(),
                via: None,
                device: EXTERNAL_NIC.into(),
                metric: BUILTIN_METRIC,
                origin: Origin::ComputeSubnet {
                    port: c.port.clone(),
                },
                what: crate::msg!("decision-compute-subnet", port = &c.port, net = st.subnet()),
            });
        }
    }
    let k = &config.kubernetes;
    t.push(VmRoute {
        destination: k.pod_cidr,
        via: None,
        device: POD_NETWORK_HANDLER.into(),
        metric: BUILTIN_METRIC,
        origin: Origin::PodNetwork,
        what: crate::msg!("decision-pod-network", net = k.pod_cidr),
    });
    t.push(VmRoute {
        destination: k.service_cidr,
        via: None,
        device: SERVICE_NETWORK_HANDLER.into(),
        metric: BUILTIN_METRIC,
        origin: Origin::ServiceNetwork,
        what: crate::msg!("decision-service-network", net = k.service_cidr),
    });
    t
}

/// A custom route as the VMs hold it: through eth1 straight to the next hop
/// when the route is on the compute port; else through the internal switch,
/// whose host forwards to the next hop on that port.
pub fn custom_route(config: &Config, profile: &DeviceProfile, r: &Route) -> VmRoute {
    let on_compute = config
        .compute
        .as_ref()
        .is_some_and(|c| c.port.eq_ignore_ascii_case(&r.interface));
    let (device, via, what) = if on_compute {
        (
            EXTERNAL_NIC,
            r.next_hop,
            crate::msg!(
                "decision-custom-route",
                destination = r.destination,
                hop = r.next_hop,
                port = &r.interface,
                metric = r.metric
            ),
        )
    } else {
        let (gw, _, _) = internal_addresses(profile);
        (
            INTERNAL_NIC,
            gw,
            crate::msg!(
                "decision-custom-route-forwarded",
                destination = r.destination,
                hop = r.next_hop,
                port = &r.interface,
                metric = r.metric,
                gw = gw
            ),
        )
    };
    VmRoute {
        destination: r.destination,
        via: Some(via),
        device: device.into(),
        metric: r.metric,
        origin: Origin::Custom { route: r.clone() },
        what,
    }
}
