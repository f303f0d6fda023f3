//! What the new front matter takes from an export item: dates, tags and series, series order,
//! and the summary as plain text.

use std::collections::BTreeMap;

use crate::content::frontmatter::Date;

use super::convert;
use super::wxr::Item;

/// `YYYY-MM-DD` of a `YYYY-MM-DD HH:MM:SS` WordPress time, unless it is WordPress's zero date.
pub(super) fn day(s: &str) -> Option<Date> {
    s.get(..10).and_then(Date::parse)
}

/// The publication date: the site-local date WordPress shows, from `wp:post_date`, falling back
/// to the GMT date, then the modification date (drafts), then 1970-01-01.
pub fn date_of(item: &Item) -> Date {
    day(&item.date)
        .or_else(|| day(&item.date_gmt))
        .or_else(|| day(&item.modified))
        .unwrap_or(Date::EPOCH)
}

pub(super) fn updated_of(item: &Item) -> Option<Date> {
    day(&item.modified).or_else(|| day(&item.modified_gmt))
}

/// Tags: the post's tags, then its categories (but WordPress's default "Uncategorized"), each
/// name once; a category named in `series` becomes the series instead.
pub(super) fn terms(item: &Item, series: &[String]) -> (Vec<String>, Option<String>) {
    let mut tags: Vec<String> = Vec::new();
    let mut series_name = None;
    let add = |name: &str, tags: &mut Vec<String>| {
        let name = name.trim();
        if !name.is_empty() && !tags.iter().any(|t| t.eq_ignore_ascii_case(name)) {
            tags.push(name.to_string());
        }
    };
    for (domain, _, name) in &item.terms {
        if domain == "post_tag" {
            add(name, &mut tags);
        }
    }
    for (domain, nicename, name) in &item.terms {
        if domain != "category" {
            continue;
        }
        if series
            .iter()
            .any(|s| s.eq_ignore_ascii_case(name.trim()) || s.eq_ignore_ascii_case(nicename))
        {
            series_name.get_or_insert_with(|| name.trim().to_string());
        } else if nicename != "uncategorized" {
            add(name, &mut tags);
        }
    }
    (tags, series_name)
}

/// Each series' posts numbered 1, 2, … in date order.
pub(super) fn series_weights(items: &[&Item], series: &[String]) -> BTreeMap<u64, i64> {
    let mut by_series: BTreeMap<String, Vec<(String, u64)>> = BTreeMap::new();
    for item in items {
        if let (_, Some(name)) = terms(item, series) {
            by_series
                .entry(name)
                .or_default()
                .push((item.date.clone(), item.id));
        }
    }
    let mut weights = BTreeMap::new();
    for (_, mut posts) in by_series {
        posts.sort();
        for (n, (_, id)) in posts.into_iter().enumerate() {
            weights.insert(id, n as i64 + 1);
        }
    }
    weights
}

/// The excerpt as plain text, else the text before `<!--more-->`.
pub(super) fn summary(item: &Item) -> Option<String> {
    let source = if !item.excerpt.trim().is_empty() {
        item.excerpt.as_str()
    } else {
        let at = item.content.find("<!--more")?;
        &item.content[..at]
    };
    let text = plain_text(source);
    (!text.is_empty()).then_some(text)
}

/// Tags, block comments and shortcodes removed, entities decoded, whitespace collapsed.
pub fn plain_text(html: &str) -> String {
    let html = convert::strip_block_comments(html);
    let mut out = String::new();
    let mut rest = html.as_str();
    while let Some(at) = rest.find(['<', '[']) {
        out.push_str(&rest[..at]);
        let tail = &rest[at..];
        let mut space = true;
        let skip = if tail.starts_with('<') {
            super::autop::Tag::at(tail)
                .map(|t| {
                    space = t.is_block() || t.name == "br";
                    t.len
                })
                .or_else(|| {
                    tail.starts_with("<!--")
                        .then(|| tail.find("-->").map_or(tail.len(), |e| e + 3))
                })
        } else {
            super::wpcode::parse_at(tail).map(|s| s.raw.len())
        };
        match skip {
            Some(n) => {
                if space {
                    out.push(' ');
                }
                rest = &tail[n..];
            }
            None => {
                out.push_str(&tail[..1]);
                rest = &tail[1..];
            }
        }
    }
    out.push_str(rest);
    let decoded = out
        .replace("&nbsp;", " ")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#8217;", "\u{2019}")
        .replace("&#8230;", "\u{2026}")
        .replace("&amp;", "&");
    decoded.split_whitespace().collect::<Vec<_>>().join(" ")
}
