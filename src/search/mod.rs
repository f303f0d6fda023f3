//! Full-text search: the Pagefind index of the pages that mark their content with
//! `data-pagefind-body` (posts, pages, exercises in the default theme), built in process with the
//! `pagefind` crate and written under `pagefind/` in the output, with Pagefind's own search UI.

mod kept;
mod pagefind;
pub(crate) mod shards;

use crate::diagnostic::Diagnostic;

/// The folder of the output that holds the index and Pagefind's scripts (`pagefind/`).
pub(crate) const DIR: &str = "pagefind";

/// The attribute that makes a page searchable: Pagefind indexes only what is inside it.
const MARK: &[u8] = b"data-pagefind-body";

/// The files of the bundle that pages link to (for `check`), relative to the output.
pub(crate) const LINKED: &[&str] = &[
    "pagefind/pagefind-ui.js",
    "pagefind/pagefind-ui.css",
    "pagefind/pagefind.js",
    shards::LIST,
];

/// Whether a generated file is a page to index: HTML that marks its content for Pagefind.
pub(crate) fn searchable(path: &str, bytes: &[u8]) -> bool {
    path.ends_with(".html") && bytes.windows(MARK.len()).any(|w| w == MARK)
}

/// A file of Pagefind's bundle: its path inside the bundle and its bytes.
pub(crate) type File = (String, Vec<u8>);

/// A searchable page: its output path and its HTML.
pub(crate) struct Source {
    /// Path inside the output (`core/index.html`).
    pub path: String,
    /// The page's HTML.
    pub html: String,
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_marked_html_is_searchable() {
        assert!(searchable("a/index.html", b"<main data-pagefind-body>"));
        assert!(!searchable("a/index.html", b"<main>"));
        assert!(!searchable("atom.xml", b"data-pagefind-body"));
    }
}
