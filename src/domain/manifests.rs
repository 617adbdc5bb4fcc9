//! The artefacts the cluster consumes, rendered from a configuration.
//!
//! Rendering is a pure function of the configuration and the device profile:
//! the same input always gives the same bytes (the golden tests rely on it).
//! YAML is written by hand rather than through a serializer so that the files
//! keep their comments and field order, and so this compiles to WebAssembly
//! without pulling a YAML library into the browser.

use std::fmt::Write;
use std::net::Ipv4Addr;

use serde::{Deserialize, Serialize};

use super::config::Config;
use super::profile::DeviceProfile;
use super::routes::effective;
use super::vm::{custom_route, internal_addresses, EXTERNAL_NIC, INTERNAL_NIC};
use crate::i18n::Message;

/// One rendered file.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Manifest {
    /// Stable name used in URLs, e.g. `calico-ippool`.
    pub name: String,
    /// File name for downloads.
    pub file: String,
    pub title: String,
    pub yaml: String,
}

/// A manifest that cannot be rendered yet, and why.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Pending {
    pub name: String,
    pub title: String,
    pub reason: String,
}

impl Manifest {
    /// The title in any language; `title` is its English text.
    pub fn title_message(&self) -> Message {
        title(&self.name)
    }
}

impl Pending {
    /// The title in any language; `title` is its English text.
    pub fn title_message(&self) -> Message {
        title(&self.name)
    }

    /// Why it cannot be rendered yet, in any language; `reason` is its English text.
    pub fn reason_message(&self) -> Message {
        crate::msg!("manifest-needs-compute")
    }
}

/// The title of the manifest called `name`.
fn title(name: &str) -> Message {
    match name {
        "calico-ippool" => crate::msg!("manifest-title-calico-ippool"),
        "kubeadm-networking" => crate::msg!("manifest-title-kubeadm-networking"),
        "metallb-pool" => crate::msg!("manifest-title-metallb-pool"),
        "node-master" => crate::msg!("manifest-title-node-master"),
        "node-worker" => crate::msg!("manifest-title-node-worker"),
        other => Message::verbatim(other),
    }
}

pub const METALLB_POOL: &str = "edgenet-services";
pub const METALLB_NAMESPACE: &str = "metallb-system";
pub const DNS_DOMAIN: &str = "cluster.local";

/// A YAML double-quoted string.
fn q(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if c.is_control() => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn header(config: &Config, what: &str) -> String {
    format!("# {what}\n# Rendered by edgenet from configuration revision {}. Do not edit: change the configuration instead.\n", config.revision)
}

pub fn calico_ippool(config: &Config) -> String {
    let k = &config.kubernetes;
    let mut y = header(
        config,
        "Calico IP pool: every pod gets its address from here.",
    );
    let _ = write!(
        y,
        "apiVersion: projectcalico.org/v3\nkind: IPPool\nmetadata:\n  name: default-ipv4-ippool\nspec:\n  cidr: {}\n  blockSize: {}\n  natOutgoing: true\n  ipipMode: Never\n  vxlanMode: CrossSubnet\n  nodeSelector: all()\n",
        k.pod_cidr, k.block_size
    );
    y
}

pub fn kubeadm_networking(config: &Config) -> String {
    let k = &config.kubernetes;
    let mut y = header(
        config,
        "kubeadm ClusterConfiguration: the cluster's networks.",
    );
    let _ = writeln!(
        y,
        "apiVersion: kubeadm.k8s.io/v1beta4\nkind: ClusterConfiguration"
    );
    if let Some(master) = config.compute.as_ref().and_then(|c| c.node_ips.nth(0)) {
        let _ = writeln!(y, "controlPlaneEndpoint: {}", q(&format!("{master}:6443")));
    }
    let _ = write!(
        y,
        "networking:\n  podSubnet: {}\n  serviceSubnet: {}\n  dnsDomain: {DNS_DOMAIN}\n---\n# CoreDNS answers on this cluster IP; kubelet hands it to every pod.\napiVersion: kubelet.config.k8s.io/v1beta1\nkind: KubeletConfiguration\nclusterDNS:\n  - {}\nclusterDomain: {DNS_DOMAIN}\n",
        k.pod_cidr,
        k.service_cidr,
        k.dns()
    );
    y
}

/// `None` until compute is configured.
pub fn metallb_pool(config: &Config) -> Option<String> {
    let c = config.compute.as_ref()?;
    let mut y = header(
        config,
        "MetalLB: external service IPs for Services of type LoadBalancer.",
    );
    let _ = write!(
        y,
        "apiVersion: metallb.io/v1beta1\nkind: IPAddressPool\nmetadata:\n  name: {METALLB_POOL}\n  namespace: {METALLB_NAMESPACE}\nspec:\n  addresses:\n    - {}-{}\n  autoAssign: true\n  avoidBuggyIPs: {}\n---\napiVersion: metallb.io/v1beta1\nkind: L2Advertisement\nmetadata:\n  name: {METALLB_POOL}\n  namespace: {METALLB_NAMESPACE}\nspec:\n  ipAddressPools:\n    - {METALLB_POOL}\n  interfaces:\n    - {EXTERNAL_NIC}\n",
        c.service_ips.start(),
        c.service_ips.end(),
        c.skip_edge_addresses
    );
    Some(y)
}

/// Which VM a node network file is for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Vm {
    Master,
    Worker,
}

