//! The Fluent files, compiled in, and one bundle per language.

use std::sync::LazyLock;

use fluent_bundle::{concurrent::FluentBundle, FluentArgs, FluentResource, FluentValue};

use super::{message::Value, Lang};

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

type Bundle = FluentBundle<FluentResource>;

static EN: LazyLock<Bundle> = LazyLock::new(|| bundle(Lang::En));
static JA: LazyLock<Bundle> = LazyLock::new(|| bundle(Lang::Ja));

fn bundle(lang: Lang) -> Bundle {
    let id = lang.tag().parse().expect("language tags are valid");
    let mut bundle = FluentBundle::new_concurrent(vec![id]);
    // Unicode isolation marks around arguments would end up in copied
    // addresses and in what screen readers read out.
    bundle.set_use_isolating(false);
    for (_, _, source) in FILES.iter().filter(|(l, _, _)| *l == lang.tag()) {
        // A broken entry drops that entry only; the parse test names it.
        let resource = FluentResource::try_new((*source).to_string()).unwrap_or_else(|(r, _)| r);
        let _ = bundle.add_resource(resource);
    }
    bundle
}

fn get(lang: Lang) -> &'static Bundle {
    match lang {
        Lang::En => &EN,
        Lang::Ja => &JA,
    }
}

/// A message without arguments in `lang`.
pub fn text(lang: Lang, id: &str) -> String {
    format(lang, id, &[])
}

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
