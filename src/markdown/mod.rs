//! Markdown through pulldown-cmark: options, heading ids and outline, `@/` link rewriting, and
//! splicing rendered shortcodes in place of their placeholders.

use std::collections::{HashMap, HashSet};

mod autolink;
#[cfg(test)]
mod gfm_spec;

use pulldown_cmark::{CodeBlockKind, CowStr, Event, LinkType, Options, Parser, Tag, TagEnd};
use serde::Serialize;

use crate::schemes::Place;

/// The Markdown extensions every document is parsed with.
pub fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_SMART_PUNCTUATION
        | Options::ENABLE_HEADING_ATTRIBUTES
}

/// A heading, for the table of contents and anchor checks.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Heading {
    /// 1-6.
    pub level: u8,
    /// The `id` attribute (unique in the page).
    pub id: String,
    /// Plain text of the heading.
    pub title: String,
}

/// Ids the default theme uses around the content; headings never take them.
pub const RESERVED_IDS: &[&str] = &[
    "main",
    "content",
    "series-box-title",
    "toc-title",
    "post-exercises-title",
    "exercise-cues",
    "exercise-equipment",
    "exercise-used-in",
    "other-posts-title",
];

/// What phase 1 needs to know about a document without rendering it.
#[derive(Debug, Clone, Default)]
pub struct Outline {
    /// Headings in order, with their final ids.
    pub headings: Vec<Heading>,
    /// Plain text of the first paragraph.
    pub first_paragraph: String,
    /// Number of words of text.
    pub word_count: usize,
}

/// Turns heading text into an id: lowercase letters and digits, other runs become `-`.
pub fn slugify(text: &str) -> String {
    let mut out = String::new();
    let mut dash = false;
    for c in text.chars() {
        if c.is_alphanumeric() {
            if dash && !out.is_empty() {
                out.push('-');
            }
            dash = false;
            out.extend(c.to_lowercase());
        } else {
            dash = true;
        }
    }
    out
}

/// Reads headings (assigning unique ids), the first paragraph and the word count of `text`.
pub fn outline(text: &str) -> Outline {
    let mut o = Outline::default();
    let mut used = UsedIds {
        taken: RESERVED_IDS.iter().map(|s| s.to_string()).collect(),
        ..UsedIds::default()
    };
    let mut heading: Option<(u8, Option<String>, String)> = None;
    let mut para: Option<String> = None;
    let mut seen_para = false;
    for event in Parser::new_ext(text, options()) {
        match event {
            Event::Start(Tag::Heading { level, id, .. }) => {
                heading = Some((level as u8, id.map(|i| i.to_string()), String::new()))
            }
            Event::End(TagEnd::Heading(_)) => {
                if let Some((level, id, title)) = heading.take() {
                    let title = title.trim().to_string();
                    let base = id.unwrap_or_else(|| slugify(&title));
                    let id = used.unique(&base);
                    o.headings.push(Heading { level, id, title });
                }
            }
            Event::Start(Tag::Paragraph) if !seen_para => para = Some(String::new()),
            Event::End(TagEnd::Paragraph) => {
                if let Some(p) = para.take() {
                    let p = p.split_whitespace().collect::<Vec<_>>().join(" ");
                    if !p.is_empty() {
                        o.first_paragraph = p;
                        seen_para = true;
                    }
                }
            }
            Event::Text(t) | Event::Code(t) => {
                o.word_count += t.split_whitespace().count();
                if let Some((_, _, title)) = &mut heading {
                    title.push_str(&t);
                }
                if let Some(p) = &mut para {
                    p.push_str(&t);
                }
            }
            Event::SoftBreak | Event::HardBreak => {
                if let Some(p) = &mut para {
                    p.push(' ');
                }
            }
            _ => {}
        }
    }
    o
}

/// Ids taken so far in a page, and for each base id the next suffix to try, so that n headings
/// with the same text cost O(n) (a scan from `-1` each time was quadratic: 20,000 took 19 s).
#[derive(Default)]
struct UsedIds {
    taken: HashSet<String>,
    next: HashMap<String, usize>,
    /// Candidate ids tried in all: the cost that must stay linear.
    tries: usize,
}

impl UsedIds {
    fn unique(&mut self, base: &str) -> String {
        let base = if base.is_empty() { "section" } else { base };
        self.tries += 1;
        if self.taken.insert(base.to_string()) {
            return base.to_string();
        }
        let n = self.next.entry(base.to_string()).or_insert(1);
        loop {
            let id = format!("{base}-{n}");
            *n += 1;
            self.tries += 1;
            if self.taken.insert(id.clone()) {
                return id;
            }
        }
    }
}

