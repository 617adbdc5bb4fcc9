//! Running code inside a named network namespace (`/var/run/netns/NAME`,
//! as `ip netns add` makes them).

use std::os::fd::AsRawFd;

/// Runs `f` on a thread of its own that has entered namespace `ns`: setns
/// changes the calling thread, so the caller's threads stay where they are.
/// Sockets `f` opens belong to the namespace for their whole life.
pub fn run_in<T: Send + 'static>(
    ns: &str,
    f: impl FnOnce() -> Result<T, String> + Send + 'static,
) -> Result<T, String> {
    let ns = ns.to_string();
    std::thread::Builder::new()
        .name("edgenet-netns".into())
        .spawn(move || {
            let path = format!("/var/run/netns/{ns}");
            let file = std::fs::File::open(&path)
                .map_err(|e| format!("network namespace {ns}: {path}: {e}"))?;
            // SAFETY: setns only reads the descriptor; it switches this thread, which ends with `f`.
            if unsafe { libc::setns(file.as_raw_fd(), libc::CLONE_NEWNET) } != 0 {
                return Err(format!(
                    "cannot enter network namespace {ns}: {}",
                    std::io::Error::last_os_error()
                ));
            }
            f()
        })
        .map_err(|e| format!("cannot start a thread: {e}"))?
        .join()
        .map_err(|_| "the network namespace thread panicked".to_string())?
}

/// [`run_in`] with a single-threaded Tokio runtime for async `f`.
pub fn block_in<T: Send + 'static, F>(
    ns: &str,
    f: impl FnOnce() -> F + Send + 'static,
) -> Result<T, String>
where
    F: std::future::Future<Output = Result<T, String>>,
{
    run_in(ns, move || {
        tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .map_err(|e| e.to_string())?
            .block_on(f())
    })
}
