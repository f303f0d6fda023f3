//! The manual (`docs/`), a site built by sitegen: it builds with no warning and no broken link,
//! every page sits in the sidebar and in one previous/next chain, its code is highlighted, and
//! its command-line page is exactly what the clap definitions generate.

use std::path::Path;

use crate::common::{TestSite, attrs, html, texts};

fn docs() -> &'static Path {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/docs"))
}

#[test]
fn the_command_line_page_is_generated_from_the_clap_definitions() {
    let out = TestSite::empty()
        .cmd()
        .arg("command-line-reference")
        .output()
        .unwrap();
    assert!(out.status.success());
    let generated = String::from_utf8(out.stdout).unwrap();
    let page = std::fs::read_to_string(docs().join("pages/reference/command-line.md")).unwrap();
    assert!(
        page == generated,
        "docs/pages/reference/command-line.md is out of date: run \
         `cargo run -q -- command-line-reference > docs/pages/reference/command-line.md`"
    );
    for flag in [
        "--output",
        "--drafts",
        "--quiet",
        "--open",
        "sitegen serve",
        "sitegen completions",
    ] {
        assert!(generated.contains(flag), "{flag} missing");
    }
}

#[test]
fn the_manual_builds_cleanly_and_reads_as_one_chain_of_pages() {
    let site = TestSite::empty();
    let out = site.path("manual");
    let run = site
        .cmd()
        .args(["build", "--root"])
        .arg(docs())
        .arg("-o")
        .arg(&out)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert!(run.status.success(), "{stderr}");
    assert!(!stderr.contains("warning"), "{stderr}");
    let sources: Vec<_> = walkdir::WalkDir::new(docs().join("pages"))
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.path().extension().is_some_and(|x| x == "md"))
        .collect();
    let home = html(&std::fs::read_to_string(out.join("index.html")).unwrap());
    let sidebar = attrs(&home, "nav a[href$='/']", "href");
    // Walk the chain from the first page of the sidebar to the last by "Next".
    let mut seen = Vec::new();
    assert!(
        sidebar.len() >= sources.len(),
        "the sidebar lists every page: {sidebar:?}"
    );
    let mut url = sidebar.iter().find(|h| h.as_str() != "/").cloned();
    while let Some(u) = url {
        let page = html(
            &std::fs::read_to_string(out.join(u.trim_start_matches('/')).join("index.html"))
                .unwrap(),
        );
        assert_eq!(
            attrs(&page, "[aria-current=page]", "href"),
            std::slice::from_ref(&u),
            "{u} marked current"
        );
        seen.push(u);
        url = attrs(&page, "a[rel=next]", "href").into_iter().next();
    }
    assert_eq!(
        seen.len(),
        sources.len(),
        "every page once in the chain: {seen:?}"
    );
    let cli =
        html(&std::fs::read_to_string(out.join("reference/command-line/index.html")).unwrap());
    assert!(
        !texts(&cli, "pre.hl code.language-sh").is_empty(),
        "usage lines are highlighted"
    );
    assert!(out.join("highlight.css").is_file());
}
