//! The pages that list posts: each page of the home page and of a series' list of parts, and the
//! archive's pages, with their pager.

use tera::Context;

use super::context::{ArchiveYearView, PostRef};
use super::pager::PagerView;
use super::redirects;
use super::seo::Seo;
use super::series::SeriesView;
use crate::i18n::Arg;
use crate::site::{HomeEntry, Route, Site, page_range};

/// Page `page` of the home page: its share of the series (each with its first parts) and of the
/// other posts.
pub(super) fn home_context(site: &Site, route: &Route, page: usize, ctx: &mut Context) -> String {
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
pub(super) fn series_context(
    site: &Site,
    route: &Route,
    s: usize,
    page: usize,
    ctx: &mut Context,
) -> String {
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
pub(super) fn archive_context(
    site: &Site,
    route: &Route,
    year: Option<u16>,
    ctx: &mut Context,
) -> String {
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
