//! The server: runtime settings, the store, the HTTP API and the router.
//!
//! One folder a concern (see ARCHITECTURE.md): [`storage`] (the data
//! directory), [`backend`] (the kernel and the wire), [`auth`] (sign-in and
//! sessions), [`http`] (the listener and the layers every request passes),
//! [`api`] (the JSON API), [`forms`] (the pages' server functions).

pub mod api;
pub mod auth;
pub mod backend;
pub mod forms;
pub mod http;
pub mod settings;
pub mod startup;
pub mod state;
pub mod storage;

pub use state::AppState;
