//! `edgenet config export|diff|apply`: the whole configuration as a file
//! (docs/config-file.md), through the running server's API.

use std::{path::PathBuf, process::ExitCode};

use clap::Subcommand;
use serde_json::Value;

use super::{connect, decode, enc, print_errors, Client, Common, Failure, Target};
use edgenet::server::api::schema as doc;

#[derive(Subcommand)]
pub enum ConfigCommand {
    /// Write the applied configuration (or an earlier revision) as a file.
    Export {
        /// A revision from the history (default: the applied one).
        #[arg(long)]
        revision: Option<u64>,
        /// Where to write it (default: standard output).
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
        #[command(flatten)]
        common: Common,
    },
    /// Show what a file would change, staging nothing.
    Diff {
        #[arg(short, long, value_name = "FILE")]
        file: PathBuf,
        #[command(flatten)]
        common: Common,
    },
    /// Stage a file for review on the Changes page, or with --apply apply it
    /// at once (a file that changes nothing makes no revision).
    Apply {
        #[arg(short, long, value_name = "FILE")]
        file: PathBuf,
        /// Apply at once as the next revision, instead of staging.
        #[arg(long)]
        apply: bool,
        /// With --apply: run a change that can cut this client off (a port's
        /// addressing or MTU, the default gateway, the compute port) on trial
        /// for SECONDS (0 to 3600; 0: none; default: the device's
        /// trial-seconds), and keep it from here once the device answers,
        /// at its new address if the change moved it. Unkept, the device
        /// restores the previous revision at the deadline.
        #[arg(long, value_name = "SECONDS", requires = "apply")]
        trial: Option<u32>,
        #[command(flatten)]
        common: Common,
    },
}

impl Client {
    /// POSTs a configuration file (TOML) to `path`.
    fn send_file(&self, path: &str, text: &str) -> Result<(u16, Value), String> {
        let url = format!("{}{path}", self.base);
        let (cookie, token) = self.session.clone().unwrap_or_default();
        let mut res = self
            .agent
            .post(&url)
            .header("cookie", &cookie)
            .header("x-csrf-token", &token)
            .header("content-type", "application/toml")
            .send(text)
            .map_err(|e| format!("cannot reach the edgenet server at {}: {e}", self.base))?;
        let status = res.status().as_u16();
        let body = res
            .body_mut()
            .read_to_string()
            .map_err(|e| format!("reading the answer: {e}"))?;
        Ok((
            status,
            serde_json::from_str(&body).unwrap_or(Value::String(body)),
        ))
    }
}

/// A file's errors, one per line: the file, the key path, the message (and
/// the line, when the server gives one the message does not already say).
fn print_file_errors(file: &std::path::Path, v: &Value) {
    let Ok(list) = serde_json::from_value::<doc::Errors>(v.clone()) else {
        return print_errors(v);
    };
    for e in list.errors {
        let mut line = format!("edgenet: {}: ", file.display());
        if !e.field.is_empty() && e.field != "file" && !e.message.starts_with(&e.field) {
            line.push_str(&format!("{}: ", e.field));
        }
        line.push_str(&e.message);
        if let (Some(l), false) = (e.line, e.message.contains("line ")) {
            line.push_str(&format!(" (line {l})"));
        }
        eprintln!("{line}");
    }
}

