//! edgenet: the local web UI of an edge compute appliance.
//!
//! ARCHITECTURE.md maps the modules: what each owns, its invariant and its
//! boundary. The browser's entry point is `app::hydrate`.

pub mod actions;
pub mod app;
pub mod domain;
pub mod i18n;
pub mod state;
pub mod weighted;

#[cfg(feature = "ssr")]
pub mod router;
#[cfg(feature = "ssr")]
pub mod server;
