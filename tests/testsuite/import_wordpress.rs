//! `sitegen import wordpress`: a small export of our own (WXR 1.1 and 1.2) with every kind of
//! item, hostile inputs (entity bombs, truncation, `../` slugs and paths), re-imports, and
//! WordPress's own theme unit test export when it is beside the repository.

use std::fs;
use std::path::{Path, PathBuf};

use sitegen::{ImportOptions, ImportReport, import_wordpress};

use crate::common::TestSite;

fn fixture() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/wordpress/small.xml")
}

/// Imports `export` into `site` with `uploads` when given.
fn import(
    site: &TestSite,
    export: &Path,
    uploads: Option<&Path>,
) -> Result<ImportReport, sitegen::Failure> {
    import_wordpress(&ImportOptions {
        export: export.to_path_buf(),
        into: site.root().to_path_buf(),
        uploads: uploads.map(Path::to_path_buf),
        series: vec!["Mobility".into()],
        ..ImportOptions::default()
    })
}

/// An uploads folder holding the fixture's one photo.
fn uploads() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    fs::create_dir_all(dir.path().join("2020/01")).unwrap();
    fs::write(
        dir.path().join("2020/01/photo.jpg"),
        b"\xff\xd8 photo bytes",
    )
    .unwrap();
    dir
}

/// The front matter of a written file, parsed as TOML.
fn matter(site: &TestSite, rel: &str) -> toml::Table {
    let text = fs::read_to_string(site.path(rel)).unwrap();
    let inner = text
        .strip_prefix("+++\n")
        .and_then(|t| t.split_once("\n+++\n"))
        .unwrap_or_else(|| panic!("{rel} has no TOML front matter:\n{text}"))
        .0;
    inner
        .parse()
        .unwrap_or_else(|e| panic!("{rel}: {e}\n{inner}"))
}

/// The calendar day of a TOML date or date-time.
fn day(v: &toml::Value) -> String {
    v.as_datetime()
        .and_then(|d| d.date)
        .map(|d| d.to_string())
        .unwrap_or_else(|| panic!("not a date: {v:?}"))
}

fn body(site: &TestSite, rel: &str) -> String {
    let text = fs::read_to_string(site.path(rel)).unwrap();
    text.splitn(3, "+++\n").nth(2).unwrap().to_string()
}

#[test]
fn posts_pages_and_drafts_get_their_places_and_front_matter() {
    let site = TestSite::empty();
    let up = uploads();
    let report = import(&site, &fixture(), Some(up.path())).unwrap();
    assert_eq!(
        (report.posts, report.scheduled, report.pages, report.drafts),
        (4, 1, 2, 1)
    );
    assert_eq!(report.skipped.get("private"), Some(&1));
    assert_eq!(report.skipped.get("trashed"), Some(&1));

    let m = matter(&site, "posts/classic-post/index.md");
    assert_eq!(m["title"].as_str(), Some("Classic Post"));
    assert_eq!(day(&m["date"]), "2020-01-02");
    assert_eq!(day(&m["updated"]), "2020-03-04");
    assert_eq!(m["image"].as_str(), Some("photo.jpg"));
    assert_eq!(
        m["series"].as_str(),
        Some("Mobility"),
        "--series turns the category into a series"
    );
    assert_eq!(m["weight"].as_integer(), Some(1));
    assert_eq!(m["tags"].as_array().unwrap().len(), 1);
    assert_eq!(m["feed_id"].as_str(), Some("https://old.example/?p=10"));
    let aliases: Vec<&str> = m["aliases"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|a| a.as_str())
        .collect();
    assert_eq!(aliases, ["/2020/01/02/classic-post/", "/?p=10"]);
    assert!(
        m["summary"]
            .as_str()
            .unwrap()
            .starts_with("First paragraph"),
        "the <!--more--> split"
    );
    assert_eq!(
        m["extra"]["author"].as_str(),
        Some("Ann Author"),
        "two authors: each post names its own"
    );

    let second = matter(&site, "posts/second/index.md");
    assert_eq!(
        second["weight"].as_integer(),
        Some(2),
        "series in date order"
    );
    assert_eq!(second["summary"].as_str(), Some("A hand-written excerpt."));

    assert!(
        matter(&site, "posts/etc-x/index.md")
            .get("feed_id")
            .is_none(),
        "a GUID two posts share is the feed id of the first only"
    );
    assert!(
        report
            .notes
            .iter()
            .any(|n| n.to_string().starts_with("posts/etc-x/index.md:")
                && n.message.contains("GUID"))
    );
    let draft = matter(&site, "posts/work-in-progress/index.md");
    assert_eq!(draft["draft"].as_bool(), Some(true));
    assert!(
        draft.get("aliases").is_none(),
        "a draft had no public address"
    );
    assert_eq!(
        day(&matter(&site, "posts/coming-soon/index.md")["date"]),
        "2030-01-01"
    );

    let team = matter(&site, "pages/about/team.md");
    assert_eq!(
        team["title"].as_str(),
        Some("Team"),
        "a child page nests under its parent"
    );
    let about: Vec<String> = matter(&site, "pages/about.md")["aliases"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a.as_str().unwrap().to_string())
        .collect();
    assert_eq!(
        about,
        ["/?page_id=30"],
        "an alias equal to the new address is left out"
    );
    for gone in ["secret", "binned", "binned__trashed"] {
        assert!(
            !site.path(&format!("posts/{gone}")).exists(),
            "{gone} was imported"
        );
    }
}

