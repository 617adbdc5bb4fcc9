//! The API's request and response bodies, as the OpenAPI document states
//! them (`utoipa::ToSchema`): the keys the handlers read (loose JSON, read
//! into the domain's text forms so that a page, the API and a file share one
//! parser) and write.

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::body::{present, Flag, PortChoice, RangeBody, Scalar};
pub use crate::server::http::error::{ErrorBody as Errors, ErrorItem as ApiError};

#[derive(Deserialize, ToSchema)]
pub struct SignIn {
    /// Text; a number is refused (digits are not read as a password).
    #[serde(default)]
    #[schema(value_type = String, required = true)]
    pub password: Scalar,
}

#[derive(Serialize, Deserialize, ToSchema)]
pub struct Session {
    /// Send it in `X-CSRF-Token` with every PUT, POST and DELETE.
    pub csrf_token: String,
    #[schema(example = "x-csrf-token")]
    pub csrf_header: String,
    pub must_change_password: bool,
    #[schema(example = 900)]
    pub idle_timeout_seconds: u64,
}

#[derive(Deserialize, ToSchema)]
pub struct PasswordChange {
    #[serde(default)]
    #[schema(value_type = String, required = true)]
    pub current: Scalar,
    /// 8-16 characters, at least three of upper case, lower case, digits, symbols.
    #[serde(default)]
    #[schema(value_type = String, required = true)]
    pub new: Scalar,
}

/// A port's settings. `prefix` is a prefix length or a dotted mask; a field
/// left out of a static port is empty (no gateway, no DNS); `mtu` left out
/// keeps the port's MTU.
#[derive(Deserialize, ToSchema)]
pub struct PortUpdate {
    /// `dhcp` or `static`.
    #[serde(default)]
    #[schema(value_type = String, required = true, pattern = "^(dhcp|static)$", example = "static")]
    pub mode: Scalar,
    /// The port's IPv4 address (static only).
    #[serde(default)]
    #[schema(value_type = Option<String>, format = Ipv4, example = "10.0.0.2")]
    pub address: Scalar,
    /// A prefix length, 0 to 32 (as a number or text), or a dotted mask
    /// (`255.255.255.0`).
    #[serde(default)]
    #[schema(value_type = Option<String>, pattern = r"^([0-9]|[12][0-9]|3[0-2]|(\d{1,3}\.){3}\d{1,3})$", example = "24")]
    pub prefix: Scalar,
    /// An address on the port's subnet; empty or left out: none.
    #[serde(default)]
    #[schema(value_type = Option<String>, format = Ipv4)]
    pub gateway: Scalar,
    #[serde(default)]
    #[schema(value_type = Option<String>, format = Ipv4)]
    pub dns_primary: Scalar,
    #[serde(default)]
    #[schema(value_type = Option<String>, format = Ipv4)]
    pub dns_secondary: Scalar,
    /// Bytes, within the port's range in the device profile (1400 to 1500
    /// on the default device's ports 2 to 6; 1500 only on port 1); left out:
    /// unchanged.
    #[serde(default)]
    #[schema(value_type = Option<u16>, example = 1500)]
    pub mtu: Scalar,
    /// The applied revision the change is made against (409 when stale).
    #[serde(default)]
    #[schema(value_type = u64, required = true)]
    pub revision: Scalar,
}

#[derive(Serialize, Deserialize, ToSchema)]
pub struct Port {
    pub name: String,
    pub speed: String,
    /// `management`, `internet` or `data`.
    pub role: String,
    pub compute_capable: bool,
    pub mode: String,
    pub address: String,
    pub prefix: String,
    pub gateway: String,
    pub dns_primary: String,
    pub dns_secondary: String,
    pub mtu: u16,
    /// Does this port carry the external virtual switch?
    pub compute: bool,
    /// The applied revision (one port's answer only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub revision: Option<u64>,
    /// The trial this apply started: the device restores the replaced
    /// revision at its deadline unless it is kept (apply answers only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub trial: Option<Trial>,
}

#[derive(Serialize, Deserialize, ToSchema)]
pub struct PortList {
    pub revision: u64,
    pub ports: Vec<Port>,
}

