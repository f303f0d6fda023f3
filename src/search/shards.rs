//! The search index in shards: a large site's searchable pages are split by a stable hash of
//! their path into indexes of a few hundred pages each, which the search page merges in the
//! browser (Pagefind's `mergeIndex`). A change re-indexes only the shards whose pages changed, and
//! the shards are indexed in parallel. A site of up to [`SHARD_PAGES`] searchable pages has one
//! shard: `pagefind/` is then exactly the index Pagefind makes of the whole site.
//!
//! Shard 0 is `pagefind/` itself, Pagefind's whole bundle (scripts, styles, WebAssembly and its
//! index); shard `k` is `pagefind/shard-k/`, only its index (entry, metadata, chunks, fragments),
//! since a merged index runs on the first one's WebAssembly. `pagefind/shards.js` names the
//! shards past the first, for the search page's script.

use rayon::prelude::*;

use super::{DIR, Source};
use crate::diagnostic::Diagnostic;
use crate::hash;
use crate::output::Page;

/// Searchable pages per shard, on average, that make a site split its index: a one-page change
/// re-indexes at most about this many pages. Fewer shards mean fewer files for the browser to
/// fetch per search; more mean less work per change (BENCHMARKS.md, "Search index").
pub(crate) const SHARD_PAGES: usize = 1000;

/// The most shards an index is split into, however large the site: a search fetches a little of
/// every shard.
const MAX_SHARDS: usize = 64;

/// The file, relative to the output, that names the shards past the first.
pub(crate) const LIST: &str = "pagefind/shards.js";

/// One shard's files (paths relative to the output), or the errors of making them.
type Made = Result<(usize, Vec<Page>), Vec<Diagnostic>>;

/// The folder name of shard `k`'s index under `pagefind/` (k ≥ 1).
const SHARD_PREFIX: &str = "shard-";

/// Which shard each searchable page belongs to, and what each shard's index is made from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Plan {
    /// Per shard, its pages' output paths, sorted.
    pub pages: Vec<Vec<String>>,
    /// Per shard, the hash of what its index stands for (the shard count, its pages' paths and
    /// the hashes of their bytes): an index recorded with the same key is the one this would make.
    pub keys: Vec<u64>,
}

/// How many shards `pages` searchable pages are split into, for shards of `per_shard` pages on
/// average (the `search_shard_pages` setting): one up to `per_shard`, else a power of two, so
/// that the count (and with it every shard) changes only when the site doubles.
pub(crate) fn count_for(pages: usize, per_shard: usize) -> usize {
    if pages <= per_shard {
        return 1;
    }
    pages
        .div_ceil(per_shard.max(1))
        .next_power_of_two()
        .min(MAX_SHARDS)
}

impl Plan {
    /// Splits `pages` (output path, stable hash of its bytes) into shards by a stable hash of
    /// the path: a page stays in its shard while the count stays the same.
    pub(crate) fn new(pages: &[(&str, u64)], per_shard: usize) -> Plan {
        let count = count_for(pages.len(), per_shard);
        let mut sorted = pages.to_vec();
        sorted.sort_unstable();
        let mut members: Vec<Vec<(&str, u64)>> = vec![Vec::new(); count];
        for (path, bytes) in sorted {
            members[shard_of_page(path, count)].push((path, bytes));
        }
        let keys = members.iter().map(|m| hash::digest((count, m))).collect();
        let pages = members
            .into_iter()
            .map(|m| m.into_iter().map(|(p, _)| p.to_string()).collect())
            .collect();
        Plan { pages, keys }
    }

    /// The number of shards.
    pub(crate) fn count(&self) -> usize {
        self.keys.len()
    }

    /// The shards whose recorded key (`done`, per shard, as a previous index recorded them)
    /// differs from this plan's: the ones to index again.
    pub(crate) fn stale(&self, done: Option<&[u64]>) -> Vec<usize> {
        (0..self.count())
            .filter(|&k| done.and_then(|d| d.get(k)) != Some(&self.keys[k]))
            .collect()
    }

    /// The shards whose entry file is not at its place under `dir` (the output): an index
    /// removed by hand, or by something else than the build, is made again.
    pub(crate) fn missing(&self, dir: &std::path::Path) -> Vec<usize> {
        (0..self.count())
            .filter(|&k| k == 0 || !self.pages[k].is_empty())
            .filter(|&k| !dir.join(folder(k)).join("pagefind-entry.json").is_file())
            .collect()
    }

