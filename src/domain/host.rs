//! The device's own side of a revision: what the host's network stack holds
//! when a configuration is applied ([`plan`]), what it was found to hold
//! ([`HostState`]) and how the two differ ([`differences`]).
//!
//! Pure: the server's `backend::host` reads and programs the kernel through
//! netlink and nftables; this module decides what it should find.
//!
//! The model follows the appliance: each port of the device profile is a
//! host interface of the same name; the *external virtual switch* that
//! enabling a port for compute creates is a Linux bridge holding that port
//! (the port's own address moves onto the bridge, as a Hyper-V switch's host
//! adapter takes it); the *internal virtual switch* is a bridge holding the
//! host's end of each VM's `eth0`, with the NAT gateway's address, and a
//! masquerade out through the port that holds the default gateway.
//!
//! ```
//! use edgenet::domain::{host::{plan, INTERNAL_BRIDGE}, model::{Config, DeviceProfile}};
//! let profile = DeviceProfile::default_appliance();
//! let p = plan(&Config::factory(&profile), &profile);
//! assert_eq!(p.ports[0].port, "Port1");
//! assert_eq!(p.ports[0].address().unwrap().to_string(), "192.168.100.10/24");
//! assert_eq!(p.bridges[0].name, INTERNAL_BRIDGE);
//! ```

use std::net::Ipv4Addr;

use ipnet::Ipv4Net;
use serde::{Deserialize, Serialize};

use crate::domain::{
    model::{Addressing, Config, DeviceProfile},
    vm::{internal_addresses, EXTERNAL_NIC, INTERNAL_NIC},
};

/// The internal virtual switch's bridge on the host.
pub const INTERNAL_BRIDGE: &str = "edgenet-int";
/// The longest interface name Linux takes (`IFNAMSIZ` 16, less the NUL).
pub const IFNAME_MAX: usize = 15;
/// The VMs whose NICs' host ends are attached to the switches: the host end
/// of a VM's `eth0` is `<vm>-eth0` (see [`vm_nic`]).
pub const VMS: [&str; 2] = ["master", "worker"];
/// The most name servers a resolver file is read for (glibc's `MAXNS`,
/// resolv.conf(5)).
pub const RESOLVERS_MAX: usize = 3;

/// The bridge that stands for the virtual switch `switch`: the name with
/// each character Linux refuses in an interface name (a space, `/`, `:`)
/// as `-`, cut to [`IFNAME_MAX`] bytes. Switch names are ASCII (the
/// compute rules refuse anything else), so the cut never splits a
/// character.
///
/// ```
/// use edgenet::domain::host::bridge_name;
/// assert_eq!(bridge_name("vSwitch-Port3"), "vSwitch-Port3");
/// assert_eq!(bridge_name("compute switch A"), "compute-switch-");
/// ```
pub fn bridge_name(switch: &str) -> String {
    let mut name: String = switch
        .trim()
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.') {
                c
            } else {
                '-'
            }
        })
        .collect();
    name.truncate(IFNAME_MAX);
    name
}

/// The device name a switch's bridge would take on the host when that name
/// is already another device's, or one Linux refuses: a port of `profile`
/// (`Port1`), the internal switch's bridge ([`INTERNAL_BRIDGE`]), a VM NIC's
/// host end (`master-eth1`, [`vm_nic`]), the loopback `lo`, or `.`/`..`
/// (netdevice(7); the kernel's `dev_valid_name`). `None`: the name is free.
/// A bridge taking such a name would make edgenet program another device's
/// addresses as the switch's.
///
/// ```
/// use edgenet::domain::{host::bridge_name_taken, model::DeviceProfile};
/// let p = DeviceProfile::default_appliance();
/// assert_eq!(bridge_name_taken("Port3", &p).as_deref(), Some("Port3"));
/// assert_eq!(bridge_name_taken("vSwitch-Port3", &p), None);
/// ```
pub fn bridge_name_taken(switch: &str, profile: &DeviceProfile) -> Option<String> {
    let bridge = bridge_name(switch);
    let taken = matches!(bridge.as_str(), "lo" | "." | ".." | INTERNAL_BRIDGE)
        || profile.ports.iter().any(|p| p.name == bridge)
        || VMS
            .iter()
            .any(|vm| [INTERNAL_NIC, EXTERNAL_NIC].iter().any(|nic| vm_nic(vm, nic) == bridge));
    taken.then_some(bridge)
}

/// The host end of VM `vm`'s NIC `nic` (`master-eth1`): a veth whose other
/// end is the NIC inside the VM, made by whoever makes the VM.
pub fn vm_nic(vm: &str, nic: &str) -> String {
    format!("{vm}-{nic}")
}

