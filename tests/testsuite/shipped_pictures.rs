//! The pictures of the shipped site (`static/images/`, drawn by `scripts/illustrations/`): every
//! exercise of `posts/exercises/` shows its drawing on its page and on each of its cards (beside
//! its animation, for print and reduced motion: `animations.rs`), and every post of the series
//! has its hero, a 1200×630 PNG that is also its share card.

use std::path::Path;

use crate::common::{TestSite, html};

const SERIES: &[&str] = &["foam-rolling", "joint-by-joint", "core", "low-back-pain"];

/// The ids of the repository's exercises (file stems of `posts/exercises/*.md`), sorted.
fn exercise_ids() -> Vec<String> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("posts/exercises");
    let mut ids: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "md"))
        .map(|p| p.file_stem().unwrap().to_string_lossy().into_owned())
        .collect();
    ids.sort();
    ids
}

/// `(src, alt)` of every `<img>` matching `selector`.
fn images(doc: &scraper::Html, selector: &str) -> Vec<(String, String)> {
    let sel = scraper::Selector::parse(selector).unwrap();
    doc.select(&sel)
        .map(|e| {
            let attr = |n| e.value().attr(n).unwrap_or_default().to_string();
            (attr("src"), attr("alt"))
        })
        .collect()
}

/// The output file a root-relative `src` names.
fn output_file(site: &TestSite, src: &str) -> std::path::PathBuf {
    site.path("public").join(src.trim_start_matches('/'))
}

#[test]
fn every_exercise_page_shows_its_drawing() {
    let site = TestSite::shipped();
    site.build_ok(&[]);
    let ids = exercise_ids();
    assert_eq!(ids.len(), 24, "{ids:?}");
    for id in &ids {
        let doc = html(&site.read_output(&format!("exercises/{id}/index.html")));
        let shown = images(&doc, ".exercise-figure img.exercise-image");
        assert_eq!(shown.len(), 1, "exercises/{id}/: {shown:?}");
        let (src, alt) = &shown[0];
        assert_eq!(
            src,
            &format!("/images/exercises/{id}.svg"),
            "exercises/{id}/"
        );
        assert!(
            alt.contains("(start)") && alt.contains("(end)"),
            "exercises/{id}/: the alt text should describe both positions: {alt:?}"
        );
        let svg = std::fs::read_to_string(output_file(&site, src)).unwrap();
        assert!(
            svg.contains("<title>")
                && svg.contains("viewBox=")
                && svg.contains("prefers-color-scheme:dark"),
            "{src}: a drawing needs a <title>, a viewBox and its dark colours"
        );
    }
}

#[test]
fn every_exercise_card_in_the_series_shows_its_drawing() {
    let site = TestSite::shipped();
    site.build_ok(&[]);
    let card = scraper::Selector::parse("aside.exercise-card").unwrap();
    let title = scraper::Selector::parse(".exercise-card-title a").unwrap();
    let mut cards = 0;
    for slug in SERIES {
        let doc = html(&site.read_output(&format!("{slug}/index.html")));
        for aside in doc.select(&card) {
            cards += 1;
            let href = aside
                .select(&title)
                .next()
                .unwrap()
                .value()
                .attr("href")
                .unwrap();
            let id = href.trim_matches('/').trim_start_matches("exercises/");
            let inner = html(&aside.html());
            let shown = images(&inner, ".exercise-figure img.exercise-image");
            assert_eq!(
                shown.iter().map(|(s, _)| s.as_str()).collect::<Vec<_>>(),
                [format!("/images/exercises/{id}.svg")],
                "{slug}/: the card of {id}"
            );
            assert!(
                output_file(&site, &shown[0].0).is_file(),
                "{slug}/: {}",
                shown[0].0
            );
        }
    }
    assert!(
        cards >= 24,
        "the series embeds every exercise at least once: {cards} cards"
    );
}

#[test]
fn every_post_of_the_series_has_a_hero_and_share_image() {
    let site = TestSite::shipped();
    site.build_ok(&["--base-url", "https://example.org/"]);
    let og = scraper::Selector::parse(r#"meta[property="og:image"]"#).unwrap();
    for slug in SERIES {
        let doc = html(&site.read_output(&format!("{slug}/index.html")));
        let found: Vec<&str> = doc
            .select(&og)
            .filter_map(|m| m.value().attr("content"))
            .collect();
        assert_eq!(
            found,
            [format!("https://example.org/images/posts/{slug}.png")],
            "{slug}/: og:image"
        );
        let png = std::fs::read(site.path(&format!("public/images/posts/{slug}.png"))).unwrap();
        assert_eq!(&png[..8], b"\x89PNG\r\n\x1a\n", "{slug}.png is a PNG");
        let size = |at: usize| u32::from_be_bytes(png[at..at + 4].try_into().unwrap());
        assert_eq!(
            (size(16), size(20)),
            (1200, 630),
            "{slug}.png: a share card's size"
        );
        // The drawing it was rendered from ships beside it.
        assert!(
            site.path(&format!("public/images/posts/{slug}.svg"))
                .is_file(),
            "{slug}.svg"
        );
        // Where the theme shows the hero, it is this picture.
        for (src, alt) in images(&doc, ".post-hero img") {
            assert!(
                src.contains(&format!("images/posts/{slug}")),
                "{slug}/: hero {src}"
            );
            assert!(!alt.is_empty(), "{slug}/: the hero needs its alt text");
        }
    }
}
