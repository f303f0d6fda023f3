//! Aliases: old addresses of posts and pages become redirect pages (meta refresh, canonical,
//! noindex, a visible link, honouring base_url), `_redirects` lines, a home-page script for
//! `/?KEY=VALUE`, and nginx/Apache lines from `sitegen redirects`; clashes are errors at the line
//! of each; feed entry ids stay stable across renames, `feed_id` winning.

use crate::common::{TestSite, assert_reports, hrefs, html, post};

const BLOG: &str = "https://example.org/blog/";

fn site() -> TestSite {
    TestSite::with_files(&[
        (
            "posts/core.md",
            &post(
                "Core",
                "2024-01-01",
                "aliases = [\"/2019/05/old-core/\", \"/?p=123\", \"/old.html\", \"/caf%C3%A9\"]\n",
                "Hi.",
            ),
        ),
        (
            "pages/about.md",
            "---\ntitle: About\naliases:\n  - /about-us/\n  - /?page_id=7\n---\nHi.\n",
        ),
    ])
}

#[test]
fn each_path_alias_gets_a_redirect_page_honouring_base_url() {
    let site = site();
    site.build_ok(&["--base-url", BLOG]);
    for (file, target) in [
        ("2019/05/old-core/index.html", "/blog/core/"),
        ("old.html", "/blog/core/"),
        ("café/index.html", "/blog/core/"),
        ("about-us/index.html", "/blog/about/"),
    ] {
        let page = html(&site.read_output(file));
        let refresh = page
            .select(&scraper::Selector::parse("meta[http-equiv=refresh]").unwrap())
            .filter_map(|m| m.value().attr("content").map(str::to_string))
            .collect::<Vec<_>>();
        assert_eq!(refresh, [format!("0; url={target}")], "{file}");
        assert_eq!(
            hrefs(&page, "link[rel=canonical]"),
            [format!("https://example.org{target}")],
            "{file}"
        );
        assert_eq!(hrefs(&page, "body a"), [target], "{file}: a visible link");
        let robots = scraper::Selector::parse("meta[name=robots][content=noindex]").unwrap();
        assert_eq!(page.select(&robots).count(), 1, "{file}: noindex");
    }
    let sitemap = site.read_output("sitemap.xml");
    assert!(
        !sitemap.contains("old-core") && !sitemap.contains("about-us"),
        "{sitemap}"
    );
}

