//! What a message argument becomes for Fluent: the one shape the server's
//! bundles ([`super::catalog`]) and the browser's compiled catalog
//! ([`super::compiled`]) both format.

/// A number (which a plural select can choose on) or finished text.
#[derive(Clone, Debug)]
pub(super) enum Value {
    Number(i64),
    Text(String),
}
