//! Warm builds: `build` records what each page was rendered from beside the output, and the next
//! build renders only the pages whose inputs changed, taking the others from the live output;
//! after any edit the result is byte-identical to a clean build.

use std::fs;

use crate::common::{self, TestSite};

/// Builds; returns (pages rendered, pages of the site) from the summary line.
fn build_rendered(site: &TestSite, args: &[&str]) -> (usize, usize) {
    let err = site.build_ok(args);
    let line = err
        .lines()
        .find(|l| l.starts_with("built "))
        .unwrap_or_else(|| panic!("{err}"));
    let number = |after: &str| -> usize {
        let (_, rest) = line.split_once(after).unwrap_or_else(|| panic!("{line}"));
        rest.split(' ').next().unwrap().parse().unwrap()
    };
    (number(" pages ("), number("built "))
}

/// Asserts that `public/` is byte-identical to a build of the site from nothing.
fn assert_same_as_clean_build(site: &TestSite, step: &str) {
    for leftover in ["clean", ".clean.spare", ".clean.sitegen"] {
        let path = site.path(leftover);
        let _ = fs::remove_dir_all(&path);
        let _ = fs::remove_file(&path);
    }
    site.build_ok(&["--output", "clean"]);
    let (public, clean) = (site.snapshot("public"), site.snapshot("clean"));
    let differ: Vec<&String> = public
        .iter()
        .zip(&clean)
        .filter(|(a, b)| a != b)
        .map(|(a, _)| &a.0)
        .collect();
    assert!(
        public.len() == clean.len() && differ.is_empty(),
        "{step}: public/ differs from a clean build ({} files against {}; first differing: {:?})",
        public.len(),
        clean.len(),
        differ.first()
    );
}

fn edit(site: &TestSite, rel: &str, from: &str, to: &str) {
    let text = fs::read_to_string(site.path(rel)).unwrap();
    assert!(text.contains(from), "{rel} has no `{from}`");
    site.write(rel, &text.replacen(from, to, 1));
}

#[test]
fn a_build_over_its_own_output_renders_only_the_pages_whose_inputs_changed() {
    let site = TestSite::shipped();
    let (rendered, pages) = build_rendered(&site, &[]);
    assert_eq!(rendered, pages, "the first build renders everything");
    assert_eq!(
        build_rendered(&site, &[]),
        (pages, pages),
        "no spare yet to keep pages in: rendering them costs less than copying them"
    );
    assert_eq!(build_rendered(&site, &[]), (0, pages), "nothing changed");
    site.write(
        "posts/core.md",
        &(fs::read_to_string(site.path("posts/core.md")).unwrap()
            + "\nOne more paragraph about bracing.\n"),
    );
    assert_eq!(
        build_rendered(&site, &[]),
        (4, pages),
        "a body edit renders its page, the two feeds that carry its body and the search page's words"
    );
    assert_same_as_clean_build(&site, "a body edit");
    assert_eq!(
        build_rendered(&site, &[]).0,
        4,
        "the spare, a build behind, has the old pages: they are rendered again, not copied"
    );
    assert_eq!(build_rendered(&site, &[]).0, 0, "and then nothing");
}

