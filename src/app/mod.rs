//! The app: the document, the console's frame (header, navigation) and the
//! pages.
//!
//! Everything here renders on the server only, except [`islands`]: the
//! components that run in the browser too (the forms with their live
//! validation, the "which route?" lookup). The rest of a page is plain HTML,
//! the same with JavaScript on or off; `boot.js` keeps navigation within the
//! document when JavaScript is on.

mod access;
mod audit;
mod changes;
mod compute;
mod csrf;
mod diagram;
mod docs;
pub mod islands;
mod kubernetes;
mod labels;
mod lang;
mod network;
mod overview;
mod probe;
mod routes;
mod trial;
mod typed;

pub use csrf::{csrf_token, CsrfField};
#[cfg(feature = "hydrate")]
pub use lang::init_from_document;
pub use lang::{lang, model_label, tm, LangSwitch};
use leptos::prelude::*;
use leptos_meta::{provide_meta_context, MetaTags, Title};
use leptos_router::{
    components::{Outlet, ParentRoute, Route, Router, Routes, A},
    hooks::use_query_map,
    path, SsrMode,
};

use crate::actions::get_state;
use crate::state::{Outcome, PageState};
use crate::t;

/// The HTML document around the app, rendered on the server only.
pub fn shell(options: LeptosOptions) -> impl IntoView {
    // The file addresses the server hands the page (empty outside a request).
    let served = use_context::<crate::state::Served>().unwrap_or_default();
    view! {
        <!DOCTYPE html>
        <html lang=lang().tag()>
            <head>
                <meta charset="utf-8"/>
                <meta name="viewport" content="width=device-width, initial-scale=1"/>
                <meta name="color-scheme" content="light"/>
                <link rel="icon" href="/favicon.svg" type="image/svg+xml"/>
                <link rel="stylesheet" href=served.css.clone()/>
                // The session's token for forms built in the browser; empty when signed out.
                <meta name="csrf-token" content=csrf::csrf_token()/>
                <AutoReload options=options.clone()/>
                <Boot served/>
                <MetaTags/>
            </head>
            <body>
                <App/>
            </body>
        </html>
    }
}

/// The browser's entry point: `boot.js`, inline under the response's CSP
/// nonce, given the module's and the reader's catalog's addresses. It loads
/// them only on a page that has islands, and only with JavaScript on: no
/// preload link, which a browser without JavaScript would fetch anyway.
#[component]
fn Boot(served: crate::state::Served) -> impl IntoView {
    // Islands mode: nothing outside an island is hydrated, so nothing outside
    // one is serialised into the page.
    if let Some(sc) = Owner::current_shared_context() {
        sc.set_is_hydrating(false);
    }
    let crate::state::Served {
        js, wasm, catalog, ..
    } = served;
    let script = format!("({})({js:?},{wasm:?},{catalog:?});", boot_js());
    view! {
        // Pages of another build are loaded whole rather than swapped in.
        <meta name="edgenet-build" content=js.clone()/>
        <script type="module" nonce=leptos::nonce::use_nonce() inner_html=script></script>
    }
}

/// `boot.js` without its comment lines, which every page would carry.
fn boot_js() -> &'static str {
    static JS: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    JS.get_or_init(|| {
        include_str!("boot.js")
            .lines()
            .filter(|l| !l.trim_start().starts_with("//") && !l.trim().is_empty())
            .map(str::trim_start)
            .collect::<Vec<_>>()
            .join("\n")
            .trim_end_matches(';')
            .to_string()
    })
}

/// The page data, loaded once per request and shared by the header and the page.
#[derive(Clone, Copy)]
pub struct Ctx {
    pub state: Resource<Result<PageState, ServerFnError>>,
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
                    <Route path=path!("docs/config-file") view=docs::ConfigFileDocPage ssr=SsrMode::Async/>
                </ParentRoute>
            </Routes>
        </Router>
    }
}

/// The signed-in console: header, navigation and the page. Every change is a
/// plain form post to a server function, which redirects back to the page
/// with its outcome; the page is then rendered again from the store.
#[component]
fn Console() -> impl IntoView {
    // Not serialised into the page (islands mode): it is read on the server only.
    provide_context(Ctx {
        state: Resource::new(|| (), |_| get_state()),
    });
    view! {
        <a class="skip" href="#main">{t!("skip-to-content")}</a>
        <Header/>
        <div class="layout">
            <Nav/>
            <main id="main" class="content" tabindex="-1">
                <trial::TrialBanner/>
                <Outlet/>
            </main>
        </div>
    }
}

/// Why a call to the device failed, in the reader's language. The usual
/// causes (the session over, a stale token) get a sentence of their own;
/// anything else keeps the server's words.
pub fn rpc_error_text(e: &ServerFnError) -> String {
    use crate::state::Refusal;
    match e {
        ServerFnError::Request(_) => t!("error-unreachable"),
        ServerFnError::ServerError(code) => match Refusal::of_code(code) {
            Some(Refusal::SignInFirst) => t!("error-signed-out"),
            Some(Refusal::Token) => t!("error-token"),
            Some(Refusal::CrossSite) => t!("error-cross-site"),
            Some(Refusal::ChangePasswordFirst) => t!("error-change-password"),
            None => e.to_string(),
        },
        _ => e.to_string(),
    }
}

