//! The islands: the only components that run in the browser.
//!
//! Each is a `#[island]`: the server renders it with the rest of the page and
//! writes its props into the page as JSON; the browser's module hydrates it
//! in place. An island gets what its rules need ([`DraftContext`] and its own
//! form), never the whole page's data, and posts a plain form, so it behaves
//! the same with JavaScript off, where the server does the checking.

mod compute;
mod countdown;
mod fields;
mod kubernetes;
mod password;
mod port;
mod route;
mod which_route;

pub use compute::ComputeEditor;
pub use countdown::Countdown;
pub use kubernetes::KubernetesEditor;
pub use password::PasswordForm;
pub use port::PortEditor;
pub use route::AddRouteForm;
pub use which_route::WhichRoute;

use serde::{Deserialize, Serialize, Serializer};

use crate::domain::{error::FieldError, form::Draft, model::Config, model::DeviceProfile};

/// An island's prop that only the server writes: it goes into the page as
/// JSON (`data-props`), and the browser decodes it. Leptos's `#[island]`
/// serializes an island's props in the browser too, as it hydrates, for the
/// wrapper element the server already wrote, whose hydration never reads
/// them (tachys 0.2 `Island::hydrate`). In the browser this serializes as
/// `null`, so the module carries no serializer for the domain's types and
/// spends no time on one at start.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(transparent)]
pub struct FromServer<T>(pub T);

impl<T: Serialize> Serialize for FromServer<T> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        #[cfg(feature = "hydrate")]
        {
            s.serialize_unit()
        }
        #[cfg(not(feature = "hydrate"))]
        {
            self.0.serialize(s)
        }
    }
}

/// What the domain's rules need to check one form against everything else:
/// the staged draft the form belongs to, the applied configuration and the
/// device's ports. (The page's other data, manifests and history, stay on the
/// server.)
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DraftContext {
    pub draft: Draft,
    pub applied: Config,
    pub profile: DeviceProfile,
}

impl DraftContext {
    /// Every error of the draft once `change` (the island's form, typed in)
    /// is made to it: the rules the server applies when the form is staged.
    pub fn errors_with(&self, change: impl FnOnce(&mut Draft)) -> Vec<FieldError> {
        let mut draft = self.draft.clone();
        change(&mut draft);
        draft.resolve(&self.applied, &self.profile).1
    }

    pub fn of(s: &crate::state::PageState) -> Self {
        Self {
            draft: s.draft.clone(),
            applied: s.applied.clone(),
            profile: s.profile.clone(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::FromServer;
    use crate::domain::form::ComputeForm;

    /// The server writes the value itself, and the browser reads it back.
    #[test]
    fn from_server_is_the_value_itself_on_the_server() {
        let form = ComputeForm {
            port: "Port3".into(),
            node_start: "10.0.0.10".into(),
            ..ComputeForm::default()
        };
        let json = serde_json::to_string(&FromServer(form.clone())).unwrap();
        assert_eq!(json, serde_json::to_string(&form).unwrap());
        let back: FromServer<ComputeForm> = serde_json::from_str(&json).unwrap();
        assert_eq!(back.0, form);
    }
}
