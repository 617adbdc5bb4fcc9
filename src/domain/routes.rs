//! Custom routes for the Kubernetes VMs, and which route a destination takes.
//!
//! The semantics follow the device's own cmdlets (`Add-HcsNetRoute`,
//! `Get-HcsNetRoute`, `Remove-HcsNetRoute`): a route is a destination prefix,
//! a next hop, an interface (a port alias) and a metric; the lower metric is
//! preferred. Routes apply to the master and worker VMs only, never the host.

use std::net::Ipv4Addr;

use ipnet::Ipv4Net;
use serde::{Deserialize, Serialize};

use super::addr::{parse_addr, parse_prefix, reserved_addresses, usable_hosts, RangeError};
use super::config::{Addressing, Config};
use super::error::FieldError;
use super::manifests::{internal_addresses, EXTERNAL_NIC, INTERNAL_NIC};
use super::profile::DeviceProfile;
use crate::i18n::Message;

/// Linux takes any 32-bit metric.
pub const METRIC_MAX: u64 = u32::MAX as u64;
pub const DEFAULT_METRIC: u32 = 100;
/// At most this many custom routes: more is a mistake, not a routing table.
pub const ROUTES_MAX: usize = 10_000;

#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Route {
    /// Always a network address (host bits clear).
    pub destination: Ipv4Net,
    pub next_hop: Ipv4Addr,
    /// A port alias such as `Port3`.
    pub interface: String,
    pub metric: u32,
}

/// A route as typed.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RouteForm {
    /// `192.168.20.0/24`, or `192.168.20.0` with the prefix length in its own field.
    pub destination: String,
    pub prefix_length: String,
    pub next_hop: String,
    pub interface: String,
    pub metric: String,
}

impl RouteForm {
    /// Reads the text. The second value is a note (in English) when the
    /// destination had host bits set and was normalised; [`RouteForm::note`]
    /// gives it as a message.
    pub fn parse(&self) -> Result<(Route, Option<String>), Vec<FieldError>> {
        self.read()
            .map(|(route, note)| (route, note.map(|n| n.to_string())))
    }

    /// The note [`RouteForm::parse`] gives, in any language: set when the
    /// destination had host bits set and was normalised.
    pub fn note(&self) -> Option<Message> {
        self.read().ok().and_then(|(_, note)| note)
    }

    fn read(&self) -> Result<(Route, Option<Message>), Vec<FieldError>> {
        let mut errors = Vec::new();
        let dest_text = self.destination.trim();
        let (addr_text, prefix_text) = match dest_text.split_once('/') {
            Some((a, p)) => {
                if !self.prefix_length.trim().is_empty() && self.prefix_length.trim() != p.trim() {
                    errors.push(FieldError::new(
                        "prefix_length",
                        crate::msg!(
                            "val-route-prefix-differs",
                            text = self.prefix_length.trim(),
                            prefix = p.trim()
                        ),
                    ));
                }
                (a, p.to_string())
            }
            None => (dest_text, self.prefix_length.clone()),
        };
        let addr = parse_addr(addr_text).map_err(|e| match e {
            RangeError::Empty => crate::msg!("val-route-destination-required"),
            e => destination_invalid(&e),
        });
        let prefix = if prefix_text.trim().contains('.') {
            Err(crate::msg!(
                "val-route-prefix-dotted",
                text = prefix_text.trim()
            ))
        } else {
            parse_prefix(&prefix_text)
                .map_err(|e| crate::msg!("val-route-prefix-invalid", problem = e))
        };
        let next_hop = parse_addr(&self.next_hop).map_err(|e| match e {
            RangeError::Empty => crate::msg!("val-route-next-hop-required"),
            e => crate::msg!("val-route-next-hop-invalid", problem = e.message()),
        });
        let interface = self.interface.trim().to_string();
        if interface.is_empty() {
            errors.push(FieldError::new(
                "interface",
                crate::msg!("val-route-interface-required"),
            ));
        }
        let metric = match self.metric.trim() {
            "" => Ok(DEFAULT_METRIC),
            t => match t.parse::<u64>() {
                Ok(m) if m <= METRIC_MAX => Ok(m as u32),
                Ok(_) => Err(crate::msg!(
                    "val-route-metric-too-large",
                    text = t,
                    max = METRIC_MAX
                )),
                Err(_) => Err(crate::msg!(
                    "val-route-metric-not-number",
                    text = t,
                    max = METRIC_MAX
                )),
            },
        };
        let dest_field = if dest_text.contains('/') || self.prefix_length.trim().is_empty() {
            "destination"
        } else {
            "prefix_length"
        };
        match (addr, prefix, next_hop, metric) {
            (Ok(a), Ok(p), Ok(next_hop), Ok(metric)) if errors.is_empty() => {
                let net = Ipv4Net::new(a, p).expect("prefix checked").trunc();
                let note = (net.network() != a).then(|| {
                    crate::msg!("val-route-host-bits", text = format!("{a}/{p}"), net = net)
                });
                Ok((
                    Route {
                        destination: net,
                        next_hop,
                        interface,
                        metric,
                    },
                    note,
                ))
            }
            (a, p, n, m) => {
                if let Err(e) = a {
                    errors.push(FieldError::new("destination", e));
                }
                if let Err(e) = p {
                    errors.push(FieldError::new(dest_field, e));
                }
                if let Err(e) = n {
                    errors.push(FieldError::new("next_hop", e));
                }
                if let Err(e) = m {
                    errors.push(FieldError::new("metric", e));
                }
                Err(errors)
            }
        }
    }
}