/// What rendering asks of its caller.
pub trait Hooks {
    /// The URL for an `@/…` link at `offset` (of the rendered text), or `None` to leave it
    /// unchanged (the hook records the error).
    fn link(&mut self, dest: &str, offset: usize) -> Option<String>;
    /// The HTML of the shortcode whose placeholder starts inside `range`, with the end of its span.
    fn shortcode_in(&mut self, range: std::ops::Range<usize>) -> Option<(String, usize)>;
    /// The HTML of the image `![alt](dest "title")` at `offset`, and its URL, or `None` to leave
    /// it as Markdown renders it (the hook records any error).
    fn image(
        &mut self,
        dest: &str,
        alt: &str,
        title: &str,
        offset: usize,
    ) -> Option<(String, String)>;
    /// Records a destination the HTML links to from `offset`: every link and image of the
    /// Markdown (as rendered, `@/` links resolved) and every `href`/`src` of its raw HTML.
    fn destination(&mut self, url: &str, offset: usize);
    /// A URL the Markdown writes (a link's or an image's destination, before `@/` links are
    /// resolved) at `offset`, for the scheme policy (the hook records any error).
    fn written_url(&mut self, url: &str, place: Place, offset: usize);
    /// The HTML of a fenced code block whose info string starts with `lang` (highlighted), or
    /// `None` to leave it as Markdown renders it.
    fn code_block(&mut self, lang: &str, code: &str) -> Option<String>;
}

/// Where in `text[range]` (a link or image) its destination `dest` is written: after `](` for an
/// inline link, inside `<…>` for an autolink; the start of the range when it is not found (a
/// reference link, or a destination written with escapes or entities).
fn destination_offset(text: &str, range: std::ops::Range<usize>, dest: &str) -> usize {
    let Some(src) = text.get(range.clone()) else {
        return range.start;
    };
    let from = src.find("](").map_or(0, |i| i + 2);
    match src[from..].find(dest) {
        Some(i) if !dest.is_empty() => range.start + from + i,
        _ => range.start,
    }
}

/// Renders `text` (with shortcodes already masked) to HTML. `offset` is added to every byte
/// position reported to the hooks; `ids` are the heading ids from [`outline`] (empty: no ids).
pub fn render(text: &str, offset: usize, ids: &[Heading], hooks: &mut dyn Hooks) -> String {
    let mut ids = ids.iter();
    let mut skip_until = 0usize;
    let mut events = Vec::new();
    let mut reading = Reading::default();
    // Running text not yet emitted (consecutive text events, for GFM's autolinks).
    let mut pending: Option<(String, usize)> = None;
    for (event, range) in Parser::new_ext(text, options()).into_offset_iter() {
        let at = offset + range.start;
        reading.note(&event, events.len());
        if let Event::Text(t) = &event
            && reading.may_autolink()
        {
            pending
                .get_or_insert_with(|| (String::new(), at))
                .0
                .push_str(t);
            continue;
        }
        push_autolinked(pending.take(), &mut events, hooks);
        let inline_html = matches!(event, Event::InlineHtml(_));
        match event {
            Event::Start(Tag::Heading { .. }) => {
                let id = ids.next().map(|h| CowStr::from(h.id.clone()));
                events.push(with_id(event, id));
            }
            Event::Start(Tag::Link { .. }) => {
                let url_at = |dest: &str| offset + destination_offset(text, range.clone(), dest);
                events.push(start_link(event, url_at, at, hooks));
            }
            Event::Start(Tag::Image {
                ref dest_url,
                ref title,
                ..
            }) => {
                let url_at = offset + destination_offset(text, range.clone(), dest_url);
                hooks.written_url(dest_url, Place::Image, url_at);
                if reading.image.is_none() {
                    let (dest, title) = (dest_url.to_string(), title.to_string());
                    reading.image = Some((dest, title, String::new(), at, events.len()));
                }
                events.push(event);
            }
            Event::End(TagEnd::Image) => {
                finish_image(reading.image.take(), event, &mut events, hooks)
            }
            Event::End(TagEnd::CodeBlock) => {
                finish_code(reading.code.take(), event, &mut events, hooks)
            }
            Event::Html(html) | Event::InlineHtml(html) => splice_html(
                &html,
                at..offset + range.end,
                &mut skip_until,
                hooks,
                inline_html,
                &mut events,
            ),
            other => events.push(other),
        }
    }
    push_autolinked(pending.take(), &mut events, hooks);
    let mut out = String::with_capacity(text.len() * 3 / 2);
    pulldown_cmark::html::push_html(&mut out, events.into_iter());
    out
}

