//! Reading HTML through the html5gum tokenizer: every link an element carries (`href`, `src`,
//! each `srcset` candidate) with its byte offset, and every id a fragment can point at.

use std::collections::BTreeSet;

use html5gum::{DefaultEmitter, Token, Tokenizer};

/// A URL found in an attribute.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Link {
    /// The attribute's value, entities decoded (one candidate of a `srcset`).
    pub url: String,
    /// Byte offset of its attribute in the scanned text.
    pub offset: usize,
}

/// What a document offers to links and asks of other documents.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Scan {
    /// Every link, in document order.
    pub links: Vec<Link>,
    /// Every `id` of any element, and every `name` of an `<a>`.
    pub ids: BTreeSet<String>,
}

/// Quick test for whether `html` may hold a link at all (to skip tokenising plain markup).
pub(crate) fn may_link(html: &str) -> bool {
    html.contains("href") || html.contains("src")
}

/// Tokenises `html` and collects its links and ids.
pub(crate) fn scan(html: &str) -> Scan {
    let mut emitter = DefaultEmitter::<usize>::new_with_span();
    // `<script>`, `<style>`, `<textarea>` and `<title>` hold text, not tags.
    emitter.naively_switch_states(true);
    let mut out = Scan::default();
    for token in Tokenizer::new_with_emitter(html, emitter) {
        let Ok(Token::StartTag(tag)) = token else {
            continue;
        };
        let attr = |name: &str| {
            tag.attributes
                .get(name.as_bytes())
                .map(|v| (String::from_utf8_lossy(&v.value).into_owned(), v.span.start))
        };
        for name in ["href", "src"] {
            if let Some((url, at)) = attr(name) {
                out.links.push(Link {
                    url: url.trim().to_string(),
                    offset: at,
                });
            }
        }
        if let Some((set, at)) = attr("srcset") {
            out.links.extend(srcset_urls(&set).map(|url| Link {
                url: url.to_string(),
                offset: at,
            }));
        }
        if let Some((id, _)) = attr("id") {
            out.ids.insert(id);
        }
        if &tag.name[..] == b"a"
            && let Some((name, _)) = attr("name")
        {
            out.ids.insert(name);
        }
    }
    out
}

/// The URLs of a `srcset` (`a.png 1x, b.png 2x`): the first word of each candidate.
fn srcset_urls(set: &str) -> impl Iterator<Item = &str> {
    set.split(',').filter_map(|c| c.split_whitespace().next())
}

/// HTML-escapes `text` onto `out`: `&`, `<`, `>` and `"` (an apostrophe stays as written, for
/// attributes in double quotes).
pub(crate) fn escape_text(out: &mut String, text: &str) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            c => out.push(c),
        }
    }
}

/// Escapes text for HTML element content and attribute values.
pub(crate) fn escape_html(s: &str) -> String {
    let mut out = Vec::with_capacity(s.len());
    // Writing to a Vec cannot fail; only ASCII bytes are replaced, so the text stays UTF-8.
    let _ = escape_into(s, &mut out);
    String::from_utf8(out).unwrap_or_default()
}

/// The escaping of every template value (Tera's escape function): the same five entities as
/// Tera's own, written a run of plain text at a time rather than a byte at a time (Tera's writes
/// every byte through `write_all`, a tenth of a cold build's time).
pub(crate) fn escape_into(s: &str, out: &mut dyn std::io::Write) -> std::io::Result<()> {
    let bytes = s.as_bytes();
    let mut plain = 0;
    for (i, &b) in bytes.iter().enumerate() {
        let entity: &[u8] = match b {
            b'&' => b"&amp;",
            b'<' => b"&lt;",
            b'>' => b"&gt;",
            b'"' => b"&quot;",
            b'\'' => b"&#39;",
            _ => continue,
        };
        out.write_all(&bytes[plain..i])?;
        out.write_all(entity)?;
        plain = i + 1;
    }
    out.write_all(&bytes[plain..])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaping_writes_what_teras_own_escape_writes() {
        for text in [
            "",
            "plain",
            "<a href=\"x\">Tom & Jerry's</a>",
            "'\"&<>",
            "é ü – 日本 <b>",
            "x&",
        ] {
            let mut ours = Vec::new();
            escape_into(text, &mut ours).unwrap();
            let mut teras = Vec::new();
            tera::escape_html(text, &mut teras).unwrap();
            assert_eq!(ours, teras, "{text:?}");
            assert_eq!(escape_html(text).as_bytes(), &teras[..]);
        }
    }

    fn urls(html: &str) -> Vec<String> {
        scan(html).links.into_iter().map(|l| l.url).collect()
    }

    #[test]
    fn links_come_from_any_element_and_srcset_candidates() {
        let html = r#"<link rel="stylesheet" href="/style.css"><p><a href="a/?x=1&amp;y=2">a</a>
<img src="i.png" srcset="s.png 1x, l.png 2x"><video src=v.mp4></video>"#;
        assert_eq!(
            urls(html),
            [
                "/style.css",
                "a/?x=1&y=2",
                "i.png",
                "s.png",
                "l.png",
                "v.mp4"
            ]
        );
    }

    #[test]
    fn ids_come_from_any_element_and_a_name() {
        let s = scan(r#"<div id="x"><a name="old"></a><span name="no"></span><h2 id=h>t</h2>"#);
        assert_eq!(s.ids.into_iter().collect::<Vec<_>>(), ["h", "old", "x"]);
    }

    #[test]
    fn script_and_comment_text_hold_no_links() {
        assert!(urls("<script>var s = '<a href=\"x\">';</script><!-- <a href=y> -->").is_empty());
    }

    #[test]
    fn offsets_point_at_the_attribute() {
        let html = "<p>\n<a title=t href=\"there\">";
        let link = &scan(html).links[0];
        assert_eq!(&html[link.offset..], "href=\"there\">");
    }
}
