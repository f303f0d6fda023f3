//! sitegen: a static-site generator for blog series. `build` runs the pipeline:
//! config -> load sources -> index (phase 1) -> render pages (phase 2) -> atomic output.

pub mod calls;
pub mod config;
pub mod content;
pub mod diagnostic;
pub mod document;
pub mod fsutil;
pub mod incremental;
pub mod markdown;
pub mod output;
pub mod render;
pub mod serve;
pub mod shortcodes;
pub mod site;
pub mod video;
pub mod watch;

use std::time::Instant;

pub use config::{Config, Overrides};
pub use diagnostic::{Diagnostic, Failure};

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

/// Phases 1 and 2 without writing: the index and every rendered page, or every error found.
pub fn compile(
    config: &Config,
) -> Result<(site::Site, Vec<render::Page>, Vec<Diagnostic>), Failure> {
    let mut errors = Vec::new();
    let loaded = content::load(config, &mut errors);
    let templates = render::templates::Templates::load(config, &mut errors);
    let site = site::index(config, loaded, templates.site_shortcodes(), &mut errors);
    let (pages, render_errors) = render::render_all(&site, &templates);
    errors.extend(render_errors);
    let mut sink = diagnostic::Sink::default();
    sink.extend(errors);
    let warnings = sink.finish()?;
    Ok((site, pages, warnings))
}

/// Builds the site into `config.output`, replacing it only if everything succeeded.
pub fn build(config: &Config) -> Result<Report, Failure> {
    let start = Instant::now();
    let target = output::target(config).map_err(Failure::one)?;
    let (site, pages, warnings) = compile(config)?;
    let files = target
        .write_all(config, &pages, &site.assets)
        .map_err(|d| Failure {
            diagnostics: warnings.iter().cloned().chain([d]).collect(),
        })?;
    Ok(Report {
        files,
        pages: pages.len(),
        warnings,
        millis: start.elapsed().as_millis(),
    })
}
