//! The audit trail: every applied revision with its time, where it came from
//! (page or API, client address) and each field it changed, old and new value.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use crate::actions::{get_audit, AUDIT_PAGE};
use crate::state::format_time;

#[component]
pub fn AuditPage() -> impl IntoView {
    let q = use_query_map();
    let page = Memo::new(move |_| {
        q.with(|q| q.get("page").and_then(|p| p.parse::<usize>().ok()))
            .unwrap_or(0)
    });
    let entries = Resource::new(move || page.get(), get_audit);
    view! {
        <Title text="Audit trail"/>
        <section class="page">
            <header class="page-head">
                <h1>"Audit trail"</h1>
                <p class="lead">"Every applied revision: when, through which door (pages or API), from which client address, and each field it changed. Kept on the device across restarts."</p>
            </header>
            <Transition fallback=|| view! { <p class="loading">"Loading…"</p> }>
                {move || Suspend::new(async move {
                    match entries.await {
                        Err(e) => view! { <p class="banner error" role="alert">"Could not load the audit trail: " {e.to_string()}</p> }.into_any(),
                        Ok(list) if list.is_empty() => view! { <p class="muted">"No revision has been applied on this page of the trail."</p> }.into_any(),
                        Ok(list) => {
                            let more = list.len() == AUDIT_PAGE;
                            let p = page.get_untracked();
                            view! {
                                <ol class="audit" data-testid="audit">
                                    {list.into_iter().map(|e| view! {
                                        <li class="card">
                                            <h2 class="audit-head">
                                                <span>"Revision " {e.revision}</span>
                                                <span class="muted">{format_time(e.applied_at)}</span>
                                                <span class="pill">{e.source.clone()}</span>
                                                <span class="muted" data-testid="audit-client">
                                                    {if e.client.is_empty() { "address not recorded".to_string() } else { format!("from {}", e.client) }}
                                                </span>
                                            </h2>
                                            {if e.changes.is_empty() {
                                                view! { <p class="muted">"Factory settings."</p> }.into_any()
                                            } else {
                                                view! {
                                                    <table class="diff">
                                                        <thead><tr><th scope="col">"Section"</th><th scope="col">"Field"</th><th scope="col">"Before"</th><th scope="col">"After"</th></tr></thead>
                                                        <tbody>
                                                            {e.changes.into_iter().map(|c| view! {
                                                                <tr>
                                                                    <td>{c.section}</td>
                                                                    <td>{c.field}</td>
                                                                    {cell(c.from, "old")}
                                                                    {cell(c.to, "new")}
                                                                </tr>
                                                            }).collect_view()}
                                                        </tbody>
                                                    </table>
                                                }.into_any()
                                            }}
                                        </li>
                                    }).collect_view()}
                                </ol>
                                <nav class="pager" aria-label="Audit trail pages">
                                    {(p > 0).then(|| view! { <a href=format!("/audit?page={}", p - 1)>"← Newer"</a> })}
                                    {more.then(|| view! { <a href=format!("/audit?page={}", p + 1)>"Older →"</a> })}
                                </nav>
                            }.into_any()
                        }
                    }
                })}
            </Transition>
        </section>
    }
}

/// A value of the diff; an empty one ("not set") is shown as a quiet dash.
fn cell(value: String, class: &'static str) -> impl IntoView {
    if value.is_empty() {
        view! { <td class="none">"—"</td> }.into_any()
    } else {
        view! { <td class=class>{value}</td> }.into_any()
    }
}
