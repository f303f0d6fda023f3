//! Phase 1's index: which documents are built, their URLs, series order, the exercise graph,
//! routines, pictures, menu and aliases, every problem found on the way.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::sync::{Arc, OnceLock};

use rayon::prelude::*;

use crate::calls::{Invocation, Invocations, Known};
use crate::config::Config;
use crate::content::frontmatter::value_offset;
use crate::content::{DocKey, Document, Files, Kind, Loaded, Post};
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::output::Asset;

use super::order::order_posts;
use super::route::{self, Route, permalink};
use super::routine::{Routine, routine_of};
use super::tags::group_tags;
use super::validate::{check_feed_ids, check_kind_keys, check_name_lengths, page_path, same_url};
use super::{ExerciseEntry, PostEntry, SeriesEntry, Site, Unbuilt, aliases, library, pictures};

/// The index, with what checking each post's body found kept in its entry's `notes` rather than
/// put in `errors` (so a patch of the index can replace one post's notes).
pub(super) fn index_parts(
    config: &Config,
    loaded: Loaded,
    site_shortcodes: &BTreeSet<String>,
    errors: &mut Diagnostics,
) -> Site {
    let (built, unbuilt) = to_build(config, loaded.posts);
    let mut posts = post_entries(config, &built, errors);
    let mut exercises = library::exercise_entries(config, loaded.exercises, errors);
    let by_id: BTreeMap<String, usize> = exercises
        .iter()
        .enumerate()
        .map(|(i, x)| (x.exercise.id.clone(), i))
        .collect();

    let calls_broken = check_shortcode_calls(
        config,
        site_shortcodes,
        &mut posts,
        &mut exercises,
        &by_id,
        errors,
    );

    let by_key: BTreeMap<String, usize> = posts
        .iter()
        .enumerate()
        .map(|(i, p)| (p.post.key.clone(), i))
        .collect();
    let (series, loose) = order_posts(config, &mut posts, errors);
    let (reading, reading_position) = reading_order(&series, &loose, &posts);
    for &pi in &reading {
        for &xi in &posts[pi].exercises {
            exercises[xi].used_in.push(pi);
        }
    }
    let tags = group_tags(config, &mut posts, &reading);
    // A post that failed to load, or whose shortcodes are broken, may be the one that uses an
    // exercise: say nothing about unused exercises until every post loads and its calls check,
    // rather than send the author after the wrong file (or advise deleting one a post needs).
    let posts_sound = !calls_broken
        && !loaded
            .failed
            .keys()
            .any(|k| matches!(DocKey::parse(k), DocKey::Post(_)));
    if posts_sound {
        warn_unused(&exercises, errors);
    }

    let (assets, replaced) = gather_assets(loaded.statics, &loaded.files, &posts);
    let media = Arc::clone(&loaded.media);
    let (assets, pictures) =
        pictures::attach(config, &media, &mut posts, &mut exercises, assets, errors);
    let menu = menu_of(&posts);
    let aliases = aliases::collect_aliases(&posts, errors);
    check_feed_ids(config, &posts, errors);
    check_name_lengths(&posts, errors);
    Site {
        config: config.clone(),
        posts,
        series,
        loose,
        reading_position,
        exercises,
        by_key,
        by_id,
        unbuilt,
        tags,
        failed: loaded.failed.into_keys().collect(),
        assets,
        pictures,
        images_encoded: media.encoded,
        replaced,
        menu,
        aliases,
    }
}

/// Checks the shortcode calls of every post and exercise, now that every exercise and site
/// shortcode is known; returns whether some post's calls (or body) are broken.
fn check_shortcode_calls(
    config: &Config,
    site_shortcodes: &BTreeSet<String>,
    posts: &mut [PostEntry],
    exercises: &mut [ExerciseEntry],
    by_id: &BTreeMap<String, usize>,
    errors: &mut Diagnostics,
) -> bool {
    let body = BodyCheck::new(config, site_shortcodes, exercises, by_id);
    posts.par_iter_mut().for_each(|p| body.check(p));
    // A post with a broken shortcode may be the one meant to use an exercise.
    let calls_broken = posts
        .iter()
        .any(|p| p.notes.has_errors() || p.post.doc.problems.has_errors());
    let fingerprint = body.fingerprint;
    drop(body);
    let ids: BTreeSet<String> = by_id.keys().cloned().collect();
    let known = known(config, site_shortcodes, &ids);
    check_exercise_calls(&known, fingerprint, exercises, errors);
    calls_broken
}

