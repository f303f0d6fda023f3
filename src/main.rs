//! The `sitegen` command line: parses arguments, calls the library, prints diagnostics, sets the exit code.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use sitegen::{Config, Overrides};

/// A static-site generator for blog series.
#[derive(Parser)]
#[command(name = "sitegen", version, about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Build the site into the output folder (replaced only when the whole build succeeds).
    Build {
        /// Site root: the folder holding posts/, templates/, static/ and sitegen.toml.
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Output folder [default: ROOT/public].
        #[arg(long)]
        output: Option<PathBuf>,
        /// Build draft posts too.
        #[arg(long)]
        drafts: bool,
        /// Base URL the site is served from, e.g. https://example.org/blog/ [default: from sitegen.toml, else /].
        #[arg(long)]
        base_url: Option<String>,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Build { root, output, drafts, base_url } => {
            let overrides = Overrides { output, drafts, base_url };
            let result = Config::load(&root, overrides).and_then(|config| sitegen::build(&config));
            match result {
                Ok(report) => {
                    for w in &report.warnings {
                        eprintln!("{w}");
                    }
                    eprintln!("built {} pages ({} files) in {} ms", report.pages, report.files, report.millis);
                    ExitCode::SUCCESS
                }
                Err(failure) => {
                    eprintln!("{failure}");
                    ExitCode::FAILURE
                }
            }
        }
    }
}
