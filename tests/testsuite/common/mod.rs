//! Shared test helpers: copy a fixture site (or write one from strings) into a temp dir, build it
//! through the library or the binary, and read the output.

pub mod session;
pub mod watch;

use std::fs;
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use tempfile::TempDir;

/// The library's incremental rebuilds, named here only, so a move of the module is one line.
pub use sitegen::{Outcome, Session};

/// The file a diagnostic is about, relative to the site root.
pub fn diag_path(d: &sitegen::Diagnostic) -> &Path {
    d.path.as_deref().unwrap_or(Path::new(""))
}

/// A diagnostic as `PATH:LINE:COL: MESSAGE`, from the fields tests may read.
pub fn describe(d: &sitegen::Diagnostic) -> String {
    let at = d
        .position
        .map_or(String::new(), |(line, col)| format!(":{line}:{col}"));
    format!("{}{at}: {}", diag_path(d).display(), d.message)
}

/// Every diagnostic of a failure, one a line.
pub fn describe_all(diagnostics: &[sitegen::Diagnostic]) -> String {
    diagnostics
        .iter()
        .map(describe)
        .collect::<Vec<_>>()
        .join("\n")
}

/// A site in a temporary folder.
pub struct TestSite {
    pub dir: TempDir,
}

impl TestSite {
    /// An empty site.
    pub fn empty() -> Self {
        TestSite {
            dir: tempfile::tempdir().expect("temp dir"),
        }
    }

    /// A copy of `tests/fixtures/<name>`.
    pub fn fixture(name: &str) -> Self {
        let site = TestSite::empty();
        copy_dir(
            &Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("tests/fixtures")
                .join(name),
            site.root(),
        );
        site
    }

    /// A copy of the site shipped in the repository (`posts/`, `sitegen.toml`, and `templates/`
    /// and `static/` when it has them).
    pub fn shipped() -> Self {
        let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
        let site = TestSite::empty();
        copy_dir(&repo.join("posts"), &site.path("posts"));
        for dir in ["pages", "templates", "static"] {
            if repo.join(dir).is_dir() {
                copy_dir(&repo.join(dir), &site.path(dir));
            }
        }
        if repo.join("sitegen.toml").is_file() {
            fs::copy(repo.join("sitegen.toml"), site.path("sitegen.toml")).unwrap();
        }
        site
    }

    /// A site made of `(path, contents)` pairs.
    pub fn with_files(files: &[(&str, &str)]) -> Self {
        let site = TestSite::empty();
        for (path, contents) in files {
            site.write(path, contents);
        }
        site
    }

    pub fn root(&self) -> &Path {
        self.dir.path()
    }

    pub fn path(&self, rel: &str) -> PathBuf {
        self.root().join(rel)
    }

    /// Writes (or overwrites) a file of the site.
    pub fn write(&self, rel: &str, contents: &str) {
        let p = self.path(rel);
        fs::create_dir_all(p.parent().unwrap()).unwrap();
        fs::write(p, contents).unwrap();
    }

    /// Saves a file as careful editors do: write a hidden temporary file beside it, then rename it
    /// over the file, so a watcher sees one event and never a half-written file.
    pub fn save_atomically(&self, rel: &str, contents: &str) {
        let p = self.path(rel);
        fs::create_dir_all(p.parent().unwrap()).unwrap();
        let tmp = p.with_file_name(format!(".{}.tmp", p.file_name().unwrap().to_string_lossy()));
        fs::write(&tmp, contents).unwrap();
        fs::rename(&tmp, &p).unwrap();
    }

    /// `sitegen` with a clean environment, run in the site root.
    pub fn cmd(&self) -> Command {
        let mut cmd = Command::cargo_bin("sitegen").expect("binary");
        cmd.env_clear()
            .env("PATH", std::env::var("PATH").unwrap_or_default())
            .current_dir(self.root());
        cmd
    }

