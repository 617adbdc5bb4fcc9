//! The configuration on disk: the applied revision, its history, and the
//! staged draft.
//!
//! Layout of the data directory:
//! - `config.toml`: the applied revision (the one source of truth);
//! - `history/r000042.toml`: every applied revision, written before `config.toml`;
//! - `draft.toml`: changes staged for review, as typed.
//!
//! Every file is replaced atomically (temporary file, fsync, rename, fsync of
//! the folder), so a crash leaves the old or the new version of each file,
//! never a torn one. A history entry newer than `config.toml` is what a crash
//! between the two writes leaves; it is dropped at start-up.

use std::{
    fs,
    path::{Path, PathBuf},
};

use ipnet::Ipv4Net;
use serde::{Deserialize, Serialize};
use std::sync::{Arc, Mutex, MutexGuard};

use super::files::{now, read_toml, remove_durably, to_toml, write_atomic};
use super::security_log::SecurityLog;
use crate::domain::records::{AuditEntry, AuditWhat, HistoryEntry, SecurityEvent, Source};
use crate::domain::trial::{Reverted, Trial, TrialSeconds};
use crate::domain::{
    change::{Change, Field, Section, Touched, Value},
    config::validate,
    config_file::{self, ConfigFile},
    consequences::{consequences, Consequence},
    error::FieldError,
    form::{ComputeForm, Draft, DraftPart, PortForm},
    kubernetes::KubernetesForm,
    model::Config,
    model::DeviceProfile,
    model::Route,
    routes::{form_errors, RouteForm, ROUTES_MAX},
};
use crate::i18n::Message;

/// Revisions kept in the history (and so in the audit trail): about a year of
/// daily changes; each is a few kilobytes.
pub const HISTORY_MAX: usize = 500;

/// Who makes a change: through which door, from which address; and, for
/// an apply that can cut them off, how long its trial runs and the address
/// they reached the device at (to say where the UI answers afterwards).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Actor {
    /// "ui" or "api".
    pub source: Source,
    pub client: String,
    /// The trial's length for this apply; `None`: the device's `trial-seconds`.
    pub trial: Option<TrialSeconds>,
    /// The device's address the client used (the `Host` it asked for), when
    /// it is an IPv4 address.
    pub reached_at: Option<std::net::Ipv4Addr>,
}

impl Actor {
    pub fn new(source: Source, client: std::net::IpAddr) -> Actor {
        Actor {
            source,
            client: client.to_string(),
            trial: None,
            reached_at: None,
        }
    }

    /// The same actor, applying with a trial of `trial` (`None`: the device's default).
    pub fn with_trial(
        self,
        trial: Option<TrialSeconds>,
        reached_at: Option<std::net::Ipv4Addr>,
    ) -> Actor {
        Actor {
            trial,
            reached_at,
            ..self
        }
    }
}

/// What an imported configuration file is for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ImportMode {
    /// Only say what it would change.
    DryRun,
    /// Stage it for review, in place of whatever was staged; `base_revision`,
    /// when given, must be the applied one.
    Stage { base_revision: Option<u64> },
    /// Apply it as the next revision; `base_revision` must be the applied one.
    Apply { base_revision: u64 },
}

/// What importing a file did.
#[derive(Clone, Debug, PartialEq)]
pub struct Imported {
    /// The applied revision afterwards.
    pub revision: u64,
    pub applied: bool,
    pub staged: bool,
    /// What the file changes (changed, when applied); empty: nothing.
    pub changes: Vec<Change>,
    pub warnings: Vec<FieldError>,
    /// What the file does beyond its fields (`domain::consequences`).
    pub consequences: Vec<Consequence>,
}

/// One applied revision as stored: the configuration and how it came to be.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Record {
    /// Seconds since the Unix epoch.
    pub applied_at: u64,
    /// Who applied it: "ui", "api", "factory reset"…
    pub source: Source,
    /// The address of the client that applied it (empty for revisions made
    /// before addresses were recorded).
    #[serde(default)]
    pub client: String,
    /// The fields it changed, field by field.
    #[serde(default)]
    pub changes: Vec<Change>,
    /// The earlier revision this one restored ("restored from revision N").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub restored_from: Option<u64>,
    /// What it did beyond its fields (`domain::consequences`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub consequences: Vec<Consequence>,
    /// Set on a revision that ended a trial by restoring `restored_from`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reverted: Option<Reverted>,
    pub config: Config,
}

/// What staging a form did.
#[derive(Debug, PartialEq)]
pub enum Staging {
    /// The draft now holds the form; these are its errors (and the rest of
    /// the draft's), shown beside their fields.
    Staged(Vec<FieldError>),
    /// The form held what is already staged (or applied): nothing written.
    Unchanged,
}

