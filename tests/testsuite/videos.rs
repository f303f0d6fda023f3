//! Video embeds: YouTube and Vimeo become facades (a poster or a titled panel, a hidden play
//! button that the inlined script reveals and turns into the privacy-enhanced player, a link
//! without JavaScript; nothing asked of the host before a click), files become
//! `<video preload="none">` with their poster and captions track, pages carry `VideoObject`
//! JSON-LD when its values are known; other schemes and hosts are errors at the URL.

use crate::common::{TestSite, assert_reports, html, post};

fn sel(s: &str) -> scraper::Selector {
    scraper::Selector::parse(s).unwrap()
}

/// A facade as a reader gets it: (player URL, title, link without JavaScript).
#[derive(Debug, PartialEq)]
struct Facade {
    player: String,
    title: String,
    link: String,
}

fn facade(player: &str, title: &str, link: &str) -> Facade {
    Facade {
        player: player.to_string(),
        title: title.to_string(),
        link: link.to_string(),
    }
}

/// Every facade matching `selector`, checking what each must have: a hidden `<button
/// type=button>` named "Play: TITLE" (in English or German) and a `<noscript>` link to the video's page.
#[track_caller]
fn facades(doc: &scraper::Html, selector: &str) -> Vec<Facade> {
    doc.select(&sel(selector))
        .map(|f| {
            let v = f.value();
            let title = v.attr("data-title").expect("data-title").to_string();
            let button = f
                .select(&sel("button.video-play"))
                .next()
                .expect("a button");
            assert_eq!(button.value().attr("type"), Some("button"));
            assert!(
                button.value().attr("hidden").is_some(),
                "hidden until the script runs"
            );
            // "Play: TITLE", in the site's language ("Abspielen: TITLE" in German).
            let label = button.value().attr("aria-label").unwrap_or_default();
            assert!(
                ["Play", "Abspielen"]
                    .iter()
                    .any(|play| label == format!("{play}: {title}")),
                "{label}"
            );
            // scraper parses <noscript> content as text (scripting on): parse it again.
            let noscript: String = f
                .select(&sel("noscript"))
                .next()
                .expect("a noscript link")
                .text()
                .collect();
            let inner = html(&noscript);
            let link = inner
                .select(&sel("a.video-link"))
                .next()
                .and_then(|a| a.value().attr("href"))
                .unwrap_or_else(|| panic!("no link in {noscript}"))
                .to_string();
            Facade {
                player: v.attr("data-player").expect("data-player").to_string(),
                title,
                link,
            }
        })
        .collect()
}

/// (source src, title) of every `<video>` matching `selector`, checking its attributes.
fn videos(doc: &scraper::Html, selector: &str) -> Vec<(String, String)> {
    doc.select(&sel(selector))
        .map(|v| {
            assert!(v.value().attr("controls").is_some(), "video has controls");
            assert_eq!(v.value().attr("preload"), Some("none"));
            let source = v.select(&sel("source")).next().unwrap();
            let src = source.value().attr("src").unwrap().to_string();
            assert!(source.value().attr("type").unwrap().starts_with("video/"));
            let fallback: Vec<&str> = v
                .select(&sel("a"))
                .filter_map(|a| a.value().attr("href"))
                .collect();
            assert_eq!(fallback, [src.as_str()], "a download link as fallback");
            (src, v.value().attr("title").unwrap().to_string())
        })
        .collect()
}

/// Every URL of an element a browser loads while opening the page (not links, and not a
/// `<video preload="none">`'s source: only its poster).
fn loaded_urls(doc: &scraper::Html) -> Vec<String> {
    let mut out = Vec::new();
    let loaded = "img, picture source, iframe, script, link[rel=stylesheet], video";
    for e in doc.select(&sel(loaded)) {
        for a in ["src", "srcset", "poster", "href"] {
            if let Some(v) = e.value().attr(a) {
                out.push(v.to_string());
            }
        }
    }
    out
}

