//! Tags: the posts of each tag (newest first), one page per tag, tags that differ only in case or
//! punctuation merged under one URL.

use std::collections::{BTreeMap, HashMap};

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
    // Each distinct spelling is slugged once (thousands of posts share a handful of tags).
    let mut slugs: HashMap<&str, String> = HashMap::new();
    for p in posts.iter() {
        for name in &p.post.doc.meta.tags {
            slugs.entry(name.as_str()).or_insert_with(|| slugify(name));
        }
    }
    let mut by_slug: BTreeMap<&str, TagEntry> = BTreeMap::new();
    for &i in reading {
        for name in &posts[i].post.doc.meta.tags {
            let slug = slugs[name.as_str()].as_str();
            if slug.is_empty() {
                continue;
            }
            let entry = by_slug.entry(slug).or_insert_with(|| TagEntry {
                name: name.clone(),
                url: Route::tag(slug).url(config),
                slug: slug.to_string(),
                posts: Vec::new(),
            });
            // Posts come once each, in reading order: a post already listed is the last one
            // (the same tag twice in its front matter).
            if entry.posts.last() != Some(&i) {
                entry.posts.push(i);
            }
        }
    }
    let tags: Vec<TagEntry> = by_slug.into_values().collect();
    let index: HashMap<&str, usize> = tags
        .iter()
        .enumerate()
        .map(|(n, t)| (t.slug.as_str(), n))
        .collect();
    let mine: Vec<Vec<usize>> = posts
        .iter()
        .map(|p| {
            let mut mine: Vec<usize> = Vec::new();
            for name in &p.post.doc.meta.tags {
                if let Some(&t) = index.get(slugs[name.as_str()].as_str())
                    && !mine.contains(&t)
                {
                    mine.push(t);
                }
            }
            mine
        })
        .collect();
    drop(index);
    drop(slugs);
    for (p, mine) in posts.iter_mut().zip(mine) {
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
