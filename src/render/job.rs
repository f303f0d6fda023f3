//! One page to render: what it is, where it lives, which template renders it, and rendering it as
//! a pure function of the index and the job.

use tera::Context;

use super::body::Shared;
use super::context::{ExerciseView, PageView, PostRef, TagView};
use super::finder::FinderView;
use super::icons::manifest;
use super::lists;
use super::motion;
use super::pager::PagerView;
use super::publish::{FeedView, sitemap, sitemap_url};
use super::redirects::{self, AliasTarget};
use super::routine_pages::{ProgramView, RoutineView};
use super::seo::{Seo, exercise_description};
use super::series::SeriesView;
use super::shared_bodies::Bodies;
use super::templates::Templates;
use super::urls::localize_page;
use super::video;
use super::vocabulary;
use crate::content::Kind;
use crate::diagnostic::Diagnostics;
use crate::i18n::{Arg, Translations};
use crate::output::{Page, SourceLink};
use crate::site::{
    AliasForm, FEED, FINDER_SCRIPT as FINDER_SCRIPT_PATH, HIGHLIGHT_STYLESHEET, MANIFEST, NOJEKYLL,
    REDIRECTS, ROBOTS, Route, SEARCH_WORDS, SITEMAP, STYLESHEET as STYLESHEET_PATH, Site,
    THEME_ICONS, page_range,
};
use crate::theme::{FINDER_SCRIPT, ICONS as THEME_ICON_FILES, STYLESHEET};

/// One page to render.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Job {
    /// A post, by index.
    Post(usize),
    /// A page of `pages/` (by index into the site's posts).
    Page(usize),
    /// An exercise page.
    Exercise(usize),
    /// Page `.1` (0-based) of a series' list of parts.
    Series(usize, usize),
    /// Page `.0` (0-based) of the home page.
    Home(usize),
    /// `404.html`.
    NotFound,
    /// `/exercises/`.
    ExerciseIndex,
    /// `/tags/`.
    TagIndex,
    /// Page `.1` (0-based) of a tag's list of posts.
    Tag(usize, usize),
    /// `/archive/`: the years with posts.
    Archive,
    /// `/archive/<year>/`: one year's posts.
    ArchiveYear(u16),
    /// The site's Atom feed.
    Feed,
    /// A series' Atom feed.
    SeriesFeed(usize),
    /// `sitemap.xml`.
    Sitemap,
    /// `robots.txt`.
    Robots,
    /// A file of the theme written as it is (the stylesheet, an icon), by index into
    /// [`THEME_FILES`], when the site has no file of its own in its place.
    ThemeFile(usize),
    /// `manifest.webmanifest`.
    Manifest,
    /// The redirect page of a path alias, by index into the site's aliases.
    Alias(usize),
    /// `_redirects` (when the site has aliases and no `static/_redirects`).
    Redirects,
    /// `.nojekyll` (when an output path starts with `_`).
    NoJekyll,
    /// A post's routine page, by post index.
    Routine(usize),
    /// A series' program page, by series index.
    Program(usize),
    /// The exercise finder's script (when the site has exercises).
    FinderScript,
    /// `/search/`: the search page (Pagefind's UI over the index of `pagefind/`).
    Search,
    /// `highlight.css`: the colours of highlighted code (when highlighting is on).
    HighlightStyle,
    /// `search/words.json`: the site's words, for the search page's corrections.
    SearchWords,
}

/// The theme's files written as they are, by output name: the stylesheet, then the icons.
pub(crate) fn theme_file(i: usize) -> (&'static str, &'static [u8]) {
    if i == 0 {
        (STYLESHEET_PATH, STYLESHEET.as_bytes())
    } else {
        (THEME_ICONS[i - 1], THEME_ICON_FILES[i - 1].1)
    }
}

/// How many files [`theme_file`] knows.
pub(crate) const THEME_FILES: usize = 1 + THEME_ICONS.len();

