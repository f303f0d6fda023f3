//! The one pipeline every command runs: phase 1 (load the sources and the templates, build the
//! index: [`index`]; a `watch` session reuses what did not change), then phase 2 ([`Pages`]: the
//! jobs of a [`Scope`], signed against what the previous run recorded ([`Previous`]) to choose
//! which to render, rendered, each page recorded (`output::PageRecord`) and handed to a sink, the
//! write strategy). The drivers differ only in what they give it and where it writes: `build`
//! (`build.rs`) gives the live output's records ([`Warm`]) and writes a new generation that it
//! commits atomically; a `watch` rebuild (`incremental/`) gives what changed and its session's
//! records, holds the pages and writes them into the live tree in place once the rebuild has
//! succeeded; `check` and `redirects` ([`compile_site`]) give nothing and write nowhere.

mod pages;
mod scope;
mod signature;
mod warm;

pub(crate) use pages::{Discard, Engine, Hold, Pages, Previous};
pub(crate) use scope::Scope;
pub(crate) use signature::Signer;
pub(crate) use warm::Warm;

use crate::config::Config;
use crate::diagnostic::{Diagnostic, Diagnostics, Failure};
use crate::output::Page;
use crate::{content, render, site};

/// What a successful build did.
#[derive(Debug)]
pub struct Report {
    /// Files of the output (pages and copied assets).
    pub files: usize,
    /// Files written: those whose bytes differed from the recycled spare's (see the manual, "How it works").
    pub written: usize,
    /// Pages of the site.
    pub pages: usize,
    /// Pages rendered (the others were taken unchanged from the live output: see the manual, "How it works").
    pub rendered: usize,
    /// Warnings (the build still succeeded).
    pub warnings: Vec<Diagnostic>,
    /// Posts held back because they are dated after today, and the earliest date among them.
    pub scheduled: Option<(usize, String)>,
    /// Draft posts left out (built with `--drafts`).
    pub drafts: usize,
    /// Wall time in milliseconds.
    pub millis: u128,
    /// The output folder written.
    pub output: std::path::PathBuf,
    /// Photos encoded into their variants by this build (0 when every one came from the image
    /// cache).
    pub images_encoded: usize,
    /// Shards of the search index made again by this build (the others were kept), and shards
    /// in all; (0, 0) without a search index.
    pub search_shards: (usize, usize),
}

