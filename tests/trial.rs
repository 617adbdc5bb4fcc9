//! Trials (#28), without a network namespace: a risky apply runs on trial,
//! staging and applying wait for it, Keep and Revert end it, the timer
//! reverts it at the deadline (also across a restart), and a trial of a
//! revision that never landed is dropped.

mod common;

use std::sync::Arc;
use std::time::{Duration, Instant};

use common::{app, call, TempDir};
use edgenet::domain::model::DeviceProfile;
use edgenet::domain::records::Source;
use edgenet::domain::trial::{Reverted, TrialSeconds};
use edgenet::server::storage::store::{Actor, Store, StoreError};
use edgenet::server::storage::trial::run_timer;

const PORT3: &str = r#"{"mode": "static", "address": "10.0.0.2", "prefix": 24, "gateway": "10.0.0.1", "dns_primary": "10.0.0.53", "revision": 0}"#;

fn actor(trial: Option<u32>) -> Actor {
    Actor::new(Source::Api, "192.0.2.7".parse().unwrap())
        .with_trial(trial.map(|t| TrialSeconds::new(t).unwrap()), None)
}

/// Gives Port3 a static address as the next revision, with `actor`'s trial.
async fn address_port3(
    store: &Arc<Store>,
    address: &str,
    actor: &Actor,
) -> Result<u64, StoreError> {
    let rev = store.snapshot().await.applied.config.revision;
    let address = address.to_string();
    store
        .apply_edit(rev, actor, move |d| {
            let p = d.port_mut("Port3").unwrap();
            p.mode = "static".into();
            p.address = address;
            p.prefix = "24".into();
            p.gateway = "10.0.0.1".into();
            Ok(())
        })
        .await
}

fn port3_address(store_snapshot: &edgenet::server::storage::store::Snapshot) -> Option<String> {
    store_snapshot
        .applied
        .config
        .port("Port3")
        .and_then(|p| p.addressing.as_static())
        .map(|s| s.address().to_string())
}

