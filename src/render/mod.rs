//! Phase 2: every output page as a pure function of the index and the page, rendered in parallel.

mod body;
pub(crate) mod context;
mod finder;
pub(crate) mod icons;
mod kinds;
pub(crate) mod motion;
mod pager;
mod publish;
pub(crate) mod redirects;
mod routine_pages;
mod seo;
mod series;
mod shared_bodies;
pub(crate) mod templates;
mod urls;
pub(crate) mod video;
mod vocabulary;

use rayon::prelude::*;
use tera::Value;

use crate::diagnostic::Diagnostics;
use crate::output::{Page, SourceLink};
use crate::site::Site;
pub(crate) use body::Shared;
use body::{PageLink, Rendered};
use context::ExerciseView;
#[cfg(test)]
pub(crate) use kinds::KINDS;
pub(crate) use kinds::{Digests, Job, jobs, link_target, page_templates, showing};
use shared_bodies::Bodies;
use templates::Templates;

/// Renders `jobs` in parallel and hands each page, with its job's index, to `sink` as soon as it
/// is rendered (so a build can write it and drop it at once: memory stays bounded by the index,
/// not the output).
/// Returns what `sink` returned, in job order; pages that failed are left out.
pub(crate) fn render_with<T: Send>(
    site: &Site,
    templates: &Templates,
    exercises: &Shared,
    jobs: &[Job],
    diagnostics: &mut Diagnostics,
    sink: impl Fn(usize, &Job, Page) -> T + Sync,
) -> Vec<T> {
    let bodies = Bodies::with_uses(kinds::body_uses(site, jobs));
    let results: Vec<(Option<T>, Diagnostics)> = jobs
        .par_iter()
        .enumerate()
        .map(|(i, job)| {
            let mut errs = Diagnostics::default();
            let page = job.render(site, templates, exercises, &bodies, &mut errs);
            (page.map(|page| sink(i, job, page)), errs)
        })
        .collect();
    let mut out = Vec::with_capacity(results.len());
    for (item, errs) in results {
        diagnostics.append(errs);
        out.extend(item);
    }
    out
}

/// The rendered body of every exercise, by index, with the other values every page shares.
pub(crate) fn exercise_bodies(
    site: &Site,
    templates: &Templates,
    diagnostics: &mut Diagnostics,
) -> Shared {
    let none = Shared::new(site);
    let bodies: Vec<(String, Vec<SourceLink>, Diagnostics)> = site
        .exercises
        .par_iter()
        .map(|x| {
            let doc = &x.exercise.doc;
            let page = PageLink {
                title: &doc.meta.name,
                url: &x.url,
            };
            let r = Rendered::body(site, templates, doc, &x.invocations, None, page, &none);
            (r.html, r.sources, r.errors)
        })
        .collect();
    let mut out = none;
    for (html, sources, errs) in bodies {
        diagnostics.append(errs);
        out.html.push(html);
        out.sources.push(sources);
    }
    out.cards = site
        .exercises
        .iter()
        .zip(&out.html)
        .map(|(x, html)| Value::from_serializable(&ExerciseView::card(site, x, html)))
        .collect();
    out
}
