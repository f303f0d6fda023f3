//! Where a page lives: one value per page from which both its URL and its output file follow, so
//! the site's layout is written down once.

use crate::config::Config;

/// The theme's stylesheet, at the root of the output (a site's `static/style.css` replaces it).
pub(crate) const STYLESHEET: &str = "style.css";
/// The colours of highlighted code, at the root of the output (a site's `static/highlight.css`
/// replaces it).
pub(crate) const HIGHLIGHT_STYLESHEET: &str = crate::highlight::STYLESHEET;
/// The words of the site, beside the search page (see `render::vocabulary`).
pub(crate) const SEARCH_WORDS: &str = "search/words.json";
/// The site's Atom feed.
pub(crate) const FEED: &str = "atom.xml";
/// The exercise finder's script, beside the exercise index.
pub(crate) const FINDER_SCRIPT: &str = "exercises/finder.js";
/// The sitemap.
pub(crate) const SITEMAP: &str = "sitemap.xml";
/// Where crawlers are told about the sitemap.
pub(crate) const ROBOTS: &str = "robots.txt";
/// The web app manifest (name, icons, colours), generated unless `static/` has one.
pub(crate) const MANIFEST: &str = "manifest.webmanifest";
/// The theme's icons, at the root of the output. A site with any `static/favicon.*` of its own
/// gets none of them (a mix of two sites' icons would be worse than either).
pub(crate) const THEME_ICONS: &[&str] = &[
    "favicon.svg",
    "favicon.ico",
    "apple-touch-icon.png",
    "icon-192.png",
    "icon-512.png",
];
/// Generated files that a file of the same name in `static/` replaces (and the icons, see
/// [`THEME_ICONS`]).
pub(crate) const REPLACEABLE: &[&str] = &[
    STYLESHEET,
    HIGHLIGHT_STYLESHEET,
    ROBOTS,
    MANIFEST,
    REDIRECTS,
    NOJEKYLL,
];
/// The redirect rules of aliases for Netlify and Cloudflare Pages.
pub(crate) const REDIRECTS: &str = "_redirects";
/// The empty file that tells GitHub Pages not to run Jekyll, which would drop every path
/// starting with `_`.
pub(crate) const NOJEKYLL: &str = ".nojekyll";

/// A page's place under the base URL: `""` (home), `core/`, `series/<slug>/`, `exercises/`,
/// `exercises/<id>/`, or a file such as `404.html`.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) struct Route(String);

impl Route {
    /// The home page.
    pub fn home() -> Route {
        Route(String::new())
    }

    /// A post's page.
    pub fn post(slug: &str) -> Route {
        Route(format!("{slug}/"))
    }

    /// A post's routine, on a page of its own (printable).
    pub fn routine(slug: &str) -> Route {
        Route(format!("{slug}/routine/"))
    }

    /// A series' program: the routines of all its parts.
    pub fn program(slug: &str) -> Route {
        Route(format!("series/{slug}/program/"))
    }

    /// A series page.
    pub fn series(slug: &str) -> Route {
        Route(format!("series/{slug}/"))
    }

    /// The exercise library's index.
    pub fn exercise_index() -> Route {
        Route("exercises/".into())
    }

    /// An exercise's page.
    pub fn exercise(id: &str) -> Route {
        Route(format!("exercises/{id}/"))
    }

    /// The search page.
    pub fn search() -> Route {
        Route("search/".into())
    }

    /// The list of tags.
    pub fn tag_index() -> Route {
        Route("tags/".into())
    }

    /// A tag's page.
    pub fn tag(slug: &str) -> Route {
        Route(format!("tags/{slug}/"))
    }

    /// A series' feed.
    pub fn series_feed(slug: &str) -> Route {
        Route(format!("series/{slug}/atom.xml"))
    }

    /// The archive: every year with posts, each linking its page.
    pub fn archive() -> Route {
        Route("archive/".into())
    }

    /// The archive page of one year: its posts, newest first.
    pub fn archive_year(year: u16) -> Route {
        Route(format!("archive/{year}/"))
    }

