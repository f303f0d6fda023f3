//! An item's approved comments as the `comments.toml` of its bundle, and a count of the others by
//! why they were left out.

use std::collections::BTreeMap;

use super::flatten::comment_text;
use super::wxr::{Comment, Item};

/// The approved comments of `item` (not pingbacks or trackbacks) as a `comments.toml`, with their
/// count; `None` when there are none.
pub(super) fn comments_file(item: &Item) -> Option<(String, usize)> {
    use crate::scaffold::write_front::quote;
    let kept: Vec<_> = item.comments.iter().filter(|c| kept_comment(c)).collect();
    if kept.is_empty() {
        return None;
    }
    let mut out = String::from(
        "# Approved comments from the old site, shown under the post as a read-only archive.\n",
    );
    for c in &kept {
        out.push_str("\n[[comments]]\n");
        out.push_str(&format!("id = {}\n", c.id));
        if c.parent != 0 {
            out.push_str(&format!("parent = {}\n", c.parent));
        }
        let author = if c.author.trim().is_empty() {
            "Anonymous"
        } else {
            c.author.trim()
        };
        out.push_str(&format!("author = {}\n", quote(author)));
        if !c.author_url.trim().is_empty() {
            out.push_str(&format!("url = {}\n", quote(c.author_url.trim())));
        }
        let day = c
            .date
            .get(..10)
            .or_else(|| c.date_gmt.get(..10))
            .unwrap_or("");
        out.push_str(&format!("date = {}\n", quote(day)));
        out.push_str(&format!("text = {}\n", quote(&comment_text(&c.content))));
    }
    Some((out, kept.len()))
}

fn kept_comment(c: &Comment) -> bool {
    c.approved == "1" && matches!(c.kind.as_str(), "" | "comment")
}

/// Why each comment not kept was left out.
pub(super) fn skipped_comments(item: &Item) -> BTreeMap<String, usize> {
    let mut skipped = BTreeMap::new();
    for c in &item.comments {
        let why = match (c.approved.as_str(), c.kind.as_str()) {
            ("1", "" | "comment") => continue,
            ("1", _) => "pingbacks and trackbacks",
            ("spam", _) => "spam comments",
            ("trash" | "post-trashed", _) => "trashed comments",
            _ => "pending comments",
        };
        *skipped.entry(why.to_string()).or_default() += 1;
    }
    skipped
}
