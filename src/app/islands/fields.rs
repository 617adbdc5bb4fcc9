//! Form fields that carry their error beside them, tied for screen readers,
//! for the islands' forms.

use leptos::prelude::*;

/// The form's "show every error" switch, set when it is submitted: until
/// then, a field's error waits until the field is left (see [`when_left`]).
#[derive(Clone, Copy)]
pub struct Reveal(RwSignal<bool>);

/// Gives the island's fields their [`Reveal`]; call before building them.
/// `shown`: every error shows from the start (the page answers a post).
pub fn provide_reveal(shown: bool) -> Reveal {
    let reveal = Reveal(RwSignal::new(shown));
    provide_context(reveal);
    reveal
}

/// The form's answer when it is held back for its own errors, beside its
/// button: "Not staged: N problems, shown beside the fields". The same words
/// in both modes: in the browser once a submit was stopped; without
/// JavaScript on the page that answers the refused post (`Reveal` shown).
#[component]
pub fn NotStaged(reveal: Reveal, count: Signal<usize>) -> impl IntoView {
    move || {
        let n = count.get();
        (reveal.0.get() && n > 0).then(|| {
            view! {
                <p class="form-problems" role="alert" data-testid="not-staged">
                    {crate::t!("form-not-staged", n = n)}
                </p>
            }
        })
    }
}

/// A field's error as the reader sees it: not while the value is still being
/// typed, but once the field is left (blur) or the form submitted; then live
/// as it is corrected. An error the page came with (a post that found it, a
/// staged draft that holds it) shows at once. Returns the error to show and
/// the handler for leaving the field.
fn when_left(error: Signal<Option<String>>) -> (Signal<Option<String>>, impl Fn() + Copy) {
    let left = RwSignal::new(error.with_untracked(Option::is_some));
    let reveal = use_context::<Reveal>();
    let shown = Signal::derive(move || {
        let revealed = reveal.is_some_and(|r| r.0.get());
        if left.get() || revealed {
            error.get()
        } else {
            None
        }
    });
    (shown, move || left.set(true))
}

/// Whether focus leaves a field for a submit button. Its click shows every
/// error anyway; showing this one already on the way (the blur comes with the
/// press, before the release) would move the button from under the pointer,
/// and the click would never happen.
fn towards_submit(_ev: &leptos::ev::FocusEvent) -> bool {
    #[cfg(feature = "hydrate")]
    {
        use wasm_bindgen::JsCast;
        _ev.related_target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            .is_some_and(|e| {
                e.tag_name() == "BUTTON" && e.get_attribute("type").as_deref() == Some("submit")
            })
    }
    #[cfg(not(feature = "hydrate"))]
    {
        false
    }
}

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
    #[prop(optional, into)] placeholder: MaybeProp<String>,
    #[prop(optional)] autofocus: bool,
    #[prop(optional)] inputmode: &'static str,
    /// A value the device fixes: shown, posted, not editable.
    #[prop(optional)]
    readonly: bool,
) -> impl IntoView {
    let (error, leave) = when_left(error);
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
                placeholder=move || placeholder.get()
                autocomplete="off"
                spellcheck="false"
                inputmode=(!inputmode.is_empty()).then_some(inputmode)
                autofocus=autofocus
                readonly=readonly
                aria-invalid=move || error.with(Option::is_some).then_some("true")
                aria-describedby=described
                on:input=move |ev| on_input.run(event_target_value(&ev))
                on:blur=move |ev| if !towards_submit(&ev) { leave() }
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
    /// Follows the form: its examples come from the chosen port's subnet.
    #[prop(into)]
    hint: Signal<String>,
    /// An example start address for the placeholder, from the same subnet.
    #[prop(into)]
    example: Signal<String>,
    #[prop(optional)] autofocus: bool,
) -> impl IntoView {
    let (error, leave) = when_left(error);
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
                    placeholder=move || crate::t!("range-start-placeholder", example = example.get())
                    autocomplete="off"
                    inputmode="decimal"
                    autofocus=autofocus
                    aria-invalid=invalid
                    aria-describedby=described.clone()
                    on:input=move |ev| on_start.run(event_target_value(&ev))
                    on:blur=move |ev| if !towards_submit(&ev) { leave() }
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
                    on:blur=move |ev| if !towards_submit(&ev) { leave() }
                />
            </div>
            <p class="hint" id=hint_id>{move || hint.get()}</p>
            <p class="field-error" id=err_id aria-live="polite">
                {move || error.get()}
            </p>
        </fieldset>
    }
}

/// A submit button's click handler: hydrated, a form with errors is not sent,
/// every error shows, and focus goes to the first field in error. (Without
/// JavaScript the server answers with the errors and the page focuses that
/// field itself.)
pub fn stop_if_invalid(
    reveal: Reveal,
    has_errors: impl Fn() -> bool + 'static,
) -> impl FnMut(leptos::ev::MouseEvent) + 'static {
    move |ev| {
        if has_errors() {
            ev.prevent_default();
            reveal.0.set(true);
            focus_first_invalid();
            // Again once the errors just revealed (and their `aria-invalid`)
            // are on the page, in case none was marked yet.
            set_timeout(focus_first_invalid, std::time::Duration::ZERO);
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
