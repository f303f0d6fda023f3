//! `sitegen init DIR`: a small site that builds at once, from the templates in `starter/`.

use std::fs;
use std::path::Path;

use super::{Created, write_front, write_new};
use crate::date::today;
use crate::diagnostic::{Diagnostic, Failure};
use crate::fsutil::io_error;

/// The starter site: `(path in the site, template)`. `@TITLE@` becomes the site's title (quoted)
/// and `@DATE@` today's date.
const STARTER: &[(&str, &str)] = &[
    ("sitegen.toml", include_str!("starter/sitegen.toml")),
    (
        "posts/writing-posts.md",
        include_str!("starter/posts/writing-posts.md"),
    ),
    (
        "posts/shortcodes-and-exercises.md",
        include_str!("starter/posts/shortcodes-and-exercises.md"),
    ),
    (
        "posts/exercises/cat-cow.md",
        include_str!("starter/posts/exercises/cat-cow.md"),
    ),
];

/// Creates `dir` (which must not exist, or be empty) holding settings, a two-part series and an
/// exercise the series uses. The site is titled after the folder.
pub fn init(dir: &Path) -> Result<Created, Failure> {
    if let Ok(meta) = fs::symlink_metadata(dir) {
        if !meta.is_dir() {
            return Err(Diagnostic::file_error(dir, "exists and is not a folder")
                .with_hint("give `sitegen init` the name of a new folder")
                .into());
        }
        let mut entries = fs::read_dir(dir).map_err(|e| io_error(dir, "cannot read folder", &e))?;
        if entries.next().is_some() {
            return Err(Diagnostic::file_error(dir, "exists and is not empty")
                .with_hint("give `sitegen init` a new or empty folder; it never writes among files that are already there")
                .into());
        }
    }
    let date = today()?.to_string();
    let title = dir
        .canonicalize()
        .ok()
        .as_deref()
        .unwrap_or(dir)
        .file_name()
        .map_or_else(
            || "My Site".to_string(),
            |n| n.to_string_lossy().into_owned(),
        );
    let title = write_front::quote(&title);
    fs::create_dir_all(dir).map_err(|e| io_error(dir, "cannot create folder", &e))?;
    let mut files = Vec::with_capacity(STARTER.len());
    for (rel, template) in STARTER {
        let text = template.replace("@TITLE@", &title).replace("@DATE@", &date);
        files.push(write_new(dir, rel, &text)?);
    }
    Ok(Created {
        files,
        warnings: Vec::new(),
    })
}
