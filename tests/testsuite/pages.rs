//! Pages: undated documents of `pages/` (`pages/about.md` -> `/about/`, nested folders, bundles),
//! outside feeds, lists, series and tags but in the sitemap; shortcodes, exercises and `@/` links
//! work in them; `menu` puts them in the header; a page and a post at one URL is an error.

use crate::common::{TestSite, assert_reports, hrefs, html, post, texts};

const EXERCISE: &str = "---\nname: Dead Bug\njoint: core\ngoal: stability\n---\nSlowly.\n";

/// A site with one series post, one loose post, an exercise and three pages.
fn site_with_pages() -> TestSite {
    let site = TestSite::with_files(&[
        (
            "posts/core.md",
            &post(
                "Core",
                "2024-04-01",
                "series = \"Mi\"\ntags = [\"core\"]\n",
                "See [about](@/pages/about.md#who).\n\n{{ exercise(id=\"dead-bug\") }}\n",
            ),
        ),
        ("posts/loose.md", &post("Loose", "2024-05-01", "", "Text.")),
        ("posts/exercises/dead-bug.md", EXERCISE),
        (
            "pages/about.md",
            "+++\ntitle = \"About\"\nmenu = 2\n+++\n## Who {#who}\n\nWe are [here](@/core.md).\n\n{{ exercise(id=\"dead-bug\") }}\n",
        ),
        (
            "pages/start/index.md",
            "---\ntitle: Start here\nmenu: 1\nimage: hero.jpg\n---\n![x](hero.jpg)\n",
        ),
        (
            "pages/start/equipment.md",
            "+++\ntitle = \"Equipment\"\n+++\nA mat.\n",
        ),
    ]);
    site.write_image("pages/start/hero.jpg");
    site
}

#[test]
fn pages_get_urls_from_their_paths() {
    let site = site_with_pages();
    site.build_ok(&[]);
    for file in [
        "about/index.html",
        "start/index.html",
        "start/equipment/index.html",
        "start/hero.jpg",
    ] {
        assert!(site.path("public").join(file).is_file(), "{file}");
    }
    let about = html(&site.read_output("about/index.html"));
    assert_eq!(texts(&about, "h1"), ["About"]);
    // `@/` links and exercise cards work in a page, and a post links to a page's anchor.
    assert!(hrefs(&about, ".post-content a").contains(&"/core/".to_string()));
    assert!(
        !texts(
            &about,
            ".post-content .exercise-card, .post-content [class*=exercise]"
        )
        .is_empty()
    );
    let core = html(&site.read_output("core/index.html"));
    assert!(hrefs(&core, ".post-content a").contains(&"/about/#who".to_string()));
}

#[test]
fn pages_are_in_no_list_feed_series_or_tag_but_in_the_sitemap() {
    let site = site_with_pages();
    site.build_ok(&["--base-url", "https://example.org/"]);
    let home = site.read_output("index.html");
    let main = html(&home);
    let listed = hrefs(&main, "main a");
    assert!(
        !listed
            .iter()
            .any(|h| h.contains("/about/") || h.contains("/start/")),
        "pages in the home page's lists: {listed:?}"
    );
    let feed = site.read_output("atom.xml");
    let ids: Vec<&str> = feed
        .split("<id>")
        .skip(1)
        .filter_map(|s| s.split("</id>").next())
        .collect();
    assert!(
        ids.len() == 3
            && ids
                .iter()
                .all(|id| !id.contains("about") && !id.contains("start")),
        "{ids:?}"
    );
    for list in ["tags/core/index.html", "series/mi/index.html"] {
        let page = hrefs(&html(&site.read_output(list)), "main a");
        assert!(
            page.iter()
                .all(|h| !h.contains("about") && !h.contains("start")),
            "{list}: {page:?}"
        );
    }
    // The loose post's neighbours are posts only.
    let loose = html(&site.read_output("loose/index.html"));
    assert!(
        hrefs(&loose, "link[rel=prev], link[rel=next]")
            .iter()
            .all(|h| !h.contains("about") && !h.contains("start"))
    );
    let sitemap = site.read_output("sitemap.xml");
    for url in [
        "https://example.org/about/",
        "https://example.org/start/",
        "https://example.org/start/equipment/",
    ] {
        assert!(
            sitemap.contains(&format!("<loc>{url}</loc>")),
            "{url}: {sitemap}"
        );
    }
    let start = html(&site.read_output("start/index.html"));
    assert_eq!(
        hrefs(&start, "link[rel=canonical]"),
        ["https://example.org/start/"]
    );
    assert!(start.html().contains("\"WebPage\""));
}

