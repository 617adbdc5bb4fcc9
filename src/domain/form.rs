//! What an administrator typed, as text, and how it becomes a configuration.
//!
//! Forms keep the exact text so that a form posted without JavaScript can be
//! shown again as typed, with each error beside its field. The browser (as
//! WebAssembly), the server functions and the HTTP API all read input through
//! these same parsers.

use ipnet::Ipv4Net;
use serde::{Deserialize, Serialize};

use super::addr::{
    parse_addr, parse_prefix_from, range_from_fields, Ipv4Range, RangeError, PORT_PREFIX_MIN,
};
use super::change::{Change, Field, Section, Value};
use super::error::FieldError;
use super::examples::Examples;
use super::model::DeviceProfile;
use super::model::Route;
use super::{
    config::{
        validate, validate_compute_parts, validate_port_parts, AddressingParts, ComputeParts,
        PortParts, StaticParts,
    },
    model::{Addressing, ComputeConfig, Config, PortConfig},
};
use super::{kubernetes::KubernetesForm, model::KubernetesNetworks};
use crate::i18n::Message;

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PortForm {
    pub name: String,
    /// "dhcp" or "static".
    pub mode: String,
    pub address: String,
    /// A prefix length or a dotted mask.
    pub prefix: String,
    pub gateway: String,
    pub dns_primary: String,
    pub dns_secondary: String,
    pub mtu: String,
}

fn opt_text<T: ToString>(v: Option<T>) -> String {
    v.map(|v| v.to_string()).unwrap_or_default()
}

impl PortForm {
    pub fn from_config(p: &PortConfig) -> Self {
        let mut f = PortForm {
            name: p.name.clone(),
            mode: "dhcp".into(),
            mtu: p.mtu.to_string(),
            ..Default::default()
        };
        if let Addressing::Static(st) = &p.addressing {
            f.mode = "static".into();
            f.address = st.address().to_string();
            f.prefix = st.interface.prefix_len().to_string();
            f.gateway = opt_text(st.gateway);
            f.dns_primary = opt_text(st.dns_primary);
            f.dns_secondary = opt_text(st.dns_secondary);
        }
        f
    }

    /// The form with an address pasted with its prefix (`10.20.0.10/24`)
    /// split into the address and the prefix field, as an administrator
    /// copying from `ip addr` means it. Split only when the prefix field is
    /// empty or says the same; otherwise the address stays as typed and is
    /// refused, so that a conflict is never settled silently. The server
    /// (staging, the API) and the browser call this same function.
    pub fn split_pasted_prefix(&self) -> PortForm {
        let Some((address, prefix)) = self.address.trim().split_once('/') else {
            return self.clone();
        };
        let (address, prefix) = (address.trim(), prefix.trim());
        let same = |a: &str, b: &str| {
            parse_prefix_from(a, 0)
                .ok()
                .is_some_and(|a| parse_prefix_from(b, 0) == Ok(a))
        };
        if parse_addr(address).is_err()
            || prefix.is_empty()
            || !(self.prefix.trim().is_empty() || same(&self.prefix, prefix))
        {
            return self.clone();
        }
        PortForm {
            address: address.to_string(),
            prefix: prefix.to_string(),
            ..self.clone()
        }
    }

    /// Reads the text into a port configuration; every field that cannot be
    /// read gets its own error.
    pub fn parse(&self) -> Result<PortConfig, Vec<FieldError>> {
        let (parts, errors) = self.parse_parts();
        let addressing = match parts.addressing {
            Some(AddressingParts::Dhcp) => Some(Addressing::Dhcp),
            Some(AddressingParts::Static(st)) => st.complete().map(Addressing::Static),
            None => None,
        };
        match (parts.mtu, addressing) {
            (Some(mtu), Some(addressing)) if errors.is_empty() => Ok(PortConfig {
                name: parts.name,
                addressing,
                mtu,
            }),
            _ => Err(errors),
        }
    }

