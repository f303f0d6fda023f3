//! `sitegen check`: every link and `#anchor` of the final HTML, from Markdown, raw HTML and
//! templates, reported with its page and source line; nothing written. `--external` is tested
//! only against servers on 127.0.0.x started by the tests (`external`).

mod external;

use crate::common::{TestSite, assert_reports, post};

/// Runs `sitegen check ARGS` in the site; returns the exit code and stderr.
fn check(site: &TestSite, args: &[&str]) -> (Option<i32>, String) {
    site.run("check", args)
}

/// Runs `sitegen check ARGS` expecting exit code 1; returns stderr.
#[track_caller]
fn check_fails(site: &TestSite, args: &[&str]) -> String {
    let (code, err) = check(site, args);
    assert_eq!(code, Some(1), "expected exit 1:\n{err}");
    err
}

/// `path:line:col` of the first `needle` in `text` (1-based), as diagnostics print it.
fn place(path: &str, text: &str, needle: &str) -> String {
    let at = text
        .find(needle)
        .unwrap_or_else(|| panic!("{needle} not in {text}"));
    let line = text[..at].matches('\n').count() + 1;
    let col = at - text[..at].rfind('\n').map_or(0, |i| i + 1) + 1;
    format!("{path}:{line}:{col}")
}

#[track_caller]
fn assert_summary(stderr: &str, pages: usize, broken: usize) {
    let line = stderr.lines().last().unwrap_or("");
    assert!(
        line.starts_with("checked ")
            && line.ends_with(&format!(" links on {pages} pages: {broken} broken")),
        "summary line: {line}\nin:\n{stderr}"
    );
}

/// The fixture site with `posts/x.md` (its body from line 5) added.
fn fixture_with(body: &str) -> (TestSite, String) {
    let site = TestSite::fixture("exercises");
    let text = post("X", "2024-06-01", "", body);
    site.write("posts/x.md", &text);
    (site, text)
}

/// The fixture site with the theme's `post.html` as `templates/post.html`, `html` added at the
/// start of the article; returns the site and the template's text.
fn fixture_with_post_template(html: &str) -> (TestSite, String) {
    let site = TestSite::fixture("exercises");
    let theme = include_str!("../../templates/post.html");
    let start = "<article class=\"post\" data-pagefind-body data-pagefind-filter=\"{{ t(key=\"search_filter\") }}:{{ t(key=\"kind_post\") }}\">";
    let planted = theme.replacen(start, &format!("{start}{html}"), 1);
    assert_ne!(
        planted, theme,
        "the theme's post.html changed: plant the links elsewhere"
    );
    site.write("templates/post.html", &planted);
    (site, planted)
}

#[test]
fn a_broken_link_and_anchor_in_a_template_are_found_and_named() {
    let (site, planted) = fixture_with_post_template(
        "\n<nav><a href=\"/nowhere/\">gone</a> <a href=\"#no-such-id\">up</a></nav>",
    );
    let err = check_fails(&site, &[]);
    let link = place("templates/post.html", &planted, "/nowhere/");
    assert_reports(
        &err,
        &format!(
            "{link}: error: broken link `/nowhere/` on 3 pages (`basics/index.html`, `core/index.html`, `mobility/index.html`): no page or file of the site is at `nowhere/index.html`"
        ),
    );
    let anchor = place("templates/post.html", &planted, "#no-such-id");
    assert_reports(
        &err,
        &format!("{anchor}: error: broken anchor `#no-such-id` on 3 pages"),
    );
    assert!(
        err.contains("the page has no element with id `no-such-id`"),
        "{err}"
    );
    assert_summary(&err, 19, 6);
}

#[test]
fn a_link_the_template_builds_is_named_with_its_page_and_template() {
    let (site, _) = fixture_with_post_template("<a href=\"{{ page.url }}gone/\">x</a>");
    let err = check_fails(&site, &[]);
    assert_reports(
        &err,
        "error: broken link `/core/gone/` on page `core/index.html` (written by the template `post.html`, one it includes, or a shortcode): no page or file of the site is at `core/gone/index.html`",
    );
}

