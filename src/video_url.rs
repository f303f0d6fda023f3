//! Video embeds: which URLs are allowed and what each becomes (YouTube, Vimeo, or a video file).

use serde::Serialize;

use crate::diagnostic::Diagnostic;

/// A video ready to embed.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
pub struct Video {
    /// `youtube`, `vimeo` or `file`.
    pub kind: &'static str,
    /// The privacy-enhanced embed (`youtube-nocookie.com`, `player.vimeo.com`), or the file as
    /// written.
    pub src: String,
    /// Accessible title.
    pub title: String,
    /// The video's own page (YouTube, Vimeo), where the link goes without JavaScript; a file's
    /// URL as written.
    pub watch: String,
    /// What a facade loads on click: the embed, autoplaying, with its start time and captions
    /// (empty for a file).
    pub player: String,
    /// Seconds into the video where playing starts.
    pub start: Option<u64>,
    /// Captions shown from the start, in this language (a BCP 47 tag such as `en`).
    pub captions: Option<String>,
    /// The picture shown before playing, as written (a file of the site).
    pub poster: Option<String>,
}

/// What an author may ask of a video besides its URL.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Options {
    /// Seconds into the video where playing starts.
    pub start: Option<u64>,
    /// Captions on from the start, in this language (the site's).
    pub captions: Option<String>,
    /// The picture shown before playing (a path of the site).
    pub poster: Option<String>,
}

impl Video {
    /// The same video with the author's options: the start time and captions go into the
    /// player's URL (and the start into the link of its page).
    pub(crate) fn with(mut self, options: Options) -> Video {
        self.start = options.start.or(self.start).filter(|&s| s > 0);
        self.captions = options.captions;
        self.poster = options.poster.filter(|p| !p.trim().is_empty());
        self.player = player(&self);
        self.watch = watch(&self);
        self
    }

    /// Name of the host, for "Watch on YouTube" (`None` for a file).
    pub fn host(&self) -> Option<&'static str> {
        match self.kind {
            "youtube" => Some("YouTube"),
            "vimeo" => Some("Vimeo"),
            _ => None,
        }
    }
}

/// The video's own page, at its start time; a file's URL as written.
fn watch(v: &Video) -> String {
    let id = v.src.rsplit('/').next().unwrap_or_default();
    match (v.kind, v.start) {
        ("youtube", None) => format!("https://www.youtube.com/watch?v={id}"),
        ("youtube", Some(s)) => format!("https://www.youtube.com/watch?v={id}&t={s}s"),
        ("vimeo", None) => format!("https://vimeo.com/{id}"),
        ("vimeo", Some(s)) => format!("https://vimeo.com/{id}#t={s}s"),
        _ => v.src.clone(),
    }
}

/// The URL a facade's click loads: autoplaying (the reader asked for it), with the start time
/// and captions; Vimeo's `dnt=1` keeps it from tracking the reader.
fn player(v: &Video) -> String {
    let mut query = vec!["autoplay=1".to_string()];
    let mut fragment = String::new();
    match v.kind {
        "youtube" => {
            if let Some(s) = v.start {
                query.push(format!("start={s}"));
            }
            if let Some(lang) = &v.captions {
                query.push("cc_load_policy=1".into());
                query.push(format!("cc_lang_pref={}", query_value(lang)));
            }
        }
        "vimeo" => {
            query.push("dnt=1".into());
            if let Some(lang) = &v.captions {
                query.push(format!("texttrack={}", query_value(lang)));
            }
            if let Some(s) = v.start {
                fragment = format!("#t={s}s");
            }
        }
        _ => return String::new(),
    }
    format!("{}?{}{fragment}", v.src, query.join("&"))
}

/// The start time a pasted URL carries: `t=90`, `t=1m30s`, `start=90` in the query or `#t=…`.
fn url_start(url: &str) -> Option<u64> {
    let after = url.split_once(['?', '#'])?.1;
    after
        .split(['&', '#', '?'])
        .find_map(|kv| kv.strip_prefix("t=").or_else(|| kv.strip_prefix("start=")))
        .and_then(duration_seconds)
}