/// Which virtual switch a bridge stands for.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum Switch {
    /// The factory-made internal switch (the VMs' `eth0`, NAT).
    Internal,
    /// The external switch of the compute port, by its name.
    External { name: String },
}

impl Switch {
    /// The alias edgenet gives the bridges it makes (`ip link` shows it as
    /// `alias`), by which it knows them again: `edgenet:internal`,
    /// `edgenet:external:<switch name>`.
    pub fn alias(&self) -> String {
        match self {
            Switch::Internal => format!("{ALIAS_PREFIX}internal"),
            Switch::External { name } => format!("{ALIAS_PREFIX}external:{name}"),
        }
    }
}

/// What every alias of an edgenet bridge starts with.
pub const ALIAS_PREFIX: &str = "edgenet:";

/// How a port is addressed on the host.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "mode", rename_all = "kebab-case")]
pub enum PlannedAddress {
    /// The revision's address, on `device`: the port itself, or the bridge
    /// of the external switch when the port holds compute.
    Static { address: Ipv4Net, device: String },
    /// The system's DHCP client addresses the port; edgenet leaves it alone.
    Dhcp,
}

/// One port as the host should hold it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PortPlan {
    pub port: String,
    /// In bytes (the port's and, for the compute port, its bridge's).
    pub mtu: u16,
    pub addressing: PlannedAddress,
    /// The bridge holding the port (the compute port's external switch).
    pub bridge: Option<String>,
}

impl PortPlan {
    /// The static address, wherever it lives.
    pub fn address(&self) -> Option<Ipv4Net> {
        match &self.addressing {
            PlannedAddress::Static { address, .. } => Some(*address),
            PlannedAddress::Dhcp => None,
        }
    }
    /// The device that carries the port's addresses.
    pub fn device(&self) -> &str {
        match &self.addressing {
            PlannedAddress::Static { device, .. } => device,
            PlannedAddress::Dhcp => self.bridge.as_deref().unwrap_or(&self.port),
        }
    }
}

/// A bridge edgenet makes and owns.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct BridgePlan {
    pub name: String,
    pub switch: Switch,
    /// The port the bridge holds (the compute port), if any; the VMs' NIC
    /// ends are in [`HostPlan::vm_nics`].
    pub port: Option<String>,
    /// In bytes.
    pub mtu: u16,
}

/// A route through a gateway.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Gateway {
    pub via: Ipv4Addr,
    pub device: String,
}

/// Source NAT: what leaves `out` from `source` takes `out`'s address
/// (nftables' `masquerade`).
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Nat {
    pub source: Ipv4Net,
    pub out: String,
}

/// The host end of a VM NIC and the bridge it belongs on.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct VmNicPlan {
    pub name: String,
    pub bridge: String,
}

/// Everything an applied revision makes the host hold.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct HostPlan {
    /// In the profile's order.
    pub ports: Vec<PortPlan>,
    /// The internal switch first, then the external one when compute is on.
    pub bridges: Vec<BridgePlan>,
    /// The address of the internal switch's bridge: the VMs' NAT gateway,
    /// with the switch's prefix.
    pub internal_gateway: Ipv4Net,
    pub vm_nics: Vec<VmNicPlan>,
    /// The default route edgenet adds, via the port holding the default
    /// gateway when that port is static; `None` when there is no such
    /// port or it is DHCP (its client adds the route).
    pub default_route: Option<Gateway>,
    /// Name servers for the resolver file: the default-gateway port's
    /// first, then the other static ports', in order, each once, at most
    /// [`RESOLVERS_MAX`].
    pub dns: Vec<Ipv4Addr>,
    /// The internal switch's way out, through the default-gateway port.
    pub nat: Option<Nat>,
}

