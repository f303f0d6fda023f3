//! Tags: the posts of each tag (newest first), one page per tag, tags that differ only in case or
//! punctuation merged under one URL.

use std::collections::BTreeMap;

use super::{PostEntry, Route};
use crate::config::Config;
use crate::markdown::slugify;

/// A tag and the posts that carry it.
#[derive(Debug, Clone)]
pub(crate) struct TagEntry {
    /// The name as first written (in reading order of the posts).
    pub name: String,
    /// URL segment.
    pub slug: String,
    /// Root-relative URL of the tag's page.
    pub url: String,
    /// Posts with this tag, newest first.
    pub posts: Vec<usize>,
}

/// Groups the posts by tag, sorted by slug; sets each post's `tags` to indices into the result.
/// `reading` is every post in reading order (the first spelling met names the tag).
pub(super) fn group_tags(
    config: &Config,
    posts: &mut [PostEntry],
    reading: &[usize],
) -> Vec<TagEntry> {
    let mut by_slug: BTreeMap<String, TagEntry> = BTreeMap::new();
    for &i in reading {
        for name in &posts[i].post.doc.meta.tags {
            let slug = slugify(name);
            if slug.is_empty() {
                continue;
            }
            let entry = by_slug.entry(slug.clone()).or_insert_with(|| TagEntry {
                name: name.clone(),
                url: Route::tag(&slug).url(config),
                slug,
                posts: Vec::new(),
            });
            if entry.posts.last() != Some(&i) && !entry.posts.contains(&i) {
                entry.posts.push(i);
            }
        }
    }
    let tags: Vec<TagEntry> = by_slug.into_values().collect();
    let index: BTreeMap<&str, usize> = tags
        .iter()
        .enumerate()
        .map(|(n, t)| (t.slug.as_str(), n))
        .collect();
    for p in posts.iter_mut() {
        let mut mine: Vec<usize> = Vec::new();
        for name in &p.post.doc.meta.tags {
            if let Some(&t) = index.get(slugify(name).as_str())
                && !mine.contains(&t)
            {
                mine.push(t);
            }
        }
        p.tags = mine;
    }
    let mut tags = tags;
    for t in &mut tags {
        t.posts.sort_by(|&a, &b| {
            let key = |i: usize| (posts[i].post.doc.meta.date, &posts[i].slug);
            key(b).cmp(&key(a))
        });
    }
    tags
}
