//! Hashing for change detection: one place, so every signature and digest hashes the same way.
//!
//! [`digest`], [`hash_str`] and [`hash_bytes`] live only in memory (a watch session compares them
//! with its own earlier ones), so the standard library's hasher is enough for them. What is
//! written to disk and compared by a later run uses xxh3, whose value is fixed by its
//! specification, the same on every build and toolchain: [`stable_bytes`] (64 bits, the output
//! manifests) and [`stable_hash`] (128 bits, the image cache's keys).

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

/// Hash of bytes that is the same on every platform, build and toolchain (xxh3, 64 bits): for
/// anything persisted between runs.
pub(crate) fn stable_bytes(b: &[u8]) -> u64 {
    xxhash_rust::xxh3::xxh3_64(b)
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_stable_hash_is_xxh3() {
        // The specification's value for empty input: the same wherever sitegen is built.
        assert_eq!(super::stable_bytes(b""), 0x2d06_8005_38d3_94c2);
    }
}