#[test]
fn video_shortcodes_become_facades_that_load_nothing() {
    let site = TestSite::fixture("exercises");
    site.build_ok(&[]);
    let doc = html(&site.read_output("basics/index.html"));
    let yt = "https://www.youtube-nocookie.com/embed/";
    assert_eq!(
        facades(&doc, ".post-content > .video-facade"),
        [
            facade(
                &format!("{yt}ytWatch_01?autoplay=1&start=5"),
                "Watch form",
                "https://www.youtube.com/watch?v=ytWatch_01&t=5s"
            ),
            facade(
                &format!("{yt}ytShort-02?autoplay=1"),
                "Short link",
                "https://www.youtube.com/watch?v=ytShort-02"
            ),
            facade(
                &format!("{yt}ytShorts03?autoplay=1"),
                "A short",
                "https://www.youtube.com/watch?v=ytShorts03"
            ),
            facade(
                &format!("{yt}ytEmbed04?autoplay=1"),
                "Embedded",
                "https://www.youtube.com/watch?v=ytEmbed04"
            ),
            facade(
                "https://player.vimeo.com/video/76979871?autoplay=1&dnt=1",
                "On Vimeo",
                "https://vimeo.com/76979871"
            ),
        ]
    );
    // Without a poster, a panel with the title; no iframe until a click.
    assert_eq!(
        doc.select(&sel(".post-content > .video-facade > .video-placeholder"))
            .count(),
        5
    );
    assert_eq!(doc.select(&sel("iframe")).count(), 0);
    for url in loaded_urls(&doc) {
        assert!(url.starts_with('/'), "the page itself loads {url}");
    }
    assert_eq!(
        videos(&doc, ".post-content > .video video"),
        [
            ("/media/bridge.mp4".to_string(), "Local file".to_string()),
            (
                "https://cdn.example.org/clips/roll.webm".to_string(),
                "Remote file".to_string()
            ),
        ]
    );
}

#[test]
fn the_facade_script_is_inlined_only_where_a_facade_is() {
    let site = TestSite::fixture("exercises");
    site.build_ok(&[]);
    let script = include_str!("../../templates/video.js");
    for (page, facade) in [
        ("basics/index.html", true),
        ("mobility/index.html", true),
        ("exercises/glute-bridge/index.html", true),
        // A file needs no script, nor does a page without videos.
        ("exercises/dead-bug/index.html", false),
        ("index.html", false),
        ("exercises/index.html", false),
    ] {
        let out = site.read_output(page);
        assert_eq!(out.contains(script.trim()), facade, "{page}");
        assert_eq!(out.contains("video-facade"), facade, "{page}");
    }
}

#[test]
fn exercise_videos_embed_on_cards_and_pages() {
    let site = TestSite::fixture("exercises");
    site.build_ok(&[]);
    let mobility = html(&site.read_output("mobility/index.html"));
    let bridge = facade(
        "https://www.youtube-nocookie.com/embed/gluteBridge1?autoplay=1",
        "Glute Bridge demonstration",
        "https://www.youtube.com/watch?v=gluteBridge1",
    );
    let book = || {
        facade(
            "https://player.vimeo.com/video/12345678?autoplay=1&dnt=1",
            "Open Book demonstration",
            "https://vimeo.com/12345678",
        )
    };
    assert_eq!(
        facades(&mobility, ".exercise-card .video-facade"),
        [bridge, book()]
    );
    let core = html(&site.read_output("core/index.html"));
    assert_eq!(
        videos(&core, ".exercise-card video"),
        [(
            "/media/dead-bug.mp4".to_string(),
            "Dead Bug demonstration".to_string()
        )]
    );
    let page = html(&site.read_output("exercises/open-book/index.html"));
    assert_eq!(facades(&page, ".video-facade"), [book()]);
    let page = html(&site.read_output("exercises/dead-bug/index.html"));
    assert_eq!(
        videos(&page, ".video video"),
        [(
            "/media/dead-bug.mp4".to_string(),
            "Dead Bug demonstration".to_string()
        )]
    );
}

#[test]
fn every_embed_on_every_page_has_a_title_and_no_iframe_before_a_click() {
    let site = TestSite::fixture("exercises");
    site.build_ok(&[]);
    let mut seen = 0;
    for (path, bytes) in site
        .snapshot("public")
        .into_iter()
        .filter(|(p, _)| p.ends_with(".html"))
    {
        let doc = html(&String::from_utf8(bytes).unwrap());
        assert_eq!(doc.select(&sel("iframe")).count(), 0, "{path}");
        for e in doc.select(&sel(".video-facade, video")) {
            seen += 1;
            let title = e
                .value()
                .attr("title")
                .or(e.value().attr("data-title"))
                .unwrap_or_default();
            assert!(!title.trim().is_empty(), "{path}: {:?}", e.value());
            if let Some(player) = e.value().attr("data-player") {
                assert!(
                    player.starts_with("https://www.youtube-nocookie.com/embed/")
                        || player.starts_with("https://player.vimeo.com/video/"),
                    "{path}: {player}"
                );
                assert!(player.contains("autoplay=1"), "{path}: {player}");
            }
        }
    }
    assert!(seen >= 14, "{seen} embeds");
}

