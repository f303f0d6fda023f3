//! The pages that list other documents: each page of the home page, of a series' and of a tag's
//! list, the archive's pages, the tag index and the exercise index (the finder).

use std::hash::Hash;

use tera::Context;

use super::digests::aliases_digest;
use super::{Digests, Env, Job, Made, Out, PageKind};
use crate::hash::StableHasher;
use crate::i18n::Arg;
use crate::render::context::{ArchiveYearView, PostRef, TagView};
use crate::render::finder::FinderView;
use crate::render::pager::PagerView;
use crate::render::redirects;
use crate::render::seo::Seo;
use crate::render::series::SeriesView;
use crate::site::{HomeEntry, Origin, Route, Site, page_range};

/// Page `.0` (0-based) of the home page.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) struct Home(pub usize);

/// Page `.1` (0-based) of series `.0`'s list of parts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) struct Series(pub usize, pub usize);

/// `/tags/`: every tag.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) struct TagIndex;

/// Page `.1` (0-based) of tag `.0`'s list of posts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) struct Tag(pub usize, pub usize);

/// `/archive/`: the years with posts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) struct Archive;

/// `/archive/<year>/`: one year's posts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) struct ArchiveYear(pub u16);

/// `/exercises/`: every exercise, grouped by joint, goal and equipment.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) struct ExerciseIndex;

impl PageKind for Home {
    const TEMPLATE: Option<&'static str> = Some("index.html");

    fn pages(site: &Site, _: &[Job]) -> Vec<Self> {
        (0..site.home_pages()).map(Home).collect()
    }

    fn route(self, _: &Site) -> Route {
        Route::home().paged(self.0)
    }

    /// Its share of the series and the loose posts (and on the first page, the aliases' script).
    fn inputs(self, site: &Site, d: &Digests, h: &mut StableHasher) {
        self.0.hash(h);
        if self.0 == 0 {
            aliases_digest(site, h);
        }
        d.series.hash(h);
        for &i in &site.loose {
            d.post_ref[i].hash(h);
        }
    }

    fn make(self, env: &Env, out: &mut Out) -> Made {
        Made::Filled(home_context(env.site, env.route, self.0, &mut out.ctx))
    }
}

impl PageKind for Series {
    const TEMPLATE: Option<&'static str> = Some("series.html");

    fn pages(site: &Site, _: &[Job]) -> Vec<Self> {
        let pages = |s| (0..site.series_pages(s)).map(move |page| Series(s, page));
        (0..site.series.len()).flat_map(pages).collect()
    }

    fn route(self, site: &Site) -> Route {
        Route::series(&site.series[self.0].slug).paged(self.1)
    }

    fn inputs(self, _: &Site, d: &Digests, h: &mut StableHasher) {
        (self.1, d.series[self.0]).hash(h);
    }

    fn make(self, env: &Env, out: &mut Out) -> Made {
        let (site, route, ctx) = (env.site, env.route, &mut out.ctx);
        Made::Filled(series_context(site, route, self.0, self.1, ctx))
    }

    fn origin(self) -> Origin {
        Origin::Series(self.0)
    }
}

impl PageKind for TagIndex {
    const TEMPLATE: Option<&'static str> = Some("tags.html");

    fn pages(site: &Site, _: &[Job]) -> Vec<Self> {
        if site.tags.is_empty() {
            Vec::new()
        } else {
            vec![TagIndex]
        }
    }

    fn route(self, _: &Site) -> Route {
        Route::tag_index()
    }

    fn inputs(self, _: &Site, d: &Digests, h: &mut StableHasher) {
        d.tags.hash(h);
    }

    fn make(self, env: &Env, out: &mut Out) -> Made {
        let site = env.site;
        let (title, words) = (site.config.title.as_str(), &site.config.i18n);
        let tags: Vec<TagView> = (0..site.tags.len())
            .map(|t| TagView::new(site, t, None))
            .collect();
        out.ctx.insert("tags", &tags);
        let description = words.get("tags_description", &[("site", Arg::Text(title))]);
        let seo = Seo::page(site, &words.get("tags", &[]), &description, env.route);
        out.ctx.insert("seo", &seo);
        Made::Filled("the tag index".to_string())
    }
}

impl PageKind for Tag {
    const TEMPLATE: Option<&'static str> = Some("tag.html");

