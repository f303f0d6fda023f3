//! Output generations: the previous output is kept beside the live one as a hidden spare
//! (`.<output>.spare`), and the next build is written by recycling it — only files whose bytes
//! differ from what it holds are written, files the new build no longer has are removed — before
//! the atomic swap makes it live and the tree that was live becomes the spare.
//!
//! What a spare holds is known from its manifest in the state file (path, size and xxh3 hash per
//! file), trusted file by file only while `lstat` agrees (same inode, size and change time; for
//! folders the same modification time, which moves when anything is added or removed in them).
//! A folder that changed is walked and anything not part of the new build removed. A spare that
//! is missing, not sitegen's, or has no manifest (a build died while writing it) is replaced by a
//! fresh tree (one that is not sitegen's is left alone: the fresh tree is then written in a
//! scratch folder, and the previous output removed after the swap). The spare's manifest is dropped from the state before the spare is touched, so a
//! kill at any instant never leaves a manifest that describes a half-written tree.

use std::collections::{BTreeSet, HashMap};
use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use rayon::prelude::*;
use walkdir::WalkDir;

use super::state::{Entry, Manifest, Signed, State, identity, recordable, remove_tree, stamp_of};
use super::{Asset, Lock, Page, Scratch, Target};
use crate::diagnostic::Diagnostic;
use crate::fsutil;
use crate::hash::stable_bytes;

/// A new generation being written into the spare folder; [`Generation::commit`] swaps it in.
pub(crate) struct Generation<'a> {
    target: &'a Target,
    lock: &'a Lock,
    dir: PathBuf,
    keep_spare: bool,
    /// Set when a folder that is not sitegen's has the spare's name: the new tree is then written
    /// in this scratch folder, and the previous output is removed after the swap.
    scratch: Option<Scratch>,
    /// Files of the spare that are as its manifest says: path -> recorded entry.
    known: HashMap<String, Entry>,
    /// Entries of the new generation, filled as files are written or kept.
    written: Mutex<Vec<(String, Entry)>>,
    expected: Expected,
    /// The folder was empty when this generation began and every expected folder has been made
    /// in it since: a file is written without looking at its place first.
    fresh: bool,
}

/// The paths the new generation will hold.
struct Expected {
    files: BTreeSet<String>,
    dirs: BTreeSet<String>,
    /// Folders whose files are known only late in the build (the search index, made from the
    /// rendered pages): what the spare holds there is kept for recycling, and whatever the new
    /// generation did not write there is removed at [`Generation::commit`].
    late: Vec<String>,
}

impl Expected {
    fn new<'p>(paths: impl Iterator<Item = &'p str>, late: &[&str]) -> Expected {
        let mut files = BTreeSet::new();
        let mut dirs = BTreeSet::from([String::new()]);
        for p in paths {
            let mut end = p.len();
            while let Some(i) = p[..end].rfind('/') {
                if !dirs.insert(p[..i].to_string()) {
                    break;
                }
                end = i;
            }
            files.insert(p.to_string());
        }
        let late = late.iter().map(|d| d.to_string()).collect();
        Expected { files, dirs, late }
    }

    /// Makes every expected folder in the empty folder `dir` (parents sort before their children),
    /// so that writing a file needs no `mkdir` that fails because its folder exists.
    fn make_dirs(&self, dir: &Path) -> io::Result<()> {
        self.dirs
            .iter()
            .filter(|d| !d.is_empty())
            .try_for_each(|d| fs::create_dir(dir.join(d)))
    }

    /// Whether `path` is a late folder or inside one.
    fn is_late(&self, path: &str) -> bool {
        self.late.iter().any(|d| {
            path.strip_prefix(d.as_str())
                .is_some_and(|rest| rest.is_empty() || rest.starts_with('/'))
        })
    }

    fn has_file(&self, path: &str) -> bool {
        self.files.contains(path) || self.is_late(path)
    }

    fn has_dir(&self, path: &str) -> bool {
        self.dirs.contains(path) || self.is_late(path)
    }
}

impl Target {
    /// The manifest of the live output, when one is recorded for it.
    pub(crate) fn live_manifest(&self) -> Option<Manifest> {
        let id = identity(&self.dir)?;
        State::load(self).take(id)
    }

    /// The spare generation's folder beside the output.
    pub(crate) fn spare_dir(&self) -> PathBuf {
        self.sibling(&format!(".{}.spare", self.name()))
    }

