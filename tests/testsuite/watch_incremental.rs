//! Incremental rebuilds equal a clean full build, byte for byte, after every kind of change.

use std::fs;

use crate::common::session::{Editor, assert_same_as_clean_build, refresh_search, replace};
use crate::common::watch::{Watch, shipped_copy};
use crate::common::{self, Outcome, Session, TestSite, describe_all, session_overrides};

#[test]
fn every_kind_of_edit_matches_a_clean_build() {
    let site = shipped_copy();
    let root = site.root().canonicalize().unwrap();
    let (mut session, first) = Session::start(&root, session_overrides(&site, "public")).unwrap();
    assert!(first.rendered > 20);
    refresh_search(&mut session, "the first build");
    assert_same_as_clean_build(&site, "the first build");
    let mut ed = Editor {
        site: &site,
        session,
    };

    let out = ed.apply("a body edit", &["posts/core.md"], |s| {
        let mut t = fs::read_to_string(s.path("posts/core.md")).unwrap();
        t.push_str("\nOne more paragraph about bracing.\n");
        fs::write(s.path("posts/core.md"), t).unwrap();
    });
    let mut written = out.written.clone();
    written.sort();
    assert_eq!(
        written,
        vec![
            "atom.xml",
            "core/index.html",
            "search/words.json",
            "series/movement-imbalances/atom.xml",
        ],
        "a body edit rewrites only its page, the feeds that carry its body and the search page's words"
    );
    assert_eq!(
        out.rendered, 4,
        "a body edit re-renders only its page, its feeds and the search page's words"
    );
    assert!(out.index_patched, "a body edit patches the index");

    let out = ed.apply("a title change", &["posts/core.md"], |s| {
        replace(
            s,
            "posts/core.md",
            "title = \"Core\"",
            "title = \"Core Stability\"",
        )
    });
    assert!(
        out.written
            .contains(&"joint-by-joint/index.html".to_string()),
        "neighbour shows the new title"
    );
    assert!(out.written.contains(&"index.html".to_string()));
    assert!(!out.index_patched, "a front matter edit indexes again");

    ed.apply(
        "a weight change that reorders the series",
        &["posts/core.md"],
        |s| replace(s, "posts/core.md", "weight = 3", "weight = 0"),
    );
    ed.apply("a new post", &["posts/extra.md"], |s| {
        s.write(
            "posts/extra.md",
            &common::post(
                "Extra Notes",
                "2024-05-01",
                "",
                "Notes with a [link](@/core.md).\n\n{{ exercise(id=\"dead-bug\") }}\n",
            ),
        )
    });
    ed.apply("a rename", &["posts/extra.md", "posts/renamed.md"], |s| {
        fs::rename(s.path("posts/extra.md"), s.path("posts/renamed.md")).unwrap()
    });
    ed.apply(
        "a heading change a link points at",
        &["posts/joint-by-joint.md", "posts/low-back-pain.md"],
        |s| {
            replace(
                s,
                "posts/joint-by-joint.md",
                "## Mobility and Stability Alternate",
                "## Mobility and Stability Alternate Up the Body",
            );
            replace(
                s,
                "posts/low-back-pain.md",
                "#mobility-and-stability-alternate)",
                "#mobility-and-stability-alternate-up-the-body)",
            );
        },
    );
    ed.apply("a new exercise", &["posts/exercises/goblet-squat.md", "posts/renamed.md"], |s| {
        s.write("posts/exercises/goblet-squat.md", "+++\nname = \"Goblet Squat\"\njoint = \"hips\"\ngoal = \"strength\"\n+++\nHold a weight at your chest and squat.\n");
        let mut t = fs::read_to_string(s.path("posts/renamed.md")).unwrap();
        t.push_str("\n{{ exercise(id=\"goblet-squat\") }}\n");
        fs::write(s.path("posts/renamed.md"), t).unwrap();
    });
    ed.apply("an exercise edit", &["posts/exercises/dead-bug.md"], |s| {
        let mut t = fs::read_to_string(s.path("posts/exercises/dead-bug.md")).unwrap();
        t.push_str("\nKeep the low back heavy on the floor.\n");
        fs::write(s.path("posts/exercises/dead-bug.md"), t).unwrap();
    });
    ed.apply("a deletion", &["posts/renamed.md"], |s| {
        fs::remove_file(s.path("posts/renamed.md")).unwrap()
    });
    ed.apply(
        "deleting an exercise no post uses any more",
        &["posts/exercises/goblet-squat.md"],
        |s| fs::remove_file(s.path("posts/exercises/goblet-squat.md")).unwrap(),
    );
    ed.apply(
        "a post with the default summary",
        &["posts/plain.md"],
        |s| {
            s.write(
                "posts/plain.md",
                &common::post(
                    "Plain",
                    "2024-05-02",
                    "",
                    "The first paragraph is the summary.\n\nThe second is not.",
                ),
            )
        },
    );
    let out = ed.apply("an edit of the default summary", &["posts/plain.md"], |s| {
        replace(
            s,
            "posts/plain.md",
            "The first paragraph is the summary.",
            "The first paragraph, edited, is still the summary.",
        )
    });
    assert!(
        out.written.contains(&"index.html".to_string()),
        "the home page lists the new summary: {:?}",
        out.written
    );
    assert!(
        out.index_patched,
        "a summary is the body's: the index is patched"
    );
    let out = ed.apply("changed tags", &["posts/core.md"], |s| {
        replace(
            s,
            "posts/core.md",
            "tags = [\"core\", \"stability\", \"breathing\"]",
            "tags = [\"core\", \"bracing\"]",
        )
    });
    assert!(!out.written.is_empty(), "a tag change rewrote nothing");
    ed.apply("a new bundle with an asset", &["posts/trip"], |s| {
        s.write(
            "posts/trip/index.md",
            &common::post("Trip", "2024-05-03", "", "[map](map.txt)"),
        );
        s.write("posts/trip/map.txt", "a map\n");
    });
    let out = ed.apply("a bundle asset edit", &["posts/trip/map.txt"], |s| {
        s.write("posts/trip/map.txt", "a better map\n")
    });
    assert_eq!(out.written, ["trip/map.txt"], "only the asset is copied");
    ed.apply("a bundle asset removal", &["posts/trip/map.txt"], |s| {
        fs::remove_file(s.path("posts/trip/map.txt")).unwrap()
    });
    ed.apply("a new site template", &["templates/post.html"], |s| {
        s.write("templates/post.html", "{% extends \"base.html\" %}{% block content %}<article><h1>{{ page.title }}</h1>{{ page.content | safe }}</article>{% endblock content %}");
    });
    ed.apply("a template edit", &["templates/post.html"], |s| {
        replace(
            s,
            "templates/post.html",
            "<article>",
            "<article class=\"custom\">",
        )
    });
    ed.apply("a template removal", &["templates/post.html"], |s| {
        fs::remove_file(s.path("templates/post.html")).unwrap()
    });
    ed.apply("a static file", &["static/robots.txt"], |s| {
        s.write("static/robots.txt", "User-agent: *\n")
    });
    let out = ed.apply("a static file edit", &["static/robots.txt"], |s| {
        s.write("static/robots.txt", "User-agent: *\nDisallow: /drafts/\n")
    });
    assert_eq!(
        out.written,
        ["robots.txt"],
        "only the static file is copied"
    );
    ed.apply("settings", &["sitegen.toml"], |s| {
        replace(
            s,
            "sitegen.toml",
            "title = \"Move Well\"",
            "title = \"Move Better\"",
        )
    });
    ed.apply("a draft", &["posts/draft.md"], |s| {
        s.write(
            "posts/draft.md",
            &common::post(
                "Draft",
                "2024-06-01",
                "draft = true\nseries = \"Movement Imbalances\"\nweight = 9\n",
                "Not yet.",
            ),
        )
    });
}

