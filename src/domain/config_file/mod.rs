//! The whole configuration as a file: what an administrator downloads, keeps
//! in Git, and applies to the next device (`docs/config-file.md`, which the
//! device serves at `/docs/config-file`).
//!
//! The file is TOML with a format version (`format = 1`) and four sections,
//! `ports`, `compute`, `kubernetes` and `routes`, each optional: a section
//! left out leaves that part of the device as it is. It holds no secrets.
//!
//! Reading a file has three steps, each of which names the key it refuses:
//! - [`parse`]: TOML syntax (with line and column), the format version
//!   (a newer one is refused), unknown keys and wrong types (with the key's
//!   path, `ports.Port3.gatway`);
//! - [`merge`](merge::merge): the file onto the applied configuration, as a
//!   [`Draft`](super::form::Draft) of the same text forms the pages post;
//!   a port the device profile lacks is refused here;
//! - [`check`](merge::check): every rule of the domain on the merged result,
//!   each error with the key path it concerns (`compute.node_ips`,
//!   `routes[3].next_hop`).
//!
//! Values stay text until the domain's own parsers read them, so a file, a
//! page and the HTTP API are read by one set of parsers and one set of rules.

mod merge;
mod scalar;
#[cfg(test)]
mod tests;

use serde::{Deserialize, Serialize};

pub use merge::{check, merge, Checked};
pub use scalar::{Ports, Scalar};

use super::error::FieldError;
use super::model::Route;
use super::model::{Addressing, Config};

/// The format this edgenet writes and the newest it reads. A later edgenet
/// reads every earlier format; this one refuses a newer one rather than
/// guessing at keys it does not know.
pub const FORMAT: i64 = 1;

/// A configuration file as read: every section optional.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ConfigFile {
    /// The file format's version, [`FORMAT`] for files this edgenet writes.
    pub format: i64,
    /// The port chosen to hold the default gateway (and the VMs' NAT); left
    /// out, it stays where it is.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub default_gateway: Option<String>,
    /// Port name (as the device profile spells it) → its settings.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ports: Option<Ports>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub compute: Option<ComputeSection>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kubernetes: Option<KubernetesSection>,
    /// Every custom route; when present it replaces the applied ones.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub routes: Option<Vec<RouteEntry>>,
}

/// One port, stated completely: keys left out take their defaults (no
/// gateway, no DNS, the port's largest MTU).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PortEntry {
    /// `dhcp` or `static`.
    pub mode: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub address: Option<String>,
    /// A prefix length (`24`) or a dotted mask (`"255.255.255.0"`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub prefix: Option<Scalar>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub gateway: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dns_primary: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dns_secondary: Option<String>,
    /// Bytes; within the port's bounds in the device profile.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mtu: Option<Scalar>,
}

/// The external virtual switch and the Kubernetes address ranges on it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ComputeSection {
    /// `false` turns compute off (and takes no other key).
    #[serde(default = "yes")]
    pub enabled: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub port: Option<String>,
    /// Default: `vSwitch-<port>`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub switch_name: Option<String>,
    /// `"10.0.0.10-10.0.0.12"`, or one address.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub node_ips: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub service_ips: Option<String>,
    /// Keep MetalLB from handing out .0 and .255 addresses; default `false`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub skip_edge_addresses: Option<bool>,
}

fn yes() -> bool {
    true
}

/// The cluster's networks (locked once compute has been applied).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct KubernetesSection {
    pub pod_cidr: String,
    pub service_cidr: String,
    /// Default: the tenth address of the service network.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dns_ip: Option<String>,
}

/// One custom route, as `Add-HcsNetRoute` takes it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RouteEntry {
    /// `192.168.20.0/24`, or the address with `prefix_length` beside it.
    pub destination: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub prefix_length: Option<Scalar>,
    pub next_hop: String,
    pub interface: String,
    /// Default 100; lower is preferred.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub metric: Option<Scalar>,
}

impl ConfigFile {
    /// The whole of `config` as a file: every section present, so that
    /// applying it elsewhere gives exactly this configuration.
    pub fn export(config: &Config) -> ConfigFile {
        let ports = config
            .ports
            .iter()
            .map(|p| {
                let mut e = PortEntry {
                    mode: "dhcp".into(),
                    mtu: Some(Scalar::Number(i64::from(p.mtu))),
                    ..PortEntry::default()
                };
                if let Addressing::Static(st) = &p.addressing {
                    e.mode = "static".into();
                    e.address = Some(st.address().to_string());
                    e.prefix = Some(Scalar::Number(i64::from(st.interface.prefix_len())));
                    e.gateway = st.gateway.map(|a| a.to_string());
                    e.dns_primary = st.dns_primary.map(|a| a.to_string());
                    e.dns_secondary = st.dns_secondary.map(|a| a.to_string());
                }
                (p.name.clone(), e)
            })
            .collect();
        let compute = match &config.compute {
            None => ComputeSection {
                enabled: false,
                port: None,
                switch_name: None,
                node_ips: None,
                service_ips: None,
                skip_edge_addresses: None,
            },
            Some(c) => ComputeSection {
                enabled: true,
                port: Some(c.port.clone()),
                switch_name: Some(c.switch_name.clone()),
                node_ips: Some(c.node_ips.to_string()),
                service_ips: Some(c.service_ips.to_string()),
                skip_edge_addresses: Some(c.skip_edge_addresses),
            },
        };
        let k = &config.kubernetes;
        ConfigFile {
            format: FORMAT,
            // Where it is, stated: applied on another device, the file puts
            // it on the same port whichever port holds it there.
            default_gateway: config.default_gateway_port().map(|p| p.name.clone()),
            ports: Some(Ports(ports)),
            compute: Some(compute),
            kubernetes: Some(KubernetesSection {
                pod_cidr: k.pod_cidr.to_string(),
                service_cidr: k.service_cidr.to_string(),
                dns_ip: k.dns_ip.map(|a| a.to_string()),
            }),
            routes: Some(config.routes.iter().map(RouteEntry::of).collect()),
        }
    }

