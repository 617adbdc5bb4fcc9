//! The Network page: each physical port's addressing, and the factory-made
//! internal virtual switch.

use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::Title;

use super::diagram::role_message;
use super::islands::{DraftContext, FromServer, PortEditor};
use super::{after_submit, with_state, Notice};
use crate::app::CsrfField;
use crate::domain::{error::message_for, model::Addressing, model::PortSpec};
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
                let focus = after_submit();
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
                        {state.with_value(|s| view! { <DefaultGatewayForm s=s.clone()/> })}
                    </section>
                    <div class="ports">
                        {specs.into_iter().map(|spec| view! { <PortCard spec state focus/> }).collect_view()}
                    </div>
                }
            })}
        </section>
    }
}

/// A port's card: its name and role (server-rendered), and its form (an island).
#[component]
fn PortCard(spec: PortSpec, state: StoredValue<PageState>, focus: bool) -> impl IntoView {
    let name = spec.name.clone();
    let typed = super::typed::port(&name);
    // A refused post answers for one port: only its card takes focus.
    let focus = focus && (typed.is_some() || !super::typed::any());
    let form = typed.unwrap_or_else(|| {
        state.with_value(|s| {
            s.draft
                .ports
                .iter()
                .find(|p| p.name == name)
                .cloned()
                .unwrap_or_default()
        })
    });
    let revision = state.with_value(|s| s.applied.revision);
    let is_compute =
        state.with_value(|s| s.applied.compute.as_ref().is_some_and(|c| c.port == name));
    let staged =
        state.with_value(|s| crate::domain::staged::StagedThings::of(&s.changes).has_port(&name));
    let applied_mode = state.with_value(|s| match s.applied.port(&name).map(|p| &p.addressing) {
        Some(Addressing::Static(st)) => t!(
            "network-applied-static",
            interface = st.interface.to_string()
        ),
        _ => "DHCP".into(),
    });
    let context = state.with_value(DraftContext::of);
    let lname = name.to_lowercase();
    let testid = format!("port-{name}");
    view! {
        <article class="card port" id=lname data-testid=testid>
            <header class="port-head">
                <h2>{name.clone()}</h2>
                <span class="tag">{spec.speed.clone()}</span>
                <span class="tag">{crate::app::tm(&role_message(spec.role))}</span>
                {is_compute.then(|| view! { <span class="tag accent">{t!("network-compute-tag")}</span> })}
                {staged.then(|| view! { <span class="tag staged" data-testid="staged-mark">{t!("network-staged-tag")}</span> })}
                <span class="applied muted">{t!("network-applied", mode = applied_mode)}</span>
            </header>
            <Notice at=name.clone()/>
            <PortEditor spec=FromServer(spec) form=FromServer(form) revision focus context=FromServer(context)/>
        </article>
    }
}

/// The choice of the port that holds the default gateway and the VMs' NAT,
/// when more than one could: a plain form (no island), staged like any
/// change. Nothing moves it by itself while its port can hold it.
#[component]
fn DefaultGatewayForm(s: PageState) -> impl IntoView {
    let outlook = s.draft.default_gateway_outlook(&s.applied, &s.profile);
    let error = message_for(&s.errors, "default_gateway").map(crate::app::tm);
    if outlook.candidates.len() < 2 && error.is_none() {
        return None;
    }
    let invalid = error.is_some();
    let gateway_of = |name: &str| {
        s.draft
            .ports
            .iter()
            .find(|p| p.name == name)
            .map(|p| {
                if p.mode == "static" {
                    t!(
                        "network-default-gateway-static",
                        gateway = p.gateway.as_str()
                    )
                } else {
                    t!("network-default-gateway-dhcp")
                }
            })
            .unwrap_or_default()
    };
    Some(view! {
        <form method="post" action=crate::actions::StageDefaultGateway::url() data-testid="default-gateway">
            <CsrfField/>
            <input type="hidden" name="revision" value=s.applied.revision/>
            <fieldset class="field ports-choice" class:invalid=invalid>
                <legend>{t!("network-default-gateway-legend")}</legend>
                <p class="hint" id="default-gateway-hint">{t!("network-default-gateway-hint")}</p>
                <div class="choices">
                    {outlook.candidates.iter().map(|name| view! {
                        <label class="choice">
                            <input
                                type="radio"
                                name="port"
                                value=name.clone()
                                checked=outlook.next.as_deref() == Some(name.as_str())
                                aria-describedby="default-gateway-hint default-gateway-error"
                                aria-invalid=invalid.then_some("true")
                            />
                            <span class="choice-title">{name.clone()}</span>
                            <span class="choice-sub">{gateway_of(name)}</span>
                        </label>
                    }).collect_view()}
                </div>
                <p class="field-error" id="default-gateway-error">{error}</p>
            </fieldset>
            <div class="actions">
                <button type="submit">{t!("network-default-gateway-stage")}</button>
            </div>
        </form>
    })
}
