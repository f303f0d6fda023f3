//! From a parsed export to the documents of the new site: which items become posts, pages and
//! drafts (and which are skipped, and why), their places and slugs (always one safe path
//! segment), front matter, and converted bodies. Nothing here touches the disk.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

use crate::content::frontmatter::Format;
use crate::scaffold::matter::{Value, document};

use super::comments::{comments_file, skipped_comments};
use super::convert::{self, Note};
use super::env::{Attachment, Attachments, Env};
use super::fields::{date_of, plain_text, series_weights, site_offset, summary, terms, updated_of};
use super::links::{Links, Target, alias_path};
use super::media::{MediaUses, percent_decode};
use super::wxr::{Export, Item};

/// One document to write.
#[derive(Debug, Clone)]
pub struct Doc {
    /// Path of the Markdown file inside the site, e.g. `posts/hello/index.md`.
    pub rel: String,
    /// The folder its media files go to (`posts/hello/` or `static/wp-content/uploads/`).
    pub media_dir: String,
    /// Front matter fields.
    pub fields: Vec<(&'static str, Value)>,
    /// The Markdown body.
    pub body: String,
    /// Notes, by line of the body.
    pub notes: Vec<Note>,
    /// Notes about the whole file.
    pub file_notes: Vec<String>,
    /// Uploaded files the document uses.
    pub media: MediaUses,
    /// The featured image's name in `media`, if any (written as `image` once the file is there).
    pub image: Option<String>,
    /// Approved comments, as `comments.toml` (posts only), and how many were skipped, by why.
    pub comments: Option<(String, usize)>,
    /// Comments not kept, by reason.
    pub comments_skipped: BTreeMap<String, usize>,
    /// Post, page or draft.
    pub kind: Kind,
    /// Dated in the future on the old site (`future` status).
    pub scheduled: bool,
}

/// What a document is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Kind {
    /// A published (or scheduled) post.
    Post,
    /// A page.
    Page,
    /// A draft or pending post or page.
    Draft,
}

/// The documents of an export and what was left out.
#[derive(Debug, Default)]
pub struct Plan {
    /// The documents, in export order.
    pub docs: Vec<Doc>,
    /// Items not imported, by reason.
    pub skipped: BTreeMap<String, usize>,
    /// Aliases written.
    pub aliases: usize,
    /// Menu entries not in the site's header ([`super::menus`]).
    pub menu_left: Vec<String>,
}

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

