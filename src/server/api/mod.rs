//! The JSON API under `/api/v1`, for automation: one module a resource, and
//! the OpenAPI document that describes them.

pub mod body;
pub mod config_file;
pub mod health;
pub mod openapi;
pub mod resources;
pub mod schema;
pub mod trial;
pub mod views;
pub mod wire;