#[test]
fn every_kind_of_edit_then_a_build_equals_a_clean_build() {
    let site = TestSite::shipped();
    let (_, pages) = build_rendered(&site, &[]);
    build_rendered(&site, &[]); // a spare to recycle
    let step = |what: &str, change: &dyn Fn(&TestSite)| -> usize {
        change(&site);
        let (rendered, _) = build_rendered(&site, &[]);
        assert_same_as_clean_build(&site, what);
        rendered
    };
    let title = step("a title that lists and neighbours show", &|s| {
        edit(
            s,
            "posts/core.md",
            "title = \"Core\"",
            "title = \"Core Stability\"",
        )
    });
    assert!(title > 3 && title < pages, "{title} of {pages}");
    step("a weight that reorders the series", &|s| {
        edit(s, "posts/core.md", "weight = 3", "weight = 0")
    });
    step(
        "a new post linking to a heading, embedding an exercise",
        &|s| {
            s.write(
            "posts/extra.md",
            &common::post(
                "Extra Notes",
                "2024-05-01",
                "tags = [\"core\"]\n",
                "See [bracing](@/core.md#bracing-and-breathing).\n\n{{ exercise(id=\"bird-dog\") }}\n",
            ),
        )
        },
    );
    step("the heading that link points at renamed", &|s| {
        edit(
            s,
            "posts/core.md",
            "## Bracing and Breathing",
            "## Bracing and Breathing Well",
        );
        edit(
            s,
            "posts/extra.md",
            "#bracing-and-breathing)",
            "#bracing-and-breathing-well)",
        );
    });
    step(
        "an exercise's cues, shown on the cards of every post",
        &|s| {
            edit(
                s,
                "posts/exercises/bird-dog.md",
                "Reach long, don't lift high",
                "Reach long and low",
            )
        },
    );
    step("a static file added", &|s| {
        s.write("static/notes.txt", "notes\n")
    });
    step("the post deleted", &|s| {
        fs::remove_file(s.path("posts/extra.md")).unwrap()
    });
    let template = step("a partial template of every HTML page", &|s| {
        let base = fs::read_to_string(
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("templates/base.html"),
        )
        .unwrap();
        s.write(
            "templates/base.html",
            &base.replacen("</main>", "</main>\n<!-- mountains -->", 1),
        )
    });
    assert!(
        template > title && template < pages,
        "{template} of {pages}"
    );
    let settings = step("a setting", &|s| {
        edit(
            s,
            "sitegen.toml",
            "title = \"Move Well\"",
            "title = \"Move Better\"",
        )
    });
    assert_eq!(settings, pages, "a setting renders everything");
    let (rendered, with_drafts) = build_rendered(&site, &["--drafts"]);
    assert_eq!(rendered, with_drafts, "so does a flag");
    assert_eq!(build_rendered(&site, &[]).0, pages, "and going back");
}

#[test]
fn a_page_changed_in_the_output_by_hand_is_rendered_again() {
    let site = TestSite::shipped();
    build_rendered(&site, &[]);
    build_rendered(&site, &[]); // a spare to recycle
    let page = site.path("public/core/index.html");
    fs::write(&page, "tampered").unwrap();
    let (rendered, _) = build_rendered(&site, &[]);
    assert_eq!(rendered, 1);
    assert_same_as_clean_build(&site, "a page written over by hand");
}

/// The shipped site built until a build keeps every page (a first build, then one that makes the
/// spare); returns it and its number of pages.
fn kept_whole() -> (TestSite, usize) {
    let site = TestSite::shipped();
    let (_, pages) = build_rendered(&site, &[]);
    build_rendered(&site, &[]);
    assert_eq!(
        build_rendered(&site, &[]).0,
        0,
        "the same binary keeps every page"
    );
    (site, pages)
}

#[test]
fn another_sitegen_binary_renders_everything_again() {
    let (site, pages) = kept_whole();
    // A copy of the binary is another file: it may be another version, so nothing is trusted.
    let copy = site.path("sitegen-copy");
    fs::copy(assert_cmd::cargo::cargo_bin("sitegen"), &copy).unwrap();
    let out = std::process::Command::new(&copy)
        .arg("build")
        .current_dir(site.root())
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{err}");
    assert!(
        err.contains(&format!("built {pages} pages ({pages} rendered")),
        "{err}"
    );
    assert_eq!(build_rendered(&site, &[]).0, pages, "and back");
}

#[test]
fn a_damaged_record_renders_everything_and_builds_the_same_site() {
    let (site, pages) = kept_whole();
    let state = site.path(".public.sitegen");
    let text = fs::read_to_string(&state).unwrap();
    assert!(
        text.contains("\nsigned "),
        "the signatures are in the state file"
    );
    // Every signature changed: none matches, so every page renders again.
    let damaged: String = text
        .lines()
        .map(|l| match l.strip_prefix("s ") {
            Some(rest) => format!("s 0000000000000000{}\n", &rest[16..]),
            None => format!("{l}\n"),
        })
        .collect();
    fs::write(&state, damaged).unwrap();
    assert_eq!(build_rendered(&site, &[]).0, pages);
    assert_same_as_clean_build(&site, "after damaged signatures");
}
