//! The VM's own side of the compute port: the node address on `eth1` with
//! the port's prefix, and the port's MTU, through rtnetlink.
//!
//! Addresses edgenet adds carry its protocol number (`IFA_PROTO`, shown by
//! `ip addr` as `proto 237`); only those are ever removed, and an equal
//! address someone else put there is left as it is.

use std::net::IpAddr;

use futures_util::TryStreamExt;
use ipnet::Ipv4Net;
use rtnetlink::{
    packet_route::{
        address::{AddressAttribute, AddressProtocol},
        link::LinkAttribute,
    },
    LinkUnspec,
};

use crate::server::backend::netlink::PROTO;

/// What the VM side of the compute port should look like.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct VmSide {
    pub device: String,
    /// The node address with the port's prefix; `None` removes edgenet's.
    pub address: Option<Ipv4Net>,
    pub mtu: Option<u32>,
}

/// Makes `side` true in the calling thread's namespace.
pub async fn program(side: VmSide) -> Result<(), String> {
    let (conn, handle, _) = rtnetlink::new_connection().map_err(|e| format!("netlink: {e}"))?;
    tokio::spawn(conn);
    let mut links = handle
        .link()
        .get()
        .match_name(side.device.clone())
        .execute();
    let link = links
        .try_next()
        .await
        .map_err(|e| format!("the namespace has no device {}: {e}", side.device))?
        .ok_or_else(|| format!("the namespace has no device {}", side.device))?;
    let index = link.header.index;
    if let Some(mtu) = side.mtu {
        let now = link.attributes.iter().find_map(|a| match a {
            LinkAttribute::Mtu(m) => Some(*m),
            _ => None,
        });
        if now != Some(mtu) {
            handle
                .link()
                .set(LinkUnspec::new_with_index(index).mtu(mtu).build())
                .execute()
                .await
                .map_err(|e| format!("setting the MTU of {} to {mtu}: {e}", side.device))?;
        }
    }
    let mut have = Vec::new();
    let mut addrs = handle
        .address()
        .get()
        .set_link_index_filter(index)
        .execute();
    while let Some(msg) = addrs
        .try_next()
        .await
        .map_err(|e| format!("listing addresses: {e}"))?
    {
        let mut addr = None;
        let mut ours = false;
        for a in &msg.attributes {
            match a {
                AddressAttribute::Address(IpAddr::V4(v4)) => addr = Some(*v4),
                AddressAttribute::Protocol(AddressProtocol::Other(p)) if *p == PROTO => ours = true,
                _ => {}
            }
        }
        if let Some(a) = addr {
            have.push((Ipv4Net::new(a, msg.header.prefix_len).ok(), ours, msg));
        }
    }
    let present = |want: &Ipv4Net| have.iter().any(|(n, _, _)| n.as_ref() == Some(want));
    for (net, ours, msg) in &have {
        if *ours && net.as_ref() != side.address.as_ref() {
            handle
                .address()
                .del(msg.clone())
                .execute()
                .await
                .map_err(|e| format!("removing {net:?} from {}: {e}", side.device))?;
        }
    }
    if let Some(want) = side.address.filter(|w| !present(w)) {
        let mut req = handle
            .address()
            .add(index, IpAddr::V4(want.addr()), want.prefix_len());
        req.message_mut()
            .attributes
            .push(AddressAttribute::Protocol(AddressProtocol::Other(PROTO)));
        req.execute()
            .await
            .map_err(|e| format!("adding {want} to {}: {e}", side.device))?;
    }
    Ok(())
}

/// The node address (the master's: the first node IP) with the compute
/// port's prefix, and the port's MTU, for a configuration.
pub fn wanted(config: &crate::domain::model::Config, device: &str) -> VmSide {
    let port = config
        .compute
        .as_ref()
        .and_then(|c| config.port(&c.port).map(|p| (c, p)));
    let address = port.and_then(|(c, p)| {
        let st = p.addressing.as_static()?;
        let master = crate::domain::model::Allocation::of(c).map(|a| a.master)?;
        Ipv4Net::new(master, st.interface.prefix_len()).ok()
    });
    VmSide {
        device: device.into(),
        address,
        mtu: port.map(|(_, p)| u32::from(p.mtu)),
    }
}
