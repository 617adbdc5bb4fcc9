//! IPv4 ranges and the subnet arithmetic every rule is built on.
//!
//! A [`Ipv4Range`] is always non-empty and ordered (`start <= end`): the
//! constructor refuses anything else, so code that holds one never has to ask.

use std::{fmt, net::Ipv4Addr, str::FromStr};

use ipnet::Ipv4Net;
use serde::{Deserialize, Serialize};

use crate::i18n::{Arg, Message};

/// A contiguous, non-empty range of IPv4 addresses, both ends included.
///
/// ```
/// use edgenet::domain::addr::Ipv4Range;
/// let r: Ipv4Range = "10.0.0.5-10.0.0.7".parse().unwrap();
/// assert_eq!(r.len(), 3);
/// assert_eq!(r.to_string(), "10.0.0.5-10.0.0.7");
/// let single: Ipv4Range = "10.0.0.9".parse().unwrap();
/// assert_eq!(single.len(), 1);
/// assert!("10.0.0.7-10.0.0.5".parse::<Ipv4Range>().is_err());
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "RangeRepr", into = "RangeRepr")]
pub struct Ipv4Range {
    start: Ipv4Addr,
    end: Ipv4Addr,
}

/// The wire and file shape of a range: `{ start, end }`.
#[derive(Serialize, Deserialize)]
struct RangeRepr {
    start: Ipv4Addr,
    end: Ipv4Addr,
}

impl TryFrom<RangeRepr> for Ipv4Range {
    type Error = RangeError;
    fn try_from(r: RangeRepr) -> Result<Self, Self::Error> {
        Ipv4Range::new(r.start, r.end)
    }
}

impl From<Ipv4Range> for RangeRepr {
    fn from(r: Ipv4Range) -> Self {
        RangeRepr {
            start: r.start,
            end: r.end,
        }
    }
}

/// Why a text or a pair of addresses is not a range.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RangeError {
    Empty,
    BadAddress(String),
    Reversed { start: Ipv4Addr, end: Ipv4Addr },
}

impl RangeError {
    /// What is wrong, in any language.
    pub fn message(&self) -> Message {
        match self {
            RangeError::Empty => crate::msg!("val-range-empty"),
            RangeError::BadAddress(text) => crate::msg!("val-bad-address", text = text),
            RangeError::Reversed { start, end } => {
                crate::msg!("range-reversed", start = start, end = end)
            }
        }
    }
}

/// English, as the API and the logs read it.
impl fmt::Display for RangeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.message().fmt(f)
    }
}

impl std::error::Error for RangeError {}

impl From<RangeError> for Message {
    fn from(e: RangeError) -> Self {
        e.message()
    }
}

impl From<Ipv4Range> for Arg {
    fn from(r: Ipv4Range) -> Self {
        Arg::Text(r.to_string())
    }
}

impl From<&Ipv4Range> for Arg {
    fn from(r: &Ipv4Range) -> Self {
        Arg::Text(r.to_string())
    }
}

impl Ipv4Range {
    /// A range from `start` to `end`, both included; refused when `start > end`.
    pub fn new(start: Ipv4Addr, end: Ipv4Addr) -> Result<Self, RangeError> {
        if start > end {
            return Err(RangeError::Reversed { start, end });
        }
        Ok(Self { start, end })
    }

    /// The range holding one address.
    pub const fn single(addr: Ipv4Addr) -> Self {
        Self {
            start: addr,
            end: addr,
        }
    }

    pub const fn start(&self) -> Ipv4Addr {
        self.start
    }

    pub const fn end(&self) -> Ipv4Addr {
        self.end
    }

    /// How many addresses the range holds (at least 1, at most 2^32).
    pub fn len(&self) -> u64 {
        u64::from(u32::from(self.end)) - u64::from(u32::from(self.start)) + 1
    }

    /// Always false: a range holds at least one address. Present for clippy's sake.
    pub fn is_empty(&self) -> bool {
        false
    }

