//! Server functions: thin adapters from forms to the store. They hold no
//! rules of their own; the domain decides, the store persists.

use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;

#[cfg(feature = "ssr")]
use crate::domain::form::{ComputeForm, PortForm};
use crate::domain::records::AuditEntry;
use crate::state::{Outcome, PageState};

// GET: reading changes nothing, so it needs no CSRF token.
#[server(prefix = "/rpc", input = GetUrl)]
pub async fn get_state() -> Result<PageState, ServerFnError> {
    crate::server::forms::page_state().await
}

#[allow(clippy::too_many_arguments)]
#[server(prefix = "/rpc")]
pub async fn stage_port(
    revision: u64,
    name: String,
    mode: String,
    #[server(default)] address: String,
    #[server(default)] prefix: String,
    #[server(default)] gateway: String,
    #[server(default)] dns_primary: String,
    #[server(default)] dns_secondary: String,
    #[server(default)] mtu: String,
) -> Result<Outcome, ServerFnError> {
    // The answer is shown in this port's card, where it was asked for.
    let at = name.clone();
    let form = PortForm {
        name,
        mode,
        address,
        prefix,
        gateway,
        dns_primary,
        dns_secondary,
        mtu,
    };
    let store = crate::server::forms::store()?;
    let outcome = store.stage_port(revision, form.clone()).await.into();
    let typed = [
        ("form", form.name.as_str()),
        ("mode", &form.mode),
        ("address", &form.address),
        ("prefix", &form.prefix),
        ("gateway", &form.gateway),
        ("dns_primary", &form.dns_primary),
        ("dns_secondary", &form.dns_secondary),
        ("mtu", &form.mtu),
    ];
    let mut keep = vec![("at", at.as_str())];
    keep.extend_from_slice(typed_if_not_staged(&outcome, &typed));
    Ok(crate::server::forms::finish_with(outcome, None, &keep))
}

#[allow(clippy::too_many_arguments)]
#[server(prefix = "/rpc")]
pub async fn stage_compute(
    revision: u64,
    #[server(default)] port: String,
    #[server(default)] switch_name: String,
    #[server(default)] node_start: String,
    #[server(default)] node_end: String,
    #[server(default)] service_start: String,
    #[server(default)] service_end: String,
    #[server(default)] skip_edge: Option<String>,
) -> Result<Outcome, ServerFnError> {
    let form = ComputeForm {
        port,
        switch_name,
        node_start,
        node_end,
        service_start,
        service_end,
        skip_edge: skip_edge.is_some(),
    };
    let store = crate::server::forms::store()?;
    let outcome = store.stage_compute(revision, form.clone()).await.into();
    let typed = [
        ("form", "compute"),
        ("port", form.port.as_str()),
        ("switch_name", &form.switch_name),
        ("node_start", &form.node_start),
        ("node_end", &form.node_end),
        ("service_start", &form.service_start),
        ("service_end", &form.service_end),
        ("skip_edge", if form.skip_edge { "on" } else { "" }),
    ];
    let keep = typed_if_not_staged(&outcome, &typed);
    Ok(crate::server::forms::finish_with(outcome, None, keep))
}

#[server(prefix = "/rpc")]
pub async fn stage_kubernetes(
    revision: u64,
    #[server(default)] pod_cidr: String,
    #[server(default)] service_cidr: String,
    #[server(default)] dns_ip: String,
) -> Result<Outcome, ServerFnError> {
    let form = crate::domain::kubernetes::KubernetesForm {
        pod_cidr,
        service_cidr,
        dns_ip,
    };
    let store = crate::server::forms::store()?;
    let outcome = store.stage_kubernetes(revision, form.clone()).await.into();
    let typed = [
        ("form", "kubernetes"),
        ("pod_cidr", form.pod_cidr.as_str()),
        ("service_cidr", &form.service_cidr),
        ("dns_ip", &form.dns_ip),
    ];
    let keep = typed_if_not_staged(&outcome, &typed);
    Ok(crate::server::forms::finish_with(outcome, None, keep))
}

/// What was typed, carried back to the page when the form was not staged:
/// without JavaScript the page is loaded again and shows the form as typed,
/// with each error beside its field (read back by `typed_form`).
#[cfg(feature = "ssr")]
fn typed_if_not_staged<'a>(
    outcome: &Outcome,
    typed: &'a [(&'a str, &'a str)],
) -> &'a [(&'a str, &'a str)] {
    if matches!(outcome, Outcome::NotStaged { .. } | Outcome::Changed { .. }) {
        typed
    } else {
        &[]
    }
}

