//! Running Pagefind in process: the index of one shard's pages, made with the `pagefind` crate
//! on a runtime of the calling thread.

use std::panic::{AssertUnwindSafe, catch_unwind};

use pagefind::api::PagefindIndex;
use pagefind::options::PagefindServiceConfig;

use super::Source;
use crate::diagnostic::Diagnostic;

/// A file of Pagefind's bundle: its path inside the bundle and its bytes.
pub(crate) type File = (String, Vec<u8>);

/// Files of Pagefind's bundle that the default theme does not use (its other UIs), left out of
/// the output.
const UNUSED: &[&str] = &[
    "pagefind-component-ui.js",
    "pagefind-component-ui.css",
    "pagefind-modular-ui.js",
    "pagefind-modular-ui.css",
    "pagefind-highlight.js",
];

/// The URL Pagefind records for a page, relative to the site's base path (`core/index.html` ->
/// `/core/`): Pagefind's script puts the base path in front (it is where `pagefind/` was loaded
/// from), so one index serves the site at a root and under a subfolder alike.
fn url_of(path: &str) -> String {
    format!("/{}", path.strip_suffix("index.html").unwrap_or(path))
}

/// Builds the index of `pages` (in any order: they are indexed sorted by path, so the same pages
/// always give the same bytes) and returns the files of its bundle (paths relative to it, sorted).
pub(crate) fn index(mut pages: Vec<Source>) -> Result<Vec<File>, Diagnostic> {
    pages.sort_by(|a, b| a.path.cmp(&b.path));
    // Pagefind asks for the current folder (and would panic without one), and answers through
    // an async API: run it on a runtime of this thread, catching any panic as an error.
    if let Err(e) = std::env::current_dir() {
        return Err(failed(&format!("no current folder: {e}")));
    }
    let run = || -> Result<Vec<File>, String> {
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

async fn build(pages: Vec<Source>) -> Result<Vec<File>, String> {
    let options = PagefindServiceConfig::builder().build();
    let mut index = PagefindIndex::new(Some(options)).map_err(|e| e.to_string())?;
    for page in pages {
        index
            .add_html_file(None, Some(url_of(&page.path)), page.html)
            .await
            .map_err(|e| format!("{}: {e}", page.path))?;
    }
    let files = index.get_files().await.map_err(|e| e.to_string())?;
    let mut files: Vec<File> = files
        .into_iter()
        .map(|f| (f.filename.to_string_lossy().replace('\\', "/"), f.contents))
        .filter(|(name, _)| !UNUSED.contains(&name.as_str()))
        .collect();
    files.sort_by(|a, b| a.0.cmp(&b.0));
    Ok(files)
}

fn failed(why: &str) -> Diagnostic {
    Diagnostic::new(format!("cannot build the search index: {why}"))
        .with_hint("this is a fault of sitegen or Pagefind, not of the site: please report it")
}

#[cfg(test)]
mod tests {
    use super::*;

    pub(crate) fn page(path: &str, body: &str) -> Source {
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
        let names: Vec<&str> = a.iter().map(|(n, _)| n.as_str()).collect();
        for linked in ["pagefind-ui.js", "pagefind-ui.css", "pagefind.js"] {
            assert!(names.contains(&linked), "{linked} missing from {names:?}");
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