#[test]
fn a_patched_index_reports_what_a_full_one_would() {
    let site = shipped_copy();
    let mut ed = Editor::start(&site);
    let unreadable = |out: &Outcome| {
        out.warnings
            .iter()
            .filter(|w| w.message.contains("cannot tell how long"))
            .count()
    };
    let out = ed.apply("an unreadable prescription", &["posts/core.md"], |s| {
        replace(
            s,
            "posts/core.md",
            "reps=\"6 each side\"",
            "reps=\"a handful\"",
        )
    });
    assert!(out.index_patched, "only the body changed");
    assert_eq!(
        unreadable(&out),
        1,
        "the routine's warning comes with the patch"
    );
    let out = ed.apply("an unrelated body edit", &["posts/foam-rolling.md"], |s| {
        let mut t = fs::read_to_string(s.path("posts/foam-rolling.md")).unwrap();
        t.push_str("\nRoll slowly.\n");
        fs::write(s.path("posts/foam-rolling.md"), t).unwrap();
    });
    assert!(out.index_patched);
    assert_eq!(
        unreadable(&out),
        1,
        "another post's patch keeps core.md's warning"
    );
    let out = ed.apply("the prescription fixed", &["posts/core.md"], |s| {
        replace(
            s,
            "posts/core.md",
            "reps=\"a handful\"",
            "reps=\"6 each side\"",
        )
    });
    assert!(out.index_patched);
    assert_eq!(unreadable(&out), 0, "the fixed post's warning is gone");
    let out = ed.apply(
        "an exercise newly embedded",
        &["posts/foam-rolling.md"],
        |s| {
            let mut t = fs::read_to_string(s.path("posts/foam-rolling.md")).unwrap();
            t.push_str("\n{{ exercise(id=\"pallof-press\") }}\n");
            fs::write(s.path("posts/foam-rolling.md"), t).unwrap();
        },
    );
    assert!(
        !out.index_patched,
        "the exercise's page lists its posts: the index is made again"
    );
    let broken = ed.site.path("posts/core.md");
    replace(
        &site,
        "posts/core.md",
        "{{ exercise(id=\"bird-dog\") }}",
        "{{ exercise(id=\"bird-dgo\") }}",
    );
    let failure = ed
        .session
        .rebuild(&[broken.canonicalize().unwrap()])
        .unwrap_err();
    assert!(
        failure
            .diagnostics
            .iter()
            .any(|d| d.message.contains("bird-dgo")),
        "a body edit with an unknown exercise fails: {}",
        describe_all(&failure.diagnostics)
    );
    let out = ed.apply("the unknown exercise fixed", &["posts/core.md"], |s| {
        replace(s, "posts/core.md", "bird-dgo", "bird-dog")
    });
    assert_eq!(
        out.written,
        Vec::<String>::new(),
        "the fixed post is what the output already holds"
    );
}

