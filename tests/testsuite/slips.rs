//! Ordinary slips of a new author (issue 13): each gives one message at the right place that
//! says what to write instead, and a build that fails leaves the previous `public/` as it was.
//! Markdown files that would not become pages, YAML and TOML syntax hints, near-miss series
//! names, warnings after errors, settings named as settings, and running from inside a site.

use crate::common::watch::Watch;
use crate::common::{TestSite, assert_reports, post};

use crate::errors::good_site;

/// Adds `files` to a good site, expects exit code 1 with `public/` untouched; returns stderr.
fn fails_with(files: &[(&str, &str)]) -> String {
    good_site().fails_keeping_output(files)
}

/// Asserts stderr holds `text` somewhere (a hint, typically).
#[track_caller]
fn says(stderr: &str, text: &str) {
    assert!(stderr.contains(text), "expected {text:?} in:\n{stderr}");
}

#[test]
fn markdown_that_would_not_become_a_page_is_an_error_saying_what_to_do() {
    let err = fails_with(&[
        (
            "posts/2024/nested.md",
            &post("Nested", "2024-02-01", "", "x"),
        ),
        ("posts/trip/notes.md", &post("Notes", "2024-02-02", "", "x")),
        ("posts/old.markdown", &post("Old", "2024-02-03", "", "x")),
        ("posts/exercises/hips/squat.md", "---\nname: Squat\n---\n"),
    ]);
    assert_reports(
        &err,
        "posts/2024/nested.md: error: not built: `posts/2024/` is not a bundle (it has no `index.md`)",
    );
    says(
        &err,
        "rename it to `posts/2024/index.md` to make `posts/2024/` a bundle",
    );
    assert_reports(
        &err,
        "posts/trip/notes.md: error: not built: `posts/trip/` is not a bundle",
    );
    says(
        &err,
        "move it to `posts/notes.md`, or rename it to `posts/trip/index.md`",
    );
    assert_reports(
        &err,
        "posts/old.markdown: error: not built: sitegen reads Markdown files ending in `.md`",
    );
    says(&err, "help: rename it to `posts/old.md`");
    assert_reports(
        &err,
        "posts/exercises/hips/squat.md: error: not built: exercises are files directly in `posts/exercises/`",
    );
    says(&err, "build failed: 4 errors");
}

#[test]
fn a_second_markdown_file_in_a_bundle_is_a_warning_and_still_copied() {
    let site = TestSite::with_files(&[
        ("posts/trip/index.md", &post("Trip", "2024-01-01", "", "x")),
        ("posts/trip/notes.md", "Just notes.\n"),
    ]);
    let err = site.build_ok(&[]);
    assert_reports(
        &err,
        "posts/trip/notes.md: warning: not built as a page: a bundle has one post, `posts/trip/index.md`",
    );
    says(
        &err,
        "to make it a post of its own, move it to `posts/notes.md`",
    );
    assert_eq!(site.read_output("trip/notes.md"), "Just notes.\n");
}

#[test]
fn the_last_line_says_where_the_output_went() {
    let site = good_site();
    let err = site.build_ok(&[]);
    let last = err.lines().last().unwrap();
    assert!(
        last.starts_with("built ") && last.contains(" into public/ in "),
        "{err}"
    );
    let (ok, err) = site.build(&["--output", "elsewhere/out"]);
    assert!(ok, "{err}");
    assert!(
        err.lines()
            .last()
            .unwrap()
            .contains(" into elsewhere/out/ in "),
        "{err}"
    );
}

#[test]
fn yaml_syntax_errors_point_at_the_cause_and_say_what_to_write() {
    let yaml = |body: &str| format!("---\ntitle: Bad\ndate: 2024-02-01\n{body}---\nx\n");
    let err = fails_with(&[("posts/bad.md", &yaml("tags:\n\t- a\n"))]);
    assert_reports(
        &err,
        "posts/bad.md:5:1: error: a tab in the indentation: YAML indents with spaces only",
    );
    says(&err, "help: indent with spaces");

    let err = fails_with(&[(
        "posts/bad.md",
        "---\ntitle: Core: the basics\ndate: 2024-02-01\n---\nx\n",
    )]);
    assert_reports(
        &err,
        "posts/bad.md:2:12: error: the value of `title` holds `: `, which YAML reads as the start of another key",
    );
    says(&err, "help: quote the title: title: \"Core: the basics\"");

    let err = fails_with(&[("posts/bad.md", &yaml("summary: \"What the core is\n"))]);
    assert_reports(
        &err,
        "posts/bad.md:4:10: error: the string `\"` of `summary` is never closed",
    );
    says(&err, "help: end the value with `\"` on the same line");

    let err = fails_with(&[("posts/bad.md", &yaml("tags: [core, stability\n"))]);
    assert_reports(
        &err,
        "posts/bad.md:4:7: error: the list `[` of `tags` is never closed",
    );
    says(&err, "help: end the value with `]` on the same line");
}

