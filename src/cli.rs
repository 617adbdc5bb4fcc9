//! `edgenet route …`: a client of the running server's HTTP API, with the
//! semantics of the device's `Add-HcsNetRoute`, `Get-HcsNetRoute` and
//! `Remove-HcsNetRoute` cmdlets.

use std::process::ExitCode;

use clap::{Args, Subcommand};
use serde_json::{json, Value};

use edgenet::server::api::schema as doc;

#[derive(Subcommand)]
pub enum RouteCommand {
    /// Add a custom route for the Kubernetes VMs.
    Add {
        /// The port the route goes through, e.g. Port3.
        #[arg(long)]
        interface: String,
        /// Destination prefix, e.g. 192.168.20.0/24.
        #[arg(long)]
        destination: String,
        /// Prefix length, when the destination has none.
        #[arg(long)]
        prefix_length: Option<u8>,
        #[arg(long)]
        next_hop: String,
        /// Lower is preferred (default 100).
        #[arg(long)]
        metric: Option<u64>,
        #[command(flatten)]
        common: Common,
    },
    /// List the custom routes (never system or default routes).
    Get {
        #[arg(long)]
        interface: Option<String>,
        #[command(flatten)]
        common: Common,
    },
    /// Remove the route to a destination on an interface.
    Remove {
        #[arg(long)]
        interface: String,
        #[arg(long)]
        destination: String,
        #[command(flatten)]
        common: Common,
    },
    /// Show which route the VMs would take to an address, and why.
    Which {
        #[arg(long)]
        destination: String,
        #[command(flatten)]
        common: Common,
    },
}

#[derive(Args, Clone)]
pub struct Common {
    /// The server, e.g. https://127.0.0.1:3000 (default: site-addr of the configuration).
    #[arg(long, env = "EDGENET_SERVER")]
    server: Option<String>,
    /// The certificate (PEM) to trust for the server (default: the device's
    /// own, from its data directory).
    #[arg(long, env = "EDGENET_CA", value_name = "FILE")]
    ca: Option<std::path::PathBuf>,
    /// Print the server's JSON answer instead of a table.
    #[arg(long)]
    json: bool,
}

/// Percent-encodes a query value.
fn enc(s: &str) -> String {
    edgenet::state::encode(s)
}

/// Where the server is and which certificate to trust for it.
pub struct Target {
    pub url: String,
    pub ca: Option<std::path::PathBuf>,
}

struct Client {
    base: String,
    /// The certificate trusted for it, for a client of the same device at another address.
    ca: Option<std::path::PathBuf>,
    agent: ureq::Agent,
    /// The session cookie and its token, once signed in.
    session: Option<(String, String)>,
}

/// Why the command could not run: the message, and the exit code.
struct Failure(String, u8);

impl Client {
    fn new(base: String, ca: Option<&std::path::Path>) -> Result<Client, Failure> {
        let mut config = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .timeout_global(Some(std::time::Duration::from_secs(30)));
        if let Some(ca) = ca.filter(|_| base.starts_with("https://")) {
            let pem = std::fs::read(ca).map_err(|e| {
                Failure(
                    format!("cannot read the certificate {}: {e}", ca.display()),
                    2,
                )
            })?;
            let cert = ureq::tls::Certificate::from_pem(&pem).map_err(|e| {
                Failure(format!("{} is not a PEM certificate: {e}", ca.display()), 2)
            })?;
            config = config.tls_config(
                ureq::tls::TlsConfig::builder()
                    .root_certs(ureq::tls::RootCerts::new_with_certs(&[cert]))
                    .build(),
            );
        }
        Ok(Client {
            base: base.trim_end_matches('/').to_string(),
            ca: ca.map(std::path::Path::to_path_buf),
            agent: config.build().into(),
            session: None,
        })
    }

