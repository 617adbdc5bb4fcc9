//! JSON views shared by more than one resource.

use serde_json::Value;

/// What a change does beyond its fields, as the API tells it: each with its
/// English message and its `code`, and the data (`kind`, ports, addresses).
pub fn consequences_json(list: &[crate::domain::consequences::Consequence]) -> Value {
    Value::Array(
        list.iter()
            .map(|c| {
                let mut v = serde_json::to_value(c).unwrap_or(Value::Null);
                let m = c.message();
                if let Value::Object(o) = &mut v {
                    o.insert("message".into(), m.to_string().into());
                    o.insert("code".into(), m.id().into());
                }
                v
            })
            .collect(),
    )
}
