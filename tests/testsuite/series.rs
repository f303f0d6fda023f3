//! Series: reading order (weight, then date, then slug) across TOML and YAML posts, the rel=prev/next
//! chain, the series box, the series page, the home page, and the date chain of posts outside a series.

use crate::common::{self, TestSite, hrefs, html, texts};

/// Reading order of the "Movement Imbalances" series in `tests/fixtures/series`. File names sort
/// differently on purpose: `a.md` (core) and `b.md` (joint-by-joint) share weight 2 and are ordered by
/// date; `m-lbp.md` and `c-next.md` share weight 5 and date and are ordered by slug.
const MOVEMENT: &[(&str, &str)] = &[
    ("foam-rolling", "Foam Rolling"),
    ("joint-by-joint", "Joint-by-Joint"),
    ("core", "Core"),
    ("low-back-pain", "Joint-by-Joint: Low Back Pain"),
    ("next-steps", "Next Steps"),
];

fn built_fixture() -> TestSite {
    let site = TestSite::fixture("series");
    site.build_ok(&[]);
    site
}

fn page(site: &TestSite, slug: &str) -> scraper::Html {
    html(&site.read_output(&format!("{slug}/index.html")))
}

/// The only `<a rel=…>` target of a page, or `None` when the page has none.
fn rel_link(doc: &scraper::Html, rel: &str) -> Option<String> {
    let found = hrefs(doc, &format!("a[rel={rel}]"));
    assert!(found.len() <= 1, "more than one a[rel={rel}]: {found:?}");
    found.into_iter().next()
}

/// `/slug/` -> `slug`, for reading the page a link points to.
fn slug_of(href: &str) -> &str {
    href.trim_matches('/')
}

#[test]
fn parts_are_ordered_by_weight_then_date_then_slug() {
    let site = built_fixture();
    let doc = html(&site.read_output("series/movement-imbalances/index.html"));
    let expected: Vec<String> = MOVEMENT
        .iter()
        .map(|(slug, _)| format!("/{slug}/"))
        .collect();
    assert_eq!(hrefs(&doc, ".part-list a"), expected);
    let titles: Vec<&str> = MOVEMENT.iter().map(|(_, title)| *title).collect();
    assert_eq!(texts(&doc, ".part-list h2"), titles);
}

#[test]
fn rel_next_walks_every_part_in_order_and_rel_prev_walks_back() {
    let site = built_fixture();
    let first = MOVEMENT[0].0;
    assert_eq!(
        rel_link(&page(&site, first), "prev"),
        None,
        "the first part has no rel=prev"
    );

    let mut visited = vec![first.to_string()];
    while let Some(next) = rel_link(&page(&site, visited.last().unwrap()), "next") {
        assert!(
            visited.len() <= MOVEMENT.len(),
            "rel=next loops: {visited:?}"
        );
        visited.push(slug_of(&next).to_string());
    }
    let expected: Vec<&str> = MOVEMENT.iter().map(|(slug, _)| *slug).collect();
    assert_eq!(visited, expected, "following rel=next from the first part");

    let mut back = vec![visited.last().unwrap().clone()];
    while let Some(prev) = rel_link(&page(&site, back.last().unwrap()), "prev") {
        assert!(back.len() <= MOVEMENT.len(), "rel=prev loops: {back:?}");
        back.push(slug_of(&prev).to_string());
    }
    back.reverse();
    assert_eq!(back, expected, "following rel=prev from the last part");
}

#[test]
fn head_links_match_the_navigation_links() {
    let site = built_fixture();
    for (slug, _) in MOVEMENT {
        let doc = page(&site, slug);
        for rel in ["prev", "next"] {
            let head = hrefs(&doc, &format!("head link[rel={rel}]"));
            let body = hrefs(&doc, &format!("a[rel={rel}]"));
            assert_eq!(
                head, body,
                "{slug}: <link rel={rel}> and <a rel={rel}> differ"
            );
        }
    }
    let last = page(&site, MOVEMENT[MOVEMENT.len() - 1].0);
    assert!(
        hrefs(&last, "link[rel=next], a[rel=next]").is_empty(),
        "the last part has no next"
    );
    assert_eq!(hrefs(&last, "head link[rel=prev]"), ["/low-back-pain/"]);
}

