//! A shard's bundle kept on disk between two indexes of it (in `watch`), so that Pagefind
//! compresses only the files that changed: its `write_files` skips a content-named file (a
//! fragment, an index or filter chunk, a metadata file) that the folder holds already, where
//! `get_files` compresses every file at the best level, most of them unchanged (a page's edit
//! changes its fragment, some index chunks and the metadata; the shard's other fragments stay).
//!
//! The folder holds exactly the files of the shard's last bundle. After a write, the bundle is
//! what Pagefind's entry file and metadata name (see [`bundle`]); the files they no longer name
//! are removed. Pagefind names a file by a prefix of the SHA-1 of its contents (7 hex digits for
//! fragments and chunks), so a new file whose name equals an old one's with other contents would
//! keep the old contents: the chance is about one in 2^28 per changed file against each file of
//! the shard (about 10^-5 per save at 600 pages a shard), and only for the session; `build`
//! makes every index with `get_files`.

use std::collections::BTreeSet;
use std::fs;
use std::io::Read;
use std::path::Path;

use pagefind::api::PagefindIndex;

use super::File;
use crate::diagnostic::Diagnostic;

/// Pagefind's entry file, which names each language's metadata file.
const ENTRY: &str = "pagefind-entry.json";

/// The folders of content-named files inside a bundle.
const NAMED_DIRS: &[&str] = &["index", "fragment", "filter"];

/// Why the kept bundle cannot be used (the caller then makes the bundle from nothing, with
/// `get_files`, and keeps nothing of the folder): a diagnostic for the record, never shown.
type Unusable = Diagnostic;

fn unusable(why: impl std::fmt::Display) -> Unusable {
    Diagnostic::new(format!("the kept search bundle cannot be used: {why}"))
}

/// The prefix of every compressed file of the index, inside its gzip stream.
const DCD: &[u8] = b"pagefind_dcd";

/// Writes the bundle of `index` into `dir` (which holds the shard's last bundle, or nothing) and
/// returns its files (paths relative to the bundle, sorted), as `get_files` would.
pub(super) async fn write(index: &mut PagefindIndex, dir: &Path) -> Result<Vec<File>, Unusable> {
    fs::create_dir_all(dir).map_err(|e| unusable(format!("{}: {e}", dir.display())))?;
    // The files that are not content-named are written again every time; removing them first
    // leaves only this bundle's at the top of the folder.
    for name in top_files(dir)? {
        if !name.ends_with(".pf_meta") {
            fs::remove_file(dir.join(&name)).map_err(|e| unusable(format!("{name}: {e}")))?;
        }
    }
    let before = named_files(dir)?;
    let path = dir
        .to_str()
        .ok_or_else(|| unusable("the scratch folder's path is not UTF-8"))?;
    index
        .write_files(Some(path.to_string()))
        .await
        .map_err(unusable)?;
    let names = bundle(dir)?;
    for stale in before.difference(&names) {
        fs::remove_file(dir.join(stale)).map_err(|e| unusable(format!("{stale}: {e}")))?;
    }
    names
        .into_iter()
        .map(|name| match fs::read(dir.join(&name)) {
            Ok(bytes) => Ok((name, bytes)),
            Err(e) => Err(unusable(format!("{name}: {e}"))),
        })
        .collect()
}

/// The files of the bundle just written into `dir`: the files at its top (the scripts, styles,
/// WebAssembly and entry file, written again by every write) but for the metadata files, each
/// language's metadata file that the entry names, and the fragments and chunks that metadata
/// names.
fn bundle(dir: &Path) -> Result<BTreeSet<String>, Unusable> {
    let mut names: BTreeSet<String> = top_files(dir)?
        .into_iter()
        .filter(|name| !name.ends_with(".pf_meta"))
        .collect();
    let entry = fs::read(dir.join(ENTRY)).map_err(|e| unusable(format!("{ENTRY}: {e}")))?;
    let entry: serde_json::Value =
        serde_json::from_slice(&entry).map_err(|e| unusable(format!("{ENTRY}: {e}")))?;
    let languages = entry["languages"]
        .as_object()
        .ok_or_else(|| unusable(format!("{ENTRY} names no languages")))?;
    for language in languages.values() {
        let hash = language["hash"]
            .as_str()
            .ok_or_else(|| unusable(format!("{ENTRY}: a language without a hash")))?;
        let meta = format!("pagefind.{hash}.pf_meta");
        let bytes = fs::read(dir.join(&meta)).map_err(|e| unusable(format!("{meta}: {e}")))?;
        names.extend(named_by_meta(&bytes)?);
        names.insert(meta);
    }
    Ok(names)
}

