//! Rules of the cluster networks, and the rendered manifests read back field by field.

use yaml_rust2::{Yaml, YamlLoader};

use super::change::{Section, Value};
use super::error::FieldError;
use super::form::{ComputeForm, Draft};
use super::kubernetes::KubernetesForm;
use super::manifests::{render, Manifest};
use super::model::Config;
use super::model::DeviceProfile;
use super::tests::{field_site, with_compute, with_port3};

fn profile() -> DeviceProfile {
    DeviceProfile::default_appliance()
}

fn k8s_errors(base: &Config, pod: &str, svc: &str, dns: &str) -> Vec<FieldError> {
    let mut d = Draft::from_config(base);
    d.kubernetes = KubernetesForm {
        pod_cidr: pod.into(),
        service_cidr: svc.into(),
        dns_ip: dns.into(),
    };
    d.resolve(base, &profile()).1
}

fn err(errors: &[FieldError], key: &str) -> Option<String> {
    crate::domain::error::message_for(errors, &format!("kubernetes.{key}")).map(ToString::to_string)
}

#[test]
fn defaults_are_valid_and_dns_is_the_tenth_address() {
    let c = Config::factory(&profile());
    assert_eq!(c.kubernetes.pod_cidr.to_string(), "172.27.0.0/16");
    assert_eq!(c.kubernetes.service_cidr.to_string(), "172.28.0.0/16");
    assert_eq!(c.kubernetes.dns().to_string(), "172.28.0.10");
    assert_eq!(k8s_errors(&c, "172.27.0.0/16", "172.28.0.0/16", ""), vec![]);
}

#[test]
fn network_rules() {
    let base = with_compute();
    // (pod, service, dns, field, expected fragment)
    let cases: &[(&str, &str, &str, &str, &str)] = &[
        (
            "172.27.0.0/16",
            "10.96.0.0/11",
            "",
            "service_cidr",
            "larger than /12",
        ),
        (
            "172.27.0.0/16",
            "172.28.0.0/29",
            "",
            "service_cidr",
            "at least 10 addresses",
        ),
        (
            "172.27.0.0/27",
            "172.28.0.0/16",
            "",
            "pod_cidr",
            "smaller than one Calico block (/26)",
        ),
        (
            "172.27.0.0/26",
            "172.28.0.0/16",
            "",
            "pod_cidr",
            "holds 1 Calico block of /26, 2 needed",
        ),
        (
            "172.27.0.0/16",
            "172.27.128.0/20",
            "",
            "service_cidr",
            "overlaps the pod network 172.27.0.0/16",
        ),
        (
            "10.0.0.0/16",
            "172.28.0.0/16",
            "",
            "pod_cidr",
            "overlaps Port3's subnet 10.0.0.0/24",
        ),
        (
            "172.27.0.0/16",
            "192.168.100.0/24",
            "",
            "service_cidr",
            "overlaps Port1's subnet",
        ),
        (
            "169.254.0.0/16",
            "172.28.0.0/16",
            "",
            "pod_cidr",
            "link-local",
        ),
        (
            "172.27.0.0/16",
            "127.0.0.0/16",
            "",
            "service_cidr",
            "loopback",
        ),
        (
            "172.31.0.0/16",
            "172.28.0.0/16",
            "",
            "pod_cidr",
            "internal virtual switch",
        ),
        (
            "172.27.0.0/16",
            "172.28.0.0/16",
            "172.29.0.10",
            "dns_ip",
            "must be a host address of the service network 172.28.0.0/16",
        ),
        (
            "172.27.0.0/16",
            "172.28.0.0/16",
            "172.28.0.0",
            "dns_ip",
            "such as 172.28.0.10",
        ),
        (
            "172.27.0.0",
            "172.28.0.0/16",
            "",
            "pod_cidr",
            "a prefix length is missing",
        ),
        (
            "172.27.0.300/16",
            "172.28.0.0/16",
            "",
            "pod_cidr",
            "is not an IPv4 address",
        ),
        ("172.27.0.0/16", "", "", "service_cidr", "required"),
        (
            "172.27.0.0/16",
            "172.28.0.0/16",
            "x",
            "dns_ip",
            "not an IPv4 address",
        ),
    ];
    for (pod, svc, dns, field, want) in cases {
        let errors = k8s_errors(
            &Config {
                kubernetes: Default::default(),
                compute: None,
                ..base.clone()
            },
            pod,
            svc,
            dns,
        );
        let got = err(&errors, field);
        assert!(
            got.as_ref().is_some_and(|g| g.contains(want)),
            "{pod} {svc} {dns}: wanted {field} {want:?}, got {errors:?}"
        );
    }
    // The node and service ranges are off limits too.
    let mut unlocked = base.clone();
    unlocked.kubernetes.locked_at = None;
    let errors = k8s_errors(&unlocked, "10.0.0.0/28", "172.28.0.0/16", "");
    assert!(err(&errors, "pod_cidr").is_some(), "{errors:?}");
    assert_eq!(
        k8s_errors(&unlocked, "172.27.0.0/16", "172.28.0.0/16", "172.28.0.53"),
        vec![]
    );
}

