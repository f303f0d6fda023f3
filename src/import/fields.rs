//! What the new front matter takes from an export item: dates, tags and series, series order,
//! and the summary as plain text.

use std::collections::BTreeMap;

use crate::content::frontmatter::{Date, DateTime};

use super::convert;
use super::wxr::Item;

/// A `YYYY-MM-DD HH:MM:SS` WordPress time as a date and time of day (no offset), unless it is
/// WordPress's zero date (`0000-00-00 00:00:00`, a draft's GMT time).
fn wp_time(s: &str) -> Option<DateTime> {
    DateTime::parse(s).filter(|d| d.time.is_some())
}

/// Minutes east of UTC between a site-local time and the same instant in GMT, when they make one
/// (a whole number of minutes, at most 14 hours).
fn offset_between(local: &DateTime, gmt: &DateTime) -> Option<i16> {
    let seconds = local.unix_seconds() - gmt.unix_seconds();
    (seconds % 60 == 0 && seconds.abs() <= 14 * 3600).then_some((seconds / 60) as i16)
}

/// A post's time from its site-local and GMT forms: the local time with its offset (RFC 3339), as
/// WordPress shows it. Without a GMT time (a draft), WordPress converts the local time with the
/// site's time zone: `site_offset`, when the export shows it; without a local time, the GMT time.
fn instant(local: &str, gmt: &str, site_offset: Option<i16>) -> Option<DateTime> {
    match (wp_time(local), wp_time(gmt)) {
        (Some(l), Some(g)) => Some(DateTime {
            offset: offset_between(&l, &g).or(site_offset),
            ..l
        }),
        (Some(l), None) => Some(DateTime {
            offset: site_offset,
            ..l
        }),
        (None, Some(g)) => Some(DateTime {
            offset: Some(0),
            ..g
        }),
        (None, None) => None,
    }
}

/// The site's UTC offset as the export shows it: that of its newest item with both a local and a
/// GMT time (WordPress's WXR does not carry the time zone setting itself).
pub fn site_offset<'a>(items: impl IntoIterator<Item = &'a Item>) -> Option<i16> {
    items
        .into_iter()
        .filter_map(|i| {
            let (l, g) = (wp_time(&i.date)?, wp_time(&i.date_gmt)?);
            Some((g, offset_between(&l, &g)?))
        })
        .max_by(|a, b| a.0.cmp(&b.0))
        .map(|(_, offset)| offset)
}

/// The publication time: the site-local time WordPress shows, from `wp:post_date`, with the
/// offset `wp:post_date_gmt` gives (for a draft, which has none, the site's offset), falling back
/// to the modification time, then 1970-01-01.
pub fn date_of(item: &Item, site_offset: Option<i16>) -> DateTime {
    instant(&item.date, &item.date_gmt, site_offset)
        .or_else(|| instant(&item.modified, &item.modified_gmt, site_offset))
        .unwrap_or_else(|| Date::EPOCH.into())
}

/// The last modification time, as [`date_of`] reads times.
pub(super) fn updated_of(item: &Item, site_offset: Option<i16>) -> Option<DateTime> {
    instant(&item.modified, &item.modified_gmt, site_offset)
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
