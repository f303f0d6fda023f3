//! `sitegen build`: load and index the site, render the pages whose inputs changed (the others
//! are taken from the live output, see `incremental::warm`), write them into the next output
//! generation as they come, make the search index, and swap the generation in.

use std::collections::HashSet;
use std::time::Instant;

use rayon::prelude::*;

use crate::config::{self, Config};
use crate::diagnostic::{Diagnostic, Diagnostics, Failure};
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
    let searched = std::sync::Mutex::new(Vec::new());
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
            let result = next.page(&page);
            let path = page.path.clone();
            if searchable {
                let source = search::Source::of(page);
                searched
                    .lock()
                    .unwrap_or_else(|e| e.into_inner())
                    .push(source);
            }
            (result, (path, record, hash))
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
    let searched = searched.into_inner().unwrap_or_else(|e| e.into_inner());
    if config.search
        && signed.iter().all(|(_, r, _)| !r.searchable)
        && !diagnostics.has_errors()
        && (site.has_posts() || !site.exercises.is_empty())
    {
        diagnostics.push(search::nothing_marked());
    }
    let search_key = search_key(&signed);
    if config.search && !diagnostics.has_errors() {
        let (made, wrote) = search_index(
            SearchJob {
                target: &target,
                warm: &warm,
                next: &next,
                signed: &signed,
                key: search_key,
            },
            searched,
            &mut diagnostics,
        );
        files += made;
        written += wrote;
    }
    let signed = warm.record(
        signed.into_iter().map(|(p, r, _)| (p, r)).collect(),
        search_key,
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
    })
}

/// What the search index is made in and from.
struct SearchJob<'a> {
    target: &'a Target,
    warm: &'a incremental::Warm,
    next: &'a Generation<'a>,
    signed: &'a [Signed],
    /// [`search_key`] of `signed`.
    key: u64,
}

/// What the index stands for: the searchable pages' paths and the hashes of their bytes.
fn search_key(signed: &[Signed]) -> u64 {
    hash::digest(searchable(signed))
}

fn searchable(signed: &[Signed]) -> Vec<(&str, u64)> {
    let mut pages: Vec<(&str, u64)> = signed
        .iter()
        .filter(|(_, r, _)| r.searchable)
        .map(|(p, _, h)| (p.as_str(), *h))
        .collect();
    pages.sort_unstable();
    pages
}

/// Puts the search index into the next generation: the live one when it stands for the same
/// pages, else one made again from every searchable page (`searched` holds the rendered ones;
/// those taken from the live output are read back from the new tree). Returns the index's files
/// and how many of them were written.
fn search_index(
    job: SearchJob,
    mut searched: Vec<search::Source>,
    diagnostics: &mut Diagnostics,
) -> (usize, usize) {
    match job
        .warm
        .keep_search(job.target, job.next, search::DIR, job.key)
    {
        Ok((0, _)) => {}
        Ok(kept) => return kept,
        Err(d) => {
            diagnostics.push(d);
            return (0, 0);
        }
    }
    let read: HashSet<&str> = searched.iter().map(|s| s.path.as_str()).collect();
    let more: Vec<Result<search::Source, Diagnostic>> = searchable(job.signed)
        .par_iter()
        .filter(|(p, _)| !read.contains(p))
        .map(|(p, _)| {
            let from = job.next.dir().join(p);
            std::fs::read_to_string(&from)
                .map(|html| search::Source {
                    path: p.to_string(),
                    html,
                })
                .map_err(|e| job.target.io(&from, "cannot read back", &e))
        })
        .collect();
    for source in more {
        match source {
            Ok(source) => searched.push(source),
            Err(d) => diagnostics.push(d),
        }
    }
    if diagnostics.has_errors() {
        return (0, 0);
    }
    let index = match search::index(searched) {
        Ok(index) => index,
        Err(d) => {
            diagnostics.push(d);
            return (0, 0);
        }
    };
    let mut written = 0;
    for file in &index {
        match job.next.page(file) {
            Ok(w) => written += usize::from(w),
            Err(d) => diagnostics.push(d),
        }
    }
    (index.len(), written)
}
