//! The cache of encoded variants, in `ROOT/.sitegen-cache/images/` (outside the output,
//! git-ignored). An entry is named by a stable hash of the image's bytes, the settings and the
//! pipeline's version: `<key>-<width>.<ext>` per variant and `<key>.json` listing them, written
//! last. Every file is written to a temporary name and renamed, so a build killed at any
//! instant leaves either a whole entry or none (an entry without its list is encoded again).

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::encode::{Encoded, Format};
use crate::config::ImageSettings;
use crate::hash::stable_hash;

/// Bumped when the pipeline's output changes for the same input and settings.
const PIPELINE: &str = "sitegen-images-1";

/// The folder of the cache, relative to the site root.
pub(crate) const DIR: &str = ".sitegen-cache/images";

/// What an entry holds: the oriented size of the image and its variants.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub(crate) struct Entry {
    /// Width of the largest variant.
    pub width: u32,
    /// Height of the largest variant.
    pub height: u32,
    /// Every variant, smallest first.
    pub variants: Vec<Variant>,
}

/// One encoded file of an entry.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub(crate) struct Variant {
    /// Width in pixels.
    pub width: u32,
    /// Height in pixels.
    pub height: u32,
    /// File format.
    pub format: Format,
    /// Where it is stored (filled in when read; not in the list).
    #[serde(skip)]
    pub file: PathBuf,
}

/// The cache folder of the site at `root`.
pub(crate) fn dir(root: &Path) -> PathBuf {
    root.join(DIR)
}

/// The key of an image: its bytes, the settings, the pipeline.
pub(crate) fn key(bytes: &[u8], settings: &ImageSettings) -> String {
    let settings = serde_json::to_string(settings).unwrap_or_default();
    let mut input = Vec::with_capacity(bytes.len() + settings.len() + 32);
    input.extend_from_slice(PIPELINE.as_bytes());
    input.push(0);
    input.extend_from_slice(settings.as_bytes());
    input.push(0);
    input.extend_from_slice(bytes);
    format!("{:032x}", stable_hash(&input))
}

fn variant_file(dir: &Path, key: &str, width: u32, format: Format) -> PathBuf {
    dir.join(format!("{key}-{width}.{}", format.ext()))
}

/// The entry for `key`, if it is complete.
pub(crate) fn read(dir: &Path, key: &str) -> Option<Entry> {
    let text = fs::read_to_string(dir.join(format!("{key}.json"))).ok()?;
    let mut entry: Entry = serde_json::from_str(&text).ok()?;
    for v in &mut entry.variants {
        v.file = variant_file(dir, key, v.width, v.format);
        if !v.file.is_file() {
            return None;
        }
    }
    Some(entry)
}

/// Stores `encoded` under `key` (variants first, the list last), returning the entry.
pub(crate) fn write(dir: &Path, key: &str, encoded: &[Encoded]) -> std::io::Result<Entry> {
    fs::create_dir_all(dir)?;
    let mut variants = Vec::with_capacity(encoded.len());
    for e in encoded {
        let file = variant_file(dir, key, e.width, e.format);
        write_atomically(&file, &e.bytes)?;
        variants.push(Variant {
            width: e.width,
            height: e.height,
            format: e.format,
            file,
        });
    }
    let top = variants.last().map_or((0, 0), |v| (v.width, v.height));
    let entry = Entry {
        width: top.0,
        height: top.1,
        variants,
    };
    let list = serde_json::to_vec(&entry).map_err(std::io::Error::other)?;
    write_atomically(&dir.join(format!("{key}.json")), &list)?;
    Ok(entry)
}

/// Writes `bytes` to a temporary file beside `path`, flushes it to disk, and renames it. The
/// temporary name is unique to the call (process id and a counter): one photo used several times
/// is encoded by several threads at once, which must not share a temporary file.
fn write_atomically(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    static CALLS: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
    let n = CALLS.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let name = path.file_name().unwrap_or_default().to_string_lossy();
    let tmp = path.with_file_name(format!(".{name}.tmp-{}-{n}", std::process::id()));
    let result = (|| {
        let mut f = fs::File::create(&tmp)?;
        f.write_all(bytes)?;
        f.sync_all()?;
        fs::rename(&tmp, path)
    })();
    if result.is_err() {
        let _ = fs::remove_file(&tmp);
    }
    result
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_photo_written_by_many_threads_at_once_is_written_by_each() {
        // A post that shows one upload three times has it encoded by three threads at once.
        let dir = tempfile::tempdir().unwrap();
        let enc = Encoded {
            width: 10,
            height: 5,
            format: Format::Webp,
            bytes: vec![7; 4096],
        };
        std::thread::scope(|s| {
            let handles: Vec<_> = (0..8)
                .map(|_| s.spawn(|| write(dir.path(), "same", std::slice::from_ref(&enc))))
                .collect();
            for h in handles {
                assert!(h.join().unwrap().is_ok(), "a concurrent write failed");
            }
        });
        assert!(read(dir.path(), "same").is_some());
    }

    #[test]
    fn an_entry_without_its_list_or_a_variant_is_not_read() {
        let dir = tempfile::tempdir().unwrap();
        let enc = |w| Encoded {
            width: w,
            height: w / 2,
            format: Format::Webp,
            bytes: vec![1, 2, 3],
        };
        let entry = write(dir.path(), "k", &[enc(10), enc(20)]).unwrap();
        assert_eq!((entry.width, entry.height), (20, 10));
        assert_eq!(read(dir.path(), "k"), Some(entry));
        fs::remove_file(dir.path().join("k-10.webp")).unwrap();
        assert_eq!(read(dir.path(), "k"), None);
        assert_eq!(read(dir.path(), "other"), None);
    }

    #[test]
    fn the_key_follows_the_bytes_and_the_settings() {
        let s = ImageSettings::default();
        let k = key(b"photo", &s);
        assert_eq!(k, key(b"photo", &s));
        assert_ne!(k, key(b"photo2", &s));
        let q = ImageSettings {
            quality: 60,
            ..ImageSettings::default()
        };
        assert_ne!(k, key(b"photo", &q));
    }
}
