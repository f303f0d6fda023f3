//! What Markdown cannot say, kept as HTML in a converted body (sitegen passes raw HTML through):
//! inline elements such as `<sub>`, `<kbd>` or `<abbr title>` around their converted content,
//! inline code that spans lines, and block structures (definition lists, addresses, details,
//! tables a GFM table would flatten) whose cells hold plain text as one line of HTML, or else
//! their Markdown between blank lines, so that links and images inside are still rewritten.

use std::rc::Rc;

use htmd::Element;
use htmd::element_handler::Handlers;
use markup5ever_rcdom::{Node, NodeData};

/// Stands for a `{` of the text until the Markdown is written (then `\{`, so sitegen's own
/// shortcode scanner never reads WordPress text as a call; `&#123;` inside HTML).
pub(super) const BRACE: char = '\u{E012}';

/// Inline elements with no Markdown form, kept as tags around their converted content (the tag
/// written is the second: obsolete ones become their HTML5 equivalent).
const INLINE: &[(&str, &str)] = &[
    ("sub", "sub"),
    ("sup", "sup"),
    ("ins", "ins"),
    ("del", "del"),
    ("s", "s"),
    ("strike", "s"),
    ("kbd", "kbd"),
    ("abbr", "abbr"),
    ("acronym", "abbr"),
    ("var", "var"),
    ("q", "q"),
    ("cite", "cite"),
    ("mark", "mark"),
    ("small", "small"),
    ("u", "u"),
    ("dfn", "dfn"),
    ("tt", "code"),
    ("samp", "samp"),
    ("time", "time"),
    ("bdo", "bdo"),
    ("bdi", "bdi"),
];

/// Block elements kept as HTML, with the children each may hold as structure (every other child
/// is content: inline HTML when plain, Markdown between blank lines when not).
const BLOCKS: &[(&str, &[&str])] = &[
    ("dl", &["dt", "dd", "div"]),
    ("dt", &[]),
    ("dd", &[]),
    ("address", &[]),
    ("details", &["summary"]),
    ("figure", &["figure", "figcaption"]),
    ("figcaption", &[]),
    ("summary", &[]),
    (
        "table",
        &["caption", "colgroup", "thead", "tbody", "tfoot", "tr"],
    ),
    ("caption", &[]),
    ("colgroup", &["col"]),
    ("col", &[]),
    ("thead", &["tr"]),
    ("tbody", &["tr"]),
    ("tfoot", &["tr"]),
    ("tr", &["th", "td"]),
    ("th", &[]),
    ("td", &[]),
];

/// Attributes kept on a kept element (the rest belong to the old theme).
/// (Not `cite`: an address no reader sees, often not an address at all in real posts.)
const ATTRIBUTES: &[&str] = &[
    "title", "lang", "dir", "datetime", "colspan", "rowspan", "headers", "scope", "span", "open",
    "value",
];

/// Tags of the inline elements kept as HTML (for the converter's handler list).
pub(super) fn inline_tags() -> Vec<&'static str> {
    INLINE.iter().map(|(from, _)| *from).collect()
}

/// Tags of the block elements kept as HTML, apart from tables (the table handler decides).
pub(super) fn block_tags() -> Vec<&'static str> {
    vec!["dl", "address", "details"]
}

/// An inline element as its tag around the Markdown of its content.
pub(super) fn inline(h: &dyn Handlers, e: &Element) -> String {
    let content = h.walk_children(e.node).content;
    let name = INLINE
        .iter()
        .find(|(from, _)| *from == e.tag)
        .map_or(e.tag, |(_, to)| *to);
    if content.trim().is_empty() {
        return content;
    }
    // A kept tag may not hold a blank line (it would end the paragraph inside it).
    let content = collapse_blank_lines(&content);
    format!("{}{content}</{name}>", open_tag(name, e.node))
}