#[test]
fn an_exercise_used_in_lists_pages_too() {
    let site = site_with_pages();
    site.build_ok(&[]);
    let page = html(&site.read_output("exercises/dead-bug/index.html"));
    let used = hrefs(&page, "main li a");
    assert!(used.contains(&"/core/".to_string()), "{used:?}");
    assert!(used.contains(&"/about/".to_string()), "{used:?}");
}

#[test]
fn menu_pages_are_in_the_header_in_order() {
    let site = site_with_pages();
    site.build_ok(&[]);
    for page in [
        "index.html",
        "core/index.html",
        "about/index.html",
        "404.html",
    ] {
        let doc = html(&site.read_output(page));
        let nav = hrefs(&doc, ".site-nav a");
        let menu: Vec<&String> = nav
            .iter()
            .filter(|h| h.contains("start") || h.contains("about"))
            .collect();
        assert_eq!(menu, ["/start/", "/about/"], "{page}: {nav:?}");
    }
    let about = html(&site.read_output("about/index.html"));
    assert_eq!(hrefs(&about, ".site-nav a[aria-current=page]"), ["/about/"]);
}

#[test]
fn a_page_and_a_post_at_one_url_is_an_error_naming_both() {
    let site = TestSite::with_files(&[
        ("posts/about.md", &post("About us", "2024-01-01", "", "Hi.")),
        ("pages/about.md", "+++\ntitle = \"About\"\n+++\nHi.\n"),
    ]);
    let err = site.build_err(&[]);
    assert!(
        err.contains("`pages/about.md`")
            && err.contains("`posts/about.md`")
            && err.contains("/about/"),
        "{err}"
    );
}

#[test]
fn post_keys_on_a_page_and_menu_on_a_post_are_errors_at_their_line() {
    let site = TestSite::with_files(&[
        ("posts/a.md", &post("A", "2024-01-01", "menu = 1\n", "Hi.")),
        (
            "pages/about.md",
            "+++\ntitle = \"About\"\nseries = \"S\"\n+++\nHi.\n",
        ),
    ]);
    let err = site.build_err(&[]);
    assert_reports(&err, "posts/a.md:4:1: error: `menu` is not a key of a post");
    assert_reports(
        &err,
        "pages/about.md:3:1: error: `series` is not a key of a page",
    );
    let site = TestSite::with_files(&[
        ("posts/a.md", &post("A", "2024-01-01", "", "Hi.")),
        (
            "pages/about.md",
            "+++\ntitle = \"About\"\nwieght = 1\n+++\nHi.\n",
        ),
    ]);
    let err = site.build_err(&[]);
    assert_reports(&err, "pages/about.md:3:1: error: unknown key `wieght`");
    assert!(err.contains("`menu`"), "the page's keys are listed: {err}");
}

#[test]
fn a_post_still_needs_a_date_and_a_page_does_not() {
    let site = TestSite::with_files(&[
        ("posts/a.md", "+++\ntitle = \"A\"\n+++\nHi.\n"),
        ("pages/b.md", "+++\ntitle = \"B\"\n+++\nHi.\n"),
    ]);
    let err = site.build_err(&[]);
    assert_reports(&err, "posts/a.md:1:4: error: missing required field `date`");
    assert!(!err.contains("pages/b.md"), "{err}");
}

#[test]
fn draft_pages_and_their_files_are_left_out() {
    let site = TestSite::with_files(&[
        ("posts/a.md", &post("A", "2024-01-01", "", "Hi.")),
        (
            "pages/wip/index.md",
            "+++\ntitle = \"WIP\"\ndraft = true\nmenu = 1\n+++\nHi.\n",
        ),
        ("pages/wip/plan.pdf", "pdf"),
    ]);
    site.build_ok(&[]);
    assert!(!site.path("public/wip").exists());
    assert!(!site.read_output("index.html").contains("WIP"));
    site.build_ok(&["--drafts"]);
    assert!(site.path("public/wip/plan.pdf").is_file());
}
