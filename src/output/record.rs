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

/// The searchable pages among `records` (output path and record), as the search index is planned
/// from them (`search::shards::Plan`): output path and hash of the bytes, sorted by path.
pub(crate) fn searchable<'a>(
    records: impl IntoIterator<Item = (&'a String, &'a PageRecord)>,
) -> Vec<(&'a str, u64)> {
    let mut pages: Vec<(&str, u64)> = records
        .into_iter()
        .filter(|(_, r)| r.searchable)
        .map(|(path, r)| (path.as_str(), r.hash))
        .collect();
    pages.sort_unstable();
    pages
}
