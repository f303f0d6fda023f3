//! URL modes (`urls = "pretty" | "index" | "relative"`, `--urls`): in index mode every link into
//! the site names a file (`/blog/core/index.html`), for hosts without directory indexes; in
//! relative mode every link is also relative to its page, so the output works from `file://`.
//! Links are followed here as such a host or a browser on disk would: a folder is never a page.

use std::path::{Component, Path, PathBuf};

use crate::common::watch::{Watch, free_port};
use crate::common::{TestSite, assert_reports, html, post};

const BLOG: &str = "https://example.org/blog/";

/// The shipped site with a page, aliases (a path and a query) and a bundle image added.
fn site() -> TestSite {
    let site = TestSite::shipped();
    let core = std::fs::read_to_string(site.path("posts/core.md")).unwrap();
    let core = core.replacen(
        "+++\n",
        "+++\naliases = [\"/2024/04/core/\", \"/?p=17\"]\n",
        1,
    );
    site.write("posts/core.md", &core);
    site.write(
        "posts/trip/index.md",
        &post(
            "Trip",
            "2024-06-01",
            "",
            "![A hill](hill.png)\n\nBack to [the core](@/core.md#bracing) and [home](/blog/).",
        ),
    );
    site.write_image("posts/trip/hill.png");
    site
}

/// Every URL in a page's `href`, `src` and `srcset` attributes and its meta refresh.
fn urls(page: &str) -> Vec<String> {
    let doc = html(page);
    let sel =
        scraper::Selector::parse("[href], [src], [srcset], meta[http-equiv=refresh]").unwrap();
    let mut out = Vec::new();
    for e in doc.select(&sel) {
        let v = e.value();
        out.extend(v.attr("href").map(str::to_string));
        out.extend(v.attr("src").map(str::to_string));
        if let Some(set) = v.attr("srcset") {
            out.extend(
                set.split(',')
                    .filter_map(|c| c.split_whitespace().next())
                    .map(str::to_string),
            );
        }
        if let Some(c) = v.attr("content") {
            out.extend(c.split_once("url=").map(|(_, u)| u.to_string()));
        }
    }
    out
}

/// The file a link of output page `page` leads to, as a host without directory indexes (or a
/// browser on disk) finds it: `None` for links out of the site. A folder is not a file.
fn target(out: &Path, page: &str, url: &str, base_path: &str) -> Option<PathBuf> {
    let url = url.split(['#', '?']).next().unwrap();
    let rel = if let Some(rest) = url.strip_prefix("https://example.org") {
        rest.strip_prefix(base_path)?.to_string()
    } else if url.contains(':') || url.starts_with("//") {
        return None;
    } else if let Some(rest) = url.strip_prefix(base_path) {
        rest.to_string()
    } else if url.starts_with('/') {
        return Some(out.join("outside-the-site"));
    } else {
        let dir = Path::new(page).parent().unwrap_or(Path::new(""));
        dir.join(url).to_string_lossy().into_owned()
    };
    if url.is_empty() {
        return None;
    }
    let mut path = out.to_path_buf();
    for c in Path::new(&rel).components() {
        match c {
            Component::ParentDir => {
                path.pop();
            }
            Component::Normal(s) => path.push(s),
            _ => {}
        }
    }
    if rel.ends_with('/') || rel.is_empty() {
        path.push(""); // a folder: never a file
    }
    Some(path)
}

/// Links of every HTML page under `dir` that lead to no file (folders count as missing).
fn unreachable(site: &TestSite, dir: &str, base_path: &str) -> Vec<String> {
    let out = site.path(dir);
    let mut broken = Vec::new();
    for (page, bytes) in site.snapshot(dir) {
        if !page.ends_with(".html") {
            continue;
        }
        for url in urls(&String::from_utf8_lossy(&bytes)) {
            if let Some(file) = target(&out, &page, &url, base_path)
                && !(file.is_file() && file.starts_with(&out))
            {
                broken.push(format!("{page}: {url}"));
            }
        }
    }
    broken
}

#[test]
fn pretty_urls_stay_the_default_and_need_a_directory_index() {
    let site = site();
    site.build_ok(&["--base-url", BLOG]);
    let broken = unreachable(&site, "public", "/blog/");
    assert!(
        broken.iter().any(|b| b.ends_with(": /blog/core/")),
        "pretty links name folders: {broken:?}"
    );
}

