//! The running trial on disk: `trial.toml` in the data directory, written
//! atomically like the revisions, before the revision it guards lands.
//!
//! Invariant: a stored trial is the applied revision's. One found for
//! another revision (a crash between the two writes, or a revision that
//! failed to land) is dropped when the store opens.

use std::path::Path;

use super::files::{read_toml, remove_durably, to_toml, write_atomic};
use crate::domain::trial::Trial;

const FILE: &str = "trial.toml";

/// The stored trial of the applied revision `applied`, if one runs.
pub fn load(dir: &Path, applied: u64) -> Result<Option<Trial>, String> {
    let path = dir.join(FILE);
    match read_toml::<Trial>(&path)? {
        Some(t) if t.revision == applied => Ok(Some(t)),
        Some(t) => {
            tracing::warn!(
                trial = t.revision,
                applied,
                "dropping a trial of a revision that is not the applied one"
            );
            let _ = remove_durably(&path);
            Ok(None)
        }
        None => Ok(None),
    }
}

/// Stores `trial`, replacing any.
pub fn write(dir: &Path, trial: &Trial) -> std::io::Result<()> {
    write_atomic(&dir.join(FILE), &to_toml(trial))
}

/// Removes the stored trial (none stored: nothing to do).
pub fn remove(dir: &Path) -> std::io::Result<()> {
    remove_durably(&dir.join(FILE))
}
