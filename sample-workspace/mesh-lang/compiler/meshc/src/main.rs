//! `meshc`: the Mesh compiler and project tool.
//!
//! Sample stand-in. The argument surface below mirrors the real CLI; the
//! command bodies are small stubs because this file is only read, never built.

mod cluster;

use std::path::{Path, PathBuf};
use std::process;

use clap::{Parser, Subcommand, ValueEnum};

#[derive(Parser)]
#[command(name = "meshc", version, about = "Compiler and project tool for Mesh")]
struct Cli {
    #[command(subcommand)]
    command: Commands,
}

#[derive(Subcommand)]
enum Commands {
    /// Compile a Mesh package into a native executable
    Build {
        /// Package directory (holds mesh.toml and main.mpl)
        dir: PathBuf,

        /// Optimization level: 0 for debug builds, 2 for release builds
        #[arg(long, default_value_t = 0)]
        opt_level: u8,

        /// Also write the generated LLVM IR (.ll) next to the executable
        #[arg(long)]
        emit_llvm: bool,

        /// Where to write the executable (defaults to <dir>/<package name>)
        #[arg(short, long)]
        output: Option<PathBuf>,

        /// Target triple to cross-compile for
        #[arg(long)]
        target: Option<String>,

        /// Print diagnostics as JSON lines
        #[arg(long)]
        json: bool,

        /// Turn off colored output
        #[arg(long)]
        no_color: bool,
    },
    /// Create a new Mesh package in a new directory
    Init {
        /// Name of the package and of the directory to create
        name: String,

        /// Scaffold the minimal clustered app (main.mpl + work.mpl)
        #[arg(long)]
        clustered: bool,

        /// Scaffold a named starter template, e.g. todo-api
        #[arg(long)]
        template: Option<String>,

        /// Database for the todo-api template (sqlite is local-only; postgres is the deployable starter)
        #[arg(long, value_enum)]
        db: Option<Db>,
    },
    /// Inspect a running cluster through the runtime's operator surface
    Cluster {
        #[command(subcommand)]
        action: cluster::ClusterCommand,
    },
    /// Resolve and download dependencies listed in mesh.toml
    Deps {
        /// Package directory (current directory when omitted)
        dir: Option<PathBuf>,
    },
    /// Update the installed meshc and meshpkg toolchain
    Update,
    /// Start an interactive session
    Repl,
    /// Run the language server over stdin/stdout
    Lsp,
    /// Format Mesh source files in place
    Fmt {
        /// A .mpl file, or a directory to format recursively
        path: PathBuf,

        /// Report files that would change and exit non-zero, without rewriting them
        #[arg(long)]
        check: bool,

        /// Wrap lines longer than this many columns
        #[arg(long = "line-width", default_value_t = 100)]
        line_width: usize,

        /// Spaces per indentation level
        #[arg(long = "indent-size", default_value_t = 2)]
        indent_size: usize,
    },
    /// Run *.test.mpl files
    Test {
        /// Package root, tests directory or single test file (current directory when omitted)
        path: Option<PathBuf>,

        /// Print one character per test instead of test names
        #[arg(long)]
        quiet: bool,

        /// Ask for a coverage report
        #[arg(long)]
        coverage: bool,
    },
    /// Apply, roll back, inspect or create database migrations (needs DATABASE_URL)
    Migrate {
        #[command(subcommand)]
        action: Option<MigrateAction>,

        /// Package directory
        #[arg(default_value = ".")]
        dir: PathBuf,
    },
}

#[derive(Subcommand)]
enum MigrateAction {
    /// Apply every pending migration (what a bare `meshc migrate` does)
    Up,
    /// Undo the most recently applied migration
    Down,
    /// List applied and pending migrations
    Status,
    /// Write a new, empty migration file
    Generate {
        /// Short name for the migration, e.g. add_todos
        name: String,
    },
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
enum Db {
    Sqlite,
    Postgres,
}

fn main() {
    let cli = Cli::parse();
    let result = match cli.command {
        Commands::Build { dir, opt_level, emit_llvm, output, target, json, no_color } => {
            build(&dir, opt_level, emit_llvm, output.as_deref(), target.as_deref(), json, no_color)
        }
        Commands::Init { name, clustered, template, db } => {
            init(&name, clustered, template.as_deref(), db)
        }
        Commands::Cluster { action } => cluster::run(action),
        Commands::Deps { dir } => deps(dir.as_deref().unwrap_or(Path::new("."))),
        Commands::Update => stub("update"),
        Commands::Repl => stub("repl"),
        Commands::Lsp => stub("lsp"),
        Commands::Fmt { path, check, line_width, indent_size } => {
            fmt(&path, check, line_width, indent_size)
        }
        Commands::Test { path, quiet, coverage } => {
            test(path.as_deref().unwrap_or(Path::new(".")), quiet, coverage)
        }
        Commands::Migrate { action, dir } => migrate(action.unwrap_or(MigrateAction::Up), &dir),
    };
    if let Err(message) = result {
        eprintln!("error: {message}");
        process::exit(1);
    }
}

fn stub(name: &str) -> Result<(), String> {
    Err(format!("`meshc {name}` is not implemented in the sample repo"))
}

fn build(
    dir: &Path,
    opt_level: u8,
    emit_llvm: bool,
    output: Option<&Path>,
    target: Option<&str>,
    json: bool,
    no_color: bool,
) -> Result<(), String> {
    let _ = (opt_level, emit_llvm, output, target, json, no_color);
    if !dir.join("mesh.toml").exists() {
        return Err(format!("{} has no mesh.toml", dir.display()));
    }
    stub("build")
}

fn init(name: &str, clustered: bool, template: Option<&str>, db: Option<Db>) -> Result<(), String> {
    if clustered && template.is_some() {
        return Err("--clustered and --template cannot be combined".into());
    }
    if db.is_some() && template != Some("todo-api") {
        return Err("--db only applies to --template todo-api".into());
    }
    let _ = name;
    stub("init")
}

fn deps(dir: &Path) -> Result<(), String> {
    let _ = dir;
    stub("deps")
}

fn fmt(path: &Path, check: bool, line_width: usize, indent_size: usize) -> Result<(), String> {
    let _ = (path, check, line_width, indent_size);
    stub("fmt")
}

fn test(path: &Path, quiet: bool, coverage: bool) -> Result<(), String> {
    if coverage {
        return Err("coverage reporting is not supported yet".into());
    }
    let _ = (path, quiet);
    stub("test")
}

fn migrate(action: MigrateAction, dir: &Path) -> Result<(), String> {
    let _ = dir;
    match action {
        MigrateAction::Up | MigrateAction::Down | MigrateAction::Status => stub("migrate"),
        MigrateAction::Generate { name } => Err(format!("cannot generate migration {name} in the sample repo")),
    }
}
