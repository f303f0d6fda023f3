//! The reader's page (issue 17): the theme's icons and web app manifest (or the site's own
//! `static/favicon.*` instead), canonical links on every page when `base_url` has a host, the
//! warning when it has none, and a post's first screen: the series box and the contents folded
//! into `<details>` on a phone. Lighthouse, axe-core and the phone's first screen are checked in a
//! real browser by `scripts/reader-page.mjs` in `.ci/run`.

use crate::common::{TestSite, attrs, hrefs, html, texts};

const ICONS: &[&str] = &[
    "favicon.svg",
    "favicon.ico",
    "apple-touch-icon.png",
    "icon-192.png",
    "icon-512.png",
];

fn manifest(site: &TestSite) -> serde_json::Value {
    serde_json::from_str(&site.read_output("manifest.webmanifest")).expect("the manifest is JSON")
}

#[test]
fn every_page_links_the_theme_icons_and_manifest_which_exist() {
    let site = TestSite::shipped();
    site.build_ok(&["--base-url", "https://example.org/blog/"]);
    for name in ICONS {
        assert!(site.path("public").join(name).is_file(), "{name}");
    }
    let ico = std::fs::read(site.path("public/favicon.ico")).unwrap();
    assert_eq!(&ico[..4], &[0, 0, 1, 0], "favicon.ico is an ICO file");
    for (page, bytes) in site.snapshot("public") {
        if !page.ends_with(".html") {
            continue;
        }
        let doc = html(&String::from_utf8(bytes).unwrap());
        assert_eq!(
            hrefs(&doc, "head link[rel=icon]"),
            ["/blog/favicon.ico", "/blog/favicon.svg"],
            "{page}"
        );
        assert_eq!(
            hrefs(&doc, "head link[rel=apple-touch-icon]"),
            ["/blog/apple-touch-icon.png"],
            "{page}"
        );
        assert_eq!(
            hrefs(&doc, "head link[rel=manifest]"),
            ["/blog/manifest.webmanifest"],
            "{page}"
        );
        assert_eq!(
            attrs(&doc, "head meta[name=theme-color]", "media"),
            [
                "(prefers-color-scheme: light)",
                "(prefers-color-scheme: dark)"
            ],
            "{page}"
        );
    }
    let m = manifest(&site);
    assert_eq!(m["name"], "Move Well");
    assert_eq!(
        m["short_name"], "Move Well",
        "the title when short_name is not set"
    );
    assert_eq!(m["start_url"], "./");
    let icons: Vec<&str> = m["icons"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["src"].as_str().unwrap())
        .collect();
    assert_eq!(icons, ["favicon.svg", "icon-192.png", "icon-512.png"]);
    for icon in icons {
        assert!(site.path("public").join(icon).is_file(), "{icon}");
    }
}

#[test]
fn short_name_comes_from_the_settings() {
    let site = TestSite::shipped();
    let settings = std::fs::read_to_string(site.path("sitegen.toml")).unwrap();
    site.write(
        "sitegen.toml",
        &format!("{settings}short_name = \"Move\"\n"),
    );
    site.build_ok(&[]);
    assert_eq!(manifest(&site)["short_name"], "Move");
    assert_eq!(manifest(&site)["name"], "Move Well");
}

#[test]
fn a_sites_own_favicon_replaces_all_the_theme_icons() {
    let site = TestSite::shipped();
    site.write(
        "static/favicon.ico",
        "not really an icon, but the site's own",
    );
    site.build_ok(&[]);
    assert_eq!(
        std::fs::read_to_string(site.path("public/favicon.ico")).unwrap(),
        "not really an icon, but the site's own"
    );
    for name in ICONS.iter().filter(|n| **n != "favicon.ico") {
        assert!(
            !site.path("public").join(name).exists(),
            "{name} of the theme"
        );
    }
    let doc = html(&site.read_output("core/index.html"));
    assert_eq!(hrefs(&doc, "head link[rel=icon]"), ["/favicon.ico"]);
    assert!(hrefs(&doc, "head link[rel=apple-touch-icon]").is_empty());
    assert_eq!(
        manifest(&site)["icons"],
        serde_json::json!([]),
        "no theme icon in the manifest"
    );

    // Its own SVG and touch icon are linked, and the manifest lists the SVG.
    site.write(
        "static/favicon.svg",
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 1 1\"/>",
    );
    site.write("static/apple-touch-icon.png", "png");
    site.build_ok(&[]);
    let doc = html(&site.read_output("core/index.html"));
    assert_eq!(
        hrefs(&doc, "head link[rel=icon]"),
        ["/favicon.ico", "/favicon.svg"]
    );
    assert_eq!(
        hrefs(&doc, "head link[rel=apple-touch-icon]"),
        ["/apple-touch-icon.png"]
    );
    assert_eq!(manifest(&site)["icons"][0]["src"], "favicon.svg");
}

