//! edgenet: the local web UI of an edge compute appliance.

pub mod actions;
pub mod app;
pub mod domain;
pub mod i18n;
pub mod state;
pub mod weighted;

#[cfg(feature = "ssr")]
pub mod server;

/// Starts the WebAssembly module: the reader's language and its catalog
/// (the text of the file the page names), then the islands' reactive root.
/// The page's boot script (`src/app/boot.js`) calls it once, then hydrates
/// each island.
#[cfg(feature = "hydrate")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate(catalog: String) {
    // A readable panic message in the console is for debugging; release
    // builds leave the hook (and its formatting code) out.
    #[cfg(debug_assertions)]
    console_error_panic_hook::set_once();
    app::init_from_document(&catalog);
    leptos::mount::hydrate_islands();
}
