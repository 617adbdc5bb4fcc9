//! Connection accounting at the accept layer: a cap per client address and
//! in all, an idle timer on every connection's bytes, and shedding.
//!
//! The check runs before the TLS handshake, so a refused connection costs one
//! accept and one close, and a half-open handshake counts like any other
//! connection. When a new connection finds its address's share, or the
//! server, full, a connection that is only *waiting* is shed to make room for
//! it: one still in its TLS handshake, still sending its request head, or an
//! idle keep-alive between requests, never one whose request is being
//! answered. The longest-waiting goes first, so a flood of idle or
//! unfinished connections cannot keep out a client that sends a request,
//! even from the same address (a jump host, a site's NAT). Only when every
//! connection in the way has a request in flight is the new one refused:
//! closed, since there is no request yet to answer.

use std::{
    collections::{BTreeMap, HashMap},
    future::Future,
    io,
    net::{IpAddr, Ipv6Addr},
    pin::Pin,
    sync::{
        atomic::{AtomicBool, Ordering},
        Arc, Mutex,
    },
    task::{ready, Context, Poll},
    time::Duration,
};

use axum_server::accept::Accept;
use futures::task::AtomicWaker;
use http_body::{Body, Frame, SizeHint};
use tokio::{
    io::{AsyncRead, AsyncWrite, ReadBuf},
    net::TcpStream,
    time::{Instant, Sleep},
};

use super::Limits;

/// The open connections, per client and in all, and which of them are
/// waiting (no request in flight) and so may be shed.
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
    conns: HashMap<u64, Conn>,
    /// The waiting connections by when they began to wait, longest first:
    /// `since` -> connection id.
    waiting: BTreeMap<u64, u64>,
    /// Connection ids and waiting times both come from this one counter.
    next: u64,
}

#[derive(Debug)]
struct Conn {
    key: IpAddr,
    /// Requests being answered on this connection (HTTP/2 may run several).
    in_flight: usize,
    /// When it began to wait, while `in_flight` is 0.
    since: Option<u64>,
    shed: Arc<Shed>,
}

impl Held {
    fn tick(&mut self) -> u64 {
        self.next += 1;
        self.next
    }

    fn count(&self, key: IpAddr) -> usize {
        self.by_client.get(&key).copied().unwrap_or(0)
    }

    /// Takes connection `id` out of the counts; `None` if it is gone already.
    fn remove(&mut self, id: u64) -> Option<Conn> {
        let conn = self.conns.remove(&id)?;
        if let Some(since) = conn.since {
            self.waiting.remove(&since);
        }
        self.total -= 1;
        if let Some(n) = self.by_client.get_mut(&conn.key) {
            *n -= 1;
            if *n == 0 {
                self.by_client.remove(&conn.key);
            }
        }
        Some(conn)
    }

    /// The connection of `key` that has waited longest.
    fn longest_waiting_of(&self, key: IpAddr) -> Option<u64> {
        self.waiting
            .values()
            .copied()
            .find(|id| self.conns[id].key == key)
    }

    /// The longest-waiting connection of the address that holds the most
    /// connections (of those that have one waiting).
    fn longest_waiting_of_busiest(&self) -> Option<u64> {
        let mut best: Option<(usize, u64)> = None;
        for id in self.waiting.values().copied() {
            let holds = self.count(self.conns[&id].key);
            if best.is_none_or(|(most, _)| holds > most) {
                best = Some((holds, id));
            }
        }
        best.map(|(_, id)| id)
    }

    fn begin(&mut self, id: u64) {
        if let Some(conn) = self.conns.get_mut(&id) {
            conn.in_flight += 1;
            if let Some(since) = conn.since.take() {
                self.waiting.remove(&since);
            }
        }
    }

    fn end(&mut self, id: u64) {
        let since = self.tick();
        if let Some(conn) = self.conns.get_mut(&id) {
            conn.in_flight = conn.in_flight.saturating_sub(1);
            if conn.in_flight == 0 && conn.since.is_none() {
                conn.since = Some(since);
                self.waiting.insert(since, id);
            }
        }
    }
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