    /// Runs `sitegen build ARGS`, returning its exit code and stderr.
    fn run_build(&self, args: &[&str]) -> (Option<i32>, String) {
        self.run("build", args)
    }

    /// Runs `sitegen COMMAND ARGS`, returning its exit code and stderr.
    pub fn run(&self, command: &str, args: &[&str]) -> (Option<i32>, String) {
        let out = self
            .cmd()
            .arg(command)
            .args(args)
            .output()
            .expect("run sitegen");
        (
            out.status.code(),
            String::from_utf8_lossy(&out.stderr).into_owned(),
        )
    }

    /// Runs `sitegen build ARGS`, returning (success, stderr).
    pub fn build(&self, args: &[&str]) -> (bool, String) {
        let (code, err) = self.run_build(args);
        (code == Some(0), err)
    }

    /// Writes `files` over a site whose `public/` holds a good build, then builds expecting exit
    /// code 1 and `public/` exactly as it was. Returns stderr.
    pub fn fails_keeping_output(&self, files: &[(&str, &str)]) -> String {
        let before = self.snapshot("public");
        assert!(!before.is_empty(), "no previous output to protect");
        for (path, text) in files {
            self.write(path, text);
        }
        let err = self.build_err(&[]);
        assert!(
            self.snapshot("public") == before,
            "public/ changed after a failed build:\n{err}"
        );
        err
    }

    /// Writes a real small picture at `rel` (see [`tiny_image`]).
    pub fn write_image(&self, rel: &str) {
        let path = self.path(rel);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, tiny_image(rel)).unwrap();
    }

    /// Builds and panics with the messages if the build fails.
    pub fn build_ok(&self, args: &[&str]) -> String {
        let (ok, err) = self.build(args);
        assert!(ok, "build failed:\n{err}");
        err
    }

    /// Builds expecting failure (exit code 1); returns stderr.
    pub fn build_err(&self, args: &[&str]) -> String {
        let (code, err) = self.run_build(args);
        assert_eq!(code, Some(1), "expected exit 1, got {code:?}:\n{err}");
        err
    }

    /// A file of the default output folder as text.
    pub fn read_output(&self, rel: &str) -> String {
        fs::read_to_string(self.path("public").join(rel))
            .unwrap_or_else(|e| panic!("public/{rel}: {e}"))
    }

    /// Every file under `dir` with its bytes, sorted by path.
    pub fn snapshot(&self, dir: &str) -> Vec<(String, Vec<u8>)> {
        let base = self.path(dir);
        let mut out = Vec::new();
        for e in walkdir::WalkDir::new(&base).sort_by_file_name() {
            let e = e.unwrap();
            if e.file_type().is_file() {
                let rel = e
                    .path()
                    .strip_prefix(&base)
                    .unwrap()
                    .to_string_lossy()
                    .into_owned();
                out.push((rel, fs::read(e.path()).unwrap()));
            }
        }
        out
    }
}

/// What sitegen left beside the output folder `out` (or inside it) besides its state file and its
/// spare generation: leftovers of builds, which a finished build never leaves.
pub fn leftovers(site: &TestSite, out: &str) -> Vec<String> {
    let keep = [format!(".{out}.sitegen"), format!(".{out}.spare")];
    let mut left: Vec<String> = fs::read_dir(site.root())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(&format!(".{out}.")) && !keep.contains(n))
        .collect();
    if site.path(out).join(".sitegen").exists() {
        left.push(format!("{out}/.sitegen"));
    }
    left.sort();
    left
}

/// Asserts stderr has a line starting with `prefix` (a full `path:line:col: error: message` head).
#[track_caller]
pub fn assert_reports(stderr: &str, prefix: &str) {
    assert!(
        stderr.lines().any(|l| l.starts_with(prefix)),
        "expected a line starting with\n  {prefix}\nin:\n{stderr}"
    );
}

