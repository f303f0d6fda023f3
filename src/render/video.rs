//! A video as a page shows it: a facade for YouTube and Vimeo (a poster and a play button; the
//! player loads only on click), `<video preload="none">` for a file with its poster and captions
//! track, and the `VideoObject` a page's JSON-LD says about it.

use serde::Serialize;
use serde_json::{Value, json};

use crate::date::DateTime;
use crate::diagnostic::Diagnostic;
use crate::images::{Picture, Show};
use crate::site::{ExerciseEntry, Site, permalink};
use crate::video_url::Video;

/// `video` in `partials/video.html`.
#[derive(Debug, Serialize)]
pub(crate) struct VideoView<'a> {
    /// `youtube`, `vimeo` or `file`.
    kind: &'static str,
    /// What to play: the embed, or the file's URL (under the base path when it is the site's).
    src: String,
    /// Accessible title (the iframe's `title`, the button's "Play: …").
    title: &'a str,
    /// The video's page, for the link shown without JavaScript.
    watch: &'a str,
    /// The player URL a click loads.
    player: &'a str,
    /// "YouTube", "Vimeo" (null for a file).
    host: Option<&'static str>,
    /// The poster's HTML (`<picture>`/`<img>`; decorative unless it is the exercise's drawing,
    /// which keeps its description: the button names the video).
    poster: Option<String>,
    /// The poster's URL (a file's `poster` attribute).
    poster_url: Option<&'a str>,
    /// The poster's size, which is the file's box too.
    width: Option<u32>,
    height: Option<u32>,
    /// The file's MIME type.
    mime: Option<&'static str>,
    /// The captions track beside a file (`bridge.vtt` beside `bridge.mp4`).
    track: Option<String>,
    /// Language of the track (the site's).
    track_lang: &'a str,
    /// Captions shown from the start.
    captions: bool,
}

/// The picture an exercise's video shows before it plays: its `poster`, else its `image`.
pub(crate) fn exercise_poster(x: &ExerciseEntry) -> Option<&Picture> {
    x.poster.as_ref().or(x.image.as_ref())
}

/// Whether the exercise's drawing is its video's poster, in a facade: then the facade shows it
/// (with its description) in place of the figure, rather than the same drawing twice.
pub(crate) fn image_in_facade(x: &ExerciseEntry) -> bool {
    x.poster.is_none() && x.image.is_some() && x.video.as_ref().is_some_and(|v| v.kind != "file")
}

/// The theme's facade script.
pub(crate) use crate::theme::VIDEO_SCRIPT as SCRIPT;

/// `SCRIPT` when `html` holds a facade of the theme.
pub(crate) fn script_for(html: &str) -> Option<&'static str> {
    html.contains("video-facade").then_some(SCRIPT)
}

/// A post's HTML as a feed entry carries it: feed readers run no script, and many drop
/// `<noscript>` with its content, which would leave a facade without its link; unwrapped, the
/// link to the video shows. (Author-written `<noscript>` content is equally right to show there.)
pub(crate) fn for_feed(html: &str) -> String {
    html.replace("<noscript>", "").replace("</noscript>", "")
}

/// Where a path written in a post leads in the output: `/x` a file of `static/` (`x`), a
/// relative path a file of the post's bundle (`bundle` is its slug). `None` for a URL, or a
/// relative path outside a bundle.
pub(crate) fn output_path(path: &str, bundle: Option<&str>) -> Option<String> {
    let path = path.trim();
    if path.contains(':') || path.starts_with("//") {
        return None;
    }
    let path = path.split(['?', '#']).next().unwrap_or(path);
    let out = match (path.strip_prefix('/'), bundle) {
        (Some(rooted), _) => rooted.to_string(),
        (None, Some(slug)) => format!("{slug}/{}", path.trim_start_matches("./")),
        (None, None) => return None,
    };
    (!out.split('/').any(|s| s == "..")).then_some(out)
}

