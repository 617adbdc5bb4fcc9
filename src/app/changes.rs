//! The Changes page: the staged draft as a diff against the applied revision,
//! apply and discard, and the history with restore.

use super::CsrfField;
use leptos::prelude::*;
use leptos_meta::Title;

use super::{plural, with_state, Ctx, Notice};
use crate::state::{format_time, PageState};

/// The page that fixes a field, for links from the error list.
fn page_of(field: &str) -> (&'static str, String) {
    match field.split('.').collect::<Vec<_>>().as_slice() {
        ["ports", port, ..] => ("/network", format!("#{}", port.to_lowercase())),
        ["compute", ..] => ("/compute", String::new()),
        ["kubernetes", ..] => ("/kubernetes", String::new()),
        _ => ("/", String::new()),
    }
}

#[component]
pub fn ChangesPage() -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    view! {
            <Title text="Changes"/>
            <section class="page">
                <header class="page-head">
                    <h1>"Changes"</h1>
                    <p class="lead">"Staged changes are reviewed here against the applied revision, then applied as a new revision. Every applied revision is kept and can be restored."</p>
                </header>
                <Notice/>
                {with_state(move |s: PageState| {
                    let revision = s.applied.revision;
                    let next = revision + 1;
                    let n_err = s.errors.len();
                    let can_apply = n_err == 0 && !s.stale && !s.changes.is_empty();
                    view! {
                        <section class="card" aria-labelledby="staged-title">
                            <h2 id="staged-title">"Staged changes"</h2>
                            {s.stale.then(|| view! {
                                <p class="banner error" role="alert">
                                    "These changes were staged against revision " {s.draft.base_revision} ", but revision " {revision}
                                    " has been applied since. Discard them and stage again."
                                </p>
                            })}
                            {if s.changes.is_empty() {
                                view! { <p class="muted" data-testid="no-changes">"Nothing staged. Edit a port on the Network page or the Compute settings, then stage the changes."</p> }.into_any()
                            } else {
                                view! {
                                    <table class="diff" data-testid="diff">
                                        <thead><tr><th scope="col">"Section"</th><th scope="col">"Field"</th><th scope="col">"Applied"</th><th scope="col">"Staged"</th></tr></thead>
                                        <tbody>
                                            {s.changes.clone().into_iter().map(|c| view! {
                                                <tr>
                                                    <td>{c.section.clone()}</td>
                                                    <td>{c.field.clone()}</td>
                                                    <td class="old">{if c.from.is_empty() { "—".to_string() } else { c.from.clone() }}</td>
                                                    <td class="new">{if c.to.is_empty() { "—".to_string() } else { c.to.clone() }}</td>
                                                </tr>
                                            }).collect_view()}
                                        </tbody>
                                    </table>
                                }.into_any()
                            }}
                            {(s.staged && n_err > 0).then(|| view! {
                                <div class="banner warn" role="status">
                                    <p>{n_err} " problem" {plural(n_err)} " must be fixed before applying:"</p>
                                    <ul class="error-list">
                                        {s.errors.clone().into_iter().map(|e| {
                                            let (page, anchor) = page_of(&e.field);
                                            view! { <li><a href=format!("{page}{anchor}")>{crate::app::tm(&e.message)}</a></li> }
                                        }).collect_view()}
                                    </ul>
                                </div>
                            })}
                            {s.staged.then(|| view! {
                                <div class="actions">
                                    <ActionForm action=ctx.apply>
    <CsrfField/>
                                        <input type="hidden" name="revision" value=revision/>
                                        <button type="submit" class="primary" disabled=!can_apply>
                                            "Apply as revision " {next}
                                        </button>
                                    </ActionForm>
                                    <ActionForm action=ctx.discard>
    <CsrfField/>
                                        <button type="submit" class="danger">"Discard staged changes"</button>
                                    </ActionForm>
                                </div>
                            })}
                        </section>
                        <section class="card" aria-labelledby="history-title">
                            <h2 id="history-title">"History"</h2>
                            {if s.history.is_empty() {
                                view! { <p class="muted">"No revision applied yet: the device runs its factory configuration."</p> }.into_any()
                            } else {
                                view! {
                                    <table class="history" data-testid="history">
                                        <thead><tr><th scope="col">"Revision"</th><th scope="col">"Applied"</th><th scope="col">"By"</th><th scope="col">"What changed"</th><th scope="col"><span class="sr-only">"Actions"</span></th></tr></thead>
                                        <tbody>
                                            {s.history.clone().into_iter().map(|h| {
                                                let current = h.revision == revision;
                                                view! {
                                                    <tr class:current=current>
                                                        <td>{h.revision} {current.then_some(" (applied)")}</td>
                                                        <td>{format_time(h.applied_at)}</td>
                                                        <td>{h.source.clone()}</td>
                                                        <td class="summary">{if h.summary.is_empty() { "Factory settings".to_string() } else { h.summary.clone() }}</td>
                                                        <td>
                                                            {(!current).then(|| view! {
                                                                <ActionForm action=ctx.restore>
    <CsrfField/>
                                                                    <input type="hidden" name="revision" value=revision/>
                                                                    <input type="hidden" name="target" value=h.revision/>
                                                                    <button type="submit" class="small">"Restore revision " {h.revision}</button>
                                                                </ActionForm>
                                                            })}
                                                        </td>
                                                    </tr>
                                                }
                                            }).collect_view()}
                                        </tbody>
                                    </table>
                                }.into_any()
                            }}
                        </section>
                    }
                })}
            </section>
        }
}