/// What [`render`] is inside of, as it reads the events.
#[derive(Default)]
struct Reading {
    /// The image being read: its destination, title, alt text, offset and first event.
    image: Option<(String, String, String, usize, usize)>,
    /// Links open (autolinks may not be inside one).
    in_link: usize,
    /// Inside a code block (autolinks may not be there either).
    in_code_block: bool,
    /// The fenced block being read: its language word, its text and its first event.
    code: Option<(String, String, usize)>,
}

impl Reading {
    /// Notes what `event`, which will be event number `next`, opens, closes or adds to: an
    /// image's alt text, a code block and its text, a link.
    fn note(&mut self, event: &Event<'_>, next: usize) {
        if let Some((_, _, alt, _, _)) = &mut self.image
            && let Event::Text(t) | Event::Code(t) = event
        {
            alt.push_str(t);
        }
        match event {
            Event::Start(Tag::CodeBlock(kind)) => {
                self.in_code_block = true;
                self.code = fenced_language(kind).map(|lang| (lang, String::new(), next));
            }
            Event::Text(t) if self.in_code_block => {
                if let Some((_, text, _)) = &mut self.code {
                    text.push_str(t);
                }
            }
            Event::End(TagEnd::CodeBlock) => self.in_code_block = false,
            Event::Start(Tag::Link { .. }) => self.in_link += 1,
            Event::End(TagEnd::Link) => self.in_link = self.in_link.saturating_sub(1),
            _ => {}
        }
    }

    /// Whether text read now may hold GFM autolinks: not in an image, a link or a code block.
    fn may_autolink(&self) -> bool {
        self.image.is_none() && (self.in_link, self.in_code_block) == (0, false)
    }
}

/// The language word of a fenced block's info string (`rust` of "rust,ignore" or "rust {.x}"),
/// if it has one.
fn fenced_language(kind: &CodeBlockKind) -> Option<String> {
    let CodeBlockKind::Fenced(info) = kind else {
        return None;
    };
    let word = info.split([' ', '\t', ',', '{']).next()?;
    (!word.is_empty()).then(|| word.to_string())
}

/// The end of a fenced block: the whole block (from its first event) replaced by the HTML the
/// hook makes of it (highlighted), or left as Markdown renders it.
fn finish_code<'a>(
    code: Option<(String, String, usize)>,
    end: Event<'a>,
    events: &mut Vec<Event<'a>>,
    hooks: &mut dyn Hooks,
) {
    match code.and_then(|(lang, text, first)| Some((hooks.code_block(&lang, &text)?, first))) {
        Some((html, first)) => {
            events.truncate(first);
            events.push(Event::Html(html.into()));
        }
        None => events.push(end),
    }
}

/// A heading's start with its id from the outline (else the one written with `{#id}`).
fn with_id<'a>(event: Event<'a>, outline_id: Option<CowStr<'a>>) -> Event<'a> {
    match event {
        Event::Start(Tag::Heading {
            level,
            id,
            classes,
            attrs,
        }) => Event::Start(Tag::Heading {
            level,
            id: outline_id.or(id),
            classes,
            attrs,
        }),
        other => other,
    }
}

/// The end of an image: the whole image (from its first event) replaced by the picture the hook
/// makes of it, or left as Markdown renders it; its URL recorded as a destination.
fn finish_image<'a>(
    image: Option<(String, String, String, usize, usize)>,
    end: Event<'a>,
    events: &mut Vec<Event<'a>>,
    hooks: &mut dyn Hooks,
) {
    let Some((dest, title, alt, at, first)) = image else {
        events.push(end);
        return;
    };
    match hooks.image(&dest, &alt, &title, at) {
        Some((html, src)) => {
            hooks.destination(&src, at);
            events.truncate(first);
            events.push(Event::InlineHtml(html.into()));
        }
        None => {
            hooks.destination(&dest, at);
            events.push(end);
        }
    }
}

/// A link's start as the page gets it: its destination checked against the scheme policy (where
/// `url_at` says it is written), an `@/` link resolved, and recorded as a destination.
fn start_link<'a>(
    event: Event<'a>,
    url_at: impl Fn(&str) -> usize,
    at: usize,
    hooks: &mut dyn Hooks,
) -> Event<'a> {
    let Event::Start(Tag::Link {
        link_type,
        dest_url,
        title,
        id,
    }) = event
    else {
        return event;
    };
    hooks.written_url(&dest_url, Place::Link, url_at(&dest_url));
    let dest_url = if dest_url.starts_with("@/") {
        hooks.link(&dest_url, at).map_or(dest_url, CowStr::from)
    } else {
        dest_url
    };
    hooks.destination(&dest_url, at);
    Event::Start(Tag::Link {
        link_type,
        dest_url,
        title,
        id,
    })
}