    /// Signs in with the password from `EDGENET_PASSWORD`, else asked for on
    /// the terminal. The password is never written anywhere.
    fn sign_in(&mut self) -> Result<(), Failure> {
        let password = match std::env::var("EDGENET_PASSWORD") {
            Ok(p) if !p.is_empty() => p,
            _ => {
                use std::io::IsTerminal;
                if !std::io::stdin().is_terminal() {
                    return Err(Failure(
                        "no password: set EDGENET_PASSWORD or run in a terminal to be asked for it"
                            .into(),
                        2,
                    ));
                }
                rpassword::prompt_password("Device password: ")
                    .map_err(|e| Failure(format!("reading the password: {e}"), 2))?
            }
        };
        let url = format!("{}/api/v1/session", self.base);
        let mut res = self
            .agent
            .post(&url)
            .header("content-type", "application/json")
            .send(json!({ "password": password }).to_string())
            .map_err(|e| {
                Failure(
                    format!("cannot reach the edgenet server at {}: {e}", self.base),
                    3,
                )
            })?;
        let cookie = res
            .headers()
            .get("set-cookie")
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.split(';').next())
            .map(str::to_string);
        let status = res.status().as_u16();
        let text = res.body_mut().read_to_string().unwrap_or_default();
        let v: Value = serde_json::from_str(&text).unwrap_or(Value::String(text));
        if status != 200 {
            print_errors(&v);
            return Err(Failure(String::new(), 1));
        }
        let session: doc::Session = serde_json::from_value(v).map_err(|e| {
            Failure(
                format!("the server's answer is not what this version reads: {e}"),
                1,
            )
        })?;
        if session.must_change_password {
            return Err(Failure("the device still uses its initial password: change it first (sign in to the web UI, or PUT /api/v1/password)".into(), 1));
        }
        self.session = cookie.map(|c| (c, session.csrf_token));
        Ok(())
    }

    fn sign_out(&self) {
        if self.session.is_some() {
            let _ = self.send("DELETE", "/api/v1/session", None);
        }
    }

    fn send(&self, method: &str, path: &str, body: Option<Value>) -> Result<(u16, Value), String> {
        let url = format!("{}{path}", self.base);
        let (cookie, token) = self.session.clone().unwrap_or_default();
        let result = match (method, body) {
            ("GET", _) => self.agent.get(&url).header("cookie", &cookie).call(),
            ("DELETE", _) => self
                .agent
                .delete(&url)
                .header("cookie", &cookie)
                .header("x-csrf-token", &token)
                .call(),
            (_, Some(b)) => self
                .agent
                .post(&url)
                .header("cookie", &cookie)
                .header("x-csrf-token", &token)
                .header("content-type", "application/json")
                .send(b.to_string()),
            (_, None) => self
                .agent
                .post(&url)
                .header("cookie", &cookie)
                .header("x-csrf-token", &token)
                .send_empty(),
        };
        let mut res =
            result.map_err(|e| format!("cannot reach the edgenet server at {}: {e}", self.base))?;
        let status = res.status().as_u16();
        let text = res
            .body_mut()
            .read_to_string()
            .map_err(|e| format!("reading the answer: {e}"))?;
        let value = serde_json::from_str(&text).unwrap_or(Value::String(text));
        Ok((status, value))
    }
}

/// Signs out, then the body of a 2xx answer; else the exit code, having said
/// why: 3 when the device did not answer, 1 when it refused (its errors, or
/// its JSON with `--json`).
fn answered(
    client: &Client,
    answer: Result<(u16, Value), String>,
    json: bool,
) -> Result<Value, ExitCode> {
    client.sign_out();
    let (status, v) = answer.map_err(|e| {
        eprintln!("edgenet: {e}");
        ExitCode::from(3)
    })?;
    if !(200..300).contains(&status) {
        if json {
            println!("{v}");
        } else {
            print_errors(&v);
        }
        return Err(ExitCode::FAILURE);
    }
    Ok(v)
}

