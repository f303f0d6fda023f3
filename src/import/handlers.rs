//! The htmd converter with sitegen's handlers: links between posts become `@/` links, images and
//! media files point at their imported copies, YouTube/Vimeo embeds become `{{ video(…) }}`, code
//! blocks keep their language, forms are reported, and what Markdown cannot say is kept as HTML
//! ([`super::kept`], [`super::tables`]).

use std::sync::{Arc, Mutex};

use htmd::element_handler::{HandlerResult, Handlers};
use htmd::{Element, HtmlToMarkdown};

use super::env::Env;
use super::kept::{self, BRACE};
use super::links::{Links, Target};
use super::markup::{NOTE, alt_text, destination, host_of, html_attr, note};
use super::media::MediaUses;
use super::tables;

/// What the handlers share while one body is converted.
#[derive(Default)]
pub(super) struct State {
    pub(super) media: MediaUses,
    /// Note messages in the order their markers appear.
    pub(super) notes: Vec<String>,
}

fn attr(element: &Element, name: &str) -> Option<String> {
    element
        .attrs
        .iter()
        .find(|a| &*a.name.local == name)
        .map(|a| a.value.to_string())
}

pub(super) fn converter(env: &Env, state: &Arc<Mutex<State>>) -> HtmlToMarkdown {
    let options = htmd::options::Options {
        bullet_list_marker: htmd::options::BulletListMarker::Dash,
        ul_bullet_spacing: 1,
        ol_number_spacing: 1,
        hr_style: htmd::options::HrStyle::Dashes,
        br_style: htmd::options::BrStyle::Backslash,
        ..Default::default()
    };
    let (links, s) = (env.links.clone(), state.clone());
    let link_handler = move |h: &dyn Handlers, e: Element| link(&links, &s, h, e);
    let s = state.clone();
    let img_handler = move |_: &dyn Handlers, e: Element| image(&s, e);
    let s = state.clone();
    let frame_handler = move |_: &dyn Handlers, e: Element| frame(&s, e);
    let s = state.clone();
    let media_handler = move |h: &dyn Handlers, e: Element| player(&s, h, e);
    let s = state.clone();
    let form_handler = move |h: &dyn Handlers, e: Element| form(&s, h, e);
    HtmlToMarkdown::builder()
        .options(options)
        .skip_tags(vec!["script", "style", "noscript", "head"])
        .add_handler(vec!["a"], link_handler)
        .add_handler(vec!["img"], img_handler)
        .add_handler(vec!["iframe", "embed"], frame_handler)
        .add_handler(vec!["video", "audio"], media_handler)
        .add_handler(vec!["figcaption"], figcaption)
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
            form_handler,
        )
        .add_handler(vec!["figure"], figure)
        .add_handler(vec!["pre"], pre)
        .build()
}

/// A link: to a post or page of the export as an `@/` link, to an upload as its imported copy,
/// to the old site's unknown page left absolute with a note.
fn link(
    links: &Links,
    state: &Mutex<State>,
    h: &dyn Handlers,
    e: Element,
) -> Option<HandlerResult> {
    let text = h.walk_children(e.node).content;
    let Some(href) = attr(&e, "href") else {
        return Some(text.into());
    };
    let mut s = state.lock().expect("state");
    let dest = match links.resolve(&href) {
        Target::Post(key) => key,
        Target::Page(url) => url,
        Target::Media(url) => s.media.use_url(&url),
        Target::Unknown => {
            let marker = note(
                &mut s.notes,
                format!(
                    "link to the old site `{}` matches no post of the export: left absolute",
                    href.trim()
                ),
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
}

/// An image, with its alignment outside a figure.
fn image(state: &Mutex<State>, e: Element) -> Option<HandlerResult> {
    let src = attr(&e, "src")?;
    let alt = attr(&e, "alt").unwrap_or_default();
    let mut s = state.lock().expect("state");
    let src = s.media.use_url(&src);
    let alt = alt_text(&alt);
    let markdown = image_markdown(&mut s, &src, &alt);
    // An image WordPress floated or centred outside a figure keeps its place in the text.
    let in_figure = kept::inside(e.node, "figure");
    Some(match kept::layout_class(e.node).filter(|_| !in_figure) {
        Some(class) => format!("<span class=\"{class}\">{markdown}</span>").into(),
        None => markdown.into(),
    })
}

/// An iframe or embed: a video, or a link with a note.
fn frame(state: &Mutex<State>, e: Element) -> Option<HandlerResult> {
    let src = attr(&e, "src").unwrap_or_default();
    let title = attr(&e, "title").unwrap_or_default();
    let mut s = state.lock().expect("state");
    Some(embed(&src, &title, &mut s).into())
}

/// An `<audio>` or `<video>`: a video sitegen embeds, else the element with a link to its file.
fn player(state: &Mutex<State>, h: &dyn Handlers, e: Element) -> Option<HandlerResult> {
    let src = attr(&e, "src").or_else(|| first_source(e.node));
    let Some(src) = src else {
        return Some(h.walk_children(e.node).content.into());
    };
    let mut s = state.lock().expect("state");
    let local = s.media.use_url(&src);
    let md = if e.tag == "video" && crate::video_url::parse(&local, "").is_ok() {
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
}

/// A caption outside a kept figure: an emphasised paragraph.
fn figcaption(h: &dyn Handlers, e: Element) -> Option<HandlerResult> {
    let text = h.walk_children(e.node).content;
    let text = text.trim();
    Some(if text.is_empty() {
        String::new().into()
    } else {
        format!("\n\n*{}*\n\n", text.replace('\n', " ")).into()
    })
}

/// A form and its fields: what a static site cannot do, reported; the form's text kept.
fn form(state: &Mutex<State>, h: &dyn Handlers, e: Element) -> Option<HandlerResult> {
    let mut s = state.lock().expect("state");
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
        format!(
            "a form field (`<{}>`) cannot work on a static site: left out",
            e.tag
        ),
    );
    Some(marker.into())
}

/// A figure holding a picture, kept as HTML with its caption; any other figure's content.
fn figure(h: &dyn Handlers, e: Element) -> Option<HandlerResult> {
    let mut pictures = false;
    kept::visit(e.node, &mut |n| {
        pictures |= kept::tag_of(n).is_some_and(|t| t == "img");
    });
    if pictures {
        Some(kept::block(h, e.node).into())
    } else {
        h.fallback(e)
    }
}

/// A code block, fenced with its language; one holding markup kept as HTML.
fn pre(_: &dyn Handlers, e: Element) -> Option<HandlerResult> {
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
    let q = crate::scaffold::write_front::quote;
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
    if crate::video_url::parse(&src, title).is_ok() {
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