/// Inline code: Markdown's code span when it is one line, else HTML with its line breaks (a
/// code span cannot hold a line break).
pub(super) fn code(h: &dyn Handlers, e: Element) -> Option<htmd::element_handler::HandlerResult> {
    let mut multiline = false;
    visit(e.node, &mut |n| {
        multiline |= matches!(&n.data, NodeData::Element { name, .. } if &*name.local == "br")
            || matches!(&n.data, NodeData::Text { contents } if contents.borrow().contains('\n'));
    });
    if !multiline {
        return h.fallback(e);
    }
    let mut html = String::new();
    plain_html(e.node, &mut html);
    Some(html.into())
}

/// A block element kept as HTML, its own lines surrounded by blank lines.
pub(super) fn block(h: &dyn Handlers, node: &Rc<Node>) -> String {
    let mut out = String::from("\n\n");
    write_block(h, node, &mut out);
    out.push_str("\n\n");
    out
}

fn write_block(h: &dyn Handlers, node: &Rc<Node>, out: &mut String) {
    let Some(tag) = tag_of(node) else { return };
    let structure = BLOCKS
        .iter()
        .find(|(name, _)| *name == tag)
        .map_or(&[][..], |(_, s)| *s);
    if structure.is_empty() {
        out.push_str(&open_tag(&tag, node));
        if is_plain(node) {
            plain_children(node, out);
        } else {
            // Markdown between blank lines: read by sitegen, links and images rewritten.
            let markdown = h.walk_children(node).content;
            out.push_str("\n\n");
            out.push_str(markdown.trim_matches('\n'));
            out.push_str("\n\n");
        }
        out.push_str(&format!("</{tag}>\n"));
        return;
    }
    out.push_str(&open_tag(&tag, node));
    out.push('\n');
    let mut run: Vec<&Rc<Node>> = Vec::new();
    let children = node.children.borrow();
    for child in children.iter() {
        match tag_of(child) {
            Some(t) if structure.contains(&t.as_str()) => {
                flush(h, &run, out);
                run.clear();
                write_block(h, child, out);
            }
            _ => run.push(child),
        }
    }
    flush(h, &run, out);
    if tag_of(node).as_deref() != Some("col") {
        out.push_str(&format!("</{tag}>\n"));
    }
}

/// Content between structure: nothing when it is only white space, one line of HTML when it is
/// plain, else its Markdown between blank lines.
fn flush(h: &dyn Handlers, run: &[&Rc<Node>], out: &mut String) {
    let blank = run.iter().all(|n| match &n.data {
        NodeData::Text { contents } => contents.borrow().trim().is_empty(),
        NodeData::Element { .. } => false,
        _ => true,
    });
    if blank {
        return;
    }
    if run.iter().all(|n| is_plain_node(n)) {
        let mut line = String::new();
        for n in run {
            plain_node(n, &mut line);
        }
        out.push_str(line.trim());
        out.push('\n');
        return;
    }
    let mut markdown = String::new();
    for n in run {
        if let Some(result) = h.handle(n) {
            markdown.push_str(&result.content);
        }
    }
    out.push_str("\n\n");
    out.push_str(markdown.trim_matches('\n'));
    out.push_str("\n\n");
}

/// A `<pre>` that holds markup beyond code and line breaks (a `<cite>`, emphasis) as HTML, every
/// character of its text kept; `None` for a plain code block.
pub(super) fn pre(node: &Node) -> Option<String> {
    let mut marked = false;
    for child in node.children.borrow().iter() {
        visit(child, &mut |n| {
            marked |=
                tag_of(n).is_some_and(|t| !matches!(t.as_str(), "code" | "br" | "span" | "font"));
        });
    }
    if !marked {
        return None;
    }
    let mut html = String::from("\n\n<pre>");
    exact_html(node, &mut html);
    html.push_str("</pre>\n\n");
    Some(html)
}

