//! The wire checks' pure side: which addresses an address-conflict probe
//! asks about, its bound, what the answers mean, and what a reachability
//! check after an apply looks at. The server sends and receives the frames
//! (`server::wire`); everything decided about them is here, tested with
//! plain `cargo test`.
//!
//! The probe follows RFC 5227 ("IPv4 Address Conflict Detection"): an ARP
//! request whose sender protocol address is 0.0.0.0, so that asking commits
//! nobody's ARP cache to anything; any ARP frame from another MAC address
//! whose sender protocol address is a probed address means that address is
//! in use (RFC 5227 §2.1.1).

use std::net::Ipv4Addr;

use ipnet::Ipv4Net;
use serde::{Deserialize, Serialize};

use super::addr::Ipv4Range;
use super::error::FieldError;
use super::form::Draft;
use super::model::Route;
use super::model::{Addressing, Config};

/// The most addresses one probe asks about (ranges, port address, gateway
/// and DNS servers together): at the probe's pace of one frame a
/// millisecond, two rounds stay within a few seconds.
pub const MAX_ADDRESSES: usize = 1024;

/// What a probe checks: the compute port's segment and the two ranges.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProbeScope {
    /// The compute port (`Port3`).
    pub port: String,
    /// The port's own address with the segment's prefix (`10.0.0.2/24`).
    pub interface: Ipv4Net,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub gateway: Option<Ipv4Addr>,
    /// The port's DNS servers, primary first.
    #[serde(default)]
    pub dns: Vec<Ipv4Addr>,
    /// The Kubernetes node IPs.
    pub node_ips: Ipv4Range,
    /// The MetalLB service IPs.
    pub service_ips: Ipv4Range,
}

impl ProbeScope {
    /// The scope of a configuration's compute port, or the error that says
    /// why there is none (no compute port: `compute.port`; a port on DHCP,
    /// whose segment edgenet does not know: `compute.port`).
    pub fn of(config: &Config) -> Result<ProbeScope, FieldError> {
        let Some(c) = &config.compute else {
            return Err(FieldError::new(
                "compute.port",
                crate::msg!("probe-no-compute"),
            ));
        };
        let Some(Addressing::Static(st)) = config.port(&c.port).map(|p| &p.addressing) else {
            return Err(FieldError::new(
                "compute.port",
                crate::msg!("probe-port-not-static", port = &c.port),
            ));
        };
        Ok(ProbeScope {
            port: c.port.clone(),
            interface: st.interface,
            gateway: st.gateway,
            dns: st.dns_primary.into_iter().chain(st.dns_secondary).collect(),
            node_ips: c.node_ips,
            service_ips: c.service_ips,
        })
    }
}

impl ProbeScope {
    /// The scope of a draft's compute form (as typed; staged or not) on
    /// `applied`, with the compute port's settings as the draft has them
    /// when they read, else as applied. Errors: the compute form's own
    /// (`compute.node_ips`…), or [`ProbeScope::of`]'s.
    pub fn of_draft(draft: &Draft, applied: &Config) -> Result<ProbeScope, Vec<FieldError>> {
        let mut c = applied.clone();
        c.compute = draft.compute.parse()?;
        if let Some(port) = c.compute.as_ref().map(|cc| cc.port.clone()) {
            let typed = draft
                .ports
                .iter()
                .find(|p| p.name.eq_ignore_ascii_case(&port))
                .and_then(|f| f.parse().ok());
            if let (Some(typed), Some(slot)) = (typed, c.port_mut(&port)) {
                *slot = typed;
            }
        }
        ProbeScope::of(&c).map_err(|e| vec![e])
    }
}

/// Why an address is probed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Role {
    /// One of the Kubernetes node IPs: nobody else may answer for it.
    NodeIps,
    /// One of the MetalLB service IPs: nobody else may answer for it.
    ServiceIps,
    /// The compute port's own address: nobody else may answer for it.
    PortAddress,
    /// The port's gateway: it should answer.
    Gateway,
    /// A DNS server of the port: it should answer.
    Dns,
}