#[test]
fn every_broken_link_in_markdown_is_named_at_its_line_and_column() {
    let body = "Intro [gone](/gone/) and <img src=\"missing.png\" alt=\"pic\">.\n\n<div id=\"here\">\n<a href=\"nope.html\">raw</a>\n</div>\n\n[ok](#here) <a name=\"old\"></a>[old](#old) [bad](#not-here) [there](/basics/#nope)\n\n- <a href=\"listed.html\">in a list</a>";
    let (site, text) = fixture_with(body);
    let err = check_fails(&site, &[]);
    let at = |needle: &str| place("posts/x.md", &text, needle);
    assert_reports(
        &err,
        &format!(
            "{}: error: broken link `/gone/` on page `x/index.html`: no page or file of the site is at `gone/index.html`",
            at("[gone]")
        ),
    );
    assert_reports(
        &err,
        &format!(
            "{}: error: broken link `missing.png` on page `x/index.html`: no page or file of the site is at `x/missing.png`",
            at("src=\"missing.png")
        ),
    );
    // Raw HTML: the line of the HTML, at the attribute.
    assert_reports(
        &err,
        &format!(
            "{}: error: broken link `nope.html`",
            at("href=\"nope.html\"")
        ),
    );
    assert_reports(
        &err,
        &format!(
            "{}: error: broken link `listed.html`",
            at("href=\"listed.html\"")
        ),
    );
    assert_reports(
        &err,
        &format!(
            "{}: error: broken anchor `#not-here` on page `x/index.html`: the page has no element with id `not-here`",
            at("[bad]")
        ),
    );
    assert_reports(
        &err,
        &format!(
            "{}: error: broken anchor `/basics/#nope` on page `x/index.html`: `basics/index.html` has no element with id `nope`",
            at("[there]")
        ),
    );
    // `#here` (a div's id) and `#old` (an `<a name>`) are anchors: not reported.
    assert!(
        !err.contains("anchor `#here`") && !err.contains("anchor `#old`"),
        "{err}"
    );
    assert_summary(&err, 20, 6);
}

#[test]
fn static_files_bundle_files_and_srcset_candidates_are_checked() {
    let site = TestSite::fixture("exercises");
    site.write(
        "posts/album/index.md",
        &post(
            "Album",
            "2024-06-02",
            "",
            "![p](photo.png) [clip](/media/bridge.mp4) [folder](../core) [home](../)\n\n<img src=\"photo.png\" srcset=\"photo.png 1x, photo@2x.png 2x\" alt=\"\">",
        ),
    );
    site.write_image("posts/album/photo.png");
    let err = check_fails(&site, &[]);
    let text = std::fs::read_to_string(site.path("posts/album/index.md")).unwrap();
    let srcset = place("posts/album/index.md", &text, "srcset=");
    assert_reports(
        &err,
        &format!(
            "{srcset}: error: broken link `photo@2x.png` on page `album/index.html`: no page or file of the site is at `album/photo@2x.png`"
        ),
    );
    assert_summary(&err, 20, 1);
}

#[test]
fn internal_links_resolve_under_a_base_url_with_a_path() {
    let body = "[abs](https://example.org/blog/a/#part-one) [rel](../a/) [file](/blog/notes.txt) [post](@/a.md#part-one) [rel-file](../notes.txt)\n\n[out](/notes.txt) [abs-out](https://example.org/blog/nope/)";
    let text = post("B", "2024-06-02", "", body);
    let site = TestSite::with_files(&[
        (
            "posts/a.md",
            &post("A", "2024-06-01", "", "## Part one\n\nText."),
        ),
        ("posts/b.md", &text),
        ("static/notes.txt", "notes"),
    ]);
    let err = check_fails(&site, &["--base-url", "https://example.org/blog/"]);
    assert_reports(
        &err,
        &format!(
            "{}: error: broken link `/notes.txt` on page `b/index.html`: the link is outside the site's base path `/blog/`",
            place("posts/b.md", &text, "[out]")
        ),
    );
    assert_reports(
        &err,
        &format!(
            "{}: error: broken link `https://example.org/blog/nope/` on page `b/index.html`: no page or file of the site is at `nope/index.html`",
            place("posts/b.md", &text, "[abs-out]")
        ),
    );
    assert_summary(&err, 7, 2);
}

#[test]
fn check_writes_nothing() {
    let site = TestSite::fixture("exercises");
    site.write("posts/x.md", &post("X", "2024-06-01", "", "[gone](/gone/)"));
    let before = site.snapshot(".");
    check_fails(&site, &[]);
    assert!(!site.path("public").exists(), "check created public/");
    assert!(
        site.snapshot(".") == before,
        "check changed the site folder"
    );
    check_fails(&site, &["--base-url", "/blog/"]);
    assert!(
        site.snapshot(".") == before,
        "check changed the site folder"
    );
}

#[test]
fn a_site_that_does_not_build_fails_with_the_build_errors() {
    let (site, _) = fixture_with("[x](@/no-such-post.md)");
    let err = check_fails(&site, &[]);
    assert_reports(
        &err,
        "posts/x.md:5:1: error: link to `posts/no-such-post.md`, which does not exist",
    );
}

#[test]
fn the_shipped_site_checks_clean_at_the_root_and_under_a_path() {
    let site = TestSite::shipped();
    for args in [
        &[][..],
        &["--base-url", "/blog/"],
        &["--base-url", "https://example.org/blog/"],
    ] {
        let (code, err) = check(&site, args);
        assert_eq!(code, Some(0), "{args:?}:\n{err}");
        let summary = err.lines().last().unwrap_or("");
        assert!(summary.ends_with(": 0 broken"), "{summary}");
    }
    assert!(!site.path("public").exists());
}
