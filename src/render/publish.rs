//! Pages for machines: Atom feeds (the site's and one per series), the sitemap and robots.txt —
//! more pages computed from the same index, rendered through overridable templates.

use serde::Serialize;

use super::body::Shared;
use super::motion;
use super::shared_bodies::Bodies;
use super::templates::Templates;
use super::urls::absolutize;
use super::video;
use crate::config::FeedContent;
use crate::date::DateTime;
use crate::diagnostic::Diagnostics;
use crate::site::public::published;
use crate::site::{FEED, Route, SITEMAP, Site, feed_id, permalink};

/// The date a post (or page) last changed: `updated`, else `date`; none for a page with neither.
fn last_change(site: &Site, i: usize) -> Option<DateTime> {
    let m = &site.posts[i].post.doc.meta;
    match (m.date, m.updated) {
        (Some(d), u) => Some(u.unwrap_or(d).max(d)),
        (None, u) => u,
    }
}

/// One entry of a feed.
#[derive(Serialize)]
struct Entry<'a> {
    title: &'a str,
    url: String,
    id: String,
    published: String,
    updated: String,
    summary: &'a str,
    content: Option<String>,
    tags: &'a [String],
}

/// `feed`: a feed and its entries, newest first.
#[derive(Serialize)]
pub(crate) struct FeedView<'a> {
    title: String,
    subtitle: &'a str,
    id: String,
    self_url: String,
    alternate: String,
    updated: String,
    author: &'a str,
    entries: Vec<Entry<'a>>,
}

impl<'a> FeedView<'a> {
    /// The site's feed (`series: None`) or a series' feed, with entry bodies rendered (and their
    /// links made absolute) when the site asks for full content. `links` collects the `@/` targets
    /// the bodies link to.
    pub fn new(
        site: &'a Site,
        series: Option<usize>,
        templates: &Templates,
        exercises: &Shared,
        bodies: &Bodies,
        errors: &mut Diagnostics,
        links: &mut Vec<String>,
    ) -> FeedView<'a> {
        let c = &site.config;
        let (title, page_url, self_route) = match series {
            Some(s) => {
                let se = &site.series[s];
                (
                    super::seo::series_feed_title(site, s),
                    se.url.clone(),
                    Route::series_feed(&se.slug),
                )
            }
            None => (c.title.clone(), c.base_path.clone(), Route::file(FEED)),
        };
        let entries_of = site.feed_entries(series);
        let entries: Vec<Entry> = entries_of
            .iter()
            .map(|&i| {
                let p = &site.posts[i];
                let doc = &p.post.doc;
                let content = (c.feed_content == FeedContent::Full).then(|| {
                    let r = bodies.post(site, templates, i, exercises);
                    errors.append(r.errors.clone());
                    links.extend(r.links.iter().cloned());
                    video::for_feed(&motion::for_feed(&absolutize(&r.html, &p.permalink, c)))
                });
                Entry {
                    title: &doc.meta.title,
                    url: published(c, &p.permalink),
                    id: feed_id(c, p),
                    // Feeds hold posts only, and every post has a date.
                    published: doc.meta.date.map_or_else(String::new, |d| d.rfc3339()),
                    updated: last_change(site, i).map_or_else(String::new, |d| d.rfc3339()),
                    summary: &p.post.summary_text,
                    content,
                    tags: &doc.meta.tags,
                }
            })
            .collect();
        let updated = entries_of
            .iter()
            .filter_map(|&i| last_change(site, i))
            .max()
            .unwrap_or_else(|| c.today.into())
            .rfc3339();
        // The id stays the pretty URL whatever the URL mode, so readers see no new feed.
        let id = permalink(c, &page_url);
        let alternate = published(c, &id);
        FeedView {
            title,
            subtitle: &c.description,
            id,
            self_url: permalink(c, &self_route.url(c)),
            alternate,
            updated,
            author: if c.author.trim().is_empty() {
                &c.title
            } else {
                &c.author
            },
            entries,
        }
    }
}

/// One `<url>` of the sitemap.
#[derive(Serialize)]
pub(crate) struct SitemapUrl {
    loc: String,
    lastmod: Option<String>,
}

/// Every HTML page of the site worth indexing (not the 404 page), with the date it last changed
/// when one is known: a post's `updated` or `date`, a list's newest post.
pub(crate) fn sitemap(site: &Site) -> Vec<SitemapUrl> {
    let c = &site.config;
    let newest =
        |posts: &mut dyn Iterator<Item = usize>| posts.filter_map(|i| last_change(site, i)).max();
    let url = |route: Route, lastmod: Option<DateTime>| SitemapUrl {
        loc: published(c, &permalink(c, &route.url(c))),
        lastmod: lastmod.map(|d| d.w3c()),
    };
    let mut urls = vec![url(Route::home(), newest(&mut (0..site.posts.len())))];
    for (i, p) in site.posts.iter().enumerate() {
        urls.push(url(Route::post(&p.slug), last_change(site, i)));
        if site.has_routine(i) {
            urls.push(url(Route::routine(&p.slug), last_change(site, i)));
        }
    }
    for s in &site.series {
        let lastmod = newest(&mut s.parts.iter().copied());
        urls.push(url(Route::series(&s.slug), lastmod));
        if site.has_program(s) {
            urls.push(url(Route::program(&s.slug), lastmod));
        }
    }
    if !site.exercises.is_empty() {
        let all = site
            .exercises
            .iter()
            .flat_map(|x| x.used_in.iter().copied());
        urls.push(url(Route::exercise_index(), newest(&mut { all })));
        for x in &site.exercises {
            urls.push(url(
                Route::exercise(&x.exercise.id),
                newest(&mut x.used_in.iter().copied()),
            ));
        }
    }
    if !site.tags.is_empty() {
        urls.push(url(Route::tag_index(), newest(&mut (0..site.posts.len()))));
        for t in &site.tags {
            urls.push(url(
                Route::tag(&t.slug),
                newest(&mut t.posts.iter().copied()),
            ));
        }
    }
    if site.has_posts() {
        urls.push(url(Route::archive(), newest(&mut (0..site.posts.len()))));
        for y in site.archive_years() {
            urls.push(url(
                Route::archive_year(y.year),
                newest(&mut { y.posts.into_iter() }),
            ));
        }
    }
    // The search page is a page of the site like the lists (its results are not).
    urls.push(url(Route::search(), None));
    urls.sort_by(|a, b| a.loc.cmp(&b.loc));
    urls
}

/// The sitemap's URL, for robots.txt.
pub(crate) fn sitemap_url(site: &Site) -> String {
    permalink(&site.config, &Route::file(SITEMAP).url(&site.config))
}