    fn pages(site: &Site, _: &[Job]) -> Vec<Self> {
        let pages = |t| (0..site.tag_pages(t)).map(move |page| Tag(t, page));
        (0..site.tags.len()).flat_map(pages).collect()
    }

    fn route(self, site: &Site) -> Route {
        Route::tag(&site.tags[self.0].slug).paged(self.1)
    }

    fn inputs(self, _: &Site, d: &Digests, h: &mut StableHasher) {
        (self.1, d.tags[self.0]).hash(h);
    }

    fn make(self, env: &Env, out: &mut Out) -> Made {
        let (site, Tag(t, page)) = (env.site, self);
        let tag = &site.tags[t];
        let (title, words) = (site.config.title.as_str(), &site.config.i18n);
        let description = words.get(
            "tag_description",
            &[
                ("count", Arg::count(tag.posts.len())),
                ("site", Arg::Text(title)),
                ("tag", Arg::Text(&tag.name)),
            ],
        );
        out.ctx
            .insert("seo", &Seo::page(site, &tag.name, &description, env.route));
        let per_page = site.config.paginate;
        let shown = &tag.posts[page_range(tag.posts.len(), per_page, page)];
        out.ctx.insert("tag", &TagView::new(site, t, Some(shown)));
        let list = Route::tag(&tag.slug);
        let pager = PagerView::new(&site.config, &list, page, site.tag_pages(t), per_page);
        out.ctx.insert("pager", &pager);
        Made::Filled(format!("the page of tag `{}`", tag.name))
    }

    fn origin(self) -> Origin {
        Origin::Tag(self.0)
    }
}

impl PageKind for Archive {
    const TEMPLATE: Option<&'static str> = Some("archive.html");

    fn pages(site: &Site, _: &[Job]) -> Vec<Self> {
        if site.has_posts() {
            vec![Archive]
        } else {
            Vec::new()
        }
    }

    fn route(self, _: &Site) -> Route {
        Route::archive()
    }

    fn inputs(self, site: &Site, _: &Digests, h: &mut StableHasher) {
        for y in site.archive_years() {
            (y.year, y.posts.len()).hash(h);
        }
    }

    fn make(self, env: &Env, out: &mut Out) -> Made {
        Made::Filled(archive_context(env.site, env.route, None, &mut out.ctx))
    }
}

impl PageKind for ArchiveYear {
    const TEMPLATE: Option<&'static str> = Some("archive-year.html");

    fn pages(site: &Site, _: &[Job]) -> Vec<Self> {
        if !site.has_posts() {
            return Vec::new();
        }
        site.archive_years()
            .iter()
            .map(|y| ArchiveYear(y.year))
            .collect()
    }

    fn route(self, _: &Site) -> Route {
        Route::archive_year(self.0)
    }

    fn inputs(self, site: &Site, d: &Digests, h: &mut StableHasher) {
        self.0.hash(h);
        for y in site.archive_years().iter().filter(|y| y.year == self.0) {
            for &i in &y.posts {
                d.post_ref[i].hash(h);
            }
        }
    }

    fn make(self, env: &Env, out: &mut Out) -> Made {
        Made::Filled(archive_context(
            env.site,
            env.route,
            Some(self.0),
            &mut out.ctx,
        ))
    }
}

impl PageKind for ExerciseIndex {
    const TEMPLATE: Option<&'static str> = Some("exercises.html");

    fn pages(site: &Site, _: &[Job]) -> Vec<Self> {
        if site.exercises.is_empty() {
            Vec::new()
        } else {
            vec![ExerciseIndex]
        }
    }

    fn route(self, _: &Site) -> Route {
        Route::exercise_index()
    }

    fn inputs(self, site: &Site, _: &Digests, h: &mut StableHasher) {
        for x in &site.exercises {
            let m = &x.exercise.doc.meta;
            let facts = (&x.exercise.id, &m.name, &m.joint, m.goal, &m.equipment);
            (facts, &x.url, x.used_in.len()).hash(h);
        }
    }

    fn make(self, env: &Env, out: &mut Out) -> Made {
        let site = env.site;
        let (title, words) = (site.config.title.as_str(), &site.config.i18n);
        let finder = FinderView::new(site);
        out.ctx.insert("groups", &finder.joints);
        out.ctx.insert("finder", &finder);
        let description = words.get(
            "exercises_description",
            &[
                ("count", Arg::count(site.exercises.len())),
                ("site", Arg::Text(title)),
            ],
        );
        let seo = Seo::page(site, &words.get("exercises", &[]), &description, env.route);
        out.ctx.insert("seo", &seo);
        Made::Filled("the exercise index".to_string())
    }