#[test]
fn navigation_never_shows_a_placeholder() {
    let site = built_fixture();
    for slug in ["foam-rolling", "next-steps"] {
        let text = texts(&page(&site, slug), "main").concat().to_lowercase();
        assert!(!text.contains("no previous"), "{slug}: {text}");
        assert!(!text.contains("no next"), "{slug}: {text}");
    }
}

#[test]
fn series_box_says_part_n_of_m_and_marks_the_current_part() {
    let site = built_fixture();
    let all: Vec<String> = MOVEMENT
        .iter()
        .map(|(_, title)| title.to_string())
        .collect();
    for (n, (slug, title)) in MOVEMENT.iter().enumerate() {
        let doc = page(&site, slug);
        let heading = texts(&doc, ".series-box-title").concat();
        assert!(
            heading.starts_with(&format!("Part {} of {} in", n + 1, MOVEMENT.len())),
            "{slug}: {heading}"
        );
        assert_eq!(
            hrefs(&doc, ".series-box-title a"),
            ["/series/movement-imbalances/"]
        );
        assert_eq!(
            texts(&doc, ".series-parts li"),
            all,
            "{slug}: every part listed in order"
        );
        assert_eq!(
            texts(&doc, ".series-parts [aria-current=page]"),
            [*title],
            "{slug}: current part"
        );
        // Every other part is a link; the current one is not.
        let linked: Vec<String> = MOVEMENT
            .iter()
            .filter(|(s, _)| s != slug)
            .map(|(s, _)| format!("/{s}/"))
            .collect();
        assert_eq!(hrefs(&doc, ".series-parts a"), linked, "{slug}");
    }
}

#[test]
fn later_parts_offer_the_earlier_ones_as_read_first() {
    let site = built_fixture();
    assert!(
        texts(&page(&site, "foam-rolling"), ".series-earlier").is_empty(),
        "part 1 has nothing to read first"
    );
    let doc = page(&site, "low-back-pain");
    assert_eq!(
        hrefs(&doc, ".series-earlier a"),
        ["/foam-rolling/", "/joint-by-joint/", "/core/"]
    );
}

#[test]
fn series_do_not_chain_into_each_other() {
    let site = built_fixture();
    let first = page(&site, "breath-1");
    assert_eq!(rel_link(&first, "prev"), None);
    assert_eq!(rel_link(&first, "next").as_deref(), Some("/breath-2/"));
    let last = page(&site, "breath-2");
    assert_eq!(
        rel_link(&last, "next"),
        None,
        "the last part of one series does not lead to another"
    );
    assert!(
        texts(&last, ".series-box-title")
            .concat()
            .starts_with("Part 2 of 2 in")
    );
}

#[test]
fn home_lists_each_series_in_order_then_other_posts_newest_first() {
    let site = built_fixture();
    let doc = html(&site.read_output("index.html"));
    let sections = hrefs(&doc, "main section > h2 > a");
    assert_eq!(
        sections,
        ["/series/breathing-basics/", "/series/movement-imbalances/"]
    );
    let movement: Vec<String> = MOVEMENT
        .iter()
        .map(|(slug, _)| format!("/{slug}/"))
        .collect();
    assert_eq!(hrefs(&doc, "#series-movement-imbalances ~ ol a"), movement);
    assert_eq!(
        hrefs(&doc, "#series-breathing-basics ~ ol a"),
        ["/breath-1/", "/breath-2/"]
    );
    assert_eq!(
        hrefs(&doc, ".other-posts a"),
        ["/notes-a/", "/notes-c/", "/notes-b/"]
    );

    // Series come before the other posts in the document.
    let all = hrefs(&doc, "main a");
    let pos = |href: &str| {
        all.iter()
            .position(|h| h == href)
            .unwrap_or_else(|| panic!("{href} not on the home page"))
    };
    assert!(pos("/next-steps/") < pos("/notes-a/"));
    assert!(pos("/breath-2/") < pos("/series/movement-imbalances/"));
}

#[test]
fn posts_outside_a_series_are_chained_by_date() {
    let site = built_fixture();
    let by_date = ["notes-b", "notes-c", "notes-a"];
    for (n, slug) in by_date.iter().enumerate() {
        let doc = page(&site, slug);
        let prev = n.checked_sub(1).map(|p| format!("/{}/", by_date[p]));
        let next = by_date.get(n + 1).map(|s| format!("/{s}/"));
        assert_eq!(rel_link(&doc, "prev"), prev, "{slug}: rel=prev");
        assert_eq!(rel_link(&doc, "next"), next, "{slug}: rel=next");
        assert!(
            texts(&doc, ".series-box").is_empty(),
            "{slug} is in no series"
        );
    }
}