/// Why the store refused a change. `Display` is English (the API's and the
/// logs' words); [`StoreError::message`] reads in any language.
#[derive(Debug)]
pub enum StoreError {
    Conflict {
        given: u64,
        current: u64,
    },
    StaleDraft {
        base: u64,
        current: u64,
    },
    /// A form loaded on an older revision edits a part that a later revision
    /// changed: `revision` changed it, applied by `source` from `client`.
    PartChanged {
        part: DraftPart,
        revision: u64,
        source: Source,
        client: String,
    },
    Invalid(Vec<FieldError>),
    /// A form with errors of its own was not staged; its errors.
    NotStaged(Vec<FieldError>),
    NothingStaged,
    UnknownRevision(u64),
    UnknownPort(String),
    NoSuchRoute {
        destination: Ipv4Net,
        interface: String,
    },
    /// A trial runs until `deadline` (seconds since the epoch): nothing is
    /// staged or applied until it is kept or reverted.
    TrialRunning {
        revision: u64,
        deadline: u64,
    },
    /// Keep or Revert when no trial runs.
    NoTrial,
    Io(std::io::Error),
}

impl StoreError {
    pub fn message(&self) -> Message {
        match self {
            StoreError::Conflict { given, current } => {
                crate::msg!("store-conflict", given = *given, current = *current)
            }
            StoreError::StaleDraft { base, current } => {
                crate::msg!("store-stale-draft", base = *base, current = *current)
            }
            StoreError::PartChanged {
                part,
                revision,
                source,
                client,
            } => crate::msg!(
                "store-part-changed",
                part = part.label(),
                revision = *revision,
                source = source.message(),
                client = client
            ),
            StoreError::Invalid(_) => crate::msg!("store-invalid"),
            StoreError::NotStaged(e) => crate::msg!("store-not-staged", n = e.len()),
            StoreError::NothingStaged => crate::msg!("store-nothing-staged"),
            StoreError::UnknownRevision(revision) => crate::msg!(
                "store-unknown-revision",
                revision = *revision,
                max = HISTORY_MAX
            ),
            StoreError::UnknownPort(name) => crate::msg!("store-unknown-port", name = name),
            StoreError::NoSuchRoute {
                destination,
                interface,
            } => crate::msg!(
                "store-no-such-route",
                destination = destination,
                interface = interface
            ),
            StoreError::TrialRunning { revision, deadline } => crate::msg!(
                "store-trial-running",
                revision = *revision,
                deadline = crate::domain::trial::clock(*deadline)
            ),
            StoreError::NoTrial => crate::msg!("store-no-trial"),
            // The system's words, which have no translation.
            StoreError::Io(e) => crate::msg!("store-io", error = e.to_string()),
        }
    }
}

impl std::fmt::Display for StoreError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.message().fmt(f)
    }
}

impl std::error::Error for StoreError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            StoreError::Io(e) => Some(e),
            _ => None,
        }
    }
}

impl From<std::io::Error> for StoreError {
    fn from(e: std::io::Error) -> Self {
        StoreError::Io(e)
    }
}

pub(super) struct Inner {
    pub(super) applied: Record,
    draft: Option<Draft>,
    pub(super) history: Vec<HistoryEntry>,
    pub(super) events: SecurityLog,
    /// The running trial (`trial.toml`), if any.
    pub(super) trial: Option<Trial>,
}

pub struct Store {
    dir: PathBuf,
    profile: DeviceProfile,
    /// Held only on blocking threads (see `locked`), never across an await.
    inner: Mutex<Inner>,
    /// The applied configuration, for whoever acts on it (the route backend).
    applied_tx: tokio::sync::watch::Sender<Config>,
    /// Counts the operations that may have changed what is stored: a page
    /// rendered at one generation stays right until the next.
    generation: std::sync::atomic::AtomicU64,
    /// The trial's length for an apply that does not give one (`trial-seconds`).
    trial_default: std::sync::atomic::AtomicU32,
    /// The running trial, for the timer that ends it.
    pub(super) trial_tx: tokio::sync::watch::Sender<Option<Trial>>,
}

/// A copy of what is stored, for rendering a page or answering a request.
#[derive(Clone, Debug)]
pub struct Snapshot {
    pub applied: Record,
    pub draft: Option<Draft>,
    pub history: Vec<HistoryEntry>,
    /// The running trial, if any.
    pub trial: Option<Trial>,
}

pub(super) fn history_name(revision: u64) -> String {
    format!("r{revision:06}.toml")
}