/// An answer as the API's own types (`server::api::schema`), or exit 1
/// having said that this version cannot read it.
fn decode<T: serde::de::DeserializeOwned>(v: &Value) -> Result<T, ExitCode> {
    serde_json::from_value(v.clone()).map_err(|e| {
        eprintln!("edgenet: the server's answer is not what this version reads: {e}");
        ExitCode::FAILURE
    })
}

/// The server's errors (`Errors`), one line each; anything else as it came.
fn print_errors(v: &Value) {
    match serde_json::from_value::<doc::Errors>(v.clone()) {
        Ok(list) => {
            for e in list.errors {
                eprintln!("edgenet: {}", e.message);
            }
        }
        Err(_) => eprintln!("edgenet: {v}"),
    }
}

/// Routes as a table (`Route`, or the rows of a listing).
fn table(routes: &[doc::Route]) -> String {
    let rows: Vec<[String; 4]> = routes
        .iter()
        .map(|r| {
            [
                r.destination.clone(),
                r.next_hop.clone(),
                r.interface.clone(),
                r.metric.to_string(),
            ]
        })
        .collect();
    let head = ["Destination", "Next hop", "Interface", "Metric"];
    let mut widths = head.map(str::len);
    for row in &rows {
        for (w, c) in widths.iter_mut().zip(row) {
            *w = (*w).max(c.len());
        }
    }
    let line = |cells: [&str; 4]| {
        format!(
            "{:<w0$}  {:<w1$}  {:<w2$}  {:>w3$}",
            cells[0],
            cells[1],
            cells[2],
            cells[3],
            w0 = widths[0],
            w1 = widths[1],
            w2 = widths[2],
            w3 = widths[3]
        )
        .trim_end()
        .to_string()
    };
    let mut out = vec![line(head)];
    out.extend(rows.iter().map(|r| line([&r[0], &r[1], &r[2], &r[3]])));
    out.join("\n")
}

/// The server to talk to (`--server`/`--ca`, else `default_server`), signed in;
/// on failure the message is printed and the exit code returned.
fn connect(
    common: &Common,
    default_server: impl FnOnce() -> Result<Target, String>,
) -> Result<Client, ExitCode> {
    let target = match common.server.clone() {
        Some(url) => Ok(Target {
            url,
            ca: common
                .ca
                .clone()
                .or_else(|| default_server().ok().and_then(|t| t.ca)),
        }),
        None => default_server().map(|t| Target {
            ca: common.ca.clone().or(t.ca),
            ..t
        }),
    };
    let target = target.map_err(|e| {
        eprintln!("edgenet: {e}");
        ExitCode::from(2)
    })?;
    Client::new(target.url, target.ca.as_deref())
        .and_then(|mut c| {
            c.sign_in()?;
            Ok(c)
        })
        .map_err(|Failure(message, code)| {
            if !message.is_empty() {
                eprintln!("edgenet: {message}");
            }
            ExitCode::from(code)
        })
}

