//! The server's runtime configuration: `Leptos.toml`.
//!
//! The file holds two tables. `[edgenet]` is the app's own; everything from
//! the `[package.metadata.leptos]` line on is read by leptos_config, which is
//! why `[edgenet]` must come first. Precedence, lowest to highest: built-in
//! defaults, the file, `EDGENET_*`/`LEPTOS_*` environment variables, flags.

use std::{
    net::SocketAddr,
    path::{Path, PathBuf},
};

use leptos::config::LeptosOptions;
use serde::Deserialize;

use crate::domain::model::DeviceProfile;
use crate::server::{auth::Policy, http::tls::Tls, http::Limits};

/// Everything the server needs to start.
#[derive(Clone, Debug)]
pub struct Settings {
    pub leptos: LeptosOptions,
    pub device_name: String,
    pub data_dir: PathBuf,
    pub profile: DeviceProfile,
    /// Where the profile came from, for the start-up log.
    pub profile_source: String,
    /// The network namespace standing for a Kubernetes VM, whose routes the
    /// server keeps in step with the configuration; `None` is a dry run.
    pub route_namespace: Option<String>,
    /// The network namespace standing for the device's host, whose ports,
    /// switches and NAT the server keeps in step with the configuration
    /// (`host-namespace`); `None` is a dry run.
    pub host_namespace: Option<String>,
    /// The password of a device's first start; generated (and logged once) when unset.
    pub initial_password: Option<String>,
    pub tls: Tls,
    pub access: Policy,
    /// Keep server-rendered pages until the configuration changes (on by default).
    pub page_cache: bool,
    /// Time limits and connection caps against slow and greedy clients.
    pub limits: Limits,
    /// Send the wire checks' frames (ARP probes, ICMP echo) from the route
    /// namespace; `false` (`wire-checks = false`) sends nothing.
    pub wire_checks: bool,
    /// How long an apply that can cut the administrator off runs on trial
    /// before the device restores the revision it replaced (`trial-seconds`,
    /// default 60; 0: no trials).
    pub trial_seconds: crate::domain::trial::TrialSeconds,
}

/// The keys of `[edgenet]`.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct AppSection {
    device_name: Option<String>,
    data_dir: Option<PathBuf>,
    profile: Option<PathBuf>,
    route_namespace: Option<String>,
    host_namespace: Option<String>,
    wire_checks: Option<bool>,
    initial_password: Option<String>,
    plain_http: Option<bool>,
    tls_cert: Option<PathBuf>,
    tls_key: Option<PathBuf>,
    session_idle_minutes: Option<u64>,
    page_cache: Option<bool>,
    signin_attempts: Option<u32>,
    signin_lockout_minutes: Option<u64>,
    request_head_seconds: Option<u64>,
    idle_seconds: Option<u64>,
    max_connections: Option<usize>,
    max_connections_per_client: Option<usize>,
    trial_seconds: Option<u32>,
}

/// The shape of the whole file, checked key by key before leptos_config reads
/// its part, so that a mistake is reported with the key's full name.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct FileShape {
    #[serde(default)]
    edgenet: AppSection,
    package: Option<PackageShape>,
}

#[derive(Debug, Deserialize)]
#[allow(dead_code)]
struct PackageShape {
    metadata: MetadataShape,
}

#[derive(Debug, Deserialize)]
#[allow(dead_code)]
struct MetadataShape {
    leptos: LeptosShape,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "kebab-case")]
#[allow(dead_code)] // read for their types only: a wrong type is an error here
struct LeptosShape {
    output_name: String,
    site_root: Option<String>,
    site_pkg_dir: Option<String>,
    site_addr: Option<SocketAddr>,
    reload_port: Option<u16>,
    env: Option<String>,
}

/// What the command line says; `None` leaves the file's value.
#[derive(Debug, Default, Clone)]
pub struct Overrides {
    pub listen: Option<SocketAddr>,
    pub data_dir: Option<PathBuf>,
}

/// A one-line, human-readable reason the configuration cannot be used.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct SettingsError(pub String);

