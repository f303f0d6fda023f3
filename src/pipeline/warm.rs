//! Warm builds: `build` records each page's signature (`Signer`) in the manifest of the
//! generation it writes, so the next build renders only the pages whose inputs changed and keeps
//! every other page, byte for byte, where the recycled spare already holds it.
//!
//! A recorded signature is trusted only by a build of the same sitegen binary with the same
//! settings (the `key`: the binary's identity on disk, the version, and every setting including
//! today's date), and a live page only while `lstat` says it is the file that build wrote.
//! Anything else (another binary, changed settings, a page edited by hand or by `watch`, no
//! record at all) renders the page again, so the output always equals a clean build's.

use std::fs;
use std::time::UNIX_EPOCH;

use super::Previous;
use crate::config::Config;
use crate::hash::digest;
use crate::output::{
    Entry, Generation, Manifest, PageRecord, Signed, Target, recordable, stamp_of,
};
use crate::search::shards;

/// What the live output offers a build: its manifest, when its pages were signed under the same
/// key.
pub(crate) struct Warm {
    key: Option<u64>,
    live: Option<Manifest>,
}

/// What a build is given of the previous generation: the live output's records, and a page kept
/// only while the live file is the one recorded and the generation being written (`next`, the
/// recycled spare) holds it too. A page the spare lacks is rendered rather than copied from the
/// live tree: at 100,000 posts copying every page took 54 s where rendering and writing them took
/// 36 s (BENCHMARKS.md).
pub(crate) struct LiveOutput<'a> {
    warm: &'a Warm,
    target: &'a Target,
    next: &'a Generation<'a>,
}

impl Previous for LiveOutput<'_> {
    fn record(&self, path: &str) -> Option<&PageRecord> {
        self.warm.signed()?.1.pages.get(path)
    }

    fn keepable(&self, path: &str, record: &PageRecord) -> bool {
        self.warm.signed().is_some_and(|(live, _)| {
            untouched(self.target, live, path)
                .is_some_and(|hash| hash == record.hash && self.next.holds(path, hash))
        })
    }
}

impl Warm {
    /// Reads what the live output of `target` recorded, for a build with `config`.
    pub(crate) fn load(config: &Config, target: &Target) -> Warm {
        let key = build_key(config);
        let live = key.and_then(|key| {
            target
                .live_manifest()
                .filter(|m| m.signed.as_ref().is_some_and(|s| s.key == key))
        });
        Warm { key, live }
    }

    fn signed(&self) -> Option<(&Manifest, &Signed)> {
        let live = self.live.as_ref()?;
        Some((live, live.signed.as_ref()?))
    }

    /// The previous generation as a build writing `next` in `target` sees it.
    pub(crate) fn previous<'a>(
        &'a self,
        target: &'a Target,
        next: &'a Generation<'a>,
    ) -> LiveOutput<'a> {
        LiveOutput {
            warm: self,
            target,
            next,
        }
    }

    /// The keys of the live output's search index, per shard (`search::shards::Plan::keys`).
    pub(crate) fn search_keys(&self) -> Option<&[u64]> {
        Some(&self.signed()?.1.search)
    }

    /// Keeps shard `shard` of the live output's search index in `next` when every file of it is
    /// untouched; returns how many files it kept and wrote, or `None` (the shard is to be made
    /// again).
    pub(crate) fn keep_shard(
        &self,
        target: &Target,
        next: &Generation,
        shard: usize,
    ) -> Result<Option<(usize, usize)>, crate::diagnostic::Diagnostic> {
        let Some((live, _)) = self.signed() else {
            return Ok(None);
        };
        let files: Option<Vec<(&String, u64)>> = live
            .entries
            .iter()
            .filter(|(path, e)| {
                matches!(e, Entry::File { .. }) && shards::shard_of_file(path) == Some(shard)
            })
            .map(|(path, _)| Some((path, untouched(target, live, path)?)))
            .collect();
        let Some(files) = files.filter(|f| !f.is_empty()) else {
            return Ok(None);
        };
        let mut written = 0;
        for &(path, hash) in &files {
            written += usize::from(next.keep(path, hash)?);
        }
        Ok(Some((files.len(), written)))
    }

    /// What to record with the new generation: `pages` signed under this build's key.
    pub(crate) fn record(
        &self,
        pages: Vec<(String, PageRecord)>,
        search: Vec<u64>,
    ) -> Option<Signed> {
        Some(Signed {
            key: self.key?,
            search,
            pages: pages
                .into_iter()
                .filter(|(path, p)| recordable(path) && p.deps.iter().all(|d| recordable(d)))
                .collect(),
        })
    }
}

/// The stable hash of the live file at `path` when `lstat` says it is still the file the
/// manifest records.
fn untouched(target: &Target, live: &Manifest, path: &str) -> Option<u64> {
    let Entry::File { stamp, hash } = live.entries.get(path)? else {
        return None;
    };
    let meta = fs::symlink_metadata(target.dir.join(path)).ok()?;
    (meta.is_file() && stamp_of(&meta) == *stamp).then_some(*hash)
}

/// What must be the same for a recorded signature to be trusted: this sitegen binary (its
/// version, and the file's identity, size and times: a rebuilt binary may render differently)
/// and every setting, including the overrides and today's date.
fn build_key(config: &Config) -> Option<u64> {
    let exe = fs::metadata(std::env::current_exe().ok()?).ok()?;
    let stamp = stamp_of(&exe);
    let modified = exe.modified().ok()?.duration_since(UNIX_EPOCH).ok()?;
    Some(digest((
        env!("CARGO_PKG_VERSION"),
        (stamp.ino, stamp.size, stamp.time),
        modified.as_nanos(),
        format!("{config:?}"),
    )))
}
