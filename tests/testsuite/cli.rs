//! The command line: `--help` and `--version`, `build --root DIR` from another folder, default paths,
//! and exit codes.

use crate::common::{TestSite, post};

#[test]
fn help_lists_the_build_command_and_its_flags() {
    let site = TestSite::empty();
    let out = site.cmd().arg("--help").output().unwrap();
    assert!(out.status.success());
    let help = String::from_utf8_lossy(&out.stdout);
    assert!(help.contains("build"), "{help}");
    let out = site.cmd().args(["build", "--help"]).output().unwrap();
    assert!(out.status.success());
    let help = String::from_utf8_lossy(&out.stdout);
    for flag in ["--root", "--output", "--drafts", "--base-url"] {
        assert!(help.contains(flag), "build --help lacks {flag}:\n{help}");
    }
}

#[test]
fn version_prints_the_package_version() {
    let out = TestSite::empty().cmd().arg("--version").output().unwrap();
    assert!(out.status.success());
    assert_eq!(
        String::from_utf8_lossy(&out.stdout).trim(),
        format!("sitegen {}", env!("CARGO_PKG_VERSION"))
    );
}

#[test]
fn build_with_root_works_from_another_folder() {
    let site = TestSite::with_files(&[("blog/posts/a.md", &post("A", "2024-01-01", "", "x"))]);
    let elsewhere = tempfile::tempdir().unwrap();
    let out = site
        .cmd()
        .current_dir(elsewhere.path())
        .args(["build", "--root"])
        .arg(site.path("blog"))
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        site.path("blog/public/a/index.html").is_file(),
        "the output defaults to ROOT/public"
    );
    assert_eq!(
        std::fs::read_dir(elsewhere.path()).unwrap().count(),
        0,
        "nothing is written to the cwd"
    );
}

#[test]
fn build_defaults_to_the_current_folder() {
    let site = TestSite::with_files(&[("posts/a.md", &post("A", "2024-01-01", "", "x"))]);
    let err = site.build_ok(&[]);
    assert!(site.path("public/a/index.html").is_file());
    assert!(err.contains("built"), "a success line is printed: {err}");
}

#[test]
fn a_folder_without_posts_is_an_error() {
    let site = TestSite::with_files(&[("README.md", "not a site\n")]);
    let err = site.build_err(&[]);
    assert!(err.contains("posts"), "{err}");
    assert!(!site.path("public").exists());
}

#[test]
fn an_unknown_flag_is_a_usage_error_not_a_build() {
    let site = TestSite::with_files(&[("posts/a.md", &post("A", "2024-01-01", "", "x"))]);
    let out = site.cmd().args(["build", "--draft"]).output().unwrap();
    assert!(!out.status.success());
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("--drafts"),
        "clap suggests the right flag"
    );
    assert!(!site.path("public").exists());
}

/// The site of one published post and one draft.
fn site_with_a_draft() -> TestSite {
    TestSite::with_files(&[
        ("posts/a.md", &post("A", "2024-01-01", "", "Published.")),
        (
            "posts/b.md",
            &post("B", "2024-01-02", "draft = true\n", "Not yet."),
        ),
    ])
}

#[test]
fn short_flags_name_the_output_and_the_drafts_and_a_left_out_draft_gets_a_line() {
    let site = site_with_a_draft();
    let (ok, err) = site.build(&[]);
    assert!(ok, "{err}");
    assert!(
        err.contains("left out 1 draft post; pass --drafts (-D) to build them"),
        "{err}"
    );
    let (ok, err) = site.build(&["-D", "-o", "short"]);
    assert!(ok, "{err}");
    assert!(
        site.path("short/b/index.html").is_file(),
        "-D built the draft into -o's folder"
    );
    assert!(!err.contains("left out"), "{err}");
}

#[test]
fn quiet_prints_only_warnings_and_errors_and_verbose_says_more() {
    let site = site_with_a_draft();
    let run = |args: &[&str]| {
        let out = site.cmd().args(args).output().unwrap();
        assert!(out.status.success());
        String::from_utf8_lossy(&out.stderr).into_owned()
    };
    let normal = run(&["build"]);
    assert!(normal.contains("built "), "{normal}");
    let quiet = run(&["build", "-q"]);
    assert!(
        !quiet.contains("built ") && !quiet.contains("left out"),
        "{quiet}"
    );
    // The preview base URL warning stays: warnings are never hidden.
    assert!(quiet.contains("warning"), "{quiet}");
    let verbose = run(&["-v", "build"]);
    assert!(
        verbose.contains("built ") && verbose.contains("site root: "),
        "{verbose}"
    );
    let both = site.cmd().args(["build", "-q", "-v"]).output().unwrap();
    assert_eq!(
        both.status.code(),
        Some(2),
        "-q and -v together are a usage error"
    );
}

#[test]
fn serve_is_another_name_for_watch() {
    let site = TestSite::empty();
    let out = site.cmd().args(["serve", "--help"]).output().unwrap();
    assert!(out.status.success());
    let help = String::from_utf8_lossy(&out.stdout);
    for flag in ["--port", "--no-serve", "--open", "--output", "-D"] {
        assert!(help.contains(flag), "serve --help lacks {flag}:\n{help}");
    }
    let out = site.cmd().arg("--help").output().unwrap();
    assert!(String::from_utf8_lossy(&out.stdout).contains("serve"));
}

#[test]
fn completions_are_printed_for_each_shell() {
    let site = TestSite::empty();
    for (shell, marker) in [
        ("bash", "complete -F"),
        ("zsh", "#compdef sitegen"),
        ("fish", "complete -c sitegen"),
        ("powershell", "Register-ArgumentCompleter"),
    ] {
        let out = site.cmd().args(["completions", shell]).output().unwrap();
        assert!(out.status.success(), "{shell}");
        let script = String::from_utf8_lossy(&out.stdout);
        assert!(script.contains(marker), "{shell}: {script}");
        assert!(
            script.contains("watch") && script.contains("serve"),
            "{shell}"
        );
    }
    let out = site.cmd().args(["completions", "tcsh"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn watch_open_opens_the_served_address_in_the_browser() {
    let site = TestSite::with_files(&[("posts/a.md", &post("A", "2024-01-01", "", "Hi."))]);
    // A "browser" that writes the address it was given to a file (whole: written beside it, then
    // renamed, so the test never reads it half-written).
    let browser = site.path("browser.sh");
    let opened = site.path("opened.txt");
    std::fs::write(
        &browser,
        format!(
            "#!/bin/sh\nprintf '%s' \"$1\" > '{0}.tmp' && mv '{0}.tmp' '{0}'\n",
            opened.display()
        ),
    )
    .unwrap();
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&browser, std::fs::Permissions::from_mode(0o755)).unwrap();
    let port = crate::common::watch::free_port().to_string();
    let w = crate::common::watch::Watch::start_with_env(
        &site,
        &["--port", &port, "--open"],
        &[("BROWSER", browser.to_str().unwrap())],
    );
    crate::common::watch::wait_until("the browser to be asked", || opened.is_file());
    assert_eq!(
        std::fs::read_to_string(&opened).unwrap(),
        format!("http://127.0.0.1:{port}/")
    );
    drop(w);
}
