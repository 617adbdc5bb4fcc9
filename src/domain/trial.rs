//! Trials: an applied revision that can cut the administrator off from the
//! device runs on trial, and the device restores the revision it replaced
//! unless someone confirms it in time (like Junos's `commit confirmed`,
//! TrueNAS's `interface.commit`/`checkin` or Talos's `apply-config
//! --mode=try`).
//!
//! Pure: which changes are risky ([`risks`]), how long a trial may be
//! ([`TrialSeconds`]), what is stored while one runs ([`Trial`]) and where
//! the UI answers after a change ([`moved_address`]). The clock, the file
//! and the revert are the server's; the words are `state`'s (the browser
//! never shows a trial's risks, so its catalog does not carry them).

use std::fmt;
use std::net::Ipv4Addr;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use crate::domain::model::{Addressing, Config};

/// What makes an apply risky: each is a way the administrator's connection
/// to the device, or the device's way out, can break.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum Risk {
    /// The port's mode, address, prefix length or gateway changes (its DNS
    /// servers alone do not: they cut no connection).
    PortAddressing { port: String },
    /// The port's MTU changes: a path that took the old MTU may drop the new.
    PortMtu { port: String },
    /// The port holding the default gateway (and the VMs' NAT) changes.
    DefaultGateway {
        from: Option<String>,
        to: Option<String>,
    },
    /// Compute moves to another port, on or off.
    ComputePort {
        from: Option<String>,
        to: Option<String>,
    },
}

/// The addressing that decides whether the port still answers where it did.
fn reach(a: &Addressing) -> Option<(ipnet::Ipv4Net, Option<Ipv4Addr>)> {
    a.as_static().map(|s| (s.interface, s.gateway))
}

/// What going from `old` to `new` risks, port by port in the profile's
/// order, then the default gateway, then compute. Empty: no trial needed.
///
/// ```
/// use edgenet::domain::{model::{Config, DeviceProfile}, trial::{risks, Risk}};
/// let profile = DeviceProfile::default();
/// let old = Config::factory(&profile);
/// let mut new = old.clone();
/// assert!(risks(&old, &new).is_empty());
/// new.ports[0].mtu = 1400;
/// assert_eq!(risks(&old, &new), vec![Risk::PortMtu { port: "Port1".into() }]);
/// ```
pub fn risks(old: &Config, new: &Config) -> Vec<Risk> {
    let mut out = Vec::new();
    for n in &new.ports {
        let Some(o) = old.port(&n.name) else { continue };
        if reach(&o.addressing) != reach(&n.addressing) {
            out.push(Risk::PortAddressing {
                port: n.name.clone(),
            });
        }
        if o.mtu != n.mtu {
            out.push(Risk::PortMtu {
                port: n.name.clone(),
            });
        }
    }
    let gateway = |c: &Config| c.default_gateway_port().map(|p| p.name.clone());
    if gateway(old) != gateway(new) {
        out.push(Risk::DefaultGateway {
            from: gateway(old),
            to: gateway(new),
        });
    }
    let compute = |c: &Config| c.compute.as_ref().map(|c| c.port.clone());
    if compute(old) != compute(new) {
        out.push(Risk::ComputePort {
            from: compute(old),
            to: compute(new),
        });
    }
    out
}

/// Where the UI answers after going from `old` to `new`, when `used` (the
/// address the browser or client reached the device at) is a port's static
/// address in `old` and that port has another static address in `new`.
/// `None`: the address still answers, or it is not the device's port
/// address (a name, a forwarded address), or the port turns to DHCP (its
/// address is not known in advance).
pub fn moved_address(old: &Config, new: &Config, used: Ipv4Addr) -> Option<Ipv4Addr> {
    let port = old.ports.iter().find(|p| {
        p.addressing
            .as_static()
            .is_some_and(|s| s.address() == used)
    })?;
    let after = new.port(&port.name)?.addressing.as_static()?.address();
    (after != used).then_some(after)
}

