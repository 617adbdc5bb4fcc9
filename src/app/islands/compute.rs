//! The Compute form: the port, the switch name and the two ranges, checked
//! as they are typed, with the allocation and the subnet bar following.

use std::net::Ipv4Addr;

use ipnet::Ipv4Net;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;

use super::fields::{provide_reveal, stop_if_invalid, NotStaged, RangeField};
use super::{DraftContext, FromServer};
use crate::app::CsrfField;
use crate::domain::{
    addr::Ipv4Range,
    config::{AllocationSummary, Shown},
    error::message_for,
    examples::Examples,
    form::{default_switch_name, ComputeForm, DraftPart},
    model::{Addressing, StaticAddressing},
};

/// The form, with the allocation and the subnet bar beside it. `focus`: the
/// page answers a post that found problems, so the first field in error takes
/// focus.
#[island]
pub fn ComputeEditor(
    form: FromServer<ComputeForm>,
    revision: u64,
    focus: bool,
    context: FromServer<DraftContext>,
) -> impl IntoView {
    let (FromServer(form), FromServer(context)) = (form, context);
    let form = RwSignal::new(form);
    let state = StoredValue::new(context);
    let reveal = provide_reveal(focus);
    let errors = Memo::new(move |_| {
        let f = form.get();
        state.with_value(|s| s.errors_with(|d| d.compute = f))
    });
    let err = move |key: &'static str| {
        Signal::derive(move || message_for(&errors.get(), key).map(crate::app::tm))
    };
    // The first field in error in the order the page shows them.
    let first_invalid = errors.with_untracked(|e| {
        [
            "compute.port",
            "compute.switch_name",
            "compute.node_ips",
            "compute.service_ips",
        ]
        .into_iter()
        .find(|k| message_for(e, k).is_some())
    });
    let autofocus = move |key: &str| focus && first_invalid == Some(key);

    // The chosen port's static settings as staged (or applied), for the picture and hints.
    let port_static = move || -> Option<(String, StaticAddressing)> {
        let name = form.with(|f| f.port.clone());
        state.with_value(|s| {
            let staged = s
                .draft
                .ports
                .iter()
                .find(|p| p.name == name)
                .and_then(|p| p.parse().ok());
            let port = staged.or_else(|| s.applied.port(&name).cloned())?;
            match port.addressing {
                Addressing::Static(st) => Some((port.name, st)),
                Addressing::Dhcp => None,
            }
        })
    };
    let parsed = move || form.with(|f| f.parse().ok().flatten());
    // Examples from the chosen port's subnet, once it has one (#29).
    let examples =
        move || port_static().map_or_else(Examples::generic, |(_, st)| Examples::of(st.interface));

    let ports = state.with_value(|s| s.profile.ports.clone());
    let initial = form.get_untracked();
    let set = move |f: fn(&mut ComputeForm, String)| {
        Callback::new(move |v: String| form.update(|c| f(c, v)))
    };
    let count = Signal::derive(move || errors.with(|e| DraftPart::Compute.errors_in(e).len()));
    let has_errors = move || count.get() > 0;

    view! {
            <div class="split">
                <form method="post" action=crate::actions::StageCompute::url()>
    <CsrfField/>
                    <input type="hidden" name="revision" value=revision/>
                    <fieldset class="field ports-choice" class:invalid=move || err("compute.port").with(Option::is_some)>
                        <legend>{crate::t!("compute-port-legend")}</legend>
                        <p class="hint" id="compute-port-hint">
                            {crate::t!("compute-port-hint")}
                        </p>
                        <div class="choices">
                            <label class="choice">
                                <input
                                    type="radio"
                                    name="port"
                                    value=""
                                    checked=initial.port.is_empty()
                                    on:change=move |_| form.update(|c| c.port.clear())
                                />
                                <span class="choice-title">{crate::t!("compute-port-off")}</span>
                                <span class="choice-sub">{crate::t!("compute-port-off-sub")}</span>
                            </label>
                            {ports
                                .into_iter()
                                .map(|spec| {
                                    let name = spec.name.clone();
                                    // The port as staged, when a change to it is staged.
                                    let sub = state.with_value(|s| {
                                        let staged = s.draft.ports.iter().find(|p| p.name == name).and_then(|p| p.parse().ok());
                                        let port = staged.or_else(|| s.applied.port(&name).cloned());
                                        match port.map(|p| p.addressing) {
                                            _ if !spec.compute => crate::t!("compute-port-management-only", speed = spec.speed.as_str()),
                                            Some(Addressing::Static(st)) => format!("{} · {}", spec.speed, st.interface),
                                            _ => format!("{} · DHCP", spec.speed),
                                        }
                                    });
                                    let checked = initial.port.eq_ignore_ascii_case(&name);
                                    let value = name.clone();
                                    let pick = name.clone();
                                    view! {
                                        <label class="choice" class:disabled=!spec.compute>
                                            <input
                                                type="radio"
                                                name="port"
                                                value=value
                                                checked=checked
                                                autofocus=checked && autofocus("compute.port")
                                                disabled=!spec.compute
                                                aria-describedby="compute-port-hint compute-port-error"
                                                aria-invalid=move || (err("compute.port").with(Option::is_some) && form.with(|f| f.port == pick)).then_some("true")
                                                on:change=move |_| {
                                                    let n = name.clone();
                                                    form.update(|c| c.port = n)
                                                }
                                            />
                                            <span class="choice-title">{spec.name.clone()}</span>
                                            <span class="choice-sub">{sub}</span>
                                        </label>
                                    }
                                })
                                .collect_view()}
                        </div>
                        <p class="field-error" id="compute-port-error" aria-live="polite">{move || err("compute.port").get()}</p>
                    </fieldset>

                    <div class="field" class:invalid=move || err("compute.switch_name").with(Option::is_some)>
                        <label for="switch-name">{crate::t!("compute-switch-name-label")}</label>
                        <input
                            type="text"
                            id="switch-name"
                            name="switch_name"
                            value=initial.switch_name.clone()
                            placeholder=move || { let p = form.with(|f| f.port.clone()); if p.is_empty() { String::new() } else { default_switch_name(&p) } }
                            autocomplete="off"
                            autofocus=autofocus("compute.switch_name")
                            aria-invalid=move || err("compute.switch_name").with(Option::is_some).then_some("true")
                            aria-describedby="switch-name-hint switch-name-error"
                            on:input=move |ev| form.update(|c| c.switch_name = event_target_value(&ev))
                        />
                        <p class="hint" id="switch-name-hint">{crate::t!("compute-switch-name-hint")}</p>
                        <p class="field-error" id="switch-name-error" aria-live="polite">{move || err("compute.switch_name").get()}</p>
                    </div>

                    <RangeField
                        label=crate::t!("compute-node-ips-label")
                        id="node-ips"
                        start_name="node_start"
                        end_name="node_end"
                        start=initial.node_start.clone()
                        end=initial.node_end.clone()
                        error=err("compute.node_ips")
                        on_start=set(|c, v| c.node_start = v)
                        on_end=set(|c, v| c.node_end = v)
                        autofocus=autofocus("compute.node_ips")
                        hint=Signal::derive(move || crate::t!("compute-node-ips-hint", example = examples().node_ips.to_string()))
                        example=Signal::derive(move || examples().node_ips.start().to_string())
                    />
                    <RangeField
                        label=crate::t!("compute-service-ips-label")
                        id="service-ips"
                        start_name="service_start"
                        end_name="service_end"
                        start=initial.service_start.clone()
                        end=initial.service_end.clone()
                        error=err("compute.service_ips")
                        on_start=set(|c, v| c.service_start = v)
                        on_end=set(|c, v| c.service_end = v)
                        autofocus=autofocus("compute.service_ips")
                        hint=Signal::derive(move || crate::t!("compute-service-ips-hint"))
                        example=Signal::derive(move || examples().service_ips.start().to_string())
                    />
                    <div class="field checkbox">
                        <label>
                            <input
                                type="checkbox"
                                name="skip_edge"
                                value="on"
                                checked=initial.skip_edge
                                on:change=move |ev| form.update(|c| c.skip_edge = event_target_checked(&ev))
                            />
                            " "
                            {crate::t!("compute-skip-edge")}
                        </label>
                    </div>
                    <div class="actions">
                        <button
                            type="submit"
                            class="primary"
                            on:click=stop_if_invalid(reveal, has_errors)
                        >
                            {crate::t!("compute-stage")}
                        </button>
                        <NotStaged reveal count/>
                        <a class="button" href="/changes">{crate::t!("compute-review")}</a>
                    </div>
                </form>

                <aside class="side">
                    <section class="card" aria-labelledby="alloc-title">
                        <h2 id="alloc-title">{crate::t!("compute-alloc-title")}</h2>
                        {move || match parsed() {
                            None => view! { <p class="muted">{crate::t!("compute-alloc-empty")}</p> }.into_any(),
                            Some(c) => {
                                // Numbers only for a range without an error (#18 item 3).
                                let a = AllocationSummary::of(&c, &errors.get());
                                let in_error = || crate::t!("compute-alloc-in-error");
                                let nodes = match a.nodes { Shown::Values(v) => Some(v), Shown::InError => None };
                                view! {
                                    <dl class="alloc" data-testid="allocation">
                                        <dt>{crate::t!("compute-alloc-switch")}</dt><dd>{crate::t!("compute-alloc-switch-value", switch = c.switch_name.as_str(), port = c.port.as_str())}</dd>
                                        <dt>{crate::t!("compute-alloc-master")}</dt><dd>{nodes.map(|n| n.0.to_string()).unwrap_or_else(in_error)}</dd>
                                        <dt>{crate::t!("compute-alloc-worker")}</dt><dd>{nodes.map(|n| n.1.to_string()).unwrap_or_else(in_error)}</dd>
                                        <dt>{crate::t!("compute-alloc-spare")}</dt>
                                        <dd>{match nodes { None => in_error(), Some((_, _, spare)) => spare.map(|x| x.to_string()).unwrap_or_else(|| crate::t!("compute-alloc-spare-none")) }}</dd>
                                        <dt>{crate::t!("compute-alloc-service-free")}</dt><dd data-testid="alloc-service-free">{match a.services { Shown::Values((free, total)) => crate::t!("compute-alloc-service-free-value", free = free, total = total), Shown::InError => in_error() }}</dd>
                                    </dl>
                                }
                                .into_any()
                            }
                        }}
                    </section>
                    <section class="card" aria-labelledby="subnet-title">
                        <h2 id="subnet-title">{crate::t!("compute-subnet-title")}</h2>
                        {move || match port_static() {
                            None => view! { <p class="muted">{crate::t!("compute-subnet-empty")}</p> }.into_any(),
                            Some((name, st)) => {
                                let c = form.with(|f| f.parse().ok().flatten());
                                view! { <SubnetBar port=name st=st nodes=c.as_ref().map(|c| c.node_ips) services=c.as_ref().map(|c| c.service_ips)/> }.into_any()
                            }
                        }}
                    </section>
                </aside>
            </div>
        }
}

