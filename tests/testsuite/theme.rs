//! The embedded default theme: a folder holding only `posts/` builds a complete, accessible site, and a
//! site's own templates and static files take precedence over the theme's.

use crate::common::{self, TestSite, attrs, hrefs, html, post, texts};

fn posts_only() -> TestSite {
    let site = TestSite::with_files(&[
        (
            "posts/one.md",
            &post(
                "One",
                "2024-01-01",
                "series = \"S\"\n",
                "## First\n\nText.\n\n## Second\n\nMore.",
            ),
        ),
        (
            "posts/two.md",
            &post("Two", "2024-01-02", "series = \"S\"\n", "Text."),
        ),
    ]);
    assert!(!site.path("templates").exists() && !site.path("sitegen.toml").exists());
    site
}

/// Every page the posts-only site has.
const PAGES: [&str; 5] = [
    "index.html",
    "404.html",
    "one/index.html",
    "two/index.html",
    "series/s/index.html",
];

#[test]
fn a_posts_only_site_builds_every_page_with_the_embedded_theme() {
    let site = posts_only();
    site.build_ok(&[]);
    for page in PAGES {
        assert!(site.path("public").join(page).is_file(), "{page} missing");
    }
    let css = site.read_output("style.css");
    assert!(
        css.contains("prefers-color-scheme"),
        "the stylesheet has a dark scheme"
    );
    assert!(css.contains(":focus"), "the stylesheet styles focus");
    assert_eq!(site.broken_links("public", "/"), Vec::<String>::new());
}

#[test]
fn every_page_links_the_stylesheet_and_is_accessible() {
    let site = posts_only();
    site.build_ok(&[]);
    for page in PAGES {
        let doc = html(&site.read_output(page));
        assert_eq!(
            hrefs(&doc, "head link[rel=stylesheet]"),
            ["/style.css"],
            "{page}"
        );
        assert_eq!(attrs(&doc, "html", "lang"), ["en"], "{page}");
        assert_eq!(texts(&doc, "head title").len(), 1, "{page}");
        assert_eq!(
            attrs(&doc, "head meta[name=viewport]", "content").len(),
            1,
            "{page}"
        );
        // The skip link is the first link and points at the main landmark.
        assert_eq!(
            hrefs(&doc, "a").first().map(String::as_str),
            Some("#main"),
            "{page}"
        );
        assert_eq!(attrs(&doc, "main", "id"), ["main"], "{page}");
        for landmark in ["header", "nav", "footer"] {
            assert!(!texts(&doc, landmark).is_empty(), "{page}: no <{landmark}>");
        }
    }
}

#[test]
fn the_theme_uses_only_its_own_scripts_and_nothing_from_other_hosts() {
    let site = posts_only();
    site.build_ok(&[]);
    for (path, bytes) in site.snapshot("public") {
        let text = String::from_utf8_lossy(&bytes);
        if path.ends_with(".html") {
            let doc = html(&text);
            // The scripts are the exercise finder's, on the exercise index, and Pagefind's UI
            // with the list of its index's shards (and the few lines that start it) on the search
            // page, all from this site.
            let scripts = attrs(&doc, "script", "src");
            let (allowed, inline): (&[&str], usize) = match path.as_str() {
                "exercises/index.html" => (&["/exercises/finder.js"], 0),
                "search/index.html" => (&["/pagefind/pagefind-ui.js", "/pagefind/shards.js"], 1),
                _ => (&[], 0),
            };
            assert!(
                texts(&doc, "script:not([type='application/ld+json']):not([src])").len() == inline
                    && scripts == allowed,
                "{path}: <script> {scripts:?}"
            );
            let external: Vec<_> = common::links(&doc)
                .into_iter()
                .filter(|l| l.contains("//"))
                .collect();
            assert!(external.is_empty(), "{path}: {external:?}");
        }
        if path.ends_with(".css") {
            // Pagefind's stylesheet names the SVG namespace in a `data:` picture: not a request.
            let text = text.replace("xmlns='http://www.w3.org/2000/svg'", "");
            assert!(
                !text.contains("@import") && !text.contains("http"),
                "{path} loads something remote"
            );
        }
    }
}

