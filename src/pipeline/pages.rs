//! Phase 2 as every command runs it: the jobs of an indexed site with their output paths
//! ([`Pages`]), signed against what the previous run recorded ([`Previous`]) to choose the pages
//! to render ([`Pages::choose`]), rendered, each recorded ([`PageRecord`]) and handed to where the
//! run writes ([`Sink`]) as soon as it is rendered ([`Pages::render`]). A clean build, a warm
//! build, every `watch` rebuild and `check` take these same steps; they differ only in the
//! previous records and the sink they give.

use std::collections::HashMap;

use rayon::prelude::*;

use super::{Scope, Signer};
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::hash::stable_bytes;
use crate::output::{Generation, Page, PageRecord};
use crate::render::templates::Templates;
use crate::render::{self, Job, Shared};
use crate::site::Site;

/// What the pages of a run are rendered from: the index, the templates, the exercise bodies,
/// and the signer over them.
pub(crate) struct Engine<'a> {
    pub site: &'a Site,
    pub templates: &'a Templates,
    pub exercises: &'a Shared,
    pub signer: Signer<'a>,
}

impl<'a> Engine<'a> {
    pub(crate) fn new(site: &'a Site, templates: &'a Templates, exercises: &'a Shared) -> Self {
        Engine {
            site,
            templates,
            exercises,
            signer: Signer::new(site, templates, &exercises.html),
        }
    }
}

/// What a run is given of the pages the previous run wrote.
pub(crate) trait Previous: Sync {
    /// The record of the page at `path`, when the previous run wrote it and it is trusted.
    fn record(&self, path: &str) -> Option<&PageRecord>;

    /// Whether the page at `path`, recorded as `record` and signed the same now, can stay as
    /// it is instead of being rendered.
    fn keepable(&self, _path: &str, _record: &PageRecord) -> bool {
        true
    }
}

/// No previous run: every page is rendered (a clean build, `check`).
pub(crate) struct Nothing;

impl Previous for Nothing {
    fn record(&self, _path: &str) -> Option<&PageRecord> {
        None
    }
}

/// A `watch` session's records: their pages are in the live output, where they stay.
impl Previous for HashMap<String, PageRecord> {
    fn record(&self, path: &str) -> Option<&PageRecord> {
        self.get(path)
    }
}

/// Where a run puts each page as soon as it is rendered: the write strategy.
pub(crate) trait Sink: Sync {
    /// What the run keeps of a page until it ends.
    type Held: Send;

    /// Takes a rendered page.
    fn put(&self, page: Page) -> Self::Held;
}

/// `build`: into the next generation at once (when the recycled spare's bytes differ), so memory
/// stays bounded by the index, not the output.
impl Sink for Generation<'_> {
    type Held = Result<bool, Diagnostic>;

    fn put(&self, page: Page) -> Self::Held {
        self.page(&page)
    }
}

/// `watch` and `check`: held in memory (`watch` writes the pages in place once the whole rebuild
/// has succeeded; `check` reads them).
pub(crate) struct Hold;

impl Sink for Hold {
    type Held = Page;

    fn put(&self, page: Page) -> Page {
        page
    }
}

/// Nowhere: a build that fails renders only to report every error.
pub(crate) struct Discard;

impl Sink for Discard {
    type Held = ();

    fn put(&self, _page: Page) {}
}

/// The pages a run considers: its jobs and their output paths, in order.
pub(crate) struct Pages {
    pub jobs: Vec<Job>,
    pub paths: Vec<String>,
}

/// Which pages a run renders, and which stay as the previous run left them.
pub(crate) struct Choice {
    /// Per job, its signature with the links its page had, when the previous run recorded it.
    signatures: Vec<Option<u64>>,
    /// Indexes of the jobs to render, in order.
    pub todo: Vec<usize>,
    /// Indexes of the jobs whose page stays as it is, in order.
    pub kept: Vec<usize>,
}

/// A rendered page: its output path, its record, and what the sink kept of it.
pub(crate) struct Recorded<H> {
    pub path: String,
    pub record: PageRecord,
    pub held: H,
}

impl Pages {
    /// The jobs of `scope` with their output paths.
    pub(crate) fn new(site: &Site, scope: Scope) -> Pages {
        let jobs = scope.jobs(site);
        let paths = jobs.par_iter().map(|j| j.path(site)).collect();
        Pages { jobs, paths }
    }

    /// Signs each page the previous run recorded (with the links it had then) and keeps those
    /// whose signature is the one recorded and that `previous` can keep; the others are to render.
    pub(crate) fn choose(&self, signer: &Signer, previous: &impl Previous) -> Choice {
        let signed: Vec<(Option<u64>, bool)> = self
            .jobs
            .par_iter()
            .zip(&self.paths)
            .map(|(job, path)| {
                let Some(record) = previous.record(path) else {
                    return (None, false);
                };
                let signature = signer.sign(job, &record.deps);
                let keep = signature == record.signature && previous.keepable(path, record);
                (Some(signature), keep)
            })
            .collect();
        let (kept, todo) = (0..signed.len()).partition(|&i| signed[i].1);
        Choice {
            signatures: signed.into_iter().map(|(s, _)| s).collect(),
            todo,
            kept,
        }
    }

    /// Renders the pages `choice` picks, in parallel; records each (its signature covers the
    /// links it has now) and hands it to `sink`. Returns them in job order; pages that failed are
    /// left out, their errors in `diagnostics`.
    pub(crate) fn render<S: Sink>(
        &self,
        engine: &Engine,
        choice: &Choice,
        previous: &impl Previous,
        sink: &S,
        diagnostics: &mut Diagnostics,
    ) -> Vec<Recorded<S::Held>> {
        let todo: Vec<Job> = choice.todo.iter().map(|&i| self.jobs[i]).collect();
        let search = engine.site.config.search;
        let (site, templates, exercises) = (engine.site, engine.templates, engine.exercises);
        render::render_with(
            site,
            templates,
            exercises,
            &todo,
            diagnostics,
            |k, job, page| {
                let i = choice.todo[k];
                let same_links = previous
                    .record(&self.paths[i])
                    .is_some_and(|r| r.deps == page.deps);
                let signature = match choice.signatures[i] {
                    Some(signature) if same_links => signature,
                    _ => engine.signer.sign(job, &page.deps),
                };
                let record = PageRecord {
                    signature,
                    hash: stable_bytes(&page.bytes),
                    searchable: search && crate::search::searchable(&page.path, &page.bytes),
                    deps: page.deps.clone(),
                };
                Recorded {
                    path: page.path.clone(),
                    record,
                    held: sink.put(page),
                }
            },
        )
    }

    /// Renders every page, with no previous run, into `sink`.
    pub(crate) fn render_all<S: Sink>(
        &self,
        engine: &Engine,
        sink: &S,
        diagnostics: &mut Diagnostics,
    ) -> Vec<Recorded<S::Held>> {
        let choice = self.choose(&engine.signer, &Nothing);
        self.render(engine, &choice, &Nothing, sink, diagnostics)
    }
}
