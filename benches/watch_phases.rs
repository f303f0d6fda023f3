//! Where one incremental rebuild's time goes, using only sitegen's public API.
//!
//! Not run by `cargo test` (bench targets are not tests by default). Run it on a generated site:
//!
//!     python3 benches/gen_site.py 1000 /tmp/site-1000
//!     SITEGEN_PHASES_SITE=/tmp/site-1000 cargo test --release --bench watch_phases -- --nocapture
//!
//! It starts a watch `Session` (full build into SITE/public), then for a few body edits of one post
//! times `Session::rebuild` as a whole, and separately the public phases `rebuild` goes through
//! (settings, load with reuse, index, exercise bodies, job list, rendering the one post). What is
//! left over is the private part of `rebuild`: per-page signatures, the diff and the write.

use std::path::PathBuf;
use std::time::Instant;

use sitegen::config::{Config, Overrides};
use sitegen::content::{self, Reuse};
use sitegen::incremental::Session;
use sitegen::render::templates::Templates;
use sitegen::render::{self, Job};

fn ms(t: Instant) -> f64 {
    t.elapsed().as_secs_f64() * 1000.0
}

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
    };
    let t = Instant::now();
    let (mut session, _) = Session::start(&root, overrides.clone()).expect("initial build");
    eprintln!("initial build {:.0} ms", ms(t));

    let post = root.join("posts/post-00002.md");
    let mut rows: Vec<[f64; 8]> = Vec::new();
    for e in 0..7 {
        let mut text = std::fs::read_to_string(&post).unwrap();
        text.push_str(&format!("\n\nphase edit {e}\n"));
        std::fs::write(&post, &text).unwrap();
        let changed = vec![post.clone()];

        // The whole rebuild, as `watch` calls it.
        let t = Instant::now();
        let outcome = session.rebuild(&changed).expect("rebuild");
        let total = ms(t);
        assert_eq!(outcome.rendered, 1);

        // The public phases of the same work, done again on the side.
        let t = Instant::now();
        let config = Config::load(&root, overrides.clone()).unwrap();
        let t_config = ms(t);
        let mut errors = Vec::new();
        let templates = Templates::load(&config, &mut errors);
        let previous = content::load(&config, &mut errors);
        let is_changed = |p: &std::path::Path| p == post.as_path();
        let t = Instant::now();
        let loaded = content::load_reusing(
            &config,
            Some(Reuse {
                previous: &previous,
                changed: &is_changed,
                rescan: false,
            }),
            &mut errors,
        );
        let t_load = ms(t);
        let t = Instant::now();
        let _copy = loaded.clone();
        let site = sitegen::site::index(&config, loaded, templates.site_shortcodes(), &mut errors);
        let t_index = ms(t);
        let t = Instant::now();
        let (xhtml, _) = render::exercise_bodies(&site, &templates);
        let t_xbodies = ms(t);
        let t = Instant::now();
        let jobs = render::jobs(&site);
        let paths: Vec<String> = jobs.iter().map(|j| j.path(&site)).collect();
        let t_jobs = ms(t);
        let i = site.by_key["post-00002.md"];
        let t = Instant::now();
        let (pages, _) = render::render_jobs(&site, &templates, &xhtml, &[Job::Post(i)]);
        let t_render = ms(t);
        assert_eq!(pages.len(), 1);
        let _ = paths;
        let public = t_config + t_load + t_index + t_xbodies + t_jobs + t_render;
        rows.push([
            total,
            t_config,
            t_load,
            t_index,
            t_xbodies,
            t_jobs,
            t_render,
            total - public,
        ]);
    }
    // Work the per-page signatures do: each post's signature hashes a post summary for every post
    // that uses each exercise it embeds (and the signatures are computed for all pages).
    let mut site_errors = Vec::new();
    let config = Config::load(&root, overrides).unwrap();
    let templates = Templates::load(&config, &mut site_errors);
    let site = sitegen::site::index(
        &config,
        content::load(&config, &mut site_errors),
        templates.site_shortcodes(),
        &mut site_errors,
    );
    let refs: usize = site
        .posts
        .iter()
        .map(|p| {
            p.exercises
                .iter()
                .map(|&x| site.exercises[x].used_in.len())
                .sum::<usize>()
        })
        .sum();
    let names = [
        "rebuild total",
        "  Config::load",
        "  content::load_reusing",
        "  clone + site::index",
        "  render::exercise_bodies",
        "  render::jobs + paths",
        "  render_jobs(1 post)",
        "  rest: signatures+diff+write",
    ];
    eprintln!(
        "posts={} exercises={} post-refs hashed per signature pass={refs}",
        site.posts.len(),
        site.exercises.len()
    );
    for (k, name) in names.iter().enumerate() {
        let col: Vec<f64> = rows.iter().skip(1).map(|r| r[k]).collect();
        eprintln!("{name:<32} median {:>8.1} ms", median(col));
    }
}
