//! What the server needs on disk is checked before it listens: a copy of the
//! binary in another folder either serves pages (its settings say where the
//! site and hash file are) or refuses to start with one line and exit code 2;
//! never a panic per request.

mod common;

use std::{
    net::{SocketAddr, TcpListener},
    path::{Path, PathBuf},
    process::{Command, Stdio},
    time::{Duration, Instant},
};

use common::{Server, TempDir, INITIAL_PASSWORD};

fn free_addr() -> SocketAddr {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
}

/// A site as `cargo leptos build --release` leaves it, with hashed names, and its hash file.
fn hashed_site(dir: &Path) -> (PathBuf, PathBuf) {
    let site = dir.join("site");
    std::fs::create_dir_all(site.join("pkg")).unwrap();
    for (kind, hash) in [("js", "j1a2b3"), ("wasm", "w4c5d6"), ("css", "c7e8f9")] {
        std::fs::write(
            site.join("pkg").join(format!("edgenet.{hash}.{kind}")),
            kind,
        )
        .unwrap();
    }
    let hash_file = dir.join("hash.txt");
    std::fs::write(&hash_file, "js: j1a2b3\nwasm: w4c5d6\ncss: c7e8f9\n").unwrap();
    (site, hash_file)
}

/// The server binary copied to `dir/bin/`, with a configuration there.
fn moved_binary(
    dir: &Path,
    site: &Path,
    addr: SocketAddr,
    leptos_extra: &str,
    data: &str,
) -> Command {
    let bin = dir.join("bin");
    std::fs::create_dir_all(&bin).unwrap();
    let exe = bin.join("edgenet");
    if !exe.exists() {
        std::fs::copy(env!("CARGO_BIN_EXE_edgenet"), &exe).unwrap();
    }
    let config = bin.join("Leptos.toml");
    std::fs::write(
        &config,
        format!(
            "[edgenet]\ndata-dir = \"{data}\"\nplain-http = true\n\n[package.metadata.leptos]\noutput-name = \"edgenet\"\n\
             site-root = \"{}\"\nsite-addr = \"{addr}\"\nhash-files = true\n{leptos_extra}\n",
            site.display()
        ),
    )
    .unwrap();
    let mut cmd = Command::new(exe);
    cmd.arg("--config")
        .arg(config)
        .current_dir(dir)
        .env("EDGENET_LOG", "error")
        .env("EDGENET_INITIAL_PASSWORD", INITIAL_PASSWORD)
        .env_remove("EDGENET_DATA_DIR")
        .env_remove("LEPTOS_SITE_ROOT")
        .env_remove("LEPTOS_SITE_ADDR")
        .env_remove("LEPTOS_HASH_FILES")
        .env_remove("LEPTOS_HASH_FILE_NAME");
    cmd
}

/// Runs `f` again while the copied binary is "busy": another test's fork may
/// still hold the copy's write descriptor for a moment (ETXTBSY), as tests run
/// in parallel threads.
fn retry_busy<T>(mut f: impl FnMut() -> std::io::Result<T>) -> T {
    for _ in 0..50 {
        match f() {
            Err(e) if e.kind() == std::io::ErrorKind::ExecutableFileBusy => {
                std::thread::sleep(std::time::Duration::from_millis(20))
            }
            r => return r.unwrap(),
        }
    }
    f().unwrap()
}

/// Runs a server that must refuse to start: its exit code and what it said.
fn refused(mut cmd: Command) -> (i32, String) {
    let out = retry_busy(|| cmd.stdout(Stdio::piped()).stderr(Stdio::piped()).output());
    let text =
        String::from_utf8_lossy(&out.stderr).to_string() + &String::from_utf8_lossy(&out.stdout);
    (out.status.code().unwrap_or(-1), text)
}

#[test]
fn a_moved_binary_without_its_hash_file_refuses_to_start_with_one_line() {
    let dir = TempDir::new("start-moved");
    let (site, _) = hashed_site(dir.path());
    let (code, out) = refused(moved_binary(dir.path(), &site, free_addr(), "", "data"));
    assert_eq!(code, 2, "{out}");
    assert_eq!(out.trim().lines().count(), 1, "{out}");
    assert!(
        out.contains("hash file") && out.contains("bin/hash.txt"),
        "{out}"
    );
    assert!(!out.contains("panicked"), "{out}");
}

#[test]
fn a_moved_binary_told_where_its_hash_file_is_serves_pages() {
    let dir = TempDir::new("start-moved-ok");
    let (site, hash_file) = hashed_site(dir.path());
    let addr = free_addr();
    let extra = format!("hash-file = \"{}\"", hash_file.display());
    let mut cmd = moved_binary(dir.path(), &site, addr, &extra, "data");
    cmd.stdout(Stdio::null()).stderr(Stdio::piped());
    let mut server = Server(retry_busy(|| cmd.spawn()));
    let started = Instant::now();
    let page = loop {
        if let Ok((200, body)) = common::http(addr, "GET", "/signin", None) {
            break body;
        }
        if let Ok(Some(status)) = server.0.try_wait() {
            let mut err = String::new();
            std::io::Read::read_to_string(server.0.stderr.as_mut().unwrap(), &mut err).unwrap();
            panic!("the server stopped ({status}): {err}");
        }
        assert!(
            started.elapsed() < Duration::from_secs(20),
            "the server did not come up"
        );
        std::thread::sleep(Duration::from_millis(50));
    };
    drop(server);
    // The page links the hashed names the hash file gives.
    for name in [
        "edgenet.j1a2b3.js",
        "edgenet.w4c5d6.wasm",
        "edgenet.c7e8f9.css",
    ] {
        assert!(page.contains(name), "{name} not linked: {page}");
    }
}

#[test]
fn a_missing_asset_a_missing_site_or_a_read_only_data_dir_stops_the_server() {
    let dir = TempDir::new("start-missing");
    let (site, hash_file) = hashed_site(dir.path());
    let extra = format!("hash-file = \"{}\"", hash_file.display());

    std::fs::remove_file(site.join("pkg/edgenet.w4c5d6.wasm")).unwrap();
    let (code, out) = refused(moved_binary(dir.path(), &site, free_addr(), &extra, "data"));
    assert_eq!(code, 2, "{out}");
    assert!(out.contains("edgenet.w4c5d6.wasm"), "{out}");
    assert_eq!(out.trim().lines().count(), 1, "{out}");

    let (code, out) = refused(moved_binary(
        dir.path(),
        &dir.path().join("nowhere"),
        free_addr(),
        &extra,
        "data",
    ));
    assert_eq!(code, 2, "{out}");
    assert!(
        out.contains("site root") && out.contains("nowhere"),
        "{out}"
    );
    assert_eq!(out.trim().lines().count(), 1, "{out}");

    // A data directory that cannot be made: its parent is a file (root could write anywhere else).
    std::fs::write(site.join("pkg/edgenet.w4c5d6.wasm"), "wasm").unwrap();
    std::fs::write(dir.path().join("a-file"), "").unwrap();
    let data = dir.path().join("a-file/data");
    let (code, out) = refused(moved_binary(
        dir.path(),
        &site,
        free_addr(),
        &extra,
        &data.to_string_lossy(),
    ));
    assert_eq!(code, 2, "{out}");
    assert!(
        out.contains("data directory") && out.contains("a-file/data"),
        "{out}"
    );
    assert_eq!(out.trim().lines().count(), 1, "{out}");
    assert!(!out.contains("panicked"), "{out}");
}
