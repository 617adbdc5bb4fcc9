//! Leptos.toml and the command line: clear one-line errors, never a panic.

use std::process::Command;

mod common;
use common::TempDir;

fn run(args: &[&str], env: &[(&str, &str)]) -> (i32, String) {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_edgenet"));
    cmd.args(args)
        .env_remove("EDGENET_CONFIG")
        .env_remove("EDGENET_DATA_DIR");
    for (k, v) in env {
        cmd.env(k, v);
    }
    let out = cmd.output().unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stderr).to_string() + &String::from_utf8_lossy(&out.stdout),
    )
}

fn write_config(dir: &TempDir, text: &str) -> String {
    let p = dir.path().join("Leptos.toml");
    std::fs::write(&p, text).unwrap();
    p.to_string_lossy().to_string()
}

const GOOD_LEPTOS: &str =
    "[package.metadata.leptos]\noutput-name = \"edgenet\"\nsite-addr = \"127.0.0.1:0\"\n";

#[test]
fn a_missing_file_is_one_clear_line() {
    let (code, out) = run(&["--config", "/nonexistent/Leptos.toml"], &[]);
    assert_eq!(code, 2);
    assert_eq!(out.trim().lines().count(), 1, "{out}");
    assert!(out.contains("/nonexistent/Leptos.toml"), "{out}");
    assert!(!out.contains("panicked"), "{out}");
}

#[test]
fn a_wrong_type_names_the_key_and_line() {
    let dir = TempDir::new("cfg-type");
    let p = write_config(
        &dir,
        "[edgenet]\ndevice-name = 5\n\n[package.metadata.leptos]\noutput-name = \"edgenet\"\n",
    );
    let (code, out) = run(&["--config", &p], &[]);
    assert_eq!(code, 2, "{out}");
    assert!(out.contains("edgenet.device-name"), "{out}");
    assert!(out.contains("line 2"), "{out}");
    assert_eq!(out.trim().lines().count(), 1, "{out}");
}

#[test]
fn a_bad_site_addr_names_the_key() {
    let dir = TempDir::new("cfg-addr");
    let p = write_config(
        &dir,
        "[package.metadata.leptos]\noutput-name = \"edgenet\"\nsite-addr = \"not an address\"\n",
    );
    let (code, out) = run(&["--config", &p], &[]);
    assert_eq!(code, 2, "{out}");
    assert!(out.contains("package.metadata.leptos.site-addr"), "{out}");
}

#[test]
fn an_unknown_app_key_is_refused() {
    let dir = TempDir::new("cfg-unknown");
    let p = write_config(
        &dir,
        &format!("[edgenet]\ndata-dri = \"x\"\n\n{GOOD_LEPTOS}"),
    );
    let (code, out) = run(&["--config", &p], &[]);
    assert_eq!(code, 2, "{out}");
    assert!(out.contains("data-dri"), "{out}");
}

#[test]
fn malformed_toml_is_reported() {
    let dir = TempDir::new("cfg-syntax");
    let p = write_config(&dir, "[edgenet\n");
    let (code, out) = run(&["--config", &p], &[]);
    assert_eq!(code, 2, "{out}");
    assert!(out.contains("Leptos.toml"), "{out}");
    assert!(!out.contains("panicked"));
}

#[test]
fn the_leptos_table_is_required() {
    let dir = TempDir::new("cfg-missing-table");
    let p = write_config(&dir, "[edgenet]\ndevice-name = \"x\"\n");
    let (code, out) = run(&["--config", &p], &[]);
    assert_eq!(code, 2, "{out}");
    assert!(out.contains("[package.metadata.leptos]"), "{out}");
}

#[test]
fn a_bad_flag_is_a_usage_error_and_help_and_version_work() {
    let (code, out) = run(&["--listen", "nowhere"], &[]);
    assert_eq!(code, 2, "{out}");
    assert!(out.contains("--listen"), "{out}");
    let (code, out) = run(&["--help"], &[]);
    assert_eq!(code, 0);
    assert!(
        out.contains("--data-dir") && out.contains("--config"),
        "{out}"
    );
    let (code, out) = run(&["--version"], &[]);
    assert_eq!(code, 0);
    assert!(out.contains(env!("CARGO_PKG_VERSION")));
}

