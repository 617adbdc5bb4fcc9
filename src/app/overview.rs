//! The Overview page, and the pages that later work fills in.

use leptos::prelude::*;
use leptos_meta::Title;

use super::with_state;
use crate::domain::config::Addressing;
use crate::state::{format_time, PageState};

#[component]
pub fn OverviewPage() -> impl IntoView {
    view! {
        <Title text="Overview"/>
        <section class="page">
            <header class="page-head">
                <h1>"Overview"</h1>
                <p class="lead">"How this device's Kubernetes cluster reaches the network, and what is left to set up."</p>
            </header>
            {with_state(|s: PageState| {
                let statics = s.applied.ports.iter().filter(|p| matches!(p.addressing, Addressing::Static(_))).count();
                let compute = s.applied.compute.clone();
                let steps: Vec<(bool, &str, String, &str)> = vec![
                    (statics > 1 || s.applied.revision > 0, "Network", format!("{statics} of {} ports have a static address", s.applied.ports.len()), "/network"),
                    (compute.is_some(), "Compute", compute.as_ref().map(|c| format!("{} on {}: node IPs {}, service IPs {}", c.switch_name, c.port, c.node_ips, c.service_ips)).unwrap_or_else(|| "Not enabled: choose a port and the Kubernetes address ranges".into()), "/compute"),
                    (false, "Kubernetes", "Pod and service networks: not configured yet".into(), "/kubernetes"),
                    (false, "Routes", "Custom routes for the Kubernetes VMs: none".into(), "/routes"),
                ];
                view! {
                    <div class="cards">
                        <section class="card">
                            <h2>"Applied configuration"</h2>
                            <dl class="facts">
                                <dt>"Revision"</dt><dd>{s.applied.revision}</dd>
                                <dt>"Applied"</dt><dd>{format_time(s.applied_at)}</dd>
                                <dt>"Staged changes"</dt><dd>{s.changes.len()}</dd>
                            </dl>
                        </section>
                        <section class="card">
                            <h2>"Set-up steps"</h2>
                            <ol class="steps" data-testid="steps">
                                {steps.into_iter().map(|(done, title, text, href)| view! {
                                    <li class:done=done>
                                        <span class="check" aria-hidden="true">{if done { "✓" } else { "○" }}</span>
                                        <a href=href>{title}</a>
                                        <span class="sr-only">{if done { " (done)" } else { " (to do)" }}</span>
                                        <p class="muted">{text}</p>
                                    </li>
                                }).collect_view()}
                            </ol>
                        </section>
                    </div>
                }
            })}
        </section>
    }
}

#[component]
pub fn KubernetesPage() -> impl IntoView {
    view! {
        <Title text="Kubernetes"/>
        <section class="page">
            <header class="page-head">
                <h1>"Kubernetes"</h1>
                <p class="lead">"The cluster's own networks: Calico's pod network, the service network for cluster IPs, and CoreDNS."</p>
            </header>
            <section class="card empty">
                <h2>"Not configured yet"</h2>
                <p>"Pod and service networks and the generated manifests will be set here. Enable compute first on the " <a href="/compute">"Compute"</a> " page."</p>
            </section>
        </section>
    }
}

#[component]
pub fn RoutesPage() -> impl IntoView {
    view! {
        <Title text="Routes"/>
        <section class="page">
            <header class="page-head">
                <h1>"Routes"</h1>
                <p class="lead">"Custom routes for the Kubernetes master and worker VMs (never the host)."</p>
            </header>
            <section class="card empty">
                <h2>"Not configured yet"</h2>
                <p>"No custom routes. Routes go through a port with a static configuration, set on the " <a href="/network">"Network"</a> " page."</p>
            </section>
        </section>
    }
}