/// A site of one post, `p.md`, whose body is `shortcode`.
pub(crate) fn one_video(shortcode: &str) -> TestSite {
    TestSite::with_files(&[("posts/p.md", &post("P", "2024-01-01", "", shortcode))])
}

#[test]
fn a_video_without_a_title_gets_one() {
    let site = one_video("{{ video(url=\"https://youtu.be/abc\") }}");
    site.build_ok(&[]);
    let doc = html(&site.read_output("p/index.html"));
    assert_eq!(
        facades(&doc, ".video-facade"),
        [facade(
            "https://www.youtube-nocookie.com/embed/abc?autoplay=1",
            "Video",
            "https://www.youtube.com/watch?v=abc"
        )]
    );
}

#[test]
fn start_captions_and_poster_of_a_shortcode() {
    let body = "{{ video(url=\"https://youtu.be/abc\", title=\"Hinge\", start=\"1:30\", captions=true, poster=\"/images/hinge.png\") }}\n\n\
                {{ video(url=\"https://vimeo.com/42\", title=\"Roll\", start=20, captions=true, poster=\"still.jpg\") }}\n";
    let site = TestSite::with_files(&[
        ("posts/p/index.md", &post("P", "2024-01-01", "", body)),
        ("sitegen.toml", "language = \"de\"\n"),
    ]);
    site.write_image("static/images/hinge.png");
    site.write_image("posts/p/still.jpg");
    site.build_ok(&["--base-url", "/blog/"]);
    let doc = html(&site.read_output("p/index.html"));
    assert_eq!(
        facades(&doc, ".video-facade"),
        [
            facade(
                "https://www.youtube-nocookie.com/embed/abc?autoplay=1&start=90&cc_load_policy=1&cc_lang_pref=de",
                "Hinge",
                "https://www.youtube.com/watch?v=abc&t=90s"
            ),
            facade(
                "https://player.vimeo.com/video/42?autoplay=1&dnt=1&texttrack=de#t=20s",
                "Roll",
                "https://vimeo.com/42#t=20s"
            ),
        ]
    );
    // The posters are the image stage's pictures, under the base path, decorative (the button
    // names the video), with their size, lazy.
    let posters: Vec<(String, String, String, String)> = doc
        .select(&sel(".video-facade img.video-poster"))
        .map(|i| {
            let a = |n| i.value().attr(n).unwrap_or_default().to_string();
            (a("src"), a("alt"), a("width"), a("loading"))
        })
        .collect();
    let p = |src: &str| {
        (
            src.to_string(),
            String::new(),
            "8".to_string(),
            "lazy".to_string(),
        )
    };
    assert_eq!(
        posters,
        [p("/blog/images/hinge.png"), p("/blog/p/still.jpg")]
    );
    assert_eq!(doc.select(&sel(".video-placeholder")).count(), 0);
}

#[test]
fn files_get_their_poster_captions_track_and_the_base_path() {
    let body = "{{ video(url=\"/media/squat.mp4\", title=\"Squat\", poster=\"/media/squat.jpg\") }}\n\n\
                {{ video(url=\"clip.webm\", title=\"Clip\", captions=true) }}\n\n\
                {{ video(url=\"/media/plain.mp4\", title=\"Plain\") }}\n";
    let site = TestSite::with_files(&[
        ("posts/p/index.md", &post("P", "2024-01-01", "", body)),
        ("posts/p/clip.webm", "not really a video"),
        ("posts/p/clip.vtt", "WEBVTT\n"),
        ("static/media/squat.mp4", "not really a video"),
        ("static/media/squat.vtt", "WEBVTT\n"),
        ("static/media/plain.mp4", "not really a video"),
    ]);
    site.write_image("static/media/squat.jpg");
    site.build_ok(&["--base-url", "https://example.org/blog/"]);
    let doc = html(&site.read_output("p/index.html"));
    assert_eq!(
        videos(&doc, "video"),
        [
            ("/blog/media/squat.mp4".to_string(), "Squat".to_string()),
            ("/blog/p/clip.webm".to_string(), "Clip".to_string()),
            ("/blog/media/plain.mp4".to_string(), "Plain".to_string()),
        ]
    );
    let v: Vec<_> = doc.select(&sel("video")).collect();
    let attr = |i: usize, n: &str| v[i].value().attr(n).map(str::to_string);
    assert_eq!(attr(0, "poster").as_deref(), Some("/blog/media/squat.jpg"));
    assert_eq!(
        (attr(0, "width").as_deref(), attr(0, "height").as_deref()),
        (Some("8"), Some("6"))
    );
    assert_eq!(attr(2, "poster"), None);
    let tracks: Vec<(String, String, bool)> = doc
        .select(&sel("video track"))
        .map(|t| {
            let a = |n| t.value().attr(n).unwrap().to_string();
            assert_eq!(a("kind"), "captions");
            (a("src"), a("srclang"), t.value().attr("default").is_some())
        })
        .collect();
    assert_eq!(
        tracks,
        [
            ("/blog/media/squat.vtt".to_string(), "en".to_string(), false),
            ("/blog/p/clip.vtt".to_string(), "en".to_string(), true),
        ]
    );
    assert_eq!(
        doc.select(&sel("video source[type='video/webm']")).count(),
        1
    );
}