#[test]
fn a_bad_profile_file_is_refused() {
    let dir = TempDir::new("cfg-profile");
    std::fs::write(
        dir.path().join("p.toml"),
        "model = \"x\"\ninternal_switch = \"172.31.255.0/24\"\nports = []\n",
    )
    .unwrap();
    let p = write_config(
        &dir,
        &format!("[edgenet]\nprofile = \"p.toml\"\n\n{GOOD_LEPTOS}"),
    );
    let (code, out) = run(&["--config", &p], &[]);
    assert_eq!(code, 2, "{out}");
    assert!(out.contains("at least one port"), "{out}");
}

#[test]
fn connection_limits_out_of_range_name_their_key() {
    let dir = TempDir::new("cfg-limits");
    for (line, key) in [
        ("request-head-seconds = 0", "edgenet.request-head-seconds"),
        ("idle-seconds = 86400", "edgenet.idle-seconds"),
        ("max-connections = 1", "edgenet.max-connections"),
        // One address may never hold more than half: the rest is room for the others.
        (
            "max-connections = 100\nmax-connections-per-client = 51",
            "edgenet.max-connections-per-client",
        ),
        (
            "max-connections-per-client = 0",
            "edgenet.max-connections-per-client",
        ),
        ("max-connections = \"many\"", "edgenet.max-connections"),
    ] {
        let p = write_config(&dir, &format!("[edgenet]\n{line}\n\n{GOOD_LEPTOS}"));
        let (code, out) = run(&["--config", &p], &[]);
        assert_eq!(code, 2, "{line}: {out}");
        assert!(out.contains(key), "{line}: {out}");
        assert_eq!(out.trim().lines().count(), 1, "{line}: {out}");
    }
}

#[test]
fn connection_limits_are_read_with_their_defaults() {
    use edgenet::server::settings::{Overrides, Settings};
    use std::time::Duration;
    let dir = TempDir::new("cfg-limits-ok");
    let p = write_config(
        &dir,
        &format!("[edgenet]\nrequest-head-seconds = 4\nmax-connections = 300\n\n{GOOD_LEPTOS}"),
    );
    let s = Settings::load(std::path::Path::new(&p), &Overrides::default()).unwrap();
    assert_eq!(s.limits.request_head, Duration::from_secs(4));
    assert_eq!(s.limits.idle, Duration::from_secs(60));
    assert_eq!(s.limits.max_connections, 300);
    assert_eq!(s.limits.max_connections_per_client, 64);
    // A small total lowers the default share to half of it.
    let p = write_config(
        &dir,
        &format!("[edgenet]\nmax-connections = 20\n\n{GOOD_LEPTOS}"),
    );
    let s = Settings::load(std::path::Path::new(&p), &Overrides::default()).unwrap();
    assert_eq!(s.limits.max_connections_per_client, 10);
}

#[test]
fn namespace_names_are_checked_and_the_host_and_the_vms_need_one_each() {
    let dir = TempDir::new("cfg-namespaces");
    for (line, key, words) in [
        ("host-namespace = \"../etc\"", "edgenet.host-namespace", "is not a namespace name"),
        ("host-namespace = \".hidden\"", "edgenet.host-namespace", "is not a namespace name"),
        ("route-namespace = \"vm ns\"", "edgenet.route-namespace", "is not a namespace name"),
        (
            "host-namespace = \"edgenet\"\nroute-namespace = \"edgenet\"",
            "edgenet.host-namespace",
            "is also the route-namespace",
        ),
    ] {
        let p = write_config(&dir, &format!("[edgenet]\n{line}\n\n{GOOD_LEPTOS}"));
        let (code, out) = run(&["--config", &p], &[]);
        assert_eq!(code, 2, "{line}: {out}");
        assert!(out.contains(key) && out.contains(words), "{line}: {out}");
        assert_eq!(out.trim().lines().count(), 1, "{line}: {out}");
    }
    // The environment is checked the same way as the file.
    let p = write_config(&dir, GOOD_LEPTOS);
    let (code, out) = run(&["--config", &p], &[("EDGENET_HOST_NAMESPACE", "a/b")]);
    assert_eq!(code, 2, "{out}");
    assert!(out.contains("edgenet.host-namespace"), "{out}");
}