    /// The file as TOML, after `heading` (written as `#` comment lines).
    pub fn to_toml(&self, heading: &str) -> String {
        let mut out = String::new();
        for line in heading.lines() {
            out.push_str("# ");
            out.push_str(line);
            out.push('\n');
        }
        if !heading.is_empty() {
            out.push('\n');
        }
        // Every value of a ConfigFile has a TOML form: text, integers, booleans, tables.
        out.push_str(&toml::to_string(self).expect("a configuration file serializes to TOML"));
        out
    }
}

impl RouteEntry {
    pub fn of(r: &Route) -> RouteEntry {
        RouteEntry {
            destination: r.destination.to_string(),
            prefix_length: None,
            next_hop: r.next_hop.to_string(),
            interface: r.interface.clone(),
            metric: Some(Scalar::Number(i64::from(r.metric))),
        }
    }
}

/// The file of `config`, as the export and `edgenet config export` write it.
pub fn export(config: &Config, device: &str) -> String {
    ConfigFile::export(config).to_toml(&format!(
        "edgenet configuration of {device}, revision {}\nFormat: /docs/config-file on the device that wrote it (docs/config-file.md in edgenet's source).\nSections left out are left as they are.",
        config.revision
    ))
}

/// Line and column (both from 1) of a byte offset in `text`.
fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..offset.min(text.len())];
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, column)
}

/// Reads a file: its syntax, its format version, and the shape of every
/// section. Rules about the values come later ([`check`]).
///
/// Errors (field = the key path, or `file` for the syntax):
/// `file-syntax` (line, column), `file-format-missing`, `file-format-invalid`,
/// `file-format-newer`, `file-unknown-key`, `file-key-missing`, `file-key-invalid`.
pub fn parse(text: &str) -> Result<ConfigFile, Vec<FieldError>> {
    // First the syntax and the version alone: a newer file's keys are not
    // unknown, they are newer, and must be refused as such.
    let table: toml::Table = match toml::from_str(text) {
        Ok(t) => t,
        Err(e) => {
            let (line, column) = e.span().map_or((1, 1), |s| line_column(text, s.start));
            return Err(vec![FieldError::new(
                "file",
                crate::msg!(
                    "file-syntax",
                    line = line as i64,
                    column = column as i64,
                    problem = e.message().trim().to_string()
                ),
            )]);
        }
    };
    match table.get("format") {
        None => {
            return Err(vec![FieldError::new(
                "format",
                crate::msg!("file-format-missing", supported = FORMAT),
            )])
        }
        Some(toml::Value::Integer(v)) if *v > FORMAT => {
            return Err(vec![FieldError::new(
                "format",
                crate::msg!("file-format-newer", format = *v, supported = FORMAT),
            )])
        }
        Some(toml::Value::Integer(v)) if *v >= 1 => {}
        Some(other) => {
            return Err(vec![FieldError::new(
                "format",
                crate::msg!(
                    "file-format-invalid",
                    got = other.to_string(),
                    supported = FORMAT
                ),
            )])
        }
    }
    let de = toml::Deserializer::new(text);
    serde_path_to_error::deserialize::<_, ConfigFile>(de).map_err(|e| {
        let path = e.path().to_string();
        let inner = e.inner();
        let problem = inner.message().trim().to_string();
        let (line, column) = inner.span().map_or((0, 0), |s| line_column(text, s.start));
        vec![shape_error(&path, &problem, line, column)]
    })
}

/// A key that is unknown, missing or of the wrong type, as a field error
/// whose field is the key's full path.
fn shape_error(path: &str, problem: &str, line: usize, column: usize) -> FieldError {
    let path = if path == "." { "" } else { path };
    let join = |key: &str| {
        if path.is_empty() {
            key.to_string()
        } else {
            format!("{path}.{key}")
        }
    };
    let quoted = |rest: &str| rest.split('`').nth(1).map(str::to_string);
    let (field, message) = if let Some(key) = problem.strip_prefix("unknown field").and_then(quoted)
    {
        // The path already ends with the unknown key.
        let field = if path.rsplit(['.', ']']).next() == Some(key.as_str()) {
            path.to_string()
        } else {
            join(&key)
        };
        let expected = problem
            .split_once("expected ")
            .map(|(_, e)| e.trim_start_matches("one of ").replace('`', ""))
            .unwrap_or_default();
        let m = crate::msg!("file-unknown-key", key = field.clone(), expected = expected);
        (field, m)
    } else if let Some(key) = problem.strip_prefix("missing field").and_then(quoted) {
        let field = join(&key);
        (field.clone(), crate::msg!("file-key-missing", key = field))
    } else {
        let key = if path.is_empty() { "file" } else { path };
        (
            key.to_string(),
            crate::msg!("file-key-invalid", key = key, problem = problem),
        )
    };
    let message = if line > 0 {
        message
            .arg("line", line as i64)
            .arg("column", column as i64)
    } else {
        message
    };
    FieldError::new(field, message)
}
