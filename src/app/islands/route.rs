//! The Routes page's form that adds a custom route.

use leptos::prelude::*;
use leptos::server_fn::ServerFn;

use super::fields::{provide_reveal, stop_if_invalid, Field};
use super::FromServer;
use crate::app::CsrfField;
use crate::domain::{
    error::{message_for, FieldError},
    examples::Examples,
    model::Config,
    model::DeviceProfile,
    routes::{form_errors, notes, RouteForm},
};
use crate::i18n::Message;

/// The form that adds a custom route, checked as it is typed against the
/// applied routes and the VMs' own. `typed`: what a refused post brought back;
/// `statics`: the ports a route can use, with their subnets.
#[island]
pub fn AddRouteForm(
    typed: FromServer<RouteForm>,
    statics: FromServer<Vec<(String, String)>>,
    revision: u64,
    applied: FromServer<Config>,
    profile: FromServer<DeviceProfile>,
) -> impl IntoView {
    let (FromServer(typed), FromServer(statics)) = (typed, statics);
    let (FromServer(applied), FromServer(profile)) = (applied, profile);
    // Errors show once something was typed (or posted), not on an empty form.
    let posted = typed != RouteForm::default();
    let form = RwSignal::new(typed.clone());
    let touched = RwSignal::new(posted);
    let state = StoredValue::new((applied, profile));
    let reveal = provide_reveal(false);
    let errors = Memo::new(move |_| -> (Vec<FieldError>, Vec<Message>) {
        if !touched.get() {
            return (Vec::new(), Vec::new());
        }
        let f = form.get();
        state.with_value(|(applied, profile)| {
            let errors = form_errors(&f, &applied.routes, applied, profile);
            // Notes only for a route that would be accepted as it stands.
            let notes = match f.parse() {
                Ok((r, _)) if errors.is_empty() => f
                    .note()
                    .into_iter()
                    .chain(notes(&r, applied, profile))
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
    // A router of the chosen interface's subnet (its first host), once one is chosen (#29).
    let subnets = StoredValue::new(statics.clone());
    let next_hop_example = Signal::derive(move || {
        let name = form.with(|r| r.interface.clone());
        subnets
            .with_value(|s| {
                s.iter()
                    .find(|(n, _)| n.eq_ignore_ascii_case(&name))
                    .and_then(|(_, net)| net.parse().ok())
            })
            .map_or_else(Examples::generic, Examples::of)
            .router
            .to_string()
    });
    view! {
            <section class="card" aria-labelledby="add-route-title">
                <h2 id="add-route-title">{crate::t!("routes-add-title")}</h2>
                <form method="post" action=crate::actions::AddRoute::url()>
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
                            error=err("next_hop") on_input=set(|r, v| r.next_hop = v) placeholder=next_hop_example inputmode="decimal"
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
                        <button type="submit" class="primary" on:click=stop_if_invalid(reveal, move || {
                            touched.set(true);
                            !errors.get_untracked().0.is_empty()
                        })>{crate::t!("routes-add")}</button>
                    </div>
                </form>
            </section>
        }
}
