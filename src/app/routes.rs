//! The Routes page: custom routes of the Kubernetes VMs, add and remove, and
//! "which route?" for a destination.

use super::CsrfField;
use leptos::prelude::*;

use crate::i18n::Message;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use super::fields::{stop_if_invalid, Field};
use super::{with_state, Ctx, Notice};
use crate::domain::{
    addr::parse_addr,
    config::Addressing,
    error::{message_for, FieldError},
    routes::{form_errors, notes, standing, which_route, RouteForm, Verdict},
    vm::Origin,
};
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
            {with_state(|s: PageState| view! { <RouteTable s=s.clone()/> <AddRouteForm s=s.clone()/> <WhichRoute s/> })}
        </section>
    }
}

#[component]
fn RouteTable(s: PageState) -> impl IntoView {
    let remove = expect_context::<Ctx>().remove_route;
    let query = use_query_map();
    // Reactive: in the hydrated app, "Remove" changes only the query string.
    let confirm = move || query.with(|q| q.get("remove"));
    let revision = s.applied.revision;
    let routes = s.applied.routes.clone();
    let reach = s.wire.reachability.clone();
    // How the VMs hold each route: installed or not (and why), and notes on
    // how it stands against their own routes.
    let status: Vec<(Option<Message>, Vec<Message>)> = standing(&s.applied, &s.profile)
        .into_iter()
        .zip(&routes)
        .map(|(st, r)| (st, notes(r, &s.applied, &s.profile)))
        .collect();
    view! {
            <section class="card" aria-labelledby="routes-title">
                <h2 id="routes-title">{crate::t!("routes-table-title")}</h2>
                {if routes.is_empty() {
                    view! { <p class="muted" data-testid="no-routes">{crate::t!("routes-empty")}</p> }.into_any()
                } else {
                    view! {
                        <table data-testid="routes">
                            <thead><tr>
                                <th scope="col">{crate::t!("routes-col-destination")}</th><th scope="col">{crate::t!("routes-col-next-hop")}</th><th scope="col">{crate::t!("routes-col-interface")}</th><th scope="col">{crate::t!("routes-col-metric")}</th>
                                <th scope="col">{crate::t!("routes-col-status")}</th>
                                <th scope="col"><span class="sr-only">{crate::t!("routes-col-actions")}</span></th>
                            </tr></thead>
                            <tbody>
                                {routes.into_iter().zip(status).map(|(r, (inactive, route_notes))| {
                                    let key = format!("{}|{}", r.interface, r.destination);
                                    let href = format!("/routes?remove={}", crate::state::encode(&key));
                                    let (iface, dest) = (r.interface.clone(), r.destination.to_string());
                                    let asking = move || confirm().as_deref() == Some(key.as_str());
                                    let asking2 = asking.clone();
                                    view! {
                                        <tr class:asking=asking class:inactive=inactive.is_some()>
                                            <td>{r.destination.to_string()}</td>
                                            <td>{r.next_hop.to_string()}</td>
                                            <td>{r.interface.clone()}</td>
                                            <td>{r.metric}</td>
                                            <td class="route-status" data-testid="route-status">
                                                {match &inactive {
                                                    Some(why) => view! { <strong class="badge warn">{crate::t!("routes-status-inactive")}</strong> " " <span>{crate::app::tm(why)}</span> }.into_any(),
                                                    None => view! { <span class="badge ok">{crate::t!("routes-status-installed")}</span> }.into_any(),
                                                }}
                                                {route_notes.iter().map(|n| view! { <p class="hint">{crate::app::tm(n)}</p> }).collect_view()}
                                                <super::probe::NextHopState reach=reach.clone() route=r.clone()/>
                                            </td>
                                            <td class="row-actions">
                                                {move || if asking2() {
                                                    let (iface, dest) = (iface.clone(), dest.clone());
                                                    view! {
                                                        <ActionForm action=remove>
    <CsrfField/>
                                                            <input type="hidden" name="revision" value=revision/>
                                                            <input type="hidden" name="interface" value=iface/>
                                                            <input type="hidden" name="destination" value=dest.clone()/>
                                                            <span role="alert">{crate::t!("routes-remove-confirm", destination = dest.as_str())} " "</span>
                                                            <button type="submit" class="danger small" autofocus=true>{crate::t!("routes-remove-yes")}</button>
                                                            " "
                                                            <a href="/routes">{crate::t!("routes-remove-cancel")}</a>
                                                        </ActionForm>
                                                    }.into_any()
                                                } else {
                                                    view! { <a class="button small" href=href.clone() aria-label=crate::t!("routes-remove-label", destination = dest.as_str())>{crate::t!("routes-remove")}</a> }.into_any()
                                                }}
                                            </td>
                                        </tr>
                                    }
                                }).collect_view()}
                            </tbody>
                        </table>
                    }.into_any()
                }}
            </section>
        }
}

