//! The browser's catalog: one language's Fluent messages, parsed on the
//! server and sent as data, so that the browser's module formats them
//! without carrying a Fluent parser, resolver or plural-rule tables (31 KB
//! of the module, compressed, measured on the release build).
//!
//! The catalogs use a small part of Fluent's syntax: text, variables
//! (`{ $n }`), string literals (`{ " " }`) and select expressions on a
//! variable, whose keys are numbers (`[0]`), CLDR plural categories (`[one]`)
//! or names (`[internet]`). [`Catalog::lower`] turns each message into
//! [`Piece`]s and refuses anything else (a term, a message reference, a
//! function), so a catalog that uses more fails this module's tests instead
//! of reading differently in the browser. `Catalog::format` follows
//! `fluent-bundle`'s resolver (Fluent's syntax guide, "Selectors"): a number
//! key matches an equal number, a name matches an equal text or the number's
//! plural category, else the default variant; a missing variable reads
//! `{$name}`. A test formats every message of both catalogs both ways and
//! compares.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::value::Value;

/// One language's messages, by message id, as the browser receives them
/// (JSON, see [`Piece`] for the shape). Sorted by id, so that the same
/// catalog always gives the same text, and with it the same content hash in
/// the file's name (a cached copy stays valid across restarts).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Catalog(pub(super) BTreeMap<String, Vec<Piece>>);

/// A part of a message's pattern. JSON: `{"t": "text"}`, `{"v": "name"}`,
/// `{"s": {"on": "n", "variants": [[{"n": 0}, [...]], [{"k": "one"}, [...]]],
/// "default": 1}}`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Piece {
    /// Text as written (a string literal's escapes already resolved).
    #[serde(rename = "t")]
    Text(String),
    /// A variable's value: `{ $name }`.
    #[serde(rename = "v")]
    Var(String),
    /// `{ $on -> [key] … *[default] … }`.
    #[serde(rename = "s")]
    Select(Select),
}

/// A select expression on a variable.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Select {
    /// The variable chosen on, without its `$`.
    pub on: String,
    /// In the catalog's order: the first that matches is taken.
    pub variants: Vec<(Key, Vec<Piece>)>,
    /// The index in `variants` of the one marked `*`.
    pub default: usize,
}

/// A variant's key.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Key {
    /// `[0]`: matches a number argument equal to it.
    #[serde(rename = "n")]
    Number(i64),
    /// `[one]`, `[internet]`: matches a text argument equal to it, or a
    /// number argument whose CLDR plural category it names.
    #[serde(rename = "k")]
    Name(String),
}

// The server formats with `fluent-bundle`; this is the browser's formatting
// (and the tests', which compare the two).
#[cfg_attr(not(feature = "hydrate"), allow(dead_code))]
impl Catalog {
    /// Formats message `id` with `args`; `plural` gives a number's CLDR
    /// cardinal category (`"one"`, `"other"`, …) in the catalog's language.
    /// `None` when the catalog has no such message.
    pub(super) fn format(
        &self,
        id: &str,
        args: &[(&str, Value)],
        plural: &dyn Fn(i64) -> String,
    ) -> Option<String> {
        let pieces = self.0.get(id)?;
        let mut out = String::new();
        write(&mut out, pieces, args, plural);
        Some(out)
    }
}

#[cfg_attr(not(feature = "hydrate"), allow(dead_code))]
fn write(
    out: &mut String,
    pieces: &[Piece],
    args: &[(&str, Value)],
    plural: &dyn Fn(i64) -> String,
) {
    let arg = |name: &str| args.iter().find(|(k, _)| *k == name).map(|(_, v)| v);
    for piece in pieces {
        match piece {
            Piece::Text(t) => out.push_str(t),
            Piece::Var(name) => match arg(name) {
                Some(Value::Number(n)) => out.push_str(&n.to_string()),
                Some(Value::Text(t)) => out.push_str(t),
                None => {
                    out.push_str("{$");
                    out.push_str(name);
                    out.push('}');
                }
            },
            Piece::Select(s) => {
                let value = arg(&s.on);
                let category = match value {
                    Some(Value::Number(n)) => Some(plural(*n)),
                    _ => None,
                };
                let chosen = s.variants.iter().find(|(key, _)| match (key, value) {
                    (Key::Number(k), Some(Value::Number(n))) => k == n,
                    (Key::Name(k), Some(Value::Text(t))) => k == t,
                    (Key::Name(k), Some(Value::Number(_))) => category.as_deref() == Some(k),
                    _ => false,
                });
                let chosen = chosen.or_else(|| s.variants.get(s.default));
                if let Some((_, pieces)) = chosen {
                    write(out, pieces, args, plural);
                }
            }
        }
    }
}

#[cfg(not(feature = "hydrate"))]
mod lower {
    use fluent_syntax::ast;

    use super::{Catalog, Key, Piece, Select};

