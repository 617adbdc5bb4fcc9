//! Programs the custom routes into the Linux network namespace that stands
//! for a Kubernetes VM, through netlink.
//!
//! Reconciling is idempotent: routes the configuration wants are added, routes
//! it no longer wants are removed, and only routes marked with edgenet's own
//! protocol number are ever touched, so system routes and routes someone else
//! added are left alone.

use std::{collections::HashMap, net::Ipv4Addr};

use futures_util::TryStreamExt;
use ipnet::Ipv4Net;
use rtnetlink::{
    packet_route::route::{RouteAddress, RouteAttribute, RouteMessage, RouteProtocol},
    RouteMessageBuilder,
};

use crate::domain::{model::Config, model::DeviceProfile, routes::effective, vm::custom_route};

/// The `proto` number edgenet's routes carry (`ip route show proto 237`).
pub const PROTO: u8 = 237;
const MAIN_TABLE: u8 = 254;

/// A route as the kernel holds it.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct KernelRoute {
    pub destination: Ipv4Net,
    pub gateway: Ipv4Addr,
    pub device: String,
    pub metric: u32,
}

/// What a reconcile did.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Report {
    pub added: Vec<KernelRoute>,
    pub removed: Vec<KernelRoute>,
    pub kept: usize,
    /// Wanted routes that are not in the kernel, each with the kernel's
    /// answer (or the missing device); the others were still reconciled.
    pub refused: Vec<(KernelRoute, String)>,
    /// Routes edgenet no longer wants that would not go, each with the reason.
    pub unremoved: Vec<(KernelRoute, String)>,
}

impl Report {
    /// The routes that would not go, each as a sentence.
    pub fn unremoved_sentences(&self) -> impl Iterator<Item = String> + '_ {
        self.unremoved
            .iter()
            .map(|(r, e)| format!("removing {} via {}: {e}", r.destination, r.gateway))
    }

    /// Every route that could not be added or removed, as a sentence.
    pub fn failed(&self) -> Vec<String> {
        let adding = self.refused.iter().map(|(r, e)| {
            format!(
                "adding {} via {} dev {}: {e}",
                r.destination, r.gateway, r.device
            )
        });
        self.unremoved_sentences().chain(adding).collect()
    }
}

/// The routes a VM's namespace should hold for a configuration: the custom
/// routes the domain says the kernel holds (`routes::standing`: one per
/// destination and metric, none that collides with the VM's own routes).
pub fn desired(config: &Config, profile: &DeviceProfile) -> Vec<KernelRoute> {
    let mut out: Vec<KernelRoute> = effective(config, profile)
        .into_iter()
        .map(|r| {
            let v = custom_route(config, profile, r);
            KernelRoute {
                destination: v.destination,
                gateway: v.via.unwrap_or(r.next_hop),
                device: v.device,
                metric: v.metric,
            }
        })
        .collect();
    out.sort();
    out
}

/// Makes the routes marked as edgenet's in namespace `ns` (a name under
/// /var/run/netns) equal to `want`, on a thread that has entered it
/// ([`crate::server::backend::wire::netns::block_in`]).
pub fn reconcile(ns: &str, want: &[KernelRoute]) -> Result<Report, String> {
    let want = want.to_vec();
    crate::server::backend::wire::netns::block_in(ns, move || apply(want))
}

async fn apply(want: Vec<KernelRoute>) -> Result<Report, String> {
    let (conn, handle, _) = rtnetlink::new_connection().map_err(|e| format!("netlink: {e}"))?;
    tokio::spawn(conn);
    let mut index_of = HashMap::new();
    let mut name_of = HashMap::new();
    let mut links = handle.link().get().execute();
    while let Some(link) = links
        .try_next()
        .await
        .map_err(|e| format!("listing links: {e}"))?
    {
        for attr in &link.attributes {
            if let rtnetlink::packet_route::link::LinkAttribute::IfName(name) = attr {
                index_of.insert(name.clone(), link.header.index);
                name_of.insert(link.header.index, name.clone());
            }
        }
    }

    let mut have: Vec<(KernelRoute, RouteMessage)> = Vec::new();
    let mut dump = handle
        .route()
        .get(RouteMessageBuilder::<Ipv4Addr>::new().build())
        .execute();
    while let Some(msg) = dump
        .try_next()
        .await
        .map_err(|e| format!("listing routes: {e}"))?
    {
        if msg.header.protocol != RouteProtocol::Other(PROTO) || msg.header.table != MAIN_TABLE {
            continue;
        }
        if let Some(r) = to_kernel_route(&msg, &name_of) {
            have.push((r, msg));
        }
    }

    let mut report = Report::default();
    for (r, msg) in &have {
        if want.contains(r) {
            report.kept += 1;
            continue;
        }
        match handle.route().del(msg.clone()).execute().await {
            Ok(()) => report.removed.push(r.clone()),
            Err(e) => report.unremoved.push((r.clone(), e.to_string())),
        }
    }
    for r in &want {
        if have.iter().any(|(h, _)| h == r) {
            continue;
        }
        let Some(&index) = index_of.get(&r.device) else {
            report.refused.push((
                r.clone(),
                format!("the namespace has no device {}", r.device),
            ));
            continue;
        };
        let msg = RouteMessageBuilder::<Ipv4Addr>::new()
            .destination_prefix(r.destination.network(), r.destination.prefix_len())
            .gateway(r.gateway)
            .output_interface(index)
            .priority(r.metric)
            .protocol(RouteProtocol::Other(PROTO))
            .build();
        match handle.route().add(msg).execute().await {
            Ok(()) => report.added.push(r.clone()),
            Err(e) => report.refused.push((r.clone(), e.to_string())),
        }
    }
    Ok(report)
}

fn to_kernel_route(msg: &RouteMessage, name_of: &HashMap<u32, String>) -> Option<KernelRoute> {
    let mut dest = Ipv4Addr::UNSPECIFIED;
    let (mut gateway, mut device, mut metric) = (None, None, 0);
    for a in &msg.attributes {
        match a {
            RouteAttribute::Destination(RouteAddress::Inet(d)) => dest = *d,
            RouteAttribute::Gateway(RouteAddress::Inet(g)) => gateway = Some(*g),
            RouteAttribute::Oif(i) => device = name_of.get(i).cloned(),
            RouteAttribute::Priority(p) => metric = *p,
            _ => {}
        }
    }
    Some(KernelRoute {
        destination: Ipv4Net::new(dest, msg.header.destination_prefix_length).ok()?,
        gateway: gateway?,
        device: device?,
        metric,
    })
}