    /// Starts a new generation that will hold exactly `paths` (pages and assets), and whatever is
    /// written into the `late` folders before the commit: recycles the spare when its manifest
    /// can be trusted, else starts from an empty folder.
    pub(crate) fn begin<'a, 'p>(
        &'a self,
        lock: &'a Lock,
        paths: impl Iterator<Item = &'p str>,
        late: &[&str],
        keep_spare: bool,
    ) -> Result<Generation<'a>, Diagnostic> {
        self.clean_leftovers(lock)?;
        let parent = self.sibling("");
        fs::create_dir_all(&parent)
            .map_err(|e| self.io(&parent, "cannot create the output's parent folder", &e))?;
        let mut state = State::load(self);
        let spare = self.spare_dir();
        if fs::symlink_metadata(&spare).is_ok() && !state.spare {
            // Not sitegen's folder: leave it alone and write a fresh tree elsewhere.
            let scratch = Scratch::create(self, lock)?;
            let dir = scratch.dir.join("tree");
            let expected = Expected::new(paths, late);
            fs::create_dir(&dir)
                .and_then(|()| expected.make_dirs(&dir))
                .map_err(|e| self.io(&dir, "cannot create the new output folder", &e))?;
            return Ok(Generation {
                target: self,
                lock,
                dir,
                keep_spare: false,
                scratch: Some(scratch),
                known: HashMap::new(),
                written: Mutex::new(Vec::new()),
                expected,
                fresh: true,
            });
        }
        let dir = spare;
        let id = identity(&dir);
        // From here on the spare is being changed: its manifest no longer describes it.
        let manifest = id.and_then(|id| state.take(id));
        state.spare = true;
        state.save(self)?;
        // The live output's manifest, which the state holds too, is not needed here: at 100,000
        // posts it is about 200 MB, freed before the spare is compared with its manifest.
        drop(state);
        let expected = Expected::new(paths, late);
        let fresh = manifest.is_none();
        let known = match manifest {
            Some(m) => recycle(&dir, &m, &expected)
                .map_err(|e| self.io(&dir, "cannot update the spare output", &e))?,
            None => {
                remove_tree(&dir)
                    .and_then(|()| fs::create_dir(&dir))
                    .and_then(|()| expected.make_dirs(&dir))
                    .map_err(|e| self.io(&dir, "cannot create the new output folder", &e))?;
                HashMap::new()
            }
        };
        Ok(Generation {
            target: self,
            lock,
            dir,
            keep_spare,
            scratch: None,
            known,
            written: Mutex::new(Vec::new()),
            expected,
            fresh,
        })
    }
}

/// Brings a spare with a manifest to a state where every file it still holds is an expected one
/// that its manifest vouches for or that will be written anew; returns those it vouches for.
fn recycle(dir: &Path, m: &Manifest, expected: &Expected) -> io::Result<HashMap<String, Entry>> {
    // Which recorded entries still are what the manifest says.
    let checks: Vec<(&String, &Entry, bool)> = m
        .entries
        .par_iter()
        .map(|(path, entry)| {
            let now = fs::symlink_metadata(dir.join(path)).ok();
            let same = now.is_some_and(|meta| {
                let stamp = stamp_of(&meta);
                match entry {
                    Entry::File { stamp: s, .. } => meta.is_file() && stamp == *s,
                    Entry::Dir { stamp: s } => meta.is_dir() && stamp == *s,
                }
            });
            (path, entry, same)
        })
        .collect();
    let tampered = checks
        .iter()
        .any(|(_, e, same)| matches!(e, Entry::Dir { .. }) && !same);
    let mut known = HashMap::new();
    for (path, entry, same) in &checks {
        if *same && matches!(entry, Entry::File { .. }) && expected.has_file(path) {
            known.insert((*path).clone(), **entry);
        }
    }
    if tampered {
        // Something was added, removed or replaced in some folder: look at everything.
        remove_unexpected(dir, expected)?;
    } else {
        for (path, entry, _) in checks.iter().rev() {
            let gone = match entry {
                Entry::File { .. } => !expected.has_file(path),
                Entry::Dir { .. } => !expected.has_dir(path),
            };
            if gone {
                let full = dir.join(path);
                match entry {
                    Entry::File { .. } => ignore_missing(fs::remove_file(&full))?,
                    Entry::Dir { .. } => remove_tree(&full)?,
                }
            }
        }
    }
    Ok(known)
}

/// Walks the whole tree and removes whatever the new generation does not hold, and anything of
/// the wrong kind (a link, or a folder where a file goes).
fn remove_unexpected(dir: &Path, expected: &Expected) -> io::Result<()> {
    let mut walk = WalkDir::new(dir).min_depth(1).into_iter();
    while let Some(entry) = walk.next() {
        let entry = entry.map_err(io::Error::other)?;
        let rel = relative(dir, entry.path());
        let kind = entry.file_type();
        if kind.is_dir() && expected.has_dir(&rel) {
            continue;
        }
        if kind.is_file() && expected.has_file(&rel) {
            continue;
        }
        if kind.is_dir() {
            walk.skip_current_dir();
            remove_tree(entry.path())?;
        } else {
            ignore_missing(fs::remove_file(entry.path()))?;
        }
    }
    Ok(())
}