/// Plans the import of `export`; `series` are the categories that become series.
pub fn plan(export: &Export, series: &[String], format: Format) -> Plan {
    let menus = super::menus::menus(export);
    let mut plan = Plan {
        menu_left: menus.left,
        ..Plan::default()
    };
    let attachments = Arc::new(attachments(export));
    let known_uploads: Arc<BTreeSet<String>> = Arc::new(
        attachments
            .values()
            .filter_map(|a| super::media::upload_path(&a.url))
            .collect(),
    );
    let by_id: BTreeMap<u64, &Item> = export.items.iter().map(|i| (i.id, i)).collect();
    let mut entries = Vec::new();
    let mut used_posts = BTreeSet::new();
    for item in &export.items {
        let kind = match (item.post_type.as_str(), item.status.as_str()) {
            (_, _)
                if !item.password.is_empty()
                    && matches!(item.post_type.as_str(), "post" | "page") =>
            {
                skip(&mut plan, "password-protected");
                continue;
            }
            ("post" | "page", "publish" | "future") if item.post_type == "post" => Kind::Post,
            ("page", "publish" | "future") => Kind::Page,
            ("post" | "page", "draft" | "pending") => Kind::Draft,
            ("post" | "page", "private") => {
                skip(&mut plan, "private");
                continue;
            }
            ("post" | "page", "trash") => {
                skip(&mut plan, "trashed");
                continue;
            }
            ("post" | "page", other) => {
                skip(&mut plan, &format!("status `{other}`"));
                continue;
            }
            ("attachment" | "nav_menu_item", _) => continue,
            (other, _) => {
                skip(&mut plan, &format!("type `{other}`"));
                continue;
            }
        };
        let (rel, media_dir, target) = if item.post_type == "page" {
            let path = page_path(item, &by_id);
            // A page with comments is a bundle, its comments.toml beside it.
            let rel = if comments_file(item).is_some() {
                format!("pages/{}/index.md", path.join("/"))
            } else {
                format!("pages/{}.md", path.join("/"))
            };
            (
                rel.clone(),
                "static/wp-content/uploads/".to_string(),
                Target::Page(format!("@/{rel}")),
            )
        } else {
            let slug = unique(post_slug(item), item.id, &mut used_posts);
            (
                format!("posts/{slug}/index.md"),
                format!("posts/{slug}/"),
                Target::Post(format!("@/{slug}/index.md")),
            )
        };
        entries.push((item, kind, rel, media_dir, target));
    }
    let mut links = Links::new(&[&export.link, &export.base_blog_url]);
    for (item, kind, _, _, target) in &entries {
        if *kind != Kind::Draft {
            links.add(&item.link, item.id, target.clone());
        }
    }
    // An attachment's own page on the old site leads to its file now.
    for item in export.items.iter().filter(|i| i.post_type == "attachment") {
        if !item.attachment_url.is_empty() && !item.link.is_empty() {
            links.add(
                &item.link,
                item.id,
                Target::Media(item.attachment_url.clone()),
            );
        }
    }
    let links = Arc::new(links);
    let authors: BTreeMap<&str, &str> = export
        .authors
        .iter()
        .map(|(login, name)| (login.as_str(), name.as_str()))
        .collect();
    let creators: BTreeSet<&str> = entries.iter().map(|e| e.0.creator.as_str()).collect();
    // New addresses of every document, so no alias takes one; aliases and GUIDs used once each.
    let new_urls: BTreeSet<String> = entries
        .iter()
        .filter_map(|e| target_url(&e.2))
        .map(|u| u.trim_end_matches('/').to_string())
        .collect();
    let mut used_aliases = BTreeSet::new();
    let mut used_guids = BTreeSet::new();
    let series_weights = series_weights(&entries.iter().map(|e| e.0).collect::<Vec<_>>(), series);
    let offset = site_offset(entries.iter().map(|e| e.0));
    for (item, kind, rel, media_dir, _) in entries {
        let page = item.post_type == "page";
        let env = Env {
            links: links.clone(),
            attachments: attachments.clone(),
            post_id: item.id,
            static_media: page,
            known_uploads: known_uploads.clone(),
            footnotes: item.meta("footnotes").map(str::to_string),
        };
        let body = convert::convert(&item.content, &env);
        let mut media = body.media;
        let image = item
            .meta("_thumbnail_id")
            .and_then(|id| id.trim().parse::<u64>().ok())
            .and_then(|id| attachments.get(&id))
            .map(|a| {
                let mut one = MediaUses {
                    to_static: page,
                    known: known_uploads.clone(),
                    ..MediaUses::default()
                };
                let name = one.use_url(&a.url);
                media.extend(one);
                name
            });
        let mut body_notes = Vec::new();
        // WordPress shows a title as HTML: its text is the title.
        let title = plain_text(&item.title);
        let title = if title.is_empty() {
            let slug = rel.rsplit('/').find(|p| *p != "index.md").unwrap_or("");
            let slug = slug.trim_end_matches(".md");
            body_notes.push(format!(
                "the post has no title on the old site: titled `{slug}` from its slug"
            ));
            slug.replace('-', " ")
        } else {
            title
        };
        body_notes.extend(renamed_note(item, &rel));
        body_notes.extend(shared_slug_note(item, &rel));
        let mut fields = vec![("title", Value::Text(title))];
        let date = date_of(item, offset);
        fields.push(("date", Value::DateTime(date)));
        if let Some(updated) = updated_of(item, offset)
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
        if let Some(order) = menus.order.get(&item.id).filter(|_| page) {
            fields.push(("menu", Value::Int(*order)));
        }
        let (tags, series_name) = terms(item, series);
        if let Some(name) = series_name {
            fields.push(("series", Value::Text(name)));
            let weight = series_weights.get(&item.id).copied().unwrap_or(0);
            fields.push(("weight", Value::Int(weight)));
        }
        if !page && !tags.is_empty() {
            fields.push(("tags", Value::List(tags)));
        }
        if let Some(summary) = summary(item) {
            fields.push(("summary", Value::Text(summary)));
        }
        if kind == Kind::Draft {
            fields.push(("draft", Value::Bool(true)));
        } else {
            let own_url = target_url(&rel).unwrap_or_default();
            let mut kept = Vec::new();
            for alias in aliases(item) {
                // Compared as the server sees it: `%` escapes decoded.
                let key = percent_decode(&alias).trim_end_matches('/').to_string();
                if key == own_url.trim_end_matches('/') {
                    continue; // the new address is the old one
                }
                if is_reserved_address(&key) {
                    body_notes.push(format!(
                        "old address `{alias}` is where sitegen writes its own pages: not kept as an alias"
                    ));
                    continue;
                }
                if new_urls.contains(&key) || !used_aliases.insert(key) {
                    body_notes.push(format!(
                        "old address `{alias}` is also the address of another imported page: not kept as an alias"
                    ));
                    continue;
                }
                kept.push(alias);
            }
            let aliases = kept;
            plan.aliases += aliases.len();
            if !aliases.is_empty() {
                fields.push(("aliases", Value::List(aliases)));
            }
            let guid = item.guid.trim();
            if !page && guid.contains(':') && !guid.contains(char::is_whitespace) {
                if used_guids.insert(guid.to_string()) {
                    fields.push(("feed_id", Value::Text(guid.to_string())));
                } else {
                    body_notes.push(format!(
                        "another post of the export has the GUID `{guid}`: this one gets a new feed id"
                    ));
                }
            }
        }
        let mut extra = vec![("wordpress_id", Value::Int(item.id as i64))];
        if creators.len() > 1 {
            let name = authors
                .get(item.creator.as_str())
                .filter(|n| !n.trim().is_empty())
                .map_or(item.creator.as_str(), |n| n);
            extra.push(("author", Value::Text(name.to_string())));
        }
        fields.push(("extra", Value::Map(extra)));
        let _ = format;
        plan.docs.push(Doc {
            rel,
            media_dir,
            fields,
            body: body.markdown,
            notes: body.notes,
            file_notes: body_notes,
            comments: comments_file(item),
            comments_skipped: skipped_comments(item),
            media,
            image,
            kind,
            scheduled: item.status == "future",
        });
    }
    plan
}

