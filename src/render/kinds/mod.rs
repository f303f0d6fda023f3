//! The kinds of page, each declared once: which pages of it a site has, where each lives, which
//! template renders it, what it is rendered from (hashed into its signature) and its render, side
//! by side in one `impl PageKind`.
//!
//! A rebuild renders a page again only when its signature changed, so a kind's `inputs` must name
//! everything its `make` reads of the index (besides the settings, the templates and the targets
//! of its `@/` links, which every signature holds). Keeping the two in one place is what keeps them
//! honest; the differential test (`tests/testsuite/differential.rs`) checks them against clean
//! builds.

mod digests;
mod documents;
mod feeds;
mod listings;
mod routines;
mod site_files;

use std::collections::HashMap;

use tera::Context;

use super::body::Shared;
use super::shared_bodies::Bodies;
use super::templates::Templates;
use super::urls::localize_page;
use crate::diagnostic::Diagnostics;
use crate::hash::StableHasher;
use crate::output::{Page, SourceLink};
use crate::site::{Doc, Origin, Route, Site};
pub(crate) use digests::{Digests, link_target};
pub(crate) use documents::{Exercise, Page as PageDoc, Post};
pub(crate) use feeds::{Feed, Robots, SeriesFeed, Sitemap};
pub(crate) use listings::{Archive, ArchiveYear, ExerciseIndex, Home, Series, Tag, TagIndex};
pub(crate) use routines::{Program, Routine};
pub(crate) use site_files::{
    Alias, FinderScript, HighlightStyle, Manifest, NoJekyll, NotFound, Redirects, Search,
    SearchWords, ThemeFile,
};

/// One kind of page. Adding a kind is a type implementing this trait, its line in
/// `page_kinds!` below, and its template.
pub(crate) trait PageKind: Copy + Sized {
    /// The template that renders it, or `None` for a file written as it is ([`Made::File`]).
    const TEMPLATE: Option<&'static str>;

    /// Every page of this kind the site has; `earlier` holds the pages of the kinds declared
    /// before it.
    fn pages(site: &Site, earlier: &[Job]) -> Vec<Self>;

    /// Where the page lives.
    fn route(self, site: &Site) -> Route;

    /// Hashes what the page shows of the index: everything [`PageKind::make`] reads besides the
    /// settings, the templates and its `@/` link targets.
    fn inputs(self, site: &Site, d: &Digests, h: &mut StableHasher);

    /// Renders the page: fills the template's context (returning what the page is, for
    /// messages), or makes the bytes of a file written as it is.
    fn make(self, env: &Env, out: &mut Out) -> Made;

    /// The pages of this kind that show what document `doc` is made of, for `watch`'s fast path
    /// (a save that changed nothing other pages show of the document).
    fn showing(_site: &Site, _doc: Doc) -> Vec<Self> {
        Vec::new()
    }

    /// The posts whose rendered bodies the page takes from [`Bodies`] (so each is rendered once and
    /// dropped after its last page).
    fn bodies(self, _site: &Site) -> Vec<usize> {
        Vec::new()
    }

    /// The page to render this one right after (so the bodies they share are held briefly).
    fn after(self, _site: &Site) -> Option<Job> {
        None
    }

    /// What an author changes to move the page, named when two sources would write one file.
    fn origin(self) -> Origin {
        Origin::Fixed
    }
}

/// What [`PageKind::make`] made.
pub(crate) enum Made {
    /// The context is filled for the kind's template; the page, named for messages.
    Filled(String),
    /// The bytes of a file written as it is.
    File(Vec<u8>),
}

/// What rendering one page reads besides its kind.
pub(crate) struct Env<'a> {
    pub site: &'a Site,
    pub templates: &'a Templates,
    pub exercises: &'a Shared,
    pub bodies: &'a Bodies,
    pub route: &'a Route,
}

/// What rendering one page puts out besides its bytes.
pub(crate) struct Out<'a> {
    /// What the page's template reads.
    pub ctx: Context,
    /// The documents of its `@/` links (part of its signature).
    pub deps: Vec<String>,
    /// Every link destination with its place (for `check`).
    pub sources: Vec<SourceLink>,
    pub errors: &'a mut Diagnostics,
}

