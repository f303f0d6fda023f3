//! Incremental rebuilds for `watch`: keep the last load, the templates and, per output page, a
//! signature of everything it was rendered from; re-render only pages whose signature changed and
//! write only files whose bytes changed. The result equals a clean build byte for byte.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::fs;
use std::hash::{DefaultHasher, Hash, Hasher};
use std::path::{Path, PathBuf};
use std::time::{Instant, SystemTime};

use rayon::prelude::*;

mod signature;
use signature::{Digests, signature};

use crate::config::{Config, Overrides};
use crate::content::{self, Loaded, Reuse};
use crate::diagnostic::{Diagnostic, Failure, Sink};
use crate::output::{self, Target};
use crate::render::templates::{THEME, Templates};
use crate::render::{self, Job};
use crate::site::{self, Site};

/// Hash of a string (stable within one process, which is all a watch session needs).
pub fn hash_str(s: &str) -> u64 {
    let mut h = DefaultHasher::new();
    s.hash(&mut h);
    h.finish()
}

#[derive(Debug, Clone)]
struct Record {
    signature: u64,
    bytes: u64,
    deps: Vec<String>,
}

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
}

/// A watch session's memory of the last good build.
pub struct Session {
    root: PathBuf,
    overrides: Overrides,
    config: Config,
    target: Target,
    loaded: Loaded,
    templates: Templates,
    template_hashes: BTreeMap<String, u64>,
    template_errors: Vec<Diagnostic>,
    pages: HashMap<String, Record>,
    assets: BTreeMap<String, (PathBuf, Option<SystemTime>, u64)>,
    /// [`Digests::global`] of the last good build.
    last_global: Option<u64>,
}

impl Session {
    /// Loads and fully builds the site (through the atomic swap), remembering everything.
    pub fn start(root: &Path, overrides: Overrides) -> Result<(Session, Outcome), Failure> {
        let config = Config::load(root, overrides.clone())?;
        let target = output::target(&config).map_err(Failure::one)?;
        let mut template_errors = Vec::new();
        let templates = Templates::load(&config, &mut template_errors);
        let errors = template_errors.clone();
        let mut session = Session {
            template_errors,
            root: root.to_path_buf(),
            overrides,
            template_hashes: template_hashes(&config),
            config,
            target,
            loaded: Loaded::default(),
            templates,
            pages: HashMap::new(),
            last_global: None,
            assets: BTreeMap::new(),
        };
        let outcome = session.rebuild_with(&|_| true, errors, true, true)?;
        Ok((session, outcome))
    }

