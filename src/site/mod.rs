//! The index built in phase 1: which posts are built, their slugs and URLs, series order and
//! neighbours, the exercise graph, and every output path. Rendering reads only this.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::sync::Arc;

use rayon::prelude::*;

mod aliases;
mod order;
mod paths;
mod route;
pub(crate) mod routine;
mod tags;
pub(crate) use aliases::{AliasEntry, AliasForm, feed_id};
use order::order_posts;
use paths::check_output_paths;
pub(crate) use route::segment_problem;
pub(crate) use route::{
    FEED, FINDER_SCRIPT, MANIFEST, NOJEKYLL, REDIRECTS, ROBOTS, Route, SITEMAP, STYLESHEET,
    THEME_ICONS, permalink,
};
pub(crate) use routine::Routine;
use routine::{Pace, duration_seconds, routine_of};
pub(crate) use tags::TagEntry;
use tags::group_tags;

use crate::calls::{Invocation, Invocations, Known};
use crate::config::Config;
use crate::content::{DocKey, Exercise, Kind, Loaded, Post};
use crate::date::Date;
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::images::Picture;
use crate::markdown::Heading;
use crate::output::Asset;
use crate::video::{self, Video};

/// A post that is part of the build.
#[derive(Debug, Clone)]
pub struct PostEntry {
    /// The loaded post.
    pub post: Arc<Post>,
    /// URL segment.
    pub slug: String,
    /// Root-relative URL (`/base/slug/`).
    pub url: String,
    /// Absolute URL when `base_url` is absolute, else the same as `url`.
    pub permalink: String,
    /// Checked shortcode calls, by start offset.
    pub invocations: Invocations,
    /// `(series index, 1-based position)`.
    pub series: Option<(usize, usize)>,
    /// Previous post (in the series, or by date for posts outside a series).
    pub prev: Option<usize>,
    /// Next post.
    pub next: Option<usize>,
    /// Exercises embedded, in order of first appearance (indices into `Site::exercises`).
    pub exercises: Vec<usize>,
    /// Its tags (indices into `Site::tags`), in the order written.
    pub tags: Vec<usize>,
    /// Dated after today, and built because future posts were asked for (watch, `--future`).
    pub scheduled: bool,
    /// URL of its picture (root-relative, or absolute for an `https://` image).
    pub image: Option<String>,
    /// Its picture as the hero under the title (a file of the site, whose size is known).
    pub hero: Option<Picture>,
    /// Its routine: the exercises it embeds with their prescriptions and estimated time.
    pub routine: Routine,
}

/// Why a post that exists is not part of the build.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Unbuilt {
    /// A draft, and drafts are not built.
    Draft,
    /// Dated after today, and future posts are not built.
    Scheduled(Date),
}

/// A series: its name and its parts in reading order.
#[derive(Debug, Clone)]
pub struct SeriesEntry {
    /// Name as written in front matter.
    pub name: String,
    /// URL segment.
    pub slug: String,
    /// Root-relative URL of the series page.
    pub url: String,
    /// Post indices in reading order.
    pub parts: Vec<usize>,
}

/// An exercise of the library.
#[derive(Debug, Clone)]
pub struct ExerciseEntry {
    /// The loaded exercise.
    pub exercise: Arc<Exercise>,
    /// Root-relative URL of its page.
    pub url: String,
    /// Absolute URL when `base_url` is absolute.
    pub permalink: String,
    /// Checked shortcode calls in the body.
    pub invocations: Invocations,
    /// The embed for its `video`.
    pub video: Option<Video>,
    /// Its `image`, shown on its card and page.
    pub image: Option<Picture>,
    /// Its `poster`, shown on its video before it plays.
    pub poster: Option<Picture>,
    /// Posts that embed it, in reading order.
    pub used_in: Vec<usize>,
    /// Its own pace for routines' estimated time.
    pub pace: Pace,
}

