//! A trial's ends: kept, reverted on request, or reverted by the timer at
//! its deadline, as a new revision that restores the one it replaced. The
//! store starts trials (`Store::commit`, with `domain::trial::begin`) and
//! keeps them on disk through `trial_file`.

use std::sync::Arc;

use super::files::now;
use super::store::{Actor, Inner, Store, StoreError};
use crate::domain::form::Draft;
use crate::domain::records::{SecurityEvent, Source};
use crate::domain::trial::{Reverted, Trial};

/// Ends the running trial in memory and on disk. A file that cannot be
/// removed is logged: it names a revision that is no longer the applied
/// one once a revert lands, and such a trial is dropped at start.
fn end(store: &Store, g: &mut Inner) {
    if let Err(e) = super::trial_file::remove(store.dir()) {
        tracing::error!(error = %e, "could not remove trial.toml");
    }
    g.trial = None;
    store.trial_tx.send_replace(None);
}

/// Applies the revision the running trial replaced again, as the next
/// revision, then ends the trial. The revision is written first: a failure
/// leaves the trial running (and its timer retrying), never a trial ended
/// without its revert.
fn restore(
    store: &Store,
    g: &mut Inner,
    actor: &Actor,
    why: impl FnOnce(&Trial) -> Reverted,
) -> Result<u64, StoreError> {
    let trial = g.trial.clone().ok_or(StoreError::NoTrial)?;
    let mut config = store
        .config_of(g, trial.replaced)
        .ok_or(StoreError::UnknownRevision(trial.replaced))?;
    config.revision = g.applied.config.revision + 1;
    let mut draft = Draft::from_config(&config);
    draft.routes = Some(config.routes.clone());
    let changes = draft.changes(&g.applied.config);
    let revision = store.write_revision(
        g,
        config,
        actor,
        changes,
        false,
        Some(trial.replaced),
        Some(why(&trial)),
    )?;
    end(store, g);
    Ok(revision)
}

impl Store {
    /// Keeps the revision on trial: the trial ends, nothing else changes;
    /// the audit trail records who kept it, from where. `NoTrial` when none runs.
    pub async fn confirm_trial(self: &Arc<Self>, actor: &Actor) -> Result<Trial, StoreError> {
        let actor = actor.clone();
        self.locked(move |this, g| {
            let trial = g.trial.clone().ok_or(StoreError::NoTrial)?;
            end(this, g);
            if let Err(e) = g.events.record(
                now(),
                SecurityEvent::TrialKept,
                &actor.source,
                &actor.client,
            ) {
                tracing::error!(error = %e, "could not record that the trial was kept");
            }
            Ok(trial)
        })
        .await
    }

    /// Reverts now: the trial ends and the revision it replaced is applied
    /// again as the next revision, made by `actor` ("reverted on request").
    /// Returns the new revision and the one it restored (read under the
    /// same lock). `NoTrial` when none runs.
    pub async fn revert_trial(self: &Arc<Self>, actor: &Actor) -> Result<(u64, u64), StoreError> {
        let actor = actor.clone();
        self.locked(move |this, g| {
            let replaced = g.trial.as_ref().map(|t| t.replaced);
            let revision = restore(this, g, &actor, |_| Reverted::ByRequest)?;
            Ok((revision, replaced.unwrap_or_default()))
        })
        .await
    }

    /// The timer's end of the trial of `revision`: once its deadline has
    /// passed, the revision it replaced is applied again ("reverted: not
    /// confirmed within N s"), made by the trial itself. `Ok(None)` when that
    /// trial no longer runs or its deadline has not come.
    pub async fn expire_trial(self: &Arc<Self>, revision: u64) -> Result<Option<u64>, StoreError> {
        self.locked(move |this, g| {
            let due = g
                .trial
                .as_ref()
                .is_some_and(|t| t.revision == revision && t.expired(now()));
            if !due {
                return Ok(None);
            }
            let actor = Actor {
                source: Source::Trial,
                ..Actor::default()
            };
            restore(this, g, &actor, |t| Reverted::NotConfirmed {
                seconds: t.seconds(),
            })
            .map(Some)
        })
        .await
    }

    /// Follows the running trial (the timer waits on it).
    pub fn watch_trial(&self) -> tokio::sync::watch::Receiver<Option<Trial>> {
        self.trial_tx.subscribe()
    }
}

/// Ends each trial at its deadline, for as long as the store lives: started
/// once by the server. A trial whose deadline passed while the server was
/// stopped ends at once.
pub async fn run_timer(store: Arc<Store>) {
    let mut rx = store.watch_trial();
    loop {
        let trial = rx.borrow_and_update().clone();
        match trial {
            None => {
                if rx.changed().await.is_err() {
                    return;
                }
            }
            Some(t) => {
                let wait = std::time::Duration::from_secs(t.left(now()));
                tokio::select! {
                    _ = tokio::time::sleep(wait) => {
                        // The clock counts whole seconds: wait until it says the deadline has come.
                        while !t.expired(now()) {
                            tokio::time::sleep(std::time::Duration::from_millis(50)).await;
                        }
                        match store.expire_trial(t.revision).await {
                            Ok(Some(r)) => tracing::warn!(revision = t.revision, restored = t.replaced, new = r, "trial not confirmed: reverted"),
                            Ok(None) => {}
                            Err(e) => {
                                tracing::error!(error = %e, revision = t.revision, "could not revert the trial; retrying in 1 s");
                                tokio::time::sleep(std::time::Duration::from_secs(1)).await;
                                // Look again: the trial is still stored.
                                rx.mark_changed();
                            }
                        }
                    }
                    changed = rx.changed() => {
                        if changed.is_err() {
                            return;
                        }
                    }
                }
            }
        }
    }
}
