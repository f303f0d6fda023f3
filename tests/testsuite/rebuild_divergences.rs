//! Each way a warm build or a `watch` rebuild once served something other than a clean build
//! would (found by the seeded random editor of `differential.rs`), as its own test.

use std::fs;

use sitegen::Session;

use crate::common::session::{Editor, assert_same_as_clean_build, refresh_search};
use crate::common::watch::{Watch, wait_until};
use crate::common::{TestSite, describe_all, post, session_overrides};

/// A small site: two posts (one tagged), search on.
fn small_site() -> TestSite {
    TestSite::with_files(&[
        ("sitegen.toml", "title = \"Small\"\n"),
        (
            "posts/one.md",
            &post(
                "One",
                "2024-01-01",
                "tags = [\"hips\"]\n",
                "The first post.",
            ),
        ),
        (
            "posts/two.md",
            &post("Two", "2024-01-02", "", "The second post."),
        ),
    ])
}

/// Asserts that a warm `build` over `public/` gives the bytes of a clean build.
fn assert_warm_build_is_clean(site: &TestSite, step: &str) {
    site.build_ok(&["--base-url", "/"]);
    for leftover in ["clean", ".clean.spare", ".clean.sitegen"] {
        let _ = fs::remove_dir_all(site.path(leftover));
        let _ = fs::remove_file(site.path(leftover));
    }
    site.build_ok(&["--base-url", "/", "--output", "clean"]);
    let names =
        |dir: &str| -> Vec<String> { site.snapshot(dir).into_iter().map(|(p, _)| p).collect() };
    assert_eq!(
        names("public"),
        names("clean"),
        "{step}: the file lists differ"
    );
    assert_eq!(
        site.snapshot("public"),
        site.snapshot("clean"),
        "{step}: bytes differ"
    );
}

#[test]
fn a_warm_build_after_search_is_turned_off_keeps_no_search_folder() {
    let site = small_site();
    site.build_ok(&["--base-url", "/"]);
    assert!(site.path("public/pagefind").is_dir());
    site.write("sitegen.toml", "title = \"Small\"\nsearch = false\n");
    // Twice: the second build recycles the spare, which still holds the first build's index.
    for step in ["search = false", "search = false, the spare recycled"] {
        assert_warm_build_is_clean(&site, step);
        assert!(!site.path("public/pagefind").exists(), "{step}");
    }
    site.write("sitegen.toml", "title = \"Small\"\n");
    assert_warm_build_is_clean(&site, "search on again");
}

#[test]
fn watch_renders_every_page_again_when_only_search_or_urls_change() {
    let site = small_site();
    let mut ed = Editor::start(&site);
    for (step, settings) in [
        ("search = false", "title = \"Small\"\nsearch = false\n"),
        ("search on again", "title = \"Small\"\n"),
        ("urls = \"index\"", "title = \"Small\"\nurls = \"index\"\n"),
        ("urls back", "title = \"Small\"\n"),
    ] {
        ed.apply(step, &["sitegen.toml"], |s| {
            s.write("sitegen.toml", settings)
        });
        assert_eq!(
            site.path("public/pagefind").is_dir(),
            !settings.contains("search = false"),
            "{step}"
        );
    }
}

#[test]
fn deleting_a_static_file_that_overrides_a_generated_one_brings_the_generated_one_back() {
    let site = small_site();
    for (rel, text) in [
        ("static/robots.txt", "User-agent: *\nDisallow: /\n"),
        ("static/style.css", "body { color: red; }\n"),
        (
            "static/favicon.svg",
            "<svg xmlns=\"http://www.w3.org/2000/svg\"/>\n",
        ),
    ] {
        site.write(rel, text);
    }
    let mut ed = Editor::start(&site);
    for rel in [
        "static/robots.txt",
        "static/style.css",
        "static/favicon.svg",
    ] {
        ed.apply(&format!("deleting {rel}"), &[rel], |s| {
            fs::remove_file(s.path(rel)).unwrap()
        });
    }
}