#[test]
fn redirects_file_and_home_script_cover_every_alias() {
    let site = site();
    site.build_ok(&["--base-url", BLOG]);
    let lines: Vec<String> = site
        .read_output("_redirects")
        .lines()
        .filter(|l| !l.starts_with('#'))
        .map(str::to_string)
        .collect();
    assert_eq!(
        lines,
        [
            "/blog/2019/05/old-core/ /blog/core/ 301",
            "/blog/old.html /blog/core/ 301",
            "/blog/caf%C3%A9 /blog/core/ 301",
            "/blog/about-us/ /blog/about/ 301",
            "/blog/ p=123 /blog/core/ 301",
            "/blog/ page_id=7 /blog/about/ 301",
        ]
    );
    let home = site.read_output("index.html");
    assert!(
        home.contains(r#"var r={"p":{"123":"/blog/core/"},"page_id":{"7":"/blog/about/"}}"#),
        "{home}"
    );
    // No aliases: no `_redirects`, no script.
    let plain = TestSite::with_files(&[("posts/a.md", &post("A", "2024-01-01", "", "Hi."))]);
    plain.build_ok(&[]);
    assert!(!plain.path("public/_redirects").exists());
    assert!(!plain.read_output("index.html").contains("<script>"));
}

#[test]
fn a_static_redirects_file_replaces_the_generated_one() {
    let site = site();
    site.write("static/_redirects", "/x /y 302\n");
    site.build_ok(&[]);
    assert_eq!(site.read_output("_redirects"), "/x /y 302\n");
}

#[test]
fn sitegen_redirects_prints_nginx_and_apache_lines() {
    let site = site();
    let out = site
        .cmd()
        .args(["redirects", "nginx", "--base-url", BLOG])
        .output()
        .unwrap();
    assert!(out.status.success());
    let nginx = String::from_utf8(out.stdout).unwrap();
    for line in [
        r#"location = "/blog/2019/05/old-core/" { return 301 /blog/core/; }"#,
        r#"location = "/blog/café/" { return 301 /blog/core/; }"#,
        r#"    if ($arg_p = "123") { return 301 /blog/core/; }"#,
    ] {
        assert!(nginx.lines().any(|l| l == line), "{line}\n{nginx}");
    }
    let out = site.cmd().args(["redirects", "apache"]).output().unwrap();
    let apache = String::from_utf8(out.stdout).unwrap();
    for line in [
        r#"RedirectMatch 301 "^/old\.html$" "/core/""#,
        r#"RedirectMatch 301 "^/about-us/?$" "/about/""#,
        r#"RewriteCond %{QUERY_STRING} "(^|&)page_id=7(&|$)""#,
        r#"RewriteRule "^/?$" "/about/?" [R=301,L]"#,
    ] {
        assert!(apache.lines().any(|l| l == line), "{line}\n{apache}");
    }
}

#[test]
fn nginx_sends_a_non_ascii_target_percent_encoded() {
    // A `Location` header is ASCII: the Greek slug WordPress's theme unit test export has.
    let site = TestSite::with_files(&[(
        "posts/επίπεδο.md",
        &post(
            "Level",
            "2024-01-01",
            "aliases = [\"/old/\", \"/?p=5\"]\n",
            "Hi.",
        ),
    )]);
    let out = site.cmd().args(["redirects", "nginx"]).output().unwrap();
    let nginx = String::from_utf8(out.stdout).unwrap();
    let target = "/%CE%B5%CF%80%CE%AF%CF%80%CE%B5%CE%B4%CE%BF/";
    for line in [
        format!(r#"location = "/old/" {{ return 301 {target}; }}"#),
        format!(r#"    if ($arg_p = "5") {{ return 301 {target}; }}"#),
    ] {
        assert!(nginx.lines().any(|l| l == line), "{line}\n{nginx}");
    }
}

#[test]
fn an_alias_that_clashes_is_an_error_at_the_line_of_each() {
    let site = TestSite::with_files(&[
        (
            "posts/a.md",
            &post("A", "2024-01-01", "aliases = [\"/b/\", \"/?p=1\"]\n", "Hi."),
        ),
        ("posts/b.md", &post("B", "2024-01-02", "", "Hi.")),
        (
            "posts/c.md",
            &post(
                "C",
                "2024-01-03",
                "aliases = [\n  \"/x.html\",\n  \"/?p=1\",\n  \"/old/\",\n]\n",
                "Hi.",
            ),
        ),
        (
            "pages/d.md",
            "+++\ntitle = \"D\"\naliases = [\"/old\"]\n+++\nHi.\n",
        ),
        ("static/x.html", "x"),
    ]);
    let err = site.build_err(&[]);
    // With a post's page.
    assert_reports(&err, "posts/a.md:4:13: error: ");
    assert_reports(&err, "posts/b.md:1:1: error: ");
    // With a static file.
    assert_reports(&err, "posts/c.md:5:4: error: ");
    assert!(err.contains("`static/x.html`"), "{err}");
    // Two aliases, queries and paths.
    assert_reports(
        &err,
        "posts/a.md:4:20: error: alias `/?p=1` is also an alias of `posts/c.md`",
    );
    assert_reports(
        &err,
        "posts/c.md:6:4: error: alias `/?p=1` is also an alias of `posts/a.md`",
    );
    assert_reports(&err, "posts/c.md:7:4: error: ");
    assert_reports(&err, "pages/d.md:3:13: error: ");
}

#[test]
fn a_malformed_alias_is_an_error_at_its_line() {
    let site = TestSite::with_files(&[(
        "posts/a.md",
        "---\ntitle: A\ndate: 2024-01-01\naliases:\n  - /ok/\n  - old/\n  - /index.php?p=1\n---\nHi.\n",
    )]);
    let err = site.build_err(&[]);
    assert_reports(
        &err,
        "posts/a.md:6:5: error: alias `old/` does not start with `/`",
    );
    assert_reports(
        &err,
        "posts/a.md:7:5: error: alias `/index.php?p=1`: only one `KEY=VALUE` query",
    );
}

#[test]
fn feed_ids_stay_stable_across_renames_and_feed_id_wins() {
    let site = TestSite::empty();
    // The feed's entry ids after building with `front` added to the post's front matter.
    let ids_with = |front: &str| -> Vec<String> {
        site.write("posts/core.md", &post("Core", "2024-01-01", front, "Hi."));
        site.build_ok(&["--base-url", BLOG]);
        let feed = feed_rs::parser::parse(site.read_output("atom.xml").as_bytes()).unwrap();
        feed.entries.into_iter().map(|e| e.id).collect()
    };
    assert_eq!(ids_with(""), ["https://example.org/blog/core/"]);
    // Renamed, with its old address kept as an alias: the same id.
    assert_eq!(
        ids_with("slug = \"the-core\"\naliases = [\"/core/\"]\n"),
        ["https://example.org/blog/core/"]
    );
    assert_eq!(
        ids_with("aliases = [\"/2019/x/\"]\nfeed_id = \"https://old.example/?p=123\"\n"),
        ["https://old.example/?p=123"]
    );
}

#[test]
fn a_bad_or_shared_feed_id_is_an_error_at_its_line() {
    let site = TestSite::with_files(&[
        (
            "posts/a.md",
            &post("A", "2024-01-01", "feed_id = \"123\"\n", "Hi."),
        ),
        (
            "posts/b.md",
            &post("B", "2024-01-02", "feed_id = \"tag:x,2019:1\"\n", "Hi."),
        ),
        (
            "posts/c.md",
            &post("C", "2024-01-03", "feed_id = \"tag:x,2019:1\"\n", "Hi."),
        ),
        (
            "pages/d.md",
            "+++\ntitle = \"D\"\nfeed_id = \"tag:x,2019:2\"\n+++\nHi.\n",
        ),
    ]);
    let err = site.build_err(&[]);
    assert_reports(
        &err,
        "posts/a.md:4:1: error: feed_id `123` is not an absolute IRI",
    );
    assert_reports(
        &err,
        "posts/c.md:4:1: error: feed entry id `tag:x,2019:1` is also the id of `posts/b.md`",
    );
    assert_reports(
        &err,
        "pages/d.md:3:1: error: `feed_id` is not a key of a page",
    );
}
