//! The islands: the only components that run in the browser.
//!
//! Each is a `#[island]`: the server renders it with the rest of the page and
//! writes its props into the page as JSON; the browser's module hydrates it
//! in place. An island gets what its rules need ([`DraftContext`] and its own
//! form), never the whole page's data, and posts a plain form, so it behaves
//! the same with JavaScript off, where the server does the checking.

mod compute;
mod fields;
mod kubernetes;
mod password;
mod port;
mod route;
mod which_route;

pub use compute::ComputeEditor;
pub use kubernetes::KubernetesEditor;
pub use password::PasswordForm;
pub use port::PortEditor;
pub use route::AddRouteForm;
pub use which_route::WhichRoute;

use serde::{Deserialize, Serialize};

use crate::domain::{config::Config, error::FieldError, form::Draft, profile::DeviceProfile};

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