    pub fn contains(&self, addr: Ipv4Addr) -> bool {
        self.start <= addr && addr <= self.end
    }

    /// The addresses both ranges hold, if any.
    pub fn overlap(&self, other: &Ipv4Range) -> Option<Ipv4Range> {
        let start = self.start.max(other.start);
        let end = self.end.min(other.end);
        (start <= end).then_some(Ipv4Range { start, end })
    }

    /// True when every address of the range lies in `net`.
    pub fn within(&self, net: &Ipv4Net) -> bool {
        net.contains(&self.start) && net.contains(&self.end)
    }

    /// The `n`-th address (0-based), if the range is that long.
    pub fn nth(&self, n: u64) -> Option<Ipv4Addr> {
        if n >= self.len() {
            return None;
        }
        Some(Ipv4Addr::from(u32::from(self.start) + n as u32))
    }

    pub fn iter(&self) -> impl Iterator<Item = Ipv4Addr> {
        (u32::from(self.start)..=u32::from(self.end)).map(Ipv4Addr::from)
    }

    /// How many addresses of the range end in `.0` or `.255`, counted without iterating.
    pub fn edge_count(&self) -> u64 {
        let count_le = |x: u64, residue: u64| {
            if x < residue {
                0
            } else {
                (x - residue) / 256 + 1
            }
        };
        let s = u64::from(u32::from(self.start));
        let e = u64::from(u32::from(self.end));
        let upto = |x: u64| count_le(x, 0) + count_le(x, 255);
        upto(e) - if s == 0 { 0 } else { upto(s - 1) }
    }
}

impl fmt::Display for Ipv4Range {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}-{}", self.start, self.end)
    }
}

/// Parses one address (a range of one) or `start-end`; spaces around the parts are ignored.
impl FromStr for Ipv4Range {
    type Err = RangeError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let s = s.trim();
        if s.is_empty() {
            return Err(RangeError::Empty);
        }
        match s.split_once('-') {
            Some((a, b)) => Ipv4Range::new(parse_addr(a)?, parse_addr(b)?),
            None => Ok(Ipv4Range::single(parse_addr(s)?)),
        }
    }
}

/// Parses an IPv4 address with a message fit for an administrator.
pub fn parse_addr(s: &str) -> Result<Ipv4Addr, RangeError> {
    let s = s.trim();
    if s.is_empty() {
        return Err(RangeError::Empty);
    }
    s.parse().map_err(|_| RangeError::BadAddress(s.to_string()))
}

/// Reads a range from a start field and an end field.
///
/// The end may be left empty when the start field holds a whole range
/// (`a.b.c.d-a.b.c.e`) or a single address.
pub fn range_from_fields(start: &str, end: &str) -> Result<Ipv4Range, RangeError> {
    let (start, end) = (start.trim(), end.trim());
    match (start.is_empty(), end.is_empty()) {
        (true, true) => Err(RangeError::Empty),
        (false, true) => start.parse(),
        (true, false) => end.parse(),
        (false, false) => Ipv4Range::new(parse_addr(start)?, parse_addr(end)?),
    }
}

/// The addresses of a subnet that a host may use: all but the network and
/// broadcast addresses, except on /31 (point-to-point, RFC 3021) and /32.
pub fn usable_hosts(net: &Ipv4Net) -> Ipv4Range {
    let net = net.trunc();
    let (first, last) = (net.network(), net.broadcast());
    if net.prefix_len() >= 31 {
        return Ipv4Range {
            start: first,
            end: last,
        };
    }
    Ipv4Range {
        start: Ipv4Addr::from(u32::from(first) + 1),
        end: Ipv4Addr::from(u32::from(last) - 1),
    }
}

/// A subnet's address that no host may hold: its network address (host bits
/// all zero) or its broadcast address (host bits all one), RFC 1122 section
/// 3.2.1.3. A /31 (RFC 3021) or a /32 has neither.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Reserved {
    Network,
    Broadcast,
}

