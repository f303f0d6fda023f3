//! `sitegen build`.

use std::path::{Path, PathBuf};

use clap::Args;
use sitegen::{Failure, Overrides};

use super::{RootArg, UrlsArg};
use crate::report::{detail, say, shown};

#[derive(Args)]
pub struct BuildArgs {
    #[command(flatten)]
    root: RootArg,
    /// Output folder [default: ROOT/public].
    #[arg(short, long)]
    output: Option<PathBuf>,
    /// Build draft posts too.
    #[arg(short = 'D', long)]
    drafts: bool,
    /// Build posts dated after today too (today is SOURCE_DATE_EPOCH when set).
    #[arg(long)]
    future: bool,
    /// Base URL the site is served from, e.g. https://example.org/blog/ [default: from sitegen.toml, else /].
    #[arg(long)]
    base_url: Option<String>,
    #[command(flatten)]
    urls: UrlsArg,
}

pub fn run(args: BuildArgs) -> Result<(), Failure> {
    let urls = args.urls.mode();
    let root = args.root.resolve()?;
    build(
        &root,
        Overrides {
            output: args.output,
            drafts: args.drafts,
            base_url: args.base_url,
            future: args.future,
            urls,
        },
    )
}

/// Builds the site at `root` and prints its warnings and the summary line.
pub fn build(root: &Path, overrides: Overrides) -> Result<(), Failure> {
    let report = sitegen::build_root(root, overrides)?;
    for w in &report.warnings {
        eprintln!("{w}");
    }
    if let Some((count, next)) = report.scheduled {
        let s = if count == 1 { "" } else { "s" };
        say!(
            "held back {count} scheduled post{s} (the next is dated {next}); pass --future to build them"
        );
    }
    if report.drafts > 0 {
        let (n, s) = (report.drafts, if report.drafts == 1 { "" } else { "s" });
        say!("left out {n} draft post{s}; pass --drafts (-D) to build them");
    }
    let images = match report.images_encoded {
        0 => String::new(),
        1 => ", 1 image encoded".to_string(),
        n => format!(", {n} images encoded"),
    };
    let search = match report.search_shards {
        (0, _) => String::new(),
        (_, 1) => ", search index made".to_string(),
        (made, all) => format!(", {made} of {all} search index shards made"),
    };
    detail!("site root: {}", root.display());
    say!(
        "built {} pages ({} rendered, {} files, {} written{images}{search}) into {} in {} ms",
        report.pages,
        report.rendered,
        report.files,
        report.written,
        shown(&report.output),
        report.millis
    );
    Ok(())
}
