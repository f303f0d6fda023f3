//! What a site says about its videos beyond the player: `VideoObject` JSON-LD where every
//! required value is known, feed entries that keep the link to the video, and `watch` picking up
//! a captions file saved beside a video.

use crate::common::{TestSite, html, post};
use crate::videos::one_video;

fn sel(s: &str) -> scraper::Selector {
    scraper::Selector::parse(s).unwrap()
}

/// The `VideoObject`s in a page's JSON-LD.
fn video_objects(page: &str) -> Vec<serde_json::Value> {
    let doc = html(page);
    let mut out = Vec::new();
    for s in doc.select(&sel("script[type='application/ld+json']")) {
        let v: serde_json::Value = serde_json::from_str(&s.inner_html()).unwrap();
        let items = match v.get("@graph") {
            Some(serde_json::Value::Array(items)) => items.clone(),
            _ => vec![v],
        };
        out.extend(items.into_iter().filter(|i| i["@type"] == "VideoObject"));
    }
    out
}

#[test]
fn video_objects_where_every_required_value_is_known() {
    let exercise = |id: &str, extra: &str| {
        (
            format!("posts/exercises/{id}.md"),
            format!(
                "---\nname: {id}\njoint: hips\ngoal: strength\nvideo: https://youtu.be/{id}\ncues: [Push]\n{extra}---\nBody.\n"
            ),
        )
    };
    let dated = exercise("dated", "image: /images/d.png\nvideo_date: 2023-05-06\n");
    let undated = exercise("undated", "image: /images/d.png\n");
    let pictureless = exercise("pictureless", "video_date: 2023-05-06\n");
    let body = "{{ exercise(id=\"dated\") }}\n\n{{ exercise(id=\"undated\") }}\n\n\
                {{ exercise(id=\"pictureless\") }}\n\n\
                {{ video(url=\"https://vimeo.com/42\", title=\"Roll\", poster=\"/images/d.png\") }}\n\n\
                {{ video(url=\"https://vimeo.com/43\", title=\"No poster\") }}\n";
    let site = TestSite::with_files(&[
        (dated.0.as_str(), dated.1.as_str()),
        (undated.0.as_str(), undated.1.as_str()),
        (pictureless.0.as_str(), pictureless.1.as_str()),
        (
            "posts/p.md",
            &post(
                "P",
                "2024-02-03",
                "summary = \"Rolling and bridging.\"\n",
                body,
            ),
        ),
    ]);
    site.write_image("static/images/d.png");
    site.build_ok(&["--base-url", "https://example.org/blog/"]);
    let roll = serde_json::json!({
        "@type": "VideoObject",
        "name": "Roll",
        "description": "Rolling and bridging.",
        "thumbnailUrl": "https://example.org/blog/images/d.png",
        "uploadDate": "2024-02-03",
        "embedUrl": "https://player.vimeo.com/video/42",
    });
    let bridge = serde_json::json!({
        "@type": "VideoObject",
        "name": "dated demonstration",
        "description": "dated: a strength exercise for the hips.",
        "thumbnailUrl": "https://example.org/blog/images/d.png",
        "uploadDate": "2023-05-06",
        "embedUrl": "https://www.youtube-nocookie.com/embed/dated",
    });
    assert_eq!(
        video_objects(&site.read_output("p/index.html")),
        [roll, bridge.clone()]
    );
    assert_eq!(
        video_objects(&site.read_output("exercises/dated/index.html")),
        [bridge]
    );
    for page in [
        "exercises/undated/index.html",
        "exercises/pictureless/index.html",
    ] {
        assert_eq!(
            video_objects(&site.read_output(page)),
            Vec::<serde_json::Value>::new()
        );
    }
    // Without a host there is no absolute thumbnail URL, so no VideoObject at all.
    site.build_ok(&["--base-url", "/blog/"]);
    assert!(video_objects(&site.read_output("p/index.html")).is_empty());
}

#[test]
fn a_captions_file_saved_beside_a_video_reaches_its_page_in_watch() {
    let site = TestSite::with_files(&[
        (
            "posts/p.md",
            &post(
                "P",
                "2024-01-01",
                "",
                "{{ video(url=\"/media/a.mp4\", title=\"A\") }}",
            ),
        ),
        ("static/media/a.mp4", "not really a video"),
    ]);
    let root = site.root().canonicalize().unwrap();
    let overrides = |out: &str| sitegen::Overrides {
        output: Some(site.path(out)),
        base_url: Some("/".into()),
        ..sitegen::Overrides::default()
    };
    let (mut session, _) = crate::common::Session::start(&root, overrides("public")).unwrap();
    let tracks = |out: &str| {
        let page = std::fs::read_to_string(site.path(out).join("p/index.html")).unwrap();
        html(&page)
            .select(&sel("video track"))
            .filter_map(|t| t.value().attr("src").map(str::to_string))
            .collect::<Vec<_>>()
    };
    assert!(tracks("public").is_empty());
    site.write("static/media/a.vtt", "WEBVTT\n");
    session
        .rebuild(&[site.path("static/media/a.vtt")])
        .unwrap_or_else(|f| panic!("{}", crate::common::describe_all(&f.diagnostics)));
    assert_eq!(tracks("public"), ["/media/a.vtt"]);
    // What watch does on its indexer's thread after the reload.
    session.refresh_search().unwrap();
    let config = sitegen::Config::load(site.root(), overrides("clean")).unwrap();
    sitegen::build(&config).unwrap();
    assert_eq!(site.snapshot("public"), site.snapshot("clean"));
}

#[test]
fn a_feed_entry_shows_the_link_to_the_video_not_a_noscript() {
    let site = one_video("{{ video(url=\"https://youtu.be/abc\", title=\"Hinge\") }}");
    site.build_ok(&["--base-url", "https://example.org/"]);
    let feed = feed_rs::parser::parse(site.read_output("atom.xml").as_bytes()).unwrap();
    let content = feed.entries[0]
        .content
        .as_ref()
        .unwrap()
        .body
        .clone()
        .unwrap();
    assert!(!content.contains("noscript"), "{content}");
    let doc = html(&content);
    let links: Vec<&str> = doc
        .select(&sel(".video-facade > a.video-link"))
        .filter_map(|a| a.value().attr("href"))
        .collect();
    assert_eq!(links, ["https://www.youtube.com/watch?v=abc"]);
}
