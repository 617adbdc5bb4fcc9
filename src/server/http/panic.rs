//! A panic while answering a request (in a handler, or while rendering a
//! page) becomes a 500 answer instead of a dropped connection: a page in the
//! reader's language, or a JSON error for the API. It is logged once, as one
//! line with the request's method and path, the panic's message and place.
//!
//! Pages are rendered to the end inside the guarded call (they are small; the
//! page cache keeps them whole anyway), so that a panic in the middle of a
//! page still turns into the error page rather than half a page.

use std::{
    cell::{Cell, RefCell},
    future::Future,
    panic::AssertUnwindSafe,
    pin::Pin,
    sync::Once,
    task::{Context, Poll},
};

use axum::{
    body::Body,
    extract::Request,
    http::{header, StatusCode},
    middleware::Next,
    response::{IntoResponse, Response},
    Json,
};
use futures::FutureExt;
use serde_json::json;

use crate::i18n::{text, Lang};

/// Rendered pages larger than this are not a page edgenet makes.
const MAX_PAGE_BYTES: usize = 8 * 1024 * 1024;

thread_local! {
    /// Set while this thread polls a request under [`catch_panic`].
    static IN_REQUEST: Cell<bool> = const { Cell::new(false) };
    /// The message and place of the panic [`catch_panic`] is about to catch.
    static CAUGHT: RefCell<Option<String>> = const { RefCell::new(None) };
}

/// Installs (once) a panic hook that, for a panic under [`catch_panic`],
/// keeps its message for the request's log line instead of printing it with
/// a backtrace; any other panic is reported as before.
pub fn install_hook() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if IN_REQUEST.with(Cell::get) {
                let at = info
                    .location()
                    .map(|l| format!(" at {}:{}", l.file(), l.line()))
                    .unwrap_or_default();
                let message = info
                    .payload()
                    .downcast_ref::<&str>()
                    .map(|s| s.to_string())
                    .or_else(|| info.payload().downcast_ref::<String>().cloned())
                    .unwrap_or_else(|| "(no message)".into());
                CAUGHT.with(|c| *c.borrow_mut() = Some(format!("{message}{at}")));
            } else {
                previous(info);
            }
        }));
    });
}

/// Marks the thread as serving a request while the inner future is polled.
struct Marked<F>(Pin<Box<F>>);

impl<F: Future> Future for Marked<F> {
    type Output = F::Output;
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<F::Output> {
        struct Reset(bool);
        impl Drop for Reset {
            fn drop(&mut self) {
                IN_REQUEST.with(|f| f.set(self.0));
            }
        }
        let _reset = Reset(IN_REQUEST.with(|f| f.replace(true)));
        self.0.as_mut().poll(cx)
    }
}

fn is_html(res: &Response) -> bool {
    res.headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|t| t.starts_with("text/html"))
}

/// The middleware: answers 500 for a request whose handling panicked.
pub async fn catch_panic(req: Request, next: Next) -> Response {
    let method = req.method().clone();
    let path = req.uri().path().to_string();
    let lang = req.extensions().get::<Lang>().copied().unwrap_or_default();
    let answer = async move {
        let res = next.run(req).await;
        if !is_html(&res) {
            return Ok(res);
        }
        let (parts, body) = res.into_parts();
        axum::body::to_bytes(body, MAX_PAGE_BYTES)
            .await
            .map(|bytes| Response::from_parts(parts, Body::from(bytes)))
            .map_err(|e| e.to_string())
    };
    let problem = match AssertUnwindSafe(Marked(Box::pin(answer)))
        .catch_unwind()
        .await
    {
        Ok(Ok(res)) => return res,
        Ok(Err(e)) => format!("the page could not be rendered: {e}"),
        Err(_) => CAUGHT
            .with(|c| c.borrow_mut().take())
            .unwrap_or_else(|| "panicked".into()),
    };
    tracing::error!(%method, %path, problem, "request failed: answered 500");
    error_response(lang, &path)
}

/// The 500 answer: JSON for the API, else a page in `lang`.
pub fn error_response(lang: Lang, path: &str) -> Response {
    if path.starts_with("/api/") {
        return (
            StatusCode::INTERNAL_SERVER_ERROR,
            Json(json!({ "errors": [{
                "field": "",
                "message": "the server failed while answering this request; the error is logged and nothing was changed by it",
                "code": "internal-error",
            }] })),
        )
            .into_response();
    }
    let t = |id: &str| escape(&text(lang, id));
    let page = format!(
        "<!DOCTYPE html>\n<html lang=\"{lang}\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>{title}</title></head>\
         <body><main><h1>{title}</h1><p>{lead}</p><p><a href=\"{here}\">{retry}</a> · <a href=\"/\">{overview}</a></p></main></body></html>\n",
        title = t("error-500-title"),
        lead = t("error-500-lead"),
        retry = t("error-500-retry"),
        overview = t("error-500-overview"),
        here = escape(path),
    );
    (
        StatusCode::INTERNAL_SERVER_ERROR,
        [
            (header::CONTENT_TYPE, "text/html; charset=utf-8"),
            (header::CACHE_CONTROL, "no-store"),
        ],
        page,
    )
        .into_response()
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_page_is_in_the_readers_language_and_escapes_the_path() {
        for (lang, title) in [
            (Lang::En, "Something went wrong"),
            (Lang::Ja, "問題が発生しました"),
        ] {
            let res = error_response(lang, "/compute\"><script>");
            assert_eq!(res.status(), StatusCode::INTERNAL_SERVER_ERROR);
            assert!(is_html(&res));
            let body = futures::executor::block_on(axum::body::to_bytes(res.into_body(), 1 << 20))
                .unwrap();
            let body = String::from_utf8(body.to_vec()).unwrap();
            assert!(body.contains(title), "{body}");
            assert!(body.contains(&format!("lang=\"{lang}\"")), "{body}");
            assert!(!body.contains("<script>"), "{body}");
        }
    }
}
