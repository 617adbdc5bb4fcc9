//! What reaches the wire: the device's host (ports, switches, NAT, in
//! `host-namespace`), the VMs' kernel (routes and the compute port's
//! address, through netlink in `route-namespace`), the probes on the wire
//! (ARP, ping), and what the last reconcile found.

pub mod health;
pub mod host;
pub mod netlink;
pub mod wire;

use std::{sync::Arc, time::Duration};

use crate::domain::{
    host::{dhcp_held, differences, plan, HostPlan, HostView},
    model::Config,
    routes::kernel::{KernelView, RefusedRoute},
};
use crate::server::storage::store::Store;
use health::{BackendStatus, HostStatus};
use wire::WireChecks;

/// How often the host is looked at again between applies, so that a change
/// made behind edgenet's back shows as a difference. A look that finds the
/// host not holding the revision (a difference, a refusal, no namespace) is
/// followed, one period later, by programming it again: what appears late
/// (a VM's NIC, a port, the namespace itself) or was changed by hand is put
/// right, after it was shown for a period.
pub const HOST_LOOK_EVERY: Duration = Duration::from_secs(5);

/// How long the host waits before programming a revision that can cut the
/// administrator off ([`crate::domain::trial::risks`]): the answer to the
/// apply, which says where the UI answers now, leaves over the old address
/// first.
pub const APPLY_GRACE: Duration = Duration::from_millis(500);

/// The namespaces that stand for the device: `host` for its own side,
/// `route` for the VMs'. `None`: a dry run of that side.
#[derive(Clone, Debug, Default)]
pub struct Namespaces {
    pub host: Option<String>,
    pub route: Option<String>,
}

/// Programs `want` (revision `revision`'s plan) into the host namespace
/// `ns`, then looks at what it holds.
/// A refusal already in `known` (the last view's) is not logged again.
async fn reconcile_host(ns: &str, revision: u64, want: &HostPlan, known: &[String]) -> HostView {
    let (ns2, want2) = (ns.to_string(), want.clone());
    let failed = match tokio::task::spawn_blocking(move || host::reconcile(&ns2, &want2, revision)).await {
        Ok(Ok(f)) => f,
        Ok(Err(reason)) => return HostView::Unreachable { revision, reason },
        Err(e) => {
            return HostView::Unreachable {
                revision,
                reason: format!("the host reconcile task failed: {e}"),
            }
        }
    };
    for f in failed.iter().filter(|f| !known.contains(f)) {
        tracing::error!(namespace = %ns, revision, "host not reconciled: {f}");
    }
    look_at_host(ns, revision, want, failed).await
}

/// What the host namespace `ns` holds against `want`, revision `revision`'s plan; `failed`
/// are the last reconcile's refusals, kept in the view.
async fn look_at_host(ns: &str, revision: u64, want: &HostPlan, mut failed: Vec<String>) -> HostView {
    let ns2 = ns.to_string();
    match tokio::task::spawn_blocking(move || host::observe(&ns2)).await {
        Ok(Ok((state, problems))) => {
            failed.extend(problems);
            HostView::Checked {
                revision,
                differences: differences(want, &state),
                failed,
                dhcp: dhcp_held(want, &state),
            }
        }
        Ok(Err(reason)) => HostView::Unreachable { revision, reason },
        Err(e) => HostView::Unreachable {
            revision,
            reason: format!("the host look task failed: {e}"),
        },
    }
}

