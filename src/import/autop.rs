//! WordPress's paragraph rules (`wpautop`) for classic-editor text, which stores paragraphs as
//! blank lines: a blank line ends a paragraph, a single newline is a `<br>`, nothing changes inside
//! `<pre>` (nor `<script>`, `<style>`), and block-level tags are never wrapped in `<p>`. Block-editor
//! content (it holds `<!-- wp:` comments) is already HTML, and WordPress leaves it alone too.

/// Block-level tags, as WordPress lists them in `wpautop`.
pub(super) const BLOCKS: &[&str] = &[
    "table",
    "thead",
    "tfoot",
    "caption",
    "col",
    "colgroup",
    "tbody",
    "tr",
    "td",
    "th",
    "div",
    "dl",
    "dd",
    "dt",
    "ul",
    "ol",
    "li",
    "pre",
    "form",
    "map",
    "area",
    "blockquote",
    "address",
    "math",
    "style",
    "p",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "hr",
    "fieldset",
    "legend",
    "section",
    "article",
    "aside",
    "hgroup",
    "header",
    "footer",
    "nav",
    "figure",
    "figcaption",
    "details",
    "menu",
    "summary",
    "iframe",
    "video",
    "audio",
];

/// Elements whose text is kept exactly as written.
const RAW: &[&str] = &["pre", "script", "style", "textarea"];

/// Whether WordPress would run `wpautop` on this content (it does not on block-editor posts).
pub fn applies(content: &str) -> bool {
    !content.contains("<!-- wp:")
}

/// `text` with WordPress's paragraphs and line breaks made explicit.
pub fn autop(text: &str) -> String {
    let text = text.replace("\r\n", "\n").replace('\r', "\n");
    if text.trim().is_empty() {
        return String::new();
    }
    // Tags, with newlines inside them made spaces, and blank lines around block tags; raw
    // elements are set aside whole.
    let mut spaced = String::with_capacity(text.len() + 64);
    let mut raws: Vec<&str> = Vec::new();
    let mut i = 0;
    while i < text.len() {
        let rest = &text[i..];
        let Some(tag) = Tag::at(rest) else {
            let skip = usize::from(rest.starts_with('<'));
            let next = rest[skip..].find('<').map_or(text.len(), |n| i + skip + n);
            spaced.push_str(&text[i..next]);
            i = next;
            continue;
        };
        if !tag.closing && RAW.contains(&tag.name.as_str()) {
            let close = format!("</{}", tag.name);
            let end = find_ci(&text[i + tag.len..], &close)
                .and_then(|at| {
                    let after = i + tag.len + at;
                    text[after..].find('>').map(|gt| after + gt + 1)
                })
                .unwrap_or(text.len());
            spaced.push_str("\n\n");
            spaced.push_str(&placeholder(raws.len()));
            spaced.push_str("\n\n");
            raws.push(&text[i..end]);
            i = end;
            continue;
        }
        let raw = text[i..i + tag.len].replace('\n', " ");
        if tag.is_block() {
            if tag.closing {
                spaced.push_str(&raw);
                spaced.push_str("\n\n");
            } else {
                spaced.push_str("\n\n");
                spaced.push_str(&raw);
            }
        } else {
            spaced.push_str(&raw);
        }
        i += tag.len;
    }
    let mut out = String::with_capacity(spaced.len() + 64);
    for chunk in split_paragraphs(&spaced) {
        paragraph(chunk, &mut out);
    }
    restore(&out, &raws)
}

/// A chunk between blank lines: block tags at its ends stay as they are, the rest becomes a
/// paragraph (unless a block tag opens the chunk, as in WordPress, but for `<blockquote>`).
fn paragraph(chunk: &str, out: &mut String) {
    let mut middle = chunk.trim();
    if middle.is_empty() {
        return;
    }
    let set_aside = middle.len() > 2
        && middle.starts_with('\u{E010}')
        && middle.ends_with('\u{E010}')
        && middle.matches('\u{E010}').count() == 2;
    if set_aside {
        out.push_str(middle);
        out.push('\n');
        return;
    }
    let mut lead = String::new();
    let mut wrap = true;
    while let Some(tag) = Tag::at(middle).filter(Tag::is_block) {
        lead.push_str(&middle[..tag.len]);
        wrap = !tag.closing && tag.name == "blockquote";
        middle = middle[tag.len..].trim_start();
    }
    let mut trail = Vec::new();
    while let Some(start) = last_block_tag(middle) {
        trail.push(&middle[start..]);
        middle = middle[..start].trim_end();
    }
    out.push_str(&lead);
    if !middle.is_empty() {
        if wrap {
            out.push_str("<p>");
        }
        // As WordPress: a newline after a written `<br>` is not another break.
        let lines: Vec<&str> = middle.lines().map(str::trim_end).collect();
        for (i, line) in lines.iter().enumerate() {
            out.push_str(line);
            if i + 1 < lines.len() {
                let lower = line.to_ascii_lowercase();
                let has_break = lower.ends_with("<br>")
                    || lower.ends_with("<br/>")
                    || lower.ends_with("<br />");
                out.push_str(if has_break { "\n" } else { "<br />\n" });
            }
        }
        if wrap {
            out.push_str("</p>");
        }
    }
    for t in trail.iter().rev() {
        out.push_str(t);
    }
    out.push('\n');
}