/// Emits running text (and the offset it starts at), its bare URLs and e-mail addresses as links
/// (GFM's extended autolinks, see [`autolink`]), each recorded as a destination.
fn push_autolinked(
    pending: Option<(String, usize)>,
    events: &mut Vec<Event<'_>>,
    hooks: &mut dyn Hooks,
) {
    let Some((text, at)) = pending else {
        return;
    };
    let mut last = 0;
    for (range, href) in autolink::find(&text) {
        if range.start > last {
            events.push(Event::Text(text[last..range.start].to_string().into()));
        }
        hooks.destination(&href, at + range.start);
        // pulldown-cmark writes `mailto:` before an e-mail link's address itself.
        let (link_type, dest) = match href.strip_prefix("mailto:") {
            Some(address) => (LinkType::Email, address.to_string()),
            None => (LinkType::Autolink, href),
        };
        events.push(Event::Start(Tag::Link {
            link_type,
            dest_url: dest.into(),
            title: CowStr::Borrowed(""),
            id: CowStr::Borrowed(""),
        }));
        events.push(Event::Text(text[range.clone()].to_string().into()));
        events.push(Event::End(TagEnd::Link));
        last = range.end;
    }
    if last < text.len() {
        events.push(Event::Text(text[last..].to_string().into()));
    }
}

/// Emits raw HTML, replacing a shortcode placeholder (an HTML comment covering the call's span)
/// by the shortcode's output. Text of the event outside the placeholder is kept.
fn splice_html<'a>(
    html: &str,
    range: std::ops::Range<usize>,
    skip_until: &mut usize,
    hooks: &mut dyn Hooks,
    inline: bool,
    events: &mut Vec<Event<'a>>,
) {
    let wrap = |s: String| {
        if inline {
            Event::InlineHtml(s.into())
        } else {
            Event::Html(s.into())
        }
    };
    let after_marker = |h: &str| {
        h.find("-->")
            .map_or(String::new(), |i| h[i + 3..].to_string())
    };
    if range.start < *skip_until {
        // A later line of a placeholder: keep only what follows its end.
        if range.end > *skip_until {
            let rest = after_marker(html);
            if !rest.is_empty() {
                events.push(wrap(rest));
            }
        }
        return;
    }
    match hooks.shortcode_in(range.clone()) {
        Some((rendered, span_end)) => {
            let prefix = html.find("<!--").map_or("", |i| &html[..i]);
            let mut out = format!("{prefix}{rendered}");
            if range.end > span_end {
                out.push_str(&after_marker(html));
            }
            *skip_until = span_end;
            events.push(wrap(out));
        }
        None => {
            if crate::html::may_link(html) {
                // The event's text is the source's unless a container (list, quote) indents it:
                // then each link gets the start of the event.
                let exact = html.len() == range.len();
                for link in crate::html::scan(html).links {
                    let at = range.start + if exact { link.offset } else { 0 };
                    hooks.destination(&link.url, at);
                }
            }
            events.push(wrap(html.to_string()))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn heading_ids_are_slugged_and_deduplicated() {
        let o = outline(
            "# Hip mobilizations\n\n## Why? Why!\n\n## Why why\n\n## Custom {#mine}\n\nFirst *para*\ngraph.\n",
        );
        let ids: Vec<&str> = o.headings.iter().map(|h| h.id.as_str()).collect();
        assert_eq!(ids, ["hip-mobilizations", "why-why", "why-why-1", "mine"]);
        assert_eq!(o.first_paragraph, "First para graph.");
    }

    #[test]
    fn duplicate_ids_cost_linear_time_and_skip_ids_taken_explicitly() {
        let mut used = UsedIds::default();
        let n = 20_000;
        for _ in 0..n {
            used.unique("same");
        }
        assert!(used.tries <= 2 * n, "{} tries for {n} headings", used.tries);
        assert!(used.taken.contains("same-19999"));
        // `## A {#a-1}` first, then three `## A`: the suffix skips the id already taken.
        let o = outline("## A {#a-1}\n\n## A\n\n## A\n\n## A\n\n## Section\n\n##\n");
        let ids: Vec<&str> = o.headings.iter().map(|h| h.id.as_str()).collect();
        assert_eq!(ids, ["a-1", "a", "a-2", "a-3", "section", "section-1"]);
    }

    #[test]
    fn slugify_collapses_punctuation() {
        assert_eq!(
            slugify("Joint-by-Joint: Low Back Pain"),
            "joint-by-joint-low-back-pain"
        );
        assert_eq!(slugify("  --  "), "");
    }
}
