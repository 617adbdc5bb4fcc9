//! The password form's live checks, by the rules the server applies.

use leptos::prelude::*;

use crate::app::CsrfField;
use crate::domain::password::{check_new, kinds, PasswordProblem, MAX_LEN, MIN_KINDS, MIN_LEN};

/// The password form: the rules light up as the new password is typed, and a
/// submit with a problem is stopped with the problem beside its field.
/// `first`: the first sign-in (no way around it); `problem`: the code of the
/// problem the server found in a plain post.
#[island]
pub fn PasswordForm(first: bool, problem: Option<String>) -> impl IntoView {
    let from_server = problem.and_then(|p| p.parse::<PasswordProblem>().ok());
    let new = RwSignal::new(String::new());
    let confirm = RwSignal::new(String::new());
    // What the browser found on submit; until then, the server's answer.
    let checked = RwSignal::new(None::<Option<PasswordProblem>>);
    let problem = move || checked.get().unwrap_or(from_server);
    let error_for = move |field: &'static str| {
        move || {
            problem()
                .filter(|p| p.field() == field)
                .map(|p| crate::app::tm(&p.message()))
        }
    };
    let rule_len = move || (MIN_LEN..=MAX_LEN).contains(&new.with(|n| n.chars().count()));
    let rule_kinds = move || new.with(|n| kinds(n)) >= MIN_KINDS;
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        let result = check_new(&new.get_untracked(), &confirm.get_untracked());
        if let Err(p) = result {
            ev.prevent_default();
            checked.set(Some(Some(p)));
            focus_field(p.field());
        }
    };
    // The page starts in its first field, or in the one the server refused.
    let first_field = from_server
        .map(|p| p.field())
        .filter(|f| matches!(*f, "new" | "confirm"))
        .unwrap_or("current");
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
