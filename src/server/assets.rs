//! The static files of `site-root/pkg` (WebAssembly, JavaScript, CSS): served
//! precompressed (brotli or gzip, as the browser accepts) and, when their names
//! carry a content hash, cached for a year without revalidation.

use std::{path::PathBuf, sync::OnceLock};

use axum::{
    http::{header, HeaderValue},
    Router,
};
use leptos::config::LeptosOptions;
use tower_http::{services::ServeDir, set_header::SetResponseHeaderLayer};

/// `/pkg/...`.
pub fn routes<S: Clone + Send + Sync + 'static>(options: &LeptosOptions) -> Router<S> {
    let dir = PathBuf::from(options.site_root.as_ref()).join(options.site_pkg_dir.as_ref());
    // A hashed name changes with the content, so the file never needs asking about again.
    let cache = if options.hash_files {
        "public, max-age=31536000, immutable"
    } else {
        "no-cache"
    };
    Router::new().nest_service(
        &format!("/{}", options.site_pkg_dir),
        tower::ServiceBuilder::new()
            .layer(SetResponseHeaderLayer::overriding(
                header::CACHE_CONTROL,
                HeaderValue::from_static(cache),
            ))
            .service(ServeDir::new(dir).precompressed_br().precompressed_gzip()),
    )
}

/// The content hashes cargo-leptos wrote next to the server binary
/// (`js: …`, `wasm: …`, `css: …`), when file hashing is on.
fn hashes(options: &LeptosOptions) -> &'static [(String, String)] {
    static HASHES: OnceLock<Vec<(String, String)>> = OnceLock::new();
    HASHES.get_or_init(|| {
        if !options.hash_files {
            return Vec::new();
        }
        let path = std::env::current_exe()
            .ok()
            .and_then(|p| p.parent().map(|d| d.join(options.hash_file.as_ref())));
        let text = path
            .and_then(|p| std::fs::read_to_string(p).ok())
            .unwrap_or_default();
        text.lines()
            .filter_map(|l| l.split_once(':'))
            .map(|(k, v)| (k.trim().to_string(), v.trim().to_string()))
            .collect()
    })
}

/// The address of the style sheet: `/pkg/edgenet.css`, or `/pkg/edgenet.<hash>.css`.
pub fn css_href(options: &LeptosOptions) -> String {
    let hash = hashes(options)
        .iter()
        .find(|(k, _)| k == "css")
        .map(|(_, h)| format!(".{h}"))
        .unwrap_or_default();
    format!(
        "/{}/{}{hash}.css",
        options.site_pkg_dir, options.output_name
    )
}
