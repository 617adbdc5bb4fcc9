//! The Kubernetes page: pod and service networks, and the manifests the
//! cluster consumes.

use super::CsrfField;
use leptos::prelude::*;
use leptos_meta::Title;

use super::fields::{after_submit, stop_if_invalid, Field};
use super::{with_state, Ctx, Notice};
use crate::app::tm;
use crate::domain::{error::message_for, kubernetes::tenth, kubernetes::KubernetesForm};
use crate::state::PageState;
use crate::t;

#[component]
pub fn KubernetesPage() -> impl IntoView {
    view! {
        <Title text=t!("k8s-title")/>
        <section class="page">
            <header class="page-head">
                <h1>{t!("k8s-title")}</h1>
                <p class="lead">{t!("k8s-lead")}</p>
            </header>
            <Notice/>
            {with_state(|s: PageState| view! { <NetworksEditor s=s.clone()/> <Manifests s/> })}
        </section>
    }
}

#[component]
fn NetworksEditor(s: PageState) -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let revision = s.applied.revision;
    let locked = s.applied.kubernetes.locked_at;
    let initial = s.draft.kubernetes.clone();
    let form = RwSignal::new(initial.clone());
    let state = StoredValue::new(s);
    let errors = Memo::new(move |_| {
        let f = form.get();
        state.with_value(|s| {
            let mut d = s.draft.clone();
            d.kubernetes = f;
            d.resolve(&s.applied, &s.profile).1
        })
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
    let focus = after_submit();
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
    let has_errors = move || errors.with(|e| e.iter().any(|e| e.field.starts_with("kubernetes.")));
    let dns_hint = move || {
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
                <ActionForm action=ctx.stage_kubernetes>
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
                            <Field label=t!("k8s-dns-label") name="dns_ip" id="dns-ip".to_string() value=initial.dns_ip.clone()
                                error=err("kubernetes.dns_ip") on_input=set(|k, v| k.dns_ip = v) inputmode="decimal" autofocus=autofocus("kubernetes.dns_ip")/>
                            <p class="hint">{dns_hint}</p>
                            {warn("kubernetes.dns_ip")}
                        </div>
                    </fieldset>
                    {locked.is_none().then(|| view! {
                        <div class="actions">
                            <button type="submit" class="primary" on:click=stop_if_invalid(has_errors)>{t!("k8s-stage")}</button>
                            <a class="button" href="/changes">{t!("k8s-review-apply")}</a>
                        </div>
                    })}
                </ActionForm>
            </section>
        }
}

#[component]
fn Manifests(s: PageState) -> impl IntoView {
    view! {
        <section class="card" aria-labelledby="manifests-title">
            <h2 id="manifests-title">{t!("k8s-manifests-title", revision = s.applied.revision)}</h2>
            <ul class="manifests" data-testid="manifests">
                {s.manifests.into_iter().map(|m| {
                    let href = format!("/api/v1/manifests/{}?download=1", m.name);
                    // With its extension, and served as text: the browser shows it.
                    let view_href = format!("/api/v1/manifests/{}.yaml", m.name);
                    let title = tm(&m.title_message());
                    view! {
                        <li data-testid=format!("manifest-{}", m.name)>
                            <div class="manifest-head">
                                <strong>{title}</strong>
                                <code>{m.file.clone()}</code>
                                <a class="button small" href=href download=m.file.clone()>{t!("k8s-download")}</a>
                                <a href=view_href rel="external">{t!("k8s-raw")}</a>
                            </div>
                            <details>
                                <summary>{t!("k8s-preview")}</summary>
                                <pre><code>{m.yaml.clone()}</code></pre>
                            </details>
                        </li>
                    }
                }).collect_view()}
                {s.pending_manifests.into_iter().map(|p| view! {
                    <li class="pending" data-testid=format!("manifest-{}", p.name)>
                        <div class="manifest-head">
                            <strong>{tm(&p.title_message())}</strong>
                            <span class="muted">{t!("k8s-pending", reason = p.reason_message())}</span>
                            <a href="/compute">{t!("k8s-set-up-compute")}</a>
                        </div>
                    </li>
                }).collect_view()}
            </ul>
        </section>
    }
}
