//! ICMP echo (`surge-ping`) from the calling thread's namespace.

use std::{collections::HashMap, net::Ipv4Addr, time::Duration};

use surge_ping::{Client, Config, PingIdentifier, PingSequence};

/// Echo requests per address; the first reply counts.
const TRIES: u16 = 2;

/// Pings every address of `targets` at once, `TRIES` times at most each,
/// waiting `timeout` for each reply: the round-trip time in microseconds,
/// or `None` for no reply. Errors: no ICMP socket (it needs CAP_NET_RAW
/// where unprivileged ping is not allowed, as in a new namespace).
pub async fn ping_all(
    targets: &[Ipv4Addr],
    timeout: Duration,
) -> Result<HashMap<Ipv4Addr, Option<u64>>, String> {
    let client = Client::new(&Config::default()).map_err(|e| format!("ICMP socket: {e}"))?;
    let mut unique = targets.to_vec();
    unique.sort();
    unique.dedup();
    let base = std::process::id() as u16;
    let pings = unique.iter().enumerate().map(|(i, &addr)| {
        let client = client.clone();
        async move {
            let mut pinger = client
                .pinger(addr.into(), PingIdentifier(base.wrapping_add(i as u16)))
                .await;
            pinger.timeout(timeout);
            for seq in 0..TRIES {
                if let Ok((_, rtt)) = pinger.ping(PingSequence(seq), &[0; 16]).await {
                    return (addr, Some(rtt.as_micros() as u64));
                }
            }
            (addr, None)
        }
    });
    Ok(futures_util::future::join_all(pings)
        .await
        .into_iter()
        .collect())
}