#[test]
fn host_bits_and_docker_give_warnings_not_errors() {
    let base = Config::factory(&profile());
    let mut d = Draft::from_config(&base);
    d.kubernetes.pod_cidr = "172.27.3.4/16".into();
    d.kubernetes.service_cidr = "172.16.0.0/12".into();
    let (candidate, errors) = d.resolve(&base, &profile());
    // 172.16.0.0/12 also covers 172.27/16 and 172.31.255/24: an error, but the Docker note is a warning.
    assert!(err(&errors, "service_cidr").is_some());
    let warnings = d.warnings(&base);
    assert!(
        warnings.iter().any(|w| w
            .message
            .to_string()
            .contains("172.27.3.4/16 has host bits set; it is read as 172.27.0.0/16")),
        "{warnings:?}"
    );
    assert!(candidate.is_none());

    let mut d = Draft::from_config(&base);
    d.kubernetes.service_cidr = "172.17.0.0/16".into();
    let (candidate, errors) = d.resolve(&base, &profile());
    assert_eq!(errors, vec![]);
    assert!(candidate.is_some());
    assert!(d
        .warnings(&base)
        .iter()
        .any(|w| w.field == "kubernetes.service_cidr"
            && w.message
                .to_string()
                .contains("Docker's default bridge 172.17.0.0/16")));
    let changes = d.changes(&base);
    assert!(
        changes
            .iter()
            .any(|c| c.section == Section::Kubernetes && c.to == Value::text("172.17.0.0/16")),
        "{changes:?}"
    );
}

#[test]
fn networks_lock_once_compute_is_applied() {
    let factory = Config::factory(&profile());
    let mut d = Draft::from_config(&factory);
    d.compute = ComputeForm::from_config(with_compute().compute.as_ref());
    *d.port_mut("Port3").unwrap() = Draft::from_config(&with_compute()).ports[2].clone();
    let (candidate, errors) = d.resolve(&factory, &profile());
    assert_eq!(errors, vec![]);
    let applied = candidate.unwrap();
    assert_eq!(applied.kubernetes.locked_at, Some(1));
    // Now any change is refused, and keeping them is fine.
    let errors = k8s_errors(&applied, "172.30.0.0/16", "172.28.0.0/16", "");
    assert!(err(&errors, "pod_cidr")
        .unwrap()
        .contains("locked since revision 1"));
    assert_eq!(
        k8s_errors(&applied, "172.27.0.0/16", "172.28.0.0/16", ""),
        vec![]
    );
    // Switching compute off again does not unlock them.
    let mut d = Draft::from_config(&applied);
    d.compute = ComputeForm::default();
    let off = d.resolve(&applied, &profile()).0.unwrap();
    assert_eq!(off.kubernetes.locked_at, Some(1));
}

fn doc(m: &Manifest, i: usize) -> Yaml {
    let docs = YamlLoader::load_from_str(&m.yaml)
        .unwrap_or_else(|e| panic!("{} is not YAML: {e}", m.name));
    docs[i].clone()
}