/// An address range, both ends included; the API also takes one string,
/// `"10.0.0.10-10.0.0.12"`, or a single address.
#[derive(Serialize, Deserialize, ToSchema)]
pub struct AddressRange {
    #[schema(format = Ipv4, example = "10.0.0.10")]
    pub start: String,
    #[schema(format = Ipv4, example = "10.0.0.12")]
    pub end: String,
}

/// Compute on (`port`, `node_ips`, `service_ips`), or off with `{"enabled": false, "revision": N}`.
#[derive(Deserialize, ToSchema)]
pub struct ComputeUpdate {
    #[serde(default)]
    #[schema(value_type = Option<bool>)]
    pub enabled: Flag,
    /// A list of ports (NIC teaming) is refused with the ports named.
    #[serde(default)]
    #[schema(value_type = Option<String>)]
    pub port: PortChoice,
    #[serde(default)]
    #[schema(value_type = Option<AddressRange>)]
    pub node_ips: RangeBody,
    #[serde(default)]
    #[schema(value_type = Option<AddressRange>)]
    pub service_ips: RangeBody,
    #[serde(default)]
    #[schema(value_type = Option<bool>)]
    pub skip_edge_addresses: Flag,
    /// Default `vSwitch-<port>`.
    #[serde(default)]
    #[schema(value_type = Option<String>)]
    pub switch_name: Scalar,
    #[serde(default)]
    #[schema(value_type = u64, required = true)]
    pub revision: Scalar,
}

#[derive(Serialize, Deserialize, ToSchema)]
pub struct Allocation {
    pub master: String,
    pub worker: String,
    pub update_spare: Option<String>,
    pub unused_node_ips: u64,
    pub service_ips_free: u64,
}

#[derive(Serialize, Deserialize, ToSchema)]
pub struct Compute {
    pub revision: u64,
    pub enabled: bool,
    /// The rest only while compute is enabled.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub port: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub switch_name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub node_ips: Option<AddressRange>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub service_ips: Option<AddressRange>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub skip_edge_addresses: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub allocation: Option<Allocation>,
    /// The trial this apply started: the device restores the replaced
    /// revision at its deadline unless it is kept (apply answers only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub trial: Option<Trial>,
}

/// Where the default gateway (and the VMs' NAT, the internal virtual
/// switch's way out) is.
#[derive(Serialize, Deserialize, ToSchema)]
pub struct DefaultGateway {
    pub revision: u64,
    /// The port that holds it; null when no port can.
    pub port: Option<String>,
    /// Whether the configuration names the port (an administrator chose it,
    /// or it was kept there when another port got a gateway); otherwise it
    /// is where the rule puts it (the first static port with a gateway, else
    /// the first DHCP port). Either way it stays on its port while that port
    /// can hold it.
    pub stated: bool,
    /// The ports that could hold it: DHCP ports and static ports with a gateway.
    pub candidates: Vec<String>,
    /// The trial this apply started: the device restores the replaced
    /// revision at its deadline unless it is kept (apply answers only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub trial: Option<Trial>,
}

#[derive(Deserialize, ToSchema)]
pub struct DefaultGatewayUpdate {
    /// A port that can hold it (see `candidates`).
    #[serde(default)]
    #[schema(value_type = String, required = true)]
    pub port: Scalar,
    #[serde(default)]
    #[schema(value_type = u64, required = true)]
    pub revision: Scalar,
}

#[derive(Deserialize, ToSchema)]
pub struct KubernetesUpdate {
    /// An IPv4 network (CIDR) for Calico's pods, wide enough for a /26 block per node.
    #[serde(default)]
    #[schema(value_type = String, required = true,
        pattern = r"^(\d{1,3}\.){3}\d{1,3}/([0-9]|[12][0-9]|3[0-2])$",
        example = "172.27.0.0/16"
    )]
    pub pod_cidr: Scalar,
    /// An IPv4 network (CIDR) for ClusterIPs.
    #[serde(default)]
    #[schema(value_type = String, required = true,
        pattern = r"^(\d{1,3}\.){3}\d{1,3}/([0-9]|[12][0-9]|3[0-2])$",
        example = "172.28.0.0/16"
    )]
    pub service_cidr: Scalar,
    /// An address of the service network; empty: the tenth address of it.
    #[serde(default)]
    #[schema(value_type = Option<String>, example = "")]
    pub dns_ip: Scalar,
    #[serde(default)]
    #[schema(value_type = u64, required = true)]
    pub revision: Scalar,
}