/// What the host should hold for `config` on `profile`.
pub fn plan(config: &Config, profile: &DeviceProfile) -> HostPlan {
    let compute = config.compute.as_ref();
    let external = compute.map(|c| bridge_name(&c.switch_name));
    let on_bridge = |port: &str| {
        compute
            .filter(|c| c.port.eq_ignore_ascii_case(port))
            .and(external.clone())
    };
    let ports: Vec<PortPlan> = config
        .ports
        .iter()
        .map(|p| {
            let bridge = on_bridge(&p.name);
            let addressing = match &p.addressing {
                Addressing::Static(st) => PlannedAddress::Static {
                    address: st.interface,
                    device: bridge.clone().unwrap_or_else(|| p.name.clone()),
                },
                Addressing::Dhcp => PlannedAddress::Dhcp,
            };
            PortPlan {
                port: p.name.clone(),
                mtu: p.mtu,
                addressing,
                bridge,
            }
        })
        .collect();
    let (gw, _, _) = internal_addresses(profile);
    let internal_gateway =
        Ipv4Net::new(gw, profile.internal_switch.prefix_len()).unwrap_or(profile.internal_switch);
    let mut bridges = vec![BridgePlan {
        name: INTERNAL_BRIDGE.into(),
        switch: Switch::Internal,
        port: None,
        mtu: 1500,
    }];
    let mut vm_nics: Vec<VmNicPlan> = VMS
        .iter()
        .map(|vm| VmNicPlan {
            name: vm_nic(vm, INTERNAL_NIC),
            bridge: INTERNAL_BRIDGE.into(),
        })
        .collect();
    if let (Some(c), Some(name)) = (compute, &external) {
        let mtu = config.port(&c.port).map(|p| p.mtu).unwrap_or(1500);
        bridges.push(BridgePlan {
            name: name.clone(),
            switch: Switch::External {
                name: c.switch_name.clone(),
            },
            port: Some(c.port.clone()),
            mtu,
        });
        vm_nics.extend(VMS.iter().map(|vm| VmNicPlan {
            name: vm_nic(vm, EXTERNAL_NIC),
            bridge: name.clone(),
        }));
    }
    let dgw = config.default_gateway_port();
    let out_device = dgw.and_then(|p| ports.iter().find(|q| q.port == p.name));
    let default_route = dgw.and_then(|p| {
        let st = p.addressing.as_static()?;
        Some(Gateway {
            via: st.gateway?,
            device: out_device?.device().to_string(),
        })
    });
    let mut dns = Vec::new();
    let statics = dgw
        .into_iter()
        .chain(config.ports.iter())
        .filter_map(|p| p.addressing.as_static());
    for st in statics {
        for d in [st.dns_primary, st.dns_secondary].into_iter().flatten() {
            if !dns.contains(&d) && dns.len() < RESOLVERS_MAX {
                dns.push(d);
            }
        }
    }
    let nat = out_device.map(|p| Nat {
        source: profile.internal_switch.trunc(),
        out: p.device().to_string(),
    });
    HostPlan {
        ports,
        bridges,
        internal_gateway,
        vm_nics,
        default_route,
        dns,
        nat,
    }
}

impl HostPlan {
    /// The IPv4 addresses edgenet owns on `device`, for every device whose
    /// addressing it owns: each static port's device (its address; none on
    /// a static port that a bridge holds) and the internal bridge (the NAT
    /// gateway). A DHCP port's device is not listed: its client owns it.
    pub fn owned_addresses(&self) -> Vec<(String, Vec<Ipv4Net>)> {
        let mut out: Vec<(String, Vec<Ipv4Net>)> =
            vec![(INTERNAL_BRIDGE.into(), vec![self.internal_gateway])];
        for p in &self.ports {
            if let PlannedAddress::Static { address, device } = &p.addressing {
                out.push((device.clone(), vec![*address]));
                if device != &p.port {
                    out.push((p.port.clone(), Vec::new()));
                }
            }
        }
        out
    }
}

/// One interface as the host was found to hold it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Link {
    pub name: String,
    /// In bytes.
    pub mtu: u32,
    /// The bridge it is attached to.
    pub master: Option<String>,
    /// Its IPv4 addresses with their prefix, in the kernel's order.
    pub addresses: Vec<Ipv4Net>,
    /// `ip link`'s alias, by which edgenet knows its own bridges.
    pub alias: Option<String>,
    pub up: bool,
}

impl Link {
    /// Whether edgenet made it (its alias starts with [`ALIAS_PREFIX`]).
    pub fn is_edgenets(&self) -> bool {
        self.alias
            .as_deref()
            .is_some_and(|a| a.starts_with(ALIAS_PREFIX))
    }
}

/// What the host was found to hold.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct HostState {
    pub links: Vec<Link>,
    /// The default routes edgenet added (its `proto`).
    pub default_routes: Vec<Gateway>,
    /// Every default route, whoever added it (what a DHCP port holds).
    pub all_default_routes: Vec<Gateway>,
    /// The resolver file's name servers, in order (none: no file).
    pub dns: Vec<Ipv4Addr>,
    /// The masquerade rules in edgenet's nftables table.
    pub nat: Vec<Nat>,
}

impl HostState {
    pub fn link(&self, name: &str) -> Option<&Link> {
        self.links.iter().find(|l| l.name == name)
    }
}

