//! Lists that grow with the blog: the home page, tag pages and series pages split into pages of
//! `paginate` entries (page 1 at the list's own URL, the others at `page/N/`, linked with
//! `rel="prev/next"`), and the archive of posts by year.

use std::collections::BTreeSet;

use crate::common::{self, TestSite, attrs, hrefs, html, post, texts};

/// A site of `n` posts outside any series, one a day from 2023-12-20 (so they span two years),
/// all tagged `hips`, with `settings` as its sitegen.toml.
fn site_of(n: usize, settings: &str) -> TestSite {
    let site = TestSite::with_files(&[("sitegen.toml", settings)]);
    for i in 0..n {
        let date = day(i);
        site.write(
            &format!("posts/p{i:02}.md"),
            &post(
                &format!("Post {i:02}"),
                &date,
                "tags = [\"hips\"]\n",
                "Some words.",
            ),
        );
    }
    site
}

/// The date of post `i` of [`site_of`].
fn day(i: usize) -> String {
    if i < 12 {
        format!("2023-12-{:02}", 20 + i.min(11))
    } else {
        format!("2024-01-{:02}", i - 11)
    }
}

/// The titles a list page links in its `selector`, in order.
fn listed(site: &TestSite, page: &str, selector: &str) -> Vec<String> {
    texts(&html(&site.read_output(page)), selector)
}

/// The titles listed on each of `pages`, in order.
fn listed_across(site: &TestSite, pages: &[String], selector: &str) -> Vec<String> {
    pages
        .iter()
        .flat_map(|p| listed(site, p, selector))
        .collect()
}

/// The titles of the first `n` posts of [`site_of`], newest first.
fn newest_first(n: usize) -> Vec<String> {
    (0..n).rev().map(|i| format!("Post {i:02}")).collect()
}

/// Every page of the list starting at `first` (its own URL's file), following `rel="next"`
/// in each page's head; returns the output files in order.
fn follow_next(site: &TestSite, first: &str) -> Vec<String> {
    let mut pages = vec![first.to_string()];
    loop {
        let doc = html(&site.read_output(pages.last().unwrap()));
        let next = attrs(&doc, "head link[rel=next]", "href");
        let Some(url) = next.first() else { break };
        let file = format!("{}index.html", url.trim_start_matches('/'));
        assert!(!pages.contains(&file), "rel=next loops back to {file}");
        pages.push(file);
    }
    pages
}

#[test]
fn the_home_page_lists_every_post_once_across_its_pages_newest_first() {
    let site = site_of(23, "title = \"Long\"\npaginate = 10\n");
    site.build_ok(&[]);
    let pages = follow_next(&site, "index.html");
    assert_eq!(
        pages,
        ["index.html", "page/2/index.html", "page/3/index.html"]
    );
    assert_eq!(
        listed_across(&site, &pages, ".post-list h3 a"),
        newest_first(23),
        "every post once, newest first, ten a page"
    );
    assert!(!site.path("public/page/4").exists());
    assert!(
        !site.path("public/page/1").exists(),
        "page 1 lives at the list's own URL"
    );
    // Each page names its place: its own title, the previous page in its head, the numbers.
    let last = html(&site.read_output("page/3/index.html"));
    assert_eq!(texts(&last, "title"), ["Long – Page 3 of 3"]);
    assert_eq!(attrs(&last, "head link[rel=prev]", "href"), ["/page/2/"]);
    assert_eq!(
        hrefs(&last, ".pager-pages a"),
        ["/", "/page/2/", "/page/3/"]
    );
    assert_eq!(
        attrs(&last, ".pager [aria-current=page]", "href"),
        ["/page/3/"]
    );
    let first = html(&site.read_output("index.html"));
    assert!(attrs(&first, "head link[rel=prev]", "href").is_empty());
    assert_eq!(texts(&first, "title"), ["Long"]);
}

#[test]
fn paginate_zero_keeps_every_list_on_one_page() {
    let site = site_of(23, "paginate = 0\n");
    site.build_ok(&[]);
    assert_eq!(listed(&site, "index.html", ".post-list h3 a").len(), 23);
    assert_eq!(
        listed(&site, "tags/hips/index.html", ".post-list h2 a").len(),
        23
    );
    assert!(!site.path("public/page").exists());
    assert!(!site.read_output("index.html").contains("class=\"pager\""));
}

#[test]
fn the_default_is_ten_entries_a_page() {
    let site = site_of(11, "");
    site.build_ok(&[]);
    assert_eq!(listed(&site, "index.html", ".post-list h3 a").len(), 10);
    assert_eq!(
        listed(&site, "page/2/index.html", ".post-list h3 a"),
        ["Post 00"]
    );
}

