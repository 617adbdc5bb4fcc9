//! The form a post brought back: when a form was not staged because of its
//! own errors, the server loads the page again with what was typed in the
//! query (`notice=not-staged&form=<which>&<field>=<text>…`), and the page
//! shows that form as typed, with each error beside its field.

use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use crate::domain::form::{ComputeForm, PortForm};
use crate::domain::kubernetes::KubernetesForm;

/// `get(field)` for the form named `which`, when the page answers its refused post.
fn typed<T>(which: &str, build: impl FnOnce(&dyn Fn(&str) -> String) -> T) -> Option<T> {
    use_query_map().with_untracked(|q| {
        // Refused for its own errors, or because its part changed meanwhile.
        let ours = matches!(q.get("notice").as_deref(), Some("not-staged" | "changed"))
            && q.get("form").is_some_and(|f| f.eq_ignore_ascii_case(which));
        ours.then(|| build(&|k| q.get(k).unwrap_or_default()))
    })
}

/// Port `name`'s form as typed, when its post was refused.
pub fn port(name: &str) -> Option<PortForm> {
    typed(name, |get| PortForm {
        name: name.to_string(),
        mode: get("mode"),
        address: get("address"),
        prefix: get("prefix"),
        gateway: get("gateway"),
        dns_primary: get("dns_primary"),
        dns_secondary: get("dns_secondary"),
        mtu: get("mtu"),
    })
}

/// The Compute form as typed, when its post was refused.
pub fn compute() -> Option<ComputeForm> {
    typed("compute", |get| ComputeForm {
        port: get("port"),
        switch_name: get("switch_name"),
        node_start: get("node_start"),
        node_end: get("node_end"),
        service_start: get("service_start"),
        service_end: get("service_end"),
        skip_edge: get("skip_edge") == "on",
    })
}

/// The Kubernetes form as typed, when its post was refused.
pub fn kubernetes() -> Option<KubernetesForm> {
    typed("kubernetes", |get| KubernetesForm {
        pod_cidr: get("pod_cidr"),
        service_cidr: get("service_cidr"),
        dns_ip: get("dns_ip"),
    })
}

/// Whether the page answers a refused post of any form.
pub fn any() -> bool {
    use_query_map().with_untracked(|q| q.get("notice").as_deref() == Some("not-staged"))
}
