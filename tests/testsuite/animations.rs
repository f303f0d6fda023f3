//! Exercise animations: an exercise's `animation` (an SVG of `static/`) is shown on its page and
//! cards (an `<img>` with the SVG's size, which the inlined `motion.js` puts inline to pause it),
//! with its still drawing beside it (for print and reduced motion) and a hidden pause button;
//! with a video it is the facade's poster; an
//! exercise without one shows its drawing as before; feeds carry the still drawing alone; a file
//! that cannot be inlined is an error at the key.

use crate::common::{TestSite, attrs, html, post};

const ANIMATION: &str = "<?xml version=\"1.0\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\" \
    class=\"fig-anim\" width=\"20\" height=\"10\" viewBox=\"0 0 20 10\" role=\"img\">\
    <title>Bridge, moving</title><circle cx=\"5\" cy=\"5\" r=\"2\"><animate attributeName=\"cx\" \
    values=\"5;15;5\" dur=\"4s\" repeatCount=\"indefinite\"/></circle></svg>\n";
const STILL: &str = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"40\" height=\"10\" \
    viewBox=\"0 0 40 10\"><title>Bridge</title></svg>\n";

fn sel(s: &str) -> scraper::Selector {
    scraper::Selector::parse(s).unwrap()
}

/// A site with a Bridge exercise (front matter `extra`) embedded in one post, and a second post
/// without exercises.
fn site(extra: &str) -> TestSite {
    TestSite::with_files(&[
        (
            "sitegen.toml",
            "title = \"T\"\nbase_url = \"https://example.org/\"\n",
        ),
        (
            "posts/exercises/bridge.md",
            &format!(
                "---\nname: Bridge\njoint: hips\ngoal: strength\nimage: /images/bridge.svg\n\
                 image_alt: Hips down, then up\n{extra}---\nLift.\n"
            ),
        ),
        ("static/images/bridge.svg", STILL),
        ("static/images/bridge.anim.svg", ANIMATION),
        (
            "posts/hips.md",
            &post(
                "Hips",
                "2024-05-01",
                "",
                "Try it.\n\n{{ exercise(id=\"bridge\") }}",
            ),
        ),
        ("posts/plain.md", &post("Plain", "2024-05-02", "", "Words.")),
    ])
}

/// Checks the animation box of `doc` at `within`: the animation's `<img>` with its size and
/// description (`lazy` or not), the still drawing beside it (always lazy: it shows only on paper
/// and for reduced motion), the hidden pause button named for the exercise.
#[track_caller]
fn assert_animation(doc: &scraper::Html, within: &str, lazy: bool) {
    let img = format!("{within} .exercise-motion > .motion-frame > img.motion-img");
    assert_eq!(
        attrs(doc, &img, "src"),
        ["/images/bridge.anim.svg"],
        "{img}"
    );
    assert_eq!(attrs(doc, &img, "width"), ["20"]);
    assert_eq!(attrs(doc, &img, "height"), ["10"]);
    assert_eq!(attrs(doc, &img, "alt"), ["Hips down, then up"]);
    let loading = if lazy {
        vec!["lazy".to_string()]
    } else {
        vec![]
    };
    assert_eq!(attrs(doc, &img, "loading"), loading, "{img}");
    let still = format!("{within} .exercise-motion > img.exercise-still");
    assert_eq!(attrs(doc, &still, "src"), ["/images/bridge.svg"]);
    assert_eq!(attrs(doc, &still, "alt"), ["Hips down, then up"]);
    assert_eq!(attrs(doc, &still, "loading"), ["lazy"]);
    let button = doc
        .select(&sel(&format!(
            "{within} .exercise-motion > button.motion-toggle"
        )))
        .next()
        .expect("a pause button");
    assert_eq!(button.value().attr("type"), Some("button"));
    assert!(
        button.value().attr("hidden").is_some(),
        "hidden until the script runs"
    );
    let name: String = button.text().collect();
    assert_eq!(name, "Pause the Bridge animation");
}

fn motion_script(doc: &scraper::Html) -> bool {
    doc.select(&sel("script"))
        .any(|s| s.text().collect::<String>().contains("pauseAnimations"))
}

#[test]
fn an_animation_shows_on_its_page_and_cards_with_its_still_drawing() {
    let site = site("animation: /images/bridge.anim.svg\n");
    site.build_ok(&[]);
    let page = html(&site.read_output("exercises/bridge/index.html"));
    assert_animation(&page, ".exercise-figure", false);
    assert!(motion_script(&page), "the exercise page inlines motion.js");
    let hips = html(&site.read_output("hips/index.html"));
    assert_animation(&hips, ".exercise-card .exercise-figure", true);
    assert!(motion_script(&hips), "a post with a card inlines motion.js");
    let plain = html(&site.read_output("plain/index.html"));
    assert!(
        !motion_script(&plain),
        "a post without animations gets no script"
    );
    // The file itself is published too, as written.
    assert_eq!(site.read_output("images/bridge.anim.svg"), ANIMATION);
}

