//! Search (issue 10, part 5): `build` writes a Pagefind index of the content of posts, pages and
//! exercises into `pagefind/`, with a search page and a search box in the header that work under
//! a subfolder too; `watch` refreshes the index after the reload. The index is read here as
//! Pagefind's script reads it (gzip, then the `pagefind_dcd` signature, then JSON); searching in
//! a real browser is `scripts/e2e-reader.js`.

use std::collections::BTreeMap;
use std::fs;
use std::io::Read;

use crate::common::watch::{Watch, wait_until};
use crate::common::{Session, TestSite, attrs, describe_all, html, session_overrides};
use sitegen::Config;

/// The index's pages under `out/`, in every shard: URL -> fragment (`url`, `content`,
/// `filters`, `meta`, …).
fn fragments(site: &TestSite, out: &str) -> BTreeMap<String, serde_json::Value> {
    sharded_fragments(site, out)
        .into_iter()
        .map(|(url, (_, fragment))| (url, fragment))
        .collect()
}

/// The index's pages under `out/`: URL -> (the shard's folder under `pagefind/`, its fragment).
/// A page in two shards fails the test.
fn sharded_fragments(site: &TestSite, out: &str) -> BTreeMap<String, (String, serde_json::Value)> {
    let root = site.path(out).join("pagefind");
    let mut pages = BTreeMap::new();
    for shard in std::iter::once(String::new()).chain(shard_folders(site, out)) {
        for (url, fragment) in shard_fragments(&root.join(&shard).join("fragment")) {
            let twice = pages.insert(url.clone(), (shard.clone(), fragment));
            assert!(twice.is_none(), "{url} is in two shards");
        }
    }
    pages
}

/// The folders of the shards past the first, as `pagefind/shards.js` names them.
fn shard_folders(site: &TestSite, out: &str) -> Vec<String> {
    let list = fs::read_to_string(site.path(out).join("pagefind/shards.js")).unwrap();
    let names = list.split_once('[').unwrap().1.split_once(']').unwrap().0;
    names
        .split(',')
        .map(|n| n.trim().trim_matches('"').trim_end_matches('/').to_string())
        .filter(|n| !n.is_empty())
        .collect()
}

fn shard_fragments(dir: &std::path::Path) -> BTreeMap<String, serde_json::Value> {
    let mut pages = BTreeMap::new();
    for entry in fs::read_dir(dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display())) {
        let bytes = fs::read(entry.unwrap().path()).unwrap();
        let mut text = String::new();
        flate2::read::GzDecoder::new(&bytes[..])
            .read_to_string(&mut text)
            .unwrap();
        let json = text
            .strip_prefix("pagefind_dcd")
            .expect("Pagefind's signature");
        let fragment: serde_json::Value = serde_json::from_str(json).unwrap();
        pages.insert(fragment["url"].as_str().unwrap().to_string(), fragment);
    }
    pages
}

fn entry(site: &TestSite, out: &str) -> serde_json::Value {
    let text = fs::read_to_string(site.path(out).join("pagefind/pagefind-entry.json")).unwrap();
    serde_json::from_str(&text).unwrap()
}

/// Every file of `out/pagefind/` with its bytes.
fn index_files(site: &TestSite, out: &str) -> Vec<(String, Vec<u8>)> {
    site.snapshot(&format!("{out}/pagefind"))
}

fn content(fragments: &BTreeMap<String, serde_json::Value>, url: &str) -> String {
    let f = fragments
        .get(url)
        .unwrap_or_else(|| panic!("{url} is not indexed: {:?}", fragments.keys()));
    f["content"].as_str().unwrap().to_string()
}

