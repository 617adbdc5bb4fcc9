//! `edgenet probe`: checks, from the VM namespace, whether another station
//! on the compute port's segment already answers for an address of the node
//! or service range (RFC 5227 ARP probes), and whether the gateway and DNS
//! servers answer; through `POST /api/v1/compute/probe`.

use std::process::ExitCode;

use clap::Args;
use serde_json::{json, Map, Value};

use super::{answered, connect, Common, Target};

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
pub fn describe(v: &Value) -> String {
    let mut out = Vec::new();
    if v["wire"] != "checked" {
        out.push(v["message"].as_str().unwrap_or("").to_string());
    }
    let in_use = v["in_use"].as_array().cloned().unwrap_or_default();
    out.push(format!(
        "Checked {} addresses in {} ms: {}",
        v["checked"],
        v["millis"],
        match in_use.len() {
            0 => "none in use by another device".to_string(),
            1 => "1 in use by another device".to_string(),
            n => format!("{n} in use by another device"),
        }
    ));
    for w in v["warnings"].as_array().into_iter().flatten() {
        out.push(format!("warning: {}", w["message"].as_str().unwrap_or("")));
    }
    for n in v["neighbours"].as_array().into_iter().flatten() {
        out.push(format!(
            "{} {}: {}{}",
            n["role"].as_str().unwrap_or(""),
            n["address"].as_str().unwrap_or(""),
            n["state"].as_str().unwrap_or(""),
            n["mac"]
                .as_str()
                .map(|m| format!(" ({m})"))
                .unwrap_or_default()
        ));
    }
    out.join("\n")
}

/// The reachability lines of a route-add answer: the new route's next hop.
pub fn describe_next_hop(v: &Value) -> Option<String> {
    let r = &v["next_hop_reachability"];
    let state = r["state"].as_str()?;
    let rtt = r["rtt_micros"]
        .as_u64()
        .map(|us| format!(" ({:.1} ms)", us as f64 / 1000.0))
        .unwrap_or_default();
    Some(match state {
        "unchecked" => format!(
            "next hop {}: not checked ({})",
            r["address"].as_str().unwrap_or(""),
            if v["reachability"]["wire"] == "off" {
                "wire checks are off"
            } else {
                "dry run: no route-namespace, nothing can be known about the wire"
            }
        ),
        s => format!("next hop {}: {s}{rtt}", r["address"].as_str().unwrap_or("")),
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
        println!("{}", describe(&v));
    }
    ExitCode::SUCCESS
}
