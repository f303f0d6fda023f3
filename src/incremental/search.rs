//! The search index in `watch`: after a rebuild that changed what is searchable, the index is
//! made again from the searchable pages on disk, on a thread of its own, so the rebuild (and the
//! reload it sends) never waits for it. New files are written before the entry file that names
//! them, and stale ones removed after it, each by rename: a search running meanwhile reads the
//! old index or the new one.

use std::fs;
use std::sync::Arc;
use std::time::Instant;

use walkdir::WalkDir;

use crate::diagnostic::Failure;
use crate::output::{Page, Scratch, Target};
use crate::search;

/// Pagefind's entry file: it names the index's other files, so it is written last.
const ENTRY: &str = "pagefind-entry.json";

/// A refresh of the search index, ready to run on any thread (it owns what it needs).
pub struct SearchRefresh {
    pub(super) target: Target,
    pub(super) staging: Arc<Scratch>,
    /// The searchable pages, by output path.
    pub(super) pages: Vec<String>,
}

/// What a refresh of the search index did.
#[derive(Debug, Default)]
pub struct SearchOutcome {
    /// Pages indexed.
    pub pages: usize,
    /// Files of `pagefind/` written (the others had the same bytes already).
    pub written: usize,
    /// Files of `pagefind/` removed.
    pub removed: usize,
    /// Milliseconds taken.
    pub millis: u128,
}

impl SearchRefresh {
    /// Indexes the pages as they are on disk now and brings `pagefind/` up to date. A page that
    /// is gone (a rebuild removed it meanwhile) is left out: that rebuild asks for a refresh too.
    pub fn run(&self) -> Result<SearchOutcome, Failure> {
        let start = Instant::now();
        let dir = &self.target.dir;
        let sources: Vec<search::Source> = self
            .pages
            .iter()
            .filter_map(|path| {
                let html = fs::read_to_string(dir.join(path)).ok()?;
                Some(search::Source {
                    path: path.clone(),
                    html,
                })
            })
            .collect();
        let pages = sources.len();
        let files = search::index(sources)?;
        let tree = self.target.live(&self.staging);
        let mut written = 0;
        let (entry, rest): (Vec<&Page>, Vec<&Page>) = files
            .iter()
            .partition(|f| f.path == format!("{}/{ENTRY}", search::DIR));
        for file in rest.into_iter().chain(entry) {
            if fs::read(dir.join(&file.path)).is_ok_and(|old| old == file.bytes) {
                continue;
            }
            tree.write(file)?;
            written += 1;
        }
        let wanted: std::collections::HashSet<&str> =
            files.iter().map(|f| f.path.as_str()).collect();
        let mut stale = Vec::new();
        for entry in WalkDir::new(dir.join(search::DIR)).into_iter().flatten() {
            if entry.file_type().is_dir() {
                continue;
            }
            let rel = entry
                .path()
                .strip_prefix(dir)
                .map(|p| p.to_string_lossy().replace('\\', "/"))
                .unwrap_or_default();
            if !wanted.contains(rel.as_str()) {
                stale.push(rel);
            }
        }
        for rel in &stale {
            tree.remove(rel);
        }
        Ok(SearchOutcome {
            pages,
            written,
            removed: stale.len(),
            millis: start.elapsed().as_millis(),
        })
    }
}
