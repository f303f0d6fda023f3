//! Publishing: the GitHub Pages workflow shipped in `.github/workflows/pages.yml` (and quoted on
//! the manual's Hosting page) is a real Pages deployment, and its build step, run as GitHub would run it for a
//! project page, builds the site under `/<repository>/`.

use std::path::Path;

use serde_yaml_ng::Value;

use crate::common::TestSite;

const WORKFLOW: &str = ".github/workflows/pages.yml";

fn repo_file(rel: &str) -> String {
    std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(rel)).unwrap()
}

fn workflow() -> Value {
    serde_yaml_ng::from_str(&repo_file(WORKFLOW)).expect("the workflow is YAML")
}

/// The steps of a job, as `(uses, run, with)` strings.
fn steps(w: &Value, job: &str) -> Vec<(String, String, Value)> {
    w["jobs"][job]["steps"]
        .as_sequence()
        .unwrap_or_else(|| panic!("job {job} has steps"))
        .iter()
        .map(|s| {
            (
                s["uses"].as_str().unwrap_or_default().to_string(),
                s["run"].as_str().unwrap_or_default().to_string(),
                s["with"].clone(),
            )
        })
        .collect()
}

#[test]
fn the_workflow_deploys_to_pages_with_the_permissions_it_needs() {
    let w = workflow();
    assert_eq!(w["permissions"]["pages"].as_str(), Some("write"));
    assert_eq!(w["permissions"]["id-token"].as_str(), Some("write"));
    let build = steps(&w, "build");
    let uses: Vec<&str> = build.iter().map(|(u, _, _)| u.as_str()).collect();
    for action in [
        "actions/checkout@",
        "actions/configure-pages@",
        "actions/upload-pages-artifact@",
    ] {
        assert!(
            uses.iter().any(|u| u.starts_with(action)),
            "{action} in {uses:?}"
        );
    }
    let upload = build
        .iter()
        .find(|(u, _, _)| u.starts_with("actions/upload-pages-artifact@"))
        .unwrap();
    assert_eq!(
        upload.2["path"].as_str(),
        Some("public"),
        "uploads the output"
    );
    assert_eq!(w["jobs"]["deploy"]["needs"].as_str(), Some("build"));
    assert_eq!(
        w["jobs"]["deploy"]["environment"]["name"].as_str(),
        Some("github-pages")
    );
    let deploy = steps(&w, "deploy");
    assert!(
        deploy[0].0.starts_with("actions/deploy-pages@"),
        "{deploy:?}"
    );
}

#[test]
fn the_workflow_build_step_builds_a_project_page_under_its_repository() {
    let w = workflow();
    let run = steps(&w, "build")
        .into_iter()
        .map(|(_, run, _)| run)
        .find(|r| r.contains("sitegen build"))
        .expect("a step runs sitegen build");
    // What configure-pages gives a project page (no trailing slash).
    let run = run.replace(
        "${{ steps.pages.outputs.base_url }}",
        "https://ana.github.io/move-well",
    );
    let args: Vec<String> = run
        .split_whitespace()
        .skip_while(|w| *w != "build")
        .map(|w| w.trim_matches('"').to_string())
        .collect();
    let site = TestSite::shipped();
    let core = std::fs::read_to_string(site.path("posts/core.md")).unwrap();
    site.write(
        "posts/core.md",
        &core.replacen("+++\n", "+++\naliases = [\"/2019/core/\"]\n", 1),
    );
    let (code, out) = site.run(
        &args[0],
        &args[1..].iter().map(String::as_str).collect::<Vec<_>>(),
    );
    assert_eq!(code, Some(0), "{out}");
    let home = site.read_output("index.html");
    assert!(home.contains(r#"href="/move-well/style.css""#), "{home}");
    assert!(home.contains(r#"<link rel="canonical" href="https://ana.github.io/move-well/">"#));
    let not_found = site.read_output("404.html");
    assert!(
        not_found.contains(r#"href="/move-well/""#),
        "the 404 page links home"
    );
    assert!(
        site.read_output("2019/core/index.html")
            .contains("url=/move-well/core/")
    );
    assert!(
        site.path("public/.nojekyll").is_file(),
        "_redirects starts with _"
    );
}

#[test]
fn the_manual_quotes_the_workflow_as_shipped() {
    let page = repo_file("docs/pages/publishing/hosting.md");
    let shipped = repo_file(WORKFLOW);
    let quoted = page
        .split("```yaml\n")
        .filter_map(|s| s.split_once("```").map(|(block, _)| block))
        .find(|b| b.contains("actions/deploy-pages"))
        .expect("the manual's Hosting page shows the workflow");
    // Quoted without the file's opening comment, which the prose says.
    let body = &shipped[shipped.find("name:").unwrap()..];
    assert_eq!(quoted.trim_end(), body.trim_end());
}
