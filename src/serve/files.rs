//! What a URL path of the preview server maps to in the output folder: a file (never one outside
//! it, never sitegen's own), a redirect to the folder's slash form on the same host, or nothing;
//! content types; the live-reload script injected into HTML.

use std::path::{Path, PathBuf};

use crate::fsutil::percent_decode;

/// The script injected into served HTML (never into `build` output).
const LIVE_RELOAD: &str = include_str!("reload.js");

/// Names sitegen keeps for itself (its marker and bookkeeping files): never served, even if
/// one is found inside the output folder.
const INTERNAL_PREFIX: &str = ".sitegen";

/// What a request path maps to.
#[derive(Debug, PartialEq, Eq)]
pub enum Resolved {
    /// A file inside the output folder.
    File(PathBuf),
    /// A folder requested without its trailing slash: the path to send in `Location`, always
    /// one `/` then a segment (`//core` becomes `/core/`, never `//core/`, which a browser reads
    /// as the host `core`).
    Redirect(String),
    /// A path that tries to leave the folder or is malformed.
    BadRequest,
    /// Nothing there.
    NotFound,
}

/// Maps a URL path to a file inside `dir` (`root` is its canonical form). Never returns a file
/// outside it: `..` segments, encoded slashes or backslashes, NUL, and symlinks that lead out are refused,
/// and sitegen's own files (`.sitegen…`) are not found. Without `indexes`, a folder is not found
/// either (its `index.html` must be asked for by name).
pub fn resolve(dir: &Path, root: &Path, path: &str, indexes: bool) -> Resolved {
    let lower = path.to_ascii_lowercase();
    if !path.starts_with('/')
        || lower.contains("%2f")
        || lower.contains("%5c")
        || lower.contains("%00")
    {
        return Resolved::BadRequest;
    }
    let Some(decoded) = percent_decode(path) else {
        return Resolved::BadRequest;
    };
    if decoded.contains(['\\', '\0']) {
        return Resolved::BadRequest;
    }
    let segments: Vec<&str> = decoded.split('/').filter(|s| !s.is_empty()).collect();
    if segments.iter().any(|s| *s == ".." || *s == ".") {
        return Resolved::BadRequest;
    }
    if segments.iter().any(|s| s.starts_with(INTERNAL_PREFIX)) {
        return Resolved::NotFound;
    }
    let mut file = dir.to_path_buf();
    file.extend(&segments);
    if file.is_dir() {
        if !indexes {
            return Resolved::NotFound;
        }
        if !decoded.ends_with('/') {
            // Rebuilt from the (still encoded) segments: runs of `/` collapse to one.
            let encoded: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
            return Resolved::Redirect(format!("/{}/", encoded.join("/")));
        }
        file.push("index.html");
    }
    match file.canonicalize() {
        Ok(real) if real.starts_with(root) && real.is_file() => Resolved::File(real),
        _ => Resolved::NotFound,
    }
}

/// Content type by file extension.
pub fn content_type(path: &Path) -> &'static str {
    match path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
        .as_deref()
    {
        Some("html" | "htm") => "text/html; charset=utf-8",
        Some("css") => "text/css; charset=utf-8",
        Some("js") => "text/javascript; charset=utf-8",
        Some("json") => "application/json",
        Some("xml") => "application/xml",
        Some("txt" | "md") => "text/plain; charset=utf-8",
        Some("svg") => "image/svg+xml",
        Some("png") => "image/png",
        Some("jpg" | "jpeg") => "image/jpeg",
        Some("gif") => "image/gif",
        Some("webp") => "image/webp",
        Some("avif") => "image/avif",
        Some("ico") => "image/x-icon",
        Some("mp4") => "video/mp4",
        Some("webm") => "video/webm",
        Some("woff2") => "font/woff2",
        Some("woff") => "font/woff",
        Some("pdf") => "application/pdf",
        _ => "application/octet-stream",
    }
}

/// Adds the live-reload script before `</body>` (or at the end).
pub fn inject(mut html: Vec<u8>) -> Vec<u8> {
    let script = format!("<script>{LIVE_RELOAD}</script>");
    let at = find_last(&html, b"</body>").unwrap_or(html.len());
    html.splice(at..at, script.into_bytes());
    html
}

fn find_last(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len())
        .rposition(|w| w.eq_ignore_ascii_case(needle))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::fs;

    #[test]
    fn traversal_is_refused() {
        // A real file at every target, beside and above the served folder, so a resolver that
        // let `..` through would find it.
        let dir = tempfile::tempdir().unwrap();
        let base = dir.path().canonicalize().unwrap();
        let root = base.join("site/public");
        fs::create_dir_all(root.join("a")).unwrap();
        fs::write(root.join("index.html"), "x").unwrap();
        fs::write(base.join("site/secret"), "s").unwrap();
        fs::write(base.join("secret"), "s").unwrap();
        assert!(root.join("../secret").is_file() && root.join("../../secret").is_file());
        for p in [
            "/../secret",
            "/../../secret",
            "/%2e%2e/secret",
            "/a/%2e%2e/%2e%2e/secret",
            "/a%2f..%2f..%2fsecret",
            "/..%5csecret",
            "/a\\..\\..\\secret",
            "relative",
        ] {
            assert!(
                matches!(
                    resolve(&root, &root, p, true),
                    Resolved::BadRequest | Resolved::NotFound
                ),
                "{p}"
            );
        }
        assert_eq!(
            resolve(&root, &root, "/", true),
            Resolved::File(root.join("index.html"))
        );
    }

    #[test]
    fn redirects_stay_on_the_host_and_internal_files_are_not_found() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().canonicalize().unwrap();
        fs::create_dir_all(root.join("core")).unwrap();
        fs::create_dir_all(root.join(".sitegen-state")).unwrap();
        fs::write(root.join(".sitegen"), "marker").unwrap();
        fs::write(root.join(".sitegen-state/pages"), "x").unwrap();
        for (path, to) in [
            ("/core", "/core/"),
            ("//core", "/core/"),
            ("///core", "/core/"),
            ("//core//", ""),
        ] {
            let got = resolve(&root, &root, path, true);
            if to.is_empty() {
                assert_ne!(got, Resolved::Redirect("//core/".into()), "{path}");
            } else {
                assert_eq!(got, Resolved::Redirect(to.into()), "{path}");
            }
        }
        for path in ["/.sitegen", "/.sitegen-state/pages", "/%2esitegen"] {
            assert_eq!(
                resolve(&root, &root, path, true),
                Resolved::NotFound,
                "{path}"
            );
        }
    }

    #[test]
    fn without_indexes_a_folder_is_not_found_and_its_index_file_is() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().canonicalize().unwrap();
        fs::create_dir_all(root.join("core")).unwrap();
        fs::write(root.join("core/index.html"), "x").unwrap();
        fs::write(root.join("index.html"), "x").unwrap();
        for path in ["/", "/core/", "/core"] {
            assert_eq!(
                resolve(&root, &root, path, false),
                Resolved::NotFound,
                "{path}"
            );
        }
        assert_eq!(
            resolve(&root, &root, "/core/index.html", false),
            Resolved::File(root.join("core/index.html"))
        );
    }
}
