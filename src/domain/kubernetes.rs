//! The cluster's own networks: Calico's pod network, the service network for
//! cluster IPs, and the address of the cluster DNS service (CoreDNS).

use std::net::Ipv4Addr;

use ipnet::Ipv4Net;
use serde::{Deserialize, Serialize};

use super::addr::{SpecialBlock, SPECIAL_BLOCKS};
use super::change::{Field, Value};
use super::error::FieldError;
use super::model::DeviceProfile;
use super::model::{tenth, Addressing, Config, KubernetesNetworks};
use crate::i18n::Message;

/// Docker's default bridge network: an overlap breaks nodes that run Docker.
pub const DOCKER_DEFAULT: Ipv4Net = Ipv4Net::new_assert(Ipv4Addr::new(172, 17, 0, 0), 16);

/// The first address of the service network: kube-apiserver always gives it
/// to the `kubernetes` Service in the `default` namespace
/// (Kubernetes docs, "Service ClusterIP allocation").
pub fn api_server_address(net: &Ipv4Net) -> Ipv4Addr {
    Ipv4Addr::from(u32::from(net.network()).saturating_add(1))
}

/// The lower band of the service network that Kubernetes prefers for
/// ClusterIPs chosen by hand, such as the cluster DNS address: dynamic
/// allocation takes addresses from above it first. It holds
/// `min(max(16, size / 16), 256)` addresses after the network address
/// (KEP-3070, `ServiceIPStaticSubrange`, on by default since Kubernetes 1.26).
/// Returns the first and last address of the band, bounded by the last
/// host address.
///
/// ```
/// use edgenet::domain::kubernetes::static_band;
/// let (a, b) = static_band(&"10.96.0.0/12".parse().unwrap());
/// assert_eq!((a.to_string(), b.to_string()), ("10.96.0.1".into(), "10.96.1.0".into()));
/// let (a, b) = static_band(&"10.96.0.0/24".parse().unwrap());
/// assert_eq!((a.to_string(), b.to_string()), ("10.96.0.1".into(), "10.96.0.16".into()));
/// ```
pub fn static_band(net: &Ipv4Net) -> (Ipv4Addr, Ipv4Addr) {
    let size = 1u64 << (32 - u32::from(net.prefix_len()));
    let offset = (size / 16).clamp(16, 256);
    let base = u64::from(u32::from(net.network()));
    let last_host = u64::from(u32::from(net.broadcast())).saturating_sub(1);
    let end = (base + offset).min(last_host);
    (
        Ipv4Addr::from((base + 1) as u32),
        Ipv4Addr::from(end as u32),
    )
}

/// The form text of the three fields.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct KubernetesForm {
    pub pod_cidr: String,
    pub service_cidr: String,
    pub dns_ip: String,
}

/// Reads a CIDR; host bits are cleared (the caller tells the user).
/// `label` is the id of the field's name (`val-label-pod-network`).
fn parse_cidr(label: &'static str, text: &str) -> Result<Ipv4Net, Message> {
    let label = || Message::new(label);
    let t = text.trim();
    if t.is_empty() {
        return Err(crate::msg!("val-cidr-required", label = label()));
    }
    let Some((addr, prefix)) = t.split_once('/') else {
        return Err(crate::msg!("val-cidr-no-prefix", label = label(), text = t));
    };
    let addr: Ipv4Addr = addr.trim().parse().map_err(|_| {
        crate::msg!(
            "val-cidr-bad-address",
            label = label(),
            text = t,
            addr = addr.trim()
        )
    })?;
    let prefix = super::addr::parse_prefix(prefix).map_err(|e| {
        crate::msg!(
            "val-cidr-bad-prefix",
            label = label(),
            text = t,
            problem = e
        )
    })?;
    Ok(Ipv4Net::new(addr, prefix).expect("prefix checked").trunc())
}

impl KubernetesForm {
    pub fn from_config(k: &KubernetesNetworks) -> Self {
        KubernetesForm {
            pod_cidr: k.pod_cidr.to_string(),
            service_cidr: k.service_cidr.to_string(),
            dns_ip: k.dns_ip.map(|d| d.to_string()).unwrap_or_default(),
        }
    }