#[test]
fn language_and_title_come_from_sitegen_toml() {
    let site = posts_only();
    site.write(
        "sitegen.toml",
        "title = \"Move Well\"\nlanguage = \"de\"\nauthor = \"Ann\"\ndescription = \"Moving.\"\n",
    );
    site.build_ok(&[]);
    let doc = html(&site.read_output("index.html"));
    assert_eq!(attrs(&doc, "html", "lang"), ["de"]);
    assert_eq!(texts(&doc, "head title"), ["Move Well"]);
    assert_eq!(texts(&doc, "main h1"), ["Move Well"]);
    assert_eq!(
        attrs(&doc, "head meta[name=description]", "content"),
        ["Moving."]
    );
    assert!(texts(&doc, "footer").concat().contains("Ann"));
}

#[test]
fn the_table_of_contents_links_every_heading() {
    let site = posts_only();
    site.build_ok(&[]);
    let doc = html(&site.read_output("one/index.html"));
    assert_eq!(hrefs(&doc, ".toc a"), ["#first", "#second"]);
    assert_eq!(attrs(&doc, ".post-content h2", "id"), ["first", "second"]);
}

#[test]
fn a_site_template_overrides_only_its_own_name() {
    let site = posts_only();
    site.write(
        "templates/index.html",
        "{% extends \"base.html\" %}{% block content %}<p class=\"custom\">{{ series_list | length }} series</p>{% endblock content %}",
    );
    site.build_ok(&[]);
    let home = html(&site.read_output("index.html"));
    assert_eq!(texts(&home, ".custom"), ["1 series"]);
    assert_eq!(
        hrefs(&home, "a.skip-link"),
        ["#main"],
        "base.html is still the theme's"
    );
    let one = html(&site.read_output("one/index.html"));
    assert_eq!(
        hrefs(&one, "a[rel=next]"),
        ["/two/"],
        "post.html is still the theme's"
    );
}

#[test]
fn a_site_base_template_wraps_the_theme_pages() {
    let site = posts_only();
    site.write(
        "templates/base.html",
        "<!DOCTYPE html><html lang=\"{{ site.language }}\"><head><title>{% block title %}{% endblock title %}</title>\
         {% block head %}{% endblock head %}</head><body><div id=\"site-shell\">{% block content %}{% endblock content %}</div></body></html>",
    );
    site.build_ok(&[]);
    let one = html(&site.read_output("one/index.html"));
    assert_eq!(texts(&one, "#site-shell article h1"), ["One"]);
    assert_eq!(hrefs(&one, "#site-shell a[rel=next]"), ["/two/"]);
}

#[test]
fn static_files_are_copied_and_a_site_stylesheet_replaces_the_theme_one() {
    let site = posts_only();
    site.write("static/style.css", "body { color: teal }\n");
    site.write("static/img/logo.svg", "<svg/>");
    site.build_ok(&[]);
    assert_eq!(site.read_output("style.css"), "body { color: teal }\n");
    assert_eq!(site.read_output("img/logo.svg"), "<svg/>");
}

#[test]
fn the_stylesheet_closes_every_block_it_opens() {
    // A merge that drops a `}` silently nests every later rule inside the one left open.
    let css = include_str!("../../templates/style.css");
    let mut depth = 0i32;
    let mut in_comment = false;
    let bytes = css.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        match (in_comment, bytes[i], bytes.get(i + 1)) {
            (false, b'/', Some(b'*')) => {
                in_comment = true;
                i += 1;
            }
            (true, b'*', Some(b'/')) => {
                in_comment = false;
                i += 1;
            }
            (false, b'{', _) => depth += 1,
            (false, b'}', _) => {
                depth -= 1;
                assert!(depth >= 0, "a `}}` closes nothing at byte {i}");
            }
            _ => {}
        }
        i += 1;
    }
    assert_eq!(depth, 0, "blocks left open at the end of style.css");
}

