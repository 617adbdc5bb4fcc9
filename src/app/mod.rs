//! The app shell: document, header, navigation, routes.

mod access;
mod audit;
mod changes;
mod compute;
mod diagram;
mod fields;
mod kubernetes;
mod lang;
mod network;
mod overview;
mod probe;
mod routes;

pub use access::{csrf_token, CsrfField};
#[cfg(feature = "hydrate")]
pub use lang::init_from_document;
pub use lang::{lang, tm, LangSwitch};
use leptos::prelude::*;
use leptos_meta::{provide_meta_context, MetaTags, Title};
use leptos_router::{
    components::{Outlet, ParentRoute, Route, Router, Routes, A},
    hooks::use_query_map,
    path, SsrMode,
};

use crate::actions::{
    get_state, AddRoute, ApplyChanges, DiscardChanges, RemoveRoute, RestoreRevision, StageCompute,
    StageKubernetes, StagePort,
};
use crate::state::{Outcome, PageState};
use crate::t;

/// The HTML document around the app, rendered on the server only.
pub fn shell(options: LeptosOptions) -> impl IntoView {
    view! {
        <!DOCTYPE html>
        <html lang=lang().tag()>
            <head>
                <meta charset="utf-8"/>
                <meta name="viewport" content="width=device-width, initial-scale=1"/>
                <meta name="color-scheme" content="light"/>
                <link rel="icon" href="/favicon.svg" type="image/svg+xml"/>
                <link rel="stylesheet" href=css_href(&options)/>
                // The session's token for forms built in the browser; empty when signed out.
                <meta name="csrf-token" content=access::csrf_token()/>
                <AutoReload options=options.clone()/>
                <HydrationScripts options/>
                <MetaTags/>
            </head>
            <body>
                <App/>
            </body>
        </html>
    }
}

/// The style sheet's address (with its content hash, in release builds).
fn css_href(_options: &LeptosOptions) -> String {
    #[cfg(feature = "ssr")]
    {
        crate::server::assets::css_href(_options)
    }
    #[cfg(not(feature = "ssr"))]
    {
        String::new()
    }
}

/// The page data and the actions, shared by every page.
#[derive(Clone, Copy)]
pub struct Ctx {
    pub state: Resource<Result<PageState, ServerFnError>>,
    pub stage_port: ServerAction<StagePort>,
    pub stage_compute: ServerAction<StageCompute>,
    pub stage_kubernetes: ServerAction<StageKubernetes>,
    pub apply: ServerAction<ApplyChanges>,
    pub discard: ServerAction<DiscardChanges>,
    pub restore: ServerAction<RestoreRevision>,
    pub add_route: ServerAction<AddRoute>,
    pub remove_route: ServerAction<RemoveRoute>,
    /// The outcome of the last action taken on this page (hydrated mode).
    pub outcome: RwSignal<Option<Outcome>>,
}

#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    view! {
        <Title formatter=|text: String| format!("{text} · edgenet")/>
        <Router>
            // Async: every page is sent whole, so it reads the same with JavaScript off.
            <Routes fallback=NotFound>
                <Route path=path!("signin") view=access::SignInPage ssr=SsrMode::Async/>
                <Route path=path!("password") view=access::PasswordPage ssr=SsrMode::Async/>
                <ParentRoute path=path!("") view=Console ssr=SsrMode::Async>
                    <Route path=path!("") view=overview::OverviewPage ssr=SsrMode::Async/>
                    <Route path=path!("network") view=network::NetworkPage ssr=SsrMode::Async/>
                    <Route path=path!("compute") view=compute::ComputePage ssr=SsrMode::Async/>
                    <Route path=path!("kubernetes") view=kubernetes::KubernetesPage ssr=SsrMode::Async/>
                    <Route path=path!("routes") view=routes::RoutesPage ssr=SsrMode::Async/>
                    <Route path=path!("changes") view=changes::ChangesPage ssr=SsrMode::Async/>
                    <Route path=path!("audit") view=audit::AuditPage ssr=SsrMode::Async/>
                </ParentRoute>
            </Routes>
        </Router>
    }
}

