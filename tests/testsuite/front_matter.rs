//! Front matter: TOML and YAML, CRLF line endings and a UTF-8 BOM, the default summary, tags, and the
//! free-form `extra` table as seen from a site template.

use crate::common::{self, TestSite, attrs, hrefs, html, texts};

/// A site template that prints what the theme does not: summary, tags and `extra` values.
const POST_TEMPLATE: &str = r#"{% extends "base.html" %}
{% block content %}
<h1>{{ page.title }}</h1>
<p class="summary">{{ page.summary_text }}</p>
<p class="mood">{{ page.extra.mood }}</p>
<p class="reps">{% if page.extra.reps %}{{ page.extra.reps }}{% endif %}</p>
<p class="nested">{% if page.extra.gear %}{{ page.extra.gear.roller }}{% endif %}</p>
<ul class="tags">{% for t in page.tags %}<li>{{ t }}</li>{% endfor %}</ul>
{% endblock content %}
"#;

#[test]
fn toml_and_yaml_front_matter_give_the_same_page() {
    let site = TestSite::with_files(&[
        (
            "posts/toml.md",
            "+++\ntitle = \"Hips & Knees\"\ndate = 2024-03-04\ntags = [\"hips\", \"knees\"]\n+++\n\nBody text.\n",
        ),
        (
            "posts/yaml.md",
            "---\ntitle: Hips & Knees\ndate: 2024-03-04\ntags: [hips, knees]\n---\n\nBody text.\n",
        ),
    ]);
    site.build_ok(&[]);
    for slug in ["toml", "yaml"] {
        let doc = html(&site.read_output(&format!("{slug}/index.html")));
        assert_eq!(texts(&doc, "article h1"), ["Hips & Knees"], "{slug}");
        assert_eq!(texts(&doc, "time"), ["4 March 2024"], "{slug}");
        assert_eq!(attrs(&doc, "time", "datetime"), ["2024-03-04"], "{slug}");
        assert_eq!(texts(&doc, ".tags li"), ["hips", "knees"], "{slug}");
        assert_eq!(texts(&doc, ".post-content p"), ["Body text."], "{slug}");
    }
}

#[test]
fn crlf_line_endings_and_a_bom_are_accepted() {
    let site = TestSite::with_files(&[
        (
            "posts/crlf.md",
            "+++\r\ntitle = \"Windows\"\r\ndate = 2024-01-02\r\n+++\r\n\r\nSaved on Windows.\r\n",
        ),
        (
            "posts/bom.md",
            "\u{feff}+++\ntitle = \"With BOM\"\ndate = 2024-01-03\n+++\n\nStarts with a BOM.\n",
        ),
        (
            "posts/both.md",
            "\u{feff}---\r\ntitle: Both\r\ndate: 2024-01-04\r\ntags: [a, b]\r\n---\r\n\r\n## Heading\r\n\r\nText.\r\n",
        ),
    ]);
    site.build_ok(&[]);
    let doc = html(&site.read_output("crlf/index.html"));
    assert_eq!(texts(&doc, "article h1"), ["Windows"]);
    assert_eq!(texts(&doc, ".post-content p"), ["Saved on Windows."]);
    let doc = html(&site.read_output("bom/index.html"));
    assert_eq!(texts(&doc, "article h1"), ["With BOM"]);
    let doc = html(&site.read_output("both/index.html"));
    assert_eq!(texts(&doc, "article h1"), ["Both"]);
    assert_eq!(texts(&doc, ".tags li"), ["a", "b"]);
    assert_eq!(texts(&doc, ".post-content h2"), ["Heading"]);
    for page in ["crlf/index.html", "bom/index.html", "both/index.html"] {
        let text = site.read_output(page);
        assert!(
            !text.contains('\r') && !text.contains('\u{feff}'),
            "{page} carries a CR or BOM"
        );
    }
}

#[test]
fn summary_defaults_to_the_first_paragraph() {
    let site = TestSite::with_files(&[
        (
            "posts/a.md",
            &common::post(
                "A",
                "2024-01-01",
                "",
                "## Intro\n\nThe *first* paragraph, with [a link](https://x.org).\n\nThe second paragraph.",
            ),
        ),
        (
            "templates/post.html",
            "<p class=\"summary\">{{ page.summary_text }}</p>\n",
        ),
    ]);
    site.build_ok(&[]);
    let doc = html(&site.read_output("a/index.html"));
    assert_eq!(
        texts(&doc, ".summary"),
        ["The first paragraph, with a link."]
    );
    // The theme's home page and meta description use it too.
    let home = html(&site.read_output("index.html"));
    assert_eq!(
        texts(&home, ".post-list .summary"),
        ["The first paragraph, with a link."]
    );
    std::fs::remove_file(site.path("templates/post.html")).unwrap();
    site.build_ok(&[]);
    let page = html(&site.read_output("a/index.html"));
    let sel = scraper::Selector::parse("meta[name=description]").unwrap();
    let content: Vec<_> = page
        .select(&sel)
        .filter_map(|e| e.value().attr("content"))
        .collect();
    assert_eq!(content, ["The first paragraph, with a link."]);
}

