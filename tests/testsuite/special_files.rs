//! What is not a plain file or folder in a site's sources: a symlink inside the site is followed
//! (a symlinked post, bundle folder or static file builds), one leading outside it or to nothing is
//! an error naming it, a FIFO is an error (never read, so the build cannot hang), and a name that
//! is not UTF-8 is an error naming its bytes. Nothing is published from outside the site.

use std::fs;
use std::os::unix::fs::symlink;

use crate::common::{TestSite, post};

fn site() -> TestSite {
    TestSite::with_files(&[
        (
            "posts/one.md",
            &post("One", "2024-01-01", "", "The first post."),
        ),
        ("static/real.txt", "real\n"),
    ])
}

#[test]
fn symlinks_inside_the_site_are_followed() {
    let site = site();
    fs::create_dir_all(site.path("elsewhere/trip")).unwrap();
    site.write(
        "elsewhere/trip/index.md",
        &post("Trip", "2024-01-02", "", "A bundle."),
    );
    site.write("elsewhere/trip/note.txt", "a note\n");
    site.write(
        "elsewhere/solo.md",
        &post("Solo", "2024-01-03", "", "A linked post."),
    );
    symlink(site.path("elsewhere/trip"), site.path("posts/trip")).unwrap();
    symlink(site.path("elsewhere/solo.md"), site.path("posts/solo.md")).unwrap();
    symlink(site.path("static/real.txt"), site.path("static/alias.txt")).unwrap();
    site.build_ok(&[]);
    assert!(site.read_output("trip/index.html").contains("A bundle."));
    assert_eq!(site.read_output("trip/note.txt"), "a note\n");
    assert!(
        site.read_output("solo/index.html")
            .contains("A linked post.")
    );
    assert_eq!(site.read_output("alias.txt"), "real\n");
}

#[test]
fn a_symlink_out_of_the_site_is_an_error_and_nothing_of_it_is_published() {
    let outside = tempfile::tempdir().unwrap();
    fs::write(outside.path().join("secret.txt"), "the builder's secret\n").unwrap();
    fs::create_dir_all(outside.path().join("folder")).unwrap();
    fs::write(
        outside.path().join("folder/index.md"),
        post("Out", "2024-01-02", "", "Out."),
    )
    .unwrap();
    let site = site();
    site.build_ok(&[]);
    symlink(outside.path().join("secret.txt"), site.path("static/x.txt")).unwrap();
    symlink(outside.path().join("folder"), site.path("posts/out")).unwrap();
    let err = site.build_err(&[]);
    assert!(
        err.contains("static/x.txt: error: is a symlink to `") && err.contains("outside the site"),
        "{err}"
    );
    assert!(err.contains("posts/out: error: is a symlink to `"), "{err}");
    assert!(!site.path("public/x.txt").exists());
    assert!(!site.path("public/out").exists());
    // A site whose settings allow it follows such links.
    site.write("sitegen.toml", "allow_outside_symlinks = true\n");
    site.build_ok(&[]);
    assert_eq!(site.read_output("x.txt"), "the builder's secret\n");
    assert!(site.read_output("out/index.html").contains("Out."));
}

#[test]
fn a_dangling_symlink_is_named() {
    let site = site();
    symlink(site.path("posts/gone.md"), site.path("posts/link.md")).unwrap();
    let err = site.build_err(&[]);
    assert!(
        err.contains("posts/link.md: error: is a symlink to `") && err.contains("does not exist"),
        "{err}"
    );
}

#[test]
fn a_fifo_is_an_error_and_never_read() {
    for rel in ["posts/pipe.md", "static/pipe.txt"] {
        let site = site();
        let status = std::process::Command::new("mkfifo")
            .arg(site.path(rel))
            .status()
            .unwrap();
        assert!(status.success());
        let err = site.build_err(&[]);
        assert!(
            err.contains(&format!(
                "{rel}: error: is a FIFO (named pipe), not a regular file"
            )),
            "{err}"
        );
    }
}

#[test]
fn a_name_that_is_not_utf8_is_an_error_naming_its_bytes() {
    use std::os::unix::ffi::OsStrExt;
    let site = site();
    let name = std::ffi::OsStr::from_bytes(b"caf\xe9.txt");
    fs::write(site.path("static").join(name), "latin-1 name\n").unwrap();
    let err = site.build_err(&[]);
    assert!(
        err.contains("the name is not UTF-8 (its bytes: caf\\xE9.txt)"),
        "{err}"
    );
}

#[test]
fn a_control_character_is_an_error_at_its_place_and_feeds_stay_well_formed() {
    let site = site();
    site.write(
        "posts/two.md",
        &post("Two", "2024-01-02", "", "Escape \u{1b} here."),
    );
    let err = site.build_err(&[]);
    assert!(
        err.contains("posts/two.md:5:8: error: control character U+001B"),
        "{err}"
    );
    // A post saved with classic Mac line endings reads as lines, not as missing front matter.
    site.write(
        "posts/two.md",
        "+++\rtitle = \"Two\"\rdate = 2024-01-02\r+++\rOld Mac endings.\r",
    );
    site.build_ok(&[]);
    assert!(
        site.read_output("two/index.html")
            .contains("Old Mac endings.")
    );
    for feed in ["atom.xml", "sitemap.xml"] {
        let text = site.read_output(feed);
        assert!(
            !text
                .chars()
                .any(|c| c < ' ' && !matches!(c, '\t' | '\n' | '\r')),
            "{feed} carries a control character"
        );
        // And it parses as XML, to its end.
        let mut reader = quick_xml::Reader::from_str(&text);
        reader.config_mut().check_end_names = true;
        loop {
            match reader.read_event() {
                Ok(quick_xml::events::Event::Eof) => break,
                Ok(_) => {}
                Err(e) => panic!("{feed} is not well-formed XML: {e}"),
            }
        }
    }
}

#[test]
fn a_settings_file_that_is_a_fifo_is_an_error_and_an_empty_template_a_warning() {
    let site = site();
    let status = std::process::Command::new("mkfifo")
        .arg(site.path("sitegen.toml"))
        .status()
        .unwrap();
    assert!(status.success());
    let err = site.build_err(&[]);
    assert!(
        err.contains("sitegen.toml: error: is not a regular file"),
        "{err}"
    );
    fs::remove_file(site.path("sitegen.toml")).unwrap();
    site.write("templates/post.html", "");
    let err = site.build_ok(&[]);
    assert!(
        err.contains("templates/post.html: warning: the template is empty"),
        "{err}"
    );
}

#[test]
fn a_control_character_written_as_an_escape_is_an_error_at_its_key() {
    for (rel, text, expected) in [
        (
            "posts/one.md",
            "+++\ntitle = \"Esc \\u001b\"\ndate = 2024-01-01\n+++\nBody.\n".to_string(),
            "posts/one.md:2:1: error: `title` holds the control character U+001B",
        ),
        (
            "posts/one.md",
            "---\ntitle: \"Bell \\a\"\ndate: 2024-01-01\n---\nBody.\n".to_string(),
            "posts/one.md:2:1: error: `title` holds the control character U+0007",
        ),
        (
            "sitegen.toml",
            "title = \"Null \\u0000 site\"\n".to_string(),
            "sitegen.toml:1:1: error: `title` holds the control character U+0000",
        ),
    ] {
        let site = site();
        site.write(rel, &text);
        let err = site.build_err(&[]);
        assert!(err.contains(expected), "{text}: {err}");
    }
}