    impl Catalog {
        /// Parses Fluent source into a catalog. Errors name each message
        /// that uses syntax the browser does not format (see the module's
        /// docs) or that does not parse.
        ///
        /// ```
        /// use edgenet::i18n::Catalog;
        /// let c = Catalog::lower("routes = { $n ->\n    [one] one route\n   *[other] { $n } routes\n}\n").unwrap();
        /// let json = serde_json::to_string(&c).unwrap();
        /// assert!(json.starts_with(r#"{"routes":[{"s":{"on":"n","variants":[[{"k":"one"},[{"t":"one route"}]]"#), "{json}");
        /// let refused = Catalog::lower("-brand = Edge\nm = { -brand }\n").unwrap_err();
        /// assert!(refused.contains(&"m: a term reference, which the browser does not format".to_string()));
        /// ```
        pub fn lower(source: &str) -> Result<Self, Vec<String>> {
            let resource = fluent_syntax::parser::parse(source).map_err(|(_, errors)| {
                errors.iter().map(|e| format!("{e:?}")).collect::<Vec<_>>()
            })?;
            let mut messages = std::collections::BTreeMap::new();
            let mut errors = Vec::new();
            for entry in resource.body {
                match entry {
                    ast::Entry::Message(m) => {
                        let id = m.id.name.to_string();
                        if !m.attributes.is_empty() {
                            errors.push(format!("{id}: attributes"));
                        }
                        if let Some(value) = &m.value {
                            match pattern(value) {
                                Ok(p) => {
                                    messages.insert(id, p);
                                }
                                Err(e) => errors.push(format!("{id}: {e}")),
                            }
                        }
                    }
                    ast::Entry::Term(t) => errors.push(format!("-{}: terms", t.id.name)),
                    ast::Entry::Junk { content } => errors.push(format!("junk: {content}")),
                    _ => {}
                }
            }
            if errors.is_empty() {
                Ok(Catalog(messages))
            } else {
                Err(errors)
            }
        }

        /// The catalog with only the messages of `ids` (ids it does not
        /// hold are passed over).
        ///
        /// ```
        /// use edgenet::i18n::Catalog;
        /// let c = Catalog::lower("a = A\nb = B\n").unwrap().only(["b", "c"]);
        /// assert_eq!(serde_json::to_string(&c).unwrap(), r#"{"b":[{"t":"B"}]}"#);
        /// ```
        pub fn only<'a>(mut self, ids: impl IntoIterator<Item = &'a str>) -> Self {
            let keep: std::collections::BTreeSet<&str> = ids.into_iter().collect();
            self.0.retain(|id, _| keep.contains(id.as_str()));
            self
        }
    }

    fn pattern(p: &ast::Pattern<&str>) -> Result<Vec<Piece>, String> {
        let mut pieces: Vec<Piece> = Vec::new();
        let text = |pieces: &mut Vec<Piece>, t: &str| match pieces.last_mut() {
            Some(Piece::Text(last)) => last.push_str(t),
            _ => pieces.push(Piece::Text(t.to_string())),
        };
        for element in &p.elements {
            match element {
                ast::PatternElement::TextElement { value } => text(&mut pieces, value),
                ast::PatternElement::Placeable { expression } => match expression {
                    ast::Expression::Inline(ast::InlineExpression::StringLiteral { value }) => {
                        text(
                            &mut pieces,
                            &fluent_syntax::unicode::unescape_unicode_to_string(value),
                        )
                    }
                    ast::Expression::Inline(ast::InlineExpression::VariableReference { id }) => {
                        pieces.push(Piece::Var(id.name.to_string()))
                    }
                    ast::Expression::Select { selector, variants } => {
                        let ast::InlineExpression::VariableReference { id } = selector else {
                            return Err(
                                "a select expression on something else than a variable".into()
                            );
                        };
                        let mut out = Vec::new();
                        let mut default = None;
                        for (i, v) in variants.iter().enumerate() {
                            let key = match &v.key {
                                ast::VariantKey::Identifier { name } => Key::Name(name.to_string()),
                                ast::VariantKey::NumberLiteral { value } => {
                                    Key::Number(value.parse().map_err(|_| {
                                        format!("the key [{value}] is not a whole number")
                                    })?)
                                }
                            };
                            if v.default {
                                default = Some(i);
                            }
                            out.push((key, pattern(&v.value)?));
                        }
                        pieces.push(Piece::Select(Select {
                            on: id.name.to_string(),
                            variants: out,
                            default: default.ok_or("a select expression without a default")?,
                        }));
                    }
                    ast::Expression::Inline(other) => {
                        let what = match other {
                            ast::InlineExpression::MessageReference { .. } => "a message reference",
                            ast::InlineExpression::TermReference { .. } => "a term reference",
                            ast::InlineExpression::FunctionReference { .. } => "a function",
                            ast::InlineExpression::NumberLiteral { .. } => "a number literal",
                            _ => "a nested placeable",
                        };
                        return Err(format!("{what}, which the browser does not format"));
                    }
                },
            }
        }
        Ok(pieces)
    }
}
