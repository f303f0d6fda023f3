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
    /// Build, then rebuild on every save and serve a live-reloading preview.
    ///
    /// Drafts are shown by default while watching; pass --no-drafts to hide them.
    /// Links are made relative to the server root (base URL `/`) unless --base-url is given.
    Watch {
        /// Site root: the folder holding posts/, templates/, static/ and sitegen.toml.
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Output folder [default: ROOT/public].
        #[arg(long)]
        output: Option<PathBuf>,
        /// Build drafts (the default in watch).
        #[arg(long, overrides_with = "no_drafts")]
        drafts: bool,
        /// Leave drafts out.
        #[arg(long, overrides_with = "drafts")]
        no_drafts: bool,
        /// Port of the preview server (the next free one is taken if it is busy).
        #[arg(long, default_value_t = 1111)]
        port: u16,
        /// Address to listen on. Keep the default unless you mean to expose the preview.
        #[arg(long, default_value = "127.0.0.1")]
        bind: String,
        /// Only rebuild; do not start the preview server.
        #[arg(long)]
        no_serve: bool,
        /// Base URL for links [default: /].
        #[arg(long)]
        base_url: Option<String>,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Watch {
            root,
            output,
            drafts: _,
            no_drafts,
            port,
            bind,
            no_serve,
            base_url,
        } => {
            let overrides = Overrides {
                output,
                drafts: !no_drafts,
                base_url: Some(base_url.unwrap_or_else(|| "/".into())),
            };
            let opts = sitegen::watch::WatchOptions {
                root,
                overrides,
                serve: (!no_serve).then_some((bind, port)),
                debounce: std::time::Duration::from_millis(3),
            };
            match sitegen::watch::run(opts) {
                Ok(()) => ExitCode::SUCCESS,
                Err(failure) => {
                    eprintln!("{failure}");
                    ExitCode::FAILURE
                }
            }
        }
        Command::Build {
            root,
            output,
            drafts,
            base_url,
        } => {
            let overrides = Overrides {
                output,
                drafts,
                base_url,
            };
            let result = Config::load(&root, overrides).and_then(|config| sitegen::build(&config));
            match result {
                Ok(report) => {
                    for w in &report.warnings {
                        eprintln!("{w}");
                    }
                    eprintln!(
                        "built {} pages ({} files) in {} ms",
                        report.pages, report.files, report.millis
                    );
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
