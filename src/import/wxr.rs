//! Reading a WordPress eXtended RSS export (WXR 1.0–1.2) with quick-xml's streaming reader into
//! plain items: posts, pages, attachments and their comments. Untrusted input: a DOCTYPE that
//! defines entities is refused before anything else is read, and only XML's own entities are
//! expanded.

use quick_xml::Reader;
use quick_xml::events::{BytesRef, BytesStart, Event};

use crate::diagnostic::Diagnostic;

/// A whole export: the site it came from and every item in it.
#[derive(Debug, Default)]
pub struct Export {
    /// `<channel><title>`.
    pub title: String,
    /// `<channel><link>`: the old site's address.
    pub link: String,
    /// `wp:base_blog_url`, when given.
    pub base_blog_url: String,
    /// `<channel><description>`: the tagline.
    pub description: String,
    /// `<channel><language>`, e.g. `en-US`.
    pub language: String,
    /// `wp:wxr_version`.
    pub version: String,
    /// `(login, display name)` of each `wp:author`.
    pub authors: Vec<(String, String)>,
    /// The items, in export order.
    pub items: Vec<Item>,
}

/// One `<item>`: a post, page, attachment, menu item, ...
#[derive(Debug, Default, Clone)]
pub struct Item {
    /// `wp:post_id`.
    pub id: u64,
    /// `<title>`.
    pub title: String,
    /// `<link>`: the item's permalink on the old site.
    pub link: String,
    /// `<guid>`.
    pub guid: String,
    /// `dc:creator`: the author's login.
    pub creator: String,
    /// `content:encoded`: the body as WordPress stores it.
    pub content: String,
    /// `excerpt:encoded`.
    pub excerpt: String,
    /// `wp:post_date` (site-local time) and `wp:post_date_gmt`, as `YYYY-MM-DD HH:MM:SS`.
    pub date: String,
    /// `wp:post_date_gmt` (`0000-00-00 00:00:00` for drafts).
    pub date_gmt: String,
    /// `wp:post_modified`, when the export has it.
    pub modified: String,
    /// `wp:post_modified_gmt`.
    pub modified_gmt: String,
    /// `wp:post_name`: the slug.
    pub name: String,
    /// `wp:status`: publish, draft, pending, future, private, trash, inherit.
    pub status: String,
    /// `wp:post_parent` (0: none).
    pub parent: u64,
    /// `wp:menu_order`.
    pub menu_order: i64,
    /// `wp:post_type`.
    pub post_type: String,
    /// `wp:post_password`: protected posts are not published.
    pub password: String,
    /// `wp:attachment_url`.
    pub attachment_url: String,
    /// `(domain, nicename, name)` of each `<category>` (categories, tags, formats).
    pub terms: Vec<(String, String, String)>,
    /// `(key, value)` of each `wp:postmeta`.
    pub meta: Vec<(String, String)>,
    /// The comments.
    pub comments: Vec<Comment>,
}

impl Item {
    /// The value of the post meta `key`.
    pub fn meta(&self, key: &str) -> Option<&str> {
        self.meta
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    }
}

/// One `wp:comment`.
#[derive(Debug, Default, Clone)]
pub struct Comment {
    /// `wp:comment_id`.
    pub id: u64,
    /// `wp:comment_author`.
    pub author: String,
    /// `wp:comment_author_url`.
    pub author_url: String,
    /// `wp:comment_date` (local) and `wp:comment_date_gmt`.
    pub date: String,
    /// `wp:comment_date_gmt`.
    pub date_gmt: String,
    /// `wp:comment_content`.
    pub content: String,
    /// `wp:comment_approved`: `1`, `0` (pending), `spam`, `trash`.
    pub approved: String,
    /// `wp:comment_type`: empty or `comment`, `pingback`, `trackback`.
    pub kind: String,
    /// `wp:comment_parent` (0: top level).
    pub parent: u64,
}

