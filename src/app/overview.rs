//! The Overview page: the network picture and what is left to set up.

use leptos::prelude::*;
use leptos_meta::Title;

use super::diagram::{describe, NetworkDiagram};
use super::{with_state, Notice};
use crate::domain::model::{Addressing, Config};
use crate::domain::host::HostView;
use crate::state::{format_time, host_difference_message, listed, PageState};
use crate::t;

/// One step of the set-up, in the order an administrator should take them.
struct Step {
    done: bool,
    title: String,
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
    // The factory configuration, whatever its revision (a factory reset is a
    // revision too): nothing of the set-up has been applied yet.
    let untouched = {
        let mut factory = Config::factory(&s.profile);
        factory.revision = c.revision;
        *c == factory
    };
    vec![
        Step {
            done: !static_data.is_empty(),
            title: t!("overview-step-network"),
            text: if static_data.is_empty() {
                t!("overview-network-todo")
            } else {
                t!("overview-network-done", ports = static_data)
            },
            href: "/network",
        },
        Step {
            done: c.compute.is_some(),
            title: t!("overview-step-compute"),
            text: c.compute.as_ref().map_or_else(
                || t!("overview-compute-todo"),
                |cc| {
                    t!(
                        "overview-compute-done",
                        switch = &cc.switch_name,
                        port = &cc.port,
                        nodes = cc.node_ips.to_string(),
                        services = cc.service_ips.to_string()
                    )
                },
            ),
            href: "/compute",
        },
        Step {
            done: k.locked_at.is_some(),
            title: t!("overview-step-kubernetes"),
            text: if k.locked_at.is_some() {
                t!(
                    "overview-kubernetes-locked",
                    pods = k.pod_cidr,
                    services = k.service_cidr,
                    dns = k.dns()
                )
            } else {
                t!(
                    "overview-kubernetes-open",
                    pods = k.pod_cidr,
                    services = k.service_cidr,
                    dns = k.dns()
                )
            },
            href: "/kubernetes",
        },
        Step {
            done: !c.routes.is_empty(),
            title: t!("overview-step-routes"),
            text: match c.routes.len() {
                0 => t!("overview-routes-none"),
                n => t!("overview-routes", n = n),
            },
            href: "/routes",
        },
        Step {
            done: s.changes.is_empty() && !untouched,
            title: t!("overview-step-apply"),
            text: if s.changes.is_empty() && untouched {
                t!("overview-apply-nothing")
            } else if s.changes.is_empty() {
                t!("overview-apply-done", revision = c.revision)
            } else {
                t!(
                    "overview-apply-waiting",
                    what = super::staged_what(&s.changes).unwrap_or_default()
                )
            },
            href: "/changes",
        },
    ]
}

/// Whether the device's host holds the applied revision, what differs, and
/// what each DHCP port holds; only what the host backend looked at.
#[component]
fn HostCard(host: HostView, revision: u64) -> impl IntoView {
    let body = match host {
        HostView::DryRun => view! { <p data-testid="host-state">{t!("host-dry-run")}</p> }.into_any(),
        HostView::Pending => view! { <p data-testid="host-state">{t!("host-pending")}</p> }.into_any(),
        HostView::Unreachable { revision, reason } => view! {
            <p class="bad" data-testid="host-state">{t!("host-unreachable", revision = revision)}</p>
            <p class="muted">{reason}</p>
        }.into_any(),
        HostView::Checked { revision: checked, differences, failed, dhcp } => {
            let state = if checked != revision {
                t!("host-checked-older", checked = checked, revision = revision)
            } else if differences.is_empty() && failed.is_empty() {
                t!("host-matches", revision = checked)
            } else {
                t!("host-differs", revision = checked, count = differences.len() + failed.len())
            };
            let ok = checked == revision && differences.is_empty() && failed.is_empty();
            view! {
                <p class:ok=ok class:bad=!ok data-testid="host-state">{state}</p>
                <ul class="host-differences">
                    {differences.iter().map(|d| view! { <li data-testid="host-difference">{crate::app::tm(&host_difference_message(d))}</li> }).collect_view()}
                    {failed.into_iter().map(|f| view! { <li data-testid="host-failed">{f}</li> }).collect_view()}
                </ul>
                <dl class="facts">
                    {dhcp.into_iter().map(|(port, addresses, gateways)| view! {
                        <dt>{t!("host-dhcp-port", port = port.clone())}</dt>
                        <dd data-testid="host-dhcp">{if addresses.is_empty() { t!("host-dhcp-none") } else { t!("host-dhcp-holds", addresses = listed(&addresses), gateways = listed(&gateways)) }}</dd>
                    }).collect_view()}
                </dl>
            }.into_any()
        }
    };
    view! {
        <section class="card" data-testid="host-card">
            <h2>{t!("host-title")}</h2>
            {body}
        </section>
    }
}

#[component]
pub fn OverviewPage() -> impl IntoView {
    view! {
        <Title text=t!("overview-title")/>
        <section class="page">
            <header class="page-head">
                <h1>{t!("overview-title")}</h1>
                <p class="lead">{t!("overview-lead")}</p>
            </header>
            <Notice/>
            {with_state(|s: PageState| {
                let description = describe(&s.applied, &s.profile);
                view! {
                    <section class="card">
                        <NetworkDiagram config=s.applied.clone() profile=s.profile.clone() reach=s.wire.reachability.clone()/>
                        <details class="diagram-text">
                            <summary>{t!("overview-diagram-as-text")}</summary>
                            <ul>{description.iter().map(|d| view! { <li>{crate::app::tm(d)}</li> }).collect_view()}{s.wire.reachability.iter().flat_map(|r| r.results.iter().map(super::probe::reach_line)).map(|l| view! { <li>{l}</li> }).collect_view()}</ul>
                        </details>
                    </section>
                    <div class="cards">
                        <super::probe::ReachabilityCard s=s.clone()/>
                        <section class="card">
                            <h2>{t!("overview-steps-title")}</h2>
                            <ol class="steps" data-testid="steps">
                                {steps(&s).into_iter().map(|st| view! {
                                    <li class:done=st.done>
                                        <span class="check" aria-hidden="true">{if st.done { "✓" } else { "○" }}</span>
                                        <a href=st.href>{st.title}</a>
                                        <span class="sr-only">{if st.done { t!("overview-step-done") } else { t!("overview-step-todo") }}</span>
                                        <p class="muted">{st.text}</p>
                                    </li>
                                }).collect_view()}
                            </ol>
                        </section>
                        <HostCard host=s.host.clone() revision=s.applied.revision/>
                        <section class="card">
                            <h2>{t!("overview-applied-title")}</h2>
                            <dl class="facts">
                                <dt>{t!("overview-revision")}</dt><dd>{s.applied.revision}</dd>
                                <dt>{t!("overview-applied-at")}</dt><dd>{if s.applied_at == 0 { t!("overview-applied-factory") } else { format_time(s.applied_at) }}</dd>
                                <dt>{t!("overview-staged-changes")}</dt><dd>{super::staged_what(&s.changes).unwrap_or_else(|| "0".into())}</dd>
                                <dt>{t!("overview-manifests")}</dt><dd>{t!("overview-manifests-count", ready = s.manifests.len(), waiting = s.pending_manifests.len())}</dd>
                            </dl>
                        </section>
                    </div>
                }
            })}
        </section>
    }
}