/// The template of each kind of page, as [`Job::template`] names them; every other template
/// (base, partials, shortcodes) is shared by all pages.
pub(crate) const PAGE_TEMPLATES: &[&str] = &[
    "post.html",
    "page.html",
    "exercise.html",
    "series.html",
    "index.html",
    "404.html",
    "exercises.html",
    "tags.html",
    "tag.html",
    "atom.xml",
    "sitemap.xml",
    "robots.txt",
    "routine.html",
    "program.html",
    "alias.html",
    "search.html",
    "archive.html",
    "archive-year.html",
];

impl Job {
    /// The job of document `i` of the site's posts: a post's page, or a page's.
    pub fn of_post(site: &Site, i: usize) -> Job {
        match site.posts[i].post.kind {
            Kind::Post => Job::Post(i),
            Kind::Page => Job::Page(i),
        }
    }

    /// Where the page lives.
    pub fn route(&self, site: &Site) -> Route {
        match *self {
            Job::Post(i) | Job::Page(i) => Route::post(&site.posts[i].slug),
            Job::Exercise(i) => Route::exercise(&site.exercises[i].exercise.id),
            Job::Series(i, page) => Route::series(&site.series[i].slug).paged(page),
            Job::Home(page) => Route::home().paged(page),
            Job::NotFound => Route::file("404.html"),
            Job::ExerciseIndex => Route::exercise_index(),
            Job::TagIndex => Route::tag_index(),
            Job::Tag(i, page) => Route::tag(&site.tags[i].slug).paged(page),
            Job::Archive => Route::archive(),
            Job::ArchiveYear(year) => Route::archive_year(year),
            Job::Feed => Route::file(FEED),
            Job::SeriesFeed(i) => Route::series_feed(&site.series[i].slug),
            Job::Sitemap => Route::file(SITEMAP),
            Job::Robots => Route::file(ROBOTS),
            Job::ThemeFile(i) => Route::file(theme_file(i).0),
            Job::Manifest => Route::file(MANIFEST),
            Job::Alias(i) => match &site.aliases[i].form {
                AliasForm::Path { path, .. } => Route::file(path),
                AliasForm::Query { .. } => Route::home(),
            },
            Job::Redirects => Route::file(REDIRECTS),
            Job::NoJekyll => Route::file(NOJEKYLL),
            Job::Routine(i) => Route::routine(&site.posts[i].slug),
            Job::Program(s) => Route::program(&site.series[s].slug),
            Job::FinderScript => Route::file(FINDER_SCRIPT_PATH),
            Job::Search => Route::search(),
            Job::HighlightStyle => Route::file(HIGHLIGHT_STYLESHEET),
            Job::SearchWords => Route::file(SEARCH_WORDS),
        }
    }

    /// Output path of the page.
    pub fn path(&self, site: &Site) -> String {
        self.route(site).output_path()
    }