/// Every document of a manifest.
fn docs(m: &Manifest) -> Vec<Yaml> {
    YamlLoader::load_from_str(&m.yaml).unwrap_or_else(|e| panic!("{} is not YAML: {e}", m.name))
}

/// The `kind` of each document, in order.
fn kinds(m: &Manifest) -> Vec<String> {
    docs(m)
        .iter()
        .map(|d| d["kind"].as_str().unwrap_or("(none)").to_string())
        .collect()
}

/// The one document of `kind` in a manifest.
fn of_kind(m: &Manifest, kind: &str) -> Yaml {
    let mut found = docs(m)
        .into_iter()
        .filter(|d| d["kind"].as_str() == Some(kind));
    let d = found
        .next()
        .unwrap_or_else(|| panic!("{} has no {kind}", m.name));
    assert!(found.next().is_none(), "{} has two {kind}", m.name);
    d
}

/// Fails unless every key of the mapping `y` at `path` is one of `known`:
/// the field names of kubeadm.k8s.io/v1beta4 (kubeadm's API reference),
/// which kubeadm's strict decoding refuses to misspell.
fn only_fields(y: &Yaml, path: &str, known: &[&str]) {
    let map = y
        .as_hash()
        .unwrap_or_else(|| panic!("{path} is not a mapping: {y:?}"));
    for key in map.keys() {
        let key = key
            .as_str()
            .unwrap_or_else(|| panic!("{path} has a key that is not a string"));
        assert!(
            known.contains(&key),
            "{path}.{key} is not a kubeadm v1beta4 field"
        );
    }
}

/// The kubelet's `--node-ip` in a v1beta4 `nodeRegistration`, whose
/// `kubeletExtraArgs` is a list of `name`/`value` pairs.
fn node_ip(d: &Yaml, path: &str) -> String {
    let reg = &d["nodeRegistration"];
    only_fields(
        reg,
        &format!("{path}.nodeRegistration"),
        &[
            "name",
            "criSocket",
            "taints",
            "kubeletExtraArgs",
            "ignorePreflightErrors",
            "imagePullPolicy",
            "imagePullSerial",
        ],
    );
    let args = reg["kubeletExtraArgs"]
        .as_vec()
        .unwrap_or_else(|| panic!("{path}: kubeletExtraArgs is not a list"));
    for a in args {
        only_fields(a, &format!("{path}.kubeletExtraArgs[]"), &["name", "value"]);
    }
    let ips: Vec<_> = args
        .iter()
        .filter(|a| a["name"].as_str() == Some("node-ip"))
        .collect();
    assert_eq!(ips.len(), 1, "{path}: one node-ip");
    ips[0]["value"]
        .as_str()
        .unwrap_or_else(|| panic!("{path}: node-ip is not a string"))
        .to_string()
}

