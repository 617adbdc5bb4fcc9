//! The data directory: revisions, the staged draft, the history and the
//! audit trail, each file written atomically (write to a temporary file,
//! fsync, rename, fsync the directory), so a crash leaves the old file or the
//! new one, never half of one.

pub mod files;
pub mod security_log;
pub mod store;
pub mod trial;
pub mod trial_file;
