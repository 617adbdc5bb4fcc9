//! The security events of the audit trail (sign-ins, failed sign-ins,
//! lock-outs, sign-outs, password changes), kept on disk like revisions.
//!
//! Each event is one file, `events/e00000042.toml`, written atomically
//! ([`write_atomic`]): a crash loses at most the event being written, never
//! an earlier one. The log is bounded ([`EVENTS_MAX`]): the oldest files go
//! first. Revisions live in their own bounded history, so a flood of failed
//! sign-ins can push out older security events but never a revision.

use std::{
    collections::VecDeque,
    fs,
    path::{Path, PathBuf},
};

use serde::{Deserialize, Serialize};

use crate::domain::records::{SecurityEvent, Source};
use crate::server::storage::files::write_atomic;

/// Security events kept: each wrong password of an address counts until it
/// is locked out (5 by default), so this holds at least the last 200
/// addresses' attempts, and months of an administrator's sign-ins.
pub const EVENTS_MAX: usize = 1000;

/// One event as stored.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Event {
    /// Increasing by one per event; names the file.
    pub seq: u64,
    /// Seconds since the Unix epoch.
    pub at: u64,
    pub event: SecurityEvent,
    /// `ui` (the pages) or `api` (the HTTP API and the CLI).
    pub source: Source,
    pub client: String,
}

pub struct SecurityLog {
    dir: PathBuf,
    /// Oldest first.
    events: VecDeque<Event>,
}

fn file_name(seq: u64) -> String {
    format!("e{seq:08}.toml")
}

impl SecurityLog {
    /// Reads `events/` under `data_dir` (creating it), skipping unreadable
    /// files with a warning: a damaged event must not stop the device.
    pub fn open(data_dir: &Path) -> Result<SecurityLog, String> {
        let dir = data_dir.join("events");
        fs::create_dir_all(&dir)
            .map_err(|e| format!("cannot create data directory {}: {e}", dir.display()))?;
        let mut events = Vec::new();
        for entry in fs::read_dir(&dir)
            .map_err(|e| format!("{}: {e}", dir.display()))?
            .flatten()
        {
            let path = entry.path();
            let name = entry.file_name().to_string_lossy().into_owned();
            if name.ends_with(".tmp") {
                let _ = fs::remove_file(&path);
                continue;
            }
            match fs::read_to_string(&path)
                .map_err(|e| e.to_string())
                .and_then(|t| toml::from_str::<Event>(&t).map_err(|e| e.message().to_string()))
            {
                Ok(e) => events.push(e),
                Err(e) => {
                    tracing::warn!(file = %path.display(), error = %e, "unreadable security event")
                }
            }
        }
        events.sort_by_key(|e| e.seq);
        let mut log = SecurityLog {
            dir,
            events: events.into(),
        };
        log.trim();
        Ok(log)
    }

    /// Writes an event; it is in the log once this returns `Ok`.
    pub fn record(
        &mut self,
        at: u64,
        event: SecurityEvent,
        source: &Source,
        client: &str,
    ) -> std::io::Result<()> {
        let seq = self.events.back().map_or(1, |e| e.seq + 1);
        let e = Event {
            seq,
            at,
            event,
            source: source.clone(),
            client: client.into(),
        };
        let text = toml::to_string(&e).expect("events serialize to TOML");
        write_atomic(&self.dir.join(file_name(seq)), text.as_bytes())?;
        self.events.push_back(e);
        self.trim();
        Ok(())
    }

    fn trim(&mut self) {
        while self.events.len() > EVENTS_MAX {
            if let Some(old) = self.events.pop_front() {
                if let Err(e) = fs::remove_file(self.dir.join(file_name(old.seq))) {
                    tracing::warn!(error = %e, seq = old.seq, "could not remove an old security event");
                }
            }
        }
    }

    /// Newest first.
    pub fn newest_first(&self) -> impl Iterator<Item = &Event> {
        self.events.iter().rev()
    }

    pub fn len(&self) -> usize {
        self.events.len()
    }

    pub fn is_empty(&self) -> bool {
        self.events.is_empty()
    }
}