impl Vm {
    pub fn label(self) -> &'static str {
        match self {
            Vm::Master => "master",
            Vm::Worker => "worker",
        }
    }
}

/// The netplan network configuration of a Kubernetes VM: eth0 on the internal
/// switch (default route, NAT), eth1 on the external switch. `None` until compute is configured.
pub fn node_network(config: &Config, profile: &DeviceProfile, vm: Vm) -> Option<String> {
    let c = config.compute.as_ref()?;
    let st = config.port(&c.port)?.addressing.as_static()?;
    let (gw, master_int, worker_int) = internal_addresses(profile);
    let (internal, external) = match vm {
        Vm::Master => (master_int, c.node_ips.nth(0)?),
        Vm::Worker => (worker_int, c.node_ips.nth(1)?),
    };
    let prefix = profile.internal_switch.prefix_len();
    let nat = config
        .default_gateway_port()
        .map(|p| p.name.clone())
        .unwrap_or_else(|| "no port".into());
    let mtu = config.port(&c.port).map(|p| p.mtu).unwrap_or(1500);
    let mut dns: Vec<Ipv4Addr> = [st.dns_primary, st.dns_secondary]
        .into_iter()
        .flatten()
        .collect();
    if dns.is_empty() {
        dns.push(gw);
    }
    // Custom routes the kernel holds, each on the NIC it leaves through (see vm::custom_route).
    let custom: Vec<_> = effective(config, profile)
        .into_iter()
        .map(|r| custom_route(config, profile, r))
        .collect();
    let routes_on = |nic: &str| -> String {
        let mut out = String::new();
        for r in custom.iter().filter(|r| r.device == nic) {
            let _ = write!(
                out,
                "        - to: {}\n          via: {}\n          metric: {}\n",
                r.destination,
                r.via.map(|v| v.to_string()).unwrap_or_default(),
                r.metric
            );
        }
        out
    };
    let mut y = header(
        config,
        &format!(
            "Node network of the Kubernetes {} VM (netplan).",
            vm.label()
        ),
    );
    let _ = write!(
        y,
        "network:\n  version: 2\n  ethernets:\n    {INTERNAL_NIC}:\n      # internal virtual switch {}, NAT out through {nat}\n      addresses:\n        - {internal}/{prefix}\n      routes:\n        - to: default\n          via: {gw}\n{}      nameservers:\n        addresses:\n",
        profile.internal_switch,
        routes_on(INTERNAL_NIC)
    );
    for d in &dns {
        let _ = writeln!(y, "          - {d}");
    }
    let _ = write!(
        y,
        "    {EXTERNAL_NIC}:\n      # external virtual switch {} on {}\n      addresses:\n        - {external}/{}\n      mtu: {mtu}\n",
        q(&c.switch_name),
        c.port,
        st.interface.prefix_len()
    );
    let external_routes = routes_on(EXTERNAL_NIC);
    if !external_routes.is_empty() {
        let _ = write!(y, "      routes:\n{external_routes}");
    }
    Some(y)
}

/// Every manifest the configuration can produce now, and those it cannot yet.
pub fn render(config: &Config, profile: &DeviceProfile) -> (Vec<Manifest>, Vec<Pending>) {
    let mut done = Vec::new();
    let mut pending = Vec::new();
    let mut add = |name: &str, yaml: Option<String>| match yaml {
        Some(yaml) => done.push(Manifest {
            name: name.into(),
            file: format!("{name}.yaml"),
            title: title(name).to_string(),
            yaml,
        }),
        None => pending.push(Pending {
            name: name.into(),
            title: title(name).to_string(),
            reason: crate::msg!("manifest-needs-compute").to_string(),
        }),
    };
    add("calico-ippool", Some(calico_ippool(config)));
    add("kubeadm-networking", Some(kubeadm_networking(config)));
    add("metallb-pool", metallb_pool(config));
    add("node-master", node_network(config, profile, Vm::Master));
    add("node-worker", node_network(config, profile, Vm::Worker));
    (done, pending)
}