/// Runs a route command against `default_server` unless `--server` says otherwise.
pub fn run(cmd: RouteCommand, default_server: impl FnOnce() -> Result<Target, String>) -> ExitCode {
    let common = match &cmd {
        RouteCommand::Add { common, .. }
        | RouteCommand::Get { common, .. }
        | RouteCommand::Remove { common, .. }
        | RouteCommand::Which { common, .. } => common.clone(),
    };
    let client = match connect(&common, default_server) {
        Ok(c) => c,
        Err(code) => return code,
    };
    let answer = match &cmd {
        RouteCommand::Add {
            interface,
            destination,
            prefix_length,
            next_hop,
            metric,
            ..
        } => client.send(
            "POST",
            "/api/v1/routes",
            Some(json!({
                "interface": interface,
                "destination": destination,
                "prefix_length": prefix_length.map(|p| p.to_string()).unwrap_or_default(),
                "next_hop": next_hop,
                "metric": metric.map(|m| m.to_string()).unwrap_or_default(),
            })),
        ),
        RouteCommand::Get { interface, .. } => {
            let q = interface
                .as_deref()
                .map(|i| format!("?interface={}", enc(i)))
                .unwrap_or_default();
            client.send("GET", &format!("/api/v1/routes{q}"), None)
        }
        RouteCommand::Remove {
            interface,
            destination,
            ..
        } => client.send(
            "DELETE",
            &format!(
                "/api/v1/routes?interface={}&destination={}",
                enc(interface),
                enc(destination)
            ),
            None,
        ),
        RouteCommand::Which { destination, .. } => client.send(
            "GET",
            &format!("/api/v1/routes/lookup?destination={}", enc(destination)),
            None,
        ),
    };
    let v = match answered(&client, answer, common.json) {
        Ok(v) => v,
        Err(code) => return code,
    };
    if common.json {
        println!("{}", serde_json::to_string_pretty(&v).unwrap_or_default());
        return ExitCode::SUCCESS;
    }
    let shown = match cmd {
        RouteCommand::Add { .. } => decode::<doc::RouteAdded>(&v).map(|a| {
            for note in &a.notes {
                println!("note: {}", note.message);
            }
            println!(
                "Added (revision {}):\n{}",
                a.revision,
                table(std::slice::from_ref(&a.route))
            );
            if let Some(line) = probe::describe_next_hop(&a) {
                println!("{line}");
            }
        }),
        RouteCommand::Get { .. } => decode::<doc::RouteList>(&v).map(|list| {
            let routes = list.routes;
            if routes.is_empty() {
                println!("No custom routes.");
                return;
            }
            let rows: Vec<doc::Route> = routes
                .iter()
                .map(|r| doc::Route {
                    destination: r.destination.clone(),
                    prefix_length: r.prefix_length,
                    next_hop: r.next_hop.clone(),
                    interface: r.interface.clone(),
                    metric: r.metric,
                })
                .collect();
            println!("{}", table(&rows));
            if routes.iter().any(|r| r.kernel == "dry-run") {
                println!("Dry run: no route-namespace is configured, so nothing was sent to the VMs' kernel.");
            }
            // Routes the kernel cannot hold, and how the others stand against the VMs' own routes.
            for r in &routes {
                let name = format!("{} on {}", r.destination, r.interface);
                if let Some(why) = &r.not_installed {
                    println!("{name}: {}", why.message);
                }
                let reason = r.kernel_reason.as_deref().unwrap_or("");
                // What the VMs' kernel said, when it was not "installed".
                match r.kernel.as_str() {
                    "refused" => println!("{name}: refused by the kernel: {reason}"),
                    "unreachable" => println!(
                        "{name}: not known: the VMs' network namespace could not be asked: {reason}"
                    ),
                    "pending" => println!("{name}: not checked yet: still being programmed"),
                    _ => {}
                }
                for note in &r.notes {
                    println!("{name}: note: {}", note.message);
                }
            }
        }),
        RouteCommand::Remove { .. } => decode::<doc::RouteRemoved>(&v).map(|r| {
            println!(
                "Removed (revision {}):\n{}",
                r.revision,
                table(std::slice::from_ref(&r.removed))
            )
        }),
        RouteCommand::Which { .. } => decode::<doc::RouteDecision>(&v).map(|d| {
            println!("{}", d.explanation);
            if d.candidates.len() > 1 {
                println!("\nMatching routes, the chosen one first:");
                for c in &d.candidates {
                    let mark = if c.verdict == "chosen" { "*" } else { "-" };
                    println!("  {mark} {}", c.explanation);
                }
            }
        }),
    };
    if let Err(code) = shown {
        return code;
    }
    ExitCode::SUCCESS
}

/// `edgenet config …`: the configuration as a file (kept apart from the route commands).
pub mod config;
/// `edgenet probe`: the address-conflict probe.
pub mod probe;
