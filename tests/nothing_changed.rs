//! Staging a form that holds what is already staged (or, with nothing
//! staged, applied) changes nothing: no draft is written, the review and the
//! header count stay as they were, and the answer says so.

mod common;

use std::sync::Arc;

use common::TempDir;
use edgenet::domain::{
    form::{Draft, PortForm},
    kubernetes::KubernetesForm,
    model::DeviceProfile,
};
use edgenet::server::storage::store::{Staging, Store};

fn port3(address: &str, prefix: &str) -> PortForm {
    PortForm {
        name: "Port3".into(),
        mode: "static".into(),
        address: address.into(),
        prefix: prefix.into(),
        gateway: "10.20.0.1".into(),
        dns_primary: "10.20.0.53".into(),
        dns_secondary: String::new(),
        mtu: "1500".into(),
    }
}

#[tokio::test]
async fn staging_what_is_already_staged_or_applied_changes_nothing() {
    let dir = TempDir::new("staging-unchanged");
    let store = Arc::new(Store::open(dir.path(), DeviceProfile::default_appliance()).unwrap());
    let applied = store.snapshot().await.applied.config;
    let r = applied.revision;
    let factory = Draft::from_config(&applied);
    let form_of = |name: &str| {
        factory
            .ports
            .iter()
            .find(|p| p.name == name)
            .cloned()
            .unwrap()
    };
    let draft_file = dir.path().join("draft.toml");

    // Nothing staged: each form as applied changes nothing, and no draft appears.
    for port in ["Port1", "Port2", "Port3", "Port6"] {
        assert_eq!(
            store.stage_port(r, form_of(port)).await.unwrap(),
            Staging::Unchanged,
            "{port} as applied"
        );
    }
    assert_eq!(
        store
            .stage_compute(r, factory.compute.clone())
            .await
            .unwrap(),
        Staging::Unchanged
    );
    assert_eq!(
        store
            .stage_kubernetes(r, factory.kubernetes.clone())
            .await
            .unwrap(),
        Staging::Unchanged
    );
    assert!(store.snapshot().await.draft.is_none());
    assert!(!draft_file.exists(), "no draft written");

    // A real change is staged.
    assert_eq!(
        store
            .stage_port(r, port3("10.20.0.10", "24"))
            .await
            .unwrap(),
        Staging::Staged(Vec::new())
    );
    let staged = store.snapshot().await.draft.unwrap();
    let changes = staged.changes(&applied);
    assert!(!changes.is_empty());
    let written = std::fs::read_to_string(&draft_file).unwrap();

    // The same again, the same written differently (a mask for the prefix,
    // spaces), another port as applied, compute and Kubernetes as applied:
    // nothing changes, nothing is written.
    let same = [
        port3("10.20.0.10", "24"),
        port3("10.20.0.10", "255.255.255.0"),
        port3(" 10.20.0.10 ", " 24"),
        form_of("Port4"),
    ];
    for form in same {
        assert_eq!(
            store.stage_port(r, form.clone()).await.unwrap(),
            Staging::Unchanged,
            "{form:?}"
        );
    }
    assert_eq!(
        store
            .stage_compute(r, factory.compute.clone())
            .await
            .unwrap(),
        Staging::Unchanged
    );
    assert_eq!(
        store
            .stage_kubernetes(r, KubernetesForm::from_config(&applied.kubernetes))
            .await
            .unwrap(),
        Staging::Unchanged
    );
    let after = store.snapshot().await.draft.unwrap();
    assert_eq!(after.changes(&applied), changes);
    assert_eq!(std::fs::read_to_string(&draft_file).unwrap(), written);

    // Another address is a change again; going back to the applied values
    // is one too (it takes Port3 out of the review).
    assert!(matches!(
        store
            .stage_port(r, port3("10.20.0.11", "24"))
            .await
            .unwrap(),
        Staging::Staged(_)
    ));
    assert!(matches!(
        store.stage_port(r, form_of("Port3")).await.unwrap(),
        Staging::Staged(_)
    ));
    assert!(store
        .snapshot()
        .await
        .draft
        .unwrap()
        .changes(&applied)
        .is_empty());
}
