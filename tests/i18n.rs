//! The translation files: both languages hold the same messages, with the
//! same arguments, every message the code asks for exists, and none is dead.

use std::collections::{BTreeMap, BTreeSet};

use edgenet::i18n::{Lang, FILES};
use fluent_syntax::ast::{Entry, Expression, InlineExpression, Pattern, PatternElement};

/// Message id → the variables its value and variants use, per language.
type Messages = BTreeMap<String, BTreeSet<String>>;

fn variables(p: &Pattern<&str>, out: &mut BTreeSet<String>) {
    for el in &p.elements {
        if let PatternElement::Placeable { expression } = el {
            expression_vars(expression, out);
        }
    }
}

fn expression_vars(e: &Expression<&str>, out: &mut BTreeSet<String>) {
    match e {
        Expression::Inline(i) => inline_vars(i, out),
        Expression::Select { selector, variants } => {
            inline_vars(selector, out);
            for v in variants {
                variables(&v.value, out);
            }
        }
    }
}

fn inline_vars(i: &InlineExpression<&str>, out: &mut BTreeSet<String>) {
    match i {
        InlineExpression::VariableReference { id } => {
            out.insert(id.name.to_string());
        }
        InlineExpression::Placeable { expression } => expression_vars(expression, out),
        InlineExpression::FunctionReference { arguments, .. } => {
            for a in &arguments.positional {
                inline_vars(a, out);
            }
        }
        _ => {}
    }
}

/// Every file of `lang`, parsed: file name → messages. Parse errors fail.
fn load(lang: &str) -> BTreeMap<&'static str, Messages> {
    let mut files = BTreeMap::new();
    for (l, name, source) in FILES.iter().filter(|(l, _, _)| *l == lang) {
        let resource = fluent_syntax::parser::parse(*source)
            .unwrap_or_else(|(_, errors)| panic!("{l}/{name}: {errors:?}"));
        let mut messages = Messages::new();
        for entry in &resource.body {
            match entry {
                Entry::Message(m) => {
                    let value = m
                        .value
                        .as_ref()
                        .unwrap_or_else(|| panic!("{l}/{name}: {} has no text", m.id.name));
                    let mut vars = BTreeSet::new();
                    variables(value, &mut vars);
                    let before = messages.insert(m.id.name.to_string(), vars);
                    assert!(
                        before.is_none(),
                        "{l}/{name}: {} is defined twice",
                        m.id.name
                    );
                }
                Entry::Junk { content } => panic!("{l}/{name}: unreadable entry {content:?}"),
                _ => {}
            }
        }
        files.insert(*name, messages);
    }
    files
}