#[test]
fn exercise_poster_and_captions_from_front_matter() {
    let site = TestSite::with_files(&[
        (
            "posts/exercises/hinge.md",
            "---\nname: Hinge\nvideo: https://youtu.be/hinge?t=12\nvideo_captions: true\nimage: /images/h.svg\nposter: /images/still.png\n---\nBody.\n",
        ),
        (
            "static/images/h.svg",
            r#"<svg xmlns="http://www.w3.org/2000/svg" width="480" height="200"></svg>"#,
        ),
        (
            "posts/p.md",
            &post("P", "2024-01-01", "", "{{ exercise(id=\"hinge\") }}"),
        ),
    ]);
    site.write_image("static/images/still.png");
    site.build_ok(&[]);
    let doc = html(&site.read_output("exercises/hinge/index.html"));
    assert_eq!(
        facades(&doc, ".video-facade"),
        [facade(
            "https://www.youtube-nocookie.com/embed/hinge?autoplay=1&start=12&cc_load_policy=1&cc_lang_pref=en",
            "Hinge demonstration",
            "https://www.youtube.com/watch?v=hinge&t=12s"
        )]
    );
    let poster: Vec<&str> = doc
        .select(&sel(".video-facade img"))
        .filter_map(|i| i.value().attr("src"))
        .collect();
    assert_eq!(poster, ["/images/still.png"]);
}

#[test]
fn poster_and_option_mistakes_are_errors_at_their_place() {
    let body = "{{ video(url=\"https://youtu.be/abc\", poster=\"/images/none.png\") }}\n\
                {{ video(url=\"https://youtu.be/abc\", start=\"soon\") }}\n\
                {{ video(url=\"https://youtu.be/abc\", captions=\"yes\") }}\n";
    let err = fails_with(&[
        ("posts/x.md", &post("X", "2024-01-02", "", body)),
        (
            "posts/exercises/lone.md",
            "---\nname: Lone\nposter: /images/p.png\nvideo_date: 2024-01-01\n---\nBody.\n",
        ),
        (
            "posts/y.md",
            &post("Y", "2024-01-02", "", "{{ exercise(id=\"lone\") }}"),
        ),
    ]);
    assert_reports(
        &err,
        "posts/x.md:5:38: error: poster `/images/none.png` is not a picture of the site",
    );
    assert_reports(
        &err,
        "posts/x.md:6:38: error: argument `start` of `video` must be a time in seconds",
    );
    assert_reports(
        &err,
        "posts/x.md:7:38: error: argument `captions` of `video` must be true or false, not string",
    );
    assert_reports(
        &err,
        "posts/exercises/lone.md:3:1: error: `poster` without a `video`",
    );
    assert_reports(
        &err,
        "posts/exercises/lone.md:4:1: error: `video_date` without a `video`",
    );
}

/// A site that built once; `files` are added and the build must fail with public/ unchanged.
fn fails_with(files: &[(&str, &str)]) -> String {
    let site = TestSite::with_files(&[(
        "posts/good.md",
        &post("Good", "2024-01-01", "", "{{ video(url=\"/v.mp4\") }}"),
    )]);
    site.build_ok(&[]);
    site.fails_keeping_output(files)
}

#[test]
fn refused_urls_in_a_shortcode_are_errors_at_the_url() {
    let body = "{{ video(url=\"javascript:alert(1)\") }}\n\
                {{ video(url=\"data:video/mp4;base64,AAAA\", title=\"x\") }}\n\
                {{ video(title=\"x\", url=\"https://evil.example.org/watch?v=abc\") }}\n\
                {{ video(url=\"http://cdn.example.org/a.mp4\") }}\n\
                {{ video(url=\"https://youtube.com/playlist?list=abc\") }}\n";
    let err = fails_with(&[("posts/x.md", &post("X", "2024-01-02", "", body))]);
    assert_reports(
        &err,
        // Refused by the link-scheme policy, once.
        "posts/x.md:5:10: error: `javascript:alert(1)` is a javascript: URL",
    );
    assert_reports(
        &err,
        "posts/x.md:6:10: error: `data:video/mp4;base64,AAAA` is a data: URL",
    );
    assert_reports(
        &err,
        "posts/x.md:7:21: error: `https://evil.example.org/watch?v=abc` is not from a video host sitegen can embed",
    );
    assert_reports(
        &err,
        "posts/x.md:8:10: error: `http://cdn.example.org/a.mp4` must use https://",
    );
    assert_reports(
        &err,
        "posts/x.md:9:10: error: `https://youtube.com/playlist?list=abc` is not a YouTube video URL",
    );
    assert!(err.contains("build failed: 5 errors"), "{err}");
}

