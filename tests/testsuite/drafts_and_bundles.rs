//! Drafts (left out unless `--drafts`) and page bundles (`posts/<name>/index.md` with files copied beside
//! the page).

use crate::common::{TestSite, hrefs, html, post, texts};

fn site_with_a_draft() -> TestSite {
    TestSite::with_files(&[
        (
            "posts/one.md",
            &post("One", "2024-01-01", "series = \"S\"\n", "First."),
        ),
        (
            "posts/two.md",
            &post(
                "Two",
                "2024-01-02",
                "series = \"S\"\ndraft = true\n",
                "Second.",
            ),
        ),
        (
            "posts/three.md",
            &post("Three", "2024-01-03", "series = \"S\"\n", "Third."),
        ),
        (
            "posts/loose.md",
            &post("Loose Draft", "2024-02-01", "draft = true\n", "Loose."),
        ),
    ])
}

#[test]
fn drafts_are_left_out_by_default() {
    let site = site_with_a_draft();
    site.build_ok(&[]);
    assert!(!site.path("public/two").exists(), "draft page written");
    assert!(!site.path("public/loose").exists(), "draft page written");
    let home = html(&site.read_output("index.html"));
    let links = hrefs(&home, "a");
    assert!(
        !links.iter().any(|h| h == "/two/" || h == "/loose/"),
        "home links a draft: {links:?}"
    );
    assert!(links.contains(&"/three/".to_string()), "{links:?}");
    assert!(
        texts(&home, ".other-posts").is_empty(),
        "the only loose post is a draft"
    );
    // The series closes the gap: one -> three, "Part 2 of 2".
    let three = html(&site.read_output("three/index.html"));
    assert_eq!(hrefs(&three, "a[rel=prev]"), ["/one/"]);
    assert!(
        texts(&three, ".series-box-title")
            .concat()
            .starts_with("Part 2 of 2")
    );
    assert_eq!(texts(&three, ".series-parts li"), ["One", "Three"]);
}

#[test]
fn drafts_are_built_with_the_drafts_flag() {
    let site = site_with_a_draft();
    site.build_ok(&["--drafts"]);
    let two = html(&site.read_output("two/index.html"));
    assert_eq!(texts(&two, "article h1"), ["Two"]);
    assert_eq!(hrefs(&two, "a[rel=prev]"), ["/one/"]);
    assert_eq!(hrefs(&two, "a[rel=next]"), ["/three/"]);
    assert!(
        texts(&two, ".series-box-title")
            .concat()
            .starts_with("Part 2 of 3")
    );
    assert!(site.path("public/loose/index.html").is_file());
    let home = html(&site.read_output("index.html"));
    assert_eq!(hrefs(&home, ".other-posts a"), ["/loose/"]);
}

#[test]
fn a_later_build_without_drafts_removes_draft_pages() {
    let site = site_with_a_draft();
    site.build_ok(&["--drafts"]);
    assert!(site.path("public/two/index.html").is_file());
    site.build_ok(&[]);
    assert!(!site.path("public/two").exists());
}

#[test]
fn an_at_link_to_a_draft_fails_without_drafts_and_works_with_them() {
    let site = TestSite::with_files(&[
        (
            "posts/one.md",
            &post("One", "2024-01-01", "", "Read [the next one](@/two.md)."),
        ),
        (
            "posts/two.md",
            &post("Two", "2024-01-02", "draft = true\n", "Second."),
        ),
    ]);
    let err = site.build_err(&[]);
    assert!(err.contains("posts/one.md:5:"), "{err}");
    assert!(err.contains("draft"), "{err}");
    site.build_ok(&["--drafts"]);
    assert_eq!(
        hrefs(
            &html(&site.read_output("one/index.html")),
            ".post-content a"
        ),
        ["/two/"]
    );
}

#[test]
fn a_bundle_is_a_post_and_its_files_are_copied_beside_the_page() {
    let site = TestSite::with_files(&[
        (
            "posts/trip/index.md",
            &post(
                "Trip",
                "2024-01-01",
                "",
                "![A hill](img.png)\n\n[Notes](notes/route.txt)",
            ),
        ),
        ("posts/trip/notes/route.txt", "up, then down\n"),
    ]);
    site.write_image("posts/trip/img.png");
    site.build_ok(&[]);
    assert_eq!(
        texts(&html(&site.read_output("trip/index.html")), "article h1"),
        ["Trip"]
    );
    // The picture is there, as the image stage re-encodes it (without metadata).
    let copied = image::open(site.path("public/trip/img.png")).unwrap();
    assert_eq!((copied.width(), copied.height()), (8, 6));
    assert_eq!(site.read_output("trip/notes/route.txt"), "up, then down\n");
    assert!(
        !site.path("public/trip/index.md").exists(),
        "the bundle's Markdown is not copied"
    );
    // The relative image path resolves next to the page.
    let doc = html(&site.read_output("trip/index.html"));
    let sel = scraper::Selector::parse(".post-content img").unwrap();
    let srcs: Vec<_> = doc
        .select(&sel)
        .filter_map(|e| e.value().attr("src"))
        .collect();
    assert_eq!(srcs, ["/trip/img.png"]);
}

#[test]
fn a_bundle_with_a_slug_copies_its_files_under_the_slug() {
    let site = TestSite::with_files(&[(
        "posts/2024-trip/index.md",
        &post(
            "Trip",
            "2024-01-01",
            "slug = \"hill-walk\"\n",
            "![A hill](img.png)",
        ),
    )]);
    site.write_image("posts/2024-trip/img.png");
    site.build_ok(&[]);
    assert!(site.path("public/hill-walk/index.html").is_file());
    assert!(image::open(site.path("public/hill-walk/img.png")).is_ok());
    assert!(!site.path("public/2024-trip").exists());
}

#[test]
fn bundles_and_single_files_share_a_series() {
    let site = TestSite::with_files(&[
        (
            "posts/a.md",
            &post("A", "2024-01-01", "series = \"S\"\n", "a"),
        ),
        (
            "posts/b/index.md",
            "---\ntitle: B\ndate: 2024-01-02\nseries: S\n---\nb\n",
        ),
    ]);
    site.build_ok(&[]);
    assert_eq!(
        hrefs(&html(&site.read_output("a/index.html")), "a[rel=next]"),
        ["/b/"]
    );
}

#[test]
fn a_draft_bundle_copies_nothing() {
    let site = TestSite::with_files(&[
        ("posts/a.md", &post("A", "2024-01-01", "", "a")),
        (
            "posts/trip/index.md",
            &post("Trip", "2024-01-02", "draft = true\n", "x"),
        ),
        ("posts/trip/img.png", "not really a png"),
    ]);
    site.build_ok(&[]);
    assert!(!site.path("public/trip").exists());
}
