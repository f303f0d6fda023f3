//! Publishing: Atom feeds (the site's and each series'), sitemap and robots, share tags and
//! JSON-LD, tag pages, and scheduled posts. Feeds are read with a real feed parser (feed-rs),
//! the sitemap with an XML parser, JSON-LD with serde_json.

use std::collections::BTreeSet;

use serde_json::Value;

use crate::common::watch::Watch;
use crate::common::{TestSite, html, post, texts};

const BASE: &str = "https://example.org/blog/";

/// Noon on 2024-06-01 UTC.
const JUNE_FIRST: &str = "1717243200";

/// A two-part series, a loose post with a bundle picture and tags, and an exercise.
fn blog() -> TestSite {
    let site = TestSite::with_files(&[
        (
            "sitegen.toml",
            "title = \"Move Well\"\nauthor = \"Ana Coach\"\ndescription = \"Moving better.\"\n",
        ),
        (
            "posts/one.md",
            &post(
                "Part One",
                "2024-01-01",
                "series = \"Basics\"\nweight = 1\ntags = [\"Core\", \"breathing\"]\n",
                "First part. See [part two](@/two.md#second-heading) and ![a plank](/img/plank.png).\n\n{{ exercise(id=\"dead-bug\") }}",
            ),
        ),
        (
            "posts/two.md",
            &post(
                "Part Two",
                "2024-02-01",
                "series = \"Basics\"\nweight = 2\nupdated = 2024-03-05\ntags = [\"core\"]\n",
                "## Second heading\n\nSecond part, [relative](../one/) and [anchor](#second-heading).",
            ),
        ),
        (
            "posts/trip/index.md",
            &post(
                "A Trip",
                "2024-01-15",
                "image = \"hero.jpg\"\ntags = [\"travel\"]\n",
                "A loose post with ![a view](hero.jpg).",
            ),
        ),
        (
            "posts/exercises/dead-bug.md",
            "---\nname: Dead Bug\njoint: core\ngoal: stability\ncues: [\"Low back heavy\", \"Exhale as you reach\"]\nequipment: [\"Mat\"]\n---\nSlowly.\n",
        ),
    ]);
    site.write_image("posts/trip/hero.jpg");
    site.write_image("static/img/plank.png");
    site
}

fn build_at(site: &TestSite, base: &str) {
    site.build_ok(&["--base-url", base]);
}

pub(crate) fn feed(site: &TestSite, rel: &str) -> feed_rs::model::Feed {
    let xml = site.read_output(rel);
    feed_rs::parser::parse(xml.as_bytes()).unwrap_or_else(|e| panic!("{rel}: {e}\n{xml}"))
}

/// Every `href` and `src` in an HTML fragment.
fn fragment_links(fragment: &str) -> Vec<String> {
    let doc = scraper::Html::parse_fragment(fragment);
    let sel = scraper::Selector::parse("[href], [src]").unwrap();
    doc.select(&sel)
        .flat_map(|e| {
            ["href", "src"]
                .into_iter()
                .filter_map(|a| e.value().attr(a).map(str::to_string))
                .collect::<Vec<_>>()
        })
        .collect()
}

