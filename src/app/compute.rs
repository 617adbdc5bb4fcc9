//! The Compute page: the external virtual switch and the Kubernetes node and
//! service address ranges. The form is an island
//! ([`ComputeEditor`](super::islands::ComputeEditor)).

use leptos::prelude::*;
use leptos_meta::Title;

use super::islands::{ComputeEditor, DraftContext, FromServer};
use super::{after_submit, with_state, Notice};
use crate::state::PageState;

#[component]
pub fn ComputePage() -> impl IntoView {
    view! {
        <Title text=crate::t!("compute-title")/>
        <section class="page">
            <header class="page-head">
                <h1>{crate::t!("compute-title")}</h1>
                <p class="lead">
                    {crate::t!("compute-lead")}
                </p>
            </header>
            <Notice/>
            {with_state(|s: PageState| {
                let focus = after_submit();
                view! {
                    <ComputeEditor
                        form=FromServer(super::typed::compute().unwrap_or_else(|| s.draft.compute.clone()))
                        revision=s.applied.revision
                        focus
                        context=FromServer(DraftContext::of(&s))
                    />
                }
            })}
            {with_state(|s: PageState| view! { <super::probe::ProbeCard s/> })}
        </section>
    }
}
