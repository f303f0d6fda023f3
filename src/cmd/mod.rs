//! The command line's layer (the only place that knows clap): one file per command, each parsing
//! its flags into the library's options, calling one library function and printing its report
//! (`report.rs`). The arguments several commands share are declared once here and flattened in.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand, ValueEnum};
use sitegen::{Diagnostic, Failure};

mod build;
mod check;
mod import;
mod init;
mod new;
mod redirects;
mod reference;
mod watch;

/// A static-site generator for blog series.
#[derive(Parser)]
#[command(name = "sitegen", version, about)]
pub struct Cli {
    #[command(subcommand)]
    command: Command,
    /// Print only warnings and errors.
    #[arg(short, long, global = true, conflicts_with = "verbose")]
    quiet: bool,
    /// Print more: the site root, and each rebuild's phases in watch.
    #[arg(short, long, global = true)]
    verbose: bool,
}

#[derive(Subcommand)]
enum Command {
    /// Build the site into the output folder (replaced only when the whole build succeeds).
    Build(build::BuildArgs),
    /// Build, then rebuild on every save and serve a live-reloading preview.
    ///
    /// Drafts and scheduled (future-dated) posts are shown by default while watching, marked;
    /// pass --no-drafts to hide drafts.
    /// Links are made relative to the server root (base URL `/`) unless --base-url is given.
    /// `sitegen serve` is the same command.
    #[command(visible_alias = "serve")]
    Watch(watch::WatchArgs),
    /// Write a new post or exercise that follows the site's conventions (never overwrites a file).
    New {
        #[command(subcommand)]
        what: new::New,
    },
    /// Create a small site that builds at once: settings, a two-part series and an exercise.
    Init(init::InitArgs),
    /// Move a site in from another tool: `sitegen import wordpress EXPORT.xml --into DIR`.
    Import {
        #[command(subcommand)]
        from: import::Import,
    },
    /// Build in memory (writing nothing) and check every link and #anchor of every page.
    ///
    /// Reports every broken link with its page and, where it was written in Markdown, its
    /// file, line and column; exits 1 if any is broken.
    Check(check::CheckArgs),
    /// Print the 301 redirects of every alias as server configuration, to put in a file that
    /// the server includes: nginx (`location = … { return 301 …; }` lines for a `server` block),
    /// apache (`RedirectMatch 301` and mod_rewrite lines), or netlify (the `_redirects` lines
    /// that the build also writes).
    Redirects(redirects::RedirectsArgs),
    /// Print a completion script for a shell, e.g. `sitegen completions bash > ~/.local/share/bash-completion/completions/sitegen`.
    Completions {
        /// The shell: bash, zsh, fish, powershell or elvish.
        shell: clap_complete::Shell,
    },
    /// Print the manual's command-line page (Markdown), generated from these definitions.
    #[command(hide = true, name = "command-line-reference")]
    Reference,
}

/// Runs the command the arguments name.
pub fn run(cli: Cli) -> ExitCode {
    crate::report::set_level(match (cli.quiet, cli.verbose) {
        (true, _) => crate::report::Level::Quiet,
        (_, true) => crate::report::Level::Verbose,
        _ => crate::report::Level::Normal,
    });
    match cli.command {
        Command::Build(args) => exit(build::run(args)),
        Command::Watch(args) => exit(watch::run(args)),
        Command::New { what } => new::run(what),
        Command::Init(args) => init::run(args),
        Command::Import { from } => import::run(from),
        Command::Check(args) => check::run(args),
        Command::Redirects(args) => exit(redirects::run(args)),
        Command::Completions { shell } => {
            use clap::CommandFactory;
            clap_complete::generate(
                shell,
                &mut Cli::command(),
                "sitegen",
                &mut std::io::stdout(),
            );
            ExitCode::SUCCESS
        }
        Command::Reference => {
            use clap::CommandFactory;
            print!("{}", reference::page(Cli::command()));
            ExitCode::SUCCESS
        }
    }
}

/// Exit code 0, or the failure printed and 1.
fn exit(result: Result<(), Failure>) -> ExitCode {
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(failure) => {
            eprintln!("{failure}");
            ExitCode::FAILURE
        }
    }
}

/// `--root`, which every command that reads a site takes.
#[derive(Args)]
pub struct RootArg {
    /// Site root: the folder holding posts/, templates/, static/ and sitegen.toml
    /// [default: the nearest folder at or above the current one holding sitegen.toml or posts/].
    #[arg(long)]
    root: Option<PathBuf>,
}

impl RootArg {
    /// The site root: `--root` as given, else the nearest folder at or above the current one
    /// that holds `sitegen.toml` or `posts/` (named on stderr when it is not the current folder).
    fn resolve(self) -> Result<PathBuf, Failure> {
        if let Some(root) = self.root {
            return Ok(root);
        }
        let here = std::env::current_dir()
            .map_err(|e| Diagnostic::new(format!("cannot read the current folder: {e}")))?;
        let found = sitegen::find_site_root(&here)?;
        if here.canonicalize().is_ok_and(|h| h == found) {
            return Ok(PathBuf::from("."));
        }
        crate::report::say!("site root: {}", found.display());
        Ok(found)
    }
}

/// `--urls`, for the commands that write or check links.
#[derive(Args)]
pub struct UrlsArg {
    /// How internal links are written: pretty (/core/), index (/core/index.html, for hosts
    /// without directory indexes) or relative (../core/index.html, for file://)
    /// [default: from sitegen.toml, else pretty].
    #[arg(long, value_enum)]
    urls: Option<Urls>,
}

impl UrlsArg {
    fn mode(&self) -> Option<sitegen::UrlMode> {
        self.urls.map(|u| match u {
            Urls::Pretty => sitegen::UrlMode::Pretty,
            Urls::Index => sitegen::UrlMode::Index,
            Urls::Relative => sitegen::UrlMode::Relative,
        })
    }
}

/// The values of `--urls` (the library's `UrlMode`).
#[derive(Clone, Copy, ValueEnum)]
enum Urls {
    /// Folder URLs, root-relative (`/core/`).
    Pretty,
    /// Root-relative URLs naming the file (`/core/index.html`).
    Index,
    /// URLs relative to the page (`../core/index.html`).
    Relative,
}