/// The posts this build makes, and the ones it leaves out (drafts, scheduled posts) by key.
fn to_build(
    config: &Config,
    loaded: Vec<Arc<Post>>,
) -> (Vec<Arc<Post>>, BTreeMap<String, Unbuilt>) {
    let mut unbuilt = BTreeMap::new();
    let mut built: Vec<Arc<Post>> = Vec::with_capacity(loaded.len());
    for p in loaded {
        let m = &p.doc.meta;
        let scheduled = m
            .date
            .map(|d| d.date)
            .filter(|&d| p.kind == Kind::Post && d > config.today);
        if m.draft && !config.drafts {
            unbuilt.insert(p.key.clone(), Unbuilt::Draft);
        } else if let Some(date) = scheduled.filter(|_| !config.future) {
            unbuilt.insert(p.key.clone(), Unbuilt::Scheduled(date));
        } else {
            built.push(p);
        }
    }
    (built, unbuilt)
}

/// An entry per post and page to build, its front matter checked; a second document with the
/// same URL is an error and gets none.
fn post_entries(config: &Config, built: &[Arc<Post>], errors: &mut Diagnostics) -> Vec<PostEntry> {
    let mut posts = Vec::with_capacity(built.len());
    let mut slugs: HashMap<String, &Arc<Post>> = HashMap::with_capacity(built.len());
    for post in built {
        let Some(slug) = page_path(post, errors) else {
            continue;
        };
        check_post_meta(config, post, errors);
        if let Some(&other) = slugs.get(&slug) {
            errors.push(same_url(config, &slug, post, other));
            continue;
        }
        slugs.insert(slug.clone(), post);
        let url = Route::post(&slug).url(config);
        posts.push(PostEntry {
            permalink: permalink(config, &url),
            url,
            slug,
            invocations: Invocations::default(),
            series: None,
            prev: None,
            next: None,
            exercises: Vec::new(),
            tags: Vec::new(),
            scheduled: post
                .doc
                .meta
                .date
                .is_some_and(|d| post.kind == Kind::Post && d.date > config.today),
            image: None,
            hero: None,
            routine: Routine::default(),
            notes: Diagnostics::default(),
            listing: OnceLock::new(),
            post: Arc::clone(post),
        });
    }
    posts
}

/// What the index checks of a post's front matter: `extra`'s URLs and shape, a title, the keys
/// of its kind.
fn check_post_meta(config: &Config, post: &Post, errors: &mut Diagnostics) {
    let meta = &post.doc.meta;
    if let Some(extra) = &meta.extra {
        let doc = &post.doc;
        crate::schemes::check_extra(&config.url_schemes, extra, &mut |value, d| {
            let at = value_offset(&doc.source.text, &doc.split, "extra", value);
            errors.push(doc.source.locate(at, d));
        });
    }
    if meta.extra.as_ref().is_some_and(|e| !e.is_mapping()) {
        errors.push(
            post.doc.source.error_at(post.doc.key_offset("extra"), "`extra` must be a table of keys and values")
                .with_hint("write `[extra]` followed by `key = value` lines (TOML) or `extra:` with indented `key: value` lines (YAML)"),
        );
    }
    if meta.title.trim().is_empty() {
        errors.push(
            post.doc
                .source
                .error_at(post.doc.key_offset("title"), "title is empty")
                .with_hint("give the post a title"),
        );
    }
    check_kind_keys(post, errors);
}

/// The shortcode calls of each exercise's own text, checked; `routine()` there is an error.
fn check_exercise_calls(
    known: &Known,
    fingerprint: u64,
    exercises: &mut [ExerciseEntry],
    errors: &mut Diagnostics,
) {
    for x in exercises {
        let doc = &x.exercise.doc;
        x.invocations = check_calls(known, fingerprint, doc, errors);
        for (&at, inv) in x.invocations.iter() {
            if *inv == Invocation::Routine {
                errors.push(
                    doc.source
                        .error_at(
                            at,
                            "`routine()` gathers the exercises of a post; an exercise has none",
                        )
                        .with_hint("use it in a post that embeds exercises"),
                );
            }
        }
    }
}

/// Reading order: each series in order, then the other posts by date, then the pages; and each
/// post's place in it.
fn reading_order(
    series: &[SeriesEntry],
    loose: &[usize],
    posts: &[PostEntry],
) -> (Vec<usize>, Vec<usize>) {
    let reading: Vec<usize> = series
        .iter()
        .flat_map(|s| s.parts.iter().copied())
        .chain(loose.iter().copied())
        .chain((0..posts.len()).filter(|&i| posts[i].post.kind == Kind::Page))
        .collect();
    let mut position = vec![0; posts.len()];
    for (n, &pi) in reading.iter().enumerate() {
        position[pi] = n;
    }
    (reading, position)
}

/// A warning for each exercise no post embeds.
fn warn_unused(exercises: &[ExerciseEntry], errors: &mut Diagnostics) {
    for x in exercises.iter().filter(|x| x.used_in.is_empty()) {
        errors.push(
            Diagnostic::file_error(
                &x.exercise.doc.source.path,
                format!("exercise `{}` is not used in any post", x.exercise.id),
            )
            .warning()
            .with_hint(format!(
                "embed it with {{{{ exercise(id=\"{}\") }}}} or delete the file",
                x.exercise.id
            )),
        );
    }
}

