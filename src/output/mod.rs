//! Writing the output: the files a build produces (`Page`, `Asset`), one set of methods that write
//! them into a folder (used by full builds and by watch alike), and the atomic replacement of the
//! whole output so a failed build never damages the previous one. sitegen's own bookkeeping
//! (state, scratch folders, lock) lives beside the output folder, never in it.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

mod lock;
mod scratch;
mod state;
mod swap;
mod target;

pub(crate) use lock::Lock;
pub(crate) use scratch::Scratch;
pub(crate) use target::{Target, target_for};

use crate::diagnostic::Diagnostic;
use crate::fsutil;

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

/// A folder that output files are written into: the live output (watch) or a build's new tree.
pub(crate) struct Tree<'a> {
    dir: &'a Path,
    target: &'a Target,
    /// For the live output: where a file is written before it is renamed into place, so a
    /// reader sees the old file or the new one, never a torn or empty one.
    staging: Option<&'a Scratch>,
}

impl Tree<'_> {
    /// Writes a generated file, creating its folders.
    pub fn write(&self, page: &Page) -> Result<(), Diagnostic> {
        let to = self.dir.join(&page.path);
        self.put(&to, |dest| fs::write(dest, &page.bytes))
            .map_err(|e| self.target.io(&to, "cannot write", &e))
    }

    /// Runs `write` on the file's final path, or, in the live output, on a temporary file that
    /// then replaces it in one rename.
    fn put(&self, to: &Path, write: impl FnOnce(&Path) -> io::Result<()>) -> io::Result<()> {
        ensure_parent(to)?;
        let Some(staging) = self.staging else {
            return write(to);
        };
        let temp = staging.temp_file();
        let result = write(&temp).and_then(|()| fs::rename(&temp, to));
        if result.is_err() {
            let _ = fs::remove_file(&temp);
        }
        result
    }

    /// Copies an asset into place, creating its folders.
    pub fn copy(&self, asset: &Asset) -> Result<(), Diagnostic> {
        let to = self.dir.join(&asset.to);
        self.put(&to, |dest| fs::copy(&asset.from, dest).map(drop))
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
    /// The live output folder, for replacing files in place (each through a temporary file in
    /// `staging`, then a rename).
    pub fn live<'a>(&'a self, staging: &'a Scratch) -> Tree<'a> {
        Tree {
            dir: &self.dir,
            target: self,
            staging: Some(staging),
        }
    }

    /// Takes the output's lock, or says who holds it (see [`Lock`]).
    pub fn lock(&self) -> Result<Lock, Diagnostic> {
        Lock::take(self)
    }

    /// The output folder's own name (`public`).
    pub(crate) fn name(&self) -> String {
        self.dir
            .file_name()
            .map_or_else(|| "public".into(), |n| n.to_string_lossy().into_owned())
    }

    /// Writes `pages` and `assets` into a new tree beside the output and swaps it into place.
    /// Returns the number of files written.
    pub fn replace_all(
        &self,
        lock: &Lock,
        pages: &[Page],
        assets: &[Asset],
    ) -> Result<usize, Diagnostic> {
        self.clean_leftovers(lock)?;
        let scratch = Scratch::create(self, lock)?;
        let tree = scratch.dir.join("new");
        self.fill(&tree, pages, assets)?;
        self.swap(&tree, &scratch)?;
        drop(scratch);
        Ok(pages.len() + assets.len())
    }

    fn fill(&self, dir: &Path, pages: &[Page], assets: &[Asset]) -> Result<usize, Diagnostic> {
        fs::create_dir_all(dir)
            .map_err(|e| self.io(dir, "cannot create the temporary output folder", &e))?;
        let tree = Tree {
            dir,
            target: self,
            staging: None,
        };
        pages.par_iter().try_for_each(|p| tree.write(p))?;
        assets.par_iter().try_for_each(|a| tree.copy(a))?;
        Ok(pages.len() + assets.len())
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
