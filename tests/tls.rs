//! HTTPS with a real client (ureq over rustls) against the real server
//! process: the self-signed certificate made on first start, and an
//! administrator's own certificate from the configuration.

mod common;

use std::{
    net::{SocketAddr, TcpListener},
    path::Path,
    time::{Duration, Instant},
};

use common::{serve_command, Server, TempDir, INITIAL_PASSWORD, PASSWORD};

fn free_addr() -> SocketAddr {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
}

fn agent(trust: Option<&Path>) -> ureq::Agent {
    let mut config = ureq::Agent::config_builder()
        .http_status_as_error(false)
        .timeout_global(Some(Duration::from_secs(10)));
    if let Some(cert) = trust {
        let pem = std::fs::read(cert).unwrap();
        let cert = ureq::tls::Certificate::from_pem(&pem).unwrap();
        config = config.tls_config(
            ureq::tls::TlsConfig::builder()
                .root_certs(ureq::tls::RootCerts::new_with_certs(&[cert]))
                .build(),
        );
    }
    config.build().into()
}

fn wait_for_healthz(agent: &ureq::Agent, base: &str) {
    let started = Instant::now();
    loop {
        if let Ok(mut r) = agent.get(format!("{base}/healthz")).call() {
            assert_eq!(r.status(), 200);
            let body = r.body_mut().read_to_string().unwrap();
            assert!(body.contains(r#""status":"ok""#), "{body}");
            return;
        }
        assert!(
            started.elapsed() < Duration::from_secs(20),
            "server did not start"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

#[test]
fn a_self_signed_certificate_is_made_and_served() {
    let dir = TempDir::new("tls-self");
    let addr = free_addr();
    let _server = Server(
        serve_command(dir.path(), addr)
            .env_remove("EDGENET_PLAIN_HTTP")
            .spawn()
            .unwrap(),
    );
    let cert = dir.path().join("tls").join("cert.pem");
    let started = Instant::now();
    while !cert.exists() {
        assert!(started.elapsed() < Duration::from_secs(20));
        std::thread::sleep(Duration::from_millis(20));
    }
    let base = format!("https://{addr}");
    let trusted = agent(Some(&cert));
    wait_for_healthz(&trusted, &base);

    // The key is the owner's alone.
    use std::os::unix::fs::PermissionsExt;
    let mode = std::fs::metadata(dir.path().join("tls").join("key.pem"))
        .unwrap()
        .permissions()
        .mode();
    assert_eq!(mode & 0o777, 0o600);

    // A client that does not trust the device's certificate is refused by its own TLS.
    let e = agent(None)
        .get(format!("{base}/healthz"))
        .call()
        .unwrap_err();
    assert!(e.to_string().to_lowercase().contains("certificate"), "{e}");
    // Plain HTTP on the HTTPS port gets no page.
    let plain = agent(None).get(format!("http://{addr}/healthz")).call();
    assert!(plain.map(|r| r.status() != 200).unwrap_or(true));

    // Over HTTPS the session cookie is Secure and bound to this origin.
    let mut res = trusted
        .post(format!("{base}/api/v1/session"))
        .header("content-type", "application/json")
        .send(format!(r#"{{"password":"{INITIAL_PASSWORD}"}}"#))
        .unwrap();
    assert_eq!(res.status(), 200);
    let cookie = res.headers()["set-cookie"].to_str().unwrap().to_string();
    assert!(cookie.starts_with("__Host-edgenet="), "{cookie}");
    for attr in ["Secure", "HttpOnly", "SameSite=Strict", "Path=/"] {
        assert!(cookie.contains(attr), "{cookie}");
    }
    let v: serde_json::Value =
        serde_json::from_str(&res.body_mut().read_to_string().unwrap()).unwrap();
    let token = v["csrf_token"].as_str().unwrap().to_string();
    let pair = cookie.split(';').next().unwrap().to_string();
    let res = trusted
        .put(format!("{base}/api/v1/password"))
        .header("cookie", &pair)
        .header("x-csrf-token", &token)
        .send(format!(
            r#"{{"current":"{INITIAL_PASSWORD}","new":"{PASSWORD}"}}"#
        ))
        .unwrap();
    assert_eq!(res.status(), 204);

    // The command line talks HTTPS too, trusting the device's certificate.
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_edgenet"))
        .args(["route", "get", "--server", &base, "--ca"])
        .arg(&cert)
        .env("EDGENET_PASSWORD", PASSWORD)
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{text}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(text.trim(), "No custom routes.");
}

#[test]
fn the_administrators_certificate_replaces_the_self_signed_one() {
    let dir = TempDir::new("tls-own");
    let key = rcgen::KeyPair::generate().unwrap();
    let params = rcgen::CertificateParams::new(vec!["127.0.0.1".into()]).unwrap();
    let cert = params.self_signed(&key).unwrap();
    let (cert_path, key_path) = (dir.path().join("own.pem"), dir.path().join("own.key"));
    std::fs::write(&cert_path, cert.pem()).unwrap();
    std::fs::write(&key_path, key.serialize_pem()).unwrap();

    let addr = free_addr();
    let _server = Server(
        serve_command(dir.path(), addr)
            .env_remove("EDGENET_PLAIN_HTTP")
            .env("EDGENET_TLS_CERT", &cert_path)
            .env("EDGENET_TLS_KEY", &key_path)
            .spawn()
            .unwrap(),
    );
    // Trusting only the administrator's certificate is enough: it is the one served.
    wait_for_healthz(&agent(Some(&cert_path)), &format!("https://{addr}"));
    assert!(
        !dir.path().join("tls").exists(),
        "no self-signed certificate is made"
    );
}

#[test]
fn a_missing_certificate_file_stops_the_server_with_a_clear_error() {
    let dir = TempDir::new("tls-missing");
    let out = serve_command(dir.path(), free_addr())
        .env_remove("EDGENET_PLAIN_HTTP")
        .env("EDGENET_TLS_CERT", dir.path().join("nope.pem"))
        .env("EDGENET_TLS_KEY", dir.path().join("nope.key"))
        .stderr(std::process::Stdio::piped())
        .output()
        .unwrap();
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("TLS file") && err.contains("nope.pem"),
        "{err}"
    );
}
