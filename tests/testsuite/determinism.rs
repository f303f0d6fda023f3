//! Determinism: the same input gives byte-identical output, whatever the output folder, the copy of the
//! site, or the order in which parallel work finished.

use crate::common::{self, TestSite};

/// The series fixture plus a bundle and a static file, so every kind of output is present.
fn rich_site() -> TestSite {
    let site = TestSite::fixture("series");
    site.write(
        "posts/trip/index.md",
        &common::post(
            "Trip",
            "2023-09-01",
            "tags = [\"b\", \"a\"]\n",
            "![x](img.png)\n\n## A\n\n## A\n",
        ),
    );
    site.write_image("posts/trip/img.png");
    site.write("static/robots.txt", "User-agent: *\n");
    site
}

#[test]
fn two_builds_into_two_folders_are_byte_identical() {
    let site = rich_site();
    site.build_ok(&["--output", "out-a"]);
    site.build_ok(&["--output", "out-b"]);
    let a = site.snapshot("out-a");
    let b = site.snapshot("out-b");
    assert!(a.len() > 15, "too little output to compare: {}", a.len());
    assert_eq!(
        a.iter().map(|(p, _)| p).collect::<Vec<_>>(),
        b.iter().map(|(p, _)| p).collect::<Vec<_>>()
    );
    for ((path, x), (_, y)) in a.iter().zip(&b) {
        assert!(x == y, "{path} differs between builds");
    }
}

#[test]
fn rebuilding_in_place_changes_nothing() {
    let site = rich_site();
    site.build_ok(&[]);
    let first = site.snapshot("public");
    for _ in 0..3 {
        site.build_ok(&[]);
        assert!(
            site.snapshot("public") == first,
            "a rebuild of unchanged input changed public/"
        );
    }
}

#[test]
fn two_copies_of_a_site_in_different_folders_give_the_same_output() {
    let a = rich_site();
    let b = rich_site();
    a.build_ok(&[]);
    b.build_ok(&[]);
    assert!(
        a.snapshot("public") == b.snapshot("public"),
        "output depends on where the site lives"
    );
}

#[test]
fn no_page_mentions_the_machine_s_paths() {
    let site = rich_site();
    site.build_ok(&[]);
    let root = site.root().to_string_lossy().into_owned();
    for (path, bytes) in site.snapshot("public") {
        let text = String::from_utf8_lossy(&bytes);
        assert!(
            !text.contains(&root),
            "{path} contains the site's absolute path"
        );
    }
}