/// The signed-in console: header, navigation and the page, with the page
/// data and the actions every page shares.
#[component]
fn Console() -> impl IntoView {
    let stage_port = ServerAction::<StagePort>::new();
    let stage_compute = ServerAction::<StageCompute>::new();
    let stage_kubernetes = ServerAction::<StageKubernetes>::new();
    let apply = ServerAction::<ApplyChanges>::new();
    let discard = ServerAction::<DiscardChanges>::new();
    let restore = ServerAction::<RestoreRevision>::new();
    let add_route = ServerAction::<AddRoute>::new();
    let remove_route = ServerAction::<RemoveRoute>::new();
    let state = Resource::new(
        move || {
            (
                stage_port.version().get(),
                stage_compute.version().get(),
                stage_kubernetes.version().get(),
                apply.version().get(),
                discard.version().get(),
                restore.version().get(),
                add_route.version().get(),
                remove_route.version().get(),
            )
        },
        |_| get_state(),
    );
    let outcome = RwSignal::new(None);
    let ctx = Ctx {
        state,
        stage_port,
        stage_compute,
        stage_kubernetes,
        apply,
        discard,
        restore,
        add_route,
        remove_route,
        outcome,
    };
    provide_context(ctx);
    watch_outcome(ctx.stage_port.value(), outcome);
    watch_outcome(ctx.stage_compute.value(), outcome);
    watch_outcome(ctx.stage_kubernetes.value(), outcome);
    watch_outcome(ctx.apply.value(), outcome);
    watch_outcome(ctx.discard.value(), outcome);
    watch_outcome(ctx.restore.value(), outcome);
    watch_outcome(ctx.add_route.value(), outcome);
    watch_outcome(ctx.remove_route.value(), outcome);

    view! {
        <a class="skip" href="#main">{t!("skip-to-content")}</a>
        <Header/>
        <div class="layout">
            <Nav/>
            <main id="main" class="content" tabindex="-1">
                <Outlet/>
            </main>
        </div>
    }
}

/// Copies an action's answer into the page's notice, and moves focus to the
/// first field in error when the answer says there is one.
fn watch_outcome(
    value: impl Get<Value = Option<Result<Outcome, ServerFnError>>> + Send + Sync + 'static,
    outcome: RwSignal<Option<Outcome>>,
) {
    Effect::new(move |_| {
        let next = value.get().map(|r| {
            r.unwrap_or_else(|e| Outcome::Refused {
                message: rpc_error_text(&e),
            })
        });
        if next.is_some() {
            outcome.set(next);
        }
    });
}

/// Why a call to the device failed, in the reader's language. The usual
/// causes (the device out of reach, the session over, a stale token) get a
/// sentence of their own; anything else keeps the server's words.
pub fn rpc_error_text(e: &ServerFnError) -> String {
    use crate::state::refusal;
    let text = e.to_string();
    match e {
        ServerFnError::Request(_) => t!("error-unreachable"),
        _ if text.contains(refusal::SIGN_IN_FIRST) => t!("error-signed-out"),
        _ if text.contains(refusal::TOKEN) => t!("error-token"),
        _ => text,
    }
}

/// Runs `f` with the page data once it has loaded.
pub fn with_state<V: IntoView + 'static>(
    f: impl Fn(PageState) -> V + Clone + Send + Sync + 'static,
) -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    view! {
        <Transition fallback=|| view! { <p class="loading">{t!("loading")}</p> }>
            {
                let f = f.clone();
                move || {
                    let f = f.clone();
                    Suspend::new(async move {
                        match ctx.state.await {
                            Ok(s) => f(s).into_any(),
                            Err(e) => view! {
                                <p class="banner error" role="alert">
                                    {t!("load-failed", reason = rpc_error_text(&e))}
                                </p>
                            }
                            .into_any(),
                        }
                    })
                }
            }
        </Transition>
    }
}

#[component]
fn Header() -> impl IntoView {
    view! {
        <header class="topbar">
            <a class="brand" href="/">
                <img src="/favicon.svg" alt="" width="26" height="26"/>
                <span>"edgenet"</span>
            </a>
            {with_state(|s: PageState| {
                let pending = s.changes.len();
                view! {
                    <div class="device">
                        <span class="device-name" data-testid="device-name">{s.device_name.clone()}</span>
                        <span class="device-model">{s.profile.model.clone()}</span>
                    </div>
                    <div class="status">
                        <span class="pill" data-testid="revision">{t!("header-revision", revision = s.applied.revision)}</span>
                        {(pending > 0)
                            .then(|| {
                                view! {
                                    <a class="pill pending" href="/changes">
                                        {t!("header-staged-changes", n = pending)}
                                    </a>
                                }
                            })}
                    </div>
                    <div class="account">
                        <LangSwitch/>
                        <a href="/password" class="small-link">{t!("header-change-password")}</a>
                        <access::SignOut/>
                    </div>
                }
            })}
        </header>
    }
}