impl Store {
    /// Opens (creating if needed) the data directory and loads what it holds.
    pub fn open(dir: &Path, profile: DeviceProfile) -> Result<Store, String> {
        let history_dir = dir.join("history");
        fs::create_dir_all(&history_dir).map_err(|e| {
            format!(
                "cannot create data directory {}: {e}",
                history_dir.display()
            )
        })?;
        for d in [dir, history_dir.as_path()] {
            for entry in fs::read_dir(d)
                .map_err(|e| format!("{}: {e}", d.display()))?
                .flatten()
            {
                if entry.file_name().to_string_lossy().ends_with(".tmp") {
                    let _ = fs::remove_file(entry.path());
                }
            }
        }
        let applied = match read_toml::<Record>(&dir.join("config.toml"))? {
            Some(mut r) => {
                r.config = r.config.reconcile(&profile);
                r
            }
            None => Record {
                applied_at: 0,
                source: Source::Factory,
                client: String::new(),
                changes: Vec::new(),
                restored_from: None,
                consequences: Vec::new(),
                reverted: None,
                config: Config::factory(&profile),
            },
        };
        let current = applied.config.revision;
        let mut history = Vec::new();
        for entry in fs::read_dir(&history_dir)
            .map_err(|e| format!("{}: {e}", history_dir.display()))?
            .flatten()
        {
            let path = entry.path();
            let Some(rec) = read_toml::<Record>(&path)? else {
                continue;
            };
            if rec.config.revision > current {
                // Left by a crash between writing the history and config.toml: never applied.
                let _ = fs::remove_file(&path);
                continue;
            }
            history.push(HistoryEntry::of(&rec));
        }
        history.sort_by_key(|h| std::cmp::Reverse(h.revision));
        let draft = read_toml::<Draft>(&dir.join("draft.toml"))?;
        let events = SecurityLog::open(dir)?;
        let trial = super::trial_file::load(dir, current)?;
        let (applied_tx, _) = tokio::sync::watch::channel(applied.config.clone());
        let (trial_tx, _) = tokio::sync::watch::channel(trial.clone());
        Ok(Store {
            dir: dir.to_path_buf(),
            profile,
            inner: Mutex::new(Inner {
                applied,
                draft,
                history,
                events,
                trial,
            }),
            applied_tx,
            generation: std::sync::atomic::AtomicU64::new(0),
            trial_default: std::sync::atomic::AtomicU32::new(TrialSeconds::NONE.get()),
            trial_tx,
        })
    }

    pub fn profile(&self) -> &DeviceProfile {
        &self.profile
    }

    /// Follows the applied configuration: the receiver sees every new revision.
    pub fn subscribe(&self) -> tokio::sync::watch::Receiver<Config> {
        self.applied_tx.subscribe()
    }

    /// The trial's length for an apply that names none (`trial-seconds`;
    /// a store opens with none, so that only a server configured for trials runs them).
    pub fn set_trial_seconds(&self, t: TrialSeconds) {
        self.trial_default
            .store(t.get(), std::sync::atomic::Ordering::SeqCst);
    }

    pub(super) fn trial_seconds(&self) -> TrialSeconds {
        TrialSeconds::new(self.trial_default.load(std::sync::atomic::Ordering::SeqCst))
            .unwrap_or(TrialSeconds::NONE)
    }

    pub(super) fn dir(&self) -> &Path {
        &self.dir
    }

