//! Kills the real server process (SIGKILL) while it is saving, many times,
//! and checks after each kill that every revision on disk is whole and that
//! no acknowledged save was lost.
//!
//! `EDGENET_CRASH_ROUNDS` sets the number of kills (default 25); the run ends
//! with one line of figures (`crash test: … rounds, … saves, … acknowledged
//! saves lost`), which `scripts/bench.sh` puts into BENCHMARKS.md.

mod common;

use std::{
    net::{SocketAddr, TcpListener},
    path::Path,
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

fn current_revision(remote: &Remote) -> Option<u64> {
    let (status, body) = remote.call("GET", "/api/v1/config", None).ok()?;
    if status != 200 {
        return None;
    }
    serde_json::from_str::<serde_json::Value>(&body).ok()?["revision"].as_u64()
}

fn check_disk(dir: &Path) -> u64 {
    let text = std::fs::read_to_string(dir.join("config.toml")).unwrap_or_default();
    let current = if text.is_empty() {
        0
    } else {
        toml::from_str::<Record>(&text)
            .expect("config.toml is whole")
            .config
            .revision
    };
    for entry in std::fs::read_dir(dir.join("history")).unwrap().flatten() {
        let name = entry.file_name().to_string_lossy().to_string();
        if name.ends_with(".tmp") {
            continue; // an unfinished temporary file: never read, removed at start-up
        }
        let text = std::fs::read_to_string(entry.path()).unwrap();
        let rec: Record = toml::from_str(&text).unwrap_or_else(|e| panic!("{name} is broken: {e}"));
        assert_eq!(name, format!("r{:06}.toml", rec.config.revision));
    }
    current
}

#[test]
fn killing_the_server_during_saves_leaves_every_revision_whole() {
    let dir = TempDir::new("crash");
    let acknowledged = Arc::new(AtomicU64::new(0));
    let mut seed: u64 = 0x2545_F491_4F6C_DD1D;
    let mut total_saves = 0u64;
    let rounds: usize = match std::env::var("EDGENET_CRASH_ROUNDS") {
        Ok(v) => v
            .parse()
            .unwrap_or_else(|_| panic!("EDGENET_CRASH_ROUNDS: {v:?} is not a number of rounds")),
        Err(_) => 25,
    };
    let started = Instant::now();
    for round in 0..rounds {
        let addr = free_addr();
        let mut child = serve_command(dir.path(), addr)
            .spawn()
            .expect("server starts");
        let started = Instant::now();
        let (remote, revision) = loop {
            if let Some(r) = Remote::connect(addr, dir.path()) {
                if let Some(rev) = current_revision(&r) {
                    break (Arc::new(r), rev);
                }
            }
            assert!(
                started.elapsed() < Duration::from_secs(20),
                "round {round}: server did not come up"
            );
            thread::sleep(Duration::from_millis(20));
        };
        let acked = acknowledged.load(Ordering::SeqCst);
        assert!(
            revision >= acked,
            "round {round}: revision {revision} was applied, but {acked} had been acknowledged"
        );

        // Two writers save as fast as they can until the process dies.
        let stop = Arc::new(AtomicBool::new(false));
        let writers: Vec<_> = (0..2)
            .map(|w| {
                let (stop, acknowledged, remote) = (stop.clone(), acknowledged.clone(), remote.clone());
                thread::spawn(move || {
                    let mut saves = 0u64;
                    let mut i = 0u32;
                    while !stop.load(Ordering::SeqCst) {
                        let Some(rev) = current_revision(&remote) else { break };
                        i += 1;
                        let body = format!(
                            r#"{{"mode":"static","address":"10.0.{}.{}","prefix":24,"mtu":{},"revision":{rev}}}"#,
                            w,
                            2 + i % 200,
                            1400 + i % 100
                        );
                        match remote.call("PUT", "/api/v1/ports/Port3", Some(&body)) {
                            Ok((200, res)) => {
                                let r: serde_json::Value = serde_json::from_str(&res).unwrap_or_else(|e| panic!("{e}: {res:?}"));
                                acknowledged.fetch_max(r["revision"].as_u64().unwrap(), Ordering::SeqCst);
                                saves += 1;
                            }
                            Ok((409, _)) => {}
                            // The process died mid-request: no answer at all.
                            Ok((0, _)) => break,
                            Ok((status, res)) => panic!("unexpected {status}: {res}"),
                            Err(_) => break,
                        }
                    }
                    saves
                })
            })
            .collect();
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        thread::sleep(Duration::from_millis(20 + seed % 120));
        child.kill().unwrap();
        child.wait().unwrap();
        stop.store(true, Ordering::SeqCst);
        for w in writers {
            total_saves += w.join().expect("writer thread");
        }
        let on_disk = check_disk(dir.path());
        assert!(
            on_disk >= acknowledged.load(Ordering::SeqCst),
            "round {round}: acknowledged save lost"
        );
    }
    assert!(
        total_saves >= rounds as u64,
        "too few saves happened to test anything: {total_saves}"
    );
    // Every round asserted that nothing acknowledged was lost: reaching here means 0.
    eprintln!(
        "crash test: {rounds} rounds, {total_saves} saves acknowledged (up to revision {}), 0 acknowledged saves lost, {} s",
        acknowledged.load(Ordering::SeqCst),
        started.elapsed().as_secs()
    );
}
