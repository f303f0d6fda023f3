//! Loading the site's sources from disk: posts, exercises, bundle assets and static files.

pub mod comments;
pub mod frontmatter;
mod stray;

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use rayon::prelude::*;
use serde::Deserialize;

use crate::calls::CheckCache;
use crate::config::Config;
use crate::diagnostic::{Diagnostic, Diagnostics, SourceFile};
use crate::document::Body;
use crate::fsutil;
use crate::hash::{digest, hash_str};
use crate::images::Media;
use crate::output::Asset;
use frontmatter::{DateTime, Split};
use stray::is_markdown;

/// Folder under `posts/` that holds the exercise library.
pub const EXERCISES_DIR: &str = "exercises";

/// A post's front matter, exactly as written.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PostMeta {
    /// Title (required).
    pub title: String,
    /// Publication date (required for posts, optional for pages), optionally with a time and
    /// offset. A date after today schedules the post.
    pub date: Option<DateTime>,
    /// Date of the last significant change, if any.
    pub updated: Option<DateTime>,
    /// The post's picture (share card and hero): a file of its bundle, a path from the site root
    /// (`/images/x.jpg`, a file of `static/`), or an `https://` URL.
    pub image: Option<String>,
    /// Alternative text of `image` where it is shown as the hero (default: none, decorative).
    pub image_alt: Option<String>,
    /// URL segment; defaults to the file stem or bundle folder name.
    pub slug: Option<String>,
    /// Name of the series the post belongs to.
    pub series: Option<String>,
    /// Order within the series (lower first).
    #[serde(default)]
    pub weight: i64,
    /// Plain-text summary; defaults to the first paragraph.
    pub summary: Option<String>,
    /// Tags.
    #[serde(default)]
    pub tags: Vec<String>,
    /// Drafts are only built with `--drafts`.
    #[serde(default)]
    pub draft: bool,
    /// Free-form data for templates.
    pub extra: Option<serde_yaml_ng::Value>,
    /// Old addresses that redirect here: paths under the base URL (`/2019/05/old-url/`) and
    /// queries on the site root (`/?p=123`).
    #[serde(default)]
    pub aliases: Vec<String>,
    /// The feed entry id, kept across renames; posts only (see `site::feed_id`).
    pub feed_id: Option<String>,
    /// A page's place in the site's header navigation (lower first); pages only.
    pub menu: Option<i64>,
}

/// The keys a post's front matter may hold.
pub const POST_KEYS: &[&str] = &[
    "title",
    "date",
    "updated",
    "image",
    "image_alt",
    "slug",
    "series",
    "weight",
    "summary",
    "tags",
    "draft",
    "extra",
    "aliases",
    "feed_id",
];

/// The keys a page's front matter may hold (`pages/`).
pub const PAGE_KEYS: &[&str] = &[
    "title",
    "date",
    "updated",
    "image",
    "image_alt",
    "slug",
    "summary",
    "draft",
    "extra",
    "aliases",
    "menu",
];

/// Folder of the site root that holds pages: undated documents outside feeds, lists and series.
pub const PAGES_DIR: &str = "pages";

/// Whether a document of `posts/` or of `pages/` is a post or a page.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Kind {
    /// A dated post of `posts/`.
    Post,
    /// An undated page of `pages/`.
    Page,
}

/// What an exercise trains.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize, serde::Serialize,
)]
#[serde(rename_all = "kebab-case")]
pub enum Goal {
    /// Range of motion.
    Mobility,
    /// Control.
    Stability,
    /// Force.
    Strength,
    /// Foam rolling and the like.
    SoftTissue,
}

impl Goal {
    /// The name as written in front matter.
    pub fn name(self) -> &'static str {
        match self {
            Goal::Mobility => "mobility",
            Goal::Stability => "stability",
            Goal::Strength => "strength",
            Goal::SoftTissue => "soft-tissue",
        }
    }
}

