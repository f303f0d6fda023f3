//! Dates as authors write them: `2024-05-01`, `2024-05-01T07:30:00` and RFC 3339 with an offset,
//! as TOML datetimes and as YAML strings. Pages show them in the site's language with the
//! machine form in `<time datetime>`; feeds, the sitemap, share tags and JSON-LD carry the time.

use crate::common::{TestSite, attrs, html, texts};
use crate::publish::{feed, json_ld, meta};

/// One post per way of writing its date: `(file, front matter)`.
const FORMS: &[(&str, &str)] = &[
    (
        "toml-date",
        "+++\ntitle = \"A\"\ndate = 2024-05-01\n+++\nx\n",
    ),
    (
        "toml-local",
        "+++\ntitle = \"A\"\ndate = 2024-05-01T07:30:00\n+++\nx\n",
    ),
    (
        "toml-offset",
        "+++\ntitle = \"A\"\ndate = 2024-05-01T07:30:00+02:00\n+++\nx\n",
    ),
    (
        "toml-string",
        "+++\ntitle = \"A\"\ndate = \"2024-05-01T07:30:00Z\"\n+++\nx\n",
    ),
    ("yaml-date", "---\ntitle: A\ndate: 2024-05-01\n---\nx\n"),
    (
        "yaml-local",
        "---\ntitle: A\ndate: 2024-05-01T07:30:00\n---\nx\n",
    ),
    (
        "yaml-space",
        "---\ntitle: A\ndate: 2024-05-01 07:30\n---\nx\n",
    ),
    (
        "yaml-offset",
        "---\ntitle: A\ndate: \"2024-05-01T07:30:00-05:00\"\n---\nx\n",
    ),
];

#[test]
fn every_way_of_writing_a_date_shows_it_readably_with_the_machine_form() {
    let files: Vec<(String, &str)> = FORMS
        .iter()
        .map(|(name, text)| (format!("posts/{name}.md"), *text))
        .collect();
    let files: Vec<(&str, &str)> = files.iter().map(|(p, t)| (p.as_str(), *t)).collect();
    let site = TestSite::with_files(&files);
    site.build_ok(&[]);
    let machine = |name: &str| {
        let doc = html(&site.read_output(&format!("{name}/index.html")));
        assert_eq!(texts(&doc, ".post-meta time"), ["1 May 2024"], "{name}");
        attrs(&doc, ".post-meta time", "datetime").remove(0)
    };
    assert_eq!(machine("toml-date"), "2024-05-01");
    assert_eq!(machine("toml-local"), "2024-05-01T07:30:00");
    assert_eq!(machine("toml-offset"), "2024-05-01T07:30:00+02:00");
    assert_eq!(machine("toml-string"), "2024-05-01T07:30:00Z");
    assert_eq!(machine("yaml-date"), "2024-05-01");
    assert_eq!(machine("yaml-local"), "2024-05-01T07:30:00");
    assert_eq!(machine("yaml-space"), "2024-05-01T07:30:00");
    assert_eq!(machine("yaml-offset"), "2024-05-01T07:30:00-05:00");
}

/// A post written at 07:30 in Berlin and updated at 18:00 UTC, and one from the day before.
fn timed_site(language: &str) -> TestSite {
    TestSite::with_files(&[
        ("sitegen.toml", &format!("language = \"{language}\"\n")),
        (
            "posts/morning.md",
            "+++\ntitle = \"Morning\"\ndate = 2024-05-01T07:30:00+02:00\nupdated = 2024-05-03T18:00:00Z\n+++\nx\n",
        ),
        (
            "posts/evening.md",
            "---\ntitle: Evening\ndate: \"2024-05-01T06:00:00Z\"\n---\nx\n",
        ),
        (
            "posts/before.md",
            "+++\ntitle = \"Before\"\ndate = 2024-04-30\n+++\nx\n",
        ),
    ])
}

