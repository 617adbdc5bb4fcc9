//! What reaches the wire: the VMs' kernel (routes and the compute port's
//! address, through netlink in `route-namespace`), the probes on the wire
//! (ARP, ping), and what the last reconcile found.

pub mod health;
pub mod netlink;
pub mod wire;

use std::sync::Arc;

use crate::domain::routes::kernel::{KernelView, RefusedRoute};
use crate::server::storage::store::Store;
use health::BackendStatus;
use wire::WireChecks;

/// Keeps the VM namespace `ns` (if one is configured) in step with every
/// revision `store` applies: the VM's side of the compute port (node address,
/// MTU), then the custom routes, then a reachability check; what the
/// reconcile came to goes to `status`. Without a namespace, routes are only
/// written to the configuration (a dry run), and each revision's
/// reachability says that nothing was looked at. Needs a Tokio runtime.
pub fn start(ns: Option<String>, store: &Store, status: Arc<BackendStatus>, wire: Arc<WireChecks>) {
    if ns.is_none() {
        tracing::info!(
            "no route namespace configured: routes are written to the configuration only (dry run)"
        );
    }
    let mut rx = store.subscribe();
    let profile = store.profile().clone();
    tokio::spawn(async move {
        loop {
            let config = rx.borrow_and_update().clone();
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
            if rx.changed().await.is_err() {
                break;
            }
        }
    });
}