/// #27 item 1: each node pinned to its node IP on eth1, never the internal
/// switch's address that the default route would give it.
#[test]
fn kubeadm_pins_each_node_to_its_node_ip() {
    for (nodes, master, worker) in [
        // The field's example.
        ("10.20.0.20-10.20.0.22", "10.20.0.20", "10.20.0.21"),
        // The same port, another part of its subnet.
        ("10.20.0.200-10.20.0.202", "10.20.0.200", "10.20.0.201"),
        // No update spare: two node IPs still pin both nodes.
        ("10.20.0.30-10.20.0.31", "10.20.0.30", "10.20.0.31"),
    ] {
        let c = field_site(nodes);
        let (ms, pending) = render(&c, &profile());
        assert!(pending.is_empty(), "{nodes}: {pending:?}");

        let init_file = by_name(&ms, "kubeadm-networking");
        assert_eq!(
            kinds(init_file),
            [
                "InitConfiguration",
                "ClusterConfiguration",
                "KubeletConfiguration"
            ],
            "{nodes}"
        );
        let init = of_kind(init_file, "InitConfiguration");
        assert_eq!(init["apiVersion"].as_str(), Some("kubeadm.k8s.io/v1beta4"));
        only_fields(
            &init,
            "InitConfiguration",
            &[
                "apiVersion",
                "kind",
                "bootstrapTokens",
                "dryRun",
                "nodeRegistration",
                "localAPIEndpoint",
                "certificateKey",
                "skipPhases",
                "patches",
                "timeouts",
            ],
        );
        only_fields(
            &init["localAPIEndpoint"],
            "InitConfiguration.localAPIEndpoint",
            &["advertiseAddress", "bindPort"],
        );
        assert_eq!(
            init["localAPIEndpoint"]["advertiseAddress"].as_str(),
            Some(master),
            "{nodes}"
        );
        assert_eq!(init["localAPIEndpoint"]["bindPort"].as_i64(), Some(6443));
        assert_eq!(node_ip(&init, "InitConfiguration"), master, "{nodes}");
        let cluster = of_kind(init_file, "ClusterConfiguration");
        assert_eq!(
            cluster["controlPlaneEndpoint"].as_str(),
            Some(format!("{master}:6443").as_str())
        );

        let join_file = by_name(&ms, "kubeadm-join");
        assert_eq!(join_file.file, "kubeadm-join.yaml");
        assert_eq!(kinds(join_file), ["JoinConfiguration"], "{nodes}");
        let join = of_kind(join_file, "JoinConfiguration");
        assert_eq!(join["apiVersion"].as_str(), Some("kubeadm.k8s.io/v1beta4"));
        only_fields(
            &join,
            "JoinConfiguration",
            &[
                "apiVersion",
                "kind",
                "dryRun",
                "nodeRegistration",
                "caCertPath",
                "discovery",
                "controlPlane",
                "skipPhases",
                "patches",
                "timeouts",
            ],
        );
        assert!(
            join["controlPlane"].is_badvalue(),
            "the worker joins as a worker"
        );
        only_fields(
            &join["discovery"],
            "JoinConfiguration.discovery",
            &["bootstrapToken", "file", "tlsBootstrapToken"],
        );
        only_fields(
            &join["discovery"]["file"],
            "JoinConfiguration.discovery.file",
            &["kubeConfigPath"],
        );
        assert_eq!(
            join["discovery"]["file"]["kubeConfigPath"].as_str(),
            Some("/etc/kubernetes/discovery.conf")
        );
        assert_eq!(node_ip(&join, "JoinConfiguration"), worker, "{nodes}");

        // No kubeadm document names the internal switch, and none holds a secret.
        for m in [init_file, join_file] {
            assert!(!m.yaml.contains("172.31.255."), "{}: {}", m.name, m.yaml);
            assert!(
                !m.yaml.contains("token:") && !m.yaml.contains("bootstrapToken"),
                "{}",
                m.name
            );
        }
    }
}

fn by_name<'a>(ms: &'a [Manifest], name: &str) -> &'a Manifest {
    ms.iter()
        .find(|m| m.name == name)
        .unwrap_or_else(|| panic!("no manifest {name}"))
}