impl Reserved {
    /// The words that name it in a message ("the network address").
    pub fn words(self) -> Message {
        match self {
            Reserved::Network => crate::msg!("val-network-address"),
            Reserved::Broadcast => crate::msg!("val-broadcast-address"),
        }
    }
}

/// The network and broadcast addresses of a subnet that has them (prefix 30
/// or shorter). The rules ask this for every address they check, up to
/// 10,000 routes' next hops, so it builds no message: [`Reserved::words`]
/// does, for the one that matched.
///
/// ```
/// use edgenet::domain::addr::{reserved_addresses, Reserved};
/// let net = "10.0.0.0/24".parse().unwrap();
/// let found: Vec<_> = reserved_addresses(&net).collect();
/// assert_eq!(found, [("10.0.0.0".parse().unwrap(), Reserved::Network), ("10.0.0.255".parse().unwrap(), Reserved::Broadcast)]);
/// assert_eq!(reserved_addresses(&"10.0.0.0/31".parse().unwrap()).count(), 0);
/// ```
pub fn reserved_addresses(net: &Ipv4Net) -> impl Iterator<Item = (Ipv4Addr, Reserved)> {
    let has_them = net.prefix_len() < 31;
    [
        (net.network(), Reserved::Network),
        (net.broadcast(), Reserved::Broadcast),
    ]
    .into_iter()
    .filter(move |_| has_them)
}

/// A kind of block in the IANA IPv4 Special-Purpose Address Registry
/// (RFC 6890, updated by RFC 8190) whose addresses no port, gateway, DNS
/// server, next hop, node or service IP, route destination or cluster network
/// may use, with multicast (RFC 5771) and the reserved class E beside it.
/// The registry marks each of these neither a valid destination nor
/// forwardable; the blocks it marks usable (private ranges, shared address
/// space 100.64.0.0/10, benchmarking 198.18.0.0/15) are not here.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Special {
    /// 0.0.0.0/8 (RFC 791, RFC 1122 3.2.1.3).
    ThisNetwork,
    /// 127.0.0.0/8 (RFC 1122 3.2.1.3).
    Loopback,
    /// 169.254.0.0/16 (RFC 3927).
    LinkLocal,
    /// TEST-NET-1, -2 and -3: 192.0.2.0/24, 198.51.100.0/24, 203.0.113.0/24 (RFC 5737).
    Documentation,
    /// 224.0.0.0/4 (RFC 5771).
    Multicast,
    /// 255.255.255.255/32 (RFC 919, RFC 8190).
    LimitedBroadcast,
    /// 240.0.0.0/4 but the limited broadcast address (RFC 1112 section 4).
    Reserved,
}

/// The blocks, most specific first (the limited broadcast address lies in
/// the reserved block).
pub const SPECIAL_BLOCKS: [(Ipv4Net, Special); 9] = [
    (
        Ipv4Net::new_assert(Ipv4Addr::new(0, 0, 0, 0), 8),
        Special::ThisNetwork,
    ),
    (
        Ipv4Net::new_assert(Ipv4Addr::new(127, 0, 0, 0), 8),
        Special::Loopback,
    ),
    (
        Ipv4Net::new_assert(Ipv4Addr::new(169, 254, 0, 0), 16),
        Special::LinkLocal,
    ),
    (
        Ipv4Net::new_assert(Ipv4Addr::new(192, 0, 2, 0), 24),
        Special::Documentation,
    ),
    (
        Ipv4Net::new_assert(Ipv4Addr::new(198, 51, 100, 0), 24),
        Special::Documentation,
    ),
    (
        Ipv4Net::new_assert(Ipv4Addr::new(203, 0, 113, 0), 24),
        Special::Documentation,
    ),
    (
        Ipv4Net::new_assert(Ipv4Addr::new(224, 0, 0, 0), 4),
        Special::Multicast,
    ),
    (
        Ipv4Net::new_assert(Ipv4Addr::new(255, 255, 255, 255), 32),
        Special::LimitedBroadcast,
    ),
    (
        Ipv4Net::new_assert(Ipv4Addr::new(240, 0, 0, 0), 4),
        Special::Reserved,
    ),
];

