//! The Fluent files and one bundle per language.
//!
//! The server (and every native build) compiles every file in and formats
//! with `fluent-bundle`. The browser's module carries neither the files nor
//! Fluent: the page names the reader's catalog, a separately cached file the
//! server builds from [`FILES`] (`/i18n/<lang>.<hash>.json`, the messages
//! parsed into a [`Catalog`]), and the module is handed it when it starts
//! ([`set_browser_catalog`]), so a second language costs the browser nothing.

#[cfg(not(feature = "hydrate"))]
use std::sync::LazyLock;

#[cfg(not(feature = "hydrate"))]
use fluent_bundle::{concurrent::FluentBundle, FluentArgs, FluentResource, FluentValue};

#[cfg(feature = "hydrate")]
use super::compiled::Catalog;

use super::{value::Value, Lang};

#[cfg(not(feature = "hydrate"))]
/// Every translation file: `(language, file name, text)`. Each language has
/// the same files holding the same message ids (`tests/i18n.rs` checks).
pub const FILES: &[(&str, &str, &str)] = &[
    (
        "en",
        "common.ftl",
        include_str!("../../locales/en/common.ftl"),
    ),
    (
        "en",
        "access.ftl",
        include_str!("../../locales/en/access.ftl"),
    ),
    (
        "en",
        "pages.ftl",
        include_str!("../../locales/en/pages.ftl"),
    ),
    (
        "en",
        "compute.ftl",
        include_str!("../../locales/en/compute.ftl"),
    ),
    (
        "en",
        "routes.ftl",
        include_str!("../../locales/en/routes.ftl"),
    ),
    (
        "en",
        "validation.ftl",
        include_str!("../../locales/en/validation.ftl"),
    ),
    ("en", "wire.ftl", include_str!("../../locales/en/wire.ftl")),
    (
        "ja",
        "common.ftl",
        include_str!("../../locales/ja/common.ftl"),
    ),
    (
        "ja",
        "access.ftl",
        include_str!("../../locales/ja/access.ftl"),
    ),
    (
        "ja",
        "pages.ftl",
        include_str!("../../locales/ja/pages.ftl"),
    ),
    (
        "ja",
        "compute.ftl",
        include_str!("../../locales/ja/compute.ftl"),
    ),
    (
        "ja",
        "routes.ftl",
        include_str!("../../locales/ja/routes.ftl"),
    ),
    (
        "ja",
        "validation.ftl",
        include_str!("../../locales/ja/validation.ftl"),
    ),
    ("ja", "wire.ftl", include_str!("../../locales/ja/wire.ftl")),
];

#[cfg(not(feature = "hydrate"))]
type Bundle = FluentBundle<FluentResource>;

#[cfg(not(feature = "hydrate"))]
static EN: LazyLock<Bundle> = LazyLock::new(|| bundle(Lang::En, &catalog_source(Lang::En)));
#[cfg(not(feature = "hydrate"))]
static JA: LazyLock<Bundle> = LazyLock::new(|| bundle(Lang::Ja, &catalog_source(Lang::Ja)));

#[cfg(not(feature = "hydrate"))]
fn bundle(lang: Lang, source: &str) -> Bundle {
    let id = lang.tag().parse().expect("language tags are valid");
    let mut bundle = FluentBundle::new_concurrent(vec![id]);
    // Unicode isolation marks around arguments would end up in copied
    // addresses and in what screen readers read out.
    bundle.set_use_isolating(false);
    // A broken entry drops that entry only; the parse test names it.
    let resource = FluentResource::try_new(source.to_string()).unwrap_or_else(|(r, _)| r);
    let _ = bundle.add_resource(resource);
    bundle
}

/// All of `lang`'s files as one Fluent source, without the comments (notes
/// for translators). The server builds its bundle from it, and the browser's
/// catalog is lowered from it (the messages of [`browser_message_ids`]), so
/// both sides render from the same text.
#[cfg(not(feature = "hydrate"))]
pub fn catalog_source(lang: Lang) -> String {
    let mut out = String::new();
    for (_, _, source) in FILES.iter().filter(|(l, _, _)| *l == lang.tag()) {
        for line in source.lines() {
            // Fluent comments start with `#` in the first column; a `#` inside
            // a message (a selector's `[#]`, say) is always indented.
            if !line.starts_with('#') {
                out.push_str(line);
                out.push('\n');
            }
        }
        out.push('\n');
    }
    out
}

/// The ids of the messages the browser's catalog holds: those the module
/// can ask for (`locales/browser.txt`; `tests/i18n.rs` checks it against the
/// code the module is built from). The rest, the pages' own text, is
/// rendered by the server only.
#[cfg(not(feature = "hydrate"))]
pub fn browser_message_ids() -> impl Iterator<Item = &'static str> {
    include_str!("../../locales/browser.txt")
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
}

#[cfg(not(feature = "hydrate"))]
fn get(lang: Lang) -> &'static Bundle {
    match lang {
        Lang::En => &EN,
        Lang::Ja => &JA,
    }
}

/// The browser's one catalog: the reader's language, from the file the page
/// named.
#[cfg(feature = "hydrate")]
static BROWSER: std::sync::OnceLock<(Lang, Catalog)> = std::sync::OnceLock::new();

/// Reads the browser's catalog (the JSON of `/i18n/<lang>.<hash>.json`);
/// called once, when the module starts, before any island renders. A
/// catalog that cannot be read leaves message ids showing, not a broken page.
#[cfg(feature = "hydrate")]
pub fn set_browser_catalog(lang: Lang, json: &str) {
    let _ = BROWSER.set((lang, serde_json::from_str(json).unwrap_or_default()));
}

/// A message without arguments in `lang`.
pub fn text(lang: Lang, id: &str) -> String {
    format(lang, id, &[])
}

#[cfg(feature = "hydrate")]
pub(super) fn format(_lang: Lang, id: &str, args: &[(&str, Value)]) -> String {
    let Some((lang, catalog)) = BROWSER.get() else {
        return id.to_string();
    };
    catalog
        .format(id, args, &|n| browser_plural(*lang, n))
        .unwrap_or_else(|| id.to_string())
}

/// A number's CLDR cardinal plural category in `lang`, from the browser's
/// own `Intl.PluralRules` (the rules `fluent-bundle` takes from CLDR too).
#[cfg(feature = "hydrate")]
fn browser_plural(lang: Lang, n: i64) -> String {
    thread_local! {
        static RULES: std::cell::OnceCell<js_sys::Intl::PluralRules> = const { std::cell::OnceCell::new() };
    }
    RULES.with(|r| {
        r.get_or_init(|| {
            let locales = js_sys::Array::of1(&lang.tag().into());
            js_sys::Intl::PluralRules::new(&locales, &js_sys::Object::new())
        })
        .select(n as f64)
        .into()
    })
}

#[cfg(not(feature = "hydrate"))]
pub(super) fn format(lang: Lang, id: &str, args: &[(&str, Value)]) -> String {
    let fluent_args = (!args.is_empty()).then(|| {
        let mut a = FluentArgs::with_capacity(args.len());
        for (k, v) in args {
            match v {
                Value::Number(n) => a.set(*k, FluentValue::from(*n)),
                Value::Text(s) => a.set(*k, FluentValue::from(s.as_str())),
            }
        }
        a
    });
    for bundle in [get(lang), get(Lang::En)] {
        if let Some(pattern) = bundle.get_message(id).and_then(|m| m.value()) {
            let mut errors = Vec::new();
            return bundle
                .format_pattern(pattern, fluent_args.as_ref(), &mut errors)
                .into_owned();
        }
    }
    id.to_string()
}
