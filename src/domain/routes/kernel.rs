//! What the kernel said about the applied routes: the route backend's last
//! reconcile, as data, so that a page states as installed only what the
//! kernel took, and says so when it could not look (#29).
//!
//! ```
//! use edgenet::domain::routes::kernel::{InKernel, KernelView};
//! let view = KernelView::DryRun;
//! assert_eq!(view.route(3, "10.9.0.0/24".parse().unwrap(), 100, None), InKernel::DryRun);
//! ```

use ipnet::Ipv4Net;
use serde::{Deserialize, Serialize};

use crate::i18n::Message;

/// A route of the applied revision that the kernel refused, with its answer
/// (`File exists`, `Nexthop has invalid gateway`, no such device).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RefusedRoute {
    pub destination: Ipv4Net,
    pub metric: u32,
    pub reason: String,
}

/// The route backend's last word, for the whole applied configuration.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum KernelView {
    /// No `route-namespace` is configured: nothing is sent to a kernel and
    /// nothing can be looked at.
    #[default]
    DryRun,
    /// The backend runs but has not finished a reconcile since start-up.
    Pending,
    /// A reconcile of `revision` ended: every wanted route is in the
    /// namespace except those `refused`; `other` holds what else failed
    /// (the VM side of the compute port, a stale route that would not go).
    Reconciled {
        revision: u64,
        refused: Vec<RefusedRoute>,
        other: Vec<String>,
    },
    /// The namespace could not be entered or asked at all.
    Unreachable { revision: u64, reason: String },
}

/// Where one route of the applied revision stands in the kernel.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum InKernel {
    /// A dry run: not sent, not looked at.
    DryRun,
    /// Not reconciled yet (start-up, or a newer revision is being programmed).
    Pending,
    /// The kernel holds it (the reconcile added it or found it there).
    Installed,
    /// The configuration keeps it out of the kernel (the domain's reason:
    /// it collides with a route the VMs already hold).
    NotSent(Message),
    /// The kernel refused it, with its answer.
    Refused(String),
    /// The namespace could not be asked, with the reason.
    Unreachable(String),
}

impl KernelView {
    /// The state of the applied route to `destination` with `metric` in
    /// `revision`; `kept_out` is the domain's reason when the configuration
    /// keeps it out of the kernel ([`super::standing`]).
    pub fn route(
        &self,
        revision: u64,
        destination: Ipv4Net,
        metric: u32,
        kept_out: Option<Message>,
    ) -> InKernel {
        if let Some(why) = kept_out {
            return InKernel::NotSent(why);
        }
        match self {
            KernelView::DryRun => InKernel::DryRun,
            KernelView::Pending => InKernel::Pending,
            KernelView::Reconciled { revision: r, .. }
            | KernelView::Unreachable { revision: r, .. }
                if *r != revision =>
            {
                InKernel::Pending
            }
            KernelView::Unreachable { reason, .. } => InKernel::Unreachable(reason.clone()),
            KernelView::Reconciled { refused, .. } => refused
                .iter()
                .find(|f| f.destination == destination && f.metric == metric)
                .map_or(InKernel::Installed, |f| InKernel::Refused(f.reason.clone())),
        }
    }

    /// Whether the last reconcile programmed everything it was asked to.
    pub fn complete(&self) -> bool {
        matches!(self, KernelView::Reconciled { refused, other, .. } if refused.is_empty() && other.is_empty())
    }
}

impl InKernel {
    /// The state's name in the API: `dry-run`, `pending`, `installed`,
    /// `not-sent`, `refused` or `unreachable`.
    pub fn name(&self) -> &'static str {
        match self {
            InKernel::DryRun => "dry-run",
            InKernel::Pending => "pending",
            InKernel::Installed => "installed",
            InKernel::NotSent(_) => "not-sent",
            InKernel::Refused(_) => "refused",
            InKernel::Unreachable(_) => "unreachable",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_route_is_installed_only_when_the_kernel_took_it() {
        let (a, b): (Ipv4Net, Ipv4Net) = (
            "10.9.0.0/24".parse().unwrap(),
            "10.8.0.0/24".parse().unwrap(),
        );
        let reconciled = KernelView::Reconciled {
            revision: 4,
            refused: vec![RefusedRoute {
                destination: b,
                metric: 100,
                reason: "File exists".into(),
            }],
            other: vec![],
        };
        let unreachable = KernelView::Unreachable {
            revision: 4,
            reason: "no namespace vm1".into(),
        };
        let kept_out = || Some(Message::verbatim("collides"));
        for (view, revision, dest, metric, out, want) in [
            (&KernelView::DryRun, 4, a, 100, None, InKernel::DryRun),
            (&KernelView::Pending, 4, a, 100, None, InKernel::Pending),
            (&reconciled, 4, a, 100, None, InKernel::Installed),
            (
                &reconciled,
                4,
                b,
                100,
                None,
                InKernel::Refused("File exists".into()),
            ),
            // The same destination with another metric is another route.
            (&reconciled, 4, b, 200, None, InKernel::Installed),
            // A newer revision is not reconciled yet.
            (&reconciled, 5, a, 100, None, InKernel::Pending),
            (
                &unreachable,
                4,
                a,
                100,
                None,
                InKernel::Unreachable("no namespace vm1".into()),
            ),
            (&unreachable, 5, a, 100, None, InKernel::Pending),
            (
                &reconciled,
                4,
                a,
                100,
                kept_out(),
                InKernel::NotSent(Message::verbatim("collides")),
            ),
            (
                &KernelView::DryRun,
                4,
                a,
                100,
                kept_out(),
                InKernel::NotSent(Message::verbatim("collides")),
            ),
        ] {
            assert_eq!(
                view.route(revision, dest, metric, out),
                want,
                "{view:?} r{revision} {dest} {metric}"
            );
        }
        assert!(!reconciled.complete());
        assert!(KernelView::Reconciled {
            revision: 1,
            refused: vec![],
            other: vec![]
        }
        .complete());
        assert!(!KernelView::DryRun.complete());
    }
}