/// Everything phase 2 needs.
#[derive(Debug, Clone)]
pub struct Site {
    /// Resolved settings.
    pub config: Config,
    /// Posts being built, sorted by key.
    pub posts: Vec<PostEntry>,
    /// Series, ordered by their first part's date, then name.
    pub series: Vec<SeriesEntry>,
    /// Posts outside any series, oldest first.
    pub loose: Vec<usize>,
    /// Each post's place in reading order (every series in order, then the other posts by date).
    pub reading_position: Vec<usize>,
    /// Exercises sorted by id.
    pub exercises: Vec<ExerciseEntry>,
    /// Post index by key (`core.md`), for `@/` links.
    pub by_key: BTreeMap<String, usize>,
    /// Exercise index by id.
    pub by_id: BTreeMap<String, usize>,
    /// Keys of posts that exist but are not built, and why, for clearer link errors.
    pub unbuilt: BTreeMap<String, Unbuilt>,
    /// Tags, sorted by slug.
    pub tags: Vec<TagEntry>,
    /// Keys that failed to load (links to them are not reported again).
    pub failed: BTreeSet<String>,
    /// Files copied as they are, with their output paths.
    pub assets: Vec<Asset>,
    /// Every image of the build, by its path in the output: its picture, or why it has none.
    pub pictures: BTreeMap<String, Result<Picture, Diagnostic>>,
    /// Photos encoded by this build (not taken from the cache).
    pub images_encoded: usize,
    /// The generated files that the site's own `static/` files replace (`style.css`,
    /// `robots.txt`, `manifest.webmanifest`, and all the theme's icons once the site has a
    /// `favicon.*` of its own): they are copied, or left out, instead of generated.
    pub replaced: Vec<&'static str>,
    /// Pages in the header navigation, in their `menu` order (indices into `posts`).
    pub menu: Vec<usize>,
    /// Every alias of every post and page, in the order of `posts`.
    pub aliases: Vec<AliasEntry>,
}

/// A document an `@/` link can name, found in the index.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Doc {
    /// A post being built, by index.
    Post(usize),
    /// An exercise, by index.
    Exercise(usize),
}

/// How many other posts an exercise card names under "Also in" (the rest are counted).
pub const ALSO_IN_LIMIT: usize = 4;

impl Site {
    /// The post or exercise an `@/` key names, if it is part of the build.
    pub fn lookup(&self, key: &str) -> Option<Doc> {
        match DocKey::parse(key) {
            DocKey::Exercise(id) => self.by_id.get(id).map(|&i| Doc::Exercise(i)),
            DocKey::Post(key) => self.by_key.get(key).map(|&i| Doc::Post(i)),
        }
    }

    /// The URL of a document's page.
    pub fn url_of(&self, doc: Doc) -> &str {
        match doc {
            Doc::Post(i) => &self.posts[i].url,
            Doc::Exercise(i) => &self.exercises[i].url,
        }
    }

    /// The headings of a document (what `#anchor` links to it may name).
    pub fn headings_of(&self, doc: Doc) -> &[Heading] {
        match doc {
            Doc::Post(i) => &self.posts[i].post.doc.body.outline.headings,
            Doc::Exercise(i) => &self.exercises[i].exercise.doc.body.outline.headings,
        }
    }

    /// The other posts an exercise card in `post` names: parts of the same series first, then
    /// the rest in reading order, at most [`ALSO_IN_LIMIT`]; and how many more use it.
    pub fn also_in(&self, exercise: usize, post: Option<usize>) -> (Vec<usize>, usize) {
        let users = &self.exercises[exercise].used_in;
        let uses = |j: usize| self.posts[j].exercises.contains(&exercise);
        let mut chosen: Vec<usize> = Vec::with_capacity(ALSO_IN_LIMIT);
        if let Some((s, _)) = post.and_then(|p| self.posts[p].series) {
            chosen.extend(
                self.series[s]
                    .parts
                    .iter()
                    .copied()
                    .filter(|&j| Some(j) != post && uses(j))
                    .take(ALSO_IN_LIMIT),
            );
        }
        for &j in users {
            if chosen.len() == ALSO_IN_LIMIT {
                break;
            }
            if Some(j) != post && !chosen.contains(&j) {
                chosen.push(j);
            }
        }
        let others = users.len() - usize::from(post.is_some_and(uses));
        chosen.sort_by_key(|&j| self.reading_position[j]);
        let more = others - chosen.len();
        (chosen, more)
    }
}