impl Role {
    /// The form field an address of this role belongs to.
    pub fn field(self, port: &str) -> String {
        match self {
            Role::NodeIps => "compute.node_ips".into(),
            Role::ServiceIps => "compute.service_ips".into(),
            Role::PortAddress => format!("ports.{port}.address"),
            Role::Gateway => format!("ports.{port}.gateway"),
            Role::Dns => format!("ports.{port}.dns_primary"),
        }
    }
}

/// One address a probe asks about.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Target {
    pub address: Ipv4Addr,
    pub role: Role,
}

/// What one probe asks: the addresses nobody else may hold (`claimed`), the
/// neighbours that should answer (`expected`: gateway and on-segment DNS
/// servers), and DNS servers off the segment, which ARP cannot reach (the
/// reachability check after an apply pings them through the gateway).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Plan {
    pub claimed: Vec<Target>,
    pub expected: Vec<Target>,
    pub off_segment: Vec<Target>,
}

impl Plan {
    /// Every address a frame is sent to, each once.
    pub fn addresses(&self) -> Vec<Ipv4Addr> {
        let mut v: Vec<Ipv4Addr> = self
            .claimed
            .iter()
            .chain(&self.expected)
            .map(|t| t.address)
            .collect();
        v.sort();
        v.dedup();
        v
    }
}

/// The addresses a probe of `scope` asks about, or the error that refuses
/// it: a range outside the port's segment (ARP does not cross a router:
/// `compute.node_ips` / `compute.service_ips`), or more than
/// [`MAX_ADDRESSES`] addresses in all (on the larger range's field).
pub fn plan(scope: &ProbeScope) -> Result<Plan, FieldError> {
    let segment = scope.interface.trunc();
    for (range, role) in [
        (scope.node_ips, Role::NodeIps),
        (scope.service_ips, Role::ServiceIps),
    ] {
        if !range.within(&segment) {
            return Err(FieldError::new(
                role.field(&scope.port),
                crate::msg!(
                    "probe-off-segment",
                    range = range.to_string(),
                    net = segment,
                    port = &scope.port
                ),
            ));
        }
    }
    let expected_count =
        scope.gateway.iter().count() + scope.dns.iter().filter(|d| segment.contains(*d)).count();
    let total = scope.node_ips.len() + scope.service_ips.len() + 1 + expected_count as u64;
    if total > MAX_ADDRESSES as u64 {
        let role = if scope.service_ips.len() > scope.node_ips.len() {
            Role::ServiceIps
        } else {
            Role::NodeIps
        };
        return Err(FieldError::new(
            role.field(&scope.port),
            crate::msg!("probe-too-many", count = total, max = MAX_ADDRESSES),
        ));
    }
    let mut claimed: Vec<Target> = scope
        .node_ips
        .iter()
        .map(|a| Target {
            address: a,
            role: Role::NodeIps,
        })
        .chain(scope.service_ips.iter().map(|a| Target {
            address: a,
            role: Role::ServiceIps,
        }))
        .collect();
    if !claimed.iter().any(|t| t.address == scope.interface.addr()) {
        claimed.push(Target {
            address: scope.interface.addr(),
            role: Role::PortAddress,
        });
    }
    let mut expected = Vec::new();
    let mut off_segment = Vec::new();
    for t in scope
        .gateway
        .map(|g| Target {
            address: g,
            role: Role::Gateway,
        })
        .into_iter()
        .chain(scope.dns.iter().map(|&d| Target {
            address: d,
            role: Role::Dns,
        }))
    {
        if segment.contains(&t.address) {
            expected.push(t);
        } else {
            off_segment.push(t);
        }
    }
    Ok(Plan {
        claimed,
        expected,
        off_segment,
    })
}

/// An ARP frame heard during a probe: another station saying it holds
/// `address`, from the MAC address `mac`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Answer {
    pub address: Ipv4Addr,
    pub mac: [u8; 6],
}

/// A MAC address as `ip link` writes it: `02:00:5e:10:00:01`.
pub fn mac_text(mac: [u8; 6]) -> String {
    mac.iter()
        .map(|b| format!("{b:02x}"))
        .collect::<Vec<_>>()
        .join(":")
}