    /// Reads each field on its own (a pasted `address/prefix` split first):
    /// what could be read, and the syntax error of each field that could not.
    pub fn parse_parts(&self) -> (PortParts, Vec<FieldError>) {
        let this = self.split_pasted_prefix();
        let name = &this.name;
        let field = |f: &str| format!("ports.{name}.{f}");
        let mut errors = Vec::new();
        let mtu = match this.mtu.trim().parse::<u16>() {
            Ok(m) => Some(m),
            Err(_) => {
                errors.push(FieldError::new(
                    field("mtu"),
                    crate::msg!(
                        "val-port-mtu-not-number",
                        name = name,
                        text = this.mtu.trim()
                    ),
                ));
                None
            }
        };
        let addressing = match this.mode.trim().to_ascii_lowercase().as_str() {
            "dhcp" => Some(AddressingParts::Dhcp),
            "static" => {
                let mut fail = |key: &str, m: Message| errors.push(FieldError::new(field(key), m));
                let address = parse_addr(&this.address)
                    .map_err(|e| match e {
                        RangeError::Empty => crate::msg!("val-port-address-required", name = name),
                        e => crate::msg!(
                            "val-port-address-invalid",
                            name = name,
                            problem = e.message()
                        ),
                    })
                    .map_err(|m| fail("address", m))
                    .ok();
                let prefix = parse_prefix_from(&this.prefix, PORT_PREFIX_MIN)
                    .map_err(|e| crate::msg!("val-port-prefix-invalid", name = name, problem = e))
                    .map_err(|m| fail("prefix", m))
                    .ok();
                let mut optional = |key: &str, label: Message, text: &str| match parse_addr(text) {
                    Ok(a) => Some(Some(a)),
                    Err(RangeError::Empty) => Some(None),
                    Err(e) => {
                        fail(
                            key,
                            crate::msg!(
                                "val-port-field-invalid",
                                name = name,
                                label = label,
                                problem = e.message()
                            ),
                        );
                        None
                    }
                };
                let gateway = optional("gateway", crate::msg!("val-label-gateway"), &this.gateway);
                let dns_primary = optional(
                    "dns_primary",
                    crate::msg!("val-label-dns-primary"),
                    &this.dns_primary,
                );
                let dns_secondary = optional(
                    "dns_secondary",
                    crate::msg!("val-label-dns-secondary"),
                    &this.dns_secondary,
                );
                Some(AddressingParts::Static(StaticParts {
                    address,
                    prefix,
                    gateway,
                    dns_primary,
                    dns_secondary,
                }))
            }
            other => {
                errors.push(FieldError::new(
                    field("mode"),
                    crate::msg!("val-port-mode-unknown", name = name, text = other),
                ));
                None
            }
        };
        (
            PortParts {
                name: this.name.clone(),
                mtu,
                addressing,
            },
            errors,
        )
    }

    /// The form as it reads once parsed, so that `24` and `255.255.255.0` compare equal.
    pub fn normalized(&self) -> PortForm {
        self.parse()
            .map(|p| PortForm::from_config(&p))
            .unwrap_or_else(|_| self.clone())
    }

    /// (label, value) pairs as shown in a review of changes.
    pub fn fields(&self) -> Vec<(Field, Value)> {
        let mut v = vec![(
            Field::Addressing,
            if self.mode == "static" {
                Value::Static
            } else {
                Value::Dhcp
            },
        )];
        if self.mode == "static" {
            v.push((
                Field::IpAddress,
                Value::text(format!("{}/{}", self.address, self.prefix)),
            ));
            v.push((Field::Gateway, Value::text(self.gateway.clone())));
            v.push((Field::PrimaryDns, Value::text(self.dns_primary.clone())));
            v.push((Field::SecondaryDns, Value::text(self.dns_secondary.clone())));
        }
        v.push((Field::Mtu, Value::text(self.mtu.clone())));
        v
    }
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ComputeForm {
    /// The port for the external virtual switch; empty when compute is off.
    pub port: String,
    pub switch_name: String,
    pub node_start: String,
    pub node_end: String,
    pub service_start: String,
    pub service_end: String,
    pub skip_edge: bool,
}

/// The switch name a port gets unless the administrator renames it.
pub fn default_switch_name(port: &str) -> String {
    format!("vSwitch-{port}")
}

/// The words that teaming attempts are refused with.
pub fn teaming_refusal(ports: &[&str]) -> Message {
    crate::msg!("val-compute-teaming", ports = ports.join(" + "))
}

impl ComputeForm {
    pub fn from_config(c: Option<&ComputeConfig>) -> Self {
        match c {
            None => ComputeForm::default(),
            Some(c) => ComputeForm {
                port: c.port.clone(),
                switch_name: c.switch_name.clone(),
                node_start: c.node_ips.start().to_string(),
                node_end: c.node_ips.end().to_string(),
                service_start: c.service_ips.start().to_string(),
                service_end: c.service_ips.end().to_string(),
                skip_edge: c.skip_edge_addresses,
            },
        }
    }

