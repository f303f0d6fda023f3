//! Finding the site root: from the folder a command starts in, up to the nearest folder holding
//! `sitegen.toml` or `posts/`, so `sitegen build` works from anywhere inside a site.

use std::path::{Path, PathBuf};

use crate::diagnostic::Diagnostic;

/// The settings file at the site root.
pub(crate) const SETTINGS_FILE: &str = "sitegen.toml";

/// The nearest folder at or above `start` that holds `sitegen.toml` or a `posts/` folder.
/// Outside any site, an error naming `start` and saying how to start a site.
pub fn find_site_root(start: &Path) -> Result<PathBuf, Diagnostic> {
    let start = start.canonicalize().map_err(|e| {
        Diagnostic::file_error(start, format!("cannot open the current folder: {e}"))
    })?;
    start
        .ancestors()
        .find(|dir| dir.join(SETTINGS_FILE).is_file() || dir.join("posts").is_dir())
        .map(Path::to_path_buf)
        .ok_or_else(|| {
            Diagnostic::new(format!(
                "no site here: neither {} nor any folder above it holds `sitegen.toml` or `posts/`",
                start.display()
            ))
            .with_hint(
                "run sitegen in a site's folder or pass --root DIR; to start a site, run \
                 `sitegen init DIR`",
            )
        })
}

#[cfg(test)]
mod tests {
    use super::find_site_root;

    #[test]
    fn the_nearest_folder_with_settings_or_posts_is_the_root() {
        let dir = tempfile::tempdir().unwrap();
        let site = dir.path().join("site");
        std::fs::create_dir_all(site.join("posts/trip")).unwrap();
        let site = site.canonicalize().unwrap();
        assert_eq!(find_site_root(&site.join("posts/trip")).unwrap(), site);
        assert_eq!(find_site_root(&site).unwrap(), site);
        // A folder with only sitegen.toml is a site too (its posts/ may not exist yet).
        let other = dir.path().join("other");
        std::fs::create_dir_all(other.join("static/img")).unwrap();
        std::fs::write(other.join("sitegen.toml"), "").unwrap();
        let other = other.canonicalize().unwrap();
        assert_eq!(find_site_root(&other.join("static/img")).unwrap(), other);
    }
}
