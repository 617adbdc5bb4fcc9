//! The HTTP API described as OpenAPI 3.1, generated with `utoipa` and served
//! at `GET /api/v1/openapi.json` (behind sign-in, like the rest of the API).
//!
//! The bodies the handlers read and write are described by the types below,
//! each with the keys the handlers take (`http_api`, `access`, `config_api`
//! read loose JSON into the domain's text forms, so that a page, the API and
//! a file share one parser). `tests/openapi.rs` keeps the document honest:
//! every route of the router is in it, and every documented request example
//! is accepted by the real handlers.

#![allow(dead_code)] // the `#[utoipa::path]` functions only carry documentation

use axum::{http::header, response::IntoResponse, routing::get, Router};
use serde::{Deserialize, Serialize};
use utoipa::{OpenApi, ToSchema};

use crate::server::AppState;

/// `/openapi.json` under `/api/v1`.
pub fn routes() -> Router<AppState> {
    Router::new().route("/openapi.json", get(document))
}

async fn document() -> impl IntoResponse {
    (
        [(header::CONTENT_TYPE, "application/json")],
        ApiDoc::openapi()
            .to_pretty_json()
            .unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}")),
    )
}

/// One error: the field (a JSON key, or a key path in a configuration file),
/// the message in English, and its id in `locales/` as a stable code.
#[derive(Serialize, Deserialize, ToSchema)]
pub struct ApiError {
    #[schema(example = "node_ips")]
    pub field: String,
    #[schema(
        example = "Node IPs 10.0.0.5-10.0.0.5: 1 address, 2 needed: one for the master VM and one for each worker VM (a further address, when the range has one, is the update spare)"
    )]
    pub message: String,
    #[schema(example = "val-node-ips-too-few")]
    pub code: Option<String>,
    /// Configuration files only: where in the file (from 1).
    pub line: Option<u64>,
    pub column: Option<u64>,
}

/// Every error answer: 400 unreadable body, 401 no session, 403 forgery or
/// initial password, 404 unknown, 409 stale revision, 413 too large, 422
/// invalid values, 429 locked out.
#[derive(Serialize, Deserialize, ToSchema)]
pub struct Errors {
    pub errors: Vec<ApiError>,
}

#[derive(Serialize, Deserialize, ToSchema)]
pub struct SignIn {
    pub password: String,
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

#[derive(Serialize, Deserialize, ToSchema)]
pub struct PasswordChange {
    pub current: String,
    /// 8-16 characters, at least three of upper case, lower case, digits, symbols.
    pub new: String,
}

/// A port's settings. `prefix` is a prefix length or a dotted mask; a field
/// left out of a static port is empty (no gateway, no DNS); `mtu` left out
/// keeps the port's MTU.
#[derive(Serialize, Deserialize, ToSchema)]
pub struct PortUpdate {
    /// `dhcp` or `static`.
    #[schema(pattern = "^(dhcp|static)$", example = "static")]
    pub mode: String,
    /// The port's IPv4 address (static only).
    #[schema(format = Ipv4, example = "10.0.0.2")]
    pub address: Option<String>,
    /// A prefix length, 0 to 32 (as a number or text), or a dotted mask
    /// (`255.255.255.0`).
    #[schema(value_type = Option<String>, pattern = r"^([0-9]|[12][0-9]|3[0-2]|(\d{1,3}\.){3}\d{1,3})$", example = "24")]
    pub prefix: Option<serde_json::Value>,
    /// An address on the port's subnet; empty or left out: none.
    #[schema(format = Ipv4)]
    pub gateway: Option<String>,
    #[schema(format = Ipv4)]
    pub dns_primary: Option<String>,
    #[schema(format = Ipv4)]
    pub dns_secondary: Option<String>,
    /// Bytes, within the port's range in the device profile (1400 to 1500
    /// on the default device's ports 2 to 6; 1500 only on port 1); left out:
    /// unchanged.
    #[schema(example = 1500)]
    pub mtu: Option<u16>,
    /// The applied revision the change is made against (409 when stale).
    pub revision: u64,
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
    pub revision: Option<u64>,
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
#[derive(Serialize, Deserialize, ToSchema)]
pub struct ComputeUpdate {
    pub enabled: Option<bool>,
    pub port: Option<String>,
    pub node_ips: Option<AddressRange>,
    pub service_ips: Option<AddressRange>,
    pub skip_edge_addresses: Option<bool>,
    /// Default `vSwitch-<port>`.
    pub switch_name: Option<String>,
    pub revision: u64,
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
    pub port: Option<String>,
    pub switch_name: Option<String>,
    pub node_ips: Option<AddressRange>,
    pub service_ips: Option<AddressRange>,
    pub skip_edge_addresses: Option<bool>,
    pub allocation: Option<Allocation>,
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
}

#[derive(Serialize, Deserialize, ToSchema)]
pub struct DefaultGatewayUpdate {
    /// A port that can hold it (see `candidates`).
    pub port: String,
    pub revision: u64,
}

#[derive(Serialize, Deserialize, ToSchema)]
pub struct KubernetesUpdate {
    /// An IPv4 network (CIDR), at most /26 wide enough for the nodes' blocks.
    #[schema(
        pattern = r"^(\d{1,3}\.){3}\d{1,3}/([0-9]|[12][0-9]|3[0-2])$",
        example = "172.27.0.0/16"
    )]
    pub pod_cidr: String,
    /// An IPv4 network (CIDR) for ClusterIPs.
    #[schema(
        pattern = r"^(\d{1,3}\.){3}\d{1,3}/([0-9]|[12][0-9]|3[0-2])$",
        example = "172.28.0.0/16"
    )]
    pub service_cidr: String,
    /// An address of the service network; empty: the tenth address of it.
    #[schema(example = "")]
    pub dns_ip: Option<String>,
    pub revision: u64,
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

