//! Page signatures: what each page is rendered from, hashed, so a rebuild can tell which pages
//! may have changed without rendering them.

use std::hash::{Hash, Hasher};

use crate::calls::Invocation;
use crate::hash::{StableHasher, digest};
use crate::render::templates::Templates;
use crate::render::{Job, PAGE_TEMPLATES};
use crate::site::Site;

/// Signs the pages of one indexed site: what every page's signature shares is hashed once.
pub(crate) struct Signer<'a> {
    site: &'a Site,
    digests: Digests,
    /// [`Templates::hash_for`] of each of [`PAGE_TEMPLATES`].
    templates: Vec<u64>,
}

impl<'a> Signer<'a> {
    pub(crate) fn new(site: &'a Site, templates: &Templates, exercise_html: &[String]) -> Self {
        Signer {
            site,
            digests: Digests::new(site, exercise_html),
            templates: PAGE_TEMPLATES
                .iter()
                .map(|t| templates.hash_for(t, PAGE_TEMPLATES))
                .collect(),
        }
    }

    /// The signature of the page `job` makes, whose `@/` links point at `deps`.
    pub(crate) fn sign(&self, job: &Job, deps: &[String]) -> u64 {
        let template = job
            .template()
            .and_then(|t| PAGE_TEMPLATES.iter().position(|p| *p == t))
            .map_or(0, |i| self.templates[i]);
        signature(self.site, &self.digests, job, deps, template)
    }

    /// See [`Digests::global`].
    pub(crate) fn global(&self) -> u64 {
        self.digests.global(self.site, &self.templates)
    }
}

/// Hashes of the parts of the index that pages show, computed once per rebuild so that each
/// page's signature costs only as much as what it shows.
struct Digests {
    settings: u64,
    post_ref: Vec<u64>,
    series: Vec<u64>,
    exercise_card: Vec<u64>,
    exercise_page: Vec<u64>,
    tags: Vec<u64>,
}

impl Digests {
    fn new(site: &Site, exercise_html: &[String]) -> Digests {
        let settings = settings_digest(site);
        // What lists show of a post, including the names its tags are shown under (a tag is named
        // by its first spelling, which another post may change).
        let post_ref: Vec<u64> = site
            .posts
            .iter()
            .map(|p| {
                let tag_names: Vec<&str> =
                    p.tags.iter().map(|&t| site.tags[t].name.as_str()).collect();
                digest((
                    p.post.ref_hash,
                    &p.hero,
                    p.series.map(|s| s.1),
                    p.scheduled,
                    tag_names,
                ))
            })
            .collect();
        let tags = site
            .tags
            .iter()
            .map(|t| {
                digest((
                    &t.name,
                    &t.url,
                    t.posts.iter().map(|&i| post_ref[i]).collect::<Vec<_>>(),
                ))
            })
            .collect();
        let series = site
            .series
            .iter()
            .map(|s| {
                digest((
                    &s.name,
                    &s.slug,
                    &s.url,
                    site.has_program(s),
                    s.parts.iter().map(|&i| post_ref[i]).collect::<Vec<_>>(),
                ))
            })
            .collect();
        let exercise_card: Vec<u64> = site
            .exercises
            .iter()
            .zip(exercise_html)
            .map(|(x, html)| {
                digest((
                    x.exercise.doc.hash,
                    &x.url,
                    html,
                    &x.video,
                    &x.image,
                    &x.poster,
                    &x.animation,
                    x.used_in.len(),
                ))
            })
            .collect();
        let exercise_page = site
            .exercises
            .iter()
            .zip(&exercise_card)
            .map(|(x, card)| {
                digest((
                    card,
                    x.used_in.iter().map(|&i| post_ref[i]).collect::<Vec<_>>(),
                ))
            })
            .collect();
        Digests {
            settings,
            post_ref,
            series,
            exercise_card,
            exercise_page,
            tags,
        }
    }

