//! `search/words.json`: the words of the site's own posts, pages and exercises, from which the
//! search page corrects a query that finds nothing ("brige" → "bridge"): Pagefind matches words
//! and their beginnings, never a word with a typo.

use std::collections::BTreeSet;

use rayon::prelude::*;

use crate::content::Document;
use crate::site::Site;

/// Words shorter than this are not corrected (too many short words are one letter apart).
const SHORTEST: usize = 4;
/// Longer "words" are URLs, hashes and the like, never a reader's typo.
const LONGEST: usize = 24;

/// The distinct words of every built document's source, lowercased and sorted, as a JSON array.
/// Each document's words are made once and kept with it (a `watch` rebuild after one save makes
/// one document's again and merges the rest).
pub(crate) fn words_json(site: &Site) -> String {
    let posts = site.posts.par_iter().map(|p| document_words(&p.post.doc));
    let exercises = site
        .exercises
        .par_iter()
        .map(|x| document_words(&x.exercise.doc));
    // Each list is sorted: merging pairs of them in parallel is cheaper than hashing every word
    // (a rebuild of 10,000 posts merges in a few milliseconds).
    let words = posts
        .chain(exercises)
        .map(|list| list.iter().map(String::as_str).collect::<Vec<&str>>())
        .reduce(Vec::new, |a, b| merge(&a, &b));
    serde_json::to_string(&words).unwrap_or_else(|_| "[]".to_string())
}

/// The union of two sorted lists without repeats, sorted and without repeats.
fn merge<'a>(a: &[&'a str], b: &[&'a str]) -> Vec<&'a str> {
    let mut out = Vec::with_capacity(a.len().max(b.len()));
    let (mut i, mut j) = (0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(b[j]) {
            std::cmp::Ordering::Less => {
                out.push(a[i]);
                i += 1;
            }
            std::cmp::Ordering::Greater => {
                out.push(b[j]);
                j += 1;
            }
            std::cmp::Ordering::Equal => {
                out.push(a[i]);
                i += 1;
                j += 1;
            }
        }
    }
    out.extend_from_slice(&a[i..]);
    out.extend_from_slice(&b[j..]);
    out
}

/// A document's distinct words, sorted.
fn document_words<M>(doc: &Document<M>) -> &[String] {
    doc.words.get_or_init(|| {
        let set: BTreeSet<String> = words_of(&doc.source.text).collect();
        set.into_iter().collect()
    })
}

/// The words of one text: runs of letters (apostrophes and hyphens split them), lowercased, of a
/// length worth correcting.
fn words_of(text: &str) -> impl Iterator<Item = String> + '_ {
    text.split(|c: char| !c.is_alphabetic())
        .filter(|w| (SHORTEST..=LONGEST).contains(&w.chars().count()))
        .map(str::to_lowercase)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_are_runs_of_letters_lowercased_and_of_a_useful_length() {
        let words: Vec<String> =
            words_of("Glute Bridge: squeeze, 2×10 reps — Übungen; a an https://x.org/abc123def")
                .collect();
        assert_eq!(
            words,
            ["glute", "bridge", "squeeze", "reps", "übungen", "https"]
        );
    }

    #[test]
    fn merging_keeps_every_word_once_in_order() {
        assert_eq!(
            merge(&["ankle", "hip", "knee"], &["core", "hip", "wrist"]),
            ["ankle", "core", "hip", "knee", "wrist"]
        );
        assert_eq!(merge(&[], &["hip"]), ["hip"]);
    }
}