/// One block of [`SPECIAL_BLOCKS`]: the network and its kind.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SpecialBlock {
    pub net: Ipv4Net,
    pub kind: Special,
}

impl SpecialBlock {
    /// Names the block, its kind and its source, and says why it cannot be
    /// used, as a noun phrase ("127.0.0.0/8, loopback (RFC 1122 3.2.1.3),
    /// which …") that the rules' messages put after "is in" or "overlaps".
    pub fn words(self) -> Message {
        let id = match self.kind {
            Special::ThisNetwork => "val-special-this-network",
            Special::Loopback => "val-special-loopback",
            Special::LinkLocal => "val-special-link-local",
            Special::Documentation => "val-special-documentation",
            Special::Multicast => "val-special-multicast",
            Special::LimitedBroadcast => "val-special-limited-broadcast",
            Special::Reserved => "val-special-reserved",
        };
        Message::new(id).arg("block", self.net)
    }
}

fn block((net, kind): &(Ipv4Net, Special)) -> SpecialBlock {
    SpecialBlock {
        net: *net,
        kind: *kind,
    }
}

/// The special-purpose block that holds `addr`, if any.
///
/// ```
/// use edgenet::domain::addr::{special_block, Special};
/// assert_eq!(special_block("127.0.0.1".parse().unwrap()).unwrap().kind, Special::Loopback);
/// assert_eq!(special_block("255.255.255.255".parse().unwrap()).unwrap().kind, Special::LimitedBroadcast);
/// assert_eq!(special_block("240.0.0.1".parse().unwrap()).unwrap().kind, Special::Reserved);
/// assert_eq!(special_block("198.51.100.7".parse().unwrap()).unwrap().kind, Special::Documentation);
/// assert!(special_block("100.64.0.1".parse().unwrap()).is_none()); // shared address space: usable
/// assert!(special_block("10.20.0.10".parse().unwrap()).is_none());
/// ```
pub fn special_block(addr: Ipv4Addr) -> Option<SpecialBlock> {
    SPECIAL_BLOCKS
        .iter()
        .find(|(net, _)| net.contains(&addr))
        .map(block)
}

/// The special-purpose block that holds all of `net` (a route to it can
/// carry no packet), if any. A network that only *contains* a block, such as
/// 0.0.0.0/1, is not held by it.
///
/// ```
/// use edgenet::domain::addr::{special_holding, Special};
/// assert_eq!(special_holding(&"127.0.0.0/8".parse().unwrap()).unwrap().kind, Special::Loopback);
/// assert_eq!(special_holding(&"224.0.0.0/16".parse().unwrap()).unwrap().kind, Special::Multicast);
/// assert!(special_holding(&"0.0.0.0/0".parse().unwrap()).is_none());
/// assert!(special_holding(&"0.0.0.0/1".parse().unwrap()).is_none());
/// ```
pub fn special_holding(net: &Ipv4Net) -> Option<SpecialBlock> {
    SPECIAL_BLOCKS
        .iter()
        .find(|(b, _)| b.contains(net))
        .map(block)
}

/// The first special-purpose block that shares an address with `net` (every
/// address of a pod or service network is handed out), if any.
///
/// ```
/// use edgenet::domain::addr::{special_overlap, Special};
/// assert_eq!(special_overlap(&"192.0.0.0/16".parse().unwrap()).unwrap().kind, Special::Documentation);
/// assert!(special_overlap(&"172.27.0.0/16".parse().unwrap()).is_none());
/// ```
pub fn special_overlap(net: &Ipv4Net) -> Option<SpecialBlock> {
    SPECIAL_BLOCKS
        .iter()
        .find(|(b, _)| b.contains(&net.network()) || net.contains(&b.network()))
        .map(block)
}