    /// One hash of everything a page may show of documents other than its own: listings,
    /// neighbours, series, exercises and their users, link targets' URLs and anchors, the set of
    /// pages and assets, settings and templates.
    fn global(&self, site: &Site, templates: &[u64]) -> u64 {
        let anchors = |h: &mut StableHasher| {
            for p in &site.posts {
                p.post.doc.anchors_hash.hash(h);
            }
            for x in &site.exercises {
                x.exercise.doc.anchors_hash.hash(h);
            }
        };
        let mut h = StableHasher::new();
        (
            self.settings,
            &self.post_ref,
            &self.series,
            &self.exercise_card,
            &self.exercise_page,
            &self.tags,
            templates,
        )
            .hash(&mut h);
        anchors(&mut h);
        for a in &site.assets {
            a.to.hash(&mut h);
        }
        h.finish()
    }
}

/// Everything a page is rendered from, hashed. Two equal signatures mean equal output.
fn signature(site: &Site, d: &Digests, job: &Job, deps: &[String], templates: u64) -> u64 {
    let mut h = StableHasher::new();
    (templates, d.settings).hash(&mut h);
    match *job {
        Job::Post(i) => {
            let p = &site.posts[i];
            post_body(site, d, i, &mut h);
            for n in [p.prev, p.next] {
                n.map(|n| d.post_ref[n]).hash(&mut h);
            }
            p.series.map(|(s, _)| d.series[s]).hash(&mut h);
            for &t in &p.tags {
                d.tags[t].hash(&mut h);
            }
        }
        Job::Page(i) => post_body(site, d, i, &mut h),
        Job::Feed | Job::SeriesFeed(_) => {
            let series = match *job {
                Job::SeriesFeed(s) => Some(s),
                _ => None,
            };
            series.map(|s| d.series[s]).hash(&mut h);
            for i in site.feed_entries(series) {
                post_body(site, d, i, &mut h);
            }
        }
        Job::TagIndex
        | Job::Tag(..)
        | Job::Series(..)
        | Job::Home(_)
        | Job::Archive
        | Job::ArchiveYear(_)
        | Job::ExerciseIndex => listing(site, d, job, &mut h),
        Job::Sitemap => {
            (&d.post_ref, &d.series, &d.exercise_page, &d.tags).hash(&mut h);
        }
        Job::Robots => {}
        Job::Exercise(xi) => d.exercise_page[xi].hash(&mut h),
        Job::NotFound
        | Job::ThemeFile(_)
        | Job::FinderScript
        | Job::Search
        | Job::HighlightStyle => {}
        Job::Manifest => site.replaced.hash(&mut h),
        Job::SearchWords => {
            let docs = site.posts.iter().map(|p| p.post.doc.hash);
            docs.chain(site.exercises.iter().map(|x| x.exercise.doc.hash))
                .for_each(|d| d.hash(&mut h));
        }
        Job::Alias(i) => {
            let a = &site.aliases[i];
            (&a.written, d.post_ref[a.post], &site.posts[a.post].url).hash(&mut h);
        }
        Job::Redirects => aliases_digest(site, &mut h),
        Job::NoJekyll => {}
        Job::Routine(i) => routine(site, d, i, &mut h),
        Job::Program(s) => {
            d.series[s].hash(&mut h);
            for &i in &site.series[s].parts {
                routine(site, d, i, &mut h);
            }
        }
    }
    // Pages whose bodies link with `@/` (posts, feeds) show their targets' URLs and anchors.
    for dep in deps {
        link_target(site, dep, &mut h);
    }
    h.finish()
}

