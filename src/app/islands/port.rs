//! One port's form on the Network page: addressing, DNS and MTU, checked as
//! they are typed against the rest of the draft.

use leptos::prelude::*;
use leptos::server_fn::ServerFn;

use super::fields::{provide_reveal, stop_if_invalid, Field, NotStaged};
use super::{DraftContext, FromServer};
use crate::app::CsrfField;
use crate::domain::{
    error::message_for,
    form::{DraftPart, PortForm},
    model::PortSpec,
};
use crate::t;

/// One port's form. `focus`: the page answers a post that found problems.
#[island]
pub fn PortEditor(
    spec: FromServer<PortSpec>,
    form: FromServer<PortForm>,
    revision: u64,
    focus: bool,
    context: FromServer<DraftContext>,
) -> impl IntoView {
    let (FromServer(spec), FromServer(form), FromServer(context)) = (spec, form, context);
    let name = spec.name.clone();
    let initial = form.clone();
    let form = RwSignal::new(form);
    let state = StoredValue::new(context);
    let reveal = provide_reveal(focus);
    let errors = Memo::new({
        let name = name.clone();
        move |_| {
            let f = form.get();
            state.with_value(|s| {
                s.errors_with(|d| {
                    if let Some(slot) = d.port_mut(&name) {
                        *slot = f;
                    }
                })
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
    let own = DraftPart::Port(name.clone());
    let count = Signal::derive(move || errors.with(|e| own.errors_in(e).len()));
    let has_errors = move || count.get() > 0;
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
    let lname = name.to_ascii_lowercase();
    let id = {
        let lname = lname.clone();
        move |f: &str| format!("{lname}-{f}")
    };
    let mode_err = err("mode");
    // Where the default gateway is and would be with this form as typed.
    let gateway_note = Memo::new({
        let name = name.clone();
        move |_| {
            let f = form.get();
            let has_gateway = f.mode == "static" && !f.gateway.trim().is_empty();
            state.with_value(|s| {
                let mut draft = s.draft.clone();
                if let Some(slot) = draft.port_mut(&name) {
                    *slot = f;
                }
                draft
                    .default_gateway_outlook(&s.applied, &s.profile)
                    .note_for(&name, has_gateway)
                    .map(|m| crate::app::tm(&m))
            })
        }
    });

    let (hidden_name, button_name) = (name.clone(), name.clone());
    view! {
                <form method="post" action=crate::actions::StagePort::url()>
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
                    <p class="hint gateway-note" role="status" data-testid="gateway-note">{move || gateway_note.get()}</p>
                    <div class="grid">
                        <Field label="MTU" name="mtu" id=id("mtu") value=initial.mtu.clone() error=err("mtu")
                            on_input=set(|p, v| p.mtu = v) inputmode="numeric" autofocus=autofocus("mtu")
                            hint=if spec.mtu_fixed() { t!("network-mtu-fixed") } else { t!("network-mtu-range") }
                            readonly=spec.mtu_fixed()/>
                    </div>
                    <div class="actions">
                        <button
                            type="submit"
                            class="primary"
                            on:click=stop_if_invalid(reveal, has_errors)
                        >
                            {t!("network-stage", port = button_name)}
                        </button>
                        <NotStaged reveal count/>
                    </div>
                </form>
        }
}