#[test]
fn bodies_become_markdown_with_links_media_and_videos() {
    let site = TestSite::empty();
    let up = uploads();
    import(&site, &fixture(), Some(up.path())).unwrap();
    let classic = body(&site, "posts/classic-post/index.md");
    for expected in [
        "[a link to the second post](@/second/index.md)",
        "\\{\\{ braces }}",
        "<figure class=\"align-center\">\n\n[![A photo](photo.jpg)](photo.jpg)\n\n<figcaption>The photo's caption</figcaption>\n</figure>",
        "```python\ndef f():\n\n    return {\"a\": 1}\n```",
        "{{ video(url=\"https://www.youtube.com/watch?v=dQw4w9WgXcQ\") }}",
        "\\[contact-form-7 id=\"5\" title=\"Contact\"\\]",
        "[a page that is gone](https://old.example/gone-forever/)",
        "## Nested list\n\n- One\n  - One point one\n- Two",
    ] {
        assert!(
            classic.contains(expected),
            "missing {expected:?} in:\n{classic}"
        );
    }
    assert!(
        classic.starts_with("\nFirst paragraph") && classic.contains("braces }}.\\\nA line break"),
        "classic paragraphs and line breaks (wpautop):\n{classic}"
    );
    assert!(
        !classic.contains("300x225"),
        "size variant mapped to the original"
    );
    assert_eq!(
        fs::read(site.path("posts/classic-post/photo.jpg")).unwrap(),
        b"\xff\xd8 photo bytes"
    );
    let second = body(&site, "posts/second/index.md");
    for expected in [
        "Block paragraph with **bold** and a [link by id](@/classic-post/index.md).",
        "```rust\nfn main() {}\n```",
        "| A | B |",
        "{{ video(url=\"https://vimeo.com/76979871\") }}",
    ] {
        assert!(
            second.contains(expected),
            "missing {expected:?} in:\n{second}"
        );
    }
    assert!(!second.contains("wp:"), "block comments removed:\n{second}");
    let about = body(&site, "pages/about.md");
    assert!(
        about.contains("![Team](/wp-content/uploads/2020/01/photo.jpg)"),
        "{about}"
    );
    assert!(
        site.path("static/wp-content/uploads/2020/01/photo.jpg")
            .is_file()
    );
    assert!(body(&site, "pages/about/team.md").contains("[about](@/pages/about.md)"));
}