/// Where the element being read sits.
#[derive(PartialEq)]
enum Scope {
    Channel,
    Author,
    Item,
    Meta,
    Comment,
    Other,
}

/// Reads an export from its text.
/// An error is a [`Diagnostic`] at its line and column; the caller names the file.
pub fn parse(text: &str) -> Result<Export, Diagnostic> {
    let mut reader = Reader::from_str(text);
    reader.config_mut().check_end_names = true;
    let mut state = ReadState {
        text,
        ..ReadState::default()
    };
    loop {
        let start = reader.buffer_position();
        let event = reader.read_event().map_err(|e| {
            error_at(
                text,
                reader.error_position(),
                format!("malformed XML: {e}"),
                "the export is damaged; export it again from WordPress (Tools › Export)",
            )
        })?;
        match event {
            Event::DocType(d) => {
                if d.contains("<!ENTITY") || d.contains("<!entity") {
                    return Err(error_at(
                        text,
                        start,
                        "the export declares its own XML entities in a DOCTYPE".into(),
                        "WordPress never writes a DOCTYPE; this file is not a genuine export (entity definitions are refused: they can expand without bound)",
                    ));
                }
            }
            Event::Start(e) => state.start_element(&e, start)?,
            Event::Empty(e) => state.check_root(e.name().as_ref(), start)?,
            Event::Text(t) => state.buf.push_str(&t.xml10_content()),
            Event::CData(t) => state.buf.push_str(&t.xml10_content()),
            Event::GeneralRef(r) => match entity_char(&r) {
                Some(c) => state.buf.push(c),
                None => {
                    return Err(error_at(
                        text,
                        start,
                        format!("unknown entity `&{};`", r.as_ref()),
                        "XML knows only &amp; &lt; &gt; &quot; &apos; and numeric references; the export is damaged",
                    ));
                }
            },
            Event::End(e) => state.end_element(e.name().as_ref()),
            Event::Eof => break,
            Event::Comment(_) | Event::Decl(_) | Event::PI(_) => {}
        }
    }
    state.finish()
}

/// An error at byte `offset` of `text`, placed at its line and column.
fn error_at(text: &str, offset: u64, message: String, hint: &'static str) -> Diagnostic {
    let (line, column) = line_col(text, offset as usize);
    Diagnostic {
        position: Some((line, column)),
        ..Diagnostic::new(message)
    }
    .with_hint(hint)
}

/// The character an entity or character reference stands for: XML's five entities and numeric
/// references only.
fn entity_char(r: &BytesRef<'_>) -> Option<char> {
    match r.resolve_char_ref() {
        Ok(Some(c)) => Some(c),
        Ok(None) => match r.as_ref() {
            "amp" => Some('&'),
            "lt" => Some('<'),
            "gt" => Some('>'),
            "quot" => Some('"'),
            "apos" => Some('\''),
            _ => None,
        },
        Err(_) => None,
    }
}

/// What [`parse`] holds between events: the export so far and the records being read.
#[derive(Default)]
struct ReadState<'a> {
    /// The whole export, for error positions.
    text: &'a str,
    export: Export,
    /// Open elements, by qualified name, and the offset of each.
    open: Vec<(String, u64)>,
    scopes: Vec<Scope>,
    /// The text of the innermost open element so far.
    buf: String,
    item: Item,
    comment: Comment,
    meta: (String, String),
    author: (String, String),
    /// `(domain, nicename)` of the `<category>` being read.
    term_attrs: (String, String),
    seen_root: bool,
}

