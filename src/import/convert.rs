//! A post's WordPress body to Markdown: Gutenberg block comments removed (their content kept),
//! shortcodes expanded ([`expand`]), WordPress's paragraph rules for classic-editor text
//! ([`super::autop`]), then htmd (a maintained HTML-to-Markdown converter) with handlers for what
//! sitegen does its own way: links between posts become `@/` links, images and media files point
//! at their imported copies, YouTube/Vimeo embeds become `{{ video(…) }}`, code blocks keep the
//! language their class names. What cannot be converted stays visible as text and becomes a
//! [`Note`] at its line.

use std::sync::{Arc, Mutex};

use htmd::element_handler::Handlers;
use htmd::{Element, HtmlToMarkdown};

use super::dynamic::{self, FOOTNOTE_REF, FOOTNOTE_TEXT};
use super::expand;
use super::kept::{self, BRACE};
use super::links::{Links, Target};
use super::markup::{NOTE, alt_text, destination, host_of, html_attr, note};
use super::media::MediaUses;
use super::tables;
use super::wpcode;

/// Something in a body that a person should look at, by line of the Markdown body (1-based).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Note {
    /// Line in the converted body.
    pub line: usize,
    /// What was left, e.g. `[contact-form-7] shortcode left as text`.
    pub message: String,
}

/// What a body needs from the rest of the export.
pub struct Env {
    /// Where the export's posts and pages are now.
    pub links: Arc<Links>,
    /// The export's attachments, for `[gallery]` and `[caption]`.
    pub attachments: Arc<expand::Attachments>,
    /// The post's own id (its attached images make a `[gallery]` without `ids`).
    pub post_id: u64,
    /// Media files go under `static/` (pages) rather than into a bundle (posts).
    pub static_media: bool,
    /// Upload paths of the export's attachments.
    pub known_uploads: Arc<std::collections::BTreeSet<String>>,
    /// The post's `footnotes` field (Gutenberg's footnotes, as JSON).
    pub footnotes: Option<String>,
}

/// A converted body.
#[derive(Debug, Default)]
pub struct Body {
    /// The Markdown.
    pub markdown: String,
    /// What needs a person.
    pub notes: Vec<Note>,
    /// The media files the body uses.
    pub media: MediaUses,
}

/// What the handlers share while one body is converted.
#[derive(Default)]
struct State {
    media: MediaUses,
    /// Note messages in the order their markers appear.
    notes: Vec<String>,
}

/// Converts one WordPress body.
pub fn convert(html: &str, env: &Env) -> Body {
    let state = Arc::new(Mutex::new(State {
        media: MediaUses {
            to_static: env.static_media,
            known: env.known_uploads.clone(),
            ..MediaUses::default()
        },
        notes: Vec::new(),
    }));
    let dynamic = dynamic::expand(html, env.footnotes.as_deref());
    let without_blocks = strip_block_comments(&dynamic);
    let mut notes_before = Vec::new();
    let expanded = expand::shortcodes(&without_blocks, env, &mut notes_before);
    let embedded = expand::lone_urls(&expanded, &mut notes_before);
    let paragraphs = if super::autop::applies(html) {
        super::autop::autop(&embedded)
    } else {
        embedded
    };
    let marked = mark_braces(&paragraphs);
    state.lock().expect("state").notes = notes_before;
    let converter = converter(env, &state);
    let markdown = converter.convert(&marked).unwrap_or_default();
    let state = Arc::try_unwrap(state)
        .map(|m| m.into_inner().expect("state"))
        .unwrap_or_else(|arc| {
            let mut s = arc.lock().expect("state");
            std::mem::take(&mut *s)
        });
    let (markdown, notes) = finish(&markdown, &state.notes);
    Body {
        markdown,
        notes,
        media: state.media,
    }
}

/// Removes `<!-- wp:… -->` and `<!-- /wp:… -->` comments, keeping what is between them.
pub fn strip_block_comments(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(at) = rest.find("<!--") {
        let after = rest[at + 4..].trim_start();
        if after.starts_with("wp:") || after.starts_with("/wp:") {
            out.push_str(&rest[..at]);
            match rest[at..].find("-->") {
                Some(end) => rest = &rest[at + end + 3..],
                None => rest = "",
            }
            // The block's own line break goes with it.
            rest = rest.strip_prefix('\n').unwrap_or(rest);
        } else {
            out.push_str(&rest[..at + 4]);
            rest = &rest[at + 4..];
        }
    }
    out.push_str(rest);
    out
}