    /// `pagefind/shards.js`: the folders of the shards past the first, relative to `pagefind/`,
    /// as the search page's script reads them (`sitegenSearchShards`).
    pub(crate) fn list(&self) -> Page {
        let folders: Vec<String> = (1..self.count())
            .filter(|&k| !self.pages[k].is_empty())
            .map(|k| format!("\"{SHARD_PREFIX}{k}/\""))
            .collect();
        Page {
            path: LIST.to_string(),
            bytes: format!(
                "// The search index's shards past the first (sitegen).\n\
                 var sitegenSearchShards = [{}];\n",
                folders.join(", ")
            )
            .into_bytes(),
            deps: Vec::new(),
            sources: Vec::new(),
        }
    }
}

/// The shard of a page, by a stable hash of its output path.
fn shard_of_page(path: &str, count: usize) -> usize {
    (hash::hash_str(path) % count as u64) as usize
}

/// The folder of shard `k`, relative to the output, with a trailing slash.
fn folder(k: usize) -> String {
    if k == 0 {
        format!("{DIR}/")
    } else {
        format!("{DIR}/{SHARD_PREFIX}{k}/")
    }
}

/// The shard a file of the output belongs to (`pagefind/x` to 0, `pagefind/shard-3/x` to 3);
/// `None` for files outside `pagefind/` and for [`LIST`], which belongs to the plan as a whole.
pub(crate) fn shard_of_file(path: &str) -> Option<usize> {
    let rest = path.strip_prefix(DIR)?.strip_prefix('/')?;
    if path == LIST {
        return None;
    }
    match rest.strip_prefix(SHARD_PREFIX) {
        Some(shard) => {
            let (k, _) = shard.split_once('/')?;
            k.parse().ok().filter(|&k: &usize| k >= 1)
        }
        None => Some(0),
    }
}

/// Whether a file of Pagefind's bundle is part of a merged shard's index: its entry, metadata,
/// index and filter chunks and fragments; not the scripts, styles and WebAssembly that the first
/// shard carries for all.
fn in_merged_shard(name: &str) -> bool {
    name == "pagefind-entry.json"
        || name.ends_with(".pf_meta")
        || ["index/", "fragment/", "filter/"]
            .iter()
            .any(|d| name.starts_with(d))
}

/// Indexes the shards `which` of `plan`, in parallel, reading each page's HTML with `read`;
/// returns their files (paths relative to the output) by shard, in the order of `which`, or
/// every error met. With `kept`, a folder private to the caller where each shard's bundle is
/// kept between its indexes (`watch`'s scratch folder), only the files that changed are
/// compressed again; the files are the same.
pub(crate) fn index(
    plan: &Plan,
    which: &[usize],
    read: &(dyn Fn(&str) -> Result<String, Diagnostic> + Sync),
    kept: Option<&std::path::Path>,
) -> Result<Vec<(usize, Vec<Page>)>, Vec<Diagnostic>> {
    let made: Vec<Made> = which
        .par_iter()
        .map(|&k| {
            // Keyed by the shard count too: a page's shard changes with it.
            let kept = kept.map(|dir| dir.join(format!("{}-{k}", plan.count())));
            index_shard(k, &plan.pages[k], read, kept.as_deref())
        })
        .collect();
    let mut shards = Vec::with_capacity(made.len());
    let mut errors = Vec::new();
    for result in made {
        match result {
            Ok(shard) => shards.push(shard),
            Err(d) => errors.extend(d),
        }
    }
    if errors.is_empty() {
        Ok(shards)
    } else {
        Err(errors)
    }
}