    fn is_blank(&self) -> bool {
        [
            &self.port,
            &self.node_start,
            &self.node_end,
            &self.service_start,
            &self.service_end,
        ]
        .iter()
        .all(|s| s.trim().is_empty())
    }

    /// Reads the text; `Ok(None)` means compute stays off.
    pub fn parse(&self) -> Result<Option<ComputeConfig>, Vec<FieldError>> {
        self.parse_in(None)
    }

    /// [`parse`](Self::parse), with the compute port's subnet when it is
    /// known, so that a message's example addresses lie in it.
    pub fn parse_in(
        &self,
        subnet: Option<Ipv4Net>,
    ) -> Result<Option<ComputeConfig>, Vec<FieldError>> {
        if self.is_blank() {
            return Ok(None);
        }
        let (parts, errors) = self.parse_parts(subnet);
        match parts {
            (Some(port), switch_name, Some(node_ips), Some(service_ips)) if errors.is_empty() => {
                Ok(Some(ComputeConfig {
                    port,
                    switch_name,
                    node_ips,
                    service_ips,
                    skip_edge_addresses: self.skip_edge,
                }))
            }
            _ => Err(errors),
        }
    }

    /// Reads each field on its own: (port, switch name, node IPs, service IPs)
    /// and the syntax errors of those that could not be read.
    #[allow(clippy::type_complexity)]
    fn parse_parts(
        &self,
        subnet: Option<Ipv4Net>,
    ) -> (
        (Option<String>, String, Option<Ipv4Range>, Option<Ipv4Range>),
        Vec<FieldError>,
    ) {
        let mut errors = Vec::new();
        let ports: Vec<&str> = self
            .port
            .split([',', '+', ';', '&', ' '])
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .collect();
        let port = match ports.as_slice() {
            [] => {
                errors.push(FieldError::new(
                    "compute.port",
                    crate::msg!("val-compute-port-none"),
                ));
                None
            }
            [one] => Some(one.to_string()),
            many => {
                errors.push(FieldError::new("compute.port", teaming_refusal(many)));
                None
            }
        };
        let examples = subnet.map_or_else(Examples::generic, Examples::of);
        let range = |label: Message,
                     key: &str,
                     start: &str,
                     end: &str,
                     example: Ipv4Range,
                     errors: &mut Vec<FieldError>| {
            match range_from_fields(start, end) {
                Ok(r) => Some(r),
                Err(e) => {
                    let msg = match e {
                        RangeError::Empty => crate::msg!(
                            "val-range-required",
                            label = label,
                            start = example.start().to_string(),
                            end = example.end().to_string()
                        ),
                        e => crate::msg!(
                            "val-range-invalid",
                            label = label,
                            text = show_range_text(start, end),
                            problem = e.message()
                        ),
                    };
                    errors.push(FieldError::new(key, msg));
                    None
                }
            }
        };
        let node_ips = range(
            crate::msg!("val-label-node-ips"),
            "compute.node_ips",
            &self.node_start,
            &self.node_end,
            examples.node_ips,
            &mut errors,
        );
        let service_ips = range(
            crate::msg!("val-label-service-ips"),
            "compute.service_ips",
            &self.service_start,
            &self.service_end,
            examples.service_ips,
            &mut errors,
        );
        let switch_name = match self.switch_name.trim() {
            "" => port.as_deref().map(default_switch_name).unwrap_or_default(),
            s => s.to_string(),
        };
        ((port, switch_name, node_ips, service_ips), errors)
    }

