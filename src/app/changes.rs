//! The Changes page: the staged draft as a diff against the applied revision,
//! apply and discard, and the history with restore.

use super::CsrfField;
use leptos::prelude::*;
use leptos_meta::Title;

use super::labels::{
    field_label, section_label, source_label, summary_text, time_label, value_label,
};
use super::{page_of, with_state, Notice};
use crate::state::PageState;
use leptos::server_fn::ServerFn;

/// What the page asks before a step that loses or locks something, from
/// `?confirm=`: `apply` (an apply that locks the cluster networks),
/// `discard`, or `restore-N` (either with staged changes). A GET form asks;
/// the answer posts. It works the same without JavaScript.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Asking {
    Apply,
    Discard,
    Restore(u64),
}

impl Asking {
    fn from_query(q: Option<String>) -> Option<Asking> {
        match q.as_deref()? {
            "apply" => Some(Asking::Apply),
            "discard" => Some(Asking::Discard),
            other => other
                .strip_prefix("restore-")
                .and_then(|n| n.parse().ok())
                .map(Asking::Restore),
        }
    }
}

/// A button that asks first: a GET form to `/changes?confirm=<value>`, so
/// that its role and name stay those of the step it leads to. No fragment:
/// a page opened at one ignores `autofocus`, which puts the answer in focus.
#[component]
fn AskFirst(
    value: String,
    label: String,
    #[prop(optional)] class: &'static str,
    #[prop(optional)] disabled: bool,
) -> impl IntoView {
    view! {
        <form method="get" action="/changes">
            <input type="hidden" name="confirm" value=value/>
            <button type="submit" class=class disabled=disabled>{label}</button>
        </form>
    }
}

/// The staged changes that a step would lose, as its question lists them.
fn lost_list(changes: &[crate::domain::change::Change]) -> impl IntoView {
    const SHOWN: usize = 8;
    let more = changes.len().saturating_sub(SHOWN);
    view! {
        <ul data-testid="confirm-lost">
            {changes.iter().take(SHOWN).map(|c| {
                let to = if c.to.is_empty() { "—".to_string() } else { value_label(&c.to) };
                view! { <li>{format!("{} · {}: {}", section_label(&c.section), field_label(&c.field), to)}</li> }
            }).collect_view()}
            {(more > 0).then(|| view! { <li>{crate::t!("changes-confirm-more", n = more)}</li> })}
        </ul>
    }
}

