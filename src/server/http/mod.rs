//! The listener: TLS (or plain HTTP for tests), the limits that keep one
//! slow or greedy client from taking the server away from everybody else,
//! and a graceful stop on SIGTERM or Ctrl-C.
//!
//! hyper and axum-server do the protocol work; what is ours is the per-address
//! accounting ([`limits`]) and the wiring ([`serve`]).

pub mod assets;
pub mod error;
pub mod guard;
pub mod headers;
pub mod lang;
pub mod limits;
pub mod page_cache;
pub mod panic;
pub mod serve;
pub mod tls;

use std::time::Duration;

/// How long a client may take and how many connections it may hold
/// (`[edgenet]` keys in `Leptos.toml`; see the README's Configuration).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Limits {
    /// Time to finish the TLS handshake, and then to send a whole request
    /// head (HTTP/1.1) or the first request (HTTP/2). In HTTP/1.1 hyper starts
    /// this clock whenever it waits for a request, so it is also how long an
    /// idle keep-alive connection stays open. `request-head-seconds`, default 10.
    pub request_head: Duration,
    /// A connection with no bytes in either direction for this long is closed
    /// (HTTP/2 connections between requests, a client that stops reading).
    /// `idle-seconds`, default 60.
    pub idle: Duration,
    /// Open connections in all, TLS handshakes included. `max-connections`,
    /// default 1024.
    pub max_connections: usize,
    /// Open connections from one client address (IPv4 address, or IPv6 /64).
    /// The last this-many of `max_connections` are kept for addresses that
    /// hold none yet. Where a new connection does not fit, a waiting one
    /// (no request in flight) is shed to make room ([`limits::Table::take`]),
    /// so a sign-in finds room even from a flooded address.
    /// `max-connections-per-client`, default 64.
    pub max_connections_per_client: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            request_head: Duration::from_secs(10),
            idle: Duration::from_secs(60),
            max_connections: 1024,
            max_connections_per_client: 64,
        }
    }
}

/// File descriptors the process needs besides its connections: the store's
/// files, the TLS files, netlink sockets, the log, the runtime's own.
pub const SPARE_FILES: u64 = 256;

/// Raises the soft `RLIMIT_NOFILE` to what `limits` need (up to the hard
/// limit); when the hard limit is lower, shrinks `max_connections` to fit and
/// says so. Returns the limits to serve with.
pub fn fit_open_files(mut limits: Limits) -> Limits {
    let want = limits.max_connections as u64 + SPARE_FILES;
    match rlimit::increase_nofile_limit(want) {
        Ok(got) if got >= want => {}
        Ok(got) => {
            let fits = (got.saturating_sub(SPARE_FILES) as usize).max(2);
            tracing::warn!(
                open_files = got,
                wanted = want,
                "the open-file limit (RLIMIT_NOFILE) cannot be raised to what max-connections needs: serving at most {fits} connections"
            );
            limits.max_connections = fits;
            // One address still gets at most half: the rest is room for the others.
            limits.max_connections_per_client =
                limits.max_connections_per_client.min(fits / 2).max(1);
        }
        Err(e) => {
            tracing::warn!(error = %e, "cannot read or raise the open-file limit (RLIMIT_NOFILE)")
        }
    }
    limits
}