#[test]
fn wxr_1_1_imports_like_1_2() {
    let text = fs::read_to_string(fixture())
        .unwrap()
        .replace("/export/1.2/", "/export/1.1/")
        .replace(
            "<wp:wxr_version>1.2</wp:wxr_version>",
            "<wp:wxr_version>1.1</wp:wxr_version>",
        );
    let dir = tempfile::tempdir().unwrap();
    let old = dir.path().join("old.xml");
    fs::write(&old, text).unwrap();
    let (a, b) = (TestSite::empty(), TestSite::empty());
    import(&a, &fixture(), None).unwrap();
    import(&b, &old, None).unwrap();
    assert_eq!(a.snapshot("."), b.snapshot("."));
    assert!(!a.snapshot(".").is_empty());
}

#[test]
fn a_second_import_of_the_same_export_changes_nothing() {
    let site = TestSite::empty();
    let up = uploads();
    let first = import(&site, &fixture(), Some(up.path())).unwrap();
    let before = site.snapshot(".");
    let again = import(&site, &fixture(), Some(up.path())).unwrap();
    assert!(again.written.is_empty(), "{:?}", again.written);
    assert_eq!(again.unchanged, first.written.len());
    assert_eq!(site.snapshot("."), before);
}

#[test]
fn an_edited_file_is_refused_and_nothing_is_written_until_force() {
    let site = TestSite::empty();
    import(&site, &fixture(), None).unwrap();
    site.write("posts/second/index.md", "my edits");
    fs::remove_file(site.path("posts/etc-x/index.md")).unwrap();
    let failure = import(&site, &fixture(), None).unwrap_err();
    let message = failure.to_string();
    assert!(
        message.contains("posts/second/index.md: error: already exists"),
        "{message}"
    );
    assert!(
        !site.path("posts/etc-x/index.md").exists(),
        "something was written"
    );
    assert_eq!(
        fs::read_to_string(site.path("posts/second/index.md")).unwrap(),
        "my edits"
    );
    import_wordpress(&ImportOptions {
        export: fixture(),
        into: site.root().to_path_buf(),
        series: vec!["Mobility".into()],
        force: true,
        ..ImportOptions::default()
    })
    .unwrap();
    assert!(site.path("posts/etc-x/index.md").exists());
}

/// Writes `text` as an export and imports it into a fresh folder; the error, and that nothing was
/// written.
fn refused(text: &str) -> String {
    let site = TestSite::empty();
    let export = site.path("export.xml");
    fs::write(&export, text).unwrap();
    let into = site.path("out");
    let failure = import_wordpress(&ImportOptions {
        export,
        into: into.clone(),
        ..ImportOptions::default()
    })
    .unwrap_err();
    assert!(!into.exists(), "something was written");
    failure.to_string()
}

#[test]
fn entity_bombs_are_refused_at_once() {
    let mut bomb =
        String::from("<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [\n <!ENTITY lol \"lol\">\n");
    for i in 1..10 {
        let prev = if i == 1 {
            "lol".to_string()
        } else {
            format!("lol{}", i - 1)
        };
        bomb.push_str(&format!(
            " <!ENTITY lol{i} \"{}\">\n",
            format!("&{prev};").repeat(10)
        ));
    }
    bomb.push_str("]>\n<rss><channel><wp:wxr_version>1.2</wp:wxr_version><title>&lol9;</title></channel></rss>\n");
    let e = refused(&bomb);
    assert!(
        e.contains("export.xml:2:1: error: the export declares its own XML entities"),
        "{e}"
    );
}

#[test]
fn truncated_and_foreign_files_are_named_with_their_position() {
    let text = fs::read_to_string(fixture()).unwrap();
    let cut = &text[..text.find("<title><![CDATA[Second]]>").unwrap()];
    let e = refused(cut);
    assert!(
        e.contains("the export ends in the middle of `<item>` (opened at line"),
        "{e}"
    );
    let last_line = cut.lines().count();
    assert!(e.contains(&format!("export.xml:{last_line}:")), "{e}");
    let e = refused("<html><body>not an export</body></html>");
    assert!(
        e.contains("export.xml:1:1: error: the document's root is `<html>`"),
        "{e}"
    );
    let e = refused("<rss><channel><title>x</title></channel></rss>");
    assert!(e.contains("not a WordPress export"), "{e}");
    let e = refused("<rss><channel>\n<title>x</wrong></channel></rss>");
    assert!(e.contains("export.xml:2:"), "{e}");
}

