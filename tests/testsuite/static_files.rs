//! The output is exactly the site: every file of `static/` copied byte for byte, dotfiles and
//! `.well-known/` included; editor litter and version-control folders left out and named;
//! `.nojekyll` written when a path starts with `_`; nothing of sitegen's own bookkeeping inside.

use crate::common::{TestSite, post};

fn site(extra: &[(&str, &str)]) -> TestSite {
    let site = TestSite::with_files(&[("posts/a.md", &post("A", "2024-01-01", "", "Hi."))]);
    for (path, text) in extra {
        site.write(path, text);
    }
    site
}

#[test]
fn dotfiles_and_well_known_are_copied_exactly() {
    let files = [
        ("static/.htaccess", "ErrorDocument 404 /404.html\n"),
        (
            "static/.well-known/security.txt",
            "Contact: mailto:security@example.org\n",
        ),
        ("static/.nojekyll", ""),
        ("static/img/.hidden.png", "\u{89}PNG"),
    ];
    let site = site(&files);
    let err = site.build_ok(&[]);
    for (path, text) in files {
        let out = path.replacen("static/", "", 1);
        assert_eq!(site.read_output(&out), text, "{out}");
    }
    assert!(!err.contains("not copied"), "{err}");
}

#[test]
fn editor_litter_and_vcs_folders_are_skipped_and_named() {
    let site = site(&[
        ("static/.style.css.swp", "x"),
        ("static/notes.txt~", "x"),
        ("static/.DS_Store", "x"),
        ("static/.#lock", "x"),
        ("static/.git/config", "x"),
        ("static/.git/objects/ab", "x"),
        ("static/keep.txt", "kept"),
    ]);
    let err = site.build_ok(&[]);
    for skipped in [
        "static/.style.css.swp",
        "static/notes.txt~",
        "static/.DS_Store",
        "static/.#lock",
    ] {
        assert!(
            err.lines()
                .any(|l| l.starts_with(&format!("{skipped}: warning: not copied: editor litter"))),
            "{skipped}:\n{err}"
        );
        assert!(
            !site.path("public").join(&skipped[7..]).exists(),
            "{skipped}"
        );
    }
    assert!(
        err.lines()
            .any(|l| l == "static/.git: warning: not copied: a version-control folder"),
        "{err}"
    );
    assert!(!site.path("public/.git").exists());
    assert_eq!(site.read_output("keep.txt"), "kept");
}

#[test]
fn nojekyll_is_written_when_a_path_starts_with_an_underscore() {
    let plain = site(&[]);
    plain.build_ok(&[]);
    assert!(!plain.path("public/.nojekyll").exists());
    let underscored = site(&[("static/_assets/app.js", "x")]);
    underscored.build_ok(&[]);
    assert_eq!(underscored.read_output(".nojekyll"), "");
    // `_redirects` (written for aliases) starts with `_` too.
    let aliased = TestSite::with_files(&[(
        "posts/a.md",
        &post("A", "2024-01-01", "aliases = [\"/old/\"]\n", "Hi."),
    )]);
    aliased.build_ok(&[]);
    assert!(aliased.path("public/_redirects").is_file());
    assert!(aliased.path("public/.nojekyll").is_file());
}

#[test]
fn nothing_of_sitegens_bookkeeping_is_in_the_output() {
    let site = site(&[]);
    site.build_ok(&[]);
    site.build_ok(&[]);
    let files: Vec<String> = site
        .snapshot("public")
        .into_iter()
        .map(|(p, _)| p)
        .collect();
    let own: Vec<&String> = files
        .iter()
        .filter(|p| p.starts_with('.') || p.contains("sitegen"))
        .collect();
    assert!(own.is_empty(), "{own:?}");
}

#[test]
fn watch_copies_a_changed_dotfile_of_static_and_still_ignores_litter() {
    let site = site(&[(
        "static/.well-known/security.txt",
        "Contact: mailto:old@example.org\n",
    )]);
    let mut w = crate::common::watch::Watch::start_with(&site, &["--no-serve"]);
    site.save_atomically(
        "static/.well-known/security.txt",
        "Contact: mailto:new@example.org\n",
    );
    let lines = w.expect_line(|l| {
        crate::common::watch::rebuilt_files(l).is_some_and(|f| f.contains("security.txt"))
    });
    assert!(lines.contains("static/.well-known/security.txt"), "{lines}");
    assert_eq!(
        site.read_output(".well-known/security.txt"),
        "Contact: mailto:new@example.org\n"
    );
    site.write("static/.htaccess", "ErrorDocument 404 /404.html\n");
    w.expect_line(|l| {
        crate::common::watch::rebuilt_files(l).is_some_and(|f| f.contains(".htaccess"))
    });
    assert_eq!(
        site.read_output(".htaccess"),
        "ErrorDocument 404 /404.html\n"
    );
    // Litter under static/ starts no rebuild: the next rebuild is the fence's alone.
    site.write("static/.well-known/.security.txt.swp", "swap");
    let lines = w.fence();
    let rebuilds: Vec<&str> = lines
        .lines()
        .filter_map(crate::common::watch::rebuilt_files)
        .collect();
    assert_eq!(rebuilds.len(), 1, "only the fence's rebuild: {lines}");
    assert!(!rebuilds[0].contains(".swp"), "{lines}");
    assert!(!site.path("public/.well-known/.security.txt.swp").exists());
    w.stop();
}
