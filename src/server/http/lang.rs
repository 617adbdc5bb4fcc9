//! Which language a request is answered in, and the switch that remembers
//! the administrator's choice.
//!
//! The choice lives in a cookie rather than the session, so that it holds on
//! the sign-in page, across sign-outs and for every session of that browser.

use axum::{
    extract::Request,
    http::{header, HeaderMap, HeaderValue, StatusCode},
    middleware::Next,
    response::{IntoResponse, Response},
    routing::post,
    Form, Router,
};
use serde::Deserialize;

use crate::i18n::Lang;
use crate::server::AppState;

pub const COOKIE: &str = "edgenet-lang";
/// A year: the choice is a preference, not a secret.
const MAX_AGE: u32 = 365 * 24 * 3600;

/// The cookie's choice, else the browser's `Accept-Language`, else English.
pub fn of_request(headers: &HeaderMap) -> Lang {
    if let Some(lang) =
        crate::server::http::guard::cookie(headers, COOKIE).and_then(|v| v.parse().ok())
    {
        return lang;
    }
    headers
        .get(header::ACCEPT_LANGUAGE)
        .and_then(|v| v.to_str().ok())
        .map_or(Lang::En, Lang::negotiate)
}

/// Puts the request's [`Lang`] where pages and server functions find it.
pub async fn detect(mut req: Request, next: Next) -> Response {
    let lang = of_request(req.headers());
    req.extensions_mut().insert(lang);
    let mut res = next.run(req).await;
    // Pages differ by language; the hashed static files do not, and must stay
    // cached when the language cookie changes.
    let page = res
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|t| t.starts_with("text/html"));
    if page {
        res.headers_mut().append(
            header::VARY,
            HeaderValue::from_static("Accept-Language, Cookie"),
        );
    }
    res
}

pub fn routes() -> Router<AppState> {
    Router::new().route("/lang", post(switch))
}

#[derive(Deserialize)]
struct Switch {
    lang: String,
    #[serde(default)]
    back: String,
}

/// `POST /lang` (`lang=ja&back=/compute`): remembers the language and returns
/// to the page, which the server renders again in it. A plain form, so it
/// works with JavaScript off, and a reload, so nothing is left half-translated.
async fn switch(State(state): State<AppState>, Form(f): Form<Switch>) -> Response {
    let Ok(lang) = f.lang.parse::<Lang>() else {
        return (
            StatusCode::UNPROCESSABLE_ENTITY,
            format!(
                "lang: \"{}\" is not offered; use en or ja",
                f.lang.chars().take(20).collect::<String>()
            ),
        )
            .into_response();
    };
    let secure = if state.auth.policy().secure {
        "; Secure"
    } else {
        ""
    };
    let cookie = format!("{COOKIE}={lang}; Path=/; Max-Age={MAX_AGE}; SameSite=Lax{secure}");
    let mut res = (
        StatusCode::SEE_OTHER,
        [(header::LOCATION, local_path(&f.back))],
    )
        .into_response();
    if let Ok(v) = HeaderValue::from_str(&cookie) {
        res.headers_mut().insert(header::SET_COOKIE, v);
    }
    res
}

use axum::extract::State;

/// `back` if it is a path on this site, else the overview: a forged form
/// cannot send the browser elsewhere.
fn local_path(back: &str) -> String {
    if crate::server::http::guard::is_local_path(back) {
        back.to_string()
    } else {
        "/".into()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(pairs: &[(header::HeaderName, &str)]) -> HeaderMap {
        let mut h = HeaderMap::new();
        for (k, v) in pairs {
            h.append(k.clone(), HeaderValue::from_str(v).unwrap());
        }
        h
    }

    #[test]
    fn the_cookie_wins_over_the_browser() {
        assert_eq!(of_request(&headers(&[])), Lang::En);
        assert_eq!(
            of_request(&headers(&[(header::ACCEPT_LANGUAGE, "ja-JP,ja;q=0.9")])),
            Lang::Ja
        );
        assert_eq!(
            of_request(&headers(&[
                (header::ACCEPT_LANGUAGE, "ja-JP"),
                (header::COOKIE, "a=b; edgenet-lang=en")
            ])),
            Lang::En
        );
        assert_eq!(
            of_request(&headers(&[(header::COOKIE, "edgenet-lang=ja")])),
            Lang::Ja
        );
        // A cookie naming no offered language is ignored, not obeyed.
        assert_eq!(
            of_request(&headers(&[
                (header::COOKIE, "edgenet-lang=xx"),
                (header::ACCEPT_LANGUAGE, "ja")
            ])),
            Lang::Ja
        );
    }

    #[test]
    fn only_local_paths_are_returned_to() {
        assert_eq!(local_path("/compute?notice=x"), "/compute?notice=x");
        assert_eq!(local_path(""), "/");
        assert_eq!(local_path("//evil.example/"), "/");
        assert_eq!(local_path("/\\evil.example/"), "/");
        assert_eq!(local_path("https://evil.example/"), "/");
        assert_eq!(local_path("/a\r\nSet-Cookie: x=y"), "/");
    }
}
