//! Hashes of what pages show of the index, computed once per rebuild so that each page's
//! signature ([`super::PageKind::inputs`]) costs only as much as what it shows.

use std::hash::{Hash, Hasher};

use crate::calls::Invocation;
use crate::hash::{StableHasher, digest};
use crate::site::Site;

/// Hashes of the parts of the index that pages show, computed once per rebuild so that each
/// page's signature costs only as much as what it shows.
pub(crate) struct Digests {
    pub settings: u64,
    pub post_ref: Vec<u64>,
    pub series: Vec<u64>,
    pub exercise_card: Vec<u64>,
    pub exercise_page: Vec<u64>,
    pub tags: Vec<u64>,
}

impl Digests {
    pub(crate) fn new(site: &Site, exercise_html: &[String]) -> Digests {
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
    pub(crate) fn global(&self, site: &Site, templates: &[u64]) -> u64 {
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

/// What a post's rendered body is made of: its text, what lists show of it, and the exercise
/// cards it embeds (each with its "also in" posts).
pub(super) fn post_body(site: &Site, d: &Digests, i: usize, h: &mut StableHasher) {
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
pub(super) fn aliases_digest(site: &Site, h: &mut StableHasher) {
    for a in &site.aliases {
        (&a.written, &site.posts[a.post].url).hash(h);
    }
}

/// What a page shows of the target of its `@/` link `key`: its URL and its headings' anchors.
pub(crate) fn link_target(site: &Site, key: &str, h: &mut StableHasher) {
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
