//! Hashing for change detection: one place, so every signature and digest hashes the same way.
//!
//! Everything is xxh3, whose value is fixed by its specification: the page signatures that a
//! later `build` compares ([`digest`], [`StableHasher`]), the output manifests ([`stable_bytes`])
//! and the image cache's keys ([`stable_hash`]). Values fed through [`std::hash::Hash`] also
//! depend on how the standard library writes them (lengths, integers in native byte order), so
//! what is kept on disk from [`digest`] is tied to the binary that wrote it (see
//! `pipeline::warm`): a new sitegen starts afresh, and nothing depends on std's own
//! hasher, whose algorithm may change between toolchains.

use std::hash::{Hash, Hasher};

/// The streaming hasher behind [`digest`] and page signatures (xxh3, 64 bits).
pub(crate) type StableHasher = xxhash_rust::xxh3::Xxh3Default;

/// Hash of any hashable value.
pub(crate) fn digest(value: impl Hash) -> u64 {
    let mut h = StableHasher::new();
    value.hash(&mut h);
    h.finish()
}

/// Hash of a string.
pub(crate) fn hash_str(s: &str) -> u64 {
    stable_bytes(s.as_bytes())
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
