//! sitegen's bookkeeping for one output folder, kept BESIDE it (never inside, so nothing of it is
//! published): the state file `.<output>.sitegen`, which marks the output as sitegen's, names the
//! scratch folders beside it that belong to builds (so a build killed at any instant, even while
//! deleting a folder, leaves nothing the next build does not remove), says whether the spare
//! generation beside it is sitegen's, and holds a manifest of each generation (`generation.rs`).
//!
//! The file is replaced atomically (written as `.<output>.sitegen.new`, then renamed), so a kill
//! at any instant leaves either the old or the new state. It is only written under the output's
//! lock.

use std::collections::BTreeMap;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use super::{PageRecord, Target};
use crate::diagnostic::Diagnostic;

/// The marker file that sitegen used to keep INSIDE the folders it made. Outputs and temporary
/// folders carrying it are still recognised as sitegen's; new ones never contain it.
pub(crate) const OLD_MARKER: &str = ".sitegen";

const HEADER: &str = "sitegen output state 1";
const NOTE: &str = "# sitegen's bookkeeping for the output folder beside this file: do not edit";

/// One file or folder of a generation as it was when sitegen last wrote it: if `stat` still gives
/// the same identity and change time, its contents are still the ones recorded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Stamp {
    /// Inode number.
    pub ino: u64,
    /// Size in bytes (0 for folders).
    pub size: u64,
    /// For a file its change time (`ctime`: any write, rename or `touch` moves it); for a folder
    /// its modification time (moved by adding, removing or renaming an entry in it, but not by
    /// renaming the folder itself, as a swap does). Seconds and nanoseconds.
    pub time: (i64, i64),
}

/// One entry of a manifest.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Entry {
    /// A file and the stable hash of its bytes (for a copied asset: of its source's stamp).
    File { stamp: Stamp, hash: u64 },
    /// A folder (its stamp changes when an entry is added, removed or renamed in it).
    Dir { stamp: Stamp },
}

/// What one generation of the output holds, by path inside it (`/`-separated; `""` is the root).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Manifest {
    /// Identity of the generation's root folder `(dev, ino)`: it moves with the folder through
    /// renames and swaps, so a manifest never describes the wrong folder.
    pub id: (u64, u64),
    /// Every file and folder.
    pub entries: BTreeMap<String, Entry>,
    /// What its pages were rendered from, when a full build wrote it (not `watch`, which changes
    /// the live tree file by file).
    pub signed: Option<Signed>,
}

/// What the pages of a generation were rendered from (see `pipeline::warm`): a later build
/// with the same `key` renders again only the pages whose signature differs.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Signed {
    /// Hash of the binary and the settings that rendered the generation.
    pub key: u64,
    /// Per shard of its search index, the hash of what the shard was made from
    /// (`search::shards::Plan::keys`); empty without an index.
    pub search: Vec<u64>,
    /// Output path -> what its page was rendered from.
    /// (The hash of a page's bytes is not written twice: it is read back from the page's entry.)
    pub pages: BTreeMap<String, PageRecord>,
}

/// The state file's contents.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct State {
    /// Scratch folders beside the output (names) that builds made and have not yet removed.
    pub scratch: Vec<String>,
    /// Whether the spare generation's folder (`.<output>.spare`) beside the output is sitegen's.
    pub spare: bool,
    /// Manifests of the generations that are complete and untouched since written.
    pub manifests: Vec<Manifest>,
}

impl Target {
    /// Path of the state file beside the output.
    pub(crate) fn state_path(&self) -> PathBuf {
        self.sibling(&format!(".{}.sitegen", self.name()))
    }

    /// A path beside the output folder.
    pub(crate) fn sibling(&self, name: &str) -> PathBuf {
        self.dir.parent().unwrap_or(Path::new("/")).join(name)
    }

    /// True when sitegen has written this output before (its state file is beside it, or it
    /// carries the old marker inside).
    pub(crate) fn is_marked(&self) -> bool {
        self.state_path().is_file() || self.dir.join(OLD_MARKER).is_file()
    }
}