/// One way the host differs from the applied revision.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum Difference {
    /// A port of the profile has no interface on the host.
    MissingPort { port: String },
    /// A bridge of the plan is missing (or is someone else's device).
    MissingBridge { bridge: String },
    /// An edgenet bridge the plan no longer has.
    StaleBridge { bridge: String },
    /// A device holds other IPv4 addresses than the revision's.
    Addresses {
        device: String,
        want: Vec<Ipv4Net>,
        have: Vec<Ipv4Net>,
    },
    /// A port's or bridge's MTU, in bytes.
    Mtu { device: String, want: u32, have: u32 },
    /// A port or VM NIC is on another bridge than the plan's, or none.
    Bridge {
        device: String,
        want: Option<String>,
        have: Option<String>,
    },
    /// A port or bridge is down.
    Down { device: String },
    /// edgenet's default route.
    DefaultRoute {
        want: Option<Gateway>,
        have: Vec<Gateway>,
    },
    /// The resolver file's name servers.
    Dns {
        want: Vec<Ipv4Addr>,
        have: Vec<Ipv4Addr>,
    },
    /// The internal switch's masquerade.
    Nat { want: Option<Nat>, have: Vec<Nat> },
}

impl Difference {
    /// The kind, as serde names it (`addresses`, `default-route`, …).
    pub fn kind(&self) -> &'static str {
        match self {
            Difference::MissingPort { .. } => "missing-port",
            Difference::MissingBridge { .. } => "missing-bridge",
            Difference::StaleBridge { .. } => "stale-bridge",
            Difference::Addresses { .. } => "addresses",
            Difference::Mtu { .. } => "mtu",
            Difference::Bridge { .. } => "bridge",
            Difference::Down { .. } => "down",
            Difference::DefaultRoute { .. } => "default-route",
            Difference::Dns { .. } => "dns",
            Difference::Nat { .. } => "nat",
        }
    }
}

/// A device's MTU and up state against the plan's `mtu` (bytes).
fn mtu_and_up(device: &str, mtu: u16, link: &Link, out: &mut Vec<Difference>) {
    if link.mtu != u32::from(mtu) {
        out.push(Difference::Mtu {
            device: device.into(),
            want: mtu.into(),
            have: link.mtu,
        });
    }
    if !link.up {
        out.push(Difference::Down {
            device: device.into(),
        });
    }
}

/// How the host differs from `plan`, in a fixed order: ports, bridges, VM
/// NICs that exist, addresses, the default route, the name servers, the
/// NAT. Empty: the host holds the revision. A VM NIC the host does not
/// have is not a difference (no VM is running there); one that is there
/// must be on its switch.
pub fn differences(plan: &HostPlan, state: &HostState) -> Vec<Difference> {
    let mut out = Vec::new();
    for p in &plan.ports {
        let Some(link) = state.link(&p.port) else {
            out.push(Difference::MissingPort {
                port: p.port.clone(),
            });
            continue;
        };
        mtu_and_up(&p.port, p.mtu, link, &mut out);
        let ours = |b: &Option<String>| {
            b.as_deref()
                .and_then(|b| state.link(b))
                .is_some_and(Link::is_edgenets)
        };
        // A port on a bridge edgenet did not make is someone else's doing.
        if link.master != p.bridge && (p.bridge.is_some() || ours(&link.master)) {
            out.push(Difference::Bridge {
                device: p.port.clone(),
                want: p.bridge.clone(),
                have: link.master.clone(),
            });
        }
    }
    for b in &plan.bridges {
        match state.link(&b.name) {
            Some(l) if l.alias.as_deref() == Some(&b.switch.alias()) => {
                mtu_and_up(&b.name, b.mtu, l, &mut out)
            }
            _ => out.push(Difference::MissingBridge {
                bridge: b.name.clone(),
            }),
        }
    }
    for l in &state.links {
        let planned = plan.bridges.iter().any(|b| b.name == l.name);
        if l.is_edgenets() && !planned {
            out.push(Difference::StaleBridge {
                bridge: l.name.clone(),
            });
        }
    }
    for n in &plan.vm_nics {
        if let Some(l) = state.link(&n.name) {
            if l.master.as_deref() != Some(&n.bridge) {
                out.push(Difference::Bridge {
                    device: n.name.clone(),
                    want: Some(n.bridge.clone()),
                    have: l.master.clone(),
                });
            }
        }
    }
    for (device, want) in plan.owned_addresses() {
        let Some(l) = state.link(&device) else {
            continue; // told above as a missing port or bridge
        };
        let mut have = l.addresses.clone();
        have.sort();
        let mut sorted = want.clone();
        sorted.sort();
        if have != sorted {
            out.push(Difference::Addresses {
                device,
                want,
                have: l.addresses.clone(),
            });
        }
    }
    let want: Vec<Gateway> = plan.default_route.iter().cloned().collect();
    if state.default_routes != want {
        out.push(Difference::DefaultRoute {
            want: plan.default_route.clone(),
            have: state.default_routes.clone(),
        });
    }
    if state.dns != plan.dns {
        out.push(Difference::Dns {
            want: plan.dns.clone(),
            have: state.dns.clone(),
        });
    }
    let want: Vec<Nat> = plan.nat.iter().cloned().collect();
    if state.nat != want {
        out.push(Difference::Nat {
            want: plan.nat.clone(),
            have: state.nat.clone(),
        });
    }
    out
}

