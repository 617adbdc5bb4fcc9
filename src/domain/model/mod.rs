//! The model: what a revision stores and a device is, as typed values with no
//! rule attached. Every item is re-exported here, so each has one path:
//! `edgenet::domain::model::Config`.
//!
//! The rules that decide whether a model is valid live beside it
//! ([`super::config`], [`super::kubernetes`], [`super::routes`]), the forms
//! that produce one in [`super::form`], and what is derived from one (the
//! manifests, the VMs' routes, the consequences of a change) in their own
//! modules. Nothing here imports them.

mod compute;
mod config;
mod kubernetes;
mod port;
mod profile;
mod route;

pub use compute::{skipped, Allocation, ClusterAddress, ComputeConfig};
pub use config::Config;
pub use kubernetes::{tenth, KubernetesNetworks, DEFAULT_BLOCK_SIZE};
pub use port::{Addressing, PortConfig, StaticAddressing};
pub use profile::{DeviceProfile, PortRole, PortSpec, PORTS_MAX};
pub use route::Route;
