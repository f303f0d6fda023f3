//! Finding the site's source files: posts, bundles and their files, exercises, pages and static files.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use crate::config::Config;
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::output::Asset;
use crate::walk::{self, Reach};

use super::stray::{self, is_markdown};
use super::{EXERCISES_DIR, PAGES_DIR, comments};

/// The source files a walk found: `(path, key)` of posts and of exercises, static files, the
/// other files of each bundle (by the bundle post's key, relative to its folder), and problems
/// met while walking.
#[derive(Debug, Default, Clone)]
pub struct Files {
    pub(super) posts: Vec<(PathBuf, String)>,
    pub(super) pages: Vec<(PathBuf, String)>,
    pub(super) exercises: Vec<(PathBuf, String)>,
    pub(super) statics: Vec<Asset>,
    pub(super) bundles: BTreeMap<String, Vec<Asset>>,
    /// `comments.toml` of each bundle that has one, by the bundle post's key.
    pub(super) comments: BTreeMap<String, PathBuf>,
    pub(super) problems: Diagnostics,
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

/// Walks `posts/` and `static/` for the site's source files.
pub(super) fn find_files(config: &Config) -> Files {
    let root = &config.root;
    let reach = if config.outside_symlinks {
        Reach::Anywhere
    } else {
        Reach::Site
    };
    let posts_dir = root.join("posts");
    let mut errors = Diagnostics::default();
    let mut post_files = Vec::new();
    let mut exercise_files = Vec::new();
    let mut bundles = BTreeMap::new();
    let mut comments = BTreeMap::new();
    if posts_dir.is_dir() {
        let found = walk_posts(root, &posts_dir, reach, &mut errors);
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
                    let (others, comments_file) =
                        bundle_files(root, &posts_dir.join(dir), reach, &mut errors);
                    if let Some(path) = comments_file {
                        comments.insert(key.clone(), path);
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
    let (page_files, page_assets) =
        find_pages(root, reach, &mut errors, &mut bundles, &mut comments);
    let static_dir = root.join("static");
    let mut statics: Vec<Asset> = if static_dir.is_dir() {
        walk::static_files(root, &static_dir, reach, &mut errors)
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

/// Every file under `posts/`, with the parts of its path below `posts/`.
fn walk_posts(
    root: &Path,
    posts_dir: &Path,
    reach: Reach,
    errors: &mut Diagnostics,
) -> Vec<(PathBuf, Vec<String>)> {
    walk::walk(root, posts_dir, usize::MAX, reach, errors)
        .into_iter()
        .map(|entry| {
            let rel = entry.strip_prefix(posts_dir).unwrap_or(&entry);
            let parts = rel.iter().map(|p| p.to_string_lossy().into_owned());
            let parts = parts.collect();
            (entry, parts)
        })
        .collect()
}

/// The files of the bundle `folder` of `posts/` beside its `index.md`, and its comments file
/// apart when it has one.
fn bundle_files(
    root: &Path,
    folder: &Path,
    reach: Reach,
    errors: &mut Diagnostics,
) -> (Vec<Asset>, Option<PathBuf>) {
    let mut others: Vec<Asset> = walk::files_under(root, folder, reach, errors)
        .into_iter()
        .filter(|(_, to)| to != "index.md")
        .map(|(from, to)| Asset { from, to })
        .collect();
    let comments_file = others
        .iter()
        .position(|a| a.to == comments::COMMENTS_FILE)
        .map(|at| others.remove(at).from);
    (others, comments_file)
}

/// Walks `pages/`: every Markdown file is a page (key `pages/<path>`); every other file belongs to
/// the bundle of the nearest folder above it that holds an `index.md` (copied beside that page when
/// it is built, put into `bundles` relative to that folder), or, outside any bundle, is copied at
/// its path as a static file is (returned).
fn find_pages(
    root: &Path,
    reach: Reach,
    errors: &mut Diagnostics,
    bundles: &mut BTreeMap<String, Vec<Asset>>,
    comments: &mut BTreeMap<String, PathBuf>,
) -> (Vec<(PathBuf, String)>, Vec<Asset>) {
    let dir = root.join(PAGES_DIR);
    if !dir.is_dir() {
        return (Vec::new(), Vec::new());
    }
    let files = walk::files_under(root, &dir, reach, errors);
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
            // A page bundle's own comments.toml holds its comments (never published).
            Some(d) if rel[d.len()..] == *comments::COMMENTS_FILE => {
                comments.insert(format!("{PAGES_DIR}/{d}index.md"), from.clone());
            }
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
