//! `sitegen build`: load and index the site, render the pages whose inputs changed (the others
//! are taken from the live output, see `incremental::warm`), write them into the next output
//! generation as they come, make the search index, and swap the generation in.

use std::time::Instant;

use rayon::prelude::*;

use crate::config::{self, Config};
use crate::diagnostic::{Diagnostics, Failure};
use crate::output::{Generation, SignedPage, Target};
use crate::pipeline::{Report, index};
use crate::{hash, incremental, output, render, search};

/// A rendered or kept page: its output path, its record and the stable hash of its bytes.
type Signed = (String, SignedPage, u64);

/// Builds the site into `config.output` (see [`crate::build`]), failing also on the problems
/// already in `diagnostics`.
pub(crate) fn run(config: &Config, mut diagnostics: Diagnostics) -> Result<Report, Failure> {
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
    let mut files = paths.len() + site.assets.len();
    let assets = site.assets.iter().map(|a| a.to.as_str());
    // The search index's folder is filled late, and only exists when search is on.
    let late: &[&str] = if config.search { &[search::DIR] } else { &[] };
    let next = target.begin(
        &lock,
        paths.iter().map(String::as_str).chain(assets),
        late,
        config.spare_output,
    )?;
    // Pages whose signature the live output recorded unchanged, and that the recycled spare holds
    // with the live bytes, are kept as they are;
    // the others are rendered, and each is written (when its bytes differ from the spare's) as
    // soon as it is rendered. The pages to search are kept for the index, made at the end.
    let signer = incremental::Signer::new(&site, &templates, &exercises.html);
    let warm = incremental::Warm::load(config, &target);
    let kept = warm.reusable(&target, &next, &signer, &jobs, &paths);
    let mut todo = vec![true; jobs.len()];
    for k in &kept {
        todo[k.job] = false;
    }
    let todo_jobs: Vec<render::Job> = (0..jobs.len())
        .filter(|&i| todo[i])
        .map(|i| jobs[i])
        .collect();
    let rendered = render::render_with(
        &site,
        &templates,
        &exercises,
        &todo_jobs,
        &mut diagnostics,
        |job, page| {
            let searchable = config.search && search::searchable(&page.path, &page.bytes);
            let record = output::SignedPage {
                signature: signer.sign(job, &page.deps),
                searchable,
                deps: page.deps.clone(),
            };
            let hash = hash::stable_bytes(&page.bytes);
            (next.page(&page), (page.path, record, hash))
        },
    );
    let reused: Vec<_> = kept
        .par_iter()
        .map(|k| next.keep(&paths[k.job], k.hash))
        .collect();
    let copies: Vec<_> = site.assets.par_iter().map(|a| next.asset(a)).collect();
    let rendered_count = rendered.len();
    let mut written = 0;
    let mut signed = Vec::with_capacity(jobs.len());
    for (result, record) in rendered {
        signed.push(record);
        match result {
            Ok(w) => written += usize::from(w),
            Err(d) => diagnostics.push(d),
        }
    }
    for result in reused.into_iter().chain(copies) {
        match result {
            Ok(w) => written += usize::from(w),
            Err(d) => diagnostics.push(d),
        }
    }
    signed.extend(
        kept.into_iter()
            .map(|k| (paths[k.job].clone(), k.record, k.hash)),
    );
    if config.search
        && signed.iter().all(|(_, r, _)| !r.searchable)
        && !diagnostics.has_errors()
        && (site.has_posts() || !site.exercises.is_empty())
    {
        diagnostics.push(search::nothing_marked());
    }
    let mut search_keys = Vec::new();
    let mut search_shards = (0, 0);
    if config.search && !diagnostics.has_errors() {
        let plan = search::shards::Plan::new(&searchable(&signed), config.search_shard_pages);
        let index = search_index(&target, &warm, &next, &plan, &mut diagnostics);
        files += index.files;
        written += index.written;
        search_shards = (index.made, plan.count());
        search_keys = plan.keys;
    }
    let signed = warm.record(
        signed.into_iter().map(|(p, r, _)| (p, r)).collect(),
        search_keys,
    );
    let mut warnings = diagnostics.finish()?;
    if config.origin().is_none() {
        warnings.push(config::no_host_warning(config));
    }
    let after = next.commit(signed).map_err(|d| Failure {
        diagnostics: warnings.iter().cloned().chain([d]).collect(),
    })?;
    warnings.extend(after);
    Ok(Report {
        files,
        written,
        pages: jobs.len(),
        rendered: rendered_count,
        warnings,
        scheduled: site.held_back().map(|(n, d)| (n, d.to_string())),
        millis: start.elapsed().as_millis(),
        output: config.output.clone(),
        images_encoded: site.images_encoded,
        search_shards,
    })
}

/// The searchable pages: output path and stable hash of the bytes.
fn searchable(signed: &[Signed]) -> Vec<(&str, u64)> {
    signed
        .iter()
        .filter(|(_, r, _)| r.searchable)
        .map(|(p, _, h)| (p.as_str(), *h))
        .collect()
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
    warm: &incremental::Warm,
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
    let made = match search::shards::index(plan, &stale, &read) {
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