#[derive(Serialize, Deserialize, ToSchema)]
pub struct Kubernetes {
    pub revision: u64,
    pub pod_cidr: String,
    pub service_cidr: String,
    pub dns_ip: String,
    pub block_size: u8,
    /// Locked once compute has been applied; a factory reset unlocks.
    pub locked: bool,
    pub locked_at_revision: Option<u64>,
    /// Notes that did not block the change.
    pub warnings: Vec<ApiError>,
}

#[derive(Deserialize, ToSchema)]
pub struct RouteAdd {
    /// `192.168.20.0/24`, or the address with `prefix_length`.
    #[serde(default)]
    #[schema(value_type = String, required = true, example = "192.168.20.0/24")]
    pub destination: Scalar,
    #[serde(default)]
    #[schema(value_type = Option<u8>, minimum = 0, maximum = 32)]
    pub prefix_length: Scalar,
    /// An address on the interface's subnet.
    #[serde(default)]
    #[schema(value_type = String, required = true, format = Ipv4, example = "10.0.0.1")]
    pub next_hop: Scalar,
    /// A port, such as `Port3`.
    #[serde(default)]
    #[schema(value_type = String, required = true, example = "Port3")]
    pub interface: Scalar,
    /// Default 100; lower is preferred (0 to 4294967295, as Linux takes).
    #[serde(default)]
    #[schema(value_type = Option<u32>, minimum = 0, maximum = 4294967295_u64)]
    pub metric: Scalar,
    /// Optional; when given it must be the applied revision.
    #[serde(default)]
    #[schema(value_type = Option<u64>)]
    pub revision: Scalar,
}

#[derive(Default, Deserialize, ToSchema)]
pub struct RouteRemove {
    #[serde(default)]
    #[schema(value_type = String, required = true)]
    pub interface: Scalar,
    #[serde(default)]
    #[schema(value_type = String, required = true)]
    pub destination: Scalar,
    /// With `destination` given as a bare address.
    #[serde(default)]
    #[schema(value_type = Option<u8>, minimum = 0, maximum = 32)]
    pub prefix_length: Scalar,
    #[serde(default)]
    #[schema(value_type = Option<u64>)]
    pub revision: Scalar,
}

#[derive(Serialize, Deserialize, ToSchema)]
pub struct Route {
    pub destination: String,
    pub prefix_length: u8,
    pub next_hop: String,
    pub interface: String,
    pub metric: u32,
}

/// A note that refuses nothing: English, with its id as code.
#[derive(Serialize, Deserialize, ToSchema)]
pub struct Note {
    pub message: String,
    pub code: String,
}

/// A configured route and how the VMs hold it.
#[derive(Serialize, Deserialize, ToSchema)]
pub struct ListedRoute {
    pub destination: String,
    pub prefix_length: u8,
    pub next_hop: String,
    pub interface: String,
    pub metric: u32,
    /// False when the configuration keeps it out of the kernel (it collides
    /// with a route the VMs hold); `not_installed` says why. Says nothing of
    /// the kernel itself: see `kernel`.
    pub installed: bool,
    pub not_installed: Option<Note>,
    /// What the VMs' kernel said at the last reconcile: `dry-run` (no
    /// route-namespace: not sent), `pending`, `installed`, `not-sent`,
    /// `refused` or `unreachable`.
    #[schema(example = "installed")]
    pub kernel: String,
    /// The kernel's answer for `refused`, the reason for `unreachable`.
    pub kernel_reason: Option<String>,
    /// How it stands against the VMs' own routes.
    pub notes: Vec<Note>,
}

#[derive(Serialize, Deserialize, ToSchema)]
pub struct RouteList {
    pub revision: u64,
    pub routes: Vec<ListedRoute>,
}