/// Start of a block tag that ends `s`, if one does.
fn last_block_tag(s: &str) -> Option<usize> {
    if !s.ends_with('>') {
        return None;
    }
    let start = s.rfind('<')?;
    let tag = Tag::at(&s[start..])?;
    (tag.is_block() && tag.len == s.len() - start).then_some(start)
}

fn split_paragraphs(s: &str) -> Vec<&str> {
    let mut chunks = Vec::new();
    let mut start = 0;
    let mut blank_run = false;
    let mut line_start = 0;
    for (i, c) in s.char_indices() {
        if c == '\n' {
            let line = &s[line_start..i];
            if line.trim().is_empty() {
                if !blank_run {
                    chunks.push(&s[start..line_start]);
                    blank_run = true;
                }
                start = i + 1;
            } else {
                blank_run = false;
            }
            line_start = i + 1;
        }
    }
    chunks.push(&s[start..]);
    chunks
}

fn placeholder(n: usize) -> String {
    format!("\u{E010}{n}\u{E010}")
}

fn restore(s: &str, raws: &[&str]) -> String {
    let mut out = s.to_string();
    for (n, raw) in raws.iter().enumerate() {
        out = out.replacen(&placeholder(n), raw, 1);
    }
    out
}

fn find_ci(hay: &str, needle: &str) -> Option<usize> {
    hay.to_ascii_lowercase().find(&needle.to_ascii_lowercase())
}

/// An HTML tag at the start of a string.
pub(crate) struct Tag {
    /// Lowercase element name.
    pub name: String,
    /// `</name>`.
    pub closing: bool,
    /// Bytes of the whole tag, `<` to `>`.
    pub len: usize,
}

impl Tag {
    /// The tag that `s` starts with, if it starts with one.
    pub fn at(s: &str) -> Option<Tag> {
        let rest = s.strip_prefix('<')?;
        let (closing, rest) = match rest.strip_prefix('/') {
            Some(r) => (true, r),
            None => (false, rest),
        };
        let name_len = rest
            .find(|c: char| !c.is_ascii_alphanumeric())
            .unwrap_or(rest.len());
        if name_len == 0 || !rest.as_bytes()[0].is_ascii_alphabetic() {
            return None;
        }
        let after = &rest[name_len..];
        if !after.is_empty() && !after.starts_with(['>', '/', ' ', '\n', '\t', '\r']) {
            return None;
        }
        let mut quote = None;
        for (i, c) in after.char_indices() {
            match (quote, c) {
                (None, '"' | '\'') => quote = Some(c),
                (Some(q), c) if c == q => quote = None,
                (None, '>') => {
                    return Some(Tag {
                        name: rest[..name_len].to_ascii_lowercase(),
                        closing,
                        len: s.len() - after.len() + i + 1,
                    });
                }
                _ => {}
            }
        }
        None
    }

    /// Whether the tag is one of WordPress's block-level tags.
    pub fn is_block(&self) -> bool {
        BLOCKS.contains(&self.name.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blank_lines_are_paragraphs_and_single_newlines_breaks() {
        assert_eq!(
            autop("One\ntwo\n\n\nThree <b>x</b>\n"),
            "<p>One<br />\ntwo</p>\n<p>Three <b>x</b></p>\n"
        );
    }

    #[test]
    fn pre_is_left_alone() {
        let text = "Code:\n\n<pre>a\n\nb\n</pre>\nAfter";
        assert_eq!(
            autop(text),
            "<p>Code:</p>\n<pre>a\n\nb\n</pre>\n<p>After</p>\n"
        );
    }

    #[test]
    fn block_tags_are_not_wrapped() {
        assert_eq!(
            autop("<h2>Title</h2>\nText\n<ul>\n<li>one</li>\n<li>two\nlines</li>\n</ul>"),
            "<h2>Title</h2>\n<p>Text</p>\n<ul>\n<li>one</li>\n<li>two<br />\nlines</li>\n</ul>\n"
        );
        assert_eq!(
            autop("<blockquote>Quote\nmore</blockquote>"),
            "<blockquote><p>Quote<br />\nmore</p></blockquote>\n"
        );
    }

    #[test]
    fn a_written_break_is_not_doubled() {
        assert_eq!(
            autop("One,<br>\ntwo<BR />\nthree"),
            "<p>One,<br>\ntwo<BR />\nthree</p>\n"
        );
    }

    #[test]
    fn newlines_inside_tags_are_not_breaks() {
        assert_eq!(
            autop("<a\nhref=\"x\">link</a> text"),
            "<p><a href=\"x\">link</a> text</p>\n"
        );
    }

    #[test]
    fn block_editor_content_is_recognised() {
        assert!(!applies(
            "<!-- wp:paragraph --><p>x</p><!-- /wp:paragraph -->"
        ));
        assert!(applies("plain"));
    }
}