/// An exercise's front matter, exactly as written.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExerciseMeta {
    /// Display name (required).
    pub name: String,
    /// Joint or area, free text (hips, t-spine, core, ...).
    #[serde(default)]
    pub joint: String,
    /// What it trains.
    pub goal: Option<Goal>,
    /// A video URL (YouTube, Vimeo, or an .mp4/.webm file).
    pub video: Option<String>,
    /// The picture its video shows before it plays (default: its `image`).
    pub poster: Option<String>,
    /// Captions on from the start (in the site's language).
    #[serde(default)]
    pub video_captions: bool,
    /// When its video was published (the `uploadDate` of its `VideoObject`).
    pub video_date: Option<DateTime>,
    /// Short coaching cues.
    #[serde(default)]
    pub cues: Vec<String>,
    /// Equipment needed.
    #[serde(default)]
    pub equipment: Vec<String>,
    /// Its picture on its card and page: a file of `static/`, as `/images/x.svg`.
    pub image: Option<String>,
    /// Alternative text of `image` (default: none, decorative: the name is beside it).
    pub image_alt: Option<String>,
    /// Seconds one rep takes (routines' estimated time).
    pub seconds_per_rep: Option<u32>,
    /// How long one set lasts when an embed gives no reps: a hold or a pass of the roller
    /// (seconds, or text such as "45 seconds" or "1 minute").
    pub duration: Option<Duration>,
}

/// An exercise's `duration`: seconds, or text with a unit.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(untagged)]
pub enum Duration {
    /// Seconds.
    Seconds(u32),
    /// Text such as "45 seconds" or "1 minute".
    Text(String),
}

/// The keys an exercise's front matter may hold.
pub const EXERCISE_KEYS: &[&str] = &[
    "name",
    "joint",
    "goal",
    "video",
    "poster",
    "video_captions",
    "video_date",
    "cues",
    "equipment",
    "image",
    "image_alt",
    "seconds_per_rep",
    "duration",
];

/// A Markdown document with parsed front matter.
#[derive(Debug, Clone)]
pub struct Document<M> {
    /// Absolute path the file was read from.
    pub source_path: PathBuf,
    /// The file.
    pub source: SourceFile,
    /// Where the front matter and body are.
    pub split: Split,
    /// The front matter.
    pub meta: M,
    /// The body, with shortcodes found and masked.
    pub body: Body,
    /// Problems found in the body while preparing it (reported on every build while they last).
    pub problems: Diagnostics,
    /// Hash of the file's text, to tell whether pages built from it may have changed.
    pub hash: u64,
    /// Its shortcode calls once checked (see `calls::Known::check_cached`).
    pub checked: CheckCache,
    /// Hash of its heading ids: what `@/…#anchor` links to it depend on.
    pub anchors_hash: u64,
}

impl<M> Document<M> {
    /// Byte offset of `key` in the front matter (or of the opening fence).
    pub fn key_offset(&self, key: &str) -> usize {
        frontmatter::key_offset(&self.source.text, &self.split, key)
    }
}

/// A loaded post, or a page of `pages/` (see [`Kind`]).
#[derive(Debug, Clone)]
pub struct Post {
    /// Path under `posts/` with `/` separators (`core.md`, `trip/index.md`), or `pages/` and the
    /// path under it for a page (`pages/about.md`): what `@/` links name.
    pub key: String,
    /// The default slug (file stem or bundle folder name); for a page, its default path under the
    /// base URL (`start/equipment`).
    pub stem: String,
    /// Post or page.
    pub kind: Kind,
    /// Front matter and text.
    pub doc: Document<PostMeta>,
    /// Plain-text summary: the front matter's, or the first paragraph.
    pub summary_text: String,
    /// Hash of what other pages show of this post (title, date, summary, tags, slug, series,
    /// weight), so a rebuild can tell cheaply whether its listings and neighbours changed.
    pub ref_hash: u64,
    /// Comments kept beside it (`comments.toml` in its bundle), in their order.
    pub comments: Arc<Vec<comments::Comment>>,
}

impl Post {
    /// A post of `posts/`: a date is required.
    fn from_posts(key: &str, doc: Document<PostMeta>) -> Result<Post, Diagnostic> {
        if doc.meta.date.is_none() {
            return Err(doc
                .source
                .error_at(
                    doc.split.matter.start.saturating_sub(1),
                    "missing required field `date`",
                )
                .with_hint(
                    "add `date` to the front matter (a page without a date belongs in `pages/`)",
                ));
        }
        Ok(Post::new(
            key,
            stem(key.split('/').next().unwrap_or(key)),
            Kind::Post,
            doc,
        ))
    }

