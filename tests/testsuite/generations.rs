//! Output generations: the previous output is kept as a spare beside the live one and recycled by
//! the next build, which writes only the files whose bytes changed, and whose result is still
//! byte-identical to a clean build, whatever happened to the spare in between.

use std::fs;

use crate::common::{self, TestSite, post};

fn site() -> TestSite {
    let site = TestSite::empty();
    for i in 0..6 {
        site.write(
            &format!("posts/p{i}.md"),
            &post(
                &format!("Post {i}"),
                "2024-01-01",
                "",
                &format!("Body {i}."),
            ),
        );
    }
    site.write("static/img/a.txt", "asset a\n");
    site
}

/// Builds and returns how many files the build wrote, from its summary line.
fn build_written(site: &TestSite, args: &[&str]) -> usize {
    let err = site.build_ok(args);
    let line = err
        .lines()
        .find(|l| l.starts_with("built "))
        .unwrap_or_else(|| panic!("{err}"));
    let (_, rest) = line
        .split_once(" files, ")
        .unwrap_or_else(|| panic!("{line}"));
    rest.split(' ').next().unwrap().parse().unwrap()
}

/// Builds the site from scratch into `clean/` and asserts `public/` is byte-identical to it.
fn assert_same_as_clean_build(site: &TestSite) {
    let _ = fs::remove_dir_all(site.path("clean"));
    let _ = fs::remove_dir_all(site.path(".clean.spare"));
    let _ = fs::remove_file(site.path(".clean.sitegen"));
    site.build_ok(&["--output", "clean"]);
    assert!(
        site.snapshot("public") == site.snapshot("clean"),
        "public/ differs from a clean build"
    );
    assert_eq!(common::leftovers(site, "public"), Vec::<String>::new());
}

#[test]
fn the_spare_is_recycled_writing_only_the_files_that_changed() {
    let site = site();
    let all = build_written(&site, &[]);
    assert!(all > 8, "the first build writes everything ({all})");
    assert!(
        !site.path(".public.spare").exists(),
        "nothing to keep after a first build"
    );
    // The second build has no spare yet; afterwards the first output is the spare.
    assert_eq!(build_written(&site, &[]), all);
    assert!(site.path(".public.spare/p1/index.html").is_file());
    assert_eq!(
        build_written(&site, &[]),
        0,
        "nothing changed: nothing written"
    );
    assert_same_as_clean_build(&site);
    // One body changed: its page, the home page showing its summary and the feed carrying it,
    // and the files of the search index that hold it (its fragment, the word index, the meta
    // file and the entry naming it), in each of the two generations.
    site.write(
        "posts/p3.md",
        &post("Post 3", "2024-01-01", "", "A new body."),
    );
    assert_eq!(build_written(&site, &[]), 3 + 4);
    assert_eq!(
        build_written(&site, &[]),
        3 + 4,
        "the other generation catches up"
    );
    assert_eq!(build_written(&site, &[]), 0);
    assert_same_as_clean_build(&site);
    // A changed asset is copied again; a deleted post's files are removed.
    site.write("static/img/a.txt", "asset a, changed\n");
    fs::remove_file(site.path("posts/p5.md")).unwrap();
    build_written(&site, &[]);
    build_written(&site, &[]);
    assert!(!site.path("public/p5").exists());
    assert!(!site.path(".public.spare/p5").exists());
    assert_same_as_clean_build(&site);
}

#[test]
fn anything_done_to_the_spare_by_hand_is_undone() {
    let site = site();
    site.build_ok(&[]);
    site.build_ok(&[]);
    // Same size, other bytes; a stray file at the top and deep down; a page replaced by a link.
    let page = site.path(".public.spare/p1/index.html");
    let text = fs::read_to_string(&page).unwrap();
    fs::write(&page, text.replace("Body 1", "Body X")).unwrap();
    site.write(".public.spare/stray.txt", "stray");
    site.write(".public.spare/p2/deep/stray.html", "stray");
    fs::remove_file(site.path(".public.spare/p4/index.html")).unwrap();
    #[cfg(unix)]
    std::os::unix::fs::symlink("/etc/hostname", site.path(".public.spare/p4/index.html")).unwrap();
    site.build_ok(&[]);
    assert_same_as_clean_build(&site);
    // Files added to the live output (which becomes the spare) do not survive either.
    site.write("public/hand-made.html", "mine");
    site.build_ok(&[]);
    site.build_ok(&[]);
    assert!(!site.path("public/hand-made.html").exists());
    assert_same_as_clean_build(&site);
}

#[test]
fn a_spare_without_a_manifest_is_replaced_by_a_fresh_tree() {
    let site = site();
    site.build_ok(&[]);
    site.build_ok(&[]);
    // The same folder under a new identity (as a build killed while writing it would leave it:
    // sitegen's, but no manifest describes it), with a stray file.
    fs::rename(site.path(".public.spare"), site.path("moved")).unwrap();
    common::copy_dir(&site.path("moved"), &site.path(".public.spare"));
    fs::remove_dir_all(site.path("moved")).unwrap();
    site.write(".public.spare/stray.txt", "stray");
    let all = build_written(&site, &[]);
    assert!(all > 8, "a fresh tree is written whole ({all})");
    assert_same_as_clean_build(&site);
}

#[test]
fn a_folder_that_is_not_sitegen_s_under_the_spare_s_name_is_left_alone() {
    let site = site();
    site.write(".public.spare/mine.txt", "not sitegen's");
    site.build_ok(&[]);
    site.build_ok(&[]);
    assert_eq!(
        fs::read_to_string(site.path(".public.spare/mine.txt")).unwrap(),
        "not sitegen's"
    );
    assert_eq!(fs::read_dir(site.path(".public.spare")).unwrap().count(), 1);
    assert_same_as_clean_build(&site);
}

#[test]
fn with_spare_output_off_no_spare_is_kept() {
    let site = site();
    site.build_ok(&[]);
    site.build_ok(&[]);
    assert!(site.path(".public.spare").is_dir());
    site.write("sitegen.toml", "spare_output = false\n");
    site.build_ok(&[]);
    assert!(
        !site.path(".public.spare").exists(),
        "turning it off removes the spare"
    );
    site.build_ok(&[]);
    assert!(!site.path(".public.spare").exists());
    assert_same_as_clean_build(&site);
}