impl Settings {
    pub fn load(path: &Path, overrides: &Overrides) -> Result<Settings, SettingsError> {
        let shown = path.display();
        let text = std::fs::read_to_string(path)
            .map_err(|e| SettingsError(format!("cannot read configuration file {shown}: {e}")))?;
        let de = toml::Deserializer::new(&text);
        let shape: FileShape = serde_path_to_error::deserialize(de).map_err(|e| {
            let key = e.path().to_string();
            let inner = e.into_inner();
            let line = inner
                .span()
                .map(|s| text[..s.start].matches('\n').count() + 1);
            let at = line.map(|l| format!(" (line {l})")).unwrap_or_default();
            let key = if key == "." {
                String::new()
            } else {
                format!(" key {key}:")
            };
            SettingsError(format!("{shown}:{key} {}{at}", inner.message().trim()))
        })?;
        if shape.package.is_none() {
            return Err(SettingsError(format!("{shown}: missing table [package.metadata.leptos] (it holds output-name, site-root and site-addr)")));
        }
        let mut leptos = leptos::config::get_configuration(Some(&path.to_string_lossy()))
            .map_err(|e| SettingsError(format!("{shown}: {}", one_line(&e.to_string()))))?
            .leptos_options;
        if let Some(listen) = overrides.listen {
            leptos.site_addr = listen;
        }

        let app = shape.edgenet;
        let app_limits = LimitKeys {
            request_head_seconds: app.request_head_seconds,
            idle_seconds: app.idle_seconds,
            max_connections: app.max_connections,
            max_connections_per_client: app.max_connections_per_client,
        };
        let base = path.parent().unwrap_or(Path::new("."));
        let env = |k: &str| std::env::var(k).ok().filter(|v| !v.trim().is_empty());
        let device_name = env("EDGENET_DEVICE_NAME")
            .or(app.device_name)
            .unwrap_or_else(|| "edge-device".into());
        let data_dir = overrides
            .data_dir
            .clone()
            .or_else(|| env("EDGENET_DATA_DIR").map(PathBuf::from))
            .or(app.data_dir.map(|d| base.join(d)))
            .unwrap_or_else(|| base.join("data"));
        let profile_path = env("EDGENET_PROFILE")
            .map(PathBuf::from)
            .or(app.profile.map(|p| base.join(p)));
        let (profile, profile_source) = match profile_path {
            None => (
                DeviceProfile::default_appliance(),
                "embedded default".to_string(),
            ),
            Some(p) => (load_profile(&p)?, p.display().to_string()),
        };
        let route_namespace = namespace(
            &shown.to_string(),
            "route-namespace",
            env("EDGENET_ROUTE_NAMESPACE").or(app.route_namespace),
        )?;
        let host_namespace = namespace(
            &shown.to_string(),
            "host-namespace",
            env("EDGENET_HOST_NAMESPACE").or(app.host_namespace),
        )?;
        // One namespace cannot be both: the host's reconcile would remove
        // the VMs' default route and addresses as not the revision's, and
        // the other way round.
        if let (Some(host), Some(route)) = (&host_namespace, &route_namespace) {
            if host == route {
                return Err(SettingsError(format!("{shown}: key edgenet.host-namespace: \"{host}\" is also the route-namespace; the device's host and the VMs need a namespace each")));
            }
        }
        let initial_password = env("EDGENET_INITIAL_PASSWORD").or(app.initial_password);
        if let Some(p) = &initial_password {
            if let Err(problem) = crate::domain::password::check_new(p, p) {
                return Err(SettingsError(format!("{shown}: key edgenet.initial-password (or EDGENET_INITIAL_PASSWORD): {problem}")));
            }
        }
        let plain_http = match env("EDGENET_PLAIN_HTTP") {
            Some(v) => match v.as_str() {
                "1" | "true" | "yes" => true,
                "0" | "false" | "no" => false,
                _ => {
                    return Err(SettingsError(format!(
                        "EDGENET_PLAIN_HTTP: \"{v}\" is not 1/true/yes or 0/false/no"
                    )))
                }
            },
            None => app.plain_http.unwrap_or(false),
        };
        let page_cache = match env("EDGENET_PAGE_CACHE").as_deref() {
            None => app.page_cache.unwrap_or(true),
            Some("1" | "true" | "on") => true,
            Some("0" | "false" | "off") => false,
            Some(v) => {
                return Err(SettingsError(format!(
                    "EDGENET_PAGE_CACHE: \"{v}\" is not on/off"
                )))
            }
        };
        let wire_checks = match env("EDGENET_WIRE_CHECKS").as_deref() {
            None => app.wire_checks.unwrap_or(true),
            Some("1" | "true" | "on") => true,
            Some("0" | "false" | "off") => false,
            Some(v) => {
                return Err(SettingsError(format!(
                    "EDGENET_WIRE_CHECKS: \"{v}\" is not on/off"
                )))
            }
        };
        let cert = env("EDGENET_TLS_CERT")
            .map(PathBuf::from)
            .or(app.tls_cert.map(|p| base.join(p)));
        let key = env("EDGENET_TLS_KEY")
            .map(PathBuf::from)
            .or(app.tls_key.map(|p| base.join(p)));
        let tls = match (plain_http, cert, key) {
            (true, _, _) => Tls::Off,
            (false, Some(cert), Some(key)) => Tls::Files { cert, key },
            (false, None, None) => Tls::SelfSigned,
            _ => return Err(SettingsError(format!("{shown}: keys edgenet.tls-cert and edgenet.tls-key go together: set both (or neither, for a self-signed certificate)"))),
        };
        let minutes = |v: Option<u64>,
                       key: &str,
                       default: u64|
         -> Result<std::time::Duration, SettingsError> {
            match v.unwrap_or(default) {
                0 => Err(SettingsError(format!(
                    "{shown}: key edgenet.{key}: must be at least 1 minute"
                ))),
                m => Ok(std::time::Duration::from_secs(m * 60)),
            }
        };
        let access = Policy {
            idle: minutes(app.session_idle_minutes, "session-idle-minutes", 15)?,
            attempts: match app.signin_attempts.unwrap_or(5) {
                0 => {
                    return Err(SettingsError(format!(
                        "{shown}: key edgenet.signin-attempts: must be at least 1"
                    )))
                }
                n => n,
            },
            lockout: minutes(app.signin_lockout_minutes, "signin-lockout-minutes", 5)?,
            secure: tls != Tls::Off,
        };
        let limits = limits(&app_limits, &shown.to_string())?;
        let trial_seconds = match env("EDGENET_TRIAL_SECONDS") {
            Some(v) => v
                .parse()
                .map_err(|e: crate::domain::trial::BadTrialSeconds| {
                    SettingsError(format!("EDGENET_TRIAL_SECONDS: {e}"))
                })?,
            None => match app.trial_seconds {
                None => crate::domain::trial::TrialSeconds::DEFAULT,
                Some(n) => crate::domain::trial::TrialSeconds::new(n).ok_or_else(|| {
                    SettingsError(format!(
                        "{shown}: key edgenet.trial-seconds: {n} is more than {} seconds",
                        crate::domain::trial::TrialSeconds::MAX
                    ))
                })?,
            },
        };
        Ok(Settings {
            leptos,
            device_name,
            data_dir,
            profile,
            profile_source,
            route_namespace,
            host_namespace,
            initial_password,
            tls,
            access,
            page_cache,
            limits,
            wire_checks,
            trial_seconds,
        })
    }
}