    fn lock(&self) -> std::sync::MutexGuard<'_, Held> {
        self.held.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// A place for one more connection from `ip`, or `None` when there is
    /// none to be had.
    ///
    /// An address holds at most `per_client` connections, and one that holds
    /// some already cannot take the last `per_client` places of `max`: they
    /// are kept for addresses that hold none. Where the new connection does
    /// not fit, a waiting connection is shed (its task is told, and its place
    /// is free at once): the longest-waiting of the same address when the
    /// address holds its share, else the longest-waiting of the address that
    /// holds the most. `None` when no connection in the way is waiting.
    pub fn take(self: &Arc<Self>, ip: IpAddr) -> Option<Slot> {
        let key = client_key(ip);
        let mut held = self.lock();
        let mine = held.count(key);
        let room = if mine == 0 {
            self.max
        } else {
            self.max.saturating_sub(self.per_client)
        };
        let shed = if mine >= self.per_client {
            Some(held.longest_waiting_of(key)?)
        } else if held.total >= room {
            Some(held.longest_waiting_of_busiest()?)
        } else {
            None
        };
        if let Some(victim) = shed.and_then(|id| held.remove(id)) {
            tracing::debug!(client = %victim.key, "a waiting connection was shed to make room for a new one");
            victim.shed.set();
        }
        let id = held.tick();
        let since = held.tick();
        let signal = Arc::new(Shed::default());
        held.conns.insert(
            id,
            Conn {
                key,
                in_flight: 0,
                since: Some(since),
                shed: Arc::clone(&signal),
            },
        );
        held.waiting.insert(since, id);
        held.total += 1;
        *held.by_client.entry(key).or_default() += 1;
        Some(Slot {
            table: Arc::clone(self),
            id,
            shed: signal,
        })
    }

    /// Connections open now: in all, and from `ip`'s address.
    pub fn open(&self, ip: IpAddr) -> (usize, usize) {
        let held = self.lock();
        (held.total, held.count(client_key(ip)))
    }
}

/// Tells a connection's task that its connection was shed.
#[derive(Debug, Default)]
pub struct Shed {
    set: AtomicBool,
    waker: AtomicWaker,
}

impl Shed {
    fn set(&self) {
        self.set.store(true, Ordering::Release);
        self.waker.wake();
    }

    /// Whether the connection was shed; if not, `cx` is woken when it is.
    fn poll_shed(&self, cx: &mut Context<'_>) -> bool {
        if self.set.load(Ordering::Acquire) {
            return true;
        }
        self.waker.register(cx.waker());
        self.set.load(Ordering::Acquire)
    }
}

fn shed_error() -> io::Error {
    io::Error::new(
        io::ErrorKind::ConnectionAborted,
        "shed: a new connection needed its place while it waited",
    )
}

/// One connection's place in the [`Table`], given back when dropped.
#[derive(Debug)]
pub struct Slot {
    table: Arc<Table>,
    id: u64,
    shed: Arc<Shed>,
}

impl Slot {
    fn handle(&self) -> ConnHandle {
        ConnHandle {
            table: Arc::clone(&self.table),
            id: self.id,
        }
    }
}

impl Drop for Slot {
    fn drop(&mut self) {
        self.table.lock().remove(self.id);
    }
}

/// Names one connection in its [`Table`], for the service that answers its
/// requests.
#[derive(Clone, Debug)]
struct ConnHandle {
    table: Arc<Table>,
    id: u64,
}

impl ConnHandle {
    fn request(&self) -> InFlight {
        self.table.lock().begin(self.id);
        InFlight(self.clone())
    }
}

/// A request in flight on one connection, until dropped: meanwhile the
/// connection is not shed.
#[derive(Debug)]
pub struct InFlight(ConnHandle);

impl Drop for InFlight {
    fn drop(&mut self) {
        self.0.table.lock().end(self.0.id);
    }
}

/// Wraps another acceptor (TLS, or `TCP_NODELAY` only): counts the
/// connection before handing it on, gives the stream an idle timer, and
/// marks each request the service answers as in flight. A connection shed
/// while the inner acceptor still works (a TLS handshake) ends there.
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
    type Service = Tracked<A::Service>;
    type Future = Pin<Box<dyn Future<Output = io::Result<(Self::Stream, Self::Service)>> + Send>>;

    fn accept(&self, stream: TcpStream, service: S) -> Self::Future {
        let peer = stream.peer_addr();
        let slot = match peer {
            Ok(p) => self.table.take(p.ip()),
            Err(_) => None,
        };
        let Some(slot) = slot else {
            if let Ok(p) = peer {
                tracing::debug!(client = %p.ip(), "connection refused: the client's (or the server's) connection limit is reached and every connection in the way has a request in flight");
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
            let shed = Arc::clone(&slot.shed);
            tokio::select! {
                biased;
                accepted = accepting => {
                    let (stream, service) = accepted?;
                    let conn = slot.handle();
                    Ok((Counted::new(stream, slot, idle), Tracked { inner: service, conn }))
                }
                () = std::future::poll_fn(|cx| if shed.poll_shed(cx) { Poll::Ready(()) } else { Poll::Pending }) => {
                    Err(shed_error())
                }
            }
        })
    }
}

