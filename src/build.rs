//! `sitegen build`: the pipeline given the live output's records (`pipeline::Warm`) and writing
//! into the next output generation: load and index the site, render the pages whose inputs
//! changed (the others are kept from the live output), write them as they come, make the search
//! index, and swap the generation in.

use std::time::Instant;

use rayon::prelude::*;

use crate::config::{self, Config};
use crate::diagnostic::{Diagnostic, Diagnostics, Failure};
use crate::output::{Generation, PageRecord, Target};
use crate::pipeline::{Discard, Engine, Pages, Previous, Report, Scope, Warm, index};
use crate::site::Site;
use crate::{output, render, search};

/// A rendered or kept page: its output path and its record.
type Signed = (String, PageRecord);

/// Builds the site into `config.output` (see [`crate::build()`]), failing also on the problems
/// already in `diagnostics`.
pub(crate) fn run(config: &Config, mut diagnostics: Diagnostics) -> Result<Report, Failure> {
    let start = Instant::now();
    let target = output::target_for(&config.root, &config.output)?;
    let lock = target.lock()?;
    let warm = Warm::load(config, &target);
    // The loaded site is dropped when the pages are written: the search index, made next from the
    // pages on disk, does not add its memory to the site's.
    let out = write_pages(config, &target, &lock, &warm, &mut diagnostics)?;
    let (mut files, mut written) = (out.files, out.written);
    if config.search
        && out.signed.iter().all(|(_, r)| !r.searchable)
        && !diagnostics.has_errors()
        && out.has_content
    {
        diagnostics.push(search::nothing_marked());
    }
    let mut search_keys = Vec::new();
    let mut search_shards = (0, 0);
    if config.search && !diagnostics.has_errors() {
        let plan = search::shards::Plan::new(
            &output::searchable(out.signed.iter().map(|(p, r)| (p, r))),
            config.search_shard_pages,
        );
        let index = search_index(&target, &warm, &out.next, &plan, &mut diagnostics);
        files += index.files;
        written += index.written;
        search_shards = (index.made, plan.count());
        search_keys = plan.keys;
    }
    let signed = warm.record(out.signed, search_keys);
    let mut warnings = diagnostics.finish()?;
    if config.origin().is_none() {
        warnings.push(config::no_host_warning(config));
    }
    let after = out.next.commit(signed).map_err(|d| Failure {
        diagnostics: warnings.iter().cloned().chain([d]).collect(),
    })?;
    warnings.extend(after);
    Ok(Report {
        files,
        written,
        pages: out.pages,
        rendered: out.rendered,
        warnings,
        scheduled: out.scheduled,
        drafts: out.drafts,
        millis: start.elapsed().as_millis(),
        output: config.output.clone(),
        images_encoded: out.images_encoded,
        search_shards,
    })
}

/// The next generation with every page and asset written, and what the report needs of the
/// site, which is dropped by then.
struct PagesOut<'a> {
    next: Generation<'a>,
    /// Every page: rendered or kept.
    signed: Vec<Signed>,
    /// Files of the output so far (pages and assets).
    files: usize,
    /// Files written (the others were in the recycled spare already).
    written: usize,
    /// Pages of the site.
    pages: usize,
    /// Pages rendered.
    rendered: usize,
    /// Whether the site has posts or exercises, which its search should find.
    has_content: bool,
    scheduled: Option<(usize, String)>,
    /// Draft posts left out.
    drafts: usize,
    images_encoded: usize,
}

