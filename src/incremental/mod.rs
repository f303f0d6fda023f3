//! Incremental rebuilds for `watch`: the pipeline given what changed and the session's records,
//! writing the live tree in place. The session keeps the last load, the templates, the index and,
//! per output page, its record (`output::PageRecord`); a rebuild re-renders only pages whose
//! signature changed and writes only files whose bytes changed. The result equals a clean build
//! byte for byte.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Instant, SystemTime};

mod search;
pub use search::{SearchOutcome, SearchRefresh};

use crate::config::{Config, Overrides};
use crate::content::{self, Loaded, Reuse};
use crate::diagnostic::{Diagnostic, Diagnostics, Failure};
use crate::output::{self, Lock, Page, PageRecord, Scratch, Target};
use crate::pipeline::{self, Engine, Hold, Pages, Scope};
use crate::render;
use crate::render::templates::Templates;
use crate::site::{Indexed, Site};

/// What one rebuild did.
#[derive(Debug, Default)]
pub struct Outcome {
    /// Pages rendered again.
    pub rendered: usize,
    /// Files written (pages whose bytes changed, and copied assets).
    pub written: Vec<String>,
    /// Files removed from the output.
    pub removed: Vec<String>,
    /// Warnings.
    pub warnings: Vec<Diagnostic>,
    /// Milliseconds taken.
    pub millis: u128,
    /// Where the time went, phase by phase, in microseconds.
    pub phases: Phases,
    /// Photos encoded by this rebuild (0 unless an image or the image settings changed).
    pub images_encoded: usize,
    /// Whether the index was patched (only post bodies changed) rather than made again.
    pub index_patched: bool,
}

/// Time spent in each phase of a rebuild, in microseconds (for benchmarks and profiling).
#[derive(Debug, Default, Clone, Copy)]
pub struct Phases {
    /// Loading sources (reusing unchanged documents).
    pub load: u128,
    /// Building the index (phase 1).
    pub index: u128,
    /// Rendering exercise bodies (shown by cards and exercise pages).
    pub exercise_bodies: u128,
    /// Signing pages to find the ones that changed.
    pub sign: u128,
    /// Rendering the pages that changed.
    pub render: u128,
    /// Writing changed files and removing stale ones.
    pub write: u128,
}

/// A watch session's memory of the last good build. It holds the output's lock while it lives.
pub struct Session {
    root: PathBuf,
    overrides: Overrides,
    config: Config,
    target: Target,
    /// Where changed files are written before they are renamed into the live output (dropped,
    /// and so removed, before the lock is released; shared with a search refresh running on
    /// another thread).
    staging: Arc<Scratch>,
    lock: Lock,
    loaded: Loaded,
    templates: Templates,
    template_errors: Diagnostics,
    pages: HashMap<String, PageRecord>,
    assets: BTreeMap<String, (PathBuf, Option<SystemTime>, u64)>,
    /// `pipeline::Signer::global` of the last good build.
    last_global: Option<u64>,
    /// Whether a searchable page was written or removed since the search index was last made.
    search_stale: bool,
    /// What the output's search index was last made from, per shard.
    search_written: search::Written,
    /// The `search_shard_pages` of the last refresh asked for: another one splits the index again
    /// though no page changed.
    search_per_shard: Option<usize>,
    /// The index of the last good build, to patch when a save changes only post bodies.
    index: Option<Indexed>,
}

