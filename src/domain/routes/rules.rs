//! The rules of custom routes: each route on its own, against the other
//! custom routes, and against the routes every VM already has.
//!
//! Linux keys a routing table by destination and metric (`ip route add`
//! answers "File exists" for a second route with the same pair), and picks the
//! longest matching prefix, then the lowest metric. From that follow the
//! decisions below, for a custom route R and a route B the VMs already have
//! ([`vm::builtin_routes`]):
//!
//! | R against B | decision |
//! | --- | --- |
//! | R = 0.0.0.0/0 with B's metric (0), B the default route | refused: the kernel holds one of the two, depending on order |
//! | R = 0.0.0.0/0 with a higher metric | accepted, with a note: a backup that B wins over |
//! | R inside (or equal to) eth0's or eth1's connected subnet | refused: it steals addresses the VMs reach directly (the internal switch holds their default gateway) |
//! | R contains a connected subnet (and is not /0) | accepted, with a note: the subnet stays connected, its longer prefix wins |
//! | R overlaps the pod or service network (and is not /0) | refused: Calico and kube-proxy handle those addresses inside the cluster |
//! | R inside its own port's subnet (a port without a VM NIC) | refused: hosts there are reached directly, not through a next hop |
//! | R with the destination and metric of another custom route | refused on adding; in a stored configuration, the later one is shown as not installed |

use std::collections::HashMap;

use ipnet::Ipv4Net;

use super::{RouteForm, ROUTES_MAX};
use crate::domain::addr::{
    parse_addr, reserved_addresses, special_block, special_holding, usable_hosts,
};
use crate::domain::error::FieldError;
use crate::domain::model::DeviceProfile;
use crate::domain::model::Route;
use crate::domain::model::{ClusterAddress, ComputeConfig, Config};
use crate::domain::vm::{builtin_routes, Origin, VmRoute};
use crate::i18n::Message;

/// Whether the rules that pair a route with the cluster networks apply. The
/// whole configuration's check leaves them to the cluster networks' own rules
/// (`kubernetes::validate`), which report the same pair from the other side.
#[derive(Clone, Copy, PartialEq, Eq)]
enum ClusterPair {
    Check,
    LeaveToKubernetes,
}

/// What a route does to the routes every VM already has: the problems that
/// refuse it, and the notes that go with it when it is accepted.
fn against_builtin(
    r: &Route,
    builtins: &[VmRoute],
    cluster: ClusterPair,
) -> (Vec<FieldError>, Vec<Message>) {
    let (mut errors, mut notes) = (Vec::new(), Vec::new());
    let overlaps = |a: &Ipv4Net, b: &Ipv4Net| a.contains(b) || b.contains(a);
    // Formatted only for a message that needs it: this runs for every route,
    // up to 10,000 of them.
    let default_gw = || {
        builtins
            .iter()
            .find(|b| b.origin == Origin::DefaultRoute)
            .and_then(|b| b.via)
            .map(|g| g.to_string())
            .unwrap_or_default()
    };
    for b in builtins {
        match &b.origin {
            Origin::DefaultRoute if r.destination.prefix_len() == 0 => {
                let gw = default_gw();
                if r.metric == b.metric {
                    errors.push(FieldError::new(
                        "metric",
                        crate::msg!(
                            "val-route-ties-default",
                            metric = r.metric,
                            gw = gw,
                            builtin = b.metric
                        ),
                    ));
                } else {
                    notes.push(crate::msg!(
                        "val-route-note-backup-default",
                        metric = r.metric,
                        gw = gw,
                        builtin = b.metric
                    ));
                }
            }
            Origin::InternalSubnet | Origin::ComputeSubnet { .. } => {
                if b.destination.contains(&r.destination) {
                    errors.push(FieldError::new(
                        "destination",
                        match &b.origin {
                            Origin::ComputeSubnet { port } => crate::msg!(
                                "val-route-inside-compute-subnet",
                                destination = r.destination,
                                port = port,
                                net = b.destination
                            ),
                            _ => crate::msg!(
                                "val-route-inside-internal-switch",
                                destination = r.destination,
                                net = b.destination,
                                gw = default_gw()
                            ),
                        },
                    ));
                } else if r.destination.contains(&b.destination) && r.destination.prefix_len() > 0 {
                    notes.push(crate::msg!(
                        "val-route-note-keeps-connected",
                        destination = r.destination,
                        what = b.what.clone()
                    ));
                }
            }
            Origin::PodNetwork | Origin::ServiceNetwork
                if cluster == ClusterPair::Check
                    && r.destination.prefix_len() > 0
                    && overlaps(&r.destination, &b.destination) =>
            {
                errors.push(FieldError::new(
                    "destination",
                    crate::msg!(
                        "val-route-overlaps-cluster-network",
                        destination = r.destination,
                        what = b.what.clone()
                    ),
                ));
            }
            _ => {}
        }
    }
    (errors, notes)
}

