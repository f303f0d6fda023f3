//! GitHub Flavored Markdown in a built page: bare URLs, `www.` addresses and e-mail addresses
//! become links (not in code, not inside a link), and a processed image keeps its title. The
//! spec's own examples are checked in `src/markdown/gfm_spec.rs`.

use crate::common::{TestSite, attrs, html, post, texts};

#[test]
fn bare_urls_and_addresses_become_links_but_not_in_code() {
    let site = TestSite::with_files(&[(
        "posts/a.md",
        &post(
            "A",
            "2024-01-01",
            "",
            "See https://example.org/guide, www.example.com/mobility or write to coach@example.org.\n\n\
             Already a link: [https://example.net](https://example.net).\n\n\
             `https://example.org/in-code`\n\n```\nwww.example.com/in-a-block\n```\n",
        ),
    )]);
    site.build_ok(&[]);
    let page = html(&site.read_output("a/index.html"));
    let hrefs = attrs(&page, "article a[href]", "href");
    for want in [
        "https://example.org/guide",
        "http://www.example.com/mobility",
        "mailto:coach@example.org",
    ] {
        assert!(hrefs.iter().any(|h| h == want), "{want} not in {hrefs:?}");
    }
    assert_eq!(
        hrefs.iter().filter(|h| h.contains("example.net")).count(),
        1,
        "a link's text is not linked again: {hrefs:?}"
    );
    assert!(
        !hrefs
            .iter()
            .any(|h| h.contains("in-code") || h.contains("in-a-block")),
        "{hrefs:?}"
    );
    let linked = texts(&page, "article a[href='https://example.org/guide']");
    assert_eq!(
        linked,
        ["https://example.org/guide"],
        "the comma stays outside"
    );
}

#[test]
fn a_processed_image_keeps_its_title() {
    let site = TestSite::with_files(&[(
        "posts/trip/index.md",
        &post(
            "Trip",
            "2024-01-01",
            "",
            "![A knee over the toes](knee.png \"Knee tracking over the second toe\")\n",
        ),
    )]);
    site.write_image("posts/trip/knee.png");
    site.build_ok(&[]);
    let page = html(&site.read_output("trip/index.html"));
    assert_eq!(
        attrs(&page, "article img[alt='A knee over the toes']", "title"),
        ["Knee tracking over the second toe"]
    );
}