    /// A page of `pages/` (`key` starts with `pages/`).
    fn from_pages(key: &str, doc: Document<PostMeta>) -> Result<Post, Diagnostic> {
        let rel = key.strip_prefix("pages/").unwrap_or(key);
        let path = rel
            .strip_suffix("/index.md")
            .or_else(|| (rel == "index.md").then_some(""))
            .map_or_else(|| stem(rel), str::to_string);
        Ok(Post::new(key, path, Kind::Page, doc))
    }

    /// The file's path for messages (`posts/core.md`, `pages/about.md`).
    pub fn file(&self) -> String {
        match self.kind {
            Kind::Post => format!("posts/{}", self.key),
            Kind::Page => self.key.clone(),
        }
    }

    fn new(key: &str, stem: String, kind: Kind, doc: Document<PostMeta>) -> Post {
        let m = &doc.meta;
        let summary_text = m
            .summary
            .clone()
            .unwrap_or_else(|| doc.body.outline.first_paragraph.clone());
        let ref_hash = digest((
            key,
            &m.title,
            m.date,
            m.updated,
            (&m.image, &m.image_alt),
            &summary_text,
            &m.tags,
            &m.slug,
            &stem,
            &m.series,
            m.weight,
            (m.draft, kind == Kind::Page, m.menu, &m.aliases),
        ));
        Post {
            key: key.to_string(),
            stem,
            kind,
            ref_hash,
            summary_text,
            doc,
            comments: Arc::default(),
        }
    }
}

/// A loaded exercise.
#[derive(Debug, Clone)]
pub struct Exercise {
    /// The id (file stem).
    pub id: String,
    /// Front matter and text.
    pub doc: Document<ExerciseMeta>,
}

/// Everything read from disk in phase 1.
#[derive(Debug, Default, Clone)]
pub struct Loaded {
    /// Posts, sorted by key.
    pub posts: Vec<Arc<Post>>,
    /// Exercises, sorted by id.
    pub exercises: Vec<Arc<Exercise>>,
    /// Files from `static/`.
    pub statics: Vec<Asset>,
    /// Keys of posts (and `exercises/<id>.md`) that failed to load, with why.
    pub failed: BTreeMap<String, Diagnostic>,
    /// The files found by the last walk, to reuse when no file was added or removed.
    pub files: Arc<Files>,
    /// Keys of the documents read from disk by this load (the rest were reused).
    pub fresh: Vec<String>,
    /// Every image file of `static/` and the bundles, measured.
    pub media: Arc<Media>,
}

/// The source files a walk found: `(path, key)` of posts and of exercises, static files, the
/// other files of each bundle (by the bundle post's key, relative to its folder), and problems
/// met while walking.
#[derive(Debug, Default, Clone)]
pub struct Files {
    posts: Vec<(PathBuf, String)>,
    pages: Vec<(PathBuf, String)>,
    exercises: Vec<(PathBuf, String)>,
    statics: Vec<Asset>,
    bundles: BTreeMap<String, Vec<Asset>>,
    /// `comments.toml` of each bundle that has one, by the bundle post's key.
    comments: BTreeMap<String, PathBuf>,
    problems: Diagnostics,
}

impl Files {
    /// True when `path` is one of the files found (so editing it adds or removes nothing).
    pub fn contains(&self, path: &Path) -> bool {
        self.posts
            .iter()
            .chain(&self.pages)
            .chain(&self.exercises)
            .any(|(p, _)| p == path)
            || self
                .statics
                .iter()
                .chain(self.bundles.values().flatten())
                .any(|a| a.from == path)
            || self.comments.values().any(|p| p == path)
    }

    /// The files of the bundle whose post has `key`, with paths relative to the bundle folder.
    pub fn bundle_assets(&self, key: &str) -> &[Asset] {
        self.bundles.get(key).map_or(&[], Vec::as_slice)
    }
}

