//! The device's network configuration as typed values, and the rules that
//! make it valid. Everything here is pure: the server and the browser run the
//! same checks.

use std::net::Ipv4Addr;

use ipnet::Ipv4Net;

use super::addr::{reserved_addresses, special_block, special_in_range, usable_hosts, Ipv4Range};
use super::error::FieldError;
use super::model::{
    Addressing, Allocation, ComputeConfig, Config, DeviceProfile, PortConfig, StaticAddressing,
};
use crate::i18n::Message;

pub const SWITCH_NAME_MAX: usize = 64;

/// Checks every rule that spans fields or sections. Syntax has been checked
/// already (the types hold only well-formed values); what is left is meaning.
pub fn validate(config: &Config, profile: &DeviceProfile) -> Vec<FieldError> {
    let mut errors = Vec::new();
    validate_ports(config, profile, &mut errors);
    if let Some(name) = &config.default_gateway {
        match config.port(name) {
            None => errors.push(FieldError::new(
                "default_gateway",
                crate::msg!("val-default-gateway-unknown", name = name),
            )),
            Some(p) if !p.can_hold_default_gateway() => errors.push(FieldError::new(
                "default_gateway",
                crate::msg!("val-default-gateway-no-gateway", name = &p.name),
            )),
            Some(_) => {}
        }
    }
    if let Some(compute) = &config.compute {
        validate_compute(compute, config, profile, &mut errors);
    }
    super::kubernetes::validate(&config.kubernetes, config, profile, &mut errors);
    validate_vm_dns(config, &mut errors);
    super::routes::validate(config, profile, &mut errors);
    errors
}

/// The DNS servers the VMs use ([`Config::vm_dns_servers`]) against the
/// cluster's own networks, reported on the compute port's DNS field (the
/// Kubernetes page's fields get the same pair from the other side, in
/// `kubernetes::validate_parts`). Each is an error, not a warning, because
/// none of them can work:
/// - the cluster DNS address: CoreDNS would forward to itself, a loop that
///   CoreDNS's `loop` plugin stops by halting CoreDNS;
/// - inside the service network: kube-proxy on each VM takes every packet
///   to that network for a Service's ClusterIP, so a server there is never
///   reached;
/// - inside the pod network: Calico gives those addresses to pods and
///   blackholes the blocks each node owns (projectcalico/calico#8953).
///
/// The gateways and next hops the VMs use lie on the ports' subnets, which
/// may not overlap the cluster networks at all (`val-network-overlaps`);
/// other ports' DNS servers are the host's own resolvers, which the VMs
/// never ask, so no rule pairs them with the cluster.
fn validate_vm_dns(config: &Config, errors: &mut Vec<FieldError>) {
    let Some(port) = config.compute.as_ref().map(|c| c.port.as_str()) else {
        return;
    };
    let k = &config.kubernetes;
    for (addr, key) in config.vm_dns_servers() {
        let label = match key {
            "dns_primary" => crate::msg!("val-label-dns-primary"),
            _ => crate::msg!("val-label-dns-secondary"),
        };
        let id = if addr == k.dns() {
            "val-port-dns-cluster-dns"
        } else if k.service_cidr.contains(&addr) {
            "val-port-dns-in-service-network"
        } else if k.pod_cidr.contains(&addr) {
            "val-port-dns-in-pod-network"
        } else {
            continue;
        };
        let net = if id == "val-port-dns-in-pod-network" {
            k.pod_cidr
        } else {
            k.service_cidr
        };
        errors.push(FieldError::new(
            format!("ports.{port}.{key}"),
            Message::new(id)
                .arg("name", port)
                .arg("label", label)
                .arg("addr", addr)
                .arg("net", net),
        ));
    }
}

fn validate_ports(config: &Config, profile: &DeviceProfile, errors: &mut Vec<FieldError>) {
    for (i, port) in config.ports.iter().enumerate() {
        validate_port_parts(&PortParts::from(port), &config.ports[..i], profile, errors);
    }
}

/// The parts of one port's configuration that could be read. A rule whose
/// inputs could not be read is skipped (their syntax errors say enough), so
/// that a typo in one field does not hide a problem with another (#18 item 5).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PortParts {
    pub name: String,
    pub mtu: Option<u16>,
    /// `None` when the mode itself could not be read.
    pub addressing: Option<AddressingParts>,
}

