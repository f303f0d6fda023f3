//! The `sitegen` command line: parses arguments, calls the library, prints diagnostics, sets the exit code.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use sitegen::{Config, Diagnostic, Failure, Overrides, Watch, WatchEvent, WatchOptions};

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
    /// Build in memory (writing nothing) and check every link and #anchor of every page.
    ///
    /// Reports every broken link with its page and, where it was written in Markdown, its
    /// file, line and column; exits 1 if any is broken.
    Check {
        /// Site root: the folder holding posts/, templates/, static/ and sitegen.toml.
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Check draft posts too.
        #[arg(long)]
        drafts: bool,
        /// Base URL the site is served from [default: from sitegen.toml, else /].
        #[arg(long)]
        base_url: Option<String>,
        /// Also check external http(s) links (4 requests at once, 1 s between requests to one host).
        #[arg(long)]
        external: bool,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Watch {
            root,
            output,
            drafts: _,
            no_drafts,
            port,
            bind,
            no_serve,
            base_url,
        } => watch(WatchOptions {
            root,
            overrides: Overrides {
                output,
                drafts: !no_drafts,
                base_url: Some(base_url.unwrap_or_else(|| "/".into())),
            },
            serve: (!no_serve).then_some((bind, port)),
            debounce: std::time::Duration::from_millis(3),
        }),
        Command::Build {
            root,
            output,
            drafts,
            base_url,
        } => build(
            &root,
            Overrides {
                output,
                drafts,
                base_url,
            },
        ),
        Command::Check {
            root,
            drafts,
            base_url,
            external,
        } => return check(&root, drafts, base_url, external),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(failure) => {
            eprintln!("{failure}");
            ExitCode::FAILURE
        }
    }
}

fn build(root: &Path, overrides: Overrides) -> Result<(), Failure> {
    let config = Config::load(root, overrides)?;
    let report = sitegen::build(&config)?;
    for w in &report.warnings {
        eprintln!("{w}");
    }
    eprintln!(
        "built {} pages ({} files) in {} ms",
        report.pages, report.files, report.millis
    );
    Ok(())
}

/// `check` prints its own report: a summary line instead of "build failed".
fn check(root: &Path, drafts: bool, base_url: Option<String>, external: bool) -> ExitCode {
    let overrides = Overrides {
        drafts,
        base_url,
        ..Overrides::default()
    };
    let options = sitegen::CheckOptions {
        external,
        ..Default::default()
    };
    let report = match Config::load(root, overrides).and_then(|c| sitegen::check(&c, &options)) {
        Ok(report) => report,
        Err(failure) => {
            eprintln!("{failure}");
            return ExitCode::FAILURE;
        }
    };
    for d in report.warnings.iter().chain(&report.problems) {
        eprintln!("{d}");
    }
    eprintln!(
        "checked {} links on {} pages: {} broken",
        report.links, report.pages, report.broken
    );
    if report.broken > 0 {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}

fn watch(opts: WatchOptions) -> Result<(), Failure> {
    let watch = Watch::new(opts)?;
    let stopper = watch.stopper();
    // Ctrl-C (and SIGTERM) end the loop between rebuilds, so no file is left half-written.
    ctrlc::set_handler(move || stopper.stop())
        .map_err(|e| Diagnostic::new(format!("cannot handle Ctrl-C: {e}")))?;
    watch.run(print_watch_event)
}

fn print_watch_event(event: WatchEvent<'_>) {
    match event {
        WatchEvent::Serving {
            output,
            addr,
            requested_port,
        } => {
            if addr.port() != requested_port {
                eprintln!(
                    "port {requested_port} is taken; using {} instead",
                    addr.port()
                );
            }
            eprintln!("serving {} at http://{addr}/", output.display());
        }
        WatchEvent::Watching => eprintln!(
            "watching posts/, templates/, static/ and sitegen.toml for changes (Ctrl-C to stop)"
        ),
        WatchEvent::Built { what, outcome } => {
            for w in &outcome.warnings {
                eprintln!("{w}");
            }
            let plural = |n: usize| if n == 1 { "" } else { "s" };
            eprintln!(
                "{what}: {} page{} rendered, {} file{} written, {} removed in {} ms",
                outcome.rendered,
                plural(outcome.rendered),
                outcome.written.len(),
                plural(outcome.written.len()),
                outcome.removed.len(),
                outcome.millis
            );
        }
        WatchEvent::Failed { what, failure } => eprintln!("{what}:\n{failure}"),
        WatchEvent::Stopped => eprintln!("stopped"),
    }
}
