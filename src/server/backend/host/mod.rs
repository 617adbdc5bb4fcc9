//! The device's own side of every applied revision, in the network
//! namespace that stands for the device's host (`host-namespace`): each
//! static port's address, prefix and MTU, the default route via the port
//! that holds the default gateway, the resolver file, the external virtual
//! switch's bridge holding the compute port (and the VMs' `eth1` ends),
//! the internal switch's bridge (the VMs' `eth0` ends, the NAT gateway's
//! address) and its masquerade out through the default-gateway port.
//!
//! What the host should hold is the domain's ([`crate::domain::host::plan`]);
//! here it is only programmed ([`reconcile`]) and read back ([`observe`]).
//! Without a host namespace nothing is sent (a dry run).

pub mod kernel;
pub mod nat;

use std::path::PathBuf;

use crate::domain::host::{parse_resolv_conf, resolv_conf, HostPlan, HostState};
use crate::server::backend::wire::netns::{block_in, run_in};
use crate::server::storage::files;

/// The resolver file of namespace `ns`, which `ip netns exec` mounts over
/// `/etc/resolv.conf` (ip-netns(8)).
pub fn resolver_path(ns: &str) -> PathBuf {
    PathBuf::from("/etc/netns").join(ns).join("resolv.conf")
}

/// Writes the resolver file for `plan`'s name servers (atomically), or
/// removes edgenet's when there are none; a file edgenet did not write is
/// left alone then.
fn write_resolver(ns: &str, plan: &HostPlan, revision: u64) -> Result<(), String> {
    let path = resolver_path(ns);
    let shown = path.display();
    if plan.dns.is_empty() {
        let ours = std::fs::read_to_string(&path)
            .map(|t| parse_resolv_conf(&t).1)
            .unwrap_or(false);
        if ours {
            files::remove_durably(&path).map_err(|e| format!("removing {shown}: {e}"))?;
        }
        return Ok(());
    }
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    }
    files::write_atomic_world_readable(&path, resolv_conf(&plan.dns, revision).as_bytes())
        .map_err(|e| format!("writing {shown}: {e}"))
}

/// Makes namespace `ns` hold `plan` (of revision `revision`). Each step the
/// kernel, nft or the file system refuses is in the answer, in its words;
/// the other steps still run. `Err`: the namespace could not be entered.
pub fn reconcile(ns: &str, plan: &HostPlan, revision: u64) -> Result<Vec<String>, String> {
    let p = plan.clone();
    let mut failed = block_in(ns, move || async move { kernel::program(&p).await })?;
    let nat = plan.nat.clone();
    failed.extend(run_in(ns, move || {
        let mut failed = Vec::new();
        // The masquerade needs the host to forward; edgenet turns it on,
        // never off (something else on the host may need it).
        if nat.is_some() {
            if let Err(e) = std::fs::write("/proc/sys/net/ipv4/ip_forward", "1") {
                failed.push(format!("turning on IPv4 forwarding: {e}"));
            }
        }
        if let Err(e) = nat::program(nat.as_ref()) {
            failed.push(e);
        }
        Ok(failed)
    })?);
    if let Err(e) = write_resolver(ns, plan, revision) {
        failed.push(e);
    }
    Ok(failed)
}

/// What namespace `ns` holds, and what could not be read (nft missing, an
/// unreadable resolver file), as sentences. `Err`: the namespace could not
/// be entered or netlink asked.
pub fn observe(ns: &str) -> Result<(HostState, Vec<String>), String> {
    let mut state = block_in(ns, kernel::observe)?;
    let mut problems = Vec::new();
    match run_in(ns, nat::observe) {
        Ok(n) => state.nat = n,
        Err(e) => problems.push(e),
    }
    let path = resolver_path(ns);
    match std::fs::read_to_string(&path) {
        // Only edgenet's file counts: another one is the system's.
        Ok(text) => {
            if let (dns, true) = parse_resolv_conf(&text) {
                state.dns = dns;
            }
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
        Err(e) => problems.push(format!("reading {}: {e}", path.display())),
    }
    Ok((state, problems))
}
