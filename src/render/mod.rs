//! Phase 2: every output page as a pure function of the index and the page, rendered in parallel.

mod body;
pub(crate) mod context;
mod finder;
pub(crate) mod icons;
mod job;
mod lists;
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
pub(crate) use job::{Job, PAGE_TEMPLATES};
use shared_bodies::Bodies;
use templates::Templates;

/// Every page job of the site.
pub(crate) fn jobs(site: &Site) -> Vec<Job> {
    // Each series' feed right after the page of its last part (in job order), so the bodies it
    // shares with its parts' pages are held only briefly (see `bodies`).
    let mut feeds_after: Vec<Vec<usize>> = vec![Vec::new(); site.posts.len()];
    for (s, series) in site.series.iter().enumerate() {
        if let Some(&last) = series.parts.iter().max() {
            feeds_after[last].push(s);
        }
    }
    let mut jobs: Vec<Job> = Vec::new();
    for (i, feeds) in feeds_after.iter().enumerate() {
        jobs.push(Job::of_post(site, i));
        jobs.extend(feeds.iter().map(|&s| Job::SeriesFeed(s)));
    }
    jobs.extend((0..site.exercises.len()).map(Job::Exercise));
    jobs.extend(
        (0..site.posts.len())
            .filter(|&i| site.has_routine(i))
            .map(Job::Routine),
    );
    jobs.extend(
        (0..site.series.len())
            .filter(|&s| site.has_program(&site.series[s]))
            .map(Job::Program),
    );
    jobs.extend(list_jobs(site));
    jobs.push(Job::NotFound);
    if site.config.search {
        jobs.push(Job::Search);
        jobs.push(Job::SearchWords);
    }
    if site.config.highlight.enabled && !site.replaces(crate::site::HIGHLIGHT_STYLESHEET) {
        jobs.push(Job::HighlightStyle);
    }
    if site.has_posts() {
        jobs.push(Job::Feed);
    }
    jobs.push(Job::Sitemap);
    if !site.replaces(crate::site::ROBOTS) {
        jobs.push(Job::Robots);
    }
    jobs.extend(
        (0..job::THEME_FILES)
            .filter(|&i| !site.replaces(job::theme_file(i).0))
            .map(Job::ThemeFile),
    );
    if !site.replaces(crate::site::MANIFEST) {
        jobs.push(Job::Manifest);
    }
    jobs.extend(
        site.aliases
            .iter()
            .enumerate()
            .filter(|(_, a)| matches!(a.form, crate::site::AliasForm::Path { .. }))
            .map(|(i, _)| Job::Alias(i)),
    );
    if !site.aliases.is_empty() && !site.replaces(crate::site::REDIRECTS) {
        jobs.push(Job::Redirects);
    }
    // GitHub Pages (Jekyll) drops every path with a segment starting with `_`.
    let hidden_by_jekyll = |path: &str| path.split('/').any(|s| s.starts_with('_'));
    if !site.replaces(crate::site::NOJEKYLL)
        && (jobs.iter().any(|j| hidden_by_jekyll(&j.path(site)))
            || site.assets.iter().any(|a| hidden_by_jekyll(&a.to)))
    {
        jobs.push(Job::NoJekyll);
    }
    jobs
}

/// The pages that list other documents: every page of the home page, of each series' and each
/// tag's list, the archive, the tag and exercise indexes (and the finder's script).
fn list_jobs(site: &Site) -> Vec<Job> {
    let mut jobs: Vec<Job> = (0..site.home_pages()).map(Job::Home).collect();
    for s in 0..site.series.len() {
        jobs.extend((0..site.series_pages(s)).map(|page| Job::Series(s, page)));
    }
    if !site.tags.is_empty() {
        jobs.push(Job::TagIndex);
        for t in 0..site.tags.len() {
            jobs.extend((0..site.tag_pages(t)).map(|page| Job::Tag(t, page)));
        }
    }
    if site.has_posts() {
        jobs.push(Job::Archive);
        let years = site.archive_years();
        jobs.extend(years.iter().map(|y| Job::ArchiveYear(y.year)));
    }
    if !site.exercises.is_empty() {
        jobs.push(Job::ExerciseIndex);
        jobs.push(Job::FinderScript);
    }
    jobs
}

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
    let bodies = Bodies::for_jobs(site, jobs);
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