#[test]
fn build_writes_the_index_the_search_page_and_the_header_box() {
    let site = TestSite::shipped();
    site.build_ok(&[]);
    // 4 posts, the About page and 24 exercises.
    assert_eq!(entry(&site, "public")["languages"]["en"]["page_count"], 29);
    for file in [
        "pagefind.js",
        "pagefind-ui.js",
        "pagefind-ui.css",
        "wasm.en.pagefind",
    ] {
        assert!(
            site.path("public/pagefind").join(file).is_file(),
            "pagefind/{file} missing"
        );
    }
    assert!(
        !site
            .path("public/pagefind/pagefind-component-ui.js")
            .exists(),
        "the UIs the theme does not use are left out"
    );
    let search = html(&site.read_output("search/index.html"));
    assert_eq!(
        attrs(&search, "script[src]", "src"),
        ["/pagefind/pagefind-ui.js", "/pagefind/shards.js"]
    );
    assert!(
        site.read_output("pagefind/shards.js")
            .contains("sitegenSearchShards = [];"),
        "a site of 29 searchable pages has one shard"
    );
    let page = site.read_output("search/index.html");
    assert!(
        page.contains("showEmptyFilters: false"),
        "no filter value without results (\"Page (0)\") is offered"
    );
    assert!(
        page.contains("classList.contains(\"pagefind-ui__search-input\")"),
        "the query follows Pagefind's own input (type=text) into the address"
    );
    let css = site.read_output("style.css");
    assert!(
        css.contains(".search mark {"),
        "found words marked in the theme's colours"
    );
    assert_eq!(attrs(&search, "#search", "data-bundle"), ["/pagefind/"]);
    assert!(
        attrs(&search, "header form[role=search]", "action").is_empty(),
        "the search page has its own box, not the header's"
    );
    let post = html(&site.read_output("core/index.html"));
    assert_eq!(
        attrs(&post, "header form[role=search]", "action"),
        ["/search/"]
    );
    assert_eq!(
        attrs(&post, "header form[role=search] input[type=search]", "name"),
        ["q"]
    );
}

#[test]
fn only_the_content_of_posts_pages_and_exercises_is_indexed() {
    let site = TestSite::shipped();
    site.build_ok(&[]);
    let pages = fragments(&site, "public");
    let urls: Vec<&str> = pages.keys().map(String::as_str).collect();
    for url in [
        "/core/",
        "/low-back-pain/",
        "/about/",
        "/exercises/glute-bridge/",
    ] {
        assert!(urls.contains(&url), "{url} not indexed: {urls:?}");
    }
    for url in &urls {
        assert!(
            !url.contains("/routine/")
                && !url.starts_with("/tags/")
                && !url.starts_with("/series/")
                && *url != "/"
                && *url != "/exercises/"
                && *url != "/search/",
            "a listing or a copy of other pages is indexed: {url}"
        );
    }
    let core = content(&pages, "/core/");
    assert!(core.starts_with("Core."), "the title first: {core:.80}");
    assert!(
        core.contains("Glute Bridge"),
        "the exercise cards are content"
    );
    for navigation in [
        "Skip to content",
        "Subscribe",
        "Part 3 of 4",
        "Read first",
        "Written by",
        "How to do it",
        "Also in",
        "Exercises in this post",
        "min read",
        "Previous",
    ] {
        assert!(
            !core.contains(navigation),
            "navigation `{navigation}` is indexed: {core}"
        );
    }
    let bridge = content(&pages, "/exercises/glute-bridge/");
    assert!(
        !bridge.contains("Used in"),
        "an exercise's list of posts is navigation: {bridge}"
    );
}

#[test]
fn exercises_are_marked_as_such() {
    let site = TestSite::shipped();
    site.build_ok(&[]);
    let pages = fragments(&site, "public");
    let kind = |url: &str| pages[url]["filters"]["type"].clone();
    assert_eq!(
        kind("/exercises/glute-bridge/"),
        serde_json::json!(["Exercise"])
    );
    assert_eq!(kind("/core/"), serde_json::json!(["Post"]));
    assert_eq!(kind("/about/"), serde_json::json!(["Page"]));
    assert_eq!(
        pages["/exercises/glute-bridge/"]["meta"]["kind"],
        "Exercise"
    );
    assert_eq!(
        pages["/exercises/glute-bridge/"]["meta"]["title"],
        "Glute Bridge"
    );
    assert!(pages["/core/"]["meta"].get("kind").is_none());
}