/// Copies a folder recursively.
pub fn copy_dir(from: &Path, to: &Path) {
    for e in walkdir::WalkDir::new(from) {
        let e = e.unwrap();
        let rel = e.path().strip_prefix(from).unwrap();
        let dest = to.join(rel);
        if e.file_type().is_dir() {
            fs::create_dir_all(&dest).unwrap();
        } else {
            fs::copy(e.path(), &dest).unwrap();
        }
    }
}

/// A real 8×6 picture in the format its file name says (`.png`, `.jpg`, `.webp`, `.gif`): the
/// image stage decodes every photo, so a test site's pictures must be real ones.
pub fn tiny_image(name: &str) -> Vec<u8> {
    let format = image::ImageFormat::from_path(name).expect("an image file name");
    let img = image::RgbImage::from_fn(8, 6, |x, y| image::Rgb([x as u8 * 30, y as u8 * 40, 90]));
    let mut bytes = Vec::new();
    image::DynamicImage::ImageRgb8(img)
        .write_to(&mut std::io::Cursor::new(&mut bytes), format)
        .unwrap();
    bytes
}

/// Parses HTML for structural assertions.
pub fn html(s: &str) -> scraper::Html {
    scraper::Html::parse_document(s)
}

/// The `href` of every element matching `selector`.
pub fn hrefs(doc: &scraper::Html, selector: &str) -> Vec<String> {
    attrs(doc, selector, "href")
}

/// The value of `attr` on every element matching `selector` that has it.
pub fn attrs(doc: &scraper::Html, selector: &str, attr: &str) -> Vec<String> {
    let sel = scraper::Selector::parse(selector).unwrap();
    doc.select(&sel)
        .filter_map(|e| e.value().attr(attr).map(str::to_string))
        .collect()
}

/// The text of every element matching `selector`.
pub fn texts(doc: &scraper::Html, selector: &str) -> Vec<String> {
    let sel = scraper::Selector::parse(selector).unwrap();
    doc.select(&sel)
        .map(|e| e.text().collect::<String>().trim().to_string())
        .collect()
}

/// The settings a watch `Session` of `site` runs with in these tests: output into `out`, drafts
/// and future posts shown, base URL `/` (as `watch` does).
pub fn session_overrides(site: &TestSite, out: &str) -> sitegen::Overrides {
    sitegen::Overrides {
        output: Some(site.path(out)),
        drafts: true,
        base_url: Some("/".into()),
        future: true,
        ..sitegen::Overrides::default()
    }
}

/// A minimal valid post.
pub fn post(title: &str, date: &str, extra_front: &str, body: &str) -> String {
    format!("+++\ntitle = \"{title}\"\ndate = {date}\n{extra_front}+++\n{body}\n")
}

/// Every `href` and `src` value in a document.
pub fn links(doc: &scraper::Html) -> Vec<String> {
    let sel = scraper::Selector::parse("[href], [src]").unwrap();
    doc.select(&sel)
        .flat_map(|e| [e.value().attr("href"), e.value().attr("src")])
        .flatten()
        .map(str::to_string)
        .collect()
}