/// [`Addressing`] with each static field that could be read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum AddressingParts {
    Dhcp,
    Static(StaticParts),
}

/// [`StaticAddressing`] field by field: `None` is "could not be read"; the
/// optional fields are `Some(None)` when left empty.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct StaticParts {
    pub address: Option<Ipv4Addr>,
    pub prefix: Option<u8>,
    pub gateway: Option<Option<Ipv4Addr>>,
    pub dns_primary: Option<Option<Ipv4Addr>>,
    pub dns_secondary: Option<Option<Ipv4Addr>>,
}

impl StaticParts {
    /// The whole static configuration, when every field could be read.
    pub fn complete(&self) -> Option<StaticAddressing> {
        Some(StaticAddressing {
            interface: Ipv4Net::new(self.address?, self.prefix?).ok()?,
            gateway: self.gateway?,
            dns_primary: self.dns_primary?,
            dns_secondary: self.dns_secondary?,
        })
    }
}

impl From<&PortConfig> for PortParts {
    fn from(p: &PortConfig) -> Self {
        PortParts {
            name: p.name.clone(),
            mtu: Some(p.mtu),
            addressing: Some(match &p.addressing {
                Addressing::Dhcp => AddressingParts::Dhcp,
                Addressing::Static(st) => AddressingParts::Static(StaticParts {
                    address: Some(st.address()),
                    prefix: Some(st.interface.prefix_len()),
                    gateway: Some(st.gateway),
                    dns_primary: Some(st.dns_primary),
                    dns_secondary: Some(st.dns_secondary),
                }),
            }),
        }
    }
}

/// The rules of one port, on whatever of it could be read, against the ports
/// before it (an overlap is reported on the later of two ports) and the
/// device's profile.
pub fn validate_port_parts(
    port: &PortParts,
    earlier: &[PortConfig],
    profile: &DeviceProfile,
    errors: &mut Vec<FieldError>,
) {
    let name = &port.name;
    let field = |f: &str| format!("ports.{name}.{f}");
    let Some(spec) = profile.port(name) else {
        errors.push(FieldError::new(
            format!("ports.{name}"),
            crate::msg!("val-port-unknown", name = name),
        ));
        return;
    };
    if let Some(mtu) = port
        .mtu
        .filter(|m| !(spec.mtu_min..=spec.mtu_max).contains(m))
    {
        let msg = if spec.mtu_fixed() {
            crate::msg!(
                "val-port-mtu-fixed",
                name = name,
                mtu = mtu,
                max = spec.mtu_max
            )
        } else {
            crate::msg!(
                "val-port-mtu-range",
                name = name,
                mtu = mtu,
                min = spec.mtu_min,
                max = spec.mtu_max
            )
        };
        errors.push(FieldError::new(field("mtu"), msg));
    }
    let st = match &port.addressing {
        None => return,
        Some(AddressingParts::Dhcp) if !spec.dhcp => {
            errors.push(FieldError::new(
                field("mode"),
                crate::msg!(
                    "val-port-dhcp-not-allowed",
                    name = name,
                    role = spec.role.key()
                ),
            ));
            return;
        }
        Some(AddressingParts::Dhcp) => return,
        Some(AddressingParts::Static(st)) => st,
    };
    let net = st
        .address
        .zip(st.prefix)
        .and_then(|(a, p)| Ipv4Net::new(a, p).ok())
        .map(|n| n.trunc());
    if let Some(addr) = st.address {
        if let Some(problem) = unusable_host(addr) {
            errors.push(FieldError::new(
                field("address"),
                crate::msg!(
                    "val-port-address-unusable",
                    name = name,
                    addr = addr,
                    problem = problem
                ),
            ));
        } else if let Some(net) = net {
            port_subnet_rules(name, addr, net, earlier, profile, errors);
        }
    }
    if let Some(Some(gw)) = st.gateway {
        if st.address == Some(gw) {
            let msg = match net {
                Some(net) => crate::msg!(
                    "val-port-gateway-own-address",
                    name = name,
                    gw = gw,
                    net = net
                ),
                None => crate::msg!(
                    "val-port-gateway-own-address-subnet-unknown",
                    name = name,
                    gw = gw
                ),
            };
            errors.push(FieldError::new(field("gateway"), msg));
        } else if let Some(net) = net {
            if !net.contains(&gw) {
                errors.push(FieldError::new(
                    field("gateway"),
                    crate::msg!(
                        "val-port-gateway-outside",
                        name = name,
                        gw = gw,
                        net = net,
                        usable = usable_hosts(&net)
                    ),
                ));
            } else if let Some((_, what)) = reserved_addresses(&net).find(|(a, _)| *a == gw) {
                errors.push(FieldError::new(
                    field("gateway"),
                    crate::msg!(
                        "val-port-gateway-reserved",
                        name = name,
                        gw = gw,
                        what = what.words(),
                        net = net,
                        usable = usable_hosts(&net)
                    ),
                ));
            } else if let Some(b) = special_block(gw) {
                errors.push(FieldError::new(
                    field("gateway"),
                    crate::msg!(
                        "val-port-gateway-special",
                        name = name,
                        gw = gw,
                        what = b.words()
                    ),
                ));
            }
        }
    }
    for (key, label, dns) in [
        (
            "dns_primary",
            crate::msg!("val-label-dns-primary"),
            st.dns_primary.flatten(),
        ),
        (
            "dns_secondary",
            crate::msg!("val-label-dns-secondary"),
            st.dns_secondary.flatten(),
        ),
    ] {
        if let Some((addr, problem)) = dns.and_then(|d| unusable_host(d).map(|p| (d, p))) {
            errors.push(FieldError::new(
                field(key),
                crate::msg!(
                    "val-port-dns-unusable",
                    name = name,
                    label = label,
                    addr = addr,
                    problem = problem
                ),
            ));
        }
    }
    if let (Some(None), Some(Some(_))) = (st.dns_primary, st.dns_secondary) {
        errors.push(FieldError::new(
            field("dns_primary"),
            crate::msg!("val-port-dns-secondary-without-primary", name = name),
        ));
    }
    if let (Some(Some(a)), Some(Some(b))) = (st.dns_primary, st.dns_secondary) {
        if a == b {
            errors.push(FieldError::new(
                field("dns_secondary"),
                crate::msg!("val-port-dns-secondary-same", name = name, addr = b),
            ));
        }
    }
}

