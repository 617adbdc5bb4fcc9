//! The browser's compiled catalog formats every message as Fluent does.

use intl_pluralrules::{PluralCategory, PluralRuleType, PluralRules};

use super::compiled::*;
use super::value::Value;
use crate::i18n::{catalog_source, Lang};

fn plural(lang: Lang) -> impl Fn(i64) -> String {
    let rules = PluralRules::create(
        lang.tag()
            .parse::<unic_langid::LanguageIdentifier>()
            .unwrap(),
        PluralRuleType::CARDINAL,
    )
    .unwrap();
    move |n| {
        match rules.select(n).unwrap() {
            PluralCategory::ZERO => "zero",
            PluralCategory::ONE => "one",
            PluralCategory::TWO => "two",
            PluralCategory::FEW => "few",
            PluralCategory::MANY => "many",
            PluralCategory::OTHER => "other",
        }
        .to_string()
    }
}

/// Every variable a message's pieces use, and the names its selects
/// choose between.
fn vars(pieces: &[Piece], out: &mut Vec<(String, Vec<String>)>) {
    for p in pieces {
        match p {
            Piece::Var(v) => out.push((v.clone(), Vec::new())),
            Piece::Select(s) => {
                let names = s
                    .variants
                    .iter()
                    .filter_map(|(k, _)| match k {
                        Key::Name(n) => Some(n.clone()),
                        Key::Number(_) => None,
                    })
                    .collect();
                out.push((s.on.clone(), names));
                for (_, v) in &s.variants {
                    vars(v, out);
                }
            }
            Piece::Text(_) => {}
        }
    }
}

/// The browser's formatting gives what the server's `fluent-bundle`
/// gives, for every message of both languages: each variable given as
/// the numbers 0, 1, 2, 5 and 1024, as text, as each name a select
/// chooses between, and left out.
#[test]
fn every_message_reads_the_same_in_the_browser_as_on_the_server() {
    for lang in Lang::ALL {
        let catalog = Catalog::lower(&catalog_source(lang)).unwrap();
        assert!(
            catalog.0.len() > 300,
            "{lang}: {} messages",
            catalog.0.len()
        );
        let plural = plural(lang);
        let mut checked = 0;
        for (id, pieces) in &catalog.0 {
            let mut used = Vec::new();
            vars(pieces, &mut used);
            used.sort();
            used.dedup();
            let mut cases: Vec<Vec<(String, Value)>> = vec![Vec::new()];
            for n in [0, 1, 2, 5, 1024] {
                cases.push(
                    used.iter()
                        .map(|(v, _)| (v.clone(), Value::Number(n)))
                        .collect(),
                );
            }
            cases.push(
                used.iter()
                    .map(|(v, _)| (v.clone(), Value::Text("10.20.0.1".into())))
                    .collect(),
            );
            for (var, names) in &used {
                for name in names {
                    cases.push(vec![(var.clone(), Value::Text(name.clone()))]);
                }
            }
            for case in cases {
                let args: Vec<(&str, Value)> =
                    case.iter().map(|(k, v)| (k.as_str(), v.clone())).collect();
                let server = crate::i18n::catalog::format(lang, id, &args);
                let browser = catalog.format(id, &args, &plural).unwrap();
                assert_eq!(browser, server, "{lang} {id} with {case:?}");
                checked += 1;
            }
        }
        assert!(checked > 2000, "{lang}: {checked} cases");
    }
}

#[test]
fn what_the_browser_cannot_format_is_refused_by_message() {
    let cases = [
        ("-brand = Edge\nm = { -brand }\n", "-brand: terms"),
        ("a = x\nb = { a }\n", "b: a message reference"),
        ("m = { NUMBER($n) }\n", "m: a function"),
        (
            "m = { $n ->\n    [1.5] x\n   *[other] y\n}\n",
            "m: the key [1.5] is not a whole number",
        ),
        ("m = x\n    .title = y\n", "m: attributes"),
    ];
    for (source, error) in cases {
        let errors = Catalog::lower(source).unwrap_err();
        assert!(
            errors.iter().any(|e| e.starts_with(error)),
            "{source:?}: {errors:?}"
        );
    }
}

#[test]
fn a_catalog_round_trips_through_json_and_reads_the_same_every_time() {
    let catalog = Catalog::lower(&catalog_source(Lang::Ja)).unwrap();
    let json = serde_json::to_string(&catalog).unwrap();
    assert_eq!(serde_json::from_str::<Catalog>(&json).unwrap(), catalog);
    // The same text every time, whatever the order of parsing.
    let again = Catalog::lower(&catalog_source(Lang::Ja)).unwrap();
    assert_eq!(serde_json::to_string(&again).unwrap(), json);
}
