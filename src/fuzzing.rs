//! Entry points for the fuzz targets in `fuzz/` and for replaying their corpus in tests: each
//! takes arbitrary bytes, runs one stage as the build does, and panics only when an invariant
//! breaks (a diagnostic placed outside its file, a shortcode span that is not a char range, a
//! masked body of another length). Not part of the supported API.

use std::path::{Path, PathBuf};

use crate::content::{EXERCISE_KEYS, ExerciseMeta, POST_KEYS, PostMeta, frontmatter};
use crate::diagnostic::{Diagnostic, Diagnostics, SourceFile};
use crate::document::{Body, all_calls};

fn source(bytes: &[u8]) -> Option<SourceFile> {
    SourceFile::decode(Path::new("posts/fuzz.md"), bytes.to_vec()).ok()
}

/// A diagnostic's line and column must lie inside `text`.
fn assert_placed(text: &str, d: &Diagnostic) {
    if let Some((line, col)) = d.position {
        let lines: Vec<&str> = text.split('\n').collect();
        assert!(
            line >= 1 && line <= lines.len(),
            "line {line} is past the end: {d}"
        );
        let len = lines[line - 1].chars().count();
        assert!(
            col >= 1 && col <= len + 1,
            "column {col} is past line {line} ({len} chars): {d}"
        );
    }
}

/// Splits and deserializes front matter as a post's and as an exercise's.
pub fn front_matter(bytes: &[u8]) {
    let Some(source) = source(bytes) else {
        return;
    };
    match frontmatter::split(&source) {
        Ok(split) => {
            assert!(split.matter.start <= split.matter.end);
            assert!(split.matter.end <= split.body_start && split.body_start <= source.text.len());
            assert!(source.text.is_char_boundary(split.body_start));
            if let Err(d) = frontmatter::parse::<PostMeta>(&source, &split, POST_KEYS) {
                assert_placed(&source.text, &d);
            }
            if let Err(d) = frontmatter::parse::<ExerciseMeta>(&source, &split, EXERCISE_KEYS) {
                assert_placed(&source.text, &d);
            }
        }
        Err(d) => assert_placed(&source.text, &d),
    }
}

/// Scans a body for shortcodes (arguments parsed), masks them and reads its outline.
pub fn shortcodes(bytes: &[u8]) {
    let Some(source) = source(bytes) else {
        return;
    };
    let mut problems = Diagnostics::default();
    let len = source.text.len();
    let body = Body::prepare(&source, 0..len, &mut problems);
    assert_eq!(
        body.masked(&source).len(),
        len,
        "masking changed the length"
    );
    for call in all_calls(&body.calls) {
        assert!(call.span.start < call.span.end && call.span.end <= len);
        assert!(source.text.is_char_boundary(call.span.start));
        assert!(source.text.is_char_boundary(call.span.end));
        if let Some(b) = &call.body {
            assert!(call.span.start <= b.start && b.end <= call.span.end);
        }
    }
    let diagnostics = match problems.finish() {
        Ok(warnings) => warnings,
        Err(failure) => failure.diagnostics,
    };
    for d in &diagnostics {
        assert_placed(&source.text, d);
    }
}

/// A site to build fuzzed posts in: an exercise, a site shortcode and a second post to link to,
/// written once into `dir`.
pub struct PageSite {
    root: PathBuf,
}

impl PageSite {
    /// Writes the fixed files of the site into `dir`.
    pub fn new(dir: &Path) -> std::io::Result<PageSite> {
        let files = [
            (
                "posts/exercises/glute-bridge.md",
                "+++\nname = \"Glute Bridge\"\njoint = \"hips\"\ngoal = \"strength\"\n+++\nSqueeze.\n",
            ),
            (
                "posts/b.md",
                "---\ntitle: B\ndate: 2024-01-02\nseries: S\n---\n## Target\n\nText.\n",
            ),
            (
                "templates/shortcodes/callout.html",
                "<aside>{{ body | safe }}</aside>",
            ),
        ];
        for (rel, text) in files {
            let path = dir.join(rel);
            std::fs::create_dir_all(path.parent().unwrap_or(dir))?;
            std::fs::write(path, text)?;
        }
        Ok(PageSite {
            root: dir.to_path_buf(),
        })
    }

    /// Builds the site in memory with `bytes` as `posts/fuzz.md`: every outcome must be pages or
    /// diagnostics placed inside the file they name.
    pub fn build(&self, bytes: &[u8]) {
        let path = self.root.join("posts/fuzz.md");
        if std::fs::write(&path, bytes).is_err() {
            return;
        }
        let overrides = crate::Overrides {
            drafts: true,
            future: true,
            ..crate::Overrides::default()
        };
        let Ok(config) = crate::Config::load(&self.root, overrides) else {
            return;
        };
        match crate::compile(&config) {
            Err(failure) => {
                for d in &failure.diagnostics {
                    let Some(rel) = &d.path else { continue };
                    if let Ok(text) = std::fs::read_to_string(self.root.join(rel)) {
                        assert_placed(&text, d);
                    }
                }
            }
            // Every page and feed is text a browser and an XML parser accept: no control character
            // but tab and line breaks.
            Ok(compiled) => {
                for (path, bytes) in compiled.files() {
                    let text_file = path.ends_with(".html") || path.ends_with(".xml");
                    let control = bytes
                        .iter()
                        .any(|&b| (b < b' ' && !matches!(b, b'\t' | b'\n' | b'\r')) || b == 0x7f);
                    assert!(
                        !(text_file && control),
                        "{path} carries a control character"
                    );
                }
            }
        }
    }
}