impl State {
    /// Reads the state beside `target`'s output; a missing or unreadable file is an empty state
    /// (nothing beside the output is then taken for sitegen's).
    pub(crate) fn load(target: &Target) -> State {
        let _ = fs::remove_file(new_path(&target.state_path()));
        // Read line by line, not as one string: at 100,000 posts the file is 130 MB, which would
        // add to the build's peak memory each time the state is read.
        fs::File::open(target.state_path())
            .ok()
            .and_then(|file| State::read(io::BufReader::new(file)))
            .unwrap_or_default()
    }

    /// Replaces the state file atomically.
    pub(crate) fn save(&self, target: &Target) -> Result<(), Diagnostic> {
        let path = target.state_path();
        let new = new_path(&path);
        // Written and synced before it replaces the old one: a build that swaps its output in
        // has its state on disk first.
        let write = || -> std::io::Result<()> {
            let mut file = fs::File::create(&new)?;
            std::io::Write::write_all(&mut file, self.render().as_bytes())?;
            file.sync_all()
        };
        write().and_then(|()| fs::rename(&new, &path)).map_err(|e| {
            let _ = fs::remove_file(&new);
            target.io(&path, "cannot write sitegen's state file", &e)
        })
    }

    /// Takes the manifest of the folder with identity `id` out of the state (which then forgets
    /// it), without a copy.
    pub(crate) fn take(&mut self, id: (u64, u64)) -> Option<Manifest> {
        let at = self.manifests.iter().position(|m| m.id == id)?;
        Some(self.manifests.remove(at))
    }

    /// Forgets the manifest of the folder with identity `id`.
    pub(crate) fn forget(&mut self, id: (u64, u64)) {
        self.manifests.retain(|m| m.id != id);
    }

    /// Records `manifest`, replacing any earlier one of the same folder.
    pub(crate) fn record(&mut self, manifest: Manifest) {
        self.forget(manifest.id);
        self.manifests.push(manifest);
    }

    fn render(&self) -> String {
        let mut out = format!("{HEADER}\n{NOTE}\n");
        for s in &self.scratch {
            out.push_str(&format!("scratch {s}\n"));
        }
        if self.spare {
            out.push_str("spare\n");
        }
        for m in &self.manifests {
            out.push_str(&format!("tree {} {}\n", m.id.0, m.id.1));
            for (path, e) in &m.entries {
                match e {
                    Entry::File { stamp, hash } => out.push_str(&format!(
                        "f {} {} {} {} {hash:016x} {path}\n",
                        stamp.ino, stamp.size, stamp.time.0, stamp.time.1
                    )),
                    Entry::Dir { stamp } => out.push_str(&format!(
                        "d {} 0 {} {} 0 {path}\n",
                        stamp.ino, stamp.time.0, stamp.time.1
                    )),
                }
            }
            if let Some(signed) = &m.signed {
                let shards: Vec<String> =
                    signed.search.iter().map(|k| format!("{k:016x}")).collect();
                out.push_str(&format!(
                    "signed {:016x} {}\n",
                    signed.key,
                    if shards.is_empty() {
                        "-".to_string()
                    } else {
                        shards.join(",")
                    }
                ));
                for (path, page) in &signed.pages {
                    out.push_str(&format!(
                        "s {:016x} {} {path}\n",
                        page.signature,
                        u8::from(page.searchable)
                    ));
                    for dep in &page.deps {
                        out.push_str(&format!("l {dep}\n"));
                    }
                }
            }
        }
        out
    }

    /// Parses the state file; `None` when it is not one (then nothing in it is trusted).
    #[cfg(test)]
    fn parse(text: &str) -> Option<State> {
        State::read(text.as_bytes())
    }