#[test]
fn the_search_page_and_box_work_under_a_subfolder() {
    let site = TestSite::shipped();
    site.build_ok(&["--base-url", "https://example.org/blog/"]);
    let search = html(&site.read_output("search/index.html"));
    assert_eq!(
        attrs(&search, "script[src]", "src"),
        ["/blog/pagefind/pagefind-ui.js", "/blog/pagefind/shards.js"]
    );
    assert_eq!(
        attrs(&search, "link[rel=stylesheet]", "href"),
        ["/blog/pagefind/pagefind-ui.css", "/blog/style.css"],
        "Pagefind's styles first, the theme's on top"
    );
    assert_eq!(
        attrs(&search, "#search", "data-bundle"),
        ["/blog/pagefind/"]
    );
    let home = html(&site.read_output("index.html"));
    assert_eq!(
        attrs(&home, "header form[role=search]", "action"),
        ["/blog/search/"]
    );
    // Pagefind's script puts the folder it was loaded from (`/blog/`) before these.
    let pages = fragments(&site, "public");
    assert!(pages.contains_key("/core/"), "{:?}", pages.keys());
    assert!(!pages.keys().any(|u| u.starts_with("/blog/")));
}

#[test]
fn two_builds_write_byte_identical_indexes() {
    let site = TestSite::shipped();
    site.build_ok(&["--output", "one"]);
    site.build_ok(&["--output", "two"]);
    let (one, two) = (index_files(&site, "one"), index_files(&site, "two"));
    assert!(one.len() > 30, "{} files", one.len());
    assert!(one == two, "the two indexes differ");
}

#[test]
fn a_failed_build_leaves_the_previous_index_intact() {
    let site = TestSite::shipped();
    site.build_ok(&[]);
    let before = index_files(&site, "public");
    let core = fs::read_to_string(site.path("posts/core.md")).unwrap();
    site.fails_keeping_output(&[(
        "posts/core.md",
        &format!("{core}\nA new word, zebracorn, and {{{{ exercise(id=\"no-such\") }}}}\n"),
    )]);
    assert!(index_files(&site, "public") == before);
}

#[test]
fn a_rebuild_recycling_the_spare_leaves_no_stale_index_file() {
    let site = TestSite::shipped();
    site.build_ok(&[]);
    let core = fs::read_to_string(site.path("posts/core.md")).unwrap();
    let without_bridge = core.replace("\"glute-bridge\"", "\"dead-bug\"");
    site.write(
        "posts/core.md",
        &format!("{without_bridge}\nA new word: zebracorn.\n"),
    );
    fs::remove_file(site.path("posts/exercises/glute-bridge.md")).unwrap();
    for name in ["joint-by-joint", "low-back-pain"] {
        let path = format!("posts/{name}.md");
        let text = fs::read_to_string(site.path(&path)).unwrap();
        site.write(&path, &text.replace("\"glute-bridge\"", "\"dead-bug\""));
    }
    // Twice: the second build recycles the first build's tree, the third the second's.
    for _ in 0..2 {
        site.build_ok(&[]);
        let _ = fs::remove_dir_all(site.path("clean"));
        site.build_ok(&["--output", "clean"]);
        let (live, clean) = (index_files(&site, "public"), index_files(&site, "clean"));
        let names = |s: &[(String, Vec<u8>)]| s.iter().map(|f| f.0.clone()).collect::<Vec<_>>();
        assert_eq!(names(&live), names(&clean));
        assert!(live == clean, "the recycled index differs from a clean one");
    }
    let pages = fragments(&site, "public");
    assert!(content(&pages, "/core/").contains("zebracorn"));
    assert!(!pages.contains_key("/exercises/glute-bridge/"));
}

#[test]
fn a_path_inside_the_index_folder_is_an_error() {
    let site = TestSite::shipped();
    site.write("static/pagefind/mine.js", "// mine\n");
    let err = site.build_err(&[]);
    assert!(
        err.contains("static/pagefind/mine.js") && err.contains("the search index's folder"),
        "{err}"
    );
    let site = TestSite::shipped();
    site.write(
        "posts/search.md",
        "+++\ntitle = \"Search tips\"\ndate = 2024-01-01\n+++\nHow to search.\n",
    );
    let err = site.build_err(&[]);
    assert!(
        err.contains("posts/search.md") && err.contains("search/index.html"),
        "{err}"
    );
}

#[test]
fn templates_that_mark_no_content_get_a_warning() {
    let site = TestSite::with_files(&[
        (
            "posts/hello.md",
            "+++\ntitle = \"Hello\"\ndate = 2024-01-01\n+++\nHello.\n",
        ),
        (
            "templates/post.html",
            "{% extends \"base.html\" %}{% block content %}<article>{{ page.content | safe }}</article>{% endblock content %}",
        ),
    ]);
    let err = site.build_ok(&[]);
    assert!(err.contains("data-pagefind-body"), "{err}");
    assert_eq!(entry(&site, "public")["languages"], serde_json::json!({}));
}