#[tokio::test]
async fn a_risky_api_apply_runs_on_trial_and_blocks_other_changes_until_kept() {
    let dir = TempDir::new("trial-api");
    let app = app(dir.path()).await;
    let (status, v) = call(
        &app,
        "PUT",
        "/api/v1/ports/Port3?trial_seconds=30",
        Some(PORT3),
    )
    .await;
    assert_eq!(status, 200, "{v}");
    let trial = &v["trial"];
    assert_eq!(trial["revision"], 1);
    assert_eq!(trial["replaced"], 0);
    assert_eq!(
        trial["risks"][0]["code"], "trial-risk-addressing",
        "{trial}"
    );
    let left = trial["seconds_left"].as_u64().unwrap();
    assert!((29..=30).contains(&left), "{left}");
    assert_eq!(
        trial["deadline"].as_u64().unwrap() - trial["started_at"].as_u64().unwrap(),
        30
    );
    assert_eq!(trial["confirm"], "/api/v1/config/trial/confirm");
    // The trial is there for whoever asks.
    let (status, v) = call(&app, "GET", "/api/v1/config/trial", None).await;
    assert_eq!(
        (status, &v["trial"]["revision"]),
        (200, &serde_json::json!(1))
    );
    // Applying anything else waits: 409 naming the trial and its deadline.
    let (status, v) = call(
        &app,
        "POST",
        "/api/v1/routes",
        Some(r#"{"destination": "192.168.20.0/24", "next_hop": "10.0.0.1", "interface": "Port3"}"#),
    )
    .await;
    assert_eq!(status, 409, "{v}");
    assert_eq!(v["errors"][0]["field"], "trial");
    assert!(
        v["errors"][0]["message"]
            .as_str()
            .unwrap()
            .contains("revision 1 is on trial until"),
        "{v}"
    );
    // Keep: the trial ends, the revision stays, the audit trail says who kept it from where.
    let (status, v) = call(&app, "POST", "/api/v1/config/trial/confirm", None).await;
    assert_eq!(
        (status, &v["revision"]),
        (200, &serde_json::json!(1)),
        "{v}"
    );
    let (_, v) = call(&app, "GET", "/api/v1/config/trial", None).await;
    assert!(v["trial"].is_null(), "{v}");
    let (_, v) = call(&app, "GET", "/api/v1/audit", None).await;
    let kept = v["entries"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["event"] == "trial-kept")
        .expect("a trial-kept entry");
    assert_eq!(kept["source"], "api");
    // Nothing to keep any more: a clear 409.
    let (status, v) = call(&app, "POST", "/api/v1/config/trial/confirm", None).await;
    assert_eq!(status, 409);
    assert_eq!(v["errors"][0]["field"], "trial");
    assert!(
        v["errors"][0]["message"]
            .as_str()
            .unwrap()
            .contains("no trial is running"),
        "{v}"
    );
    let (status, _) = call(&app, "POST", "/api/v1/config/trial/revert", None).await;
    assert_eq!(status, 409);
    // And changes go through again.
    let (status, v) = call(&app, "GET", "/api/v1/ports/Port3", None).await;
    assert_eq!((status, v["address"].as_str()), (200, Some("10.0.0.2")));
}

#[tokio::test]
async fn revert_now_restores_the_replaced_revision_as_a_new_one() {
    let dir = TempDir::new("trial-revert");
    let app = app(dir.path()).await;
    let (status, v) = call(
        &app,
        "PUT",
        "/api/v1/ports/Port3?trial_seconds=60",
        Some(PORT3),
    )
    .await;
    assert_eq!(status, 200, "{v}");
    let (status, v) = call(&app, "POST", "/api/v1/config/trial/revert", None).await;
    assert_eq!(status, 200, "{v}");
    assert_eq!(v["revision"], 2);
    assert_eq!(v["restored_from"], 0);
    let (_, v) = call(&app, "GET", "/api/v1/ports/Port3", None).await;
    assert_eq!(
        v["mode"], "dhcp",
        "Port3 is back to the factory's DHCP: {v}"
    );
    let (_, v) = call(&app, "GET", "/api/v1/config/history", None).await;
    let newest = &v["history"][0];
    assert_eq!(newest["revision"], 2, "{v}");
    assert_eq!(newest["restored_from"], 0);
    assert_eq!(newest["reverted"], serde_json::json!({"by": "by-request"}));
    // The audit trail has the same, and the document describes it (tests/contract.rs closes every object).
    let (_, v) = call(&app, "GET", "/api/v1/audit", None).await;
    let entry = v["entries"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["revision"] == 2)
        .unwrap();
    assert_eq!(
        entry["reverted"],
        serde_json::json!({"by": "by-request"}),
        "{entry}"
    );
    // No new trial: a revert is the way back, not another risk.
    let (_, v) = call(&app, "GET", "/api/v1/config/trial", None).await;
    assert!(v["trial"].is_null(), "{v}");
}

#[tokio::test]
async fn the_trial_length_is_checked_and_a_safe_change_runs_no_trial() {
    let dir = TempDir::new("trial-len");
    let app = app(dir.path()).await;
    for bad in ["abc", "3601", "-1", "1.5"] {
        let (status, v) = call(
            &app,
            "PUT",
            &format!("/api/v1/ports/Port3?trial_seconds={bad}"),
            Some(PORT3),
        )
        .await;
        assert_eq!(status, 422, "{bad}: {v}");
        assert_eq!(v["errors"][0]["field"], "trial_seconds", "{bad}: {v}");
        assert_eq!(v["errors"][0]["code"], "trial-seconds-bad");
    }
    // 0: no trial, even for a risky change.
    let (status, v) = call(
        &app,
        "PUT",
        "/api/v1/ports/Port3?trial_seconds=0",
        Some(PORT3),
    )
    .await;
    assert_eq!(status, 200, "{v}");
    assert!(v.get("trial").is_none(), "{v}");
    // A custom route cannot cut anyone off: no trial whatever the length.
    let (status, v) = call(
        &app,
        "POST",
        "/api/v1/routes",
        Some(r#"{"destination": "192.168.20.0/24", "next_hop": "10.0.0.1", "interface": "Port3"}"#),
    )
    .await;
    assert_eq!(status, 201, "{v}");
    let (_, v) = call(&app, "GET", "/api/v1/config/trial", None).await;
    assert!(v["trial"].is_null(), "{v}");
    // DNS servers alone neither.
    let dns = PORT3
        .replace("10.0.0.53", "10.0.0.54")
        .replace("\"revision\": 0", "\"revision\": 2");
    let (status, v) = call(
        &app,
        "PUT",
        "/api/v1/ports/Port3?trial_seconds=30",
        Some(&dns),
    )
    .await;
    assert_eq!(status, 200, "{v}");
    assert!(v.get("trial").is_none(), "{v}");
}

#[tokio::test]
async fn the_device_default_applies_when_an_apply_names_no_length() {
    let dir = TempDir::new("trial-default");
    let store = Arc::new(Store::open(dir.path(), DeviceProfile::default_appliance()).unwrap());
    // A store opens with no trials.
    address_port3(&store, "10.0.0.2", &actor(None))
        .await
        .unwrap();
    assert!(store.snapshot().await.trial.is_none());
    store.set_trial_seconds(TrialSeconds::new(45).unwrap());
    address_port3(&store, "10.0.0.3", &actor(None))
        .await
        .unwrap();
    let t = store
        .snapshot()
        .await
        .trial
        .expect("a trial with the default length");
    assert_eq!(t.seconds(), 45);
    // Staging waits too, naming the trial.
    let e = store
        .stage_default_gateway(2, "Port3".into())
        .await
        .expect_err("staging during a trial");
    assert!(
        matches!(e, StoreError::TrialRunning { revision: 2, .. }),
        "{e:?}"
    );
}

#[tokio::test]
async fn unconfirmed_the_timer_restores_the_replaced_revision_at_the_deadline() {
    let dir = TempDir::new("trial-timer");
    let store = Arc::new(Store::open(dir.path(), DeviceProfile::default_appliance()).unwrap());
    address_port3(&store, "10.0.0.2", &actor(Some(0)))
        .await
        .unwrap();
    tokio::spawn(run_timer(store.clone()));
    let started = Instant::now();
    address_port3(&store, "10.0.0.9", &actor(Some(2)))
        .await
        .unwrap();
    let t = store.snapshot().await.trial.expect("on trial");
    assert_eq!((t.revision, t.replaced), (2, 1));
    assert_eq!(
        port3_address(&store.snapshot().await).as_deref(),
        Some("10.0.0.9")
    );
    // Not before the deadline…
    tokio::time::sleep(Duration::from_millis(900)).await;
    assert_eq!(store.snapshot().await.applied.config.revision, 2);
    // …and within a second after it.
    while store.snapshot().await.applied.config.revision == 2 {
        assert!(
            started.elapsed() < Duration::from_secs(4),
            "not reverted in time"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    let snap = store.snapshot().await;
    assert_eq!(snap.applied.config.revision, 3);
    assert_eq!(port3_address(&snap).as_deref(), Some("10.0.0.2"));
    assert!(snap.trial.is_none());
    let h = &snap.history[0];
    assert_eq!(h.restored_from, Some(1));
    assert_eq!(h.reverted, Some(Reverted::NotConfirmed { seconds: 2 }));
    assert_eq!(h.source, Source::Trial);
    assert_eq!(
        edgenet::state::reverted_message(&Reverted::NotConfirmed { seconds: 2 }).to_string(),
        "reverted: not confirmed within 2 s"
    );
    let audit = store.audit(0, 10).await.unwrap();
    assert!(
        matches!(
            audit[0].what,
            edgenet::domain::records::AuditWhat::Revision {
                revision: 3,
                reverted: Some(Reverted::NotConfirmed { seconds: 2 }),
                ..
            }
        ),
        "{:?}",
        audit[0]
    );
    assert!(!dir.path().join("trial.toml").exists());
}

#[tokio::test]
async fn a_trial_survives_a_restart_and_reverts_at_once_when_its_deadline_passed() {
    let dir = TempDir::new("trial-restart");
    {
        let store = Arc::new(Store::open(dir.path(), DeviceProfile::default_appliance()).unwrap());
        address_port3(&store, "10.0.0.2", &actor(Some(0)))
            .await
            .unwrap();
        address_port3(&store, "10.0.0.9", &actor(Some(1)))
            .await
            .unwrap();
        assert!(dir.path().join("trial.toml").exists());
    } // The server goes away with the trial running.
    tokio::time::sleep(Duration::from_millis(1500)).await;
    let store = Arc::new(Store::open(dir.path(), DeviceProfile::default_appliance()).unwrap());
    let t = store.snapshot().await.trial.expect("the stored trial");
    assert_eq!(t.revision, 2);
    let started = Instant::now();
    tokio::spawn(run_timer(store.clone()));
    while store.snapshot().await.applied.config.revision == 2 {
        assert!(
            started.elapsed() < Duration::from_millis(800),
            "not reverted at start"
        );
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    assert_eq!(
        port3_address(&store.snapshot().await).as_deref(),
        Some("10.0.0.2")
    );
}

#[tokio::test]
async fn a_trial_keeps_counting_across_a_restart_before_its_deadline() {
    let dir = TempDir::new("trial-keeps");
    let deadline = {
        let store = Arc::new(Store::open(dir.path(), DeviceProfile::default_appliance()).unwrap());
        address_port3(&store, "10.0.0.2", &actor(Some(600)))
            .await
            .unwrap();
        store.snapshot().await.trial.unwrap().deadline
    };
    let store = Arc::new(Store::open(dir.path(), DeviceProfile::default_appliance()).unwrap());
    tokio::spawn(run_timer(store.clone()));
    tokio::time::sleep(Duration::from_millis(300)).await;
    let t = store.snapshot().await.trial.expect("still on trial");
    assert_eq!(t.deadline, deadline, "the same deadline, not a new one");
    assert_eq!(store.snapshot().await.applied.config.revision, 1);
}

#[tokio::test]
async fn a_trial_of_a_revision_that_never_landed_is_dropped_at_start() {
    let dir = TempDir::new("trial-orphan");
    {
        let store = Arc::new(Store::open(dir.path(), DeviceProfile::default_appliance()).unwrap());
        address_port3(&store, "10.0.0.2", &actor(Some(600)))
            .await
            .unwrap();
    }
    // What a crash after writing the trial of revision 2, before revision 2 itself, leaves.
    let text = std::fs::read_to_string(dir.path().join("trial.toml")).unwrap();
    let orphan = text
        .replace("revision = 1", "revision = 2")
        .replace("replaced = 0", "replaced = 1");
    assert_ne!(orphan, text);
    std::fs::write(dir.path().join("trial.toml"), orphan).unwrap();
    let store = Store::open(dir.path(), DeviceProfile::default_appliance()).unwrap();
    assert!(store.snapshot().await.trial.is_none());
    assert!(!dir.path().join("trial.toml").exists());
}
