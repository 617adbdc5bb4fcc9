//! The Kubernetes page's form: pod network, service network and cluster DNS
//! address, checked as they are typed, with warnings that do not block.

use leptos::prelude::*;
use leptos::server_fn::ServerFn;

use super::fields::{provide_reveal, stop_if_invalid, Field, NotStaged};
use super::{DraftContext, FromServer};
use crate::app::CsrfField;
use crate::domain::{
    error::message_for, form::DraftPart, kubernetes::KubernetesForm, model::tenth,
};
use crate::t;

/// The pod and service networks and the cluster DNS address, read-only once
/// locked. `focus`: the page answers a post that found problems.
#[island]
pub fn KubernetesEditor(
    form: FromServer<KubernetesForm>,
    revision: u64,
    focus: bool,
    context: FromServer<DraftContext>,
) -> impl IntoView {
    let (FromServer(form), FromServer(context)) = (form, context);
    let locked = context.applied.kubernetes.locked_at;
    let context_dns = context.applied.kubernetes.dns();
    let initial = form.clone();
    let form = RwSignal::new(form);
    let state = StoredValue::new(context);
    let reveal = provide_reveal(focus);
    let errors = Memo::new(move |_| {
        let f = form.get();
        state.with_value(|s| s.errors_with(|d| d.kubernetes = f))
    });
    let warnings = Memo::new(move |_| {
        let f = form.get();
        state.with_value(|s| f.warnings(&s.applied.kubernetes))
    });
    let err = move |key: &'static str| {
        Signal::derive(move || message_for(&errors.get(), key).map(crate::app::tm))
    };
    let warn = move |key: &'static str| {
        move || {
            message_for(&warnings.get(), key)
                .map(|w| view! { <p class="field-warning" role="status">{crate::app::tm(w)}</p> })
        }
    };
    let first_invalid = errors.with_untracked(|e| {
        [
            "kubernetes.pod_cidr",
            "kubernetes.service_cidr",
            "kubernetes.dns_ip",
        ]
        .into_iter()
        .find(|k| message_for(e, k).is_some())
    });
    let autofocus = move |key: &str| focus && first_invalid == Some(key);
    let set = move |f: fn(&mut KubernetesForm, String)| {
        Callback::new(move |v: String| form.update(|k| f(k, v)))
    };
    let count = Signal::derive(move || errors.with(|e| DraftPart::Kubernetes.errors_in(e).len()));
    let has_errors = move || count.get() > 0;
    // Locked, the fields show what is in force: the DNS address too, even
    // when it was left empty for the tenth address (#29).
    let in_force_dns = locked.map(|_| context_dns.to_string());
    let dns_hint = move || {
        if let Some(at) = locked {
            return t!("k8s-dns-hint-locked", revision = at);
        }
        let svc = form.with(|f| f.service_cidr.clone());
        svc.split_once('/')
            .and_then(|_| svc.trim().parse::<ipnet::Ipv4Net>().ok())
            .map_or_else(
                || t!("k8s-dns-hint"),
                |n| t!("k8s-dns-hint-address", address = tenth(&n.trunc())),
            )
    };
    let facts = move || {
        state.with_value(|s| {
            let k = &s.applied.kubernetes;
            t!(
                "k8s-applied-facts",
                pods = k.pod_cidr,
                blocks = k.blocks(),
                block_size = k.block_size,
                services = k.service_cidr,
                dns = k.dns()
            )
        })
    };

    view! {
            <section class="card" aria-labelledby="networks-title">
                <h2 id="networks-title">{t!("k8s-networks-title")}</h2>
                {locked.map(|at| view! {
                    <p class="banner info" data-testid="locked">
                        {t!("k8s-locked", revision = at)}
                    </p>
                })}
                <p class="muted">{facts}</p>
                <form method="post" action=crate::actions::StageKubernetes::url()>
    <CsrfField/>
                    <input type="hidden" name="revision" value=revision/>
                    <fieldset disabled=locked.is_some() class="grid">
                        <div>
                            <Field label=t!("k8s-pod-network-label") name="pod_cidr" id="pod-cidr".to_string() value=initial.pod_cidr.clone()
                                error=err("kubernetes.pod_cidr") on_input=set(|k, v| k.pod_cidr = v) placeholder="172.27.0.0/16"
                                hint=t!("k8s-pod-network-hint") autofocus=autofocus("kubernetes.pod_cidr")/>
                            {warn("kubernetes.pod_cidr")}
                        </div>
                        <div>
                            <Field label=t!("k8s-service-network-label") name="service_cidr" id="service-cidr".to_string() value=initial.service_cidr.clone()
                                error=err("kubernetes.service_cidr") on_input=set(|k, v| k.service_cidr = v) placeholder="172.28.0.0/16"
                                hint=t!("k8s-service-network-hint") autofocus=autofocus("kubernetes.service_cidr")/>
                            {warn("kubernetes.service_cidr")}
                        </div>
                        <div>
                            <Field label=if locked.is_some() { t!("k8s-dns-label-locked") } else { t!("k8s-dns-label") } name="dns_ip" id="dns-ip".to_string() value=in_force_dns.unwrap_or_else(|| initial.dns_ip.clone())
                                error=err("kubernetes.dns_ip") on_input=set(|k, v| k.dns_ip = v) inputmode="decimal" autofocus=autofocus("kubernetes.dns_ip")/>
                            <p class="hint">{dns_hint}</p>
                            {warn("kubernetes.dns_ip")}
                        </div>
                    </fieldset>
                    {locked.is_none().then(|| view! {
                        <div class="actions">
                            <button type="submit" class="primary" on:click=stop_if_invalid(reveal, has_errors)>{t!("k8s-stage")}</button>
                            <a class="button" href="/changes">{t!("k8s-review-apply")}</a>
                            <NotStaged reveal count/>
                        </div>
                    })}
                </form>
            </section>
        }
}