/// The ranges to check; what the body leaves out comes from the staged
/// draft (or the applied configuration), as do the port's address, gateway
/// and DNS servers.
#[derive(Deserialize, ToSchema)]
pub struct ProbeRequest {
    /// A key sent as `null` is empty; a key left out is the draft's.
    #[serde(default, deserialize_with = "present")]
    #[schema(value_type = Option<String>)]
    pub port: Option<Scalar>,
    #[serde(default, deserialize_with = "present")]
    #[schema(value_type = Option<AddressRange>)]
    pub node_ips: Option<RangeBody>,
    #[serde(default, deserialize_with = "present")]
    #[schema(value_type = Option<AddressRange>)]
    pub service_ips: Option<RangeBody>,
}

/// An address of the ranges (or the port's own) that another station answers for.
#[derive(Serialize, Deserialize, ToSchema)]
pub struct InUse {
    #[schema(example = "10.0.0.11")]
    pub address: String,
    /// `node-ips`, `service-ips` or `port-address`.
    pub role: String,
    #[schema(example = "02:00:00:00:5a:01")]
    pub mac: String,
}

/// The gateway or a DNS server, and whether it answered.
#[derive(Serialize, Deserialize, ToSchema)]
pub struct Neighbour {
    pub address: String,
    /// `gateway` or `dns`.
    pub role: String,
    /// `up`, `down`, `off-segment` (ARP cannot ask it) or `unchecked` (dry run, checks off).
    pub state: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mac: Option<String>,
}

/// An address-conflict probe (RFC 5227 ARP probes from the VM namespace's
/// eth1): at most 1,024 addresses, about 3 seconds, one at a time per
/// device. `wire` is `checked`, `dry-run` (no route-namespace: nothing
/// sent) or `off` (wire-checks = false). Addresses in use are warnings.
#[derive(Serialize, Deserialize, ToSchema)]
pub struct ProbeResult {
    pub wire: String,
    pub message: String,
    pub checked: u64,
    pub in_use: Vec<InUse>,
    pub neighbours: Vec<Neighbour>,
    /// `probe-in-use` (names the address and MAC), `probe-neighbour-down`.
    pub warnings: Vec<ApiError>,
    /// Seconds since the epoch.
    pub at: u64,
    pub millis: u64,
    /// What was checked: the port, its address and the addresses it names,
    /// and the two ranges.
    pub scope: ProbeScope,
}

/// What a probe checks.
#[derive(Serialize, Deserialize, ToSchema)]
pub struct ProbeScope {
    #[schema(example = "Port3")]
    pub port: String,
    /// The port's address and prefix.
    #[schema(example = "10.0.0.2/24")]
    pub interface: String,
    #[schema(format = Ipv4)]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub gateway: Option<String>,
    pub dns: Vec<String>,
    pub node_ips: AddressRange,
    pub service_ips: AddressRange,
}

/// One pinged address (ICMP echo from the VM namespace).
#[derive(Serialize, Deserialize, ToSchema)]
pub struct Reach {
    pub address: String,
    /// `{"kind": "gateway"}`, `{"kind": "dns"}` or `{"kind": "next-hop", "destination": "192.168.20.0/24", "interface": "Port3"}`.
    pub hop: serde_json::Value,
    /// `up`, `down`, or `unchecked` (dry run, checks off).
    pub state: String,
    /// Round-trip time in microseconds, when up.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rtt_micros: Option<u64>,
}

/// The reachability check after the revision `revision` was applied: the
/// compute port's gateway, each custom route's next hop, the DNS servers.
#[derive(Serialize, Deserialize, ToSchema)]
pub struct Reachability {
    pub revision: u64,
    pub wire: String,
    pub results: Vec<Reach>,
    pub at: u64,
}

/// The device's state: the applied revision, the route backend (as in
/// `/healthz`), whether checks look at the wire, the latest reachability
/// and probe.
#[derive(Serialize, Deserialize, ToSchema)]
pub struct Status {
    pub revision: u64,
    /// `applied`, `failed`, `pending` or `dry-run`.
    pub routes: String,
    /// `checked`, `dry-run` or `off`.
    pub wire: String,
    pub message: String,
    pub reachability: Option<Reachability>,
    pub probe: Option<ProbeResult>,
    /// The device's host against the applied revision.
    pub host: HostReport,
}