/// What each DHCP port holds, as found: (port, its addresses, the default
/// routes through its device). What the UI shows for a port edgenet leaves
/// to the system's DHCP client.
pub fn dhcp_held(plan: &HostPlan, state: &HostState) -> Vec<(String, Vec<Ipv4Net>, Vec<Ipv4Addr>)> {
    plan.ports
        .iter()
        .filter(|p| p.addressing == PlannedAddress::Dhcp)
        .map(|p| {
            let device = p.device();
            let addresses = state
                .link(device)
                .map(|l| l.addresses.clone())
                .unwrap_or_default();
            let gateways = state
                .all_default_routes
                .iter()
                .filter(|g| g.device == device)
                .map(|g| g.via)
                .collect();
            (p.port.clone(), addresses, gateways)
        })
        .collect()
}

/// The resolver file edgenet writes for `dns` (resolv.conf(5)), headed so
/// that it knows the file as its own; `revision` is the one it came from.
pub fn resolv_conf(dns: &[Ipv4Addr], revision: u64) -> String {
    let mut s = format!("{RESOLV_HEADER} (revision {revision}); edits are replaced\n");
    for d in dns {
        s.push_str(&format!("nameserver {d}\n"));
    }
    s
}

/// The first words of every resolver file edgenet writes.
pub const RESOLV_HEADER: &str = "# written by edgenet";

/// The name servers of a resolver file's text (`nameserver` lines with an
/// IPv4 address, in order; others ignored), and whether edgenet wrote it.
pub fn parse_resolv_conf(text: &str) -> (Vec<Ipv4Addr>, bool) {
    let ours = text.starts_with(RESOLV_HEADER);
    let dns = text
        .lines()
        .filter_map(|l| {
            let mut w = l.split_whitespace();
            (w.next() == Some("nameserver"))
                .then(|| w.next()?.parse().ok())
                .flatten()
        })
        .collect();
    (dns, ours)
}

/// The host backend's last word on the applied revision.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "state", rename_all = "kebab-case")]
pub enum HostView {
    /// No `host-namespace` is configured: the device's side is only
    /// written to the revision, and nothing is looked at.
    #[default]
    DryRun,
    /// The backend runs but has not looked yet since start-up.
    Pending,
    /// The host was reconciled to `revision` and then looked at:
    /// `differences` is what it still holds otherwise (empty: it matches),
    /// `failed` what the kernel or nftables refused, as their words, and
    /// `dhcp` what each DHCP port holds (port, addresses, default
    /// gateways), which edgenet leaves to the DHCP client.
    Checked {
        revision: u64,
        differences: Vec<Difference>,
        failed: Vec<String>,
        dhcp: Vec<(String, Vec<Ipv4Net>, Vec<Ipv4Addr>)>,
    },
    /// The host namespace could not be entered or asked, with the reason.
    Unreachable { revision: u64, reason: String },
}

impl HostView {
    /// The state's name, as `/healthz` and the API give it: `dry-run`,
    /// `pending`, `matches`, `differs` or `unreachable`.
    pub fn name(&self) -> &'static str {
        match (self, self.matches()) {
            (HostView::DryRun, _) => "dry-run",
            (HostView::Pending, _) => "pending",
            (HostView::Unreachable { .. }, _) => "unreachable",
            (_, Some(true)) => "matches",
            _ => "differs",
        }
    }

    /// Whether the host holds the revision: `Some(true)` when checked and
    /// nothing differs, `None` when nothing could be looked at.
    pub fn matches(&self) -> Option<bool> {
        match self {
            HostView::Checked {
                differences,
                failed,
                ..
            } => Some(differences.is_empty() && failed.is_empty()),
            HostView::Unreachable { .. } => Some(false),
            HostView::DryRun | HostView::Pending => None,
        }
    }
}