    /// Checks the compute rules on whatever fields could be read, so that a
    /// typo in one range does not hide a problem with the other.
    fn partial_errors(&self, config: &Config, profile: &DeviceProfile) -> Vec<FieldError> {
        let ((port, switch_name, node_ips, service_ips), _) = self.parse_parts(None);
        let parts = ComputeParts {
            port: port.as_deref(),
            switch_name: &switch_name,
            node_ips,
            service_ips,
            skip_edge_addresses: self.skip_edge,
        };
        let mut errors = Vec::new();
        validate_compute_parts(&parts, config, profile, &mut errors);
        errors
    }

    pub fn normalized(&self) -> ComputeForm {
        self.parse()
            .map(|c| ComputeForm::from_config(c.as_ref()))
            .unwrap_or_else(|_| self.clone())
    }

    pub fn fields(&self) -> Vec<(Field, Value)> {
        if self.port.trim().is_empty() {
            return vec![(Field::Compute, Value::Off)];
        }
        vec![
            (Field::Compute, Value::On),
            (Field::ComputePort, Value::text(self.port.clone())),
            (Field::SwitchName, Value::text(self.switch_name.clone())),
            (
                Field::NodeIps,
                Value::text(show_range_text(&self.node_start, &self.node_end)),
            ),
            (
                Field::ServiceIps,
                Value::text(show_range_text(&self.service_start, &self.service_end)),
            ),
            (
                Field::SkipEdge,
                if self.skip_edge {
                    Value::Yes
                } else {
                    Value::No
                },
            ),
        ]
    }
}

fn show_range_text(start: &str, end: &str) -> String {
    match (start.trim(), end.trim()) {
        (s, "") => s.to_string(),
        ("", e) => e.to_string(),
        (s, e) => format!("{s}-{e}"),
    }
}

/// One form of the draft, staged on its own: a port's, the Compute form or
/// the Kubernetes form. A form whose own fields have errors is not staged
/// (#18 item 6): the browser keeps it from being sent, and the server refuses
/// it and shows it again as typed, both by this rule. Errors it causes in
/// another form (a port change that leaves the staged node IPs outside the
/// subnet) do not keep it back; they show on that form.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum DraftPart {
    /// The port's name as the device spells it.
    Port(String),
    Compute,
    Kubernetes,
    /// The choice of the port that holds the default gateway.
    DefaultGateway,
}

impl DraftPart {
    /// Whether an error's field (`ports.Port3.mtu`, `compute.node_ips`)
    /// belongs to this form.
    pub fn owns(&self, field: &str) -> bool {
        match self {
            DraftPart::Port(name) => field
                .strip_prefix("ports.")
                .and_then(|f| f.strip_prefix(name.as_str()))
                .is_some_and(|f| f.starts_with('.')),
            DraftPart::Compute => field.starts_with("compute."),
            DraftPart::Kubernetes => field.starts_with("kubernetes."),
            DraftPart::DefaultGateway => field == "default_gateway",
        }
    }

    /// This form's own errors among a draft's.
    pub fn errors_in(&self, errors: &[FieldError]) -> Vec<FieldError> {
        errors
            .iter()
            .filter(|e| self.owns(&e.field))
            .cloned()
            .collect()
    }

    /// Whether this part of the configuration is the same in `a` and `b`:
    /// a form loaded on `a` can be staged on `b` without losing anything
    /// that changed in between (the cluster networks compare without their
    /// lock, which the Kubernetes form does not edit).
    pub fn same_in(&self, a: &Config, b: &Config) -> bool {
        match self {
            DraftPart::Port(name) => a.port(name) == b.port(name),
            DraftPart::Compute => a.compute == b.compute,
            DraftPart::Kubernetes => {
                let unlocked = |c: &Config| KubernetesNetworks {
                    locked_at: None,
                    ..c.kubernetes.clone()
                };
                unlocked(a) == unlocked(b)
            }
            DraftPart::DefaultGateway => a.default_gateway == b.default_gateway,
        }
    }