    /// The resolved configuration.
    pub fn config(&self) -> &Config {
        &self.config
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
            self.template_errors.clear();
            self.templates = Templates::load(&self.config, &mut self.template_errors);
            self.template_hashes = template_hashes(&self.config);
        }
        let errors = self.template_errors.clone();
        let full = !self.target.dir.is_dir();
        if full {
            self.pages.clear();
            self.assets.clear();
        }
        // A changed file is matched exactly; a changed folder (moved or deleted) covers what is in it.
        let changed_set: HashSet<&Path> = changed.iter().map(PathBuf::as_path).collect();
        let changed_dirs: Vec<&Path> = changed
            .iter()
            .filter(|p| !p.is_file())
            .map(PathBuf::as_path)
            .collect();
        let is_changed =
            |p: &Path| changed_set.contains(p) || changed_dirs.iter().any(|c| p.starts_with(c));
        // Walk the folders again only when a file may have appeared or gone; an edit of a known
        // file reuses the list.
        let sources = [root.join("posts"), root.join("static")];
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
        mut errors: Vec<Diagnostic>,
        full: bool,
        rescan: bool,
    ) -> Result<Outcome, Failure> {
        let start = Instant::now();
        let mut loaded = content::load_reusing(
            &self.config,
            Some(Reuse {
                previous: &self.loaded,
                changed,
                rescan,
            }),
            &mut errors,
        );
        let fresh = std::mem::take(&mut loaded.fresh);
        self.loaded = loaded.clone();
        let site = site::index(
            &self.config,
            loaded,
            self.templates.site_shortcodes(),
            &mut errors,
        );
        let (exercise_html, errs) = render::exercise_bodies(&site, &self.templates);
        errors.extend(errs);
        let digests = Digests::new(&site, &exercise_html);
        let template_hash = JobKind::ALL.map(|k| self.template_hash(k));
        // When nothing any page shows of another document changed (the usual body edit), only
        // the pages of the documents just read can differ: skip signing every other page.
        let global = digests.global(&site, &template_hash);
        let fast = !full && self.last_global == Some(global);
        let jobs = if fast {
            fresh_jobs(&site, &fresh)
        } else {
            render::jobs(&site)
        };
        let paths: Vec<String> = jobs.par_iter().map(|j| j.path(&site)).collect();
        let sigs: Vec<u64> = jobs
            .par_iter()
            .zip(&paths)
            .map(|(job, path)| {
                let deps = self.pages.get(path).map_or(&[][..], |r| &r.deps[..]);
                signature(
                    &site,
                    &digests,
                    job,
                    deps,
                    template_hash[JobKind::of(job) as usize],
                )
            })
            .collect();
        let todo: Vec<usize> = (0..jobs.len())
            .filter(|&i| {
                self.pages
                    .get(&paths[i])
                    .is_none_or(|r| r.signature != sigs[i])
            })
            .collect();
        let todo_jobs: Vec<Job> = todo.iter().map(|&i| jobs[i]).collect();
        let (mut pages, errs) =
            render::render_jobs(&site, &self.templates, &exercise_html, &todo_jobs);
        errors.extend(errs);
        let mut sink = Sink::default();
        sink.extend(errors);
        let warnings = sink.finish()?;

        // Every job rendered (errors would have returned above), in order; then the stylesheet.
        let mut rendered_sigs: Vec<Option<u64>> = todo
            .iter()
            .zip(&pages)
            .map(|(&i, page)| {
                // The links a page has now decide what its next signature covers.
                let old_deps = self.pages.get(&paths[i]).map(|r| &r.deps);
                Some(if old_deps == Some(&page.deps) {
                    sigs[i]
                } else {
                    signature(
                        &site,
                        &digests,
                        &jobs[i],
                        &page.deps,
                        template_hash[JobKind::of(&jobs[i]) as usize],
                    )
                })
            })
            .collect();
        let has_css = site.assets.iter().any(|a| a.to == "style.css");
        if !has_css {
            pages.push(render::stylesheet());
            rendered_sigs.push(None);
        }
        let mut outcome = Outcome {
            rendered: todo.len(),
            warnings,
            ..Outcome::default()
        };
        if full {
            self.target
                .write_all(&self.config, &pages, &site.assets)
                .map_err(Failure::one)?;
            outcome.written = pages.iter().map(|p| p.path.clone()).collect();
        }
        for (page, sig) in pages.into_iter().zip(rendered_sigs) {
            let bytes = hash_bytes(&page.bytes);
            let unchanged = self.pages.get(&page.path).is_some_and(|r| r.bytes == bytes);
            if !full && !unchanged {
                let to = self.target.dir.join(&page.path);
                output::ensure_parent(&to)
                    .and_then(|()| fs::write(&to, &page.bytes))
                    .map_err(|e| {
                        Failure::one(Diagnostic::file_error(
                            &self.target.shown,
                            format!("cannot write {}: {e}", page.path),
                        ))
                    })?;
                outcome.written.push(page.path.clone());
            }
            self.pages.insert(
                page.path,
                Record {
                    signature: sig.unwrap_or(0),
                    bytes,
                    deps: page.deps,
                },
            );
        }
        let mut wanted: HashSet<&str> = paths.iter().map(String::as_str).collect();
        if !has_css {
            wanted.insert("style.css");
        }
        let assets = self.sync_assets(&site, changed, full, &wanted, &mut outcome)?;
        if !fast {
            // The set of pages may have changed: remove the output of pages that are gone.
            wanted.extend(assets.iter().map(String::as_str));
            let mut stale: Vec<String> = self
                .pages
                .keys()
                .filter(|p| !wanted.contains(p.as_str()))
                .cloned()
                .collect();
            stale.sort();
            for path in stale {
                self.pages.remove(&path);
                remove_output(&self.target.dir, &path);
                outcome.removed.push(path);
            }
        }
        self.last_global = Some(global);
        outcome.millis = start.elapsed().as_millis();
        Ok(outcome)
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
                let to = self.target.dir.join(&a.to);
                output::ensure_parent(&to)
                    .and_then(|()| fs::copy(&a.from, &to).map(drop))
                    .map_err(|e| {
                        Failure::one(Diagnostic::file_error(
                            self.config.relative(&a.from),
                            format!("cannot copy into the output: {e}"),
                        ))
                    })?;
                outcome.written.push(a.to.clone());
            }
            next.insert(a.to.clone(), stamp);
        }
        for old in self.assets.keys() {
            if !next.contains_key(old) && !pages.contains(old.as_str()) {
                remove_output(&self.target.dir, old);
                outcome.removed.push(old.clone());
            }
        }
        self.assets = next;
        Ok(self.assets.keys().cloned().collect())
    }

    /// Hash of the templates a job renders with: its own page template and every shared one
    /// (base, partials, shortcodes), so editing `post.html` re-renders posts only.
    fn template_hash(&self, kind: JobKind) -> u64 {
        let own = PAGE_TEMPLATES[kind as usize];
        let mut h = DefaultHasher::new();
        for (name, hash) in &self.template_hashes {
            if name == own || !PAGE_TEMPLATES.contains(&name.as_str()) {
                (name, hash).hash(&mut h);
            }
        }
        h.finish()
    }
}