#[test]
fn hostile_slugs_and_attachment_paths_never_leave_the_folder() {
    let parent = tempfile::tempdir().unwrap();
    let into = parent.path().join("site");
    let up = uploads();
    // A file the attachment `../../../etc/passwd.png` would reach from the uploads folder.
    fs::write(up.path().parent().unwrap().join("passwd.png"), "secret").ok();
    let report = import_wordpress(&ImportOptions {
        export: fixture(),
        into: into.clone(),
        uploads: Some(up.path().to_path_buf()),
        ..ImportOptions::default()
    })
    .unwrap();
    assert!(
        into.join("posts/etc-x/index.md").is_file(),
        "the slug `../../etc/x` became one segment"
    );
    for rel in &report.written {
        assert!(!rel.contains(".."), "{rel}");
        assert!(
            into.join(rel)
                .canonicalize()
                .unwrap()
                .starts_with(into.canonicalize().unwrap())
        );
    }
    let entries: Vec<_> = fs::read_dir(parent.path()).unwrap().collect();
    assert_eq!(entries.len(), 1, "only the site folder is in its parent");
    assert!(
        report.missing.iter().any(
            |m| m.to_string().starts_with("posts/classic-post/index.md:")
                && m.message.contains("passwd.png")
        ),
        "{:?}",
        report.missing
    );
}

#[test]
fn the_report_names_each_construct_at_its_line() {
    let site = TestSite::empty();
    let export = fixture();
    let (code, err) = site.run(
        "import",
        &[
            "wordpress",
            export.to_str().unwrap(),
            "--into",
            ".",
            "--series",
            "Mobility",
        ],
    );
    let text = fs::read_to_string(site.path("posts/classic-post/index.md")).unwrap();
    let line = text
        .lines()
        .position(|l| l.contains("\\[contact-form-7"))
        .unwrap()
        + 1;
    crate::common::assert_reports(
        &err,
        &format!(
            "posts/classic-post/index.md:{line}:1: warning: [contact-form-7] shortcode left as text"
        ),
    );
    let gone = text
        .lines()
        .position(|l| l.contains("gone-forever"))
        .unwrap()
        + 1;
    crate::common::assert_reports(
        &err,
        &format!(
            "posts/classic-post/index.md:{gone}:1: warning: link to the old site `https://old.example/gone-forever/` matches no post"
        ),
    );
    assert!(
        err.contains("imported 4 posts (1 scheduled), 2 pages, 1 draft"),
        "{err}"
    );
    assert!(
        err.contains("skipped: 1 private, 1 spam comments, 1 trashed\n"),
        "{err}"
    );
    assert!(
        err.contains(
            "1 menu entry not in the header:\n`Menu` (a menu entry that belongs to no menu)"
        ),
        "{err}"
    );
    assert!(err.contains("building the imported site"), "{err}");
    let _ = code;
}

/// WordPress's theme unit test export, when it is beside the repository (as in CI:
/// `../shared/wordpress/`), or where `SITEGEN_WP_EXPORT` says.
fn theme_unit_test_export() -> Option<PathBuf> {
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    std::env::var_os("SITEGEN_WP_EXPORT")
        .map(PathBuf::from)
        .into_iter()
        .chain(
            manifest
                .ancestors()
                .skip(1)
                .take(2)
                .map(|a| a.join("shared/wordpress/themeunittestdata.wordpress.xml")),
        )
        .find(|p| p.is_file())
}

