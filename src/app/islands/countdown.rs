//! The trial banner's live countdown: the seconds left until the deadline,
//! by the browser's clock, once a second. Without JavaScript the banner
//! states the deadline as a time, which this only adds to.

use leptos::prelude::*;

/// "45 s left" until `deadline` (seconds since the Unix epoch); empty before
/// it runs in the browser (the server renders no countdown: a cached page
/// would show a stale one).
#[island]
pub fn Countdown(deadline: u64) -> impl IntoView {
    let left = RwSignal::new(None::<u64>);
    #[cfg(feature = "hydrate")]
    {
        let tick = move || {
            let now = (js_sys::Date::now() / 1000.0) as u64;
            left.set(Some(deadline.saturating_sub(now)));
        };
        // After hydration: the server rendered no countdown, and the page
        // must hydrate as it was rendered.
        Effect::new(move |_| tick());
        if let Ok(handle) = set_interval_with_handle(tick, std::time::Duration::from_secs(1)) {
            on_cleanup(move || handle.clear());
        }
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = deadline;
    view! {
        <span class="countdown" data-testid="trial-countdown" aria-live="off">
            {move || left.get().map(|s| crate::t!("trial-banner-left", seconds = s))}
        </span>
    }
}