/// Declares [`Job`], one variant per kind, and dispatches its methods to the kinds' impls.
macro_rules! page_kinds {
    ($($(#[doc = $doc:literal])* $kind:ident($ty:ty),)*) => {
        /// One page to render: a page of one of the kinds.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub(crate) enum Job {
            $($(#[doc = $doc])* $kind($ty),)*
        }

        impl Job {
            /// Where the page lives.
            pub fn route(&self, site: &Site) -> Route {
                match *self { $(Job::$kind(k) => k.route(site),)* }
            }

            /// The template the page is rendered with (`None`: written as it is).
            pub fn template(&self) -> Option<&'static str> {
                match self { $(Job::$kind(_) => <$ty as PageKind>::TEMPLATE,)* }
            }

            /// See [`PageKind::inputs`].
            pub fn inputs(&self, site: &Site, d: &Digests, h: &mut StableHasher) {
                match *self { $(Job::$kind(k) => k.inputs(site, d, h),)* }
            }

            fn make(&self, env: &Env, out: &mut Out) -> Made {
                match *self { $(Job::$kind(k) => k.make(env, out),)* }
            }

            fn bodies(&self, site: &Site) -> Vec<usize> {
                match *self { $(Job::$kind(k) => k.bodies(site),)* }
            }

            fn after(&self, site: &Site) -> Option<Job> {
                match *self { $(Job::$kind(k) => k.after(site),)* }
            }

            /// See [`PageKind::origin`].
            pub fn origin(&self) -> Origin {
                match *self { $(Job::$kind(k) => k.origin(),)* }
            }
        }

        /// Every page of the site, kind by kind.
        fn declared(site: &Site) -> Vec<Job> {
            let mut jobs = Vec::new();
            $(
                let more = <$ty as PageKind>::pages(site, &jobs);
                jobs.extend(more.into_iter().map(Job::$kind));
            )*
            jobs
        }

        /// The pages that show what document `doc` is made of, kind by kind.
        pub(crate) fn showing(site: &Site, doc: Doc) -> Vec<Job> {
            let mut jobs = Vec::new();
            $(jobs.extend(<$ty as PageKind>::showing(site, doc).into_iter().map(Job::$kind));)*
            jobs
        }

        /// Each kind's template, in declaration order.
        const KIND_TEMPLATES: &[Option<&str>] = &[$(<$ty as PageKind>::TEMPLATE,)*];
    };
}

page_kinds! {
    /// A post, by index into the site's posts.
    Post(Post),
    /// A page of `pages/` (by index into the site's posts).
    Page(PageDoc),
    /// A series' Atom feed, rendered right after the page of its last part.
    SeriesFeed(SeriesFeed),
    /// An exercise's page.
    Exercise(Exercise),
    /// A post's routine page.
    Routine(Routine),
    /// A series' program page.
    Program(Program),
    /// One page of the home page.
    Home(Home),
    /// One page of a series' list of parts.
    Series(Series),
    /// `/tags/`.
    TagIndex(TagIndex),
    /// One page of a tag's list of posts.
    Tag(Tag),
    /// `/archive/`: the years with posts.
    Archive(Archive),
    /// `/archive/<year>/`: one year's posts.
    ArchiveYear(ArchiveYear),
    /// `/exercises/`: the exercise finder.
    ExerciseIndex(ExerciseIndex),
    /// The exercise finder's script.
    FinderScript(FinderScript),
    /// `404.html`.
    NotFound(NotFound),
    /// `/search/`: the search page.
    Search(Search),
    /// `search/words.json`: the site's words, for the search page's corrections.
    SearchWords(SearchWords),
    /// `highlight.css`: the colours of highlighted code.
    HighlightStyle(HighlightStyle),
    /// The site's Atom feed.
    Feed(Feed),
    /// `sitemap.xml`.
    Sitemap(Sitemap),
    /// `robots.txt`.
    Robots(Robots),
    /// A file of the theme written as it is (the stylesheet, an icon).
    ThemeFile(ThemeFile),
    /// `manifest.webmanifest`.
    Manifest(Manifest),
    /// The redirect page of a path alias.
    Alias(Alias),
    /// `_redirects`.
    Redirects(Redirects),
    /// `.nojekyll` (when an output path starts with `_`).
    NoJekyll(NoJekyll),
}

/// Every page of the site, in the order they are rendered: kind by kind, each page that asks to
/// follow another ([`PageKind::after`]) right after it.
pub(crate) fn jobs(site: &Site) -> Vec<Job> {
    let all = declared(site);
    let mut followers: HashMap<Job, Vec<Job>> = HashMap::new();
    let mut leaders = Vec::with_capacity(all.len());
    for job in all {
        match job.after(site) {
            Some(leader) => followers.entry(leader).or_default().push(job),
            None => leaders.push(job),
        }
    }
    let mut jobs = Vec::with_capacity(leaders.len());
    for job in leaders {
        jobs.push(job);
        jobs.extend(followers.remove(&job).unwrap_or_default());
    }
    // A follower whose leader the site lacks keeps its place among the last.
    let mut orphans: Vec<Job> = followers.into_values().flatten().collect();
    orphans.sort_by_key(|j| j.route(site).output_path());
    jobs.extend(orphans);
    jobs
}

/// How many kinds of page there are.
#[cfg(test)]
pub(crate) const KINDS: usize = KIND_TEMPLATES.len();

/// The templates of the kinds of page, each once; every other template (base, partials,
/// shortcodes) is shared by all pages.
pub(crate) fn page_templates() -> Vec<&'static str> {
    let mut names: Vec<&'static str> = Vec::new();
    for name in KIND_TEMPLATES.iter().flatten() {
        if !names.contains(name) {
            names.push(name);
        }
    }
    names
}

/// `(post, series)` when document `doc` is a post in a series.
fn post_series(site: &Site, doc: Doc) -> Option<(usize, usize)> {
    match doc {
        Doc::Post(i) => site.posts[i].series.map(|(s, _)| (i, s)),
        Doc::Exercise(_) => None,
    }
}

/// How many pages of `jobs` take each post's rendered body.
pub(crate) fn body_uses(site: &Site, jobs: &[Job]) -> Vec<usize> {
    let mut left = vec![0; site.posts.len()];
    for job in jobs {
        for i in job.bodies(site) {
            if let Some(n) = left.get_mut(i) {
                *n += 1;
            }
        }
    }
    left
}

impl Job {
    /// The page of document `i` of the site's posts: a post's, or a page's.
    pub fn of_post(site: &Site, i: usize) -> Job {
        documents::of_post(site, i)
    }

    /// Output path of the page.
    pub fn path(&self, site: &Site) -> String {
        self.route(site).output_path()
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
        let env = Env {
            site,
            templates,
            exercises,
            bodies,
            route: &route,
        };
        let mut out = Out {
            ctx: Context::new(),
            deps: Vec::new(),
            sources: Vec::new(),
            errors,
        };
        let label = match self.make(&env, &mut out) {
            Made::File(bytes) => {
                return Some(Page {
                    path,
                    bytes,
                    deps: Vec::new(),
                    sources: Vec::new(),
                });
            }
            Made::Filled(label) => label,
        };
        let template = self.template()?;
        let c = &site.config;
        out.ctx.insert_value("site", exercises.site.clone());
        out.ctx.insert("current_url", &route.url(c));
        out.deps.sort();
        out.deps.dedup();
        match templates.render_page(template, &out.ctx, &label, PAGE_CAPACITY) {
            Ok(bytes) if out.errors.is_empty() => Some(Page {
                bytes: if template.ends_with(".html") {
                    localize_page(c, bytes, &path)
                } else {
                    bytes
                },
                path,
                deps: out.deps,
                sources: out.sources,
            }),
            Ok(_) => None,
            Err(d) => {
                out.errors.push(d);
                None
            }
        }
    }
}

/// Room for a page's HTML to begin with: most pages of the theme fit, so the buffer is seldom grown
/// (and copied) while a page is written.
const PAGE_CAPACITY: usize = 48 * 1024;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_templates_are_each_kinds_template_once() {
        let names = page_templates();
        assert!(names.contains(&"post.html") && names.contains(&"atom.xml"));
        let mut unique = names.clone();
        unique.sort();
        unique.dedup();
        assert_eq!(unique.len(), names.len());
        assert_eq!(
            names.len(),
            KIND_TEMPLATES
                .iter()
                .flatten()
                .collect::<std::collections::BTreeSet<_>>()
                .len()
        );
    }
}