/// What an `@/` link key names: a post (`core.md`, `trip/index.md`) or an exercise
/// (`exercises/dead-bug.md`, whose id is `dead-bug`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DocKey<'a> {
    /// A post, by its key.
    Post(&'a str),
    /// An exercise, by its id.
    Exercise(&'a str),
}

impl<'a> DocKey<'a> {
    /// Reads a key as written after `@/` (or as a document's own key).
    pub fn parse(key: &'a str) -> DocKey<'a> {
        match key
            .strip_prefix("exercises/")
            .and_then(|k| k.strip_suffix(".md"))
        {
            Some(id) => DocKey::Exercise(id),
            None => DocKey::Post(key),
        }
    }
}

/// A previous load to reuse, and which files changed since.
pub struct Reuse<'a> {
    /// The previous load.
    pub previous: &'a Loaded,
    /// True for a path (absolute) that changed and must be read again.
    pub changed: &'a (dyn Fn(&Path) -> bool + Sync),
    /// Walk the folders again (files or folders were added or removed); otherwise the previous
    /// list of files is used.
    pub rescan: bool,
}

/// Reads every post, exercise and static file.
pub fn load(config: &Config, errors: &mut Diagnostics) -> Loaded {
    load_reusing(config, None, errors)
}

/// Like [`load`], but documents that did not change are taken from `reuse` instead of being read.
pub fn load_reusing(config: &Config, reuse: Option<Reuse<'_>>, errors: &mut Diagnostics) -> Loaded {
    let old_posts: HashMap<&Path, &Arc<Post>> = reuse
        .as_ref()
        .map(|r| {
            r.previous
                .posts
                .iter()
                .map(|p| (p.doc.source_path.as_path(), p))
                .collect()
        })
        .unwrap_or_default();
    let old_exercises: HashMap<&Path, &Arc<Exercise>> = reuse
        .as_ref()
        .map(|r| {
            r.previous
                .exercises
                .iter()
                .map(|x| (x.doc.source_path.as_path(), x))
                .collect()
        })
        .unwrap_or_default();
    let unchanged = |p: &Path| reuse.as_ref().is_some_and(|r| !(r.changed)(p));
    let files = match &reuse {
        Some(r) if !r.rescan => Arc::clone(&r.previous.files),
        _ => Arc::new(find_files(config)),
    };
    errors.append(files.problems.clone());
    let mut loaded = Loaded {
        statics: files.statics.clone(),
        files,
        ..Loaded::default()
    };
    let files = Arc::clone(&loaded.files);
    loaded.media = Arc::new(Media::process(
        &config.root,
        &config.images,
        files.statics.iter().chain(files.bundles.values().flatten()),
        reuse.as_ref().map(|r| r.previous.media.as_ref()),
        &unchanged,
    ));

    let failed_before = reuse.as_ref().map(|r| &r.previous.failed);
    let ctx = Batch {
        config,
        unchanged: &unchanged,
        failed_before,
    };
    loaded.posts = ctx.load(
        &files.posts,
        &old_posts,
        POST_KEYS,
        &mut loaded,
        errors,
        Post::from_posts,
    );
    let pages = ctx.load(
        &files.pages,
        &old_posts,
        PAGE_KEYS,
        &mut loaded,
        errors,
        Post::from_pages,
    );
    loaded.posts.extend(pages);
    loaded.posts.sort_by(|a, b| a.key.cmp(&b.key));
    comments::attach(&mut loaded.posts, &files.comments, &config.root, errors);
    loaded.exercises = ctx.load(
        &files.exercises,
        &old_exercises,
        EXERCISE_KEYS,
        &mut loaded,
        errors,
        |key, doc| {
            let id = match DocKey::parse(key) {
                DocKey::Exercise(id) => id.to_string(),
                DocKey::Post(key) => stem(key),
            };
            Ok(Exercise { id, doc })
        },
    );
    for doc_problems in loaded
        .posts
        .iter()
        .map(|p| &p.doc.problems)
        .chain(loaded.exercises.iter().map(|x| &x.doc.problems))
    {
        errors.append(doc_problems.clone());
    }

    loaded
}

/// Walks `posts/` and `static/` for the site's source files.
fn find_files(config: &Config) -> Files {
    let root = &config.root;
    let posts_dir = root.join("posts");
    let mut errors = Diagnostics::default();
    let mut post_files = Vec::new();
    let mut exercise_files = Vec::new();
    let mut bundles = BTreeMap::new();
    let mut comments = BTreeMap::new();
    if posts_dir.is_dir() {
        let found: Vec<(PathBuf, Vec<String>)> =
            fsutil::walk(root, &posts_dir, usize::MAX, &mut errors)
                .into_iter()
                .map(|entry| {
                    let rel = entry.strip_prefix(&posts_dir).unwrap_or(&entry);
                    let parts = rel.iter().map(|p| p.to_string_lossy().into_owned());
                    let parts = parts.collect();
                    (entry, parts)
                })
                .collect();
        let bundle_dirs: BTreeSet<String> = found
            .iter()
            .filter_map(|(_, parts)| match parts.as_slice() {
                [dir, file] if file == "index.md" && dir != EXERCISES_DIR => Some(dir.clone()),
                _ => None,
            })
            .collect();
        for (entry, parts) in &found {
            match parts.as_slice() {
                [file] if is_markdown(file) => post_files.push((entry.clone(), file.clone())),
                [dir, file] if dir == EXERCISES_DIR && is_markdown(file) => {
                    exercise_files.push((entry.clone(), format!("{EXERCISES_DIR}/{file}")))
                }
                [dir, file] if file == "index.md" => {
                    let key = format!("{dir}/index.md");
                    let folder = posts_dir.join(dir);
                    let mut others: Vec<Asset> = fsutil::files_under(root, &folder, &mut errors)
                        .into_iter()
                        .filter(|(_, to)| to != "index.md")
                        .map(|(from, to)| Asset { from, to })
                        .collect();
                    if let Some(at) = others.iter().position(|a| a.to == comments::COMMENTS_FILE) {
                        comments.insert(key.clone(), others.remove(at).from);
                    }
                    bundles.insert(key.clone(), others);
                    post_files.push((entry.clone(), key))
                }
                _ => errors.extend(stray::check(parts, &bundle_dirs)),
            }
        }
    } else {
        errors.push(
            Diagnostic::file_error("posts", "no `posts/` folder in the site root")
                .with_hint("create `posts/` and write a Markdown file in it, or pass --root to point at the site"),
        );
    }
    let (page_files, page_assets) = find_pages(root, &mut errors, &mut bundles);
    let static_dir = root.join("static");
    let mut statics: Vec<Asset> = if static_dir.is_dir() {
        fsutil::static_files(root, &static_dir, &mut errors)
            .into_iter()
            .map(|(from, to)| Asset { from, to })
            .collect()
    } else {
        Vec::new()
    };
    statics.extend(page_assets);
    post_files.sort_by(|a, b| a.1.cmp(&b.1));
    exercise_files.sort_by(|a, b| a.1.cmp(&b.1));
    Files {
        posts: post_files,
        pages: page_files,
        exercises: exercise_files,
        statics,
        bundles,
        comments,
        problems: errors,
    }
}

/// Walks `pages/`: every Markdown file is a page (key `pages/<path>`); every other file belongs to
/// the bundle of the nearest folder above it that holds an `index.md` (copied beside that page when
/// it is built, put into `bundles` relative to that folder), or, outside any bundle, is copied at
/// its path as a static file is (returned).
fn find_pages(
    root: &Path,
    errors: &mut Diagnostics,
    bundles: &mut BTreeMap<String, Vec<Asset>>,
) -> (Vec<(PathBuf, String)>, Vec<Asset>) {
    let dir = root.join(PAGES_DIR);
    if !dir.is_dir() {
        return (Vec::new(), Vec::new());
    }
    let files = fsutil::files_under(root, &dir, errors);
    let bundle_dirs: std::collections::BTreeSet<&str> = files
        .iter()
        .filter_map(|(_, rel)| {
            rel.strip_suffix("index.md")
                .filter(|d| d.is_empty() || d.ends_with('/'))
        })
        .collect();
    let mut pages = Vec::new();
    let mut loose = Vec::new();
    for (from, rel) in &files {
        if is_markdown(rel) {
            pages.push((from.clone(), format!("{PAGES_DIR}/{rel}")));
            continue;
        }
        // The deepest folder above the file that is a bundle.
        let owner = rel
            .match_indices('/')
            .map(|(i, _)| &rel[..=i])
            .rev()
            .chain([""])
            .find(|d| bundle_dirs.contains(d));
        match owner {
            Some(d) => bundles
                .entry(format!("{PAGES_DIR}/{d}index.md"))
                .or_default()
                .push(Asset {
                    from: from.clone(),
                    to: rel[d.len()..].to_string(),
                }),
            None => loose.push(Asset {
                from: from.clone(),
                to: rel.clone(),
            }),
        }
    }
    (pages, loose)
}

fn load_document<M: serde::de::DeserializeOwned>(
    config: &Config,
    path: &Path,
    keys: &[&str],
) -> Result<Document<M>, Diagnostic> {
    let source = fsutil::read_source(&config.root, path)?;
    let split = frontmatter::split(&source)?;
    let meta = frontmatter::parse(&source, &split, keys)?;
    let mut problems = Diagnostics::default();
    let body = Body::prepare(&source, split.body_start..source.text.len(), &mut problems);
    let hash = hash_str(&source.text);
    let anchors: Vec<&str> = body
        .outline
        .headings
        .iter()
        .map(|h| h.id.as_str())
        .collect();
    let anchors_hash = hash_str(&anchors.join("\n"));
    Ok(Document {
        checked: Default::default(),
        anchors_hash,
        source_path: path.to_path_buf(),
        source,
        split,
        meta,
        body,
        problems,
        hash,
    })
}

/// One document loaded, or its key and why not.
type Loaded1<T> = Result<(Arc<T>, bool), (String, Box<Diagnostic>)>;

/// Shared state of one load: reads documents in parallel, reusing unchanged ones.
struct Batch<'a, F: Fn(&Path) -> bool + Sync> {
    config: &'a Config,
    unchanged: &'a F,
    failed_before: Option<&'a BTreeMap<String, Diagnostic>>,
}

