//! The static files of `site-root/pkg` (WebAssembly, JavaScript, CSS): served
//! precompressed (brotli or gzip, as the browser accepts) and, when their names
//! carry a content hash, cached for a year without revalidation. And the
//! browser's message catalogs, `/i18n/<lang>.<hash>.json`, one per language,
//! built from the Fluent files compiled into the server: only the messages
//! the module can ask for, compressed once at brotli's best quality.

use std::{path::PathBuf, sync::OnceLock};

use axum::{
    extract::Path,
    http::{header, HeaderMap, HeaderValue, StatusCode},
    response::{IntoResponse, Response},
    Router,
};
use leptos::config::LeptosOptions;
use tower_http::{services::ServeDir, set_header::SetResponseHeaderLayer};

use crate::i18n::{browser_message_ids, catalog_source, Catalog as Messages, Lang};

/// `/pkg/...` and `/i18n/...`.
pub fn routes<S: Clone + Send + Sync + 'static>(options: &LeptosOptions) -> Router<S> {
    let dir = PathBuf::from(options.site_root.as_ref()).join(options.site_pkg_dir.as_ref());
    // A hashed name changes with the content, so the file never needs asking about again.
    let cache = if options.hash_files {
        "public, max-age=31536000, immutable"
    } else {
        "no-cache"
    };
    Router::new()
        .nest_service(
            &format!("/{}", options.site_pkg_dir),
            tower::ServiceBuilder::new()
                .layer(SetResponseHeaderLayer::overriding(
                    header::CACHE_CONTROL,
                    HeaderValue::from_static(cache),
                ))
                .service(ServeDir::new(dir).precompressed_br().precompressed_gzip()),
        )
        .route("/i18n/{file}", axum::routing::get(catalog))
}

/// One language's catalog as the browser gets it, with its content hash.
struct Catalog {
    file: String,
    text: String,
    /// `text` at brotli's quality 11, compressed once when the server starts
    /// ([`warm_catalogs`]): too slow to run per request, where the
    /// compression layer uses quality 5 (measured on the English catalog:
    /// 7,173 bytes at quality 5, 6,416 at 11, in 2 and 117 ms).
    br: Vec<u8>,
}

/// Builds the catalogs (lowered, cut to the browser's messages, compressed
/// at quality 11) on a blocking thread, so that the first page after a start
/// does not wait for them: every page names its catalog by its hash. A page
/// asked for before this ends waits for it (`OnceLock`). Needs a Tokio
/// runtime.
pub fn warm_catalogs() {
    tokio::task::spawn_blocking(|| {
        catalogs();
    });
}

fn catalogs() -> &'static [(Lang, Catalog)] {
    static CATALOGS: OnceLock<Vec<(Lang, Catalog)>> = OnceLock::new();
    CATALOGS.get_or_init(|| {
        Lang::ALL
            .into_iter()
            .map(|lang| {
                // The catalogs are part of the binary, and a unit test
                // (`i18n::compiled`) lowers every one: this cannot fail on a
                // server whose tests passed.
                let catalog = Messages::lower(&catalog_source(lang))
                    .expect("the catalogs lower")
                    .only(browser_message_ids());
                let text = serde_json::to_string(&catalog).expect("a catalog serialises");
                // SipHash with fixed keys: the same text gives the same name
                // from one start of this binary to the next.
                let mut h = std::hash::DefaultHasher::new();
                std::hash::Hash::hash(&text, &mut h);
                let file = format!("{}.{:016x}.json", lang.tag(), std::hash::Hasher::finish(&h));
                let mut br = Vec::new();
                let params = brotli::enc::BrotliEncoderParams {
                    quality: 11,
                    mode: brotli::enc::backward_references::BrotliEncoderMode::BROTLI_MODE_TEXT,
                    ..Default::default()
                };
                brotli::BrotliCompress(&mut text.as_bytes(), &mut br, &params)
                    .expect("compressing into memory does not fail");
                (lang, Catalog { file, text, br })
            })
            .collect()
    })
}

/// The address of `lang`'s catalog: `/i18n/ja.<hash>.json`.
pub fn catalog_href(lang: Lang) -> String {
    catalogs()
        .iter()
        .find(|(l, _)| *l == lang)
        .map(|(_, c)| format!("/i18n/{}", c.file))
        .unwrap_or_default()
}

/// `GET /i18n/<lang>.<hash>.json`: the name changes with the text, so it is
/// cached like the hashed files of `/pkg`. Brotli-compressed when the
/// browser accepts it (the compression layer leaves an encoded answer alone;
/// it gzips the text for the others).
async fn catalog(Path(file): Path<String>, headers: HeaderMap) -> Response {
    let Some((_, c)) = catalogs().iter().find(|(_, c)| c.file == file) else {
        return StatusCode::NOT_FOUND.into_response();
    };
    let fixed = [
        (header::CONTENT_TYPE, "application/json"),
        (header::CACHE_CONTROL, "public, max-age=31536000, immutable"),
        (header::VARY, "accept-encoding"),
    ];
    // The catalogs live as long as the server: served without a copy.
    if accepts_br(&headers) {
        (fixed, [(header::CONTENT_ENCODING, "br")], c.br.as_slice()).into_response()
    } else {
        (fixed, c.text.as_str()).into_response()
    }
}

/// Whether `Accept-Encoding` lists `br` with a weight above zero.
fn accepts_br(headers: &HeaderMap) -> bool {
    headers
        .get_all(header::ACCEPT_ENCODING)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(crate::weighted::items)
        .any(|(coding, q)| coding.eq_ignore_ascii_case("br") && q > 0)
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
    pkg_href(options, "css", ".css")
}

/// The module's JavaScript glue: `/pkg/edgenet.js` or `/pkg/edgenet.<hash>.js`.
pub fn js_href(options: &LeptosOptions) -> String {
    pkg_href(options, "js", ".js")
}

/// The WebAssembly module: `/pkg/edgenet.<hash>.wasm` hashed, else
/// `/pkg/edgenet.wasm` as cargo-leptos names it (`edgenet_bg.wasm`, as
/// wasm-bindgen does, outside cargo-leptos).
pub fn wasm_href(options: &LeptosOptions) -> String {
    let named_by_cargo_leptos = option_env!("LEPTOS_OUTPUT_NAME").is_some();
    if options.hash_files || named_by_cargo_leptos {
        pkg_href(options, "wasm", ".wasm")
    } else {
        pkg_href(options, "wasm", "_bg.wasm")
    }
}

fn pkg_href(options: &LeptosOptions, kind: &str, suffix: &str) -> String {
    let hash = hashes(options)
        .iter()
        .find(|(k, _)| k == kind)
        .map(|(_, h)| format!(".{h}"))
        .unwrap_or_default();
    format!(
        "/{}/{}{hash}{suffix}",
        options.site_pkg_dir, options.output_name
    )
}
