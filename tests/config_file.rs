//! The configuration as a file through the HTTP API and the Changes page's
//! upload form: export, import (staged, applied, dry run), the round trip
//! through a factory reset, idempotence, and every kind of bad file, none of
//! which stages or applies anything.

mod common;

use axum::{body::Body, http::Request, Router};
use common::{anonymous_app, app, call, message, sign_in, Server, TempDir, PASSWORD};
use http_body_util::BodyExt;
use serde_json::{json, Value};
use tower::ServiceExt;

/// One request with a raw body; the status, the headers and the body as text.
async fn send(
    app: &Router,
    method: &str,
    uri: &str,
    headers: &[(&str, &str)],
    body: Vec<u8>,
) -> (u16, axum::http::HeaderMap, String) {
    let mut req = Request::builder().method(method).uri(uri);
    for (k, v) in headers {
        req = req.header(*k, *v);
    }
    let res = app
        .clone()
        .oneshot(req.body(Body::from(body)).unwrap())
        .await
        .unwrap();
    let status = res.status().as_u16();
    let headers = res.headers().clone();
    let bytes = res.into_body().collect().await.unwrap().to_bytes();
    (
        status,
        headers,
        String::from_utf8_lossy(&bytes).into_owned(),
    )
}

async fn export(app: &Router, query: &str) -> (u16, axum::http::HeaderMap, String) {
    send(
        app,
        "GET",
        &format!("/api/v1/config/export{query}"),
        &[],
        vec![],
    )
    .await
}

async fn import(app: &Router, query: &str, file: &str) -> (u16, Value) {
    let (status, _, body) = send(
        app,
        "POST",
        &format!("/api/v1/config/import{query}"),
        &[("content-type", "application/toml")],
        file.as_bytes().to_vec(),
    )
    .await;
    (status, serde_json::from_str(&body).unwrap_or(Value::Null))
}

async fn applied(app: &Router) -> Value {
    call(app, "GET", "/api/v1/config", None).await.1
}

async fn staged(app: &Router) -> bool {
    call(app, "GET", "/api/v1/config/staged", None).await.1["staged"] == true
}

/// Port3 static, compute on it, one route: revisions 1 to 3.
async fn set_up(app: &Router) {
    let steps = [
        (
            "PUT",
            "/api/v1/ports/Port3",
            json!({"mode": "static", "address": "10.0.0.2", "prefix": 24, "gateway": "10.0.0.1", "revision": 0}),
        ),
        (
            "PUT",
            "/api/v1/compute",
            json!({"port": "Port3", "node_ips": "10.0.0.10-10.0.0.12", "service_ips": "10.0.0.20-10.0.0.29", "revision": 1}),
        ),
        (
            "POST",
            "/api/v1/routes",
            json!({"destination": "192.168.20.0/24", "next_hop": "10.0.0.1", "interface": "Port3", "metric": 50}),
        ),
    ];
    for (method, path, body) in steps {
        let (status, res) = call(app, method, path, Some(&body.to_string())).await;
        assert!(status < 300, "{path}: {res}");
    }
}