#[derive(Serialize, Deserialize, ToSchema)]
pub struct RouteAdd {
    /// `192.168.20.0/24`, or the address with `prefix_length`.
    #[schema(example = "192.168.20.0/24")]
    pub destination: String,
    #[schema(minimum = 0, maximum = 32)]
    pub prefix_length: Option<u8>,
    /// An address on the interface's subnet.
    #[schema(format = Ipv4, example = "10.0.0.1")]
    pub next_hop: String,
    /// A port, such as `Port3`.
    #[schema(example = "Port3")]
    pub interface: String,
    /// Default 100; lower is preferred (0 to 4294967295, as Linux takes).
    #[schema(minimum = 0, maximum = 4294967295_u64)]
    pub metric: Option<u32>,
    /// Optional; when given it must be the applied revision.
    pub revision: Option<u64>,
}

#[derive(Serialize, Deserialize, ToSchema)]
pub struct RouteRemove {
    pub interface: String,
    pub destination: String,
    pub revision: Option<u64>,
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
#[derive(Serialize, Deserialize, ToSchema)]
pub struct ProbeRequest {
    pub port: Option<String>,
    pub node_ips: Option<AddressRange>,
    pub service_ips: Option<AddressRange>,
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
    pub via: Option<String>,
    pub device: String,
    pub metric: u32,
    /// Where the route comes from: built in (default route, a connected
    /// subnet, the pod network) or a custom route.
    #[schema(value_type = Object)]
    pub origin: serde_json::Value,
    /// `chosen`, `longer_prefix_wins`, `lower_metric_wins` or `not_installed`.
    pub verdict: String,
    pub winner: Option<String>,
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
    pub destination: String,
    pub route: Option<Route>,
    /// The VM NIC the packet leaves through.
    pub device: String,
    pub via: Option<String>,
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
    pub config: serde_json::Value,
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
    /// The earlier revision this one restored.
    pub restored_from: Option<u64>,
    /// The same by section, as data: `[["Port3", ["IP address", "Gateway"]],
    /// ["Routes", ["added 192.168.20.0/24 on Port3"]]]`.
    #[schema(schema_with = sections_schema)]
    pub sections: Vec<(String, Vec<String>)>,
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
    pub revision: Option<u64>,
    pub restored_from: Option<u64>,
    pub changes: Option<Vec<Change>>,
    /// `sign-in`, `sign-in-failed`, `locked-out`, `sign-out`, `password-changed`,
    /// `password-change-failed`.
    pub event: Option<String>,
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
    pub base_revision: Option<u64>,
    pub changes: Option<Vec<Change>>,
    pub consequences: Option<Vec<Consequence>>,
    pub errors: Option<Vec<ApiError>>,
}

#[derive(Serialize, Deserialize, ToSchema)]
pub struct RevisionOnly {
    pub revision: u64,
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

#[utoipa::path(post, path = "/api/v1/session", tag = "session",
    request_body(content = SignIn, example = json!({"password": "Edge-Pass-2026"})),
    responses((status = 400, body = Errors, description = "The body is not a JSON object"), (status = 200, body = Session, description = "Signed in; the session cookie is set"),
        (status = 401, body = Errors), (status = 422, body = Errors, description = "No password, or not text"),
        (status = 429, body = Errors, description = "Locked out; see Retry-After")))]
