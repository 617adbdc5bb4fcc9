//! Server-rendered pages, kept until the configuration changes.
//!
//! A page shows the stored configuration and what its address asks for; the
//! only parts that differ between requests are the response's CSP nonce and
//! the session's CSRF token. So a page is rendered once per store generation,
//! kept with those two values replaced by placeholders, and filled in again
//! for each request. Any write to the store starts a new generation, which
//! drops every kept page.

use std::{collections::HashMap, sync::Mutex};

use axum::{
    body::Body,
    extract::{Request, State},
    http::{header, HeaderMap, Method, StatusCode},
    middleware::Next,
    response::Response,
};

use std::sync::Arc;

use crate::server::backend::wire::WireChecks;
use crate::server::storage::store::Store;
use crate::server::{auth::SessionInfo, http::headers::CspNonce};

const NONCE: &str = "\u{1}edgenet-nonce\u{1}";
const TOKEN: &str = "\u{1}edgenet-csrf\u{1}";
/// Addresses kept at most per generation (pages times query strings).
const MAX_PAGES: usize = 64;
/// Rendered pages larger than this are not kept.
const MAX_PAGE_BYTES: usize = 512 * 1024;

#[derive(Default)]
pub struct PageCache {
    inner: Mutex<Kept>,
}

#[derive(Default)]
struct Kept {
    generation: u64,
    pages: HashMap<String, (HeaderMap, String)>,
}

impl PageCache {
    fn get(&self, generation: u64, key: &str) -> Option<(HeaderMap, String)> {
        let kept = self.inner.lock().unwrap_or_else(|p| p.into_inner());
        (kept.generation == generation)
            .then(|| kept.pages.get(key).cloned())
            .flatten()
    }

    fn put(&self, generation: u64, key: String, headers: HeaderMap, page: String) {
        let mut kept = self.inner.lock().unwrap_or_else(|p| p.into_inner());
        if kept.generation != generation {
            kept.generation = generation;
            kept.pages.clear();
        }
        if kept.pages.len() < MAX_PAGES {
            kept.pages.insert(key, (headers, page));
        }
    }
}

/// Pages only: not the API, server functions, forms or files.
fn is_page(method: &Method, path: &str) -> bool {
    method == Method::GET
        && !["/api/", "/rpc/", "/auth/", "/pkg/"]
            .iter()
            .any(|p| path.starts_with(p))
        && !path.contains('.')
        && path != "/healthz"
}

/// What the page cache reads: whether it is on (`page-cache`), the cache, and
/// the two versions a page depends on (the store's generation and the wire
/// checks'). The router builds it from the application state.
#[derive(Clone)]
pub struct PageInputs {
    pub enabled: bool,
    pub pages: Arc<PageCache>,
    pub store: Arc<Store>,
    pub wire: Arc<WireChecks>,
    pub host: Arc<crate::server::backend::health::HostStatus>,
}

pub async fn page_cache(State(state): State<PageInputs>, req: Request, next: Next) -> Response {
    let (Some(session), Some(nonce)) = (
        req.extensions().get::<SessionInfo>().cloned(),
        req.extensions().get::<CspNonce>().cloned(),
    ) else {
        return next.run(req).await;
    };
    if !state.enabled || !is_page(req.method(), req.uri().path()) {
        return next.run(req).await;
    }
    let lang = req
        .extensions()
        .get::<crate::i18n::Lang>()
        .copied()
        .unwrap_or_default();
    let key = format!(
        "{lang} {}",
        req.uri()
            .path_and_query()
            .map(|p| p.as_str())
            .unwrap_or_default()
    );
    let cache = &state.pages;
    // Read before rendering: a page rendered while the store changes is kept
    // under the older generation, which no later request asks for.
    // A new wire-check result, or a new look at the host, shows on the pages too.
    let generation =
        state.store.generation() ^ (state.wire.version() << 40) ^ (state.host.version() << 20);
    if let Some((headers, page)) = cache.get(generation, &key) {
        let body = page.replace(NONCE, &nonce.0).replace(TOKEN, &session.csrf);
        let mut res = Response::new(Body::from(body));
        *res.headers_mut() = headers;
        return res;
    }
    let res = next.run(req).await;
    let html = res
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|t| t.starts_with("text/html"));
    if res.status() != StatusCode::OK || !html || res.headers().contains_key(header::SET_COOKIE) {
        return res;
    }
    let (parts, body) = res.into_parts();
    let Ok(bytes) = axum::body::to_bytes(body, MAX_PAGE_BYTES).await else {
        return Response::from_parts(parts, Body::from("the page is too large"));
    };
    if let Ok(text) = std::str::from_utf8(&bytes) {
        let template = text.replace(&nonce.0, NONCE).replace(&session.csrf, TOKEN);
        let mut headers = parts.headers.clone();
        headers.remove(header::CONTENT_LENGTH);
        cache.put(generation, key, headers, template);
    }
    Response::from_parts(parts, Body::from(bytes))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_pages_are_kept() {
        assert!(is_page(&Method::GET, "/compute"));
        assert!(is_page(&Method::GET, "/"));
        assert!(!is_page(&Method::POST, "/compute"));
        assert!(!is_page(&Method::GET, "/api/v1/config"));
        assert!(!is_page(&Method::GET, "/favicon.svg"));
        assert!(!is_page(&Method::GET, "/rpc/get_state123"));
    }

    #[test]
    fn a_new_generation_drops_the_kept_pages() {
        let c = PageCache::default();
        c.put(1, "/a".into(), HeaderMap::new(), "a".into());
        assert!(c.get(1, "/a").is_some());
        assert!(c.get(2, "/a").is_none());
        c.put(2, "/b".into(), HeaderMap::new(), "b".into());
        assert!(c.get(2, "/a").is_none());
        assert!(c.get(1, "/a").is_none());
    }
}
