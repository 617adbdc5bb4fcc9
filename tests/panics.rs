//! A panic while answering becomes a 500 answer, never a dropped connection:
//! a page in the reader's language, or a JSON error for the API. The
//! panicking routes exist only here (`router_with`); the server adds none.

mod common;

use axum::{
    body::Body,
    http::{header, Request},
    response::{IntoResponse, Response},
    routing::get,
    Router,
};
use common::{app_with, TempDir};
use edgenet::server::AppState;
use futures::StreamExt;
use http_body_util::BodyExt;
use tower::ServiceExt;

fn panicking_routes() -> Router<AppState> {
    async fn handler_panics() -> &'static str {
        panic!("a handler went wrong on purpose")
    }
    // Headers first, then a body that fails half-way, as a page whose rendering panics.
    async fn page_panics_while_rendering() -> Response {
        let chunks = futures::stream::iter(0..3).map(|i| {
            if i == 2 {
                panic!("rendering went wrong on purpose");
            }
            Ok::<_, std::io::Error>(format!("<p>part {i}</p>"))
        });
        (
            [(header::CONTENT_TYPE, "text/html; charset=utf-8")],
            Body::from_stream(chunks),
        )
            .into_response()
    }
    Router::new()
        .route("/api/v1/test-panic", get(handler_panics))
        .route("/test-panic", get(handler_panics))
        .route("/test-panic-rendering", get(page_panics_while_rendering))
}

async fn get_page(app: &Router, uri: &str, lang: &str) -> (u16, String, String) {
    let req = Request::builder()
        .uri(uri)
        .header(header::ACCEPT_LANGUAGE, lang)
        .body(Body::empty())
        .unwrap();
    let res = app.clone().oneshot(req).await.unwrap();
    let status = res.status().as_u16();
    let kind = res
        .headers()
        .get(header::CONTENT_TYPE)
        .map(|v| v.to_str().unwrap().to_string())
        .unwrap_or_default();
    let body = res.into_body().collect().await.unwrap().to_bytes();
    (status, kind, String::from_utf8_lossy(&body).into())
}

#[tokio::test]
async fn a_panic_becomes_a_500_page_in_the_readers_language() {
    let dir = TempDir::new("panic-page");
    let app = app_with(dir.path(), panicking_routes()).await;
    for (lang, title) in [("en", "Something went wrong"), ("ja", "問題が発生しました")] {
        for uri in ["/test-panic", "/test-panic-rendering"] {
            let (status, kind, body) = get_page(&app, uri, lang).await;
            assert_eq!(status, 500, "{uri} {lang}: {body}");
            assert!(kind.starts_with("text/html"), "{uri}: {kind}");
            assert!(body.contains(title), "{uri} {lang}: {body}");
            assert!(!body.contains("part 0"), "no half page: {body}");
            assert!(
                !body.contains("on purpose"),
                "the panic stays in the log: {body}"
            );
        }
    }
    // The server goes on answering.
    let (status, _, _) = get_page(&app, "/healthz", "en").await;
    assert_eq!(status, 200);
}

#[tokio::test]
async fn a_panic_in_the_api_is_a_json_error() {
    let dir = TempDir::new("panic-api");
    let app = app_with(dir.path(), panicking_routes()).await;
    let (status, body) = common::call(&app, "GET", "/api/v1/test-panic", None).await;
    assert_eq!(status, 500, "{body}");
    assert_eq!(body["errors"][0]["code"], "internal-error", "{body}");
    let message = body["errors"][0]["message"].as_str().unwrap();
    assert!(message.contains("logged"), "{message}");
    assert!(!message.contains("on purpose"), "{message}");
}
