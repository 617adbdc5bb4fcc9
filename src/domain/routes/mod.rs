//! Custom routes for the Kubernetes VMs, and which route a destination takes.
//!
//! The semantics follow the device's own cmdlets (`Add-HcsNetRoute`,
//! `Get-HcsNetRoute`, `Remove-HcsNetRoute`): a route is a destination prefix,
//! a next hop, an interface (a port alias) and a metric; the lower metric is
//! preferred. Routes apply to the master and worker VMs only, never the host.
//!
//! [`rules`] checks a route against the others and against the routes every
//! VM already has ([`super::vm`]); [`lookup`] answers "which route?" as the
//! kernel would, with every route that matched and why it lost.

use ipnet::Ipv4Net;
use serde::{Deserialize, Serialize};

use super::addr::{parse_addr, parse_prefix, RangeError};
use super::error::FieldError;
use super::model::Route;
use crate::i18n::Message;

pub mod kernel;
mod lookup;
mod rules;

pub use lookup::{which_route, Candidate, Decision, Verdict};
pub use rules::{check_route, effective, form_errors, notes, standing, validate};

/// Linux takes any 32-bit metric.
pub const METRIC_MAX: u64 = u32::MAX as u64;
pub const DEFAULT_METRIC: u32 = 100;
/// At most this many custom routes: more is a mistake, not a routing table.
pub const ROUTES_MAX: usize = 10_000;

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
        self.read().map(|(route, typed)| {
            let note = typed.map(|t| host_bits_note(t, route.destination).to_string());
            (route, note)
        })
    }

    /// The note [`RouteForm::parse`] gives, in any language: set when the
    /// destination had host bits set and was normalised.
    pub fn note(&self) -> Option<Message> {
        let (route, typed) = self.read().ok()?;
        typed.map(|t| host_bits_note(t, route.destination))
    }

    /// The destination as typed (`192.168.40.7/24`) when it had host bits
    /// set, so that the route holds its network (`192.168.40.0/24`) instead.
    pub fn host_bits(&self) -> Option<Ipv4Net> {
        self.read().ok().and_then(|(_, typed)| typed)
    }

    /// The route, and the destination as typed when it had host bits set.
    fn read(&self) -> Result<(Route, Option<Ipv4Net>), Vec<FieldError>> {
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
        // Whichever field the length was typed in (or belongs in, when it is
        // missing) carries its error: the destination's "/24", else the
        // Prefix length box.
        let typed_in_destination = dest_text.contains('/');
        let prefix = if prefix_text.trim().is_empty() {
            Err(crate::msg!("val-route-prefix-required"))
        } else if prefix_text.trim().contains('.') {
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
        let dest_field = if typed_in_destination {
            "destination"
        } else {
            "prefix_length"
        };
        // A missing length is not worth a word while the destination itself is
        // missing: the destination's error says what to type.
        let prefix = match prefix {
            Err(_) if dest_text.is_empty() && self.prefix_length.trim().is_empty() => Ok(0),
            p => p,
        };
        match (addr, prefix, next_hop, metric) {
            (Ok(a), Ok(p), Ok(next_hop), Ok(metric)) if errors.is_empty() => {
                let typed = Ipv4Net::new(a, p).expect("prefix checked");
                let net = typed.trunc();
                let note = (net.network() != a).then_some(typed);
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

fn host_bits_note(typed: Ipv4Net, net: Ipv4Net) -> Message {
    crate::msg!("val-route-host-bits", text = typed, net = net)
}

/// "Destination: …" for an address that could not be read, as the routes
/// page's lookup says it too.
pub fn destination_invalid(e: &RangeError) -> Message {
    crate::msg!("val-route-destination-invalid", problem = e.message())
}
