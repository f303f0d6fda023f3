//! Cross-post `@/` links: resolved to the target's URL (with `#anchor`, honouring --base-url), and
//! errors at the link for a missing post or heading.

use crate::common::{TestSite, assert_reports, hrefs, html, post};

#[track_caller]
/// The fixture site with `posts/x.md` added (body from line 5), built successfully.
fn fixture_with(body: &str, args: &[&str]) -> TestSite {
    let site = TestSite::fixture("exercises");
    site.write(
        "posts/x.md",
        &format!("+++\ntitle = \"X\"\ndate = 2024-06-01\n+++\n{body}\n"),
    );
    site.build_ok(args);
    site
}

/// The fixture site builds; then `posts/x.md` with `body` (from line 5) makes it fail with exit 1,
/// leaving public/ as it was. Returns stderr.
fn link_fails(body: &str) -> String {
    let site = TestSite::fixture("exercises");
    site.build_ok(&[]);
    let text = format!("+++\ntitle = \"X\"\ndate = 2024-06-01\n+++\n{body}\n");
    site.fails_keeping_output(&[("posts/x.md", &text)])
}

#[test]
fn links_resolve_to_post_urls_with_and_without_anchor() {
    let site = TestSite::fixture("exercises");
    site.build_ok(&[]);
    let mobility = html(&site.read_output("mobility/index.html"));
    assert_eq!(
        hrefs(&mobility, ".post-content > p a"),
        ["/basics/", "/basics/#bridging-up"]
    );
    let basics = html(&site.read_output("basics/index.html"));
    assert_eq!(
        hrefs(&basics, ".post-content > p a"),
        ["/mobility/", "/core/#core-work"]
    );
    // The anchors exist on the target pages.
    assert_eq!(hrefs(&basics, "#bridging-up").len(), 0);
    assert!(
        basics
            .select(&scraper::Selector::parse("h2#bridging-up").unwrap())
            .next()
            .is_some()
    );
}

#[test]
fn links_honour_a_base_path() {
    let site = TestSite::fixture("exercises");
    site.build_ok(&["--base-url", "/blog/"]);
    let mobility = html(&site.read_output("mobility/index.html"));
    assert_eq!(
        hrefs(&mobility, ".post-content > p a"),
        ["/blog/basics/", "/blog/basics/#bridging-up"]
    );
    assert_eq!(
        hrefs(&mobility, ".exercise-card-title a")[0],
        "/blog/exercises/clamshell/"
    );
    assert_eq!(
        hrefs(&mobility, ".also-in a"),
        ["/blog/basics/", "/blog/core/"]
    );
    let page = html(&site.read_output("exercises/glute-bridge/index.html"));
    assert_eq!(
        hrefs(&page, ".used-in a"),
        ["/blog/mobility/", "/blog/basics/", "/blog/core/"]
    );
    assert_eq!(hrefs(&page, ".eyebrow a"), ["/blog/exercises/"]);
}

#[test]
fn links_honour_an_absolute_base_url() {
    let site = TestSite::fixture("exercises");
    site.build_ok(&["--base-url", "https://example.org/sub"]);
    let basics = html(&site.read_output("basics/index.html"));
    assert_eq!(
        hrefs(&basics, ".post-content > p a"),
        ["/sub/mobility/", "/sub/core/#core-work"]
    );
    assert_eq!(
        hrefs(&basics, "link[rel=canonical]"),
        ["https://example.org/sub/basics/"]
    );
    let page = html(&site.read_output("exercises/glute-bridge/index.html"));
    assert_eq!(
        hrefs(&page, "link[rel=canonical]"),
        ["https://example.org/sub/exercises/glute-bridge/"]
    );
}

#[test]
fn links_to_exercises_custom_ids_and_reference_links() {
    let body = "## Why? Why!\n\n## Why why\n\n## Custom {#mine}\n\n\
                [a](@/exercises/glute-bridge.md) [b](@/x.md#why-why-1) [c](@/x.md#mine) [d][ref] [e](https://example.org/@/core.md)\n\n\
                {% exercise(id=\"clamshell\") %}\nSee [core](@/core.md#core-work).\n{% end %}\n\n\
                [ref]: @/mobility.md#upper-back\n";
    let site = fixture_with(body, &["--base-url", "/b/"]);
    let doc = html(&site.read_output("x/index.html"));
    assert_eq!(
        hrefs(&doc, ".post-content > p a"),
        [
            "/b/exercises/glute-bridge/",
            "/b/x/#why-why-1",
            "/b/x/#mine",
            "/b/mobility/#upper-back",
            "https://example.org/@/core.md"
        ]
    );
    assert_eq!(hrefs(&doc, ".exercise-card-body a"), ["/b/core/#core-work"]);
}

#[test]
fn a_link_to_a_missing_post() {
    let err = link_fails("Intro line\nand then [the cores](@/cores.md) here.");
    assert_reports(
        &err,
        "posts/x.md:6:10: error: link to `posts/cores.md`, which does not exist",
    );
    assert!(err.contains("did you mean `@/core.md`?"), "{err}");
}

#[test]
fn a_link_to_a_missing_post_without_a_near_name() {
    let err = link_fails("[x](@/zzzzzzzzzzzz.md)");
    assert_reports(
        &err,
        "posts/x.md:5:1: error: link to `posts/zzzzzzzzzzzz.md`, which does not exist",
    );
    assert!(
        err.contains("`@/core.md#breathing`"),
        "the hint shows the syntax:\n{err}"
    );
}

#[test]
fn a_link_to_a_missing_heading() {
    let err = link_fails(
        "Text.\n\n- item\n- see [it](@/core.md#core-wrk)\n- [other](@/mobility.md#nothing-like-it)",
    );
    assert_reports(
        &err,
        "posts/x.md:8:7: error: `posts/core.md` has no heading with id `core-wrk`",
    );
    assert!(err.contains("did you mean `core-work`?"), "{err}");
    assert_reports(
        &err,
        "posts/x.md:9:3: error: `posts/mobility.md` has no heading with id `nothing-like-it`",
    );
    assert!(
        err.contains("its heading ids are `hips`, `upper-back` or `writing-shortcodes`"),
        "{err}"
    );
}

#[test]
fn a_link_to_a_missing_exercise_heading() {
    let err = link_fails("[x](@/exercises/glute-bridge.md#nope)");
    assert_reports(
        &err,
        "posts/x.md:5:1: error: `posts/exercises/glute-bridge.md` has no heading with id `nope`",
    );
}

#[test]
fn a_broken_link_in_a_shortcode_body_points_into_the_body() {
    let err = link_fails(
        "{% exercise(id=\"clamshell\") %}\nFirst line.\nThen [core](@/core.md#nope).\n{% end %}",
    );
    assert_reports(
        &err,
        "posts/x.md:7:6: error: `posts/core.md` has no heading with id `nope`",
    );
}

#[test]
fn a_link_to_a_draft_says_so() {
    let site = TestSite::with_files(&[
        (
            "posts/draft.md",
            &post("Draft", "2024-01-01", "draft = true\n", "Soon."),
        ),
        (
            "posts/p.md",
            &post("P", "2024-01-02", "", "[soon](@/draft.md)"),
        ),
    ]);
    let err = site.build_err(&[]);
    assert_reports(
        &err,
        "posts/p.md:5:1: error: link to `posts/draft.md`, a draft that is not being built",
    );
    site.build_ok(&["--drafts"]);
    assert_eq!(
        hrefs(&html(&site.read_output("p/index.html")), ".post-content a"),
        ["/draft/"]
    );
}