/// Whether the page answers a form post that found problems, so the first
/// invalid field should take focus (the islands get it as a prop).
pub fn after_submit() -> bool {
    let q = use_query_map();
    q.with_untracked(|q| {
        q.get("notice")
            .is_some_and(|n| n == "staged" || n == "invalid" || n == "not-staged")
    })
}

/// The page that fixes a field (and the anchor of its card), for links from
/// a list of problems: `ports.Port3.address` is on `/network#port3`.
pub(crate) fn page_of(field: &str) -> (&'static str, String) {
    match field.split('.').collect::<Vec<_>>().as_slice() {
        ["ports", port, ..] => ("/network", format!("#{}", port.to_lowercase())),
        ["compute", ..] => ("/compute", String::new()),
        ["kubernetes", ..] => ("/kubernetes", String::new()),
        ["routes", ..] => ("/routes", String::new()),
        _ => ("/", String::new()),
    }
}

/// The name of a page in the navigation, for "which page" in a list of problems.
fn page_name(path: &str) -> String {
    let (_, id, _) = PAGES
        .iter()
        .find(|(href, _, _)| *href == path)
        .unwrap_or(&PAGES[0]);
    crate::i18n::text(lang(), id)
}

/// The console's pages in the navigation: path, the message id of its name, icon.
const PAGES: [(&str, &str, &str); 7] = [
    ("/", "nav-overview", "◎"),
    ("/network", "nav-network", "⇄"),
    ("/compute", "nav-compute", "▣"),
    ("/kubernetes", "nav-kubernetes", "☸"),
    ("/routes", "nav-routes", "↗"),
    ("/changes", "nav-changes", "✓"),
    ("/audit", "nav-audit", "☰"),
];

/// Every problem of the staged draft, each a link to the page (and card)
/// where it is fixed, so that problems on other pages are found (#29).
#[component]
fn StagedProblems() -> impl IntoView {
    with_state(|s: PageState| {
        view! {
            <ul class="error-list" data-testid="notice-problems">
                {s.errors.into_iter().map(|e| {
                    let (page, anchor) = page_of(&e.field);
                    view! { <li><a href=format!("{page}{anchor}")>{format!("{}: {}", page_name(page), tm(&e.message))}</a></li> }
                }).collect_view()}
            </ul>
        }
    })
}

