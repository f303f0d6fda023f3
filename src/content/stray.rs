//! Markdown files under `posts/` that would not become a page: a `.markdown` name, a file in a
//! subfolder that is not a bundle, a second `.md` in a bundle, a subfolder of the exercise library.
//! Each is reported with what to do, so no post disappears without a word.

use std::collections::BTreeSet;

use super::EXERCISES_DIR;
use crate::diagnostic::Diagnostic;

/// Extensions authors give Markdown files besides `.md`.
const OTHER_MARKDOWN: &[&str] = &[".markdown", ".mdown", ".mkd", ".mkdn", ".mdwn"];

/// True for a file name sitegen builds as Markdown.
pub(super) fn is_markdown(name: &str) -> bool {
    name.ends_with(".md")
}

/// The `.md` name a Markdown file with another extension should have, if it has one.
fn md_name(name: &str) -> Option<String> {
    OTHER_MARKDOWN
        .iter()
        .find_map(|ext| name.strip_suffix(ext))
        .filter(|stem| !stem.is_empty())
        .map(|stem| format!("{stem}.md"))
}

/// The problem with a file under `posts/` (given as its path segments below `posts/`) that is
/// neither a post, a bundle's `index.md` nor an exercise, if it is Markdown; `bundles` are the
/// folders holding an `index.md`. An error when a post would be lost, a warning for a second
/// `.md` in a bundle (it is still copied as a file of the bundle).
pub(super) fn check(parts: &[String], bundles: &BTreeSet<String>) -> Option<Diagnostic> {
    let (file, folders) = parts.split_last()?;
    let path = format!("posts/{}", parts.join("/"));
    if let Some(md) = md_name(file) {
        let mut to = folders.to_vec();
        to.push(md);
        return Some(
            Diagnostic::file_error(
                &path,
                "not built: sitegen reads Markdown files ending in `.md`",
            )
            .with_hint(format!("rename it to `posts/{}`", to.join("/"))),
        );
    }
    if !is_markdown(file) {
        return None;
    }
    let folder = folders.first()?;
    if folder == EXERCISES_DIR {
        return Some(
            Diagnostic::file_error(
                &path,
                "not built: exercises are files directly in `posts/exercises/`",
            )
            .with_hint(format!("move it to `posts/exercises/{file}`")),
        );
    }
    if bundles.contains(folder) {
        return Some(
            Diagnostic::file_error(
                &path,
                format!(
                    "not built as a page: a bundle has one post, `posts/{folder}/index.md`; \
                     this file is only copied beside it as it is"
                ),
            )
            .with_hint(format!(
                "to make it a post of its own, move it to `posts/{file}` (or `posts/{}/index.md`); \
                 to publish it as text, name it `.txt`; otherwise move it out of `posts/`",
                file.trim_end_matches(".md")
            ))
            .warning(),
        );
    }
    let hint = if folders.len() == 1 {
        format!(
            "move it to `posts/{file}`, or rename it to `posts/{folder}/index.md` to make \
             `posts/{folder}/` a bundle (a post with its own files)"
        )
    } else {
        format!(
            "move it to `posts/{file}` (or `posts/{}/index.md`)",
            file.trim_end_matches(".md")
        )
    };
    Some(
        Diagnostic::file_error(
            &path,
            format!(
                "not built: `posts/{}/` is not a bundle (it has no `index.md`), and posts are \
                 `posts/NAME.md` or `posts/NAME/index.md`",
                folders.join("/")
            ),
        )
        .with_hint(hint),
    )
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use super::check;

    fn report(path: &str, bundles: &[&str]) -> Option<String> {
        let parts: Vec<String> = path.split('/').map(str::to_string).collect();
        let bundles: BTreeSet<String> = bundles.iter().map(|b| b.to_string()).collect();
        check(&parts, &bundles).map(|d| d.to_string())
    }

    #[test]
    fn markdown_that_would_be_lost_is_named_with_the_fix() {
        let r = report("notes.markdown", &[]).unwrap();
        assert!(
            r.starts_with("posts/notes.markdown: error: not built"),
            "{r}"
        );
        assert!(r.contains("rename it to `posts/notes.md`"), "{r}");
        let r = report("trip/notes.md", &[]).unwrap();
        assert!(r.contains("`posts/trip/` is not a bundle"), "{r}");
        assert!(r.contains("rename it to `posts/trip/index.md`"), "{r}");
        let r = report("2024/05/nested.md", &[]).unwrap();
        assert!(r.contains("move it to `posts/nested.md`"), "{r}");
        let r = report("exercises/hips/squat.md", &[]).unwrap();
        assert!(r.contains("move it to `posts/exercises/squat.md`"), "{r}");
        let r = report("trip/notes.md", &["trip"]).unwrap();
        assert!(
            r.starts_with("posts/trip/notes.md: warning: not built as a page"),
            "{r}"
        );
        let r = report("trip/index.markdown", &[]).unwrap();
        assert!(r.contains("rename it to `posts/trip/index.md`"), "{r}");
    }

    #[test]
    fn other_files_are_not_markdown_problems() {
        assert_eq!(report("trip/photo.jpg", &[]), None);
        assert_eq!(report("trip/notes.txt", &["trip"]), None);
        assert_eq!(report(".markdown", &[]), None);
    }
}