/// `{` of the text (not of tags, code or preformatted blocks) replaced with [`BRACE`].
fn mark_braces(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut i = 0;
    while let Some(rel) = html[i..].find(['{', '<']) {
        let at = i + rel;
        out.push_str(&html[i..at]);
        if html[at..].starts_with('{') {
            out.push(BRACE);
            i = at + 1;
        } else {
            let skip = wpcode::raw_element_len(&html[at..]).unwrap_or(1);
            out.push_str(&html[at..at + skip]);
            i = at + skip;
        }
    }
    out.push_str(&html[i..]);
    out
}

/// The final Markdown: braces escaped, note markers turned into line numbers, runs of blank
/// lines collapsed, one newline at the end.
fn finish(markdown: &str, messages: &[String]) -> (String, Vec<Note>) {
    let mut out = String::with_capacity(markdown.len() + 16);
    let mut notes = Vec::new();
    let mut blank_run = 0;
    let mut lines = 0;
    let mut fence: Option<String> = None;
    for line in markdown.lines() {
        let line = line.trim_end();
        let marker: String = line
            .trim_start()
            .chars()
            .take_while(|c| *c == '`')
            .collect();
        let in_code = fence.is_some();
        match &fence {
            Some(open) if marker.len() >= open.len() && line.trim() == marker => fence = None,
            None if marker.len() >= 3 => fence = Some(marker),
            _ => {}
        }
        if !in_code {
            if line.is_empty() {
                blank_run += 1;
                if blank_run > 1 || out.is_empty() {
                    continue;
                }
            } else {
                blank_run = 0;
            }
        }
        // The text after a hard break (`\` ending the line before) starts at the margin.
        let line = if !in_code && out.ends_with("\\\n") {
            line.trim_start()
        } else {
            line
        };
        let line_no = lines + 1;
        let mut chars = line.chars();
        while let Some(c) = chars.next() {
            match c {
                BRACE => out.push_str("\\{"),
                FOOTNOTE_REF | FOOTNOTE_TEXT => {
                    let n = chars.next().map_or(0, dynamic::number);
                    out.push_str(&format!("[^{n}]"));
                    if c == FOOTNOTE_TEXT {
                        out.push_str(": ");
                    }
                }
                NOTE => {
                    let index = chars
                        .next()
                        .map_or(u32::MAX, |i| (i as u32).wrapping_sub(0xF0000));
                    if let Some(message) = messages.get(index as usize) {
                        notes.push(Note {
                            line: line_no,
                            message: message.clone(),
                        });
                    }
                }
                c => out.push(c),
            }
        }
        out.push('\n');
        lines += 1;
    }
    while out.ends_with("\n\n") {
        out.pop();
    }
    (out, notes)
}

fn attr(element: &Element, name: &str) -> Option<String> {
    element
        .attrs
        .iter()
        .find(|a| &*a.name.local == name)
        .map(|a| a.value.to_string())
}

