//! The one record sitegen keeps of an output page it wrote: the manifest of a build's generation
//! (`state.rs`) and a `watch` session both hold it, by output path, so a warm build and a watch
//! rebuild decide alike whether a page can stay as it is.

/// What a page of the output was rendered from and what it holds.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct PageRecord {
    /// The page's signature (`pipeline::Signer::sign`): everything it was rendered from, hashed.
    pub signature: u64,
    /// The stable hash of its bytes (`hash::stable_bytes`).
    pub hash: u64,
    /// Whether it is indexed for search.
    pub searchable: bool,
    /// Keys of the documents its `@/` links point at (part of what the signature covers).
    pub deps: Vec<String>,
}
