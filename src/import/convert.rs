//! A post's WordPress body to Markdown: dynamic blocks written out ([`super::dynamic`]),
//! Gutenberg block comments removed (their content kept), shortcodes expanded ([`expand`]),
//! WordPress's paragraph rules for classic-editor text ([`super::autop`]), then htmd (a maintained
//! HTML-to-Markdown converter) with sitegen's handlers ([`super::handlers`]). What cannot be
//! converted stays visible and becomes a [`Note`] at its line.

use std::sync::{Arc, Mutex};

use super::dynamic::{self, FOOTNOTE_REF, FOOTNOTE_TEXT};
use super::env::Env;
use super::expand;
use super::handlers::{State, converter};
use super::kept::BRACE;
use super::markup::NOTE;
use super::media::MediaUses;
use super::wpcode;

/// Something in a body that a person should look at, by line of the Markdown body (1-based).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Note {
    /// Line in the converted body.
    pub line: usize,
    /// What was left, e.g. `[contact-form-7] shortcode left as text`.
    pub message: String,
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::env::{Attachment, Attachments};
    use crate::import::links::Links;

    fn env() -> Env {
        let mut attachments = Attachments::new();
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