#[test]
fn index_mode_links_every_page_by_its_index_file() {
    let site = site();
    site.build_ok(&["--base-url", BLOG, "--urls", "index"]);
    let broken = unreachable(&site, "public", "/blog/");
    assert!(broken.is_empty(), "{broken:#?}");
    let core = site.read_output("core/index.html");
    assert!(
        core.contains(r#"<link rel="canonical" href="https://example.org/blog/core/index.html">"#)
    );
    assert!(
        core.contains(r#"content="https://example.org/blog/core/index.html""#),
        "og:url"
    );
    assert!(
        core.contains(r#""mainEntityOfPage":"https://example.org/blog/core/index.html""#)
            && core.contains(r#""item":"https://example.org/blog/index.html""#),
        "JSON-LD: {core}"
    );
    assert!(
        !core.contains("\"https://example.org/blog/core/\""),
        "no pretty URL in JSON-LD"
    );
    let trip = site.read_output("trip/index.html");
    assert!(
        trip.contains(r#"href="/blog/core/index.html#bracing""#),
        "{trip}"
    );
    assert!(
        trip.contains(r#"href="/blog/index.html""#),
        "a root-relative link written in Markdown"
    );
    // Absolute URLs outside pages: sitemap, feeds, redirects.
    let sitemap = site.read_output("sitemap.xml");
    assert!(
        sitemap.contains("<loc>https://example.org/blog/core/index.html</loc>"),
        "{sitemap}"
    );
    assert!(!sitemap.contains("/</loc>"), "{sitemap}");
    let feed = site.read_output("atom.xml");
    assert!(feed.contains(r#"href="https://example.org/blog/core/index.html""#));
    assert!(
        feed.contains("<id>https://example.org/blog/2024/04/core/</id>"),
        "entry ids do not change with the URL mode: {feed}"
    );
    let redirects = site.read_output("_redirects");
    assert!(
        redirects.contains("/blog/2024/04/core/ /blog/core/index.html 301"),
        "{redirects}"
    );
    let alias = site.read_output("2024/04/core/index.html");
    assert!(alias.contains("0; url=/blog/core/index.html"), "{alias}");
    assert!(
        site.read_output("index.html")
            .contains(r#""17":"/blog/core/index.html""#)
    );
    assert!(
        site.read_output("manifest.webmanifest")
            .contains(r#""start_url": "./index.html""#)
    );
}

#[test]
fn relative_mode_works_from_disk_at_any_path() {
    let site = site();
    site.build_ok(&["--base-url", BLOG, "--urls", "relative"]);
    // Followed from disk: the base path is nowhere in the links.
    let broken = unreachable(&site, "public", "/not-the-base/");
    let broken: Vec<_> = broken
        .iter()
        .filter(|b| !b.starts_with("404.html"))
        .collect();
    assert!(broken.is_empty(), "{broken:#?}");
    let core = site.read_output("core/index.html");
    assert!(core.contains(r#"<link rel="stylesheet" href="../style.css">"#));
    assert!(
        core.contains(r#"<link rel="canonical" href="https://example.org/blog/core/index.html">"#),
        "canonical stays absolute"
    );
    assert!(
        !core.contains(r#"rel="manifest""#),
        "file:// refuses a manifest"
    );
    let program = site.read_output("series/movement-imbalances/program/index.html");
    assert!(program.contains(r#"href="../../../style.css""#));
    let trip = site.read_output("trip/index.html");
    assert!(
        trip.contains(r#"href="../core/index.html#bracing""#),
        "{trip}"
    );
    assert!(
        trip.contains(r#"src="hill.png" srcset="hill.png 8w""#),
        "{trip}"
    );
    let alias = site.read_output("2024/04/core/index.html");
    assert!(alias.contains("0; url=../../../core/index.html"), "{alias}");
    assert!(
        site.read_output("index.html")
            .contains(r#""17":"core/index.html""#)
    );
    // The 404 page is shown at any missing address: its links stay root-relative.
    let not_found = site.read_output("404.html");
    assert!(
        not_found.contains(r#"href="/blog/style.css""#)
            && not_found.contains(r#"href="/blog/index.html""#),
        "{not_found}"
    );
    // Feeds and the sitemap stay absolute.
    assert!(
        site.read_output("sitemap.xml")
            .contains("<loc>https://example.org/blog/core/index.html</loc>")
    );
}

#[test]
fn every_mode_passes_sitegen_check() {
    let site = site();
    for mode in ["index", "relative"] {
        let (code, out) = site.run("check", &["--base-url", BLOG, "--urls", mode]);
        assert_eq!(code, Some(0), "{mode}: {out}");
        assert!(out.contains(" 0 broken"), "{mode}: {out}");
    }
}

#[test]
fn the_mode_is_a_setting_and_a_flag() {
    let site = TestSite::with_files(&[
        ("sitegen.toml", "urls = \"relative\"\n"),
        ("posts/a.md", &post("A", "2024-01-01", "", "[b](@/b.md)")),
        ("posts/b.md", &post("B", "2024-01-02", "", "Hi.")),
    ]);
    site.build_ok(&[]);
    assert!(
        site.read_output("a/index.html")
            .contains(r#"href="../b/index.html""#)
    );
    site.build_ok(&["--urls", "pretty"]);
    assert!(site.read_output("a/index.html").contains(r#"href="/b/""#));
    site.write("sitegen.toml", "urls = \"ugly\"\n");
    let err = site.build_err(&[]);
    assert_reports(&err, "sitegen.toml:1:");
    assert!(err.contains("pretty") && err.contains("relative"), "{err}");
}

#[test]
fn the_preview_server_has_no_directory_index_in_index_mode() {
    let site = TestSite::with_files(&[
        ("sitegen.toml", "urls = \"index\"\n"),
        ("posts/a.md", &post("A", "2024-01-01", "", "Hi.")),
    ]);
    let port = free_port().to_string();
    let w = Watch::start_with(&site, &["--port", &port]);
    assert!(w.startup.contains("/index.html"), "{}", w.startup);
    let (status, page) = w.get("/a/");
    assert_eq!(status, 404, "a folder is not a page, as on the host");
    assert!(page.contains("Page not found"), "the site's 404 page");
    let (status, _) = w.get("/a/index.html");
    assert_eq!(status, 200);
    let (status, home) = w.get("/index.html");
    assert_eq!(status, 200);
    assert!(home.contains(r#"href="/a/index.html""#), "{home}");
}