fn sign_in() {}

#[utoipa::path(get, path = "/api/v1/session", tag = "session", responses((status = 200, body = Session)))]
fn session() {}

#[utoipa::path(delete, path = "/api/v1/session", tag = "session", responses((status = 400, body = Errors, description = "The body is not a JSON object"), (status = 204, description = "Signed out")))]
fn sign_out() {}

#[utoipa::path(put, path = "/api/v1/password", tag = "session",
    request_body(content = PasswordChange, example = json!({"current": "Edge-Pass-2026", "new": "Edge-Pass-2027"})),
    responses((status = 400, body = Errors, description = "The body is not a JSON object"), (status = 204, description = "Changed; other sessions are signed out"), (status = 401, body = Errors), (status = 422, body = Errors)))]
fn password() {}

#[utoipa::path(get, path = "/api/v1/ports", tag = "ports", responses((status = 200, body = PortList)))]
fn list_ports() {}

#[utoipa::path(get, path = "/api/v1/ports/{name}", tag = "ports",
    params(("name" = String, Path, description = "A port of the device profile, e.g. Port3")),
    responses((status = 200, body = Port), (status = 404, body = Errors)))]
fn get_port() {}

#[utoipa::path(put, path = "/api/v1/ports/{name}", tag = "ports",
    params(("name" = String, Path, description = "A port of the device profile, e.g. Port3")),
    request_body(content = PortUpdate, example = json!({"mode": "static", "address": "10.0.0.2", "prefix": 24, "gateway": "10.0.0.1", "dns_primary": "10.0.0.53", "mtu": 1500, "revision": 0})),
    responses((status = 400, body = Errors, description = "The body is not a JSON object"), (status = 200, body = Port), (status = 404, body = Errors), (status = 409, body = Errors), (status = 422, body = Errors)))]
fn put_port() {}

#[utoipa::path(get, path = "/api/v1/compute", tag = "compute", responses((status = 200, body = Compute)))]
fn get_compute() {}

#[utoipa::path(put, path = "/api/v1/compute", tag = "compute",
    request_body(content = ComputeUpdate, example = json!({"port": "Port3", "node_ips": {"start": "10.0.0.10", "end": "10.0.0.12"}, "service_ips": {"start": "10.0.0.20", "end": "10.0.0.29"}, "skip_edge_addresses": false, "revision": 1})),
    responses((status = 400, body = Errors, description = "The body is not a JSON object"), (status = 200, body = Compute), (status = 409, body = Errors), (status = 422, body = Errors)))]
fn put_compute() {}

#[utoipa::path(post, path = "/api/v1/compute/probe", tag = "compute",
    request_body(content = ProbeRequest, example = json!({"port": "Port3", "node_ips": "10.0.0.10-10.0.0.12", "service_ips": {"start": "10.0.0.20", "end": "10.0.0.29"}})),
    responses((status = 400, body = Errors, description = "The body is not a JSON object"), (status = 200, body = ProbeResult), (status = 409, body = Errors, description = "Another probe is running"), (status = 422, body = Errors, description = "Ranges off the segment, more than 1,024 addresses, no compute port"), (status = 503, body = Errors, description = "The namespace or socket failed")))]
fn probe() {}

#[utoipa::path(get, path = "/api/v1/status", tag = "status", responses((status = 200, body = Status)))]
fn status() {}

#[utoipa::path(get, path = "/api/v1/kubernetes", tag = "kubernetes", responses((status = 200, body = Kubernetes)))]
fn get_kubernetes() {}

#[utoipa::path(put, path = "/api/v1/kubernetes", tag = "kubernetes",
    request_body(content = KubernetesUpdate, example = json!({"pod_cidr": "172.27.0.0/16", "service_cidr": "172.28.0.0/16", "dns_ip": "", "revision": 0})),
    responses((status = 400, body = Errors, description = "The body is not a JSON object"), (status = 200, body = Kubernetes), (status = 409, body = Errors), (status = 422, body = Errors, description = "Invalid, or locked since compute was applied")))]