/// The trial that applying `new` over `old` starts at `now` (seconds since
/// the epoch) for `seconds`: `None` when it risks nothing or `seconds` is
/// 0. `reached_at` is the device's address the client used, to say where
/// the UI answers if the change moves it.
pub fn begin(
    old: &Config,
    new: &Config,
    seconds: TrialSeconds,
    reached_at: Option<Ipv4Addr>,
    now: u64,
) -> Option<Trial> {
    let risks = risks(old, new);
    if seconds.get() == 0 || risks.is_empty() {
        return None;
    }
    Some(Trial {
        revision: new.revision,
        replaced: old.revision,
        started_at: now,
        deadline: now + u64::from(seconds.get()),
        risks,
        confirm_at: reached_at.and_then(|used| moved_address(old, new, used)),
    })
}

/// How long a trial lasts, in seconds: 0 (no trial) to
/// [`TrialSeconds::MAX`]. `FromStr` takes the digits; `Display` writes them.
///
/// ```
/// use edgenet::domain::trial::TrialSeconds;
/// assert_eq!("60".parse::<TrialSeconds>().unwrap().get(), 60);
/// assert!("3601".parse::<TrialSeconds>().is_err());
/// assert!("-1".parse::<TrialSeconds>().is_err());
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "u32", into = "u32")]
pub struct TrialSeconds(u32);

impl TrialSeconds {
    /// One hour: long enough to reach a device by another way (Junos allows
    /// up to 65,535 minutes; a web UI's trial past an hour is forgotten).
    pub const MAX: u32 = 3600;
    /// The default: as long as TrueNAS's and Talos's.
    pub const DEFAULT: TrialSeconds = TrialSeconds(60);
    /// No trial: a risky apply takes effect at once, as before.
    pub const NONE: TrialSeconds = TrialSeconds(0);

    /// `Some` within 0 to [`TrialSeconds::MAX`].
    pub const fn new(seconds: u32) -> Option<TrialSeconds> {
        if seconds <= Self::MAX {
            Some(TrialSeconds(seconds))
        } else {
            None
        }
    }

    pub const fn get(self) -> u32 {
        self.0
    }
}

impl Default for TrialSeconds {
    fn default() -> Self {
        Self::DEFAULT
    }
}

impl fmt::Display for TrialSeconds {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

/// A trial length that is not a whole number from 0 to
/// [`TrialSeconds::MAX`], with the text given. `Display` is English; the
/// pages and the API word it in the reader's language
/// (`state::trial_seconds_message`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BadTrialSeconds(pub String);

impl fmt::Display for BadTrialSeconds {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "\"{}\" is not a whole number of seconds from 0 to {}",
            self.0,
            TrialSeconds::MAX
        )
    }
}

impl FromStr for TrialSeconds {
    type Err = BadTrialSeconds;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        s.trim()
            .parse::<u32>()
            .ok()
            .and_then(TrialSeconds::new)
            .ok_or_else(|| BadTrialSeconds(s.to_string()))
    }
}

impl TryFrom<u32> for TrialSeconds {
    type Error = BadTrialSeconds;

    fn try_from(v: u32) -> Result<Self, Self::Error> {
        TrialSeconds::new(v).ok_or_else(|| BadTrialSeconds(v.to_string()))
    }
}

impl From<TrialSeconds> for u32 {
    fn from(t: TrialSeconds) -> u32 {
        t.0
    }
}

/// A running trial, as stored beside the revisions (`trial.toml`): the
/// revision on trial, the one it replaced (restored at the deadline), when
/// it started and ends (seconds since the Unix epoch), what made it risky,
/// and where the UI answers when the change moved the address the client
/// used.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Trial {
    pub revision: u64,
    pub replaced: u64,
    pub started_at: u64,
    pub deadline: u64,
    pub risks: Vec<Risk>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub confirm_at: Option<Ipv4Addr>,
}

