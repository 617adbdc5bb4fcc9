//! The language of the page being rendered.
//!
//! The server decides it per request (the `lang` cookie, else
//! `Accept-Language`, else English) and writes it into `<html lang>`; the
//! browser reads it back from there when it hydrates, so both render the same
//! text and nothing flashes from one language to the other.

use crate::i18n::{Lang, Message};

/// The reader's language (see [`crate::i18n::current`]).
pub use crate::i18n::current as lang;

/// A message in the reader's language.
pub fn tm(m: &Message) -> String {
    m.render(lang())
}

/// The device's description in the header: the embedded profile's, in the
/// reader's language; another profile's (a file the operator wrote) as written.
pub fn model_label(model: &str) -> String {
    if model == crate::domain::model::DeviceProfile::default_appliance().model {
        crate::t!("header-model-default")
    } else {
        model.to_string()
    }
}

/// Reads `<html lang>`, as the server wrote it, and that language's catalog
/// (the JSON the page named, see `i18n::Catalog`).
#[cfg(feature = "hydrate")]
pub fn init_from_document(catalog: &str) {
    let lang = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element())
        .and_then(|e| e.get_attribute("lang"))
        .and_then(|l| l.parse().ok())
        .unwrap_or_default();
    crate::i18n::set_current(lang);
    crate::i18n::set_browser_catalog(lang, catalog);
}

/// Buttons that switch the UI language. A plain form (`POST /lang`): it
/// works without JavaScript, and the page comes back rendered by the server
/// in the new language, so no text is left in the old one.
#[leptos::component]
pub fn LangSwitch() -> impl leptos::IntoView {
    use leptos::prelude::*;
    let current = lang();
    let location = leptos_router::hooks::use_location();
    let back = move || {
        let search = location.search.get();
        let search = strip_notice(&search);
        format!("{}{search}", location.pathname.get())
    };
    view! {
        <form class="lang-switch" method="post" action="/lang" aria-label=crate::t!("lang-switch-label")>
            <input type="hidden" name="back" value=back/>
            {Lang::ALL
                .into_iter()
                .map(|l| {
                    let here = l == current;
                    view! {
                        <button
                            type="submit"
                            name="lang"
                            value=l.tag()
                            lang=l.tag()
                            class:current=here
                            aria-current=here.then_some("true")
                        >
                            {l.own_name()}
                        </button>
                    }
                })
                .collect_view()}
        </form>
    }
}

/// The query without a one-off notice (`?notice=applied&n=3`), which should
/// not be shown again after switching language.
fn strip_notice(search: &str) -> String {
    let kept: Vec<&str> = search
        .trim_start_matches('?')
        .split('&')
        .filter(|kv| !kv.is_empty())
        .filter(|kv| {
            let key = kv.split('=').next().unwrap_or_default();
            !crate::state::NOTICE_PARAMS.contains(&key)
        })
        .collect();
    if kept.is_empty() {
        String::new()
    } else {
        format!("?{}", kept.join("&"))
    }
}