    /// The part's name as a page shows it: a port's name, else its section.
    pub fn label(&self) -> Message {
        match self {
            DraftPart::Port(name) => Message::verbatim(name),
            DraftPart::Compute => crate::msg!("part-compute"),
            DraftPart::Kubernetes => crate::msg!("part-kubernetes"),
            DraftPart::DefaultGateway => crate::msg!("part-default-gateway"),
        }
    }
}

/// Changes staged for review, as typed, on top of an applied revision.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Draft {
    /// The applied revision these changes were made against.
    pub base_revision: u64,
    pub ports: Vec<PortForm>,
    pub compute: ComputeForm,
    #[serde(default)]
    pub kubernetes: KubernetesForm,
    /// Routes to apply instead of the applied ones (a restore); `None` keeps
    /// the applied routes, which are edited directly rather than staged.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub routes: Option<Vec<Route>>,
    /// The earlier revision these changes restore, for the audit trail
    /// ("restored from revision N"); kept when the restored draft is edited.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub restored_from: Option<u64>,
    /// The port chosen in this draft to hold the default gateway, as typed;
    /// empty leaves it where it is while its port can hold it (see
    /// [`Draft::resolve`]).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub default_gateway: String,
}

impl Draft {
    /// The parts this draft changes against `base`, the revision it was made on.
    pub fn touched(&self, base: &Config) -> Vec<DraftPart> {
        let fresh = Draft::from_config(base);
        let mut parts: Vec<DraftPart> = self
            .ports
            .iter()
            .filter(|p| fresh.port(&p.name) != Some(*p))
            .map(|p| DraftPart::Port(p.name.clone()))
            .collect();
        if self.compute != fresh.compute {
            parts.push(DraftPart::Compute);
        }
        if self.kubernetes != fresh.kubernetes {
            parts.push(DraftPart::Kubernetes);
        }
        if self.default_gateway != fresh.default_gateway {
            parts.push(DraftPart::DefaultGateway);
        }
        parts
    }

    /// This draft, made on `base`, moved onto `current` (a newer revision):
    /// each part it changes is kept as typed, every other part is `current`'s.
    /// Refused with the parts that changed in between on both sides (a real
    /// conflict), or with none for a restore, whose routes are the revision's.
    pub fn rebase(&self, base: &Config, current: &Config) -> Result<Draft, Vec<DraftPart>> {
        if self.routes.is_some() {
            return Err(Vec::new());
        }
        let touched = self.touched(base);
        let conflicts: Vec<DraftPart> = touched
            .iter()
            .filter(|p| !p.same_in(base, current))
            .cloned()
            .collect();
        if !conflicts.is_empty() {
            return Err(conflicts);
        }
        let mut out = Draft::from_config(current);
        for part in &touched {
            match part {
                DraftPart::Port(name) => {
                    if let (Some(slot), Some(mine)) = (out.port_mut(name), self.port(name)) {
                        *slot = mine.clone();
                    }
                }
                DraftPart::Compute => out.compute = self.compute.clone(),
                DraftPart::Kubernetes => out.kubernetes = self.kubernetes.clone(),
                DraftPart::DefaultGateway => out.default_gateway = self.default_gateway.clone(),
            }
        }
        out.restored_from = self.restored_from;
        Ok(out)
    }
}

/// What stands in for a port form that cannot be read, so that the other
/// rules can still run: the port as applied (a port the applied configuration
/// lacks: DHCP with the usual MTU).
fn stand_in(f: &PortForm, applied: &Config) -> PortConfig {
    applied
        .port(&f.name)
        .cloned()
        .unwrap_or_else(|| PortConfig {
            name: f.name.clone(),
            addressing: Addressing::Dhcp,
            mtu: 1500,
        })
}