impl<F: Fn(&Path) -> bool + Sync> Batch<'_, F> {
    /// Loads `files` (`(path, key)`), sorted by key; failures go to `failed` and `errors`.
    #[allow(clippy::too_many_arguments)]
    fn load<T: Send + Sync, M: serde::de::DeserializeOwned + Send>(
        &self,
        files: &[(PathBuf, String)],
        old: &HashMap<&Path, &Arc<T>>,
        keys: &[&str],
        loaded: &mut Loaded,
        errors: &mut Diagnostics,
        make: impl Fn(&str, Document<M>) -> Result<T, Diagnostic> + Sync,
    ) -> Vec<Arc<T>> {
        // `(item, read from disk now)`, or the key and why it failed.
        let results: Vec<Loaded1<T>> = files
            .par_iter()
            .map(|(path, key)| {
                if (self.unchanged)(path) {
                    if let Some(item) = old.get(path.as_path()) {
                        return Ok((Arc::clone(item), false));
                    }
                    if let Some(d) = self.failed_before.and_then(|f| f.get(key)) {
                        return Err((key.clone(), Box::new(d.clone())));
                    }
                }
                load_document::<M>(self.config, path, keys)
                    .and_then(|doc| make(key, doc))
                    .map(|item| (Arc::new(item), true))
                    .map_err(|e| (key.clone(), Box::new(e)))
            })
            .collect();
        let mut out = Vec::with_capacity(results.len());
        for (r, (_, key)) in results.into_iter().zip(files) {
            match r {
                Ok((item, fresh)) => {
                    if fresh {
                        loaded.fresh.push(key.clone());
                    }
                    out.push(item)
                }
                Err((key, e)) => {
                    errors.push((*e).clone());
                    loaded.failed.insert(key, *e);
                }
            }
        }
        out
    }
}

fn stem(name: &str) -> String {
    name.strip_suffix(".md").unwrap_or(name).to_string()
}
