//! Connection accounting at the accept layer: a cap per client address and
//! in all, and an idle timer on every connection's bytes.
//!
//! The check runs before the TLS handshake, so a refused connection costs one
//! accept and one close, and a half-open handshake counts like any other
//! connection. A refused connection is simply closed: there is no request yet
//! to answer.

use std::{
    collections::HashMap,
    future::Future,
    io,
    net::{IpAddr, Ipv6Addr},
    pin::Pin,
    sync::{Arc, Mutex},
    task::{ready, Context, Poll},
    time::Duration,
};

use axum_server::accept::Accept;
use tokio::{
    io::{AsyncRead, AsyncWrite, ReadBuf},
    net::TcpStream,
    time::{Instant, Sleep},
};

use super::Limits;

/// The open connections, per client and in all.
#[derive(Debug)]
pub struct Table {
    max: usize,
    per_client: usize,
    held: Mutex<Held>,
}

#[derive(Debug, Default)]
struct Held {
    total: usize,
    by_client: HashMap<IpAddr, usize>,
}

/// The address a client is counted under: IPv4 as is (IPv4-mapped IPv6
/// included), IPv6 by its /64, the smallest prefix one site is given
/// (RFC 6177), so that one host cannot dodge the cap by changing addresses.
pub fn client_key(ip: IpAddr) -> IpAddr {
    match ip.to_canonical() {
        IpAddr::V6(v6) => {
            let s = v6.segments();
            IpAddr::V6(Ipv6Addr::new(s[0], s[1], s[2], s[3], 0, 0, 0, 0))
        }
        v4 => v4,
    }
}

impl Table {
    pub fn new(limits: &Limits) -> Arc<Table> {
        Arc::new(Table {
            max: limits.max_connections,
            per_client: limits.max_connections_per_client,
            held: Mutex::new(Held::default()),
        })
    }

    /// A place for one more connection from `ip`, or `None` when its address
    /// holds its share already or the server is full. An address that holds
    /// connections already cannot take the last `per_client` places: they
    /// are kept for addresses that hold none.
    pub fn take(self: &Arc<Self>, ip: IpAddr) -> Option<Slot> {
        let key = client_key(ip);
        let mut held = self.held.lock().unwrap_or_else(|p| p.into_inner());
        let mine = held.by_client.get(&key).copied().unwrap_or(0);
        let room = if mine == 0 {
            self.max
        } else {
            self.max.saturating_sub(self.per_client)
        };
        if mine >= self.per_client || held.total >= room {
            return None;
        }
        held.total += 1;
        *held.by_client.entry(key).or_default() += 1;
        Some(Slot {
            table: Arc::clone(self),
            key,
        })
    }

    /// Connections open now: in all, and from `ip`'s address.
    pub fn open(&self, ip: IpAddr) -> (usize, usize) {
        let held = self.held.lock().unwrap_or_else(|p| p.into_inner());
        let mine = held.by_client.get(&client_key(ip)).copied().unwrap_or(0);
        (held.total, mine)
    }
}

/// One connection's place in the [`Table`], given back when dropped.
#[derive(Debug)]
pub struct Slot {
    table: Arc<Table>,
    key: IpAddr,
}

impl Drop for Slot {
    fn drop(&mut self) {
        let mut held = self.table.held.lock().unwrap_or_else(|p| p.into_inner());
        held.total -= 1;
        if let Some(n) = held.by_client.get_mut(&self.key) {
            *n -= 1;
            if *n == 0 {
                held.by_client.remove(&self.key);
            }
        }
    }
}

/// Wraps another acceptor (TLS, or `TCP_NODELAY` only): counts the
/// connection before handing it on, and gives the stream an idle timer.
#[derive(Clone, Debug)]
pub struct LimitAcceptor<A> {
    inner: A,
    table: Arc<Table>,
    idle: Duration,
}

