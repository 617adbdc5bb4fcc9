//! "Which route?" on the Routes page: the route the VMs would take to an
//! address, and the others that match, answered as it is typed.

use leptos::prelude::*;

use super::FromServer;

use crate::domain::{
    addr::parse_addr,
    model::Config,
    model::DeviceProfile,
    routes::{which_route, Verdict},
    vm::Origin,
};

/// "Which route?": the answer follows the typing; without JavaScript the
/// form asks the server (`asked`: the address it asked about).
#[island]
pub fn WhichRoute(
    asked: String,
    applied: FromServer<Config>,
    profile: FromServer<DeviceProfile>,
) -> impl IntoView {
    let (FromServer(applied), FromServer(profile)) = (applied, profile);
    let initial = asked;
    let text = RwSignal::new(initial.clone());
    let state = StoredValue::new((applied, profile));
    let answer = move || {
        let t = text.get();
        if t.trim().is_empty() {
            return None;
        }
        Some(match parse_addr(&t) {
            Err(e) => Err(crate::t!("routes-lookup-error", error = e.message())),
            Ok(a) => Ok(state.with_value(|(applied, profile)| which_route(applied, profile, a))),
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