#[test]
fn refused_urls_in_exercise_front_matter_are_errors_at_the_key() {
    let toml =
        "+++\nname = \"Bad One\"\njoint = \"hips\"\nvideo = \"javascript:alert(1)\"\n+++\nBody.\n";
    let yaml = "---\nname: \"Bad Two\"\njoint: \"hips\"\ngoal: \"mobility\"\nvideo: 'data:text/html,<script>alert(1)</script>'\n---\nBody.\n";
    let host =
        "---\nname: \"Bad Three\"\nvideo: https://videos.example.org/watch/123\n---\nBody.\n";
    let uses = "{{ exercise(id=\"bad-one\") }} {{ exercise(id=\"bad-two\") }} {{ exercise(id=\"bad-three\") }}";
    let err = fails_with(&[
        ("posts/exercises/bad-one.md", toml),
        ("posts/exercises/bad-two.md", yaml),
        ("posts/exercises/bad-three.md", host),
        ("posts/x.md", &post("X", "2024-01-02", "", uses)),
    ]);
    assert_reports(
        &err,
        "posts/exercises/bad-one.md:4:1: error: `javascript:alert(1)` cannot be embedded",
    );
    assert_reports(
        &err,
        "posts/exercises/bad-two.md:5:1: error: `data:text/html,<script>alert(1)</script>` cannot be embedded",
    );
    assert_reports(
        &err,
        "posts/exercises/bad-three.md:3:1: error: `https://videos.example.org/watch/123` is not from a video host",
    );
    assert!(err.contains("build failed: 3 errors"), "{err}");
}

#[test]
fn a_video_takes_no_body() {
    let err = fails_with(&[(
        "posts/x.md",
        &post(
            "X",
            "2024-01-02",
            "",
            "Text.\n\n{% video(url=\"https://youtu.be/abc\") %}x{% end %}",
        ),
    )]);
    assert_reports(&err, "posts/x.md:7:1: error: `video` takes no body");
}

#[test]
fn an_exercise_drawing_is_its_facades_poster_shown_once_with_its_description() {
    let drawing = r#"<svg xmlns="http://www.w3.org/2000/svg" width="480" height="120"></svg>"#;
    let site = TestSite::with_files(&[
        (
            "posts/exercises/bridge.md",
            "---\nname: Bridge\nvideo: https://youtu.be/bridge\nimage: /images/b.svg\nimage_alt: Hips down, then up\n---\nBody.\n",
        ),
        (
            "posts/exercises/plank.md",
            "---\nname: Plank\nvideo: /media/plank.mp4\nimage: /images/b.svg\nimage_alt: A plank\n---\nBody.\n",
        ),
        ("static/images/b.svg", drawing),
        ("static/media/plank.mp4", "not really a video"),
        (
            "posts/p.md",
            &post(
                "P",
                "2024-01-01",
                "",
                "{{ exercise(id=\"bridge\") }}\n\n{{ exercise(id=\"plank\") }}",
            ),
        ),
    ]);
    site.build_ok(&[]);
    for page in ["p/index.html", "exercises/bridge/index.html"] {
        let doc = html(&site.read_output(page));
        let scope = if page == "p/index.html" {
            ".exercise-card:first-of-type "
        } else {
            ""
        };
        let figure = format!("{scope}.exercise-figure");
        assert_eq!(doc.select(&sel(&figure)).count(), 0, "{page}");
        let posters: Vec<(&str, &str)> = doc
            .select(&sel(".video-facade img"))
            .map(|i| {
                (
                    i.value().attr("src").unwrap(),
                    i.value().attr("alt").unwrap(),
                )
            })
            .collect();
        assert_eq!(posters, [("/images/b.svg", "Hips down, then up")], "{page}");
    }
    // A file's poster has no text: its drawing keeps its figure.
    let doc = html(&site.read_output("exercises/plank/index.html"));
    assert_eq!(doc.select(&sel(".exercise-figure img")).count(), 1);
    assert_eq!(doc.select(&sel("video[poster='/images/b.svg']")).count(), 1);
}