/// An address that answered although edgenet means to hold it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct InUse {
    pub address: Ipv4Addr,
    pub role: Role,
    /// The MAC address that answered (`02:00:5e:10:00:01`).
    pub mac: String,
}

/// Whether a neighbour that should answer (gateway, DNS server) did.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Neighbour {
    pub address: Ipv4Addr,
    pub role: Role,
    /// `up` (answered), `down` (did not), `off-segment` (not on the port's
    /// segment: ARP cannot ask it), `unchecked` (nothing sent: dry run or
    /// wire checks off).
    pub state: State,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mac: Option<String>,
}

/// The state of something checked on the wire.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum State {
    Up,
    Down,
    OffSegment,
    Unchecked,
}

/// Whether a check looked at the wire.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Wire {
    /// Frames were sent from the VM namespace.
    Checked,
    /// No `route-namespace`: there is no wire to look at.
    #[default]
    DryRun,
    /// `wire-checks = false`: nothing is sent.
    Off,
}

/// The outcome of an address-conflict probe, kept per device and shown
/// beside the ranges it checked.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProbeReport {
    /// What was checked; a page shows the report only beside these ranges.
    pub scope: ProbeScope,
    pub wire: Wire,
    /// How many addresses were asked about.
    pub checked: usize,
    /// Addresses of the ranges and the port that another station holds,
    /// ordered by address.
    pub in_use: Vec<InUse>,
    /// The gateway and DNS servers.
    pub neighbours: Vec<Neighbour>,
    /// Seconds since the epoch at which the probe finished.
    pub at: u64,
    /// How long the probe took, in milliseconds.
    pub millis: u64,
}

/// Turns what was heard into a report. An address that answered from two
/// MAC addresses is listed twice (two stations claim it); `answers` for
/// addresses the plan did not ask about are ignored.
pub fn findings(
    scope: &ProbeScope,
    plan: &Plan,
    wire: Wire,
    answers: &[Answer],
    at: u64,
    millis: u64,
) -> ProbeReport {
    let mut in_use: Vec<InUse> = Vec::new();
    for t in &plan.claimed {
        let mut macs: Vec<String> = answers
            .iter()
            .filter(|a| a.address == t.address)
            .map(|a| mac_text(a.mac))
            .collect();
        macs.sort();
        macs.dedup();
        in_use.extend(macs.into_iter().map(|mac| InUse {
            address: t.address,
            role: t.role,
            mac,
        }));
    }
    in_use.sort_by(|a, b| (a.address, &a.mac).cmp(&(b.address, &b.mac)));
    let heard = |address: Ipv4Addr| answers.iter().find(|a| a.address == address);
    let neighbours = plan
        .expected
        .iter()
        .map(|t| {
            let answer = heard(t.address);
            Neighbour {
                address: t.address,
                role: t.role,
                state: match (wire, answer) {
                    (Wire::Checked, Some(_)) => State::Up,
                    (Wire::Checked, None) => State::Down,
                    _ => State::Unchecked,
                },
                mac: answer.map(|a| mac_text(a.mac)),
            }
        })
        .chain(plan.off_segment.iter().map(|t| Neighbour {
            address: t.address,
            role: t.role,
            state: if wire == Wire::Checked {
                State::OffSegment
            } else {
                State::Unchecked
            },
            mac: None,
        }))
        .collect();
    ProbeReport {
        scope: scope.clone(),
        wire,
        checked: plan.addresses().len(),
        in_use,
        neighbours,
        at,
        millis,
    }
}

/// The report's warnings, each on the field its address belongs to: an
/// address in use (`probe-in-use`, naming the address and the MAC), a
/// gateway or DNS server that did not answer (`probe-neighbour-down`).
/// Warnings do not block applying.
pub fn warnings(report: &ProbeReport) -> Vec<FieldError> {
    let port = &report.scope.port;
    report
        .in_use
        .iter()
        .map(|u| {
            FieldError::new(
                u.role.field(port),
                crate::msg!("probe-in-use", address = u.address, mac = &u.mac),
            )
        })
        .chain(
            report
                .neighbours
                .iter()
                .filter(|n| n.state == State::Down)
                .map(|n| {
                    FieldError::new(
                        n.role.field(port),
                        crate::msg!("probe-neighbour-down", address = n.address),
                    )
                }),
        )
        .collect()
}

