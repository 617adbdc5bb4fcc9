//! A custom route of the Kubernetes VMs, as a revision stores it (the shape
//! of the device's `Add-HcsNetRoute`: destination, next hop, interface,
//! metric).

use std::net::Ipv4Addr;

use ipnet::Ipv4Net;
use serde::{Deserialize, Serialize};

/// One custom route. The lower metric is preferred (as in Linux); see
/// [`crate::domain::routes`] for the rules and the lookup.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Route {
    /// Always a network address (host bits clear).
    pub destination: Ipv4Net,
    pub next_hop: Ipv4Addr,
    /// A port alias such as `Port3`.
    pub interface: String,
    pub metric: u32,
}