/// Where the default gateway is and would be (see [`Draft::default_gateway_outlook`]).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct GatewayOutlook {
    /// The port that holds it in the applied configuration.
    pub now: Option<String>,
    /// The port that would hold it once the draft is applied.
    pub next: Option<String>,
    /// The ports that could hold it in the draft, in the device's order.
    pub candidates: Vec<String>,
}

impl GatewayOutlook {
    /// What the Gateway field of `port` says about the default gateway, given
    /// whether a gateway is typed there.
    pub fn note_for(&self, port: &str, has_gateway: bool) -> Option<Message> {
        let is = |x: &Option<String>| x.as_deref().is_some_and(|n| n.eq_ignore_ascii_case(port));
        match (is(&self.now), is(&self.next)) {
            (false, true) => Some(match &self.now {
                Some(from) => crate::msg!("gateway-note-moves-here", from = from),
                None => crate::msg!("gateway-note-here"),
            }),
            (true, true) => Some(crate::msg!("gateway-note-here")),
            (true, false) => Some(match &self.next {
                Some(to) => crate::msg!("gateway-note-moves-away", to = to),
                None => crate::msg!("gateway-note-gone"),
            }),
            (false, false) if has_gateway => self
                .next
                .as_ref()
                .map(|holder| crate::msg!("gateway-note-elsewhere", holder = holder, port = port)),
            (false, false) => None,
        }
    }
}

impl Draft {
    pub fn from_config(c: &Config) -> Self {
        Draft {
            base_revision: c.revision,
            ports: c.ports.iter().map(PortForm::from_config).collect(),
            compute: ComputeForm::from_config(c.compute.as_ref()),
            kubernetes: KubernetesForm::from_config(&c.kubernetes),
            routes: None,
            restored_from: None,
            // Empty: where the default gateway is stays as it is (see
            // `default_gateway_choice`), the same whether an administrator
            // once chose its port or the rule put it there.
            default_gateway: String::new(),
        }
    }

    pub fn port_mut(&mut self, name: &str) -> Option<&mut PortForm> {
        self.ports
            .iter_mut()
            .find(|p| p.name.eq_ignore_ascii_case(name))
    }

    pub fn port(&self, name: &str) -> Option<&PortForm> {
        self.ports
            .iter()
            .find(|p| p.name.eq_ignore_ascii_case(name))
    }