#[test]
fn the_site_feed_holds_every_post_newest_first_with_absolute_links() {
    let site = blog();
    build_at(&site, BASE);
    let f = feed(&site, "atom.xml");
    assert_eq!(f.title.as_ref().unwrap().content, "Move Well");
    assert_eq!(f.id, "https://example.org/blog/");
    let titles: Vec<&str> = f
        .entries
        .iter()
        .map(|e| e.title.as_ref().unwrap().content.as_str())
        .collect();
    assert_eq!(titles, ["Part Two", "A Trip", "Part One"]);
    assert_eq!(f.authors[0].name.as_deref(), Some("Ana Coach"));
    let two = &f.entries[0];
    assert_eq!(two.id, "https://example.org/blog/two/");
    assert_eq!(two.links[0].href, "https://example.org/blog/two/");
    assert_eq!(
        two.updated.unwrap().to_rfc3339(),
        "2024-03-05T00:00:00+00:00"
    );
    assert_eq!(
        two.published.unwrap().to_rfc3339(),
        "2024-02-01T00:00:00+00:00"
    );
    assert_eq!(f.updated.unwrap().to_rfc3339(), "2024-03-05T00:00:00+00:00");
    let terms: Vec<&str> = f.entries[2]
        .categories
        .iter()
        .map(|c| c.term.as_str())
        .collect();
    assert_eq!(terms, ["Core", "breathing"]);
    // Full content, every link absolute: Markdown links, @/ links, images, anchors, cards.
    let mut seen = 0;
    for entry in &f.entries {
        let body = entry
            .content
            .as_ref()
            .and_then(|c| c.body.as_ref())
            .expect("full content");
        for link in fragment_links(body) {
            seen += 1;
            assert!(
                link.starts_with("https://"),
                "{}: relative link {link}",
                entry.id
            );
        }
    }
    assert!(seen >= 6, "only {seen} links checked");
    let one = f.entries[2]
        .content
        .as_ref()
        .unwrap()
        .body
        .as_ref()
        .unwrap();
    for want in [
        "https://example.org/blog/two/#second-heading",
        // A Markdown image of `static/` gets the base path (issue 8's leftover, fixed in 9).
        "https://example.org/blog/img/plank.png",
        "https://example.org/blog/exercises/dead-bug/",
    ] {
        assert!(one.contains(want), "no {want} in {one}");
    }
    let two_body = two.content.as_ref().unwrap().body.as_ref().unwrap();
    assert!(
        two_body.contains("https://example.org/blog/one/"),
        "{two_body}"
    );
    assert!(
        two_body.contains("https://example.org/blog/two/#second-heading"),
        "{two_body}"
    );
}

#[test]
fn each_series_has_a_feed_of_its_own_parts() {
    let site = blog();
    build_at(&site, BASE);
    let f = feed(&site, "series/basics/atom.xml");
    assert_eq!(f.title.as_ref().unwrap().content, "Basics – Move Well");
    let ids: Vec<&str> = f.entries.iter().map(|e| e.id.as_str()).collect();
    assert_eq!(
        ids,
        [
            "https://example.org/blog/two/",
            "https://example.org/blog/one/"
        ]
    );
    let self_link = f
        .links
        .iter()
        .find(|l| l.rel.as_deref() == Some("self"))
        .unwrap();
    assert_eq!(
        self_link.href,
        "https://example.org/blog/series/basics/atom.xml"
    );
}

#[test]
fn feeds_can_carry_summaries_and_a_limited_number_of_posts() {
    let site = blog();
    site.write(
        "sitegen.toml",
        "title = \"Move Well\"\nfeed_content = \"summary\"\nfeed_limit = 2\n",
    );
    build_at(&site, BASE);
    let f = feed(&site, "atom.xml");
    assert_eq!(f.entries.len(), 2);
    assert!(f.entries.iter().all(|e| e.content.is_none()));
    assert_eq!(
        f.entries[1].summary.as_ref().unwrap().content,
        "A loose post with a view."
    );
    // With no author set, the feed names the site.
    assert_eq!(f.authors[0].name.as_deref(), Some("Move Well"));
}

