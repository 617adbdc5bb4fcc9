//! The `edgenet` command: the server, and (later) a client of its API.

use std::{net::SocketAddr, path::PathBuf, process::ExitCode};

mod cli;

use clap::{Parser, Subcommand};
use edgenet::router::router;
use edgenet::server::{
    http,
    http::{assets, tls},
    settings::{Overrides, Settings},
    startup, AppState,
};

#[derive(Parser)]
#[command(
    name = "edgenet",
    version,
    about = "Local web UI of an edge compute appliance"
)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
    #[command(flatten)]
    serve: ServeArgs,
}

#[derive(Subcommand)]
enum Command {
    /// Serve the web UI and the HTTP API (the default).
    Serve(ServeArgs),
    /// Custom routes of the Kubernetes VMs, through the running server's API.
    #[command(subcommand)]
    Route(cli::RouteCommand),
    /// The whole configuration as a file: export, diff, apply (docs/config-file.md).
    #[command(subcommand)]
    Config(cli::config::ConfigCommand),
    /// Check the compute port's segment for addresses of the node and
    /// service ranges that another device already answers for (ARP probes
    /// from the VM namespace), and whether the gateway and DNS servers answer.
    Probe(cli::probe::ProbeArgs),
}

#[derive(clap::Args, Clone, Default)]
struct ServeArgs {
    /// The runtime configuration file.
    #[arg(
        long,
        env = "EDGENET_CONFIG",
        default_value = "Leptos.toml",
        global = true
    )]
    config: PathBuf,
    /// Address and port to listen on, e.g. 0.0.0.0:8443 (overrides site-addr).
    #[arg(long, value_name = "ADDR:PORT")]
    listen: Option<SocketAddr>,
    /// Where the configuration and its history are written.
    #[arg(long, value_name = "DIR")]
    data_dir: Option<PathBuf>,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let args = match cli.command {
        Some(Command::Serve(a)) => a,
        Some(Command::Route(cmd)) => {
            let config = cli.serve.config.clone();
            return cli::run(cmd, move || default_target(&config));
        }
        Some(Command::Config(cmd)) => {
            let config = cli.serve.config.clone();
            return cli::config::run(cmd, move || default_target(&config));
        }
        Some(Command::Probe(args)) => {
            let config = cli.serve.config.clone();
            return cli::probe::run(args, move || default_target(&config));
        }
        None => cli.serve,
    };
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_env("EDGENET_LOG")
                .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info")),
        )
        .with_target(false)
        .init();
    let overrides = Overrides {
        listen: args.listen,
        data_dir: args.data_dir,
    };
    let settings = match Settings::load(&args.config, &overrides) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("edgenet: {e}");
            return ExitCode::from(2);
        }
    };
    if let Err(e) = startup::check(&settings) {
        eprintln!("edgenet: {e}");
        return ExitCode::from(2);
    }
    let runtime = match tokio::runtime::Runtime::new() {
        Ok(r) => r,
        Err(e) => {
            eprintln!("edgenet: cannot start the runtime: {e}");
            return ExitCode::FAILURE;
        }
    };
    match runtime.block_on(serve(settings)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("edgenet: {e}");
            ExitCode::FAILURE
        }
    }
}

/// The server the runtime configuration `config` would listen on, and the
/// certificate to trust for it: where the command-line clients go by default.
fn default_target(config: &std::path::Path) -> Result<cli::Target, String> {
    let s = Settings::load(config, &Overrides::default()).map_err(|e| e.to_string())?;
    let mut addr = s.leptos.site_addr;
    if addr.ip().is_unspecified() {
        addr.set_ip(std::net::Ipv4Addr::LOCALHOST.into());
    }
    let (scheme, ca) = match &s.tls {
        tls::Tls::Off => ("http", None),
        tls::Tls::SelfSigned => ("https", Some(s.data_dir.join("tls").join("cert.pem"))),
        tls::Tls::Files { cert, .. } => ("https", Some(cert.clone())),
    };
    Ok(cli::Target {
        url: format!("{scheme}://{addr}"),
        ca,
    })
}

async fn serve(settings: Settings) -> Result<(), String> {
    let addr = settings.leptos.site_addr;
    let data_dir = settings.data_dir.clone();
    let profile_source = settings.profile_source.clone();
    let limits = http::fit_open_files(settings.limits.clone());
    let cert = tls::certificate(
        &settings.tls,
        &settings.data_dir,
        &settings.device_name,
        addr.ip(),
    )?;
    let state = AppState::new(settings)?;
    state.start_route_backend();
    assets::warm_catalogs();
    let app = router(state);
    let listener = http::serve::bind(addr).map_err(|e| format!("cannot listen on {addr}: {e}"))?;
    let scheme = if cert.is_some() { "https" } else { "http" };
    let config = match cert {
        None => {
            tracing::warn!("serving plain HTTP (plain-http is set): passwords and sessions cross the network unencrypted");
            None
        }
        Some((cert, key)) => {
            let _ = rustls::crypto::ring::default_provider().install_default();
            Some(
                axum_server::tls_rustls::RustlsConfig::from_pem_file(&cert, &key)
                    .await
                    .map_err(|e| {
                        format!(
                            "cannot use the TLS certificate {} and key {}: {e}",
                            cert.display(),
                            key.display()
                        )
                    })?,
            )
        }
    };
    tracing::info!(%addr, data_dir = %data_dir.display(), profile = %profile_source, max_connections = limits.max_connections, per_client = limits.max_connections_per_client, "edgenet listening on {scheme}://{addr}");
    http::serve::serve(app, listener, config, &limits)
        .await
        .map_err(|e| format!("server stopped: {e}"))?;
    tracing::info!("stopped");
    Ok(())
}
