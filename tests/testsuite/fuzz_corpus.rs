//! The fuzz corpus replayed on the stable toolchain: every input kept in `fuzz/corpus/<target>/`
//! (minimised inputs the fuzzers of `fuzz/` found interesting, and every crash and slow input they
//! found, named `crash-*` or `slow-*`) goes through the same entry point as its fuzz target, in
//! `sitegen::fuzzing`, which panics when an invariant breaks. A slow input must stay fast.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use sitegen::fuzzing;

/// The corpus of one target, sorted; the test fails on an empty one (a corpus that moved away).
fn corpus(target: &str) -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fuzz/corpus")
        .join(target);
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_file())
        .collect();
    files.sort();
    assert!(
        files.len() >= 10,
        "{}: {} inputs",
        dir.display(),
        files.len()
    );
    files
}

/// Runs `run` on every input of `target`, naming the input that panicked or took too long.
fn replay(target: &str, limit: Duration, mut run: impl FnMut(&[u8])) {
    for path in corpus(target) {
        let bytes = std::fs::read(&path).unwrap();
        let start = Instant::now();
        let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| run(&bytes)));
        let took = start.elapsed();
        assert!(outcome.is_ok(), "{} panicked", path.display());
        // Generous (a debug build on a busy machine); a quadratic input takes minutes.
        assert!(
            took < limit,
            "{} took {took:?} (limit {limit:?})",
            path.display()
        );
    }
}

#[test]
fn front_matter_corpus() {
    replay(
        "front_matter",
        Duration::from_secs(20),
        fuzzing::front_matter,
    );
}

#[test]
fn shortcodes_corpus() {
    replay("shortcodes", Duration::from_secs(20), fuzzing::shortcodes);
}

#[test]
fn page_corpus() {
    let dir = tempfile::tempdir().unwrap();
    let site = fuzzing::PageSite::new(dir.path()).unwrap();
    replay("page", Duration::from_secs(60), |bytes| site.build(bytes));
}