#[test]
fn an_explicit_summary_wins_and_is_escaped() {
    let site = TestSite::with_files(&[(
        "posts/a.md",
        &common::post(
            "A",
            "2024-01-01",
            "summary = \"Short <b>and</b> sweet\"\n",
            "A long first paragraph.",
        ),
    )]);
    site.build_ok(&[]);
    let home = html(&site.read_output("index.html"));
    assert_eq!(
        texts(&home, ".post-list .summary"),
        ["Short <b>and</b> sweet"]
    );
    assert!(
        texts(&home, ".post-list .summary b").is_empty(),
        "the summary is text, not markup"
    );
    let sel = scraper::Selector::parse("meta[name=description]").unwrap();
    let page = html(&site.read_output("a/index.html"));
    let content: Vec<_> = page
        .select(&sel)
        .filter_map(|e| e.value().attr("content"))
        .collect();
    assert_eq!(content, ["Short <b>and</b> sweet"]);
}

#[test]
fn extra_table_is_available_to_a_site_template_from_toml() {
    let site = TestSite::with_files(&[
        (
            "posts/a.md",
            "+++\ntitle = \"A\"\ndate = 2024-01-01\ntags = [\"x\", \"y\"]\n\n[extra]\nmood = \"calm\"\nreps = 12\n\n[extra.gear]\nroller = \"soft\"\n+++\nBody.\n",
        ),
        ("templates/post.html", POST_TEMPLATE),
    ]);
    site.build_ok(&[]);
    let doc = html(&site.read_output("a/index.html"));
    assert_eq!(texts(&doc, ".mood"), ["calm"]);
    assert_eq!(texts(&doc, ".reps"), ["12"]);
    assert_eq!(texts(&doc, ".nested"), ["soft"]);
    assert_eq!(texts(&doc, ".tags li"), ["x", "y"]);
    // The site's post.html replaced the theme's (which has no .mood), while base.html is still the theme's.
    assert!(texts(&doc, ".series-box, .post-nav").is_empty());
    assert_eq!(hrefs(&doc, "a.skip-link"), ["#main"]);
}

#[test]
fn extra_table_is_available_to_a_site_template_from_yaml() {
    let site = TestSite::with_files(&[
        (
            "posts/a.md",
            "---\ntitle: A\ndate: 2024-01-01\nextra:\n  mood: focused\n  gear:\n    roller: firm\n---\nBody.\n",
        ),
        ("templates/post.html", POST_TEMPLATE),
    ]);
    site.build_ok(&[]);
    let doc = html(&site.read_output("a/index.html"));
    assert_eq!(texts(&doc, ".mood"), ["focused"]);
    assert_eq!(texts(&doc, ".nested"), ["firm"]);
    assert_eq!(texts(&doc, ".reps"), [""]);
}

#[test]
fn slug_defaults_to_the_file_stem_and_can_be_set() {
    let site = TestSite::with_files(&[
        (
            "posts/2024-01-01-hips.md",
            &common::post("Hips", "2024-01-01", "", "x"),
        ),
        (
            "posts/knees.md",
            &common::post("Knees", "2024-01-02", "slug = \"knee-health\"\n", "x"),
        ),
    ]);
    site.build_ok(&[]);
    assert!(site.path("public/2024-01-01-hips/index.html").is_file());
    assert!(site.path("public/knee-health/index.html").is_file());
    assert!(
        !site.path("public/knees").exists(),
        "an explicit slug replaces the file stem"
    );
}

#[test]
fn toml_dates_may_be_quoted_strings() {
    let site = TestSite::with_files(&[(
        "posts/a.md",
        "+++\ntitle = \"A\"\ndate = \"2024-02-29\"\n+++\nx\n",
    )]);
    site.build_ok(&[]);
    assert_eq!(
        attrs(&html(&site.read_output("a/index.html")), "time", "datetime"),
        ["2024-02-29"]
    );
}