    /// The template the page is rendered with (none for the theme's files, which are copied, and
    /// the manifest, which is JSON made in code).
    pub fn template(&self) -> Option<&'static str> {
        Some(match self {
            Job::Post(_) => "post.html",
            Job::Page(_) => "page.html",
            Job::Exercise(_) => "exercise.html",
            Job::Series(..) => "series.html",
            Job::Home(_) => "index.html",
            Job::NotFound => "404.html",
            Job::ExerciseIndex => "exercises.html",
            Job::TagIndex => "tags.html",
            Job::Tag(..) => "tag.html",
            Job::Archive => "archive.html",
            Job::ArchiveYear(_) => "archive-year.html",
            Job::Feed | Job::SeriesFeed(_) => "atom.xml",
            Job::Sitemap => "sitemap.xml",
            Job::Robots => "robots.txt",
            Job::Alias(_) => "alias.html",
            Job::ThemeFile(_)
            | Job::Manifest
            | Job::Redirects
            | Job::NoJekyll
            | Job::FinderScript
            | Job::HighlightStyle
            | Job::SearchWords => return None,
            Job::Routine(_) => "routine.html",
            Job::Program(_) => "program.html",
            Job::Search => "search.html",
        })
    }

    /// Renders the page: pure in `(site, job)`.
    pub fn render(
        &self,
        site: &Site,
        templates: &Templates,
        exercises: &Shared,
        bodies: &Bodies,
        errors: &mut Diagnostics,
    ) -> Option<Page> {
        let route = self.route(site);
        let path = route.output_path();
        let Some(template) = self.template() else {
            return Some(self.written_as_is(site, path));
        };
        let c = &site.config;
        let mut ctx = Context::new();
        ctx.insert_value("site", exercises.site.clone());
        ctx.insert("current_url", &route.url(c));
        let input = Inputs {
            site,
            templates,
            exercises,
            bodies,
            route: &route,
        };
        let mut linked = Linked::default();
        let label = self.fill(&input, &mut ctx, &mut linked, errors);
        linked.deps.sort();
        linked.deps.dedup();
        match templates.render_page(template, &ctx, &label, PAGE_CAPACITY) {
            Ok(bytes) if errors.is_empty() => Some(Page {
                bytes: if template.ends_with(".html") {
                    localize_page(c, bytes, &path)
                } else {
                    bytes
                },
                path,
                deps: linked.deps,
                sources: linked.sources,
            }),
            Ok(_) => None,
            Err(d) => {
                errors.push(d);
                None
            }
        }
    }

    /// A file of the theme or made in code, written as it is (no template).
    fn written_as_is(&self, site: &Site, path: String) -> Page {
        let bytes = match *self {
            Job::ThemeFile(i) => theme_file(i).1.to_vec(),
            Job::FinderScript => FINDER_SCRIPT.as_bytes().to_vec(),
            Job::Redirects => redirects::netlify(site).into_bytes(),
            Job::NoJekyll => Vec::new(),
            Job::HighlightStyle => {
                let h = site.config.highlight;
                crate::highlight::themes::stylesheet(h.light, h.dark).into_bytes()
            }
            Job::SearchWords => vocabulary::words_json(site).into_bytes(),
            _ => manifest(site).into_bytes(),
        };
        Page {
            path,
            bytes,
            deps: Vec::new(),
            sources: Vec::new(),
        }
    }

    /// Puts what the page's template reads into `ctx`; returns what the page is, for messages.
    fn fill(
        &self,
        input: &Inputs,
        ctx: &mut Context,
        linked: &mut Linked,
        errors: &mut Diagnostics,
    ) -> String {
        let site = input.site;
        match *self {
            Job::Post(i) => post_context(input, i, ctx, linked, errors),
            Job::Page(i) => {
                let content = linked.body(input, i, errors);
                body_scripts(&content, &site.config.i18n, ctx);
                ctx.insert("page", &PageView::new(site, i, &content));
                ctx.insert("seo", &Seo::standalone(site, i));
                site.posts[i].post.doc.source.path.display().to_string()
            }
            Job::Exercise(i) => exercise_context(input, i, ctx, linked),
            Job::Series(i, page) => lists::series_context(site, input.route, i, page, ctx),
            Job::Home(page) => lists::home_context(site, input.route, page, ctx),
            Job::Archive => lists::archive_context(site, input.route, None, ctx),
            Job::ArchiveYear(year) => lists::archive_context(site, input.route, Some(year), ctx),
            Job::Feed | Job::SeriesFeed(_) => {
                let series = match *self {
                    Job::SeriesFeed(s) => Some(s),
                    _ => None,
                };
                let feed = FeedView::new(
                    site,
                    series,
                    input.templates,
                    input.exercises,
                    input.bodies,
                    errors,
                    &mut linked.deps,
                );
                ctx.insert("feed", &feed);
                match series {
                    Some(s) => format!("the feed of series `{}`", site.series[s].name),
                    None => "the site feed".to_string(),
                }
            }
            Job::Sitemap => {
                ctx.insert("pages", &sitemap(site));
                "the sitemap".to_string()
            }
            Job::Robots => {
                ctx.insert("sitemap", &sitemap_url(site));
                "robots.txt".to_string()
            }
            Job::Alias(i) => {
                ctx.insert("target", &AliasTarget::new(site, i));
                let a = &site.aliases[i];
                format!(
                    "the redirect page of alias `{}` of `{}`",
                    a.written,
                    site.posts[a.post].post.file()
                )
            }
            Job::Routine(i) => routine_context(input, i, ctx),
            Job::Program(s) => program_context(input, s, ctx),
            _ => self.listing_context(input, ctx),
        }
    }

    /// The pages that list or describe the site as a whole: 404, the exercise and tag indexes, a
    /// tag's page, the search page.
    fn listing_context(&self, input: &Inputs, ctx: &mut Context) -> String {
        let (site, route) = (input.site, input.route);
        let title = site.config.title.as_str();
        let words = &site.config.i18n;
        let seo = |ctx: &mut Context, name: &str, description: &str| {
            ctx.insert("seo", &Seo::page(site, name, description, route));
        };
        match *self {
            Job::NotFound => {
                let description = words.get("not_found_description", &[("site", Arg::Text(title))]);
                seo(ctx, &words.get("page_not_found", &[]), &description);
                "the 404 page".to_string()
            }
            Job::ExerciseIndex => {
                let finder = FinderView::new(site);
                ctx.insert("groups", &finder.joints);
                ctx.insert("finder", &finder);
                let description = words.get(
                    "exercises_description",
                    &[
                        ("count", Arg::count(site.exercises.len())),
                        ("site", Arg::Text(title)),
                    ],
                );
                seo(ctx, &words.get("exercises", &[]), &description);
                "the exercise index".to_string()
            }
            Job::TagIndex => {
                let tags: Vec<TagView> = (0..site.tags.len())
                    .map(|t| TagView::new(site, t, None))
                    .collect();
                ctx.insert("tags", &tags);
                seo(
                    ctx,
                    &words.get("tags", &[]),
                    &words.get("tags_description", &[("site", Arg::Text(title))]),
                );
                "the tag index".to_string()
            }
            Job::Tag(t, page) => {
                let tag = &site.tags[t];
                let description = words.get(
                    "tag_description",
                    &[
                        ("count", Arg::count(tag.posts.len())),
                        ("site", Arg::Text(title)),
                        ("tag", Arg::Text(&tag.name)),
                    ],
                );
                seo(ctx, &tag.name, &description);
                let per_page = site.config.paginate;
                let shown = &tag.posts[page_range(tag.posts.len(), per_page, page)];
                ctx.insert("tag", &TagView::new(site, t, Some(shown)));
                let list = Route::tag(&tag.slug);
                let pager = PagerView::new(&site.config, &list, page, site.tag_pages(t), per_page);
                ctx.insert("pager", &pager);
                format!("the page of tag `{}`", tag.name)
            }
            Job::Search => {
                let description = words.get("search_description", &[("site", Arg::Text(title))]);
                seo(ctx, &words.get("search", &[]), &description);
                "the search page".to_string()
            }
            _ => "a file of the theme".to_string(),
        }
    }
}

