//! Pictures: an exercise's `image` on its card and page, a post's `image` as its hero, each with
//! the width and height read from the file (SVG: `width`/`height`/`viewBox`), and errors at the
//! front matter line for a missing or unreadable image.

use crate::common::{TestSite, assert_reports, html, post};

const DRAWING: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 640 360"><path d="M0 0L640 360"/></svg>"#;

fn exercise(front: &str) -> String {
    format!("---\nname: Glute Bridge\njoint: hips\ngoal: strength\n{front}---\nLift the hips.\n")
}

/// `(src, width, height, alt, loading)` of every `<img>` matching `selector`.
fn imgs(page: &str, selector: &str) -> Vec<[Option<String>; 5]> {
    let doc = html(page);
    let sel = scraper::Selector::parse(selector).unwrap();
    doc.select(&sel)
        .map(|e| {
            let a = |n: &str| e.value().attr(n).map(str::to_string);
            [a("src"), a("width"), a("height"), a("alt"), a("loading")]
        })
        .collect()
}

fn s(v: &str) -> Option<String> {
    Some(v.to_string())
}

fn site_with_drawing() -> TestSite {
    TestSite::with_files(&[
        ("static/images/glute-bridge.svg", DRAWING),
        (
            "posts/exercises/glute-bridge.md",
            &exercise(
                "image: /images/glute-bridge.svg\nimage_alt: Lying on the back, hips lifted\n",
            ),
        ),
        (
            "posts/hips/index.md",
            &post(
                "Hips",
                "2024-01-01",
                "image = \"hero.svg\"\n",
                "Intro.\n\n{{ exercise(id=\"glute-bridge\") }}\n",
            ),
        ),
        (
            "posts/hips/hero.svg",
            r#"<svg xmlns="http://www.w3.org/2000/svg" width="1200" height="630"></svg>"#,
        ),
    ])
}

#[test]
fn an_exercise_image_shows_on_its_card_and_page_with_its_size() {
    let site = site_with_drawing();
    site.build_ok(&[]);
    let alt = s("Lying on the back, hips lifted");
    let card = imgs(
        &site.read_output("hips/index.html"),
        ".exercise-card .exercise-figure img",
    );
    assert_eq!(
        card,
        [[
            s("/images/glute-bridge.svg"),
            s("640"),
            s("360"),
            alt.clone(),
            s("lazy")
        ]]
    );
    let page = imgs(
        &site.read_output("exercises/glute-bridge/index.html"),
        ".exercise-figure img",
    );
    // The page's first picture is not lazy.
    assert_eq!(
        page,
        [[s("/images/glute-bridge.svg"), s("640"), s("360"), alt, None]]
    );
}

#[test]
fn a_post_image_is_the_hero_under_the_title() {
    let site = site_with_drawing();
    site.build_ok(&["--base-url", "/blog/"]);
    let page = site.read_output("hips/index.html");
    let hero = imgs(&page, "article > .post-hero img");
    assert_eq!(
        hero,
        [[s("/blog/hips/hero.svg"), s("1200"), s("630"), s(""), None]]
    );
    let doc = html(&page);
    let order: Vec<&str> = doc
        .select(&scraper::Selector::parse("article > *").unwrap())
        .map(|e| e.value().name())
        .take(2)
        .collect();
    assert_eq!(order, ["header", "figure"], "the hero follows the title");
}

#[test]
fn a_drawing_without_a_size_or_a_missing_file_is_an_error_at_the_image_line() {
    let site = site_with_drawing();
    site.write(
        "static/images/glute-bridge.svg",
        r#"<svg width="100%"></svg>"#,
    );
    let err = site.build_err(&[]);
    assert_reports(
        &err,
        "posts/exercises/glute-bridge.md:5:1: error: cannot read the size of `static/images/glute-bridge.svg`",
    );

    let site = site_with_drawing();
    site.write(
        "posts/exercises/glute-bridge.md",
        &exercise("image: /images/glute-brdge.svg\n"),
    );
    let err = site.build_err(&[]);
    assert_reports(
        &err,
        "posts/exercises/glute-bridge.md:5:1: error: image `/images/glute-brdge.svg` is not a file of the site",
    );
    site.write(
        "posts/exercises/glute-bridge.md",
        &exercise("image: glute-bridge.svg\n"),
    );
    let err = site.build_err(&[]);
    assert!(err.contains("static/images/glute-bridge.svg"), "{err}");
}

