//! sitegen: a static-site generator for blog series. `build` runs the pipeline:
//! config -> load sources -> index (phase 1) -> render pages (phase 2) -> atomic output.
//!
//! The public surface is what the binary, the tests and the benches use: [`build`], [`compile`],
//! [`Config`], the watch loop ([`Watch`]) and its [`Session`], the scaffolds ([`new_post`],
//! [`new_exercise`], [`init`]), and the diagnostics. Everything else is crate-private. The library prints nothing and installs no signal handler.

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

use std::time::Instant;

use rayon::prelude::*;

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
    /// Pages rendered.
    pub pages: usize,
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

fn build_reporting(config: &Config, mut diagnostics: Diagnostics) -> Result<Report, Failure> {
    let start = Instant::now();
    let target = output::target_for(&config.root, &config.output)?;
    let lock = target.lock()?;
    let (site, templates) = index(config, &mut diagnostics);
    let exercises = render::exercise_bodies(&site, &templates, &mut diagnostics);
    let jobs = render::jobs(&site);
    if diagnostics.has_errors() {
        // The build fails: render only to report every error, and touch no folder.
        render::render_jobs(&site, &templates, &exercises, &jobs, &mut diagnostics);
        diagnostics.clone().finish()?;
    }
    let paths: Vec<String> = jobs.par_iter().map(|j| j.path(&site)).collect();
    let files = paths.len() + site.assets.len();
    let assets = site.assets.iter().map(|a| a.to.as_str());
    let next = target.begin(
        &lock,
        paths.iter().map(String::as_str).chain(assets),
        &[search::DIR],
        config.spare_output,
    )?;
    // Each page is written (when its bytes differ from the spare's) as soon as it is rendered;
    // the pages to search are kept for the index, which is made from all of them at the end.
    let searched = std::sync::Mutex::new(Vec::new());
    let pages = render::render_with(
        &site,
        &templates,
        &exercises,
        &jobs,
        &mut diagnostics,
        |page| {
            let result = next.page(&page);
            if config.search && search::searchable(&page.path, &page.bytes) {
                let source = search::Source::of(page);
                searched
                    .lock()
                    .unwrap_or_else(|e| e.into_inner())
                    .push(source);
            }
            result
        },
    );
    let copies: Vec<_> = site.assets.par_iter().map(|a| next.asset(a)).collect();
    let rendered = pages.len();
    let mut written = 0;
    for result in pages.into_iter().chain(copies) {
        match result {
            Ok(w) => written += usize::from(w),
            Err(d) => diagnostics.push(d),
        }
    }
    let searched = searched.into_inner().unwrap_or_else(|e| e.into_inner());
    let mut files = files;
    if config.search
        && searched.is_empty()
        && !diagnostics.has_errors()
        && (site.has_posts() || !site.exercises.is_empty())
    {
        diagnostics.push(search::nothing_marked());
    }
    if config.search && !diagnostics.has_errors() {
        match search::index(searched) {
            Ok(index) => {
                files += index.len();
                for file in &index {
                    match next.page(file) {
                        Ok(w) => written += usize::from(w),
                        Err(d) => diagnostics.push(d),
                    }
                }
            }
            Err(d) => diagnostics.push(d),
        }
    }
    let mut warnings = diagnostics.finish()?;
    if config.origin().is_none() {
        warnings.push(config::no_host_warning(config));
    }
    next.commit().map_err(|d| Failure {
        diagnostics: warnings.iter().cloned().chain([d]).collect(),
    })?;
    Ok(Report {
        files,
        written,
        pages: rendered,
        warnings,
        scheduled: site.held_back().map(|(n, d)| (n, d.to_string())),
        millis: start.elapsed().as_millis(),
        output: config.output.clone(),
        images_encoded: site.images_encoded,
    })
}