/// The fragments and the index and filter chunks that a metadata file (gzip of `pagefind_dcd`
/// and the CBOR of Pagefind's `MetaIndex`: version, pages, index chunks, filters, ...) names.
fn named_by_meta(gz: &[u8]) -> Result<Vec<String>, Unusable> {
    let mut raw = Vec::new();
    flate2::read::GzDecoder::new(gz)
        .read_to_end(&mut raw)
        .map_err(unusable)?;
    let cbor = raw
        .strip_prefix(DCD)
        .ok_or_else(|| unusable("not a Pagefind file"))?;
    let e = |e: minicbor::decode::Error| unusable(e);
    let mut d = minicbor::Decoder::new(cbor);
    let mut names = Vec::new();
    let count = |d: &mut minicbor::Decoder| -> Result<u64, Unusable> {
        d.array()
            .map_err(e)?
            .ok_or_else(|| unusable("an array of no length"))
    };
    count(&mut d)?;
    d.skip().map_err(e)?; // version
    for _ in 0..count(&mut d)? {
        // A page: its fragment's hash, its word count, the hash of its group of fragments.
        let fields = count(&mut d)?;
        let hash = d.str().map_err(e)?.to_string();
        d.skip().map_err(e)?;
        let group = if fields > 2 { d.str().map_err(e)? } else { "" };
        let file = if group.is_empty() { &hash } else { group };
        names.push(format!("fragment/{file}.pf_fragment"));
        for _ in 3..fields {
            d.skip().map_err(e)?;
        }
    }
    for _ in 0..count(&mut d)? {
        // An index chunk: its first and last word, its hash.
        let fields = count(&mut d)?;
        d.skip().map_err(e)?;
        d.skip().map_err(e)?;
        names.push(format!("index/{}.pf_index", d.str().map_err(e)?));
        for _ in 3..fields {
            d.skip().map_err(e)?;
        }
    }
    for _ in 0..count(&mut d)? {
        // A filter: its name, its hash.
        let fields = count(&mut d)?;
        d.skip().map_err(e)?;
        names.push(format!("filter/{}.pf_filter", d.str().map_err(e)?));
        for _ in 2..fields {
            d.skip().map_err(e)?;
        }
    }
    Ok(names)
}

/// The names of the files at the top of `dir`.
fn top_files(dir: &Path) -> Result<Vec<String>, Unusable> {
    let mut files = Vec::new();
    for entry in fs::read_dir(dir).map_err(|e| unusable(format!("{}: {e}", dir.display())))? {
        let entry = entry.map_err(unusable)?;
        if entry.file_type().is_ok_and(|t| t.is_file()) {
            files.push(entry.file_name().to_string_lossy().into_owned());
        }
    }
    Ok(files)
}

/// The content-named files in `dir`: its metadata files and the files of its chunk and fragment
/// folders, relative to it.
fn named_files(dir: &Path) -> Result<BTreeSet<String>, Unusable> {
    let mut names: BTreeSet<String> = top_files(dir)?
        .into_iter()
        .filter(|name| name.ends_with(".pf_meta"))
        .collect();
    for sub in NAMED_DIRS {
        let Ok(entries) = fs::read_dir(dir.join(sub)) else {
            continue;
        };
        for entry in entries {
            let entry = entry.map_err(unusable)?;
            names.insert(format!("{sub}/{}", entry.file_name().to_string_lossy()));
        }
    }
    Ok(names)
}