/// Whether the device's host holds the applied revision (the Overview's
/// card): only what the host backend looked at.
#[derive(Serialize, Deserialize, ToSchema)]
pub struct HostReport {
    /// `matches`, `differs`, `unreachable`, `pending` or `dry-run` (no
    /// `host-namespace`: nothing is programmed or looked at).
    pub state: String,
    /// The revision the host was last looked at against.
    pub revision: Option<u64>,
    pub differences: Vec<HostDifference>,
    /// What the kernel, nft or the file system refused, in their words, or
    /// why the host could not be asked.
    pub failed: Vec<String>,
    /// What each DHCP port holds: edgenet leaves them to the DHCP client.
    pub dhcp: Vec<DhcpPort>,
}

/// One way the host differs from the revision.
#[derive(Serialize, Deserialize, ToSchema)]
pub struct HostDifference {
    /// `missing-port`, `missing-bridge`, `stale-bridge`, `addresses`,
    /// `mtu`, `bridge`, `down`, `default-route`, `dns` or `nat`.
    pub kind: String,
    /// What differs, in English.
    pub message: String,
}

/// A DHCP port as the host holds it.
#[derive(Serialize, Deserialize, ToSchema)]
pub struct DhcpPort {
    pub port: String,
    /// Address with prefix length (`192.0.2.7/24`).
    pub addresses: Vec<String>,
    pub gateways: Vec<String>,
}

#[derive(Serialize, Deserialize, ToSchema)]
pub struct RouteAdded {
    pub revision: u64,
    pub route: Route,
    /// Set when the destination had host bits set and was normalised.
    pub note: Option<String>,
    pub notes: Vec<Note>,
    /// The check after this apply of the new route's next hop (waits up to 5 s for it).
    pub next_hop_reachability: Option<Reach>,
    pub reachability: Option<Reachability>,
}

/// A route of the VMs' table that matches the destination, and why it won or lost.
#[derive(Serialize, Deserialize, ToSchema)]
pub struct Candidate {
    pub destination: String,
    #[schema(value_type = Option<String>)]
    pub via: Option<std::net::Ipv4Addr>,
    pub device: String,
    pub metric: u32,
    /// Where the route comes from: built in (default route, a connected
    /// subnet, the pod network) or a custom route.
    #[schema(value_type = Object)]
    pub origin: crate::domain::vm::Origin,
    /// `chosen`, `longer_prefix_wins`, `lower_metric_wins` or `not_installed`.
    pub verdict: String,
    /// What beat it: the chosen route's destination (`longer_prefix_wins`,
    /// a string) or its metric (`lower_metric_wins`, a number); null otherwise.
    #[schema(schema_with = winner_schema)]
    pub winner: Option<Winner>,
    pub reason: Option<String>,
    pub explanation: String,
}

#[derive(Serialize, Deserialize, ToSchema)]
pub struct RouteRemoved {
    pub revision: u64,
    pub removed: Route,
}

#[derive(Serialize, Deserialize, ToSchema)]
pub struct RouteDecision {
    #[schema(value_type = String)]
    pub destination: std::net::Ipv4Addr,
    pub route: Option<Route>,
    /// The VM NIC the packet leaves through.
    pub device: String,
    #[schema(value_type = Option<String>)]
    pub via: Option<std::net::Ipv4Addr>,
    pub explanation: String,
    /// Every matching route, the chosen one among them.
    pub candidates: Vec<Candidate>,
}

#[derive(Serialize, Deserialize, ToSchema)]
pub struct ManifestEntry {
    pub name: String,
    pub title: String,
    pub file: String,
    pub url: String,
}

#[derive(Serialize, Deserialize, ToSchema)]
pub struct PendingManifest {
    pub name: String,
    pub title: String,
    pub reason: String,
}

#[derive(Serialize, Deserialize, ToSchema)]
pub struct Manifests {
    pub revision: u64,
    pub manifests: Vec<ManifestEntry>,
    pub pending: Vec<PendingManifest>,
}