impl Session {
    /// Loads and fully builds the site (through the atomic swap), remembering everything.
    pub fn start(root: &Path, overrides: Overrides) -> Result<(Session, Outcome), Failure> {
        let config = Config::load(root, overrides.clone())?;
        let target = output::target_for(&config.root, &config.output)?;
        let lock = target.lock()?;
        target.clean_leftovers(&lock)?;
        let staging = Arc::new(Scratch::create(&target, &lock)?);
        let mut template_errors = Diagnostics::default();
        let templates = Templates::load(&config.root, &config.i18n, &mut template_errors);
        let mut errors = template_errors.clone();
        errors.extend(config.i18n.warnings().iter().cloned());
        let mut session = Session {
            template_errors,
            root: root.to_path_buf(),
            overrides,
            config,
            target,
            staging,
            lock,
            loaded: Loaded::default(),
            templates,
            pages: HashMap::new(),
            last_global: None,
            assets: BTreeMap::new(),
            search_stale: true,
            search_written: search::Written::default(),
            search_per_shard: None,
            index: None,
        };
        let outcome = session.rebuild_with(&|_| true, errors, true, true)?;
        Ok((session, outcome))
    }

    /// The refresh of the search index that the rebuilds since the last one call for, if any
    /// (to run on another thread: a rebuild does not wait for the index).
    pub fn search_refresh(&mut self) -> Option<SearchRefresh> {
        let per_shard = self.config.search_shard_pages;
        let resharded = self.search_per_shard.replace(per_shard) != Some(per_shard);
        if !(std::mem::take(&mut self.search_stale) || resharded) || !self.config.search {
            return None;
        }
        let pages = output::searchable(&self.pages)
            .into_iter()
            .map(|(p, hash)| (p.to_string(), hash))
            .collect();
        Some(SearchRefresh {
            target: self.target.clone(),
            staging: Arc::clone(&self.staging),
            pages,
            written: Arc::clone(&self.search_written),
            per_shard: self.config.search_shard_pages,
        })
    }

    /// Brings the search index up to date now, on this thread: what `watch` does after the
    /// reload, on a thread of its own. With it, the output equals a clean build.
    pub fn refresh_search(&mut self) -> Result<Option<SearchOutcome>, Failure> {
        self.search_refresh().map(|r| r.run()).transpose()
    }

    /// Rebuilds after `changed` paths (absolute) changed. On failure nothing is written.
    pub fn rebuild(&mut self, changed: &[PathBuf]) -> Result<Outcome, Failure> {
        // Settings are one small file: read them every time, so a broken file stays reported.
        self.config = Config::load(&self.root, self.overrides.clone())?;
        let root = self.config.root.clone();
        if changed
            .iter()
            .any(|p| p.starts_with(root.join("templates")))
        {
            self.template_errors = Diagnostics::default();
            self.templates = Templates::load(&root, &self.config.i18n, &mut self.template_errors);
        }
        self.templates.translate_with(&self.config.i18n);
        let mut errors = self.template_errors.clone();
        errors.extend(self.config.i18n.warnings().iter().cloned());
        let full = !self.target.dir.is_dir();
        if full {
            self.pages.clear();
            self.assets.clear();
        }
        // A changed file is matched exactly; a changed folder (moved or deleted) covers what is in it.
        // Every source file is asked about: a save names one or two paths, and comparing with
        // each is cheaper than hashing a path (component by component) 10,000 times.
        let changed_set: Option<HashSet<&Path>> =
            (changed.len() > 16).then(|| changed.iter().map(PathBuf::as_path).collect());
        let changed_dirs: Vec<&Path> = changed
            .iter()
            .filter(|p| !p.is_file())
            .map(PathBuf::as_path)
            .collect();
        let is_changed = |p: &Path| {
            changed_set
                .as_ref()
                .map_or_else(|| changed.iter().any(|c| c == p), |set| set.contains(p))
                || changed_dirs.iter().any(|c| p.starts_with(c))
        };
        // Walk the folders again only when a file may have appeared or gone; an edit of a known
        // file reuses the list.
        let sources = [root.join("posts"), root.join("pages"), root.join("static")];
        let rescan = full
            || changed.len() > 64
            || changed.iter().any(|p| {
                sources.iter().any(|s| p.starts_with(s))
                    && (!p.is_file() || !self.loaded.files.contains(p))
            });
        self.rebuild_with(&is_changed, errors, full, rescan)
    }

