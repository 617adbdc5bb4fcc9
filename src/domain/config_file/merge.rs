//! A file onto the applied configuration, and every rule on the result.

use super::{ConfigFile, RouteEntry};
use crate::domain::{
    change::Change,
    error::FieldError,
    form::{default_switch_name, ComputeForm, Draft, PortForm},
    kubernetes::KubernetesForm,
    model::Config,
    model::DeviceProfile,
    model::Route,
    routes::RouteForm,
};

/// What a file would do to the applied configuration.
#[derive(Clone, Debug, PartialEq)]
pub struct Checked {
    /// The file merged onto the applied revision, as staged changes.
    pub draft: Draft,
    /// The configuration applying it gives (its revision is the next one).
    pub candidate: Config,
    /// Field by field; empty when the file changes nothing.
    pub changes: Vec<Change>,
    /// Notes that do not block applying (host bits cleared, Docker's bridge).
    pub warnings: Vec<FieldError>,
}

/// The file merged onto `applied`: each section the file has replaces that
/// section's text forms; a section it lacks keeps the applied values.
/// Errors that only the file can have (a port the device lacks, a route that
/// does not read) come back with their key path; the draft holds the rest.
pub fn merge(
    file: &ConfigFile,
    applied: &Config,
    profile: &DeviceProfile,
) -> (Draft, RouteIndex, Vec<FieldError>) {
    let mut draft = Draft::from_config(applied);
    let mut errors = Vec::new();
    if let Some(ports) = &file.ports {
        let mut seen: Vec<&str> = Vec::new();
        for (name, e) in &ports.0 {
            let Some(spec) = profile.port(name) else {
                let names: Vec<&str> = profile.ports.iter().map(|p| p.name.as_str()).collect();
                errors.push(FieldError::new(
                    format!("ports.{name}"),
                    crate::msg!("file-port-unknown", name = name, ports = names),
                ));
                continue;
            };
            if seen.contains(&spec.name.as_str()) {
                errors.push(FieldError::new(
                    format!("ports.{name}"),
                    crate::msg!("file-port-twice", name = &spec.name),
                ));
                continue;
            }
            seen.push(&spec.name);
            let text = |v: &Option<String>| v.clone().unwrap_or_default();
            let form = PortForm {
                name: spec.name.clone(),
                mode: e.mode.clone(),
                address: text(&e.address),
                prefix: e.prefix.as_ref().map(|p| p.text()).unwrap_or_default(),
                gateway: text(&e.gateway),
                dns_primary: text(&e.dns_primary),
                dns_secondary: text(&e.dns_secondary),
                mtu: e
                    .mtu
                    .as_ref()
                    .map_or_else(|| spec.mtu_max.to_string(), |m| m.text()),
            };
            if let Some(slot) = draft.port_mut(&spec.name) {
                *slot = form;
            }
        }
    }
    if let Some(c) = &file.compute {
        if c.enabled {
            let text = |v: &Option<String>| v.clone().unwrap_or_default();
            let port = text(&c.port);
            draft.compute = ComputeForm {
                switch_name: c
                    .switch_name
                    .clone()
                    .unwrap_or_else(|| default_switch_name(port.trim())),
                port,
                node_start: text(&c.node_ips),
                node_end: String::new(),
                service_start: text(&c.service_ips),
                service_end: String::new(),
                skip_edge: c.skip_edge_addresses.unwrap_or(false),
            };
            for (key, missing) in [
                ("port", c.port.is_none()),
                ("node_ips", c.node_ips.is_none()),
                ("service_ips", c.service_ips.is_none()),
            ] {
                if missing {
                    let key = format!("compute.{key}");
                    errors.push(FieldError::new(
                        key.clone(),
                        crate::msg!("file-key-missing", key = key),
                    ));
                }
            }
        } else {
            let extra = [
                ("port", c.port.is_some()),
                ("switch_name", c.switch_name.is_some()),
                ("node_ips", c.node_ips.is_some()),
                ("service_ips", c.service_ips.is_some()),
                ("skip_edge_addresses", c.skip_edge_addresses.is_some()),
            ];
            for (key, _) in extra.iter().filter(|(_, given)| *given) {
                errors.push(FieldError::new(
                    format!("compute.{key}"),
                    crate::msg!("file-compute-off-with-key", key = format!("compute.{key}")),
                ));
            }
            draft.compute = ComputeForm::default();
        }
    }
    if let Some(port) = &file.default_gateway {
        draft.default_gateway = port.clone();
    }
    if let Some(k) = &file.kubernetes {
        draft.kubernetes = KubernetesForm {
            pod_cidr: k.pod_cidr.clone(),
            service_cidr: k.service_cidr.clone(),
            dns_ip: k.dns_ip.clone().unwrap_or_default(),
        };
    }
    let mut index = RouteIndex(Vec::new());
    if let Some(entries) = &file.routes {
        let mut routes = Vec::new();
        for (i, e) in entries.iter().enumerate() {
            match route(e, profile) {
                Ok(r) => {
                    index.0.push(i);
                    routes.push(r);
                }
                Err(errs) => errors.extend(
                    errs.into_iter()
                        .map(|x| FieldError::new(format!("routes[{i}].{}", x.field), x.message)),
                ),
            }
        }
        draft.routes = Some(routes);
    }
    (draft, index, errors)
}

/// Which entry of the file's `routes` each route of the draft came from
/// (entries that did not read are left out of the draft).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RouteIndex(Vec<usize>);

/// One route entry read by the domain's route parser, its interface spelt
/// as the device profile spells it.
fn route(e: &RouteEntry, profile: &DeviceProfile) -> Result<Route, Vec<FieldError>> {
    let form = RouteForm {
        destination: e.destination.clone(),
        prefix_length: e
            .prefix_length
            .as_ref()
            .map(|p| p.text())
            .unwrap_or_default(),
        next_hop: e.next_hop.clone(),
        interface: e.interface.clone(),
        metric: e.metric.as_ref().map(|m| m.text()).unwrap_or_default(),
    };
    let (mut r, _) = form.parse()?;
    if let Some(spec) = profile.port(&r.interface) {
        r.interface = spec.name.clone();
    }
    Ok(r)
}

/// The key path in the file of a field the domain's rules name:
/// `routes.3.next_hop` is `routes[3].next_hop` (3 counting in the file's
/// own entries); the other sections' names are the file's already.
fn file_path(field: &str, index: &RouteIndex) -> String {
    if let Some(rest) = field.strip_prefix("routes.") {
        if let Some((i, key)) = rest.split_once('.') {
            if let Some(at) = i.parse::<usize>().ok().and_then(|i| index.0.get(i)) {
                return format!("routes[{at}].{key}");
            }
        }
    }
    field.to_string()
}

/// Reads `file` against `applied` and checks every rule on the result.
/// Errors name the file's key paths; nothing is returned to stage or apply
/// unless there is none.
pub fn check(
    file: &ConfigFile,
    applied: &Config,
    profile: &DeviceProfile,
) -> Result<Checked, Vec<FieldError>> {
    let (draft, index, mut errors) = merge(file, applied, profile);
    let (candidate, rule_errors) = draft.resolve(applied, profile);
    for e in rule_errors {
        let field = file_path(&e.field, &index);
        // A key already refused for its shape says enough.
        if !errors.iter().any(|x| x.field == field) {
            errors.push(FieldError::new(field, e.message));
        }
    }
    match candidate {
        Some(candidate) if errors.is_empty() => Ok(Checked {
            changes: draft.changes(applied),
            warnings: draft.warnings(applied),
            draft,
            candidate,
        }),
        _ => Err(errors),
    }
}