fn relative(dir: &Path, path: &Path) -> String {
    let rel = path.strip_prefix(dir).unwrap_or(path);
    rel.iter()
        .map(|p| p.to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

fn ignore_missing(r: io::Result<()>) -> io::Result<()> {
    match r {
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(()),
        other => other,
    }
}

impl Generation<'_> {
    /// Writes a page unless the spare already holds exactly these bytes. Returns whether it wrote.
    pub(crate) fn page(&self, page: &Page) -> Result<bool, Diagnostic> {
        let hash = stable_bytes(&page.bytes);
        self.put(&page.path, hash, |to| {
            let mut f = fs::OpenOptions::new()
                .write(true)
                .create(true)
                .truncate(true)
                .open(to)?;
            f.write_all(&page.bytes)?;
            f.metadata()
        })
        .map_err(|e| {
            self.target
                .io(&self.dir.join(&page.path), "cannot write", &e)
        })
    }

    /// Puts the live output's file at `rel`, which its manifest records as `hash`, into this
    /// generation unchanged: kept when the spare holds the same bytes, else copied from the live
    /// tree (reflinked where the filesystem can). Returns whether it wrote.
    pub(crate) fn keep(&self, rel: &str, hash: u64) -> Result<bool, Diagnostic> {
        let from = self.target.dir.join(rel);
        self.put(rel, hash, |to| {
            fs::copy(&from, to)?;
            fs::symlink_metadata(to)
        })
        .map_err(|e| self.target.io(&self.dir.join(rel), "cannot write", &e))
    }

    /// Whether the recycled spare already holds the file at `rel` with bytes of stable hash `hash`
    /// (so keeping it costs no write).
    pub(crate) fn holds(&self, rel: &str, hash: u64) -> bool {
        matches!(self.known.get(rel), Some(Entry::File { hash: h, .. }) if *h == hash)
    }

    /// The folder the new generation is written in.
    pub(crate) fn dir(&self) -> &Path {
        &self.dir
    }

    /// Copies an asset unless the spare holds a copy of the same source file (same inode, size
    /// and times). The copy reflinks where the filesystem can (`copy_file_range`).
    pub(crate) fn asset(&self, asset: &Asset) -> Result<bool, Diagnostic> {
        let source = fs::metadata(&asset.from);
        let hash = source.as_ref().map_or(0, source_hash);
        self.put(&asset.to, hash, |to| {
            fs::copy(&asset.from, to)?;
            crate::faults::check(crate::faults::COPY)?;
            fs::symlink_metadata(to)
        })
        .map_err(|e| {
            Diagnostic::file_error(
                fsutil::relative(&self.target.root, &asset.from),
                format!("cannot copy into the output: {e}"),
            )
        })
    }

    /// Keeps the file at `rel` when the manifest vouches for `hash`, else writes it with `write`
    /// (a file the manifest does not vouch for is removed first: it may be anything).
    fn put(
        &self,
        rel: &str,
        hash: u64,
        write: impl FnOnce(&Path) -> io::Result<fs::Metadata>,
    ) -> io::Result<bool> {
        let known = self.known.get(rel);
        if let Some(entry @ Entry::File { hash: h, .. }) = known
            && *h == hash
        {
            self.record(rel, *entry);
            return Ok(false);
        }
        let to = self.dir.join(rel);
        if known.is_none() && !self.fresh {
            match fs::symlink_metadata(&to) {
                Ok(m) if m.is_dir() => remove_tree(&to)?,
                Ok(_) => fs::remove_file(&to)?,
                Err(_) => {}
            }
        }
        let folder = rel.rsplit_once('/').map_or("", |(folder, _)| folder);
        let made = self.fresh && self.expected.dirs.contains(folder);
        if let Some(parent) = to.parent().filter(|_| !made) {
            fs::create_dir_all(parent)?;
        }
        let meta = write(&to)?;
        self.record(
            rel,
            Entry::File {
                stamp: stamp_of(&meta),
                hash,
            },
        );
        Ok(true)
    }

    fn record(&self, rel: &str, entry: Entry) {
        if recordable(rel) {
            let mut written = self.written.lock().unwrap_or_else(|e| e.into_inner());
            written.push((rel.to_string(), entry));
        }
    }

    /// Records the new generation's manifest and swaps it into place; the tree that was live
    /// becomes the spare (or is removed when no spare is kept).
    /// `signed` is what its pages were rendered from, for the next build (see `pipeline::warm`).
    /// Swaps the generation in. Everything a build must write is written before the swap, so a
    /// failure returns an error with the previous output untouched; what fails after it (tidying
    /// the spare, recording the state) is returned as warnings: the new site is published, and a
    /// state not recorded only makes the next build render everything.
    pub(crate) fn commit(self, signed: Option<Signed>) -> Result<Vec<Diagnostic>, Diagnostic> {
        let target = self.target;
        let mut entries: std::collections::BTreeMap<String, Entry> = self
            .written
            .into_inner()
            .unwrap_or_else(|e| e.into_inner())
            .into_iter()
            .collect();
        let mut expected_dirs = self.expected.dirs.clone();
        for late in &self.expected.late {
            let dirs = remove_unwritten(&self.dir, late, &entries)
                .map_err(|e| target.io(&self.dir.join(late), "cannot update the output", &e))?;
            expected_dirs.extend(dirs);
        }
        let dirs: Vec<(String, Option<fs::Metadata>)> = expected_dirs
            .par_iter()
            .map(|d| (d.clone(), fs::symlink_metadata(self.dir.join(d)).ok()))
            .collect();
        for (d, meta) in dirs {
            if let Some(meta) = meta.filter(fs::Metadata::is_dir) {
                entries.insert(
                    d,
                    Entry::Dir {
                        stamp: stamp_of(&meta),
                    },
                );
            }
        }
        let mut state = State::load(target);
        if let Some(id) = identity(&self.dir) {
            state.record(Manifest {
                id,
                entries,
                signed,
            });
        }
        state.save(target)?;
        let had_output = target.dir.exists();
        target.swap(&self.dir, self.lock)?;
        let mut warnings = Vec::new();
        let mut state = State::load(target);
        if !had_output || !self.keep_spare {
            // Nothing is left at the spare's place, or what is there is not kept.
            if let Some(id) = identity(&self.dir) {
                state.forget(id);
            }
            if let Err(e) = remove_tree(&self.dir) {
                warnings.push(target.io(&self.dir, "cannot remove the previous output", &e));
            }
            if self.scratch.is_none() {
                state.spare = false;
            }
        }
        state
            .manifests
            .retain(|m| Some(m.id) == identity(&target.dir) || Some(m.id) == identity(&self.dir));
        let saved = crate::faults::check(crate::faults::STATE_AFTER_SWAP)
            .map_err(|e| {
                target.io(
                    &target.state_path(),
                    "cannot write sitegen's state file",
                    &e,
                )
            })
            .and_then(|()| state.save(target));
        if let Err(d) = saved {
            warnings.push(after_swap(d));
        }
        Ok(warnings)
    }
}

/// A failure after the swap, as the warning it is: the site is published.
fn after_swap(d: Diagnostic) -> Diagnostic {
    d.warning().with_hint(
        "the new site is in place; sitegen could not tidy up after it, so the next build renders \
         every page again (free some disk space)",
    )
}

/// Removes what the late folder `late` holds that this generation did not write (files of the
/// spare's index that the new one does not have); returns the folders left in it.
fn remove_unwritten(
    dir: &Path,
    late: &str,
    written: &std::collections::BTreeMap<String, Entry>,
) -> io::Result<Vec<String>> {
    let root = dir.join(late);
    if !root.is_dir() {
        return Ok(Vec::new());
    }
    let mut kept = Vec::new();
    // Children before their folder, so a folder emptied here is removed too.
    for entry in WalkDir::new(&root).contents_first(true) {
        let entry = entry.map_err(io::Error::other)?;
        let rel = relative(dir, entry.path());
        if entry.file_type().is_dir() {
            if entry.path() != root && fs::read_dir(entry.path())?.next().is_none() {
                fs::remove_dir(entry.path())?;
            } else {
                kept.push(rel);
            }
        } else if !written.contains_key(&rel) {
            ignore_missing(fs::remove_file(entry.path()))?;
        }
    }
    Ok(kept)
}

/// What identifies a source file's contents without reading it: inode, size and times.
fn source_hash(meta: &fs::Metadata) -> u64 {
    let stamp = stamp_of(meta);
    let modified = meta
        .modified()
        .ok()
        .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
        .map_or(0, |d| d.as_nanos());
    stable_bytes(
        format!(
            "{} {} {}.{} {modified}",
            stamp.ino, stamp.size, stamp.time.0, stamp.time.1
        )
        .as_bytes(),
    )
}
