//! sitegen: a static-site generator for blog series. `build` runs the pipeline:
//! config -> load sources -> index (phase 1) -> render pages (phase 2) -> atomic output.
//!
//! The public surface is what the binary, the tests and the benches use: [`build`], [`compile`],
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
mod fsutil;
#[doc(hidden)]
pub mod fuzzing;
mod hash;
mod html;
mod images;
mod import;
mod incremental;
mod markdown;
mod output;
mod render;
mod root;
mod scaffold;
mod schemes;
mod search;
mod serve;
mod shortcodes;
mod site;
mod video;
mod watch;

pub use check::{CheckOptions, CheckReport, Limits, check};
pub use config::{Config, Overrides, UrlMode};
pub use diagnostic::{Diagnostic, Failure, Severity};
pub use import::{DownloadLimits, ImportNote, ImportOptions, ImportReport, import_wordpress};
pub use incremental::{Outcome, Phases, SearchOutcome, SearchRefresh, Session};
pub use root::find_site_root;
pub use scaffold::{Created, NewExercise, NewPost, init, new_exercise, new_post};
pub use serve::exposure_warning as preview_exposure_warning;
pub use shortcodes::MAX_DEPTH as MAX_NESTING;
pub use watch::{Stopper, Watch, WatchEvent, WatchOptions};

use diagnostic::Diagnostics;
use output::Page;

/// What a successful build did.
#[derive(Debug)]
pub struct Report {
    /// Files of the output (pages and copied assets).
    pub files: usize,
    /// Files written: those whose bytes differed from the recycled spare's (see the README).
    pub written: usize,
    /// Pages of the site.
    pub pages: usize,
    /// Pages rendered (the others were taken unchanged from the live output: see the README).
    pub rendered: usize,
    /// Warnings (the build still succeeded).
    pub warnings: Vec<Diagnostic>,
    /// Posts held back because they are dated after today, and the earliest date among them.
    pub scheduled: Option<(usize, String)>,
    /// Wall time in milliseconds.
    pub millis: u128,
    /// The output folder written.
    pub output: std::path::PathBuf,
    /// Photos encoded into their variants by this build (0 when every one came from the image
    /// cache).
    pub images_encoded: usize,
}

/// A site rendered in memory: every generated file, and the warnings.
#[derive(Debug)]
pub struct Compiled {
    pages: Vec<Page>,
    /// Warnings (nothing failed).
    pub warnings: Vec<Diagnostic>,
}

impl Compiled {
    /// Every generated file (pages, feeds, the stylesheet; not copied assets) as
    /// `(path inside the output, bytes)`, sorted by path.
    pub fn files(&self) -> impl Iterator<Item = (&str, &[u8])> {
        self.pages
            .iter()
            .map(|p| (p.path.as_str(), p.bytes.as_slice()))
    }
}

/// Phases 1 and 2 without writing: the index, the templates and every rendered page, or every
/// error found.
fn compile_site(
    config: &Config,
) -> Result<(site::Site, render::templates::Templates, Compiled), Failure> {
    compile_reporting(config, Diagnostics::default())
}

/// [`compile_site`], failing also on the problems already in `diagnostics` (from the settings).
fn compile_reporting(
    config: &Config,
    mut diagnostics: Diagnostics,
) -> Result<(site::Site, render::templates::Templates, Compiled), Failure> {
    let (site, templates) = index(config, &mut diagnostics);
    let pages = render::render_all(&site, &templates, &mut diagnostics);
    let warnings = diagnostics.finish()?;
    Ok((site, templates, Compiled { pages, warnings }))
}

/// Phase 1: loads the sources and the templates and builds the index.
fn index(
    config: &Config,
    diagnostics: &mut Diagnostics,
) -> (site::Site, render::templates::Templates) {
    let loaded = content::load(config, diagnostics);
    let templates = render::templates::Templates::load(&config.root, diagnostics);
    let site = site::index(config, loaded, templates.site_shortcodes(), diagnostics);
    (site, templates)
}

/// Which server's configuration [`redirects`] writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
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

/// Builds the site at `root`: like [`build`], but a mistake in `sitegen.toml` does not hide the
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
