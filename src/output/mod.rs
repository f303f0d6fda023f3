//! Writing the output: the files a build produces (`Page`, `Asset`), one set of methods that write
//! them into a folder (used by full builds and by watch alike), and the atomic replacement of the
//! whole output so a failed build never damages the previous one.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

mod lock;
mod target;

pub(crate) use lock::Lock;
pub(crate) use target::{Target, target_for};

use crate::diagnostic::Diagnostic;
use crate::fsutil;

/// The marker file that says sitegen created a folder (and may replace it).
pub(crate) const MARKER: &str = ".sitegen";
const MARKER_TEXT: &str = "This folder is written by sitegen; it is replaced on every build.\n";

/// One generated file of the output.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Page {
    /// Path inside the output folder, `/`-separated, e.g. `core/index.html`.
    pub path: String,
    /// Contents.
    pub bytes: Vec<u8>,
    /// Keys of the posts and exercises its `@/` links point at (what else it depends on).
    pub deps: Vec<String>,
    /// Where its Markdown's links came from, in the order they appear (for `check`).
    pub sources: Vec<SourceLink>,
}

/// A destination the Markdown of a page links to, and where in which file it was written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct SourceLink {
    /// The URL as rendered into the page.
    pub url: String,
    /// The Markdown file, relative to the site root.
    pub path: PathBuf,
    /// 1-based line and column of the link (or of the raw HTML holding it).
    pub position: (usize, usize),
}

/// A file copied into the output as it is.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) struct Asset {
    /// Where it is read from.
    pub from: PathBuf,
    /// Path inside the output folder, `/`-separated.
    pub to: String,
}

/// A folder that output files are written into: the live output (watch) or a build's
/// temporary folder.
pub(crate) struct Tree<'a> {
    dir: &'a Path,
    target: &'a Target,
}

impl Tree<'_> {
    /// Writes a generated file, creating its folders.
    pub fn write(&self, page: &Page) -> Result<(), Diagnostic> {
        let to = self.dir.join(&page.path);
        ensure_parent(&to)
            .and_then(|()| fs::write(&to, &page.bytes))
            .map_err(|e| self.target.io(&to, "cannot write", &e))
    }

    /// Copies an asset into place, creating its folders.
    pub fn copy(&self, asset: &Asset) -> Result<(), Diagnostic> {
        let to = self.dir.join(&asset.to);
        ensure_parent(&to)
            .and_then(|()| fs::copy(&asset.from, &to).map(drop))
            .map_err(|e| {
                Diagnostic::file_error(
                    fsutil::relative(&self.target.root, &asset.from),
                    format!("cannot copy into the output: {e}"),
                )
            })
    }

    /// Removes a file, and the folders it leaves empty (a deleted post's `slug/`).
    pub fn remove(&self, rel: &str) {
        let path = self.dir.join(rel);
        let _ = fs::remove_file(&path);
        let mut parent = path.parent();
        while let Some(p) = parent {
            if p == self.dir || fs::remove_dir(p).is_err() {
                break;
            }
            parent = p.parent();
        }
    }
}

