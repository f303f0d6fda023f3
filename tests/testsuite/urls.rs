//! URLs: pretty URLs (`public/<slug>/index.html` linked as `<base>/<slug>/`), `base_url` at the domain
//! root and in a subfolder (from the command line and from `sitegen.toml`), and every internal link
//! resolving.

use crate::common::{TestSite, hrefs, html, links, post};

const BLOG: &str = "https://example.org/blog/";

/// Every page of the output with every link in it.
fn all_links(site: &TestSite) -> Vec<(String, String)> {
    site.snapshot("public")
        .into_iter()
        .filter(|(page, _)| page.ends_with(".html"))
        .flat_map(|(page, bytes)| {
            let doc = html(&String::from_utf8(bytes).unwrap());
            links(&doc).into_iter().map(move |l| (page.clone(), l))
        })
        .collect()
}

/// Asserts that every root-relative link starts with `prefix` and that there are some.
fn assert_links_under(site: &TestSite, prefix: &str) {
    let all = all_links(site);
    let rooted: Vec<_> = all.iter().filter(|(_, l)| l.starts_with('/')).collect();
    assert!(rooted.len() > 20, "too few links to judge: {rooted:?}");
    let outside: Vec<_> = rooted
        .iter()
        .filter(|(_, l)| !l.starts_with(prefix))
        .collect();
    assert!(outside.is_empty(), "links outside {prefix}: {outside:?}");
}

fn canonical(site: &TestSite, slug: &str) -> Vec<String> {
    hrefs(
        &html(&site.read_output(&format!("{slug}/index.html"))),
        "head link[rel=canonical]",
    )
}

#[test]
fn posts_get_pretty_urls() {
    let site = TestSite::fixture("series");
    site.build_ok(&[]);
    for slug in ["foam-rolling", "core", "notes-a", "breath-1"] {
        assert!(
            site.path(&format!("public/{slug}/index.html")).is_file(),
            "{slug}"
        );
    }
    assert!(
        site.path("public/series/movement-imbalances/index.html")
            .is_file()
    );
    assert!(
        !site.path("public/zz-foam").exists(),
        "the slug, not the file name, names the folder"
    );
}

#[test]
fn base_url_defaults_to_the_domain_root() {
    let site = TestSite::fixture("series");
    site.build_ok(&[]);
    assert_links_under(&site, "/");
    let protocol_relative: Vec<_> = all_links(&site)
        .into_iter()
        .filter(|(_, l)| l.starts_with("//"))
        .collect();
    assert!(protocol_relative.is_empty(), "{protocol_relative:?}");
    // A canonical link must be absolute: without a host in base_url there is none.
    assert!(canonical(&site, "core").is_empty());
    assert_eq!(
        hrefs(&html(&site.read_output("core/index.html")), "a[rel=next]"),
        ["/low-back-pain/"]
    );
    assert_eq!(site.broken_links("public", "/"), Vec::<String>::new());
}

#[test]
fn base_url_in_a_subfolder_from_the_command_line() {
    let site = TestSite::fixture("series");
    site.build_ok(&["--base-url", BLOG]);
    assert_links_under(&site, "/blog/");
    assert_eq!(canonical(&site, "core"), ["https://example.org/blog/core/"]);
    let core = html(&site.read_output("core/index.html"));
    assert_eq!(hrefs(&core, "a[rel=next]"), ["/blog/low-back-pain/"]);
    assert_eq!(
        hrefs(&core, "head link[rel=stylesheet]"),
        ["/blog/style.css"]
    );
    assert_eq!(site.broken_links("public", BLOG), Vec::<String>::new());
    // The output layout does not change: the host maps /blog/ onto the output folder.
    assert!(site.path("public/core/index.html").is_file());
    assert!(!site.path("public/blog").exists());
}

#[test]
fn base_url_in_a_subfolder_from_sitegen_toml() {
    let site = TestSite::fixture("series");
    site.write(
        "sitegen.toml",
        "title = \"Series Fixture\"\nbase_url = \"https://example.org/blog\"\n",
    );
    site.build_ok(&[]);
    assert_links_under(&site, "/blog/");
    assert_eq!(
        canonical(&site, "foam-rolling"),
        ["https://example.org/blog/foam-rolling/"]
    );
    assert_eq!(site.broken_links("public", BLOG), Vec::<String>::new());
}

#[test]
fn the_command_line_base_url_overrides_sitegen_toml() {
    let site = TestSite::fixture("series");
    site.write("sitegen.toml", "base_url = \"/old/\"\n");
    site.build_ok(&["--base-url", "/new/"]);
    assert_links_under(&site, "/new/");
    site.build_ok(&["--base-url", "https://example.org/new/"]);
    assert_eq!(canonical(&site, "core"), ["https://example.org/new/core/"]);
}

#[test]
fn at_links_and_heading_anchors_honour_the_base_url() {
    let site = TestSite::with_files(&[
        (
            "posts/a.md",
            &post(
                "A",
                "2024-01-01",
                "",
                "See [B](@/b.md) and [its setup](@/b.md#setup).",
            ),
        ),
        (
            "posts/b.md",
            &post("B", "2024-01-02", "", "## Setup\n\nText."),
        ),
    ]);
    site.build_ok(&["--base-url", BLOG]);
    let doc = html(&site.read_output("a/index.html"));
    assert_eq!(
        hrefs(&doc, ".post-content a"),
        ["/blog/b/", "/blog/b/#setup"]
    );
    assert_eq!(site.broken_links("public", BLOG), Vec::<String>::new());
}

#[test]
fn a_base_url_that_is_not_a_path_or_url_is_an_error() {
    let site = TestSite::with_files(&[("posts/a.md", &post("A", "2024-01-01", "", "x"))]);
    let err = site.build_err(&["--base-url", "blog"]);
    assert!(err.contains("base_url `blog`"), "{err}");
    assert!(!site.path("public").exists());
}
