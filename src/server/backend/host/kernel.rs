//! The host's links, addresses and default route, read and programmed
//! through rtnetlink in the calling thread's namespace.
//!
//! What is touched: the bridges edgenet makes (known by their alias,
//! `edgenet:…`), the ports' MTU, up state and bridge, the IPv4 addresses of
//! every device whose addressing the revision owns
//! ([`HostPlan::owned_addresses`]: each static port, the internal switch's
//! bridge), the VM NIC ends' bridge, and default routes carrying edgenet's
//! protocol number. A DHCP port's addresses, someone else's bridge and any
//! route of another protocol are left as they are.

use std::{collections::HashMap, net::IpAddr, net::Ipv4Addr};

use futures_util::TryStreamExt;
use ipnet::Ipv4Net;
use rtnetlink::{
    packet_route::{
        address::{AddressAttribute, AddressMessage, AddressProtocol},
        link::{LinkAttribute, LinkFlags, LinkMessage},
        route::{RouteAddress, RouteAttribute, RouteMessage, RouteProtocol},
    },
    Handle, LinkBridge, LinkUnspec, RouteMessageBuilder,
};

use crate::domain::host::{Gateway, HostPlan, HostState, Link};
use crate::server::backend::netlink::PROTO;

const MAIN_TABLE: u8 = 254;

fn connect() -> Result<Handle, String> {
    let (conn, handle, _) = rtnetlink::new_connection().map_err(|e| format!("netlink: {e}"))?;
    tokio::spawn(conn);
    Ok(handle)
}

/// Every link: its index and what it holds (addresses not yet read).
async fn links(handle: &Handle) -> Result<Vec<(u32, Link)>, String> {
    let mut raw: Vec<LinkMessage> = Vec::new();
    let mut dump = handle.link().get().execute();
    while let Some(m) = dump
        .try_next()
        .await
        .map_err(|e| format!("listing links: {e}"))?
    {
        raw.push(m);
    }
    let name_of: HashMap<u32, String> = raw
        .iter()
        .filter_map(|m| {
            m.attributes.iter().find_map(|a| match a {
                LinkAttribute::IfName(n) => Some((m.header.index, n.clone())),
                _ => None,
            })
        })
        .collect();
    Ok(raw
        .iter()
        .filter_map(|m| {
            let mut l = Link {
                name: name_of.get(&m.header.index)?.clone(),
                up: m.header.flags.contains(LinkFlags::Up),
                ..Default::default()
            };
            for a in &m.attributes {
                match a {
                    LinkAttribute::Mtu(v) => l.mtu = *v,
                    LinkAttribute::Controller(i) => l.master = name_of.get(i).cloned(),
                    LinkAttribute::IfAlias(s) => l.alias = Some(s.clone()),
                    _ => {}
                }
            }
            Some((m.header.index, l))
        })
        .collect())
}

/// The IPv4 addresses of link `index`, each with its netlink message.
async fn addresses(
    handle: &Handle,
    index: u32,
) -> Result<Vec<(Ipv4Net, AddressMessage)>, String> {
    let mut out = Vec::new();
    let mut dump = handle
        .address()
        .get()
        .set_link_index_filter(index)
        .execute();
    while let Some(m) = dump
        .try_next()
        .await
        .map_err(|e| format!("listing addresses: {e}"))?
    {
        // The filter is a hint some kernels ignore.
        if m.header.index != index {
            continue;
        }
        let local = m.attributes.iter().find_map(|a| match a {
            AddressAttribute::Local(IpAddr::V4(v)) => Some(*v),
            _ => None,
        });
        let addr = local.or_else(|| {
            m.attributes.iter().find_map(|a| match a {
                AddressAttribute::Address(IpAddr::V4(v)) => Some(*v),
                _ => None,
            })
        });
        if let Some(net) = addr.and_then(|a| Ipv4Net::new(a, m.header.prefix_len).ok()) {
            out.push((net, m));
        }
    }
    Ok(out)
}

/// The default routes of the main table: (route, whether edgenet's, message).
async fn default_routes(
    handle: &Handle,
    name_of: &HashMap<u32, String>,
) -> Result<Vec<(Gateway, bool, RouteMessage)>, String> {
    let mut out = Vec::new();
    let mut dump = handle
        .route()
        .get(RouteMessageBuilder::<Ipv4Addr>::new().build())
        .execute();
    while let Some(m) = dump
        .try_next()
        .await
        .map_err(|e| format!("listing routes: {e}"))?
    {
        if m.header.table != MAIN_TABLE || m.header.destination_prefix_length != 0 {
            continue;
        }
        let mut via = None;
        let mut device = None;
        for a in &m.attributes {
            match a {
                RouteAttribute::Gateway(RouteAddress::Inet(g)) => via = Some(*g),
                RouteAttribute::Oif(i) => device = name_of.get(i).cloned(),
                _ => {}
            }
        }
        if let (Some(via), Some(device)) = (via, device) {
            let ours = m.header.protocol == RouteProtocol::Other(PROTO);
            out.push((Gateway { via, device }, ours, m));
        }
    }
    Ok(out)
}

/// What the calling thread's namespace holds (the resolver file and the NAT
/// are read elsewhere).
pub async fn observe() -> Result<HostState, String> {
    let handle = connect()?;
    let mut state = HostState::default();
    let all = links(&handle).await?;
    let name_of: HashMap<u32, String> = all.iter().map(|(i, l)| (*i, l.name.clone())).collect();
    for (index, mut link) in all {
        link.addresses = addresses(&handle, index)
            .await?
            .into_iter()
            .map(|(n, _)| n)
            .collect();
        state.links.push(link);
    }
    for (g, ours, _) in default_routes(&handle, &name_of).await? {
        if ours {
            state.default_routes.push(g.clone());
        }
        state.all_default_routes.push(g);
    }
    Ok(state)
}

