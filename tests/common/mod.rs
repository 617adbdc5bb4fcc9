//! Helpers shared by the integration tests.
#![allow(dead_code)]

use std::{
    io::{Read, Write},
    net::{SocketAddr, TcpStream},
    path::{Path, PathBuf},
    time::Duration,
};

use axum::{body::Body, http::Request, Router};
use edgenet::domain::model::DeviceProfile;
use edgenet::router::router;
use edgenet::server::{settings::Settings, AppState};
use http_body_util::BodyExt;
use serde_json::Value;
use tower::ServiceExt;

/// A fresh, empty folder under the target directory, removed when dropped.
pub struct TempDir(pub PathBuf);

impl TempDir {
    pub fn new(tag: &str) -> TempDir {
        static N: std::sync::atomic::AtomicU32 = std::sync::atomic::AtomicU32::new(0);
        let n = N.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let dir =
            std::env::temp_dir().join(format!("edgenet-test-{tag}-{}-{n}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        TempDir(dir)
    }
    pub fn path(&self) -> &Path {
        &self.0
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// A server process, killed and reaped when dropped, so that a failing
/// assertion does not leave it running.
pub struct Server(pub std::process::Child);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

pub fn settings(data_dir: &Path) -> Settings {
    Settings {
        leptos: leptos::config::LeptosOptions::builder()
            .output_name("edgenet")
            .build(),
        device_name: "TEST-01".into(),
        data_dir: data_dir.to_path_buf(),
        profile: DeviceProfile::default_appliance(),
        profile_source: "test".into(),
        route_namespace: None,
        host_namespace: None,
        initial_password: Some(INITIAL_PASSWORD.into()),
        tls: edgenet::server::http::tls::Tls::Off,
        access: edgenet::server::auth::Policy {
            secure: false,
            ..Default::default()
        },
        page_cache: true,
        limits: Default::default(),
        wire_checks: true,
        // The suites pin behaviour without trials; tests/trial.rs asks for them.
        trial_seconds: edgenet::domain::trial::TrialSeconds::NONE,
    }
}

/// The password the test servers start with, and the one the helpers change it to.
pub const INITIAL_PASSWORD: &str = "Initial-Pass1";
pub const PASSWORD: &str = "Edge-Pass-2026";

/// The router with nobody signed in.
pub fn anonymous_app(data_dir: &Path) -> Router {
    router(AppState::new(settings(data_dir)).unwrap())
}

/// The router as an administrator sees it after the first sign-in (the
/// initial password changed): every request carries the session's cookie and token.
pub async fn app(data_dir: &Path) -> Router {
    app_with(data_dir, Router::new()).await
}

/// [`app`] with `extra` routes behind the application's layers.
pub async fn app_with(data_dir: &Path, extra: Router<AppState>) -> Router {
    let fresh = !data_dir.join("auth.toml").exists();
    let app = edgenet::router::router_with(AppState::new(settings(data_dir)).unwrap(), extra);
    let password = if fresh { INITIAL_PASSWORD } else { PASSWORD };
    let (cookie, token) = sign_in(&app, password).await;
    if fresh {
        let body = format!(r#"{{"current":"{INITIAL_PASSWORD}","new":"{PASSWORD}"}}"#);
        let req = Request::builder()
            .method("PUT")
            .uri("/api/v1/password")
            .header("cookie", &cookie)
            .header("x-csrf-token", &token)
            .body(Body::from(body))
            .unwrap();
        let res = app.clone().oneshot(req).await.unwrap();
        assert_eq!(res.status().as_u16(), 204, "changing the initial password");
    }
    app.layer(axum::middleware::map_request(
        move |mut req: Request<Body>| {
            let (cookie, token) = (cookie.clone(), token.clone());
            async move {
                let h = req.headers_mut();
                if !h.contains_key("cookie") {
                    h.insert("cookie", cookie.parse().unwrap());
                }
                if !h.contains_key("x-csrf-token") {
                    h.insert("x-csrf-token", token.parse().unwrap());
                }
                req
            }
        },
    ))
}

/// Signs in through the API; returns the cookie (`name=value`) and the token.
pub async fn sign_in(app: &Router, password: &str) -> (String, String) {
    let req = Request::builder()
        .method("POST")
        .uri("/api/v1/session")
        .body(Body::from(format!(r#"{{"password":"{password}"}}"#)))
        .unwrap();
    let res = app.clone().oneshot(req).await.unwrap();
    assert_eq!(res.status().as_u16(), 200, "signing in with {password}");
    let cookie = res.headers()["set-cookie"]
        .to_str()
        .unwrap()
        .split(';')
        .next()
        .unwrap()
        .to_string();
    let bytes = res.into_body().collect().await.unwrap().to_bytes();
    let v: Value = serde_json::from_slice(&bytes).unwrap();
    (cookie, v["csrf_token"].as_str().unwrap().to_string())
}

/// Sends one request to the router; returns the status and the body as JSON (or Null).
pub async fn call(app: &Router, method: &str, uri: &str, body: Option<&str>) -> (u16, Value) {
    let mut req = Request::builder().method(method).uri(uri);
    if body.is_some() {
        req = req.header("content-type", "application/json");
    }
    let req = req
        .body(Body::from(body.unwrap_or("").to_string()))
        .unwrap();
    let res = app.clone().oneshot(req).await.unwrap();
    let status = res.status().as_u16();
    let bytes = res.into_body().collect().await.unwrap().to_bytes();
    (
        status,
        serde_json::from_slice(&bytes).unwrap_or(Value::Null),
    )
}

/// An empty site folder: `cargo test` builds the server without the site
/// cargo-leptos makes, and the server refuses to start without a site root.
pub fn empty_site() -> PathBuf {
    let dir = std::env::temp_dir().join("edgenet-test-site");
    std::fs::create_dir_all(dir.join("pkg")).unwrap();
    dir
}

/// The server binary, serving plain HTTP on `addr` from `dir` with the test's initial password.
pub fn serve_command(dir: &Path, addr: SocketAddr) -> std::process::Command {
    let config = Path::new(env!("CARGO_MANIFEST_DIR")).join("Leptos.toml");
    let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_edgenet"));
    cmd.env("LEPTOS_SITE_ROOT", empty_site())
        .env("LEPTOS_HASH_FILES", "false");
    cmd.args(["serve", "--config"])
        .arg(config)
        .args(["--listen", &addr.to_string(), "--data-dir"])
        .arg(dir)
        .env("EDGENET_LOG", "error")
        .env("EDGENET_PLAIN_HTTP", "1")
        .env("EDGENET_INITIAL_PASSWORD", INITIAL_PASSWORD)
        // No trials unless a test asks for one (per apply, or with its own value here).
        .env("EDGENET_TRIAL_SECONDS", "0")
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null());
    cmd
}

/// A signed-in session with a real server process.
#[derive(Clone)]
pub struct Remote {
    pub addr: SocketAddr,
    cookie: String,
    token: String,
}

impl Remote {
    /// Signs in (changing the initial password the first time); `None` while
    /// the server is not up yet.
    pub fn connect(addr: SocketAddr, data_dir: &Path) -> Option<Remote> {
        let fresh = !data_dir.join("auth.toml").exists()
            || std::fs::read_to_string(data_dir.join("auth.toml"))
                .map(|t| t.contains("must-change = true"))
                .unwrap_or(true);
        let password = if fresh { INITIAL_PASSWORD } else { PASSWORD };
        let (status, headers, body) = raw(
            addr,
            "POST",
            "/api/v1/session",
            &[],
            Some(&format!(r#"{{"password":"{password}"}}"#)),
        )
        .ok()?;
        if status != 200 {
            return None;
        }
        let cookie = headers
            .lines()
            .find_map(|l| {
                l.to_ascii_lowercase()
                    .starts_with("set-cookie:")
                    .then(|| l[11..].trim().split(';').next().unwrap_or("").to_string())
            })
            .expect("a session cookie");
        let v: Value = serde_json::from_str(&body).ok()?;
        let remote = Remote {
            addr,
            cookie,
            token: v["csrf_token"].as_str()?.to_string(),
        };
        if v["must_change_password"] == true {
            let body = format!(r#"{{"current":"{INITIAL_PASSWORD}","new":"{PASSWORD}"}}"#);
            let (status, _) = remote.call("PUT", "/api/v1/password", Some(&body)).ok()?;
            assert_eq!(status, 204, "changing the initial password");
        }
        Some(remote)
    }

    pub fn call(
        &self,
        method: &str,
        path: &str,
        body: Option<&str>,
    ) -> std::io::Result<(u16, String)> {
        let headers = [
            ("Cookie", self.cookie.as_str()),
            ("X-CSRF-Token", self.token.as_str()),
        ];
        raw(self.addr, method, path, &headers, body).map(|(s, _, b)| (s, b))
    }
}

/// A minimal HTTP/1.1 exchange: status, header block, body.
fn raw(
    addr: SocketAddr,
    method: &str,
    path: &str,
    headers: &[(&str, &str)],
    body: Option<&str>,
) -> std::io::Result<(u16, String, String)> {
    let mut s = TcpStream::connect_timeout(&addr, Duration::from_secs(2))?;
    s.set_read_timeout(Some(Duration::from_secs(10)))?;
    let body = body.unwrap_or("");
    let extra: String = headers
        .iter()
        .map(|(k, v)| format!("{k}: {v}\r\n"))
        .collect();
    write!(
        s,
        "{method} {path} HTTP/1.1\r\nHost: {addr}\r\nContent-Type: application/json\r\n{extra}Content-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    )?;
    let mut out = String::new();
    s.read_to_string(&mut out)?;
    let status = out
        .split_whitespace()
        .nth(1)
        .and_then(|c| c.parse().ok())
        .unwrap_or(0);
    let (head, body) = out.split_once("\r\n\r\n").unwrap_or((&out, ""));
    Ok((status, head.to_string(), body.to_string()))
}

/// A minimal HTTP/1.1 client over a plain socket, without a session.
pub fn http(
    addr: SocketAddr,
    method: &str,
    path: &str,
    body: Option<&str>,
) -> std::io::Result<(u16, String)> {
    raw(addr, method, path, &[], body).map(|(s, _, b)| (s, b))
}

/// The message an API error answer gives for `field` (empty when none).
pub fn message(body: &Value, field: &str) -> String {
    body["errors"]
        .as_array()
        .into_iter()
        .flatten()
        .find(|e| e["field"] == field)
        .and_then(|e| e["message"].as_str())
        .unwrap_or_default()
        .to_string()
}

/// Runs `ip ARGS` (iproute2) and returns what it printed; fails the test
/// when it fails.
pub fn ip(args: &[&str]) -> String {
    let out = std::process::Command::new("ip")
        .args(args)
        .output()
        .expect("iproute2 is installed");
    assert!(
        out.status.success(),
        "ip {}: {}",
        args.join(" "),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// Deletes network namespace `ns`, if it is there.
pub fn del_ns(ns: &str) {
    let _ = std::process::Command::new("ip")
        .args(["netns", "del", ns])
        .stderr(std::process::Stdio::null())
        .status();
}

/// Every operation of an OpenAPI document: (method, path template, operation).
#[allow(dead_code)]
pub fn documented_operations(doc: &Value) -> Vec<(String, String, Value)> {
    let mut ops = Vec::new();
    for (path, item) in doc["paths"].as_object().unwrap() {
        for (method, op) in item.as_object().unwrap() {
            ops.push((method.clone(), path.clone(), op.clone()));
        }
    }
    ops
}

/// The changes of the API in an order in which each documented example can
/// succeed: the port first, so that compute and routes find its subnet; the
/// reset and the sign-in last. Where a path (its end) stands in this list.
#[allow(dead_code)]
pub fn change_rank(path: &str) -> usize {
    const ORDER: [&str; 11] = [
        "/ports/{name}",
        "/kubernetes",
        "/default-gateway",
        "/routes",
        "/compute",
        "/compute/probe",
        "/config/import",
        "/config/staged",
        "/config/factory-reset",
        "/password",
        "/session",
    ];
    ORDER
        .iter()
        .position(|o| path.ends_with(o))
        .unwrap_or(ORDER.len())
}