/// The port's subnet as a bar, with the gateway, the port's address and the
/// two ranges drawn in place.
#[component]
fn SubnetBar(
    port: String,
    st: StaticAddressing,
    nodes: Option<Ipv4Range>,
    services: Option<Ipv4Range>,
) -> impl IntoView {
    let net: Ipv4Net = st.subnet();
    // An SVG in a 10,000-unit-wide box: positions are attributes, not inline
    // styles, which the Content-Security-Policy does not allow. Whole units
    // (a hundredth of a percent) in integer arithmetic: no float formatting
    // in the browser's module.
    let base = u64::from(u32::from(net.network()));
    let size = 1u64 << (32 - u32::from(net.prefix_len()));
    let units = move |n: u64| (n * 10_000 / size).min(10_000);
    let x = move |a: Ipv4Addr| units(u64::from(u32::from(a)).saturating_sub(base)).to_string();
    let width = move |r: Ipv4Range| units(r.len()).max(80).to_string();
    let in_net = move |r: &Ipv4Range| r.within(&net);
    let mut markers = vec![(st.address(), format!("{port} {}", st.address()), "port")];
    if let Some(g) = st.gateway.filter(|g| net.contains(g)) {
        markers.push((
            g,
            crate::t!("compute-subnet-gateway", address = g),
            "gateway",
        ));
    }
    view! {
        <figure class="subnet" data-testid="subnet-bar">
            <svg class="bar" viewBox="0 0 10000 24" preserveAspectRatio="none" role="img" aria-label=crate::t!("compute-subnet-bar-label", subnet = net)>
                {nodes.filter(in_net).map(|r| view! { <rect class="seg nodes" x=x(r.start()) y="3" width=width(r) height="18"><title>{crate::t!("compute-subnet-nodes", range = r.to_string())}</title></rect> })}
                {services.filter(in_net).map(|r| view! { <rect class="seg services" x=x(r.start()) y="3" width=width(r) height="18"><title>{crate::t!("compute-subnet-services", range = r.to_string())}</title></rect> })}
                {markers
                    .iter()
                    .map(|(a, label, class)| {
                        view! { <rect class=format!("mark {class}") x=x(*a) y="0" width="40" height="24"><title>{label.clone()}</title></rect> }
                    })
                    .collect_view()}
            </svg>
            <div class="bar-scale">
                <span>{net.network().to_string()}</span>
                <span>{net.broadcast().to_string()}</span>
            </div>
            <figcaption>
                <ul class="legend">
                    {markers
                        .into_iter()
                        .map(|(_, label, class)| view! { <li><span class=format!("key {class}")></span>{label}</li> })
                        .collect_view()}
                    {nodes.map(|r| view! { <li><span class="key nodes"></span>{crate::t!("compute-subnet-nodes", range = r.to_string())}</li> })}
                    {services.map(|r| view! { <li><span class="key services"></span>{crate::t!("compute-subnet-services", range = r.to_string())}</li> })}
                    <li class="muted">{crate::t!("compute-subnet-summary", subnet = net, hosts = crate::domain::addr::usable_hosts(&net).len())}</li>
                </ul>
            </figcaption>
        </figure>
    }
}
