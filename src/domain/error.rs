//! Errors tied to the field they concern.

use serde::{Deserialize, Serialize};

use crate::i18n::Message;

/// One broken rule: the field it concerns (a dotted path such as
/// `compute.node_ips` or `ports.Port3.gateway`) and a message that names the
/// field, says what is wrong and what would be right, in any UI language.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldError {
    pub field: String,
    pub message: Message,
}

impl FieldError {
    pub fn new(field: impl Into<String>, message: impl Into<Message>) -> Self {
        Self {
            field: field.into(),
            message: message.into(),
        }
    }
}

/// The message for `field`, if any error concerns it.
pub fn message_for<'a>(errors: &'a [FieldError], field: &str) -> Option<&'a Message> {
    errors.iter().find(|e| e.field == field).map(|e| &e.message)
}
