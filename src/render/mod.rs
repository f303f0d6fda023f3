//! Phase 2: every output page as a pure function of the index and the page, rendered in parallel.

pub mod body;
pub mod context;
pub mod templates;

use rayon::prelude::*;
use tera::Context;

use crate::diagnostic::Diagnostics;
use crate::output::{Page, SourceLink};
use crate::site::{Route, Site};
use body::{ExerciseBodies, PageLink, Rendered};
use context::{ExerciseView, PageView, PostRef, SeriesView, SiteView, joint_groups};
use templates::{STYLESHEET, Templates};

/// Renders every page of the site, sorted by path. Errors are collected; pages that failed are
/// left out.
pub(crate) fn render_all(
    site: &Site,
    templates: &Templates,
    diagnostics: &mut Diagnostics,
) -> Vec<Page> {
    // Exercise bodies first: cards and exercise pages show them.
    let exercises = exercise_bodies(site, templates, diagnostics);
    let mut pages = render_jobs(site, templates, &exercises, &jobs(site), diagnostics);
    pages.sort_by(|a, b| a.path.cmp(&b.path));
    pages
}

/// Every page job of the site.
pub(crate) fn jobs(site: &Site) -> Vec<Job> {
    let mut jobs: Vec<Job> = (0..site.posts.len()).map(Job::Post).collect();
    jobs.extend((0..site.exercises.len()).map(Job::Exercise));
    jobs.extend((0..site.series.len()).map(Job::Series));
    jobs.extend([Job::Home, Job::NotFound]);
    if !site.exercises.is_empty() {
        jobs.push(Job::ExerciseIndex);
    }
    if !site.own_stylesheet {
        jobs.push(Job::Stylesheet);
    }
    jobs
}

/// Renders `jobs` in parallel, in order.
pub(crate) fn render_jobs(
    site: &Site,
    templates: &Templates,
    exercises: &ExerciseBodies,
    jobs: &[Job],
    diagnostics: &mut Diagnostics,
) -> Vec<Page> {
    let results: Vec<(Option<Page>, Diagnostics)> = jobs
        .par_iter()
        .map(|job| {
            let mut errs = Diagnostics::default();
            (job.render(site, templates, exercises, &mut errs), errs)
        })
        .collect();
    let mut pages = Vec::with_capacity(results.len());
    for (page, errs) in results {
        diagnostics.append(errs);
        pages.extend(page);
    }
    pages
}

/// The rendered body of every exercise, by index.
pub(crate) fn exercise_bodies(
    site: &Site,
    templates: &Templates,
    diagnostics: &mut Diagnostics,
) -> ExerciseBodies {
    let none = ExerciseBodies::default();
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
    let mut out = ExerciseBodies::default();
    for (html, sources, errs) in bodies {
        diagnostics.append(errs);
        out.html.push(html);
        out.sources.push(sources);
    }
    out
}

/// One page to render.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Job {
    /// A post, by index.
    Post(usize),
    /// An exercise page.
    Exercise(usize),
    /// A series page.
    Series(usize),
    /// The home page.
    Home,
    /// `404.html`.
    NotFound,
    /// `/exercises/`.
    ExerciseIndex,
    /// The theme's stylesheet (when the site has no `static/style.css`).
    Stylesheet,
}

/// The template of each kind of page, as [`Job::template`] names them; every other template
/// (base, partials, shortcodes) is shared by all pages.
pub(crate) const PAGE_TEMPLATES: &[&str] = &[
    "post.html",
    "exercise.html",
    "series.html",
    "index.html",
    "404.html",
    "exercises.html",
];

impl Job {
    /// Where the page lives.
    pub fn route(&self, site: &Site) -> Route {
        match *self {
            Job::Post(i) => Route::post(&site.posts[i].slug),
            Job::Exercise(i) => Route::exercise(&site.exercises[i].exercise.id),
            Job::Series(i) => Route::series(&site.series[i].slug),
            Job::Home => Route::home(),
            Job::NotFound => Route::file("404.html"),
            Job::ExerciseIndex => Route::exercise_index(),
            Job::Stylesheet => Route::file(crate::site::STYLESHEET),
        }
    }

