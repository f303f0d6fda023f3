//! Checks of single documents while indexing: a page's path, keys that belong to the other kind,
//! two documents at one URL, and feed entry ids.

use std::collections::HashMap;

use crate::config::Config;
use crate::content::{Kind, Post};
use crate::diagnostic::{Diagnostic, Diagnostics};

use super::PostEntry;
use super::aliases::{self, feed_id};
use super::route::{Route, segment_problem};

/// A post's slug, or a page's path under the base URL (`start/equipment`, its last segment
/// replaced by `slug` when one is given), once checked; problems go to `errors`.
pub(super) fn page_path(post: &Post, errors: &mut Diagnostics) -> Option<String> {
    let meta = &post.doc.meta;
    let slug = meta.slug.as_deref().unwrap_or(&post.stem);
    let path = match (post.kind, meta.slug.as_deref()) {
        (Kind::Page, Some(slug)) => match post.stem.rsplit_once('/') {
            Some((parent, _)) => format!("{parent}/{slug}"),
            None => slug.to_string(),
        },
        _ => slug.to_string(),
    };
    if post.kind == Kind::Page && path.is_empty() {
        errors.push(
            post.doc
                .source
                .error_at(0, "this page would replace the home page")
                .with_hint("the home page lists the posts; move the page into a file or folder of its own, e.g. `pages/about.md`"),
        );
        return None;
    }
    let bad = match post.kind {
        Kind::Post => segment_problem(slug).map(|why| (slug, why)),
        Kind::Page => path
            .split('/')
            .find_map(|s| segment_problem(s).map(|why| (s, why))),
    };
    if let Some((segment, why)) = bad {
        let what = if meta.slug.is_some() || post.kind == Kind::Post {
            format!("slug `{segment}` {why}")
        } else {
            format!("the file or folder name `{segment}` {why}")
        };
        let d = post.doc.source.error_at(post.doc.key_offset("slug"), what);
        errors.push(d.with_hint("use letters, digits, `-` and `_`, e.g. slug = \"low-back-pain\""));
        return None;
    }
    Some(path)
}

/// Each post's `feed_id` is an absolute IRI, and no two posts share a feed entry id.
pub(super) fn check_feed_ids(config: &Config, posts: &[PostEntry], errors: &mut Diagnostics) {
    let mut seen: HashMap<String, &Post> = HashMap::new();
    for p in posts.iter().filter(|p| p.post.kind == Kind::Post) {
        aliases::check_feed_id(&p.post, errors);
        let id = feed_id(config, p);
        if let Some(other) = seen.get(&id) {
            errors.push(
                p.post
                    .doc
                    .source
                    .error_at(
                        p.post.doc.key_offset("feed_id"),
                        format!("feed entry id `{id}` is also the id of `{}`", other.file()),
                    )
                    .with_hint("feed readers would show one post in place of the other: give each post its own `feed_id`"),
            );
        } else {
            seen.insert(id, &p.post);
        }
    }
}

/// Front matter keys that only a post or only a page may hold, where the other has them.
pub(super) fn check_kind_keys(post: &Post, errors: &mut Diagnostics) {
    let doc = &post.doc;
    let present = |key: &str| doc.key_offset(key) != 0;
    let (wrong, hint): (&[&str], &str) = match post.kind {
        Kind::Page => (
            &["series", "weight", "tags", "feed_id"],
            "pages are in no series, tag or feed; move the file to `posts/` (with a `date`) to make it a post",
        ),
        Kind::Post => (
            &["menu"],
            "only pages (`pages/`) go in the header navigation; link to the post from a page instead",
        ),
    };
    for key in wrong.iter().copied().filter(|k| present(k)) {
        let what = match post.kind {
            Kind::Page => "a page",
            Kind::Post => "a post",
        };
        errors.push(
            doc.source
                .error_at(
                    doc.key_offset(key),
                    format!("`{key}` is not a key of {what}"),
                )
                .with_hint(hint),
        );
    }
}

/// Two documents that want one URL: an error at the one whose `slug` made the clash (else at the
/// later one), naming both files.
pub(super) fn same_url(config: &Config, path: &str, post: &Post, other: &Post) -> Diagnostic {
    let (here, there) = if post.doc.meta.slug.is_none() && other.doc.meta.slug.is_some() {
        (other, post)
    } else {
        (post, other)
    };
    let what = |p: &Post| match p.kind {
        Kind::Post => "post",
        Kind::Page => "page",
    };
    let url = Route::post(path).url(config);
    let message = if here.kind == Kind::Post && there.kind == Kind::Post {
        format!("slug `{path}` is also used by `{}`", there.file())
    } else {
        format!(
            "{} `{}` and {} `{}` would both be at {url}",
            what(here),
            here.file(),
            what(there),
            there.file()
        )
    };
    here.doc
        .source
        .error_at(here.doc.key_offset("slug"), message)
        .with_hint("give one of the two a different `slug` in its front matter, or rename its file")
}

/// Each tag and series makes a folder named by its slug: one too long for a file name is an
/// error at the post's key, naming the value.
pub(super) fn check_name_lengths(posts: &[PostEntry], errors: &mut Diagnostics) {
    for p in posts {
        let meta = &p.post.doc.meta;
        let names = meta
            .tags
            .iter()
            .map(|t| ("tag", "tags", t))
            .chain(meta.series.iter().map(|s| ("series", "series", s)));
        for (what, key, name) in names {
            let slug = crate::markdown::slugify(name);
            if slug.len() > super::route::MAX_SEGMENT {
                errors.push(
                    p.post
                        .doc
                        .source
                        .error_at(
                            p.post.doc.key_offset(key),
                            format!(
                                "{what} `{}…` is {} characters: its page's name would be {} bytes, at most {}",
                                super::aliases::short(name),
                                name.chars().count(),
                                slug.len(),
                                super::route::MAX_SEGMENT
                            ),
                        )
                        .with_hint(format!("shorten the {what}")),
                );
            }
        }
    }
}