#[test]
fn manifests_parse_back_field_by_field() {
    let mut c = with_compute();
    c.compute.as_mut().unwrap().skip_edge_addresses = true;
    c.compute.as_mut().unwrap().switch_name = "Compute \"A\"".into();
    let (ms, pending) = render(&c, &profile());
    assert!(pending.is_empty());
    assert_eq!(ms.len(), 6);

    let pool = doc(by_name(&ms, "calico-ippool"), 0);
    assert_eq!(pool["apiVersion"].as_str(), Some("projectcalico.org/v3"));
    assert_eq!(pool["kind"].as_str(), Some("IPPool"));
    assert_eq!(pool["spec"]["cidr"].as_str(), Some("172.27.0.0/16"));
    assert_eq!(pool["spec"]["blockSize"].as_i64(), Some(26));
    assert_eq!(pool["spec"]["natOutgoing"].as_bool(), Some(true));
    assert_eq!(pool["spec"]["vxlanMode"].as_str(), Some("CrossSubnet"));
    assert_eq!(pool["spec"]["ipipMode"].as_str(), Some("Never"));

    let m = by_name(&ms, "metallb-pool");
    let ipap = doc(m, 0);
    assert_eq!(ipap["kind"].as_str(), Some("IPAddressPool"));
    assert_eq!(
        ipap["metadata"]["namespace"].as_str(),
        Some("metallb-system")
    );
    assert_eq!(
        ipap["spec"]["addresses"][0].as_str(),
        Some("10.0.0.20-10.0.0.29")
    );
    assert_eq!(ipap["spec"]["avoidBuggyIPs"].as_bool(), Some(true));
    let l2 = doc(m, 1);
    assert_eq!(l2["kind"].as_str(), Some("L2Advertisement"));
    assert_eq!(l2["spec"]["ipAddressPools"][0], ipap["metadata"]["name"]);
    assert_eq!(l2["spec"]["interfaces"][0].as_str(), Some("eth1"));

    let kubeadm = of_kind(by_name(&ms, "kubeadm-networking"), "ClusterConfiguration");
    assert_eq!(
        kubeadm["networking"]["podSubnet"].as_str(),
        Some("172.27.0.0/16")
    );
    assert_eq!(
        kubeadm["networking"]["serviceSubnet"].as_str(),
        Some("172.28.0.0/16")
    );
    assert_eq!(
        kubeadm["networking"]["dnsDomain"].as_str(),
        Some("cluster.local")
    );
    assert_eq!(
        kubeadm["controlPlaneEndpoint"].as_str(),
        Some("10.0.0.10:6443")
    );
    let kubelet = of_kind(by_name(&ms, "kubeadm-networking"), "KubeletConfiguration");
    assert_eq!(kubelet["clusterDNS"][0].as_str(), Some("172.28.0.10"));

    for (name, internal, external) in [
        ("node-master", "172.31.255.2/24", "10.0.0.10/24"),
        ("node-worker", "172.31.255.3/24", "10.0.0.11/24"),
    ] {
        let n = doc(by_name(&ms, name), 0);
        let eth = &n["network"]["ethernets"];
        assert_eq!(n["network"]["version"].as_i64(), Some(2));
        assert_eq!(
            eth["eth0"]["addresses"][0].as_str(),
            Some(internal),
            "{name}"
        );
        assert_eq!(eth["eth0"]["routes"][0]["to"].as_str(), Some("default"));
        assert_eq!(
            eth["eth0"]["routes"][0]["via"].as_str(),
            Some("172.31.255.1")
        );
        assert_eq!(
            eth["eth0"]["nameservers"]["addresses"][0].as_str(),
            Some("10.0.0.53")
        );
        assert_eq!(
            eth["eth1"]["addresses"][0].as_str(),
            Some(external),
            "{name}"
        );
        assert_eq!(eth["eth1"]["mtu"].as_i64(), Some(1500));
    }
}

#[test]
fn without_compute_only_the_cluster_manifests_render() {
    let (ms, pending) = render(&Config::factory(&profile()), &profile());
    let names: Vec<_> = ms.iter().map(|m| m.name.as_str()).collect();
    assert_eq!(names, ["calico-ippool", "kubeadm-networking"]);
    assert_eq!(pending.len(), 4);
    assert!(pending.iter().any(|p| p.name == "kubeadm-join"));
    assert!(pending.iter().all(|p| p.reason.contains("needs compute")));
    let m = by_name(&ms, "kubeadm-networking");
    assert_eq!(kinds(m), ["ClusterConfiguration", "KubeletConfiguration"]);
    assert!(of_kind(m, "ClusterConfiguration")["controlPlaneEndpoint"].is_badvalue());
}

#[test]
fn rendering_is_pure_and_matches_the_golden_files() {
    let c = with_compute();
    let (a, _) = render(&c, &profile());
    let (b, _) = render(&c.clone(), &profile());
    assert_eq!(a, b);
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden");
    let update = std::env::var_os("UPDATE_GOLDEN").is_some();
    for m in &a {
        let path = dir.join(&m.file);
        if update {
            std::fs::create_dir_all(&dir).unwrap();
            std::fs::write(&path, &m.yaml).unwrap();
        }
        let want = std::fs::read_to_string(&path).unwrap_or_else(|e| {
            panic!(
                "{}: {e} (run with UPDATE_GOLDEN=1 to create)",
                path.display()
            )
        });
        assert_eq!(m.yaml, want, "{} differs from its golden file", m.file);
    }
}