#[component]
fn AddRouteForm(s: PageState) -> impl IntoView {
    let add = expect_context::<Ctx>().add_route;
    let query = use_query_map();
    let typed = query.with_untracked(|q| RouteForm {
        destination: q.get("destination").unwrap_or_default(),
        prefix_length: q.get("prefix_length").unwrap_or_default(),
        next_hop: q.get("next_hop").unwrap_or_default(),
        interface: q.get("interface").unwrap_or_default(),
        metric: q.get("metric").unwrap_or_default(),
    });
    // Errors show once something was typed (or posted), not on an empty form.
    let posted = typed != RouteForm::default();
    let form = RwSignal::new(typed.clone());
    let touched = RwSignal::new(posted);
    let revision = s.applied.revision;
    let statics: Vec<(String, String)> = s
        .applied
        .ports
        .iter()
        .filter_map(|p| match &p.addressing {
            Addressing::Static(st) => Some((p.name.clone(), st.subnet().to_string())),
            Addressing::Dhcp => None,
        })
        .collect();
    let state = StoredValue::new(s);
    let errors = Memo::new(move |_| -> (Vec<FieldError>, Vec<Message>) {
        if !touched.get() {
            return (Vec::new(), Vec::new());
        }
        let f = form.get();
        state.with_value(|s| {
            let errors = form_errors(&f, &s.applied.routes, &s.applied, &s.profile);
            // Notes only for a route that would be accepted as it stands.
            let notes = match f.parse() {
                Ok((r, _)) if errors.is_empty() => f
                    .note()
                    .into_iter()
                    .chain(notes(&r, &s.applied, &s.profile))
                    .collect(),
                _ => f.note().into_iter().collect(),
            };
            (errors, notes)
        })
    });
    let err = move |key: &'static str| {
        Signal::derive(move || message_for(&errors.get().0, key).map(crate::app::tm))
    };
    let set = move |f: fn(&mut RouteForm, String)| {
        Callback::new(move |v: String| {
            touched.set(true);
            form.update(|r| f(r, v))
        })
    };
    let first_invalid = errors.with_untracked(|(e, _)| {
        [
            "destination",
            "prefix_length",
            "next_hop",
            "interface",
            "metric",
        ]
        .into_iter()
        .find(|k| message_for(e, k).is_some())
    });
    let autofocus = move |k: &str| posted && first_invalid == Some(k);
    let iface_err = err("interface");
    view! {
            <section class="card" aria-labelledby="add-route-title">
                <h2 id="add-route-title">{crate::t!("routes-add-title")}</h2>
                <ActionForm action=add>
    <CsrfField/>
                    <input type="hidden" name="revision" value=revision/>
                    <div class="grid">
                        <Field label=crate::t!("routes-destination-label") name="destination" id="route-destination".to_string() value=typed.destination.clone()
                            error=err("destination") on_input=set(|r, v| r.destination = v) placeholder="192.168.20.0/24"
                            hint=crate::t!("routes-destination-hint") autofocus=autofocus("destination")/>
                        <Field label=crate::t!("routes-prefix-label") name="prefix_length" id="route-prefix".to_string() value=typed.prefix_length.clone()
                            error=err("prefix_length") on_input=set(|r, v| r.prefix_length = v) placeholder="24" inputmode="numeric"
                            autofocus=autofocus("prefix_length")/>
                        <Field label=crate::t!("routes-next-hop-label") name="next_hop" id="route-next-hop".to_string() value=typed.next_hop.clone()
                            error=err("next_hop") on_input=set(|r, v| r.next_hop = v) placeholder="192.168.1.1" inputmode="decimal"
                            autofocus=autofocus("next_hop")/>
                        <div class="field" class:invalid=move || iface_err.with(Option::is_some)>
                            <label for="route-interface">{crate::t!("routes-interface-label")}</label>
                            <select id="route-interface" name="interface"
                                aria-invalid=move || iface_err.with(Option::is_some).then_some("true")
                                aria-describedby="route-interface-hint route-interface-error"
                                autofocus=autofocus("interface")
                                on:change=move |ev| { touched.set(true); form.update(|r| r.interface = event_target_value(&ev)) }>
                                <option value="" selected=typed.interface.is_empty()>{crate::t!("routes-interface-choose")}</option>
                                {statics.iter().map(|(name, net)| view! {
                                    <option value=name.clone() selected=typed.interface.eq_ignore_ascii_case(name)>{format!("{name} · {net}")}</option>
                                }).collect_view()}
                                {(!typed.interface.is_empty() && !statics.iter().any(|(n, _)| n.eq_ignore_ascii_case(&typed.interface))).then(|| view! {
                                    <option value=typed.interface.clone() selected=true>{typed.interface.clone()}</option>
                                })}
                            </select>
                            <p class="hint" id="route-interface-hint">{crate::t!("routes-interface-hint")}</p>
                            <p class="field-error" id="route-interface-error" aria-live="polite">{move || iface_err.get()}</p>
                        </div>
                        <Field label=crate::t!("routes-metric-label") name="metric" id="route-metric".to_string() value=typed.metric.clone()
                            error=err("metric") on_input=set(|r, v| r.metric = v) placeholder="100" inputmode="numeric"
                            hint=crate::t!("routes-metric-hint") autofocus=autofocus("metric")/>
                    </div>
                    <div role="status" data-testid="route-notes">
                        {move || errors.get().1.iter().map(|n| view! { <p class="field-warning">{crate::app::tm(n)}</p> }).collect_view()}
                    </div>
                    <div class="actions">
                        <button type="submit" class="primary" on:click=stop_if_invalid(move || {
                            touched.set(true);
                            !errors.get_untracked().0.is_empty()
                        })>{crate::t!("routes-add")}</button>
                    </div>
                </ActionForm>
            </section>
        }
}