/// The rules of a static port's own address within its subnet: the prefix
/// bound, the subnet's reserved addresses, and subnets that may not overlap.
fn port_subnet_rules(
    name: &str,
    addr: Ipv4Addr,
    net: Ipv4Net,
    earlier: &[PortConfig],
    profile: &DeviceProfile,
    errors: &mut Vec<FieldError>,
) {
    let field = |f: &str| format!("ports.{name}.{f}");
    if net.prefix_len() < super::addr::PORT_PREFIX_MIN {
        errors.push(FieldError::new(
            field("prefix"),
            crate::msg!(
                "val-port-prefix-too-large",
                name = name,
                prefix = net.prefix_len(),
                min = super::addr::PORT_PREFIX_MIN
            ),
        ));
    } else if let Some((_, what)) = reserved_addresses(&net).find(|(a, _)| *a == addr) {
        errors.push(FieldError::new(
            field("address"),
            crate::msg!(
                "val-port-address-reserved",
                name = name,
                addr = addr,
                what = what.words(),
                net = net,
                usable = usable_hosts(&net)
            ),
        ));
    } else if let Some(other) = earlier.iter().find_map(|p| {
        p.addressing
            .as_static()
            .filter(|o| o.subnet().contains(&addr) || net.contains(&o.address()))
            .map(|o| (p, o))
    }) {
        errors.push(FieldError::new(
            field("address"),
            crate::msg!(
                "val-port-subnet-overlaps-port",
                name = name,
                net = net,
                other = &other.0.name,
                other_net = other.1.subnet()
            ),
        ));
    } else if net.contains(&profile.internal_switch.network())
        || profile.internal_switch.contains(&addr)
    {
        errors.push(FieldError::new(
            field("address"),
            crate::msg!(
                "val-port-subnet-overlaps-internal",
                name = name,
                net = net,
                internal = profile.internal_switch
            ),
        ));
    }
}