#[test]
fn node_networks_carry_the_custom_routes() {
    let mut c = with_compute();
    c.port_mut("Port4").unwrap().addressing = with_port3("10.1.0.2/24", None, None)
        .port("Port3")
        .unwrap()
        .addressing
        .clone();
    c.routes = vec![
        super::model::Route {
            destination: "192.168.20.0/24".parse().unwrap(),
            next_hop: "10.0.0.1".parse().unwrap(),
            interface: "Port3".into(),
            metric: 100,
        },
        super::model::Route {
            destination: "192.168.30.0/24".parse().unwrap(),
            next_hop: "10.1.0.1".parse().unwrap(),
            interface: "Port4".into(),
            metric: 7,
        },
    ];
    let (ms, _) = render(&c, &profile());
    for name in ["node-master", "node-worker"] {
        let n = doc(by_name(&ms, name), 0);
        let eth = &n["network"]["ethernets"];
        assert_eq!(
            eth["eth1"]["routes"][0]["to"].as_str(),
            Some("192.168.20.0/24")
        );
        assert_eq!(eth["eth1"]["routes"][0]["via"].as_str(), Some("10.0.0.1"));
        assert_eq!(eth["eth1"]["routes"][0]["metric"].as_i64(), Some(100));
        assert_eq!(
            eth["eth0"]["routes"][1]["to"].as_str(),
            Some("192.168.30.0/24")
        );
        assert_eq!(
            eth["eth0"]["routes"][1]["via"].as_str(),
            Some("172.31.255.1")
        );
        assert_eq!(eth["eth0"]["routes"][1]["metric"].as_i64(), Some(7));
    }
}

