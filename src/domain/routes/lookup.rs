//! "Which route?": the route a Kubernetes VM takes to an address, chosen as
//! the Linux kernel chooses (longest matching prefix, then lowest metric),
//! with every other route that matched and why it lost.

use std::net::Ipv4Addr;

use ipnet::Ipv4Net;
use serde::{Deserialize, Serialize};

use super::standing;
use crate::domain::model::Config;
use crate::domain::model::DeviceProfile;
use crate::domain::model::Route;
use crate::domain::vm::{builtin_routes, custom_route, VmRoute};
use crate::i18n::Message;

/// Why a matching route was or was not taken.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "verdict", rename_all = "snake_case")]
pub enum Verdict {
    /// The route the packet takes.
    Chosen,
    /// The chosen route has a longer prefix (`winner`).
    LongerPrefix { winner: Ipv4Net },
    /// Same prefix, but the chosen route's metric (`winner`) is lower.
    LowerMetric { winner: u32 },
    /// The kernel does not hold this route (see [`super::standing`]).
    NotInstalled { reason: Message },
}

/// A route of the VM's table that matches the address.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Candidate {
    pub route: VmRoute,
    pub verdict: Verdict,
    /// The route and its verdict, in any language.
    pub why: Message,
}

/// Where a destination goes from a Kubernetes VM, and why.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Decision {
    pub destination: Ipv4Addr,
    /// The custom route taken, if one was.
    pub route: Option<Route>,
    /// The VM NIC the packet leaves through, or the cluster component that
    /// handles a cluster network (see [`VmRoute::device`]).
    pub device: String,
    /// The gateway; none when the destination is on a connected subnet or in a cluster network.
    pub via: Option<Ipv4Addr>,
    /// Why, in English (the API's words): the text of `why`.
    pub explanation: String,
    /// Why, in any language.
    pub why: Message,
    /// The first sentence of `why`, without the routes that lost (which
    /// the page lists from `candidates`).
    pub summary: Message,
    /// Every route that matches, the chosen one first, then the losers from
    /// the longest prefix down.
    pub candidates: Vec<Candidate>,
}

/// Chooses the route for `dest` as the kernel does: the longest matching
/// prefix, then the lowest metric. Routes the kernel does not hold (a second
/// route with the same destination and metric, a route that collides with
/// one the VMs already have) match but never win.
///
/// ```
/// use edgenet::domain::{model::Config, model::DeviceProfile, routes::which_route};
/// let p = DeviceProfile::default_appliance();
/// let d = which_route(&Config::factory(&p), &p, "8.8.8.8".parse().unwrap());
/// assert!(d.route.is_none());
/// assert!(d.explanation.contains("default route"));
/// assert_eq!(d.candidates.len(), 1);
/// ```
pub fn which_route(config: &Config, profile: &DeviceProfile, dest: Ipv4Addr) -> Decision {
    let standing = standing(config, profile);
    // (entry, why it is not installed); built-in routes first, so that they
    // win ties, as the kernel refuses a later route with the same key.
    let table: Vec<(VmRoute, Option<Message>)> = builtin_routes(config, profile)
        .into_iter()
        .map(|b| (b, None))
        .chain(
            config
                .routes
                .iter()
                .zip(standing)
                .map(|(r, s)| (custom_route(config, profile, r), s)),
        )
        .filter(|(e, _)| e.destination.contains(&dest))
        .collect();
    let best = table
        .iter()
        .enumerate()
        .filter(|(_, (_, inactive))| inactive.is_none())
        .min_by_key(|(i, (e, _))| (std::cmp::Reverse(e.destination.prefix_len()), e.metric, *i))
        .map(|(i, _)| i)
        .expect("the default route matches everything");
    let chosen = table[best].0.clone();

    let mut candidates: Vec<Candidate> = table
        .into_iter()
        .enumerate()
        .map(|(i, (route, inactive))| {
            let verdict = match inactive {
                _ if i == best => Verdict::Chosen,
                Some(reason) => Verdict::NotInstalled { reason },
                None if route.destination.prefix_len() < chosen.destination.prefix_len() => {
                    Verdict::LongerPrefix {
                        winner: chosen.destination,
                    }
                }
                None => Verdict::LowerMetric {
                    winner: chosen.metric,
                },
            };
            let why = match &verdict {
                Verdict::Chosen => route.what.clone(),
                Verdict::LongerPrefix { winner } => crate::msg!(
                    "decision-loses-prefix",
                    what = route.what.clone(),
                    winner = *winner
                ),
                Verdict::LowerMetric { winner } => crate::msg!(
                    "decision-loses-metric",
                    what = route.what.clone(),
                    metric = route.metric,
                    winner = *winner
                ),
                Verdict::NotInstalled { reason } => crate::msg!(
                    "decision-not-installed",
                    what = route.what.clone(),
                    reason = reason.clone()
                ),
            };
            Candidate {
                route,
                verdict,
                why,
            }
        })
        .collect();
    candidates.sort_by_key(|c| {
        (
            c.verdict != Verdict::Chosen,
            std::cmp::Reverse(c.route.destination.prefix_len()),
            c.route.metric,
        )
    });

    let any_custom = candidates.iter().any(|c| c.route.origin.is_custom());
    let id = if chosen.origin.is_custom() || any_custom {
        "decision-why"
    } else if config.routes.is_empty() {
        "decision-why-no-routes"
    } else {
        "decision-why-no-match"
    };
    let summary = Message::new(id)
        .arg("destination", dest)
        .arg("what", chosen.what.clone());
    let mut why = summary.clone();
    // Joined by decision-list rather than the list separator: the items hold commas of their own.
    let losers = candidates
        .iter()
        .filter(|c| c.verdict != Verdict::Chosen)
        .map(|c| c.why.clone())
        .reduce(|first, rest| crate::msg!("decision-list", first = first, rest = rest));
    if let Some(others) = losers {
        why = crate::msg!("decision-also-matching", why = why, others = others);
    }
    Decision {
        destination: dest,
        route: match &chosen.origin {
            crate::domain::vm::Origin::Custom { route } => Some(route.clone()),
            _ => None,
        },
        device: chosen.device.clone(),
        via: chosen.via,
        explanation: why.to_string(),
        why,
        summary,
        candidates,
    }
}