/// What rendering one page reads besides its job.
struct Inputs<'a> {
    site: &'a Site,
    templates: &'a Templates,
    exercises: &'a Shared,
    bodies: &'a Bodies,
    route: &'a Route,
}

/// What a page's links point at: the documents of its `@/` links (part of its signature) and
/// every destination with its place (for `check`).
#[derive(Default)]
struct Linked {
    deps: Vec<String>,
    sources: Vec<SourceLink>,
}

impl Linked {
    /// The HTML of post or page `i`'s body, taking its links and errors.
    fn body(&mut self, input: &Inputs, i: usize, errors: &mut Diagnostics) -> String {
        let r = input
            .bodies
            .post(input.site, input.templates, i, input.exercises);
        errors.append(r.errors.clone());
        self.deps = r.links.clone();
        self.sources = r.sources.clone();
        r.html.clone()
    }
}

/// What a page's body asks of its `<head>` and end: the video facades' script where it has a
/// facade, the animations' pause control where it has an animation, `highlight.css` where it has
/// highlighted code.
fn body_scripts(content: &str, words: &Translations, ctx: &mut Context) {
    ctx.insert("video_script", &video::script_for(content));
    ctx.insert("motion_script", &motion::script_for(content, words));
    ctx.insert("code_highlighted", &crate::highlight::has_code(content));
}

