//! Video embeds: YouTube and Vimeo become privacy-friendly iframes, files become `<video>`, every
//! embed has a title; other schemes and hosts are errors at the URL, in shortcodes and front matter.

use crate::common::{TestSite, assert_reports, html, post};

fn sel(s: &str) -> scraper::Selector {
    scraper::Selector::parse(s).unwrap()
}

#[track_caller]
/// (src, title, loading) of every iframe matching `selector`.
fn frames(doc: &scraper::Html, selector: &str) -> Vec<(String, String, String)> {
    doc.select(&sel(selector))
        .map(|f| {
            let a = |n: &str| {
                f.value()
                    .attr(n)
                    .unwrap_or_else(|| panic!("iframe without {n}"))
                    .to_string()
            };
            (a("src"), a("title"), a("loading"))
        })
        .collect()
}

/// (source src, title) of every `<video>` matching `selector`, checking its attributes.
fn videos(doc: &scraper::Html, selector: &str) -> Vec<(String, String)> {
    doc.select(&sel(selector))
        .map(|v| {
            assert!(v.value().attr("controls").is_some(), "video has controls");
            assert_eq!(v.value().attr("preload"), Some("metadata"));
            let src = v
                .select(&sel("source"))
                .next()
                .unwrap()
                .value()
                .attr("src")
                .unwrap()
                .to_string();
            let fallback: Vec<&str> = v
                .select(&sel("a"))
                .filter_map(|a| a.value().attr("href"))
                .collect();
            assert_eq!(fallback, [src.as_str()], "a download link as fallback");
            (src, v.value().attr("title").unwrap().to_string())
        })
        .collect()
}

fn t(src: &str, title: &str) -> (String, String, String) {
    (src.to_string(), title.to_string(), "lazy".to_string())
}

#[test]
fn video_shortcodes_follow_the_embed_rules() {
    let site = TestSite::fixture("exercises");
    site.build_ok(&[]);
    let doc = html(&site.read_output("basics/index.html"));
    assert_eq!(
        frames(&doc, ".post-content > .video iframe"),
        [
            t(
                "https://www.youtube-nocookie.com/embed/ytWatch_01",
                "Watch form"
            ),
            t(
                "https://www.youtube-nocookie.com/embed/ytShort-02",
                "Short link"
            ),
            t(
                "https://www.youtube-nocookie.com/embed/ytShorts03",
                "A short"
            ),
            t(
                "https://www.youtube-nocookie.com/embed/ytEmbed04",
                "Embedded"
            ),
            t("https://player.vimeo.com/video/76979871", "On Vimeo"),
        ]
    );
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
fn exercise_videos_embed_on_cards_and_pages() {
    let site = TestSite::fixture("exercises");
    site.build_ok(&[]);
    let mobility = html(&site.read_output("mobility/index.html"));
    assert_eq!(
        frames(&mobility, ".exercise-card iframe"),
        [
            t(
                "https://www.youtube-nocookie.com/embed/gluteBridge1",
                "Glute Bridge"
            ),
            t("https://player.vimeo.com/video/12345678", "Open Book")
        ]
    );
    let core = html(&site.read_output("core/index.html"));
    assert_eq!(
        videos(&core, ".exercise-card video"),
        [("/media/dead-bug.mp4".to_string(), "Dead Bug".to_string())]
    );
    let page = html(&site.read_output("exercises/open-book/index.html"));
    assert_eq!(
        frames(&page, ".video iframe"),
        [t("https://player.vimeo.com/video/12345678", "Open Book")]
    );
    let page = html(&site.read_output("exercises/dead-bug/index.html"));
    assert_eq!(
        videos(&page, ".video video"),
        [("/media/dead-bug.mp4".to_string(), "Dead Bug".to_string())]
    );
}

#[test]
fn every_embed_on_every_page_has_a_title_and_lazy_iframes() {
    let site = TestSite::fixture("exercises");
    site.build_ok(&[]);
    let mut seen = 0;
    for (path, bytes) in site
        .snapshot("public")
        .into_iter()
        .filter(|(p, _)| p.ends_with(".html"))
    {
        let doc = html(&String::from_utf8(bytes).unwrap());
        for e in doc.select(&sel("iframe, video")) {
            seen += 1;
            assert!(
                e.value()
                    .attr("title")
                    .is_some_and(|t| !t.trim().is_empty()),
                "{path}: {:?}",
                e.value()
            );
            if e.value().name() == "iframe" {
                assert_eq!(e.value().attr("loading"), Some("lazy"), "{path}");
                let src = e.value().attr("src").unwrap();
                assert!(
                    src.starts_with("https://www.youtube-nocookie.com/embed/")
                        || src.starts_with("https://player.vimeo.com/video/"),
                    "{path}: {src}"
                );
            }
        }
    }
    assert!(seen >= 14, "{seen} embeds");
}

#[test]
fn a_video_without_a_title_gets_one() {
    let site = TestSite::with_files(&[(
        "posts/p.md",
        &post(
            "P",
            "2024-01-01",
            "",
            "{{ video(url=\"https://youtu.be/abc\") }}",
        ),
    )]);
    site.build_ok(&[]);
    let doc = html(&site.read_output("p/index.html"));
    assert_eq!(
        frames(&doc, "iframe"),
        [t("https://www.youtube-nocookie.com/embed/abc", "Video")]
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