/// The applied configuration as stored (`docs/config-file.md` describes
/// the same content as a file).
#[derive(Serialize, Deserialize, ToSchema)]
pub struct AppliedConfig {
    pub revision: u64,
    /// Seconds since the Unix epoch (0: the factory configuration).
    pub applied_at: u64,
    #[schema(value_type = Object)]
    pub config: crate::domain::model::Config,
}

/// One changed field.
#[derive(Serialize, Deserialize, ToSchema)]
pub struct Change {
    #[schema(example = "Port4")]
    pub section: String,
    #[schema(example = "MTU")]
    pub field: String,
    pub from: String,
    pub to: String,
}

#[derive(Serialize, Deserialize, ToSchema)]
pub struct HistoryEntry {
    pub revision: u64,
    pub applied_at: u64,
    /// `ui`, `api`, `factory reset`.
    pub source: String,
    pub client: String,
    pub changes: u64,
    /// "Port3: IP address · Routes: added 192.168.20.0/24 on Port3".
    pub summary: String,
    /// The earlier revision this one restored (absent otherwise).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub restored_from: Option<u64>,
    /// Set when it restored `restored_from` to end a trial (absent otherwise).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reverted: Option<Reverted>,
    /// The same by section, as data: `[["Port3", ["IP address", "Gateway"]],
    /// ["Routes", ["added 192.168.20.0/24 on Port3"]]]`.
    #[schema(schema_with = sections_schema)]
    pub sections: Vec<(String, Vec<String>)>,
}

/// What beat a candidate: the chosen route's destination, or its metric.
#[derive(Serialize, Deserialize)]
#[serde(untagged)]
pub enum Winner {
    Destination(String),
    Metric(u32),
}

/// A destination (text), a metric (a whole number), or null.
fn winner_schema() -> utoipa::openapi::Schema {
    serde_json::from_value(serde_json::json!({
        "type": ["string", "integer", "null"],
        "minimum": 0
    }))
    .expect("a valid schema")
}

/// `[section, [field, …]]` pairs (JSON Schema 2020-12 `prefixItems`).
fn sections_schema() -> utoipa::openapi::Schema {
    serde_json::from_value(serde_json::json!({
        "type": "array",
        "items": {
            "type": "array",
            "prefixItems": [{"type": "string"}, {"type": "array", "items": {"type": "string"}}],
            "minItems": 2,
            "maxItems": 2
        }
    }))
    .expect("a valid schema")
}

#[derive(Serialize, Deserialize, ToSchema)]
pub struct History {
    pub history: Vec<HistoryEntry>,
}

/// One entry of the audit trail: `type` is `revision` (with `revision`,
/// `changes` and, for a restore, `restored_from`) or `security` (with `event`).
#[derive(Serialize, Deserialize, ToSchema)]
pub struct AuditEntry {
    /// Seconds since the Unix epoch (0: the factory configuration).
    pub at: u64,
    /// `ui`, `api`, `factory reset`.
    pub source: String,
    /// The client address.
    #[schema(example = "192.0.2.7")]
    pub client: String,
    /// `revision` or `security`.
    #[serde(rename = "type")]
    pub kind: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub revision: Option<u64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub restored_from: Option<u64>,
    /// Set on a revision that ended a trial by restoring `restored_from`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reverted: Option<Reverted>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub changes: Option<Vec<Change>>,
    /// What the revision did beyond its fields, as recorded: each with its
    /// `kind` and the data it names (no message: the pages word it).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub consequences: Option<Vec<RecordedConsequence>>,
    /// `sign-in`, `sign-in-failed`, `locked-out`, `sign-out`, `password-changed`,
    /// `password-change-failed`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub event: Option<String>,
}

/// A consequence as the audit trail keeps it: its `kind` and its data.
#[derive(Serialize, Deserialize, ToSchema)]
pub struct RecordedConsequence {
    #[schema(example = "cluster-networks-lock")]
    pub kind: String,
    #[serde(flatten)]
    pub data: std::collections::HashMap<String, serde_json::Value>,
}