/// The children of `node` as HTML with their text exactly as written (escaped, not collapsed).
fn exact_html(node: &Node, out: &mut String) {
    for child in node.children.borrow().iter() {
        match &child.data {
            NodeData::Text { contents } => {
                for c in contents.borrow().chars() {
                    push_escaped(c, out);
                }
            }
            NodeData::Element { .. } => {
                let tag = tag_of(child).unwrap_or_default();
                if tag == "br" {
                    out.push('\n');
                    continue;
                }
                let keep = is_simple_inline(&tag) && !matches!(tag.as_str(), "span" | "font");
                if keep {
                    out.push_str(&open_tag(&tag, child));
                }
                exact_html(child, out);
                if keep {
                    out.push_str(&format!("</{tag}>"));
                }
            }
            _ => {}
        }
    }
}

/// True for text, and for an element that [`is_plain`] with a tag that needs no rewriting.
fn is_plain_node(node: &Node) -> bool {
    match tag_of(node) {
        Some(tag) => is_simple_inline(&tag) && is_plain(node),
        None => true,
    }
}

fn is_simple_inline(tag: &str) -> bool {
    matches!(
        tag,
        "em" | "i" | "strong" | "b" | "code" | "br" | "span" | "font"
    ) || INLINE.iter().any(|(from, _)| *from == tag)
}

/// True when a node holds only text and inline elements that need no rewriting: what can be
/// written as HTML on one line and read the same (no links, media, code blocks or blocks).
pub(super) fn is_plain(node: &Node) -> bool {
    node.children.borrow().iter().all(|c| is_plain_node(c))
}

/// The children of a plain node as HTML on one line.
fn plain_children(node: &Node, out: &mut String) {
    let children = node.children.borrow();
    let mut line = String::new();
    for child in children.iter() {
        plain_node(child, &mut line);
    }
    out.push_str(line.trim());
}

fn plain_node(node: &Node, out: &mut String) {
    match &node.data {
        NodeData::Text { contents } => push_text(&contents.borrow(), out),
        NodeData::Element { .. } => plain_html(node, out),
        _ => {}
    }
}

/// A plain element as HTML (its tag mapped to HTML5, its attributes filtered), text escaped.
fn plain_html(node: &Node, out: &mut String) {
    let Some(tag) = tag_of(node) else {
        plain_node(node, out);
        return;
    };
    let name = match tag.as_str() {
        "i" => "em",
        "b" => "strong",
        t => INLINE
            .iter()
            .find(|(from, _)| *from == t)
            .map_or(t, |(_, to)| *to),
    }
    .to_string();
    let keep = !matches!(name.as_str(), "span" | "font");
    if name == "br" {
        out.push_str("<br>");
        return;
    }
    if keep {
        out.push_str(&open_tag(&name, node));
    }
    for child in node.children.borrow().iter() {
        match &child.data {
            NodeData::Text { contents } => push_text(&contents.borrow(), out),
            NodeData::Element { .. } => plain_html(child, out),
            _ => {}
        }
    }
    if keep {
        out.push_str(&format!("</{name}>"));
    }
}

/// Text as HTML on one line: `&`, `<`, `>` and `{` escaped, white space runs as one space.
fn push_text(text: &str, out: &mut String) {
    let mut space = false;
    for c in text.chars() {
        if c.is_whitespace() {
            space = true;
            continue;
        }
        if space {
            out.push(' ');
            space = false;
        }
        push_escaped(c, out);
    }
    if space {
        out.push(' ');
    }
}

/// A character of text as HTML: `&`, `<`, `>` escaped, and `{` (never read as a shortcode).
fn push_escaped(c: char, out: &mut String) {
    match c {
        '&' => out.push_str("&amp;"),
        '<' => out.push_str("&lt;"),
        '>' => out.push_str("&gt;"),
        '{' | BRACE => out.push_str("&#123;"),
        c => out.push(c),
    }
}