#[test]
fn both_languages_have_the_same_files_and_messages() {
    let en = load("en");
    let ja = load("ja");
    assert_eq!(
        en.keys().collect::<Vec<_>>(),
        ja.keys().collect::<Vec<_>>(),
        "both languages need the same files"
    );
    let mut problems = Vec::new();
    for (file, en_msgs) in &en {
        let ja_msgs = &ja[file];
        for id in en_msgs.keys().filter(|id| !ja_msgs.contains_key(*id)) {
            problems.push(format!("{file}: {id} is in English only"));
        }
        for id in ja_msgs.keys().filter(|id| !en_msgs.contains_key(*id)) {
            problems.push(format!("{file}: {id} is in Japanese only"));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn translations_use_the_same_arguments() {
    let (en, ja) = (load("en"), load("ja"));
    let mut problems = Vec::new();
    for (file, en_msgs) in &en {
        for (id, vars) in en_msgs {
            if let Some(ja_vars) = ja[file].get(id) {
                if ja_vars != vars {
                    problems.push(format!(
                        "{file}: {id} uses {vars:?} in English, {ja_vars:?} in Japanese"
                    ));
                }
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn no_message_is_defined_in_two_files() {
    for lang in ["en", "ja"] {
        let mut seen: BTreeMap<String, &str> = BTreeMap::new();
        for (file, msgs) in load(lang) {
            for id in msgs.keys() {
                if let Some(other) = seen.insert(id.clone(), file) {
                    panic!("{lang}: {id} is in both {other} and {file}");
                }
            }
        }
    }
}

/// Every Rust file under `src/`, with its text.
fn sources() -> Vec<(std::path::PathBuf, String)> {
    let mut out = Vec::new();
    let mut stack = vec![std::path::PathBuf::from(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/src"
    ))];
    while let Some(p) = stack.pop() {
        if p.is_dir() {
            stack.extend(std::fs::read_dir(&p).unwrap().map(|e| e.unwrap().path()));
        } else if p.extension().is_some_and(|e| e == "rs") {
            let text = std::fs::read_to_string(&p).unwrap();
            out.push((p, text));
        }
    }
    out
}

/// The ids the code names: `t!("…")`, `msg!("…")`, `Message::new("…")`.
fn ids_in_code() -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    for (p, text) in sources() {
        for opener in ["t!(", "msg!(", "Message::new("] {
            for (at, _) in text.match_indices(opener) {
                // `t!(` inside `fmt!(`-like names is not ours.
                let before = text[..at].chars().last();
                if opener == "t!(" && before.is_some_and(|c| c.is_alphanumeric() || c == '_') {
                    continue;
                }
                let rest = text[at + opener.len()..].trim_start();
                let Some(rest) = rest.strip_prefix('"') else {
                    continue;
                };
                let Some(end) = rest.find('"') else { continue };
                let id = &rest[..end];
                // Skip the macro definitions' own `$id` and doc examples' placeholders.
                if !id.is_empty() && id.chars().all(|c| c.is_ascii_alphanumeric() || c == '-') {
                    out.entry(id.to_string())
                        .or_insert_with(|| p.display().to_string());
                }
            }
        }
    }
    out
}

#[test]
fn every_message_the_code_names_exists() {
    let en: BTreeSet<String> = load("en")
        .into_values()
        .flat_map(|m| m.into_keys())
        .collect();
    let used = ids_in_code();
    assert!(used.len() > 100, "the scan found only {} ids", used.len());
    let missing: Vec<String> = used
        .iter()
        .filter(|(id, _)| !en.contains(*id) && id.as_str() != "no-such-message")
        .map(|(id, file)| format!("{id} (named in {file})"))
        .collect();
    assert!(
        missing.is_empty(),
        "no such message:\n{}",
        missing.join("\n")
    );
}

/// The string literals of `text` (what stands between pairs of quotes).
fn literals(text: &str) -> impl Iterator<Item = String> + '_ {
    text.split('"').skip(1).step_by(2).map(str::to_string)
}

/// Every string literal in the code that could be a message id: rules pass
/// ids to small helpers (`why("decision-why-wins")`) as well as to the macros.
fn literals_in_code() -> BTreeSet<String> {
    sources()
        .into_iter()
        .flat_map(|(_, text)| literals(&text).collect::<Vec<_>>())
        .collect()
}

/// Messages the catalog itself renders, which no code names.
const RENDERED_BY_THE_CATALOG: [&str; 1] = ["list-separator"];

#[test]
fn every_message_is_used() {
    let used = literals_in_code();
    let dead: Vec<String> = load("en")
        .into_iter()
        .flat_map(|(file, m)| m.into_keys().map(move |id| (file, id)))
        .filter(|(_, id)| !used.contains(id) && !RENDERED_BY_THE_CATALOG.contains(&id.as_str()))
        .map(|(file, id)| format!("{file}: {id}"))
        .collect();
    assert!(
        dead.is_empty(),
        "messages nothing shows:\n{}",
        dead.join("\n")
    );
}

#[test]
fn every_message_renders_in_both_languages() {
    use fluent_bundle::{FluentArgs, FluentBundle, FluentResource};
    for lang in Lang::ALL {
        let mut bundle = FluentBundle::new(vec![lang.tag().parse().unwrap()]);
        for (_, name, source) in FILES.iter().filter(|(l, _, _)| *l == lang.tag()) {
            let res = FluentResource::try_new(source.to_string()).unwrap();
            bundle
                .add_resource(res)
                .unwrap_or_else(|e| panic!("{lang}/{name}: {e:?}"));
        }
        for (_, msgs) in load(lang.tag()) {
            for (id, vars) in msgs {
                for sample in [1i64, 2] {
                    let mut args = FluentArgs::new();
                    for v in &vars {
                        args.set(v.clone(), sample);
                    }
                    let pattern = bundle.get_message(&id).and_then(|m| m.value()).unwrap();
                    let mut errors = Vec::new();
                    let text = bundle.format_pattern(pattern, Some(&args), &mut errors);
                    assert!(errors.is_empty(), "{lang}: {id}: {errors:?}");
                    assert!(
                        !text.trim().is_empty() || id == "not-found-after",
                        "{lang}: {id} is empty"
                    );
                }
            }
        }
    }
}

#[test]
fn japanese_is_japanese() {
    // A message copied over untranslated is the usual slip; only messages
    // made of names, addresses and arguments may read the same.
    let (en, ja) = (load("en"), load("ja"));
    // Only messages without arguments are compared, so the plain lookup serves.
    let text = edgenet::i18n::text;
    let mut same = Vec::new();
    for (file, msgs) in &en {
        for id in msgs.keys() {
            if ja[file].contains_key(id) && msgs[id].is_empty() {
                let (e, j) = (text(Lang::En, id), text(Lang::Ja, id));
                // Names (Calico IPPool, MetalLB) are capitalised; prose is not.
                let wordy = e
                    .split_whitespace()
                    .filter(|w| w.len() > 3 && w.chars().all(|c| c.is_ascii_lowercase()))
                    .count()
                    >= 2;
                if e == j && wordy {
                    same.push(format!("{file}: {id} = {e:?}"));
                }
            }
        }
    }
    assert!(same.is_empty(), "not translated:\n{}", same.join("\n"));
}

/// The browser's catalog holds only the messages its module can ask for
/// (`locales/browser.txt`, which the server filters the catalog by): every
/// message whose id is a string literal in the code the module is built
/// from, the shared domain (rules pass ids to helpers as well as to `msg!`),
/// the islands and the catalog code itself. A message missing from the list
/// would show as its id once a form reacts; one too many costs every first
/// load its bytes. `EDGENET_BLESS=1` rewrites the list from the code.
#[test]
fn the_browser_catalog_holds_what_the_module_can_ask_for() {
    let root = env!("CARGO_MANIFEST_DIR");
    let in_browser = ["src/domain", "src/app/islands", "src/i18n"]
        .map(|dir| std::path::PathBuf::from(root).join(dir));
    let literals: BTreeSet<String> = sources()
        .into_iter()
        .filter(|(p, _)| in_browser.iter().any(|dir| p.starts_with(dir)))
        .flat_map(|(_, text)| {
            // Comments name ids as examples (`t!("nav-compute")`): not code.
            let code: String = text
                .lines()
                .filter(|l| !l.trim_start().starts_with("//"))
                .collect::<Vec<_>>()
                .join("\n");
            literals(&code).collect::<Vec<_>>()
        })
        .collect();
    let wanted: BTreeSet<String> = load("en")
        .into_values()
        .flat_map(|m| m.into_keys())
        .filter(|id| literals.contains(id) || RENDERED_BY_THE_CATALOG.contains(&id.as_str()))
        .collect();
    assert!(wanted.contains("form-not-staged") && wanted.contains("val-bad-address"));
    assert!(
        !wanted.contains("skip-to-content"),
        "a page's own text is the server's"
    );

    let path = std::path::PathBuf::from(root).join("locales/browser.txt");
    if std::env::var_os("EDGENET_BLESS").is_some() {
        let mut text = String::from(
            "# The messages the browser's catalog holds (see src/server/http/assets.rs), one id a line.\n\
             # Written by `EDGENET_BLESS=1 cargo test --features ssr --test i18n`, checked by that test.\n",
        );
        for id in &wanted {
            text.push_str(id);
            text.push('\n');
        }
        std::fs::write(&path, text).unwrap();
        // The server compiled the old list in; the next run checks the new one.
        eprintln!("locales/browser.txt rewritten: run the test again without EDGENET_BLESS");
        return;
    }
    let listed: BTreeSet<String> = edgenet::i18n::browser_message_ids()
        .map(str::to_string)
        .collect();
    let missing: Vec<_> = wanted.difference(&listed).collect();
    let extra: Vec<_> = listed.difference(&wanted).collect();
    assert!(
        missing.is_empty() && extra.is_empty(),
        "locales/browser.txt is out of date (EDGENET_BLESS=1 rewrites it):\n\
         missing, the module can ask for them: {missing:?}\n\
         listed, but nothing in the module names them: {extra:?}"
    );
}
