//! What happened, as the data directory keeps it and the pages and the API
//! show it: the history of applied revisions and the audit trail (applied
//! revisions and security events). Plain data; the store writes and merges
//! them, the pages render them in the reader's language.

use std::{fmt, str::FromStr};

use serde::{Deserialize, Serialize};

use crate::domain::change::{Section, Touched};

/// One applied revision in the history.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct HistoryEntry {
    pub revision: u64,
    pub applied_at: u64,
    pub source: Source,
    /// The client address that applied it.
    #[serde(default)]
    pub client: String,
    /// The earlier revision this one restored.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub restored_from: Option<u64>,
    /// Set when it restored `restored_from` to end a trial.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reverted: Option<crate::domain::trial::Reverted>,
    pub changes: usize,
    /// Which fields changed, by section, in English: "Port3: IP address · Compute: Node IPs".
    pub summary: String,
    /// The same as data, for pages to show in the reader's language.
    #[serde(default)]
    pub sections: Vec<(Section, Vec<Touched>)>,
}

/// One entry of the audit trail: an applied revision or a security event,
/// when (seconds since the Unix epoch; 0 for the factory configuration),
/// through which door (`ui`, `api`, `factory reset`) and from which client address.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditEntry {
    pub at: u64,
    pub source: Source,
    /// Empty when the address was not recorded (revisions from older versions).
    pub client: String,
    #[serde(flatten)]
    pub what: AuditWhat,
}

/// What an audit entry records.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "kebab-case")]
pub enum AuditWhat {
    /// An applied revision and the fields it changed, old and new value.
    Revision {
        revision: u64,
        /// The earlier revision it restored (possibly edited before applying).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        restored_from: Option<u64>,
        changes: Vec<crate::domain::change::Change>,
        /// What it did beyond its fields (the default gateway moving, the lock…).
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        consequences: Vec<crate::domain::consequences::Consequence>,
        /// Set when it restored `restored_from` to end a trial.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        reverted: Option<crate::domain::trial::Reverted>,
    },
    /// A sign-in, a sign-out, a lock-out or a password change.
    Security { event: SecurityEvent },
}

/// The security events the audit trail keeps (kebab-case in the API and on disk).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum SecurityEvent {
    SignIn,
    /// A wrong password (each one counts towards a lock-out).
    SignInFailed,
    /// Too many wrong passwords from one address: sign-in refused for a while.
    LockedOut,
    SignOut,
    PasswordChanged,
    /// A password change refused because the current password was wrong.
    PasswordChangeFailed,
    /// The revision on trial was kept (Keep these settings).
    TrialKept,
}

impl SecurityEvent {
    pub const ALL: [SecurityEvent; 7] = [
        SecurityEvent::SignIn,
        SecurityEvent::SignInFailed,
        SecurityEvent::LockedOut,
        SecurityEvent::SignOut,
        SecurityEvent::PasswordChanged,
        SecurityEvent::PasswordChangeFailed,
        SecurityEvent::TrialKept,
    ];

    /// The id used in the API and on disk, e.g. `sign-in-failed`.
    pub fn id(self) -> &'static str {
        match self {
            SecurityEvent::SignIn => "sign-in",
            SecurityEvent::SignInFailed => "sign-in-failed",
            SecurityEvent::LockedOut => "locked-out",
            SecurityEvent::SignOut => "sign-out",
            SecurityEvent::PasswordChanged => "password-changed",
            SecurityEvent::PasswordChangeFailed => "password-change-failed",
            SecurityEvent::TrialKept => "trial-kept",
        }
    }
}

/// Through which door something happened: the web UI, the API, a factory
/// reset, the factory itself (revision 0), or a trial's timer (a revert
/// nobody confirmed). Stored and answered as the words `ui`, `api`,
/// `factory reset`, `factory`, `trial`; other words (written by a later
/// version) are kept as they are.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(into = "String", from = "String")]
pub enum Source {
    Ui,
    Api,
    FactoryReset,
    Factory,
    Trial,
    Other(String),
}

impl fmt::Display for Source {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Source::Ui => "ui",
            Source::Api => "api",
            Source::FactoryReset => "factory reset",
            Source::Factory => "factory",
            Source::Trial => "trial",
            Source::Other(s) => s,
        })
    }
}

impl FromStr for Source {
    type Err = std::convert::Infallible;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Ok(match s {
            "ui" => Source::Ui,
            "api" => Source::Api,
            "factory reset" => Source::FactoryReset,
            "factory" => Source::Factory,
            "trial" => Source::Trial,
            other => Source::Other(other.to_string()),
        })
    }
}

/// Not recorded (an entry written before sources were).
impl Default for Source {
    fn default() -> Source {
        Source::Other(String::new())
    }
}

string_serde!(Source);

impl Source {
    /// Its words in a message (`audit-source-ui` …); other words as they are.
    pub fn message(&self) -> crate::i18n::Message {
        match self {
            Source::Ui => crate::msg!("audit-source-ui"),
            Source::Api => crate::msg!("audit-source-api"),
            Source::FactoryReset => crate::msg!("audit-source-factory-reset"),
            Source::Factory => crate::msg!("audit-time-factory"),
            Source::Trial => crate::msg!("audit-source-trial"),
            Source::Other(s) => crate::i18n::Message::verbatim(s.as_str()),
        }
    }
}
