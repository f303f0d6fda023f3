//! Hashing for change detection: one place, so every signature and digest hashes the same way.
//!
//! `digest` and friends live only in memory (a watch session compares them with its own earlier
//! ones), so the standard library's hasher is enough; `stable_hash` is the one for what is
//! written to disk.

use std::hash::{DefaultHasher, Hash, Hasher};

/// Hash of any hashable value.
pub(crate) fn digest(value: impl Hash) -> u64 {
    let mut h = DefaultHasher::new();
    value.hash(&mut h);
    h.finish()
}

/// Hash of a string.
pub(crate) fn hash_str(s: &str) -> u64 {
    digest(s)
}

/// Hash of bytes.
pub(crate) fn hash_bytes(b: &[u8]) -> u64 {
    digest(b)
}

/// A hash of bytes that is the same on every machine, toolchain and run (XXH3, 128 bits), for
/// what is stored on disk between runs (the image cache's keys).
pub(crate) fn stable_hash(b: &[u8]) -> u128 {
    xxhash_rust::xxh3::xxh3_128(b)
}
