//! RFC 5227 ARP probes on one interface, through an AF_PACKET socket
//! (`pnet_datalink`), with frames built and read by `pnet_packet`.
//!
//! A probe is an ARP request with sender protocol address 0.0.0.0 (so no
//! station learns anything from it) broadcast on the segment. Every ARP
//! frame heard from another MAC address whose sender protocol address is
//! one of the probed addresses is an answer: a reply to the probe, or that
//! station's own request or announcement (RFC 5227 §2.1.1).

use std::{
    collections::HashSet,
    net::Ipv4Addr,
    sync::{
        atomic::{AtomicBool, Ordering},
        Arc, Mutex,
    },
    time::{Duration, Instant},
};

use pnet_datalink::{Channel, MacAddr};
use pnet_packet::{
    arp::{ArpHardwareTypes, ArpOperations, ArpPacket, MutableArpPacket},
    ethernet::{EtherTypes, EthernetPacket, MutableEthernetPacket},
    MutablePacket, Packet,
};

use crate::domain::probe::Answer;

/// The pace and the time limits of one probe.
#[derive(Clone, Copy, Debug)]
pub struct Pace {
    /// Between two frames: the rate limit (1 ms: at most 1,000 frames a second).
    pub gap: Duration,
    /// Rounds of probes; a round asks again only addresses that have not answered.
    pub rounds: u32,
    /// How long to listen after each round.
    pub listen: Duration,
}

impl Default for Pace {
    /// Two rounds of at most 1,024 frames at 1 ms, 500 ms of listening after
    /// each: at most about 3 seconds. (RFC 5227 spaces 3 probes 1-2 s apart
    /// for a host taking one address; an administrator waiting for a page
    /// gets fewer rounds, closer together.)
    fn default() -> Self {
        Pace {
            gap: Duration::from_millis(1),
            rounds: 2,
            listen: Duration::from_millis(500),
        }
    }
}

const ETHERNET_HEADER: usize = 14;
const ARP_IPV4: usize = 28;

fn probe_frame(buf: &mut [u8], mac: MacAddr, target: Ipv4Addr) {
    let mut eth = MutableEthernetPacket::new(buf).expect("the buffer fits a frame");
    eth.set_destination(MacAddr::broadcast());
    eth.set_source(mac);
    eth.set_ethertype(EtherTypes::Arp);
    let mut arp = MutableArpPacket::new(eth.payload_mut()).expect("the buffer fits ARP");
    arp.set_hardware_type(ArpHardwareTypes::Ethernet);
    arp.set_protocol_type(EtherTypes::Ipv4);
    arp.set_hw_addr_len(6);
    arp.set_proto_addr_len(4);
    arp.set_operation(ArpOperations::Request);
    arp.set_sender_hw_addr(mac);
    arp.set_sender_proto_addr(Ipv4Addr::UNSPECIFIED);
    arp.set_target_hw_addr(MacAddr::zero());
    arp.set_target_proto_addr(target);
}

/// An answer in `frame`, if it is an ARP frame from another station about
/// one of `asked`.
fn answer_in(frame: &[u8], own: MacAddr, asked: &HashSet<Ipv4Addr>) -> Option<Answer> {
    let eth = EthernetPacket::new(frame)?;
    if eth.get_ethertype() != EtherTypes::Arp {
        return None;
    }
    let arp = ArpPacket::new(eth.payload())?;
    let (mac, address) = (arp.get_sender_hw_addr(), arp.get_sender_proto_addr());
    (mac != own && asked.contains(&address)).then_some(Answer {
        address,
        mac: mac.octets(),
    })
}