#[test]
fn an_empty_folder_made_after_a_failed_rebuild_does_not_clear_the_error() {
    let site = small_site();
    let root = site.root().canonicalize().unwrap();
    let (mut session, _) = Session::start(&root, session_overrides(&site, "public")).unwrap();
    site.write("posts/two.md", "+++\ntitle = \n+++\nBroken.\n");
    let err = session.rebuild(&[root.join("posts/two.md")]).unwrap_err();
    assert!(describe_all(&err.diagnostics).contains("posts/two.md:2:"));
    for dir in ["posts/x", "templates", "static"] {
        fs::create_dir_all(site.path(dir)).unwrap();
        let err = session
            .rebuild(&[root.join(dir)])
            .expect_err(&format!("mkdir {dir} while posts/two.md is broken"));
        let err = describe_all(&err.diagnostics);
        assert!(err.contains("posts/two.md:2:"), "after mkdir {dir}: {err}");
    }
    site.write("posts/two.md", &post("Two", "2024-01-02", "", "Fixed."));
    session.rebuild(&[root.join("posts/two.md")]).unwrap();
    refresh_search(&mut session, "the fix");
    assert_same_as_clean_build(&site, "the fix");
}

#[test]
fn a_source_folder_moved_away_and_back_is_watched_again() {
    let site = small_site();
    let mut w = Watch::start_with(&site, &["--no-serve"]);
    w.fence();
    // As a sync tool does: the folder goes and a copy comes back at once.
    fs::rename(site.path("posts"), site.path("posts-old")).unwrap();
    crate::common::copy_dir(&site.path("posts-old"), &site.path("posts"));
    w.next_rebuild();
    site.write(
        "posts/one.md",
        &post("One, edited", "2024-01-01", "", "Edited after the move."),
    );
    wait_until("the edit in the re-created folder is built", || {
        fs::read_to_string(site.path("public/one/index.html"))
            .is_ok_and(|p| p.contains("Edited after the move."))
    });
    w.stop();
}

#[test]
fn the_real_watcher_brings_a_generated_file_back_when_its_override_is_deleted() {
    let site = small_site();
    let overrides = [
        ("static/robots.txt", "User-agent: *\nDisallow: /\n"),
        ("static/style.css", "body { color: red; }\n"),
        ("static/manifest.webmanifest", "{}\n"),
    ];
    for (rel, text) in overrides {
        site.write(rel, text);
    }
    let mut w = Watch::start_with(&site, &["--no-serve"]);
    w.fence();
    for (rel, text) in overrides {
        fs::remove_file(site.path(rel)).unwrap();
        let out = rel.trim_start_matches("static/");
        wait_until(&format!("{out} is the generated one again"), || {
            fs::read_to_string(site.path(&format!("public/{out}"))).is_ok_and(|t| t != text)
        });
    }
    w.fence();
    w.stop();
    site.build_ok(&["--base-url", "/", "--output", "clean"]);
    for (rel, _) in overrides {
        let out = rel.trim_start_matches("static/");
        assert_eq!(
            fs::read(site.path(&format!("public/{out}"))).unwrap(),
            fs::read(site.path(&format!("clean/{out}"))).unwrap(),
            "{out}"
        );
    }
}

#[test]
fn the_real_watcher_keeps_reporting_a_broken_post_when_an_empty_folder_appears() {
    let site = small_site();
    let mut w = Watch::start_with(&site, &["--no-serve"]);
    w.fence();
    site.write("posts/two.md", "+++\ntitle = \n+++\nBroken.\n");
    let lines = w.expect_line(|l| l.contains("posts/two.md:2:"));
    assert!(lines.contains("posts/two.md:2:"), "{lines}");
    for dir in ["posts/x", "templates", "static"] {
        fs::create_dir_all(site.path(dir)).unwrap();
        let lines = w.next_rebuild();
        let rest = w.expect_line(|l| {
            l.contains("posts/two.md:2:") || crate::common::watch::is_rebuild_line(l)
        });
        assert!(
            rest.contains("posts/two.md:2:"),
            "after mkdir {dir} the error must stay: {lines}\n{rest}"
        );
    }
    w.stop();
}