fn converter(env: &Env, state: &Arc<Mutex<State>>) -> HtmlToMarkdown {
    let options = htmd::options::Options {
        bullet_list_marker: htmd::options::BulletListMarker::Dash,
        ul_bullet_spacing: 1,
        ol_number_spacing: 1,
        hr_style: htmd::options::HrStyle::Dashes,
        br_style: htmd::options::BrStyle::Backslash,
        ..Default::default()
    };
    let links = env.links.clone();
    let link_state = state.clone();
    let img_state = state.clone();
    let frame_state = state.clone();
    let media_state = state.clone();
    let form_state = state.clone();
    HtmlToMarkdown::builder()
        .options(options)
        .skip_tags(vec!["script", "style", "noscript", "head"])
        .add_handler(vec!["a"], move |h: &dyn Handlers, e: Element| {
            let text = h.walk_children(e.node).content;
            let Some(href) = attr(&e, "href") else {
                return Some(text.into());
            };
            let mut s = link_state.lock().expect("state");
            let dest = match links.resolve(&href) {
                Target::Post(key) => key,
                Target::Page(url) => url,
                Target::Media(url) => s.media.use_url(&url),
                Target::Unknown => {
                    let marker = note(
                        &mut s.notes,
                        format!("link to the old site `{}` matches no post of the export: left absolute", href.trim()),
                    );
                    format!("{marker}{}", href.trim())
                }
                Target::Other => href.trim().to_string(),
            };
            if text.trim().is_empty() {
                return Some(String::new().into());
            }
            let (marker, dest) = match dest.strip_prefix(NOTE) {
                Some(d) => {
                    let index = d.chars().next().map(String::from).unwrap_or_default();
                    (format!("{NOTE}{index}"), d[index.len()..].to_string())
                }
                None => (String::new(), dest),
            };
            // Two links side by side (a file block's name and its Download button) stay apart.
            let gap = if kept::follows(e.node, "a") { " " } else { "" };
            Some(format!("{gap}{marker}[{}]({})", text.trim(), destination(&dest)).into())
        })
        .add_handler(vec!["img"], move |_: &dyn Handlers, e: Element| {
            let src = attr(&e, "src")?;
            let alt = attr(&e, "alt").unwrap_or_default();
            let mut s = img_state.lock().expect("state");
            let src = s.media.use_url(&src);
            let alt = alt_text(&alt);
            let markdown = image_markdown(&mut s, &src, &alt);
            // An image WordPress floated or centred outside a figure keeps its place in the text.
            let in_figure = kept::inside(e.node, "figure");
            Some(match kept::layout_class(e.node).filter(|_| !in_figure) {
                Some(class) => format!("<span class=\"{class}\">{markdown}</span>").into(),
                None => markdown.into(),
            })
        })
        .add_handler(vec!["iframe", "embed"], move |_: &dyn Handlers, e: Element| {
            let src = attr(&e, "src").unwrap_or_default();
            let title = attr(&e, "title").unwrap_or_default();
            let mut s = frame_state.lock().expect("state");
            Some(embed(&src, &title, &mut s).into())
        })
        .add_handler(vec!["video", "audio"], move |h: &dyn Handlers, e: Element| {
            let src = attr(&e, "src").or_else(|| first_source(e.node));
            let Some(src) = src else {
                return Some(h.walk_children(e.node).content.into());
            };
            let mut s = media_state.lock().expect("state");
            let local = s.media.use_url(&src);
            let md = if e.tag == "video" && crate::video::parse(&local, "").is_ok() {
                format!("\n\n{}\n\n", video_call(&local, ""))
            } else {
                let name = local.rsplit('/').next().unwrap_or(&local).to_string();
                format!(
                    "\n\n<{0} controls preload=\"metadata\" src=\"{1}\"></{0}>\n\n[{2}]({3})\n\n",
                    e.tag,
                    html_attr(&local),
                    alt_text(&name),
                    destination(&local)
                )
            };
            Some(md.into())
        })
        .add_handler(vec!["figcaption"], |h: &dyn Handlers, e: Element| {
            let text = h.walk_children(e.node).content;
            let text = text.trim();
            Some(if text.is_empty() {
                String::new().into()
            } else {
                format!("\n\n*{}*\n\n", text.replace('\n', " ")).into()
            })
        })
        .add_handler(kept::inline_tags(), |h: &dyn Handlers, e: Element| {
            Some(kept::inline(h, &e).into())
        })
        .add_handler(vec!["code"], kept::code)
        .add_handler(kept::block_tags(), |h: &dyn Handlers, e: Element| {
            Some(kept::block(h, e.node).into())
        })
        .add_handler(vec!["table"], tables::table)
        .add_handler(
            vec!["form", "input", "select", "textarea", "button"],
            move |h: &dyn Handlers, e: Element| {
                let mut s = form_state.lock().expect("state");
                if e.tag == "form" {
                    let marker = note(
                        &mut s.notes,
                        "a form cannot send anything from a static site: its fields were left out, \
                         its text kept"
                            .into(),
                    );
                    drop(s);
                    let text = h.walk_children(e.node).content;
                    return Some(format!("\n\n{marker}{}\n\n", text.trim()).into());
                }
                if kept::inside(e.node, "form") {
                    return Some(String::new().into());
                }
                let marker = note(
                    &mut s.notes,
                    format!("a form field (`<{}>`) cannot work on a static site: left out", e.tag),
                );
                Some(marker.into())
            },
        )
        .add_handler(vec!["figure"], |h: &dyn Handlers, e: Element| {
            let mut pictures = false;
            kept::visit(e.node, &mut |n| {
                pictures |= kept::tag_of(n).is_some_and(|t| t == "img");
            });
            if pictures {
                Some(kept::block(h, e.node).into())
            } else {
                h.fallback(e)
            }
        })
        .add_handler(vec!["pre"], |_: &dyn Handlers, e: Element| {
            if let Some(html) = kept::pre(e.node) {
                return Some(html.into());
            }
            let mut code = String::new();
            text_of(e.node, &mut code);
            let language = language(&e).unwrap_or_default();
            let longest = longest_run(&code, '`');
            let fence = "`".repeat(3.max(longest + 1));
            let code = code.trim_matches('\n');
            Some(format!("\n\n{fence}{language}\n{code}\n{fence}\n\n").into())
        })
        .build()
}

