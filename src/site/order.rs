//! Reading order: posts grouped into series (by weight, date, slug), the rest chained by date,
//! and each post's neighbours computed once on the ordered lists.

use std::collections::HashMap;

use super::{PostEntry, Route, SeriesEntry};
use crate::config::Config;
use crate::content::Kind;
use crate::diagnostic::{Diagnostics, did_you_mean, list_names};
use crate::markdown::slugify;

/// Groups posts into series (ordered by weight, date, slug) and chains the rest by date.
pub(super) fn order_posts(
    config: &Config,
    posts: &mut [PostEntry],
    errors: &mut Diagnostics,
) -> (Vec<SeriesEntry>, Vec<usize>) {
    let (mut series, mut loose) = group_series(config, posts, errors);
    warn_near_names(posts, &series, errors);
    sort_reading_order(posts, &mut series, &mut loose);
    for (si, s) in series.iter().enumerate() {
        chain(posts, &s.parts, Some(si));
    }
    chain(posts, &loose, None);
    (series, loose)
}

/// The series the posts name, in the order first seen, and the posts of no series (pages are in
/// neither); a series name without letters or digits, or one that shares its page with another
/// spelling, is reported.
fn group_series(
    config: &Config,
    posts: &[PostEntry],
    errors: &mut Diagnostics,
) -> (Vec<SeriesEntry>, Vec<usize>) {
    let mut series: Vec<SeriesEntry> = Vec::new();
    // Series by name as written (one slugify per series, not per post), and by slug.
    let mut by_name: HashMap<&str, usize> = HashMap::new();
    let mut by_slug: HashMap<String, usize> = HashMap::new();
    let mut loose = Vec::new();
    for (i, p) in posts.iter().enumerate() {
        if p.post.kind == Kind::Page {
            continue;
        }
        let Some(name) = p.post.doc.meta.series.as_deref() else {
            loose.push(i);
            continue;
        };
        if let Some(&s) = by_name.get(name) {
            series[s].parts.push(i);
            continue;
        }
        let slug = slugify(name);
        if slug.is_empty() {
            errors.push(
                p.post
                    .doc
                    .source
                    .error_at(
                        p.post.doc.key_offset("series"),
                        format!("series name `{name}` has no letters or digits"),
                    )
                    .with_hint("name the series with words, e.g. series = \"Movement Imbalances\""),
            );
            loose.push(i);
            continue;
        }
        if let Some(&s) = by_slug.get(&slug) {
            let entry = &series[s];
            let first = posts[entry.parts[0]].post.file();
            errors.push(
                p.post.doc.source
                    .error_at(p.post.doc.key_offset("series"), format!("series `{name}` and series `{}` (in `{first}`) would share the page /series/{}/", entry.name, entry.slug))
                    .with_hint(format!("spell the series name exactly as `{}`", entry.name)),
            );
            continue;
        }
        by_name.insert(name, series.len());
        by_slug.insert(slug.clone(), series.len());
        series.push(SeriesEntry {
            name: name.to_string(),
            url: Route::series(&slug).url(config),
            slug,
            parts: vec![i],
        });
    }
    (series, loose)
}

/// Sorts each series' parts by weight, date and slug, the series by their first date and name,
/// and the posts of no series by date and slug.
fn sort_reading_order(posts: &[PostEntry], series: &mut [SeriesEntry], loose: &mut [usize]) {
    let key = |i: usize| {
        let p = &posts[i];
        (
            p.post.doc.meta.weight,
            p.post.doc.meta.date,
            p.slug.as_str(),
        )
    };
    for s in series.iter_mut() {
        s.parts.sort_by(|&a, &b| key(a).cmp(&key(b)));
    }
    series.sort_by(|a, b| {
        let first = |s: &SeriesEntry| s.parts.iter().map(|&i| posts[i].post.doc.meta.date).min();
        (first(a), &a.name).cmp(&(first(b), &b.name))
    });
    loose.sort_by(|&a, &b| {
        (posts[a].post.doc.meta.date, &posts[a].slug)
            .cmp(&(posts[b].post.doc.meta.date, &posts[b].slug))
    });
}

/// A series of one post whose name is close to another series' name is most likely a misspelled
/// part of that series: a warning at its `series` key, with "did you mean".
fn warn_near_names(posts: &[PostEntry], series: &[SeriesEntry], errors: &mut Diagnostics) {
    for s in series.iter().filter(|s| s.parts.len() == 1) {
        let others = series
            .iter()
            .filter(|o| o.name != s.name)
            .map(|o| o.name.as_str());
        let near = did_you_mean(&s.name, others);
        if near.is_empty() {
            continue;
        }
        let doc = &posts[s.parts[0]].post.doc;
        errors.push(
            doc.source
                .error_at(
                    doc.key_offset("series"),
                    format!("series `{}` has only this post", s.name),
                )
                .warning()
                .with_hint(format!(
                    "did you mean {}? spell the name exactly as the other parts do",
                    list_names(&near)
                )),
        );
    }
}

fn chain(posts: &mut [PostEntry], order: &[usize], series: Option<usize>) {
    for (n, &i) in order.iter().enumerate() {
        posts[i].series = series.map(|s| (s, n + 1));
        posts[i].prev = (n != 0).then(|| order[n - 1]);
        posts[i].next = order.get(n + 1).copied();
    }
}