#[test]
fn series_page_exists_for_every_series() {
    let site = built_fixture();
    let doc = html(&site.read_output("series/breathing-basics/index.html"));
    assert_eq!(texts(&doc, "h1"), ["Breathing Basics"]);
    assert_eq!(hrefs(&doc, ".part-list a"), ["/breath-1/", "/breath-2/"]);
}

#[test]
fn a_weight_tie_with_equal_dates_falls_back_to_the_slug_not_the_file_name() {
    // `z.md` sorts after `a.md` by file name but its slug sorts first.
    let site = TestSite::with_files(&[
        (
            "posts/a.md",
            &common::post(
                "Second",
                "2024-01-01",
                "slug = \"bbb\"\nseries = \"S\"\n",
                "b",
            ),
        ),
        (
            "posts/z.md",
            &common::post(
                "First",
                "2024-01-01",
                "slug = \"aaa\"\nseries = \"S\"\n",
                "a",
            ),
        ),
    ]);
    site.build_ok(&[]);
    let doc = html(&site.read_output("series/s/index.html"));
    assert_eq!(hrefs(&doc, ".part-list a"), ["/aaa/", "/bbb/"]);
    assert_eq!(
        rel_link(&html(&site.read_output("aaa/index.html")), "next").as_deref(),
        Some("/bbb/")
    );
}

#[test]
fn a_negative_weight_goes_first() {
    let site = TestSite::with_files(&[
        (
            "posts/a.md",
            &common::post("Default", "2024-01-01", "series = \"S\"\n", "a"),
        ),
        (
            "posts/b.md",
            &common::post("Intro", "2024-06-01", "series = \"S\"\nweight = -1\n", "b"),
        ),
    ]);
    site.build_ok(&[]);
    let doc = html(&site.read_output("series/s/index.html"));
    assert_eq!(hrefs(&doc, ".part-list a"), ["/b/", "/a/"]);
}

/// A site with one series of `n` parts, `p1` … `pN`.
fn long_series(n: usize) -> TestSite {
    let site = TestSite::empty();
    for i in 1..=n {
        site.write(
            &format!("posts/p{i}.md"),
            &common::post(
                &format!("Part {i}"),
                "2024-01-01",
                &format!("series = \"Long\"\nweight = {i}\n"),
                "Text.",
            ),
        );
    }
    site.build_ok(&[]);
    site
}

#[test]
fn a_long_series_box_shows_the_parts_around_the_current_one_and_links_the_rest() {
    let site = long_series(40);
    let doc = page(&site, "p20");
    let shown: Vec<String> = texts(&doc, ".series-parts li:not(.series-gap)");
    assert_eq!(
        shown,
        [
            "Part 1", "Part 18", "Part 19", "Part 20", "Part 21", "Part 22", "Part 40"
        ]
    );
    assert_eq!(
        texts(&doc, ".series-parts .series-gap"),
        ["16 more parts", "17 more parts"]
    );
    assert_eq!(
        hrefs(&doc, ".series-parts .series-gap a"),
        ["/series/long/", "/series/long/"]
    );
    // The list keeps the real part numbers after each gap.
    let values: Vec<String> = {
        let sel = scraper::Selector::parse(".series-parts li[value]").unwrap();
        doc.select(&sel)
            .map(|e| e.value().attr("value").unwrap().to_string())
            .collect()
    };
    assert_eq!(values, ["18", "40"]);
    assert_eq!(
        texts(&doc, ".series-earlier a"),
        ["Part 1", "Part 2", "Part 3", "16 more"]
    );
    // The series pages still list every part, ten a page (the first also links part 1).
    let listed: usize = ["", "page/2/", "page/3/", "page/4/"]
        .iter()
        .map(|page| {
            let doc = html(&site.read_output(&format!("series/long/{page}index.html")));
            hrefs(&doc, ".part-list a[href^='/p']").len()
        })
        .sum();
    assert_eq!(listed, 40);
}

#[test]
fn a_part_page_does_not_grow_with_the_length_of_its_series() {
    let size = |n: usize| {
        let site = long_series(n);
        site.read_output("p10/index.html").len()
    };
    let (short, long) = (size(20), size(200));
    // Only the numbers in "N more parts" and "Part 10 of N" differ.
    assert!(
        long <= short + 16,
        "{short} bytes with 20 parts, {long} with 200"
    );
}