#[test]
fn the_theme_unit_test_export_imports_completely() {
    let Some(export) = theme_unit_test_export() else {
        assert!(
            std::env::var_os("CI").is_none(),
            "CI must have ../shared/wordpress/"
        );
        eprintln!("skipped: no theme unit test export beside the repository");
        return;
    };
    let site = TestSite::empty();
    let options = ImportOptions {
        export: export.clone(),
        into: site.root().to_path_buf(),
        ..ImportOptions::default()
    };
    let report = import_wordpress(&options).unwrap();
    assert_eq!((report.posts, report.pages, report.drafts), (56, 21, 1));
    let xml = fs::read_to_string(&export).unwrap();
    let by_id: std::collections::BTreeMap<i64, String> = walk_md(site.root())
        .into_iter()
        .map(|rel| {
            (
                matter(&site, &rel)["extra"]["wordpress_id"]
                    .as_integer()
                    .unwrap(),
                rel,
            )
        })
        .collect();
    let mut checked = 0;
    for item in xml.split("<item>").skip(1) {
        let field = |tag: &str| {
            let start = item.find(&format!("<{tag}>"))? + tag.len() + 2;
            let end = start + item[start..].find(&format!("</{tag}>"))?;
            Some(
                item[start..end]
                    .trim_start_matches("<![CDATA[")
                    .trim_end_matches("]]>")
                    .to_string(),
            )
        };
        let (Some(kind), Some(status), Some(id)) = (
            field("wp:post_type"),
            field("wp:status"),
            field("wp:post_id"),
        ) else {
            continue;
        };
        if !matches!(kind.as_str(), "post" | "page")
            || status != "publish"
            || field("wp:post_password").is_some_and(|p| !p.is_empty())
        {
            continue;
        }
        let rel = by_id
            .get(&id.trim().parse::<i64>().unwrap())
            .cloned()
            .unwrap_or_else(|| panic!("no file for {kind} {id}"));
        let m = matter(&site, &rel);
        // The title as WordPress shows it: XML entities decoded, then its HTML's text.
        let title = field("title")
            .unwrap_or_default()
            .replace("&lt;", "<")
            .replace("&gt;", ">")
            .replace("&quot;", "\"")
            .replace("&#039;", "'")
            .replace("&amp;", "&");
        let mut text_only = String::new();
        let mut in_tag = false;
        for c in title.chars() {
            match c {
                '<' => in_tag = true,
                '>' if in_tag => in_tag = false,
                c if !in_tag => text_only.push(c),
                _ => {}
            }
        }
        if !text_only.trim().is_empty() {
            assert_eq!(m["title"].as_str(), Some(text_only.trim()), "{rel}");
        }
        let date = field("wp:post_date").unwrap();
        assert_eq!(day(&m["date"]), date[..10], "{rel}");
        let text = body(&site, &rel);
        let outside_code = strip_code(&text);
        for name in ["caption", "gallery"] {
            assert!(
                !shows_shortcode(&outside_code, name),
                "{rel} shows [{name}:\n{text}"
            );
        }
        assert!(
            !outside_code.contains("<!-- wp:"),
            "{rel} shows a block comment:\n{text}"
        );
        checked += 1;
    }
    assert_eq!(
        checked, 76,
        "every published post and page (one is password-protected)"
    );
    let again = import_wordpress(&options).unwrap();
    assert!(
        again.written.is_empty(),
        "a re-import wrote {:?}",
        again.written
    );
}

/// Whether `[name` appears as a shortcode would (`[name ` or `[name]`), not as the text of a
/// Markdown link (`[name](…)`).
fn shows_shortcode(md: &str, name: &str) -> bool {
    md.match_indices(&format!("[{name}")).any(|(at, found)| {
        let rest = &md[at + found.len()..];
        rest.starts_with([' ', '/']) || (rest.starts_with(']') && !rest.starts_with("]("))
    })
}

fn walk_md(root: &Path) -> Vec<String> {
    walkdir::WalkDir::new(root)
        .into_iter()
        .flatten()
        .filter(|e| e.path().extension().is_some_and(|x| x == "md"))
        .map(|e| {
            e.path()
                .strip_prefix(root)
                .unwrap()
                .to_string_lossy()
                .into_owned()
        })
        .collect()
}

