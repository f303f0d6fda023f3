//! Page signatures: what each page is rendered from, hashed, so a rebuild can tell which pages
//! may have changed without rendering them. What a page is rendered from is declared by its kind
//! ([`crate::render::Job::inputs`]); this adds what every page shares.

use std::hash::{Hash, Hasher};

use crate::hash::StableHasher;
use crate::render::templates::Templates;
use crate::render::{Digests, Job, link_target, page_templates};
use crate::site::Site;

/// Signs the pages of one indexed site: what every page's signature shares is hashed once.
pub(crate) struct Signer<'a> {
    site: &'a Site,
    digests: Digests,
    /// [`Templates::hash_for`] of each kind's template, in [`page_templates`] order.
    templates: Vec<(&'static str, u64)>,
}

impl<'a> Signer<'a> {
    pub(crate) fn new(site: &'a Site, templates: &Templates, exercise_html: &[String]) -> Self {
        let names = page_templates();
        Signer {
            site,
            digests: Digests::new(site, exercise_html),
            templates: names
                .iter()
                .map(|&t| (t, templates.hash_for(t, &names)))
                .collect(),
        }
    }

    /// The signature of the page `job` makes, whose `@/` links point at `deps`: its template,
    /// the settings, what its kind declares it shows, and its link targets. Two equal signatures
    /// mean equal output.
    pub(crate) fn sign(&self, job: &Job, deps: &[String]) -> u64 {
        let template = job
            .template()
            .and_then(|t| self.templates.iter().find(|(name, _)| *name == t))
            .map_or(0, |(_, hash)| *hash);
        let mut h = StableHasher::new();
        (template, self.digests.settings).hash(&mut h);
        job.inputs(self.site, &self.digests, &mut h);
        // Pages whose bodies link with `@/` (posts, feeds) show their targets' URLs and anchors.
        for dep in deps {
            link_target(self.site, dep, &mut h);
        }
        h.finish()
    }

    /// See [`Digests::global`].
    pub(crate) fn global(&self) -> u64 {
        let hashes: Vec<u64> = self.templates.iter().map(|(_, hash)| *hash).collect();
        self.digests.global(self.site, &hashes)
    }
}
