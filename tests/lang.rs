//! The language pages are rendered in: the remembered choice, else the
//! browser's, else English; the switch; and kept pages never mixing languages.

mod common;

use axum::{body::Body, http::Request, Router};
use common::{anonymous_app, app, sign_in, TempDir, PASSWORD};
use http_body_util::BodyExt;
use tower::ServiceExt;

async fn get(app: &Router, uri: &str, headers: &[(&str, &str)]) -> (u16, String) {
    let mut req = Request::builder().uri(uri);
    for (k, v) in headers {
        req = req.header(*k, *v);
    }
    let res = app
        .clone()
        .oneshot(req.body(Body::empty()).unwrap())
        .await
        .unwrap();
    let status = res.status().as_u16();
    let bytes = res.into_body().collect().await.unwrap().to_bytes();
    (status, String::from_utf8_lossy(&bytes).into_owned())
}

#[tokio::test]
async fn pages_follow_accept_language_and_the_cookie_overrides_it() {
    let dir = TempDir::new("lang-pages");
    let app = app(dir.path()).await;

    let (status, en) = get(&app, "/compute", &[]).await;
    assert_eq!(status, 200);
    assert!(
        en.contains(r#"<html lang="en""#),
        "no language asked: English"
    );
    assert!(en.contains(">Compute<"));

    let (_, ja) = get(
        &app,
        "/compute",
        &[("accept-language", "ja-JP,ja;q=0.9,en;q=0.8")],
    )
    .await;
    assert!(ja.contains(r#"<html lang="ja""#));
    assert!(
        ja.contains("コンピューティング"),
        "the navigation is in Japanese"
    );
    assert!(!ja.contains(">Compute<"));

    // The choice made with the switch wins over the browser's. (A router of
    // its own, to send the session's cookie beside the language's.)
    let own = anonymous_app(dir.path());
    let (session, _) = sign_in(&own, PASSWORD).await;
    let both = format!("{session}; edgenet-lang=en");
    let (_, chosen) = get(
        &own,
        "/compute",
        &[("accept-language", "ja"), ("cookie", &both)],
    )
    .await;
    assert!(chosen.contains(r#"<html lang="en""#));
    assert!(chosen.contains(">Compute<"));

    // Pages say what they vary by; other answers (files, health) do not vary by language.
    let vary = |res: &axum::http::Response<Body>| {
        let all: Vec<&str> = res
            .headers()
            .get_all("vary")
            .iter()
            .map(|v| v.to_str().unwrap())
            .collect();
        all.join(", ")
    };
    let page = app
        .clone()
        .oneshot(
            Request::builder()
                .uri("/compute")
                .body(Body::empty())
                .unwrap(),
        )
        .await
        .unwrap();
    assert!(
        vary(&page).contains("Accept-Language") && vary(&page).contains("Cookie"),
        "{}",
        vary(&page)
    );
    let file = app
        .clone()
        .oneshot(
            Request::builder()
                .uri("/healthz")
                .body(Body::empty())
                .unwrap(),
        )
        .await
        .unwrap();
    assert_eq!(file.status().as_u16(), 200);
    assert!(!vary(&file).contains("Cookie"), "{}", vary(&file));

    // Asked again in English after Japanese: the kept page is per language.
    let (_, again) = get(&app, "/compute", &[]).await;
    assert!(again.contains(r#"<html lang="en""#) && !again.contains("コンピューティング"));
    let (_, again_ja) = get(&app, "/compute", &[("accept-language", "ja")]).await;
    assert!(again_ja.contains(r#"<html lang="ja""#));
}

#[tokio::test]
async fn the_sign_in_page_is_translated_before_signing_in() {
    let dir = TempDir::new("lang-signin");
    let app = anonymous_app(dir.path());
    let (status, page) = get(&app, "/signin", &[("accept-language", "ja")]).await;
    assert_eq!(status, 200);
    assert!(page.contains(r#"<html lang="ja""#));
    assert!(page.contains("サインイン"));
}

async fn switch(app: &Router, body: &str, origin: Option<&str>) -> axum::http::Response<Body> {
    let mut req = Request::builder()
        .method("POST")
        .uri("/lang")
        .header("host", "device.local")
        .header("content-type", "application/x-www-form-urlencoded");
    if let Some(o) = origin {
        req = req.header("origin", o);
    }
    app.clone()
        .oneshot(req.body(Body::from(body.to_string())).unwrap())
        .await
        .unwrap()
}

#[tokio::test]
async fn the_switch_remembers_the_choice_and_returns_to_the_page() {
    let dir = TempDir::new("lang-switch");
    let app = anonymous_app(dir.path());

    let res = switch(
        &app,
        "lang=ja&back=%2Fcompute%3Fx%3D1",
        Some("http://device.local"),
    )
    .await;
    assert_eq!(res.status().as_u16(), 303);
    assert_eq!(res.headers()["location"], "/compute?x=1");
    let cookie = res.headers()["set-cookie"].to_str().unwrap();
    assert!(cookie.starts_with("edgenet-lang=ja;"), "{cookie}");
    assert!(
        cookie.contains("Path=/") && cookie.contains("Max-Age=31536000"),
        "{cookie}"
    );

    // Only this site's pages are returned to.
    let res = switch(&app, "lang=en&back=%2F%2Fevil.example%2F", None).await;
    assert_eq!(res.headers()["location"], "/");

    // A language that is not offered is a clear 422, not a cookie.
    let res = switch(&app, "lang=fr&back=%2F", None).await;
    assert_eq!(res.status().as_u16(), 422);
    assert!(res.headers().get("set-cookie").is_none());
    let body = res.into_body().collect().await.unwrap().to_bytes();
    assert!(String::from_utf8_lossy(&body).contains("use en or ja"));

    // Another site cannot switch it.
    let res = switch(&app, "lang=ja&back=%2F", Some("https://evil.example")).await;
    assert_eq!(res.status().as_u16(), 303);
    assert!(res.headers()["location"]
        .to_str()
        .unwrap()
        .starts_with("/signin"));
    assert!(res.headers().get("set-cookie").is_none());
}

/// The header's device description reads in the page's language (#18), and
/// "Stage" is not translated with the word for "save": one term per concept,
/// the staged changes being 未適用の変更 everywhere.
#[tokio::test]
async fn the_header_and_the_stage_buttons_read_as_a_japanese_engineer_reads_them() {
    let dir = TempDir::new("lang-terms");
    let app = app(dir.path()).await;
    let ja = [("accept-language", "ja")];
    let (_, page) = get(&app, "/compute", &ja).await;
    // (The page's data for hydration keeps the profile as stored: look at the header.)
    assert!(
        page.contains(
            "class=\"device-model\">エッジ コンピューティング アプライアンス (1 ノード)<"
        ),
        "{page}"
    );
    assert!(page.contains("未適用の変更に追加"));
    for uri in ["/network", "/kubernetes", "/compute", "/changes"] {
        let (_, page) = get(&app, uri, &ja).await;
        assert!(!page.contains("保存"), "{uri} says 保存 (save) for staging");
    }
    let (_, en) = get(&app, "/compute", &[]).await;
    assert!(en.contains("class=\"device-model\">Edge compute appliance (1 node)<"));
}

/// The browser gets one catalog, the reader's: the page names it, it is
/// cached for a year under its content hash, and it holds that language's
/// messages only, already parsed (JSON: no Fluent parser in the browser), and
/// without the translators' comments.
#[tokio::test]
async fn the_page_names_the_readers_catalog_and_only_that_one() {
    let dir = TempDir::new("lang-catalog");
    let app = app(dir.path()).await;
    let href = |page: &str| {
        page.split("\"/i18n/")
            .nth(1)
            .and_then(|rest| rest.split('"').next())
            .map(|file| format!("/i18n/{file}"))
            .expect("the page names a catalog")
    };
    let (_, en_page) = get(&app, "/compute", &[]).await;
    let (_, ja_page) = get(&app, "/compute", &[("accept-language", "ja")]).await;
    let (en, ja) = (href(&en_page), href(&ja_page));
    assert!(en.starts_with("/i18n/en.") && en.ends_with(".json"), "{en}");
    assert!(ja.starts_with("/i18n/ja.") && ja.ends_with(".json"), "{ja}");

    let (status, en_text) = get(&app, &en, &[]).await;
    assert_eq!(status, 200);
    let en_json: serde_json::Value = serde_json::from_str(&en_text).unwrap();
    assert_eq!(
        en_json["compute-port-legend"],
        serde_json::json!([{ "t": "Port for the external virtual switch" }])
    );
    // Only what the module can ask for: the navigation is the server's.
    assert!(en_json.get("nav-compute").is_none(), "{en_text}");
    // A plural, as the browser chooses it: `{ $n -> [one] … *[other] … }`.
    assert_eq!(en_json["form-not-staged"][0]["s"]["on"], "n");
    assert!(!en_text.contains("コンピューティング"), "English only");
    assert!(
        !en_text.contains("# ") && !en_text.contains("##"),
        "comments are left out"
    );
    let (_, ja_text) = get(&app, &ja, &[]).await;
    assert!(ja_text.contains("コンピューティング"));

    let res = app
        .clone()
        .oneshot(Request::builder().uri(&en).body(Body::empty()).unwrap())
        .await
        .unwrap();
    assert_eq!(
        res.headers()["cache-control"],
        "public, max-age=31536000, immutable"
    );
    assert_eq!(res.headers()["content-type"], "application/json");
    assert_eq!(
        get(&app, "/i18n/en.0000000000000000.json", &[]).await.0,
        404
    );

    // Compressed once, at brotli's best, for browsers that accept it: the
    // same text once decompressed, and smaller than at quality 5, the
    // compression layer's level for answers compressed on the way out.
    let (encoding, br) = fetch(&app, &en, "gzip, deflate, br, zstd").await;
    assert_eq!(encoding.as_deref(), Some("br"));
    let mut text = Vec::new();
    brotli::BrotliDecompress(&mut &br[..], &mut text).unwrap();
    assert_eq!(String::from_utf8(text).unwrap(), en_text);
    let quick = brotli_size(en_text.as_bytes(), 5);
    assert!(br.len() < quick, "{} vs {quick}", br.len());
    for refused in ["br;q=0, gzip", "gzip", "identity"] {
        let (encoding, _) = fetch(&app, &en, refused).await;
        assert_ne!(encoding.as_deref(), Some("br"), "{refused}");
    }
}

/// Pages are compressed on the way out at brotli's quality 5: smaller than
/// at the compression layer's default (4), which is what a page would come
/// out as if the setting were lost.
#[tokio::test]
async fn pages_are_compressed_at_quality_5() {
    let dir = TempDir::new("lang-page-quality");
    let app = anonymous_app(dir.path());
    let (encoding, br) = fetch(&app, "/signin", "gzip, deflate, br, zstd").await;
    assert_eq!(encoding.as_deref(), Some("br"));
    let mut page = Vec::new();
    brotli::BrotliDecompress(&mut &br[..], &mut page).unwrap();
    assert!(String::from_utf8_lossy(&page).contains("<form"));
    let (q4, q5) = (brotli_size(&page, 4), brotli_size(&page, 5));
    assert!(
        br.len() < q4 && br.len() <= q5 + 16,
        "served {} bytes of a {}-byte page; quality 4 gives {q4}, 5 gives {q5}",
        br.len(),
        page.len()
    );
}

/// `uri` asked for with `accept-encoding: accept`: the answer's
/// `content-encoding` and its body as sent.
async fn fetch(app: &Router, uri: &str, accept: &str) -> (Option<String>, axum::body::Bytes) {
    let res = app
        .clone()
        .oneshot(
            Request::builder()
                .uri(uri)
                .header("accept-encoding", accept)
                .body(Body::empty())
                .unwrap(),
        )
        .await
        .unwrap();
    let encoding = res
        .headers()
        .get("content-encoding")
        .map(|v| v.to_str().unwrap().to_string());
    (
        encoding,
        res.into_body().collect().await.unwrap().to_bytes(),
    )
}

/// The size of `bytes` compressed with brotli at `quality`.
fn brotli_size(bytes: &[u8], quality: i32) -> usize {
    let mut out = Vec::new();
    let params = brotli::enc::BrotliEncoderParams {
        quality,
        ..Default::default()
    };
    brotli::BrotliCompress(&mut &bytes[..], &mut out, &params).unwrap();
    out.len()
}
