//! Which pages a run considers, from what it is given of what changed: every page, or (when
//! nothing any page shows of another document changed, the usual save of a body in `watch`) only
//! the pages of the documents just read.

use crate::render::{self, Job};
use crate::site::{Doc, Site};

/// What a run is given of what changed, as far as its pages go.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Scope<'a> {
    /// Anything may have changed: every page of the site.
    All,
    /// Only the documents of these keys changed, and nothing of them that another document's
    /// page shows.
    Fresh(&'a [String]),
}

impl Scope<'_> {
    /// The jobs of the pages to consider, in order.
    pub(crate) fn jobs(self, site: &Site) -> Vec<Job> {
        match self {
            Scope::All => render::jobs(site),
            Scope::Fresh(keys) => fresh_jobs(site, keys),
        }
    }
}

/// The pages of the documents read from disk in this run, and the feeds, routines, programs and
/// words that carry those posts' bodies (drafts that are not built have none).
fn fresh_jobs(site: &Site, fresh: &[String]) -> Vec<Job> {
    let mut jobs: Vec<Job> = Vec::new();
    let mut feeds: Vec<Job> = Vec::new();
    for key in fresh {
        match site.lookup(key) {
            Some(Doc::Post(i)) => {
                jobs.push(Job::of_post(site, i));
                // Its routine and its series' program show its prescriptions.
                if site.has_routine(i) {
                    jobs.push(Job::Routine(i));
                }
                if let Some((s, _)) = site.posts[i].series
                    && site.has_program(&site.series[s])
                {
                    feeds.push(Job::Program(s));
                }
                if site.feed_entries(None).contains(&i) {
                    feeds.push(Job::Feed);
                }
                if let Some((s, _)) = site.posts[i].series
                    && site.feed_entries(Some(s)).contains(&i)
                {
                    feeds.push(Job::SeriesFeed(s));
                }
            }
            Some(Doc::Exercise(i)) => jobs.push(Job::Exercise(i)),
            None => {}
        }
    }
    // The search page's words are made of every document's text.
    if site.config.search && !jobs.is_empty() {
        feeds.push(Job::SearchWords);
    }
    for f in feeds {
        if !jobs.contains(&f) {
            jobs.push(f);
        }
    }
    jobs
}