#[test]
fn feeds_sitemap_share_tags_and_json_ld_carry_the_full_time() {
    let site = timed_site("en");
    site.build_ok(&["--base-url", "https://example.org/"]);
    let f = feed(&site, "atom.xml");
    let entry = |title: &str| {
        f.entries
            .iter()
            .find(|e| e.title.as_ref().unwrap().content == title)
            .unwrap()
    };
    let morning = entry("Morning");
    assert_eq!(
        morning.published.unwrap().to_rfc3339(),
        "2024-05-01T05:30:00+00:00"
    );
    assert_eq!(
        morning.updated.unwrap().to_rfc3339(),
        "2024-05-03T18:00:00+00:00"
    );
    assert_eq!(
        entry("Before").published.unwrap().to_rfc3339(),
        "2024-04-30T00:00:00+00:00",
        "a date alone is midnight UTC"
    );
    let xml = site.read_output("atom.xml");
    assert!(
        xml.contains("<published>2024-05-01T07:30:00+02:00</published>"),
        "{xml}"
    );

    let sitemap = site.read_output("sitemap.xml");
    let doc = roxmltree::Document::parse(&sitemap).unwrap();
    let lastmod = |loc: &str| {
        doc.descendants()
            .find(|n| n.has_tag_name("loc") && n.text() == Some(loc))
            .and_then(|n| n.next_sibling_element())
            .and_then(|n| n.text())
            .map(str::to_string)
    };
    assert_eq!(
        lastmod("https://example.org/morning/").as_deref(),
        Some("2024-05-03T18:00:00Z")
    );
    assert_eq!(
        lastmod("https://example.org/before/").as_deref(),
        Some("2024-04-30")
    );

    let page = html(&site.read_output("morning/index.html"));
    assert_eq!(
        meta(&page, "property", "article:published_time").as_deref(),
        Some("2024-05-01T07:30:00+02:00")
    );
    let ld = json_ld(&page);
    let posting = ld[0]["@graph"]
        .as_array()
        .unwrap()
        .iter()
        .find(|v| v["@type"] == "BlogPosting")
        .unwrap();
    assert_eq!(posting["datePublished"], "2024-05-01T07:30:00+02:00");
    assert_eq!(posting["dateModified"], "2024-05-03T18:00:00Z");
    assert_eq!(
        texts(&page, ".post-meta time"),
        ["1 May 2024", "3 May 2024"],
        "published and updated, readable"
    );
}

#[test]
fn posts_of_one_day_are_ordered_by_their_time_and_offset() {
    // 07:30 at +02:00 is 05:30 UTC, before "Evening" at 06:00 UTC: newest first is Evening,
    // Morning, then the day before.
    let site = timed_site("en");
    site.build_ok(&[]);
    let home = html(&site.read_output("index.html"));
    assert_eq!(
        texts(&home, ".post-list h3"),
        ["Evening", "Morning", "Before"]
    );
}

#[test]
fn dates_are_written_in_the_sites_language() {
    for (language, shown) in [
        ("de", "1. Mai 2024"),
        ("en-US", "May 1, 2024"),
        ("fr", "1 mai 2024"),
        ("ja", "2024-05-01"),
    ] {
        let site = timed_site(language);
        site.build_ok(&[]);
        let page = html(&site.read_output("morning/index.html"));
        assert_eq!(texts(&page, ".post-meta time")[0], shown, "{language}");
        let home = html(&site.read_output("index.html"));
        assert!(
            texts(&home, "time").contains(&shown.to_string()),
            "{language}"
        );
    }
}

#[test]
fn a_pages_update_date_is_readable_too() {
    let site = TestSite::with_files(&[
        (
            "posts/a.md",
            "+++\ntitle = \"A\"\ndate = 2024-05-01\n+++\nx\n",
        ),
        (
            "pages/about.md",
            "+++\ntitle = \"About\"\nupdated = 2024-06-02T09:00:00+02:00\n+++\nHello.\n",
        ),
    ]);
    site.build_ok(&[]);
    let page = html(&site.read_output("about/index.html"));
    assert_eq!(texts(&page, "time"), ["2 June 2024"]);
    assert_eq!(
        attrs(&page, "time", "datetime"),
        ["2024-06-02T09:00:00+02:00"]
    );
}
