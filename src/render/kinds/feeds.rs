//! The pages for machines: the site's Atom feed, each series' feed, the sitemap and `robots.txt`.

use std::hash::Hash;

use super::digests::post_body;
use super::{Digests, Env, Job, Made, Out, PageKind, post_series};
use crate::config::FeedContent;
use crate::hash::StableHasher;
use crate::render::publish::{FeedView, sitemap, sitemap_url};
use crate::site::{Doc, FEED, Origin, ROBOTS, Route, SITEMAP, Site};

/// The site's Atom feed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) struct Feed;

/// A series' Atom feed, by index into the site's series.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) struct SeriesFeed(pub usize);

/// `sitemap.xml`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) struct Sitemap;

/// `robots.txt` (unless the site has its own).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) struct Robots;

impl PageKind for Feed {
    const TEMPLATE: Option<&'static str> = Some("atom.xml");

    fn pages(site: &Site, _: &[Job]) -> Vec<Self> {
        if site.has_posts() {
            vec![Feed]
        } else {
            Vec::new()
        }
    }

    fn route(self, _: &Site) -> Route {
        Route::file(FEED)
    }

    fn inputs(self, site: &Site, d: &Digests, h: &mut StableHasher) {
        feed_inputs(site, d, None, h);
    }

    fn make(self, env: &Env, out: &mut Out) -> Made {
        make_feed(env, out, None)
    }

    fn showing(site: &Site, doc: Doc) -> Vec<Self> {
        match doc {
            Doc::Post(i) if site.feed_entries(None).contains(&i) => vec![Feed],
            _ => Vec::new(),
        }
    }

    fn bodies(self, site: &Site) -> Vec<usize> {
        feed_bodies(site, None)
    }
}

impl PageKind for SeriesFeed {
    const TEMPLATE: Option<&'static str> = Some("atom.xml");

    fn pages(site: &Site, _: &[Job]) -> Vec<Self> {
        let has_parts = |&s: &usize| !site.series[s].parts.is_empty();
        (0..site.series.len())
            .filter(has_parts)
            .map(SeriesFeed)
            .collect()
    }

    fn route(self, site: &Site) -> Route {
        Route::series_feed(&site.series[self.0].slug)
    }

    fn inputs(self, site: &Site, d: &Digests, h: &mut StableHasher) {
        feed_inputs(site, d, Some(self.0), h);
    }

    fn make(self, env: &Env, out: &mut Out) -> Made {
        make_feed(env, out, Some(self.0))
    }

    fn showing(site: &Site, doc: Doc) -> Vec<Self> {
        let in_feed = |&(i, s): &(usize, usize)| site.feed_entries(Some(s)).contains(&i);
        let series = post_series(site, doc).filter(in_feed);
        series.map(|(_, s)| SeriesFeed(s)).into_iter().collect()
    }

    fn bodies(self, site: &Site) -> Vec<usize> {
        feed_bodies(site, Some(self.0))
    }

    /// Right after the page of its last part, so the bodies it shares with its parts' pages are
    /// held only briefly.
    fn after(self, site: &Site) -> Option<Job> {
        let last = site.series[self.0].parts.iter().max()?;
        Some(Job::of_post(site, *last))
    }

    fn origin(self) -> Origin {
        Origin::Series(self.0)
    }
}

/// A feed shows its series (if any) and the body of each of its entries.
fn feed_inputs(site: &Site, d: &Digests, series: Option<usize>, h: &mut StableHasher) {
    series.map(|s| d.series[s]).hash(h);
    for i in site.feed_entries(series) {
        post_body(site, d, i, h);
    }
}

/// A feed takes its entries' rendered bodies only when it carries them whole.
fn feed_bodies(site: &Site, series: Option<usize>) -> Vec<usize> {
    if site.config.feed_content == FeedContent::Full {
        site.feed_entries(series)
    } else {
        Vec::new()
    }
}

fn make_feed(env: &Env, out: &mut Out, series: Option<usize>) -> Made {
    let site = env.site;
    let feed = FeedView::new(
        site,
        series,
        env.templates,
        env.exercises,
        env.bodies,
        out.errors,
        &mut out.deps,
    );
    out.ctx.insert("feed", &feed);
    Made::Filled(match series {
        Some(s) => format!("the feed of series `{}`", site.series[s].name),
        None => "the site feed".to_string(),
    })
}

impl PageKind for Sitemap {
    const TEMPLATE: Option<&'static str> = Some("sitemap.xml");

    fn pages(_: &Site, _: &[Job]) -> Vec<Self> {
        vec![Sitemap]
    }

    fn route(self, _: &Site) -> Route {
        Route::file(SITEMAP)
    }

    fn inputs(self, _: &Site, d: &Digests, h: &mut StableHasher) {
        (&d.post_ref, &d.series, &d.exercise_page, &d.tags).hash(h);
    }

    fn make(self, env: &Env, out: &mut Out) -> Made {
        out.ctx.insert("pages", &sitemap(env.site));
        Made::Filled("the sitemap".to_string())
    }
}

impl PageKind for Robots {
    const TEMPLATE: Option<&'static str> = Some("robots.txt");

    fn pages(site: &Site, _: &[Job]) -> Vec<Self> {
        if site.replaces(ROBOTS) {
            Vec::new()
        } else {
            vec![Robots]
        }
    }

    fn route(self, _: &Site) -> Route {
        Route::file(ROBOTS)
    }

    /// It names the sitemap's URL, which follows from the settings alone.
    fn inputs(self, _: &Site, _: &Digests, _: &mut StableHasher) {}

    fn make(self, env: &Env, out: &mut Out) -> Made {
        out.ctx.insert("sitemap", &sitemap_url(env.site));
        Made::Filled("robots.txt".to_string())
    }
}