/// Makes the calling thread's namespace hold `plan`'s links, addresses and
/// default route. Each step that the kernel refuses is told in the answer,
/// in its words, and the others still run; `Err` only when netlink itself
/// cannot be used.
pub async fn program(plan: &HostPlan) -> Result<Vec<String>, String> {
    let handle = connect()?;
    let mut failed = Vec::new();

    // The bridges: made when missing, stale ones of edgenet's removed.
    // The kernel takes no alias when it makes a link: it is set right after.
    let have = links(&handle).await?;
    let mut mine: Vec<&str> = Vec::new();
    for b in &plan.bridges {
        let alias = b.switch.alias();
        match have.iter().find(|(_, l)| l.name == b.name) {
            Some((_, l)) if l.alias.as_deref() == Some(&alias) => mine.push(&b.name),
            Some(_) => failed.push(format!(
                "{}: a device of that name exists and is not edgenet's bridge; left alone",
                b.name
            )),
            None => {
                let msg = LinkBridge::new(&b.name).build();
                match handle.link().add(msg).execute().await {
                    Ok(()) => mine.push(&b.name),
                    Err(e) => failed.push(format!("making bridge {}: {e}", b.name)),
                }
            }
        }
    }
    for (index, l) in &have {
        if l.is_edgenets() && !plan.bridges.iter().any(|b| b.name == l.name) {
            if let Err(e) = handle.link().del(*index).execute().await {
                failed.push(format!("removing bridge {}: {e}", l.name));
            }
        }
    }

    // Ports, VM NIC ends, bridges: bridge, MTU, up.
    let have = links(&handle).await?;
    let index_of = |name: &str| have.iter().find(|(_, l)| l.name == name).map(|(i, _)| *i);
    let ours = |name: &Option<String>| {
        name.as_deref()
            .and_then(|n| have.iter().find(|(_, l)| l.name == n))
            .is_some_and(|(_, l)| l.is_edgenets())
    };
    let mut sets: Vec<(String, LinkMessage)> = Vec::new();
    for p in &plan.ports {
        let Some((index, l)) = have.iter().find(|(_, l)| l.name == p.port) else {
            failed.push(format!("{}: the host has no interface of that name", p.port));
            continue;
        };
        let mut m = LinkUnspec::new_with_index(*index).up();
        if l.mtu != u32::from(p.mtu) {
            m = m.mtu(p.mtu.into());
        }
        match p.bridge.as_deref().filter(|b| mine.contains(b)).and_then(index_of) {
            Some(b) => m = m.controller(b),
            None if ours(&l.master) => m = m.nocontroller(),
            None => {}
        }
        sets.push((p.port.clone(), m.build()));
    }
    for n in plan.vm_nics.iter().filter(|n| mine.contains(&n.bridge.as_str())) {
        if let (Some(index), Some(b)) = (index_of(&n.name), index_of(&n.bridge)) {
            let m = LinkUnspec::new_with_index(index).controller(b).up().build();
            sets.push((n.name.clone(), m));
        }
    }
    for b in plan.bridges.iter().filter(|b| mine.contains(&b.name.as_str())) {
        if let Some(index) = index_of(&b.name) {
            let m = LinkUnspec::new_with_index(index)
                .alias(b.switch.alias())
                .mtu(b.mtu.into())
                .up()
                .build();
            sets.push((b.name.clone(), m));
        }
    }
    for (name, m) in sets {
        if let Err(e) = handle.link().set(m).execute().await {
            failed.push(format!("setting {name}: {e}"));
        }
    }

    // Addresses: the unwanted go first (removing a subnet's primary address
    // takes its secondaries along), then the wanted are added.
    for (device, want) in plan.owned_addresses() {
        let Some(index) = index_of(&device) else {
            continue; // told above
        };
        let found = addresses(&handle, index).await?;
        for (net, msg) in &found {
            if !want.contains(net) {
                if let Err(e) = handle.address().del(msg.clone()).execute().await {
                    failed.push(format!("removing {net} from {device}: {e}"));
                }
            }
        }
        for net in want.iter().filter(|w| !found.iter().any(|(n, _)| n == *w)) {
            let mut req = handle
                .address()
                .add(index, IpAddr::V4(net.addr()), net.prefix_len());
            req.message_mut()
                .attributes
                .push(AddressAttribute::Protocol(AddressProtocol::Other(PROTO)));
            if let Err(e) = req.execute().await {
                failed.push(format!("adding {net} to {device}: {e}"));
            }
        }
    }

    // The default route: edgenet's own, and only those.
    let name_of: HashMap<u32, String> = have.iter().map(|(i, l)| (*i, l.name.clone())).collect();
    let routes = default_routes(&handle, &name_of).await?;
    let mut present = false;
    for (g, ours, msg) in &routes {
        if !ours {
            continue;
        }
        if plan.default_route.as_ref() == Some(g) && !present {
            present = true;
        } else if let Err(e) = handle.route().del(msg.clone()).execute().await {
            failed.push(format!("removing default via {} dev {}: {e}", g.via, g.device));
        }
    }
    if let (Some(g), false) = (&plan.default_route, present) {
        match index_of(&g.device) {
            None => failed.push(format!("default via {}: no device {}", g.via, g.device)),
            Some(index) => {
                let msg = RouteMessageBuilder::<Ipv4Addr>::new()
                    .gateway(g.via)
                    .output_interface(index)
                    .protocol(RouteProtocol::Other(PROTO))
                    .build();
                if let Err(e) = handle.route().add(msg).execute().await {
                    failed.push(format!("adding default via {} dev {}: {e}", g.via, g.device));
                }
            }
        }
    }
    Ok(failed)
}