#[test]
fn toml_syntax_errors_point_at_the_cause_and_say_what_to_write() {
    let err = fails_with(&[(
        "posts/bad.md",
        "+++\ntitle = Core: the basics\ndate = 2024-02-01\n+++\nx\n",
    )]);
    assert_reports(
        &err,
        "posts/bad.md:2:9: error: the value of `title` is text, which TOML writes in quotes",
    );
    says(&err, "help: quote the title: title = \"Core: the basics\"");

    let err = fails_with(&[(
        "posts/bad.md",
        "+++\ntitle = \"Core\ndate = 2024-02-01\n+++\nx\n",
    )]);
    assert_reports(
        &err,
        "posts/bad.md:2:9: error: the string `\"` of `title` is never closed",
    );

    let err = fails_with(&[(
        "posts/bad.md",
        "+++\ntitle = \"Core\"\ntags = [\"core\", \"stability\"\ndate = 2024-02-01\n+++\nx\n",
    )]);
    assert_reports(
        &err,
        "posts/bad.md:3:8: error: the list `[` of `tags` is never closed",
    );

    let err = fails_with(&[(
        "posts/bad.md",
        "+++\ntitle: Core\ndate = 2024-02-01\n+++\nx\n",
    )]);
    assert_reports(
        &err,
        "posts/bad.md:2:1: error: `title: …` is YAML, but this block is TOML (`key = value` lines)",
    );
    says(&err, "write title = \"Core\"");
}

#[test]
fn an_unknown_key_in_the_settings_is_named_as_a_setting() {
    let err = fails_with(&[("sitegen.toml", "title = \"Blog\"\nlanguge = \"en\"\n")]);
    assert_reports(&err, "sitegen.toml:2:1: error: unknown setting `languge`");
    says(
        &err,
        "help: did you mean `language`? the settings are `title`",
    );
    assert!(!err.contains("front matter"), "{err}");
}

#[test]
fn no_message_repeats_its_own_prefix() {
    let err = fails_with(&[
        (
            "posts/a.md",
            "+++\ntitle = \"A\"\ndate = 2024-02-30\n+++\nx\n",
        ),
        ("posts/b.md", "---\ntitle: B\ndate: 2023-02-29\n---\nx\n"),
        (
            "posts/c.md",
            "+++\ntitle = \"C\"\ndate = 2024-01-01\nupdated = \"soon\"\n+++\nx\n",
        ),
        (
            "posts/d.md",
            "---\ntitle: D\ndate: 2024-01-01\nweight: heavy\n---\nx\n",
        ),
    ]);
    for line in err.lines().filter(|l| l.contains("error: ")) {
        let message = line.split("error: ").nth(1).unwrap();
        if let Some((key, rest)) = message.split_once(": ") {
            assert!(
                !rest.to_lowercase().starts_with(&format!("invalid {key}")),
                "`{key}:` repeated in {line:?}"
            );
        }
    }
    assert_reports(
        &err,
        "posts/a.md:3:8: error: date: `2024-02-30` is not a date: expected day between 01 and 29",
    );
    assert_reports(
        &err,
        "posts/c.md:4:11: error: updated: `soon` is not a date: expected YYYY-MM-DD",
    );
}

#[test]
fn a_one_post_series_named_like_another_gets_a_did_you_mean_warning() {
    let basics = post("Part", "2024-01-01", "series = \"Basics\"\n", "x");
    let site = TestSite::with_files(&[("posts/one.md", &basics), ("posts/two.md", &basics)]);
    site.write(
        "posts/third.md",
        &post("Third", "2024-01-03", "series = \"Basic\"\n", "x"),
    );
    let err = site.build_ok(&[]);
    assert_reports(
        &err,
        "posts/third.md:4:1: warning: series `Basic` has only this post",
    );
    says(&err, "help: did you mean `Basics`?");
    // A series of its own, far from any other name, is not questioned.
    site.write(
        "posts/third.md",
        &post("Third", "2024-01-03", "series = \"Travel Notes\"\n", "x"),
    );
    let err = site.build_ok(&[]);
    assert!(!err.contains("has only this post"), "{err}");
}

const EXERCISE: &str = "---\nname: Dead Bug\njoint: core\ngoal: stability\n---\nSlowly.\n";

#[test]
fn an_exercise_a_broken_post_calls_is_not_called_unused() {
    // The only call of `dead-bug` is in a body shortcode left open: one error, no advice to
    // delete the exercise the post needs.
    let err = fails_with(&[
        ("posts/exercises/dead-bug.md", EXERCISE),
        (
            "posts/core.md",
            &post(
                "Core",
                "2024-02-01",
                "",
                "{% exercise(id=\"dead-bug\") %}\nSlowly.",
            ),
        ),
    ]);
    assert_reports(
        &err,
        "posts/core.md:5:1: error: `{% exercise(…) %}` is never closed",
    );
    assert!(!err.contains("not used in any post"), "{err}");
    assert!(!err.contains("delete"), "{err}");
    says(&err, "build failed: 1 error");
}