/// The picture of the site at `path` (written as in `output_path`), or why there is none.
pub(crate) fn poster<'s>(
    site: &'s Site,
    path: &str,
    bundle: Option<&str>,
) -> Result<&'s Picture, Diagnostic> {
    let found = output_path(path, bundle).and_then(|p| site.pictures.get(&p));
    match found {
        Some(Ok(picture)) => Ok(picture),
        Some(Err(d)) => Err(d.clone()),
        None => {
            let hint = match (path.trim().strip_prefix('/'), bundle) {
                (Some(rooted), _) => {
                    format!("put the picture at `static/{rooted}`, or fix the path")
                }
                (None, Some(_)) => format!("put `{path}` in the post's folder, or fix the path"),
                (None, None) => format!(
                    "a poster is a picture of the site: put it in `static/` and write `/images/{}`",
                    path.rsplit('/').next().unwrap_or(path)
                ),
            };
            Err(
                Diagnostic::new(format!("poster `{path}` is not a picture of the site"))
                    .with_hint(hint),
            )
        }
    }
}

impl<'a> VideoView<'a> {
    /// The same view with `html` shown as its poster (an exercise's animation).
    pub(crate) fn with_poster(self, html: String) -> Self {
        VideoView {
            poster: Some(html),
            ..self
        }
    }

    /// The view of `video` on a page of the post whose bundle is `bundle` (its slug), with
    /// `poster` shown before it plays (already resolved: the video's own, or its exercise's
    /// picture, described by `poster_alt`).
    pub(crate) fn new(
        site: &'a Site,
        video: &'a Video,
        bundle: Option<&str>,
        poster: Option<&'a Picture>,
        poster_alt: &str,
    ) -> Self {
        let c = &site.config;
        let file = video.kind == "file";
        let (src, out) = source(site, video, bundle);
        let track = out.as_deref().and_then(|p| {
            let stem = p.rsplit_once('.').map_or(p, |(stem, _)| stem);
            let vtt = format!("{stem}.vtt");
            site.assets
                .iter()
                .any(|a| a.to == vtt)
                .then(|| format!("{}{vtt}", c.base_path))
        });
        let lower = video.src.to_ascii_lowercase();
        let path = lower.split(['?', '#']).next().unwrap_or("");
        let mime = file.then(|| {
            if path.ends_with(".webm") {
                "video/webm"
            } else {
                "video/mp4"
            }
        });
        VideoView {
            kind: video.kind,
            src,
            title: &video.title,
            watch: &video.watch,
            player: &video.player,
            host: video.host(),
            poster: poster.filter(|_| !file).map(|p| {
                p.html(&Show {
                    alt: poster_alt,
                    class: "video-poster",
                    lazy: true,
                    title: "",
                })
            }),
            poster_url: poster.map(|p| p.src.as_str()),
            width: poster.map(|p| p.width),
            height: poster.map(|p| p.height),
            mime,
            track,
            track_lang: &c.language,
            captions: video.captions.is_some(),
        }
    }
}

/// What a page plays: the embed, a file's URL as written, or (a file of the site) its URL under
/// the base path with its output path.
fn source(site: &Site, video: &Video, bundle: Option<&str>) -> (String, Option<String>) {
    let out = (video.kind == "file")
        .then(|| output_path(&video.src, bundle))
        .flatten();
    match out {
        Some(p) => (format!("{}{p}", site.config.base_path), Some(p)),
        None => (video.src.clone(), None),
    }
}

/// A `VideoObject` for search engines, when its required values are known: a name, a
/// description, a thumbnail with an absolute URL (so `base_url` must have a host), and an
/// upload date. Otherwise `None`: nothing is filled in.
pub(crate) fn video_object(
    site: &Site,
    video: &Video,
    bundle: Option<&str>,
    poster: Option<&Picture>,
    description: &str,
    date: Option<&DateTime>,
) -> Option<Value> {
    let c = &site.config;
    let absolute = |url: &str| {
        let is_absolute = |u: &str| u.starts_with("https://") || u.starts_with("http://");
        if is_absolute(url) {
            return Some(url.to_string());
        }
        // Root-relative: absolute only when `base_url` has a host.
        let url = permalink(c, url);
        is_absolute(&url).then_some(url)
    };
    let thumbnail = absolute(&poster?.src)?;
    let date = date?;
    if video.title.trim().is_empty() || description.trim().is_empty() {
        return None;
    }
    let mut item = json!({
        "@type": "VideoObject",
        "name": video.title,
        "description": description,
        "thumbnailUrl": thumbnail,
        "uploadDate": date.w3c(),
    });
    if video.kind == "file" {
        let (src, _) = source(site, video, bundle);
        if let Some(url) = absolute(&src) {
            item["contentUrl"] = json!(url);
        }
    } else {
        item["embedUrl"] = json!(video.src);
    }
    Some(item)
}