#[test]
fn watch_refreshes_the_index_after_the_rebuild_and_then_equals_a_clean_build() {
    let site = TestSite::shipped();
    let (root, mut session) = watching(&site);
    assert!(session.refresh_search().unwrap().is_some());
    assert!(
        session.refresh_search().unwrap().is_none(),
        "nothing changed since"
    );
    let core = fs::read_to_string(site.path("posts/core.md")).unwrap();
    site.write(
        "posts/core.md",
        &format!("{core}\nA new word: zebracorn.\n"),
    );
    session.rebuild(&[root.join("posts/core.md")]).unwrap();
    assert!(
        !content(&fragments(&site, "public"), "/core/").contains("zebracorn"),
        "the rebuild itself does not wait for the index"
    );
    let refreshed = session.refresh_search().unwrap().expect("a refresh");
    assert_eq!(refreshed.pages, 29);
    assert!(content(&fragments(&site, "public"), "/core/").contains("zebracorn"));
    // A deleted page leaves the index with its fragment.
    fs::remove_file(site.path("pages/about.md")).unwrap();
    session.rebuild(&[root.join("pages/about.md")]).unwrap();
    session.refresh_search().unwrap().expect("a refresh");
    assert!(!fragments(&site, "public").contains_key("/about/"));
    assert_index_is_a_clean_builds(&site);
}

#[test]
fn the_watch_process_refreshes_the_index_after_reporting_the_rebuild() {
    let site = TestSite::shipped();
    let mut watch = Watch::start_with(&site, &["--no-serve"]);
    if !watch.startup.contains("search index: 29 pages indexed") {
        watch.expect_line(|l| l.starts_with("search index: 29 pages indexed"));
    }
    let core = fs::read_to_string(site.path("posts/core.md")).unwrap();
    site.save_atomically(
        "posts/core.md",
        &format!("{core}\nA new word: zebracorn.\n"),
    );
    let lines = watch.expect_line(|l| l.starts_with("search index: "));
    let rebuild = lines.find("posts/core.md: ").expect("the rebuild's line");
    let indexed = lines.find("search index: ").unwrap();
    assert!(rebuild < indexed, "the rebuild is reported first:\n{lines}");
    wait_until("the new word in the index", || {
        content(&fragments(&site, "public"), "/core/").contains("zebracorn")
    });
    watch.fence();
    watch.stop();
}

#[test]
fn search_false_leaves_out_the_index_the_search_page_and_the_header_box() {
    let site = TestSite::shipped();
    site.build_ok(&[]);
    assert!(site.path("public/pagefind").is_dir());
    let settings = fs::read_to_string(site.path("sitegen.toml")).unwrap();
    site.write("sitegen.toml", &format!("search = false\n{settings}"));
    let out = site.build_ok(&[]);
    assert!(!out.contains("data-pagefind-body"), "no warning: {out}");
    assert!(!site.path("public/pagefind").exists(), "the index is gone");
    assert!(
        !site.path("public/search").exists(),
        "the search page is gone"
    );
    let post = html(&site.read_output("core/index.html"));
    assert!(attrs(&post, "header form[role=search]", "action").is_empty());
    assert!(
        site.broken_links("public", "/").is_empty(),
        "nothing links to the missing search page"
    );
    // The name is free for a post of its own then.
    site.write(
        "posts/search.md",
        "+++\ntitle = \"Search tips\"\ndate = 2024-01-01\n+++\nHow to search.\n",
    );
    site.build_ok(&[]);
    assert!(
        site.read_output("search/index.html")
            .contains("Search tips")
    );
}

#[test]
fn a_site_without_exercises_or_tags_gets_a_search_page_without_links_to_them() {
    let site = TestSite::with_files(&[(
        "posts/hello.md",
        "+++\ntitle = \"Hello\"\ndate = 2024-01-01\n+++\nHello.\n",
    )]);
    site.build_ok(&[]);
    let search = site.read_output("search/index.html");
    assert!(!search.contains("exercises/"), "{search}");
    assert!(!search.contains("tags/"), "{search}");
    assert!(search.contains("The home page</a> lists every series and post"));
    assert_eq!(site.broken_links("public", "/"), Vec::<String>::new());
    // With exercises and tags, the page without JavaScript points at both.
    let site = TestSite::shipped();
    site.build_ok(&[]);
    let doc = html(&site.read_output("search/index.html"));
    let noscript = crate::common::texts(&doc, "noscript");
    assert!(
        noscript
            .iter()
            .any(|t| t.contains("exercises/") && t.contains("tags/")),
        "{noscript:?}"
    );
}

