//! `edgenet config export|diff|apply`: the whole configuration as a file
//! (docs/config-file.md), through the running server's API.

use std::{path::PathBuf, process::ExitCode};

use clap::Subcommand;
use serde_json::Value;

use super::{connect, enc, print_errors, Client, Common, Target};

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
    let Some(list) = v["errors"].as_array() else {
        return print_errors(v);
    };
    for e in list {
        let field = e["field"].as_str().unwrap_or("");
        let message = e["message"].as_str().unwrap_or("error");
        let mut line = format!("edgenet: {}: ", file.display());
        if !field.is_empty() && field != "file" && !message.starts_with(field) {
            line.push_str(&format!("{field}: "));
        }
        line.push_str(message);
        if let (Some(l), false) = (e["line"].as_u64(), message.contains("line ")) {
            line.push_str(&format!(" (line {l})"));
        }
        eprintln!("{line}");
    }
}

/// The changes as a table: section, field, applied value, the file's value.
fn changes_table(changes: &[Value]) -> String {
    let rows: Vec<[String; 4]> = changes
        .iter()
        .map(|c| {
            let text = |k: &str| match c[k].as_str() {
                Some("") | None => "-".to_string(),
                Some(s) => s.to_string(),
            };
            [text("section"), text("field"), text("from"), text("to")]
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
                    Ok((200, v)) => v["revision"].as_u64().unwrap_or(0),
                    Ok((_, v)) => {
                        print_errors(&v);
                        return ExitCode::FAILURE;
                    }
                    Err(e) => return fail(e),
                };
                format!("?apply=true&revision={}", enc(&revision.to_string()))
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
            let changes = v["changes"].as_array().cloned().unwrap_or_default();
            if !changes.is_empty() {
                println!("{}", changes_table(&changes));
            }
            for w in v["warnings"].as_array().into_iter().flatten() {
                println!("note: {}", w["message"].as_str().unwrap_or(""));
            }
            println!("{}", v["message"].as_str().unwrap_or(""));
            ExitCode::SUCCESS
        }
    }
}
