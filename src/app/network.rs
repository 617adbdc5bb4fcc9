//! The Network page: each physical port's addressing, and the factory-made
//! internal virtual switch.

use super::CsrfField;
use leptos::prelude::*;
use leptos_meta::Title;

use super::diagram::role_message;
use super::fields::{after_submit, stop_if_invalid, Field};
use super::{with_state, Ctx, Notice};
use crate::domain::{config::Addressing, error::message_for, form::PortForm, profile::PortSpec};
use crate::state::PageState;
use crate::t;

#[component]
pub fn NetworkPage() -> impl IntoView {
    view! {
        <Title text=t!("network-title")/>
        <section class="page">
            <header class="page-head">
                <h1>{t!("network-title")}</h1>
                <p class="lead">{t!("network-lead")}</p>
            </header>
            <Notice/>
            {with_state(|s: PageState| {
                let gw = s.applied.default_gateway_port().map(|p| p.name.clone());
                let internal = s.profile.internal_switch;
                let compute_port = s.applied.compute.as_ref().map(|c| (c.port.clone(), c.switch_name.clone()));
                let specs = s.profile.ports.clone();
                let state = StoredValue::new(s);
                view! {
                    <section class="card internal" aria-labelledby="internal-title">
                        <h2 id="internal-title">{t!("network-internal-title")}</h2>
                        <p>
                            {t!("network-internal-before")}
                            <code>{internal.to_string()}</code>
                            {t!("network-internal-middle")}
                            <strong data-testid="nat-port">{gw.clone().unwrap_or_else(|| t!("network-internal-no-nat"))}</strong>
                            {t!("network-internal-after")}
                        </p>
                        {compute_port.map(|(port, switch)| view! {
                            <p>
                                {t!("network-external-before")}
                                <strong>{switch}</strong>
                                {t!("network-external-middle")}
                                <strong>{port}</strong>
                                {t!("network-external-after")}
                            </p>
                        })}
                    </section>
                    <div class="ports">
                        {specs.into_iter().map(|spec| view! { <PortCard spec state/> }).collect_view()}
                    </div>
                }
            })}
        </section>
    }
}