/// Stages the port that holds the default gateway (and the VMs' NAT).
#[server(prefix = "/rpc")]
pub async fn stage_default_gateway(
    revision: u64,
    #[server(default)] port: String,
) -> Result<Outcome, ServerFnError> {
    let store = crate::server::forms::store()?;
    Ok(crate::server::forms::finish(
        store.stage_default_gateway(revision, port).await.into(),
        None,
    ))
}

#[server(prefix = "/rpc")]
pub async fn apply_changes(revision: u64) -> Result<Outcome, ServerFnError> {
    let store = crate::server::forms::store()?;
    let outcome = match store
        .apply_draft(revision, &crate::server::forms::actor())
        .await
    {
        Ok(revision) => Outcome::Applied { revision },
        Err(e) => e.into(),
    };
    Ok(crate::server::forms::finish(outcome, None))
}

#[server(prefix = "/rpc")]
pub async fn discard_changes() -> Result<Outcome, ServerFnError> {
    let store = crate::server::forms::store()?;
    let outcome = match store.discard_draft().await {
        Ok(()) => Outcome::Discarded,
        Err(e) => e.into(),
    };
    Ok(crate::server::forms::finish(outcome, None))
}

#[server(prefix = "/rpc")]
pub async fn restore_revision(revision: u64, target: u64) -> Result<Outcome, ServerFnError> {
    let store = crate::server::forms::store()?;
    let outcome = match store.stage_restore(revision, target).await {
        Ok(()) => Outcome::Restored { revision: target },
        Err(e) => e.into(),
    };
    Ok(crate::server::forms::finish(outcome, Some("/changes")))
}

/// Adds a custom route at once (routes are not staged, as with the device's cmdlets).
#[server(prefix = "/rpc")]
pub async fn add_route(
    revision: u64,
    #[server(default)] destination: String,
    #[server(default)] prefix_length: String,
    #[server(default)] next_hop: String,
    #[server(default)] interface: String,
    #[server(default)] metric: String,
) -> Result<Outcome, ServerFnError> {
    let form = crate::domain::routes::RouteForm {
        destination,
        prefix_length,
        next_hop,
        interface,
        metric,
    };
    let store = crate::server::forms::store()?;
    let outcome = match store
        .add_route(Some(revision), &crate::server::forms::actor(), form.clone())
        .await
    {
        Ok((revision, route, _)) => Outcome::RouteAdded {
            revision,
            destination: route.destination.to_string(),
            typed: form.host_bits().map(|t| t.to_string()),
        },
        // Routes are never staged: their refusal speaks of the route.
        Err(crate::server::storage::store::StoreError::Invalid(errors)) => Outcome::RouteRefused {
            errors: errors.len(),
        },
        Err(e) => e.into(),
    };
    // Without JavaScript the page is loaded again: carry what was typed, so
    // that it is shown again with each error beside its field.
    let typed = [
        ("destination", form.destination.as_str()),
        ("prefix_length", form.prefix_length.as_str()),
        ("next_hop", form.next_hop.as_str()),
        ("interface", form.interface.as_str()),
        ("metric", form.metric.as_str()),
    ];
    let keep: &[(&str, &str)] = if matches!(outcome, Outcome::RouteAdded { .. }) {
        &[]
    } else {
        &typed
    };
    Ok(crate::server::forms::finish_with(outcome, None, keep))
}

#[server(prefix = "/rpc")]
pub async fn remove_route(
    revision: u64,
    interface: String,
    destination: String,
) -> Result<Outcome, ServerFnError> {
    let store = crate::server::forms::store()?;
    let outcome = match store
        .remove_route(
            Some(revision),
            &crate::server::forms::actor(),
            &interface,
            &destination,
        )
        .await
    {
        Ok((revision, route)) => Outcome::RouteRemoved {
            revision,
            destination: route.destination.to_string(),
        },
        Err(e) => e.into(),
    };
    Ok(crate::server::forms::finish(outcome, None))
}

/// The audit trail, newest first, a page of `AUDIT_PAGE` revisions at a time.
#[server(prefix = "/rpc", input = GetUrl)]
pub async fn get_audit(page: usize) -> Result<Vec<AuditEntry>, ServerFnError> {
    crate::server::forms::session()?;
    let store = crate::server::forms::store()?;
    store
        .audit(page.saturating_mul(AUDIT_PAGE), AUDIT_PAGE)
        .await
        .map_err(|e| ServerFnError::new(e.to_string()))
}

pub const AUDIT_PAGE: usize = 25;