/// The files copied into the output (`static/` and the bundles' files, sorted), and the theme's
/// files that a file of the site replaces.
fn gather_assets(
    statics: Vec<Asset>,
    files: &Files,
    posts: &[PostEntry],
) -> (Vec<Asset>, Vec<&'static str>) {
    let mut assets = statics;
    for p in posts {
        assets.extend(files.bundle_assets(&p.post.key).iter().map(|a| Asset {
            from: a.from.clone(),
            to: format!("{}/{}", p.slug, a.to),
        }));
    }
    assets.sort();
    let own_icon = assets.iter().any(|a| a.to.starts_with("favicon."));
    let replaced: Vec<&'static str> = route::REPLACEABLE
        .iter()
        .copied()
        .filter(|name| assets.iter().any(|a| a.to == *name))
        .chain(
            route::THEME_ICONS
                .iter()
                .copied()
                .filter(|name| own_icon || assets.iter().any(|a| a.to == *name)),
        )
        .collect();
    (assets, replaced)
}

/// The pages in the header's menu, by `menu`, then title and slug.
fn menu_of(posts: &[PostEntry]) -> Vec<usize> {
    let mut menu: Vec<usize> = (0..posts.len())
        .filter(|&i| posts[i].post.doc.meta.menu.is_some() && posts[i].post.kind == Kind::Page)
        .collect();
    menu.sort_by_key(|&i| {
        let m = &posts[i].post.doc.meta;
        (m.menu, m.title.clone(), posts[i].slug.clone())
    });
    menu
}

/// The checked shortcode calls of a document (cached while what is known stays the same).
fn check_calls<M>(
    known: &Known,
    fingerprint: u64,
    doc: &Document<M>,
    errors: &mut Diagnostics,
) -> Invocations {
    known.check_cached(
        fingerprint,
        &doc.checked,
        &doc.source,
        &doc.body.calls,
        errors,
    )
}

/// What checking a post's body needs: the settings, the site's shortcodes and the exercise library.
pub(super) struct BodyCheck<'a> {
    config: &'a Config,
    site_shortcodes: &'a BTreeSet<String>,
    exercises: &'a [ExerciseEntry],
    by_id: &'a BTreeMap<String, usize>,
    ids: BTreeSet<String>,
    fingerprint: u64,
}

impl<'a> BodyCheck<'a> {
    pub(super) fn new(
        config: &'a Config,
        site_shortcodes: &'a BTreeSet<String>,
        exercises: &'a [ExerciseEntry],
        by_id: &'a BTreeMap<String, usize>,
    ) -> BodyCheck<'a> {
        let mut check = BodyCheck {
            config,
            site_shortcodes,
            exercises,
            by_id,
            ids: by_id.keys().cloned().collect(),
            fingerprint: 0,
        };
        check.fingerprint = check.known(&check.ids).fingerprint();
        check
    }

    fn known<'k>(&'k self, ids: &'k BTreeSet<String>) -> Known<'k> {
        known(self.config, self.site_shortcodes, ids)
    }

    /// Checks the shortcode calls of `p`'s body and makes its routine: sets its `invocations`,
    /// `exercises`, `routine` and `notes` (what the checks found).
    pub(super) fn check(&self, p: &mut PostEntry) {
        let mut notes = Diagnostics::default();
        let doc = &p.post.doc;
        let known = self.known(&self.ids);
        p.invocations = check_calls(&known, self.fingerprint, doc, &mut notes);
        p.exercises.clear();
        let mut seen = BTreeSet::new();
        for inv in p.invocations.values() {
            if let Invocation::Exercise { id, .. } = inv
                && let Some(&i) = self.by_id.get(id)
                && seen.insert(i)
            {
                p.exercises.push(i);
            }
        }
        let pace_of = |id: &str| self.by_id.get(id).map(|&i| (i, self.exercises[i].pace));
        p.routine = routine_of(
            &p.invocations,
            pace_of,
            &self.config.routine,
            &doc.source,
            &mut notes,
        );
        if p.routine.items.is_empty() {
            for (&at, inv) in p.invocations.iter() {
                if *inv == Invocation::Routine {
                    notes.push(
                        doc.source
                            .error_at(at, "`routine()` has nothing to show: this post embeds no exercises")
                            .with_hint("embed exercises with {{ exercise(id=\"…\") }}, or remove the routine"),
                    );
                }
            }
        }
        p.notes = notes;
    }
}

/// What shortcode calls are checked against: the exercise ids, the site's shortcodes, the settings.
fn known<'k>(
    config: &'k Config,
    site_shortcodes: &'k BTreeSet<String>,
    ids: &'k BTreeSet<String>,
) -> Known<'k> {
    Known {
        exercises: ids,
        site_shortcodes,
        language: &config.language,
        schemes: &config.url_schemes,
    }
}