impl Trial {
    /// How long it was given, in seconds.
    pub fn seconds(&self) -> u64 {
        self.deadline.saturating_sub(self.started_at)
    }

    /// Seconds left at `now` (0 once the deadline has passed).
    pub fn left(&self, now: u64) -> u64 {
        self.deadline.saturating_sub(now)
    }

    /// Whether the deadline has passed at `now`.
    pub fn expired(&self, now: u64) -> bool {
        now >= self.deadline
    }
}

/// A deadline as a time of day in UTC, to the second: `18:32:10 UTC`
/// (`secs`: seconds since the Unix epoch). A trial lasts an hour at most, so
/// the day goes without saying.
///
/// ```
/// assert_eq!(edgenet::domain::trial::clock(86_400 + 3_723), "01:02:03 UTC");
/// ```
pub fn clock(secs: u64) -> String {
    let s = secs % 86_400;
    format!("{:02}:{:02}:{:02} UTC", s / 3600, s % 3600 / 60, s % 60)
}

/// How a trial ended, as the history and the audit trail keep it on the
/// revision that ended it (only a revert makes one).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "by", rename_all = "kebab-case")]
pub enum Reverted {
    /// Nobody confirmed within `seconds`: the device restored the revision.
    NotConfirmed { seconds: u64 },
    /// Someone chose Revert now.
    ByRequest,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::model::{DeviceProfile, StaticAddressing};

    fn factory() -> Config {
        Config::factory(&DeviceProfile::default_appliance())
    }

    fn static_port(c: &mut Config, port: &str, interface: &str, gateway: Option<&str>) {
        c.port_mut(port).unwrap().addressing = Addressing::Static(StaticAddressing {
            interface: interface.parse().unwrap(),
            gateway: gateway.map(|g| g.parse().unwrap()),
            dns_primary: None,
            dns_secondary: None,
        });
    }

    #[test]
    fn what_each_change_risks() {
        let p = |s: &str| s.to_string();
        type Edit = fn(&mut Config);
        let cases: [(&str, Edit, Vec<Risk>); 8] = [
            ("nothing", |_| {}, vec![]),
            (
                "Port1's address",
                |c| static_port(c, "Port1", "192.168.100.11/24", None),
                vec![Risk::PortAddressing { port: p("Port1") }],
            ),
            (
                "Port1's prefix",
                |c| static_port(c, "Port1", "192.168.100.10/23", None),
                vec![Risk::PortAddressing { port: p("Port1") }],
            ),
            (
                "Port4's MTU",
                |c| c.port_mut("Port4").unwrap().mtu = 1450,
                vec![Risk::PortMtu { port: p("Port4") }],
            ),
            (
                "Port1's DNS only",
                |c| {
                    static_port(c, "Port1", "192.168.100.10/24", None);
                    if let Addressing::Static(s) = &mut c.port_mut("Port1").unwrap().addressing {
                        s.dns_primary = Some("192.168.100.53".parse().unwrap());
                    }
                },
                vec![],
            ),
            // Port3 static with a gateway takes the default gateway from Port2 (the first DHCP port).
            (
                "Port3 static with a gateway",
                |c| static_port(c, "Port3", "10.0.0.2/24", Some("10.0.0.1")),
                vec![
                    Risk::PortAddressing { port: p("Port3") },
                    Risk::DefaultGateway {
                        from: Some(p("Port2")),
                        to: Some(p("Port3")),
                    },
                ],
            ),
            (
                "the default gateway stated elsewhere",
                |c| c.default_gateway = Some("Port4".into()),
                vec![Risk::DefaultGateway {
                    from: Some(p("Port2")),
                    to: Some(p("Port4")),
                }],
            ),
            (
                "a custom route only",
                |c| {
                    c.routes.push(crate::domain::model::Route {
                        destination: "192.168.20.0/24".parse().unwrap(),
                        next_hop: "10.0.0.1".parse().unwrap(),
                        interface: "Port3".into(),
                        metric: 100,
                    })
                },
                vec![],
            ),
        ];
        for (what, edit, want) in cases {
            let old = factory();
            let mut new = old.clone();
            edit(&mut new);
            assert_eq!(risks(&old, &new), want, "{what}");
        }
    }