#[component]
pub fn ChangesPage() -> impl IntoView {
    let query = leptos_router::hooks::use_query_map();
    let asking = move || query.with(|q| Asking::from_query(q.get("confirm")));
    view! {
        <Title text=crate::t!("changes-title")/>
        <section class="page">
            <header class="page-head">
                <h1>{crate::t!("changes-title")}</h1>
                <p class="lead">{crate::t!("changes-lead")}</p>
            </header>
            <Notice/>
            {with_state(move |s: PageState| {
                let revision = s.applied.revision;
                let next = revision + 1;
                let n_err = s.errors.len();
                let can_apply = n_err == 0 && !s.stale && !s.changes.is_empty();
                view! {
                    <section class="card" aria-labelledby="staged-title">
                        <h2 id="staged-title">{crate::t!("changes-staged-title")}</h2>
                        {s.stale.then(|| view! {
                            <p class="banner error" role="alert">
                                {crate::t!("changes-stale", base = s.draft.base_revision, revision = revision)}
                            </p>
                        })}
                        {if s.changes.is_empty() {
                            view! { <p class="muted" data-testid="no-changes">{crate::t!("changes-none")}</p> }.into_any()
                        } else {
                            view! {
                                <div class="table-wrap" tabindex="0"><table class="diff" data-testid="diff">
                                    <thead><tr><th scope="col">{crate::t!("changes-col-section")}</th><th scope="col">{crate::t!("changes-col-field")}</th><th scope="col">{crate::t!("changes-col-applied")}</th><th scope="col">{crate::t!("changes-col-staged")}</th></tr></thead>
                                    <tbody>
                                        {s.changes.clone().into_iter().map(|c| view! {
                                            <tr>
                                                <td>{section_label(&c.section)}</td>
                                                <td>{field_label(&c.field)}</td>
                                                <td class="old">{if c.from.is_empty() { "—".to_string() } else { value_label(&c.from) }}</td>
                                                <td class="new">{if c.to.is_empty() { "—".to_string() } else { value_label(&c.to) }}</td>
                                            </tr>
                                        }).collect_view()}
                                    </tbody>
                                </table></div>
                            }.into_any()
                        }}
                        <Consequences list=s.consequences.clone()/>
                        {(s.staged && n_err > 0).then(|| view! {
                            <div class="banner warn" role="status">
                                <p>{crate::t!("changes-problems", n = n_err)}</p>
                                <ul class="error-list">
                                    {s.errors.clone().into_iter().map(|e| {
                                        let (page, anchor) = page_of(&e.field);
                                        view! { <li><a href=format!("{page}{anchor}")>{crate::app::tm(&e.message)}</a></li> }
                                    }).collect_view()}
                                </ul>
                            </div>
                        })}
                        {s.staged.then(|| {
                            let lock = s.consequences.iter().find(|c| c.is_lasting()).map(|c| c.message());
                            let asked = asking();
                            let changes = s.changes.clone();
                            match asked {
                                // An apply that locks the networks names what it locks first.
                                Some(Asking::Apply) if can_apply && lock.is_some() => view! {
                                    <div class="banner warn confirm" role="alert" id="confirm" data-testid="confirm">
                                        <p><strong>{crate::t!("changes-confirm-lock-question", revision = next)}</strong></p>
                                        <p>{lock.as_ref().map(crate::app::tm)}</p>
                                        <div class="actions">
                                            <form method="post" action=crate::actions::ApplyChanges::url()>
                                                <CsrfField/>
                                                <input type="hidden" name="revision" value=revision/>
                                                <button type="submit" class="primary" autofocus=true>{crate::t!("changes-confirm-lock-yes", revision = next)}</button>
                                            </form>
                                            <a href="/changes">{crate::t!("changes-confirm-cancel")}</a>
                                        </div>
                                    </div>
                                }.into_any(),
                                Some(Asking::Discard) if !changes.is_empty() => view! {
                                    <div class="banner warn confirm" role="alert" id="confirm" data-testid="confirm">
                                        <p><strong>{crate::t!("changes-confirm-discard-question", n = changes.len())}</strong></p>
                                        {lost_list(&changes)}
                                        <div class="actions">
                                            <form method="post" action=crate::actions::DiscardChanges::url()>
                                                <CsrfField/>
                                                <button type="submit" class="danger" autofocus=true>{crate::t!("changes-confirm-discard-yes")}</button>
                                            </form>
                                            <a href="/changes">{crate::t!("changes-confirm-keep")}</a>
                                        </div>
                                    </div>
                                }.into_any(),
                                _ => view! {
                                    <div class="actions">
                                        {if lock.is_some() {
                                            view! { <AskFirst value="apply".into() label=crate::t!("changes-apply", revision = next) class="primary" disabled=!can_apply/> }.into_any()
                                        } else {
                                            view! {
                                                <form method="post" action=crate::actions::ApplyChanges::url()>
                                                    <CsrfField/>
                                                    <input type="hidden" name="revision" value=revision/>
                                                    <button type="submit" class="primary" disabled=!can_apply>
                                                        {crate::t!("changes-apply", revision = next)}
                                                    </button>
                                                </form>
                                            }.into_any()
                                        }}
                                        {if changes.is_empty() {
                                            view! {
                                                <form method="post" action=crate::actions::DiscardChanges::url()>
                                                    <CsrfField/>
                                                    <button type="submit" class="danger">{crate::t!("changes-discard")}</button>
                                                </form>
                                            }.into_any()
                                        } else {
                                            view! { <AskFirst value="discard".into() label=crate::t!("changes-discard") class="danger"/> }.into_any()
                                        }}
                                    </div>
                                }.into_any(),
                            }
                        })}
                    </section>
                    <super::probe::ProbeCard s=s.clone() review=true/>
                    <FileCard revision=revision/>
                    <section class="card" aria-labelledby="history-title">
                        <h2 id="history-title">{crate::t!("changes-history-title")}</h2>
                        {match asking() {
                            Some(Asking::Restore(target)) if !s.changes.is_empty() && target != revision && s.history.iter().any(|h| h.revision == target) => Some(view! {
                                <div class="banner warn confirm" role="alert" id="confirm" data-testid="confirm">
                                    <p><strong>{crate::t!("changes-confirm-restore-question", revision = target, n = s.changes.len())}</strong></p>
                                    {lost_list(&s.changes)}
                                    <div class="actions">
                                        <form method="post" action=crate::actions::RestoreRevision::url()>
                                            <CsrfField/>
                                            <input type="hidden" name="revision" value=revision/>
                                            <input type="hidden" name="target" value=target/>
                                            <button type="submit" class="danger" autofocus=true>{crate::t!("changes-confirm-restore-yes", revision = target)}</button>
                                        </form>
                                        <a href="/changes">{crate::t!("changes-confirm-keep")}</a>
                                    </div>
                                </div>
                            }),
                            _ => None,
                        }}
                        {if s.history.is_empty() {
                            view! { <p class="muted">{crate::t!("changes-history-empty")}</p> }.into_any()
                        } else {
                            view! {
                                <div class="table-wrap" tabindex="0"><table class="history" data-testid="history">
                                    <thead><tr><th scope="col">{crate::t!("changes-history-col-revision")}</th><th scope="col">{crate::t!("changes-history-col-applied")}</th><th scope="col">{crate::t!("changes-history-col-by")}</th><th scope="col">{crate::t!("changes-history-col-what")}</th><th scope="col"><span class="sr-only">{crate::t!("changes-history-col-actions")}</span></th></tr></thead>
                                    <tbody>
                                        {s.history.clone().into_iter().map(|h| {
                                            let current = h.revision == revision;
                                            let has_changes = !s.changes.is_empty();
                                            view! {
                                                <tr class:current=current>
                                                    <td>{h.revision} {current.then(|| crate::t!("changes-history-current"))}</td>
                                                    <td>{time_label(h.applied_at)}</td>
                                                    <td>{source_label(&h.source)}</td>
                                                    <td class="summary">{summary_text(&h.sections)}{h.restored_from.map(|r| format!(" · {}", crate::t!("changes-history-restored", revision = r)))}{h.reverted.map(|why| format!(" · {}", crate::app::tm(&crate::state::reverted_message(&why))))}</td>
                                                    <td class="row-actions">
                                                        <a class="small-link" href=export_href(Some(h.revision)) download rel="external"
                                                            aria-label=crate::t!("changes-download-label", revision = h.revision)>
                                                            {crate::t!("changes-download")}
                                                        </a>
                                                        {(!current).then(|| if has_changes {
                                                            // Staged work would be lost: ask first, naming it.
                                                            view! { <AskFirst value=format!("restore-{}", h.revision) label=crate::t!("changes-restore", revision = h.revision) class="small"/> }.into_any()
                                                        } else {
                                                            view! {
                                                                <form method="post" action=crate::actions::RestoreRevision::url()>
                                                                    <CsrfField/>
                                                                    <input type="hidden" name="revision" value=revision/>
                                                                    <input type="hidden" name="target" value=h.revision/>
                                                                    <button type="submit" class="small">{crate::t!("changes-restore", revision = h.revision)}</button>
                                                                </form>
                                                            }.into_any()
                                                        })}
                                                    </td>
                                                </tr>
                                            }
                                        }).collect_view()}
                                    </tbody>
                                </table></div>
                            }.into_any()
                        }}
                    </section>
                }
            })}
        </section>
    }
}

