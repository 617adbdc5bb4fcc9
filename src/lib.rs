//! edgenet: the local web UI of an edge compute appliance.

pub mod actions;
pub mod app;
pub mod domain;
pub mod i18n;
pub mod rpc;
pub mod state;

#[cfg(feature = "ssr")]
pub mod server;

/// Entry point of the WebAssembly module: hydrates the server-rendered page.
#[cfg(feature = "hydrate")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    app::init_from_document();
    leptos::mount::hydrate_body(app::App);
    // Markers that tests, benchmarks (and people) can read: the page is live,
    // and when it became so (a performance mark, in ms since navigation).
    let window = web_sys::window();
    if let Some(body) = window
        .as_ref()
        .and_then(|w| w.document())
        .and_then(|d| d.body())
    {
        let _ = body.set_attribute("data-hydrated", "true");
    }
    if let Some(p) = window.and_then(|w| w.performance()) {
        let _ = p.mark("edgenet-hydrated");
    }
}
