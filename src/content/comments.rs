//! Comments kept beside a post: `comments.toml` in a post's bundle (as `import wordpress` writes
//! them), read with the post and shown read-only under it. The file is data, not a page asset: it
//! is never copied into the output.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use serde::{Deserialize, Serialize};

use super::Post;
use crate::diagnostic::{Diagnostics, SourceFile, toml_error};

/// The data file's name in a bundle.
pub const COMMENTS_FILE: &str = "comments.toml";

/// One comment, as the theme sees it.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Comment {
    /// Its id (the anchor `#comment-ID`).
    pub id: u64,
    /// The id of the comment it answers (0: none).
    #[serde(default)]
    pub parent: u64,
    /// Who wrote it.
    pub author: String,
    /// The author's site (shown as a link when it is http or https).
    #[serde(default)]
    pub url: Option<String>,
    /// When (`YYYY-MM-DD`, or a date and time).
    pub date: String,
    /// Plain text; a blank line separates paragraphs.
    pub text: String,
    /// The text's paragraphs (derived).
    #[serde(default, skip_deserializing)]
    pub paragraphs: Vec<String>,
    /// The author of the comment it answers (derived).
    #[serde(default, skip_deserializing)]
    pub reply_to: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct CommentsFile {
    #[serde(default)]
    comments: Vec<Comment>,
}

/// Reads the comments file of each bundle in `files` (bundle key → path) into its post.
pub fn attach(
    posts: &mut [Arc<Post>],
    files: &BTreeMap<String, PathBuf>,
    root: &Path,
    errors: &mut Diagnostics,
) {
    for post in posts.iter_mut() {
        let Some(path) = files.get(&post.key) else {
            // Its file is gone (a post reused from the previous build still holds them).
            if !post.comments.is_empty() {
                Arc::make_mut(post).comments = Arc::default();
            }
            continue;
        };
        let rel = path.strip_prefix(root).unwrap_or(path).to_path_buf();
        let text = match std::fs::read_to_string(path) {
            Ok(text) => text,
            Err(e) => {
                errors.push(crate::fsutil::io_error(&rel, "cannot read", &e));
                continue;
            }
        };
        let source = SourceFile::new(rel.to_string_lossy().as_ref(), text);
        match toml::from_str::<CommentsFile>(&source.text) {
            Ok(file) => Arc::make_mut(post).comments = Arc::new(prepare(file.comments)),
            Err(e) => errors.push(toml_error(
                &source,
                0,
                &e,
                &["comments", "id", "parent", "author", "url", "date", "text"],
            )),
        }
    }
}

/// Paragraphs split, replies named, links kept only when they are http(s).
fn prepare(mut comments: Vec<Comment>) -> Vec<Comment> {
    let authors: BTreeMap<u64, String> =
        comments.iter().map(|c| (c.id, c.author.clone())).collect();
    for c in &mut comments {
        c.paragraphs = c
            .text
            .split("\n\n")
            .map(str::trim)
            .filter(|p| !p.is_empty())
            .map(str::to_string)
            .collect();
        c.reply_to = (c.parent != 0)
            .then(|| authors.get(&c.parent).cloned())
            .flatten();
        let web = c.url.as_deref().is_some_and(|u| {
            let u = u.trim().to_ascii_lowercase();
            u.starts_with("https://") || u.starts_with("http://")
        });
        if !web {
            c.url = None;
        }
    }
    comments
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replies_paragraphs_and_only_web_links() {
        let file: CommentsFile = toml::from_str(
            "[[comments]]\nid = 1\nauthor = \"Ann\"\nurl = \"javascript:alert(1)\"\ndate = \"2020-01-01\"\ntext = \"One\\n\\nTwo\"\n\n[[comments]]\nid = 2\nparent = 1\nauthor = \"Bo\"\nurl = \"https://bo.example/\"\ndate = \"2020-01-02\"\ntext = \"Reply\"\n",
        )
        .unwrap();
        let c = prepare(file.comments);
        assert_eq!(c[0].paragraphs, ["One", "Two"]);
        assert_eq!(c[0].url, None);
        assert_eq!(c[1].reply_to.as_deref(), Some("Ann"));
        assert_eq!(c[1].url.as_deref(), Some("https://bo.example/"));
    }
}
