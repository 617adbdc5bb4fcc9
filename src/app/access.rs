//! Signing in, changing the password, signing out. The forms are plain posts
//! (they work without JavaScript); with it, the new password is checked while
//! it is typed, by the same rules the server applies (the
//! [`PasswordForm`](super::islands::PasswordForm) island).

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use super::csrf::CsrfField;
use super::islands::PasswordForm;
use crate::domain::password::PasswordProblem;

#[component]
pub fn SignOut() -> impl IntoView {
    view! {
        <form method="post" action="/auth/signout" class="signout">
            <CsrfField/>
            <button type="submit" class="small" data-testid="sign-out">{crate::t!("access-sign-out")}</button>
        </form>
    }
}

/// The problem a plain form post brought back in the query string.
fn problem_from_query() -> Memo<Option<PasswordProblem>> {
    let q = use_query_map();
    Memo::new(move |_| q.with(|q| q.get("error").and_then(|e| e.parse().ok())))
}

#[component]
fn AuthCard(title: String, children: Children) -> impl IntoView {
    view! {
        <Title text=title/>
        <main id="main" class="auth">
            <div class="auth-card">
                <div class="auth-top">
                    <div class="brand">
                        <img src="/favicon.svg" alt="" width="30" height="30"/>
                        <span>"edgenet"</span>
                    </div>
                    <crate::app::LangSwitch/>
                </div>
                {children()}
            </div>
        </main>
    }
}

#[component]
pub fn SignInPage() -> impl IntoView {
    let q = use_query_map();
    let problem = problem_from_query();
    let next = move || q.with(|q| q.get("next").unwrap_or_default());
    let expired = move || q.with(|q| q.get("expired").is_some());
    let signed_out = move || q.with(|q| q.get("signed_out").is_some());
    let error = move || problem.get().map(|p| crate::app::tm(&p.message()));
    view! {
        <AuthCard title=crate::t!("access-signin-title")>
            <h1>{crate::t!("access-signin-title")}</h1>
            <p class="muted">{crate::t!("access-signin-lead")}</p>
            {move || expired().then(|| view! {
                <p class="banner warn" role="status">{crate::t!("access-signin-expired")}</p>
            })}
            {move || signed_out().then(|| view! {
                <p class="banner ok" role="status">{crate::t!("access-signin-signed-out")}</p>
            })}
            <form method="post" action="/auth/signin" class="auth-form">
                <input type="hidden" name="next" value=next/>
                <div class="field" class:invalid=move || error().is_some()>
                    <label for="password">{crate::t!("access-device-password")}</label>
                    <input
                        id="password"
                        name="password"
                        type="password"
                        autocomplete="current-password"
                        required
                        autofocus
                        aria-invalid=move || error().is_some().then_some("true")
                        aria-describedby=move || error().is_some().then_some("password-error")
                    />
                    {move || error().map(|e| view! {
                        <p id="password-error" class="field-error" role="alert">{e}</p>
                    })}
                </div>
                <button type="submit" class="primary">{crate::t!("access-signin-button")}</button>
            </form>
        </AuthCard>
    }
}

#[component]
pub fn PasswordPage() -> impl IntoView {
    let q = use_query_map();
    let first = q.with_untracked(|q| q.get("first").is_some());
    // A plain post's problems, one code for each field (`too-short,mismatch`).
    let problems: Vec<String> = q.with_untracked(|q| {
        q.get("error")
            .map(|e| e.split(',').map(str::to_string).collect())
            .unwrap_or_default()
    });
    view! {
        <AuthCard title=crate::t!("access-password-title")>
            <h1>{if first { crate::t!("access-password-heading-first") } else { crate::t!("access-password-heading") }}</h1>
            {first.then(|| view! {
                <p class="banner warn" role="status">
                    {crate::t!("access-password-first-banner")}
                </p>
            })}
            <PasswordForm first refused=problems/>
        </AuthCard>
    }
}
