//! sitegen: a static-site generator for blog series. `build` runs the pipeline:
//! config -> load sources -> index (phase 1) -> render pages (phase 2) -> atomic output.
//!
//! The public surface is what the binary, the tests and the benches use: [`build()`], [`compile`],
//! [`Config`], the watch loop ([`Watch`]) and its [`Session`], the scaffolds ([`new_post`],
//! [`new_exercise`], [`init`]), and the diagnostics. Everything else is crate-private. The library prints nothing and installs no signal handler.

mod build;
mod calls;
mod check;
mod config;
mod content;
mod date;
mod diagnostic;
mod document;
mod faults;
mod fsutil;
#[doc(hidden)]
pub mod fuzzing;
mod hash;
mod highlight;
mod html;
mod i18n;
mod images;
mod import;
mod incremental;
mod markdown;
mod output;
mod pipeline;
mod render;
mod root;
mod scaffold;
mod schemes;
mod search;
mod serve;
mod shortcodes;
mod site;
mod theme;
mod video_url;
mod walk;
mod watch;

pub use check::{CheckOptions, CheckReport, Limits, check};
pub use config::{Config, Overrides, UrlMode};
pub use diagnostic::{Diagnostic, Failure, Severity};
pub use import::{DownloadLimits, ImportOptions, ImportReport, import_wordpress};
pub use incremental::{Outcome, Phases, SearchOutcome, SearchRefresh, Session};
pub use root::find_site_root;
pub use scaffold::{
    Created, NewExercise, NewPage, NewPost, init, new_exercise, new_page, new_post,
};
pub use serve::exposure_warning as preview_exposure_warning;
pub use shortcodes::MAX_DEPTH as MAX_NESTING;
pub use watch::{Stopper, Watch, WatchEvent, WatchOptions};

use diagnostic::Diagnostics;
use pipeline::compile_site;
pub use pipeline::{Compiled, Report};

/// Which server's configuration [`redirects`] writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RedirectServer {
    /// Lines for an nginx `server` block.
    Nginx,
    /// Lines for Apache's server or virtual-host configuration.
    Apache,
    /// `_redirects` lines (Netlify, Cloudflare Pages), as the build writes them.
    Netlify,
}

/// The 301 redirects of every alias of the site, as `server`'s configuration (the site is
/// loaded and indexed in memory; nothing is written).
pub fn redirects(config: &Config, server: RedirectServer) -> Result<String, Failure> {
    let (site, _, _) = compile_site(config)?;
    Ok(match server {
        RedirectServer::Nginx => render::redirects::nginx(&site),
        RedirectServer::Apache => render::redirects::apache(&site),
        RedirectServer::Netlify => render::redirects::netlify(&site),
    })
}

/// Renders the whole site in memory without touching the output folder.
pub fn compile(config: &Config) -> Result<Compiled, Failure> {
    compile_site(config).map(|(_, _, compiled)| compiled)
}

/// Builds the site at `root`: like [`build()`], but a mistake in `sitegen.toml` does not hide the
/// mistakes in the posts: every one is reported (with the settings' defaults standing in), and
/// nothing is written.
pub fn build_root(root: &std::path::Path, overrides: Overrides) -> Result<Report, Failure> {
    let mut settings = Diagnostics::default();
    let config = Config::load_reporting(root, overrides, &mut settings)?;
    build_reporting(&config, settings)
}

/// Builds the site into `config.output`, replacing it only if everything succeeded. Holds the
/// output's lock while it runs: a second build or a `watch` of the same output stops with a
/// message naming the process that holds it.
pub fn build(config: &Config) -> Result<Report, Failure> {
    build_reporting(config, Diagnostics::default())
}

fn build_reporting(config: &Config, diagnostics: Diagnostics) -> Result<Report, Failure> {
    build::run(config, diagnostics)
}
