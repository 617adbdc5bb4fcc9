//! The references that pages and files point to, served by the device
//! itself: a downloaded configuration file names `/docs/config-file`, which
//! must open on the device that wrote it (no internet needed).

use leptos::prelude::*;
use leptos_meta::Title;

use crate::i18n::Lang;

/// `docs/config-file.md`, rendered. Only in English: a reader in another
/// language is told so above it.
#[component]
pub fn ConfigFileDocPage() -> impl IntoView {
    let english_only = crate::i18n::current() != Lang::En;
    view! {
        <Title text=crate::t!("docs-config-file-title")/>
        <section class="page">
            {english_only.then(|| view! {
                <p class="banner info" data-testid="doc-language">{crate::t!("docs-english-only")}</p>
            })}
            <article class="card doc" lang="en" data-testid="doc" inner_html=config_file_html()/>
        </section>
    }
}

/// The reference as HTML (CommonMark with tables, as GitHub shows it).
#[cfg(feature = "ssr")]
fn config_file_html() -> String {
    use pulldown_cmark::{html, Options, Parser};
    const SOURCE: &str = include_str!("../../docs/config-file.md");
    let mut out = String::with_capacity(SOURCE.len() * 3 / 2);
    html::push_html(&mut out, Parser::new_ext(SOURCE, Options::ENABLE_TABLES));
    out
}

/// In the browser nothing outside an island runs.
#[cfg(not(feature = "ssr"))]
fn config_file_html() -> String {
    String::new()
}