/// The port a route leaves through (iproute2's `dev`), as its rules need it:
/// looked up once per interface name, not once per route (names match without regard to case,
/// and a configuration may hold 10,000 routes).
#[derive(Clone, Copy)]
enum Dev<'a> {
    /// No port of the device has that name.
    Unknown,
    /// The port has no static address, so no subnet for a next hop.
    Dhcp(&'a str),
    Static {
        port: &'a str,
        address: std::net::Ipv4Addr,
        net: Ipv4Net,
        /// The port carries the compute switch: its subnet is a route every
        /// VM already has, and its node and service IPs are the cluster's.
        compute: Option<&'a ComputeConfig>,
    },
}

impl<'a> Dev<'a> {
    fn of(interface: &str, config: &'a Config, profile: &'a DeviceProfile) -> Self {
        let Some(spec) = profile.port(interface) else {
            return Dev::Unknown;
        };
        match config
            .port(&spec.name)
            .and_then(|p| p.addressing.as_static())
        {
            None => Dev::Dhcp(&spec.name),
            Some(st) => Dev::Static {
                port: &spec.name,
                address: st.address(),
                net: st.subnet(),
                compute: config
                    .compute
                    .as_ref()
                    .filter(|c| c.port.eq_ignore_ascii_case(&spec.name)),
            },
        }
    }
}

/// [`Dev::of`] for each route in turn, remembering the names already seen
/// (a configuration's routes use a handful of interfaces).
struct DevCache<'a> {
    config: &'a Config,
    profile: &'a DeviceProfile,
    seen: Vec<(&'a str, Dev<'a>)>,
}