    /// Reads and checks the whole draft. Returns the candidate configuration
    /// (revision `base_revision + 1`) when nothing is wrong, and every error.
    ///
    /// Semantic rules run even when some forms do not parse, with the applied
    /// values standing in for those, so that the administrator sees every
    /// problem at once rather than one at a time.
    pub fn resolve(
        &self,
        applied: &Config,
        profile: &DeviceProfile,
    ) -> (Option<Config>, Vec<FieldError>) {
        let mut syntax = Vec::new();
        // The ports that could not be read whole, with what could be read.
        let mut partial_ports = Vec::new();
        let ports: Vec<PortConfig> = self
            .ports
            .iter()
            .enumerate()
            .map(|(i, f)| match f.parse() {
                Ok(p) => p,
                Err(e) => {
                    syntax.extend(e);
                    partial_ports.push((i, f.parse_parts().0));
                    stand_in(f, applied)
                }
            })
            .collect();
        // The compute port's subnet as typed, for the examples in its messages.
        let subnet = ports
            .iter()
            .find(|p| p.name.eq_ignore_ascii_case(self.compute.port.trim()))
            .and_then(|p| p.addressing.as_static())
            .map(|st| st.interface);
        let (compute, partial) = match self.compute.parse_in(subnet) {
            Ok(c) => (c, false),
            Err(e) => {
                syntax.extend(e);
                (None, true)
            }
        };
        let mut partial_kubernetes = None;
        let kubernetes = match self.kubernetes.parse(&applied.kubernetes) {
            Ok(k) => k,
            Err(e) => {
                syntax.extend(e);
                partial_kubernetes = Some(self.kubernetes.parse_parts(&applied.kubernetes).0);
                applied.kubernetes.clone()
            }
        };
        let revision = self.base_revision + 1;
        let mut candidate = Config {
            revision,
            ports,
            compute,
            kubernetes,
            routes: self
                .routes
                .clone()
                .unwrap_or_else(|| applied.routes.clone()),
            default_gateway: None,
        };
        candidate.default_gateway = self.default_gateway_choice(&candidate, applied, profile);
        if let Some(at) = applied.kubernetes.locked_at {
            let (was, now) = (&applied.kubernetes, &candidate.kubernetes);
            for (key, label, changed) in [
                (
                    "kubernetes.pod_cidr",
                    "val-label-pod-network",
                    was.pod_cidr != now.pod_cidr,
                ),
                (
                    "kubernetes.service_cidr",
                    "val-label-service-network",
                    was.service_cidr != now.service_cidr,
                ),
                (
                    "kubernetes.dns_ip",
                    "val-label-cluster-dns",
                    was.dns() != now.dns(),
                ),
            ] {
                if changed {
                    syntax.push(FieldError::new(
                        key,
                        crate::msg!(
                            "val-kubernetes-locked",
                            label = Message::new(label),
                            revision = at
                        ),
                    ));
                }
            }
        }
        candidate.kubernetes.locked_at = applied
            .kubernetes
            .locked_at
            .or(candidate.compute.as_ref().map(|_| revision));
        // Keep the port name as the device spells it, however it was typed.
        if let Some(c) = candidate.compute.as_mut() {
            if let Some(spec) = profile.port(&c.port) {
                c.port = spec.name.clone();
            }
        }
        let mut semantic = validate(&candidate, profile);
        // A port that could not be read is checked on what could be (its
        // applied settings, standing in above for the other rules, say
        // nothing about what was typed).
        for (i, parts) in &partial_ports {
            let own = format!("ports.{}.", parts.name);
            semantic.retain(|e| !e.field.starts_with(&own));
            validate_port_parts(parts, &candidate.ports[..*i], profile, &mut semantic);
        }
        if let Some(parts) = &partial_kubernetes {
            semantic.retain(|e| !e.field.starts_with("kubernetes."));
            super::kubernetes::validate_parts(parts, &candidate, profile, &mut semantic);
        }
        if partial {
            semantic.extend(self.compute.partial_errors(&candidate, profile));
        }
        let syntax_ok = syntax.is_empty();
        let mut errors = syntax;
        for e in semantic {
            if !errors.iter().any(|x| x.field == e.field) {
                errors.push(e);
            }
        }
        (
            if syntax_ok && errors.is_empty() {
                Some(candidate)
            } else {
                None
            },
            errors,
        )
    }

    /// Which port `next` (this draft's configuration) names to hold the
    /// default gateway. The administrator's choice when there is one (its
    /// name as the device spells it). Without one, the port that holds it
    /// now keeps it while it can: giving another port a gateway must not
    /// move the VMs' way out without a word (#18 item 1). It moves by
    /// itself only when its port can no longer hold it, which the
    /// consequences then say.
    fn default_gateway_choice(
        &self,
        next: &Config,
        applied: &Config,
        profile: &DeviceProfile,
    ) -> Option<String> {
        // A port the rule gives anyway is not stored: a configuration has one
        // way to say where the gateway is.
        let by_rule = next.default_gateway_port().map(|p| p.name.as_str());
        match self.default_gateway.trim() {
            "" => {
                let holder = applied.default_gateway_port()?;
                let keeps = next
                    .port(&holder.name)
                    .is_some_and(|p| p.can_hold_default_gateway());
                (keeps && by_rule != Some(holder.name.as_str())).then(|| holder.name.clone())
            }
            name => {
                let name = profile
                    .port(name)
                    .map_or_else(|| name.to_string(), |p| p.name.clone());
                (by_rule != Some(name.as_str())).then_some(name)
            }
        }
    }