/// `90`, `90s`, `1m30s`, `1h2m3s` in seconds.
fn duration_seconds(text: &str) -> Option<u64> {
    if !text.is_empty() && text.bytes().all(|b| b.is_ascii_digit()) {
        return text.parse().ok();
    }
    let mut total: u64 = 0;
    let mut number = String::new();
    for c in text.chars() {
        if c.is_ascii_digit() {
            number.push(c);
            continue;
        }
        let unit = match c {
            'h' => 3600,
            'm' => 60,
            's' => 1,
            _ => return None,
        };
        let n: u64 = number.parse().ok()?;
        total = total.checked_add(n.checked_mul(unit)?)?;
        number.clear();
    }
    number.is_empty().then_some(total)
}

/// A language tag as a query value: letters, digits and `-` only.
fn query_value(lang: &str) -> String {
    lang.chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == '-')
        .collect()
}

/// Turns an author's URL into an embed, or says why it cannot be embedded (a diagnostic the
/// caller places at the URL).
pub(crate) fn parse(url: &str, title: &str) -> Result<Video, Diagnostic> {
    let url = url.trim();
    let start = url_start(url);
    let video = |kind, src: String| {
        Video {
            kind,
            watch: String::new(),
            player: String::new(),
            src,
            title: title.to_string(),
            start,
            captions: None,
            poster: None,
        }
        .with(Options::default())
    };
    let lower = url.to_ascii_lowercase();
    let path_only = lower.split(['?', '#']).next().unwrap_or("");
    let is_file = path_only.ends_with(".mp4") || path_only.ends_with(".webm");
    if url.starts_with('/') && !url.starts_with("//") || is_relative_path(url) {
        if is_file && !url.contains(['"', '<', '>', ' ', '\\']) {
            return Ok(video("file", url.to_string()));
        }
        return Err(Diagnostic::new(format!(
            "`{url}` is not a video file: a path must end in .mp4 or .webm"
        )));
    }
    let Some(rest) = lower
        .strip_prefix("https://")
        .or_else(|| lower.strip_prefix("http://"))
    else {
        return Err(Diagnostic::new(format!(
            "`{url}` cannot be embedded: only https:// URLs (YouTube, Vimeo, .mp4/.webm files) and paths are allowed"
        )));
    };
    let original_rest = &url[url.len() - rest.len()..];
    let (host, path) = original_rest.split_once('/').unwrap_or((original_rest, ""));
    let host = host.to_ascii_lowercase();
    let host = host.trim_start_matches("www.").trim_start_matches("m.");
    // The fragment comes last (after any query): drop it before splitting off the query.
    let path = path.split('#').next().unwrap_or("");
    let (path, query) = path.split_once('?').unwrap_or((path, ""));
    let segments: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
    let (kind, src) = embed(url, host, &segments, query, is_file)?;
    Ok(video(kind, src))
}

/// The kind and embed source of absolute `url`, by its `host` (without `www.` or `m.`), its
/// path's `segments` and its `query`; `is_file` when the path ends in .mp4 or .webm.
fn embed(
    url: &str,
    host: &str,
    segments: &[&str],
    query: &str,
    is_file: bool,
) -> Result<(&'static str, String), Diagnostic> {
    match host {
        "youtube.com" | "youtube-nocookie.com" => {
            let id = match segments {
                ["watch"] => query.split('&').find_map(|kv| kv.strip_prefix("v=")),
                ["shorts" | "embed" | "live", id] => Some(*id),
                _ => None,
            };
            youtube(id, url).map(|id| {
                (
                    "youtube",
                    format!("https://www.youtube-nocookie.com/embed/{id}"),
                )
            })
        }
        "youtu.be" => youtube(segments.first().copied(), url).map(|id| {
            (
                "youtube",
                format!("https://www.youtube-nocookie.com/embed/{id}"),
            )
        }),
        "vimeo.com" | "player.vimeo.com" => {
            let id = segments
                .iter()
                .rev()
                .find(|s| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit()));
            id.map(|id| ("vimeo", format!("https://player.vimeo.com/video/{id}")))
                .ok_or_else(|| {
                    Diagnostic::new(format!(
                        "`{url}` is not a Vimeo video URL (expected vimeo.com/<number>)"
                    ))
                })
        }
        _ if is_file
            && url.starts_with("https://")
            && !url.contains(['"', '<', '>', ' ', '\\']) =>
        {
            Ok(("file", url.to_string()))
        }
        _ if is_file => Err(Diagnostic::new(format!(
            "`{url}` must use https:// to be embedded"
        ))),
        _ => Err(Diagnostic::new(format!(
            "`{url}` is not from a video host sitegen can embed: use YouTube, Vimeo, or a .mp4/.webm file"
        ))),
    }
}