    /// Reads the state file line by line; `None` when it is not one (then nothing in it is
    /// trusted) or cannot be read.
    fn read(mut reader: impl io::BufRead) -> Option<State> {
        let mut buf = String::new();
        let mut next_line = |buf: &mut String| -> Option<bool> {
            buf.clear();
            Some(reader.read_line(buf).ok()? > 0)
        };
        // As `str::lines` splits: at `\n`, then without a `\r` before it.
        let trim = |buf: &str| -> String {
            let line = buf.strip_suffix('\n').unwrap_or(buf);
            line.strip_suffix('\r').unwrap_or(line).to_string()
        };
        if !next_line(&mut buf)? || trim(&buf) != HEADER {
            return None;
        }
        let mut state = State::default();
        // The page of the last `s` line, which the `l` lines after it belong to.
        let mut signed_page: Option<String> = None;
        while next_line(&mut buf)? {
            let line = buf.strip_suffix('\n').unwrap_or(&buf);
            let line = line.strip_suffix('\r').unwrap_or(line);
            if line.starts_with('#') {
                continue;
            }
            if line == "spare" {
                state.spare = true;
                continue;
            }
            let (kind, rest) = line.split_once(' ')?;
            match kind {
                "scratch" => state.scratch.push(rest.to_string()),
                "tree" => {
                    let (dev, ino) = rest.split_once(' ')?;
                    state.manifests.push(Manifest {
                        id: (dev.parse().ok()?, ino.parse().ok()?),
                        entries: BTreeMap::new(),
                        signed: None,
                    });
                    signed_page = None;
                }
                "signed" => state.manifests.last_mut()?.signed = Some(signed_line(rest)?),
                "s" => {
                    let (path, mut page) = signed_page_line(rest)?;
                    let manifest = state.manifests.last_mut()?;
                    if let Some(Entry::File { hash, .. }) = manifest.entries.get(&path) {
                        page.hash = *hash;
                    }
                    let signed = manifest.signed.as_mut()?;
                    signed.pages.insert(path.clone(), page);
                    signed_page = Some(path);
                }
                "l" => {
                    let path = signed_page.as_ref()?;
                    let signed = state.manifests.last_mut()?.signed.as_mut()?;
                    signed.pages.get_mut(path)?.deps.push(rest.to_string());
                }
                "f" | "d" => {
                    let (path, entry) = entry_line(kind, rest)?;
                    state.manifests.last_mut()?.entries.insert(path, entry);
                }
                _ => return None,
            }
        }
        Some(state)
    }
}

/// A `signed KEY SHARDS` line of the state file (the search shard keys, comma-separated, or `-`);
/// its pages come in the `s` lines after it.
fn signed_line(rest: &str) -> Option<Signed> {
    let (key, search) = rest.split_once(' ')?;
    Some(Signed {
        key: u64::from_str_radix(key, 16).ok()?,
        search: match search {
            "-" => Vec::new(),
            keys => keys
                .split(',')
                .map(|k| u64::from_str_radix(k, 16).ok())
                .collect::<Option<_>>()?,
        },
        pages: BTreeMap::new(),
    })
}

/// An `s SIGNATURE SEARCHABLE PATH` line: a signed page, its `l` lines to come.
fn signed_page_line(rest: &str) -> Option<(String, PageRecord)> {
    let mut f = rest.splitn(3, ' ');
    let signature = u64::from_str_radix(f.next()?, 16).ok()?;
    let searchable = match f.next()? {
        "0" => false,
        "1" => true,
        _ => return None,
    };
    let path = f.next()?.to_string();
    Some((
        path,
        PageRecord {
            signature,
            searchable,
            ..PageRecord::default()
        },
    ))
}

