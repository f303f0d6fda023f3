//! In-process watch sessions for tests: an editor that applies an edit, rebuilds, and compares the
//! output and warnings with a clean build.

use std::fs;
use std::path::PathBuf;

use sitegen::{Config, Outcome, Session};

use super::{TestSite, describe_all, session_overrides};

/// What watch does on its indexer's thread after a reload: makes the search index again.
pub fn refresh_search(session: &mut Session, step: &str) {
    if let Err(f) = session.refresh_search() {
        panic!(
            "search index failed after {step}:\n{}",
            describe_all(&f.diagnostics)
        );
    }
}

/// Builds the site from scratch into `clean/` and compares it with the watched `public/`;
/// returns the clean build's warnings.
pub fn assert_same_as_clean_build(site: &TestSite, step: &str) -> Vec<sitegen::Diagnostic> {
    let _ = fs::remove_dir_all(site.path("clean"));
    let config = Config::load(site.root(), session_overrides(site, "clean")).unwrap();
    let report = sitegen::build(&config).unwrap_or_else(|f| {
        panic!(
            "clean build failed after {step}:\n{}",
            describe_all(&f.diagnostics)
        )
    });
    assert_same_files(site, "public", "watched", step);
    report.warnings
}

/// Asserts that the output `dir` holds the files of `clean/`, byte for byte (`what` names `dir`
/// in the message).
pub fn assert_same_files(site: &TestSite, dir: &str, what: &str, step: &str) {
    let (got, clean) = (site.snapshot(dir), site.snapshot("clean"));
    let names = |s: &[(String, Vec<u8>)]| s.iter().map(|(p, _)| p.clone()).collect::<Vec<_>>();
    assert_eq!(
        names(&got),
        names(&clean),
        "{what}: file lists differ after {step}"
    );
    for ((path, a), (_, b)) in got.iter().zip(&clean) {
        assert!(
            a == b,
            "{what}: {path} differs from a clean build after {step}:\n--- {what}\n{}\n--- clean\n{}",
            String::from_utf8_lossy(a),
            String::from_utf8_lossy(b)
        );
    }
}

/// A watch session and the site it watches: each edit is applied, rebuilt, and checked against a
/// clean build (bytes and warnings).
pub struct Editor<'a> {
    pub site: &'a TestSite,
    pub session: Session,
}

impl<'a> Editor<'a> {
    /// A watch session that has made its first build of `site`.
    pub fn start(site: &'a TestSite) -> Editor<'a> {
        let root = site.root().canonicalize().unwrap();
        let (session, _) = Session::start(&root, session_overrides(site, "public")).unwrap();
        Editor { site, session }
    }

    pub fn apply(&mut self, step: &str, changed: &[&str], edit: impl FnOnce(&TestSite)) -> Outcome {
        edit(self.site);
        let paths: Vec<PathBuf> = changed
            .iter()
            .map(|p| {
                self.site
                    .path(p)
                    .canonicalize()
                    .unwrap_or(self.site.path(p))
            })
            .collect();
        let out = self.session.rebuild(&paths).unwrap_or_else(|f| {
            panic!(
                "rebuild failed after {step}:\n{}",
                describe_all(&f.diagnostics)
            )
        });
        // What watch does on its indexer's thread after the reload.
        refresh_search(&mut self.session, step);
        let mut warnings = assert_same_as_clean_build(self.site, step);
        // What the settings warn about (a preview's base URL has no host) is said once, when
        // watch starts; each rebuild reports the content's warnings.
        warnings.retain(|w| w.path.as_deref() != Some(std::path::Path::new("sitegen.toml")));
        assert_eq!(
            describe_all(&out.warnings),
            describe_all(&warnings),
            "the rebuild's warnings differ from a clean build's after {step}"
        );
        out
    }
}

/// Replaces the first `from` in the site's file `rel` with `to` (which must be there).
pub fn replace(site: &TestSite, rel: &str, from: &str, to: &str) {
    let text = fs::read_to_string(site.path(rel)).unwrap();
    assert!(text.contains(from), "{rel} does not contain {from:?}");
    fs::write(site.path(rel), text.replacen(from, to, 1)).unwrap();
}
