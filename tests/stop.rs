//! SIGTERM (systemd's stop) while saves are in flight: the saves finish or
//! never started, every acknowledged save is on disk, the configuration is a
//! whole revision, and the server exits 0.

mod common;

use std::{
    net::{SocketAddr, TcpListener},
    sync::{
        atomic::{AtomicBool, AtomicU64, Ordering},
        Arc,
    },
    thread,
    time::{Duration, Instant},
};

use common::{serve_command, Remote, TempDir};
use edgenet::server::storage::store::Record;

fn free_addr() -> SocketAddr {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
}

fn revision(remote: &Remote) -> Option<u64> {
    let (status, body) = remote.call("GET", "/api/v1/config", None).ok()?;
    (status == 200).then_some(())?;
    serde_json::from_str::<serde_json::Value>(&body).ok()?["revision"].as_u64()
}

fn sigterm(child: &std::process::Child) {
    // SAFETY: kill(2) with a process id we own; no memory is involved.
    let r = unsafe { libc::kill(child.id() as libc::pid_t, libc::SIGTERM) };
    assert_eq!(r, 0, "kill: {}", std::io::Error::last_os_error());
}

fn wait_exit(child: &mut std::process::Child, within: Duration) -> std::process::ExitStatus {
    let started = Instant::now();
    loop {
        if let Some(status) = child.try_wait().unwrap() {
            return status;
        }
        if started.elapsed() > within {
            let _ = child.kill();
            panic!("the server did not stop within {within:?} of SIGTERM");
        }
        thread::sleep(Duration::from_millis(20));
    }
}

#[test]
fn sigterm_during_saves_finishes_them_and_exits_0() {
    let dir = TempDir::new("stop");
    for round in 0..3 {
        let addr = free_addr();
        let mut child = serve_command(dir.path(), addr).spawn().unwrap();
        let started = Instant::now();
        let remote = loop {
            if let Some(r) = Remote::connect(addr, dir.path()) {
                break Arc::new(r);
            }
            assert!(
                started.elapsed() < Duration::from_secs(20),
                "the server did not come up"
            );
            thread::sleep(Duration::from_millis(20));
        };
        let acknowledged = Arc::new(AtomicU64::new(0));
        let stop = Arc::new(AtomicBool::new(false));
        let writers: Vec<_> = (0..4)
            .map(|w| {
                let (remote, acknowledged, stop) = (remote.clone(), acknowledged.clone(), stop.clone());
                thread::spawn(move || {
                    let mut saves = 0u64;
                    let mut i = 0u32;
                    while !stop.load(Ordering::SeqCst) {
                        let Some(rev) = revision(&remote) else { break };
                        i += 1;
                        let body = format!(
                            r#"{{"mode":"static","address":"10.0.{w}.{}","prefix":24,"mtu":{},"revision":{rev}}}"#,
                            2 + i % 200,
                            1400 + i % 100
                        );
                        match remote.call("PUT", "/api/v1/ports/Port3", Some(&body)) {
                            Ok((200, res)) => {
                                let v: serde_json::Value = serde_json::from_str(&res).unwrap();
                                acknowledged.fetch_max(v["revision"].as_u64().unwrap(), Ordering::SeqCst);
                                saves += 1;
                            }
                            Ok((409, _)) => {}
                            // Stopping: the connection was refused or closed before the request was read.
                            Ok((0, _)) | Err(_) => break,
                            Ok((status, res)) => panic!("round {round}: unexpected {status}: {res}"),
                        }
                    }
                    saves
                })
            })
            .collect();
        thread::sleep(Duration::from_millis(300 + 150 * round));
        sigterm(&child);
        let status = wait_exit(&mut child, Duration::from_secs(15));
        stop.store(true, Ordering::SeqCst);
        let saves: u64 = writers.into_iter().map(|w| w.join().unwrap()).sum();
        assert_eq!(status.code(), Some(0), "round {round}: {status}");
        assert!(saves > 0, "round {round}: no save happened before the stop");
        let text = std::fs::read_to_string(dir.path().join("config.toml")).unwrap();
        let on_disk = toml::from_str::<Record>(&text).expect("config.toml is a whole revision");
        assert!(
            on_disk.config.revision >= acknowledged.load(Ordering::SeqCst),
            "round {round}: an acknowledged save is not on disk"
        );
    }
}

#[test]
fn sigterm_on_an_idle_server_exits_0_at_once() {
    let dir = TempDir::new("stop-idle");
    let addr = free_addr();
    let mut child = serve_command(dir.path(), addr).spawn().unwrap();
    let started = Instant::now();
    while Remote::connect(addr, dir.path()).is_none() {
        assert!(
            started.elapsed() < Duration::from_secs(20),
            "the server did not come up"
        );
        thread::sleep(Duration::from_millis(20));
    }
    let asked = Instant::now();
    sigterm(&child);
    let status = wait_exit(&mut child, Duration::from_secs(5));
    assert_eq!(status.code(), Some(0), "{status}");
    assert!(
        asked.elapsed() < Duration::from_secs(3),
        "stopping took {:?}",
        asked.elapsed()
    );
}