/// A watch session over `site` (writing `public/`) and the site's root, as the session sees it.
fn watching(site: &TestSite) -> (std::path::PathBuf, Session) {
    let root = site.root().canonicalize().unwrap();
    let (session, _) = Session::start(&root, session_overrides(site, "public")).unwrap();
    (root, session)
}

/// Builds the site clean into `clean/` and asserts that `public/`'s index has its bytes.
fn assert_index_is_a_clean_builds(site: &TestSite) {
    let root = site.root().canonicalize().unwrap();
    let config = Config::load(&root, session_overrides(site, "clean")).unwrap();
    if let Err(f) = sitegen::build(&config) {
        panic!("{}", describe_all(&f.diagnostics));
    }
    assert!(index_files(site, "public") == index_files(site, "clean"));
}

/// The shipped site with its index split in shards of about 4 pages: 29 pages, 8 shards.
fn sharded_site() -> TestSite {
    let site = TestSite::shipped();
    let settings = fs::read_to_string(site.path("sitegen.toml")).unwrap();
    site.write(
        "sitegen.toml",
        &format!("{settings}\nsearch_shard_pages = 4\n"),
    );
    site
}

#[test]
fn a_large_index_comes_in_shards_that_hold_every_page_once() {
    let site = sharded_site();
    let out = site.build_ok(&[]);
    assert!(out.contains("8 of 8 search index shards made"), "{out}");
    let folders = shard_folders(&site, "public");
    assert_eq!(
        folders,
        (1..8).map(|k| format!("shard-{k}")).collect::<Vec<_>>()
    );
    let pages = sharded_fragments(&site, "public");
    assert_eq!(pages.len(), 29, "{:?}", pages.keys());
    let mut count = entry(&site, "public")["languages"]["en"]["page_count"]
        .as_u64()
        .unwrap();
    for folder in &folders {
        let dir = site.path("public/pagefind").join(folder);
        let text = fs::read_to_string(dir.join("pagefind-entry.json")).unwrap();
        let entry: serde_json::Value = serde_json::from_str(&text).unwrap();
        count += entry["languages"]["en"]["page_count"].as_u64().unwrap();
        // A merged shard runs on the first one's scripts and WebAssembly.
        for shared in ["pagefind.js", "pagefind-ui.js", "wasm.en.pagefind"] {
            assert!(!dir.join(shared).exists(), "{folder}/{shared}");
        }
    }
    assert_eq!(count, 29);
    let used: std::collections::BTreeSet<&str> = pages.values().map(|(s, _)| s.as_str()).collect();
    assert!(used.len() >= 6, "pages spread over the shards: {used:?}");
}

#[test]
fn a_warm_build_makes_again_only_the_shard_of_the_changed_page() {
    let site = sharded_site();
    site.build_ok(&[]);
    // The second build recycles the first's tree as its spare; nothing changed, nothing indexed.
    let out = site.build_ok(&[]);
    assert!(!out.contains("search index"), "{out}");
    let before = index_files(&site, "public");
    let core = fs::read_to_string(site.path("posts/core.md")).unwrap();
    site.write(
        "posts/core.md",
        &format!("{core}\nA new word: zebracorn.\n"),
    );
    let out = site.build_ok(&[]);
    assert!(out.contains("1 of 8 search index shards made"), "{out}");
    let pages = sharded_fragments(&site, "public");
    let (shard, fragment) = &pages["/core/"];
    assert!(fragment["content"].as_str().unwrap().contains("zebracorn"));
    let after = index_files(&site, "public");
    let changed: Vec<&String> = after
        .iter()
        .filter(|f| !before.contains(f))
        .map(|(name, _)| name)
        .collect();
    assert!(!changed.is_empty());
    for name in changed {
        let in_shard = if shard.is_empty() {
            !name.starts_with("shard-")
        } else {
            name.starts_with(&format!("{shard}/"))
        };
        assert!(in_shard, "{name} changed, outside {shard:?}");
    }
    site.build_ok(&["--output", "clean"]);
    assert!(
        after == index_files(&site, "clean"),
        "the warm index differs from a clean one"
    );
}

