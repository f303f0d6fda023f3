//! Page signatures: what each page is rendered from, hashed, so a rebuild can tell which pages
//! may have changed without rendering them.

use std::hash::{DefaultHasher, Hash, Hasher};

use crate::calls::Invocation;
use crate::hash::digest;
use crate::render::Job;
use crate::site::Site;

/// Hashes of the parts of the index that pages show, computed once per rebuild so that each
/// page's signature costs only as much as what it shows.
pub(super) struct Digests {
    settings: u64,
    post_ref: Vec<u64>,
    series: Vec<u64>,
    exercise_card: Vec<u64>,
    exercise_page: Vec<u64>,
}

impl Digests {
    pub(super) fn new(site: &Site, exercise_html: &[String]) -> Digests {
        let c = &site.config;
        let settings = digest((
            &c.title,
            &c.description,
            &c.author,
            &c.base_url,
            &c.language,
            c.drafts,
            site.exercises.is_empty(),
        ));
        let post_ref: Vec<u64> = site
            .posts
            .iter()
            .map(|p| digest((p.post.ref_hash, p.series.map(|s| s.1))))
            .collect();
        let series = site
            .series
            .iter()
            .map(|s| {
                digest((
                    &s.name,
                    &s.slug,
                    &s.url,
                    s.parts.iter().map(|&i| post_ref[i]).collect::<Vec<_>>(),
                ))
            })
            .collect();
        let exercise_card: Vec<u64> = site
            .exercises
            .iter()
            .zip(exercise_html)
            .map(|(x, html)| digest((x.exercise.doc.hash, &x.url, html, &x.video, x.used_in.len())))
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
        }
    }

    /// One hash of everything a page may show of documents other than its own: listings,
    /// neighbours, series, exercises and their users, link targets' URLs and anchors, the set of
    /// pages and assets, settings and templates.
    pub(super) fn global(&self, site: &Site, templates: &[u64]) -> u64 {
        let anchors = |h: &mut DefaultHasher| {
            for p in &site.posts {
                p.post.doc.anchors_hash.hash(h);
            }
            for x in &site.exercises {
                x.exercise.doc.anchors_hash.hash(h);
            }
        };
        let mut h = DefaultHasher::new();
        (
            self.settings,
            &self.post_ref,
            &self.series,
            &self.exercise_card,
            &self.exercise_page,
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
pub(super) fn signature(
    site: &Site,
    d: &Digests,
    job: &Job,
    deps: &[String],
    templates: u64,
) -> u64 {
    let mut h = DefaultHasher::new();
    (templates, d.settings).hash(&mut h);
    match *job {
        Job::Post(i) => {
            let p = &site.posts[i];
            (p.post.doc.hash, d.post_ref[i]).hash(&mut h);
            for n in [p.prev, p.next] {
                n.map(|n| d.post_ref[n]).hash(&mut h);
            }
            p.series.map(|(s, _)| d.series[s]).hash(&mut h);
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
                        .hash(&mut h);
                }
            }
            for dep in deps {
                link_target(site, dep, &mut h);
            }
        }
        Job::Exercise(xi) => d.exercise_page[xi].hash(&mut h),
        Job::Series(s) => d.series[s].hash(&mut h),
        Job::Home => {
            d.series.hash(&mut h);
            for &i in &site.loose {
                d.post_ref[i].hash(&mut h);
            }
        }
        Job::NotFound | Job::Stylesheet => {}
        Job::ExerciseIndex => {
            for x in &site.exercises {
                let m = &x.exercise.doc.meta;
                (
                    &x.exercise.id,
                    &m.name,
                    &m.joint,
                    m.goal,
                    &x.url,
                    x.used_in.len(),
                )
                    .hash(&mut h);
            }
        }
    }
    h.finish()
}

fn link_target(site: &Site, key: &str, h: &mut DefaultHasher) {
    key.hash(h);
    if let Some(doc) = site.lookup(key) {
        site.url_of(doc).hash(h);
        for heading in site.headings_of(doc) {
            heading.id.hash(h);
        }
    }
}