/// What a page listing other documents shows of them: the home page, a tag's, a series', the
/// archive's, the tag and exercise indexes (each page of a split list hashes its number; the
/// number of pages follows from the list and the settings).
fn listing(site: &Site, d: &Digests, job: &Job, h: &mut StableHasher) {
    match *job {
        Job::TagIndex => d.tags.hash(h),
        Job::Tag(t, page) => (page, d.tags[t]).hash(h),
        Job::Series(s, page) => (page, d.series[s]).hash(h),
        Job::Home(page) => {
            page.hash(h);
            if page == 0 {
                aliases_digest(site, h);
            }
            d.series.hash(h);
            for &i in &site.loose {
                d.post_ref[i].hash(h);
            }
        }
        Job::Archive => {
            for y in site.archive_years() {
                (y.year, y.posts.len()).hash(h);
            }
        }
        Job::ArchiveYear(year) => {
            year.hash(h);
            for y in site.archive_years().iter().filter(|y| y.year == year) {
                for &i in &y.posts {
                    d.post_ref[i].hash(h);
                }
            }
        }
        Job::ExerciseIndex => {
            for x in &site.exercises {
                let m = &x.exercise.doc.meta;
                let facts = (&x.exercise.id, &m.name, &m.joint, m.goal, &m.equipment);
                (facts, &x.url, x.used_in.len()).hash(h);
            }
        }
        _ => {}
    }
}

/// What a post's rendered body is made of: its text, what lists show of it, and the exercise
/// cards it embeds (each with its "also in" posts).
fn post_body(site: &Site, d: &Digests, i: usize, h: &mut StableHasher) {
    let p = &site.posts[i];
    (p.post.doc.hash, d.post_ref[i], &p.post.comments).hash(h);
    for inv in p.invocations.values() {
        if let Invocation::Exercise { id, .. } = inv
            && let Some(&xi) = site.by_id.get(id)
        {
            let (also, more) = site.also_in(xi, Some(i));
            (
                d.exercise_card[xi],
                also.iter().map(|&j| d.post_ref[j]).collect::<Vec<_>>(),
                more,
            )
                .hash(h);
        }
    }
}

/// Every alias and the URL it leads to (`_redirects`, and the home page's script for queries).
fn aliases_digest(site: &Site, h: &mut StableHasher) {
    for a in &site.aliases {
        (&a.written, &site.posts[a.post].url).hash(h);
    }
}

/// What a post's routine shows: what lists show of the post, and each exercise with its
/// prescriptions and time (not the rest of the post's text, so a body edit leaves it alone).
fn routine(site: &Site, d: &Digests, i: usize, h: &mut StableHasher) {
    let p = &site.posts[i];
    (d.post_ref[i], p.routine.seconds).hash(h);
    for item in &p.routine.items {
        d.exercise_card[item.exercise].hash(h);
        item.seconds.hash(h);
        for rx in &item.prescriptions {
            rx.text().hash(h);
        }
    }
}

fn link_target(site: &Site, key: &str, h: &mut StableHasher) {
    key.hash(h);
    if let Some(doc) = site.lookup(key) {
        site.url_of(doc).hash(h);
        for heading in site.headings_of(doc) {
            heading.id.hash(h);
        }
    }
}

/// What every page shows of the site as a whole: the settings, the theme files a site file
/// replaces, which sections the site has, the menu, every picture and captions track.
fn settings_digest(site: &Site) -> u64 {
    digest((
        // Every setting, whole: a setting added later cannot be left out of the signature.
        // (Where the site lives and where it is written change no page's bytes.)
        format!(
            "{:?}",
            crate::config::Config {
                root: Default::default(),
                output: Default::default(),
                spare_output: true,
                ..site.config.clone()
            }
        ),
        &site.replaced,
        (
            site.exercises.is_empty(),
            site.tags.is_empty(),
            site.has_posts(),
        ),
        // Every page's header shows the menu.
        site.menu
            .iter()
            .map(|&i| (&site.posts[i].post.doc.meta.title, &site.posts[i].url))
            .collect::<Vec<_>>(),
        // Any page may show any image of the site (Markdown names them by path).
        site.pictures
            .iter()
            .map(|(path, p)| (path, p.as_ref().ok()))
            .collect::<Vec<_>>(),
        // A video file's captions track is the `.vtt` beside it, if the site has one.
        site.assets
            .iter()
            .filter(|a| a.to.ends_with(".vtt"))
            .map(|a| &a.to)
            .collect::<Vec<_>>(),
    ))
}