fn index_shard(
    k: usize,
    pages: &[String],
    read: &(dyn Fn(&str) -> Result<String, Diagnostic> + Sync),
    kept: Option<&std::path::Path>,
) -> Made {
    if pages.is_empty() && k > 0 {
        // Only possible in theory (each shard expects hundreds of pages): no index. The first
        // shard is made even empty, for the scripts the search page loads.
        return Ok((k, Vec::new()));
    }
    let mut sources = Vec::with_capacity(pages.len());
    let mut errors = Vec::new();
    for path in pages {
        match read(path) {
            Ok(html) => sources.push(Source {
                path: path.clone(),
                html,
            }),
            Err(d) => errors.push(d),
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    let files = super::pagefind::index(sources, kept).map_err(|d| vec![d])?;
    Ok((k, place(k, files)))
}

/// Puts the files of shard `k`'s bundle (named relative to the bundle) in its folder.
fn place(k: usize, files: Vec<(String, Vec<u8>)>) -> Vec<Page> {
    files
        .into_iter()
        .filter(|(name, _)| k == 0 || in_merged_shard(name))
        .map(|(name, bytes)| Page {
            path: format!("{}{name}", folder(k)),
            bytes,
            deps: Vec::new(),
            sources: Vec::new(),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pages(n: usize) -> Vec<(String, u64)> {
        (0..n)
            .map(|i| (format!("post-{i}/index.html"), i as u64))
            .collect()
    }

    fn plan(pages: &[(String, u64)], per_shard: usize) -> Plan {
        let refs: Vec<(&str, u64)> = pages.iter().map(|(p, h)| (p.as_str(), *h)).collect();
        Plan::new(&refs, per_shard)
    }

    #[test]
    fn a_site_splits_only_past_a_shard_and_then_by_powers_of_two() {
        assert_eq!(count_for(0, 1000), 1);
        assert_eq!(count_for(1000, 1000), 1);
        assert_eq!(count_for(1001, 1000), 2);
        assert_eq!(count_for(10_000, 1000), 16);
        assert_eq!(count_for(16_001, 1000), 32);
        assert_eq!(count_for(10_000_000, 1000), MAX_SHARDS);
    }

    #[test]
    fn every_page_is_in_one_shard_and_the_shards_are_even() {
        let all = pages(4000);
        let plan = plan(&all, 500);
        assert_eq!(plan.count(), 8);
        let mut seen: Vec<&String> = plan.pages.iter().flatten().collect();
        seen.sort();
        seen.dedup();
        assert_eq!(seen.len(), 4000);
        for shard in &plan.pages {
            assert!((350..650).contains(&shard.len()), "{}", shard.len());
        }
    }

    #[test]
    fn a_changed_page_changes_only_its_shards_key() {
        let mut all = pages(3000);
        let before = plan(&all, 500);
        all[1234].1 += 1;
        let after = plan(&all, 500);
        let stale = after.stale(Some(&before.keys));
        assert_eq!(stale.len(), 1);
        assert!(after.pages[stale[0]].contains(&all[1234].0));
        assert!(after.stale(Some(&after.keys)).is_empty());
        assert_eq!(after.stale(None).len(), after.count());
    }

    #[test]
    fn files_are_told_apart_by_shard() {
        assert_eq!(shard_of_file("pagefind/pagefind.js"), Some(0));
        assert_eq!(shard_of_file("pagefind/index/en_1.pf_index"), Some(0));
        assert_eq!(
            shard_of_file("pagefind/shard-3/pagefind-entry.json"),
            Some(3)
        );
        assert_eq!(
            shard_of_file("pagefind/shard-12/fragment/x.pf_fragment"),
            Some(12)
        );
        assert_eq!(shard_of_file(LIST), None);
        assert_eq!(shard_of_file("pagefinder/x"), None);
        assert_eq!(shard_of_file("core/index.html"), None);
        assert_eq!(shard_of_file("pagefind/shard-0/x"), None);
    }

    #[test]
    fn merged_shards_carry_only_their_index_and_the_list_names_them() {
        let files = vec![
            ("pagefind.js".to_string(), vec![1]),
            ("wasm.en.pagefind".to_string(), vec![2]),
            ("pagefind-entry.json".to_string(), vec![3]),
            ("pagefind.en_ab.pf_meta".to_string(), vec![4]),
            ("fragment/en_1.pf_fragment".to_string(), vec![5]),
        ];
        let paths = |k| {
            place(k, files.clone())
                .into_iter()
                .map(|p| p.path)
                .collect::<Vec<_>>()
        };
        assert_eq!(paths(0).len(), 5);
        assert_eq!(
            paths(2),
            [
                "pagefind/shard-2/pagefind-entry.json",
                "pagefind/shard-2/pagefind.en_ab.pf_meta",
                "pagefind/shard-2/fragment/en_1.pf_fragment"
            ]
        );
        let list = String::from_utf8(plan(&pages(1500), 500).list().bytes).unwrap();
        assert!(
            list.contains("[\"shard-1/\", \"shard-2/\", \"shard-3/\"]"),
            "{list}"
        );
    }
}