impl<'a> DevCache<'a> {
    fn get(&mut self, interface: &'a str) -> Dev<'a> {
        if let Some((_, dev)) = self.seen.iter().find(|(name, _)| *name == interface) {
            return *dev;
        }
        let dev = Dev::of(interface, self.config, self.profile);
        self.seen.push((interface, dev));
        dev
    }
}

/// The rules of one route that need no other custom route.
fn own_rules(
    r: &Route,
    dev: Dev,
    profile: &DeviceProfile,
    builtins: &[VmRoute],
    cluster: ClusterPair,
) -> Vec<FieldError> {
    let mut errors = Vec::new();
    let (port, address, net, on_compute) = match dev {
        Dev::Unknown => {
            let names: Vec<&str> = profile.ports.iter().map(|p| p.name.as_str()).collect();
            errors.push(FieldError::new(
                "interface",
                crate::msg!(
                    "val-route-interface-unknown",
                    interface = &r.interface,
                    ports = names
                ),
            ));
            return errors;
        }
        Dev::Dhcp(port) => {
            errors.push(FieldError::new(
                "interface",
                crate::msg!("val-route-interface-dhcp", interface = port),
            ));
            return errors;
        }
        Dev::Static {
            port,
            address,
            net,
            compute,
        } => (port, address, net, compute),
    };
    let holder = on_compute.and_then(|c| Some((c, c.holder(r.next_hop)?)));
    let on_compute = on_compute.is_some();
    if r.next_hop == address {
        errors.push(FieldError::new(
            "next_hop",
            crate::msg!(
                "val-route-next-hop-own",
                hop = r.next_hop,
                port = port,
                net = net,
                destination = r.destination
            ),
        ));
    } else if !net.contains(&r.next_hop) {
        errors.push(FieldError::new(
            "next_hop",
            crate::msg!(
                "val-route-next-hop-outside",
                hop = r.next_hop,
                port = port,
                net = net,
                usable = usable_hosts(&net)
            ),
        ));
    } else if let Some((_, what)) = reserved_addresses(&net).find(|(a, _)| *a == r.next_hop) {
        errors.push(FieldError::new(
            "next_hop",
            crate::msg!(
                "val-route-next-hop-reserved",
                hop = r.next_hop,
                what = what.words(),
                net = net
            ),
        ));
    } else if let Some(b) = special_block(r.next_hop) {
        errors.push(FieldError::new(
            "next_hop",
            crate::msg!(
                "val-route-next-hop-special",
                hop = r.next_hop,
                what = b.words()
            ),
        ));
    } else if let Some((c, holder)) = holder {
        let id = match holder {
            ClusterAddress::Master => "val-route-next-hop-master",
            ClusterAddress::Worker => "val-route-next-hop-worker",
            ClusterAddress::UpdateSpare => "val-route-next-hop-spare",
            ClusterAddress::UnusedNodeIp => "val-route-next-hop-node-ips",
            ClusterAddress::ServicePool => "val-route-next-hop-pool",
        };
        let range = match holder {
            ClusterAddress::ServicePool => c.service_ips,
            _ => c.node_ips,
        };
        errors.push(FieldError::new(
            "next_hop",
            Message::new(id)
                .arg("hop", r.next_hop)
                .arg("range", range)
                .arg("net", net),
        ));
    }
    let (mut builtin, _) = against_builtin(r, builtins, cluster);
    // Before every other rule on the destination: nothing else about it matters.
    if let Some(b) = special_holding(&r.destination) {
        builtin.insert(
            0,
            FieldError::new(
                "destination",
                crate::msg!(
                    "val-route-destination-special",
                    destination = r.destination,
                    what = b.words()
                ),
            ),
        );
    }
    // The compute port's subnet is a built-in route already; any other
    // port's subnet is the host's, where a next hop makes no sense either.
    if !on_compute && net.contains(&r.destination) {
        builtin.push(FieldError::new(
            "destination",
            crate::msg!(
                "val-route-inside-own-subnet",
                destination = r.destination,
                port = port,
                net = net
            ),
        ));
    }
    errors.extend(builtin);
    errors
}

/// The rules of one route about to be added to `others` (field names
/// without prefix): its interface and next hop, the routes every VM already
/// has, and the custom routes it would duplicate or tie with.
pub fn check_route(
    r: &Route,
    others: &[Route],
    config: &Config,
    profile: &DeviceProfile,
) -> Vec<FieldError> {
    let builtins = builtin_routes(config, profile);
    let dev = Dev::of(&r.interface, config, profile);
    let mut errors = own_rules(r, dev, profile, &builtins, ClusterPair::Check);
    if errors.iter().any(|e| e.field == "interface") {
        return errors;
    }
    let port = profile
        .port(&r.interface)
        .map_or(r.interface.as_str(), |p| p.name.as_str());
    if others
        .iter()
        .any(|o| o.destination == r.destination && o.interface.eq_ignore_ascii_case(port))
    {
        errors.push(FieldError::new(
            "destination",
            crate::msg!("val-route-exists", destination = r.destination, port = port),
        ));
    } else if let Some(o) = others
        .iter()
        .find(|o| o.destination == r.destination && o.metric == r.metric)
    {
        let taken: Vec<u32> = others
            .iter()
            .filter(|o| o.destination == r.destination)
            .map(|o| o.metric)
            .collect();
        let free = (r.metric..=u32::MAX)
            .skip(1)
            .find(|m| !taken.contains(m))
            .unwrap_or(r.metric.saturating_sub(1));
        errors.push(FieldError::new(
            "metric",
            crate::msg!(
                "val-route-same-metric",
                destination = r.destination,
                metric = r.metric,
                hop = o.next_hop,
                port = &o.interface,
                free = free
            ),
        ));
    }
    errors
}

/// Notes for a route that is accepted: how it stands against the routes
/// every VM already has (a backup default route, connected subnets it covers).
pub fn notes(r: &Route, config: &Config, profile: &DeviceProfile) -> Vec<Message> {
    against_builtin(r, &builtin_routes(config, profile), ClusterPair::Check).1
}

/// Every problem of a typed route: its syntax, and the rules on whatever parts
/// could be read, so that one typo does not hide another problem.
pub fn form_errors(
    form: &RouteForm,
    existing: &[Route],
    config: &Config,
    profile: &DeviceProfile,
) -> Vec<FieldError> {
    match form.parse() {
        Ok((r, _)) => check_route(&r, existing, config, profile),
        Err(mut errors) => {
            if let (Ok(next_hop), false) =
                (parse_addr(&form.next_hop), form.interface.trim().is_empty())
            {
                let probe = Route {
                    destination: "255.255.255.255/32".parse().expect("literal"),
                    next_hop,
                    interface: form.interface.trim().to_string(),
                    metric: 1,
                };
                for e in check_route(&probe, &[], config, profile) {
                    if e.field != "destination"
                        && e.field != "metric"
                        && !errors.iter().any(|x| x.field == e.field)
                    {
                        errors.push(e);
                    }
                }
            }
            errors
        }
    }
}

/// Checks every route of a configuration; field names are `routes.{i}.{field}`.
///
/// Two routes with the same destination and metric on different interfaces
/// are not an error here (a revision that holds them stays restorable): the
/// later one is reported by [`standing`] as not installed.
pub fn validate(config: &Config, profile: &DeviceProfile, errors: &mut Vec<FieldError>) {
    if config.routes.len() > ROUTES_MAX {
        errors.push(FieldError::new(
            "routes",
            crate::msg!(
                "val-routes-too-many",
                count = config.routes.len(),
                max = ROUTES_MAX
            ),
        ));
        return;
    }
    let builtins = builtin_routes(config, profile);
    // Duplicates are found with a sorted index, so that checking stays n log n.
    // Interfaces compare without regard to case, and without a lowered copy
    // per comparison; the index makes the order total.
    fn lower(s: &str) -> impl Iterator<Item = u8> + '_ {
        s.bytes().map(|b| b.to_ascii_lowercase())
    }
    let mut order: Vec<usize> = (0..config.routes.len()).collect();
    order.sort_unstable_by(|&a, &b| {
        let (x, y) = (&config.routes[a], &config.routes[b]);
        x.destination
            .cmp(&y.destination)
            .then_with(|| lower(&x.interface).cmp(lower(&y.interface)))
            .then(a.cmp(&b))
    });
    let mut duplicate = vec![false; config.routes.len()];
    let mut devs = DevCache {
        config,
        profile,
        seen: Vec::new(),
    };
    for w in order.windows(2) {
        let (x, y) = (&config.routes[w[0]], &config.routes[w[1]]);
        if x.destination == y.destination && x.interface.eq_ignore_ascii_case(&y.interface) {
            duplicate[w[1]] = true;
        }
    }
    for (i, r) in config.routes.iter().enumerate() {
        let mut found = own_rules(
            r,
            devs.get(&r.interface),
            profile,
            &builtins,
            ClusterPair::LeaveToKubernetes,
        );
        if duplicate[i] {
            found.push(FieldError::new(
                "destination",
                crate::msg!(
                    "val-route-duplicate",
                    destination = r.destination,
                    port = &r.interface
                ),
            ));
        }
        errors.extend(found.into_iter().map(|e| {
            FieldError::new(
                format!("routes.{i}.{}", e.field),
                crate::msg!(
                    "val-route-in-list",
                    destination = r.destination,
                    port = &r.interface,
                    problem = e.message
                ),
            )
        }));
    }
}