#[test]
fn the_shards_follow_the_site_through_new_deleted_and_renamed_pages() {
    let site = sharded_site();
    site.build_ok(&[]);
    fs::remove_file(site.path("pages/about.md")).unwrap();
    site.write(
        "posts/extra.md",
        &crate::common::post("Extra", "2024-01-05", "", "An extra post about quokkas."),
    );
    let settings = fs::read_to_string(site.path("sitegen.toml")).unwrap();
    // 29 pages in shards of 3: 16 shards, every page placed again.
    site.write(
        "sitegen.toml",
        &settings.replace("search_shard_pages = 4", "search_shard_pages = 3"),
    );
    for _ in 0..2 {
        site.build_ok(&[]);
        let pages = sharded_fragments(&site, "public");
        assert!(!pages.contains_key("/about/"));
        assert!(content(&fragments(&site, "public"), "/extra/").contains("quokkas"));
        // 16 shards of about 2 pages: a few are empty, and have no folder.
        let folders = shard_folders(&site, "public").len();
        assert!((9..=15).contains(&folders), "{folders} shards");
        let _ = fs::remove_dir_all(site.path("clean"));
        site.build_ok(&["--output", "clean"]);
        assert!(index_files(&site, "public") == index_files(&site, "clean"));
    }
}

#[test]
fn watch_makes_again_only_the_changed_shard_and_then_equals_a_clean_build() {
    let site = sharded_site();
    let (root, mut session) = watching(&site);
    let first = session.refresh_search().unwrap().expect("the first index");
    assert_eq!((first.pages, first.shards), (29, (8, 8)));
    let core = fs::read_to_string(site.path("posts/core.md")).unwrap();
    site.write(
        "posts/core.md",
        &format!("{core}\nA new word: zebracorn.\n"),
    );
    session.rebuild(&[root.join("posts/core.md")]).unwrap();
    let refreshed = session.refresh_search().unwrap().expect("a refresh");
    assert_eq!(refreshed.shards, (1, 8));
    assert!(refreshed.pages < 29, "{} pages indexed", refreshed.pages);
    assert!(content(&fragments(&site, "public"), "/core/").contains("zebracorn"));
    fs::remove_file(site.path("pages/about.md")).unwrap();
    session.rebuild(&[root.join("pages/about.md")]).unwrap();
    session.refresh_search().unwrap().expect("a refresh");
    assert_index_is_a_clean_builds(&site);
}

#[test]
fn a_shard_size_of_zero_is_an_error_at_its_line() {
    let site = TestSite::shipped();
    let settings = fs::read_to_string(site.path("sitegen.toml")).unwrap();
    let line = settings.lines().count() + 1;
    site.write(
        "sitegen.toml",
        &format!("{settings}search_shard_pages = 0\n"),
    );
    let err = site.build_err(&[]);
    assert!(err.contains(&format!("sitegen.toml:{line}:")), "{err}");
}

#[test]
fn open_search_pages_are_told_when_the_refreshed_index_is_written() {
    let site = TestSite::shipped();
    let mut watch = Watch::start(&site);
    if !watch.startup.contains("search index: 29 pages indexed") {
        watch.expect_line(|l| l.starts_with("search index: 29 pages indexed"));
    }
    let (status, page) = watch.get("/search/");
    assert_eq!(status, 200);
    assert!(
        page.contains("search-index"),
        "the reload script listens for new indexes"
    );
    let mut events = watch.events();
    let core = fs::read_to_string(site.path("posts/core.md")).unwrap();
    site.save_atomically(
        "posts/core.md",
        &format!("{core}\nA new word: zebracorn.\n"),
    );
    // The page reloads first, then its search is told of the new index. (A refresh of the
    // startup's index that was still on its way on a busy machine may announce itself before
    // the reload: only what follows the reload counts.)
    events.wait_for("event: reload");
    events.wait_for("event: search-index");
    // By then the index on disk has the new word.
    assert!(content(&fragments(&site, "public"), "/core/").contains("zebracorn"));
    watch.fence();
    watch.stop();
}