#[derive(Serialize, Deserialize, ToSchema)]
pub struct Audit {
    pub offset: u64,
    /// Newest first.
    pub entries: Vec<AuditEntry>,
}

#[derive(Serialize, Deserialize, ToSchema)]
pub struct Staged {
    pub staged: bool,
    /// The rest only while something is staged.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub base_revision: Option<u64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub changes: Option<Vec<Change>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub consequences: Option<Vec<Consequence>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub errors: Option<Vec<ApiError>>,
}

/// The factory reset's answer: the new revision, and the trial it started
/// when it changes what can cut the administrator off.
#[derive(Serialize, Deserialize, ToSchema)]
pub struct FactoryResetDone {
    pub revision: u64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub trial: Option<Trial>,
}

/// The applied revision a factory reset is made against.
#[derive(Deserialize, ToSchema)]
pub struct FactoryReset {
    #[serde(default)]
    #[schema(value_type = u64, required = true)]
    pub revision: Scalar,
}

/// What importing a configuration file did.
#[derive(Serialize, Deserialize, ToSchema)]
pub struct Imported {
    /// The applied revision afterwards.
    pub revision: u64,
    pub applied: bool,
    pub staged: bool,
    /// False: the file changes nothing (no revision, nothing staged).
    pub changed: bool,
    pub changes: Vec<Change>,
    /// What applying the file would do beyond its fields.
    pub consequences: Vec<Consequence>,
    pub warnings: Vec<ApiError>,
    pub message: String,
    /// The trial this apply started: the device restores the replaced
    /// revision at its deadline unless it is kept (apply answers only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub trial: Option<Trial>,
}

/// What applying does beyond the changed fields (the default gateway moving,
/// the cluster networks locked, …): its `kind`, the English message and its
/// id, and the data the kind names (ports, addresses).
#[derive(Serialize, Deserialize, ToSchema)]
pub struct Consequence {
    #[schema(example = "cluster-networks-lock")]
    pub kind: String,
    pub message: String,
    pub code: String,
    #[serde(flatten)]
    pub data: std::collections::HashMap<String, serde_json::Value>,
}

/// A running trial: the revision on trial, the one the device restores at
/// `deadline` unless it is kept, and why it runs.
#[derive(Serialize, Deserialize, ToSchema)]
pub struct Trial {
    pub revision: u64,
    /// The revision restored at the deadline.
    pub replaced: u64,
    /// Seconds since the Unix epoch.
    pub started_at: u64,
    /// Seconds since the Unix epoch.
    pub deadline: u64,
    /// Seconds left when this answer was made.
    pub seconds_left: u64,
    /// What makes the apply risky, each with its English message and id.
    pub risks: Vec<Note>,
    /// Where the device answers now, when the change moved the address the
    /// client used (`https://10.0.0.5/`): confirm from there.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schema(example = "https://10.0.0.5/")]
    pub confirm_at: Option<String>,
    /// Where to keep it.
    #[schema(example = "/api/v1/config/trial/confirm")]
    pub confirm: String,
    /// Where to revert it now.
    #[schema(example = "/api/v1/config/trial/revert")]
    pub revert: String,
}

/// The running trial, or none (`trial: null`).
#[derive(Serialize, Deserialize, ToSchema)]
pub struct TrialStatus {
    pub trial: Option<Trial>,
}

/// A trial kept: its revision stays applied.
#[derive(Serialize, Deserialize, ToSchema)]
pub struct TrialKept {
    pub revision: u64,
}

/// A trial reverted: `revision` is the new revision, restoring `restored_from`.
#[derive(Serialize, Deserialize, ToSchema)]
pub struct TrialReverted {
    pub revision: u64,
    pub restored_from: u64,
}

/// How a trial ended in a revert: `not-confirmed` (nobody kept it within
/// `seconds`) or `by-request` (Revert now).
#[derive(Serialize, Deserialize, ToSchema)]
pub struct Reverted {
    #[schema(example = "not-confirmed", pattern = "^(not-confirmed|by-request)$")]
    pub by: String,
    /// `not-confirmed` only: the trial's length.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub seconds: Option<u64>,
}