/// Runs `f` with the page data once it has loaded.
pub fn with_state<V: IntoView + 'static>(
    f: impl Fn(PageState) -> V + Clone + Send + Sync + 'static,
) -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    view! {
        <Suspense fallback=|| view! { <p class="loading">{t!("loading")}</p> }>
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
        </Suspense>
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
                let pending = staged_what(&s.changes);
                view! {
                    <div class="device">
                        <span class="device-name" data-testid="device-name">{s.device_name.clone()}</span>
                        <span class="device-model">{crate::app::model_label(&s.profile.model)}</span>
                    </div>
                    <div class="status">
                        <span class="pill" data-testid="revision">{t!("header-revision", revision = s.applied.revision)}</span>
                        {pending.map(|what| {
                            view! {
                                <a class="pill pending" href="/changes" data-testid="staged-pill">
                                    {t!("header-staged", what = what)}
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

/// What is staged, counted by the things changed rather than by field
/// ("2 ports, Compute"); `None` when nothing is.
pub fn staged_what(changes: &[crate::domain::change::Change]) -> Option<String> {
    let s = crate::domain::staged::StagedThings::of(changes);
    if s.is_empty() {
        return None;
    }
    let mut parts = Vec::new();
    if !s.ports.is_empty() {
        parts.push(t!("staged-ports", n = s.ports.len()));
    }
    if s.compute {
        parts.push(t!("staged-compute"));
    }
    if s.kubernetes {
        parts.push(t!("staged-kubernetes"));
    }
    if s.default_gateway {
        parts.push(t!("staged-default-gateway"));
    }
    if s.routes > 0 {
        parts.push(t!("staged-routes", n = s.routes));
    }
    Some(parts.join(&t!("list-separator")))
}

#[component]
fn Nav() -> impl IntoView {
    let items = PAGES.map(|(href, id, icon)| (href, crate::i18n::text(lang(), id), icon));
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

/// The answer to the last action, from the query string the action's
/// redirect carried. A notice belongs to the page and the place the action
/// was taken: `at` names that place (a port's card: its name), and a notice
/// for another place is not shown here; one for no place in particular is
/// shown where `at` is unset. A link to the page the notice is on is left
/// out. Where `at` is set a success takes focus (with JavaScript, `boot.js`
/// moves it there; without, `autofocus` does), so that an answer given low on
/// a long page is in view. `boot.js` then drops the notice from the address,
/// so that reloading or coming back does not show it again.
#[component]
pub fn Notice(#[prop(optional, into)] at: Option<String>) -> impl IntoView {
    let query = use_query_map();
    let here = leptos_router::hooks::use_location()
        .pathname
        .get_untracked();
    let focus = at.is_some();
    let current = move || {
        query.with(|q| {
            (q.get("at") == at)
                .then(|| Outcome::from_query(|k| q.get_str(k)))
                .flatten()
        })
    };
    move || {
        // A form held back and shown again as typed says so beside its own
        // button (the island's `NotStaged`), as it does in the browser: no
        // banner for it. (A plain form, the default gateway's choice, has
        // only the banner.)
        let typed_form = query.with(|q| q.get("form").is_some());
        current()
            .filter(|o| !(typed_form && matches!(o, Outcome::NotStaged { .. })))
            .map(|o| {
            let problems = matches!(o, Outcome::Staged { errors } if errors > 0);
            let (class, text, link): (&str, String, Option<(&str, String)>) = match o {
                Outcome::Staged { errors: 0 } => (
                    "ok",
                    t!("notice-staged"),
                    Some(("/changes", t!("notice-review-and-apply"))),
                ),
                Outcome::Staged { errors } => {
                    ("warn", t!("notice-staged-with-problems", n = errors), None)
                }
                Outcome::Applied { revision } => {
                    ("ok", t!("notice-applied", revision = revision), None)
                }
                Outcome::Discarded => ("ok", t!("notice-discarded"), None),
                Outcome::Restored { revision } => {
                    ("ok", t!("notice-restored", revision = revision), None)
                }
                Outcome::Conflict { current } => (
                    "error",
                    t!("notice-conflict", revision = current),
                    Some(("", t!("notice-reload"))),
                ),
                Outcome::Changed { message } => (
                    "error",
                    t!("notice-changed", reason = message.clone()),
                    Some(("", t!("notice-reload"))),
                ),
                Outcome::Invalid { errors } => ("error", t!("notice-invalid", n = errors), None),
                Outcome::NotStaged { errors } => ("error", t!("form-not-staged", n = errors), None),
                Outcome::PasswordChanged => ("ok", t!("notice-password-changed"), None),
                Outcome::TrialKept => ("ok", t!("notice-trial-kept"), None),
                Outcome::TrialReverted { revision, replaced } => (
                    "ok",
                    t!("notice-trial-reverted", revision = revision, replaced = replaced),
                    None,
                ),
                Outcome::Refused { message } => {
                    ("error", t!("notice-refused", reason = message.clone()), None)
                }
                Outcome::FileStaged { changes } => {
                    ("ok", t!("notice-file-staged", n = changes), None)
                }
                Outcome::FileUnchanged { revision } => {
                    ("ok", t!("notice-file-unchanged", revision = revision), None)
                }
                Outcome::FileRefused { errors } => {
                    ("error", t!("notice-file-refused", n = errors), None)
                }
                Outcome::Unchanged => ("ok", t!("notice-unchanged"), None),
                Outcome::RouteAdded {
                    revision,
                    destination,
                    typed: None,
                } => (
                    "ok",
                    t!(
                        "notice-route-added",
                        destination = destination,
                        revision = revision
                    ),
                    None,
                ),
                Outcome::RouteAdded {
                    revision,
                    destination,
                    typed: Some(typed),
                } => (
                    "ok",
                    t!(
                        "notice-route-added-host-bits",
                        destination = destination,
                        typed = typed,
                        revision = revision
                    ),
                    None,
                ),
                Outcome::RouteRemoved {
                    revision,
                    destination,
                } => (
                    "ok",
                    t!(
                        "notice-route-removed",
                        destination = destination,
                        revision = revision
                    ),
                    None,
                ),
                Outcome::RouteRefused { errors } => {
                    ("error", t!("notice-route-refused", n = errors), None)
                }
            };
            // A link to this very page would only show it again.
            let link = link.filter(|(href, _)| *href != here);
            // A problem leaves focus to the field it concerns.
            let focus = focus && class == "ok";
            view! {
                <div
                    class=format!("banner {class}")
                    role=if class == "error" { "alert" } else { "status" }
                    data-testid="notice"
                    tabindex=focus.then_some("-1")
                    autofocus=focus
                >
                    <span>{text}</span>
                    {problems.then(|| view! { <StagedProblems/> })}
                    {link.map(|(href, label)| {
                        // An empty href reloads the page itself, without the notice.
                        let href = if href.is_empty() { here.clone() } else { href.to_string() };
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

/// Starts the WebAssembly module: the reader's language and its catalog
/// (the text of the file the page names), then the islands' reactive root.
/// The page's boot script (`src/app/boot.js`) calls it once, then hydrates
/// each island.
#[cfg(feature = "hydrate")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate(catalog: String) {
    // A readable panic message in the console is for debugging; release
    // builds leave the hook (and its formatting code) out.
    #[cfg(debug_assertions)]
    console_error_panic_hook::set_once();
    init_from_document(&catalog);
    leptos::mount::hydrate_islands();
}
