//! The Network page: each physical port's addressing, and the factory-made
//! internal virtual switch.

use leptos::prelude::*;
use leptos_meta::Title;

use super::diagram::role_message;
use super::islands::{DraftContext, PortEditor};
use super::{after_submit, with_state, Notice};
use crate::domain::{config::Addressing, profile::PortSpec};
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
    let form = state.with_value(|s| {
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
            <PortEditor spec form revision focus context/>
        </article>
    }
}
