//! What the history and the audit trail recorded, in the reader's language:
//! a change's section, field and values, where a revision came from and when.
//! The Changes and Audit pages both show them.

use crate::domain::change::{Field, Section, Touched, Value, Verb};
use crate::domain::records::Source;
use crate::i18n::{text, Message};
use crate::state::format_time;

/// Where a revision came from, in the reader's language; words of a later
/// version as stored.
pub fn source_label(source: &Source) -> String {
    crate::app::tm(&source.message())
}

/// When a revision was applied; 0 stands for the factory configuration.
pub fn time_label(secs: u64) -> String {
    if secs == 0 {
        crate::t!("audit-time-factory")
    } else {
        format_time(secs)
    }
}

/// A change's section in the reader's language: a port by its name,
/// Kubernetes by its name (the same in every language).
pub fn section_label(s: &Section) -> String {
    let lang = crate::i18n::current();
    match s {
        Section::Port(p) => p.clone(),
        Section::Kubernetes => "Kubernetes".into(),
        Section::Compute => text(lang, "change-compute"),
        Section::Network => text(lang, "change-network"),
        Section::Routes => text(lang, "change-routes"),
    }
}

/// The message id of a field's label; `None` for a name (MTU) or for words
/// this version does not know, shown as stored.
fn field_id(f: &Field) -> Option<&'static str> {
    Some(match f {
        Field::Addressing => "change-addressing",
        Field::IpAddress => "change-ip-address",
        Field::Gateway => "change-gateway",
        Field::PrimaryDns => "change-primary-dns",
        Field::SecondaryDns => "change-secondary-dns",
        Field::Compute => "change-compute",
        Field::ComputePort => "change-compute-port",
        Field::SwitchName => "change-switch-name",
        Field::NodeIps => "change-node-ips",
        Field::ServiceIps => "change-service-ips",
        Field::SkipEdge => "change-skip-edge",
        Field::PodNetwork => "change-pod-network",
        Field::ServiceNetwork => "change-service-network",
        Field::ClusterDns => "change-cluster-dns",
        Field::DefaultGateway => "change-default-gateway",
        Field::Mtu | Field::Route { .. } | Field::Other(_) => return None,
    })
}

/// A change's field in the reader's language; a route as "10.0.0.0/24 on
/// Port1" in its words.
pub fn field_label(f: &Field) -> String {
    let lang = crate::i18n::current();
    match f {
        Field::Route {
            destination,
            interface,
        } => crate::msg!(
            "change-route",
            destination = destination.to_string(),
            interface = interface.as_str()
        )
        .render(lang),
        other => field_id(other).map_or_else(|| other.to_string(), |id| text(lang, id)),
    }
}

/// What a revision touched, as the history lists it: a field, or what
/// happened to a route ("added 10.0.0.0/24 on Port1").
pub fn touched_label(t: &Touched) -> String {
    let lang = crate::i18n::current();
    match (t.verb, &t.field) {
        (
            Some(verb),
            Field::Route {
                destination,
                interface,
            },
        ) => Message::new(match verb {
            Verb::Added => "change-route-added",
            Verb::Removed => "change-route-removed",
            Verb::Changed => "change-route-changed",
        })
        .arg("destination", destination.to_string())
        .arg("interface", interface.as_str())
        .render(lang),
        (_, f) => field_label(f),
    }
}

/// A change's value in the reader's language: addresses and names as
/// given, the fixed words and a route's next hop and metric translated; empty
/// for [`Value::Empty`] (the pages show a dash).
pub fn value_label(v: &Value) -> String {
    let lang = crate::i18n::current();
    match v {
        Value::Empty => String::new(),
        Value::Text(t) => t.clone(),
        Value::Dhcp => "DHCP".into(),
        Value::Static => text(lang, "change-value-static"),
        Value::On => text(lang, "change-value-on"),
        Value::Off => text(lang, "change-value-off"),
        Value::Yes => text(lang, "change-value-yes"),
        Value::No => text(lang, "change-value-no"),
        Value::Default => text(lang, "change-value-default"),
        Value::Via { next_hop, metric } => crate::msg!(
            "change-route-via",
            next_hop = next_hop.to_string(),
            metric = i64::from(*metric)
        )
        .render(lang),
    }
}

/// What a revision touched, in the reader's language: "Port3: IP address,
/// Gateway · Compute: Node IPs" (the factory revision touched nothing).
pub fn summary_text(sections: &[(Section, Vec<Touched>)]) -> String {
    if sections.is_empty() {
        return crate::t!("changes-history-factory");
    }
    sections
        .iter()
        .map(|(section, fields)| {
            crate::t!(
                "changes-history-summary",
                section = section_label(section),
                fields = fields.iter().map(touched_label).collect::<Vec<_>>()
            )
        })
        .collect::<Vec<_>>()
        .join(" · ")
}

#[cfg(test)]
mod tests {
    use super::field_id;
    use crate::domain::change::Field;
    use crate::i18n::{text, Lang};

    /// Every field a change can carry has Japanese words of its own (the
    /// match in `field_id` is exhaustive: a new field must be given one).
    #[test]
    fn every_field_a_change_can_carry_is_translated() {
        for f in Field::labelled().filter(|f| *f != Field::Mtu) {
            let id = field_id(&f).unwrap_or_else(|| panic!("no message for {f:?}"));
            assert_ne!(text(Lang::Ja, id), id, "{id} is missing");
            assert_ne!(text(Lang::Ja, id), f.to_string(), "{id} is not translated");
        }
        for id in [
            "change-route",
            "change-route-added",
            "change-route-removed",
            "change-route-changed",
            "change-route-via",
            "change-value-static",
            "change-value-default",
            "change-routes",
            "change-network",
        ] {
            assert_ne!(text(Lang::Ja, id), id, "{id} is missing");
        }
    }
}