impl ReadState<'_> {
    /// Refuses a document whose first element is not `<rss>`.
    fn check_root(&mut self, name: &str, start: u64) -> Result<(), Diagnostic> {
        if !self.seen_root {
            if let Some(m) = root_problem(name) {
                return Err(error_at(self.text, start, m, NOT_WXR));
            }
            self.seen_root = true;
        }
        Ok(())
    }

    /// An element opens at `start`: its scope, and a fresh record where one begins.
    fn start_element(&mut self, e: &BytesStart<'_>, start: u64) -> Result<(), Diagnostic> {
        let name = e.name().as_ref().to_string();
        self.check_root(&name, start)?;
        let scope = match (self.scopes.last(), name.as_str()) {
            (_, "channel") if self.open.len() == 1 => Scope::Channel,
            (Some(Scope::Channel), "item") => {
                self.item = Item::default();
                Scope::Item
            }
            (Some(Scope::Channel), "wp:author") => {
                self.author = Default::default();
                Scope::Author
            }
            (Some(Scope::Item), "wp:postmeta") => {
                self.meta = Default::default();
                Scope::Meta
            }
            (Some(Scope::Item), "wp:comment") => {
                self.comment = Comment::default();
                Scope::Comment
            }
            (Some(Scope::Item), "category") => {
                self.term_attrs = term_attributes(e);
                Scope::Other
            }
            _ => Scope::Other,
        };
        self.scopes.push(scope);
        self.open.push((name, start));
        self.buf.clear();
        Ok(())
    }

    /// An element closes: a finished record joins its parent, a field's text its record.
    fn end_element(&mut self, name: &str) {
        self.open.pop();
        let scope = self.scopes.pop().unwrap_or(Scope::Other);
        let value = std::mem::take(&mut self.buf);
        match scope {
            Scope::Item => self.export.items.push(std::mem::take(&mut self.item)),
            Scope::Author => self.export.authors.push(std::mem::take(&mut self.author)),
            Scope::Meta => self.item.meta.push(std::mem::take(&mut self.meta)),
            Scope::Comment => self.item.comments.push(std::mem::take(&mut self.comment)),
            Scope::Channel => {}
            Scope::Other => self.field(name, value),
        }
    }

    /// The text `value` of field element `name`, stored in the record that holds it.
    fn field(&mut self, name: &str, value: String) {
        match self.scopes.last() {
            Some(Scope::Channel) => channel_field(&mut self.export, name, value),
            Some(Scope::Author) => match name {
                "wp:author_login" => self.author.0 = value,
                "wp:author_display_name" => self.author.1 = value,
                _ => {}
            },
            Some(Scope::Item) if name == "category" => {
                let (domain, nicename) = std::mem::take(&mut self.term_attrs);
                self.item.terms.push((domain, nicename, value));
            }
            Some(Scope::Item) => item_field(&mut self.item, name, value),
            Some(Scope::Meta) => match name {
                "wp:meta_key" => self.meta.0 = value,
                "wp:meta_value" => self.meta.1 = value,
                _ => {}
            },
            Some(Scope::Comment) => comment_field(&mut self.comment, name, value),
            _ => {}
        }
    }

    /// The export, once the end of the text is reached: refused when truncated, empty or not WXR.
    fn finish(self) -> Result<Export, Diagnostic> {
        let text = self.text;
        if let Some((name, offset)) = self.open.last() {
            return Err(error_at(
                text,
                text.len() as u64,
                format!(
                    "the export ends in the middle of `<{name}>` (opened at line {})",
                    line_col(text, *offset as usize).0
                ),
                "the file is truncated; export it again, or copy it again in full",
            ));
        }
        if !self.seen_root {
            return Err(error_at(
                text,
                0,
                "the file holds no XML element".into(),
                NOT_WXR,
            ));
        }
        if self.export.version.is_empty() {
            return Err(error_at(
                text,
                0,
                "this RSS file has no `wp:wxr_version`: it is not a WordPress export".into(),
                NOT_WXR,
            ));
        }
        Ok(self.export)
    }
}

const NOT_WXR: &str = "export the site in WordPress with Tools › Export › All content, and pass the .xml file it gives";

/// Why a root element other than `<rss>` is not an export.
fn root_problem(name: &str) -> Option<String> {
    (name != "rss").then(|| {
        format!("the document's root is `<{name}>`, not `<rss>`: this is not a WordPress export")
    })
}

