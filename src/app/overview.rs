//! The Overview page: the network picture and what is left to set up.

use leptos::prelude::*;
use leptos_meta::Title;

use super::diagram::{describe, NetworkDiagram};
use super::{with_state, Notice};
use crate::domain::config::Addressing;
use crate::state::{format_time, PageState};

/// One step of the set-up, in the order an administrator should take them.
struct Step {
    done: bool,
    title: &'static str,
    text: String,
    href: &'static str,
}

fn steps(s: &PageState) -> Vec<Step> {
    let c = &s.applied;
    let static_data = c
        .ports
        .iter()
        .filter(|p| {
            s.profile.port(&p.name).is_some_and(|spec| spec.compute)
                && matches!(p.addressing, Addressing::Static(_))
        })
        .map(|p| p.name.clone())
        .collect::<Vec<_>>();
    let k = &c.kubernetes;
    vec![
        Step {
            done: !static_data.is_empty(),
            title: "Network",
            text: if static_data.is_empty() {
                "Give a data port a static address: compute needs one.".into()
            } else {
                format!("Static data ports: {}.", static_data.join(", "))
            },
            href: "/network",
        },
        Step {
            done: c.compute.is_some(),
            title: "Compute",
            text: c
                .compute
                .as_ref()
                .map(|cc| {
                    format!(
                        "{} on {}: node IPs {}, service IPs {}.",
                        cc.switch_name, cc.port, cc.node_ips, cc.service_ips
                    )
                })
                .unwrap_or_else(|| {
                    "Not enabled: choose a port, the node IPs and the service IPs.".into()
                }),
            href: "/compute",
        },
        Step {
            done: k.locked_at.is_some(),
            title: "Kubernetes networks",
            text: format!(
                "Pods {}, services {}, DNS {}{}",
                k.pod_cidr,
                k.service_cidr,
                k.dns(),
                if k.locked_at.is_some() {
                    " (in use by the cluster)."
                } else {
                    ": change them now if they collide with your networks; they lock when compute is applied."
                }
            ),
            href: "/kubernetes",
        },
        Step {
            done: !c.routes.is_empty(),
            title: "Routes (optional)",
            text: match c.routes.len() {
                0 => "No custom routes for the Kubernetes VMs.".into(),
                n => format!(
                    "{n} custom route{} for the Kubernetes VMs.",
                    if n == 1 { "" } else { "s" }
                ),
            },
            href: "/routes",
        },
        Step {
            done: s.changes.is_empty(),
            title: "Apply",
            text: if s.changes.is_empty() {
                format!("Everything staged is applied (revision {}).", c.revision)
            } else {
                format!("{} staged change(s) wait for review.", s.changes.len())
            },
            href: "/changes",
        },
    ]
}

#[component]
pub fn OverviewPage() -> impl IntoView {
    view! {
        <Title text="Overview"/>
        <section class="page">
            <header class="page-head">
                <h1>"Overview"</h1>
                <p class="lead">"How this device's Kubernetes cluster reaches the network, and what is left to set up."</p>
            </header>
            <Notice/>
            {with_state(|s: PageState| {
                let description = describe(&s.applied, &s.profile);
                view! {
                    <section class="card">
                        <NetworkDiagram config=s.applied.clone() profile=s.profile.clone()/>
                        <details class="diagram-text">
                            <summary>"The picture as text"</summary>
                            <ul>{description.into_iter().map(|d| view! { <li>{d}</li> }).collect_view()}</ul>
                        </details>
                    </section>
                    <div class="cards">
                        <section class="card">
                            <h2>"Set-up steps"</h2>
                            <ol class="steps" data-testid="steps">
                                {steps(&s).into_iter().map(|st| view! {
                                    <li class:done=st.done>
                                        <span class="check" aria-hidden="true">{if st.done { "✓" } else { "○" }}</span>
                                        <a href=st.href>{st.title}</a>
                                        <span class="sr-only">{if st.done { " (done)" } else { " (to do)" }}</span>
                                        <p class="muted">{st.text}</p>
                                    </li>
                                }).collect_view()}
                            </ol>
                        </section>
                        <section class="card">
                            <h2>"Applied configuration"</h2>
                            <dl class="facts">
                                <dt>"Revision"</dt><dd>{s.applied.revision}</dd>
                                <dt>"Applied"</dt><dd>{format_time(s.applied_at)}</dd>
                                <dt>"Staged changes"</dt><dd>{s.changes.len()}</dd>
                                <dt>"Manifests"</dt><dd>{s.manifests.len()} " ready, " {s.pending_manifests.len()} " waiting for compute"</dd>
                            </dl>
                        </section>
                    </div>
                }
            })}
        </section>
    }
}