/// Why an address cannot be a host's address, if it cannot: it lies in a
/// special-purpose block ([`special_block`]).
fn unusable_host(addr: Ipv4Addr) -> Option<Message> {
    special_block(addr).map(|b| crate::msg!("val-host-special", what = b.words()))
}

/// The parts of a compute configuration that could be read; rules about a
/// part that could not be read are skipped (its syntax error says enough).
#[derive(Clone, Debug)]
pub struct ComputeParts<'a> {
    pub port: Option<&'a str>,
    pub switch_name: &'a str,
    pub node_ips: Option<Ipv4Range>,
    pub service_ips: Option<Ipv4Range>,
    pub skip_edge_addresses: bool,
}

impl<'a> From<&'a ComputeConfig> for ComputeParts<'a> {
    fn from(c: &'a ComputeConfig) -> Self {
        ComputeParts {
            port: Some(&c.port),
            switch_name: &c.switch_name,
            node_ips: Some(c.node_ips),
            service_ips: Some(c.service_ips),
            skip_edge_addresses: c.skip_edge_addresses,
        }
    }
}

fn validate_compute(
    c: &ComputeConfig,
    config: &Config,
    profile: &DeviceProfile,
    errors: &mut Vec<FieldError>,
) {
    validate_compute_parts(&ComputeParts::from(c), config, profile, errors)
}

/// The compute rules, on whatever parts could be read.
pub fn validate_compute_parts(
    c: &ComputeParts,
    config: &Config,
    profile: &DeviceProfile,
    errors: &mut Vec<FieldError>,
) {
    let name = c.switch_name.trim();
    if name.is_empty() {
        errors.push(FieldError::new(
            "compute.switch_name",
            crate::msg!("val-switch-name-empty"),
        ));
    } else if name.chars().count() > SWITCH_NAME_MAX {
        errors.push(FieldError::new(
            "compute.switch_name",
            crate::msg!(
                "val-switch-name-too-long",
                count = name.chars().count(),
                max = SWITCH_NAME_MAX
            ),
        ));
    } else if let Some(ch) = name
        .chars()
        .find(|ch| !(ch.is_ascii_alphanumeric() || matches!(ch, '-' | '_' | '.' | ' ')))
    {
        errors.push(FieldError::new(
            "compute.switch_name",
            crate::msg!("val-switch-name-bad-char", name = name, ch = ch),
        ));
    } else if let Some(bridge) = super::host::bridge_name_taken(name, profile) {
        errors.push(FieldError::new(
            "compute.switch_name",
            crate::msg!("val-switch-name-taken", name = name, bridge = bridge),
        ));
    }

    let Some(port) = c.port else { return };
    let Some(spec) = profile.port(port) else {
        errors.push(FieldError::new(
            "compute.port",
            crate::msg!("val-compute-port-unknown", port = port),
        ));
        return;
    };
    if !spec.compute {
        errors.push(FieldError::new(
            "compute.port",
            crate::msg!(
                "val-compute-port-cannot-carry",
                port = &spec.name,
                role = spec.role.key()
            ),
        ));
        return;
    }
    let Some(st) = config
        .port(&spec.name)
        .and_then(|p| p.addressing.as_static())
    else {
        errors.push(FieldError::new(
            "compute.port",
            crate::msg!("val-compute-port-dhcp", port = &spec.name),
        ));
        return;
    };
    let net = st.subnet();
    let mut taken = st.taken(&spec.name);
    // A route's next hop is a router on the subnet: a VM cannot hold it too.
    taken.extend(
        config
            .routes
            .iter()
            .filter(|r| r.interface.eq_ignore_ascii_case(&spec.name))
            .map(|r| {
                (
                    r.next_hop,
                    crate::msg!("val-taken-route-next-hop", destination = r.destination),
                )
            }),
    );
    let needed = profile.node_ips_needed();

    let node_error = c.node_ips.and_then(|nodes| {
        check_range_on_subnet(crate::msg!("val-label-node-ips"), &nodes, &net, &taken).or_else(
            || {
                (nodes.len() < needed).then(|| {
                    crate::msg!(
                        "val-node-ips-too-few",
                        range = nodes,
                        count = nodes.len(),
                        needed = needed
                    )
                })
            },
        )
    });
    if let Some(msg) = node_error {
        errors.push(FieldError::new("compute.node_ips", msg));
    }

    let svc_error = c.service_ips.and_then(|services| {
        check_range_on_subnet(
            crate::msg!("val-label-service-ips"),
            &services,
            &net,
            &taken,
        )
        .or_else(|| {
            let nodes = c.node_ips?;
            nodes.overlap(&services).map(|o| {
                crate::msg!(
                    "val-service-ips-overlap-nodes",
                    range = services,
                    nodes = nodes,
                    at = if o.len() == 1 {
                        o.start().to_string()
                    } else {
                        o.to_string()
                    }
                )
            })
        })
        .or_else(|| {
            (c.skip_edge_addresses && services.len() == services.edge_count())
                .then(|| crate::msg!("val-service-ips-all-edge", range = services))
        })
    });
    if let Some(msg) = svc_error {
        errors.push(FieldError::new("compute.service_ips", msg));
    }
}

