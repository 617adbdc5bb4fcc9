//! What the server needs on disk before it listens: the site's folder, the
//! hashed asset names (when `hash-files` is on) and a writable data
//! directory. A missing piece is one line naming it, so that the server
//! refuses to start instead of failing every request later.

use std::path::{Path, PathBuf};

use leptos::config::LeptosOptions;

use crate::server::settings::Settings;

/// Where leptos looks for the hash file: `hash-file` taken relative to the
/// folder of the running binary (an absolute `hash-file` stands as it is).
pub fn hash_file_path(options: &LeptosOptions) -> PathBuf {
    let exe_dir = std::env::current_exe()
        .ok()
        .and_then(|p| p.parent().map(Path::to_path_buf))
        .unwrap_or_default();
    exe_dir.join(options.hash_file.as_ref())
}

/// Checks the site root, the assets the hash file names and the data
/// directory; the error is one line naming what is missing.
pub fn check(settings: &Settings) -> Result<(), String> {
    check_site(&settings.leptos)?;
    check_data_dir(&settings.data_dir)
}

fn check_site(options: &LeptosOptions) -> Result<(), String> {
    let root = PathBuf::from(options.site_root.as_ref());
    if !root.is_dir() {
        return Err(format!(
            "site root {} is not a folder: set site-root in [package.metadata.leptos] (or LEPTOS_SITE_ROOT) to the folder cargo-leptos built (target/site, or /usr/share/edgenet when installed)",
            root.display()
        ));
    }
    if !options.hash_files {
        return Ok(());
    }
    let path = hash_file_path(options);
    let text = std::fs::read_to_string(&path).map_err(|e| {
        format!(
            "hash file {} cannot be read ({e}): hash-files is on, and cargo-leptos writes it next to the binary; set hash-file in [package.metadata.leptos] to its absolute path",
            path.display()
        )
    })?;
    let pkg = root.join(options.site_pkg_dir.as_ref());
    for kind in ["js", "wasm", "css"] {
        let hash = text
            .lines()
            .filter_map(|l| l.split_once(':'))
            .find(|(k, _)| k.trim() == kind)
            .map(|(_, v)| v.trim())
            .filter(|v| !v.is_empty())
            .ok_or_else(|| format!("hash file {}: no \"{kind}:\" line", path.display()))?;
        let file = pkg.join(format!("{}.{hash}.{kind}", options.output_name));
        if !file.is_file() {
            return Err(format!(
                "asset {} (named by the hash file {}) is missing: the site and the binary come from different builds",
                file.display(),
                path.display()
            ));
        }
    }
    Ok(())
}

fn check_data_dir(dir: &Path) -> Result<(), String> {
    let fail = |e: std::io::Error| format!("data directory {} is not writable: {e}", dir.display());
    std::fs::create_dir_all(dir).map_err(fail)?;
    // A name the store's start-up removes, should this process die right here.
    let probe = dir.join(format!(".startup.{}.tmp", std::process::id()));
    std::fs::write(&probe, b"edgenet").map_err(fail)?;
    std::fs::remove_file(&probe).map_err(fail)
}
