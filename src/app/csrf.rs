//! The session's form token, which every form that changes something carries
//! (the server checks it against the session: a forged post from another
//! site has none).

use leptos::prelude::*;

/// The session's token, which every form that changes something carries.
/// The server reads it from the request; the browser from the page's `<meta>`.
pub fn csrf_token() -> String {
    #[cfg(feature = "ssr")]
    {
        use_context::<crate::state::Served>()
            .map(|s| s.csrf)
            .unwrap_or_default()
    }
    #[cfg(not(feature = "ssr"))]
    {
        document()
            .query_selector("meta[name=csrf-token]")
            .ok()
            .flatten()
            .and_then(|m| m.get_attribute("content"))
            .unwrap_or_default()
    }
}

#[component]
pub fn CsrfField() -> impl IntoView {
    view! { <input type="hidden" name="_csrf" value=csrf_token()/> }
}
