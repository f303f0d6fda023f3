//! Full-text search: the Pagefind index of the pages that mark their content with
//! `data-pagefind-body` (posts, pages, exercises in the default theme), built in process with the
//! `pagefind` crate and written under `pagefind/` in the output, with Pagefind's own search UI.

use std::panic::{AssertUnwindSafe, catch_unwind};

use pagefind::api::PagefindIndex;
use pagefind::options::PagefindServiceConfig;

use crate::diagnostic::Diagnostic;
use crate::output::Page;

/// The folder of the output that holds the index and Pagefind's scripts (`pagefind/`).
pub(crate) const DIR: &str = "pagefind";

/// The attribute that makes a page searchable: Pagefind indexes only what is inside it.
const MARK: &[u8] = b"data-pagefind-body";

/// Files of Pagefind's bundle that the default theme does not use (its other UIs), left out of
/// the output.
const UNUSED: &[&str] = &[
    "pagefind-component-ui.js",
    "pagefind-component-ui.css",
    "pagefind-modular-ui.js",
    "pagefind-modular-ui.css",
    "pagefind-highlight.js",
];

/// The files of the bundle that pages link to (for `check`), relative to the output.
pub(crate) const LINKED: &[&str] = &[
    "pagefind/pagefind-ui.js",
    "pagefind/pagefind-ui.css",
    "pagefind/pagefind.js",
];

/// Whether a generated file is a page to index: HTML that marks its content for Pagefind.
pub(crate) fn searchable(path: &str, bytes: &[u8]) -> bool {
    path.ends_with(".html") && bytes.windows(MARK.len()).any(|w| w == MARK)
}

/// The URL Pagefind records for a page, relative to the site's base path (`core/index.html` ->
/// `/core/`): Pagefind's script puts the base path in front (it is where `pagefind/` was loaded
/// from), so one index serves the site at a root and under a subfolder alike.
fn url_of(path: &str) -> String {
    format!("/{}", path.strip_suffix("index.html").unwrap_or(path))
}

/// A searchable page: its output path and its HTML.
pub(crate) struct Source {
    /// Path inside the output (`core/index.html`).
    pub path: String,
    /// The page's HTML.
    pub html: String,
}

impl Source {
    /// The source of a rendered page (its bytes are HTML that the renderer made, so UTF-8).
    pub(crate) fn of(page: Page) -> Source {
        Source {
            html: String::from_utf8_lossy(&page.bytes).into_owned(),
            path: page.path,
        }
    }
}

/// Builds the index of `pages` (in any order: they are indexed sorted by path, so the same pages
/// always give the same bytes) and returns the files of `pagefind/`, sorted by path.
pub(crate) fn index(mut pages: Vec<Source>) -> Result<Vec<Page>, Diagnostic> {
    pages.sort_by(|a, b| a.path.cmp(&b.path));
    // Pagefind asks for the current folder (and would panic without one), and answers through
    // an async API: run it on a runtime of this thread, catching any panic as an error.
    if let Err(e) = std::env::current_dir() {
        return Err(failed(&format!("no current folder: {e}")));
    }
    let run = || -> Result<Vec<Page>, String> {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_time()
            .build()
            .map_err(|e| e.to_string())?;
        runtime.block_on(build(pages))
    };
    match catch_unwind(AssertUnwindSafe(run)) {
        Ok(Ok(files)) => Ok(files),
        Ok(Err(e)) => Err(failed(&e)),
        Err(_) => Err(failed("Pagefind stopped unexpectedly")),
    }
}

async fn build(pages: Vec<Source>) -> Result<Vec<Page>, String> {
    let options = PagefindServiceConfig::builder().build();
    let mut index = PagefindIndex::new(Some(options)).map_err(|e| e.to_string())?;
    for page in pages {
        index
            .add_html_file(None, Some(url_of(&page.path)), page.html)
            .await
            .map_err(|e| format!("{}: {e}", page.path))?;
    }
    let files = index.get_files().await.map_err(|e| e.to_string())?;
    let mut pages: Vec<Page> = files
        .into_iter()
        .filter_map(|f| {
            let name = f.filename.to_string_lossy().replace('\\', "/");
            (!UNUSED.contains(&name.as_str())).then(|| Page {
                path: format!("{DIR}/{name}"),
                bytes: f.contents,
                deps: Vec::new(),
                sources: Vec::new(),
            })
        })
        .collect();
    pages.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(pages)
}

/// The warning of a build whose documents mark no content for search (templates of its own that
/// replace the theme's without `data-pagefind-body`): the search page would find nothing.
pub(crate) fn nothing_marked() -> Diagnostic {
    Diagnostic::file_error(
        "templates",
        "no page marks its content with `data-pagefind-body`: the search page finds nothing",
    )
    .with_hint(
        "put `data-pagefind-body` on the element that holds the content in the templates that \
         replace the theme's post.html, page.html or exercise.html",
    )
    .warning()
}

fn failed(why: &str) -> Diagnostic {
    Diagnostic::new(format!("cannot build the search index: {why}"))
        .with_hint("this is a fault of sitegen or Pagefind, not of the site: please report it")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(path: &str, body: &str) -> Source {
        Source {
            path: path.into(),
            html: format!(
                "<!DOCTYPE html><html lang=\"en\"><head><title>x</title></head><body>\
                 <nav>Navigation words</nav><main data-pagefind-body><h1>{body}</h1>\
                 <p>{body} text</p></main></body></html>"
            ),
        }
    }

    #[test]
    fn urls_are_relative_to_the_base_path() {
        assert_eq!(url_of("core/index.html"), "/core/");
        assert_eq!(url_of("index.html"), "/");
        assert_eq!(
            url_of("exercises/dead-bug/index.html"),
            "/exercises/dead-bug/"
        );
    }

    #[test]
    fn only_marked_html_is_searchable() {
        assert!(searchable("a/index.html", b"<main data-pagefind-body>"));
        assert!(!searchable("a/index.html", b"<main>"));
        assert!(!searchable("atom.xml", b"data-pagefind-body"));
    }

    #[test]
    fn the_same_pages_in_any_order_give_the_same_bytes() {
        let a = index(vec![
            page("a/index.html", "Glute bridge"),
            page("b/index.html", "Plank"),
        ]);
        let b = index(vec![
            page("b/index.html", "Plank"),
            page("a/index.html", "Glute bridge"),
        ]);
        let (a, b) = (a.unwrap(), b.unwrap());
        assert_eq!(a, b);
        let names: Vec<&str> = a.iter().map(|p| p.path.as_str()).collect();
        for linked in LINKED {
            assert!(names.contains(linked), "{linked} missing from {names:?}");
        }
        assert!(
            names.iter().any(|n| n.ends_with(".pf_fragment")),
            "{names:?}"
        );
        assert!(
            !names.iter().any(|n| n.contains("component-ui")),
            "{names:?}"
        );
    }
}