#[test]
fn warnings_come_after_errors() {
    let err = fails_with(&[
        // A warning in a file that sorts first...
        (
            "posts/a-trip/index.md",
            &post("Trip", "2024-02-01", "", "x"),
        ),
        ("posts/a-trip/notes.md", "notes"),
        // ...and an error in one that sorts last.
        ("posts/zebra.md", "+++\ntitle = \"Z\"\n+++\nx\n"),
    ]);
    let first_error = err.find(": error: ").unwrap();
    let first_warning = err.find(": warning: ").unwrap();
    assert!(first_error < first_warning, "errors first:\n{err}");
}

#[test]
fn the_watch_overlay_shows_errors_before_warnings() {
    let site = good_site();
    site.write(
        "posts/a-trip/index.md",
        &post("Trip", "2024-02-01", "", "x"),
    );
    site.write("posts/a-trip/notes.md", "notes");
    let w = Watch::start(&site);
    let mut ev = w.events();
    site.write("posts/zebra.md", "+++\ntitle = \"Z\"\n+++\nx\n");
    let event = ev.wait_for("build failed");
    let event = &event[event.rfind("event: build-error").expect("an error event")..];
    let error = event.find("posts/zebra.md").expect("the error");
    let warning = event.find("posts/a-trip/notes.md").expect("the warning");
    assert!(error < warning, "errors first in the overlay:\n{event}");
}

#[test]
fn build_from_a_subfolder_finds_the_site_root_and_says_so() {
    let site = good_site();
    std::fs::remove_dir_all(site.path("public")).unwrap();
    let out = site
        .cmd()
        .current_dir(site.path("posts"))
        .arg("build")
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{err}");
    let root = site.root().canonicalize().unwrap();
    assert_reports(&err, &format!("site root: {}", root.display()));
    assert!(
        site.path("public/good/index.html").is_file(),
        "output in the root's public/"
    );
    assert!(!site.path("posts/public").exists());
    says(
        &err,
        &format!(" into {}/ in ", root.join("public").display()),
    );
}

#[test]
fn outside_any_site_the_error_names_the_folder_and_how_to_start_one() {
    let empty = TestSite::empty();
    std::fs::create_dir(empty.path("notes")).unwrap();
    let out = empty
        .cmd()
        .current_dir(empty.path("notes"))
        .arg("build")
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    let here = empty.path("notes").canonicalize().unwrap();
    assert_reports(
        &err,
        &format!(
            "error: no site here: neither {} nor any folder above it holds `sitegen.toml` or `posts/`",
            here.display()
        ),
    );
    says(&err, "`sitegen init DIR`");
    assert!(!here.join("public").exists());
}

#[test]
fn watch_from_a_subfolder_finds_the_site_root_and_says_so() {
    let site = good_site();
    std::fs::remove_dir_all(site.path("public")).unwrap();
    let w = Watch::start_in(&site, "posts", &["--no-serve"]);
    let root = site.root().canonicalize().unwrap();
    assert!(
        w.startup
            .contains(&format!("site root: {}", root.display())),
        "{}",
        w.startup
    );
    let built = site.path("public/good/index.html").is_file();
    let strayed = site.path("posts/public").exists();
    w.stop();
    assert!(built && !strayed, "the output goes to the root's public/");
}

#[test]
fn a_name_too_long_for_a_file_is_an_error_naming_the_post_and_the_value() {
    let long = "x".repeat(300);
    let cases = [
        (
            format!("tags = [\"{long}\"]\n"),
            "tag `xxxxxxxx",
            "posts/one.md:4:",
        ),
        (
            format!("series = \"{long}\"\n"),
            "series `xxxxxxxx",
            "posts/one.md:4:",
        ),
        (
            format!("slug = \"{long}\"\n"),
            "slug `xxxxxxxx",
            "posts/one.md:4:",
        ),
        (
            format!("aliases = [\"/old/{long}/\"]\n"),
            "alias `/old/xxxx",
            "posts/one.md:4:",
        ),
    ];
    for (front, what, place) in cases {
        let site = crate::common::TestSite::with_files(&[(
            "posts/one.md",
            &crate::common::post("One", "2024-01-01", &front, "Body."),
        )]);
        let err = site.build_err(&[]);
        assert!(err.contains(place) && err.contains(what), "{front}: {err}");
        assert!(!err.contains("File name too long"), "{err}");
        assert!(!site.path("public").exists(), "{err}");
    }
}
