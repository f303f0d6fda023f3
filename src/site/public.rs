//! The published form of a site URL under the `urls` setting: folder URLs as they are (`/core/`,
//! "pretty"), naming the folder's `index.html` (`/core/index.html`, for hosts without directory
//! indexes), or also relative to the page that links (`../core/index.html`, for `file://`). The
//! index keeps pretty URLs (they are the site's identity: feed ids, `current_url`); this is
//! applied where URLs leave the build.

use std::borrow::Cow;

use crate::config::{Config, UrlMode};

/// The output file whose links stay root-relative in relative mode: a host shows it at any
/// missing address, where a relative link would lead nowhere.
const NOT_FOUND_PAGE: &str = "404.html";

/// `url` naming the `index.html` of the folder it ends in, outside pretty mode: `/core/#x` →
/// `/core/index.html#x`, `https://example.org/` → `https://example.org/index.html`; anything
/// else as it is. Only a path ending in `/` changes (`./` and `..` count as folders).
pub(crate) fn index_form(mode: UrlMode, url: &str) -> Cow<'_, str> {
    if mode == UrlMode::Pretty {
        return Cow::Borrowed(url);
    }
    let cut = url.find(['?', '#']).unwrap_or(url.len());
    let (path, tail) = url.split_at(cut);
    let after_scheme = path.find("://").map_or(0, |k| k + 3);
    let host_only = after_scheme > 0 && !path[after_scheme..].contains('/');
    if path.ends_with('/') {
        Cow::Owned(format!("{path}index.html{tail}"))
    } else if host_only
        || path == "."
        || path == ".."
        || path.ends_with("/.")
        || path.ends_with("/..")
    {
        Cow::Owned(format!("{path}/index.html{tail}"))
    } else {
        Cow::Borrowed(url)
    }
}

/// A URL of the site outside any page (a permalink, a sitemap or feed link, a redirect
/// target): the folder's `index.html` named outside pretty mode, never made relative.
pub(crate) fn published(config: &Config, url: &str) -> String {
    link(config, url, None).into_owned()
}

/// How page `page` (its output path, `core/index.html`; `None` outside a page) writes a link to
/// `url` (as written: root-relative, relative, absolute or a fragment). Pretty mode changes
/// nothing; index mode names folders' `index.html` in links into the site; relative mode also
/// makes the root-relative ones relative to the page (except on the 404 page). External links,
/// fragments, and other schemes are left alone.
pub(crate) fn link<'u>(config: &Config, url: &'u str, page: Option<&str>) -> Cow<'u, str> {
    if config.urls == UrlMode::Pretty || url.is_empty() || url.starts_with(['#', '?']) {
        return Cow::Borrowed(url);
    }
    if url.starts_with("//") || has_scheme(url) {
        return match config.origin() {
            Some(origin) if own(url, origin, &config.base_path) => index_form(config.urls, url),
            _ => Cow::Borrowed(url),
        };
    }
    if !url.starts_with('/') {
        return index_form(config.urls, url);
    }
    if !url.starts_with(&config.base_path) {
        // Somewhere else on the host, outside the site.
        return Cow::Borrowed(url);
    }
    let indexed = index_form(config.urls, url);
    match page {
        Some(page) if config.urls == UrlMode::Relative && page != NOT_FOUND_PAGE => {
            Cow::Owned(relative(page, &indexed[config.base_path.len()..]))
        }
        _ => indexed,
    }
}

/// Whether `url` is under the site's own base URL.
fn own(url: &str, origin: &str, base_path: &str) -> bool {
    url.strip_prefix(origin)
        .is_some_and(|rest| rest.starts_with(base_path))
}

/// Whether `url` starts with a URL scheme (`https:`, `mailto:`, `data:`).
fn has_scheme(url: &str) -> bool {
    url.split_once(':').is_some_and(|(scheme, _)| {
        scheme.starts_with(|c: char| c.is_ascii_alphabetic())
            && scheme
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
    })
}

