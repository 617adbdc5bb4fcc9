//! #29: a form loaded before later revisions is staged on the newest when its
//! part of the configuration did not change since (a route added in another
//! tab takes nothing from it); when its part did change, it is refused naming
//! the revision and who applied it. A staged draft moves the same way. The
//! API keeps its strict revision check.

mod common;

use std::sync::Arc;

use common::TempDir;
use edgenet::domain::{
    form::{ComputeForm, Draft, DraftPart, PortForm},
    model::DeviceProfile,
    routes::RouteForm,
};
use edgenet::server::storage::store::{Actor, Staging, Store, StoreError};

fn port(name: &str, net: &str) -> PortForm {
    PortForm {
        name: name.into(),
        mode: "static".into(),
        address: format!("{net}.10"),
        prefix: "24".into(),
        gateway: String::new(),
        dns_primary: String::new(),
        dns_secondary: String::new(),
        mtu: "1500".into(),
    }
}

fn compute(end: &str) -> ComputeForm {
    ComputeForm {
        port: "Port3".into(),
        node_start: "10.20.0.20-10.20.0.22".into(),
        service_start: format!("10.20.0.100-10.20.0.{end}"),
        ..Default::default()
    }
}

fn actor(source: &str) -> Actor {
    Actor::new(source.to_string().into(), "192.0.2.7".parse().unwrap())
}

/// Port3 on 10.20.0.0/24 with compute applied: revision 2.
async fn site(dir: &TempDir) -> Arc<Store> {
    let store = Arc::new(Store::open(dir.path(), DeviceProfile::default_appliance()).unwrap());
    store.stage_port(0, port("Port3", "10.20.0")).await.unwrap();
    store.apply_draft(0, &actor("ui")).await.unwrap();
    store.stage_compute(1, compute("120")).await.unwrap();
    store.apply_draft(1, &actor("ui")).await.unwrap();
    store
}

/// Applies port `name` on `net` through the API, on `revision`.
async fn api_port(store: &Arc<Store>, revision: u64, name: &str, net: &str) {
    let form = port(name, net);
    store
        .apply_edit(revision, &actor("api"), move |d| {
            let slot = d.port_mut(&form.name).unwrap();
            *slot = form;
            Ok(())
        })
        .await
        .unwrap();
}

/// Adds a route to `destination` via 10.20.0.1 on Port3 (a revision of its own).
async fn add_route(store: &Arc<Store>, source: &str, destination: &str) -> u64 {
    let form = RouteForm {
        destination: destination.into(),
        next_hop: "10.20.0.1".into(),
        interface: "Port3".into(),
        metric: "100".into(),
        ..Default::default()
    };
    store.add_route(None, &actor(source), form).await.unwrap().0
}

#[tokio::test]
async fn a_form_whose_part_did_not_change_is_staged_on_the_newest_revision() {
    let dir = TempDir::new("stale-forms-ok");
    let store = site(&dir).await;
    // Tab B loaded Compute and Network at revision 2; tab A adds a route (revision 3).
    assert_eq!(add_route(&store, "ui", "192.168.20.0/24").await, 3);
    let staged = store.stage_compute(2, compute("125")).await.unwrap();
    assert!(
        matches!(staged, Staging::Staged(ref e) if e.is_empty()),
        "{staged:?}"
    );
    // A port form from the same old page, on top of it.
    store.stage_port(2, port("Port4", "10.40.0")).await.unwrap();
    let snap = store.snapshot().await;
    let draft = snap.draft.unwrap();
    assert_eq!(draft.base_revision, 3);
    assert_eq!(draft.compute.service_start, "10.20.0.100-10.20.0.125");
    assert_eq!(draft.port("Port4").unwrap().address, "10.40.0.10");
    // The route of revision 3 stays: applying keeps it.
    let r = store.apply_draft(3, &actor("ui")).await.unwrap();
    let applied = store.snapshot().await.applied.config;
    assert_eq!(r, 4);
    assert_eq!(applied.routes.len(), 1);
    assert_eq!(
        applied.compute.unwrap().service_ips.end().to_string(),
        "10.20.0.125"
    );
}

#[tokio::test]
async fn a_form_whose_part_changed_is_refused_naming_the_revision_and_who() {
    let dir = TempDir::new("stale-forms-conflict");
    let store = site(&dir).await;
    add_route(&store, "ui", "192.168.20.0/24").await; // revision 3: not compute
                                                      // Revision 4 changes compute, from the API.
    store
        .apply_edit(3, &actor("api"), |d| {
            d.compute = compute("110");
            Ok(())
        })
        .await
        .unwrap();
    add_route(&store, "ui", "192.168.21.0/24").await; // revision 5
    for (loaded, part_ok) in [(2, false), (3, false), (4, true), (5, true)] {
        let result = store.stage_compute(loaded, compute("125")).await;
        match (part_ok, result) {
            (true, Ok(_)) => {}
            (
                false,
                Err(StoreError::PartChanged {
                    part,
                    revision,
                    source,
                    client,
                }),
            ) => {
                assert_eq!(
                    (part, revision),
                    (DraftPart::Compute, 4),
                    "loaded at {loaded}"
                );
                assert_eq!(
                    (source.to_string().as_str(), client.as_str()),
                    ("api", "192.0.2.7")
                );
            }
            (_, other) => panic!("loaded at {loaded}: {other:?}"),
        }
        store.discard_draft().await.unwrap();
    }
    // The message names it all.
    let e = store.stage_compute(2, compute("125")).await.unwrap_err();
    assert_eq!(
        e.to_string(),
        "Compute changed in revision 4 (applied through api from 192.0.2.7) since this page was loaded. What you typed is kept below: stage it again to put it over them, or reload the page to see the values in force"
    );
    // A port's own change is a conflict for that port only.
    api_port(&store, 5, "Port4", "10.40.0").await;
    assert!(matches!(
        store.stage_port(5, port("Port4", "10.41.0")).await,
        Err(StoreError::PartChanged { part: DraftPart::Port(ref p), revision: 6, .. }) if p == "Port4"
    ));
    assert!(store.stage_port(5, port("Port5", "10.50.0")).await.is_ok());
}

#[tokio::test]
async fn a_staged_draft_moves_onto_a_revision_that_changed_none_of_its_parts() {
    let dir = TempDir::new("stale-forms-draft");
    let store = site(&dir).await;
    store.stage_port(2, port("Port4", "10.40.0")).await.unwrap();
    // The API changes Port5 (revision 3): the draft's Port4 is untouched by it.
    api_port(&store, 2, "Port5", "10.50.0").await;
    store.stage_compute(3, compute("125")).await.unwrap();
    let draft: Draft = store.snapshot().await.draft.unwrap();
    assert_eq!(draft.base_revision, 3);
    assert_eq!(draft.port("Port4").unwrap().address, "10.40.0.10");
    assert_eq!(
        draft.port("Port5").unwrap().address,
        "10.50.0.10",
        "the new revision's Port5"
    );
    // The API changes Port4 too (revision 4): the staged Port4 now conflicts.
    api_port(&store, 3, "Port4", "10.44.0").await;
    assert!(matches!(
        store.stage_compute(4, compute("126")).await,
        Err(StoreError::PartChanged { part: DraftPart::Port(ref p), revision: 4, .. }) if p == "Port4"
    ));
}