/// A Markdown image; without alt text on the old site, marked decorative with a note.
fn image_markdown(s: &mut State, src: &str, alt: &str) -> String {
    // WordPress allows an image without alt text; sitegen does not, unless it is marked
    // decorative (an empty title). The export cannot say which it is, so the image keeps
    // its place and is marked decorative; the author can describe it later.
    if alt.is_empty() {
        let name = src.rsplit('/').next().unwrap_or(src);
        let marker = note(
            &mut s.notes,
            format!(
                "image `{name}` has no alt text on the old site: marked decorative \
                 (`![](… \"\")`); write what it shows between the brackets unless it is \
                 decoration"
            ),
        );
        format!("{marker}![]({} \"\")", destination(src))
    } else {
        format!("![{alt}]({})", destination(src))
    }
}

/// `{{ video(url="…") }}` (with a title when there is one).
pub(super) fn video_call(url: &str, title: &str) -> String {
    let q = crate::scaffold::matter::quote;
    if title.trim().is_empty() {
        format!("{{{{ video(url={}) }}}}", q(url))
    } else {
        format!("{{{{ video(url={}, title={}) }}}}", q(url), q(title.trim()))
    }
}

/// An iframe or embed: a video sitegen can embed, else a link to it and a note.
fn embed(src: &str, title: &str, state: &mut State) -> String {
    let src = src.trim();
    let src = if src.starts_with("//") {
        format!("https:{src}")
    } else {
        src.to_string()
    };
    if crate::video::parse(&src, title).is_ok() {
        return format!("\n\n{}\n\n", video_call(&src, title));
    }
    if src.is_empty() {
        return String::new();
    }
    let host = host_of(&src);
    let marker = note(
        &mut state.notes,
        format!("embed from {host} kept as a link (no sitegen embed for it)"),
    );
    let label = if title.trim().is_empty() {
        format!("Embedded content from {host}")
    } else {
        title.trim().to_string()
    };
    format!(
        "\n\n{marker}[{}]({})\n\n",
        alt_text(&label),
        destination(&src)
    )
}

fn first_source(node: &htmd::Node) -> Option<String> {
    use markup5ever_rcdom::NodeData;
    for child in node.children.borrow().iter() {
        if let NodeData::Element { name, attrs, .. } = &child.data
            && &*name.local == "source"
        {
            return attrs
                .borrow()
                .iter()
                .find(|a| &*a.name.local == "src")
                .map(|a| a.value.to_string());
        }
    }
    None
}

/// All the text under `node`, `<br>` as a newline (a code block's code).
fn text_of(node: &htmd::Node, out: &mut String) {
    use markup5ever_rcdom::NodeData;
    match &node.data {
        NodeData::Text { contents } => out.push_str(&contents.borrow()),
        NodeData::Element { name, .. } if &*name.local == "br" => out.push('\n'),
        _ => {}
    }
    for child in node.children.borrow().iter() {
        text_of(child, out);
    }
    // Braces inside code stay braces.
    if out.contains(BRACE) {
        *out = out.replace(BRACE, "{");
    }
}