#[tokio::test]
async fn export_factory_reset_import_gives_back_the_same_configuration() {
    let dir = TempDir::new("file-roundtrip");
    let app = app(dir.path()).await;
    set_up(&app).await;
    let before = applied(&app).await;
    assert_eq!(before["revision"], 3);

    let (status, headers, file) = export(&app, "").await;
    assert_eq!(status, 200, "{file}");
    assert_eq!(headers["content-type"], "application/toml; charset=utf-8");
    assert_eq!(
        headers["content-disposition"],
        "attachment; filename=\"edgenet-TEST-01-r3.toml\""
    );
    assert!(
        file.starts_with("# edgenet configuration of TEST-01, revision 3"),
        "{file}"
    );
    assert!(
        file.contains("node_ips = \"10.0.0.10-10.0.0.12\""),
        "{file}"
    );

    let (status, _) = call(
        &app,
        "POST",
        "/api/v1/config/factory-reset",
        Some(r#"{"revision": 3}"#),
    )
    .await;
    assert_eq!(status, 200);
    assert!(applied(&app).await["config"]["compute"].is_null());

    let (status, res) = import(&app, "?apply=true&revision=4", &file).await;
    assert_eq!(status, 200, "{res}");
    assert_eq!(res["applied"], true);
    assert_eq!(res["revision"], 5);
    let after = applied(&app).await;
    let mut want = before["config"].clone();
    want["revision"] = 5.into();
    want["kubernetes"]["locked_at"] = 5.into();
    assert_eq!(after["config"], want);

    // Applying the same file again is a no-op: no revision, and it says so.
    let (status, res) = import(&app, "?apply=true&revision=5", &file).await;
    assert_eq!(status, 200, "{res}");
    assert_eq!(res["applied"], false);
    assert_eq!(res["changed"], false);
    assert_eq!(res["revision"], 5);
    assert!(
        res["message"].as_str().unwrap().contains("changes nothing"),
        "{res}"
    );
    let (_, history) = call(&app, "GET", "/api/v1/config/history", None).await;
    assert_eq!(history["history"][0]["revision"], 5);
    assert_eq!(history["history"][0]["source"], "api");

    // An earlier revision downloads from the history; an unknown one is a 404.
    let (status, headers, old) = export(&app, "?revision=1").await;
    assert_eq!(status, 200);
    assert!(headers["content-disposition"]
        .to_str()
        .unwrap()
        .contains("-r1.toml"));
    assert!(old.contains("[compute]\nenabled = false"), "{old}");
    let (status, _, body) = export(&app, "?revision=99").await;
    assert_eq!(status, 404, "{body}");
    let (status, _, body) = export(&app, "?revision=latest").await;
    assert_eq!(status, 422, "{body}");
}

#[tokio::test]
async fn importing_stages_for_review_and_a_dry_run_stages_nothing() {
    let dir = TempDir::new("file-stage");
    let app = app(dir.path()).await;
    let file = "format = 1\n[ports.Port4]\nmode = \"static\"\naddress = \"10.4.0.2\"\nprefix = 24\nmtu = 1450\n";

    let (status, res) = import(&app, "?dry_run=true", file).await;
    assert_eq!(status, 200, "{res}");
    assert_eq!(res["staged"], false);
    assert!(
        res["changes"]
            .as_array()
            .unwrap()
            .iter()
            .any(|c| c["section"] == "Port4" && c["field"] == "MTU" && c["to"] == "1450"),
        "{res}"
    );
    assert!(!staged(&app).await);

    let (status, res) = import(&app, "", file).await;
    assert_eq!(status, 200, "{res}");
    assert_eq!(res["staged"], true);
    let (_, s) = call(&app, "GET", "/api/v1/config/staged", None).await;
    assert_eq!(s["staged"], true);
    assert_eq!(s["base_revision"], 0);
    assert!(
        s["changes"]
            .as_array()
            .unwrap()
            .iter()
            .any(|c| c["field"] == "IP address" && c["to"] == "10.4.0.2/24"),
        "{s}"
    );
    assert_eq!(
        applied(&app).await["revision"],
        0,
        "staging applies nothing"
    );

    // A file equal to the applied configuration stages nothing.
    call(&app, "DELETE", "/api/v1/config/staged", None).await;
    let (_, _, same) = export(&app, "").await;
    let (status, res) = import(&app, "", &same).await;
    assert_eq!(status, 200, "{res}");
    assert_eq!(res["staged"], false);
    assert!(!staged(&app).await);

    // apply=true needs the revision it was made against, and checks it.
    let (status, res) = import(&app, "?apply=true", file).await;
    assert_eq!(status, 422);
    assert!(message(&res, "revision").contains("required"), "{res}");
    let (status, res) = import(&app, "?apply=true&revision=7", file).await;
    assert_eq!(status, 409, "{res}");
    let (status, res) = import(&app, "?apply=true&dry_run=true&revision=0", file).await;
    assert_eq!(status, 422, "{res}");
    let (status, res) = import(&app, "?apply=yes&revision=0", file).await;
    assert_eq!(status, 422, "{res}");
    assert_eq!(applied(&app).await["revision"], 0);
}

#[tokio::test]
async fn bad_files_are_refused_with_the_key_and_change_nothing() {
    let dir = TempDir::new("file-bad");
    let app = app(dir.path()).await;
    set_up(&app).await;
    let route =
        "destination = \"192.168.30.0/24\"\nnext_hop = \"10.0.0.1\"\ninterface = \"Port3\"\n";
    // (file, status, field, code, words)
    let cases: Vec<(String, u16, &str, &str, &str)> = vec![
        ("format = 1\n[ports.Port3\n".into(), 400, "file", "file-syntax", "line 2"),
        ("format = 2\n[firewall]\n".into(), 422, "format", "file-format-newer", "newer edgenet"),
        ("[compute]\nenabled = false\n".into(), 422, "format", "file-format-missing", "format = 1"),
        ("format = 1\n[ports.Port3]\nmode = \"dhcp\"\nspeed = 10\n".into(), 422, "ports.Port3.speed", "file-unknown-key", "unknown key"),
        ("format = 1\n[ports.Port7]\nmode = \"dhcp\"\n".into(), 422, "ports.Port7", "file-port-unknown", "no port Port7"),
        ("format = 1\n[compute]\nport = \"Port3\"\nnode_ips = \"10.0.0.10\"\nservice_ips = \"10.0.0.20\"\n".into(), 422, "compute.node_ips", "val-node-ips-too-few", "2 needed"),
        (format!("format = 1\n[[routes]]\n{route}[[routes]]\ndestination = \"192.168.40.0/24\"\nnext_hop = \"10.9.0.1\"\ninterface = \"Port3\"\n"), 422, "routes[1].next_hop", "val-route-in-list", "outside Port3's subnet"),
        // The cluster networks are locked once compute has been applied.
        ("format = 1\n[kubernetes]\npod_cidr = \"10.244.0.0/16\"\nservice_cidr = \"172.28.0.0/16\"\n".into(), 422, "kubernetes.pod_cidr", "val-kubernetes-locked", "locked"),
    ];
    for (file, want_status, field, code, words) in &cases {
        for query in ["", "?apply=true&revision=3", "?dry_run=true"] {
            let (status, res) = import(&app, query, file).await;
            assert_eq!(status, *want_status, "{field} {query}: {res}");
            let e = res["errors"]
                .as_array()
                .unwrap()
                .iter()
                .find(|e| e["field"] == *field)
                .unwrap_or_else(|| panic!("{field} {query}: {res}"));
            assert_eq!(e["code"], *code, "{res}");
            assert!(e["message"].as_str().unwrap().contains(words), "{res}");
        }
    }
    let (status, res) = import(&app, "", "format = 1\n[compute]\nport =\n").await;
    assert_eq!(status, 400);
    assert_eq!(res["errors"][0]["line"], 3, "{res}");
    assert_eq!(res["errors"][0]["column"], 7, "{res}");
    let (status, _, body) = send(
        &app,
        "POST",
        "/api/v1/config/import",
        &[],
        vec![0xff, 0xfe, 0x00],
    )
    .await;
    assert_eq!(status, 400, "{body}");

    assert!(!staged(&app).await, "a refused file stages nothing");
    assert_eq!(applied(&app).await["revision"], 3, "and applies nothing");
}

#[tokio::test]
async fn a_file_may_be_larger_than_other_bodies_but_not_without_bound() {
    let dir = TempDir::new("file-size");
    let app = app(dir.path()).await;
    let padding = "# a comment line to make the file long\n".repeat(3000);
    let file = format!("format = 1\n{padding}");
    assert!(file.len() > 64 * 1024);
    let (status, res) = import(&app, "?dry_run=true", &file).await;
    assert_eq!(status, 200, "{res}");
    let huge = "#".repeat(3 * 1024 * 1024);
    let (status, _) = import(&app, "", &huge).await;
    assert_eq!(status, 413);
    // Other bodies keep their limit.
    let (status, _, _) = send(
        &app,
        "PUT",
        "/api/v1/kubernetes",
        &[("content-type", "application/json")],
        file.into_bytes(),
    )
    .await;
    assert_eq!(status, 413);
}

fn multipart(fields: &[(&str, Option<&str>, &str)]) -> (String, Vec<u8>) {
    let boundary = "----edgenet-test-boundary";
    let mut body = String::new();
    for (name, filename, value) in fields {
        body.push_str(&format!(
            "--{boundary}\r\nContent-Disposition: form-data; name=\"{name}\""
        ));
        if let Some(f) = filename {
            body.push_str(&format!(
                "; filename=\"{f}\"\r\nContent-Type: application/toml"
            ));
        }
        body.push_str(&format!("\r\n\r\n{value}\r\n"));
    }
    body.push_str(&format!("--{boundary}--\r\n"));
    (
        format!("multipart/form-data; boundary={boundary}"),
        body.into_bytes(),
    )
}

#[tokio::test]
async fn the_upload_form_stages_a_file_and_shows_a_refused_one_beside_the_field() {
    let dir = TempDir::new("file-upload");
    let api = app(dir.path()).await;
    drop(api);
    // A browser: the cookie, and the token only as the form's field.
    let browser = anonymous_app(dir.path());
    let (cookie, token) = sign_in(&browser, PASSWORD).await;
    let post = |fields: Vec<(&'static str, Option<&'static str>, String)>| {
        let browser = browser.clone();
        let cookie = cookie.clone();
        async move {
            let borrowed: Vec<(&str, Option<&str>, &str)> = fields
                .iter()
                .map(|(n, f, v)| (*n, *f, v.as_str()))
                .collect();
            let (ct, body) = multipart(&borrowed);
            send(
                &browser,
                "POST",
                "/changes/import",
                &[
                    ("content-type", &ct),
                    ("cookie", &cookie),
                    ("origin", "http://localhost"),
                    ("host", "localhost"),
                ],
                body,
            )
            .await
        }
    };
    let good =
        "format = 1\n[ports.Port5]\nmode = \"static\"\naddress = \"10.5.0.2\"\nprefix = 24\n"
            .to_string();

    // Without the token: refused, nothing staged.
    let (status, headers, _) = post(vec![("file", Some("c.toml"), good.clone())]).await;
    assert_eq!(status, 303);
    assert_eq!(headers["location"], "/");
    let staged_now = |b: Router, c: String| async move {
        let (_, _, s) = send(
            &b,
            "GET",
            "/api/v1/config/staged",
            &[("cookie", &c)],
            vec![],
        )
        .await;
        serde_json::from_str::<Value>(&s).unwrap()["staged"] == true
    };
    assert!(!staged_now(browser.clone(), cookie.clone()).await);

    // A bad file: back to the page with its errors, nothing staged.
    let bad = "format = 1\n[ports.Port5]\nmode = \"static\"\naddres = \"10.5.0.2\"\n".to_string();
    let (status, headers, _) = post(vec![
        ("_csrf", None, token.clone()),
        ("file", Some("c.toml"), bad),
    ])
    .await;
    assert_eq!(status, 303);
    let to = headers["location"].to_str().unwrap();
    assert!(
        to.starts_with("/changes?notice=file-refused&n=1&fe="),
        "{to}"
    );
    // The error travels as data: its field and message id, which the page renders.
    let fe = to
        .trim_end_matches("#import")
        .split("&fe=")
        .nth(1)
        .map(percent_decode)
        .unwrap();
    let errors = edgenet::state::errors_from_query(&[fe]);
    assert_eq!(errors.len(), 1, "{to}");
    assert_eq!(errors[0].field, "ports.Port5.addres");
    assert_eq!(errors[0].message.id(), "file-unknown-key");
    assert!(to.ends_with("#import"), "{to}");
    let refused_page = to.trim_end_matches("#import").to_string();
    assert!(!staged_now(browser.clone(), cookie.clone()).await);

    // No file chosen.
    let (_, headers, _) = post(vec![
        ("_csrf", None, token.clone()),
        ("file", Some(""), String::new()),
    ])
    .await;
    let to = headers["location"].to_str().unwrap();
    assert!(to.contains("notice=file-refused&n=1&fe="), "{headers:?}");
    let fe = percent_decode(to.trim_end_matches("#import").split("&fe=").nth(1).unwrap());
    let errors = edgenet::state::errors_from_query(&[fe]);
    assert_eq!(
        errors
            .iter()
            .map(|e| (e.field.as_str(), e.message.id()))
            .collect::<Vec<_>>(),
        [("file", "changes-import-no-file")]
    );

    // A good file is staged, and the page says how many changes.
    let (status, headers, _) = post(vec![
        ("_csrf", None, token.clone()),
        ("file", Some("c.toml"), good.clone()),
    ])
    .await;
    assert_eq!(status, 303);
    assert_eq!(
        headers["location"],
        "/changes?notice=file-staged&n=2#import"
    );
    assert!(staged_now(browser.clone(), cookie.clone()).await);

    // The page shows the upload form, the download links and the errors carried back.
    let (status, _, page) = send(
        &browser,
        "GET",
        &refused_page,
        &[("cookie", &cookie)],
        vec![],
    )
    .await;
    assert_eq!(status, 200);
    assert!(page.contains("enctype=\"multipart/form-data\""), "{page}");
    assert!(page.contains("href=\"/api/v1/config/export\""), "{page}");
    assert!(page.contains("aria-invalid=\"true\""), "{page}");
    assert!(page.contains("ports.Port5.addres: unknown key"), "{page}");
}

// The command line, against a real server process.

fn free_addr() -> std::net::SocketAddr {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
}

fn start(dir: &std::path::Path, addr: std::net::SocketAddr) -> (Server, common::Remote) {
    let server = Server(common::serve_command(dir, addr).spawn().unwrap());
    let started = std::time::Instant::now();
    loop {
        if let Some(remote) = common::Remote::connect(addr, dir) {
            return (server, remote);
        }
        assert!(started.elapsed().as_secs() < 20, "server did not start");
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
}

fn cli(addr: std::net::SocketAddr, args: &[&str]) -> (i32, String, String) {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_edgenet"))
        .args(args)
        .args(["--server", &format!("http://{addr}")])
        .env("EDGENET_PASSWORD", PASSWORD)
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into(),
        String::from_utf8_lossy(&out.stderr).into(),
    )
}

#[test]
fn the_command_line_exports_diffs_and_applies_a_file() {
    let dir = TempDir::new("file-cli");
    let addr = free_addr();
    let (_server, remote) = start(dir.path(), addr);
    let revision = |remote: &common::Remote| -> u64 {
        let (_, body) = remote.call("GET", "/api/v1/config", None).unwrap();
        serde_json::from_str::<Value>(&body).unwrap()["revision"]
            .as_u64()
            .unwrap()
    };
    let staged = |remote: &common::Remote| -> bool {
        let (_, body) = remote.call("GET", "/api/v1/config/staged", None).unwrap();
        serde_json::from_str::<Value>(&body).unwrap()["staged"] == true
    };
    let file = dir.path().join("edge.toml");
    let file_arg = file.to_str().unwrap();

    let (code, out, err) = cli(addr, &["config", "export", "-o", file_arg]);
    assert_eq!(code, 0, "{out}{err}");
    let exported = std::fs::read_to_string(&file).unwrap();
    assert!(
        exported.contains("[ports.Port3]\nmode = \"dhcp\""),
        "{exported}"
    );
    let (code, out, _) = cli(addr, &["config", "export"]);
    assert_eq!(code, 0);
    assert_eq!(out, exported, "standard output by default");

    // Edit the file as an administrator would.
    let edited = exported.replace(
        "[ports.Port3]\nmode = \"dhcp\"\n",
        "[ports.Port3]\nmode = \"static\"\naddress = \"10.0.0.2\"\nprefix = 24\ngateway = \"10.0.0.1\"\n",
    );
    assert_ne!(edited, exported);
    std::fs::write(&file, &edited).unwrap();

    // diff shows the change and stages nothing.
    let (code, out, err) = cli(addr, &["config", "diff", "-f", file_arg]);
    assert_eq!(code, 0, "{out}{err}");
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(
        lines[0].split_whitespace().collect::<Vec<_>>(),
        ["Section", "Field", "Applied", "File"]
    );
    assert!(
        out.lines().any(|l| l.split_whitespace().collect::<Vec<_>>()
            == ["Port3", "IP", "address", "-", "10.0.0.2/24"]),
        "{out}"
    );
    assert!(!staged(&remote));

    // apply without --apply stages; with --apply it applies, once.
    let (code, out, err) = cli(addr, &["config", "apply", "-f", file_arg]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(out.contains("changes staged"), "{out}");
    assert!(staged(&remote));
    assert_eq!(revision(&remote), 0);
    let (code, out, err) = cli(addr, &["config", "apply", "-f", file_arg, "--apply"]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(out.contains("applied as revision 1"), "{out}");
    assert_eq!(revision(&remote), 1);
    let (code, out, _) = cli(addr, &["config", "apply", "-f", file_arg, "--apply"]);
    assert_eq!(code, 0);
    assert!(out.contains("the file changes nothing"), "{out}");
    assert_eq!(revision(&remote), 1, "no second revision");

    // Bad files: each error on a line of its own with the key path; nothing changes.
    let cases = [
        ("format = 1\n[ports.Port3\n", "line 2"),
        ("format = 1\n[ports.Port3]\nmode = \"static\"\nadress = \"10.0.0.3\"\n", "ports.Port3.adress: unknown key"),
        ("format = 1\n[ports.Port8]\nmode = \"dhcp\"\n", "this device has no port Port8"),
        ("format = 3\n", "newer edgenet"),
        ("format = 1\n[compute]\nport = \"Port3\"\nnode_ips = \"10.0.0.10\"\nservice_ips = \"10.0.0.20\"\n", "compute.node_ips: Node IPs 10.0.0.10-10.0.0.10: 1 address, 2 needed"),
    ];
    for (text, words) in cases {
        std::fs::write(&file, text).unwrap();
        for args in [
            &["config", "diff", "-f", file_arg][..],
            &["config", "apply", "-f", file_arg, "--apply"],
        ] {
            let (code, out, err) = cli(addr, args);
            assert_eq!(code, 1, "{args:?}: {out}{err}");
            assert!(err.contains(words), "{args:?}: {err}");
            assert!(err.starts_with(&format!("edgenet: {file_arg}: ")), "{err}");
        }
    }
    assert_eq!(revision(&remote), 1);
    let (code, _, err) = cli(addr, &["config", "diff", "-f", "/nonexistent/edge.toml"]);
    assert_eq!(code, 2);
    assert!(err.contains("cannot read /nonexistent/edge.toml"), "{err}");
    let (code, _, err) = cli(addr, &["config", "export", "--revision", "42"]);
    assert_eq!(code, 1);
    assert!(err.contains("42"), "{err}");
}

/// `%XX` escapes back to bytes (what a browser does with a query's value).
fn percent_decode(v: &str) -> String {
    let b = v.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%' && i + 2 < b.len() {
            out.push(
                u8::from_str_radix(std::str::from_utf8(&b[i + 1..i + 3]).unwrap(), 16).unwrap(),
            );
            i += 3;
        } else {
            out.push(b[i]);
            i += 1;
        }
    }
    String::from_utf8(out).unwrap()
}

/// `config apply --apply --trial N`: a risky file runs on trial, and the
/// command keeps it once the device still answers it (#28); a safe file
/// runs no trial, and `--trial` out of range is refused by the server.
#[test]
fn the_command_line_applies_on_trial_and_keeps_the_settings() {
    let dir = TempDir::new("file-cli-trial");
    let addr = free_addr();
    let (_server, remote) = start(dir.path(), addr);
    let file = dir.path().join("edge.toml");
    let file_arg = file.to_str().unwrap();
    let (code, _, err) = cli(addr, &["config", "export", "-o", file_arg]);
    assert_eq!(code, 0, "{err}");
    let exported = std::fs::read_to_string(&file).unwrap();
    let edited = exported.replace(
        "[ports.Port4]\nmode = \"dhcp\"\nmtu = 1500",
        "[ports.Port4]\nmode = \"dhcp\"\nmtu = 1450",
    );
    assert_ne!(edited, exported, "{exported}");
    std::fs::write(&file, &edited).unwrap();

    let (code, out, err) = cli(
        addr,
        &[
            "config", "apply", "-f", file_arg, "--apply", "--trial", "4000",
        ],
    );
    assert_eq!(code, 1, "{out}{err}");
    assert!(err.contains("trial_seconds"), "{err}");

    let (code, out, err) = cli(
        addr,
        &[
            "config", "apply", "-f", file_arg, "--apply", "--trial", "30",
        ],
    );
    assert_eq!(code, 0, "{out}{err}");
    assert!(out.contains("On trial until"), "{out}");
    assert!(
        out.contains("Kept revision 1: the device still answers here."),
        "{out}"
    );
    let (_, body) = remote.call("GET", "/api/v1/config/trial", None).unwrap();
    assert_eq!(
        serde_json::from_str::<Value>(&body).unwrap()["trial"],
        Value::Null,
        "{body}"
    );
    let (_, body) = remote.call("GET", "/api/v1/ports/Port4", None).unwrap();
    assert_eq!(
        serde_json::from_str::<Value>(&body).unwrap()["mtu"],
        1450,
        "{body}"
    );
}