fn term_attributes(e: &BytesStart<'_>) -> (String, String) {
    let get = |key: &str| {
        e.try_get_attribute(key)
            .ok()
            .flatten()
            .and_then(|a| {
                a.normalized_value(quick_xml::XmlVersion::Implicit1_0)
                    .ok()
                    .map(|v| v.into_owned())
            })
            .unwrap_or_default()
    };
    (get("domain"), get("nicename"))
}

fn channel_field(export: &mut Export, name: &str, value: String) {
    match name {
        "title" => export.title = value,
        "link" => export.link = value.trim().to_string(),
        "wp:base_blog_url" => export.base_blog_url = value.trim().to_string(),
        "description" => export.description = value.trim().to_string(),
        "language" => export.language = value.trim().to_string(),
        "wp:wxr_version" => export.version = value.trim().to_string(),
        _ => {}
    }
}

fn item_field(item: &mut Item, name: &str, value: String) {
    let number = |v: &str| v.trim().parse().unwrap_or(0);
    match name {
        "title" => item.title = value,
        "link" => item.link = value.trim().to_string(),
        "guid" => item.guid = value.trim().to_string(),
        "dc:creator" => item.creator = value,
        "content:encoded" => item.content = value,
        "excerpt:encoded" => item.excerpt = value,
        "wp:post_id" => item.id = number(&value),
        "wp:post_date" => item.date = value.trim().to_string(),
        "wp:post_date_gmt" => item.date_gmt = value.trim().to_string(),
        "wp:post_modified" => item.modified = value.trim().to_string(),
        "wp:post_modified_gmt" => item.modified_gmt = value.trim().to_string(),
        "wp:post_name" => item.name = value.trim().to_string(),
        "wp:status" => item.status = value.trim().to_string(),
        "wp:post_parent" => item.parent = number(&value),
        "wp:menu_order" => item.menu_order = value.trim().parse().unwrap_or(0),
        "wp:post_type" => item.post_type = value.trim().to_string(),
        "wp:post_password" => item.password = value,
        "wp:attachment_url" => item.attachment_url = value.trim().to_string(),
        _ => {}
    }
}

fn comment_field(comment: &mut Comment, name: &str, value: String) {
    match name {
        "wp:comment_id" => comment.id = value.trim().parse().unwrap_or(0),
        "wp:comment_author" => comment.author = value,
        "wp:comment_author_url" => comment.author_url = value.trim().to_string(),
        "wp:comment_date" => comment.date = value.trim().to_string(),
        "wp:comment_date_gmt" => comment.date_gmt = value.trim().to_string(),
        "wp:comment_content" => comment.content = value,
        "wp:comment_approved" => comment.approved = value.trim().to_string(),
        "wp:comment_type" => comment.kind = value.trim().to_string(),
        "wp:comment_parent" => comment.parent = value.trim().parse().unwrap_or(0),
        _ => {}
    }
}

