//! `meshc cluster ...`: read-only operator queries against a running node.
//!
//! Recommended order: `status`, then `continuity` without a key (list), then
//! `continuity <target> <request_key>` (one record), then `diagnostics`.

use clap::{Args, Subcommand};

#[derive(Subcommand)]
pub enum ClusterCommand {
    /// Show membership, role, promotion epoch and replication health
    Status(StatusArgs),
    /// List continuity records, or show one when a request key is given
    Continuity(ContinuityArgs),
    /// Show the broader diagnostic view of the node
    Diagnostics(DiagnosticsArgs),
}

#[derive(Args)]
pub struct StatusArgs {
    /// Node to query, as name@host:port
    pub target: String,

    /// Cluster cookie (otherwise taken from the environment)
    #[arg(long)]
    pub cookie: Option<String>,

    /// Give up after this many milliseconds
    #[arg(long, default_value_t = 5000)]
    pub timeout_ms: u64,

    /// Print machine-readable JSON
    #[arg(long)]
    pub json: bool,
}

#[derive(Args)]
pub struct ContinuityArgs {
    /// Node to query, as name@host:port
    pub target: String,

    /// Request key of a single record; omit to list records
    pub request_key: Option<String>,

    /// Maximum number of records to list
    #[arg(long, default_value_t = 50)]
    pub limit: usize,

    /// Cluster cookie (otherwise taken from the environment)
    #[arg(long)]
    pub cookie: Option<String>,

    /// Give up after this many milliseconds
    #[arg(long, default_value_t = 5000)]
    pub timeout_ms: u64,

    /// Print machine-readable JSON
    #[arg(long)]
    pub json: bool,
}

#[derive(Args)]
pub struct DiagnosticsArgs {
    /// Node to query, as name@host:port
    pub target: String,

    /// Maximum number of diagnostic entries
    #[arg(long, default_value_t = 50)]
    pub limit: usize,

    /// Cluster cookie (otherwise taken from the environment)
    #[arg(long)]
    pub cookie: Option<String>,

    /// Give up after this many milliseconds
    #[arg(long, default_value_t = 5000)]
    pub timeout_ms: u64,

    /// Print machine-readable JSON
    #[arg(long)]
    pub json: bool,
}

pub fn run(command: ClusterCommand) -> Result<(), String> {
    let (target, json) = match &command {
        ClusterCommand::Status(args) => (&args.target, args.json),
        ClusterCommand::Continuity(args) => (&args.target, args.json),
        ClusterCommand::Diagnostics(args) => (&args.target, args.json),
    };
    if !target.contains('@') {
        return Err(format!("expected name@host:port, got {target}"));
    }
    let _ = json;
    Err("cluster queries are not implemented in the sample repo".into())
}
