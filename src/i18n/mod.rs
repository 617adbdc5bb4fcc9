//! Japanese and English: the language a page is shown in, and messages that
//! carry an id and arguments instead of finished text.
//!
//! The text lives in Fluent files under `locales/<lang>/`, one file per part
//! of the UI, so that a translator edits plain text rather than Rust. They are
//! compiled into the server; each language's bundle is parsed the first time
//! it is used. The browser gets only the reader's language, as a cached file
//! of the messages already parsed (see [`Catalog`]).
//!
//! Validation rules return a [`Message`] rather than a `String`, so the same
//! error reads in the administrator's language in the browser and on the
//! server-rendered page, while the API (and `Display`) keep English.
//!
//! ```
//! use edgenet::i18n::{Lang, Message};
//! let m = Message::new("range-reversed").arg("start", "10.0.0.9").arg("end", "10.0.0.5");
//! assert!(m.to_string().starts_with("starts at 10.0.0.9"));
//! assert!(m.render(Lang::Ja).contains("10.0.0.9"));
//! assert_eq!("ja-JP,en;q=0.5".parse::<Lang>().ok(), None); // a tag, not a header
//! assert_eq!(Lang::negotiate("ja-JP,en;q=0.5"), Lang::Ja);
//! ```

mod catalog;
mod compiled;
mod lang;
mod message;
#[cfg(all(test, not(feature = "hydrate")))]
mod tests_compiled;
mod value;

#[cfg(feature = "hydrate")]
pub use catalog::set_browser_catalog;
pub use catalog::text;
#[cfg(not(feature = "hydrate"))]
pub use catalog::{browser_message_ids, catalog_source, FILES};
pub use compiled::Catalog;
#[cfg(not(feature = "ssr"))]
pub use lang::set_current;
pub use lang::{current, Lang};
pub use message::{Arg, Message};

/// A [`Message`] with named arguments: `msg!("range-reversed", start = a, end = b)`.
#[macro_export]
macro_rules! msg {
    ($id:literal) => { $crate::i18n::Message::new($id) };
    ($id:literal, $($k:ident = $v:expr),+ $(,)?) => {
        $crate::i18n::Message::new($id)$(.arg(stringify!($k), $v))+
    };
}

/// Text for the page being rendered, in its reader's language:
/// `t!("nav-compute")`, or with arguments `t!("header-revision", revision = 7)`.
#[macro_export]
macro_rules! t {
    ($id:literal) => { $crate::i18n::text($crate::i18n::current(), $id) };
    ($id:literal, $($k:ident = $v:expr),+ $(,)?) => {
        $crate::msg!($id, $($k = $v),+).render($crate::i18n::current())
    };
}