/// "Destination: …" for an address that could not be read, as the routes
/// page's lookup says it too.
pub fn destination_invalid(e: &RangeError) -> Message {
    crate::msg!("val-route-destination-invalid", problem = e.message())
}

/// The rules of one route against the configuration (field names without prefix).
pub fn check_route(
    r: &Route,
    others: &[Route],
    config: &Config,
    profile: &DeviceProfile,
) -> Vec<FieldError> {
    let mut errors = Vec::new();
    let Some(spec) = profile.port(&r.interface) else {
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
    };
    let Some(st) = config
        .port(&spec.name)
        .and_then(|p| p.addressing.as_static())
    else {
        errors.push(FieldError::new(
            "interface",
            crate::msg!("val-route-interface-dhcp", interface = &spec.name),
        ));
        return errors;
    };
    let net = st.subnet();
    if r.next_hop == st.address() {
        errors.push(FieldError::new(
            "next_hop",
            crate::msg!(
                "val-route-next-hop-own",
                hop = r.next_hop,
                port = &spec.name,
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
                port = &spec.name,
                net = net,
                usable = usable_hosts(&net)
            ),
        ));
    } else if let Some((_, what)) = reserved_addresses(&net)
        .into_iter()
        .find(|(a, _)| *a == r.next_hop)
    {
        errors.push(FieldError::new(
            "next_hop",
            crate::msg!(
                "val-route-next-hop-reserved",
                hop = r.next_hop,
                what = what,
                net = net
            ),
        ));
    }
    if others
        .iter()
        .any(|o| o.destination == r.destination && o.interface.eq_ignore_ascii_case(&spec.name))
    {
        errors.push(FieldError::new(
            "destination",
            crate::msg!(
                "val-route-exists",
                destination = r.destination,
                port = &spec.name
            ),
        ));
    }
    errors
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
                    destination: Ipv4Net::default(),
                    next_hop,
                    interface: form.interface.trim().to_string(),
                    metric: 0,
                };
                for e in check_route(&probe, &[], config, profile) {
                    if e.field != "destination" && !errors.iter().any(|x| x.field == e.field) {
                        errors.push(e);
                    }
                }
            }
            errors
        }
    }
}

/// Checks every route of a configuration; field names are `routes.{i}.{field}`.
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
    // Duplicates are found with a sorted index, so that checking stays n log n.
    let mut order: Vec<usize> = (0..config.routes.len()).collect();
    order.sort_by(|&a, &b| {
        let (x, y) = (&config.routes[a], &config.routes[b]);
        (x.destination, x.interface.to_ascii_lowercase(), a).cmp(&(
            y.destination,
            y.interface.to_ascii_lowercase(),
            b,
        ))
    });
    let mut duplicate = vec![false; config.routes.len()];
    for w in order.windows(2) {
        let (x, y) = (&config.routes[w[0]], &config.routes[w[1]]);
        if x.destination == y.destination && x.interface.eq_ignore_ascii_case(&y.interface) {
            duplicate[w[1]] = true;
        }
    }
    for (i, r) in config.routes.iter().enumerate() {
        let mut found = check_route(r, &[], config, profile);
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

/// Where a destination goes from a Kubernetes VM, and why.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Decision {
    pub destination: Ipv4Addr,
    /// The custom route taken, if one matched.
    pub route: Option<Route>,
    /// The VM NIC the packet leaves through.
    pub device: String,
    /// The gateway, or none when the destination is on a connected subnet.
    pub via: Option<Ipv4Addr>,
    /// Why, in English (the API's words): the text of `why`.
    pub explanation: String,
    /// Why, in any language.
    pub why: Message,
}

/// One entry of a VM's routing table.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Entry {
    dest: Ipv4Net,
    via: Option<Ipv4Addr>,
    device: String,
    metric: u32,
    custom: Option<Route>,
    what: Message,
}

