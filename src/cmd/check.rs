//! `sitegen check`: prints its own report, a summary line instead of "build failed".

use std::process::ExitCode;

use clap::Args;
use sitegen::{Config, Overrides};

use super::{RootArg, UrlsArg};

#[derive(Args)]
pub struct CheckArgs {
    #[command(flatten)]
    root: RootArg,
    /// Check draft posts too.
    #[arg(long)]
    drafts: bool,
    /// Base URL the site is served from [default: from sitegen.toml, else /].
    #[arg(long)]
    base_url: Option<String>,
    /// Also check external http(s) links (4 requests at once, 1 s between requests to one host).
    #[arg(long)]
    external: bool,
    #[command(flatten)]
    urls: UrlsArg,
}

pub fn run(args: CheckArgs) -> ExitCode {
    let overrides = Overrides {
        drafts: args.drafts,
        base_url: args.base_url,
        urls: args.urls.mode(),
        ..Overrides::default()
    };
    let options = sitegen::CheckOptions {
        external: args.external,
        ..Default::default()
    };
    let report = match args
        .root
        .resolve()
        .and_then(|root| Config::load(&root, overrides))
        .and_then(|c| sitegen::check(&c, &options))
    {
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
