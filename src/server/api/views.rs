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
            // The domain's own serialization (tagged with `kind`) is the data.
            let mut data: HashMap<String, serde_json::Value> = serde_json::to_value(c)
                .and_then(serde_json::from_value)
                .unwrap_or_default();
            let kind = match data.remove("kind") {
                Some(serde_json::Value::String(k)) => k,
                _ => String::new(),
            };
            doc::Consequence {
                kind,
                message: m.to_string(),
                code: m.id().to_string(),
                data,
            }
        })
        .collect()
}