    fn lock(&self) -> MutexGuard<'_, Inner> {
        // A panic while holding the lock cannot leave Inner half-updated: every
        // field is replaced whole after the disk write. So a poisoned lock is usable.
        self.inner.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Runs `f` with the state locked, on a blocking thread, to the end even if
    /// the caller goes away (a client that disconnects mid-request): the disk
    /// and the memory are always updated together.
    pub(super) async fn locked<T: Send + 'static>(
        self: &Arc<Self>,
        f: impl FnOnce(&Store, &mut Inner) -> Result<T, StoreError> + Send + 'static,
    ) -> Result<T, StoreError> {
        let this = Arc::clone(self);
        tokio::task::spawn_blocking(move || {
            let mut g = this.lock();
            let result = f(&this, &mut g);
            // Bumped under the lock, after the change: a reader that sees the
            // new generation sees the new state.
            this.generation
                .fetch_add(1, std::sync::atomic::Ordering::SeqCst);
            result
        })
        .await
        .map_err(|e| StoreError::Io(std::io::Error::other(e)))?
    }

    /// See [`Store::generation`]'s field: changes whenever the state may have.
    pub fn generation(&self) -> u64 {
        self.generation.load(std::sync::atomic::Ordering::SeqCst)
    }

    pub async fn snapshot(&self) -> Snapshot {
        let g = self.lock();
        Snapshot {
            applied: g.applied.clone(),
            draft: g.draft.clone(),
            history: g.history.clone(),
            trial: g.trial.clone(),
        }
    }

    fn check_revision(given: u64, current: u64) -> Result<(), StoreError> {
        if given != current {
            return Err(StoreError::Conflict { given, current });
        }
        Ok(())
    }

    /// The configuration of `revision`: the applied one, or one kept in the
    /// history (`None` once pruned).
    pub(super) fn config_of(&self, g: &Inner, revision: u64) -> Option<Config> {
        if revision == g.applied.config.revision {
            return Some(g.applied.config.clone());
        }
        let path = self.dir.join("history").join(history_name(revision));
        match read_toml::<Record>(&path).ok().flatten() {
            Some(rec) => Some(rec.config.reconcile(&self.profile)),
            // Revision 0 is the factory configuration, which is never written.
            None if revision == 0 => Some(Config::factory(&self.profile)),
            None => None,
        }
    }

    /// Refuses a form loaded on `base` when `part` changed since, naming
    /// the first revision that changed it and who applied it; else `Ok`
    /// (the form is staged on the applied revision).
    fn check_part(&self, g: &Inner, base: u64, part: &DraftPart) -> Result<(), StoreError> {
        let current = g.applied.config.revision;
        if base == current {
            return Ok(());
        }
        let conflict = || StoreError::Conflict {
            given: base,
            current,
        };
        // Too old to know (pruned from the history, or from the future): the strict answer.
        let Some(mut before) = self.config_of(g, base).filter(|_| base < current) else {
            return Err(conflict());
        };
        if part.same_in(&before, &g.applied.config) {
            return Ok(());
        }
        // Which revision changed it: the first after `base` that differs.
        for r in base + 1..=current {
            let Some(next) = self.config_of(g, r) else {
                return Err(conflict());
            };
            if !part.same_in(&before, &next) {
                let h = g.history.iter().find(|h| h.revision == r);
                return Err(StoreError::PartChanged {
                    part: part.clone(),
                    revision: r,
                    source: h.map(|h| h.source.clone()).unwrap_or_default(),
                    client: h.map(|h| h.client.clone()).unwrap_or_default(),
                });
            }
            before = next;
        }
        Err(conflict())
    }

    /// The draft to edit: the staged one, or a fresh one from the applied
    /// revision. A draft made on an older revision moves onto the applied
    /// one when nothing it changes changed since (a route added meanwhile
    /// takes nothing from it); a real conflict is refused naming the part.
    fn editable_draft(&self, g: &Inner) -> Result<Draft, StoreError> {
        let current = g.applied.config.revision;
        match &g.draft {
            Some(d) if d.base_revision != current => {
                let stale = || StoreError::StaleDraft {
                    base: d.base_revision,
                    current,
                };
                let base = self.config_of(g, d.base_revision).ok_or_else(stale)?;
                match d.rebase(&base, &g.applied.config) {
                    Ok(moved) => Ok(moved),
                    Err(parts) => match parts.first() {
                        Some(part) => Err(self
                            .check_part(g, d.base_revision, part)
                            .err()
                            .unwrap_or_else(stale)),
                        None => Err(stale()),
                    },
                }
            }
            Some(d) => Ok(d.clone()),
            None => Ok(Draft::from_config(&g.applied.config)),
        }
    }

    fn save_draft(&self, g: &mut Inner, draft: Draft) -> Result<(), StoreError> {
        running(g)?;
        write_atomic(&self.dir.join("draft.toml"), &to_toml(&draft))?;
        g.draft = Some(draft);
        Ok(())
    }

    /// Stages an edit of one form of the draft (the staged draft, or a fresh
    /// one from the applied revision) and returns the draft's errors. An edit
    /// that changes nothing against what is staged (or, with nothing staged,
    /// applied) is not written, and says so. A form with errors of its own is
    /// refused (`NotStaged`, nothing written): the page shows it again as
    /// typed, with each error beside its field. A form loaded on an older
    /// revision is staged on the applied one unless its part changed since
    /// (`PartChanged`), and a staged draft moves with it.
    async fn stage(
        self: &Arc<Self>,
        base_revision: u64,
        part: DraftPart,
        edit: impl FnOnce(&mut Draft) -> Result<(), StoreError> + Send + 'static,
    ) -> Result<Staging, StoreError> {
        self.locked(move |this, g| {
            // A form loaded before later revisions is staged on the newest
            // when its part did not change since (pages only: the API
            // applies with a strict revision check).
            this.check_part(g, base_revision, &part)?;
            let mut draft = this.editable_draft(g)?;
            // Compared as the review shows them (normalised: "24" and
            // "255.255.255.0" are one prefix), so that what was typed
            // differently but means the same is no change either.
            let before = draft.changes(&g.applied.config);
            edit(&mut draft)?;
            if draft.changes(&g.applied.config) == before {
                return Ok(Staging::Unchanged);
            }
            let errors = draft.resolve(&g.applied.config, &this.profile).1;
            let own = part.errors_in(&errors);
            if !own.is_empty() {
                return Err(StoreError::NotStaged(own));
            }
            this.save_draft(g, draft)?;
            Ok(Staging::Staged(errors))
        })
        .await
    }

    pub async fn stage_port(
        self: &Arc<Self>,
        base_revision: u64,
        form: PortForm,
    ) -> Result<Staging, StoreError> {
        // What was pasted as "address/prefix" is kept as the two fields it means.
        let form = form.split_pasted_prefix();
        let part = DraftPart::Port(
            self.profile
                .port(&form.name)
                .map(|p| p.name.clone())
                .ok_or_else(|| StoreError::UnknownPort(form.name.clone()))?,
        );
        self.stage(base_revision, part, move |d| {
            let slot = d
                .port_mut(&form.name)
                .ok_or_else(|| StoreError::UnknownPort(form.name.clone()))?;
            let name = slot.name.clone();
            *slot = PortForm { name, ..form };
            Ok(())
        })
        .await
    }

    pub async fn stage_compute(
        self: &Arc<Self>,
        base_revision: u64,
        form: ComputeForm,
    ) -> Result<Staging, StoreError> {
        self.stage(base_revision, DraftPart::Compute, move |d| {
            d.compute = form;
            Ok(())
        })
        .await
    }

    pub async fn stage_kubernetes(
        self: &Arc<Self>,
        base_revision: u64,
        form: KubernetesForm,
    ) -> Result<Staging, StoreError> {
        self.stage(base_revision, DraftPart::Kubernetes, move |d| {
            d.kubernetes = form;
            Ok(())
        })
        .await
    }

    /// Stages the administrator's choice of the port that holds the default
    /// gateway (`port` as typed; the rules say whether it can hold it).
    pub async fn stage_default_gateway(
        self: &Arc<Self>,
        base_revision: u64,
        port: String,
    ) -> Result<Staging, StoreError> {
        self.stage(base_revision, DraftPart::DefaultGateway, move |d| {
            d.default_gateway = port.trim().to_string();
            Ok(())
        })
        .await
    }

    pub async fn discard_draft(self: &Arc<Self>) -> Result<(), StoreError> {
        self.locked(|this, g| {
            remove_durably(&this.dir.join("draft.toml"))?;
            g.draft = None;
            Ok(())
        })
        .await
    }

    /// Records a security event (sign-in, lock-out, password change…) in
    /// the audit trail, durably. A failure to write is logged, not returned:
    /// it must not stop anyone signing in or out.
    pub async fn record_event(self: &Arc<Self>, event: SecurityEvent, actor: &Actor) {
        let actor = actor.clone();
        let result = self
            .locked(move |_, g| {
                g.events
                    .record(now(), event, &actor.source, &actor.client)
                    .map_err(StoreError::Io)
            })
            .await;
        if let Err(e) = result {
            tracing::error!(error = %e, event = event.id(), "could not record a security event");
        }
    }

    /// The audit trail newest first, `limit` entries from `offset`: the
    /// applied revisions, each with its field-level changes, and the security
    /// events, merged by time.
    pub async fn audit(
        self: &Arc<Self>,
        offset: usize,
        limit: usize,
    ) -> Result<Vec<AuditEntry>, StoreError> {
        let this = Arc::clone(self);
        let read = move || -> Result<_, StoreError> {
            let g = this.lock();
            // Both lists are newest first: merge them, newer first (a revision
            // before an event of the same second).
            let (mut revisions, mut events) = (
                g.history.iter().peekable(),
                g.events.newest_first().peekable(),
            );
            let mut out = Vec::new();
            let mut skipped = 0;
            while out.len() < limit {
                let take_revision = match (revisions.peek(), events.peek()) {
                    (None, None) => break,
                    (Some(_), None) => true,
                    (None, Some(_)) => false,
                    (Some(h), Some(e)) => h.applied_at >= e.at,
                };
                let entry = if take_revision {
                    let h = revisions.next().expect("peeked");
                    if skipped < offset {
                        skipped += 1;
                        continue;
                    }
                    let path = this.dir.join("history").join(history_name(h.revision));
                    match read_toml::<Record>(&path) {
                        Ok(Some(rec)) => AuditEntry {
                            at: rec.applied_at,
                            source: rec.source,
                            client: rec.client,
                            what: AuditWhat::Revision {
                                revision: h.revision,
                                restored_from: rec.restored_from,
                                changes: rec.changes,
                                consequences: rec.consequences,
                                reverted: rec.reverted,
                            },
                        },
                        Ok(None) => continue,
                        Err(e) => {
                            tracing::warn!(error = %e, "unreadable revision in the history");
                            continue;
                        }
                    }
                } else {
                    let e = events.next().expect("peeked");
                    if skipped < offset {
                        skipped += 1;
                        continue;
                    }
                    AuditEntry {
                        at: e.at,
                        source: e.source.clone(),
                        client: e.client.clone(),
                        what: AuditWhat::Security { event: e.event },
                    }
                };
                out.push(entry);
            }
            Ok(out)
        };
        tokio::task::spawn_blocking(read)
            .await
            .map_err(|e| StoreError::Io(std::io::Error::other(e)))?
    }

    /// Stages an earlier revision as a draft against the applied one, for review.
    pub async fn stage_restore(
        self: &Arc<Self>,
        base_revision: u64,
        target: u64,
    ) -> Result<(), StoreError> {
        self.locked(move |this, g| {
            Self::check_revision(base_revision, g.applied.config.revision)?;
            let path = this.dir.join("history").join(history_name(target));
            let rec = read_toml::<Record>(&path)
                .map_err(|e| StoreError::Io(std::io::Error::other(e)))?
                .ok_or(StoreError::UnknownRevision(target))?;
            let old = rec.config.reconcile(&this.profile);
            let mut draft = Draft::from_config(&old);
            draft.base_revision = g.applied.config.revision;
            draft.routes = Some(old.routes);
            draft.restored_from = Some(target);
            this.save_draft(g, draft)
        })
        .await
    }

    /// Applies the staged draft as the next revision.
    pub async fn apply_draft(
        self: &Arc<Self>,
        base_revision: u64,
        actor: &Actor,
    ) -> Result<u64, StoreError> {
        let actor = actor.clone();
        self.locked(move |this, g| {
            Self::check_revision(base_revision, g.applied.config.revision)?;
            let draft = match &g.draft {
                None => return Err(StoreError::NothingStaged),
                Some(d) if d.base_revision != g.applied.config.revision => {
                    return Err(StoreError::StaleDraft {
                        base: d.base_revision,
                        current: g.applied.config.revision,
                    })
                }
                Some(d) => d.clone(),
            };
            let changes = draft.changes(&g.applied.config);
            if changes.is_empty() {
                return Err(StoreError::NothingStaged);
            }
            let (candidate, errors) = draft.resolve(&g.applied.config, &this.profile);
            let Some(candidate) = candidate else {
                return Err(StoreError::Invalid(errors));
            };
            let restored_from = draft.restored_from;
            this.commit(g, candidate, &actor, changes, true, restored_from)
        })
        .await
    }

    /// Applies a change made directly (the HTTP API): `edit` changes a fresh
    /// draft of the applied revision, which is then checked like any other.
    pub async fn apply_edit(
        self: &Arc<Self>,
        base_revision: u64,
        actor: &Actor,
        edit: impl FnOnce(&mut Draft) -> Result<(), StoreError> + Send + 'static,
    ) -> Result<u64, StoreError> {
        let actor = actor.clone();
        self.locked(move |this, g| {
            let mut draft = Draft::from_config(&g.applied.config);
            edit(&mut draft)?;
            let (candidate, errors) = draft.resolve(&g.applied.config, &this.profile);
            // Input errors come first: a client must learn what is wrong with its body
            // even when its revision is also stale.
            let Some(candidate) = candidate else {
                return Err(StoreError::Invalid(errors));
            };
            Self::check_revision(base_revision, g.applied.config.revision)?;
            let changes = draft.changes(&g.applied.config);
            if changes.is_empty() {
                // Writing what is already applied changes nothing: no new revision.
                return Ok(g.applied.config.revision);
            }
            this.commit(g, candidate, &actor, changes, false, None)
        })
        .await
    }

    /// A configuration file read against the applied revision: checked
    /// against every rule, then only compared (`DryRun`), staged for review
    /// (`Stage`), or applied at once (`Apply`). A refused file changes
    /// nothing; a file that changes nothing stages nothing and makes no revision.
    pub async fn import_file(
        self: &Arc<Self>,
        file: ConfigFile,
        mode: ImportMode,
        actor: &Actor,
    ) -> Result<Imported, StoreError> {
        let actor = actor.clone();
        self.locked(move |this, g| {
            let applied = g.applied.config.revision;
            // The file's problems come first, as with every other change.
            let checked = config_file::check(&file, &g.applied.config, &this.profile)
                .map_err(StoreError::Invalid)?;
            let mut out = Imported {
                revision: applied,
                applied: false,
                staged: false,
                changes: checked.changes.clone(),
                warnings: checked.warnings.clone(),
                consequences: consequences(&g.applied.config, &checked.candidate),
            };
            match mode {
                ImportMode::DryRun => {}
                ImportMode::Stage { base_revision } => {
                    if let Some(b) = base_revision {
                        Self::check_revision(b, applied)?;
                    }
                    if !out.changes.is_empty() {
                        this.save_draft(g, checked.draft)?;
                        out.staged = true;
                    }
                }
                ImportMode::Apply { base_revision } => {
                    Self::check_revision(base_revision, applied)?;
                    if !out.changes.is_empty() {
                        out.revision = this.commit(
                            g,
                            checked.candidate,
                            &actor,
                            checked.changes,
                            false,
                            None,
                        )?;
                        out.applied = true;
                    }
                }
            }
            Ok(out)
        })
        .await
    }

    /// The configuration of `revision` (the applied one when `None`), from
    /// the history when it is an earlier one.
    pub async fn config_at(self: &Arc<Self>, revision: Option<u64>) -> Result<Config, StoreError> {
        let this = Arc::clone(self);
        tokio::task::spawn_blocking(move || {
            let g = this.lock();
            let applied = &g.applied.config;
            match revision {
                None => Ok(applied.clone()),
                Some(r) if r == applied.revision => Ok(applied.clone()),
                Some(r) => {
                    let path = this.dir.join("history").join(history_name(r));
                    let rec = read_toml::<Record>(&path)
                        .map_err(|e| StoreError::Io(std::io::Error::other(e)))?
                        .ok_or(StoreError::UnknownRevision(r))?;
                    Ok(rec.config.reconcile(&this.profile))
                }
            }
        })
        .await
        .map_err(|e| StoreError::Io(std::io::Error::other(e)))?
    }

    /// Adds a custom route as the next revision. `base_revision`, when given,
    /// must be the applied one. Staged changes stay staged: routes are not part of them.
    pub async fn add_route(
        self: &Arc<Self>,
        base_revision: Option<u64>,
        actor: &Actor,
        form: RouteForm,
    ) -> Result<(u64, Route, Vec<Message>), StoreError> {
        let actor = actor.clone();
        self.locked(move |this, g| {
            let applied = g.applied.config.clone();
            let errors = form_errors(&form, &applied.routes, &applied, &this.profile);
            if !errors.is_empty() {
                return Err(StoreError::Invalid(errors));
            }
            let (route, _) = form.parse().map_err(StoreError::Invalid)?;
            let notes: Vec<Message> = form
                .note()
                .into_iter()
                .chain(crate::domain::routes::notes(
                    &route,
                    &applied,
                    &this.profile,
                ))
                .collect();
            if applied.routes.len() >= ROUTES_MAX {
                return Err(StoreError::Invalid(vec![FieldError::new(
                    "destination",
                    crate::msg!("val-routes-full", max = ROUTES_MAX),
                )]));
            }
            if let Some(b) = base_revision {
                Self::check_revision(b, applied.revision)?;
            }
            // Store the interface as the profile spells it.
            let interface = this
                .profile
                .port(&route.interface)
                .map(|p| p.name.clone())
                .unwrap_or(route.interface.clone());
            let route = Route { interface, ..route };
            let mut config = applied.clone();
            config.revision += 1;
            config.routes.push(route.clone());
            // The new route must also fit the rest: the cluster networks may not lie under it.
            let problems: Vec<FieldError> = validate(&config, &this.profile)
                .into_iter()
                .filter(|e| {
                    !validate(&applied, &this.profile)
                        .iter()
                        .any(|x| x.message == e.message)
                })
                .map(|e| FieldError::new("destination", e.message))
                .collect();
            if !problems.is_empty() {
                return Err(StoreError::Invalid(problems));
            }
            let change = Change {
                section: Section::Routes,
                field: Field::Route {
                    destination: route.destination,
                    interface: route.interface.clone(),
                },
                from: Value::Empty,
                to: Value::Via {
                    next_hop: route.next_hop,
                    metric: route.metric,
                },
            };
            let revision = this.commit_rebasing_draft(g, config, &actor, vec![change])?;
            Ok((revision, route, notes))
        })
        .await
    }

    /// Removes the route to `destination` on `interface`, as `Remove-HcsNetRoute` does.
    pub async fn remove_route(
        self: &Arc<Self>,
        base_revision: Option<u64>,
        actor: &Actor,
        interface: &str,
        destination: &str,
    ) -> Result<(u64, Route), StoreError> {
        let (actor, interface) = (actor.clone(), interface.trim().to_string());
        let form = RouteForm {
            destination: destination.into(),
            next_hop: "0.0.0.1".into(),
            interface: interface.clone(),
            ..Default::default()
        };
        self.locked(move |this, g| {
            let (wanted, _) = form.parse().map_err(|errs| {
                StoreError::Invalid(errs.into_iter().filter(|e| e.field != "next_hop").collect())
            })?;
            let applied = g.applied.config.clone();
            let Some(i) = applied.routes.iter().position(|r| {
                r.destination == wanted.destination && r.interface.eq_ignore_ascii_case(&interface)
            }) else {
                return Err(StoreError::NoSuchRoute {
                    destination: wanted.destination,
                    interface,
                });
            };
            if let Some(b) = base_revision {
                Self::check_revision(b, applied.revision)?;
            }
            let mut config = applied;
            config.revision += 1;
            let removed = config.routes.remove(i);
            let change = Change {
                section: Section::Routes,
                field: Field::Route {
                    destination: removed.destination,
                    interface: removed.interface.clone(),
                },
                from: Value::Via {
                    next_hop: removed.next_hop,
                    metric: removed.metric,
                },
                to: Value::Empty,
            };
            let revision = this.commit_rebasing_draft(g, config, &actor, vec![change])?;
            Ok((revision, removed))
        })
        .await
    }

    /// Commits a change that staged drafts do not hold (routes), moving a
    /// draft based on the old revision onto the new one.
    fn commit_rebasing_draft(
        &self,
        g: &mut Inner,
        config: Config,
        actor: &Actor,
        changes: Vec<Change>,
    ) -> Result<u64, StoreError> {
        let old = g.applied.config.revision;
        let revision = self.commit(g, config, actor, changes, false, None)?;
        if let Some(mut d) = g
            .draft
            .clone()
            .filter(|d| d.base_revision == old && d.routes.is_none())
        {
            d.base_revision = revision;
            // The revision is applied whatever happens here; a draft left behind only reads as stale.
            if let Err(e) = self.save_draft(g, d) {
                tracing::error!(error = %e, "could not move the staged changes onto revision {revision}");
            }
        }
        Ok(revision)
    }

    /// Applies the factory configuration as the next revision. The history is
    /// kept; the cluster networks unlock, as the cluster is built anew.
    pub async fn factory_reset(
        self: &Arc<Self>,
        base_revision: u64,
        actor: &Actor,
    ) -> Result<u64, StoreError> {
        let actor = Actor {
            source: Source::FactoryReset,
            ..actor.clone()
        };
        self.locked(move |this, g| {
            Self::check_revision(base_revision, g.applied.config.revision)?;
            let mut config = Config::factory(&this.profile);
            config.revision = g.applied.config.revision + 1;
            let changes = Draft::from_config(&config).changes(&g.applied.config);
            this.commit(g, config, &actor, changes, true, None)
        })
        .await
    }

    /// Writes a revision to disk, then to memory. Once `config.toml` has been
    /// replaced the revision counts as applied, even if a later step (the
    /// folder's fsync, removing the draft) fails: memory must follow the disk.
    fn commit(
        &self,
        g: &mut Inner,
        config: Config,
        actor: &Actor,
        changes: Vec<Change>,
        clear_draft: bool,
        restored_from: Option<u64>,
    ) -> Result<u64, StoreError> {
        running(g)?;
        // A risky apply runs on trial: the trial is written first, so that a
        // crash after the revision lands finds it (one left by a revision
        // that never landed is dropped at start).
        let trial = crate::domain::trial::begin(
            &g.applied.config,
            &config,
            actor.trial.unwrap_or_else(|| self.trial_seconds()),
            actor.reached_at,
            now(),
        );
        if let Some(t) = &trial {
            super::trial_file::write(&self.dir, t)?;
        }
        match self.write_revision(g, config, actor, changes, clear_draft, restored_from, None) {
            Ok(r) => {
                if trial.is_some() {
                    g.trial = trial;
                    self.trial_tx.send_replace(g.trial.clone());
                }
                Ok(r)
            }
            Err(e) => {
                if trial.is_some() {
                    if let Err(e) = super::trial_file::remove(&self.dir) {
                        tracing::error!(error = %e, "could not remove the trial of a revision that did not land");
                    }
                }
                Err(e)
            }
        }
    }

    /// Writes a revision to disk, then to memory (see [`Store::commit`]),
    /// with no trial check: the trial's own revert uses it.
    #[allow(clippy::too_many_arguments)]
    pub(super) fn write_revision(
        &self,
        g: &mut Inner,
        config: Config,
        actor: &Actor,
        changes: Vec<Change>,
        clear_draft: bool,
        restored_from: Option<u64>,
        reverted: Option<Reverted>,
    ) -> Result<u64, StoreError> {
        let rec = Record {
            applied_at: now(),
            source: actor.source.clone(),
            client: actor.client.clone(),
            changes,
            restored_from,
            consequences: consequences(&g.applied.config, &config),
            reverted,
            config,
        };
        let revision = rec.config.revision;
        let bytes = to_toml(&rec);
        write_atomic(
            &self.dir.join("history").join(history_name(revision)),
            &bytes,
        )?;
        let config_path = self.dir.join("config.toml");
        if let Err(e) = write_atomic(&config_path, &bytes) {
            let landed = read_toml::<Record>(&config_path)
                .ok()
                .flatten()
                .is_some_and(|r| r.config.revision == revision);
            if !landed {
                return Err(e.into());
            }
            tracing::error!(error = %e, revision, "config.toml was replaced but not synced");
        }
        if clear_draft {
            if let Err(e) = remove_durably(&self.dir.join("draft.toml")) {
                tracing::error!(error = %e, "could not remove the applied draft; it will read as stale");
            }
            g.draft = None;
        }
        g.history.insert(0, HistoryEntry::of(&rec));
        // The history is bounded: the oldest revisions go, the applied one always stays.
        while g.history.len() > HISTORY_MAX {
            if let Some(old) = g.history.pop() {
                let path = self.dir.join("history").join(history_name(old.revision));
                if let Err(e) = fs::remove_file(&path) {
                    tracing::warn!(error = %e, revision = old.revision, "could not remove an old revision");
                }
            }
        }
        self.applied_tx.send_replace(rec.config.clone());
        g.applied = rec;
        Ok(revision)
    }
}

