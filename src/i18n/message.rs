use std::{borrow::Cow, collections::BTreeMap, fmt, net::Ipv4Addr};

use ipnet::Ipv4Net;
use serde::{Deserialize, Serialize};

use super::{catalog, value::Value, Lang};

/// Text to show, as a message id of the Fluent files and its arguments,
/// rendered in whichever language the reader uses.
///
/// `Display` renders English, which the API, logs and tests read.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Message {
    id: Cow<'static, str>,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    args: BTreeMap<Cow<'static, str>, Arg>,
}

/// A value a message is filled in with.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Arg {
    /// A count or a number, which Fluent can choose a plural form for.
    Number(i64),
    /// Shown as is: an address, a port name, what the administrator typed.
    Text(String),
    /// Rendered in the same language, then filled in.
    Message(Box<Message>),
    /// Rendered one by one and joined with the language's list separator.
    List(Vec<Arg>),
}

impl Message {
    pub fn new(id: &'static str) -> Self {
        Self {
            id: Cow::Borrowed(id),
            args: BTreeMap::new(),
        }
    }

    /// Text that has no translation (a system error, say), shown as is.
    pub fn verbatim(text: impl Into<String>) -> Self {
        Self::new("verbatim").arg("text", text.into())
    }

    #[must_use]
    pub fn arg(mut self, name: &'static str, value: impl Into<Arg>) -> Self {
        self.args.insert(Cow::Borrowed(name), value.into());
        self
    }

    pub fn id(&self) -> &str {
        &self.id
    }

    pub fn get(&self, name: &str) -> Option<&Arg> {
        self.args.get(name)
    }

    /// This message's id, then the ids of the messages in its arguments,
    /// depth first: what a test asks to know which words a message holds.
    pub fn ids(&self) -> Vec<&str> {
        let mut out = vec![self.id()];
        for a in self.args.values() {
            a.collect_ids(&mut out);
        }
        out
    }

    /// The text in `lang`; English where `lang` lacks the message, and the
    /// bare id where English lacks it too (a test makes sure none does).
    pub fn render(&self, lang: Lang) -> String {
        let args = self
            .args
            .iter()
            .map(|(k, v)| (k.as_ref(), v.value(lang)))
            .collect::<Vec<_>>();
        catalog::format(lang, &self.id, &args)
    }
}

impl Arg {
    fn collect_ids<'a>(&'a self, out: &mut Vec<&'a str>) {
        match self {
            Arg::Message(m) => out.extend(m.ids()),
            Arg::List(items) => items.iter().for_each(|i| i.collect_ids(out)),
            Arg::Number(_) | Arg::Text(_) => {}
        }
    }

    fn value(&self, lang: Lang) -> Value {
        match self {
            Arg::Number(n) => Value::Number(*n),
            Arg::Text(s) => Value::Text(s.clone()),
            Arg::Message(m) => Value::Text(m.render(lang)),
            Arg::List(items) => Value::Text(
                items
                    .iter()
                    .map(|i| match i.value(lang) {
                        Value::Number(n) => n.to_string(),
                        Value::Text(s) => s,
                    })
                    .collect::<Vec<_>>()
                    .join(&catalog::text(lang, "list-separator")),
            ),
        }
    }
}

impl fmt::Display for Message {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.render(Lang::En))
    }
}

impl From<Message> for Arg {
    fn from(m: Message) -> Self {
        Arg::Message(Box::new(m))
    }
}

impl<T: Into<Arg>> From<Vec<T>> for Arg {
    fn from(v: Vec<T>) -> Self {
        Arg::List(v.into_iter().map(Into::into).collect())
    }
}

macro_rules! number_args {
    ($($t:ty),*) => {$(
        impl From<$t> for Arg {
            fn from(n: $t) -> Self {
                Arg::Number(i64::try_from(n).unwrap_or(i64::MAX))
            }
        }
    )*};
}
number_args!(u8, u16, u32, u64, usize, i32, i64);

macro_rules! text_args {
    ($($t:ty),*) => {$(
        impl From<$t> for Arg {
            fn from(v: $t) -> Self {
                Arg::Text(v.to_string())
            }
        }
    )*};
}
text_args!(&str, &String, String, Ipv4Addr, &Ipv4Addr, Ipv4Net, &Ipv4Net, char);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn survives_json() {
        let m = Message::new("range-reversed")
            .arg("start", "10.0.0.9")
            .arg("end", Ipv4Addr::new(10, 0, 0, 5))
            .arg("n", 3usize)
            .arg("inner", Message::new("list-separator"))
            .arg("list", vec!["a", "b"]);
        let json = serde_json::to_string(&m).unwrap();
        assert_eq!(serde_json::from_str::<Message>(&json).unwrap(), m);
    }

    #[test]
    fn missing_ids_show_the_id_not_a_panic() {
        assert_eq!(
            Message::new("no-such-message").render(Lang::Ja),
            "no-such-message"
        );
    }

    #[test]
    fn nested_messages_and_lists_follow_the_language() {
        let list = Message::verbatim("x").arg("text", vec!["a", "b"]);
        assert_eq!(list.render(Lang::En), "a, b");
        assert_eq!(list.render(Lang::Ja), "a、b");
    }
}
