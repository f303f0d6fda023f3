//! sitegen: a static-site generator for blog series. `build` runs the pipeline:
//! config -> load sources -> index (phase 1) -> render pages (phase 2) -> atomic output.
//!
//! The public surface is what the binary, the tests and the benches use: [`build`], [`compile`],
//! [`Config`], the watch loop ([`Watch`]) and its [`Session`], and the diagnostics. Everything
//! else is crate-private. The library prints nothing and installs no signal handler.

mod calls;
mod check;
mod config;
mod content;
mod diagnostic;
mod document;
mod fsutil;
mod hash;
mod html;
mod incremental;
mod markdown;
mod output;
mod render;
mod serve;
mod shortcodes;
mod site;
mod video;
mod watch;

use std::time::Instant;

pub use check::{CheckOptions, CheckReport, Limits, check};
pub use config::{Config, Overrides};
pub use diagnostic::{Diagnostic, Failure, Severity};
pub use incremental::{Outcome, Phases, Session};
pub use watch::{Stopper, Watch, WatchEvent, WatchOptions};

use diagnostic::Diagnostics;
use output::Page;

/// What a successful build did.
#[derive(Debug)]
pub struct Report {
    /// Files written (pages and copied assets).
    pub files: usize,
    /// Pages rendered.
    pub pages: usize,
    /// Warnings (the build still succeeded).
    pub warnings: Vec<Diagnostic>,
    /// Wall time in milliseconds.
    pub millis: u128,
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
    let mut diagnostics = Diagnostics::default();
    let loaded = content::load(config, &mut diagnostics);
    let templates = render::templates::Templates::load(&config.root, &mut diagnostics);
    let site = site::index(
        config,
        loaded,
        templates.site_shortcodes(),
        &mut diagnostics,
    );
    let pages = render::render_all(&site, &templates, &mut diagnostics);
    let warnings = diagnostics.finish()?;
    Ok((site, templates, Compiled { pages, warnings }))
}

/// Renders the whole site in memory without touching the output folder.
pub fn compile(config: &Config) -> Result<Compiled, Failure> {
    compile_site(config).map(|(_, _, compiled)| compiled)
}

/// Builds the site into `config.output`, replacing it only if everything succeeded. Holds the
/// output's lock while it runs: a second build or a `watch` of the same output stops with a
/// message naming the process that holds it.
pub fn build(config: &Config) -> Result<Report, Failure> {
    let start = Instant::now();
    let target = output::target_for(&config.root, &config.output)?;
    let lock = target.lock()?;
    let (site, _, compiled) = compile_site(config)?;
    let files = target
        .replace_all(&lock, &compiled.pages, &site.assets)
        .map_err(|d| Failure {
            diagnostics: compiled.warnings.iter().cloned().chain([d]).collect(),
        })?;
    Ok(Report {
        files,
        pages: compiled.pages.len(),
        warnings: compiled.warnings,
        millis: start.elapsed().as_millis(),
    })
}