    /// The ports of the draft as far as they can be read (a port that
    /// cannot be read keeps its applied settings), with the port that would
    /// hold the default gateway and the ports that could: what the Network
    /// page offers as the choice, and what the Gateway fields say.
    pub fn default_gateway_outlook(
        &self,
        applied: &Config,
        profile: &DeviceProfile,
    ) -> GatewayOutlook {
        let mut next = applied.clone();
        next.ports = self
            .ports
            .iter()
            .map(|f| f.parse().unwrap_or_else(|_| stand_in(f, applied)))
            .collect();
        next.default_gateway = None;
        next.default_gateway = self.default_gateway_choice(&next, applied, profile);
        GatewayOutlook {
            now: applied.default_gateway_port().map(|p| p.name.clone()),
            next: next.default_gateway_port().map(|p| p.name.clone()),
            candidates: next
                .default_gateway_candidates()
                .into_iter()
                .map(|p| p.name.clone())
                .collect(),
        }
    }

    /// The fields that differ from the applied configuration.
    pub fn changes(&self, applied: &Config) -> Vec<Change> {
        let before = Draft::from_config(applied);
        let mut out = Vec::new();
        for new in &self.ports {
            let old = before
                .ports
                .iter()
                .find(|p| p.name == new.name)
                .cloned()
                .unwrap_or_default();
            diff_fields(
                Section::Port(new.name.clone()),
                &old.fields(),
                &new.normalized().fields(),
                &mut out,
            );
        }
        diff_fields(
            Section::Compute,
            &before.compute.fields(),
            &self.compute.normalized().fields(),
            &mut out,
        );
        let k = self.kubernetes.normalized(&applied.kubernetes);
        diff_fields(
            Section::Kubernetes,
            &before.kubernetes.fields(),
            &k.fields(),
            &mut out,
        );
        // The administrator's choice of the default gateway's port (where it
        // then is, and any move it makes, are consequences of the draft).
        let chosen = self.default_gateway.trim();
        let holder = applied.default_gateway_port().map(|p| p.name.as_str());
        if !chosen.is_empty() && !holder.is_some_and(|h| h.eq_ignore_ascii_case(chosen)) {
            out.push(Change {
                section: Section::Network,
                field: Field::DefaultGateway,
                from: Value::text(holder.unwrap_or_default()),
                to: Value::text(chosen),
            });
        }
        if let Some(routes) = &self.routes {
            let show = |r: &Route| {
                (
                    Field::Route {
                        destination: r.destination,
                        interface: r.interface.clone(),
                    },
                    Value::Via {
                        next_hop: r.next_hop,
                        metric: r.metric,
                    },
                )
            };
            let old: Vec<_> = applied.routes.iter().map(show).collect();
            let new: Vec<_> = routes.iter().map(show).collect();
            for (f, v) in &old {
                if !new.iter().any(|(g, w)| g == f && w == v) {
                    let to = new
                        .iter()
                        .find(|(g, _)| g == f)
                        .map(|(_, w)| w.clone())
                        .unwrap_or(Value::Empty);
                    out.push(Change {
                        section: Section::Routes,
                        field: f.clone(),
                        from: v.clone(),
                        to,
                    });
                }
            }
            for (f, v) in &new {
                if !old.iter().any(|(g, _)| g == f) {
                    out.push(Change {
                        section: Section::Routes,
                        field: f.clone(),
                        from: Value::Empty,
                        to: v.clone(),
                    });
                }
            }
        }
        out
    }

    /// Notes that do not block applying (see [`KubernetesForm::warnings`]).
    pub fn warnings(&self, applied: &Config) -> Vec<FieldError> {
        self.kubernetes.warnings(&applied.kubernetes)
    }
}

fn diff_fields(
    section: Section,
    old: &[(Field, Value)],
    new: &[(Field, Value)],
    out: &mut Vec<Change>,
) {
    for (field, to) in new {
        let from = old
            .iter()
            .find(|(l, _)| l == field)
            .map(|(_, v)| v.clone())
            .unwrap_or(Value::Empty);
        if &from != to {
            out.push(Change {
                section: section.clone(),
                field: field.clone(),
                from,
                to: to.clone(),
            });
        }
    }
    for (field, from) in old {
        if !new.iter().any(|(l, _)| l == field) {
            out.push(Change {
                section: section.clone(),
                field: field.clone(),
                from: from.clone(),
                to: Value::Empty,
            });
        }
    }
}