    /// Output path of the page.
    pub fn path(&self, site: &Site) -> String {
        self.route(site).output_path()
    }

    /// The template the page is rendered with (none for the stylesheet, which is copied).
    pub fn template(&self) -> Option<&'static str> {
        Some(match self {
            Job::Post(_) => "post.html",
            Job::Exercise(_) => "exercise.html",
            Job::Series(_) => "series.html",
            Job::Home => "index.html",
            Job::NotFound => "404.html",
            Job::ExerciseIndex => "exercises.html",
            Job::Stylesheet => return None,
        })
    }

    /// Renders the page: pure in `(site, job)`.
    pub fn render(
        &self,
        site: &Site,
        templates: &Templates,
        exercises: &ExerciseBodies,
        errors: &mut Diagnostics,
    ) -> Option<Page> {
        let route = self.route(site);
        let path = route.output_path();
        let Some(template) = self.template() else {
            return Some(Page {
                path,
                bytes: STYLESHEET.as_bytes().to_vec(),
                deps: Vec::new(),
                sources: Vec::new(),
            });
        };
        let mut ctx = Context::new();
        ctx.insert(
            "site",
            &SiteView::new(&site.config, !site.exercises.is_empty()),
        );
        ctx.insert("current_url", &route.url(&site.config));
        let mut deps = Vec::new();
        let mut sources = Vec::new();
        let label = match *self {
            Job::Post(i) => {
                let p = &site.posts[i];
                let doc = &p.post.doc;
                let page = PageLink {
                    title: &doc.meta.title,
                    url: &p.url,
                };
                let r = Rendered::body(
                    site,
                    templates,
                    doc,
                    &p.invocations,
                    Some(i),
                    page,
                    exercises,
                );
                errors.append(r.errors);
                deps = r.links;
                sources = r.sources;
                let content = r.html;
                ctx.insert("page", &PageView::new(site, i, &content));
                ctx.insert(
                    "series",
                    &p.series
                        .map(|(s, _)| SeriesView::new(site, &site.series[s], Some(i))),
                );
                ctx.insert("prev", &p.prev.map(|j| PostRef::new(site, j)));
                ctx.insert("next", &p.next.map(|j| PostRef::new(site, j)));
                p.post.doc.source.path.display().to_string()
            }
            Job::Exercise(i) => {
                let x = &site.exercises[i];
                ctx.insert(
                    "exercise",
                    &ExerciseView::new(site, x, exercises.html.get(i).map_or("", String::as_str)),
                );
                sources = exercises.sources.get(i).cloned().unwrap_or_default();
                x.exercise.doc.source.path.display().to_string()
            }
            Job::Series(i) => {
                ctx.insert("series", &SeriesView::new(site, &site.series[i], None));
                format!("the page of series `{}`", site.series[i].name)
            }
            Job::Home => {
                let series: Vec<SeriesView> = site
                    .series
                    .iter()
                    .map(|s| SeriesView::new(site, s, None))
                    .collect();
                let posts: Vec<PostRef> = site
                    .loose
                    .iter()
                    .rev()
                    .map(|&i| PostRef::new(site, i))
                    .collect();
                ctx.insert("series_list", &series);
                ctx.insert("posts", &posts);
                "the home page".to_string()
            }
            Job::NotFound => "the 404 page".to_string(),
            Job::ExerciseIndex => {
                ctx.insert("groups", &joint_groups(site));
                "the exercise index".to_string()
            }
            Job::Stylesheet => "the stylesheet".to_string(),
        };
        match templates.render(template, &ctx, &label) {
            Ok(html) if errors.is_empty() => Some(Page {
                path,
                bytes: html.into_bytes(),
                deps,
                sources,
            }),
            Ok(_) => None,
            Err(d) => {
                errors.push(d);
                None
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_templates_are_the_templates_jobs_name() {
        let jobs = [
            Job::Post(0),
            Job::Exercise(0),
            Job::Series(0),
            Job::Home,
            Job::NotFound,
            Job::ExerciseIndex,
            Job::Stylesheet,
        ];
        let named: Vec<&str> = jobs.iter().filter_map(Job::template).collect();
        assert_eq!(named, PAGE_TEMPLATES);
    }
}
