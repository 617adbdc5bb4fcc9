//! Serving a router on a bound socket with the [`Limits`], over TLS or plain
//! HTTP, until SIGTERM or Ctrl-C.

use std::{io, net::SocketAddr, time::Duration};

use axum::Router;
use axum_server::{accept::NoDelayAcceptor, tls_rustls::RustlsConfig, Handle, Server};
use hyper_util::rt::TokioTimer;

use super::{limits::LimitAcceptor, Limits};

/// How long a stop waits for requests in flight (a save runs to its end on a
/// blocking thread whatever happens) before closing what is left. The
/// systemd unit's `TimeoutStopSec` is longer.
pub const STOP_GRACE: Duration = Duration::from_secs(10);

/// How many connections the kernel may hold ready for `accept` (the
/// `listen(2)` backlog). `std::net::TcpListener::bind` asks for 128: a burst
/// of more connections than that between two passes of the accept loop (a
/// flood, or many clients at once on a busy machine) overflows the queue, the
/// kernel drops their SYNs, and each client waits 1 s, then 3 s, to retry,
/// before the per-address accounting ([`super::limits`]) has even seen them.
/// 4096 is what Linux allows by default (`net.core.somaxconn`, 4096 since
/// Linux 5.4; the kernel clamps a larger backlog to it silently); it holds
/// four times the default `max-connections`.
pub const LISTEN_BACKLOG: u32 = 4096;

/// A listening socket on `addr` with the [`LISTEN_BACKLOG`], non-blocking,
/// with `SO_REUSEADDR` (a restart does not wait for the old connections'
/// `TIME_WAIT`). Call it within the Tokio runtime.
pub fn bind(addr: SocketAddr) -> io::Result<std::net::TcpListener> {
    let socket = match addr {
        SocketAddr::V4(_) => tokio::net::TcpSocket::new_v4()?,
        SocketAddr::V6(_) => tokio::net::TcpSocket::new_v6()?,
    };
    socket.set_reuseaddr(true)?;
    socket.bind(addr)?;
    socket.listen(LISTEN_BACKLOG)?.into_std()
}

/// Serves `app` on `listener` until a stop signal, then lets requests in
/// flight finish (for up to [`STOP_GRACE`]) and returns `Ok`.
pub async fn serve(
    app: Router,
    listener: std::net::TcpListener,
    tls: Option<RustlsConfig>,
    limits: &Limits,
) -> io::Result<()> {
    let handle = Handle::new();
    tokio::spawn(stop_on_signal(handle.clone()));
    let make = app.into_make_service_with_connect_info::<SocketAddr>();
    let server = axum_server::from_tcp(listener)?.handle(handle);
    // No Nagle: a response written in two pieces would wait for the client's delayed ACK.
    match tls {
        None => {
            configure(
                server.acceptor(LimitAcceptor::new(NoDelayAcceptor::new(), limits)),
                limits,
            )
            .serve(make)
            .await
        }
        Some(config) => {
            let tls = axum_server::tls_rustls::RustlsAcceptor::new(config)
                .handshake_timeout(limits.request_head)
                .acceptor(NoDelayAcceptor::new());
            configure(server.acceptor(LimitAcceptor::new(tls, limits)), limits)
                .serve(make)
                .await
        }
    }
}

/// The time limits hyper and axum-server enforce themselves.
fn configure<A>(mut server: Server<SocketAddr, A>, limits: &Limits) -> Server<SocketAddr, A> {
    let builder = server.http_builder();
    // Without a timer hyper has no clock, and a request head that never ends holds its connection for good.
    builder
        .http1()
        .timer(TokioTimer::new())
        .header_read_timeout(limits.request_head);
    // No HTTP/2 keep-alive pings: they would count as traffic and keep an idle
    // connection open past `idle`; a dead peer is closed by the idle timer.
    builder.http2().timer(TokioTimer::new());
    // Protocol detection and an HTTP/2 client's first request fall outside the HTTP/1 head timeout.
    server.first_request_timeout(limits.request_head)
}

/// Waits for SIGTERM (systemd's stop) or SIGINT (Ctrl-C), then starts a graceful stop.
async fn stop_on_signal(handle: Handle<SocketAddr>) {
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(e) => {
                tracing::warn!(error = %e, "cannot listen for SIGTERM");
                std::future::pending::<()>().await
            }
        }
    };
    tokio::select! {
        _ = tokio::signal::ctrl_c() => {}
        _ = term => {}
    }
    tracing::info!(
        "stopping: no new connections; waiting up to {} s for requests in flight",
        STOP_GRACE.as_secs()
    );
    handle.graceful_shutdown(Some(STOP_GRACE));
}