#[test]
fn a_broken_save_writes_nothing_and_the_fix_recovers() {
    let site = shipped_copy();
    let root = site.root().canonicalize().unwrap();
    let (mut session, _) = Session::start(&root, session_overrides(&site, "public")).unwrap();
    let before = site.snapshot("public");
    replace(&site, "posts/core.md", "title = \"Core\"", "title = ");
    let err = session.rebuild(&[root.join("posts/core.md")]).unwrap_err();
    let err = describe_all(&err.diagnostics);
    assert!(err.contains("posts/core.md:2:"), "{err}");
    assert_eq!(
        site.snapshot("public"),
        before,
        "a failed rebuild must not touch the output"
    );
    // An unrelated save while core.md is still broken keeps reporting it.
    let err = session
        .rebuild(&[root.join("posts/foam-rolling.md")])
        .unwrap_err();
    let err = describe_all(&err.diagnostics);
    assert!(err.contains("posts/core.md:2:"), "{err}");
    replace(&site, "posts/core.md", "title = ", "title = \"Core\"");
    session.rebuild(&[root.join("posts/core.md")]).unwrap();
    refresh_search(&mut session, "the fix");
    assert_same_as_clean_build(&site, "the fix");
}

#[test]
fn a_changed_page_is_replaced_whole_never_rewritten_in_place() {
    let site = shipped_copy();
    let root = site.root().canonicalize().unwrap();
    let (mut session, _) = Session::start(&root, session_overrides(&site, "public")).unwrap();
    // A reader (a web server) that opened the page before the save keeps reading the complete
    // old page: the new one arrives by rename, not by truncating and rewriting the old file.
    let before = fs::read(site.path("public/core/index.html")).unwrap();
    let mut reader = fs::File::open(site.path("public/core/index.html")).unwrap();
    let mut t = fs::read_to_string(site.path("posts/core.md")).unwrap();
    t.push_str("\nOne more paragraph about bracing.\n");
    fs::write(site.path("posts/core.md"), t).unwrap();
    let out = session.rebuild(&[root.join("posts/core.md")]).unwrap();
    assert!(out.written.contains(&"core/index.html".to_string()));
    let mut seen = Vec::new();
    std::io::Read::read_to_end(&mut reader, &mut seen).unwrap();
    assert!(seen == before, "the open page changed under its reader");
    assert!(
        site.read_output("core/index.html")
            .contains("One more paragraph")
    );
    // No temporary file is left in the output, nor beside it once the session ends.
    refresh_search(&mut session, "a body edit");
    assert_same_as_clean_build(&site, "a body edit");
    drop(session);
    assert_eq!(common::leftovers(&site, "public"), Vec::<String>::new());
}

#[test]
fn a_deleted_output_folder_is_rebuilt_whole() {
    let site = shipped_copy();
    let root = site.root().canonicalize().unwrap();
    let (mut session, _) = Session::start(&root, session_overrides(&site, "public")).unwrap();
    fs::remove_dir_all(site.path("public")).unwrap();
    session.rebuild(&[]).unwrap();
    refresh_search(&mut session, "deleting the output folder");
    assert_same_as_clean_build(&site, "deleting the output folder");
}