#[test]
fn an_exercise_without_an_animation_shows_its_drawing_as_before() {
    let site = site("");
    site.build_ok(&[]);
    let page = html(&site.read_output("exercises/bridge/index.html"));
    assert_eq!(
        attrs(&page, ".exercise-figure > img", "src"),
        ["/images/bridge.svg"]
    );
    assert_eq!(
        attrs(&page, ".exercise-figure > img", "loading"),
        Vec::<String>::new(),
        "the page's first picture is not lazy"
    );
    assert_eq!(page.select(&sel(".exercise-motion")).count(), 0);
    assert!(!motion_script(&page));
    let hips = html(&site.read_output("hips/index.html"));
    assert_eq!(
        attrs(&hips, ".exercise-card .exercise-figure > img", "src"),
        ["/images/bridge.svg"]
    );
    assert!(!motion_script(&hips));
}

#[test]
fn with_a_video_the_animation_is_the_facades_poster() {
    let site = site(
        "animation: /images/bridge.anim.svg\nvideo: https://www.youtube.com/watch?v=abcdefghijk\n",
    );
    site.build_ok(&[]);
    // On the exercise's page the poster is at the top: not lazy.
    for (path, within, lazy) in [
        ("exercises/bridge/index.html", ".video-facade", false),
        ("hips/index.html", ".exercise-card .video-facade", true),
    ] {
        let doc = html(&site.read_output(path));
        assert_animation(&doc, within, lazy);
        assert_eq!(
            doc.select(&sel(".exercise-figure")).count(),
            0,
            "{path}: one figure"
        );
        assert_eq!(
            attrs(&doc, &format!("{within} button.video-play"), "aria-label"),
            ["Play: Bridge demonstration"],
            "{path}: the facade keeps its own button"
        );
        assert!(motion_script(&doc), "{path}");
    }
}

#[test]
fn a_feed_carries_the_still_drawing_without_the_animation() {
    let site = site("animation: /images/bridge.anim.svg\n");
    site.build_ok(&[]);
    let feed = site.read_output("atom.xml");
    assert!(
        feed.contains("images/bridge.svg"),
        "the still drawing: {feed}"
    );
    assert!(!feed.contains("bridge.anim.svg"), "no animation");
    assert!(
        !feed.contains("motion-toggle"),
        "no button that nothing would drive"
    );
}

#[test]
fn an_animation_that_cannot_be_inlined_is_an_error_at_its_key() {
    for (file, contents, says) in [
        ("missing.svg", None, "is not a file of the site"),
        ("notes.txt", Some("words"), "is not an SVG file"),
        (
            "script.svg",
            Some("<svg><script>alert(1)</script></svg>"),
            "holds a script",
        ),
        ("ids.svg", Some("<svg><g id=\"a\"/></svg>"), "has an `id`"),
        (
            "page.svg",
            Some("<p>a page</p>"),
            "is not one `<svg>` element",
        ),
        (
            "sizeless.svg",
            Some("<svg viewBox=\"0 0 9 9\"></svg>"),
            "no width and height",
        ),
    ] {
        let site = site(&format!("animation: /images/x/{file}\n"));
        if let Some(text) = contents {
            site.write(&format!("static/images/x/{file}"), text);
        }
        let stderr = site.build_err(&[]);
        assert!(
            stderr.contains("posts/exercises/bridge.md:7:") && stderr.contains(says),
            "{file}: {stderr}"
        );
    }
}

#[test]
fn every_shipped_exercise_moves_on_its_page() {
    let site = TestSite::shipped();
    site.build_ok(&[]);
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("posts/exercises");
    let mut count = 0;
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        let id = path.file_stem().unwrap().to_string_lossy();
        let doc = html(&site.read_output(&format!("exercises/{id}/index.html")));
        let src = format!("/images/exercises/{id}.anim.svg");
        assert_eq!(
            attrs(&doc, ".exercise-figure .motion-frame img", "src"),
            std::slice::from_ref(&src),
            "{id}: its animation"
        );
        let svg = std::fs::read_to_string(site.path(&format!("public{src}"))).unwrap();
        assert!(
            svg.contains("repeatCount=\"indefinite\"") && svg.contains("prefers-color-scheme:dark"),
            "{src}: it moves, looping, in both colour schemes"
        );
        assert!(
            svg.contains("(prefers-reduced-motion:reduce){.fig-anim .mv{display:none}")
                && svg.contains("<g class=\"st\">"),
            "{src}: opened by itself, it shows a still copy of its start pose under reduced motion"
        );
        assert_eq!(
            attrs(&doc, ".exercise-figure img.exercise-still", "src"),
            [format!("/images/exercises/{id}.svg")],
            "{id}: its still drawing beside it"
        );
        count += 1;
    }
    assert_eq!(count, 24);
}