/// The kinds of page, in the order of [`PAGE_TEMPLATES`].
#[derive(Clone, Copy)]
enum JobKind {
    Post,
    Exercise,
    Series,
    Home,
    NotFound,
    ExerciseIndex,
}

impl JobKind {
    const ALL: [JobKind; 6] = [
        JobKind::Post,
        JobKind::Exercise,
        JobKind::Series,
        JobKind::Home,
        JobKind::NotFound,
        JobKind::ExerciseIndex,
    ];

    fn of(job: &Job) -> JobKind {
        match job {
            Job::Post(_) => JobKind::Post,
            Job::Exercise(_) => JobKind::Exercise,
            Job::Series(_) => JobKind::Series,
            Job::Home => JobKind::Home,
            Job::NotFound => JobKind::NotFound,
            Job::ExerciseIndex => JobKind::ExerciseIndex,
        }
    }
}

/// Each kind's own template; every other template is shared by all kinds.
const PAGE_TEMPLATES: &[&str] = &[
    "post.html",
    "exercise.html",
    "series.html",
    "index.html",
    "404.html",
    "exercises.html",
];

fn template_hashes(config: &Config) -> BTreeMap<String, u64> {
    let mut out: BTreeMap<String, u64> = THEME
        .iter()
        .map(|(n, s)| (n.to_string(), hash_str(s)))
        .collect();
    let dir = config.root.join("templates");
    if dir.is_dir() {
        for a in content::files_under(config, &dir, &mut Vec::new()) {
            let text = fs::read(&a.from).unwrap_or_default();
            out.insert(a.to, hash_bytes(&text) ^ 1);
        }
    }
    out
}

/// The pages of the documents read from disk in this rebuild (drafts that are not built have none).
fn fresh_jobs(site: &Site, fresh: &[String]) -> Vec<Job> {
    fresh
        .iter()
        .filter_map(|key| {
            match key
                .strip_prefix("exercises/")
                .and_then(|k| k.strip_suffix(".md"))
            {
                Some(id) => site.by_id.get(id).map(|&i| Job::Exercise(i)),
                None => site.by_key.get(key).map(|&i| Job::Post(i)),
            }
        })
        .collect()
}

fn hash_bytes(b: &[u8]) -> u64 {
    let mut h = DefaultHasher::new();
    b.hash(&mut h);
    h.finish()
}

fn remove_output(dir: &Path, rel: &str) {
    let path = dir.join(rel);
    let _ = fs::remove_file(&path);
    // Remove folders left empty (a deleted post's `slug/`).
    let mut parent = path.parent();
    while let Some(p) = parent {
        if p == dir || fs::remove_dir(p).is_err() {
            break;
        }
        parent = p.parent();
    }
}
