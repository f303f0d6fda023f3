//! Loading the site's sources from disk: posts, exercises, bundle assets and static files.

pub mod comments;
mod files;
mod front_fields;
pub mod frontmatter;
mod stray;

pub use files::Files;
use files::find_files;
pub use front_fields::{
    Duration, EXERCISE_KEYS, ExerciseMeta, Goal, Kind, PAGE_KEYS, PAGES_DIR, POST_KEYS, PostMeta,
};

use std::collections::{BTreeMap, HashMap};
use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use rayon::prelude::*;

use crate::calls::CheckCache;
use crate::config::Config;
use crate::diagnostic::{Diagnostic, Diagnostics, SourceFile};
use crate::document::Body;
use crate::fsutil;
use crate::hash::{digest, hash_str};
use crate::images::Media;
use crate::output::Asset;
use frontmatter::Split;

/// Folder under `posts/` that holds the exercise library.
pub const EXERCISES_DIR: &str = "exercises";

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
    /// Its distinct words, sorted, one a line, made on first use (the search page's vocabulary):
    /// kept with the document, so a rebuild makes them again only for the documents that changed.
    /// One string, not a `String` a word: at 100,000 posts that is 150 MB instead of 800.
    pub words: std::sync::OnceLock<std::sync::Arc<str>>,
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

impl Exercise {
    /// An exercise of `exercises/`: its id is the file's stem (`dead-bug` of
    /// `exercises/dead-bug.md`).
    fn from_exercises(key: &str, doc: Document<ExerciseMeta>) -> Result<Exercise, Diagnostic> {
        let id = match DocKey::parse(key) {
            DocKey::Exercise(id) => id.to_string(),
            DocKey::Post(key) => stem(key),
        };
        Ok(Exercise { id, doc })
    }
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
    let old_posts = reuse
        .as_ref()
        .map(|r| by_source_path(&r.previous.posts, |p| &p.doc.source_path))
        .unwrap_or_default();
    let old_exercises = reuse
        .as_ref()
        .map(|r| by_source_path(&r.previous.exercises, |x| &x.doc.source_path))
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
    mark_comment_changes(&mut loaded, &old_posts);
    loaded.exercises = ctx.load(
        &files.exercises,
        &old_exercises,
        EXERCISE_KEYS,
        &mut loaded,
        errors,
        Exercise::from_exercises,
    );
    append_document_problems(&loaded, errors);
    loaded
}

/// The documents of the previous generation by their source path.
///
/// Keyed by the path's bytes (both sides come from the same walk): hashing a `Path` goes
/// component by component, a cost every rebuild of `watch` paid 20,000 times.
fn by_source_path<T>(docs: &[Arc<T>], path: fn(&T) -> &Path) -> HashMap<&OsStr, &Arc<T>> {
    docs.iter().map(|d| (path(d).as_os_str(), d)).collect()
}

/// A post whose comments changed (its comments.toml saved, added or deleted) is fresh too: its
/// page shows them.
fn mark_comment_changes(loaded: &mut Loaded, old_posts: &HashMap<&OsStr, &Arc<Post>>) {
    for post in &loaded.posts {
        let before = old_posts.get(post.doc.source_path.as_os_str());
        if before.is_some_and(|old| old.comments != post.comments)
            && !loaded.fresh.contains(&post.key)
        {
            loaded.fresh.push(post.key.clone());
        }
    }
}

/// The problems each loaded post and exercise carries, added to `errors`.
fn append_document_problems(loaded: &Loaded, errors: &mut Diagnostics) {
    for doc_problems in loaded
        .posts
        .iter()
        .map(|p| &p.doc.problems)
        .chain(loaded.exercises.iter().map(|x| &x.doc.problems))
    {
        errors.append(doc_problems.clone());
    }
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
        words: Default::default(),
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
        old: &HashMap<&OsStr, &Arc<T>>,
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
                    if let Some(item) = old.get(path.as_os_str()) {
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
