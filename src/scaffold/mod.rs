//! Writing new sources: `new post` and `new exercise` follow what the site already does (read with
//! the site's own loader), `init` writes a small working site. Nothing here overwrites a file.

mod init;
pub(crate) mod write_front;

use std::fs::{self, OpenOptions};
use std::io::{ErrorKind, Write};
use std::path::{Path, PathBuf};

use serde::Deserialize;
use serde::de::IntoDeserializer;

use crate::config::{Config, Overrides};
use crate::content::frontmatter::Format;
use crate::content::{
    self, DocKey, EXERCISE_KEYS, EXERCISES_DIR, ExerciseMeta, Goal, Loaded, PAGE_KEYS, POST_KEYS,
    PostMeta,
};
use crate::date::today;
use crate::diagnostic::{Diagnostic, Diagnostics, Failure, did_you_mean, list_names};
use crate::fsutil::io_error;
use crate::markdown::slugify;
use crate::site::segment_problem;
pub use init::init;
use write_front::Value;

/// What `sitegen new post` writes.
#[derive(Debug, Clone)]
pub struct NewPost {
    /// Site root.
    pub root: PathBuf,
    /// The post's title; its slug (and file name) follows from it.
    pub title: String,
    /// The series it joins (or starts).
    pub series: Option<String>,
    /// Write it as a draft.
    pub draft: bool,
}

/// What `sitegen new exercise` writes.
#[derive(Debug, Clone)]
pub struct NewExercise {
    /// Site root.
    pub root: PathBuf,
    /// The id: the file stem and the URL segment.
    pub id: String,
    /// Display name.
    pub name: String,
    /// Joint or area, free text.
    pub joint: Option<String>,
    /// What it trains (`mobility`, `stability`, `strength` or `soft-tissue`).
    pub goal: Option<String>,
}

/// Files written by `new` or `init`, and what the author should know about them.
#[derive(Debug)]
pub struct Created {
    /// The files written, as the root was given joined with their place in the site.
    pub files: Vec<PathBuf>,
    /// Warnings (the files were still written).
    pub warnings: Vec<Diagnostic>,
}

/// Writes `posts/<slug>.md` with today's date and, in a series, the series' next weight and the
/// front matter format its posts use (TOML otherwise).
pub fn new_post(new: &NewPost) -> Result<Created, Failure> {
    let (title, slug) = titled(&new.title, "post", "sitegen new post \"Hip Mobility\"")?;
    let date = today()?;
    let rel = format!("posts/{slug}.md");
    let loaded = free_place(&new.root, &rel, &slug, "post")?;
    let mut warnings = Vec::new();
    let mut fields = vec![
        ("title", Value::Text(title.into())),
        ("date", Value::Date(date)),
    ];
    let mut format = Format::Toml;
    if let Some(series) = new.series.as_deref().map(str::trim) {
        let (weight, series_format) = join_series(&loaded, series, &rel, &mut warnings)?;
        format = series_format.unwrap_or(Format::Toml);
        fields.push(("series", Value::Text(series.into())));
        fields.push(("weight", Value::Int(weight)));
    }
    if new.draft {
        fields.push(("draft", Value::Bool(true)));
    }
    write_document::<PostMeta>(&new.root, &rel, format, &fields, POST_KEYS, warnings)
}

/// What `sitegen new page` writes.
#[derive(Debug, Clone)]
pub struct NewPage {
    /// Site root.
    pub root: PathBuf,
    /// The page's title; its slug (and file name) follows from it.
    pub title: String,
    /// Its place in the header's menu (`menu = N`), if it goes there.
    pub menu: Option<i64>,
}

/// Writes `pages/<slug>.md` (a page: no date, not in feeds or series; see the manual's "Pages")
/// in the front matter format the other pages use (TOML otherwise).
pub fn new_page(new: &NewPage) -> Result<Created, Failure> {
    let (title, slug) = titled(&new.title, "page", "sitegen new page \"About\"")?;
    let rel = format!("{}/{slug}.md", content::PAGES_DIR);
    let loaded = free_place(&new.root, &rel, &slug, "page")?;
    let mut fields = vec![("title", Value::Text(title.into()))];
    if let Some(menu) = new.menu {
        fields.push(("menu", Value::Int(menu)));
    }
    let formats = loaded
        .posts
        .iter()
        .filter(|p| p.doc.source.path.starts_with(content::PAGES_DIR))
        .map(|p| p.doc.split.format);
    let format = usual_format(formats).unwrap_or(Format::Toml);
    write_document::<PostMeta>(&new.root, &rel, format, &fields, PAGE_KEYS, Vec::new())
}

