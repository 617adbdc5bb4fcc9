//! The password form's live checks, by the rules the server applies.

use leptos::prelude::*;

use crate::app::CsrfField;
use crate::domain::password::{kinds, problems, PasswordProblem, MAX_LEN, MIN_KINDS, MIN_LEN};

/// The password form: the rules light up as the new password is typed, and a
/// submit with a problem is stopped with the problem beside its field.
/// Every field with a problem is marked at once. `first`: the first sign-in
/// (no way around it); `refused`: the codes of the problems the server found
/// in a plain post, one for each field.
#[island]
pub fn PasswordForm(first: bool, refused: Vec<String>) -> impl IntoView {
    let from_server: Vec<PasswordProblem> = refused.iter().filter_map(|p| p.parse().ok()).collect();
    let new = RwSignal::new(String::new());
    let confirm = RwSignal::new(String::new());
    // What the browser found on submit; until then, the server's answer.
    let checked = RwSignal::new(None::<Vec<PasswordProblem>>);
    let server = StoredValue::new(from_server.clone());
    let error_for = move |field: &'static str| {
        move || {
            checked
                .get()
                .unwrap_or_else(|| server.get_value())
                .into_iter()
                .find(|p| p.field() == field)
                .map(|p| crate::app::tm(&p.message()))
        }
    };
    let rule_len = move || (MIN_LEN..=MAX_LEN).contains(&new.with(|n| n.chars().count()));
    let rule_kinds = move || new.with(|n| kinds(n)) >= MIN_KINDS;
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        let found = problems(&new.get_untracked(), &confirm.get_untracked());
        if let Some(p) = found.first() {
            ev.prevent_default();
            focus_field(p.field());
        }
        checked.set(Some(found));
    };
    // The page starts in the first field the server refused, else the first.
    let first_field = from_server.first().map(|p| p.field()).unwrap_or("current");
    let field = move |id: &'static str,
                      label: String,
                      autocomplete: &'static str,
                      value: Option<RwSignal<String>>| {
        let error = error_for(id);
        view! {
            <div class="field" class:invalid=move || error().is_some()>
                <label for=id>{label}</label>
                <input
                    id=id
                    name=id
                    type="password"
                    autocomplete=autocomplete
                    required
                    maxlength="64"
                    autofocus=id == first_field
                    aria-invalid=move || error().is_some().then_some("true")
                    aria-describedby=move || {
                        let mut d = String::new();
                        if error().is_some() {
                            d.push_str(&format!("{id}-error"));
                        }
                        if id == "new" {
                            d.push_str(" password-rules");
                        }
                        (!d.is_empty()).then(|| d.trim().to_string())
                    }
                    on:input=move |ev| {
                        if let Some(v) = value {
                            v.set(event_target_value(&ev));
                        }
                    }
                />
                {move || error().map(|e| view! { <p id=format!("{id}-error") class="field-error" role="alert">{e}</p> })}
            </div>
        }
    };
    view! {
            <form method="post" action="/auth/password" class="auth-form" on:submit=on_submit novalidate>
                <CsrfField/>
                {field("current", crate::t!("access-password-current"), "current-password", None)}
                {field("new", crate::t!("access-password-new"), "new-password", Some(new))}
                <ul id="password-rules" class="rules" aria-label=crate::t!("access-password-rules")>
                    <li class:met=rule_len>{crate::t!("access-password-rule-length", min = MIN_LEN, max = MAX_LEN)}</li>
                    <li class:met=rule_kinds>{crate::t!("access-password-rule-kinds", min = MIN_KINDS)}</li>
                </ul>
                {field("confirm", crate::t!("access-password-confirm"), "new-password", Some(confirm))}
                <div class="actions">
                    <button type="submit" class="primary">{crate::t!("access-password-button")}</button>
                    {(!first).then(|| view! { <a href="/">{crate::t!("access-password-cancel")}</a> })}
                </div>
            </form>
    }
}

fn focus_field(_id: &str) {
    #[cfg(feature = "hydrate")]
    {
        use wasm_bindgen::JsCast;
        if let Some(el) = document()
            .get_element_by_id(_id)
            .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
        {
            let _ = el.focus();
        }
    }
}