    #[test]
    fn moving_compute_is_a_risk_both_ways() {
        let old = factory();
        let mut new = old.clone();
        new.compute = Some(crate::domain::model::ComputeConfig {
            port: "Port3".into(),
            switch_name: "vSwitch-Port3".into(),
            node_ips: "10.0.0.10-10.0.0.12".parse().unwrap(),
            service_ips: "10.0.0.20-10.0.0.29".parse().unwrap(),
            skip_edge_addresses: false,
        });
        let on = Risk::ComputePort {
            from: None,
            to: Some("Port3".into()),
        };
        assert_eq!(risks(&old, &new), vec![on]);
        assert_eq!(
            risks(&new, &old),
            vec![Risk::ComputePort {
                from: Some("Port3".into()),
                to: None
            }]
        );
    }

    #[test]
    fn where_the_ui_answers_after_a_change() {
        let old = factory();
        let used: Ipv4Addr = "192.168.100.10".parse().unwrap();
        type Case = (
            &'static str,
            fn(&mut Config),
            Ipv4Addr,
            Option<&'static str>,
        );
        let cases: [Case; 5] = [
            (
                "Port1 moves: the new address",
                |c| static_port(c, "Port1", "192.168.100.20/24", None),
                used,
                Some("192.168.100.20"),
            ),
            (
                "only the prefix changes: the same address",
                |c| static_port(c, "Port1", "192.168.100.10/23", None),
                used,
                None,
            ),
            (
                "another port changes",
                |c| static_port(c, "Port3", "10.0.0.2/24", None),
                used,
                None,
            ),
            (
                "reached at an address no port holds",
                |c| static_port(c, "Port1", "192.168.100.20/24", None),
                "198.51.100.1".parse().unwrap(),
                None,
            ),
            (
                "reached at a DHCP port's address, unknown here",
                |c| static_port(c, "Port3", "10.0.0.2/24", None),
                "10.0.0.7".parse().unwrap(),
                None,
            ),
        ];
        for (what, edit, used, want) in cases {
            let mut new = old.clone();
            edit(&mut new);
            assert_eq!(
                moved_address(&old, &new, used),
                want.map(|w| w.parse().unwrap()),
                "{what}"
            );
        }
    }

    #[test]
    fn trial_lengths_parse_from_0_to_an_hour() {
        for (text, want) in [
            ("0", Some(0)),
            ("60", Some(60)),
            (" 5 ", Some(5)),
            ("3600", Some(3600)),
            ("3601", None),
            ("-1", None),
            ("1.5", None),
            ("", None),
            ("sixty", None),
        ] {
            assert_eq!(
                text.parse::<TrialSeconds>().ok().map(TrialSeconds::get),
                want,
                "{text:?}"
            );
        }
        let e = "3601".parse::<TrialSeconds>().unwrap_err();
        assert_eq!(
            e.to_string(),
            "\"3601\" is not a whole number of seconds from 0 to 3600"
        );
    }

    #[test]
    fn a_trial_counts_down_to_its_deadline() {
        let t = Trial {
            revision: 2,
            replaced: 1,
            started_at: 1000,
            deadline: 1060,
            risks: vec![],
            confirm_at: None,
        };
        assert_eq!(t.seconds(), 60);
        assert_eq!(t.left(1000), 60);
        assert_eq!(t.left(1059), 1);
        assert!(!t.expired(1059));
        assert!(t.expired(1060));
        assert_eq!(t.left(2000), 0);
        assert_eq!(clock(1060), "00:17:40 UTC");
    }
}