#[test]
fn a_sites_own_manifest_is_copied_instead() {
    let site = TestSite::shipped();
    site.write("static/manifest.webmanifest", "{\"name\": \"Mine\"}");
    site.build_ok(&[]);
    assert_eq!(manifest(&site)["name"], "Mine");
}

#[test]
fn with_a_host_every_page_has_an_absolute_canonical_link_to_itself() {
    let site = TestSite::shipped();
    site.build_ok(&["--base-url", "https://example.org/blog/"]);
    let mut pages = 0;
    for (page, bytes) in site.snapshot("public") {
        if !page.ends_with("index.html") {
            continue;
        }
        pages += 1;
        let doc = html(&String::from_utf8(bytes).unwrap());
        let dir = page.trim_end_matches("index.html");
        assert_eq!(
            hrefs(&doc, "head link[rel=canonical]"),
            [format!("https://example.org/blog/{dir}")],
            "{page}"
        );
    }
    assert!(pages > 40, "{pages} pages");
    let not_found = html(&site.read_output("404.html"));
    assert_eq!(
        attrs(&not_found, "meta[name=robots]", "content"),
        ["noindex"]
    );
    assert_eq!(
        attrs(&not_found, "meta[name=description]", "content").len(),
        1
    );
}

#[test]
fn a_build_without_a_host_warns_once_and_says_how_to_set_one() {
    let site = TestSite::shipped();
    // The shipped settings name a host, so the first build is quiet; without one it warns.
    assert!(!site.build_ok(&[]).contains("warning"));
    let settings = std::fs::read_to_string(site.path("sitegen.toml")).unwrap();
    let without: String = settings
        .lines()
        .filter(|l| !l.starts_with("base_url"))
        .map(|l| format!("{l}\n"))
        .collect();
    site.write("sitegen.toml", &without);
    let err = site.build_ok(&[]);
    assert_eq!(err.matches("base_url").count(), 2, "{err}");
    assert!(
        err.contains(
            "sitegen.toml: warning: base_url `/` has no host: the site gets no canonical links"
        ),
        "{err}"
    );
    let err = site.build_ok(&["--base-url", "https://example.org/"]);
    assert!(!err.contains("warning"), "{err}");
}

#[test]
fn the_series_box_and_contents_fold_into_details_on_a_post() {
    let site = TestSite::shipped();
    site.build_ok(&[]);
    let doc = html(&site.read_output("low-back-pain/index.html"));
    // One short line first: the part and the series, then what to read first.
    assert_eq!(
        texts(&doc, ".series-box > .series-line .series-box-title"),
        ["Part 4 of 4 in Movement Imbalances"]
    );
    assert_eq!(
        hrefs(&doc, ".series-box > .series-line .series-earlier a"),
        ["/foam-rolling/", "/joint-by-joint/", "/core/"]
    );
    // The whole list behind a <details> (open on wide screens by the stylesheet).
    assert_eq!(
        texts(&doc, ".series-box > details.series-all > summary"),
        ["All 4 parts"]
    );
    assert_eq!(texts(&doc, ".series-box details .series-parts li").len(), 4);
    assert_eq!(texts(&doc, "nav.toc > details > summary"), ["Contents"]);
    assert!(texts(&doc, "nav.toc details li a").len() >= 5);
    let css = site.read_output("style.css");
    assert!(
        css.contains(".toc details::details-content") && css.contains("@media (min-width: 48rem)"),
        "wide screens open the folded boxes"
    );
}