/// A namespace setting (`key`), as `ip netns` names them: letters, digits,
/// `-`, `_`, `.`, not starting with `.`; empty is none.
fn namespace(shown: &str, key: &str, value: Option<String>) -> Result<Option<String>, SettingsError> {
    let value = value.filter(|n| !n.trim().is_empty());
    if let Some(ns) = &value {
        if !ns
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
            || ns.starts_with('.')
        {
            return Err(SettingsError(format!("{shown}: key edgenet.{key}: \"{ns}\" is not a namespace name (letters, digits, '-', '_', '.')")));
        }
    }
    Ok(value)
}

/// The `[edgenet]` keys of [`Limits`], as written.
struct LimitKeys {
    request_head_seconds: Option<u64>,
    idle_seconds: Option<u64>,
    max_connections: Option<usize>,
    max_connections_per_client: Option<usize>,
}

/// Checks the limits' keys: times from 1 s to an hour, and a per-client cap
/// of at most half the total, so that one address never holds the server.
fn limits(k: &LimitKeys, shown: &str) -> Result<Limits, SettingsError> {
    let d = Limits::default();
    let seconds = |v: Option<u64>, key: &str, default: std::time::Duration| match v {
        None => Ok(default),
        Some(s @ 1..=3600) => Ok(std::time::Duration::from_secs(s)),
        Some(_) => Err(SettingsError(format!(
            "{shown}: key edgenet.{key}: must be from 1 to 3600 seconds"
        ))),
    };
    let max = k.max_connections.unwrap_or(d.max_connections);
    if !(2..=1_000_000).contains(&max) {
        return Err(SettingsError(format!(
            "{shown}: key edgenet.max-connections: must be from 2 to 1000000"
        )));
    }
    let per_client = k
        .max_connections_per_client
        .unwrap_or(d.max_connections_per_client.min(max / 2));
    if per_client == 0 || per_client > max / 2 {
        return Err(SettingsError(format!(
            "{shown}: key edgenet.max-connections-per-client: must be from 1 to half of max-connections ({})",
            max / 2
        )));
    }
    Ok(Limits {
        request_head: seconds(
            k.request_head_seconds,
            "request-head-seconds",
            d.request_head,
        )?,
        idle: seconds(k.idle_seconds, "idle-seconds", d.idle)?,
        max_connections: max,
        max_connections_per_client: per_client,
    })
}

/// Reads a device profile file (TOML with the fields of [`DeviceProfile`]).
pub fn load_profile(path: &Path) -> Result<DeviceProfile, SettingsError> {
    let shown = path.display();
    let text = std::fs::read_to_string(path)
        .map_err(|e| SettingsError(format!("cannot read device profile {shown}: {e}")))?;
    let profile: DeviceProfile = serde_path_to_error::deserialize(toml::Deserializer::new(&text))
        .map_err(|e| {
        let key = e.path().to_string();
        SettingsError(format!(
            "{shown}: key {key}: {}",
            e.into_inner().message().trim()
        ))
    })?;
    profile
        .check()
        .map_err(|e| SettingsError(format!("{shown}: {e}")))?;
    Ok(profile)
}

fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}