#[component]
fn Nav() -> impl IntoView {
    let items = [
        ("/", t!("nav-overview"), "◎"),
        ("/network", t!("nav-network"), "⇄"),
        ("/compute", t!("nav-compute"), "▣"),
        ("/kubernetes", t!("nav-kubernetes"), "☸"),
        ("/routes", t!("nav-routes"), "↗"),
        ("/changes", t!("nav-changes"), "✓"),
        ("/audit", t!("nav-audit"), "☰"),
    ];
    view! {
        <nav class="sidebar" aria-label=t!("nav-label")>
            <ul>
                {items
                    .into_iter()
                    .map(|(href, label, icon)| {
                        view! {
                            <li>
                                <A href=href exact=true>
                                    <span class="icon" aria-hidden="true">{icon}</span>
                                    {label}
                                </A>
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        </nav>
    }
}

/// The answer to the last action: from the action itself when hydrated, from
/// the query string after a plain form post.
#[component]
pub fn Notice() -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let query = use_query_map();
    let from_url = move || {
        query.with(|q| {
            q.get("notice")
                .and_then(|n| Outcome::from_query(&n, q.get("n").as_deref(), q.get("m").as_deref()))
        })
    };
    let current = move || ctx.outcome.get().or_else(from_url);
    move || {
        current().map(|o| {
            let (class, text, link): (&str, String, Option<(&str, String)>) = match o {
                Outcome::Staged { errors: 0 } => ("ok", t!("notice-staged"), Some(("/changes", t!("notice-review-and-apply")))),
                Outcome::Staged { errors } => ("warn", t!("notice-staged-with-problems", n = errors), None),
                Outcome::Applied { revision } => ("ok", t!("notice-applied", revision = revision), None),
                Outcome::Discarded => ("ok", t!("notice-discarded"), None),
                Outcome::Restored { revision } => ("ok", t!("notice-restored", revision = revision), None),
                Outcome::Conflict { current } => (
                    "error",
                    t!("notice-conflict", revision = current),
                    Some(("", t!("notice-reload"))),
                ),
                Outcome::Invalid { errors } => ("error", t!("notice-invalid", n = errors), None),
                Outcome::PasswordChanged => ("ok", t!("notice-password-changed"), None),
                Outcome::Refused { message } => ("error", t!("notice-refused", reason = message), None),
                Outcome::FileStaged { changes } => ("ok", t!("notice-file-staged", n = changes), None),
                Outcome::FileUnchanged { revision } => ("ok", t!("notice-file-unchanged", revision = revision), None),
                Outcome::FileRefused { errors } => ("error", t!("notice-file-refused", n = errors), None),
            };
            view! {
                <div class=format!("banner {class}") role=if class == "error" { "alert" } else { "status" } data-testid="notice">
                    <span>{text}</span>
                    {link.map(|(href, label)| {
                        // An empty href reloads the page itself, without the notice.
                        let href = if href.is_empty() { leptos_router::hooks::use_location().pathname.get_untracked() } else { href.to_string() };
                        view! { <a href=href rel="external">{label}</a> }
                    })}
                </div>
            }
        })
    }
}

#[component]
fn NotFound() -> impl IntoView {
    #[cfg(feature = "ssr")]
    if let Some(res) = use_context::<leptos_axum::ResponseOptions>() {
        res.set_status(axum::http::StatusCode::NOT_FOUND);
    }
    view! {
        <Title text=t!("not-found-title")/>
        <main id="main" class="auth">
            <section class="page narrow">
                <h1>{t!("not-found-title")}</h1>
                <p>{t!("not-found-before")}<a href="/">{t!("not-found-link")}</a>{t!("not-found-after")}</p>
            </section>
        </main>
    }
}
