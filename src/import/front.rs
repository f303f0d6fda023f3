//! A document's front matter from its WordPress item: title, dates, slug, menu place, series,
//! tags, summary, old addresses (aliases, none that would clash with sitegen's own pages or with
//! another document), feed id and extra values, with a note for each thing renamed or left out.

use std::collections::{BTreeMap, BTreeSet};

use crate::scaffold::write_front::Value;

use super::fields::{date_of, plain_text, series_weights, site_offset, summary, terms, updated_of};
use super::links::alias_path;
use super::media::percent_decode;
use super::wxr::{Export, Item};

/// Names a post or a top-level page must not take, and first segments an old address must not
/// have: sitegen's own pages, folders and files.
const RESERVED: &[&str] = &[
    "tags",
    "series",
    "exercises",
    "search",
    "pagefind",
    "404",
    "404.html",
    "index",
    "index.html",
    "atom.xml",
    "sitemap.xml",
    "robots.txt",
    "style.css",
    "manifest.webmanifest",
    "_redirects",
    ".nojekyll",
    "favicon.svg",
    "favicon.ico",
    "icons",
];

/// Whether an old address (root-relative, decoded) lies where sitegen writes its own pages.
fn is_reserved_address(path: &str) -> bool {
    let first = path
        .trim_start_matches('/')
        .split(['/', '?'])
        .next()
        .unwrap_or("");
    RESERVED.contains(&first)
}

/// What the front matter of every document shares, and what it has used up.
pub(super) struct Front<'a> {
    series: &'a [String],
    authors: BTreeMap<&'a str, &'a str>,
    several_authors: bool,
    /// New addresses of every document, so no alias takes one.
    new_urls: BTreeSet<String>,
    used_aliases: BTreeSet<String>,
    used_guids: BTreeSet<String>,
    weights: BTreeMap<u64, i64>,
    offset: Option<i16>,
    menu_order: BTreeMap<u64, i64>,
    /// Aliases written so far.
    pub aliases: usize,
}

