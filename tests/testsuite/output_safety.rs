//! The output folder: dangerous folders are refused untouched, a folder sitegen made is replaced whole,
//! and pages of deleted posts disappear on the next build.

use crate::common::{self, TestSite, post};

fn site() -> TestSite {
    TestSite::with_files(&[
        ("posts/one.md", &post("One", "2024-01-01", "", "First.")),
        ("posts/two.md", &post("Two", "2024-01-02", "", "Second.")),
        (
            "templates/post.html",
            "{% extends \"base.html\" %}{% block content %}{{ page.content | safe }}{% endblock content %}",
        ),
    ])
}

/// Builds with `--output OUTPUT` from `cwd` expecting a refusal, and checks nothing under the site root
/// changed.
fn assert_refused(site: &TestSite, cwd: &std::path::Path, output: &str, why: &str) {
    let before = site.snapshot(".");
    let out = site
        .cmd()
        .current_dir(cwd)
        .args(["build", "--root"])
        .arg(site.root())
        .args(["--output", output])
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(
        out.status.code(),
        Some(1),
        "--output {output} was not refused:\n{err}"
    );
    assert!(
        err.starts_with(&format!(
            "{output}: error: refusing to use `{output}` as the output folder"
        )),
        "{err}"
    );
    assert!(
        err.contains(why),
        "--output {output}: expected `{why}` in:\n{err}"
    );
    assert!(
        site.snapshot(".") == before,
        "--output {output}: the site changed"
    );
}

#[test]
fn the_site_root_is_refused() {
    let site = site();
    assert_refused(&site, site.root(), ".", "site root");
    let root = site.root().to_string_lossy().into_owned();
    assert_refused(&site, site.root(), &format!("{root}/posts/.."), "site root");
}

#[test]
fn posts_and_templates_and_folders_inside_them_are_refused() {
    let site = site();
    assert_refused(&site, site.root(), "posts", "`posts/`");
    assert_refused(&site, site.root(), "templates", "`templates/`");
    assert_refused(&site, site.root(), "posts/public", "`posts/`");
    assert!(!site.path("posts/public").exists());
}

#[test]
fn an_ancestor_of_the_site_is_refused() {
    let site = site();
    assert_refused(&site, site.root(), "..", "holds the site");
    let nested = TestSite::with_files(&[("blog/posts/a.md", &post("A", "2024-01-01", "", "x"))]);
    let out = nested
        .cmd()
        .args(["build", "--root", "blog", "--output", "."])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("holds the site"));
}

#[test]
fn a_non_empty_folder_sitegen_did_not_create_is_refused() {
    let site = site();
    site.write("notes/todo.txt", "keep me\n");
    assert_refused(&site, site.root(), "notes", "did not create");
    assert_eq!(
        std::fs::read_to_string(site.path("notes/todo.txt")).unwrap(),
        "keep me\n"
    );
    // The default output folder gets the same protection.
    site.write("public/mine.html", "hand-written\n");
    let err = site.build_err(&[]);
    assert!(err.contains("did not create"), "{err}");
    assert_eq!(site.read_output("mine.html"), "hand-written\n");
}

#[test]
fn a_file_in_place_of_the_output_folder_is_refused() {
    let site = site();
    site.write("public", "a file\n");
    let err = site.build_err(&[]);
    assert!(err.contains("it is a file"), "{err}");
    assert_eq!(
        std::fs::read_to_string(site.path("public")).unwrap(),
        "a file\n"
    );
}

#[test]
fn an_empty_folder_is_accepted_and_marked() {
    let site = site();
    std::fs::create_dir(site.path("public")).unwrap();
    site.build_ok(&[]);
    assert!(
        site.path(".public.sitegen").is_file(),
        "the marker is beside the output"
    );
    assert!(
        !site.path("public/.sitegen").exists(),
        "nothing of sitegen's bookkeeping is published"
    );
    assert!(site.path("public/one/index.html").is_file());
}

#[test]
fn an_output_marked_inside_by_an_older_sitegen_is_replaced_and_the_old_marker_goes() {
    let site = site();
    site.write("public/.sitegen", "written by an older sitegen\n");
    site.write("public/old-post/index.html", "old");
    site.write(".public.tmp-4000000/.sitegen", "");
    site.build_ok(&[]);
    assert!(site.path("public/one/index.html").is_file());
    assert!(!site.path("public/old-post").exists());
    assert_eq!(common::leftovers(&site, "public"), Vec::<String>::new());
    assert!(site.path(".public.sitegen").is_file());
}

#[test]
fn a_folder_sitegen_created_is_replaced_whole() {
    let site = site();
    site.build_ok(&[]);
    assert!(
        site.path(".public.sitegen").is_file(),
        "the marker is written"
    );
    site.write("public/stray.txt", "left by hand\n");
    site.build_ok(&[]);
    assert!(
        !site.path("public/stray.txt").exists(),
        "the folder is replaced, not merged into"
    );
    assert!(site.path("public/two/index.html").is_file());
}

