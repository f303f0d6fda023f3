//! The site shipped in the repository (`posts/`, `sitegen.toml`): it builds, its series reads Foam
//! Rolling, Joint-by-Joint, Core, Low Back Pain through rel=next and back through rel=prev, and every
//! internal link resolves.

use crate::common::{TestSite, hrefs, html, texts};

const SERIES: &[&str] = &["foam-rolling", "joint-by-joint", "core", "low-back-pain"];

/// A copy of the repository's site in a temp folder, built.
fn shipped() -> TestSite {
    let site = TestSite::shipped();
    site.build_ok(&[]);
    site
}

fn rel(site: &TestSite, slug: &str, rel: &str) -> Option<String> {
    let found = hrefs(
        &html(&site.read_output(&format!("{slug}/index.html"))),
        &format!("a[rel={rel}]"),
    );
    assert!(found.len() <= 1, "{slug}: several a[rel={rel}]");
    found
        .into_iter()
        .next()
        .map(|h| h.trim_matches('/').to_string())
}

#[test]
fn the_series_reads_in_order_both_ways() {
    let site = shipped();
    assert!(site.path("public/index.html").is_file());
    assert_eq!(rel(&site, SERIES[0], "prev"), None);
    let mut walk = vec![SERIES[0].to_string()];
    while let Some(next) = rel(&site, walk.last().unwrap(), "next") {
        assert!(walk.len() <= SERIES.len(), "{walk:?}");
        walk.push(next);
    }
    assert_eq!(walk, SERIES);
    let mut back = vec![SERIES[3].to_string()];
    while let Some(prev) = rel(&site, back.last().unwrap(), "prev") {
        assert!(back.len() <= SERIES.len(), "{back:?}");
        back.push(prev);
    }
    back.reverse();
    assert_eq!(back, SERIES);
}

#[test]
fn the_last_part_offers_the_earlier_parts_first() {
    let site = shipped();
    let doc = html(&site.read_output("low-back-pain/index.html"));
    assert!(
        texts(&doc, ".series-box-title")
            .concat()
            .starts_with("Part 4 of 4")
    );
    assert_eq!(
        hrefs(&doc, ".series-earlier a"),
        ["/foam-rolling/", "/joint-by-joint/", "/core/"]
    );
}

#[test]
fn every_internal_link_resolves() {
    let site = shipped();
    assert_eq!(site.broken_links("public", "/"), Vec::<String>::new());
}

#[test]
fn every_internal_link_resolves_in_a_subfolder() {
    let site = shipped();
    site.build_ok(&["--base-url", "https://example.org/blog/"]);
    assert_eq!(
        site.broken_links("public", "https://example.org/blog/"),
        Vec::<String>::new()
    );
}