/// The DNS servers the VMs use (the compute port's) must be reachable from
/// the VMs: not the cluster DNS address, not inside the service or the pod
/// network. Each is refused on the port's DNS field and on the Kubernetes
/// field of the other side (#27 item 2).
#[test]
fn the_vms_dns_servers_stay_outside_the_cluster_networks() {
    let p = profile();
    // (primary DNS, secondary DNS, pod network, service network, cluster DNS,
    //  the port field's code, the Kubernetes field and its code)
    type Case = (
        &'static str,
        Option<&'static str>,
        &'static str,
        &'static str,
        Option<&'static str>,
        Option<(&'static str, &'static str)>,
        Option<(&'static str, &'static str)>,
    );
    let cases: [Case; 9] = [
        // The examples.
        (
            "172.28.0.10",
            None,
            "172.27.0.0/16",
            "172.28.0.0/16",
            None,
            Some(("ports.Port3.dns_primary", "val-port-dns-cluster-dns")),
            Some(("kubernetes.dns_ip", "val-cluster-dns-is-vm-dns")),
        ),
        (
            "10.96.0.53",
            None,
            "10.96.0.0/16",
            "172.28.0.0/16",
            None,
            Some(("ports.Port3.dns_primary", "val-port-dns-in-pod-network")),
            Some(("kubernetes.pod_cidr", "val-network-holds-vm-dns")),
        ),
        // Their siblings: an explicit cluster DNS, the service network, the secondary server.
        (
            "172.28.0.53",
            None,
            "172.27.0.0/16",
            "172.28.0.0/16",
            Some("172.28.0.53"),
            Some(("ports.Port3.dns_primary", "val-port-dns-cluster-dns")),
            Some(("kubernetes.dns_ip", "val-cluster-dns-is-vm-dns")),
        ),
        (
            "172.28.5.5",
            None,
            "172.27.0.0/16",
            "172.28.0.0/16",
            None,
            Some(("ports.Port3.dns_primary", "val-port-dns-in-service-network")),
            Some(("kubernetes.service_cidr", "val-network-holds-vm-dns")),
        ),
        (
            "10.20.0.2",
            Some("172.27.3.3"),
            "172.27.0.0/16",
            "172.28.0.0/16",
            None,
            Some(("ports.Port3.dns_secondary", "val-port-dns-in-pod-network")),
            Some(("kubernetes.pod_cidr", "val-network-holds-vm-dns")),
        ),
        (
            "10.20.0.2",
            Some("172.28.0.10"),
            "172.27.0.0/16",
            "172.28.0.0/16",
            None,
            Some(("ports.Port3.dns_secondary", "val-port-dns-cluster-dns")),
            Some(("kubernetes.dns_ip", "val-cluster-dns-is-vm-dns")),
        ),
        // Reachable: on the subnet, beyond the gateway, next to the networks.
        (
            "10.20.0.2",
            None,
            "172.27.0.0/16",
            "172.28.0.0/16",
            None,
            None,
            None,
        ),
        (
            "8.8.8.8",
            Some("1.1.1.1"),
            "172.27.0.0/16",
            "172.28.0.0/16",
            None,
            None,
            None,
        ),
        (
            "172.29.0.10",
            Some("172.26.255.254"),
            "172.27.0.0/16",
            "172.28.0.0/16",
            None,
            None,
            None,
        ),
    ];
    for (primary, secondary, pod, svc, dns, port_err, k8s_err) in cases {
        let mut c = field_site("10.20.0.20-10.20.0.22");
        if let crate::domain::model::Addressing::Static(st) =
            &mut c.port_mut("Port3").unwrap().addressing
        {
            st.dns_primary = Some(primary.parse().unwrap());
            st.dns_secondary = secondary.map(|s| s.parse().unwrap());
        }
        c.kubernetes.pod_cidr = pod.parse().unwrap();
        c.kubernetes.service_cidr = svc.parse().unwrap();
        c.kubernetes.dns_ip = dns.map(|d| d.parse().unwrap());
        let errors = super::config::validate(&c, &p);
        let what =
            format!("DNS {primary} {secondary:?}, pods {pod}, services {svc}, cluster DNS {dns:?}");
        let mut codes: Vec<(&str, &str)> = errors
            .iter()
            .map(|e| (e.field.as_str(), e.message.id()))
            .collect();
        codes.sort();
        let mut want: Vec<(&str, &str)> = port_err.into_iter().chain(k8s_err).collect();
        want.sort();
        assert_eq!(codes, want, "{what}: {errors:?}");
        // The messages say why, with the address and the network.
        if let Some(e) = errors.first() {
            let m = e.message.to_string();
            assert!(
                m.contains(if primary.starts_with("10.20") {
                    secondary.unwrap()
                } else {
                    primary
                }),
                "{what}: {m}"
            );
        }
        // Without compute there are no VMs, and nothing to refuse.
        let mut alone = c.clone();
        alone.compute = None;
        alone.kubernetes.locked_at = None;
        assert_eq!(
            super::config::validate(&alone, &p),
            vec![],
            "{what}, without compute"
        );
    }
    // Another port's DNS servers are the host's own: no concern of the cluster.
    let mut c = field_site("10.20.0.20-10.20.0.22");
    c.port_mut("Port4").unwrap().addressing =
        crate::domain::model::Addressing::Static(crate::domain::model::StaticAddressing {
            interface: "10.40.0.10/24".parse().unwrap(),
            gateway: None,
            dns_primary: Some("172.28.0.10".parse().unwrap()),
            dns_secondary: None,
        });
    assert_eq!(super::config::validate(&c, &p), vec![]);
}

/// The same as the administrator meets it: typing the cluster DNS address as
/// Port3's primary DNS, with compute on Port3, is refused beside that field.
#[test]
fn typing_the_cluster_dns_as_the_compute_ports_dns_is_refused_beside_it() {
    let base = field_site("10.20.0.20-10.20.0.22");
    let mut d = Draft::from_config(&base);
    d.port_mut("Port3").unwrap().dns_primary = "172.28.0.10".into();
    let (candidate, errors) = d.resolve(&base, &profile());
    assert!(candidate.is_none());
    let m = crate::domain::error::message_for(&errors, "ports.Port3.dns_primary")
        .map(ToString::to_string)
        .unwrap_or_default();
    assert!(
        m.contains("is the cluster DNS address") && m.contains("loop plugin"),
        "{errors:?}"
    );
}