/// Keeps the host namespace and the VM namespace (each if configured) in
/// step with every revision `store` applies: first the host (ports,
/// switches, NAT; what it holds afterwards goes to `host_status`, and it is
/// looked at again every [`HOST_LOOK_EVERY`]), then the VM's side of the
/// compute port (node address, MTU), then the custom routes, then a
/// reachability check; what the route reconcile came to goes to `status`.
/// Without a namespace, that side is only written to the configuration (a
/// dry run), and each revision's reachability says that nothing was looked
/// at. Needs a Tokio runtime.
pub fn start(
    namespaces: Namespaces,
    store: &Store,
    status: Arc<BackendStatus>,
    host_status: Arc<HostStatus>,
    wire: Arc<WireChecks>,
) {
    if namespaces.host.is_none() {
        tracing::info!(
            "no host namespace configured: the device's ports, switches and NAT are written to the configuration only (dry run)"
        );
    }
    if namespaces.route.is_none() {
        tracing::info!(
            "no route namespace configured: routes are written to the configuration only (dry run)"
        );
    }
    let mut rx = store.subscribe();
    let profile = store.profile().clone();
    let ns = namespaces.route;
    let host_ns = namespaces.host;
    tokio::spawn(async move {
        let mut programmed: Option<Config> = None;
        loop {
            let config = rx.borrow_and_update().clone();
            // What the host should hold, once a revision.
            let want_host = plan(&config, &profile);
            if let Some(h) = &host_ns {
                let risky = programmed
                    .as_ref()
                    .is_some_and(|old| !crate::domain::trial::risks(old, &config).is_empty());
                if risky {
                    tokio::time::sleep(APPLY_GRACE).await;
                }
                programmed = Some(config.clone());
                let view = reconcile_host(h, config.revision, &want_host, &[]).await;
                if let HostView::Checked { differences, .. } = &view {
                    tracing::info!(namespace = %h, revision = config.revision, differences = differences.len(), "host reconciled");
                }
                host_status.set(view);
            }
            if let Some(ns) = &ns {
                // The node address first: a route via a gateway on eth1
                // needs eth1's subnet to be connected.
                let vm_side = wire.program_vm_side(&config).await;
                if let Err(e) = &vm_side {
                    tracing::error!(namespace = %ns, revision = config.revision, error = %e, "VM side of the compute port not programmed");
                }
                let want = netlink::desired(&config, &profile);
                let ns2 = ns.clone();
                let outcome =
                    tokio::task::spawn_blocking(move || netlink::reconcile(&ns2, &want)).await;
                let mut other: Vec<String> = vm_side
                    .as_ref()
                    .err()
                    .map(|e| format!("the VM side of the compute port: {e}"))
                    .into_iter()
                    .collect();
                status.set(match &outcome {
                    Ok(Ok(r)) => {
                        let refused: Vec<RefusedRoute> = r
                            .refused
                            .iter()
                            .map(|(k, reason)| RefusedRoute {
                                destination: k.destination,
                                metric: k.metric,
                                reason: reason.clone(),
                            })
                            .collect();
                        // What failed beyond the wanted routes (a stale route that would not go).
                        other.extend(r.unremoved_sentences());
                        KernelView::Reconciled {
                            revision: config.revision,
                            refused,
                            other,
                        }
                    }
                    Ok(Err(e)) => KernelView::Unreachable {
                        revision: config.revision,
                        reason: e.clone(),
                    },
                    Err(e) => KernelView::Unreachable {
                        revision: config.revision,
                        reason: format!("the reconcile task failed: {e}"),
                    },
                });
                match outcome {
                    Ok(Ok(r)) => {
                        for f in r.failed() {
                            tracing::error!(namespace = %ns, revision = config.revision, "route not reconciled: {f}");
                        }
                        tracing::info!(namespace = %ns, revision = config.revision, added = r.added.len(), removed = r.removed.len(), kept = r.kept, failed = r.refused.len() + r.unremoved.len(), "routes reconciled")
                    }
                    Ok(Err(e)) => {
                        tracing::error!(namespace = %ns, revision = config.revision, error = %e, "routes not reconciled")
                    }
                    Err(e) => tracing::error!(error = %e, "route reconcile task failed"),
                }
            }
            wire.reach(&config).await;
            // Until the next revision, look at the host now and then.
            loop {
                tokio::select! {
                    changed = rx.changed() => {
                        if changed.is_err() {
                            return;
                        }
                        break;
                    }
                    _ = tokio::time::sleep(HOST_LOOK_EVERY), if host_ns.is_some() => {
                        if let Some(h) = &host_ns {
                            let view = match host_status.view() {
                                last @ HostView::Checked { .. } if last.matches() == Some(true) => {
                                    look_at_host(h, config.revision, &want_host, Vec::new()).await
                                }
                                // Shown as not holding the revision for a period: programmed again.
                                HostView::Checked { failed, .. } => reconcile_host(h, config.revision, &want_host, &failed).await,
                                _ => reconcile_host(h, config.revision, &want_host, &[]).await,
                            };
                            host_status.set(view);
                        }
                    }
                }
            }
        }
    });
}