/// A connection's service: marks each request in flight from the moment
/// hyper hands it over (its head is complete) until its response body has
/// been sent or dropped.
#[derive(Clone, Debug)]
pub struct Tracked<S> {
    inner: S,
    conn: ConnHandle,
}

impl<S, B, R> tower::Service<axum::http::Request<R>> for Tracked<S>
where
    S: tower::Service<axum::http::Request<R>, Response = axum::http::Response<B>>,
    S::Future: Send + 'static,
    B: Body + Unpin,
{
    type Response = axum::http::Response<TrackedBody<B>>;
    type Error = S::Error;
    type Future = Pin<Box<dyn Future<Output = Result<Self::Response, S::Error>> + Send>>;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), S::Error>> {
        self.inner.poll_ready(cx)
    }

    fn call(&mut self, req: axum::http::Request<R>) -> Self::Future {
        let in_flight = self.conn.request();
        let answering = self.inner.call(req);
        Box::pin(async move {
            let response = answering.await?;
            Ok(response.map(|inner| TrackedBody {
                inner,
                in_flight: Some(in_flight),
            }))
        })
    }
}

/// A response body that keeps its request in flight until it ends.
#[derive(Debug)]
pub struct TrackedBody<B> {
    inner: B,
    in_flight: Option<InFlight>,
}

impl<B: Body + Unpin> Body for TrackedBody<B> {
    type Data = B::Data;
    type Error = B::Error;