#[test]
fn seeded_random_edit_sequences_match_clean_builds() {
    let site = shipped_copy();
    let mut ed = Editor::start(&site);
    let posts = ["foam-rolling", "joint-by-joint", "core", "low-back-pain"];
    let mut seed: u64 = 0x5eed;
    let mut next = |n: u64| {
        seed = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (seed >> 33) % n
    };
    for round in 0..12 {
        let post = posts[next(4) as usize];
        let rel = format!("posts/{post}.md");
        let kind = next(3);
        let step = format!("random step {round} ({kind} on {post})");
        ed.apply(&step, &[rel.as_str()], |s| {
            let text = fs::read_to_string(s.path(&rel)).unwrap();
            let text = match kind {
                0 => format!("{text}\nAppended line {round}.\n"),
                1 => {
                    let line = text
                        .lines()
                        .find(|l| l.starts_with("weight"))
                        .unwrap()
                        .to_string();
                    let sep = if line.contains('=') { " = " } else { ": " };
                    text.replacen(&line, &format!("weight{sep}{}", next(5)), 1)
                }
                _ => {
                    let line = text
                        .lines()
                        .find(|l| l.starts_with("title"))
                        .unwrap()
                        .to_string();
                    let sep = if line.contains('=') { " = " } else { ": " };
                    text.replacen(&line, &format!("title{sep}\"Title {round}\""), 1)
                }
            };
            fs::write(s.path(&rel), text).unwrap();
        });
    }
}

/// One edit of a site's sources.
type Edit = dyn Fn(&TestSite);

#[test]
fn edits_seen_by_the_real_watcher_match_a_clean_build() {
    let site = shipped_copy();
    let mut w = Watch::start_with(&site, &["--no-serve"]);
    let steps: [(&str, &Edit); 9] = [
        ("a body edit", &|s| {
            let t = fs::read_to_string(s.path("posts/core.md")).unwrap();
            fs::write(s.path("posts/core.md"), t + "\nOne more paragraph.\n").unwrap();
        }),
        ("a title change", &|s| {
            replace(
                s,
                "posts/core.md",
                "title = \"Core\"",
                "title = \"Core Work\"",
            )
        }),
        ("a new post with the default summary", &|s| {
            s.write(
                "posts/plain.md",
                &common::post("Plain", "2024-05-02", "", "First paragraph.\n\nSecond."),
            )
        }),
        ("an edit of the default summary", &|s| {
            replace(
                s,
                "posts/plain.md",
                "First paragraph.",
                "First paragraph, edited.",
            )
        }),
        ("changed tags", &|s| {
            replace(s, "posts/core.md", "\"breathing\"", "\"bracing\"")
        }),
        ("a static file and a bundle", &|s| {
            s.write("static/robots.txt", "User-agent: *\n");
            s.write(
                "posts/trip/index.md",
                &common::post("Trip", "2024-05-03", "", "A trip."),
            );
            s.write("posts/trip/map.txt", "a map\n");
        }),
        ("a bundle asset edit and an exercise edit", &|s| {
            s.write("posts/trip/map.txt", "a better map\n");
            let t = fs::read_to_string(s.path("posts/exercises/dead-bug.md")).unwrap();
            fs::write(
                s.path("posts/exercises/dead-bug.md"),
                t + "\nBreathe out.\n",
            )
            .unwrap();
        }),
        ("a deletion", &|s| {
            fs::remove_file(s.path("posts/plain.md")).unwrap()
        }),
        ("a renamed bundle", &|s| {
            fs::rename(s.path("posts/trip"), s.path("posts/journey")).unwrap()
        }),
    ];
    for (step, edit) in steps {
        edit(&site);
        // Wait for the rebuild of this step: a save read half-way may show an error first.
        let seen = w.fence();
        assert!(
            seen.lines().last().unwrap().contains(" rendered, "),
            "{step}:\n{seen}"
        );
    }
    w.stop();
    assert_same_as_clean_build(&site, "the watched edits");
}

#[test]
fn a_write_that_fails_in_watch_is_reported_and_the_next_save_rewrites_the_page() {
    // A full disk, made small: a file-size limit on the running watch (with SIGXFSZ ignored, a
    // write past it fails with EFBIG after writing what fits, as ENOSPC does). The page used to
    // stay cut off, and reverting the post rendered "0 pages" until watch restarted.
    let site = shipped_copy();
    let mut w = Watch::start_in_shell(&site, "trap '' XFSZ;");
    let good = fs::read_to_string(site.path("posts/core.md")).unwrap();
    let limit = 256 * 1024;
    let status = std::process::Command::new("prlimit")
        .arg(format!("--pid={}", w.pid()))
        .arg(format!("--fsize={limit}"))
        .status()
        .expect("run prlimit (util-linux)");
    assert!(status.success(), "prlimit failed");
    let filler = "A sentence that makes this post longer than the disk allows. ".repeat(8_000);
    site.write("posts/core.md", &format!("{good}\n\n{filler}\n"));
    let seen = w.expect_line(|l| l.contains("cannot write"));
    assert!(seen.contains("error:"), "{seen}");
    site.write("posts/core.md", &good);
    w.fence();
    // Stopping lets the search index catch up (watch refreshes it after each reload).
    w.stop();
    assert_same_as_clean_build(&site, "reverting a post whose page failed to write");
}