#[test]
fn pages_of_deleted_posts_disappear_on_the_next_build() {
    let site = site();
    site.build_ok(&[]);
    assert!(site.path("public/two/index.html").is_file());
    std::fs::remove_file(site.path("posts/two.md")).unwrap();
    site.build_ok(&[]);
    assert!(!site.path("public/two").exists(), "stale page kept");
    assert!(site.path("public/one/index.html").is_file());
    assert!(
        !site.read_output("index.html").contains("/two/"),
        "the home page still links the deleted post"
    );
}

#[test]
fn a_renamed_slug_moves_the_page() {
    let site = site();
    site.build_ok(&[]);
    site.write(
        "posts/two.md",
        &post("Two", "2024-01-02", "slug = \"second\"\n", "Second."),
    );
    site.build_ok(&[]);
    assert!(!site.path("public/two").exists());
    assert!(site.path("public/second/index.html").is_file());
}

#[test]
fn an_output_folder_elsewhere_is_written_and_no_temporary_folder_is_left() {
    let site = site();
    let elsewhere = tempfile::tempdir().unwrap();
    let out = elsewhere.path().join("www");
    site.build_ok(&["--output", out.to_str().unwrap()]);
    assert!(out.join("one/index.html").is_file());
    assert!(
        !site.path("public").exists(),
        "only the chosen folder is written"
    );
    site.build_ok(&["--output", out.to_str().unwrap()]);
    let mut names: Vec<_> = std::fs::read_dir(elsewhere.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n != ".www.spare")
        .collect();
    names.sort();
    assert_eq!(
        names,
        [".www.sitegen", "www"],
        "temporary folders left beside the output"
    );
}

#[test]
fn static_and_a_folder_inside_it_are_refused() {
    let site = site();
    site.write("static/robots.txt", "User-agent: *\n");
    assert_refused(&site, site.root(), "static", "`static/`");
    assert_refused(&site, site.root(), "static/out", "`static/`");
    assert!(!site.path("static/out").exists());
}

#[cfg(unix)]
#[test]
fn a_symlink_as_the_output_folder_is_refused() {
    let site = site();
    // An empty folder elsewhere, which would be accepted as the output if named directly.
    let elsewhere = tempfile::tempdir().unwrap();
    std::os::unix::fs::symlink(elsewhere.path(), site.path("public")).unwrap();
    assert_refused(&site, site.root(), "public", "it is a symbolic link");
    assert_eq!(
        std::fs::read_dir(elsewhere.path()).unwrap().count(),
        0,
        "the link's target was written into"
    );
    assert!(
        site.path("public").is_symlink(),
        "the link was replaced by a folder"
    );
}

#[test]
fn the_home_folder_is_refused() {
    let site = site();
    let home = tempfile::tempdir().unwrap();
    let out = site
        .cmd()
        .env("HOME", home.path())
        .args(["build", "--output"])
        .arg(home.path())
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains("it is your home folder"), "{err}");
    assert_eq!(
        std::fs::read_dir(home.path()).unwrap().count(),
        0,
        "the home folder was written into"
    );
}

/// Names in the folder holding `public/` that look like sitegen's temporary folders.
fn temp_folders(site: &TestSite) -> Vec<String> {
    std::fs::read_dir(site.root())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains(".tmp"))
        .collect()
}

#[test]
fn a_failure_while_writing_keeps_the_previous_output() {
    let site = site();
    site.write("static/data.bin", "some bytes\n");
    site.build_ok(&[]);
    let before = site.snapshot("public");
    // A copy that fails half way, as on a disk that fills up.
    site.write("static/data.bin", "other bytes\n");
    site.write("posts/one.md", &post("One", "2024-01-01", "", "Changed."));
    let (code, err) = build_with_fault(&site, "copy");
    assert_eq!(code, Some(1), "{err}");
    assert!(
        err.contains("static/data.bin") && err.contains("cannot copy"),
        "{err}"
    );
    assert!(site.snapshot("public") == before, "public/ changed:\n{err}");
    assert_eq!(temp_folders(&site), Vec::<String>::new(), "{err}");
}