/// Probes `targets` from `interface` of the calling thread's namespace and
/// returns every answer heard. Errors: no such interface, no MAC address,
/// or an AF_PACKET socket refused (it needs CAP_NET_RAW).
pub fn probe(interface: &str, targets: &[Ipv4Addr], pace: Pace) -> Result<Vec<Answer>, String> {
    let nic = pnet_datalink::interfaces()
        .into_iter()
        .find(|i| i.name == interface)
        .ok_or_else(|| format!("no interface {interface} in the namespace"))?;
    let own = nic
        .mac
        .filter(|m| !m.is_zero())
        .ok_or_else(|| format!("{interface} has no MAC address"))?;
    let config = pnet_datalink::Config {
        read_timeout: Some(Duration::from_millis(25)),
        ..Default::default()
    };
    let (mut tx, mut rx) = match pnet_datalink::channel(&nic, config) {
        Ok(Channel::Ethernet(tx, rx)) => (tx, rx),
        Ok(_) => return Err(format!("{interface}: not an Ethernet channel")),
        Err(e) => return Err(format!("{interface}: cannot open a packet socket: {e}")),
    };
    let asked: HashSet<Ipv4Addr> = targets.iter().copied().collect();
    let heard: Arc<Mutex<Vec<Answer>>> = Arc::default();
    let done = Arc::new(AtomicBool::new(false));
    let listener = {
        let (heard, done) = (heard.clone(), done.clone());
        std::thread::spawn(move || {
            while !done.load(Ordering::Relaxed) {
                match rx.next() {
                    Ok(frame) => {
                        if let Some(a) = answer_in(frame, own, &asked) {
                            heard.lock().unwrap_or_else(|p| p.into_inner()).push(a);
                        }
                    }
                    // The read timeout: look at `done` again.
                    Err(e) if e.kind() == std::io::ErrorKind::TimedOut => {}
                    Err(e) if e.kind() == std::io::ErrorKind::WouldBlock => {}
                    Err(_) => std::thread::sleep(Duration::from_millis(5)),
                }
            }
        })
    };
    let mut buf = [0u8; ETHERNET_HEADER + ARP_IPV4];
    let mut failed = None;
    for _ in 0..pace.rounds.max(1) {
        let answered: HashSet<Ipv4Addr> = heard
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .iter()
            .map(|a| a.address)
            .collect();
        let mut next = Instant::now();
        for &t in targets.iter().filter(|t| !answered.contains(t)) {
            let now = Instant::now();
            if next > now {
                std::thread::sleep(next - now);
            }
            next = Instant::now() + pace.gap;
            probe_frame(&mut buf, own, t);
            if let Some(Err(e)) = tx.send_to(&buf, None) {
                failed = Some(format!("{interface}: sending an ARP probe: {e}"));
                break;
            }
        }
        std::thread::sleep(pace.listen);
    }
    done.store(true, Ordering::Relaxed);
    let _ = listener.join();
    if let Some(e) = failed {
        return Err(e);
    }
    let answers = std::mem::take(&mut *heard.lock().unwrap_or_else(|p| p.into_inner()));
    Ok(answers)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_probe_frame_is_an_rfc5227_probe_and_answers_are_read_back() {
        let own = MacAddr::new(2, 0, 0, 0, 0, 0x10);
        let mut buf = [0u8; ETHERNET_HEADER + ARP_IPV4];
        probe_frame(&mut buf, own, Ipv4Addr::new(10, 0, 0, 11));
        let eth = EthernetPacket::new(&buf).unwrap();
        assert_eq!(eth.get_destination(), MacAddr::broadcast());
        let arp = ArpPacket::new(eth.payload()).unwrap();
        assert_eq!(arp.get_operation(), ArpOperations::Request);
        assert_eq!(arp.get_sender_proto_addr(), Ipv4Addr::UNSPECIFIED);
        assert_eq!(arp.get_target_hw_addr(), MacAddr::zero());
        let asked: HashSet<Ipv4Addr> = [Ipv4Addr::new(10, 0, 0, 11)].into();
        // Our own probe, heard back, is not an answer.
        assert_eq!(answer_in(&buf, own, &asked), None);
        // Another station's frame claiming the address is.
        let other = MacAddr::new(2, 0, 0, 0, 0x5a, 1);
        let mut reply = buf;
        {
            let mut eth = MutableEthernetPacket::new(&mut reply).unwrap();
            eth.set_source(other);
            let mut arp = MutableArpPacket::new(eth.payload_mut()).unwrap();
            arp.set_operation(ArpOperations::Reply);
            arp.set_sender_hw_addr(other);
            arp.set_sender_proto_addr(Ipv4Addr::new(10, 0, 0, 11));
        }
        assert_eq!(
            answer_in(&reply, own, &asked),
            Some(Answer {
                address: Ipv4Addr::new(10, 0, 0, 11),
                mac: other.octets()
            })
        );
        assert_eq!(answer_in(&reply, own, &HashSet::new()), None);
    }
}