#[test]
fn a_tag_page_splits_its_posts_and_links_its_pages() {
    let site = site_of(7, "paginate = 3\n");
    site.build_ok(&[]);
    let pages = follow_next(&site, "tags/hips/index.html");
    assert_eq!(
        pages,
        [
            "tags/hips/index.html",
            "tags/hips/page/2/index.html",
            "tags/hips/page/3/index.html"
        ]
    );
    assert_eq!(
        listed_across(&site, &pages, ".post-list h2 a"),
        newest_first(7)
    );
    let second = html(&site.read_output("tags/hips/page/2/index.html"));
    assert_eq!(
        attrs(&second, "link[rel=canonical]", "href").len(),
        0,
        "no host, no canonical"
    );
    assert_eq!(attrs(&second, ".pager-prev", "href"), ["/tags/hips/"]);
    assert_eq!(
        attrs(&second, ".pager-next", "href"),
        ["/tags/hips/page/3/"]
    );
}

#[test]
fn a_long_series_page_counts_its_parts_on_from_page_to_page() {
    let site = TestSite::with_files(&[("sitegen.toml", "paginate = 4\n")]);
    for i in 1..=9 {
        let front = format!("series = \"Long Road\"\nweight = {i}\n");
        site.write(
            &format!("posts/part-{i}.md"),
            &post(
                &format!("Part {i}"),
                &format!("2024-02-{i:02}"),
                &front,
                "Text.",
            ),
        );
    }
    site.build_ok(&[]);
    let pages = follow_next(&site, "series/long-road/index.html");
    assert_eq!(pages.len(), 3);
    let doc = html(&site.read_output("series/long-road/page/2/index.html"));
    assert_eq!(
        texts(&doc, ".part-list h2 a"),
        ["Part 5", "Part 6", "Part 7", "Part 8"]
    );
    assert_eq!(
        attrs(&doc, "ol.part-list", "start"),
        ["5"],
        "numbers go on from page 1"
    );
    assert_eq!(texts(&doc, ".pager-prev"), ["← Earlier parts"]);
    // The home page counts a series as one entry and shows its first parts.
    let home = html(&site.read_output("index.html"));
    assert_eq!(texts(&home, ".series-section .part-list h3 a").len(), 9);
    assert!(!site.path("public/page/2").exists());
}

#[test]
fn the_archive_lists_every_post_once_under_its_year() {
    let site = site_of(23, "");
    site.write(
        "pages/about.md",
        "+++\ntitle = \"About\"\n+++\nAn undated page.\n",
    );
    site.build_ok(&[]);
    let archive = html(&site.read_output("archive/index.html"));
    assert_eq!(
        hrefs(&archive, ".archive-years a"),
        ["/archive/2024/", "/archive/2023/"]
    );
    assert_eq!(
        texts(&archive, ".archive-years .item-meta"),
        ["11 posts", "12 posts"]
    );
    let mut seen = BTreeSet::new();
    for (year, count) in [(2024, 11), (2023, 12)] {
        let doc = html(&site.read_output(&format!("archive/{year}/index.html")));
        let titles = texts(&doc, ".archive-list a");
        assert_eq!(titles.len(), count, "{year}");
        let dates = attrs(&doc, ".archive-list time", "datetime");
        assert!(
            dates.iter().all(|d| d.starts_with(&year.to_string())),
            "{dates:?}"
        );
        assert!(
            dates.windows(2).all(|w| w[0] >= w[1]),
            "newest first: {dates:?}"
        );
        seen.extend(titles);
    }
    let all: BTreeSet<String> = (0..23).map(|i| format!("Post {i:02}")).collect();
    assert_eq!(seen, all, "every post once; the undated page is not listed");
    // Every page links the archive at its foot; the sitemap lists its pages.
    assert!(
        site.read_output("p00/index.html")
            .contains("href=\"/archive/\">Archive</a>")
    );
    let sitemap = site.read_output("sitemap.xml");
    assert!(sitemap.contains("/archive/2023/</loc>"), "{sitemap}");
}

#[test]
fn a_warm_build_moves_posts_between_pages_as_a_clean_build_does() {
    let site = site_of(11, "paginate = 5\n");
    site.build_ok(&[]);
    assert!(site.path("public/page/3/index.html").exists());
    // One post fewer: the third page goes, and every post moves up one place.
    std::fs::remove_file(site.path("posts/p10.md")).unwrap();
    site.build_ok(&[]);
    assert!(!site.path("public/page/3").exists());
    common::session::assert_same_as_clean_build(&site, "after deleting the newest post");
    // A new year in the archive, and fewer entries a page.
    site.write("posts/new.md", &post("New", "2025-03-01", "", "Words."));
    site.write("sitegen.toml", "paginate = 4\n");
    site.build_ok(&[]);
    assert!(site.path("public/archive/2025/index.html").exists());
    common::session::assert_same_as_clean_build(&site, "after a new post and a new page size");
}

#[test]
fn an_alias_at_a_later_page_of_the_home_page_is_a_clash() {
    let site = site_of(11, "paginate = 5\n");
    site.write(
        "posts/p03.md",
        &post("Post 03", &day(3), "aliases = [\"/page/2/\"]\n", "Words."),
    );
    let err = site.build_err(&[]);
    assert!(
        err.contains("posts/p03.md:") && err.contains("page/2/index.html"),
        "{err}"
    );
}