/// The first special-purpose block that shares an address with `range`.
pub fn special_in_range(range: &Ipv4Range) -> Option<(Ipv4Addr, SpecialBlock)> {
    SPECIAL_BLOCKS.iter().find_map(|b| {
        let (lo, hi) = (b.0.network(), b.0.broadcast());
        (range.start <= hi && lo <= range.end).then(|| (range.start.max(lo), block(b)))
    })
}

/// True for an address ending in `.0` or `.255`, which some clients mishandle.
pub fn is_edge_address(addr: Ipv4Addr) -> bool {
    matches!(addr.octets()[3], 0 | 255)
}

/// Converts a dotted subnet mask such as `255.255.255.0` to its prefix length.
///
/// ```
/// use edgenet::domain::addr::mask_to_prefix;
/// assert_eq!(mask_to_prefix("255.255.255.0".parse().unwrap()), Some(24));
/// assert_eq!(mask_to_prefix("255.0.255.0".parse().unwrap()), None);
/// ```
pub fn mask_to_prefix(mask: Ipv4Addr) -> Option<u8> {
    let m = u32::from(mask);
    let ones = m.leading_ones();
    (m.checked_shl(ones).unwrap_or(0) == 0).then_some(ones as u8)
}

/// Reads a prefix length (`24`, `/24`) or a dotted mask (`255.255.255.0`).
pub fn parse_prefix(s: &str) -> Result<u8, Message> {
    parse_prefix_from(s, 0)
}

/// The shortest prefix a port's subnet may have: a /8 already holds 16
/// million addresses, more than any network an appliance port sits on; a
/// shorter one is far more likely a typo (a mask of 255.0.0.0 for
/// 255.255.255.0). The parser and the port rule both read it from here, so
/// every message about a port's prefix says the same range.
pub const PORT_PREFIX_MIN: u8 = 8;