/// Builds the index from loaded content. Problems go to `errors`; what can be indexed is.
pub fn index(
    config: &Config,
    loaded: Loaded,
    site_shortcodes: BTreeSet<String>,
    errors: &mut Diagnostics,
) -> Site {
    let mut unbuilt = BTreeMap::new();
    let mut built: Vec<Arc<Post>> = Vec::with_capacity(loaded.posts.len());
    for p in loaded.posts {
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

    let mut posts = Vec::with_capacity(built.len());
    let mut slugs: HashMap<String, &Arc<Post>> = HashMap::with_capacity(built.len());
    for post in &built {
        let meta = &post.doc.meta;
        let Some(slug) = page_path(post, errors) else {
            continue;
        };
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
            scheduled: meta
                .date
                .is_some_and(|d| post.kind == Kind::Post && d.date > config.today),
            image: None,
            hero: None,
            routine: Routine::default(),
            post: Arc::clone(post),
        });
    }
    drop(slugs);

    let mut exercises: Vec<ExerciseEntry> = loaded
        .exercises
        .into_par_iter()
        .map(|x| {
            let mut errs = Diagnostics::default();
            let m = &x.doc.meta;
            let video = m.video.as_ref().and_then(|url| {
                video::parse(url, &format!("{} demonstration", m.name.trim()))
                    .map(|v| {
                        v.with(video::Options {
                            start: None,
                            captions: m.video_captions.then(|| config.language.clone()),
                            poster: m.poster.clone(),
                        })
                    })
                    .map_err(|d| errs.push(x.doc.source.locate(x.doc.key_offset("video"), d)))
                    .ok()
            });
            for key in ["poster", "video_captions", "video_date"] {
                let given = match key {
                    "poster" => m.poster.is_some(),
                    "video_captions" => m.video_captions,
                    _ => m.video_date.is_some(),
                };
                if given && m.video.is_none() {
                    errs.push(
                        x.doc
                            .source
                            .error_at(x.doc.key_offset(key), format!("`{key}` without a `video`"))
                            .with_hint("add the `video:` URL it belongs to, or remove the line"),
                    );
                }
            }
            if x.doc.meta.name.trim().is_empty() {
                errs.push(
                    x.doc
                        .source
                        .error_at(x.doc.key_offset("name"), "name is empty"),
                );
            }
            let duration = m.duration.as_ref().and_then(|d| {
                duration_seconds(d)
                    .map_err(|why| {
                        errs.push(x.doc.source.error_at(x.doc.key_offset("duration"), why))
                    })
                    .ok()
            });
            if m.seconds_per_rep == Some(0) {
                errs.push(
                    x.doc
                        .source
                        .error_at(
                            x.doc.key_offset("seconds_per_rep"),
                            "`seconds_per_rep` must be at least 1",
                        )
                        .with_hint("give the seconds one rep takes, e.g. `seconds_per_rep: 3`"),
                );
            }
            let pace = Pace {
                seconds_per_rep: m.seconds_per_rep.filter(|&n| n > 0),
                duration,
            };
            if let Some(why) = segment_problem(&x.id) {
                errs.push(
                    x.doc
                        .source
                        .error_at(0, format!("exercise id `{}` (the file name) {why}", x.id))
                        .with_hint("rename the file using letters, digits, `-` and `_`"),
                );
            }
            let url = Route::exercise(&x.id).url(config);
            (
                ExerciseEntry {
                    permalink: permalink(config, &url),
                    url,
                    invocations: Invocations::default(),
                    video,
                    image: None,
                    poster: None,
                    used_in: Vec::new(),
                    pace,
                    exercise: x,
                },
                errs,
            )
        })
        .collect::<Vec<_>>()
        .into_iter()
        .map(|(x, errs)| {
            errors.append(errs);
            x
        })
        .collect();
    let by_id: BTreeMap<String, usize> = exercises
        .iter()
        .enumerate()
        .map(|(i, x)| (x.exercise.id.clone(), i))
        .collect();

    // Check shortcode calls now that every exercise and site shortcode is known.
    let ids: BTreeSet<String> = by_id.keys().cloned().collect();
    let known = Known {
        exercises: &ids,
        site_shortcodes: &site_shortcodes,
        language: &config.language,
    };
    let fingerprint = known.fingerprint();
    let call_errors: Vec<Diagnostics> = posts
        .par_iter_mut()
        .map(|p| {
            let mut errs = Diagnostics::default();
            let doc = &p.post.doc;
            p.invocations = known.check_cached(
                fingerprint,
                &doc.checked,
                &doc.source,
                &doc.body.calls,
                &mut errs,
            );
            let mut seen = BTreeSet::new();
            for inv in p.invocations.values() {
                if let Invocation::Exercise { id, .. } = inv
                    && let Some(&i) = by_id.get(id)
                    && seen.insert(i)
                {
                    p.exercises.push(i);
                }
            }
            errs
        })
        .collect();
    // A post with a broken shortcode may be the one meant to use an exercise.
    let calls_broken = call_errors.iter().any(Diagnostics::has_errors)
        || posts.iter().any(|p| p.post.doc.problems.has_errors());
    errors.extend(call_errors.into_iter().flat_map(|d| d.into_iter()));
    for x in &mut exercises {
        let doc = &x.exercise.doc;
        x.invocations = known.check_cached(
            fingerprint,
            &doc.checked,
            &doc.source,
            &doc.body.calls,
            errors,
        );
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
    let routine_errors: Vec<Diagnostics> = posts
        .par_iter_mut()
        .map(|p| {
            let mut errs = Diagnostics::default();
            let doc = &p.post.doc;
            let pace_of = |id: &str| by_id.get(id).map(|&i| (i, exercises[i].pace));
            p.routine = routine_of(&p.invocations, pace_of, &config.routine, &doc.source, &mut errs);
            if p.routine.items.is_empty() {
                for (&at, inv) in p.invocations.iter() {
                    if *inv == Invocation::Routine {
                        errs.push(
                            doc.source
                                .error_at(at, "`routine()` has nothing to show: this post embeds no exercises")
                                .with_hint("embed exercises with {{ exercise(id=\"…\") }}, or remove the routine"),
                        );
                    }
                }
            }
            errs
        })
        .collect();
    errors.extend(routine_errors.into_iter().flat_map(|d| d.into_iter()));

    let by_key: BTreeMap<String, usize> = posts
        .iter()
        .enumerate()
        .map(|(i, p)| (p.post.key.clone(), i))
        .collect();
    let (series, loose) = order_posts(config, &mut posts, errors);

    // Reading order: each series in order, then the other posts by date, then the pages.
    let reading: Vec<usize> = series
        .iter()
        .flat_map(|s| s.parts.iter().copied())
        .chain(loose.iter().copied())
        .chain((0..posts.len()).filter(|&i| posts[i].post.kind == Kind::Page))
        .collect();
    let mut reading_position = vec![0; posts.len()];
    for (n, &pi) in reading.iter().enumerate() {
        reading_position[pi] = n;
    }
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
    for x in &exercises {
        if x.used_in.is_empty() && posts_sound {
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

    let mut assets = loaded.statics;
    for p in &posts {
        assets.extend(
            loaded
                .files
                .bundle_assets(&p.post.key)
                .iter()
                .map(|a| Asset {
                    from: a.from.clone(),
                    to: format!("{}/{}", p.slug, a.to),
                }),
        );
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
    let media = Arc::clone(&loaded.media);
    for p in &mut posts {
        let doc = &p.post.doc;
        if let Some(image) = &doc.meta.image {
            let at = |d| doc.source.locate(doc.key_offset("image"), d);
            match resolve_image(config, Some(&p.slug), "image", image, &assets) {
                Ok(ImageRef::External(url)) => p.image = Some(url),
                Ok(ImageRef::Local(asset, url)) => {
                    p.hero = media
                        .picture(asset, &url)
                        .map_err(|d| errors.push(at(d)))
                        .ok()
                        .flatten();
                    p.image = Some(url);
                }
                Err(d) => errors.push(at(d)),
            }
        }
    }
    for x in &mut exercises {
        let doc = &x.exercise.doc;
        let mut picture = |key: &str, path: &Option<String>| {
            let at = |d| doc.source.locate(doc.key_offset(key), d);
            path.as_ref().and_then(|path| {
                resolve_image(config, None, key, path, &assets)
                    .and_then(|r| match r {
                        ImageRef::Local(asset, url) => media.picture(asset, &url),
                        ImageRef::External(_) => unreachable!("exercises take no URLs"),
                    })
                    .map_err(|d| errors.push(at(d)))
                    .ok()
                    .flatten()
            })
        };
        x.image = picture("image", &doc.meta.image);
        x.poster = picture("poster", &doc.meta.poster);
    }
    // Every image of the build by output path, for the Markdown that shows them; a photo is
    // replaced in the output by its variants.
    let pictures: BTreeMap<String, Result<Picture, Diagnostic>> = assets
        .iter()
        .filter_map(|a| {
            let url = format!("{}{}", config.base_path, a.to);
            media
                .picture(a, &url)
                .transpose()
                .map(|p| (a.to.clone(), p))
        })
        .collect();
    let mut assets: Vec<Asset> = assets.iter().flat_map(|a| media.outputs(a)).collect();
    assets.sort();

    let mut menu: Vec<usize> = (0..posts.len())
        .filter(|&i| posts[i].post.doc.meta.menu.is_some() && posts[i].post.kind == Kind::Page)
        .collect();
    menu.sort_by_key(|&i| {
        let m = &posts[i].post.doc.meta;
        (m.menu, m.title.clone(), posts[i].slug.clone())
    });
    let aliases = aliases::collect_aliases(&posts, errors);
    check_feed_ids(config, &posts, errors);
    let site = Site {
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
    };
    check_output_paths(&site, errors);
    site
}

/// A post's slug, or a page's path under the base URL (`start/equipment`, its last segment
/// replaced by `slug` when one is given), once checked; problems go to `errors`.
fn page_path(post: &Post, errors: &mut Diagnostics) -> Option<String> {
    let meta = &post.doc.meta;
    let slug = meta.slug.as_deref().unwrap_or(&post.stem);
    let path = match (post.kind, meta.slug.as_deref()) {
        (Kind::Page, Some(slug)) => match post.stem.rsplit_once('/') {
            Some((parent, _)) => format!("{parent}/{slug}"),
            None => slug.to_string(),
        },
        _ => slug.to_string(),
    };
    if post.kind == Kind::Page && path.is_empty() {
        errors.push(
            post.doc
                .source
                .error_at(0, "this page would replace the home page")
                .with_hint("the home page lists the posts; move the page into a file or folder of its own, e.g. `pages/about.md`"),
        );
        return None;
    }
    let bad = match post.kind {
        Kind::Post => segment_problem(slug).map(|why| (slug, why)),
        Kind::Page => path
            .split('/')
            .find_map(|s| segment_problem(s).map(|why| (s, why))),
    };
    if let Some((segment, why)) = bad {
        let what = if meta.slug.is_some() || post.kind == Kind::Post {
            format!("slug `{segment}` {why}")
        } else {
            format!("the file or folder name `{segment}` {why}")
        };
        let d = post.doc.source.error_at(post.doc.key_offset("slug"), what);
        errors.push(d.with_hint("use letters, digits, `-` and `_`, e.g. slug = \"low-back-pain\""));
        return None;
    }
    Some(path)
}

/// Each post's `feed_id` is an absolute IRI, and no two posts share a feed entry id.
fn check_feed_ids(config: &Config, posts: &[PostEntry], errors: &mut Diagnostics) {
    let mut seen: HashMap<String, &Post> = HashMap::new();
    for p in posts.iter().filter(|p| p.post.kind == Kind::Post) {
        aliases::check_feed_id(&p.post, errors);
        let id = feed_id(config, p);
        if let Some(other) = seen.get(&id) {
            errors.push(
                p.post
                    .doc
                    .source
                    .error_at(
                        p.post.doc.key_offset("feed_id"),
                        format!("feed entry id `{id}` is also the id of `{}`", other.file()),
                    )
                    .with_hint("feed readers would show one post in place of the other: give each post its own `feed_id`"),
            );
        } else {
            seen.insert(id, &p.post);
        }
    }
}

/// Front matter keys that only a post or only a page may hold, where the other has them.
fn check_kind_keys(post: &Post, errors: &mut Diagnostics) {
    let doc = &post.doc;
    let present = |key: &str| doc.key_offset(key) != 0;
    let (wrong, hint): (&[&str], &str) = match post.kind {
        Kind::Page => (
            &["series", "weight", "tags", "feed_id"],
            "pages are in no series, tag or feed; move the file to `posts/` (with a `date`) to make it a post",
        ),
        Kind::Post => (
            &["menu"],
            "only pages (`pages/`) go in the header navigation; link to the post from a page instead",
        ),
    };
    for key in wrong.iter().copied().filter(|k| present(k)) {
        let what = match post.kind {
            Kind::Page => "a page",
            Kind::Post => "a post",
        };
        errors.push(
            doc.source
                .error_at(
                    doc.key_offset(key),
                    format!("`{key}` is not a key of {what}"),
                )
                .with_hint(hint),
        );
    }
}

/// Two documents that want one URL: an error at the one whose `slug` made the clash (else at the
/// later one), naming both files.
fn same_url(config: &Config, path: &str, post: &Post, other: &Post) -> Diagnostic {
    let (here, there) = if post.doc.meta.slug.is_none() && other.doc.meta.slug.is_some() {
        (other, post)
    } else {
        (post, other)
    };
    let what = |p: &Post| match p.kind {
        Kind::Post => "post",
        Kind::Page => "page",
    };
    let url = Route::post(path).url(config);
    let message = if here.kind == Kind::Post && there.kind == Kind::Post {
        format!("slug `{path}` is also used by `{}`", there.file())
    } else {
        format!(
            "{} `{}` and {} `{}` would both be at {url}",
            what(here),
            here.file(),
            what(there),
            there.file()
        )
    };
    here.doc
        .source
        .error_at(here.doc.key_offset("slug"), message)
        .with_hint("give one of the two a different `slug` in its front matter, or rename its file")
}

/// Where an `image` of front matter leads.
enum ImageRef<'a> {
    /// An `https://` URL, used as it is.
    External(String),
    /// A file of the build, and its URL.
    Local(&'a Asset, String),
}

/// Resolves an `image` of front matter: an `https://` URL as it is (where `bundle` is given:
/// posts); `/path` a file of `static/`; anything else a file of the post's bundle (`bundle` is
/// the post's slug). A file that the build does not copy is an error.
fn resolve_image<'a>(
    config: &Config,
    bundle: Option<&str>,
    key: &str,
    image: &str,
    assets: &'a [Asset],
) -> Result<ImageRef<'a>, Diagnostic> {
    let image = image.trim();
    let external = image.starts_with("https://") || image.starts_with("http://");
    if external && bundle.is_some() {
        return Ok(ImageRef::External(image.to_string()));
    }
    let output_path = match (image.strip_prefix('/'), bundle) {
        (Some(rooted), _) => rooted.to_string(),
        (None, Some(slug)) => format!("{slug}/{image}"),
        (None, None) => String::new(),
    };
    let found = (!output_path.split('/').any(|s| s == ".."))
        .then(|| assets.iter().find(|a| a.to == output_path))
        .flatten();
    let Some(asset) = found else {
        let hint = match (image.strip_prefix('/'), bundle) {
            (Some(rooted), _) => format!("put the file at `static/{rooted}`, or fix the path"),
            (None, Some(slug)) => format!(
                "write the post as a bundle (`posts/{slug}/index.md`) with `{image}` beside it, \
                 or start the path with `/` for a file of `static/`"
            ),
            (None, None) => format!(
                "an exercise's {key} is a file of `static/`, written from the site root: put it at \
                 `static/images/{name}` and write `/images/{name}`",
                name = image.rsplit('/').next().unwrap_or(image)
            ),
        };
        return Err(
            Diagnostic::new(format!("{key} `{image}` is not a file of the site")).with_hint(hint),
        );
    };
    Ok(ImageRef::Local(
        asset,
        format!("{}{output_path}", config.base_path),
    ))
}

impl Site {
    /// Whether post `i` has a routine page: it embeds exercises.
    pub fn has_routine(&self, i: usize) -> bool {
        !self.posts[i].routine.items.is_empty()
    }

    /// Whether a series has a program page: some part embeds exercises.
    pub fn has_program(&self, s: &SeriesEntry) -> bool {
        s.parts.iter().any(|&i| self.has_routine(i))
    }

    /// True when the site has posts (pages alone have no feed).
    pub fn has_posts(&self) -> bool {
        self.posts.iter().any(|p| p.post.kind == Kind::Post)
    }

    /// True when the site's `static/` holds its own version of the generated file `name`.
    pub fn replaces(&self, name: &str) -> bool {
        self.replaced.contains(&name)
    }

    /// The posts of a feed (the site's, or a series'), newest first, at most `feed_limit`.
    pub fn feed_entries(&self, series: Option<usize>) -> Vec<usize> {
        let mut posts: Vec<usize> = match series {
            Some(s) => self.series[s].parts.clone(),
            None => (0..self.posts.len()).collect(),
        };
        posts.retain(|&i| self.posts[i].post.kind == Kind::Post);
        let key = |i: usize| (self.posts[i].post.doc.meta.date, &self.posts[i].slug);
        posts.sort_by(|&a, &b| key(b).cmp(&key(a)));
        if self.config.feed_limit > 0 {
            posts.truncate(self.config.feed_limit);
        }
        posts
    }

    /// How many posts are held back because they are scheduled, and the earliest of their dates.
    pub fn held_back(&self) -> Option<(usize, Date)> {
        let dates = self.unbuilt.values().filter_map(|u| match u {
            Unbuilt::Scheduled(d) => Some(*d),
            Unbuilt::Draft => None,
        });
        let (count, first) = dates.fold((0, None::<Date>), |(n, min), d| {
            (n + 1, Some(min.map_or(d, |m| m.min(d))))
        });
        first.map(|d| (count, d))
    }
}