/// How a VM reaches a custom route's next hop: directly through its external
/// NIC when the route is on the compute port, else through the internal
/// switch, whose host forwards to the next hop on that port.
pub fn vm_hop(
    config: &Config,
    profile: &DeviceProfile,
    r: &Route,
) -> (&'static str, Ipv4Addr, Message) {
    let on_compute = config
        .compute
        .as_ref()
        .is_some_and(|c| c.port.eq_ignore_ascii_case(&r.interface));
    if on_compute {
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
    }
}

/// The routes the kernel can hold: one per (destination, metric), the one
/// added first, as Linux refuses a second route with the same key and as
/// [`which_route`] prefers the earlier of two equal routes.
pub fn effective(routes: &[Route]) -> Vec<&Route> {
    let mut seen = std::collections::HashSet::new();
    routes
        .iter()
        .filter(|r| seen.insert((r.destination, r.metric)))
        .collect()
}

/// The VM's routing table: connected subnets, custom routes, and the default
/// route through the internal virtual switch.
fn table(config: &Config, profile: &DeviceProfile) -> Vec<Entry> {
    let (gw, _, _) = internal_addresses(profile);
    let nat = config
        .default_gateway_port()
        .map(|p| crate::i18n::Arg::from(&p.name))
        .unwrap_or_else(|| crate::msg!("decision-no-port").into());
    let mut t = vec![
        Entry {
            dest: "0.0.0.0/0".parse().expect("literal"),
            via: Some(gw),
            device: INTERNAL_NIC.into(),
            metric: 0,
            custom: None,
            what: crate::msg!("decision-default-route", gw = gw, nat = nat),
        },
        Entry {
            dest: profile.internal_switch.trunc(),
            via: None,
            device: INTERNAL_NIC.into(),
            metric: 0,
            custom: None,
            what: crate::msg!(
                "decision-internal-subnet",
                net = profile.internal_switch.trunc()
            ),
        },
    ];
    if let Some(c) = &config.compute {
        if let Some(Addressing::Static(st)) = config.port(&c.port).map(|p| &p.addressing) {
            t.push(Entry {
                dest: st.subnet(),
                via: None,
                device: EXTERNAL_NIC.into(),
                metric: 0,
                custom: None,
                what: crate::msg!("decision-compute-subnet", port = &c.port, net = st.subnet()),
            });
        }
    }
    for r in effective(&config.routes) {
        let (device, via, what) = vm_hop(config, profile, r);
        t.push(Entry {
            dest: r.destination,
            via: Some(via),
            device: device.into(),
            metric: r.metric,
            custom: Some(r.clone()),
            what,
        });
    }
    t
}

/// Chooses the route for `dest` as the kernel does: the longest matching
/// prefix, then the lowest metric; among equals, the one added first.
///
/// ```
/// use edgenet::domain::{config::Config, profile::DeviceProfile, routes::which_route};
/// let p = DeviceProfile::default_appliance();
/// let d = which_route(&Config::factory(&p), &p, "8.8.8.8".parse().unwrap());
/// assert!(d.route.is_none());
/// assert!(d.explanation.contains("default route"));
/// ```
pub fn which_route(config: &Config, profile: &DeviceProfile, dest: Ipv4Addr) -> Decision {
    let t = table(config, profile);
    let best = t
        .iter()
        .enumerate()
        .filter(|(_, e)| e.dest.contains(&dest))
        .min_by_key(|(i, e)| (std::cmp::Reverse(e.dest.prefix_len()), e.metric, *i))
        .map(|(_, e)| e.clone())
        .expect("the default route matches everything");
    let losers: Vec<&Entry> = t
        .iter()
        .filter(|e| e.dest.contains(&dest) && e.custom.is_some() && **e != best)
        .collect();
    let why = |id: &'static str| {
        Message::new(id)
            .arg("destination", dest)
            .arg("what", best.what.clone())
    };
    let why = if let Some(r) = &best.custom {
        let same_len: Vec<Message> = losers
            .iter()
            .filter(|e| e.dest.prefix_len() == r.destination.prefix_len())
            .filter_map(|e| e.custom.as_ref())
            .map(|c| {
                crate::msg!(
                    "decision-route-on",
                    destination = c.destination,
                    port = &c.interface
                )
            })
            .collect();
        if !same_len.is_empty() {
            why("decision-why-wins")
                .arg("others", same_len)
                .arg("metric", r.metric)
        } else if !losers.is_empty() {
            why("decision-why-longest")
        } else {
            why("decision-why")
        }
    } else if best.dest.prefix_len() == 0 {
        why(if config.routes.is_empty() {
            "decision-why-no-routes"
        } else {
            "decision-why-no-match"
        })
    } else {
        why("decision-why")
    };
    Decision {
        destination: dest,
        route: best.custom.clone(),
        device: best.device.clone(),
        via: best.via,
        explanation: why.to_string(),
        why,
    }
}