#[component]
fn PortCard(spec: PortSpec, state: StoredValue<PageState>) -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let name = spec.name.clone();
    let initial = state.with_value(|s| {
        s.draft
            .ports
            .iter()
            .find(|p| p.name == name)
            .cloned()
            .unwrap_or_default()
    });
    let revision = state.with_value(|s| s.applied.revision);
    let is_compute =
        state.with_value(|s| s.applied.compute.as_ref().is_some_and(|c| c.port == name));
    let applied_mode = state.with_value(|s| match s.applied.port(&name).map(|p| &p.addressing) {
        Some(Addressing::Static(st)) => t!(
            "network-applied-static",
            interface = st.interface.to_string()
        ),
        _ => "DHCP".into(),
    });
    let form = RwSignal::new(initial.clone());
    let errors = Memo::new({
        let name = name.clone();
        move |_| {
            let f = form.get();
            state.with_value(|s| {
                let mut d = s.draft.clone();
                if let Some(slot) = d.port_mut(&name) {
                    *slot = f;
                }
                d.resolve(&s.applied, &s.profile).1
            })
        }
    });
    let prefix = format!("ports.{name}.");
    let err = {
        let prefix = prefix.clone();
        move |key: &'static str| {
            let field = format!("{prefix}{key}");
            Signal::derive(move || message_for(&errors.get(), &field).map(crate::app::tm))
        }
    };
    let has_errors = {
        let prefix = prefix.clone();
        move || errors.with(|e| e.iter().any(|e| e.field.starts_with(&prefix)))
    };
    let focus = after_submit();
    // The first field in error in the order the card shows them.
    let first_invalid = errors.with_untracked(|e| {
        [
            "mode",
            "address",
            "prefix",
            "gateway",
            "dns_primary",
            "dns_secondary",
            "mtu",
        ]
        .into_iter()
        .find(|k| message_for(e, &format!("{prefix}{k}")).is_some())
    });
    let autofocus = move |key: &str| focus && first_invalid == Some(key);
    let set = move |f: fn(&mut PortForm, String)| {
        Callback::new(move |v: String| form.update(|p| f(p, v)))
    };
    let lname = name.to_lowercase();
    let id = {
        let lname = lname.clone();
        move |f: &str| format!("{lname}-{f}")
    };
    let mode_err = err("mode");

    let testid = format!("port-{name}");
    let (title, hidden_name, button_name) = (name.clone(), name.clone(), name.clone());
    view! {
            <article class="card port" id=lname data-testid=testid>
                <header class="port-head">
                    <h2>{title}</h2>
                    <span class="tag">{spec.speed.clone()}</span>
                    <span class="tag">{crate::app::tm(&role_message(spec.role))}</span>
                    {is_compute.then(|| view! { <span class="tag accent">{t!("network-compute-tag")}</span> })}
                    <span class="applied muted">{t!("network-applied", mode = applied_mode)}</span>
                </header>
                <ActionForm action=ctx.stage_port>
    <CsrfField/>
                    <input type="hidden" name="revision" value=revision/>
                    <input type="hidden" name="name" value=hidden_name/>
                    <fieldset class="field mode" class:invalid=move || mode_err.with(Option::is_some)>
                        <legend>{t!("network-addressing")}</legend>
                        <label class="inline">
                            <input
                                type="radio"
                                name="mode"
                                value="dhcp"
                                checked=initial.mode == "dhcp"
                                disabled=!spec.dhcp
                                on:change=move |_| form.update(|p| p.mode = "dhcp".into())
                            />
                            " DHCP"
                        </label>
                        <label class="inline">
                            <input
                                type="radio"
                                name="mode"
                                value="static"
                                checked=initial.mode == "static"
                                on:change=move |_| form.update(|p| p.mode = "static".into())
                            />
                            {t!("network-static-option")}
                        </label>
                        {(!spec.dhcp).then(|| view! { <span class="hint">{t!("network-management-static")}</span> })}
                        <p class="field-error" aria-live="polite">{move || mode_err.get()}</p>
                    </fieldset>
                    <div class="static-fields grid">
                        <Field label=t!("network-address-label") name="address" id=id("address") value=initial.address.clone()
                            error=err("address") on_input=set(|p, v| p.address = v) placeholder="192.168.1.20"
                            inputmode="decimal" autofocus=autofocus("address")/>
                        <Field label=t!("network-prefix-label") name="prefix" id=id("prefix") value=initial.prefix.clone()
                            error=err("prefix") on_input=set(|p, v| p.prefix = v) placeholder=t!("network-prefix-placeholder")
                            autofocus=autofocus("prefix")/>
                        <Field label=t!("network-gateway-label") name="gateway" id=id("gateway") value=initial.gateway.clone()
                            error=err("gateway") on_input=set(|p, v| p.gateway = v) inputmode="decimal" autofocus=autofocus("gateway")/>
                        <Field label=t!("network-dns-primary-label") name="dns_primary" id=id("dns1") value=initial.dns_primary.clone()
                            error=err("dns_primary") on_input=set(|p, v| p.dns_primary = v) inputmode="decimal" autofocus=autofocus("dns_primary")/>
                        <Field label=t!("network-dns-secondary-label") name="dns_secondary" id=id("dns2") value=initial.dns_secondary.clone()
                            error=err("dns_secondary") on_input=set(|p, v| p.dns_secondary = v) inputmode="decimal" autofocus=autofocus("dns_secondary")/>
                    </div>
                    <div class="grid">
                        <Field label="MTU" name="mtu" id=id("mtu") value=initial.mtu.clone() error=err("mtu")
                            on_input=set(|p, v| p.mtu = v) inputmode="numeric" autofocus=autofocus("mtu")
                            hint=if spec.mtu_fixed() { t!("network-mtu-fixed") } else { t!("network-mtu-range") }/>
                    </div>
                    <div class="actions">
                        <button
                            type="submit"
                            class="primary"
                            on:click=stop_if_invalid(has_errors)
                        >
                            {t!("network-stage", port = button_name)}
                        </button>
                    </div>
                </ActionForm>
            </article>
        }
}