impl<'a> Front<'a> {
    /// For the documents `items` (each with its file) of `export`.
    pub fn new(
        export: &'a Export,
        items: &[(&'a Item, &str)],
        series: &'a [String],
        menu_order: BTreeMap<u64, i64>,
    ) -> Front<'a> {
        let creators: BTreeSet<&str> = items.iter().map(|(i, _)| i.creator.as_str()).collect();
        let only_items: Vec<&Item> = items.iter().map(|(i, _)| *i).collect();
        Front {
            series,
            authors: export
                .authors
                .iter()
                .map(|(login, name)| (login.as_str(), name.as_str()))
                .collect(),
            several_authors: creators.len() > 1,
            new_urls: items
                .iter()
                .filter_map(|(_, rel)| target_url(rel))
                .map(|u| u.trim_end_matches('/').to_string())
                .collect(),
            used_aliases: BTreeSet::new(),
            used_guids: BTreeSet::new(),
            weights: series_weights(&only_items, series),
            offset: site_offset(only_items.iter().copied()),
            menu_order,
            aliases: 0,
        }
    }

    /// The front matter of `item`, written to `rel`; notes about the file go to `notes`.
    pub fn fields(
        &mut self,
        item: &Item,
        draft: bool,
        rel: &str,
        notes: &mut Vec<String>,
    ) -> Vec<(&'static str, Value)> {
        let page = item.post_type == "page";
        let mut fields = vec![("title", Value::Text(title(item, rel, notes)))];
        notes.extend(renamed_note(item, rel));
        notes.extend(shared_slug_note(item, rel));
        let date = date_of(item, self.offset);
        fields.push(("date", Value::DateTime(date)));
        if let Some(updated) = updated_of(item, self.offset)
            && updated > date
        {
            fields.push(("updated", Value::DateTime(updated)));
        }
        if !page {
            let slug = rel
                .trim_start_matches("posts/")
                .trim_end_matches("/index.md");
            fields.push(("slug", Value::Text(slug.to_string())));
        }
        if let Some(order) = self.menu_order.get(&item.id).filter(|_| page) {
            fields.push(("menu", Value::Int(*order)));
        }
        let (tags, series_name) = terms(item, self.series);
        if let Some(name) = series_name {
            fields.push(("series", Value::Text(name)));
            let weight = self.weights.get(&item.id).copied().unwrap_or(0);
            fields.push(("weight", Value::Int(weight)));
        }
        if !page && !tags.is_empty() {
            fields.push(("tags", Value::List(tags)));
        }
        if let Some(summary) = summary(item) {
            fields.push(("summary", Value::Text(summary)));
        }
        if draft {
            fields.push(("draft", Value::Bool(true)));
        } else {
            let aliases = self.kept_aliases(item, rel, notes);
            self.aliases += aliases.len();
            if !aliases.is_empty() {
                fields.push(("aliases", Value::List(aliases)));
            }
            if !page && let Some(guid) = self.feed_id(item, notes) {
                fields.push(("feed_id", Value::Text(guid)));
            }
        }
        fields.push(("extra", Value::Map(self.extra(item))));
        fields
    }

    /// The item's old addresses that can be aliases: not its new address, not sitegen's own
    /// pages, not another document's address or alias.
    fn kept_aliases(&mut self, item: &Item, rel: &str, notes: &mut Vec<String>) -> Vec<String> {
        let own_url = target_url(rel).unwrap_or_default();
        let mut kept = Vec::new();
        for alias in aliases(item) {
            // Compared as the server sees it: `%` escapes decoded.
            let key = percent_decode(&alias).trim_end_matches('/').to_string();
            if key == own_url.trim_end_matches('/') {
                continue; // the new address is the old one
            }
            if is_reserved_address(&key) {
                notes.push(format!(
                    "old address `{alias}` is where sitegen writes its own pages: not kept as an alias"
                ));
                continue;
            }
            if self.new_urls.contains(&key) || !self.used_aliases.insert(key) {
                notes.push(format!(
                    "old address `{alias}` is also the address of another imported page: not kept as an alias"
                ));
                continue;
            }
            kept.push(alias);
        }
        kept
    }

    /// The item's GUID as its feed entry id, when it is one and no other post took it.
    fn feed_id(&mut self, item: &Item, notes: &mut Vec<String>) -> Option<String> {
        let guid = item.guid.trim();
        if !guid.contains(':') || guid.contains(char::is_whitespace) {
            return None;
        }
        if self.used_guids.insert(guid.to_string()) {
            Some(guid.to_string())
        } else {
            notes.push(format!(
                "another post of the export has the GUID `{guid}`: this one gets a new feed id"
            ));
            None
        }
    }

    /// `extra`: the WordPress id, and the author when the export has several.
    fn extra(&self, item: &Item) -> Vec<(&'static str, Value)> {
        let mut extra = vec![("wordpress_id", Value::Int(item.id as i64))];
        if self.several_authors {
            let name = self
                .authors
                .get(item.creator.as_str())
                .filter(|n| !n.trim().is_empty())
                .map_or(item.creator.as_str(), |n| n);
            extra.push(("author", Value::Text(name.to_string())));
        }
        extra
    }
}

/// WordPress shows a title as HTML: its text is the title; a missing one is made from the slug,
/// with a note.
fn title(item: &Item, rel: &str, notes: &mut Vec<String>) -> String {
    let title = plain_text(&item.title);
    if !title.is_empty() {
        return title;
    }
    let slug = rel.rsplit('/').find(|p| *p != "index.md").unwrap_or("");
    let slug = slug.trim_end_matches(".md");
    notes.push(format!(
        "the post has no title on the old site: titled `{slug}` from its slug"
    ));
    slug.replace('-', " ")
}

/// The note for a post or page whose own slug is a name sitegen uses, with its new address.
fn renamed_note(item: &Item, rel: &str) -> Option<String> {
    let name = percent_decode(&item.name);
    let name = name.trim();
    let new = target_url(rel)?;
    let own = new.trim_matches('/').rsplit('/').next()?;
    (RESERVED.contains(&name) && own != name).then(|| {
        let old = alias_path(&item.link).unwrap_or_else(|| format!("/{name}/"));
        format!(
            "slug `{name}` is taken by sitegen's own `/{name}/`: renamed, old address `{old}` \
             is now `{new}`"
        )
    })
}

/// The note for a post whose slug another post of the export took first.
fn shared_slug_note(item: &Item, rel: &str) -> Option<String> {
    let wanted = post_slug(item);
    let new = target_url(rel)?;
    (item.post_type == "post" && new != format!("/{wanted}/")).then(|| {
        format!(
            "another post of the export has the slug `{wanted}`: this one is renamed, its new address is `{new}`"
        )
    })
}

/// The old addresses: the permalink's path and the `?p=ID` (`?page_id=ID`) form.
fn aliases(item: &Item) -> Vec<String> {
    let mut aliases = Vec::new();
    if let Some(path) = alias_path(&item.link)
        && path != "/"
    {
        aliases.push(path);
    }
    let id_form = if item.post_type == "page" {
        format!("/?page_id={}", item.id)
    } else {
        format!("/?p={}", item.id)
    };
    if !aliases.contains(&id_form) {
        aliases.push(id_form);
    }
    aliases
}

/// A post's slug: `wp:post_name` (percent-decoded), else the title's, else `post-ID`; always
/// one plain path segment.
pub(super) fn post_slug(item: &Item) -> String {
    let decoded = percent_decode(&item.name);
    let candidate = if crate::site::segment_problem(&decoded).is_none() {
        decoded
    } else {
        crate::markdown::slugify(&decoded)
    };
    let candidate = if candidate.is_empty() {
        crate::markdown::slugify(&item.title)
    } else {
        candidate
    };
    if candidate.is_empty()
        || crate::site::segment_problem(&candidate).is_some()
        || candidate.len() > 200
    {
        format!("post-{}", item.id)
    } else if RESERVED.contains(&candidate.as_str()) {
        format!("{candidate}-{}", item.id)
    } else {
        candidate
    }
}

/// The new root-relative URL of a document: `/slug/` for `posts/slug/index.md`, `/a/b/` for
/// `pages/a/b.md`.
pub(super) fn target_url(rel: &str) -> Option<String> {
    if let Some(post) = rel.strip_prefix("posts/") {
        return Some(format!("/{}/", post.strip_suffix("/index.md")?));
    }
    let page = rel.strip_prefix("pages/")?;
    let page = page
        .strip_suffix("/index.md")
        .or_else(|| page.strip_suffix(".md"))?;
    Some(format!("/{page}/"))
}