#[component]
fn WhichRoute(s: PageState) -> impl IntoView {
    let query = use_query_map();
    let initial = query.with_untracked(|q| q.get("lookup").unwrap_or_default());
    let text = RwSignal::new(initial.clone());
    let state = StoredValue::new(s);
    let answer = move || {
        let t = text.get();
        if t.trim().is_empty() {
            return None;
        }
        Some(match parse_addr(&t) {
            Err(e) => Err(crate::t!("routes-lookup-error", error = e.message())),
            Ok(a) => Ok(state.with_value(|s| which_route(&s.applied, &s.profile, a))),
        })
    };
    view! {
        <section class="card" aria-labelledby="which-title">
            <h2 id="which-title">{crate::t!("routes-which-title")}</h2>
            <form method="get" action="/routes" class="inline-form">
                <label for="lookup">{crate::t!("routes-lookup-label")}</label>
                <input type="text" id="lookup" name="lookup" value=initial placeholder="8.8.8.8" inputmode="decimal" autocomplete="off"
                    on:input=move |ev| text.set(event_target_value(&ev))/>
                <button type="submit">{crate::t!("routes-lookup")}</button>
            </form>
            <div aria-live="polite" data-testid="which-route">
                {move || answer().map(|a| match a {
                    Err(e) => view! { <p class="field-error">{e}</p> }.into_any(),
                    Ok(d) => view! {
                        <dl class="facts decision">
                            <dt>{crate::t!("routes-decision-route")}</dt><dd>{d.route.as_ref().map(|r| crate::t!("routes-decision-route-value", destination = r.destination, interface = r.interface.as_str())).unwrap_or_else(|| crate::t!("routes-decision-system"))}</dd>
                            <dt>{crate::t!("routes-decision-device")}</dt><dd>{d.device.clone()}</dd>
                            <dt>{crate::t!("routes-decision-via")}</dt><dd>{match (d.via, &d.candidates[0].route.origin) {
                                (Some(v), _) => v.to_string(),
                                (None, Origin::PodNetwork | Origin::ServiceNetwork) => crate::t!("routes-decision-cluster"),
                                (None, _) => crate::t!("routes-decision-direct"),
                            }}</dd>
                        </dl>
                        <p>{crate::app::tm(&d.summary)}</p>
                        {(d.candidates.len() > 1).then(|| view! {
                            <h3 class="small-head">{crate::t!("routes-candidates-title")}</h3>
                            <ol class="candidates" data-testid="route-candidates">
                                {d.candidates.iter().map(|c| {
                                    let chosen = c.verdict == Verdict::Chosen;
                                    view! {
                                        <li class:chosen=chosen>
                                            {chosen.then(|| view! { <strong>{crate::t!("routes-candidate-chosen")}</strong> " " })}
                                            {crate::app::tm(&c.why)}
                                        </li>
                                    }
                                }).collect_view()}
                            </ol>
                        })}
                    }.into_any(),
                })}
            </div>
        </section>
    }
}