fn put_kubernetes() {}

#[utoipa::path(get, path = "/api/v1/default-gateway", tag = "ports", responses((status = 200, body = DefaultGateway)))]
fn get_default_gateway() {}

#[utoipa::path(put, path = "/api/v1/default-gateway", tag = "ports",
    request_body(content = DefaultGatewayUpdate, example = json!({"port": "Port3", "revision": 1})),
    responses((status = 400, body = Errors, description = "The body is not a JSON object"), (status = 200, body = DefaultGateway), (status = 409, body = Errors), (status = 422, body = Errors, description = "No such port, or the port has no gateway (field port)")))]
fn put_default_gateway() {}

#[utoipa::path(get, path = "/api/v1/routes", tag = "routes",
    params(("interface" = Option<String>, Query, description = "Only the routes of this port")),
    responses((status = 200, body = RouteList), (status = 404, body = Errors)))]
fn list_routes() {}

#[utoipa::path(post, path = "/api/v1/routes", tag = "routes",
    request_body(content = RouteAdd, example = json!({"destination": "192.168.20.0/24", "next_hop": "10.0.0.1", "interface": "Port3", "metric": 100})),
    responses((status = 400, body = Errors, description = "The body is not a JSON object"), (status = 201, body = RouteAdded), (status = 409, body = Errors), (status = 422, body = Errors)))]
fn add_route() {}

#[utoipa::path(delete, path = "/api/v1/routes", tag = "routes",
    params(("interface" = Option<String>, Query), ("destination" = Option<String>, Query)),
    request_body(content = RouteRemove, description = "Or the same keys in the query string",
        example = json!({"interface": "Port3", "destination": "192.168.20.0/24"})),
    responses((status = 400, body = Errors, description = "The body is not a JSON object"), (status = 200, body = RouteRemoved), (status = 404, body = Errors), (status = 422, body = Errors)))]
fn remove_route() {}

#[utoipa::path(get, path = "/api/v1/routes/lookup", tag = "routes",
    params(("destination" = String, Query, description = "An IPv4 address")),
    responses((status = 200, body = RouteDecision), (status = 422, body = Errors)))]
fn lookup_route() {}

#[utoipa::path(get, path = "/api/v1/manifests", tag = "manifests", responses((status = 200, body = Manifests)))]
fn list_manifests() {}

#[utoipa::path(get, path = "/api/v1/manifests/{name}", tag = "manifests",
    params(("name" = String, Path, description = "e.g. calico-ippool (.yaml optional)"),
        ("download" = Option<String>, Query, description = "Any value: sent as an attachment (application/yaml); without it the YAML is sent as text/plain, inline, for a browser to show")),
    responses((status = 200, description = "The manifest: text/plain inline without download, application/yaml as an attachment with it",
            content((String = "text/plain"), (String = "application/yaml"))),
        (status = 404, body = Errors), (status = 409, body = Errors, description = "Not available yet")))]
fn get_manifest() {}

#[utoipa::path(get, path = "/api/v1/config", tag = "config", responses((status = 200, body = AppliedConfig)))]
fn get_config() {}

#[utoipa::path(get, path = "/api/v1/config/history", tag = "config", responses((status = 200, body = History)))]
fn history() {}

#[utoipa::path(get, path = "/api/v1/audit", tag = "config",
    params(("offset" = Option<u64>, Query, description = "Entries to skip, newest first (default 0)"),
        ("limit" = Option<u64>, Query, description = "Entries to answer, 0 to 200 (default 50)")),
    responses((status = 200, body = Audit, description = "Applied revisions and security events (sign-ins, failed sign-ins, lock-outs, sign-outs, password changes), newest first, each with its client address"),
        (status = 422, body = Errors)))]
fn audit() {}

#[utoipa::path(get, path = "/api/v1/config/staged", tag = "config", responses((status = 200, body = Staged)))]
fn get_staged() {}

#[utoipa::path(delete, path = "/api/v1/config/staged", tag = "config", responses((status = 204, description = "Discarded")))]
fn discard_staged() {}

#[utoipa::path(post, path = "/api/v1/config/factory-reset", tag = "config",
    request_body(content = RevisionOnly, example = json!({"revision": 0})),
    responses((status = 400, body = Errors, description = "The body is not a JSON object"), (status = 200, body = RevisionOnly), (status = 409, body = Errors),
        (status = 422, body = Errors, description = "No revision, or not a whole number")))]
