//! The shared domain: address arithmetic, validation and everything derived
//! from a configuration. Pure and free of I/O, so it compiles to the server
//! and to WebAssembly alike and is tested with plain `cargo test`.

/// `From<T> for String` through `Display` and `From<String> for T` through an
/// infallible `FromStr`: what `#[serde(into = "String", from = "String")]`
/// needs for a type stored as its words (`change`, `records`).
macro_rules! string_serde {
    ($($t:ty),*) => {$(
        impl From<$t> for String {
            fn from(v: $t) -> String {
                v.to_string()
            }
        }
        impl From<String> for $t {
            fn from(s: String) -> $t {
                match s.parse::<$t>() {
                    Ok(v) => v,
                    Err(e) => match e {},
                }
            }
        }
    )*};
}

pub mod addr;
pub mod change;
pub mod config;
pub mod config_file;
pub mod consequences;
pub mod error;
pub mod examples;
pub mod form;
pub mod host;
pub mod kubernetes;
pub mod manifests;
pub mod model;
pub mod password;
pub mod probe;
pub mod records;
pub mod routes;
pub mod staged;
pub mod trial;
pub mod vm;

#[cfg(test)]
mod tests;
#[cfg(test)]
mod tests_at_once;
#[cfg(test)]
mod tests_host;
#[cfg(test)]
mod tests_field;
#[cfg(test)]
mod tests_k8s;
#[cfg(test)]
mod tests_probe;
#[cfg(test)]
mod tests_routes;
#[cfg(test)]
mod tests_special;
