//! `search/words.json`: the words of the site's own posts, pages and exercises, from which the
//! search page corrects a query that finds nothing ("brige" → "bridge"): Pagefind matches words
//! and their beginnings, never a word with a typo.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::sync::{Arc, Mutex};

use rayon::prelude::*;

use crate::content::Document;
use crate::site::Site;

/// Words shorter than this are not corrected (too many short words are one letter apart).
const SHORTEST: usize = 4;
/// Longer "words" are URLs, hashes and the like, never a reader's typo.
const LONGEST: usize = 24;

/// The distinct words of every built document's source, lowercased and sorted, as a JSON array.
/// Each document's words are made once and kept with it, and the vocabulary made last is kept
/// with a count of the documents that have each word: a `watch` rebuild after one save counts the
/// words of the document that changed, not every document's again.
pub(crate) fn words_json(site: &Site) -> String {
    let posts = site
        .posts
        .par_iter()
        .map(|p| (p.post.doc.hash, document_words(&p.post.doc)));
    let exercises = site
        .exercises
        .par_iter()
        .map(|x| (x.exercise.doc.hash, document_words(&x.exercise.doc)));
    let docs: Vec<(u64, Arc<str>)> = posts.chain(exercises).collect();
    let mut last = LAST.lock().unwrap_or_else(|e| e.into_inner());
    let counted = last.get_or_insert_with(Counted::default);
    counted.update(docs);
    let words: Vec<&str> = counted.words.keys().map(String::as_str).collect();
    serde_json::to_string(&words).unwrap_or_else(|_| "[]".to_string())
}

/// The vocabulary made last in this process (see [`words_json`]). Only a shortcut: the words it
/// gives are always those of the documents it was given.
static LAST: Mutex<Option<Counted>> = Mutex::new(None);

/// Words with the number of counted documents that have each, and the documents counted.
#[derive(Default)]
struct Counted {
    /// By the hash of a document's text: how many documents have that text, and its words (one
    /// a line).
    docs: HashMap<u64, (usize, Arc<str>)>,
    words: BTreeMap<String, usize>,
}

impl Counted {
    /// Counts `docs` instead of the documents counted before: removes those that went (or have
    /// fewer copies), adds those that came.
    fn update(&mut self, docs: Vec<(u64, Arc<str>)>) {
        let mut now: HashMap<u64, (usize, Arc<str>)> = HashMap::with_capacity(docs.len());
        for (hash, words) in docs {
            now.entry(hash).or_insert((0, words)).0 += 1;
        }
        let gone: Vec<u64> = self
            .docs
            .iter()
            .filter(|(hash, (copies, _))| now.get(*hash).map_or(0, |d| d.0) < *copies)
            .map(|(hash, _)| *hash)
            .collect();
        for hash in gone {
            if let Some((copies, words)) = self.docs.remove(&hash) {
                self.remove(&words, copies);
            }
        }
        for (hash, (copies, words)) in now {
            let had = self.docs.get(&hash).map_or(0, |d| d.0);
            if copies > had {
                self.add(&words, copies - had);
                self.docs.insert(hash, (copies, words));
            }
        }
    }

    fn add(&mut self, words: &str, copies: usize) {
        for w in words.lines() {
            match self.words.get_mut(w) {
                Some(n) => *n += copies,
                None => {
                    self.words.insert(w.to_string(), copies);
                }
            }
        }
    }

    fn remove(&mut self, words: &str, copies: usize) {
        for w in words.lines() {
            if let Some(n) = self.words.get_mut(w) {
                *n -= copies.min(*n);
                if *n == 0 {
                    self.words.remove(w);
                }
            }
        }
    }
}

/// A document's distinct words, sorted, one a line (a word is letters only).
fn document_words<M>(doc: &Document<M>) -> Arc<str> {
    let words = doc.words.get_or_init(|| {
        let set: BTreeSet<String> = words_of(&doc.source.text).collect();
        set.into_iter().collect::<Vec<_>>().join("\n").into()
    });
    Arc::clone(words)
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
    fn counted_words_follow_documents_that_come_go_and_repeat() {
        let doc = |words: &[&str]| -> Arc<str> { words.join("\n").into() };
        let keys = |c: &Counted| c.words.keys().cloned().collect::<Vec<_>>();
        let mut c = Counted::default();
        c.update(vec![
            (1, doc(&["hips", "knee"])),
            (2, doc(&["core", "hips"])),
        ]);
        assert_eq!(keys(&c), ["core", "hips", "knee"]);
        // Document 1 edited (a new hash), document 2 twice (two files with the same text).
        let twice = vec![
            (3, doc(&["ankle", "hips"])),
            (2, doc(&["core", "hips"])),
            (2, doc(&["core", "hips"])),
        ];
        c.update(twice);
        assert_eq!(
            keys(&c),
            ["ankle", "core", "hips"],
            "the old text's words went"
        );
        c.update(vec![(2, doc(&["core", "hips"]))]);
        assert_eq!(keys(&c), ["core", "hips"], "one copy left still counts");
        c.update(Vec::new());
        assert!(c.words.is_empty() && c.docs.is_empty());
    }
}
