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

use super::model::Config;
use super::model::DeviceProfile;
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
        "kubeadm-join" => crate::msg!("manifest-title-kubeadm-join"),
        "metallb-pool" => crate::msg!("manifest-title-metallb-pool"),
        "node-master" => crate::msg!("manifest-title-node-master"),
        "node-worker" => crate::msg!("manifest-title-node-worker"),
        other => Message::verbatim(other),
    }
}

pub const METALLB_POOL: &str = "edgenet-services";
pub const METALLB_NAMESPACE: &str = "metallb-system";
pub const DNS_DOMAIN: &str = "cluster.local";
/// The port the Kubernetes API server listens on (kubeadm's default `bindPort`).
pub const API_SERVER_PORT: u16 = 6443;
/// Where the worker VM's kubeadm discovery file is written before `kubeadm join`:
/// a kubeconfig holding the cluster's CA certificate and a bootstrap token,
/// made on the master after `kubeadm init` (`kubeadm token create`), so not
/// part of any revision. kubeadm's file-based discovery trusts the CA it
/// holds and uses its token for the TLS bootstrap (kubeadm join, "file or
/// HTTPS-based discovery").
pub const KUBEADM_DISCOVERY_FILE: &str = "/etc/kubernetes/discovery.conf";

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

/// A kubeadm `nodeRegistration` that pins the kubelet's `--node-ip`
/// (kubeadm.k8s.io/v1beta4 writes `kubeletExtraArgs` as a list of
/// `name`/`value` pairs).
fn node_registration(node_ip: Ipv4Addr) -> String {
    format!(
        "nodeRegistration:\n  kubeletExtraArgs:\n    - name: node-ip\n      value: {}\n",
        q(&node_ip.to_string())
    )
}

/// Why the nodes are pinned to eth1, said once in both kubeadm files.
const PINNED: &str = "# Pinned to the node IP on eth1: left alone, kubeadm and the kubelet take the\n# address of the default route's interface, eth0 (the internal switch's NAT).\n";

/// The master VM's `kubeadm init --config` file: its `InitConfiguration`
/// (once compute is configured: the API server advertises, and the kubelet
/// registers, the master's node IP, the first of the node IPs), the
/// `ClusterConfiguration` with the cluster's networks, and the
/// `KubeletConfiguration` with the cluster DNS address.
///
/// Without the pin, kubeadm's `advertiseAddress` and the kubelet's
/// `--node-ip` default to the address of the default route's interface
/// (kubernetes/kubeadm#203, kubernetes/kubernetes#33618), which is eth0 on
/// the internal switch here.
pub fn kubeadm_networking(config: &Config) -> String {
    let k = &config.kubernetes;
    let master = config.compute.as_ref().and_then(|c| c.node_ips.nth(0));
    let mut y = header(
        config,
        "kubeadm configuration of the master VM: kubeadm init --config this file.",
    );
    if let Some(master) = master {
        let _ = write!(
            y,
            "{PINNED}apiVersion: kubeadm.k8s.io/v1beta4\nkind: InitConfiguration\nlocalAPIEndpoint:\n  advertiseAddress: {master}\n  bindPort: {API_SERVER_PORT}\n{}---\n",
            node_registration(master)
        );
    }
    let _ = writeln!(
        y,
        "apiVersion: kubeadm.k8s.io/v1beta4\nkind: ClusterConfiguration"
    );
    if let Some(master) = master {
        let _ = writeln!(
            y,
            "controlPlaneEndpoint: {}",
            q(&format!("{master}:{API_SERVER_PORT}"))
        );
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

/// The worker VM's `kubeadm join --config` file: a `JoinConfiguration` whose
/// kubelet registers the worker's node IP (the second of the node IPs), with
/// file-based discovery from [`KUBEADM_DISCOVERY_FILE`]. The bootstrap token
/// and the CA's hash exist only after `kubeadm init`, so the discovery file
/// carries them and this file holds no secret. `None` until compute is
/// configured.
pub fn kubeadm_join(config: &Config) -> Option<String> {
    let worker = config.compute.as_ref()?.node_ips.nth(1)?;
    let mut y = header(
        config,
        "kubeadm configuration of the worker VM: kubeadm join --config this file.",
    );
    let _ = write!(
        y,
        "{PINNED}# The discovery file (the cluster's CA and a bootstrap token) is written on the\n# worker after kubeadm init on the master: neither exists before.\napiVersion: kubeadm.k8s.io/v1beta4\nkind: JoinConfiguration\ndiscovery:\n  file:\n    kubeConfigPath: {KUBEADM_DISCOVERY_FILE}\n{}",
        node_registration(worker)
    );
    Some(y)
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
    add("kubeadm-join", kubeadm_join(config));
    add("metallb-pool", metallb_pool(config));
    add("node-master", node_network(config, profile, Vm::Master));
    add("node-worker", node_network(config, profile, Vm::Worker));
    (done, pending)
}