impl Target {
    /// The live output folder, for writing files in place.
    pub fn live(&self) -> Tree<'_> {
        Tree {
            dir: &self.dir,
            target: self,
        }
    }

    /// Takes the output's lock, or says who holds it (see [`Lock`]).
    pub fn lock(&self) -> Result<Lock, Diagnostic> {
        Lock::take(self)
    }

    fn temp_prefix(&self) -> String {
        format!(".{}.tmp-", self.name())
    }

    /// The output folder's own name (`public`).
    pub(crate) fn name(&self) -> String {
        self.dir
            .file_name()
            .map_or_else(|| "public".into(), |n| n.to_string_lossy().into_owned())
    }

    fn parent(&self) -> &Path {
        self.dir.parent().unwrap_or(Path::new("/"))
    }

    /// Removes temporary folders left by builds that died. Only called under the output's lock,
    /// so no other build of this output is running and every such folder is left over.
    fn clean_stale(&self, _lock: &Lock) {
        let prefix = self.temp_prefix();
        let Ok(entries) = fs::read_dir(self.parent()) else {
            return;
        };
        for e in entries.flatten() {
            let name = e.file_name().to_string_lossy().into_owned();
            if name.starts_with(&prefix) && e.path().join(MARKER).is_file() {
                let _ = fs::remove_dir_all(e.path());
            }
        }
    }

    /// Writes `pages` and `assets` into a fresh temporary folder and swaps it into place.
    /// Returns the number of files written.
    pub fn replace_all(
        &self,
        lock: &Lock,
        pages: &[Page],
        assets: &[Asset],
    ) -> Result<usize, Diagnostic> {
        self.clean_stale(lock);
        let parent = self.parent();
        fs::create_dir_all(parent)
            .map_err(|e| self.io(parent, "cannot create the output's parent folder", &e))?;
        let temp = parent.join(format!("{}{}", self.temp_prefix(), std::process::id()));
        if temp.exists() {
            fs::remove_dir_all(&temp)
                .map_err(|e| self.io(&temp, "cannot remove an old temporary folder", &e))?;
        }
        let result = self
            .fill(&temp, pages, assets)
            .and_then(|n| self.swap(&temp).map(|()| n));
        if result.is_err() {
            let _ = fs::remove_dir_all(&temp);
        }
        result
    }

    fn fill(&self, temp: &Path, pages: &[Page], assets: &[Asset]) -> Result<usize, Diagnostic> {
        fs::create_dir_all(temp)
            .map_err(|e| self.io(temp, "cannot create the temporary output folder", &e))?;
        fs::write(temp.join(MARKER), MARKER_TEXT).map_err(|e| self.io(temp, "cannot write", &e))?;
        let tree = Tree {
            dir: temp,
            target: self,
        };
        pages.par_iter().try_for_each(|p| tree.write(p))?;
        assets.par_iter().try_for_each(|a| tree.copy(a))?;
        Ok(pages.len() + assets.len())
    }

    fn swap(&self, temp: &Path) -> Result<(), Diagnostic> {
        if !self.dir.exists() {
            return fs::rename(temp, &self.dir)
                .map_err(|e| self.io(&self.dir, "cannot move the new output into place", &e));
        }
        #[cfg(target_os = "linux")]
        {
            use rustix::fs::{CWD, RenameFlags, renameat_with};
            if renameat_with(CWD, temp, CWD, &self.dir, RenameFlags::EXCHANGE).is_ok() {
                // `temp` now holds the previous output.
                let _ = fs::remove_dir_all(temp);
                return Ok(());
            }
        }
        self.swap_by_renames(temp)
    }

    /// The swap where an atomic exchange is not available: the previous output is moved aside,
    /// the new one into place, and the previous one back if that fails.
    fn swap_by_renames(&self, temp: &Path) -> Result<(), Diagnostic> {
        let old = temp.with_extension("old");
        fs::rename(&self.dir, &old)
            .map_err(|e| self.io(&self.dir, "cannot move the previous output aside", &e))?;
        if let Err(e) = fs::rename(temp, &self.dir) {
            let _ = fs::rename(&old, &self.dir);
            return Err(self.io(&self.dir, "cannot move the new output into place", &e));
        }
        let _ = fs::remove_dir_all(&old);
        Ok(())
    }

    pub(crate) fn io(&self, path: &Path, what: &str, e: &io::Error) -> Diagnostic {
        Diagnostic::file_error(&self.shown, format!("{what} ({}): {e}", path.display()))
    }
}

/// Creates the parent folder of `path`.
fn ensure_parent(path: &Path) -> io::Result<()> {
    match path.parent() {
        Some(p) => fs::create_dir_all(p),
        None => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn target_in(dir: &Path) -> Target {
        target_for(dir, &dir.join("public")).unwrap()
    }

    #[test]
    fn the_fallback_swap_replaces_the_output_and_keeps_nothing_else() {
        let site = tempfile::tempdir().unwrap();
        let target = target_in(site.path());
        fs::create_dir_all(target.dir.join("old-post")).unwrap();
        fs::write(target.dir.join(MARKER), MARKER_TEXT).unwrap();
        let temp = site.path().join(".public.tmp-1");
        fs::create_dir_all(&temp).unwrap();
        fs::write(temp.join("index.html"), "new").unwrap();
        target.swap_by_renames(&temp).unwrap();
        assert_eq!(
            fs::read_to_string(target.dir.join("index.html")).unwrap(),
            "new"
        );
        assert!(!target.dir.join("old-post").exists());
        let left: Vec<_> = fs::read_dir(site.path())
            .unwrap()
            .flatten()
            .map(|e| e.file_name())
            .collect();
        assert_eq!(
            left,
            vec![std::ffi::OsString::from("public")],
            "the old tree is removed"
        );
    }

    #[test]
    fn a_failed_fallback_swap_puts_the_previous_output_back() {
        let site = tempfile::tempdir().unwrap();
        let target = target_in(site.path());
        fs::create_dir_all(&target.dir).unwrap();
        fs::write(target.dir.join("index.html"), "old").unwrap();
        // The new tree is missing, so moving it into place fails after the old one moved aside.
        let err = target
            .swap_by_renames(&site.path().join(".public.tmp-2"))
            .unwrap_err();
        assert!(
            err.message
                .contains("cannot move the new output into place"),
            "{err}"
        );
        assert_eq!(
            fs::read_to_string(target.dir.join("index.html")).unwrap(),
            "old"
        );
    }
}