/// The language a code block's classes name: `language-x`, `lang-x`, or SyntaxHighlighter's
/// `brush: x`, on the `<pre>` or its `<code>`.
fn language(e: &Element) -> Option<String> {
    use markup5ever_rcdom::NodeData;
    let mut classes = attr(e, "class").unwrap_or_default();
    for child in e.node.children.borrow().iter() {
        if let NodeData::Element { name, attrs, .. } = &child.data
            && &*name.local == "code"
            && let Some(c) = attrs.borrow().iter().find(|a| &*a.name.local == "class")
        {
            classes.push(' ');
            classes.push_str(&c.value);
        }
    }
    if let Some(brush) = classes.split("brush:").nth(1) {
        let lang = brush.trim().split([';', ' ']).next().unwrap_or("");
        if !lang.is_empty() {
            return Some(clean_language(lang));
        }
    }
    classes
        .split_whitespace()
        .find_map(|c| {
            c.strip_prefix("language-")
                .or_else(|| c.strip_prefix("lang-"))
        })
        .filter(|l| !l.is_empty())
        .map(clean_language)
}

fn clean_language(lang: &str) -> String {
    lang.chars()
        .filter(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '+' | '#' | '_'))
        .collect::<String>()
        .to_ascii_lowercase()
}

fn longest_run(s: &str, c: char) -> usize {
    let (mut best, mut run) = (0, 0);
    for ch in s.chars() {
        run = if ch == c { run + 1 } else { 0 };
        best = best.max(run);
    }
    best
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::expand::Attachment;

    fn env() -> Env {
        let mut attachments = expand::Attachments::new();
        for (id, order) in [(5, 2), (6, 1)] {
            attachments.insert(
                id,
                Attachment {
                    url: format!("https://o.example/wp-content/uploads/2020/01/p{id}.jpg"),
                    alt: format!("Photo {id}"),
                    caption: String::new(),
                    parent: 1,
                    order,
                },
            );
        }
        Env {
            links: Arc::new(Links::new(&["https://o.example"])),
            attachments: Arc::new(attachments),
            post_id: 1,
            static_media: false,
            known_uploads: Arc::default(),
            footnotes: None,
        }
    }

    #[test]
    fn media_shortcodes_become_videos_files_and_code() {
        let body = convert(
            "[audio https://o.example/wp-content/uploads/2020/01/talk.mp3]\n\n[youtube dQw4w9WgXcQ]\n\n[embed]https://vimeo.com/123[/embed]\n\n[audio mp3=\"https://o.example/wp-content/uploads/2020/01/song.mp3\"]\n\n[video src=\"https://o.example/wp-content/uploads/2020/01/clip.mp4\"]\n\n[code language=\"js\"]let a = b < c;[/code]",
            &env(),
        );
        let md = &body.markdown;
        for expected in [
            "{{ video(url=\"https://www.youtube.com/watch?v=dQw4w9WgXcQ\") }}",
            "{{ video(url=\"https://vimeo.com/123\") }}",
            "<audio controls preload=\"metadata\" src=\"song.mp3\"></audio>",
            "<audio controls preload=\"metadata\" src=\"talk.mp3\"></audio>",
            "{{ video(url=\"clip.mp4\") }}",
            "```js\nlet a = b < c;\n```",
        ] {
            assert!(md.contains(expected), "missing {expected:?} in:\n{md}");
        }
        let files: Vec<&String> = body.media.files.keys().collect();
        assert_eq!(files, ["clip.mp4", "song.mp3", "talk.mp3"]);
        assert!(body.notes.is_empty(), "{:?}", body.notes);
    }

    #[test]
    fn a_gallery_without_ids_shows_the_attached_images_in_order() {
        let md = convert("[gallery columns=\"2\"]", &env()).markdown;
        let (first, second) = (md.find("p6.jpg").unwrap(), md.find("p5.jpg").unwrap());
        assert!(first < second, "{md}");
    }

    #[test]
    fn unknown_shortcodes_and_embeds_stay_visible_with_notes_at_their_lines() {
        let body = convert(
            "Intro\n\n[contact-form-7 id=\"1\"]\n\nhttps://twitter.com/x/status/1\n\n<iframe src=\"https://maps.example/embed\"></iframe>\n\n[sic]",
            &env(),
        );
        let lines: Vec<&str> = body.markdown.lines().collect();
        let at = |note: &Note| lines[note.line - 1];
        assert_eq!(body.notes.len(), 3, "{:?}", body.notes);
        assert!(at(&body.notes[0]).contains("\\[contact-form-7 id=\"1\"\\]"));
        assert!(
            body.notes[0]
                .message
                .contains("[contact-form-7] shortcode left as text")
        );
        assert!(at(&body.notes[1]).contains("https://twitter.com/x/status/1"));
        assert!(at(&body.notes[2]).contains("https://maps.example/embed"));
        assert!(body.markdown.contains("\\[sic\\]"), "{}", body.markdown);
    }
    #[test]
    fn what_markdown_cannot_say_stays_html() {
        let md = convert(
            "<p>H<sub>2</sub>O and E = MC<sup>2</sup>, <del>old</del> <strike>gone</strike> <ins>new</ins>, \
             press <kbd>Ctrl</kbd>, <abbr title=\"World Wide Web\">WWW</abbr>, <var>x</var>, \
             <q>quoted</q> by <cite>Someone</cite> <mark>marked</mark>.</p>\
             <dl><dt>Term</dt><dd>Meaning with <a href=\"https://else.example/\">a link</a></dd></dl>\
             <address>1 Road<br>Town</address>\
             <p><code>a {<br>  b;<br>}</code></p>",
            &env(),
        )
        .markdown;
        for expected in [
            "H<sub>2</sub>O",
            "MC<sup>2</sup>",
            "<del>old</del> <s>gone</s> <ins>new</ins>",
            "<kbd>Ctrl</kbd>",
            "<abbr title=\"World Wide Web\">WWW</abbr>",
            "<var>x</var>",
            "<q>quoted</q> by <cite>Someone</cite> <mark>marked</mark>",
            "<dl>\n<dt>Term</dt>\n<dd>\n\nMeaning with [a link](https://else.example/)\n\n</dd>\n</dl>",
            "<address>1 Road<br>Town</address>",
            "<code>a &#123;<br> b;<br>}</code>",
        ] {
            assert!(md.contains(expected), "missing {expected:?} in:\n{md}");
        }
    }
    #[test]
    fn tables_become_gfm_tables_when_simple_and_stay_html_when_not() {
        let simple = convert(
            "<table><thead><tr><th>Move</th><th></th><th style=\"text-align:right\">Reps</th></tr></thead>\
             <tbody><tr><td>Bridge</td><td>a | b</td><td>10</td></tr><tr><td>Plank</td></tr></tbody></table>",
            &env(),
        )
        .markdown;
        assert!(
            simple.contains("| Move |  | Reps |\n| --- | --- | ---: |\n| Bridge | a \\| b | 10 |\n| Plank |  |  |"),
            "{simple}"
        );
        let merged = convert(
            "<table><caption>Week</caption><tr><td colspan=\"2\">Both <em>days</em></td></tr>\
             <tr><td><ul><li>one</li></ul></td><td>two</td></tr></table>",
            &env(),
        )
        .markdown;
        for expected in [
            "<table>\n<caption>Week</caption>\n<tbody>\n<tr>\n<td colspan=\"2\">Both <em>days</em></td>\n</tr>",
            "<td>\n\n- one\n\n</td>\n<td>two</td>\n</tr>\n</tbody>\n</table>",
        ] {
            assert!(
                merged.contains(expected),
                "missing {expected:?} in:\n{merged}"
            );
        }
    }
    #[test]
    fn footnotes_marked_preformatted_text_adjacent_links_and_forms() {
        let mut env = env();
        env.footnotes = Some(r#"[{"content":"Slowly.","id":"f1"}]"#.into());
        let body = convert(
            "<p>Roll<sup data-fn=\"f1\" class=\"fn\"><a href=\"#f1\" id=\"f1-link\">1</a></sup> twice.</p>\
             <pre><cite>A Poet</cite>\n  two  spaces\n\nand a gap</pre>\
             <div><a href=\"https://else.example/plan.pdf\">Plan</a><a href=\"https://else.example/plan.pdf\">Download</a></div>\
             <form action=\"/x\"><label>Rounds</label><input name=\"n\"><button>Start</button></form>",
            &env,
        );
        let md = &body.markdown;
        for expected in [
            "Roll[^1] twice.",
            "[^1]: Slowly.",
            "<pre><cite>A Poet</cite>\n  two  spaces\n\nand a gap</pre>",
            "[Plan](https://else.example/plan.pdf) [Download](https://else.example/plan.pdf)",
            "Rounds",
        ] {
            assert!(md.contains(expected), "missing {expected:?} in:\n{md}");
        }
        assert!(!md.contains("Start"), "{md}");
        assert_eq!(body.notes.len(), 1, "{:?}", body.notes);
        assert!(
            body.notes[0]
                .message
                .contains("a form cannot send anything")
        );
    }
}
