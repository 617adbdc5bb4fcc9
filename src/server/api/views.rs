//! Answer views shared by more than one resource.

use std::collections::HashMap;

use crate::server::api::schema as doc;

/// What a change does beyond its fields, as the API tells it: each with its
/// `kind`, its English message and its `code`, and the data the kind names
/// (ports, addresses), as the domain's [`Consequence`] serializes them.
///
/// [`Consequence`]: crate::domain::consequences::Consequence
pub fn consequence_views(
    list: &[crate::domain::consequences::Consequence],
) -> Vec<doc::Consequence> {
    list.iter()
        .map(|c| {
            let m = c.message();
            let (kind, data) = kind_and_data(c);
            doc::Consequence {
                kind,
                message: m.to_string(),
                code: m.id().to_string(),
                data,
            }
        })
        .collect()
}

/// A consequence's `kind` and the data it names: the domain's own
/// serialization, tagged with `kind`.
fn kind_and_data(
    c: &crate::domain::consequences::Consequence,
) -> (String, HashMap<String, serde_json::Value>) {
    let mut data: HashMap<String, serde_json::Value> = serde_json::to_value(c)
        .and_then(serde_json::from_value)
        .unwrap_or_default();
    let kind = match data.remove("kind") {
        Some(serde_json::Value::String(k)) => k,
        _ => String::new(),
    };
    (kind, data)
}

/// A value's word as the API writes it (`up`, `gateway`, `checked`): its serde name.
pub fn word<T: serde::Serialize>(t: &T) -> String {
    match serde_json::to_value(t) {
        Ok(serde_json::Value::String(s)) => s,
        _ => String::new(),
    }
}

fn range(r: &crate::domain::addr::Ipv4Range) -> doc::AddressRange {
    doc::AddressRange {
        start: r.start().to_string(),
        end: r.end().to_string(),
    }
}

/// One pinged address.
pub fn reach_view(r: &crate::domain::probe::Reach) -> doc::Reach {
    doc::Reach {
        address: r.address.to_string(),
        hop: serde_json::to_value(&r.hop).unwrap_or_default(),
        state: word(&r.state),
        rtt_micros: r.rtt_micros,
    }
}

/// A reachability check after an apply.
pub fn reachability_view(r: &crate::domain::probe::Reachability) -> doc::Reachability {
    doc::Reachability {
        revision: r.revision,
        wire: word(&r.wire),
        results: r.results.iter().map(reach_view).collect(),
        at: r.at,
    }
}

/// What a probe checked.
pub fn scope_view(s: &crate::domain::probe::ProbeScope) -> doc::ProbeScope {
    doc::ProbeScope {
        port: s.port.clone(),
        interface: s.interface.to_string(),
        gateway: s.gateway.map(|g| g.to_string()),
        dns: s.dns.iter().map(ToString::to_string).collect(),
        node_ips: range(&s.node_ips),
        service_ips: range(&s.service_ips),
    }
}

pub fn in_use_view(u: &crate::domain::probe::InUse) -> doc::InUse {
    doc::InUse {
        address: u.address.to_string(),
        role: word(&u.role),
        mac: u.mac.clone(),
    }
}

pub fn neighbour_view(n: &crate::domain::probe::Neighbour) -> doc::Neighbour {
    doc::Neighbour {
        address: n.address.to_string(),
        role: word(&n.role),
        state: word(&n.state),
        mac: n.mac.clone(),
    }
}

/// One changed field, as the English words it is stored as.
pub fn change_view(c: &crate::domain::change::Change) -> doc::Change {
    doc::Change {
        section: c.section.to_string(),
        field: c.field.to_string(),
        from: c.from.to_string(),
        to: c.to.to_string(),
    }
}

pub fn reverted_view(r: &crate::domain::trial::Reverted) -> doc::Reverted {
    use crate::domain::trial::Reverted;
    match r {
        Reverted::NotConfirmed { seconds } => doc::Reverted {
            by: "not-confirmed".into(),
            seconds: Some(*seconds),
        },
        Reverted::ByRequest => doc::Reverted {
            by: "by-request".into(),
            seconds: None,
        },
    }
}

/// One entry of the audit trail.
pub fn audit_view(e: &crate::domain::records::AuditEntry) -> doc::AuditEntry {
    use crate::domain::records::AuditWhat;
    let base = doc::AuditEntry {
        at: e.at,
        source: e.source.to_string(),
        client: e.client.clone(),
        kind: String::new(),
        revision: None,
        restored_from: None,
        reverted: None,
        changes: None,
        consequences: None,
        event: None,
    };
    match &e.what {
        AuditWhat::Revision {
            revision,
            restored_from,
            changes,
            consequences,
            reverted,
        } => doc::AuditEntry {
            kind: "revision".into(),
            revision: Some(*revision),
            restored_from: *restored_from,
            reverted: reverted.as_ref().map(reverted_view),
            changes: Some(changes.iter().map(change_view).collect()),
            consequences: (!consequences.is_empty()).then(|| {
                consequences
                    .iter()
                    .map(|c| {
                        let (kind, data) = kind_and_data(c);
                        doc::RecordedConsequence { kind, data }
                    })
                    .collect()
            }),
            ..base
        },
        AuditWhat::Security { event } => doc::AuditEntry {
            kind: "security".into(),
            event: Some(event.id().to_string()),
            ..base
        },
    }
}

/// The host backend's view as the API answers it (`doc::HostReport`).
pub fn host_view(v: &crate::domain::host::HostView) -> doc::HostReport {
    use crate::domain::host::HostView;
    let strings = |v: &[std::net::Ipv4Addr]| v.iter().map(ToString::to_string).collect();
    let mut r = doc::HostReport {
        state: v.name().to_string(),
        revision: None,
        differences: Vec::new(),
        failed: Vec::new(),
        dhcp: Vec::new(),
    };
    match v {
        HostView::DryRun | HostView::Pending => {}
        HostView::Unreachable { revision, reason } => {
            r.revision = Some(*revision);
            r.failed.push(reason.clone());
        }
        HostView::Checked {
            revision,
            differences,
            failed,
            dhcp,
        } => {
            r.revision = Some(*revision);
            r.differences = differences
                .iter()
                .map(|d| doc::HostDifference {
                    kind: d.kind().to_string(),
                    message: crate::state::host_difference_message(d).to_string(),
                })
                .collect();
            r.failed = failed.clone();
            r.dhcp = dhcp
                .iter()
                .map(|(port, addresses, gateways)| doc::DhcpPort {
                    port: port.clone(),
                    addresses: addresses.iter().map(ToString::to_string).collect(),
                    gateways: strings(gateways),
                })
                .collect();
        }
    }
    r
}