#[test]
fn pages_announce_the_site_feed_and_their_series_feed() {
    let site = blog();
    build_at(&site, "/");
    let alternates = |page: &str| -> Vec<String> {
        let doc = html(&site.read_output(page));
        let sel =
            scraper::Selector::parse("link[rel=alternate][type='application/atom+xml']").unwrap();
        doc.select(&sel)
            .map(|e| e.value().attr("href").unwrap().to_string())
            .collect()
    };
    assert_eq!(alternates("index.html"), ["/atom.xml"]);
    assert_eq!(
        alternates("one/index.html"),
        ["/atom.xml", "/series/basics/atom.xml"]
    );
    assert_eq!(
        alternates("series/basics/index.html"),
        ["/atom.xml", "/series/basics/atom.xml"]
    );
    assert_eq!(alternates("trip/index.html"), ["/atom.xml"]);
    let footer = site.read_output("index.html");
    assert!(footer.contains(r#"<a href="/atom.xml">Subscribe (Atom feed)</a>"#));
}

#[test]
fn the_sitemap_lists_every_page_and_robots_points_at_it() {
    let site = blog();
    build_at(&site, BASE);
    let xml = site.read_output("sitemap.xml");
    let doc = roxmltree::Document::parse(&xml).expect("well-formed sitemap");
    let mut locs = BTreeSet::new();
    let mut lastmod = std::collections::BTreeMap::new();
    for url in doc.descendants().filter(|n| n.has_tag_name("url")) {
        let loc = url
            .children()
            .find(|n| n.has_tag_name("loc"))
            .unwrap()
            .text()
            .unwrap();
        if let Some(m) = url.children().find(|n| n.has_tag_name("lastmod")) {
            lastmod.insert(loc.to_string(), m.text().unwrap().to_string());
        }
        locs.insert(loc.to_string());
    }
    // Every HTML page of the output but the 404 page, and nothing else.
    let pages: BTreeSet<String> = site
        .snapshot("public")
        .into_iter()
        .map(|(p, _)| p)
        .filter(|p| p.ends_with(".html") && p != "404.html")
        .map(|p| format!("{BASE}{}", p.trim_end_matches("index.html")))
        .collect();
    assert_eq!(locs, pages);
    assert_eq!(
        lastmod[&format!("{BASE}two/")],
        "2024-03-05",
        "updated wins"
    );
    assert_eq!(lastmod[&format!("{BASE}one/")], "2024-01-01");
    assert_eq!(lastmod[&format!("{BASE}series/basics/")], "2024-03-05");
    assert_eq!(lastmod[BASE], "2024-03-05");
    assert_eq!(
        site.read_output("robots.txt"),
        "User-agent: *\nAllow: /\nSitemap: https://example.org/blog/sitemap.xml\n"
    );
}

#[test]
fn a_static_robots_txt_replaces_the_generated_one() {
    let site = blog();
    site.write("static/robots.txt", "User-agent: *\nDisallow: /drafts/\n");
    build_at(&site, BASE);
    assert_eq!(
        site.read_output("robots.txt"),
        "User-agent: *\nDisallow: /drafts/\n"
    );
}

pub(crate) fn meta(doc: &scraper::Html, attr: &str, name: &str) -> Option<String> {
    let sel = scraper::Selector::parse(&format!("meta[{attr}='{name}']")).unwrap();
    doc.select(&sel)
        .next()
        .map(|e| e.value().attr("content").unwrap().to_string())
}

pub(crate) fn json_ld(doc: &scraper::Html) -> Vec<Value> {
    let sel = scraper::Selector::parse("script[type='application/ld+json']").unwrap();
    doc.select(&sel)
        .map(|e| serde_json::from_str(&e.text().collect::<String>()).expect("valid JSON-LD"))
        .collect()
}

/// No value in the JSON is null, empty or a placeholder.
fn assert_all_real(v: &Value, at: &str) {
    match v {
        Value::Null => panic!("{at} is null"),
        Value::String(s) => assert!(!s.trim().is_empty(), "{at} is empty"),
        Value::Array(a) => {
            assert!(!a.is_empty(), "{at} is an empty list");
            for (i, x) in a.iter().enumerate() {
                assert_all_real(x, &format!("{at}[{i}]"));
            }
        }
        Value::Object(o) => {
            for (k, x) in o {
                assert_all_real(x, &format!("{at}.{k}"));
            }
        }
        _ => {}
    }
}

#[test]
fn a_post_has_share_tags_and_a_blog_posting_in_its_series() {
    let site = blog();
    build_at(&site, BASE);
    let doc = html(&site.read_output("two/index.html"));
    assert_eq!(meta(&doc, "property", "og:title").unwrap(), "Part Two");
    assert_eq!(meta(&doc, "property", "og:type").unwrap(), "article");
    assert_eq!(
        meta(&doc, "property", "og:url").unwrap(),
        "https://example.org/blog/two/"
    );
    assert_eq!(
        meta(&doc, "property", "article:published_time").unwrap(),
        "2024-02-01"
    );
    assert_eq!(
        meta(&doc, "property", "article:modified_time").unwrap(),
        "2024-03-05"
    );
    assert_eq!(meta(&doc, "name", "twitter:card").unwrap(), "summary");
    assert_eq!(
        meta(&doc, "name", "description").unwrap(),
        "Second part, relative and anchor."
    );
    assert!(
        meta(&doc, "property", "og:image").is_none(),
        "no image, no og:image"
    );
    let ld = json_ld(&doc);
    assert_eq!(ld.len(), 1);
    assert_all_real(&ld[0], "ld");
    let graph = ld[0]["@graph"].as_array().unwrap();
    let posting = &graph[0];
    assert_eq!(posting["@type"], "BlogPosting");
    assert_eq!(posting["headline"], "Part Two");
    assert_eq!(posting["datePublished"], "2024-02-01");
    assert_eq!(posting["dateModified"], "2024-03-05");
    assert_eq!(posting["author"]["name"], "Ana Coach");
    assert_eq!(posting["isPartOf"]["@type"], "CreativeWorkSeries");
    assert_eq!(posting["isPartOf"]["name"], "Basics");
    assert_eq!(
        posting["isPartOf"]["url"],
        "https://example.org/blog/series/basics/"
    );
    assert_eq!(posting["position"], 2);
    let crumbs = &graph[1];
    assert_eq!(crumbs["@type"], "BreadcrumbList");
    let names: Vec<&str> = crumbs["itemListElement"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["Move Well", "Basics", "Part Two"]);
}

#[test]
fn a_post_with_an_image_has_it_on_its_card_and_a_missing_image_is_an_error_at_its_line() {
    let site = blog();
    build_at(&site, BASE);
    let doc = html(&site.read_output("trip/index.html"));
    assert_eq!(
        meta(&doc, "property", "og:image").unwrap(),
        "https://example.org/blog/trip/hero.jpg"
    );
    assert_eq!(
        meta(&doc, "name", "twitter:card").unwrap(),
        "summary_large_image"
    );
    assert_eq!(
        json_ld(&doc)[0]["@graph"][0]["image"],
        "https://example.org/blog/trip/hero.jpg"
    );
    // No series: the breadcrumbs go straight from the home page to the post.
    assert_eq!(
        json_ld(&doc)[0]["@graph"][1]["itemListElement"]
            .as_array()
            .unwrap()
            .len(),
        2
    );

    site.write(
        "posts/trip/index.md",
        &post("A Trip", "2024-01-15", "image = \"missing.jpg\"\n", "Text."),
    );
    let err = site.build_err(&[]);
    assert!(
        err.contains(
            "posts/trip/index.md:4:1: error: image `missing.jpg` is not a file of the site"
        ),
        "{err}"
    );
    site.write(
        "posts/trip/index.md",
        &post(
            "A Trip",
            "2024-01-15",
            "image = \"/img/none.png\"\n",
            "Text.",
        ),
    );
    let err = site.build_err(&[]);
    assert!(
        err.contains("put the file at `static/img/none.png`"),
        "{err}"
    );
}

#[test]
fn an_exercise_page_describes_the_exercise_as_a_how_to() {
    let site = blog();
    build_at(&site, BASE);
    let doc = html(&site.read_output("exercises/dead-bug/index.html"));
    assert_eq!(
        meta(&doc, "name", "description").unwrap(),
        "Dead Bug: a stability exercise for the core."
    );
    let ld = json_ld(&doc);
    assert_all_real(&ld[0], "ld");
    assert_eq!(ld[0]["@type"], "HowTo");
    let steps: Vec<&str> = ld[0]["step"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["text"].as_str().unwrap())
        .collect();
    assert_eq!(steps, ["Low back heavy", "Exhale as you reach"]);
    assert_eq!(ld[0]["tool"][0]["name"], "Mat");
    // Without cues there are no steps, so there is no HowTo at all.
    site.write("posts/exercises/dead-bug.md", "---\nname: Dead Bug\n---\n");
    build_at(&site, BASE);
    let doc = html(&site.read_output("exercises/dead-bug/index.html"));
    assert!(json_ld(&doc).is_empty());
    assert_eq!(
        meta(&doc, "name", "description").unwrap(),
        "Dead Bug: an exercise."
    );
}

#[test]
fn json_ld_cannot_be_broken_out_of_by_a_title() {
    let site = TestSite::with_files(&[(
        "posts/x.md",
        &post(
            "</script><script>alert(1)</script>",
            "2024-01-01",
            "",
            "Text.",
        ),
    )]);
    build_at(&site, BASE);
    let page = site.read_output("x/index.html");
    let doc = html(&page);
    let ld = json_ld(&doc);
    assert_eq!(
        ld[0]["@graph"][0]["headline"],
        "</script><script>alert(1)</script>"
    );
    let sel = scraper::Selector::parse("script").unwrap();
    assert_eq!(doc.select(&sel).count(), 1, "only the JSON-LD script");
}

#[test]
fn without_a_host_there_is_no_canonical_link_but_the_share_tags_remain() {
    let site = blog();
    build_at(&site, "/");
    let doc = html(&site.read_output("two/index.html"));
    let sel = scraper::Selector::parse("link[rel=canonical], meta[property='og:url']").unwrap();
    assert_eq!(
        doc.select(&sel).count(),
        0,
        "a relative canonical is invalid"
    );
    assert_eq!(meta(&doc, "property", "og:title").unwrap(), "Part Two");
}

#[test]
fn tags_have_pages_linked_from_the_chips_and_case_variants_merge() {
    let site = blog();
    build_at(&site, "/");
    let doc = html(&site.read_output("tags/index.html"));
    assert_eq!(texts(&doc, ".tag-list a"), ["breathing", "Core", "travel"]);
    let core = html(&site.read_output("tags/core/index.html"));
    assert_eq!(texts(&core, "h1"), ["Core"]);
    assert_eq!(texts(&core, ".post-list h2 a"), ["Part Two", "Part One"]);
    let one = html(&site.read_output("one/index.html"));
    let chips: Vec<String> = one
        .select(&scraper::Selector::parse(".tags a").unwrap())
        .map(|a| a.value().attr("href").unwrap().to_string())
        .collect();
    assert_eq!(chips, ["/tags/core/", "/tags/breathing/"]);
    let nav = html(&site.read_output("index.html"));
    assert!(texts(&nav, ".site-nav a").contains(&"Tags".to_string()));
}

fn scheduled_site() -> TestSite {
    let site = blog();
    site.write(
        "posts/later.md",
        &post(
            "Later",
            "2024-07-01",
            "series = \"Basics\"\nweight = 3\ntags = [\"future\"]\n",
            "{{ exercise(id=\"dead-bug\") }}",
        ),
    );
    site
}

fn build_on_june_first(site: &TestSite, args: &[&str]) -> (Option<i32>, String) {
    let out = site
        .cmd()
        .env("SOURCE_DATE_EPOCH", JUNE_FIRST)
        .arg("build")
        .args(["--base-url", BASE])
        .args(args)
        .output()
        .unwrap();
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn a_post_dated_after_today_appears_nowhere_until_its_day() {
    let site = scheduled_site();
    let (code, err) = build_on_june_first(&site, &[]);
    assert_eq!(code, Some(0), "{err}");
    assert!(
        err.contains(
            "held back 1 scheduled post (the next is dated 2024-07-01); pass --future to build them"
        ),
        "{err}"
    );
    assert!(!site.path("public/later").exists());
    assert!(!site.path("public/tags/future").exists());
    for (path, bytes) in site.snapshot("public") {
        let text = String::from_utf8_lossy(&bytes);
        assert!(
            !text.contains("/later/") && !text.contains("Later<"),
            "{path} mentions the scheduled post"
        );
    }
    // On its day (or with --future) it is published everywhere.
    let (code, err) = build_on_june_first(&site, &["--future"]);
    assert_eq!(code, Some(0), "{err}");
    assert!(!err.contains("held back"), "{err}");
    assert!(
        site.read_output("atom.xml")
            .contains("https://example.org/blog/later/")
    );
    assert!(
        site.read_output("sitemap.xml")
            .contains("https://example.org/blog/later/")
    );
    assert!(
        site.read_output("exercises/dead-bug/index.html")
            .contains("/blog/later/")
    );
    assert!(site.read_output("series/basics/atom.xml").contains("Later"));
}

#[test]
fn a_link_to_a_scheduled_post_is_an_error_that_says_so() {
    let site = scheduled_site();
    site.write(
        "posts/trip/index.md",
        &post("A Trip", "2024-01-15", "", "Soon: [later](@/later.md)."),
    );
    let (code, err) = build_on_june_first(&site, &[]);
    assert_eq!(code, Some(1), "{err}");
    assert!(
        err.contains("posts/trip/index.md:5:7: error: link to `posts/later.md`, a post scheduled for 2024-07-01 that is not being built"),
        "{err}"
    );
    assert!(err.contains("--future"), "{err}");
}

#[test]
fn watch_shows_scheduled_posts_marked() {
    let site = blog();
    // Dated after any day this test will run on.
    site.write("posts/later.md", &post("Later", "2999-01-01", "", "Soon."));
    let w = Watch::start_with(&site, &["--no-serve"]);
    // `watching` is printed after the first build.
    let text = site.read_output("later/index.html");
    w.stop();
    assert!(
        text.contains("Scheduled: not published until 1 January 2999"),
        "{text}"
    );
    assert!(!site.read_output("one/index.html").contains("Scheduled"));
}

#[test]
fn a_malformed_source_date_epoch_is_an_error() {
    let site = blog();
    let out = site
        .cmd()
        .env("SOURCE_DATE_EPOCH", "soon")
        .arg("build")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("error: SOURCE_DATE_EPOCH is `soon`"), "{err}");
}