/// A site rendered in memory: every generated file, and the warnings.
#[derive(Debug)]
pub struct Compiled {
    pub(crate) pages: Vec<Page>,
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
pub(crate) fn compile_site(
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
    let exercises = render::exercise_bodies(&site, &templates, &mut diagnostics);
    let engine = Engine::new(&site, &templates, &exercises);
    let rendered = Pages::new(&site, Scope::All).render_all(&engine, &Hold, &mut diagnostics);
    let mut pages: Vec<Page> = rendered.into_iter().map(|r| r.held).collect();
    pages.sort_by(|a, b| a.path.cmp(&b.path));
    let warnings = diagnostics.finish()?;
    Ok((site, templates, Compiled { pages, warnings }))
}

/// Phase 1 from nothing (`build`, `check`): loads the sources and the templates and builds the
/// index.
pub(crate) fn index(
    config: &Config,
    diagnostics: &mut Diagnostics,
) -> (site::Site, render::templates::Templates) {
    let loaded = content::load(config, diagnostics);
    let templates = render::templates::Templates::load(&config.root, &config.i18n, diagnostics);
    diagnostics.extend(config.i18n.warnings().iter().cloned());
    let shortcodes = templates.site_shortcodes();
    let indexed = index_loaded(config, loaded, None, shortcodes, diagnostics);
    (indexed.site, templates)
}

/// Phase 1's index of what was loaded, for every command: by patching `previous` (a `watch`
/// session's last good index) when only post bodies changed, else from scratch; then the check
/// that no two sources write one file.
pub(crate) fn index_loaded(
    config: &Config,
    loaded: content::Loaded,
    previous: Option<site::Indexed>,
    shortcodes: std::collections::BTreeSet<String>,
    diagnostics: &mut Diagnostics,
) -> site::Indexed {
    let indexed = site::Indexed::update(previous, config, loaded, shortcodes, diagnostics);
    // A patched index is the last good build's with only post bodies changed: its output paths
    // are the same, and had no clash.
    if !indexed.patched {
        check_output_paths(&indexed.site, diagnostics);
    }
    indexed
}

/// Reports output files that two sources would write (`site::check_output_paths`), from every
/// page the kinds of page declare, with its origin.
fn check_output_paths(site: &site::Site, diagnostics: &mut Diagnostics) {
    let pages = render::jobs(site)
        .iter()
        .map(|job| (job.route(site), job.origin()))
        .collect();
    site::check_output_paths(site, pages, diagnostics);
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;
    use std::path::Path;

    use super::*;
    use crate::config::Overrides;
    use crate::render::Job;

    fn copy_tree(from: &Path, to: &Path) {
        for entry in walkdir::WalkDir::new(from) {
            let entry = entry.unwrap();
            let target = to.join(entry.path().strip_prefix(from).unwrap());
            if entry.file_type().is_dir() {
                std::fs::create_dir_all(&target).unwrap();
            } else {
                std::fs::copy(entry.path(), &target).unwrap();
            }
        }
    }

    /// The shipped site with what it lacks for the other kinds of page: an alias (its redirect
    /// page and `_redirects`) and a file under `_hidden/` (`.nojekyll`).
    fn site_with_every_kind() -> (tempfile::TempDir, site::Site) {
        let dir = tempfile::tempdir().unwrap();
        let shipped = Path::new(env!("CARGO_MANIFEST_DIR"));
        for part in ["posts", "pages", "static"] {
            copy_tree(&shipped.join(part), &dir.path().join(part));
        }
        std::fs::copy(
            shipped.join("sitegen.toml"),
            dir.path().join("sitegen.toml"),
        )
        .unwrap();
        let core = dir.path().join("posts/core.md");
        let text = std::fs::read_to_string(&core).unwrap();
        let text = text.replacen("title = ", "aliases = [\"/2019/05/core/\"]\ntitle = ", 1);
        std::fs::write(&core, text).unwrap();
        std::fs::create_dir_all(dir.path().join("static/_hidden")).unwrap();
        std::fs::write(dir.path().join("static/_hidden/note.txt"), "kept").unwrap();
        let config = Config::load(dir.path(), Overrides::default()).unwrap();
        let mut diagnostics = Diagnostics::default();
        let (site, _) = index(&config, &mut diagnostics);
        assert!(diagnostics.is_empty(), "{diagnostics:?}");
        (dir, site)
    }

    /// A file of `static/` at the path of a page of any kind (but the theme's files and the
    /// others a site may replace) is reported as a clash: the check lists the pages the kinds
    /// declare.
    #[test]
    fn a_static_file_in_the_place_of_any_kind_of_page_is_reported() {
        let (dir, site) = site_with_every_kind();
        let jobs = render::jobs(&site);
        let kinds: BTreeSet<String> = jobs.iter().map(kind_name).collect();
        assert_eq!(
            kinds.len(),
            render::KINDS,
            "kinds on the test site: {kinds:?}"
        );
        let mut tried = BTreeSet::new();
        for job in &jobs {
            let path = job.path(&site);
            if site::REPLACEABLE.contains(&path.as_str())
                || site::THEME_ICONS.contains(&path.as_str())
                || !tried.insert(kind_name(job))
            {
                continue;
            }
            let file = dir.path().join("static").join(&path);
            std::fs::create_dir_all(file.parent().unwrap()).unwrap();
            std::fs::write(&file, "in the way").unwrap();
            let config = Config::load(dir.path(), Overrides::default()).unwrap();
            let mut diagnostics = Diagnostics::default();
            index(&config, &mut diagnostics);
            std::fs::remove_file(&file).unwrap();
            let said = format!("{diagnostics:?}");
            assert!(
                said.contains(&format!("would all be written to `{path}`")),
                "{job:?}: static/{path} not reported: {said}"
            );
        }
        assert!(tried.len() > 15, "{tried:?}");
    }

    fn kind_name(job: &Job) -> String {
        format!("{job:?}")
            .split('(')
            .next()
            .unwrap_or("")
            .to_string()
    }
}
