//! The audit trail: every applied revision with its time, where it came from
//! (page or API, client address) and each field it changed, old and new value,
//! and the security events (sign-ins, failed sign-ins, lock-outs, sign-outs,
//! password changes) between them.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use super::labels::{field_label, section_label, source_label, time_label, value_label};
use crate::actions::{get_audit, AUDIT_PAGE};
use crate::domain::records::{AuditEntry, AuditWhat, SecurityEvent};

#[component]
pub fn AuditPage() -> impl IntoView {
    let q = use_query_map();
    let page = Memo::new(move |_| {
        q.with(|q| q.get("page").and_then(|p| p.parse::<usize>().ok()))
            .unwrap_or(0)
    });
    let entries = Resource::new(move || page.get(), get_audit);
    view! {
        <Title text=crate::t!("audit-title")/>
        <section class="page">
            <header class="page-head">
                <h1>{crate::t!("audit-title")}</h1>
                <p class="lead">{crate::t!("audit-lead")}</p>
            </header>
            <Transition fallback=|| view! { <p class="loading">{crate::t!("audit-loading")}</p> }>
                {move || Suspend::new(async move {
                    match entries.await {
                        Err(e) => view! { <p class="banner error" role="alert">{crate::t!("audit-load-failed", error = super::rpc_error_text(&e))}</p> }.into_any(),
                        Ok(list) if list.is_empty() => view! { <p class="muted">{crate::t!("audit-empty")}</p> }.into_any(),
                        Ok(list) => {
                            let more = list.len() == AUDIT_PAGE;
                            let p = page.get_untracked();
                            view! {
                                <ol class="audit" data-testid="audit">
                                    {list.into_iter().map(entry).collect_view()}
                                </ol>
                                <nav class="pager" aria-label=crate::t!("audit-pages")>
                                    {(p > 0).then(|| view! { <a href=format!("/audit?page={}", p - 1)>{crate::t!("audit-newer")}</a> })}
                                    {more.then(|| view! { <a href=format!("/audit?page={}", p + 1)>{crate::t!("audit-older")}</a> })}
                                </nav>
                            }.into_any()
                        }
                    }
                })}
            </Transition>
        </section>
    }
}

/// One entry: a revision with its diff, or a security event.
fn entry(e: AuditEntry) -> impl IntoView {
    let client = if e.client.is_empty() {
        crate::t!("audit-client-unknown")
    } else {
        crate::t!("audit-client", client = e.client.as_str())
    };
    match e.what {
        AuditWhat::Security { event } => view! {
            <li class="card audit-event" data-testid="audit-event" data-event=event.id()>
                <h2 class="audit-head">
                    <span>{event_label(event)}</span>
                    <span class="muted">{time_label(e.at)}</span>
                    <span class="pill">{source_label(&e.source)}</span>
                    <span class="muted" data-testid="audit-client">{client}</span>
                </h2>
            </li>
        }
        .into_any(),
        AuditWhat::Revision {
            revision,
            restored_from,
            changes,
            consequences,
            reverted,
        } => view! {
            <li class="card" data-testid="audit-revision">
                <h2 class="audit-head">
                    <span>{crate::t!("audit-revision", revision = revision)}</span>
                    <span class="muted">{time_label(e.at)}</span>
                    <span class="pill">{source_label(&e.source)}</span>
                    <span class="muted" data-testid="audit-client">{client}</span>
                </h2>
                {restored_from.map(|r| view! {
                    <p data-testid="audit-restored">{crate::t!("audit-restored-from", revision = r)}</p>
                })}
                {reverted.map(|why| view! {
                    <p data-testid="audit-reverted">{crate::app::tm(&crate::state::reverted_message(&why))}</p>
                })}
                {(!consequences.is_empty()).then(|| view! {
                    <div class="consequences" data-testid="audit-consequences">
                        <p><strong>{crate::t!("consequences-title")}</strong></p>
                        <ul>
                            {consequences.into_iter().map(|c| view! { <li>{crate::app::tm(&c.message())}</li> }).collect_view()}
                        </ul>
                    </div>
                })}
                {if changes.is_empty() {
                    view! { <p class="muted">{crate::t!("audit-factory-settings")}</p> }.into_any()
                } else {
                    view! {
                        <div class="table-wrap" tabindex="0"><table class="diff">
                            <thead><tr><th scope="col">{crate::t!("audit-col-section")}</th><th scope="col">{crate::t!("audit-col-field")}</th><th scope="col">{crate::t!("audit-col-before")}</th><th scope="col">{crate::t!("audit-col-after")}</th></tr></thead>
                            <tbody>
                                {changes.into_iter().map(|c| {
                                    let from = value_label(&c.from);
                                    let to = value_label(&c.to);
                                    view! {
                                        <tr>
                                            <td>{section_label(&c.section)}</td>
                                            <td>{field_label(&c.field)}</td>
                                            {cell(from, "old")}
                                            {cell(to, "new")}
                                        </tr>
                                    }
                                }).collect_view()}
                            </tbody>
                        </table></div>
                    }.into_any()
                }}
            </li>
        }
        .into_any(),
    }
}

/// A security event in the reader's language.
pub(super) fn event_label(event: SecurityEvent) -> String {
    match event {
        SecurityEvent::SignIn => crate::t!("audit-event-sign-in"),
        SecurityEvent::SignInFailed => crate::t!("audit-event-sign-in-failed"),
        SecurityEvent::LockedOut => crate::t!("audit-event-locked-out"),
        SecurityEvent::SignOut => crate::t!("audit-event-sign-out"),
        SecurityEvent::PasswordChanged => crate::t!("audit-event-password-changed"),
        SecurityEvent::PasswordChangeFailed => crate::t!("audit-event-password-change-failed"),
        SecurityEvent::TrialKept => crate::t!("audit-event-trial-kept"),
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