/// The trimmed title and the slug it gives a new `what` (post, page), or why it cannot be one.
fn titled<'t>(title: &'t str, what: &str, example: &str) -> Result<(&'t str, String), Failure> {
    let title = title.trim();
    if title.is_empty() {
        return Err(Diagnostic::new(format!("the {what}'s title is empty"))
            .with_hint(format!("give a title, e.g. {example}"))
            .into());
    }
    let slug = slugify(title);
    if let Some(why) = segment_problem(&slug) {
        return Err(
            Diagnostic::new(format!("the slug of title `{title}` {why}"))
                .with_hint("use a title with letters or digits in it")
                .into(),
        );
    }
    Ok((title, slug))
}

/// The site as `build` loads it, when `rel` is not a file yet and no post or page has `slug`.
fn free_place(root: &Path, rel: &str, slug: &str, what: &str) -> Result<Loaded, Failure> {
    let hint = format!("choose another title, or edit the existing {what}");
    refuse_existing(root, rel, &hint)?;
    let loaded = read_site(root)?;
    if let Some(other) = loaded
        .posts
        .iter()
        .find(|p| p.doc.meta.slug.as_deref().unwrap_or(&p.stem) == slug)
    {
        let kind = if other.doc.source.path.starts_with(content::PAGES_DIR) {
            "page"
        } else {
            "post"
        };
        return Err(Diagnostic::file_error(
            &other.doc.source.path,
            format!("this {kind} already has the slug `{slug}` that `{rel}` would get"),
        )
        .with_hint(hint)
        .into());
    }
    Ok(loaded)
}

/// The weight after the last of `series`' posts (1 for a new series) and the format its posts
/// use, checking the name against the series the site has; warnings are about the post at `rel`.
fn join_series(
    loaded: &Loaded,
    series: &str,
    rel: &str,
    warnings: &mut Vec<Diagnostic>,
) -> Result<(i64, Option<Format>), Diagnostic> {
    let slug = slugify(series);
    if slug.is_empty() {
        return Err(
            Diagnostic::new(format!("series name `{series}` has no letters or digits"))
                .with_hint("name the series with words, e.g. --series \"Movement Imbalances\""),
        );
    }
    // What the weight cannot count: posts that failed to load may be parts of the series.
    for (key, d) in &loaded.failed {
        if let DocKey::Post(_) = DocKey::parse(key) {
            let path = d
                .path
                .clone()
                .unwrap_or_else(|| format!("posts/{key}").into());
            warnings.push(
                Diagnostic::file_error(
                    path,
                    "could not be read, so the new post's weight does not count it",
                )
                .warning()
                .with_hint("`sitegen build` says what is wrong with it"),
            );
        }
    }
    let parts: Vec<&PostMeta> = loaded
        .posts
        .iter()
        .map(|p| &p.doc.meta)
        .filter(|m| m.series.as_deref() == Some(series))
        .collect();
    let mut names: Vec<&str> = loaded
        .posts
        .iter()
        .filter_map(|p| p.doc.meta.series.as_deref())
        .collect();
    names.sort();
    names.dedup();
    if parts.is_empty() {
        if let Some(same) = names.iter().find(|n| slugify(n) == slug) {
            return Err(Diagnostic::new(format!(
                "series `{series}` and the existing series `{same}` would share the page /series/{slug}/"
            ))
            .with_hint(format!("spell the series exactly as `{same}`")));
        }
        let near = did_you_mean(series, names.iter().copied());
        if !near.is_empty() {
            warnings.push(
                Diagnostic::file_error(
                    rel,
                    format!("no post is in series `{series}` yet: this one starts it"),
                )
                .warning()
                .with_hint(format!(
                    "did you mean {}? then change `series` in the new post",
                    list_names(&near)
                )),
            );
        }
    }
    let weight = parts.iter().map(|m| m.weight).max().map_or(1, |w| w + 1);
    let formats = loaded
        .posts
        .iter()
        .filter(|p| p.doc.meta.series.as_deref() == Some(series))
        .map(|p| p.doc.split.format);
    Ok((weight, usual_format(formats)))
}