/// An `f INO SIZE SECS NANOS HASH PATH` (file) or `d …` (folder) line of a manifest.
fn entry_line(kind: &str, rest: &str) -> Option<(String, Entry)> {
    let mut f = rest.splitn(6, ' ');
    let mut num = || f.next()?.parse::<i64>().ok();
    let (ino, size, secs, nanos) = (num()?, num()?, num()?, num()?);
    let hash = u64::from_str_radix(f.next()?, 16).ok()?;
    let path = f.next()?.to_string();
    let stamp = Stamp {
        ino: ino as u64,
        size: size as u64,
        time: (secs, nanos),
    };
    let entry = if kind == "f" {
        Entry::File { stamp, hash }
    } else {
        Entry::Dir { stamp }
    };
    Some((path, entry))
}

fn new_path(state: &Path) -> PathBuf {
    let mut name = state.file_name().unwrap_or_default().to_os_string();
    name.push(".new");
    state.with_file_name(name)
}

/// A path may be recorded when it fits on one line of the state file.
pub(crate) fn recordable(path: &str) -> bool {
    !path.contains(['\n', '\r'])
}

/// The stamp of a file or folder from its `lstat` metadata.
#[cfg(unix)]
pub(crate) fn stamp_of(meta: &fs::Metadata) -> Stamp {
    use std::os::unix::fs::MetadataExt;
    Stamp {
        ino: meta.ino(),
        size: if meta.is_dir() { 0 } else { meta.len() },
        time: if meta.is_dir() {
            (meta.mtime(), meta.mtime_nsec())
        } else {
            (meta.ctime(), meta.ctime_nsec())
        },
    }
}

/// Elsewhere no inode or change time is at hand: a stamp that never matches a recorded one, so
/// no manifest is trusted and every build writes a fresh tree.
#[cfg(not(unix))]
pub(crate) fn stamp_of(_meta: &fs::Metadata) -> Stamp {
    Stamp {
        ino: 0,
        size: u64::MAX,
        time: (i64::MIN, 0),
    }
}

/// Identity `(dev, ino)` of a folder, or `None` when it cannot be read (or off Unix).
pub(crate) fn identity(dir: &Path) -> Option<(u64, u64)> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        fs::symlink_metadata(dir)
            .ok()
            .filter(|m| m.is_dir())
            .map(|m| (m.dev(), m.ino()))
    }
    #[cfg(not(unix))]
    {
        let _ = dir;
        None
    }
}

/// Removes a folder and everything in it; a folder already gone is fine.
pub(crate) fn remove_tree(dir: &Path) -> io::Result<()> {
    match fs::remove_dir_all(dir) {
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(()),
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_state_file_reads_back_what_was_written() {
        let stamp = Stamp {
            ino: 7,
            size: 12,
            time: (1_700_000_000, 123),
        };
        let mut entries = BTreeMap::new();
        let dir = Stamp { size: 0, ..stamp };
        entries.insert("".into(), Entry::Dir { stamp: dir });
        entries.insert(
            "a b/index.html".into(),
            Entry::File {
                stamp,
                hash: u64::MAX,
            },
        );
        let state = State {
            scratch: vec![".public.tmp-12-0".into()],
            spare: true,
            manifests: vec![Manifest {
                id: (3, 4),
                entries,
                signed: Some(Signed {
                    key: 1,
                    search: vec![u64::MAX, 7],
                    pages: BTreeMap::from([
                        (
                            "a b/index.html".into(),
                            PageRecord {
                                signature: 5,
                                hash: u64::MAX,
                                searchable: true,
                                deps: vec!["posts/a b.md".into(), "exercise:plank".into()],
                            },
                        ),
                        ("feed.xml".into(), PageRecord::default()),
                    ]),
                }),
            }],
        };
        assert_eq!(State::parse(&state.render()), Some(state));
        assert_eq!(State::parse("something else\n"), None);
        assert_eq!(State::parse(&format!("{HEADER}\nf 1 2\n")), None);
        assert_eq!(
            State::parse(&format!("{HEADER}\ntree 1 2\nl orphan\n")),
            None
        );
        assert_eq!(
            State::parse(&format!("{HEADER}\ntree 1 2\ns 1 0 x\n")),
            None
        );
    }
}
