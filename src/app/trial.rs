//! The trial banner, on every page while a trial runs: what is on trial,
//! the deadline (a time; with JavaScript also a live countdown), why, where
//! the device answers if the change moved its address, and the two
//! buttons, plain form posts that work without JavaScript.

use leptos::prelude::*;

use crate::app::csrf::CsrfField;
use crate::app::islands::Countdown;
use crate::app::{tm, with_state};
use crate::domain::trial::clock;
use crate::state::PageState;

#[component]
pub fn TrialBanner() -> impl IntoView {
    let location = leptos_router::hooks::use_location();
    let back = location.pathname.get_untracked();
    with_state(move |s: PageState| {
        let back = back.clone();
        s.trial.map(|t| {
            let risks: Vec<crate::i18n::Message> = t.risks.iter().map(crate::state::risk_message).collect();
            let why = tm(&crate::msg!("trial-banner-why", risks = risks));
            view! {
                <section class="banner warn trial" role="region" aria-labelledby="trial-title" data-testid="trial-banner" data-deadline=t.deadline>
                    <h2 id="trial-title">{crate::t!("trial-banner-title")}</h2>
                    <p>
                        <span data-testid="trial-deadline">{crate::t!("trial-banner-body", revision = t.revision, replaced = t.replaced, deadline = clock(t.deadline))}</span>
                        " "
                        <Countdown deadline=t.deadline/>
                    </p>
                    <p class="muted">{why}</p>
                    {t.confirm_at.map(|a| view! {
                        <p data-testid="trial-moved"><strong>{crate::t!("trial-moved", address = a)}</strong></p>
                    })}
                    <div class="actions">
                        <form method="post" action="/trial/keep">
                            <CsrfField/>
                            <input type="hidden" name="back" value=back.clone()/>
                            <button type="submit" class="primary" data-testid="trial-keep">{crate::t!("trial-keep")}</button>
                        </form>
                        <form method="post" action="/trial/revert">
                            <CsrfField/>
                            <input type="hidden" name="back" value=back.clone()/>
                            <button type="submit" data-testid="trial-revert">{crate::t!("trial-revert")}</button>
                        </form>
                    </div>
                </section>
            }
        })
    })
}