/// Runs `sitegen build` with the failure point `fault` set (see `src/output/faults.rs`): exit
/// code and stderr.
fn build_with_fault(site: &TestSite, fault: &str) -> (Option<i32>, String) {
    let out = site
        .cmd()
        .arg("build")
        .env("SITEGEN_FAULT", fault)
        .output()
        .unwrap();
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn a_failure_during_the_swap_keeps_the_previous_output() {
    let site = site();
    site.build_ok(&[]);
    let before = site.snapshot("public");
    site.write("posts/one.md", &post("One", "2024-01-01", "", "Changed."));
    let (code, err) = build_with_fault(&site, "swap");
    assert_eq!(code, Some(1), "{err}");
    assert!(
        err.contains("public: error: cannot move the previous output aside")
            && err.contains("failure injected at `swap`"),
        "{err}"
    );
    assert!(site.snapshot("public") == before, "public/ changed:\n{err}");
    assert_eq!(temp_folders(&site), Vec::<String>::new(), "{err}");
    // Once the swap can happen, the next build goes through.
    site.build_ok(&[]);
    assert!(site.read_output("one/index.html").contains("Changed."));
}

#[test]
fn a_failure_after_the_swap_is_a_warning_of_a_build_that_succeeded() {
    let site = site();
    site.build_ok(&[]);
    site.write("posts/one.md", &post("One", "2024-01-01", "", "Published."));
    let (code, err) = build_with_fault(&site, "state-after-swap");
    // The new site is in place, so the build says so and exits 0, warning what it could not do.
    assert_eq!(code, Some(0), "{err}");
    assert!(
        err.contains("warning: cannot write sitegen's state file")
            && err.contains("the new site is in place"),
        "{err}"
    );
    assert!(site.read_output("one/index.html").contains("Published."));
    // The next build is correct: it equals a clean build.
    site.write("posts/one.md", &post("One", "2024-01-01", "", "Again."));
    site.build_ok(&[]);
    let _ = std::fs::remove_dir_all(site.path("clean"));
    site.build_ok(&["--output", "clean"]);
    assert_eq!(site.snapshot("public"), site.snapshot("clean"));
}

#[test]
fn temporary_folders_of_dead_builds_are_removed_by_the_next_build() {
    let site = site();
    // A build that died left its marked temporary folder; the next build holds the output's
    // lock, so no other build of this output can be writing it: it is removed.
    site.write(".public.tmp-4000000/.sitegen", "");
    site.write(".public.tmp-4000000/half/index.html", "half");
    // A folder sitegen did not mark is not sitegen's to remove.
    site.write(".public.tmp-4000001/mine.txt", "not sitegen's");
    site.build_ok(&[]);
    assert_eq!(temp_folders(&site), [".public.tmp-4000001".to_string()]);
}

#[test]
fn a_build_while_another_holds_the_output_stops_and_touches_nothing() {
    let site = site();
    site.build_ok(&[]);
    let before = site.snapshot("public");
    // Another process writing this output holds the lock beside it (as `build` and `watch` do).
    let lock = std::fs::File::create(site.path(".public.lock")).unwrap();
    lock.try_lock().expect("the lock is free");
    std::fs::write(site.path(".public.lock"), "pid 4242").unwrap();
    site.write(".public.tmp-4000000/.sitegen", "");
    site.write(
        "posts/one.md",
        "+++\ntitle = \"One\"\ndate = 2024-01-01\n+++\nChanged.\n",
    );
    let err = site.build_err(&[]);
    assert!(
        err.contains("another sitegen process (pid 4242) is writing this output folder"),
        "{err}"
    );
    assert!(site.snapshot("public") == before, "public/ changed:\n{err}");
    assert_eq!(
        temp_folders(&site),
        [".public.tmp-4000000".to_string()],
        "a folder that may belong to the running build is left alone"
    );
    drop(lock);
    site.build_ok(&[]);
    assert!(site.read_output("one/index.html").contains("Changed."));
    assert!(
        !site.path(".public.lock").exists(),
        "a finished build removes its lock file"
    );
}

/// A site big enough that writing and deleting its output takes a while.
fn big_site(n: usize, words: &str) -> TestSite {
    let site = TestSite::empty();
    for i in 0..n {
        site.write(
            &format!("posts/p{i:04}/index.md"),
            &post(&format!("Post {i}"), "2024-01-01", "", words),
        );
        site.write(&format!("posts/p{i:04}/note.txt"), words);
    }
    site
}

#[cfg(unix)]
#[test]
fn a_build_killed_at_any_moment_leaves_nothing_after_the_next_build() {
    use std::os::unix::fs::MetadataExt;
    let site = big_site(300, "First words.");
    site.build_ok(&[]);
    for (i, words) in ["Second words.", "Third words.", "Fourth words."]
        .iter()
        .enumerate()
    {
        let old = site.snapshot("public");
        for n in 0..300 {
            site.write(
                &format!("posts/p{n:04}/index.md"),
                &post(&format!("Post {n}"), "2024-01-01", "", words),
            );
        }
        let _ = std::fs::remove_dir_all(site.path("expected"));
        site.build_ok(&["--output", "expected"]);
        let new = site.snapshot("expected");
        let ino = std::fs::metadata(site.path("public")).unwrap().ino();
        let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("sitegen"))
            .arg("build")
            .env_clear()
            .current_dir(site.root())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        // Kill it at once, when it has made a folder beside the output, or when the new output
        // has just been swapped in (the previous one is then being put away).
        loop {
            let swapped = std::fs::metadata(site.path("public")).is_ok_and(|m| m.ino() != ino);
            let scratch = !common::leftovers(&site, "public").is_empty();
            let done = child.try_wait().unwrap().is_some();
            if done || i == 0 || (i == 1 && scratch) || (i == 2 && swapped) {
                break;
            }
            std::thread::yield_now();
        }
        let _ = child.kill();
        child.wait().unwrap();
        let now = site.snapshot("public");
        assert!(
            now == old || now == new,
            "after a kill at point {i}, public/ is neither the old nor the new site"
        );
        site.build_ok(&[]);
        assert_eq!(
            common::leftovers(&site, "public"),
            Vec::<String>::new(),
            "left behind after a build killed at point {i}"
        );
        assert!(site.snapshot("public") == new);
    }
}
