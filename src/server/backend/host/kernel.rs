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

use crate::domain::host::{BridgePlan, Gateway, HostPlan, HostState, Link, Switch, ALIAS_PREFIX};
use crate::server::backend::netlink::PROTO;

const MAIN_TABLE: u8 = 254;

fn connect() -> Result<Handle, String> {
    let (conn, handle, _) = rtnetlink::new_connection().map_err(|e| format!("netlink: {e}"))?;
    tokio::spawn(conn);
    Ok(handle)
}

/// Sets the alias of the link named `name` (just made) to `alias`; when
/// that fails, the link goes again, so that no bridge of edgenet's is left
/// without the alias it is known by.
async fn name_as_edgenets(handle: &Handle, name: &str, alias: &str) -> Result<(), String> {
    let mut found = handle.link().get().match_name(name.to_string()).execute();
    let index = match found.try_next().await {
        Ok(Some(m)) => m.header.index,
        Ok(None) => return Err("not found after it was made".into()),
        Err(e) => return Err(e.to_string()),
    };
    let m = LinkUnspec::new_with_index(index).alias(alias).build();
    if let Err(e) = handle.link().set(m).execute().await {
        let _ = handle.link().del(index).execute().await;
        return Err(e.to_string());
    }
    Ok(())
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

/// Whether `link` is the bridge edgenet made for `bridge`'s switch: its
/// alias, or for the external switch, an earlier name of that switch whose
/// bridge name is the same (the alias is brought up to date below).
fn is_bridge_for(link: &Link, bridge: &BridgePlan) -> bool {
    let alias = bridge.switch.alias();
    let external = format!("{ALIAS_PREFIX}external:");
    match (&bridge.switch, link.alias.as_deref()) {
        (_, Some(a)) if a == alias => true,
        (Switch::External { .. }, Some(a)) => a.starts_with(&external),
        _ => false,
    }
}

/// Makes the calling thread's namespace hold `plan`'s links, addresses and
/// default route. Each step that the kernel refuses is told in the answer,
/// in its words, and the others still run; `Err` only when netlink itself
/// cannot be used. Only what edgenet made or owns is changed: a device of a
/// planned bridge's name that is not edgenet's, and a port on someone
/// else's bridge, are told and left alone.
pub async fn program(plan: &HostPlan) -> Result<Vec<String>, String> {
    let handle = connect()?;
    let mut failed = Vec::new();

    // The bridges: made when missing, stale ones of edgenet's removed.
    let have = links(&handle).await?;
    let mut mine: Vec<&str> = Vec::new();
    for b in &plan.bridges {
        match have.iter().find(|(_, l)| l.name == b.name) {
            Some((_, l)) if is_bridge_for(l, b) => mine.push(&b.name),
            Some(_) => failed.push(format!(
                "{}: a device of that name exists and is not edgenet's bridge; left alone",
                b.name
            )),
            None => {
                let msg = LinkBridge::new(&b.name).build();
                if let Err(e) = handle.link().add(msg).execute().await {
                    failed.push(format!("making bridge {}: {e}", b.name));
                    continue;
                }
                // The kernel takes no alias when it makes a link: it is set
                // at once, alone, so that from here on the bridge is known as
                // edgenet's (a crash later leaves one the next run adopts).
                match name_as_edgenets(&handle, &b.name, &b.switch.alias()).await {
                    Ok(()) => mine.push(&b.name),
                    Err(e) => failed.push(format!("naming bridge {} as edgenet's: {e}", b.name)),
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
    // A device of a planned bridge's name that is not edgenet's is none of
    // its business: not its addresses, not a route through it.
    let foreign = |device: &str| {
        plan.bridges.iter().any(|b| b.name == device) && !mine.contains(&device)
    };

    // Ports, VM NIC ends, bridges: their bridge and up first, then the MTU
    // alone, so that a NIC refusing an MTU is still up and attached.
    let have = links(&handle).await?;
    let index_of = |name: &str| have.iter().find(|(_, l)| l.name == name).map(|(i, _)| *i);
    let ours = |name: &str| have.iter().any(|(_, l)| l.name == name && l.is_edgenets());
    let mut sets: Vec<(String, LinkMessage)> = Vec::new();
    let mut attach = |name: &str, l: &Link, index: u32, bridge: Option<&str>, failed: &mut Vec<String>| {
        let mut m = LinkUnspec::new_with_index(index).up();
        match (bridge.filter(|b| mine.contains(b)).and_then(index_of), l.master.as_deref()) {
            // On someone else's bridge: theirs.
            (Some(_), Some(other)) if !ours(other) => failed.push(format!(
                "{name} is on the bridge {other}, which is not edgenet's; left there"
            )),
            (Some(b), _) => m = m.controller(b),
            (None, Some(other)) if ours(other) => m = m.nocontroller(),
            (None, _) => {}
        }
        sets.push((name.to_string(), m.build()));
    };
    let mut mtus: Vec<(String, u32, u32)> = Vec::new();
    for p in &plan.ports {
        let Some((index, l)) = have.iter().find(|(_, l)| l.name == p.port) else {
            failed.push(format!("{}: the host has no interface of that name", p.port));
            continue;
        };
        attach(&p.port, l, *index, p.bridge.as_deref(), &mut failed);
        if l.mtu != u32::from(p.mtu) {
            mtus.push((p.port.clone(), *index, p.mtu.into()));
        }
    }
    for n in plan.vm_nics.iter().filter(|n| mine.contains(&n.bridge.as_str())) {
        if let Some((index, l)) = have.iter().find(|(_, l)| l.name == n.name) {
            attach(&n.name, l, *index, Some(&n.bridge), &mut failed);
        }
    }
    for b in plan.bridges.iter().filter(|b| mine.contains(&b.name.as_str())) {
        if let Some((index, l)) = have.iter().find(|(_, l)| l.name == b.name) {
            let m = LinkUnspec::new_with_index(*index)
                .alias(b.switch.alias())
                .up()
                .build();
            sets.push((b.name.clone(), m));
            if l.mtu != u32::from(b.mtu) {
                mtus.push((b.name.clone(), *index, b.mtu.into()));
            }
        }
    }
    for (name, m) in sets {
        if let Err(e) = handle.link().set(m).execute().await {
            failed.push(format!("setting {name}: {e}"));
        }
    }
    for (name, index, mtu) in mtus {
        let m = LinkUnspec::new_with_index(index).mtu(mtu).build();
        if let Err(e) = handle.link().set(m).execute().await {
            failed.push(format!("setting {name}'s MTU to {mtu}: {e}"));
        }
    }

    // Addresses: the unwanted go first, then, read again (removing a
    // subnet's primary address takes its secondaries along), the wanted
    // are added.
    let owned = plan.owned_addresses();
    for (device, want) in &owned {
        let Some(index) = index_of(device).filter(|_| !foreign(device)) else {
            continue; // told above
        };
        for (net, msg) in addresses(&handle, index).await? {
            if !want.contains(&net) {
                if let Err(e) = handle.address().del(msg).execute().await {
                    failed.push(format!("removing {net} from {device}: {e}"));
                }
            }
        }
        let found = addresses(&handle, index).await?;
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
    // An address edgenet added (its protocol number) on a device whose
    // addressing it no longer owns, such as a port turned to DHCP, goes:
    // left there, it would answer for a host that may be elsewhere now.
    for (index, l) in &have {
        if owned.iter().any(|(d, _)| d == &l.name) || foreign(&l.name) {
            continue;
        }
        for (net, msg) in addresses(&handle, *index).await? {
            let edgenets = msg
                .attributes
                .iter()
                .any(|a| matches!(a, AddressAttribute::Protocol(AddressProtocol::Other(p)) if *p == PROTO));
            if edgenets {
                if let Err(e) = handle.address().del(msg).execute().await {
                    failed.push(format!("removing {net}, which edgenet added, from {}: {e}", l.name));
                }
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
        match index_of(&g.device).filter(|_| !foreign(&g.device)) {
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