impl Doc {
    /// The whole file: front matter (with `image` when the featured image is available) and body.
    pub fn text(&self, format: Format, image: Option<String>) -> String {
        let mut fields = self.fields.clone();
        if let Some(image) = image {
            let at = fields
                .iter()
                .position(|(k, _)| *k == "slug" || *k == "series" || *k == "tags")
                .unwrap_or(2);
            fields.insert(at, ("image", Value::Text(image)));
        }
        document(format, &fields, &format!("\n{}", self.body))
    }

    /// Line of the body's first line in the whole file.
    pub fn body_line(&self, format: Format, image: Option<String>) -> usize {
        self.text(format, image)
            .lines()
            .count()
            .saturating_sub(self.body.lines().count())
            + 1
    }
}

fn skip(plan: &mut Plan, why: &str) {
    *plan.skipped.entry(why.to_string()).or_default() += 1;
}

fn attachments(export: &Export) -> Attachments {
    export
        .items
        .iter()
        .filter(|i| i.post_type == "attachment" && !i.attachment_url.is_empty())
        .map(|i| {
            let alt = i
                .meta("_wp_attachment_image_alt")
                .filter(|a| !a.trim().is_empty())
                .map_or(i.title.clone(), str::to_string);
            (
                i.id,
                Attachment {
                    url: i.attachment_url.clone(),
                    alt,
                    caption: i.excerpt.trim().to_string(),
                    parent: i.parent,
                    order: i.menu_order,
                },
            )
        })
        .collect()
}

