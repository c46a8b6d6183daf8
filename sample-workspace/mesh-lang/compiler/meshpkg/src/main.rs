//! `meshpkg`: client for the Mesh package registry.
//! Sample stand-in: the argument surface matches the real tool; bodies are stubs.

use clap::{Parser, Subcommand};

#[derive(Parser)]
#[command(name = "meshpkg", version, about = "Publish, install and search Mesh packages")]
struct Cli {
    /// Print results as JSON
    #[arg(long, global = true)]
    json: bool,

    #[command(subcommand)]
    command: Commands,
}

#[derive(Subcommand)]
enum Commands {
    /// Store a registry API token for later publishes
    Login {
        /// API token (prompted for when omitted)
        #[arg(long)]
        token: Option<String>,
    },
    /// Publish the package in the current directory
    Publish {
        /// Registry URL to publish to
        #[arg(long)]
        registry: Option<String>,
    },
    /// Install one package, or everything mesh.toml lists
    Install {
        /// Package to install; omit to install all dependencies
        name: Option<String>,

        /// Registry URL to install from
        #[arg(long)]
        registry: Option<String>,
    },
    /// Search the registry
    Search {
        /// Words to search for
        query: String,

        /// Registry URL to search
        #[arg(long)]
        registry: Option<String>,
    },
    /// Update the installed toolchain
    Update,
}

fn main() {
    let cli = Cli::parse();
    let name = match &cli.command {
        Commands::Login { .. } => "login",
        Commands::Publish { .. } => "publish",
        Commands::Install { .. } => "install",
        Commands::Search { .. } => "search",
        Commands::Update => "update",
    };
    if cli.json {
        println!("{{\"command\":\"{name}\",\"ok\":false,\"reason\":\"sample repo\"}}");
    } else {
        eprintln!("meshpkg {name}: not implemented in the sample repo");
    }
    std::process::exit(1);
}