/// `target` (a path under the base, `series/x/index.html#y`) as seen from the output file
/// `page`: `../series/x/index.html#y` from `core/index.html`.
fn relative(page: &str, target: &str) -> String {
    let cut = target.find(['?', '#']).unwrap_or(target.len());
    let (path, tail) = target.split_at(cut);
    let from: Vec<&str> = page.split('/').collect();
    let from = &from[..from.len() - 1];
    let to: Vec<&str> = path.split('/').collect();
    let (to_dirs, file) = to.split_at(to.len() - 1);
    let common = from.iter().zip(to_dirs).take_while(|(a, b)| a == b).count();
    let mut out = "../".repeat(from.len() - common);
    for dir in &to_dirs[common..] {
        out.push_str(dir);
        out.push('/');
    }
    out.push_str(file[0]);
    if out.is_empty() {
        // The folder the page is in, when a link names no file (`/blog/x/?a` in index mode
        // always names one; kept for safety).
        out.push_str("./");
    }
    out.push_str(tail);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn config(base: &str, mode: UrlMode) -> Config {
        let mut c = Config::for_tests("/blog/");
        c.base_url = base.to_string();
        c.base_path = base
            .find("://")
            .and_then(|k| {
                base[k + 3..]
                    .find('/')
                    .map(|s| base[k + 3 + s..].to_string())
            })
            .unwrap_or_else(|| base.to_string());
        c.urls = mode;
        c
    }

    #[test]
    fn pretty_mode_changes_nothing() {
        let c = config("https://example.org/blog/", UrlMode::Pretty);
        for url in ["/blog/core/", "../x/", "https://example.org/blog/"] {
            assert_eq!(link(&c, url, Some("core/index.html")), url);
        }
    }

    #[test]
    fn index_mode_names_the_index_file_of_every_folder_of_the_site() {
        let c = config("https://example.org/blog/", UrlMode::Index);
        let cases = [
            ("/blog/core/", "/blog/core/index.html"),
            ("/blog/", "/blog/index.html"),
            ("/blog/core/#bracing", "/blog/core/index.html#bracing"),
            ("/blog/?p=1", "/blog/index.html?p=1"),
            ("/blog/style.css", "/blog/style.css"),
            ("../joint/", "../joint/index.html"),
            ("..", "../index.html"),
            ("plank.jpg", "plank.jpg"),
            ("#top", "#top"),
            (
                "https://example.org/blog/core/",
                "https://example.org/blog/core/index.html",
            ),
            ("https://example.org", "https://example.org"),
            ("https://other.org/a/", "https://other.org/a/"),
            ("/elsewhere/", "/elsewhere/"),
            ("mailto:a@b.c", "mailto:a@b.c"),
        ];
        for (url, want) in cases {
            assert_eq!(link(&c, url, Some("core/index.html")), want, "{url}");
        }
    }

    #[test]
    fn relative_mode_links_from_the_page_that_links() {
        let c = config("/blog/", UrlMode::Relative);
        let cases = [
            ("core/index.html", "/blog/joint/", "../joint/index.html"),
            ("core/index.html", "/blog/core/#a", "index.html#a"),
            ("core/index.html", "/blog/", "../index.html"),
            ("index.html", "/blog/core/", "core/index.html"),
            ("index.html", "/blog/style.css", "style.css"),
            (
                "series/mi/program/index.html",
                "/blog/series/mi/",
                "../index.html",
            ),
            (
                "series/mi/program/index.html",
                "/blog/style.css",
                "../../../style.css",
            ),
            (
                "exercises/index.html",
                "/blog/exercises/finder.js",
                "finder.js",
            ),
            (
                "2019/05/old/index.html",
                "/blog/core/",
                "../../../core/index.html",
            ),
            ("404.html", "/blog/core/", "/blog/core/index.html"),
            ("core/index.html", "plank.jpg", "plank.jpg"),
        ];
        for (page, url, want) in cases {
            assert_eq!(link(&c, url, Some(page)), want, "{url} from {page}");
        }
        for url in ["/blog/core/", "/blog/core/#x"] {
            assert_eq!(published(&c, url), index_form(UrlMode::Index, url));
        }
    }
}