/// Loads and indexes the site, begins the next generation and writes every page into it: the
/// pages whose signature the live output recorded unchanged, and that the recycled spare holds
/// with the live bytes, are kept as they are; the others are rendered, and each is written (when
/// its bytes differ from the spare's) as soon as it is rendered.
fn write_pages<'a>(
    config: &Config,
    target: &'a Target,
    lock: &'a output::Lock,
    warm: &Warm,
    diagnostics: &mut Diagnostics,
) -> Result<PagesOut<'a>, Failure> {
    let (site, templates) = index(config, diagnostics);
    let exercises = render::exercise_bodies(&site, &templates, diagnostics);
    let engine = Engine::new(&site, &templates, &exercises);
    let pages = Pages::new(&site, Scope::All);
    if diagnostics.has_errors() {
        // The build fails: render only to report every error, and touch no folder.
        pages.render_all(&engine, &Discard, diagnostics);
        diagnostics.clone().finish()?;
    }
    let next = begin_next(config, target, lock, &site, &pages.paths)?;
    let previous = warm.previous(target, &next);
    let choice = pages.choose(&engine.signer, &previous);
    let rendered = pages.render(&engine, &choice, &previous, &next, diagnostics);
    let kept: Vec<Signed> = choice
        .kept
        .iter()
        .filter_map(|&i| {
            Some((
                pages.paths[i].clone(),
                previous.record(&pages.paths[i])?.clone(),
            ))
        })
        .collect();
    let reused: Vec<_> = kept
        .par_iter()
        .map(|(path, record)| next.keep(path, record.hash))
        .collect();
    let copies: Vec<_> = site.assets.par_iter().map(|a| next.asset(a)).collect();
    let mut out = PagesOut {
        files: pages.paths.len() + site.assets.len(),
        written: 0,
        pages: pages.jobs.len(),
        rendered: rendered.len(),
        has_content: site.has_posts() || !site.exercises.is_empty(),
        scheduled: site.held_back().map(|(n, d)| (n, d.to_string())),
        drafts: site.drafts_left_out(),
        images_encoded: site.images_encoded,
        signed: Vec::with_capacity(pages.jobs.len()),
        next,
    };
    let results = rendered.into_iter().map(|r| {
        out.signed.push((r.path, r.record));
        r.held
    });
    let results: Vec<_> = results.chain(reused).chain(copies).collect();
    for result in results {
        match result {
            Ok(w) => out.written += usize::from(w),
            Err(d) => diagnostics.push(d),
        }
    }
    out.signed.extend(kept);
    Ok(out)
}

/// Begins the next generation of `target`, to hold the pages at `paths` and the site's assets.
fn begin_next<'a>(
    config: &Config,
    target: &'a Target,
    lock: &'a output::Lock,
    site: &Site,
    paths: &[String],
) -> Result<Generation<'a>, Diagnostic> {
    let assets = site.assets.iter().map(|a| a.to.as_str());
    // The search index's folder is filled late, and only exists when search is on.
    let late: &[&str] = if config.search { &[search::DIR] } else { &[] };
    target.begin(
        lock,
        paths.iter().map(String::as_str).chain(assets),
        late,
        config.spare_output,
    )
}

/// What putting the search index into a generation did.
#[derive(Default)]
struct IndexPut {
    /// Files of the index.
    files: usize,
    /// Files written (the others were in the recycled spare already).
    written: usize,
    /// Shards made again.
    made: usize,
}

/// Puts the search index of `plan` into the next generation: each shard the live output holds
/// as `plan` would make it is kept, the others are made again (in parallel) from their pages as
/// the new tree holds them.
fn search_index(
    target: &Target,
    warm: &Warm,
    next: &Generation,
    plan: &search::shards::Plan,
    diagnostics: &mut Diagnostics,
) -> IndexPut {
    let (mut files, mut written) = (0, 0);
    let mut stale = plan.stale(warm.search_keys());
    let same: Vec<usize> = (0..plan.count()).filter(|k| !stale.contains(k)).collect();
    for k in same {
        match warm.keep_shard(target, next, k) {
            Ok(Some((kept, wrote))) => {
                files += kept;
                written += wrote;
            }
            Ok(None) => stale.push(k),
            Err(d) => diagnostics.push(d),
        }
    }
    stale.sort_unstable();
    let read = |path: &str| {
        let from = next.dir().join(path);
        std::fs::read_to_string(&from).map_err(|e| target.io(&from, "cannot read back", &e))
    };
    let made = match search::shards::index(plan, &stale, &read, None) {
        Ok(made) => made,
        Err(errors) => {
            diagnostics.extend(errors);
            return IndexPut::default();
        }
    };
    let list = plan.list();
    for file in made.iter().flat_map(|(_, f)| f).chain([&list]) {
        files += 1;
        match next.page(file) {
            Ok(w) => written += usize::from(w),
            Err(d) => diagnostics.push(d),
        }
    }
    IndexPut {
        files,
        written,
        made: stale.len(),
    }
}