/// Writes `posts/exercises/<id>.md` in the format most of the library uses (YAML otherwise).
pub fn new_exercise(new: &NewExercise) -> Result<Created, Failure> {
    let id = new.id.trim();
    if let Some(why) = segment_problem(id) {
        return Err(Diagnostic::new(format!("exercise id `{id}` {why}"))
            .with_hint("use lowercase words joined by `-`, e.g. dead-bug")
            .into());
    }
    let name = new.name.trim();
    if name.is_empty() {
        return Err(Diagnostic::new("the exercise's --name is empty")
            .with_hint("give it a display name, e.g. --name \"Dead Bug\"")
            .into());
    }
    let mut fields = vec![("name", Value::Text(name.into()))];
    let joint = new
        .joint
        .as_deref()
        .map(str::trim)
        .filter(|j| !j.is_empty());
    if let Some(joint) = joint {
        fields.push(("joint", Value::Text(joint.into())));
    }
    if let Some(goal) = new.goal.as_deref().map(str::trim) {
        Goal::deserialize(goal.into_deserializer()).map_err(|e: serde::de::value::Error| {
            Diagnostic::new(e.to_string().replacen("unknown variant", "unknown goal", 1))
                .with_hint("pass --goal with one of those, or leave it out")
        })?;
        fields.push(("goal", Value::Text(goal.into())));
    }
    let rel = format!("posts/{EXERCISES_DIR}/{id}.md");
    refuse_existing(
        &new.root,
        &rel,
        "choose another id, or edit the existing exercise",
    )?;
    let loaded = read_site(&new.root)?;

    let mut warnings = Vec::new();
    if let Some(joint) = joint {
        let mut joints: Vec<&str> = loaded
            .exercises
            .iter()
            .map(|x| x.doc.meta.joint.as_str())
            .filter(|j| !j.is_empty())
            .collect();
        joints.sort();
        joints.dedup();
        let near = did_you_mean(joint, joints.iter().copied());
        if !joints.contains(&joint) && !near.is_empty() {
            warnings.push(
                Diagnostic::file_error(&rel, format!("no other exercise has the joint `{joint}`"))
                    .warning()
                    .with_hint(format!(
                        "did you mean {}? exercises are grouped by joint on /exercises/",
                        list_names(&near)
                    )),
            );
        }
    }
    let formats = loaded.exercises.iter().map(|x| x.doc.split.format);
    let format = usual_format(formats).unwrap_or(Format::Yaml);
    let keys = EXERCISE_KEYS;
    write_document::<ExerciseMeta>(&new.root, &rel, format, &fields, keys, warnings)
}

/// Writes `root/rel` as `fields` in `format` with an empty body, after checking that the loader
/// reads it back as an `M` (front matter keys `keys`).
fn write_document<M: serde::de::DeserializeOwned>(
    root: &Path,
    rel: &str,
    format: Format,
    fields: &[(&str, Value)],
    keys: &[&str],
    warnings: Vec<Diagnostic>,
) -> Result<Created, Failure> {
    let text = write_front::document(format, fields, "\n");
    write_front::check::<M>(rel, &text, keys)?;
    let file = write_new(root, rel, &text)?;
    Ok(Created {
        files: vec![file],
        warnings,
    })
}

/// The site's posts and exercises as `build` loads them. Problems in them are `build`'s to
/// report: a new file is written from whatever loaded.
fn read_site(root: &Path) -> Result<Loaded, Failure> {
    let config = Config::load(root, Overrides::default())?;
    let mut problems = Diagnostics::default();
    Ok(content::load(&config, &mut problems))
}

/// The format most of `formats` are in (TOML on a tie), or `None` when there are none.
fn usual_format(formats: impl Iterator<Item = Format>) -> Option<Format> {
    let (toml, yaml) = formats.fold((0, 0), |(t, y), f| match f {
        Format::Toml => (t + 1, y),
        Format::Yaml => (t, y + 1),
    });
    match (toml, yaml) {
        (0, 0) => None,
        (t, y) if y > t => Some(Format::Yaml),
        _ => Some(Format::Toml),
    }
}

/// An error when `rel` (under `root`) exists already.
fn refuse_existing(root: &Path, rel: &str, hint: &str) -> Result<(), Diagnostic> {
    if fs::symlink_metadata(root.join(rel)).is_ok() {
        return Err(already_exists(rel).with_hint(hint));
    }
    Ok(())
}

fn already_exists(rel: &str) -> Diagnostic {
    Diagnostic::file_error(rel, "already exists, and sitegen never overwrites a file")
}

/// Creates `root/rel` (and its folders) holding `text`, failing if it exists. Returns the path to
/// show: `rel` itself when `root` is `.`.
fn write_new(root: &Path, rel: &str, text: &str) -> Result<PathBuf, Diagnostic> {
    let path = root.join(rel);
    if let Some(parent) = path.parent() {
        fs::create_dir_all(parent).map_err(|e| {
            io_error(
                Path::new(rel).parent().unwrap_or(Path::new(rel)),
                "cannot create folder",
                &e,
            )
        })?;
    }
    let mut file = OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&path)
        .map_err(|e| match e.kind() {
            ErrorKind::AlreadyExists => already_exists(rel),
            _ => io_error(Path::new(rel), "cannot create file", &e),
        })?;
    file.write_all(text.as_bytes())
        .map_err(|e| io_error(Path::new(rel), "cannot write file", &e))?;
    Ok(if root == Path::new(".") {
        PathBuf::from(rel)
    } else {
        path
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_usual_format_is_the_majority_and_toml_on_a_tie() {
        use Format::{Toml, Yaml};
        assert_eq!(usual_format([].into_iter()), None);
        assert_eq!(usual_format([Yaml].into_iter()), Some(Yaml));
        assert_eq!(usual_format([Yaml, Toml].into_iter()), Some(Toml));
        assert_eq!(usual_format([Yaml, Toml, Yaml].into_iter()), Some(Yaml));
    }
}