    fn rebuild_with(
        &mut self,
        changed: &(dyn Fn(&Path) -> bool + Sync),
        mut errors: Diagnostics,
        full: bool,
        rescan: bool,
    ) -> Result<Outcome, Failure> {
        let start = Instant::now();
        let mut phases = Phases::default();
        let mut lap = Instant::now();
        let mut split = |slot: &mut u128| {
            *slot = lap.elapsed().as_micros();
            lap = Instant::now();
        };
        let (loaded, fresh) = self.load(changed, rescan, &mut errors);
        split(&mut phases.load);
        let indexed = pipeline::index_loaded(
            &self.config,
            loaded,
            self.index.take(),
            self.templates.site_shortcodes(),
            &mut errors,
        );
        let site = &indexed.site;
        split(&mut phases.index);
        let exercise_html = render::exercise_bodies(site, &self.templates, &mut errors);
        split(&mut phases.exercise_bodies);
        let engine = Engine::new(site, &self.templates, &exercise_html);
        // When nothing any page shows of another document changed (the usual body edit), only
        // the pages of the documents just read can differ: skip signing every other page.
        let global = engine.signer.global();
        let fast = !full && self.last_global == Some(global);
        let scope = match fast {
            true => Scope::Fresh(&fresh),
            false => Scope::All,
        };
        let pages = Pages::new(site, scope);
        let choice = pages.choose(&engine.signer, &self.pages);
        split(&mut phases.sign);
        let rendered = pages.render(&engine, &choice, &self.pages, &Hold, &mut errors);
        let warnings = errors.finish()?;
        // Every job rendered (errors would have returned above), in order.
        let (rendered, records): (Vec<Page>, Vec<PageRecord>) =
            rendered.into_iter().map(|r| (r.held, r.record)).unzip();
        split(&mut phases.render);
        let mut outcome = Outcome {
            images_encoded: site.images_encoded,
            rendered: choice.todo.len(),
            warnings,
            ..Outcome::default()
        };
        // Until this rebuild has written everything, the fast path (which renders only the
        // documents just read) must not be trusted: a write that fails below (a full disk) leaves
        // pages that no later edit of their own document would re-render.
        self.last_global = None;
        if full {
            self.replace_tree(&rendered, &site.assets, &mut outcome)?;
        }
        self.record_pages(rendered, records, full, &mut outcome)?;
        let mut wanted: HashSet<&str> = pages.paths.iter().map(String::as_str).collect();
        let assets = self.sync_assets(site, changed, full, &wanted, &mut outcome)?;
        if !fast {
            wanted.extend(assets.iter().map(String::as_str));
            self.remove_gone(&wanted, &mut outcome);
        }
        self.remove_search_index_if_off(&mut outcome);
        self.last_global = Some(global);
        outcome.index_patched = indexed.patched;
        self.index = Some(indexed);
        split(&mut phases.write);
        outcome.phases = phases;
        outcome.millis = start.elapsed().as_millis();
        Ok(outcome)
    }

    /// Loads the sources again, reusing the documents `changed` says are unchanged (walking the
    /// folders again with `rescan`); returns them and the keys of the documents read anew.
    fn load(
        &mut self,
        changed: &(dyn Fn(&Path) -> bool + Sync),
        rescan: bool,
        errors: &mut Diagnostics,
    ) -> (Loaded, Vec<String>) {
        let mut loaded = content::load_reusing(
            &self.config,
            Some(Reuse {
                previous: &self.loaded,
                changed,
                rescan,
            }),
            errors,
        );
        let fresh = std::mem::take(&mut loaded.fresh);
        self.loaded = loaded.clone();
        (loaded, fresh)
    }