fn is_relative_path(url: &str) -> bool {
    !url.contains(':') && !url.starts_with("//") && !url.is_empty()
}

fn youtube<'a>(id: Option<&'a str>, url: &str) -> Result<&'a str, Diagnostic> {
    id.filter(|id| {
        !id.is_empty() && id.len() <= 64 && id.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
    })
    .ok_or_else(|| Diagnostic::new(format!("`{url}` is not a YouTube video URL (expected watch?v=, youtu.be/, shorts/ or embed/ with a video id)")))
}

#[cfg(test)]
mod tests {
    use super::{Options, parse};

    #[test]
    fn players_autoplay_with_start_and_captions() {
        let v = parse("https://youtu.be/abc123?t=1m30s", "t").unwrap();
        assert_eq!(v.start, Some(90));
        assert_eq!(
            v.player,
            "https://www.youtube-nocookie.com/embed/abc123?autoplay=1&start=90"
        );
        assert_eq!(v.watch, "https://www.youtube.com/watch?v=abc123&t=90s");
        let v = v.with(Options {
            start: Some(5),
            captions: Some("de".into()),
            poster: None,
        });
        assert_eq!(
            v.player,
            "https://www.youtube-nocookie.com/embed/abc123?autoplay=1&start=5&cc_load_policy=1&cc_lang_pref=de"
        );
        let v = parse("https://vimeo.com/76979871", "t")
            .unwrap()
            .with(Options {
                start: Some(42),
                captions: Some("en".into()),
                poster: Some("/p.jpg".into()),
            });
        assert_eq!(
            v.player,
            "https://player.vimeo.com/video/76979871?autoplay=1&dnt=1&texttrack=en#t=42s"
        );
        assert_eq!(v.watch, "https://vimeo.com/76979871#t=42s");
        assert_eq!(v.poster.as_deref(), Some("/p.jpg"));
        let f = parse("/media/a.mp4", "t").unwrap();
        assert_eq!((f.player.as_str(), f.watch.as_str()), ("", "/media/a.mp4"));
    }

    #[test]
    fn start_times_in_urls() {
        for (url, start) in [
            ("https://www.youtube.com/watch?v=abc&t=75", Some(75)),
            ("https://www.youtube.com/watch?t=1h2m3s&v=abc", Some(3723)),
            ("https://youtu.be/abc?start=20", Some(20)),
            ("https://vimeo.com/123#t=2m", Some(120)),
            ("https://youtu.be/abc?t=0", None),
            ("https://youtu.be/abc?t=soon", None),
            ("https://youtu.be/abc", None),
        ] {
            assert_eq!(parse(url, "t").unwrap().start, start, "{url}");
        }
    }

    #[test]
    fn youtube_forms_become_nocookie_embeds() {
        for url in [
            "https://www.youtube.com/watch?v=abc_DEF-123&t=10",
            "https://youtu.be/abc_DEF-123",
            "https://youtube.com/shorts/abc_DEF-123",
            "https://www.youtube.com/embed/abc_DEF-123",
        ] {
            let v = parse(url, "t").unwrap();
            assert_eq!(
                v.src, "https://www.youtube-nocookie.com/embed/abc_DEF-123",
                "{url}"
            );
            assert_eq!(v.kind, "youtube");
        }
    }

    #[test]
    fn vimeo_and_files() {
        assert_eq!(
            parse("https://vimeo.com/76979871", "t").unwrap().src,
            "https://player.vimeo.com/video/76979871"
        );
        assert_eq!(parse("/media/bridge.mp4", "t").unwrap().kind, "file");
        assert_eq!(parse("clips/bridge.webm", "t").unwrap().kind, "file");
        assert_eq!(
            parse("https://cdn.example.org/a.mp4", "t").unwrap().kind,
            "file"
        );
    }