/// 1-based line and column (in characters) of byte `offset` of `text`.
pub fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let before = &text[..offset];
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    (
        before.matches('\n').count() + 1,
        before[line_start..].chars().count() + 1,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn wxr(version: &str, items: &str) -> String {
        format!(
            r#"<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:excerpt="http://wordpress.org/export/{version}/excerpt/" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/{version}/">
<channel>
<title>Old &amp; Gold</title>
<link>https://old.example</link>
<wp:wxr_version>{version}</wp:wxr_version>
<wp:author><wp:author_login><![CDATA[ann]]></wp:author_login><wp:author_display_name><![CDATA[Ann B]]></wp:author_display_name></wp:author>
{items}
</channel>
</rss>
"#
        )
    }

    const ITEM: &str = r#"<item>
<title>Hello &lt;world&gt; &#8211; one</title>
<link>https://old.example/2020/01/hello/</link>
<guid isPermaLink="false">https://old.example/?p=7</guid>
<dc:creator><![CDATA[ann]]></dc:creator>
<content:encoded><![CDATA[First line
<b>bold</b> ]]]]><![CDATA[> end]]></content:encoded>
<excerpt:encoded><![CDATA[]]></excerpt:encoded>
<wp:post_id>7</wp:post_id>
<wp:post_date>2020-01-02 03:04:05</wp:post_date>
<wp:post_date_gmt>2020-01-02 11:04:05</wp:post_date_gmt>
<wp:post_name>hello</wp:post_name>
<wp:status>publish</wp:status>
<wp:post_parent>0</wp:post_parent>
<wp:post_type>post</wp:post_type>
<category domain="category" nicename="news"><![CDATA[News]]></category>
<category domain="post_tag" nicename="a-b"><![CDATA[A B]]></category>
<wp:postmeta><wp:meta_key>_thumbnail_id</wp:meta_key><wp:meta_value><![CDATA[9]]></wp:meta_value></wp:postmeta>
<wp:comment><wp:comment_id>3</wp:comment_id><wp:comment_author><![CDATA[Bo]]></wp:comment_author><wp:comment_content><![CDATA[Nice]]></wp:comment_content><wp:comment_approved>1</wp:comment_approved><wp:comment_parent>0</wp:comment_parent></wp:comment>
</item>"#;

    #[test]
    fn reads_items_of_wxr_1_1_and_1_2() {
        for version in ["1.1", "1.2"] {
            let export = parse(&wxr(version, ITEM)).unwrap();
            assert_eq!(export.version, version);
            assert_eq!(export.title, "Old & Gold");
            assert_eq!(export.authors, [("ann".into(), "Ann B".into())]);
            let item = &export.items[0];
            assert_eq!(item.title, "Hello <world> \u{2013} one");
            assert_eq!(item.content, "First line\n<b>bold</b> ]]> end");
            assert_eq!(item.id, 7);
            assert_eq!(item.date_gmt, "2020-01-02 11:04:05");
            assert_eq!(
                item.terms[1],
                ("post_tag".into(), "a-b".into(), "A B".into())
            );
            assert_eq!(item.meta("_thumbnail_id"), Some("9"));
            assert_eq!(item.comments[0].content, "Nice");
        }
    }

    #[test]
    fn refuses_entity_definitions_at_once() {
        let laughs = "<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [\n<!ENTITY lol \"lol\">\n<!ENTITY lol2 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">\n]>\n<rss><channel>&lol2;</channel></rss>";
        let e = parse(laughs).unwrap_err();
        assert_eq!(e.position.map(|p| p.0), Some(2));
        assert!(e.message.contains("entities"), "{e:?}");
    }

    #[test]
    fn a_truncated_export_names_the_open_element() {
        let text = wxr("1.2", ITEM);
        let cut = &text[..text.find("<wp:post_name>").unwrap()];
        let e = parse(cut).unwrap_err();
        assert!(e.message.contains("middle of `<item>`"), "{e:?}");
        assert!(e.message.contains("line 8"), "{e:?}");
    }

    #[test]
    fn malformed_xml_and_other_documents_are_named() {
        let e = parse("<rss><channel>\n<title>x</titel></channel></rss>").unwrap_err();
        assert_eq!(e.position.map(|p| p.0), Some(2), "{e:?}");
        assert!(e.message.starts_with("malformed XML"), "{e:?}");
        let e = parse("<html><body/></html>").unwrap_err();
        assert!(e.message.contains("not a WordPress export"), "{e:?}");
        let e = parse("<rss><channel><title>x</title></channel></rss>").unwrap_err();
        assert!(e.message.contains("wxr_version"), "{e:?}");
        let e = parse("<rss><channel>&bogus;</channel></rss>").unwrap_err();
        assert!(e.message.contains("&bogus;"), "{e:?}");
        assert!(parse("").is_err());
    }
}
