//! The Kubernetes page: pod and service networks, and the manifests the
//! cluster consumes.

use leptos::prelude::*;
use leptos_meta::Title;

use super::islands::{DraftContext, FromServer, KubernetesEditor};
use super::{after_submit, with_state, Notice};
use crate::app::tm;
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
            {with_state(|s: PageState| {
                let focus = after_submit();
                view! {
                    <KubernetesEditor
                        form=FromServer(super::typed::kubernetes().unwrap_or_else(|| s.draft.kubernetes.clone()))
                        revision=s.applied.revision
                        focus
                        context=FromServer(DraftContext::of(&s))
                    />
                    <Manifests s/>
                }
            })}
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
