//! Security headers on every response, and the per-response nonce that lets
//! the one inline script Leptos needs (the hydration bootstrap) run under a
//! Content-Security-Policy that allows nothing else inline.

use axum::{
    extract::Request,
    http::{header, HeaderValue},
    middleware::Next,
    response::Response,
};

/// The nonce of this response; the app renders it into its inline scripts.
#[derive(Clone, Debug)]
pub struct CspNonce(pub String);

fn nonce() -> String {
    let mut b = [0u8; 16];
    getrandom::fill(&mut b).expect("the operating system's random source");
    b.iter().map(|x| format!("{x:02x}")).collect()
}

/// The policy: scripts from this origin or carrying the nonce, WebAssembly
/// compiled from them, styles from the style sheet only (no inline styles),
/// no framing, no plugins, forms posting only here.
pub fn policy(nonce: &str) -> String {
    format!(
        "default-src 'self'; script-src 'self' 'nonce-{nonce}' 'wasm-unsafe-eval'; \
         style-src 'self'; img-src 'self' data:; connect-src 'self'; object-src 'none'; \
         base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
    )
}

pub async fn security_headers(mut req: Request, next: Next) -> Response {
    let n = nonce();
    req.extensions_mut().insert(CspNonce(n.clone()));
    let path = req.uri().path();
    let static_file = path.starts_with("/pkg/");
    let icon = path == "/favicon.svg";
    let mut res = next.run(req).await;
    let h = res.headers_mut();
    if let Ok(v) = HeaderValue::from_str(&policy(&n)) {
        h.insert(header::CONTENT_SECURITY_POLICY, v);
    }
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    // Same-origin: the no-JavaScript form posts find their way back through the Referer.
    h.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("same-origin"),
    );
    h.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    h.insert(
        "cross-origin-opener-policy",
        HeaderValue::from_static("same-origin"),
    );
    h.insert(
        "permissions-policy",
        HeaderValue::from_static("camera=(), microphone=(), geolocation=(), usb=()"),
    );
    // Pages and API answers show the device's configuration: never keep them
    // in a shared or disk cache.
    if icon {
        h.insert(
            header::CACHE_CONTROL,
            HeaderValue::from_static("public, max-age=86400"),
        );
    } else if !static_file && !h.contains_key(header::CACHE_CONTROL) {
        h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    }
    res
}