/// Markdown without its fenced code blocks and inline code spans.
fn strip_code(md: &str) -> String {
    let mut out = String::new();
    let mut in_fence = false;
    for line in md.lines() {
        if line.trim_start().starts_with("```") {
            in_fence = !in_fence;
            continue;
        }
        if !in_fence {
            let mut inline = false;
            for c in line.chars() {
                if c == '`' {
                    inline = !inline;
                } else if !inline {
                    out.push(c);
                }
            }
            out.push('\n');
        }
    }
    out
}

#[test]
fn approved_comments_go_beside_their_post_and_the_rest_are_counted() {
    let site = TestSite::empty();
    let report = import(&site, &fixture(), None).unwrap();
    assert_eq!(report.comments, 1);
    assert_eq!(report.skipped.get("spam comments"), Some(&1));
    let text = fs::read_to_string(site.path("posts/classic-post/comments.toml")).unwrap();
    let data: toml::Table = text.parse().unwrap();
    let comments = data["comments"].as_array().unwrap();
    assert_eq!(comments.len(), 1);
    assert_eq!(comments[0]["author"].as_str(), Some("Reader One"));
    assert_eq!(comments[0]["date"].as_str(), Some("2020-01-03"));
    // A single newline is a line break on WordPress (wpautop's <br>): kept as one.
    assert_eq!(comments[0]["text"].as_str(), Some("Great post!\nThanks."));
    assert!(!text.contains("Buy things"), "spam was kept");
    assert!(!site.path("posts/second/comments.toml").exists());
}

#[test]
fn the_theme_shows_kept_comments_under_the_post_and_never_copies_the_file() {
    let site = TestSite::with_files(&[
        (
            "posts/trip/index.md",
            "+++\ntitle = \"Trip\"\ndate = 2020-01-01\n+++\nBody.\n",
        ),
        (
            "posts/trip/comments.toml",
            "[[comments]]\nid = 7\nauthor = \"Ann <b>\"\nurl = \"https://ann.example/\"\ndate = \"2020-01-02\"\ntext = \"First <script>x</script>\\n\\nSecond\"\n\n[[comments]]\nid = 8\nparent = 7\nauthor = \"Bo\"\ndate = \"2020-01-03\"\ntext = \"Reply\"\n",
        ),
    ]);
    site.build_ok(&[]);
    let page = site.read_output("trip/index.html");
    let doc = crate::common::html(&page);
    let texts = crate::common::texts(&doc, ".comment p:not(.comment-meta)");
    assert_eq!(
        texts,
        ["First <script>x</script>", "Second", "Reply"],
        "escaped text, one paragraph each"
    );
    assert_eq!(
        crate::common::hrefs(&doc, ".comment-author a"),
        ["https://ann.example/"]
    );
    assert_eq!(
        crate::common::hrefs(&doc, ".comment-reply a"),
        ["#comment-7"]
    );
    assert!(
        !site.path("public/trip/comments.toml").exists(),
        "the data file was published"
    );
    assert_eq!(
        crate::common::texts(&doc, ".comment-meta time"),
        ["2 January 2020", "3 January 2020"],
        "dates in the site's style, as the post's"
    );
    site.write(
        "posts/trip/comments.toml",
        "[[comments]]\nid = 1\nauthor = \"Cy\"\ndate = \"2020-01-04 09:30:00\"\ntext = \"> You wrote this.\\n> And this.\\n\\nI agree.\"\n",
    );
    site.build_ok(&[]);
    let doc = crate::common::html(&site.read_output("trip/index.html"));
    assert_eq!(
        crate::common::texts(&doc, ".comment blockquote p"),
        ["You wrote this.\nAnd this."],
        "a quoted paragraph is a quote, its markers gone"
    );
    assert_eq!(
        crate::common::texts(&doc, ".comment > p:not(.comment-meta)"),
        ["I agree."]
    );
    assert_eq!(
        crate::common::texts(&doc, ".comment-meta time"),
        ["4 January 2020"]
    );
    site.write(
        "posts/trip/comments.toml",
        "[[comments]]\nid = 1\nauthr = \"x\"\n",
    );
    let err = site.build_err(&[]);
    assert!(
        err.contains("posts/trip/comments.toml:3:1: error: unknown key `authr`"),
        "{err}"
    );
}