fn post_context(
    input: &Inputs,
    i: usize,
    ctx: &mut Context,
    linked: &mut Linked,
    errors: &mut Diagnostics,
) -> String {
    let site = input.site;
    let p = &site.posts[i];
    let content = linked.body(input, i, errors);
    body_scripts(&content, &site.config.i18n, ctx);
    ctx.insert("page", &PageView::new(site, i, &content));
    ctx.insert(
        "series",
        &p.series
            .map(|(s, _)| SeriesView::new(site, &site.series[s], Some(i))),
    );
    ctx.insert("prev", &p.prev.map(|j| PostRef::new(site, j)));
    ctx.insert("next", &p.next.map(|j| PostRef::new(site, j)));
    ctx.insert("seo", &Seo::post(site, i));
    p.post.doc.source.path.display().to_string()
}

fn exercise_context(input: &Inputs, i: usize, ctx: &mut Context, linked: &mut Linked) -> String {
    let (site, exercises) = (input.site, input.exercises);
    let x = &site.exercises[i];
    let content = exercises.html.get(i).map_or("", String::as_str);
    let view = ExerciseView::new(site, x, content);
    let facade = x.video.as_ref().is_some_and(|v| v.kind != "file");
    body_scripts(content, &site.config.i18n, ctx);
    if facade {
        ctx.insert("video_script", &Some(video::SCRIPT));
    }
    if x.animation.is_some() {
        ctx.insert("motion_script", &Some(motion::script(&site.config.i18n)));
    }
    linked.sources = exercises.sources.get(i).cloned().unwrap_or_default();
    ctx.insert(
        "seo",
        &Seo::exercise(site, x, &exercise_description(site, i)),
    );
    ctx.insert("exercise", &view);
    x.exercise.doc.source.path.display().to_string()
}

fn routine_context(input: &Inputs, i: usize, ctx: &mut Context) -> String {
    let site = input.site;
    let p = &site.posts[i];
    let view = RoutineView::new(site, i, None);
    let words = &site.config.i18n;
    let post_title = Arg::Text(&p.post.doc.meta.title);
    let title = words.get("routine_title", &[("title", post_title)]);
    let description = words.get(
        "routine_description",
        &[
            ("count", Arg::count(view.count())),
            ("title", post_title),
            ("time", Arg::Text(view.time())),
        ],
    );
    ctx.insert("seo", &Seo::page(site, &title, &description, input.route));
    ctx.insert("routine", &view);
    format!("the routine page of {}", p.post.doc.source.path.display())
}

fn program_context(input: &Inputs, s: usize, ctx: &mut Context) -> String {
    let site = input.site;
    let series = &site.series[s];
    let view = ProgramView::new(site, series);
    let words = &site.config.i18n;
    let title = words.get("program_title", &[("name", Arg::Text(&series.name))]);
    let description = words.get(
        "program_description",
        &[
            ("series", Arg::Text(&series.name)),
            ("time", Arg::Text(view.time())),
        ],
    );
    ctx.insert("seo", &Seo::page(site, &title, &description, input.route));
    ctx.insert("program", &view);
    ctx.insert("series", &SeriesView::new(site, series, None));
    format!("the program of series `{}`", series.name)
}

/// Room for a page's HTML to begin with: most pages of the theme fit, so the buffer is seldom grown
/// (and copied) while a page is written.
const PAGE_CAPACITY: usize = 48 * 1024;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_templates_are_the_templates_jobs_name() {
        let jobs = [
            Job::Post(0),
            Job::Page(0),
            Job::Exercise(0),
            Job::Series(0, 0),
            Job::Home(0),
            Job::NotFound,
            Job::ExerciseIndex,
            Job::TagIndex,
            Job::Tag(0, 0),
            Job::Feed,
            Job::SeriesFeed(0),
            Job::Sitemap,
            Job::Robots,
            Job::ThemeFile(0),
            Job::Manifest,
            Job::Routine(0),
            Job::Program(0),
            Job::Alias(0),
            Job::Redirects,
            Job::NoJekyll,
            Job::FinderScript,
            Job::Search,
            Job::HighlightStyle,
            Job::SearchWords,
            Job::Archive,
            Job::ArchiveYear(2012),
        ];
        let mut named: Vec<&str> = jobs.iter().filter_map(Job::template).collect();
        named.dedup();
        assert_eq!(named, PAGE_TEMPLATES);
    }
}
