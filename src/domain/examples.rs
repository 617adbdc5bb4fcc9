//! Example addresses for placeholders and messages, taken from the subnet the
//! field belongs to once it is known, so that nothing on a page suggests an
//! address of another network (#29).
//!
//! ```
//! use edgenet::domain::examples::Examples;
//! let e = Examples::of("10.20.0.10/24".parse().unwrap());
//! assert_eq!(e.node_ips.to_string(), "10.20.0.20-10.20.0.22");
//! assert_eq!(e.service_ips.to_string(), "10.20.0.100-10.20.0.120");
//! assert_eq!(e.router.to_string(), "10.20.0.1");
//! ```

use std::net::Ipv4Addr;

use ipnet::Ipv4Net;

use super::addr::Ipv4Range;

/// Where examples come from before a subnet is known.
pub const GENERIC_SUBNET: Ipv4Net = match Ipv4Net::new(Ipv4Addr::new(192, 168, 1, 0), 24) {
    Ok(n) => n,
    Err(_) => panic!("a /24 is a valid prefix"),
};

/// Example values for one subnet: a node IP range (three addresses: master,
/// worker, update spare), a MetalLB pool, and a router (the first host, the
/// usual gateway).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Examples {
    pub node_ips: Ipv4Range,
    pub service_ips: Ipv4Range,
    pub router: Ipv4Addr,
}

impl Examples {
    /// Examples inside `net` (host bits ignored). A /24 gets .20-.22, .100-.120
    /// and .1; a smaller subnet gets the same shape scaled to fit its hosts.
    /// A subnet with fewer than 14 hosts (/29 and longer) has no room for
    /// telling examples, so it gets the [`GENERIC_SUBNET`]'s.
    pub fn of(net: Ipv4Net) -> Examples {
        let net = net.trunc();
        let hosts = net.hosts().count() as u32;
        if hosts < 14 {
            return Examples::of(GENERIC_SUBNET);
        }
        let base = u32::from(net.network());
        let last = base + hosts;
        let at = |offset: u32| Ipv4Addr::from(base + offset);
        let node = (hosts / 12).clamp(2, 20);
        let service = (hosts / 2 + 1).min(100);
        let range = |a: u32, b: u32| {
            Ipv4Range::new(at(a), at(b)).unwrap_or_else(|_| unreachable!("start <= end"))
        };
        Examples {
            node_ips: range(node, node + 2),
            service_ips: range(service, (service + 20).min(last - base)),
            router: at(1),
        }
    }

    /// The [`GENERIC_SUBNET`]'s examples.
    pub fn generic() -> Examples {
        Examples::of(GENERIC_SUBNET)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn examples_lie_in_their_subnet_and_do_not_overlap() {
        for (net, nodes, services, router) in [
            (
                "10.20.0.10/24",
                "10.20.0.20-10.20.0.22",
                "10.20.0.100-10.20.0.120",
                "10.20.0.1",
            ),
            (
                "10.21.0.0/24",
                "10.21.0.20-10.21.0.22",
                "10.21.0.100-10.21.0.120",
                "10.21.0.1",
            ),
            (
                "172.16.8.9/22",
                "172.16.8.20-172.16.8.22",
                "172.16.8.100-172.16.8.120",
                "172.16.8.1",
            ),
            (
                "10.0.0.64/26",
                "10.0.0.69-10.0.0.71",
                "10.0.0.96-10.0.0.116",
                "10.0.0.65",
            ),
            (
                "10.0.0.32/27",
                "10.0.0.34-10.0.0.36",
                "10.0.0.48-10.0.0.62",
                "10.0.0.33",
            ),
            (
                "10.0.0.16/28",
                "10.0.0.18-10.0.0.20",
                "10.0.0.24-10.0.0.30",
                "10.0.0.17",
            ),
            // Too small for examples of its own: the generic ones.
            (
                "10.0.0.8/29",
                "192.168.1.20-192.168.1.22",
                "192.168.1.100-192.168.1.120",
                "192.168.1.1",
            ),
            (
                "10.0.0.8/32",
                "192.168.1.20-192.168.1.22",
                "192.168.1.100-192.168.1.120",
                "192.168.1.1",
            ),
        ] {
            let n: Ipv4Net = net.parse().unwrap();
            let e = Examples::of(n);
            assert_eq!(e.node_ips.to_string(), nodes, "{net}");
            assert_eq!(e.service_ips.to_string(), services, "{net}");
            assert_eq!(e.router.to_string(), router, "{net}");
            let home = if n.prefix_len() <= 28 {
                n.trunc()
            } else {
                GENERIC_SUBNET
            };
            let hosts: Vec<Ipv4Addr> = home.hosts().collect();
            for a in [
                e.node_ips.start(),
                e.node_ips.end(),
                e.service_ips.start(),
                e.service_ips.end(),
                e.router,
            ] {
                assert!(hosts.contains(&a), "{net}: {a} is not a host of {home}");
            }
            assert!(e.node_ips.end() < e.service_ips.start(), "{net}");
            assert!(e.router < e.node_ips.start(), "{net}");
        }
    }
}