impl TestSite {
    /// Internal links of every HTML page under `dir` that resolve to no file there (or to a missing
    /// `#id`), as `page: link`. `base_url` is the site's base (`/`, `/blog/` or
    /// `https://example.org/blog/`); root-relative links outside its path count as broken.
    pub fn broken_links(&self, dir: &str, base_url: &str) -> Vec<String> {
        let base_path = match base_url.split_once("://") {
            Some((_, rest)) => rest.find('/').map_or("/", |i| &rest[i..]),
            None => base_url,
        };
        let out = self.path(dir);
        let mut broken = Vec::new();
        for (page, bytes) in self.snapshot(dir) {
            if !page.ends_with(".html") {
                continue;
            }
            let doc = html(&String::from_utf8_lossy(&bytes));
            let page_dir = Path::new(&page)
                .parent()
                .unwrap_or(Path::new(""))
                .to_path_buf();
            for link in links(&doc) {
                let local = if let Some(rest) = link
                    .strip_prefix(base_url)
                    .filter(|_| base_url.contains("://"))
                {
                    Some(rest.to_string())
                } else if link.contains("://")
                    || link.starts_with("mailto:")
                    || link.starts_with("data:")
                {
                    None
                } else if let Some(rest) = link.strip_prefix(base_path) {
                    Some(rest.to_string())
                } else if link.starts_with('/') {
                    broken.push(format!("{page}: {link} (outside {base_path})"));
                    None
                } else if let Some(id) = link.strip_prefix('#') {
                    if !id.is_empty() && !has_id(&doc, id) {
                        broken.push(format!("{page}: {link}"));
                    }
                    None
                } else {
                    Some(
                        format!("{}/{link}", page_dir.to_string_lossy())
                            .trim_start_matches('/')
                            .to_string(),
                    )
                };
                let Some(local) = local else { continue };
                let (path, fragment) = local
                    .split_once('#')
                    .map_or((local.as_str(), None), |(p, f)| (p, Some(f)));
                let path = path.split('?').next().unwrap_or(path);
                let file = if path.is_empty() || path.ends_with('/') {
                    format!("{path}index.html")
                } else {
                    path.to_string()
                };
                let target = out.join(&file);
                if !target.is_file() {
                    broken.push(format!("{page}: {link}"));
                } else if let Some(id) = fragment {
                    let target_doc = html(&fs::read_to_string(&target).unwrap_or_default());
                    if !has_id(&target_doc, id) {
                        broken.push(format!("{page}: {link} (no id `{id}`)"));
                    }
                }
            }
        }
        broken
    }
}

fn has_id(doc: &scraper::Html, id: &str) -> bool {
    doc.tree
        .values()
        .any(|n| n.as_element().and_then(|e| e.id()) == Some(id))
}

/// The checkers the suite relies on catch what they look for.
mod tests {
    use super::TestSite;

    #[test]
    fn broken_links_catches_a_planted_broken_link_and_anchor() {
        let page = |body: &str| format!("<!doctype html><html><body>{body}</body></html>");
        let site = TestSite::with_files(&[
            (
                "public/index.html",
                &page(
                    "<h2 id=\"top\">Top</h2>\
                     <a href=\"#top\">ok</a> <a href=\"/other/\">ok</a> <a href=\"other/#here\">ok</a>\
                     <a href=\"https://example.com/\">external</a>\
                     <a href=\"/missing/\">broken</a> <a href=\"#nowhere\">broken</a>\
                     <a href=\"/other/#gone\">broken</a> <img src=\"/img.png\">",
                ),
            ),
            (
                "public/other/index.html",
                &page("<p id=\"here\">x</p><a href=\"../index.html\">ok</a>"),
            ),
            ("public/style.css", "a {}"),
        ]);
        assert_eq!(
            site.broken_links("public", "/"),
            [
                "index.html: /missing/",
                "index.html: #nowhere",
                "index.html: /other/#gone (no id `gone`)",
                "index.html: /img.png",
            ]
        );
        // Under a base URL, a root link outside its path is broken too.
        let under_base = site.broken_links("public", "/blog/");
        assert!(
            under_base.contains(&"index.html: /other/ (outside /blog/)".to_string()),
            "{under_base:?}"
        );
    }

    #[test]
    fn rebuild_lines_and_serving_lines_are_read() {
        use super::watch::{rebuilt_files, served_port};
        assert_eq!(
            rebuilt_files("posts/core.md: 1 page rendered, 1 file written, 0 removed in 3 ms"),
            Some("posts/core.md")
        );
        assert_eq!(rebuilt_files("posts/core.md:"), Some("posts/core.md"));
        assert_eq!(
            rebuilt_files("posts/core.md:2:9: error: missing required field `title`"),
            None
        );
        assert_eq!(
            served_port("serving public at http://127.0.0.1:1112/"),
            Some(1112)
        );
        assert_eq!(served_port("watching posts/ for changes"), None);
    }
}