    fn origin(self) -> Origin {
        Origin::ExerciseIndex
    }
}

/// Page `page` of the home page: its share of the series (each with its first parts) and of the
/// other posts.
fn home_context(site: &Site, route: &Route, page: usize, ctx: &mut Context) -> String {
    let entries = site.home_entries();
    let per_page = site.config.paginate;
    let mut series: Vec<SeriesView> = Vec::new();
    let mut posts: Vec<PostRef> = Vec::new();
    // Entries on the page so far, series parts included: the first few load their pictures at once.
    let mut place = 0;
    for entry in &entries[page_range(entries.len(), per_page, page)] {
        match *entry {
            HomeEntry::Series(s) => {
                let view = SeriesView::listed(site, &site.series[s], place);
                place += view.shown();
                series.push(view);
            }
            HomeEntry::Post(i) => {
                posts.push(PostRef::listed(site, i, place));
                place += 1;
            }
        }
    }
    let pager = PagerView::new(
        &site.config,
        &Route::home(),
        page,
        site.home_pages(),
        per_page,
    );
    ctx.insert("series_list", &series);
    ctx.insert("posts", &posts);
    ctx.insert("pager", &pager);
    if page == 0 {
        ctx.insert("query_redirects", &redirects::query_script(site));
    }
    ctx.insert("seo", &Seo::home(site, route));
    match page {
        0 => "the home page".to_string(),
        n => format!("page {} of the home page", n + 1),
    }
}

/// Page `page` of a series' list of parts.
fn series_context(site: &Site, route: &Route, s: usize, page: usize, ctx: &mut Context) -> String {
    let series = &site.series[s];
    let per_page = site.config.paginate;
    let shown = page_range(series.parts.len(), per_page, page);
    let view = SeriesView::page(site, series, shown);
    let list = Route::series(&series.slug);
    let pager = PagerView::new(&site.config, &list, page, site.series_pages(s), per_page);
    let description = series_description(site, s);
    ctx.insert("seo", &Seo::series(site, s, &description, route));
    ctx.insert("series", &view);
    ctx.insert("pager", &pager);
    format!("the page of series `{}`", series.name)
}

/// The archive: the years with posts, or (with `year`) one year's posts.
fn archive_context(site: &Site, route: &Route, year: Option<u16>, ctx: &mut Context) -> String {
    let (title, words) = (&site.config.title, &site.config.i18n);
    let years = site.archive_years();
    let (name, description) = match year {
        Some(year) => {
            let posts = years
                .iter()
                .find(|y| y.year == year)
                .map_or(&[][..], |y| &y.posts[..]);
            let list: Vec<PostRef> = posts.iter().map(|&i| PostRef::new(site, i)).collect();
            let args = [
                ("count", Arg::Number(list.len() as i64)),
                ("site", Arg::Text(title)),
                ("year", Arg::Number(i64::from(year))),
            ];
            ctx.insert("year", &year);
            ctx.insert("posts", &list);
            let name = words.get("archive_year_title", &args[2..]);
            (name, words.get("archive_year_description", &args))
        }
        None => {
            let view: Vec<ArchiveYearView> = years
                .iter()
                .map(|y| ArchiveYearView::new(site, y))
                .collect();
            ctx.insert("years", &view);
            let site_arg = [("site", Arg::Text(title))];
            (
                words.get("archive", &[]),
                words.get("archive_description", &site_arg),
            )
        }
    };
    ctx.insert("seo", &Seo::page(site, &name, &description, route));
    format!("the archive page `{}`", route.url(&site.config))
}

/// "Movement Imbalances, a series in 4 parts: Foam Rolling, Joint-by-Joint, …"
fn series_description(site: &Site, s: usize) -> String {
    let series = &site.series[s];
    let titles: Vec<&str> = series
        .parts
        .iter()
        .map(|&i| site.posts[i].post.doc.meta.title.as_str())
        .collect();
    site.config.i18n.get(
        "series_description",
        &[
            ("series", Arg::Text(&series.name)),
            ("count", Arg::count(titles.len())),
            ("titles", Arg::Text(&titles.join(", "))),
        ],
    )
}