#[test]
fn the_header_folds_its_menu_and_links_the_search_page_without_a_script() {
    let site = posts_only();
    site.build_ok(&[]);
    let doc = html(&site.read_output("one/index.html"));
    // The menu is a <details> (a phone shows it folded; wider screens open it with CSS).
    assert_eq!(texts(&doc, "header details.site-menu > summary"), ["Menu"]);
    assert_eq!(hrefs(&doc, "header details.site-menu nav a"), ["/"]);
    // Search on a phone is a plain link to the search page, named for screen readers; the box
    // for wider screens is a plain form to the same page.
    assert_eq!(hrefs(&doc, "header a.site-search-link"), ["/search/"]);
    assert_eq!(
        texts(&doc, "header a.site-search-link .visually-hidden"),
        ["Search"]
    );
    assert_eq!(
        attrs(&doc, "header form.site-search", "action"),
        ["/search/"]
    );
    assert!(texts(&doc, "script:not([type='application/ld+json'])").is_empty());
    site.write("sitegen.toml", "search = false\n");
    site.build_ok(&[]);
    let doc = html(&site.read_output("one/index.html"));
    assert!(hrefs(&doc, "header a.site-search-link").is_empty());
    assert!(attrs(&doc, "header form.site-search", "action").is_empty());
}

#[test]
fn a_site_template_may_include_the_themes_partials_but_not_a_missing_one() {
    let site = posts_only();
    // A base of the site's own that keeps the theme's head (its partials) and drops its header.
    let base = "<!DOCTYPE html>\n<html lang=\"{{ site.language }}\">\n<head>\n<title>{% block title %}{{ site.title }}{% endblock title %}</title>\n\
                {%- include \"partials/seo.html\" %}\n{%- block head %}{%- endblock head %}\n{%- include \"partials/head-links.html\" %}\n</head>\n\
                <body><main id=\"main\">{% block content %}{% endblock content %}</main></body>\n</html>\n";
    site.write("templates/base.html", base);
    site.build_ok(&[]);
    let doc = html(&site.read_output("one/index.html"));
    assert_eq!(attrs(&doc, "link[rel=stylesheet]", "href"), ["/style.css"]);
    assert_eq!(attrs(&doc, "meta[property='og:title']", "content"), ["One"]);
    assert!(
        texts(&doc, "header.site-header").is_empty(),
        "the site's base has no header"
    );
    site.write(
        "templates/base.html",
        &base.replace("partials/seo.html", "partials/nowhere.html"),
    );
    let err = site.build_err(&[]);
    assert!(
        err.contains("templates/base.html:5:")
            && err.contains("Unknown template `partials/nowhere.html`"),
        "{err}"
    );
}

#[test]
fn the_repositorys_templates_folder_is_the_built_in_theme_and_changes_nothing() {
    let site = TestSite::shipped();
    assert!(
        site.path("templates/post.html").is_file() && site.path("templates/style.css").is_file()
    );
    let with_copy = site.build_ok(&[]);
    assert!(!with_copy.contains("warning"), "{with_copy}");
    let built = site.snapshot("public");
    std::fs::remove_dir_all(site.path("templates")).unwrap();
    std::fs::remove_dir_all(site.path("public")).unwrap();
    site.build_ok(&[]);
    assert!(
        site.snapshot("public") == built,
        "the theme's own copy changed the output"
    );
}

#[test]
fn a_changed_copy_of_a_theme_file_that_is_not_a_template_is_named_and_left_out() {
    let site = posts_only();
    site.write("templates/style.css", "body { color: teal }\n");
    site.write("templates/i18n/de.toml", "previous = \"Zurück\"\n");
    let err = site.build_ok(&[]);
    common::assert_reports(&err, "templates/style.css");
    assert!(err.contains("static/style.css"), "{err}");
    common::assert_reports(&err, "templates/i18n/de.toml");
    assert!(
        err.contains("`i18n/de.toml` beside `sitegen.toml`"),
        "{err}"
    );
    assert!(
        site.read_output("style.css").contains(".site-header"),
        "the theme's stylesheet is written"
    );
}
