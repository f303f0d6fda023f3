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
