//! The index built in phase 1: which posts are built, their slugs and URLs, series order and
//! neighbours, the exercise graph, and every output path. Rendering reads only this.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::sync::Arc;

use rayon::prelude::*;

mod paths;
use paths::check_output_paths;
pub use paths::{EXERCISE_INDEX_PATH, FIXED_PAGES, exercise_path, post_path, series_path};

use crate::calls::{Invocation, Invocations, Known};
use crate::config::Config;
use crate::content::{self, Asset, Exercise, Loaded, Post};
use crate::diagnostic::Diagnostic;
use crate::markdown::slugify;
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
    /// Posts that embed it, in reading order.
    pub used_in: Vec<usize>,
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
    /// Keys of posts that exist but are not built (drafts), for clearer link errors.
    pub unbuilt: BTreeSet<String>,
    /// Keys that failed to load (links to them are not reported again).
    pub failed: BTreeSet<String>,
    /// Files copied as they are, with their output paths.
    pub assets: Vec<Asset>,
    /// Names of the site's shortcode templates.
    pub site_shortcodes: BTreeSet<String>,
}

/// How many other posts an exercise card names under "Also in" (the rest are counted).
pub const ALSO_IN_LIMIT: usize = 4;

impl Site {
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
    errors: &mut Vec<Diagnostic>,
) -> Site {
    let (built, drafts): (Vec<Arc<Post>>, Vec<Arc<Post>>) = loaded
        .posts
        .into_iter()
        .partition(|p| config.drafts || !p.doc.meta.draft);
    let unbuilt = drafts.into_iter().map(|p| p.key.clone()).collect();

    let mut posts = Vec::with_capacity(built.len());
    let mut slugs: HashMap<&str, &Arc<Post>> = HashMap::with_capacity(built.len());
    for post in &built {
        let meta = &post.doc.meta;
        let slug = meta.slug.as_deref().unwrap_or(&post.stem);
        if let Err(why) = check_segment(slug) {
            let d = post
                .doc
                .source
                .error_at(post.doc.key_offset("slug"), format!("slug `{slug}` {why}"));
            errors.push(
                d.with_hint("use letters, digits, `-` and `_`, e.g. slug = \"low-back-pain\""),
            );
            continue;
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
        if let Some(&other) = slugs.get(slug) {
            // Report at the `slug =` line that made the clash: this post's, else the other's.
            let (here, there) = if post.doc.meta.slug.is_none() && other.doc.meta.slug.is_some() {
                (other, post)
            } else {
                (post, other)
            };
            let d = here.doc.source.error_at(
                here.doc.key_offset("slug"),
                format!("slug `{slug}` is also used by `posts/{}`", there.key),
            );
            errors.push(
                d.with_hint("give one of the two posts a different `slug` in its front matter"),
            );
            continue;
        }
        slugs.insert(slug, post);
        let url = format!("{}{slug}/", config.base_path);
        posts.push(PostEntry {
            permalink: permalink(config, &url),
            url,
            slug: slug.to_string(),
            invocations: Invocations::default(),
            series: None,
            prev: None,
            next: None,
            exercises: Vec::new(),
            post: Arc::clone(post),
        });
    }
    drop(slugs);

    let mut exercises: Vec<ExerciseEntry> = loaded
        .exercises
        .into_par_iter()
        .map(|x| {
            let mut errs = Vec::new();
            let video = x.doc.meta.video.as_ref().and_then(|url| {
                video::parse(url, &x.doc.meta.name)
                    .map_err(|msg| errs.push(x.doc.source.error_at(x.doc.key_offset("video"), msg)))
                    .ok()
            });
            if x.doc.meta.name.trim().is_empty() {
                errs.push(
                    x.doc
                        .source
                        .error_at(x.doc.key_offset("name"), "name is empty"),
                );
            }
            if let Err(why) = check_segment(&x.id) {
                errs.push(
                    x.doc
                        .source
                        .error_at(0, format!("exercise id `{}` (the file name) {why}", x.id))
                        .with_hint("rename the file using letters, digits, `-` and `_`"),
                );
            }
            let url = format!("{}exercises/{}/", config.base_path, x.id);
            (
                ExerciseEntry {
                    permalink: permalink(config, &url),
                    url,
                    invocations: Invocations::default(),
                    video,
                    used_in: Vec::new(),
                    exercise: x,
                },
                errs,
            )
        })
        .collect::<Vec<_>>()
        .into_iter()
        .map(|(x, errs)| {
            errors.extend(errs);
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
    };
    let fingerprint = known.fingerprint();
    let call_errors: Vec<Vec<Diagnostic>> = posts
        .par_iter_mut()
        .map(|p| {
            let mut errs = Vec::new();
            let doc = &p.post.doc;
            p.invocations = known.check_cached(fingerprint, doc, &mut errs);
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
    errors.extend(call_errors.into_iter().flatten());
    for x in &mut exercises {
        let doc = &x.exercise.doc;
        x.invocations = known.check_cached(fingerprint, doc, errors);
    }

    let by_key: BTreeMap<String, usize> = posts
        .iter()
        .enumerate()
        .map(|(i, p)| (p.post.key.clone(), i))
        .collect();
    let (series, loose) = order_posts(config, &mut posts, errors);

    // Reading order: each series in order, then the other posts by date.
    let reading: Vec<usize> = series
        .iter()
        .flat_map(|s| s.parts.iter().copied())
        .chain(loose.iter().copied())
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
    for x in &exercises {
        if x.used_in.is_empty() {
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
        if let Some(dir) = &p.post.bundle {
            let mut errs = Vec::new();
            for mut a in content::files_under(config, dir, &mut errs) {
                if a.to != "index.md" {
                    a.to = format!("{}/{}", p.slug, a.to);
                    assets.push(a);
                }
            }
            errors.extend(errs);
        }
    }
    assets.sort();

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
        failed: loaded.failed.into_keys().collect(),
        assets,
        site_shortcodes,
    };
    check_output_paths(&site, errors);
    site
}

/// The absolute form of a root-relative URL, when the base URL has a host.
pub fn permalink(config: &Config, url: &str) -> String {
    match config.base_url.strip_suffix(&config.base_path) {
        Some(origin) if !origin.is_empty() => format!("{origin}{url}"),
        _ => url.to_string(),
    }
}

/// Why `s` cannot be one path segment of a URL, if it cannot.
pub fn check_segment(s: &str) -> Result<(), &'static str> {
    if s.is_empty() {
        return Err("is empty");
    }
    if s == "." || s == ".." {
        return Err("is not a plain path segment");
    }
    if s.starts_with('.') {
        return Err("starts with `.`, which hides the page on most hosts");
    }
    if !s
        .chars()
        .all(|c| c.is_alphanumeric() || matches!(c, '-' | '_' | '.' | '~'))
    {
        return Err(
            "is not a plain path segment: it may only hold letters, digits, `-`, `_`, `.` and `~`",
        );
    }
    Ok(())
}

/// Groups posts into series (ordered by weight, date, slug) and chains the rest by date.
fn order_posts(
    config: &Config,
    posts: &mut [PostEntry],
    errors: &mut Vec<Diagnostic>,
) -> (Vec<SeriesEntry>, Vec<usize>) {
    let mut series: Vec<SeriesEntry> = Vec::new();
    // Series by name as written (one slugify per series, not per post), and by slug.
    let mut by_name: HashMap<&str, usize> = HashMap::new();
    let mut by_slug: HashMap<String, usize> = HashMap::new();
    let mut loose = Vec::new();
    for (i, p) in posts.iter().enumerate() {
        let Some(name) = p.post.doc.meta.series.as_deref() else {
            loose.push(i);
            continue;
        };
        if let Some(&s) = by_name.get(name) {
            series[s].parts.push(i);
            continue;
        }
        let slug = slugify(name);
        if slug.is_empty() {
            errors.push(
                p.post
                    .doc
                    .source
                    .error_at(
                        p.post.doc.key_offset("series"),
                        format!("series name `{name}` has no letters or digits"),
                    )
                    .with_hint("name the series with words, e.g. series = \"Movement Imbalances\""),
            );
            loose.push(i);
            continue;
        }
        if let Some(&s) = by_slug.get(&slug) {
            let entry = &series[s];
            let first = &posts[entry.parts[0]].post.key;
            errors.push(
                p.post.doc.source
                    .error_at(p.post.doc.key_offset("series"), format!("series `{name}` and series `{}` (in `posts/{first}`) would share the page /series/{}/", entry.name, entry.slug))
                    .with_hint(format!("spell the series name exactly as `{}`", entry.name)),
            );
            continue;
        }
        by_name.insert(name, series.len());
        by_slug.insert(slug.clone(), series.len());
        series.push(SeriesEntry {
            name: name.to_string(),
            url: format!("{}series/{slug}/", config.base_path),
            slug,
            parts: vec![i],
        });
    }
    let key = |i: usize| {
        let p = &posts[i];
        (
            p.post.doc.meta.weight,
            p.post.doc.meta.date,
            p.slug.as_str(),
        )
    };
    for s in &mut series {
        s.parts.sort_by(|&a, &b| key(a).cmp(&key(b)));
    }
    series.sort_by(|a, b| {
        let first = |s: &SeriesEntry| s.parts.iter().map(|&i| posts[i].post.doc.meta.date).min();
        (first(a), &a.name).cmp(&(first(b), &b.name))
    });
    loose.sort_by(|&a, &b| {
        (posts[a].post.doc.meta.date, &posts[a].slug)
            .cmp(&(posts[b].post.doc.meta.date, &posts[b].slug))
    });
    for (si, s) in series.iter().enumerate() {
        chain(posts, &s.parts, Some(si));
    }
    chain(posts, &loose, None);
    (series, loose)
}

fn chain(posts: &mut [PostEntry], order: &[usize], series: Option<usize>) {
    for (n, &i) in order.iter().enumerate() {
        posts[i].series = series.map(|s| (s, n + 1));
        posts[i].prev = (n != 0).then(|| order[n - 1]);
        posts[i].next = order.get(n + 1).copied();
    }
}