fn factory_reset() {}

#[utoipa::path(get, path = "/api/v1/config/export", tag = "config",
    params(("revision" = Option<u64>, Query, description = "A revision of the history (default: the applied one)")),
    responses((status = 200, body = String, content_type = "application/toml",
            description = "The configuration file (docs/config-file.md), as an attachment edgenet-<device>-r<N>.toml"),
        (status = 404, body = Errors), (status = 422, body = Errors)))]
fn export() {}

#[utoipa::path(post, path = "/api/v1/config/import", tag = "config",
    params(("apply" = Option<bool>, Query, description = "Apply at once (needs revision)"),
        ("dry_run" = Option<bool>, Query, description = "Only say what would change"),
        ("revision" = Option<u64>, Query, description = "The applied revision the file is applied onto (409 when stale)")),
    request_body(content = String, content_type = "application/toml",
        description = "A configuration file (docs/config-file.md), at most 2 MiB",
        example = "format = 1\n\n[ports.Port4]\nmode = \"static\"\naddress = \"10.4.0.2\"\nprefix = 24\nmtu = 1450\n"),
    responses((status = 200, body = Imported, description = "Checked, and staged, applied or compared; changed = false when the file changes nothing"),
        (status = 400, body = Errors, description = "Not UTF-8 or not TOML (with line and column)"),
        (status = 409, body = Errors), (status = 413, body = Errors), (status = 422, body = Errors)))]
fn import() {}

#[utoipa::path(get, path = "/api/v1/openapi.json", tag = "meta", responses((status = 200, body = Object, description = "This document")))]
fn openapi() {}

/// The answers the layers in front of every handler give (`http::guard`,
/// the body limit), added to every operation they can reach: 401 without a
/// session (all but signing in and this document's neighbours that are
/// public), 403 for a change without the session's token, from another site,
/// or before the initial password is changed, 413 for a body over the
/// limit.
struct Layers;

impl utoipa::Modify for Layers {
    fn modify(&self, doc: &mut utoipa::openapi::OpenApi) {
        use utoipa::openapi::{path::HttpMethod, RefOr, ResponseBuilder};
        let errors = || {
            RefOr::T(
                ResponseBuilder::new()
                    .description("Refused before the handler ran")
                    .content(
                        "application/json",
                        utoipa::openapi::ContentBuilder::new()
                            .schema(Some(utoipa::openapi::Ref::from_schema_name("Errors")))
                            .build(),
                    )
                    .build(),
            )
        };
        for (path, item) in doc.paths.paths.iter_mut() {
            let public = path == "/api/v1/session";
            for (method, op) in [
                (HttpMethod::Get, item.get.as_mut()),
                (HttpMethod::Put, item.put.as_mut()),
                (HttpMethod::Post, item.post.as_mut()),
                (HttpMethod::Delete, item.delete.as_mut()),
            ] {
                let Some(op) = op else { continue };
                let r = &mut op.responses.responses;
                let change = method != HttpMethod::Get;
                if !(public && method == HttpMethod::Post) {
                    r.entry("401".into()).or_insert_with(errors);
                }
                if change {
                    r.entry("403".into()).or_insert_with(errors);
                    r.entry("413".into()).or_insert_with(errors);
                }
                if !change && !public {
                    r.entry("403".into()).or_insert_with(errors);
                }
            }
        }
    }
}

#[derive(OpenApi)]
#[openapi(
    modifiers(&Layers),
    info(
        title = "edgenet HTTP API",
        description = "The local API of an edge compute appliance: ports, compute, Kubernetes networks, custom routes, manifests and the revisioned configuration. Sign in with POST /api/v1/session; send the cookie, and the token in X-CSRF-Token with every PUT, POST and DELETE."
    ),
    paths(
        sign_in,
        session,
        sign_out,
        password,
        list_ports,
        get_port,
        put_port,
        get_compute,
        put_compute,
        probe,
        status,
        get_kubernetes,
        put_kubernetes,
        get_default_gateway,
        put_default_gateway,
        list_routes,
        add_route,
        remove_route,
        lookup_route,
        list_manifests,
        get_manifest,
        get_config,
        history,
        audit,
        get_staged,
        discard_staged,
        factory_reset,
        export,
        import,
        openapi
    )
)]
pub struct ApiDoc;
