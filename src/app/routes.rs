//! The Routes page: custom routes of the Kubernetes VMs, add and remove, and
//! "which route?" for a destination.

use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use super::islands::{AddRouteForm, FromServer, WhichRoute};
use super::{with_state, CsrfField, Notice};
use crate::domain::routes::kernel::InKernel;
use crate::domain::{
    model::Addressing,
    routes::{notes, standing, RouteForm},
};
use crate::i18n::Message;
use crate::state::PageState;

#[component]
pub fn RoutesPage() -> impl IntoView {
    view! {
        <Title text=crate::t!("routes-title")/>
        <section class="page">
            <header class="page-head">
                <h1>{crate::t!("routes-title")}</h1>
                <p class="lead">
                    {crate::t!("routes-lead")}
                </p>
            </header>
            <Notice/>
            {with_state(|s: PageState| view! { <RouteTable s=s.clone()/> <AddRouteCard s=s.clone()/> <WhichRouteCard s/> })}
        </section>
    }
}

#[component]
fn RouteTable(s: PageState) -> impl IntoView {
    let query = use_query_map();
    let confirm = move || query.with(|q| q.get("remove"));
    let revision = s.applied.revision;
    let routes = s.applied.routes.clone();
    let reach = s.wire.reachability.clone();
    // How the VMs hold each route: installed or not (and why), and notes on
    // how it stands against their own routes.
    // The state is what the kernel said, or that it was not asked (#29).
    let status: Vec<(InKernel, Vec<Message>)> = standing(&s.applied, &s.profile)
        .into_iter()
        .zip(&routes)
        .map(|(st, r)| {
            let k = s.kernel.route(revision, r.destination, r.metric, st);
            (k, notes(r, &s.applied, &s.profile))
        })
        .collect();
    view! {
            <section class="card" aria-labelledby="routes-title">
                <h2 id="routes-title">{crate::t!("routes-table-title")}</h2>
                {if routes.is_empty() {
                    view! { <p class="muted" data-testid="no-routes">{crate::t!("routes-empty")}</p> }.into_any()
                } else {
                    view! {
                        <div class="table-wrap" tabindex="0"><table data-testid="routes">
                            <thead><tr>
                                <th scope="col">{crate::t!("routes-col-destination")}</th><th scope="col">{crate::t!("routes-col-next-hop")}</th><th scope="col">{crate::t!("routes-col-interface")}</th><th scope="col">{crate::t!("routes-col-metric")}</th>
                                <th scope="col">{crate::t!("routes-col-status")}</th>
                                <th scope="col"><span class="sr-only">{crate::t!("routes-col-actions")}</span></th>
                            </tr></thead>
                            <tbody>
                                {routes.into_iter().zip(status).map(|(r, (in_kernel, route_notes))| {
                                    let key = format!("{}|{}", r.interface, r.destination);
                                    let href = format!("/routes?remove={}", crate::state::encode(&key));
                                    let (iface, dest) = (r.interface.clone(), r.destination.to_string());
                                    let asking = move || confirm().as_deref() == Some(key.as_str());
                                    let asking2 = asking.clone();
                                    view! {
                                        <tr class:asking=asking class:inactive=matches!(in_kernel, InKernel::NotSent(_) | InKernel::Refused(_))>
                                            <td>{r.destination.to_string()}</td>
                                            <td>{r.next_hop.to_string()}</td>
                                            <td>{r.interface.clone()}</td>
                                            <td>{r.metric}</td>
                                            <td class="route-status" data-testid="route-status" data-kernel=in_kernel.name()>
                                                {match &in_kernel {
                                                    InKernel::NotSent(why) => view! { <strong class="badge warn">{crate::t!("routes-status-inactive")}</strong> " " <span>{crate::app::tm(why)}</span> }.into_any(),
                                                    InKernel::Installed => view! { <span class="badge ok">{crate::t!("routes-status-installed")}</span> }.into_any(),
                                                    InKernel::DryRun => view! { <span class="badge">{crate::t!("routes-status-dry-run")}</span> " " <span class="hint">{crate::t!("routes-status-dry-run-why")}</span> }.into_any(),
                                                    InKernel::Pending => view! { <span class="badge">{crate::t!("routes-status-pending")}</span> " " <span class="hint">{crate::t!("routes-status-pending-why", revision = revision)}</span> }.into_any(),
                                                    InKernel::Refused(why) => view! { <strong class="badge warn">{crate::t!("routes-status-refused")}</strong> " " <span>{crate::t!("routes-status-refused-why", reason = why.as_str())}</span> }.into_any(),
                                                    InKernel::Unreachable(why) => view! { <strong class="badge warn">{crate::t!("routes-status-unknown")}</strong> " " <span>{crate::t!("routes-status-unknown-why", reason = why.as_str())}</span> }.into_any(),
                                                }}
                                                {route_notes.iter().map(|n| view! { <p class="hint">{crate::app::tm(n)}</p> }).collect_view()}
                                                <super::probe::NextHopState reach=reach.clone() route=r.clone()/>
                                            </td>
                                            <td class="row-actions">
                                                {move || if asking2() {
                                                    let (iface, dest) = (iface.clone(), dest.clone());
                                                    view! {
                                                        <form method="post" action=crate::actions::RemoveRoute::url()>
    <CsrfField/>
                                                            <input type="hidden" name="revision" value=revision/>
                                                            <input type="hidden" name="interface" value=iface/>
                                                            <input type="hidden" name="destination" value=dest.clone()/>
                                                            <span role="alert">{crate::t!("routes-remove-confirm", destination = dest.as_str())} " "</span>
                                                            <button type="submit" class="danger small" autofocus=true>{crate::t!("routes-remove-yes")}</button>
                                                            " "
                                                            <a href="/routes">{crate::t!("routes-remove-cancel")}</a>
                                                        </form>
                                                    }.into_any()
                                                } else {
                                                    view! { <a class="button small" href=href.clone() aria-label=crate::t!("routes-remove-label", destination = dest.as_str())>{crate::t!("routes-remove")}</a> }.into_any()
                                                }}
                                            </td>
                                        </tr>
                                    }
                                }).collect_view()}
                            </tbody>
                        </table></div>
                    }.into_any()
                }}
            </section>
        }
}

/// The "Add a route" card: what a post brought back (what was typed, when it
/// was refused) goes to the island.
#[component]
fn AddRouteCard(s: PageState) -> impl IntoView {
    let query = use_query_map();
    let typed = query.with_untracked(|q| RouteForm {
        destination: q.get("destination").unwrap_or_default(),
        prefix_length: q.get("prefix_length").unwrap_or_default(),
        next_hop: q.get("next_hop").unwrap_or_default(),
        interface: q.get("interface").unwrap_or_default(),
        metric: q.get("metric").unwrap_or_default(),
    });
    let statics: Vec<(String, String)> = s
        .applied
        .ports
        .iter()
        .filter_map(|p| match &p.addressing {
            Addressing::Static(st) => Some((p.name.clone(), st.subnet().to_string())),
            Addressing::Dhcp => None,
        })
        .collect();
    view! {
        <AddRouteForm
            typed=FromServer(typed)
            statics=FromServer(statics)
            revision=s.applied.revision
            applied=FromServer(s.applied)
            profile=FromServer(s.profile)
        />
    }
}

/// The "Which route?" card, with the address a plain form asked about.
#[component]
fn WhichRouteCard(s: PageState) -> impl IntoView {
    let query = use_query_map();
    let asked = query.with_untracked(|q| q.get("lookup").unwrap_or_default());
    view! { <WhichRoute asked applied=FromServer(s.applied) profile=FromServer(s.profile)/> }
}
