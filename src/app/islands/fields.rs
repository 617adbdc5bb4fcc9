//! Form fields that carry their error beside them, tied for screen readers,
//! for the islands' forms.

use leptos::prelude::*;

/// A text input with its label, hint and error.
#[component]
pub fn Field(
    #[prop(into)] label: String,
    /// The name the form posts it under.
    name: &'static str,
    /// Unique on the page.
    id: String,
    value: String,
    #[prop(into)] error: Signal<Option<String>>,
    on_input: Callback<String>,
    #[prop(optional, into)] hint: String,
    #[prop(optional, into)] placeholder: String,
    #[prop(optional)] autofocus: bool,
    #[prop(optional)] inputmode: &'static str,
) -> impl IntoView {
    let err_id = format!("{id}-error");
    let hint_id = format!("{id}-hint");
    let has_hint = !hint.is_empty();
    let described = {
        let (err_id, hint_id) = (err_id.clone(), hint_id.clone());
        move || {
            let mut ids = Vec::new();
            if has_hint {
                ids.push(hint_id.clone());
            }
            if error.with(Option::is_some) {
                ids.push(err_id.clone());
            }
            (!ids.is_empty()).then(|| ids.join(" "))
        }
    };
    view! {
        <div class="field" class:invalid=move || error.with(Option::is_some)>
            <label for=id.clone()>{label}</label>
            <input
                type="text"
                id=id
                name=name
                value=value
                placeholder=placeholder
                autocomplete="off"
                spellcheck="false"
                inputmode=(!inputmode.is_empty()).then_some(inputmode)
                autofocus=autofocus
                aria-invalid=move || error.with(Option::is_some).then_some("true")
                aria-describedby=described
                on:input=move |ev| on_input.run(event_target_value(&ev))
            />
            {has_hint.then(|| view! { <p class="hint" id=hint_id>{hint}</p> })}
            <p class="field-error" id=err_id aria-live="polite">
                {move || error.get()}
            </p>
        </div>
    }
}

/// Two inputs (start and end) that make one range, with one error for both.
#[component]
pub fn RangeField(
    #[prop(into)] label: String,
    id: &'static str,
    start_name: &'static str,
    end_name: &'static str,
    start: String,
    end: String,
    #[prop(into)] error: Signal<Option<String>>,
    on_start: Callback<String>,
    on_end: Callback<String>,
    #[prop(optional, into)] hint: String,
    #[prop(optional)] autofocus: bool,
) -> impl IntoView {
    let err_id = format!("{id}-error");
    let hint_id = format!("{id}-hint");
    let described = {
        let (err_id, hint_id) = (err_id.clone(), hint_id.clone());
        move || {
            if error.with(Option::is_some) {
                format!("{hint_id} {err_id}")
            } else {
                hint_id.clone()
            }
        }
    };
    let invalid = move || error.with(Option::is_some).then_some("true");
    view! {
        <fieldset class="field range" class:invalid=move || error.with(Option::is_some)>
            <legend>{label.clone()}</legend>
            <div class="range-inputs">
                <label class="sr-only" for=format!("{id}-start")>{crate::t!("range-start-label", field = label.clone())}</label>
                <input
                    type="text"
                    id=format!("{id}-start")
                    name=start_name
                    value=start
                    placeholder=crate::t!("range-start-placeholder")
                    autocomplete="off"
                    inputmode="decimal"
                    autofocus=autofocus
                    aria-invalid=invalid
                    aria-describedby=described.clone()
                    on:input=move |ev| on_start.run(event_target_value(&ev))
                />
                <span aria-hidden="true">"–"</span>
                <label class="sr-only" for=format!("{id}-end")>{crate::t!("range-end-label", field = label.clone())}</label>
                <input
                    type="text"
                    id=format!("{id}-end")
                    name=end_name
                    value=end
                    placeholder=crate::t!("range-end-placeholder")
                    autocomplete="off"
                    inputmode="decimal"
                    aria-invalid=invalid
                    aria-describedby=described
                    on:input=move |ev| on_end.run(event_target_value(&ev))
                />
            </div>
            <p class="hint" id=hint_id>{hint}</p>
            <p class="field-error" id=err_id aria-live="polite">
                {move || error.get()}
            </p>
        </fieldset>
    }
}

/// A submit button's click handler: hydrated, a form with errors is not sent,
/// and focus goes to the first field in error. (Without JavaScript the server
/// answers with the errors and the page focuses that field itself.)
pub fn stop_if_invalid(
    has_errors: impl Fn() -> bool + 'static,
) -> impl FnMut(leptos::ev::MouseEvent) + 'static {
    move |ev| {
        if has_errors() {
            ev.prevent_default();
            focus_first_invalid();
        }
    }
}

/// Moves focus to the first invalid field of the page (hydrated mode).
fn focus_first_invalid() {
    #[cfg(feature = "hydrate")]
    {
        use wasm_bindgen::JsCast;
        if let Some(el) = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.query_selector("[aria-invalid=true]").ok().flatten())
            .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
        {
            let _ = el.focus();
        }
    }
}
