//! Writing the output: the files a build produces (`Page`, `Asset`), one set of methods that write
//! them into a folder (used by full builds and by watch alike), and the atomic replacement of the
//! whole output so a failed build never damages the previous one. sitegen's own bookkeeping
//! (state, scratch folders, lock) lives beside the output folder, never in it.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

mod generation;
mod lock;
mod record;
mod scratch;
mod state;
mod swap;
mod target;

pub(crate) use generation::Generation;
pub(crate) use lock::Lock;
pub(crate) use record::{PageRecord, searchable};
pub(crate) use scratch::Scratch;
pub(crate) use state::{Entry, Manifest, Signed, recordable, stamp_of};
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

/// The live output, for replacing single files in it (watch).
pub(crate) struct Tree<'a> {
    dir: &'a Path,
    target: &'a Target,
    /// Where a file is written before it is renamed into place, so a reader sees the old file
    /// or the new one, never a torn or empty one.
    staging: &'a Scratch,
}

impl Tree<'_> {
    /// Writes a generated file, creating its folders.
    pub fn write(&self, page: &Page) -> Result<(), Diagnostic> {
        let to = self.dir.join(&page.path);
        self.put(&to, |dest| fs::write(dest, &page.bytes))
            .map_err(|e| self.target.io(&to, "cannot write", &e))
    }

    /// Runs `write` on a temporary file that then replaces the file at `to` in one rename.
    fn put(&self, to: &Path, write: impl FnOnce(&Path) -> io::Result<()>) -> io::Result<()> {
        ensure_parent(to)?;
        let temp = self.staging.temp_file();
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

    /// Removes a folder and everything in it (the search index once search is turned off);
    /// true when it was there.
    pub fn remove_folder(&self, rel: &str) -> bool {
        let path = self.dir.join(rel);
        path.is_dir() && fs::remove_dir_all(&path).is_ok()
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
            staging,
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

    /// Writes `pages` and `assets` as the output's next generation and swaps it into place.
    /// Returns the warnings of what failed after the swap (see [`Generation::commit`]).
    pub fn replace_all(
        &self,
        lock: &Lock,
        pages: &[Page],
        assets: &[Asset],
        keep_spare: bool,
    ) -> Result<Vec<Diagnostic>, Diagnostic> {
        let paths = pages
            .iter()
            .map(|p| p.path.as_str())
            .chain(assets.iter().map(|a| a.to.as_str()));
        let next = self.begin(lock, paths, &[], keep_spare)?;
        pages
            .par_iter()
            .map(|p| next.page(p).map(drop))
            .chain(assets.par_iter().map(|a| next.asset(a).map(drop)))
            .collect::<Result<(), Diagnostic>>()?;
        next.commit(None)
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