impl<A> LimitAcceptor<A> {
    pub fn new(inner: A, limits: &Limits) -> Self {
        LimitAcceptor {
            inner,
            table: Table::new(limits),
            idle: limits.idle,
        }
    }
}

impl<A, S> Accept<TcpStream, S> for LimitAcceptor<A>
where
    A: Accept<TcpStream, S>,
    A::Future: Send + 'static,
    A::Stream: Send + 'static,
    A::Service: Send + 'static,
{
    type Stream = Counted<A::Stream>;
    type Service = A::Service;
    type Future = Pin<Box<dyn Future<Output = io::Result<(Self::Stream, Self::Service)>> + Send>>;

    fn accept(&self, stream: TcpStream, service: S) -> Self::Future {
        let peer = stream.peer_addr();
        let slot = match peer {
            Ok(p) => self.table.take(p.ip()),
            Err(_) => None,
        };
        let Some(slot) = slot else {
            if let Ok(p) = peer {
                tracing::debug!(client = %p.ip(), "connection refused: the client's (or the server's) connection limit is reached");
            }
            drop(stream);
            return Box::pin(std::future::ready(Err(io::Error::new(
                io::ErrorKind::ConnectionRefused,
                "connection limit reached",
            ))));
        };
        let accepting = self.inner.accept(stream, service);
        let idle = self.idle;
        Box::pin(async move {
            let (stream, service) = accepting.await?;
            Ok((Counted::new(stream, slot, idle), service))
        })
    }
}

/// A connection's stream, holding its [`Slot`], that fails with `TimedOut`
/// once no byte has gone either way for the idle time. hyper then closes it.
pub struct Counted<S> {
    inner: S,
    _slot: Slot,
    idle: Duration,
    last: Instant,
    timer: Pin<Box<Sleep>>,
}

impl<S> Counted<S> {
    fn new(inner: S, slot: Slot, idle: Duration) -> Self {
        let last = Instant::now();
        Counted {
            inner,
            _slot: slot,
            idle,
            last,
            timer: Box::pin(tokio::time::sleep_until(last + idle)),
        }
    }

    /// Ready (with the error to return) once the connection has been idle too
    /// long. The timer is moved on lazily: activity only records its time.
    fn poll_idle(&mut self, cx: &mut Context<'_>) -> Poll<io::Error> {
        loop {
            ready!(self.timer.as_mut().poll(cx));
            let deadline = self.last + self.idle;
            if deadline <= Instant::now() {
                return Poll::Ready(io::Error::new(
                    io::ErrorKind::TimedOut,
                    "connection idle for too long",
                ));
            }
            self.timer.as_mut().reset(deadline);
        }
    }
}

impl<S: AsyncRead + Unpin> AsyncRead for Counted<S> {
    fn poll_read(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        let before = buf.filled().len();
        match Pin::new(&mut self.inner).poll_read(cx, buf) {
            Poll::Ready(r) => {
                if buf.filled().len() > before {
                    self.last = Instant::now();
                }
                Poll::Ready(r)
            }
            Poll::Pending => self.poll_idle(cx).map(Err),
        }
    }
}

impl<S: AsyncWrite + Unpin> AsyncWrite for Counted<S> {
    fn poll_write(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        data: &[u8],
    ) -> Poll<io::Result<usize>> {
        match Pin::new(&mut self.inner).poll_write(cx, data) {
            Poll::Ready(r) => {
                if matches!(r, Ok(n) if n > 0) {
                    self.last = Instant::now();
                }
                Poll::Ready(r)
            }
            // A client that stops reading holds the connection as surely as one that stops writing.
            Poll::Pending => self.poll_idle(cx).map(Err),
        }
    }