/// What applying does beyond the fields in the diff (the default gateway
/// moving, the spare going); one that only a factory reset takes back (the
/// cluster networks locking) is a warning of its own, just above Apply.
#[component]
pub(super) fn Consequences(list: Vec<crate::domain::consequences::Consequence>) -> impl IntoView {
    let (lasting, other): (Vec<_>, Vec<_>) = list.into_iter().partition(|c| c.is_lasting());
    view! {
        {(!other.is_empty()).then(|| view! {
            <div class="banner info consequences" data-testid="consequences">
                <p><strong>{crate::t!("consequences-title")}</strong></p>
                <ul>
                    {other.into_iter().map(|c| view! { <li>{crate::app::tm(&c.message())}</li> }).collect_view()}
                </ul>
            </div>
        })}
        {lasting.into_iter().map(|c| view! {
            <p class="banner warn" role="note" data-testid="consequence-lasting">{crate::app::tm(&c.message())}</p>
        }).collect_view()}
    }
}

/// Where a revision's configuration file is downloaded from (the API's
/// export, which the session's cookie opens).
fn export_href(revision: Option<u64>) -> String {
    match revision {
        Some(r) => format!("/api/v1/config/export?revision={r}"),
        None => "/api/v1/config/export".into(),
    }
}

/// The whole configuration as a file: download the applied revision, and
/// upload a file to stage (a plain multipart form: it works without JavaScript).
#[component]
fn FileCard(revision: u64) -> impl IntoView {
    let query = leptos_router::hooks::use_query_map();
    // The errors of a refused upload, carried back in the query (`state::errors_query`).
    let errors: Vec<(String, String)> = query
        .with_untracked(|q| crate::state::errors_from_query(&q.get_all("fe").unwrap_or_default()))
        .into_iter()
        .map(|e| (e.field, crate::app::tm(&e.message)))
        .collect();
    let invalid = !errors.is_empty();
    view! {
        <section class="card" id="import" aria-labelledby="file-title">
            <h2 id="file-title">{crate::t!("changes-file-title")}</h2>
            <p class="muted">{crate::t!("changes-file-lead")}</p>
            <p>
                <a class="button" href=export_href(None) download rel="external" data-testid="download-applied">
                    {crate::t!("changes-download-applied", revision = revision)}
                </a>
            </p>
            <form method="post" action="/changes/import" enctype="multipart/form-data" class="upload">
                <CsrfField/>
                <div class="field" class:invalid=invalid>
                    <label for="config-file">{crate::t!("changes-import-label")}</label>
                    <input type="file" id="config-file" name="file" accept=".toml,application/toml,text/plain" required
                        aria-invalid=invalid.then_some("true")
                        aria-describedby=if invalid { "config-file-hint config-file-error" } else { "config-file-hint" }/>
                    <p class="hint" id="config-file-hint">{crate::t!("changes-import-hint")} <a href="/docs/config-file" data-testid="file-reference">{crate::t!("changes-file-reference")}</a></p>
                    <div class="field-error" id="config-file-error" role=invalid.then_some("alert") data-testid="upload-errors">
                        {invalid.then(|| view! {
                            <ul class="error-list">
                                {errors.into_iter().map(|(field, message)| view! {
                                    <li>{(!field.is_empty() && field != "file" && !message.starts_with(&field)).then(|| view! { <code>{field.clone()}</code>" " })}{message}</li>
                                }).collect_view()}
                            </ul>
                        })}
                    </div>
                </div>
                <button type="submit">{crate::t!("changes-import-submit")}</button>
            </form>
        </section>
    }
}
