//! What each WordPress shortcode and oEmbed line becomes, as HTML the converter then reads:
//! `[caption]` a figure with its caption, `[gallery]` its images, `[embed]`/`[youtube]`/`[vimeo]`
//! and a video URL alone on a line an iframe (so one rule makes `{{ video(…) }}`), `[audio]`/
//! `[video]` the media elements, `[code]`/`[sourcecode]` a code block. Any other shortcode stays
//! as text with a note.

use super::autop::Tag;
use super::env::{Attachment, Env};
use super::markup::{host_of, html_attr, note};
use super::wpcode::{self, Shortcode};

/// Hosts whose URL alone on a line WordPress turns into an embed that sitegen has no form for.
const OEMBED_HOSTS: &[&str] = &[
    "twitter.com",
    "x.com",
    "instagram.com",
    "facebook.com",
    "soundcloud.com",
    "open.spotify.com",
    "flickr.com",
    "tiktok.com",
    "wordpress.tv",
    "ted.com",
    "dailymotion.com",
    "reddit.com",
    "imgur.com",
    "tumblr.com",
    "slideshare.net",
    "speakerdeck.com",
    "mixcloud.com",
    "issuu.com",
    "scribd.com",
    "giphy.com",
    "kickstarter.com",
    "cloudup.com",
    "pinterest.com",
];

/// Every shortcode of `html` expanded; notes for those left as text, in order.
pub fn shortcodes(html: &str, env: &Env, notes: &mut Vec<String>) -> String {
    wpcode::rewrite(html, &mut |s| expand(s, env, notes))
}

fn expand(s: &Shortcode, env: &Env, notes: &mut Vec<String>) -> Option<String> {
    let name = s.name.to_ascii_lowercase();
    let html = match name.as_str() {
        "caption" | "wp_caption" => caption(s, env, notes),
        "gallery" => gallery(s, env, notes),
        "embed" => {
            let url = s
                .content
                .as_deref()
                .map(str::trim)
                .filter(|u| !u.is_empty())
                .or_else(|| s.positional_or("src"))?;
            iframe(url)
        }
        "youtube" => iframe(&id_or_url(s, "https://www.youtube.com/watch?v=")?),
        "vimeo" => iframe(&id_or_url(s, "https://vimeo.com/")?),
        "video" | "audio" => {
            let keys: &[&str] = if name == "video" {
                &["src", "mp4", "webm", "m4v", "ogv", "wmv", "flv", "mov"]
            } else {
                &["src", "mp3", "ogg", "m4a", "wav", "wma", "flac"]
            };
            // `[audio https://…/a.mp3]`: the address as the first word.
            let first_word = s
                .attrs
                .iter()
                .find(|(k, v)| k.is_empty() && (v.starts_with("http") || v.starts_with('/')))
                .map(|(_, v)| v.as_str());
            let src = keys
                .iter()
                .find_map(|k| s.attr(k))
                .or(first_word)
                .or_else(|| {
                    s.content
                        .as_deref()
                        .map(str::trim)
                        .filter(|c| c.starts_with("http"))
                })?;
            player(&name, src)
        }
        "playlist" => playlist(s, env, notes),
        "code" | "sourcecode" | "source" => {
            let content = s.content.as_deref()?;
            let lang = s
                .attr("language")
                .or_else(|| s.attr("lang"))
                .or_else(|| s.positional_or("language"))
                .unwrap_or("");
            format!(
                "\n\n<pre class=\"language-{}\">{}</pre>\n\n",
                html_attr(lang),
                content.replace('<', "&lt;").replace('>', "&gt;")
            )
        }
        _ if looks_like_shortcode(s) => {
            let marker = note(notes, format!("[{}] shortcode left as text", s.name));
            return Some(format!("{marker}{}", s.raw));
        }
        _ => return None,
    };
    Some(html)
}

/// `[word]` in prose is not a shortcode; attributes, a closing tag, `/]` or a plugin-style name
/// (`contact-form-7`, `wp_thing`) make one.
fn looks_like_shortcode(s: &Shortcode) -> bool {
    s.attrs.iter().any(|(k, _)| !k.is_empty())
        || s.content.is_some()
        || s.raw.ends_with("/]")
        || s.name.contains(['-', '_'])
}

/// `[youtube URL]` or `[youtube ID]`: the URL, or `prefix` + the id.
fn id_or_url(s: &Shortcode, prefix: &str) -> Option<String> {
    let v = s.positional_or("url")?.trim();
    Some(if v.contains('/') {
        v.to_string()
    } else {
        format!("{prefix}{v}")
    })
}

fn iframe(url: &str) -> String {
    format!(
        "\n\n<iframe src=\"{}\"></iframe>\n\n",
        html_attr(url.trim())
    )
}

/// `[caption]<a><img></a> Text[/caption]` (or `caption="Text"`): a figure and its caption.
fn caption(s: &Shortcode, env: &Env, notes: &mut Vec<String>) -> String {
    let content = s.content.as_deref().unwrap_or("").trim();
    let content = shortcodes(content, env, notes);
    let content = content.trim();
    let image_len = leading_image(content).unwrap_or(0);
    let (image, text) = content.split_at(image_len);
    let text = s
        .attr("caption")
        .map_or(text.trim().to_string(), str::to_string);
    // The figure keeps the caption's alignment (`align="alignleft"`) for the converter.
    let align = s.attr("align").unwrap_or("").trim();
    format!(
        "\n\n<figure class=\"{}\">{image}<figcaption>{text}</figcaption></figure>\n\n",
        html_attr(align)
    )
}