    /// Page `page` (0-based) of the list at this route: the first page is the list's own URL,
    /// the others `page/2/`, `page/3/`, … below it (Hugo's and Zola's layout).
    pub fn paged(self, page: usize) -> Route {
        match page {
            0 => self,
            n => Route(format!("{}page/{}/", self.0, n + 1)),
        }
    }

    /// A page that is a file of its own (`404.html`, `style.css`).
    pub fn file(name: &str) -> Route {
        Route(name.into())
    }

    /// Root-relative URL (`/blog/core/`), honouring the base URL's path.
    pub fn url(&self, config: &Config) -> String {
        format!("{}{}", config.base_path, self.0)
    }

    /// The file inside the output folder (`core/index.html`).
    pub fn output_path(&self) -> String {
        if self.0.is_empty() || self.0.ends_with('/') {
            format!("{}index.html", self.0)
        } else {
            self.0.clone()
        }
    }
}

/// The absolute form of a root-relative URL, when the base URL has a host.
pub(crate) fn permalink(config: &Config, url: &str) -> String {
    match config.origin() {
        Some(origin) => format!("{origin}{url}"),
        None => url.to_string(),
    }
}

/// The longest URL segment (a slug, a tag's or series' slug, a part of an alias), in bytes: the
/// output's folders are named by them, and filesystems refuse names over 255 bytes.
pub(crate) const MAX_SEGMENT: usize = 200;

/// Why `s` cannot be one path segment of a URL (a slug or an exercise id), if it cannot.
pub(crate) fn segment_problem(s: &str) -> Option<&'static str> {
    if s.is_empty() {
        return Some("is empty");
    }
    if s.len() > MAX_SEGMENT {
        return Some("is longer than 200 bytes: filesystems refuse file names that long");
    }
    if s == "." || s == ".." {
        return Some("is not a plain path segment");
    }
    if s.starts_with('.') {
        return Some("starts with `.`, which hides the page on most hosts");
    }
    if !s
        .chars()
        .all(|c| c.is_alphanumeric() || matches!(c, '-' | '_' | '.' | '~'))
    {
        return Some(
            "is not a plain path segment: it may only hold letters, digits, `-`, `_`, `.` and `~`",
        );
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_route_gives_its_url_and_its_output_file() {
        let config = crate::config::Config::for_tests("/blog/");
        let cases = [
            (Route::home(), "/blog/", "index.html"),
            (Route::post("core"), "/blog/core/", "core/index.html"),
            (
                Route::series("mi"),
                "/blog/series/mi/",
                "series/mi/index.html",
            ),
            (
                Route::exercise_index(),
                "/blog/exercises/",
                "exercises/index.html",
            ),
            (
                Route::exercise("dead-bug"),
                "/blog/exercises/dead-bug/",
                "exercises/dead-bug/index.html",
            ),
            (Route::file("404.html"), "/blog/404.html", "404.html"),
            (
                Route::routine("core"),
                "/blog/core/routine/",
                "core/routine/index.html",
            ),
            (
                Route::program("mi"),
                "/blog/series/mi/program/",
                "series/mi/program/index.html",
            ),
            (Route::tag_index(), "/blog/tags/", "tags/index.html"),
            (
                Route::tag("core"),
                "/blog/tags/core/",
                "tags/core/index.html",
            ),
            (Route::home().paged(0), "/blog/", "index.html"),
            (Route::home().paged(1), "/blog/page/2/", "page/2/index.html"),
            (
                Route::tag("core").paged(2),
                "/blog/tags/core/page/3/",
                "tags/core/page/3/index.html",
            ),
            (Route::archive(), "/blog/archive/", "archive/index.html"),
            (
                Route::archive_year(2012),
                "/blog/archive/2012/",
                "archive/2012/index.html",
            ),
            (
                Route::series_feed("mi"),
                "/blog/series/mi/atom.xml",
                "series/mi/atom.xml",
            ),
        ];
        for (route, url, file) in cases {
            assert_eq!(
                (route.url(&config).as_str(), route.output_path().as_str()),
                (url, file)
            );
        }
    }
}
