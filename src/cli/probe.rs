//! `edgenet probe`: checks, from the VM namespace, whether another station
//! on the compute port's segment already answers for an address of the node
//! or service range (RFC 5227 ARP probes), and whether the gateway and DNS
//! servers answer; through `POST /api/v1/compute/probe`.

use std::process::ExitCode;

use clap::Args;
use serde_json::{json, Map, Value};

use super::{answered, connect, Common, Target};
use edgenet::server::api::schema as doc;

#[derive(Args)]
pub struct ProbeArgs {
    /// The compute port (default: the staged or applied one).
    #[arg(long)]
    port: Option<String>,
    /// Node IPs to check, e.g. 10.0.0.10-10.0.0.12 (default: the staged or applied ones).
    #[arg(long)]
    node_ips: Option<String>,
    /// Service IPs to check, e.g. 10.0.0.20-10.0.0.29 (default: the staged or applied ones).
    #[arg(long)]
    service_ips: Option<String>,
    #[command(flatten)]
    common: Common,
}

/// What `probe` prints for a report: one line per address in use, then the
/// gateway and DNS servers.
pub fn describe(r: &doc::ProbeResult) -> String {
    let mut out = Vec::new();
    if r.wire != "checked" {
        out.push(r.message.clone());
    }
    out.push(format!(
        "Checked {} addresses in {} ms: {}",
        r.checked,
        r.millis,
        match r.in_use.len() {
            0 => "none in use by another device".to_string(),
            1 => "1 in use by another device".to_string(),
            n => format!("{n} in use by another device"),
        }
    ));
    for w in &r.warnings {
        out.push(format!("warning: {}", w.message));
    }
    for n in &r.neighbours {
        out.push(format!(
            "{} {}: {}{}",
            n.role,
            n.address,
            n.state,
            n.mac
                .as_ref()
                .map(|m| format!(" ({m})"))
                .unwrap_or_default()
        ));
    }
    out.join("\n")
}

/// The reachability line of a route-add answer: the new route's next hop.
pub fn describe_next_hop(a: &doc::RouteAdded) -> Option<String> {
    let r = a.next_hop_reachability.as_ref()?;
    let rtt = r
        .rtt_micros
        .map(|us| format!(" ({:.1} ms)", us as f64 / 1000.0))
        .unwrap_or_default();
    Some(match r.state.as_str() {
        "unchecked" => format!(
            "next hop {}: not checked ({})",
            r.address,
            if a.reachability.as_ref().is_some_and(|r| r.wire == "off") {
                "wire checks are off"
            } else {
                "dry run: no route-namespace, nothing can be known about the wire"
            }
        ),
        s => format!("next hop {}: {s}{rtt}", r.address),
    })
}

pub fn run(args: ProbeArgs, default_server: impl FnOnce() -> Result<Target, String>) -> ExitCode {
    let client = match connect(&args.common, default_server) {
        Ok(c) => c,
        Err(code) => return code,
    };
    let mut body = Map::new();
    for (key, value) in [
        ("port", &args.port),
        ("node_ips", &args.node_ips),
        ("service_ips", &args.service_ips),
    ] {
        if let Some(v) = value {
            body.insert(key.into(), json!(v));
        }
    }
    let answer = client.send("POST", "/api/v1/compute/probe", Some(Value::Object(body)));
    let v = match answered(&client, answer, args.common.json) {
        Ok(v) => v,
        Err(code) => return code,
    };
    if args.common.json {
        println!("{}", serde_json::to_string_pretty(&v).unwrap_or_default());
    } else {
        match super::decode::<doc::ProbeResult>(&v) {
            Ok(r) => println!("{}", describe(&r)),
            Err(code) => return code,
        }
    }
    ExitCode::SUCCESS
}