/// What a reachability check pings.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum Hop {
    /// The compute port's gateway.
    Gateway,
    /// A DNS server of the compute port.
    Dns,
    /// The next hop of a custom route.
    NextHop {
        destination: Ipv4Net,
        interface: String,
    },
}

/// One address a reachability check pings, and why.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReachTarget {
    pub address: Ipv4Addr,
    pub hop: Hop,
}

/// What to ping after `config` is applied: the compute port's gateway, each
/// custom route's next hop, and the compute port's DNS servers, in that
/// order. Empty without compute on a static port and without routes.
pub fn reach_targets(config: &Config) -> Vec<ReachTarget> {
    let st = config
        .compute
        .as_ref()
        .and_then(|c| config.port(&c.port))
        .and_then(|p| p.addressing.as_static());
    let mut v: Vec<ReachTarget> = st
        .and_then(|s| s.gateway)
        .map(|g| ReachTarget {
            address: g,
            hop: Hop::Gateway,
        })
        .into_iter()
        .collect();
    v.extend(config.routes.iter().map(|r| ReachTarget {
        address: r.next_hop,
        hop: Hop::NextHop {
            destination: r.destination,
            interface: r.interface.clone(),
        },
    }));
    if let Some(s) = st {
        v.extend(
            s.dns_primary
                .into_iter()
                .chain(s.dns_secondary)
                .map(|d| ReachTarget {
                    address: d,
                    hop: Hop::Dns,
                }),
        );
    }
    v
}

/// One pinged address: `up` with the round-trip time, or `down`; in a dry
/// run or with wire checks off, `unchecked`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Reach {
    pub address: Ipv4Addr,
    pub hop: Hop,
    pub state: State,
    /// Round-trip time of the ICMP echo, in microseconds.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rtt_micros: Option<u64>,
}

/// The reachability check after the revision `revision` was applied.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Reachability {
    pub revision: u64,
    pub wire: Wire,
    pub results: Vec<Reach>,
    /// Seconds since the epoch at which the check finished.
    pub at: u64,
}

impl Reachability {
    /// The results for `targets` from the round-trip times measured per
    /// address (`None`: no echo came back); every target is `unchecked`
    /// unless `wire` is [`Wire::Checked`].
    pub fn from_times(
        revision: u64,
        wire: Wire,
        targets: &[ReachTarget],
        rtt: impl Fn(Ipv4Addr) -> Option<u64>,
        at: u64,
    ) -> Reachability {
        let results = targets
            .iter()
            .map(|t| {
                let time = (wire == Wire::Checked).then(|| rtt(t.address)).flatten();
                Reach {
                    address: t.address,
                    hop: t.hop.clone(),
                    state: match (wire, time) {
                        (Wire::Checked, Some(_)) => State::Up,
                        (Wire::Checked, None) => State::Down,
                        _ => State::Unchecked,
                    },
                    rtt_micros: time,
                }
            })
            .collect();
        Reachability {
            revision,
            wire,
            results,
            at,
        }
    }

    /// The result for a custom route's next hop, if it was checked.
    pub fn of_route(&self, route: &Route) -> Option<&Reach> {
        self.results.iter().find(|r| {
            r.address == route.next_hop
                && matches!(&r.hop, Hop::NextHop { destination, interface }
                    if *destination == route.destination && interface.eq_ignore_ascii_case(&route.interface))
        })
    }
}

/// What the pages receive about the wire: whether checks can look at it,
/// the last probe, and the reachability after the last apply.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct WireStatus {
    pub wire: Wire,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub probe: Option<ProbeReport>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reachability: Option<Reachability>,
}

impl WireStatus {
    /// The last probe, if it checked exactly `scope`'s ranges on its port.
    pub fn probe_for(&self, scope: &ProbeScope) -> Option<&ProbeReport> {
        self.probe.as_ref().filter(|p| {
            p.scope.port == scope.port
                && p.scope.node_ips == scope.node_ips
                && p.scope.service_ips == scope.service_ips
        })
    }
}