/// `<name attr="…">` with the attributes worth keeping.
fn open_tag(name: &str, node: &Node) -> String {
    let mut tag = format!("<{name}");
    if let NodeData::Element { attrs, .. } = &node.data {
        for a in attrs.borrow().iter() {
            let key = &*a.name.local;
            if ATTRIBUTES.contains(&key) {
                let value = a.value.replace(BRACE, "{");
                tag.push_str(&format!(" {key}=\"{}\"", super::markup::html_attr(&value)));
            }
        }
    }
    if let Some(class) = layout_class(node) {
        tag.push_str(&format!(" class=\"{class}\""));
    }
    tag.push('>');
    tag
}

/// The theme's classes for what WordPress's classes say about a picture's layout: its alignment
/// (`align-left`, `align-right`, `align-center`), the size it was given (`size-thumbnail`,
/// `size-medium`), and a gallery with its columns (`gallery columns-3`).
pub(super) fn layout_class(node: &Node) -> Option<String> {
    let NodeData::Element { attrs, .. } = &node.data else {
        return None;
    };
    let attrs = attrs.borrow();
    let class = attrs.iter().find(|a| &*a.name.local == "class")?;
    let mut out: Vec<String> = Vec::new();
    for word in class.value.split_whitespace() {
        let mapped = match word {
            "alignleft" => Some("align-left".to_string()),
            "alignright" => Some("align-right".to_string()),
            "aligncenter" => Some("align-center".to_string()),
            "size-thumbnail" | "size-medium" => Some(word.to_string()),
            "gallery" | "wp-block-gallery" => Some("gallery".to_string()),
            w => w
                .strip_prefix("columns-")
                .or_else(|| w.strip_prefix("gallery-columns-"))
                .filter(|n| matches!(*n, "1" | "2" | "3" | "4" | "5" | "6" | "7" | "8" | "9"))
                .map(|n| format!("columns-{n}")),
        };
        if let Some(m) = mapped
            && !out.contains(&m)
        {
            out.push(m);
        }
    }
    (!out.is_empty()).then(|| out.join(" "))
}

/// The element name of a node, if it is an element.
pub(super) fn tag_of(node: &Node) -> Option<String> {
    match &node.data {
        NodeData::Element { name, .. } => Some(name.local.to_string()),
        _ => None,
    }
}

/// True when an ancestor of `node` is a `tag` element.
pub(super) fn inside(node: &Node, tag: &str) -> bool {
    let mut parent = node.parent.take();
    node.parent.set(parent.clone());
    while let Some(p) = parent.as_ref().and_then(|w| w.upgrade()) {
        if tag_of(&p).is_some_and(|t| t == tag) {
            return true;
        }
        parent = p.parent.take();
        p.parent.set(parent.clone());
    }
    false
}

/// True when the node just before `node` (no text between) is a `tag` element.
pub(super) fn follows(node: &Node, tag: &str) -> bool {
    let parent = node.parent.take();
    node.parent.set(parent.clone());
    let Some(parent) = parent.and_then(|w| w.upgrade()) else {
        return false;
    };
    let children = parent.children.borrow();
    let at = children.iter().position(|c| std::ptr::eq(&**c, node));
    at.and_then(|i| i.checked_sub(1))
        .and_then(|i| tag_of(&children[i]))
        .is_some_and(|t| t == tag)
}

/// Calls `f` on `node` and everything under it.
pub(super) fn visit(node: &Node, f: &mut dyn FnMut(&Node)) {
    f(node);
    for child in node.children.borrow().iter() {
        visit(child, f);
    }
}

fn collapse_blank_lines(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for line in s.split('\n') {
        if line.trim().is_empty() {
            if !out.ends_with(' ') && !out.is_empty() {
                out.push(' ');
            }
        } else {
            if !out.is_empty() && !out.ends_with(' ') {
                out.push('\n');
            }
            out.push_str(line);
        }
    }
    out
}
