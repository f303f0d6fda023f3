//! Running Pagefind in process: the index of one shard's pages, made with the `pagefind` crate
//! on a runtime of the calling thread.

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::Path;

use pagefind::api::PagefindIndex;
use pagefind::options::PagefindServiceConfig;

use super::{File, Source};
use crate::diagnostic::Diagnostic;

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
/// With `kept`, a folder that holds the bundle between two indexes of the same shard (or
/// nothing), only the files that changed are compressed (see [`super::kept`]); the files are the
/// same either way.
pub(crate) fn index(mut pages: Vec<Source>, kept: Option<&Path>) -> Result<Vec<File>, Diagnostic> {
    pages.sort_by(|a, b| a.path.cmp(&b.path));
    // Pagefind asks for the current folder (and would panic without one), and answers through
    // an async API: run it on a runtime of this thread, catching any panic as an error.
    if let Err(e) = std::env::current_dir() {
        return Err(failed(&format!("no current folder: {e}")));
    }
    let run = || -> Result<Vec<File>, Diagnostic> {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_time()
            .build()
            .map_err(|e| failed(&e))?;
        runtime.block_on(build(pages, kept))
    };
    let result = match catch_unwind(AssertUnwindSafe(run)) {
        Ok(result) => result,
        Err(_) => Err(failed(&"Pagefind stopped unexpectedly")),
    };
    if let (Err(_), Some(dir)) = (&result, kept) {
        // What the folder holds is unknown: the next index starts from nothing.
        let _ = std::fs::remove_dir_all(dir);
    }
    result
}

async fn build(pages: Vec<Source>, kept: Option<&Path>) -> Result<Vec<File>, Diagnostic> {
    let options = PagefindServiceConfig::builder().build();
    let mut index = PagefindIndex::new(Some(options)).map_err(|e| failed(&e))?;
    for page in pages {
        index
            .add_html_file(None, Some(url_of(&page.path)), page.html)
            .await
            .map_err(|e| failed(&format!("{}: {e}", page.path)))?;
    }
    let kept_files = match kept {
        Some(dir) => match super::kept::write(&mut index, dir).await {
            Ok(files) => Some(files),
            Err(_) => {
                // Made again from nothing below, and kept from nothing next time.
                let _ = std::fs::remove_dir_all(dir);
                None
            }
        },
        None => None,
    };
    let files = match kept_files {
        Some(files) => files,
        None => index
            .get_files()
            .await
            .map_err(|e| failed(&e))?
            .into_iter()
            .map(|f| (f.filename.to_string_lossy().replace('\\', "/"), f.contents))
            .collect(),
    };
    let mut files: Vec<File> = files
        .into_iter()
        .filter(|(name, _)| !UNUSED.contains(&name.as_str()))
        .collect();
    files.sort_by(|a, b| a.0.cmp(&b.0));
    Ok(files)
}

fn failed(why: &dyn std::fmt::Display) -> Diagnostic {
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
        let a = index(
            vec![
                page("a/index.html", "Glute bridge"),
                page("b/index.html", "Plank"),
            ],
            None,
        );
        let b = index(
            vec![
                page("b/index.html", "Plank"),
                page("a/index.html", "Glute bridge"),
            ],
            None,
        );
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

    fn in_french(path: &str, body: &str) -> Source {
        let mut page = page(path, body);
        page.html = page.html.replace("lang=\"en\"", "lang=\"fr\"");
        page
    }

    #[test]
    fn a_kept_bundle_gives_the_files_that_pagefind_gives() {
        let dir = tempfile::tempdir().unwrap();
        let kept = dir.path().join("shard");
        let site = |edit: &str| {
            let mut pages: Vec<Source> = (0..40)
                .map(|i| page(&format!("p{i}/index.html"), &format!("Plank {i} hold")))
                .collect();
            pages.push(in_french("fr/index.html", "Gainage"));
            pages[7] = page("p7/index.html", edit);
            pages
        };
        for edit in ["Glute bridge", "Dead bug", "Glute bridge", "Bird dog"] {
            let fresh = index(site(edit), None).unwrap();
            let from_kept = index(site(edit), Some(&kept)).unwrap();
            assert_eq!(
                from_kept.iter().map(|f| &f.0).collect::<Vec<_>>(),
                fresh.iter().map(|f| &f.0).collect::<Vec<_>>()
            );
            assert!(from_kept == fresh, "{edit}: the bytes differ");
        }
        // The folder holds the last bundle only (and the files of the other UIs).
        let mut held = 0;
        for entry in walkdir::WalkDir::new(&kept) {
            held += usize::from(entry.unwrap().file_type().is_file());
        }
        let last = index(site("Bird dog"), None).unwrap();
        assert_eq!(held, last.len() + UNUSED.len());
    }
}