/// Length of the `<img>` or `<a …><img></a>` at the start of `s`.
fn leading_image(s: &str) -> Option<usize> {
    let tag = Tag::at(s)?;
    match tag.name.as_str() {
        "img" => Some(tag.len),
        "a" => {
            let close = s.to_ascii_lowercase().find("</a>")?;
            Some(close + 4)
        }
        _ => None,
    }
}

/// `[gallery ids="1,2"]`, or the post's attached images in their order.
fn gallery(s: &Shortcode, env: &Env, notes: &mut Vec<String>) -> String {
    let images = attached(s, env, |a| is_image(&a.url));
    if images.is_empty() {
        let marker = note(
            notes,
            "[gallery] names no image of the export: left out".into(),
        );
        return format!("{marker}\n\n");
    }
    let columns = s.attr("columns").unwrap_or("3").trim();
    let mut html = format!(
        "\n\n<figure class=\"gallery columns-{}\">",
        html_attr(columns)
    );
    for a in images {
        html.push_str(&format!(
            "<figure><img src=\"{}\" alt=\"{}\">",
            html_attr(&a.url),
            html_attr(if a.alt.is_empty() { &a.caption } else { &a.alt })
        ));
        if !a.caption.trim().is_empty() {
            html.push_str(&format!("<figcaption>{}</figcaption>", a.caption.trim()));
        }
        html.push_str("</figure>");
    }
    html.push_str("</figure>\n\n");
    html
}

/// The attachments a `[gallery]` or `[playlist]` names (`ids` or `include`), else the post's own
/// attachments that `fits` takes, in their menu order.
fn attached<'a>(
    s: &Shortcode,
    env: &'a Env,
    fits: impl Fn(&Attachment) -> bool,
) -> Vec<&'a Attachment> {
    let ids: Vec<u64> = s
        .attr("ids")
        .or_else(|| s.attr("include"))
        .map(|ids| {
            ids.split(',')
                .filter_map(|i| i.trim().parse().ok())
                .collect()
        })
        .unwrap_or_default();
    if !ids.is_empty() {
        return ids
            .iter()
            .filter_map(|id| env.attachments.get(id))
            .collect();
    }
    let mut own: Vec<(&u64, &Attachment)> = env
        .attachments
        .iter()
        .filter(|(_, a)| a.parent == env.post_id && fits(a))
        .collect();
    own.sort_by_key(|(id, a)| (a.order, **id));
    own.into_iter().map(|(_, a)| a).collect()
}

/// An `<audio>` or `<video>` element for `src`.
fn player(name: &str, src: &str) -> String {
    format!("\n\n<{name} src=\"{}\"></{name}>\n\n", html_attr(src))
}

/// `[playlist ids="1,2" type="video"]`, or the post's attached files of that kind: a player for
/// each, in order.
fn playlist(s: &Shortcode, env: &Env, notes: &mut Vec<String>) -> String {
    let kind = match s.attr("type") {
        Some("video") => "video",
        _ => "audio",
    };
    let files = attached(s, env, |a| !is_image(&a.url));
    if files.is_empty() {
        let marker = note(
            notes,
            "[playlist] names no file of the export: left out".into(),
        );
        return format!("{marker}\n\n");
    }
    files.iter().map(|a| player(kind, &a.url)).collect()
}

/// Whether a URL names an image file.
pub fn is_image(url: &str) -> bool {
    let path = url
        .split(['?', '#'])
        .next()
        .unwrap_or("")
        .to_ascii_lowercase();
    [
        ".jpg", ".jpeg", ".png", ".gif", ".webp", ".avif", ".svg", ".bmp",
    ]
    .iter()
    .any(|ext| path.ends_with(ext))
}

/// Each URL alone on a line: an iframe when it is a video sitegen embeds, a link otherwise.
pub fn lone_urls(html: &str, notes: &mut Vec<String>) -> String {
    let found = wpcode::lone_urls(html);
    if found.is_empty() {
        return html.to_string();
    }
    let mut out = String::with_capacity(html.len());
    let mut last = 0;
    for (range, url) in found {
        out.push_str(&html[last..range.start]);
        if crate::video_url::parse(&url, "").is_ok() {
            out.push_str(&iframe(&url));
        } else {
            let host = host_of(&url).to_ascii_lowercase();
            let host = host.trim_start_matches("www.");
            let oembed = OEMBED_HOSTS
                .iter()
                .any(|h| host == *h || host.ends_with(&format!(".{h}")));
            let marker = if oembed {
                note(
                    notes,
                    format!("embed from {host} kept as a link (no sitegen embed for it)"),
                )
            } else {
                String::new()
            };
            out.push_str(&format!(
                "<p>{marker}<a href=\"{0}\">{0}</a></p>",
                html_attr(&url)
            ));
        }
        last = range.end;
    }
    out.push_str(&html[last..]);
    out
}