    /// Reads each field on its own: what could be read, and the syntax
    /// error of each field that could not.
    pub fn parse_parts(&self, base: &KubernetesNetworks) -> (KubernetesParts, Vec<FieldError>) {
        let errors = self.parse(base).err().unwrap_or_default();
        let pod = parse_cidr("val-label-pod-network", &self.pod_cidr).ok();
        let svc = parse_cidr("val-label-service-network", &self.service_cidr).ok();
        let dns = match self.dns_ip.trim() {
            "" => Some(None),
            t => t.parse::<Ipv4Addr>().ok().map(Some),
        };
        let parts = KubernetesParts {
            pod_cidr: pod,
            service_cidr: svc,
            dns_ip: dns,
            block_size: base.block_size,
        };
        (parts, errors)
    }

    pub fn parse(&self, base: &KubernetesNetworks) -> Result<KubernetesNetworks, Vec<FieldError>> {
        let pod = parse_cidr("val-label-pod-network", &self.pod_cidr)
            .map_err(|m| FieldError::new("kubernetes.pod_cidr", m));
        let svc = parse_cidr("val-label-service-network", &self.service_cidr)
            .map_err(|m| FieldError::new("kubernetes.service_cidr", m));
        let dns = match self.dns_ip.trim() {
            "" => Ok(None),
            t => t.parse::<Ipv4Addr>().map(Some).map_err(|_| {
                FieldError::new(
                    "kubernetes.dns_ip",
                    crate::msg!("val-cluster-dns-invalid", text = t),
                )
            }),
        };
        match (pod, svc, dns) {
            (Ok(pod_cidr), Ok(service_cidr), Ok(dns_ip)) => Ok(KubernetesNetworks {
                pod_cidr,
                service_cidr,
                dns_ip,
                ..base.clone()
            }),
            (a, b, c) => Err([a.err(), b.err(), c.err()].into_iter().flatten().collect()),
        }
    }

    pub fn normalized(&self, base: &KubernetesNetworks) -> KubernetesForm {
        self.parse(base)
            .map(|k| KubernetesForm::from_config(&k))
            .unwrap_or_else(|_| self.clone())
    }

    pub fn fields(&self) -> Vec<(Field, Value)> {
        vec![
            (Field::PodNetwork, Value::text(self.pod_cidr.clone())),
            (
                Field::ServiceNetwork,
                Value::text(self.service_cidr.clone()),
            ),
            (
                Field::ClusterDns,
                if self.dns_ip.trim().is_empty() {
                    Value::Default
                } else {
                    Value::text(self.dns_ip.clone())
                },
            ),
        ]
    }

    /// Notes that do not block applying: host bits that were cleared, an
    /// overlap with Docker's default bridge, and a cluster DNS address that
    /// works only if no other Service takes it first.
    pub fn warnings(&self, base: &KubernetesNetworks) -> Vec<FieldError> {
        let mut out = Vec::new();
        if let Ok(KubernetesNetworks {
            service_cidr: svc,
            dns_ip: Some(dns),
            ..
        }) = self.parse(base)
        {
            let (start, end) = static_band(&svc);
            if svc.contains(&dns)
                && dns != svc.network()
                && dns != svc.broadcast()
                && dns != api_server_address(&svc)
                && !(start..=end).contains(&dns)
            {
                out.push(FieldError::new(
                    "kubernetes.dns_ip",
                    crate::msg!(
                        "val-cluster-dns-dynamic-band",
                        dns = dns,
                        start = start,
                        end = end,
                        example = tenth(&svc)
                    ),
                ));
            }
        }
        for (key, label, text) in [
            (
                "kubernetes.pod_cidr",
                "val-label-pod-network",
                &self.pod_cidr,
            ),
            (
                "kubernetes.service_cidr",
                "val-label-service-network",
                &self.service_cidr,
            ),
        ] {
            if let Ok(net) = parse_cidr(label, text) {
                let typed = text.trim();
                if typed != net.to_string()
                    && typed
                        .split_once('/')
                        .is_some_and(|(a, _)| a.trim() != net.network().to_string())
                {
                    out.push(FieldError::new(
                        key,
                        crate::msg!(
                            "val-cidr-host-bits",
                            label = Message::new(label),
                            text = typed,
                            net = net
                        ),
                    ));
                } else if net.contains(&DOCKER_DEFAULT.network())
                    || DOCKER_DEFAULT.contains(&net.network())
                {
                    out.push(FieldError::new(
                        key,
                        crate::msg!(
                            "val-cidr-docker-overlap",
                            label = Message::new(label),
                            net = net,
                            docker = DOCKER_DEFAULT
                        ),
                    ));
                }
            }
        }
        let _ = base;
        out
    }
}