#[test]
fn watch_makes_every_shard_again_when_search_is_turned_back_on() {
    let site = sharded_site();
    let (root, mut session) = watching(&site);
    session.refresh_search().unwrap().expect("the first index");
    let settings = fs::read_to_string(site.path("sitegen.toml")).unwrap();
    site.write("sitegen.toml", &format!("search = false\n{settings}"));
    session.rebuild(&[root.join("sitegen.toml")]).unwrap();
    assert!(!site.path("public/pagefind").exists());
    // Back on: the pages are the bytes they were, but the index is gone and must be made again.
    site.write("sitegen.toml", &settings);
    session.rebuild(&[root.join("sitegen.toml")]).unwrap();
    let refreshed = session.refresh_search().unwrap().expect("a refresh");
    assert_eq!(refreshed.shards, (8, 8));
    assert_index_is_a_clean_builds(&site);
}

#[test]
fn watch_makes_every_shard_again_after_the_output_folder_is_deleted() {
    let site = sharded_site();
    let (root, mut session) = watching(&site);
    session.refresh_search().unwrap().expect("the first index");
    fs::remove_dir_all(site.path("public")).unwrap();
    session.rebuild(&[root.join("public")]).unwrap();
    let refreshed = session.refresh_search().unwrap().expect("a refresh");
    assert_eq!(refreshed.shards, (8, 8), "the new tree has no index");
    assert_index_is_a_clean_builds(&site);
}

#[test]
fn watch_makes_again_a_shard_removed_from_the_output_by_hand() {
    let site = sharded_site();
    let (root, mut session) = watching(&site);
    session.refresh_search().unwrap().expect("the first index");
    let first = shard_folders(&site, "public")[0].clone();
    fs::remove_dir_all(site.path("public/pagefind").join(&first)).unwrap();
    let core = fs::read_to_string(site.path("posts/core.md")).unwrap();
    site.write(
        "posts/core.md",
        &format!("{core}\nA new word: zebracorn.\n"),
    );
    session.rebuild(&[root.join("posts/core.md")]).unwrap();
    session.refresh_search().unwrap().expect("a refresh");
    assert_index_is_a_clean_builds(&site);
}

/// `search/words.json`, as the search page's script reads it.
fn site_words(site: &TestSite) -> Vec<String> {
    serde_json::from_str(&site.read_output("search/words.json")).unwrap()
}

#[test]
fn the_search_page_gets_the_sites_own_words_to_correct_a_typo_against() {
    let site = TestSite::shipped();
    site.build_ok(&[]);
    let words = site_words(&site);
    for word in ["bridge", "glute", "foam", "thoracic", "mobility"] {
        assert!(words.iter().any(|w| w == word), "{word} missing");
    }
    assert!(words.windows(2).all(|w| w[0] < w[1]), "sorted, each once");
    assert!(
        words
            .iter()
            .all(|w| w.chars().count() >= 4 && w == &w.to_lowercase())
    );
    let page = html(&site.read_output("search/index.html"));
    assert_eq!(
        attrs(&page, "#search", "data-words"),
        ["/search/words.json"]
    );
    // A new word reaches the list on a warm build (the differential test compares warm builds
    // and watch rebuilds with clean ones, this file included).
    let post = site.path("posts/core.md");
    let text = fs::read_to_string(&post).unwrap();
    fs::write(&post, format!("{text}\nProprioception matters.\n")).unwrap();
    site.build_ok(&[]);
    assert!(site_words(&site).iter().any(|w| w == "proprioception"));
    // Without search, no list.
    site.write("sitegen.toml", "search = false\n");
    site.build_ok(&[]);
    assert!(!site.path("public/search").exists());
}

#[test]
fn an_exercise_is_indexed_by_its_own_words_not_its_labels() {
    let site = TestSite::shipped();
    site.build_ok(&[]);
    let pages = fragments(&site, "public");
    let bridge = &pages["/exercises/glute-bridge/"];
    let content = bridge["content"].as_str().unwrap();
    assert!(content.starts_with("Glute Bridge"), "{content}");
    for label in ["Joint:", "Goal:", "Cues.", "Equipment."] {
        assert!(
            !content.contains(label),
            "{label} in the excerpt's text: {content}"
        );
    }
}
