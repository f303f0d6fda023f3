//! The whole page pipeline: a post of arbitrary bytes built with a small site, in memory.
#![no_main]
use std::sync::LazyLock;

use sitegen::fuzzing::PageSite;

static SITE: LazyLock<(tempfile::TempDir, PageSite)> = LazyLock::new(|| {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let site = PageSite::new(dir.path()).expect("write the fuzz site");
    (dir, site)
});

libfuzzer_sys::fuzz_target!(|data: &[u8]| SITE.1.build(data));
