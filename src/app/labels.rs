//! What the history and the audit trail recorded, in the reader's language:
//! a change's section, field and values, where a revision came from and when.
//! The Changes and Audit pages both show them.

use crate::state::format_time;

/// Where a revision came from, as recorded ("ui", "api", "factory reset"), in
/// the reader's language; an unknown source is shown as stored.
pub fn source_label(source: &str) -> String {
    match source {
        "ui" => crate::t!("audit-source-ui"),
        "api" => crate::t!("audit-source-api"),
        "factory reset" => crate::t!("audit-source-factory-reset"),
        other => other.to_string(),
    }
}

/// When a revision was applied; 0 stands for the factory configuration.
pub fn time_label(secs: u64) -> String {
    if secs == 0 {
        crate::t!("audit-time-factory")
    } else {
        format_time(secs)
    }
}

/// A section or field label of a recorded change, in the reader's language.
///
/// Changes are computed and stored with English labels (`domain::form`'s
/// `fields()`), which the API and the audit file keep; the pages translate
/// them here. Port names, "Kubernetes", "MTU" and anything not known here
/// are shown as stored.
pub fn change_label(text: &str) -> String {
    label_id(text).map_or_else(
        || text.to_string(),
        |id| crate::i18n::text(crate::i18n::current(), id),
    )
}

/// The message id of a label the domain writes into changes, if it has one.
fn label_id(text: &str) -> Option<&'static str> {
    Some(match text {
        "Addressing" => "change-addressing",
        "IP address" => "change-ip-address",
        "Gateway" => "change-gateway",
        "Primary DNS" => "change-primary-dns",
        "Secondary DNS" => "change-secondary-dns",
        "Compute" => "change-compute",
        "Compute port" => "change-compute-port",
        "Switch name" => "change-switch-name",
        "Node IPs" => "change-node-ips",
        "Service IPs" => "change-service-ips",
        "Skip .0 and .255" => "change-skip-edge",
        "Pod network" => "change-pod-network",
        "Service network" => "change-service-network",
        "Cluster DNS" => "change-cluster-dns",
        "Routes" => "change-routes",
        "Network" => "change-network",
        "Default gateway" => "change-default-gateway",
        _ => return None,
    })
}

/// The field of a change: a label, or for a route "10.0.0.0/24 on Port1";
/// in the history a route's entry starts with what happened to it
/// ("added 10.0.0.0/24 on Port1", see the store's history summary).
pub fn change_field(section: &str, field: &str) -> String {
    if section == "Routes" {
        let (verb, rest) = match field.split_once(' ') {
            Some((v @ ("added" | "removed" | "changed"), rest)) => (Some(v), rest),
            _ => (None, field),
        };
        let Some((destination, interface)) = rest.split_once(" on ") else {
            return field.to_string();
        };
        return match verb {
            Some("added") => crate::t!(
                "change-route-added",
                destination = destination,
                interface = interface
            ),
            Some("removed") => crate::t!(
                "change-route-removed",
                destination = destination,
                interface = interface
            ),
            Some(_) => crate::t!(
                "change-route-changed",
                destination = destination,
                interface = interface
            ),
            None => crate::t!(
                "change-route",
                destination = destination,
                interface = interface
            ),
        };
    }
    change_label(field)
}

/// A value of a change: addresses and names as stored, the few fixed words
/// (Static, On/Off, Yes/No, default) and a route's "via … metric …" translated.
pub fn change_value(section: &str, field: &str, value: &str) -> String {
    match (section, field, value) {
        ("Routes", _, v) => v
            .strip_prefix("via ")
            .and_then(|rest| rest.split_once(" metric "))
            .map_or_else(
                || v.to_string(),
                |(next_hop, metric)| {
                    crate::t!("change-route-via", next_hop = next_hop, metric = metric)
                },
            ),
        (_, "Addressing", "Static") => crate::t!("change-value-static"),
        (_, "Compute", "On") => crate::t!("change-value-on"),
        (_, "Compute", "Off") => crate::t!("change-value-off"),
        (_, "Skip .0 and .255", "Yes") => crate::t!("change-value-yes"),
        (_, "Skip .0 and .255", "No") => crate::t!("change-value-no"),
        (_, "Cluster DNS", "default") => crate::t!("change-value-default"),
        (_, _, v) => v.to_string(),
    }
}

/// What a revision touched, in the reader's language: "Port3: IP address,
/// Gateway · Compute: Node IPs" (the factory revision touched nothing).
pub fn summary_text(sections: &[(String, Vec<String>)]) -> String {
    if sections.is_empty() {
        return crate::t!("changes-history-factory");
    }
    sections
        .iter()
        .map(|(section, fields)| {
            crate::t!(
                "changes-history-summary",
                section = change_label(section),
                fields = fields
                    .iter()
                    .map(|f| change_field(section, f))
                    .collect::<Vec<_>>()
            )
        })
        .collect::<Vec<_>>()
        .join(" · ")
}

#[cfg(test)]
mod tests {
    use super::label_id;
    use crate::domain::{form::ComputeForm, form::PortForm, kubernetes::KubernetesForm};
    use crate::i18n::{text, Lang};

    /// A label the domain starts writing into changes without a translation
    /// here would show in English on the Japanese Changes and Audit pages.
    #[test]
    fn every_label_a_change_can_carry_is_translated() {
        let port = PortForm {
            mode: "static".into(),
            ..PortForm::default()
        };
        let compute = ComputeForm {
            port: "Port3".into(),
            ..ComputeForm::default()
        };
        let labels = port
            .fields()
            .into_iter()
            .chain(compute.fields())
            .chain(KubernetesForm::default().fields())
            .map(|(label, _)| label)
            .chain(["Compute", "Routes"]);
        // Names, the same in every language.
        let names = ["MTU"];
        for label in labels.filter(|l| !names.contains(l)) {
            let id = label_id(label)
                .unwrap_or_else(|| panic!("no message for the change label {label:?}"));
            assert_ne!(text(Lang::Ja, id), id, "{id} is missing");
            assert_ne!(text(Lang::Ja, id), label, "{id} is not translated");
        }
    }
}
