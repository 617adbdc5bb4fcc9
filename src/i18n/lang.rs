use std::{fmt, str::FromStr};

use serde::{Deserialize, Serialize};

/// The reader's language: on the server the request's (the `lang` cookie,
/// else `Accept-Language`, else English; the router puts it in the Leptos
/// context), in the browser the one `<html lang>` named when the module
/// started ([`set_current`]). English outside a request.
pub fn current() -> Lang {
    #[cfg(feature = "ssr")]
    {
        leptos::prelude::use_context::<Lang>().unwrap_or_default()
    }
    #[cfg(not(feature = "ssr"))]
    {
        *CLIENT_LANG.get().unwrap_or(&Lang::En)
    }
}

/// Set once when the module starts: a page never changes language in place
/// (switching reloads it), so event handlers outside any reactive owner read
/// the same value as the views. Later calls change nothing.
#[cfg(not(feature = "ssr"))]
pub fn set_current(lang: Lang) {
    let _ = CLIENT_LANG.set(lang);
}

#[cfg(not(feature = "ssr"))]
static CLIENT_LANG: std::sync::OnceLock<Lang> = std::sync::OnceLock::new();

/// A language the UI is offered in.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    #[default]
    En,
    Ja,
}

impl Lang {
    pub const ALL: [Lang; 2] = [Lang::En, Lang::Ja];

    /// The BCP 47 tag, as in `<html lang>` and the `lang` cookie.
    pub const fn tag(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Ja => "ja",
        }
    }

    /// The language's name in itself, as a language switch shows it.
    pub const fn own_name(self) -> &'static str {
        match self {
            Lang::En => "English",
            Lang::Ja => "日本語",
        }
    }

    /// The best offered language for an `Accept-Language` header, else English.
    ///
    /// Highest weight wins, the first listed among equals; `q=0` means "not
    /// this one"; a region (`ja-JP`) or wildcard-free range matches its language.
    pub fn negotiate(accept_language: &str) -> Lang {
        let mut best: Option<(u16, Lang)> = None;
        for (range, q) in crate::weighted::items(accept_language) {
            let Some(lang) = primary(range) else {
                continue;
            };
            if q > 0 && best.is_none_or(|(b, _)| q > b) {
                best = Some((q, lang));
            }
        }
        best.map_or(Lang::En, |(_, l)| l)
    }
}

/// The offered language a range such as `ja-JP` names, if any.
fn primary(range: &str) -> Option<Lang> {
    let primary = range.split(['-', '_']).next()?;
    Lang::ALL
        .into_iter()
        .find(|l| l.tag().eq_ignore_ascii_case(primary))
}

impl fmt::Display for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.tag())
    }
}

/// Parses a tag the UI offers (`en`, `ja`, any case; a region is accepted).
impl FromStr for Lang {
    type Err = UnknownLang;
    fn from_str(s: &str) -> Result<Self, UnknownLang> {
        let s = s.trim();
        if s.contains([',', ';']) {
            return Err(UnknownLang);
        }
        primary(s).ok_or(UnknownLang)
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct UnknownLang;

impl fmt::Display for UnknownLang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("not a language this UI is offered in (en, ja)")
    }
}

#[cfg(test)]
mod tests {
    use super::Lang::{self, *};

    #[test]
    fn negotiates_accept_language() {
        for (header, want) in [
            ("", En),
            ("ja", Ja),
            ("ja-JP,ja;q=0.9,en-US;q=0.8,en;q=0.7", Ja),
            ("en-US,en;q=0.9,ja;q=0.8", En),
            ("fr-FR,fr;q=0.9,ja;q=0.5", Ja),
            ("fr-FR,de", En),
            ("en;q=0.2, ja;q=0.8", Ja),
            ("ja;q=0, en;q=0.1", En),
            ("ja;q=0", En),
            ("JA-jp", Ja),
            ("ja;q=2", En),
            ("*", En),
            ("en, ja", En),
            ("ja, en", Ja),
        ] {
            assert_eq!(Lang::negotiate(header), want, "{header:?}");
        }
    }

    #[test]
    fn tags_round_trip() {
        for l in Lang::ALL {
            assert_eq!(l.tag().parse::<Lang>(), Ok(l));
            assert_eq!(l.to_string(), l.tag());
        }
        assert_eq!("ja-JP".parse::<Lang>(), Ok(Ja));
        assert!("fr".parse::<Lang>().is_err());
        assert!("".parse::<Lang>().is_err());
    }
}