    /// Writes a whole new tree (the output folder was gone) through the swap; it has no search
    /// index yet.
    fn replace_tree(
        &mut self,
        pages: &[Page],
        assets: &[output::Asset],
        outcome: &mut Outcome,
    ) -> Result<(), Failure> {
        let after = self
            .target
            .replace_all(&self.lock, pages, assets, self.config.spare_output)?;
        outcome.warnings.extend(after);
        outcome.written = pages.iter().map(|p| p.path.clone()).collect();
        self.search_stale = true;
        self.forget_search_index();
        Ok(())
    }

    /// Records each rendered page, writing those whose bytes changed into the live output (a
    /// full rebuild has written them all already).
    fn record_pages(
        &mut self,
        pages: Vec<Page>,
        records: Vec<PageRecord>,
        full: bool,
        outcome: &mut Outcome,
    ) -> Result<(), Failure> {
        for (page, record) in pages.into_iter().zip(records) {
            let unchanged = self
                .pages
                .get(&page.path)
                .is_some_and(|r| r.hash == record.hash);
            if !unchanged
                && (record.searchable || self.pages.get(&page.path).is_some_and(|r| r.searchable))
            {
                self.search_stale = true;
            }
            if !full && !unchanged {
                // Forget what was there first: if the write fails (perhaps half done), the page
                // has no record, so the next rebuild renders and writes it whatever changed.
                self.pages.remove(&page.path);
                self.target.live(&self.staging).write(&page)?;
                outcome.written.push(page.path.clone());
            }
            self.pages.insert(page.path, record);
        }
        Ok(())
    }

    /// Removes the output of pages that are gone (the set of pages may have changed).
    fn remove_gone(&mut self, wanted: &HashSet<&str>, outcome: &mut Outcome) {
        let mut stale: Vec<String> = self
            .pages
            .keys()
            .filter(|p| !wanted.contains(p.as_str()))
            .cloned()
            .collect();
        stale.sort();
        for path in stale {
            if self.pages.remove(&path).is_some_and(|r| r.searchable) {
                self.search_stale = true;
            }
            self.target.live(&self.staging).remove(&path);
            outcome.removed.push(path);
        }
    }

    /// The output's search index is gone (a new tree, search turned off): the next refresh makes
    /// every shard, whatever the pages were before.
    fn forget_search_index(&self) {
        *self
            .search_written
            .lock()
            .unwrap_or_else(|e| e.into_inner()) = None;
    }

    /// With search turned off the index goes too, as a clean build has none.
    fn remove_search_index_if_off(&self, outcome: &mut Outcome) {
        if self.config.search {
            return;
        }
        // Turned on again, every shard is made.
        self.forget_search_index();
        if self
            .target
            .live(&self.staging)
            .remove_folder(crate::search::DIR)
        {
            outcome.removed.push(format!("{}/", crate::search::DIR));
        }
    }

    fn sync_assets(
        &mut self,
        site: &Site,
        changed: &(dyn Fn(&Path) -> bool + Sync),
        full: bool,
        pages: &HashSet<&str>,
        outcome: &mut Outcome,
    ) -> Result<Vec<String>, Failure> {
        let mut next = BTreeMap::new();
        for a in &site.assets {
            let meta = fs::metadata(&a.from).ok();
            let stamp = (
                a.from.clone(),
                meta.as_ref().and_then(|m| m.modified().ok()),
                meta.as_ref().map_or(0, |m| m.len()),
            );
            let same = self.assets.get(&a.to).is_some_and(|old| *old == stamp) && !changed(&a.from);
            if !full && !same {
                // As for pages: no stamp until the copy is done, so a failed copy is redone.
                self.assets.remove(&a.to);
                self.target.live(&self.staging).copy(a)?;
                outcome.written.push(a.to.clone());
            }
            next.insert(a.to.clone(), stamp);
        }
        for old in self.assets.keys() {
            if !next.contains_key(old) && !pages.contains(old.as_str()) {
                self.target.live(&self.staging).remove(old);
                outcome.removed.push(old.clone());
            }
        }
        self.assets = next;
        Ok(self.assets.keys().cloned().collect())
    }
}