/// The first rule a range on the compute subnet breaks, as a message.
fn check_range_on_subnet(
    label: Message,
    r: &Ipv4Range,
    net: &Ipv4Net,
    taken: &[(Ipv4Addr, Message)],
) -> Option<Message> {
    let usable = usable_hosts(net);
    if !r.within(net) {
        return Some(crate::msg!(
            "val-range-outside-compute-subnet",
            label = label,
            range = r,
            net = net,
            usable = usable
        ));
    }
    if let Some((a, what)) = reserved_addresses(net).find(|(a, _)| r.contains(*a)) {
        return Some(crate::msg!(
            "val-range-includes-reserved",
            label = label,
            range = r,
            addr = a,
            what = what.words(),
            net = net,
            usable = usable
        ));
    }
    if let Some((a, b)) = special_in_range(r) {
        return Some(crate::msg!(
            "val-range-includes-special",
            label = label,
            range = r,
            addr = a,
            what = b.words()
        ));
    }
    let mut hits: Vec<&(Ipv4Addr, Message)> =
        taken.iter().filter(|(a, _)| r.contains(*a)).collect();
    hits.sort_by_key(|(a, _)| *a);
    hits.dedup_by_key(|(a, _)| *a);
    match hits.as_slice() {
        [] => None,
        [(a, what)] => Some(crate::msg!(
            "val-range-includes-taken",
            label = label,
            range = r,
            addr = a,
            what = what.clone()
        )),
        many => {
            let list: Vec<Message> = many
                .iter()
                .map(|(a, what)| crate::msg!("val-taken-item", addr = a, what = what.clone()))
                .collect();
            Some(crate::msg!(
                "val-range-includes-taken-many",
                label = label,
                range = r,
                list = list
            ))
        }
    }
}

/// What the allocation summary may show of a compute configuration checked
/// with `errors` (those of `Draft::resolve`): numbers only for a range that
/// has no error. A range in error gets [`Shown::InError`], never counts,
/// since counts of a range that overlaps another or leaves the subnet are false.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AllocationSummary {
    /// Master, worker, update spare (if any).
    pub nodes: Shown<(Ipv4Addr, Ipv4Addr, Option<Ipv4Addr>)>,
    /// Service addresses MetalLB can hand out, of how many in the range.
    pub services: Shown<(u64, u64)>,
}

/// A part of the summary: its values, or "in error" (the field's message says why).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Shown<T> {
    Values(T),
    InError,
}

impl AllocationSummary {
    pub fn of(c: &ComputeConfig, errors: &[FieldError]) -> AllocationSummary {
        let broken = |key: &str| {
            errors
                .iter()
                .any(|e| e.field == key || e.field == "compute.port")
        };
        let a = Allocation::of(c);
        AllocationSummary {
            nodes: match &a {
                Some(a) if !broken("compute.node_ips") => {
                    Shown::Values((a.master, a.worker, a.update_spare))
                }
                _ => Shown::InError,
            },
            services: match &a {
                _ if broken("compute.service_ips") => Shown::InError,
                Some(a) => Shown::Values((a.service_ips_free, c.service_ips.len())),
                None => Shown::Values((0, c.service_ips.len())),
            },
        }
    }
}
