//! The search index in `watch`: after a rebuild that changed what is searchable, the shards of
//! the index whose pages changed are made again from the pages on disk, on a thread of its own,
//! so the rebuild (and the reload it sends) never waits for it. In each shard new files are
//! written before the entry file that names them, and stale ones removed after it, each by
//! rename: a search running meanwhile reads the old index or the new one.

use std::collections::HashSet;
use std::fs;
use std::sync::{Arc, Mutex};
use std::time::Instant;

use walkdir::WalkDir;

use crate::diagnostic::{Diagnostic, Failure};
use crate::output::{Page, Scratch, Target};
use crate::search::{self, shards};

/// Pagefind's entry file: it names the index's other files, so it is written last.
const ENTRY: &str = "pagefind-entry.json";

/// The keys of the shards as the last refresh wrote them (`None`: unknown, make them all).
pub(crate) type Written = Arc<Mutex<Option<Vec<u64>>>>;

/// A refresh of the search index, ready to run on any thread (it owns what it needs).
pub struct SearchRefresh {
    pub(super) target: Target,
    pub(super) staging: Arc<Scratch>,
    /// The searchable pages: output path and hash of the bytes the rebuild wrote.
    pub(super) pages: Vec<(String, u64)>,
    /// What the output's index holds, shared by the session's refreshes (one runs at a time).
    pub(super) written: Written,
    /// The `search_shard_pages` setting.
    pub(super) per_shard: usize,
}

/// What a refresh of the search index did.
#[derive(Debug, Default)]
pub struct SearchOutcome {
    /// Pages indexed.
    pub pages: usize,
    /// Shards made again, and shards in all.
    pub shards: (usize, usize),
    /// Files of `pagefind/` written (the others had the same bytes already).
    pub written: usize,
    /// Files of `pagefind/` removed.
    pub removed: usize,
    /// Milliseconds taken.
    pub millis: u128,
}

impl SearchRefresh {
    /// Makes again the shards whose pages changed since the last refresh, from the pages as they
    /// are on disk now, and brings `pagefind/` up to date. A page that is gone (a rebuild removed
    /// it meanwhile) fails the refresh: that rebuild asked for another one.
    pub fn run(&self) -> Result<SearchOutcome, Failure> {
        let start = Instant::now();
        let mut written = self.written.lock().unwrap_or_else(|e| e.into_inner());
        let pages: Vec<(&str, u64)> = self.pages.iter().map(|(p, h)| (p.as_str(), *h)).collect();
        let plan = shards::Plan::new(&pages, self.per_shard);
        let mut stale = plan.stale(written.as_deref());
        stale.extend(plan.missing(&self.target.dir));
        stale.sort_unstable();
        stale.dedup();
        // Until this refresh has finished, what the output holds is unknown.
        *written = None;
        let dir = &self.target.dir;
        let read = |path: &str| {
            let from = dir.join(path);
            fs::read_to_string(&from).map_err(|e| self.target.io(&from, "cannot read", &e))
        };
        let kept = self.staging.dir.join("search");
        let made = shards::index(&plan, &stale, &read, Some(&kept))
            .map_err(|diagnostics| Failure { diagnostics })?;
        let mut outcome = SearchOutcome {
            pages: stale.iter().map(|&k| plan.pages[k].len()).sum(),
            shards: (stale.len(), plan.count()),
            ..SearchOutcome::default()
        };
        for (_, files) in &made {
            outcome.written += self.put(files)?;
        }
        outcome.written += self.put(std::slice::from_ref(&plan.list()))?;
        let wanted: HashSet<&str> = made
            .iter()
            .flat_map(|(_, files)| files.iter().map(|f| f.path.as_str()))
            .collect();
        let remade: HashSet<usize> = stale.iter().copied().collect();
        outcome.removed = self.remove_stale(|rel| match shards::shard_of_file(rel) {
            Some(k) => k >= plan.count() || (remade.contains(&k) && !wanted.contains(rel)),
            None => rel != shards::LIST,
        });
        *written = Some(plan.keys);
        outcome.millis = start.elapsed().as_millis();
        Ok(outcome)
    }

    /// Writes the files of one shard whose bytes differ from the output's, its entry file last;
    /// returns how many it wrote.
    fn put(&self, files: &[Page]) -> Result<usize, Failure> {
        let tree = self.target.live(&self.staging);
        let (entry, rest): (Vec<&Page>, Vec<&Page>) =
            files.iter().partition(|f| f.path.ends_with(ENTRY));
        let mut written = 0;
        for file in rest.into_iter().chain(entry) {
            let path = self.target.dir.join(&file.path);
            if fs::read(&path).is_ok_and(|old| old == file.bytes) {
                continue;
            }
            tree.write(file).map_err(|d: Diagnostic| Failure {
                diagnostics: vec![d],
            })?;
            written += 1;
        }
        Ok(written)
    }

    /// Removes the files of `pagefind/` that `stale` picks (paths relative to the output);
    /// returns how many.
    fn remove_stale(&self, stale: impl Fn(&str) -> bool) -> usize {
        let dir = &self.target.dir;
        let tree = self.target.live(&self.staging);
        let mut removed = 0;
        for entry in WalkDir::new(dir.join(search::DIR)).into_iter().flatten() {
            if entry.file_type().is_dir() {
                continue;
            }
            let rel = entry
                .path()
                .strip_prefix(dir)
                .map(|p| p.to_string_lossy().replace('\\', "/"))
                .unwrap_or_default();
            if stale(&rel) {
                tree.remove(&rel);
                removed += 1;
            }
        }
        removed
    }
}