    #[test]
    fn other_schemes_and_hosts_are_refused() {
        for url in [
            "javascript:alert(1)",
            "data:video/mp4;base64,AAAA",
            "https://evil.example.org/watch?v=x",
            "https://www.youtube.com/watch?v=a\"b",
            "ftp://host/a.mp4",
            "http://host/a.mp4",
            "//host/a.mp4",
            "https://youtube.com/watch?list=x",
        ] {
            assert!(parse(url, "t").is_err(), "{url}");
        }
    }

    #[test]
    fn youtube_variants_of_host_and_query() {
        for url in [
            "https://m.youtube.com/watch?v=abc123",
            "https://youtube.com/watch?feature=share&v=abc123",
            "http://www.youtube.com/watch?v=abc123#t=30",
            "https://youtu.be/abc123?si=xyz",
            "https://www.youtube-nocookie.com/embed/abc123",
            "https://YouTube.com/shorts/abc123",
            "  https://youtu.be/abc123  ",
        ] {
            let v = parse(url, "Clamshell").unwrap_or_else(|e| panic!("{url}: {e}"));
            assert_eq!(
                (v.kind, v.src.as_str()),
                ("youtube", "https://www.youtube-nocookie.com/embed/abc123"),
                "{url}"
            );
            assert_eq!(v.title, "Clamshell");
        }
    }

    #[test]
    fn youtube_without_a_valid_id_is_refused() {
        for url in [
            "https://youtu.be/",
            "https://www.youtube.com/watch?v=",
            "https://www.youtube.com/shorts/",
            "https://www.youtube.com/channel/abc/videos",
            "https://www.youtube.com/embed/a<b",
            "https://youtu.be/a%22b",
        ] {
            let e = parse(url, "t").unwrap_err().message;
            assert!(e.contains("not a YouTube video URL"), "{url}: {e}");
        }
    }

    #[test]
    fn vimeo_forms() {
        for url in [
            "https://vimeo.com/76979871",
            "https://www.vimeo.com/channels/staffpicks/76979871",
            "https://player.vimeo.com/video/76979871?h=abc",
        ] {
            let v = parse(url, "t").unwrap_or_else(|e| panic!("{url}: {e}"));
            assert_eq!(
                (v.kind, v.src.as_str()),
                ("vimeo", "https://player.vimeo.com/video/76979871"),
                "{url}"
            );
        }
        assert!(
            parse("https://vimeo.com/about", "t")
                .unwrap_err()
                .message
                .contains("not a Vimeo video URL")
        );
    }

    #[test]
    fn video_files_keep_their_url() {
        for url in [
            "/media/a.mp4",
            "media/a.WEBM",
            "https://cdn.example.org/v/a.mp4?x=1",
            "https://cdn.example.org/a.webm#t=5",
        ] {
            let v = parse(url, "t").unwrap_or_else(|e| panic!("{url}: {e}"));
            assert_eq!((v.kind, v.src.as_str()), ("file", url), "{url}");
        }
        assert!(
            parse("/media/a.mov", "t")
                .unwrap_err()
                .message
                .contains("must end in .mp4 or .webm")
        );
        assert!(parse("/media/a b.mp4", "t").is_err());
        assert!(parse("/media/a\".mp4", "t").is_err());
        assert!(
            parse("http://cdn.example.org/a.mp4", "t")
                .unwrap_err()
                .message
                .contains("https://")
        );
    }

    #[test]
    fn dangerous_schemes_are_refused_in_any_case_or_padding() {
        for url in [
            "JavaScript:alert(1)",
            " javascript:alert(1)//.mp4",
            "javascript:alert(1)//a.mp4",
            "vbscript:msgbox(1)",
            "data:text/html,<script>alert(1)</script>",
            "DATA:video/mp4;base64,AAAA.mp4",
            "file:///etc/a.mp4",
            "",
        ] {
            let e = parse(url, "t").unwrap_err().message;
            assert!(!e.is_empty(), "{url}");
        }
    }

    #[test]
    fn look_alike_hosts_are_refused() {
        for url in [
            "https://youtube.com.evil.example/watch?v=abc",
            "https://evilyoutube.com/watch?v=abc",
            "https://user@youtube.com/watch?v=abc",
            "https://vimeo.com.evil.example/123",
            "https://example.org/video/123",
        ] {
            let e = parse(url, "t").unwrap_err().message;
            assert!(e.contains("not from a video host"), "{url}: {e}");
        }
    }
}