/// Refuses staging and applying while a trial runs.
fn running(g: &Inner) -> Result<(), StoreError> {
    match &g.trial {
        Some(t) => Err(StoreError::TrialRunning {
            revision: t.revision,
            deadline: t.deadline,
        }),
        None => Ok(()),
    }
}

impl HistoryEntry {
    pub fn of(rec: &Record) -> Self {
        HistoryEntry {
            revision: rec.config.revision,
            applied_at: rec.applied_at,
            source: rec.source.clone(),
            client: rec.client.clone(),
            restored_from: rec.restored_from,
            reverted: rec.reverted,
            changes: rec.changes.len(),
            summary: summarize(&rec.changes),
            sections: sections(&rec.changes),
        }
    }
}

/// What a revision touched: each section once, in order, with its fields.
/// A route is a thing added or removed, not a field: its entry says which
/// ("added 192.168.20.0/24 on Port3"), so that adding and removing read apart.
fn sections(changes: &[Change]) -> Vec<(Section, Vec<Touched>)> {
    let mut parts: Vec<(Section, Vec<Touched>)> = Vec::new();
    for c in changes {
        let touched = c.touched();
        match parts.iter_mut().find(|(s, _)| *s == c.section) {
            Some((_, fields)) => fields.push(touched),
            None => parts.push((c.section.clone(), vec![touched])),
        }
    }
    parts
}

/// "Port3: IP address, Gateway · Compute: Node IPs", for the API and logs.
fn summarize(changes: &[Change]) -> String {
    sections(changes)
        .into_iter()
        .map(|(s, f)| {
            let fields: Vec<String> = f.iter().map(Touched::to_string).collect();
            format!("{s}: {}", fields.join(", "))
        })
        .collect::<Vec<_>>()
        .join(" · ")
}