#[test]
fn editing_a_drawing_in_watch_updates_the_size_on_every_page_showing_it() {
    let site = site_with_drawing();
    let (mut session, _) =
        crate::common::Session::start(site.root(), sitegen::Overrides::default()).unwrap();
    site.write(
        "static/images/glute-bridge.svg",
        r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 400 400"></svg>"#,
    );
    session
        .rebuild(&[site.path("static/images/glute-bridge.svg")])
        .unwrap();
    for page in ["hips/index.html", "exercises/glute-bridge/index.html"] {
        let found = imgs(&site.read_output(page), ".exercise-figure img");
        assert_eq!(found[0][1..3], [s("400"), s("400")], "{page}");
    }
}

#[test]
fn lists_show_each_posts_picture_as_a_thumbnail_with_its_size() {
    let site = site_with_drawing();
    // Three more posts, each with a picture of its own, and a newer one without: the list shows
    // a picture for each post that has one, those of its first two entries at once, the others
    // lazily.
    for (n, slug) in ["knees", "ankles", "wrists"].iter().enumerate() {
        site.write(
            &format!("posts/{slug}/index.md"),
            &post(
                slug,
                &format!("2024-02-0{}", n + 1),
                "image = \"pic.svg\"\ntags = [\"joints\"]\n",
                "Text.",
            ),
        );
        site.write(
            &format!("posts/{slug}/pic.svg"),
            r#"<svg xmlns="http://www.w3.org/2000/svg" width="800" height="400"></svg>"#,
        );
    }
    site.write(
        "posts/plain.md",
        &post(
            "Plain",
            "2024-03-01",
            "tags = [\"joints\"]\n",
            "No picture.",
        ),
    );
    site.build_ok(&[]);
    let home = site.read_output("index.html");
    let thumbs = imgs(&home, ".post-list .item-thumb img");
    assert_eq!(
        thumbs,
        [
            [s("/wrists/pic.svg"), s("800"), s("400"), s(""), None],
            [s("/ankles/pic.svg"), s("800"), s("400"), s(""), s("lazy")],
            [s("/knees/pic.svg"), s("800"), s("400"), s(""), s("lazy")],
            [s("/hips/hero.svg"), s("1200"), s("630"), s(""), s("lazy")],
        ],
        "newest first; the post without a picture has none"
    );
    let doc = html(&home);
    assert_eq!(
        crate::common::attrs(&doc, ".post-list .item-thumb", "tabindex"),
        ["-1"; 4],
        "the title's link is the one a keyboard reaches"
    );
    let tag = imgs(
        &site.read_output("tags/joints/index.html"),
        ".item-thumb img",
    );
    assert_eq!(tag.len(), 3, "a tag's page shows its posts' pictures too");
}

#[test]
fn an_exercise_page_shows_the_pictures_of_the_first_twelve_posts_using_it() {
    let site = site_with_drawing();
    // Fourteen more posts using the exercise, each with a picture: "Used in" lists all fifteen,
    // oldest first, the first twelve with their pictures (lazily: the list is below the
    // drawing), the rest as titles only.
    for n in 1..=14 {
        let slug = format!("p{n:02}");
        site.write(
            &format!("posts/{slug}/index.md"),
            &post(
                &slug,
                &format!("2024-02-{n:02}"),
                "image = \"pic.svg\"\n",
                "Text.\n\n{{ exercise(id=\"glute-bridge\") }}\n",
            ),
        );
        site.write(
            &format!("posts/{slug}/pic.svg"),
            r#"<svg xmlns="http://www.w3.org/2000/svg" width="800" height="400"></svg>"#,
        );
    }
    site.build_ok(&[]);
    let page = site.read_output("exercises/glute-bridge/index.html");
    let doc = html(&page);
    assert_eq!(
        crate::common::texts(&doc, ".used-in li > a:not(.item-thumb)").len(),
        15
    );
    let thumbs = imgs(&page, ".used-in .item-thumb img");
    let mut expected = vec![[s("/hips/hero.svg"), s("1200"), s("630"), s(""), s("lazy")]];
    expected.extend((1..=11).map(|n| {
        [
            s(&format!("/p{n:02}/pic.svg")),
            s("800"),
            s("400"),
            s(""),
            s("lazy"),
        ]
    }));
    assert_eq!(thumbs, expected);
    assert_eq!(
        crate::common::attrs(&doc, ".used-in .item-thumb", "tabindex"),
        ["-1"; 12]
    );
}