    fn poll_write_vectored(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        bufs: &[io::IoSlice<'_>],
    ) -> Poll<io::Result<usize>> {
        match Pin::new(&mut self.inner).poll_write_vectored(cx, bufs) {
            Poll::Ready(r) => {
                if matches!(r, Ok(n) if n > 0) {
                    self.last = Instant::now();
                }
                Poll::Ready(r)
            }
            Poll::Pending => self.poll_idle(cx).map(Err),
        }
    }

    fn is_write_vectored(&self) -> bool {
        self.inner.is_write_vectored()
    }

    fn poll_flush(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        match Pin::new(&mut self.inner).poll_flush(cx) {
            Poll::Pending => self.poll_idle(cx).map(Err),
            r => r,
        }
    }

    fn poll_shutdown(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.inner).poll_shutdown(cx)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table(max: usize, per_client: usize) -> Arc<Table> {
        Table::new(&Limits {
            max_connections: max,
            max_connections_per_client: per_client,
            ..Limits::default()
        })
    }

    #[test]
    fn one_address_gets_its_share_and_no_more() {
        let t = table(10, 3);
        let a: IpAddr = "10.0.0.1".parse().unwrap();
        let held: Vec<_> = (0..5).filter_map(|_| t.take(a)).collect();
        assert_eq!(held.len(), 3);
        assert_eq!(t.open(a), (3, 3));
        drop(held);
        assert_eq!(t.open(a), (0, 0));
        assert!(
            t.take(a).is_some(),
            "the places come back when connections close"
        );
    }

    #[test]
    fn the_last_places_are_kept_for_new_addresses() {
        let t = table(6, 2);
        let mut held = Vec::new();
        // Three addresses with two each would fill all six; the third's second is refused.
        for host in 1..=3 {
            let ip: IpAddr = format!("10.0.0.{host}").parse().unwrap();
            held.extend((0..2).filter_map(|_| t.take(ip)));
        }
        assert_eq!(held.len(), 5);
        let newcomer: IpAddr = "10.0.0.9".parse().unwrap();
        let first = t.take(newcomer).expect("a new address finds room");
        assert!(t.take(newcomer).is_none(), "but not a second place");
        assert!(
            t.take("10.0.0.10".parse().unwrap()).is_none(),
            "the server is full"
        );
        drop(first);
    }

    #[tokio::test]
    async fn traffic_keeps_a_connection_and_silence_ends_it() {
        use tokio::io::{AsyncReadExt, AsyncWriteExt};
        let t = table(10, 5);
        let ip: IpAddr = "10.0.0.1".parse().unwrap();
        let (mut client, server) = tokio::io::duplex(64);
        let idle = Duration::from_millis(200);
        let mut s = Counted::new(server, t.take(ip).unwrap(), idle);
        // A byte every 100 ms: open well past the idle time.
        let mut b = [0u8; 1];
        for _ in 0..5 {
            tokio::time::sleep(Duration::from_millis(100)).await;
            client.write_all(b"x").await.unwrap();
            s.read_exact(&mut b).await.unwrap();
        }
        // Then nothing: the next read fails once the idle time has passed.
        let quiet = Instant::now();
        let err = s.read(&mut b).await.unwrap_err();
        assert_eq!(err.kind(), io::ErrorKind::TimedOut);
        assert!(
            quiet.elapsed() >= idle - Duration::from_millis(20),
            "{:?}",
            quiet.elapsed()
        );
        assert!(
            quiet.elapsed() < Duration::from_secs(1),
            "{:?}",
            quiet.elapsed()
        );
        drop(s);
        assert_eq!(
            t.open(ip),
            (0, 0),
            "the closed connection gave its place back"
        );
    }

    #[test]
    fn ipv6_clients_are_counted_by_their_64() {
        let a: IpAddr = "2001:db8:1:2::1".parse().unwrap();
        let b: IpAddr = "2001:db8:1:2:ffff::7".parse().unwrap();
        let c: IpAddr = "2001:db8:1:3::1".parse().unwrap();
        assert_eq!(client_key(a), client_key(b));
        assert_ne!(client_key(a), client_key(c));
        let mapped: IpAddr = "::ffff:192.0.2.1".parse().unwrap();
        assert_eq!(client_key(mapped), "192.0.2.1".parse::<IpAddr>().unwrap());
    }
}
