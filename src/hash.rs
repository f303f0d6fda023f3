//! Hashing for change detection: one place, so every signature and digest hashes the same way.
//!
//! These hashes live only in memory (a watch session compares them with its own earlier ones), so
//! the standard library's hasher is enough; nothing here is written to disk.

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