/// The changes as a table: section, field, applied value, the file's value.
fn changes_table(changes: &[doc::Change]) -> String {
    let rows: Vec<[String; 4]> = changes
        .iter()
        .map(|c| {
            let text = |s: String| if s.is_empty() { "-".to_string() } else { s };
            [
                text(c.section.clone()),
                text(c.field.clone()),
                text(c.from.clone()),
                text(c.to.clone()),
            ]
        })
        .collect();
    let head = ["Section", "Field", "Applied", "File"].map(str::to_string);
    let mut widths = head.clone().map(|h| h.len());
    for row in &rows {
        for (w, c) in widths.iter_mut().zip(row) {
            *w = (*w).max(c.chars().count());
        }
    }
    std::iter::once(&head)
        .chain(&rows)
        .map(|r| {
            r.iter()
                .zip(widths)
                .map(|(c, w)| format!("{c:<w$}"))
                .collect::<Vec<_>>()
                .join("  ")
                .trim_end()
                .to_string()
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// Keeps the settings on trial from here: at the address the device now
/// answers at (`confirm_at`) when the change moved it, signing in there,
/// else through this client; tried once a second until the deadline. Exit
/// 0 once kept; 1, saying when the device reverts, when it could not be.
fn keep(client: &Client, t: &doc::Trial) -> ExitCode {
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(t.seconds_left);
    println!(
        "On trial until {}: keeping it from here…",
        edgenet::domain::trial::clock(t.deadline)
    );
    let mut moved: Option<Client> = None;
    let mut last = String::new();
    while std::time::Instant::now() < deadline {
        let via = match &t.confirm_at {
            None => Some(client),
            Some(url) => {
                if moved.is_none() {
                    match Client::new(url.clone(), client.ca.as_deref()).and_then(|mut c| {
                        c.sign_in()?;
                        Ok(c)
                    }) {
                        Ok(c) => moved = Some(c),
                        Err(Failure(e, _)) => last = e,
                    }
                }
                moved.as_ref()
            }
        };
        if let Some(c) = via {
            match c.send("POST", "/api/v1/config/trial/confirm", None) {
                Ok((200, _)) => {
                    match &t.confirm_at {
                        Some(url) => println!(
                            "Kept revision {} at {url}: the device answers there now.",
                            t.revision
                        ),
                        None => println!(
                            "Kept revision {}: the device still answers here.",
                            t.revision
                        ),
                    }
                    if let Some(m) = &moved {
                        m.sign_out();
                    }
                    return ExitCode::SUCCESS;
                }
                Ok((_, v)) => {
                    // Refused (the trial already ended): say why, and stop.
                    print_errors(&v);
                    return ExitCode::FAILURE;
                }
                Err(e) => last = e,
            }
        }
        std::thread::sleep(std::time::Duration::from_secs(1));
    }
    eprintln!(
        "edgenet: could not keep revision {} before {}: {last}; the device restores revision {} then",
        t.revision,
        edgenet::domain::trial::clock(t.deadline),
        t.replaced
    );
    ExitCode::FAILURE
}

/// Runs a config command against `default_server` unless `--server` says otherwise.
pub fn run(
    cmd: ConfigCommand,
    default_server: impl FnOnce() -> Result<Target, String>,
) -> ExitCode {
    // Read the file first: a missing file needs no server.
    let (common, text) = match &cmd {
        ConfigCommand::Export { common, .. } => (common, None),
        ConfigCommand::Diff { file, common } | ConfigCommand::Apply { file, common, .. } => {
            match std::fs::read_to_string(file) {
                Ok(t) => (common, Some(t)),
                Err(e) => {
                    eprintln!("edgenet: cannot read {}: {e}", file.display());
                    return ExitCode::from(2);
                }
            }
        }
    };
    let client = match connect(common, default_server) {
        Ok(c) => c,
        Err(code) => return code,
    };
    let code = run_signed_in(&client, &cmd, text.as_deref().unwrap_or(""));
    client.sign_out();
    code
}

fn run_signed_in(client: &Client, cmd: &ConfigCommand, text: &str) -> ExitCode {
    let fail = |e: String| {
        eprintln!("edgenet: {e}");
        ExitCode::from(3)
    };
    match cmd {
        ConfigCommand::Export {
            revision, output, ..
        } => {
            let q = revision
                .map(|r| format!("?revision={r}"))
                .unwrap_or_default();
            let (status, v) = match client.send("GET", &format!("/api/v1/config/export{q}"), None) {
                Ok(a) => a,
                Err(e) => return fail(e),
            };
            let Value::String(file) = v else {
                print_errors(&v);
                return ExitCode::FAILURE;
            };
            if status != 200 {
                eprintln!("edgenet: {file}");
                return ExitCode::FAILURE;
            }
            match output {
                None => print!("{file}"),
                Some(path) => {
                    if let Err(e) = std::fs::write(path, file) {
                        eprintln!("edgenet: cannot write {}: {e}", path.display());
                        return ExitCode::from(2);
                    }
                }
            }
            ExitCode::SUCCESS
        }
        ConfigCommand::Diff { file, common } | ConfigCommand::Apply { file, common, .. } => {
            let apply = matches!(cmd, ConfigCommand::Apply { apply: true, .. });
            let query = if matches!(cmd, ConfigCommand::Diff { .. }) {
                "?dry_run=true".to_string()
            } else if apply {
                // The stale check: the file is applied onto the revision read now.
                let revision = match client.send("GET", "/api/v1/config", None) {
                    Ok((200, v)) => match decode::<doc::AppliedConfig>(&v) {
                        Ok(a) => a.revision,
                        Err(code) => return code,
                    },
                    Ok((_, v)) => {
                        print_errors(&v);
                        return ExitCode::FAILURE;
                    }
                    Err(e) => return fail(e),
                };
                let trial = match cmd {
                    ConfigCommand::Apply { trial: Some(t), .. } => format!("&trial_seconds={t}"),
                    _ => String::new(),
                };
                format!("?apply=true&revision={}{trial}", enc(&revision.to_string()))
            } else {
                String::new()
            };
            let (status, v) = match client.send_file(&format!("/api/v1/config/import{query}"), text)
            {
                Ok(a) => a,
                Err(e) => return fail(e),
            };
            if common.json {
                println!("{}", serde_json::to_string_pretty(&v).unwrap_or_default());
                return if status == 200 {
                    ExitCode::SUCCESS
                } else {
                    ExitCode::FAILURE
                };
            }
            if status != 200 {
                print_file_errors(file, &v);
                return ExitCode::FAILURE;
            }
            let imported = match decode::<doc::Imported>(&v) {
                Ok(i) => i,
                Err(code) => return code,
            };
            if !imported.changes.is_empty() {
                println!("{}", changes_table(&imported.changes));
            }
            for w in &imported.warnings {
                println!("note: {}", w.message);
            }
            println!("{}", imported.message);
            match &imported.trial {
                Some(t) => keep(client, t),
                None => ExitCode::SUCCESS,
            }
        }
    }
}