/// [`parse_prefix`] for a field that takes prefix lengths from `min` to 32:
/// every error, for a number or a mask, names that same range.
pub fn parse_prefix_from(s: &str, min: u8) -> Result<u8, Message> {
    let s = s.trim().trim_start_matches('/');
    if s.is_empty() {
        return Err(crate::msg!("val-prefix-empty"));
    }
    let prefix = if s.contains('.') {
        let mask: Ipv4Addr = s
            .parse()
            .map_err(|_| crate::msg!("val-prefix-neither", text = s, min = min))?;
        mask_to_prefix(mask).ok_or_else(|| crate::msg!("val-mask-not-contiguous", text = s))?
    } else {
        match s.parse::<u8>() {
            Ok(p) if p <= 32 => p,
            _ => return Err(crate::msg!("val-prefix-not-number", text = s, min = min)),
        }
    };
    if prefix < min {
        return Err(crate::msg!(
            "val-prefix-too-short",
            text = s,
            prefix = prefix,
            min = min
        ));
    }
    Ok(prefix)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn a(s: &str) -> Ipv4Addr {
        s.parse().unwrap()
    }

    #[test]
    fn parses_ranges_and_single_addresses() {
        let cases = [
            ("10.0.0.1-10.0.0.4", Some(("10.0.0.1", "10.0.0.4"))),
            (" 10.0.0.1 - 10.0.0.4 ", Some(("10.0.0.1", "10.0.0.4"))),
            ("10.0.0.9", Some(("10.0.0.9", "10.0.0.9"))),
            ("10.0.0.9-10.0.0.9", Some(("10.0.0.9", "10.0.0.9"))),
            ("10.0.0.4-10.0.0.1", None),
            ("10.0.0.300", None),
            ("10.0.0", None),
            ("", None),
            ("-", None),
            ("10.0.0.1-", None),
        ];
        for (text, want) in cases {
            let got = text.parse::<Ipv4Range>().ok().map(|r| (r.start(), r.end()));
            assert_eq!(got, want.map(|(s, e)| (a(s), a(e))), "{text:?}");
        }
    }

    #[test]
    fn fields_accept_a_whole_range_in_the_start_field() {
        assert_eq!(range_from_fields("10.0.0.1-10.0.0.2", "").unwrap().len(), 2);
        assert_eq!(range_from_fields("10.0.0.1", "10.0.0.3").unwrap().len(), 3);
        assert_eq!(range_from_fields("10.0.0.1", "").unwrap().len(), 1);
        assert_eq!(range_from_fields(" ", " "), Err(RangeError::Empty));
        assert!(matches!(
            range_from_fields("10.0.0.3", "10.0.0.1"),
            Err(RangeError::Reversed { .. })
        ));
    }

    #[test]
    fn usable_hosts_by_prefix() {
        let u = |n: &str| usable_hosts(&n.parse().unwrap()).to_string();
        assert_eq!(u("10.0.0.0/24"), "10.0.0.1-10.0.0.254");
        assert_eq!(u("10.0.0.7/24"), "10.0.0.1-10.0.0.254");
        assert_eq!(u("10.0.0.4/30"), "10.0.0.5-10.0.0.6");
        assert_eq!(u("10.0.0.4/31"), "10.0.0.4-10.0.0.5");
        assert_eq!(u("10.0.0.4/32"), "10.0.0.4-10.0.0.4");
        assert_eq!(u("0.0.0.0/0"), "0.0.0.1-255.255.255.254");
    }

    #[test]
    fn prefixes_and_masks() {
        assert_eq!(parse_prefix("24"), Ok(24));
        assert_eq!(parse_prefix("/16"), Ok(16));
        assert_eq!(parse_prefix("255.255.255.128"), Ok(25));
        assert_eq!(parse_prefix("0.0.0.0"), Ok(0));
        assert_eq!(parse_prefix("255.255.255.255"), Ok(32));
        assert!(parse_prefix("33").is_err());
        assert!(parse_prefix("255.0.255.0")
            .unwrap_err()
            .to_string()
            .contains("contiguous"));
        assert!(parse_prefix("abc").is_err());
    }

    /// One range in every message of a field: a port's prefix is 8 to 32
    /// whether the typo is too large a number, too small one, or a mask.
    #[test]
    fn every_prefix_message_of_a_field_names_the_same_range() {
        let cases = [
            ("33", 0, Err("\"33\" is not a prefix length; use a whole number from 0 to 32")),
            ("33", 8, Err("\"33\" is not a prefix length; use a whole number from 8 to 32")),
            ("0", 8, Err("\"0\" is /0, a network too large for this field; use a prefix length from 8 to 32")),
            ("255.0.0.0", 8, Ok(8)),
            ("254.0.0.0", 8, Err("\"254.0.0.0\" is /7, a network too large for this field; use a prefix length from 8 to 32")),
            ("0", 0, Ok(0)),
            ("24", 8, Ok(24)),
            ("1.2.3", 8, Err("\"1.2.3\" is neither a prefix length (8-32) nor a subnet mask")),
        ];
        for (text, min, want) in cases {
            let got = parse_prefix_from(text, min).map_err(|m| m.to_string());
            assert_eq!(got, want.map_err(String::from), "{text} from {min}");
        }
        assert!(parse_prefix("").is_err());
    }

    #[test]
    fn edge_count_matches_iteration_on_boundaries() {
        for r in [
            "10.0.0.0-10.0.0.0",
            "10.0.0.255-10.0.1.0",
            "10.0.0.1-10.0.0.254",
            "0.0.0.0-0.0.2.255",
            "255.255.255.0-255.255.255.255",
        ] {
            let r: Ipv4Range = r.parse().unwrap();
            assert_eq!(
                r.edge_count(),
                r.iter().filter(|x| is_edge_address(*x)).count() as u64,
                "{r}"
            );
        }
    }

    #[test]
    fn serde_refuses_reversed_ranges() {
        let ok: Result<Ipv4Range, _> =
            serde_json::from_str(r#"{"start":"10.0.0.1","end":"10.0.0.2"}"#);
        assert!(ok.is_ok());
        let bad: Result<Ipv4Range, _> =
            serde_json::from_str(r#"{"start":"10.0.0.2","end":"10.0.0.1"}"#);
        assert!(bad.is_err());
    }
}
