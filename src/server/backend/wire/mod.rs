//! The wire checks, from the network namespace that stands for the VMs
//! (`route-namespace`): an RFC 5227 address-conflict probe of the compute
//! port's segment before applying, and a reachability check (ICMP echo)
//! after every apply. The VM's own side of the compute port (node address,
//! MTU) is programmed here too, so that the namespace is a faithful VM.
//!
//! What is decided about the frames (which addresses, the bound, what the
//! answers mean) lives in `domain::probe`; this module only sends and
//! listens. Without a route namespace (a dry run) or with
//! `wire-checks = false`, nothing is sent and every result says so.

pub mod address;
pub mod arp;
pub mod netns;
pub mod ping;

use std::{
    sync::{
        atomic::{AtomicU64, Ordering},
        Mutex,
    },
    time::{Duration, Instant, SystemTime, UNIX_EPOCH},
};

use crate::domain::{
    error::FieldError,
    model::Config,
    probe::{self, ProbeReport, ProbeScope, Reachability, Wire, WireStatus},
    vm::EXTERNAL_NIC,
};

/// How long an echo request waits for its reply.
const ECHO_TIMEOUT: Duration = Duration::from_millis(800);

/// Why a probe did not run.
#[derive(Debug)]
pub enum ProbeError {
    /// Another probe is running on this device (HTTP 409).
    Busy,
    /// The scope cannot be probed: the field and why (HTTP 422).
    Refused(FieldError),
    /// The namespace or the socket failed (HTTP 500; logged).
    Failed(String),
}

/// The wire checks of one device: at most one probe at a time, and the
/// latest results, which pages and the API show.
#[derive(Debug)]
pub struct WireChecks {
    mode: Wire,
    namespace: Option<String>,
    pace: arp::Pace,
    running: tokio::sync::Mutex<()>,
    last: Mutex<WireStatus>,
    /// Changes with every stored result, so kept pages are rendered again.
    version: AtomicU64,
    reached: tokio::sync::watch::Sender<u64>,
}

pub(crate) fn now() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0)
}

impl WireChecks {
    /// `namespace`: the route namespace (`None`: dry run); `enabled`: the
    /// `wire-checks` setting.
    pub fn new(namespace: Option<String>, enabled: bool) -> Self {
        let mode = match (&namespace, enabled) {
            (None, _) => Wire::DryRun,
            (Some(_), false) => Wire::Off,
            (Some(_), true) => Wire::Checked,
        };
        WireChecks {
            mode,
            namespace,
            pace: arp::Pace::default(),
            running: tokio::sync::Mutex::new(()),
            last: Mutex::new(WireStatus {
                wire: mode,
                ..Default::default()
            }),
            version: AtomicU64::new(0),
            reached: tokio::sync::watch::channel(0).0,
        }
    }

    pub fn mode(&self) -> Wire {
        self.mode
    }

    /// The latest probe and reachability results.
    pub fn status(&self) -> WireStatus {
        self.last.lock().unwrap_or_else(|p| p.into_inner()).clone()
    }

    /// Changes whenever a result is stored.
    pub fn version(&self) -> u64 {
        self.version.load(Ordering::SeqCst)
    }

    fn store(&self, f: impl FnOnce(&mut WireStatus)) {
        f(&mut self.last.lock().unwrap_or_else(|p| p.into_inner()));
        self.version.fetch_add(1, Ordering::SeqCst);
    }

    /// Probes `scope`'s addresses from the namespace's `eth1` and keeps the
    /// report as the device's latest. At most one at a time: a second one
    /// meanwhile is [`ProbeError::Busy`].
    pub async fn probe(&self, scope: ProbeScope) -> Result<ProbeReport, ProbeError> {
        let plan = probe::plan(&scope).map_err(ProbeError::Refused)?;
        let Ok(_guard) = self.running.try_lock() else {
            return Err(ProbeError::Busy);
        };
        let started = Instant::now();
        let answers = match (self.mode, &self.namespace) {
            (Wire::Checked, Some(ns)) => {
                let (ns, targets, pace) = (ns.clone(), plan.addresses(), self.pace);
                tokio::task::spawn_blocking(move || {
                    netns::run_in(&ns, move || arp::probe(EXTERNAL_NIC, &targets, pace))
                })
                .await
                .map_err(|e| ProbeError::Failed(e.to_string()))?
                .map_err(ProbeError::Failed)?
            }
            _ => Vec::new(),
        };
        let report = probe::findings(
            &scope,
            &plan,
            self.mode,
            &answers,
            now(),
            started.elapsed().as_millis() as u64,
        );
        self.store(|s| s.probe = Some(report.clone()));
        Ok(report)
    }

    /// Pings the gateway, the custom routes' next hops and the DNS servers
    /// of `config` from the namespace, and keeps the result as the latest.
    pub async fn reach(&self, config: &Config) -> Reachability {
        let targets = probe::reach_targets(config);
        let times = match (self.mode, &self.namespace) {
            (Wire::Checked, Some(ns)) if !targets.is_empty() => {
                let ns = ns.clone();
                let addrs: Vec<_> = targets.iter().map(|t| t.address).collect();
                let outcome = tokio::task::spawn_blocking(move || {
                    netns::block_in(&ns, move || async move {
                        ping::ping_all(&addrs, ECHO_TIMEOUT).await
                    })
                })
                .await
                .map_err(|e| e.to_string())
                .and_then(|r| r);
                outcome.unwrap_or_else(|e| {
                    tracing::error!(error = %e, "reachability check failed");
                    Default::default()
                })
            }
            _ => Default::default(),
        };
        let r = Reachability::from_times(
            config.revision,
            self.mode,
            &targets,
            |a| times.get(&a).copied().flatten(),
            now(),
        );
        self.store(|s| s.reachability = Some(r.clone()));
        self.reached.send_replace(config.revision);
        r
    }

    /// Waits up to `limit` until the reachability of `revision` (or a later
    /// one) is known, and returns the latest.
    pub async fn reachability_of(&self, revision: u64, limit: Duration) -> Option<Reachability> {
        let mut rx = self.reached.subscribe();
        let _ = tokio::time::timeout(limit, rx.wait_for(|r| *r >= revision)).await;
        self.status().reachability
    }

    /// Programs the VM's side of the compute port in the namespace (node
    /// address and MTU on `eth1`); nothing in a dry run.
    pub async fn program_vm_side(&self, config: &Config) -> Result<(), String> {
        let Some(ns) = self.namespace.clone() else {
            return Ok(());
        };
        let side = address::wanted(config, EXTERNAL_NIC);
        tokio::task::spawn_blocking(move || netns::block_in(&ns, move || address::program(side)))
            .await
            .map_err(|e| e.to_string())?
    }
}
