//! Phase 2: every output page as a pure function of the index and the page, rendered in parallel.

pub mod body;
pub mod context;
pub mod templates;

use rayon::prelude::*;
use tera::Context;

use crate::diagnostic::Diagnostic;
use crate::site::{self, Site};
use body::{PageLink, Rendered};
use context::{ExerciseView, PageView, PostRef, SeriesView, SiteView, joint_groups};
use templates::{STYLESHEET, Templates};

/// One file of the output, relative to the output folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Page {
    /// `/`-separated path, e.g. `core/index.html`.
    pub path: String,
    /// Contents.
    pub bytes: Vec<u8>,
    /// Keys of the posts and exercises its `@/` links point at (what else it depends on).
    pub deps: Vec<String>,
}

/// Renders every page of the site. Errors are collected; pages that failed are left out.
pub fn render_all(site: &Site, templates: &Templates) -> (Vec<Page>, Vec<Diagnostic>) {
    // Exercise bodies first: cards and exercise pages show them.
    let (exercise_html, mut errors) = exercise_bodies(site, templates);
    let (mut pages, errs) = render_jobs(site, templates, &exercise_html, &jobs(site));
    errors.extend(errs);
    if !site.assets.iter().any(|a| a.to == "style.css") {
        pages.push(stylesheet());
    }
    pages.sort_by(|a, b| a.path.cmp(&b.path));
    (pages, errors)
}

/// The default stylesheet as a page.
pub fn stylesheet() -> Page {
    Page {
        path: "style.css".into(),
        bytes: STYLESHEET.as_bytes().to_vec(),
        deps: Vec::new(),
    }
}

/// Every page job of the site.
pub fn jobs(site: &Site) -> Vec<Job> {
    let mut jobs: Vec<Job> = (0..site.posts.len()).map(Job::Post).collect();
    jobs.extend((0..site.exercises.len()).map(Job::Exercise));
    jobs.extend((0..site.series.len()).map(Job::Series));
    jobs.extend([Job::Home, Job::NotFound]);
    if !site.exercises.is_empty() {
        jobs.push(Job::ExerciseIndex);
    }
    jobs
}

/// Renders `jobs` in parallel.
pub fn render_jobs(
    site: &Site,
    templates: &Templates,
    exercise_html: &[String],
    jobs: &[Job],
) -> (Vec<Page>, Vec<Diagnostic>) {
    let results: Vec<(Option<Page>, Vec<Diagnostic>)> = jobs
        .par_iter()
        .map(|job| job.render(site, templates, exercise_html))
        .collect();
    let mut errors = Vec::new();
    let mut pages = Vec::with_capacity(results.len() + 1);
    for (page, errs) in results {
        errors.extend(errs);
        pages.extend(page);
    }
    (pages, errors)
}

/// The rendered body of every exercise, by index.
pub fn exercise_bodies(site: &Site, templates: &Templates) -> (Vec<String>, Vec<Diagnostic>) {
    let mut errors = Vec::new();
    let bodies: Vec<(String, Vec<Diagnostic>)> = site
        .exercises
        .par_iter()
        .map(|x| {
            let doc = &x.exercise.doc;
            let page = PageLink {
                title: &doc.meta.name,
                url: &x.url,
            };
            let r = Rendered::body(site, templates, doc, &x.invocations, None, page, &[]);
            (r.html, r.errors)
        })
        .collect();
    let exercise_html: Vec<String> = bodies
        .into_iter()
        .map(|(html, errs)| {
            errors.extend(errs);
            html
        })
        .collect();
    (exercise_html, errors)
}

/// One page to render.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Job {
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
}

impl Job {
    /// Output path of the page.
    pub fn path(&self, site: &Site) -> String {
        match *self {
            Job::Post(i) => site::post_path(&site.posts[i].slug),
            Job::Exercise(i) => site::exercise_path(&site.exercises[i].exercise.id),
            Job::Series(i) => site::series_path(&site.series[i].slug),
            Job::Home => "index.html".into(),
            Job::NotFound => "404.html".into(),
            Job::ExerciseIndex => site::EXERCISE_INDEX_PATH.into(),
        }
    }

    /// Renders the page: pure in `(site, job)`.
    pub fn render(
        &self,
        site: &Site,
        templates: &Templates,
        exercise_html: &[String],
    ) -> (Option<Page>, Vec<Diagnostic>) {
        let mut ctx = Context::new();
        ctx.insert(
            "site",
            &SiteView::new(&site.config, !site.exercises.is_empty()),
        );
        let path = self.path(site);
        let current_url = format!(
            "{}{}",
            site.config.base_path,
            path.trim_end_matches("index.html")
        );
        ctx.insert("current_url", &current_url);
        let mut errors = Vec::new();
        let mut deps = Vec::new();
        let (template, label) = match *self {
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
                    exercise_html,
                );
                errors.extend(r.errors);
                deps = r.links;
                let content = r.html;
                ctx.insert("page", &PageView::new(site, i, &content));
                ctx.insert(
                    "series",
                    &p.series
                        .map(|(s, _)| SeriesView::new(site, &site.series[s], Some(i))),
                );
                ctx.insert("prev", &p.prev.map(|j| PostRef::new(site, j)));
                ctx.insert("next", &p.next.map(|j| PostRef::new(site, j)));
                ("post.html", p.post.doc.source.path.display().to_string())
            }
            Job::Exercise(i) => {
                let x = &site.exercises[i];
                ctx.insert(
                    "exercise",
                    &ExerciseView::new(site, x, exercise_html.get(i).map_or("", String::as_str)),
                );
                (
                    "exercise.html",
                    x.exercise.doc.source.path.display().to_string(),
                )
            }
            Job::Series(i) => {
                ctx.insert("series", &SeriesView::new(site, &site.series[i], None));
                (
                    "series.html",
                    format!("the page of series `{}`", site.series[i].name),
                )
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
                ("index.html", "the home page".to_string())
            }
            Job::NotFound => ("404.html", "the 404 page".to_string()),
            Job::ExerciseIndex => {
                ctx.insert("groups", &joint_groups(site));
                ("exercises.html", "the exercise index".to_string())
            }
        };
        match templates.render(template, &ctx, &label) {
            Ok(html) if errors.is_empty() => (
                Some(Page {
                    path,
                    bytes: html.into_bytes(),
                    deps,
                }),
                errors,
            ),
            Ok(_) => (None, errors),
            Err(d) => {
                errors.push(d);
                (None, errors)
            }
        }
    }
}
