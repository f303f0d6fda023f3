//! Which pages a run considers, from what it is given of what changed: every page, or (when
//! nothing any page shows of another document changed, the usual save of a body in `watch`) only
//! the pages of the documents just read.

use crate::render::{self, Job};
use crate::site::Site;

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

/// The pages that show what the documents read from disk in this run are made of (drafts that
/// are not built have none), each once, as their kinds declare ([`render::showing`]).
fn fresh_jobs(site: &Site, fresh: &[String]) -> Vec<Job> {
    let mut jobs: Vec<Job> = Vec::new();
    for doc in fresh.iter().filter_map(|key| site.lookup(key)) {
        for job in render::showing(site, doc) {
            if !jobs.contains(&job) {
                jobs.push(job);
            }
        }
    }
    jobs
}