/// The cluster networks as far as they could be read: `None` is a field that
/// could not be read, whose rules are skipped so that its syntax error does
/// not hide a problem with another field (#18 item 5); `dns_ip` is
/// `Some(None)` when left to its default.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct KubernetesParts {
    pub pod_cidr: Option<Ipv4Net>,
    pub service_cidr: Option<Ipv4Net>,
    pub dns_ip: Option<Option<Ipv4Addr>>,
    pub block_size: u8,
}

impl From<&KubernetesNetworks> for KubernetesParts {
    fn from(k: &KubernetesNetworks) -> Self {
        KubernetesParts {
            pod_cidr: Some(k.pod_cidr),
            service_cidr: Some(k.service_cidr),
            dns_ip: Some(k.dns_ip),
            block_size: k.block_size,
        }
    }
}

/// The rules of the cluster networks against the rest of the configuration.
pub fn validate(
    k: &KubernetesNetworks,
    config: &Config,
    profile: &DeviceProfile,
    errors: &mut Vec<FieldError>,
) {
    validate_parts(&k.into(), config, profile, errors)
}

/// [`validate`] on whatever of the cluster networks could be read.
pub fn validate_parts(
    k: &KubernetesParts,
    config: &Config,
    profile: &DeviceProfile,
    errors: &mut Vec<FieldError>,
) {
    let (pod, svc) = (k.pod_cidr, k.service_cidr);
    let mut push =
        |key: &str, msg: Message| errors.push(FieldError::new(format!("kubernetes.{key}"), msg));

    if let Some(svc) = svc {
        if svc.prefix_len() < 12 {
            push(
                "service_cidr",
                crate::msg!("val-service-network-too-large", net = svc),
            );
        } else if svc.prefix_len() > 28 {
            push(
                "service_cidr",
                crate::msg!("val-service-network-too-small", net = svc),
            );
        }
    }
    let vms = 2u64; // the master and the worker VM each take at least one block
    if let Some(pod) = pod {
        let blocks = KubernetesNetworks {
            pod_cidr: pod,
            block_size: k.block_size,
            ..KubernetesNetworks::default()
        }
        .blocks();
        if pod.prefix_len() > k.block_size {
            push(
                "pod_cidr",
                crate::msg!(
                    "val-pod-network-below-block",
                    net = pod,
                    block = k.block_size
                ),
            );
        } else if blocks < vms {
            push(
                "pod_cidr",
                crate::msg!(
                    "val-pod-network-too-few-blocks",
                    net = pod,
                    blocks = blocks,
                    block = k.block_size,
                    needed = vms,
                    prefix = k.block_size - 1
                ),
            );
        }
    }

    // Everything the two networks must stay clear of, with its name.
    // Pods and Services are handed every address of their networks, so none
    // may share one with a special-purpose block.
    let mut others: Vec<(Ipv4Net, Message)> = SPECIAL_BLOCKS
        .iter()
        .map(|&(net, kind)| (net, SpecialBlock { net, kind }.words()))
        .collect();
    others.push((
        profile.internal_switch,
        crate::msg!("val-other-internal-switch", net = profile.internal_switch),
    ));
    for p in &config.ports {
        if let Addressing::Static(st) = &p.addressing {
            others.push((
                st.subnet(),
                crate::msg!("val-other-port-subnet", port = &p.name, net = st.subnet()),
            ));
        }
    }
    let overlaps = |a: &Ipv4Net, b: &Ipv4Net| a.contains(&b.network()) || b.contains(&a.network());
    for (key, label, net) in [
        ("pod_cidr", "val-label-pod-network", pod),
        ("service_cidr", "val-label-service-network", svc),
    ]
    .into_iter()
    .filter_map(|(key, label, net)| Some((key, label, net?)))
    {
        let label = Message::new(label);
        if let Some((_, what)) = others.iter().find(|(o, _)| overlaps(&net, o)) {
            push(
                key,
                crate::msg!(
                    "val-network-overlaps",
                    label = label,
                    net = net,
                    what = what.clone()
                ),
            );
            continue;
        }
        if let Some(r) = config
            .routes
            .iter()
            .find(|r| overlaps(&net, &r.destination) && r.destination.prefix_len() > 0)
        {
            push(
                key,
                crate::msg!(
                    "val-network-overlaps-route",
                    label = label,
                    net = net,
                    destination = r.destination,
                    interface = &r.interface
                ),
            );
            continue;
        }
        if let Some(c) = &config.compute {
            for (range, what) in [
                (c.node_ips, "val-other-node-ips"),
                (c.service_ips, "val-other-service-ips"),
            ] {
                if net.contains(&range.start())
                    || net.contains(&range.end())
                    || range.contains(net.network())
                {
                    push(
                        key,
                        crate::msg!(
                            "val-network-overlaps",
                            label = label.clone(),
                            net = net,
                            what = Message::new(what).arg("range", range)
                        ),
                    );
                }
            }
        }
    }
    if let Some((pod, svc)) = pod.zip(svc).filter(|(p, s)| overlaps(p, s)) {
        push(
            "service_cidr",
            crate::msg!("val-service-network-overlaps-pod", net = svc, pod = pod),
        );
    }
    // The DNS servers the VMs use must stay outside the cluster networks
    // (the reasons are at `config::validate_vm_dns`, which reports the same
    // pair on the port's field).
    let vm_dns = config.vm_dns_servers();
    let cluster_dns = match (k.dns_ip, svc) {
        (Some(Some(dns)), _) => Some(dns),
        (Some(None), Some(svc)) => Some(tenth(&svc)),
        _ => None,
    };
    let dns_what = |key: &str| {
        let port = config.compute.as_ref().map_or("", |c| c.port.as_str());
        match key {
            "dns_primary" => crate::msg!("val-taken-dns-primary", port = port),
            _ => crate::msg!("val-taken-dns-secondary", port = port),
        }
    };
    if let Some((addr, key)) = vm_dns.iter().find(|(a, _)| Some(*a) == cluster_dns) {
        push(
            "dns_ip",
            crate::msg!(
                "val-cluster-dns-is-vm-dns",
                dns = addr,
                what = dns_what(key)
            ),
        );
    }
    for (key, label, net) in [
        ("pod_cidr", "val-label-pod-network", pod),
        ("service_cidr", "val-label-service-network", svc),
    ] {
        let Some(net) = net else { continue };
        if let Some((addr, what)) = vm_dns
            .iter()
            .find(|(a, _)| net.contains(a) && Some(*a) != cluster_dns)
        {
            push(
                key,
                crate::msg!(
                    "val-network-holds-vm-dns",
                    label = Message::new(label),
                    net = net,
                    addr = addr,
                    what = dns_what(what)
                ),
            );
        }
    }
    if let (Some(Some(dns)), Some(svc)) = (k.dns_ip, svc) {
        if !svc.contains(&dns) || dns == svc.network() || dns == svc.broadcast() {
            push(
                "dns_ip",
                crate::msg!(
                    "val-cluster-dns-outside",
                    dns = dns,
                    net = svc,
                    example = tenth(&svc)
                ),
            );
        } else if dns == api_server_address(&svc) {
            push(
                "dns_ip",
                crate::msg!(
                    "val-cluster-dns-api-server",
                    dns = dns,
                    net = svc,
                    example = tenth(&svc)
                ),
            );
        }
    }
}
