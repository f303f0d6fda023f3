//! From a parsed export to the documents of the new site: which items become posts, pages and
//! drafts (and which are skipped, and why), their places and slugs (always one safe path
//! segment), front matter, and converted bodies. Nothing here touches the disk.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

use crate::content::frontmatter::Format;
use crate::scaffold::write_front::{Value, document};

use super::comments::{comments_file, skipped_comments};
use super::convert::{self, Note};
use super::env::{Attachment, Attachments, Env};
use super::front::{Front, post_slug};
use super::links::{Links, Target};
use super::media::MediaUses;
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
    let entries = entries(export, &mut plan);
    let shared = Shared {
        links: Arc::new(links_of(export, &entries)),
        attachments,
        known_uploads,
    };
    let items: Vec<(&Item, &str)> = entries.iter().map(|e| (e.item, e.rel.as_str())).collect();
    let mut front = Front::new(export, &items, series, menus.order);
    for entry in entries {
        let doc = make_doc(entry, &shared, &mut front);
        plan.docs.push(doc);
    }
    plan.aliases = front.aliases;
    let _ = format;
    plan
}

/// One item to import, and where it goes.
struct Entry<'a> {
    item: &'a Item,
    kind: Kind,
    /// Its file in the site.
    rel: String,
    /// Where its media files go.
    media_dir: String,
    /// What links to its old address lead to now.
    target: Target,
}

/// What every document's conversion shares.
struct Shared {
    links: Arc<Links>,
    attachments: Arc<Attachments>,
    known_uploads: Arc<BTreeSet<String>>,
}

/// The items that become documents, each with its place; the others counted as skipped.
fn entries<'a>(export: &'a Export, plan: &mut Plan) -> Vec<Entry<'a>> {
    let by_id: BTreeMap<u64, &Item> = export.items.iter().map(|i| (i.id, i)).collect();
    let mut used_posts = BTreeSet::new();
    let mut entries = Vec::new();
    for item in &export.items {
        let Some(kind) = classify(item, plan) else {
            continue;
        };
        let (rel, media_dir, target) = if item.post_type == "page" {
            let path = page_path(item, &by_id);
            // A page with comments is a bundle, its comments.toml beside it.
            let rel = if comments_file(item).is_some() {
                format!("pages/{}/index.md", path.join("/"))
            } else {
                format!("pages/{}.md", path.join("/"))
            };
            let target = Target::Page(format!("@/{rel}"));
            (rel, "static/wp-content/uploads/".to_string(), target)
        } else {
            let slug = unique(post_slug(item), item.id, &mut used_posts);
            (
                format!("posts/{slug}/index.md"),
                format!("posts/{slug}/"),
                Target::Post(format!("@/{slug}/index.md")),
            )
        };
        entries.push(Entry {
            item,
            kind,
            rel,
            media_dir,
            target,
        });
    }
    entries
}

/// What an item becomes: a post, a page or a draft; `None` (counted in the plan) for what is
/// not imported. Attachments and menu entries are read elsewhere.
fn classify(item: &Item, plan: &mut Plan) -> Option<Kind> {
    let document = matches!(item.post_type.as_str(), "post" | "page");
    if document && !item.password.is_empty() {
        skip(plan, "password-protected");
        return None;
    }
    let why = match (item.post_type.as_str(), item.status.as_str()) {
        ("post", "publish" | "future") => return Some(Kind::Post),
        ("page", "publish" | "future") => return Some(Kind::Page),
        ("post" | "page", "draft" | "pending") => return Some(Kind::Draft),
        ("attachment" | "nav_menu_item", _) => return None,
        ("post" | "page", "private") => "private".to_string(),
        ("post" | "page", "trash") => "trashed".to_string(),
        ("post" | "page", other) => format!("status `{other}`"),
        (other, _) => format!("type `{other}`"),
    };
    skip(plan, &why);
    None
}

/// Where links to the old site lead now: each imported document's old address, and each
/// attachment's own page (to its file).
fn links_of(export: &Export, entries: &[Entry]) -> Links {
    let mut links = Links::new(&[&export.link, &export.base_blog_url]);
    for e in entries.iter().filter(|e| e.kind != Kind::Draft) {
        links.add(&e.item.link, e.item.id, e.target.clone());
    }
    for item in export.items.iter().filter(|i| i.post_type == "attachment") {
        if !item.attachment_url.is_empty() && !item.link.is_empty() {
            links.add(
                &item.link,
                item.id,
                Target::Media(item.attachment_url.clone()),
            );
        }
    }
    links
}

/// One document: its body converted, its media and featured image, its front matter.
fn make_doc(entry: Entry, shared: &Shared, front: &mut Front) -> Doc {
    let Entry {
        item,
        kind,
        rel,
        media_dir,
        ..
    } = entry;
    let page = item.post_type == "page";
    let env = Env {
        links: shared.links.clone(),
        attachments: shared.attachments.clone(),
        post_id: item.id,
        static_media: page,
        known_uploads: shared.known_uploads.clone(),
        footnotes: item.meta("footnotes").map(str::to_string),
    };
    let body = convert::convert(&item.content, &env);
    let mut media = body.media;
    let image = item
        .meta("_thumbnail_id")
        .and_then(|id| id.trim().parse::<u64>().ok())
        .and_then(|id| shared.attachments.get(&id))
        .map(|a| {
            let mut one = MediaUses {
                to_static: page,
                known: shared.known_uploads.clone(),
                ..MediaUses::default()
            };
            let name = one.use_url(&a.url);
            media.extend(one);
            name
        });
    let mut file_notes = Vec::new();
    let fields = front.fields(item, kind == Kind::Draft, &rel, &mut file_notes);
    Doc {
        rel,
        media_dir,
        fields,
        body: body.markdown,
        notes: body.notes,
        file_notes,
        comments: comments_file(item),
        comments_skipped: skipped_comments(item),
        media,
        image,
        kind,
        scheduled: item.status == "future",
    }
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::fields::{date_of, site_offset, summary, terms};

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