/// A post's slug: `wp:post_name` (percent-decoded), else the title's, else `post-ID`; always
/// one plain path segment.
fn post_slug(item: &Item) -> String {
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

/// `slug`, or `slug-ID` when another post of the export took it first.
fn unique(slug: String, id: u64, used: &mut BTreeSet<String>) -> String {
    let slug = if used.contains(&slug) {
        format!("{slug}-{id}")
    } else {
        slug
    };
    used.insert(slug.clone());
    slug
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

/// The page's path: its ancestors' slugs, then its own (a cycle or a missing parent ends it).
fn page_path(item: &Item, by_id: &BTreeMap<u64, &Item>) -> Vec<String> {
    let mut path = vec![post_slug(item)];
    let mut seen = BTreeSet::from([item.id]);
    let mut parent = item.parent;
    while parent != 0 && seen.insert(parent) && path.len() < 16 {
        let Some(p) = by_id.get(&parent).filter(|p| p.post_type == "page") else {
            break;
        };
        path.insert(0, post_slug(p));
        parent = p.parent;
    }
    path
}

/// The new root-relative URL of a document: `/slug/` for `posts/slug/index.md`, `/a/b/` for
/// `pages/a/b.md`.
fn target_url(rel: &str) -> Option<String> {
    if let Some(post) = rel.strip_prefix("posts/") {
        return Some(format!("/{}/", post.strip_suffix("/index.md")?));
    }
    let page = rel.strip_prefix("pages/")?;
    let page = page
        .strip_suffix("/index.md")
        .or_else(|| page.strip_suffix(".md"))?;
    Some(format!("/{page}/"))
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

#[cfg(test)]
mod tests {
    use super::*;

    fn item(name: &str, title: &str) -> Item {
        Item {
            id: 42,
            name: name.into(),
            title: title.into(),
            ..Item::default()
        }
    }

    #[test]
    fn slugs_are_one_safe_segment() {
        assert_eq!(post_slug(&item("../../etc/x", "")), "etc-x");
        assert_eq!(post_slug(&item("%e6%97%a5%e6%9c%ac", "")), "日本");
        assert_eq!(post_slug(&item("", "Hello, World")), "hello-world");
        assert_eq!(post_slug(&item("", "")), "post-42");
        assert_eq!(post_slug(&item("tags", "")), "tags-42");
        assert_eq!(post_slug(&item("search", "")), "search-42");
        assert_eq!(post_slug(&item("..", "..")), "post-42");
    }

    #[test]
    fn dates_are_local_times_with_their_offset_falling_back_as_wordpress_does() {
        let mut i = item("a", "A");
        i.date = "2020-01-02 23:30:00".into();
        i.date_gmt = "2020-01-03 07:30:00".into();
        assert_eq!(date_of(&i, None).to_string(), "2020-01-02T23:30:00-08:00");
        assert_eq!(site_offset([&i]), Some(-480));
        i.date_gmt = "2020-01-02 18:00:00".into();
        assert_eq!(date_of(&i, None).to_string(), "2020-01-02T23:30:00+05:30");
        // A draft has no GMT time: the site's offset, as WordPress converts with its time zone.
        let mut draft = item("d", "D");
        draft.date = "2021-06-01 09:00:00".into();
        draft.date_gmt = "0000-00-00 00:00:00".into();
        assert_eq!(
            date_of(&draft, Some(120)).to_string(),
            "2021-06-01T09:00:00+02:00"
        );
        assert_eq!(date_of(&draft, None).to_string(), "2021-06-01T09:00:00");
        assert_eq!(site_offset([&draft]), None);
        // Without a local time, the GMT time; without either, the modification time.
        i.date = "0000-00-00 00:00:00".into();
        assert_eq!(date_of(&i, None).to_string(), "2020-01-02T18:00:00Z");
        i.date_gmt = "0000-00-00 00:00:00".into();
        i.modified = "2020-02-02 10:00:00".into();
        i.modified_gmt = "2020-02-02 09:00:00".into();
        assert_eq!(date_of(&i, None).to_string(), "2020-02-02T10:00:00+01:00");
    }

    #[test]
    fn summaries_come_from_the_excerpt_or_the_more_tag() {
        let mut i = item("a", "A");
        i.content = "<p>Intro &amp; <b>more</b> [gallery ids=\"1\"]</p>\n<!--more-->\nRest".into();
        assert_eq!(summary(&i).as_deref(), Some("Intro & more"));
        i.excerpt = "Hand <em>written</em>.<p>Two</p>".into();
        assert_eq!(summary(&i).as_deref(), Some("Hand written. Two"));
        i.excerpt.clear();
        i.content = "No more tag".into();
        assert_eq!(summary(&i), None);
    }

    #[test]
    fn categories_become_tags_or_a_series() {
        let mut i = item("a", "A");
        i.terms = vec![
            (
                "category".into(),
                "uncategorized".into(),
                "Uncategorized".into(),
            ),
            ("category".into(), "news".into(), "News".into()),
            ("post_tag".into(), "news".into(), "news".into()),
            ("category".into(), "mobility".into(), "Mobility".into()),
        ];
        let (tags, series) = terms(&i, &["mobility".into()]);
        assert_eq!(tags, ["news"]);
        assert_eq!(series.as_deref(), Some("Mobility"));
    }
}