/// For each custom route of the configuration, in order: `None` when the
/// VMs' kernels hold it, or why they do not. A route is not installed when it
/// collides with a route the VMs already have, or when an earlier route has
/// the same destination and metric (Linux keeps one route per pair; edgenet
/// installs the one added first, and "which route?" says so).
pub fn standing(config: &Config, profile: &DeviceProfile) -> Vec<Option<Message>> {
    let builtins = builtin_routes(config, profile);
    let mut holder: HashMap<(Ipv4Net, u32), &Route> = HashMap::new();
    config
        .routes
        .iter()
        .map(|r| {
            let (errors, _) = against_builtin(r, &builtins, ClusterPair::Check);
            if let Some(e) = errors.into_iter().next() {
                return Some(crate::msg!(
                    "val-route-inactive-conflict",
                    problem = e.message
                ));
            }
            match holder.get(&(r.destination, r.metric)) {
                Some(first) => Some(crate::msg!(
                    "val-route-inactive-duplicate",
                    destination = r.destination,
                    metric = r.metric,
                    hop = first.next_hop,
                    port = &first.interface
                )),
                None => {
                    holder.insert((r.destination, r.metric), r);
                    None
                }
            }
        })
        .collect()
}

/// The custom routes the VMs' kernels hold (see [`standing`]), in the order
/// they were added. The manifests and the kernel backend write exactly these.
pub fn effective<'a>(config: &'a Config, profile: &DeviceProfile) -> Vec<&'a Route> {
    config
        .routes
        .iter()
        .zip(standing(config, profile))
        .filter_map(|(r, s)| s.is_none().then_some(r))
        .collect()
}