    fn poll_frame(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<B::Data>, B::Error>>> {
        let frame = ready!(Pin::new(&mut self.inner).poll_frame(cx));
        if frame.is_none() {
            self.in_flight = None;
        }
        Poll::Ready(frame)
    }

    fn is_end_stream(&self) -> bool {
        self.inner.is_end_stream()
    }

    fn size_hint(&self) -> SizeHint {
        self.inner.size_hint()
    }
}

/// A connection's stream, holding its [`Slot`], that fails with `TimedOut`
/// once no byte has gone either way for the idle time, and with
/// `ConnectionAborted` once the connection is shed. hyper then closes it.
pub struct Counted<S> {
    inner: S,
    slot: Slot,
    idle: Duration,
    last: Instant,
    timer: Pin<Box<Sleep>>,
}

impl<S> Counted<S> {
    fn new(inner: S, slot: Slot, idle: Duration) -> Self {
        let last = Instant::now();
        Counted {
            inner,
            slot,
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
        if self.slot.shed.poll_shed(cx) {
            return Poll::Ready(Err(shed_error()));
        }
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
        if self.slot.shed.poll_shed(cx) {
            return Poll::Ready(Err(shed_error()));
        }
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
        if self.slot.shed.poll_shed(cx) {
            return Poll::Ready(Err(shed_error()));
        }
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

    fn ip(s: &str) -> IpAddr {
        s.parse().unwrap()
    }

    impl Slot {
        /// What the connection's service does for each request.
        fn request(&self) -> InFlight {
            self.handle().request()
        }

        fn is_shed(&self) -> bool {
            self.shed.set.load(Ordering::Acquire)
        }
    }

    #[test]
    fn one_address_gets_its_share_and_no_more() {
        let t = table(10, 3);
        let a = ip("10.0.0.1");
        let held: Vec<_> = (0..3).map(|_| t.take(a).unwrap()).collect();
        let busy: Vec<_> = held.iter().map(Slot::request).collect();
        assert!(
            t.take(a).is_none(),
            "every connection is answering a request"
        );
        assert_eq!(t.open(a), (3, 3));
        drop(busy);
        drop(held);
        assert_eq!(t.open(a), (0, 0));
        assert!(
            t.take(a).is_some(),
            "the places come back when connections close"
        );
    }

    #[test]
    fn a_new_connection_sheds_its_addresss_longest_waiting_one() {
        let t = table(10, 3);
        let a = ip("10.0.0.1");
        let first = t.take(a).unwrap();
        let second = t.take(a).unwrap();
        let third = t.take(a).unwrap();
        // The first is answering a request; the second has waited longest.
        let answering = first.request();
        let fourth = t.take(a).expect("room made by shedding");
        assert!(second.is_shed(), "the longest-waiting is shed");
        assert!(!first.is_shed() && !third.is_shed() && !fourth.is_shed());
        assert_eq!(t.open(a), (3, 3), "the shed place is free at once");
        // A keep-alive that finished its request waits again, from now on.
        drop(answering);
        let fifth = t.take(a).unwrap();
        assert!(
            third.is_shed(),
            "third waited longer than the kept-alive first"
        );
        assert!(!first.is_shed());
        let sixth = t.take(a).unwrap();
        assert!(fourth.is_shed() && !first.is_shed());
        let _seventh = t.take(a).unwrap();
        assert!(first.is_shed(), "at last the kept-alive one");
        // Dropping shed slots counts nothing twice.
        drop((first, second, third, fourth));
        assert_eq!(t.open(a), (3, 3));
        drop((fifth, sixth));
        assert_eq!(t.open(a), (1, 1));
    }

    #[test]
    fn a_full_server_sheds_from_the_address_that_holds_the_most() {
        let t = table(8, 4);
        // A flood from one address, the administrator's idle keep-alive, another client's.
        let flood: Vec<_> = (0..4).map(|_| t.take(ip("10.0.0.66")).unwrap()).collect();
        let admin = t.take(ip("10.0.0.1")).unwrap();
        let other = t.take(ip("10.0.0.2")).unwrap();
        // Eight in all would fit, but an address that holds some cannot take
        // the last four places: the administrator's second connection sheds
        // the flood's longest-waiting, not its own first or the other's.
        let admin2 = t.take(ip("10.0.0.1")).expect("room made by shedding");
        assert!(flood[0].is_shed());
        assert!(!admin.is_shed() && !other.is_shed());
        assert_eq!(t.open(ip("10.0.0.1")), (6, 2));
        // Newcomers take the last free places; the next one sheds again,
        // from the address that still holds the most.
        let n1 = t.take(ip("10.0.0.9")).unwrap();
        let n2 = t.take(ip("10.0.0.10")).unwrap();
        assert_eq!(t.open(ip("10.0.0.9")), (8, 1));
        let _n3 = t.take(ip("10.0.0.11")).unwrap();
        assert!(flood[1].is_shed(), "the flood holds 3, the administrator 2");
        assert!(!admin.is_shed() && !admin2.is_shed() && !n1.is_shed() && !n2.is_shed());
        // With every connection answering a request, nothing can be shed.
        let all: Vec<_> = t.lock().conns.keys().copied().collect();
        for id in all {
            t.lock().begin(id);
        }
        assert!(t.take(ip("10.0.0.12")).is_none());
        assert!(t.take(ip("10.0.0.66")).is_none());
    }

    #[tokio::test]
    async fn a_connection_shed_in_its_handshake_ends_there() {
        /// An acceptor whose handshake never ends, like a client that never
        /// sends its TLS ClientHello.
        #[derive(Clone)]
        struct Stalled;
        impl<S: Send + 'static> Accept<TcpStream, S> for Stalled {
            type Stream = TcpStream;
            type Service = S;
            type Future = Pin<Box<dyn Future<Output = io::Result<(TcpStream, S)>> + Send>>;
            fn accept(&self, _: TcpStream, _: S) -> Self::Future {
                Box::pin(std::future::pending())
            }
        }
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let to = listener.local_addr().unwrap();
        let acceptor = LimitAcceptor::new(
            Stalled,
            &Limits {
                max_connections: 10,
                max_connections_per_client: 2,
                ..Limits::default()
            },
        );
        let mut clients = Vec::new();
        let mut accepting = Vec::new();
        for _ in 0..2 {
            clients.push(TcpStream::connect(to).await.unwrap());
            let (stream, _) = listener.accept().await.unwrap();
            accepting.push(tokio::spawn(acceptor.accept(stream, ())));
        }
        clients.push(TcpStream::connect(to).await.unwrap());
        let (stream, _) = listener.accept().await.unwrap();
        let _third = tokio::spawn(acceptor.accept(stream, ()));
        let first = tokio::time::timeout(Duration::from_secs(5), accepting.remove(0))
            .await
            .expect("the first handshake was ended")
            .unwrap();
        assert_eq!(
            first.err().map(|e| e.kind()),
            Some(io::ErrorKind::ConnectionAborted)
        );
        assert!(!accepting[0].is_finished(), "the second goes on");
        assert_eq!(acceptor.table.open(to.ip()), (2, 2));
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
