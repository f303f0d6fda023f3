//! Where one incremental rebuild's time goes, using only sitegen's public API.
//!
//! Not run by `cargo test` (bench targets are not tests by default). Run it on a generated site:
//!
//!     python3 benches/gen_site.py 1000 /tmp/site-1000
//!     SITEGEN_PHASES_SITE=/tmp/site-1000 cargo test --release --bench watch_phases -- --nocapture
//!
//! It starts a watch `Session` (full build into SITE/public), then for body edits of 15 posts in turn
//! times `Session::rebuild` and prints the median of each phase the rebuild reports
//! (`Outcome::phases`: load, index, exercise bodies, signatures, render, write).

use std::path::PathBuf;
use std::time::Instant;

use sitegen::{Overrides, Session};

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(|a, b| a.partial_cmp(b).unwrap());
    v[v.len() / 2]
}

#[test]
fn phases() {
    let Ok(root) = std::env::var("SITEGEN_PHASES_SITE") else {
        eprintln!("set SITEGEN_PHASES_SITE to a generated site to run this");
        return;
    };
    let root = PathBuf::from(root);
    let overrides = Overrides {
        output: None,
        drafts: true,
        base_url: Some("/".into()),
        future: true,
        ..Overrides::default()
    };
    let t = Instant::now();
    let (mut session, _) = Session::start(&root, overrides).expect("initial build");
    eprintln!("initial build {:.0} ms", t.elapsed().as_secs_f64() * 1000.0);

    let mut rows: Vec<[f64; 7]> = Vec::new();
    for e in 0..std::env::var("SITEGEN_PHASES_EDITS").map_or(15, |v| v.parse().unwrap()) {
        // A different post each time, as an author moving through the site would.
        let post = root.join(format!("posts/post-{:05}.md", 2 + e));
        let mut text = std::fs::read_to_string(&post).unwrap();
        text.push_str(&format!("\n\nphase edit {e}\n"));
        std::fs::write(&post, &text).unwrap();
        let t = Instant::now();
        let outcome = session
            .rebuild(std::slice::from_ref(&post))
            .expect("rebuild");
        let total = t.elapsed().as_secs_f64() * 1000.0;
        // Its page, and the feeds when the post is among their newest.
        assert!(
            outcome.rendered <= 3,
            "a body edit renders {} pages",
            outcome.rendered
        );
        let p = outcome.phases;
        let ms = |us: u128| us as f64 / 1000.0;
        rows.push([
            total,
            ms(p.load),
            ms(p.index),
            ms(p.exercise_bodies),
            ms(p.sign),
            ms(p.render),
            ms(p.write),
        ]);
    }
    let names = [
        "rebuild total",
        "  load (reusing unchanged)",
        "  index",
        "  exercise bodies",
        "  signatures",
        "  render (its page, feeds)",
        "  write",
    ];
    for (k, name) in names.iter().enumerate() {
        // The first edit warms caches; report the rest.
        let col: Vec<f64> = rows.iter().skip(1).map(|r| r[k]).collect();
        eprintln!("{name:<32} median {:>8.1} ms", median(col));
    }
}
