//! What `sitegen import wordpress` keeps exactly, on exports written for each case: publication
//! times with their UTC offset (RFC 3339, drafts falling back to the site's offset as WordPress
//! converts them), and every image that had no alt text named in the report.

use std::fs;
use std::path::Path;

use sitegen::{ImportOptions, ImportReport, import_wordpress};

use crate::common::TestSite;

/// The channel of our small export (title, links, authors) with `items` in place of its items.
pub(crate) fn export(dir: &Path, items: &str) -> std::path::PathBuf {
    let small = fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/wordpress/small.xml"),
    )
    .unwrap();
    let head = &small[..small.find("<item>").unwrap()];
    let path = dir.join("export.xml");
    fs::write(&path, format!("{head}{items}</channel></rss>\n")).unwrap();
    path
}

/// One post item.
pub(crate) fn item(
    id: u32,
    slug: &str,
    status: &str,
    date: &str,
    gmt: &str,
    content: &str,
) -> String {
    format!(
        "<item><title>{slug}</title><link>https://old.example/{slug}/</link>\
         <dc:creator>ann</dc:creator><guid isPermaLink=\"false\">https://old.example/?p={id}</guid>\
         <content:encoded><![CDATA[{content}]]></content:encoded>\
         <wp:post_id>{id}</wp:post_id><wp:post_date>{date}</wp:post_date>\
         <wp:post_date_gmt>{gmt}</wp:post_date_gmt><wp:post_name>{slug}</wp:post_name>\
         <wp:status>{status}</wp:status><wp:post_type>post</wp:post_type></item>\n"
    )
}

pub(crate) fn import(site: &TestSite, export: &Path) -> ImportReport {
    import_wordpress(&ImportOptions {
        export: export.to_path_buf(),
        into: site.root().to_path_buf(),
        ..ImportOptions::default()
    })
    .unwrap_or_else(|f| panic!("{f}"))
}

fn front_line(site: &TestSite, rel: &str, key: &str) -> String {
    fs::read_to_string(site.path(rel))
        .unwrap()
        .lines()
        .find(|l| l.starts_with(&format!("{key} = ")))
        .unwrap_or_else(|| panic!("{rel} has no {key}"))
        .to_string()
}

#[test]
fn dates_carry_their_time_and_offset() {
    let site = TestSite::empty();
    let items = [
        item(
            1,
            "winter",
            "publish",
            "2020-01-02 03:04:05",
            "2020-01-02 11:04:05",
            "Hi.",
        ),
        item(
            2,
            "summer",
            "publish",
            "2021-07-01 20:00:00",
            "2021-07-01 18:00:00",
            "Hi.",
        ),
        item(
            3,
            "draft",
            "draft",
            "2021-08-01 09:30:00",
            "0000-00-00 00:00:00",
            "Hi.",
        ),
    ]
    .concat();
    let export = export(site.root(), &items);
    import(&site, &export);
    assert_eq!(
        front_line(&site, "posts/winter/index.md", "date"),
        "date = 2020-01-02T03:04:05-08:00"
    );
    assert_eq!(
        front_line(&site, "posts/summer/index.md", "date"),
        "date = 2021-07-01T20:00:00+02:00"
    );
    // A draft has no GMT time: the offset of the site's newest dated post, as WordPress converts
    // a draft's time with the site's time zone.
    assert_eq!(
        front_line(&site, "posts/draft/index.md", "date"),
        "date = 2021-08-01T09:30:00+02:00"
    );
    // The build reads them back: the instant is in the feed and the page's <time>.
    site.build_ok(&[]);
    let page = site.read_output("winter/index.html");
    assert!(
        page.contains(r#"datetime="2020-01-02T03:04:05-08:00""#),
        "{page}"
    );
    assert!(
        site.read_output("atom.xml")
            .contains("<published>2020-01-02T03:04:05-08:00</published>")
    );
}

#[test]
fn the_report_lists_every_image_marked_decorative() {
    let site = TestSite::empty();
    let content = "<p>Text.</p>\n\n<p><img src=\"https://old.example/wp-content/uploads/2020/01/chart.png\"></p>\n\n\
                   <p><img src=\"https://old.example/wp-content/uploads/2020/01/face.jpg\" alt=\"A face\"></p>\n\n\
                   <p><img src=\"https://old.example/wp-content/uploads/2020/01/line.gif\" alt=\"\"></p>";
    let export = export(
        site.root(),
        &item(
            1,
            "pictures",
            "publish",
            "2020-01-02 03:04:05",
            "2020-01-02 11:04:05",
            content,
        ),
    );
    let report = import(&site, &export);
    let text = fs::read_to_string(site.path("posts/pictures/index.md")).unwrap();
    let line_of = |needle: &str| text.lines().position(|l| l.contains(needle)).unwrap() + 1;
    let decorative: Vec<String> = report
        .notes
        .iter()
        .filter(|n| n.message.contains("no alt text"))
        .map(|n| n.to_string())
        .collect();
    assert_eq!(
        decorative.len(),
        2,
        "chart.png and line.gif, not face.jpg: {decorative:#?}"
    );
    assert!(
        decorative[0].starts_with(&format!(
            "posts/pictures/index.md:{}:1: warning: image `chart.png` has no alt text",
            line_of("chart.png")
        )),
        "{decorative:#?}"
    );
    assert!(decorative[1].contains("`line.gif`"), "{decorative:#?}");
    assert!(
        text.contains("![](https://old.example/wp-content/uploads/2020/01/chart.png \"\")"),
        "{text}"
    );
    assert!(!text.contains('\u{F0000}'), "no marker left in the file");
}

#[test]
fn comment_html_is_kept_as_plain_text_with_its_links_quotes_and_line_breaks() {
    let site = TestSite::empty();
    let comment = "<wp:comment><wp:comment_id>7</wp:comment_id>\
        <wp:comment_author>Reader</wp:comment_author>\
        <wp:comment_date>2020-01-03 10:00:00</wp:comment_date>\
        <wp:comment_date_gmt>2020-01-03 18:00:00</wp:comment_date_gmt>\
        <wp:comment_content><![CDATA[<blockquote>You wrote <em>this</em>.</blockquote>\n\nSee <a href=\"https://example.org/study\">the study</a>.\nThanks &amp; bye.]]></wp:comment_content>\
        <wp:comment_approved>1</wp:comment_approved><wp:comment_type>comment</wp:comment_type>\
        <wp:comment_parent>0</wp:comment_parent></wp:comment></item>";
    let post = item(
        1,
        "talk",
        "publish",
        "2020-01-02 03:04:05",
        "2020-01-02 11:04:05",
        "Hi.",
    )
    .replace("</item>", comment);
    let export = export(site.root(), &post);
    import(&site, &export);
    let file: toml::Table = fs::read_to_string(site.path("posts/talk/comments.toml"))
        .unwrap()
        .parse()
        .unwrap();
    let text = file["comments"][0]["text"].as_str().unwrap();
    assert_eq!(
        text,
        "> You wrote this.\n\nSee the study (https://example.org/study).\nThanks & bye."
    );
    site.build_ok(&[]);
    let page = site.read_output("talk/index.html");
    assert!(
        page.contains("See the study (https://example.org/study).\nThanks &amp; bye.</p>"),
        "{page}"
    );
}

#[test]
fn watch_rebuilds_a_post_when_its_comments_file_changes() {
    let site = TestSite::with_files(&[
        (
            "posts/trip/index.md",
            &crate::common::post("Trip", "2024-01-01", "", "Hi."),
        ),
        (
            "posts/trip/comments.toml",
            "[[comments]]\nid = 1\nauthor = \"Ann\"\ndate = \"2024-01-02\"\ntext = \"First words.\"\n",
        ),
    ]);
    let w = crate::common::watch::Watch::start_with(&site, &["--no-serve"]);
    assert!(site.read_output("trip/index.html").contains("First words."));
    site.save_atomically(
        "posts/trip/comments.toml",
        "[[comments]]\nid = 1\nauthor = \"Ann\"\ndate = \"2024-01-02\"\ntext = \"Second words.\"\n",
    );
    let lines = w.expect_line(|l| {
        crate::common::watch::rebuilt_files(l).is_some_and(|f| f.contains("comments.toml"))
    });
    assert!(
        !lines.contains(": 0 pages rendered"),
        "the post's page is rendered again: {lines}"
    );
    let page = site.read_output("trip/index.html");
    assert!(
        page.contains("Second words.") && !page.contains("First words."),
        "{page}"
    );
    fs::remove_file(site.path("posts/trip/comments.toml")).unwrap();
    w.expect_line(|l| {
        crate::common::watch::rebuilt_files(l).is_some_and(|f| f.contains("comments.toml"))
    });
    assert!(
        !site
            .read_output("trip/index.html")
            .contains("Second words.")
    );
    w.stop();
}

#[test]
fn a_pages_media_work_under_a_base_path_and_one_upload_shown_thrice_builds() {
    let site = TestSite::empty();
    let uploads = tempfile::tempdir().unwrap();
    fs::create_dir_all(uploads.path().join("2020/01")).unwrap();
    fs::write(
        uploads.path().join("2020/01/team.png"),
        crate::common::tiny_image("team.png"),
    )
    .unwrap();
    let img = "<img src=\"https://old.example/wp-content/uploads/2020/01/team-150x150.png\" alt=\"Team\">";
    let page = item(
        5,
        "about",
        "publish",
        "2020-01-02 03:04:05",
        "2020-01-02 11:04:05",
        img,
    )
    .replace(
        "<wp:post_type>post</wp:post_type>",
        "<wp:post_type>page</wp:post_type>",
    );
    let post = item(
        6,
        "thrice",
        "publish",
        "2020-01-03 03:04:05",
        "2020-01-03 11:04:05",
        &format!("<p>{img}</p>\n\n<p>{img}</p>\n\n<p>{img}</p>"),
    );
    let export = export(site.root(), &format!("{page}{post}"));
    let report = import_wordpress(&ImportOptions {
        export: export.clone(),
        into: site.root().to_path_buf(),
        uploads: Some(uploads.path().to_path_buf()),
        ..ImportOptions::default()
    })
    .unwrap_or_else(|f| panic!("the import and the build of its result: {f}"));
    assert!(report.missing.is_empty(), "{:?}", report.missing);
    site.build_ok(&["--base-url", "https://example.org/blog/"]);
    let about = site.read_output("about/index.html");
    assert!(
        about.contains(r#"src="/blog/wp-content/uploads/2020/01/team.png""#),
        "{about}"
    );
    assert!(
        site.path("public/wp-content/uploads/2020/01/team.png")
            .is_file()
    );
    let broken = site.broken_links("public", "https://example.org/blog/");
    assert!(broken.is_empty(), "{broken:#?}");
}

#[test]
fn posts_named_like_sitegens_own_pages_are_renamed_and_the_site_builds() {
    let site = TestSite::empty();
    let day = ("2020-01-02 03:04:05", "2020-01-02 11:04:05");
    let items = [
        item(1, "search", "publish", day.0, day.1, "Finding things."),
        item(2, "tags", "publish", day.0, day.1, "Labels."),
        item(3, "pagefind", "publish", day.0, day.1, "An index."),
    ]
    .concat();
    let export = export(site.root(), &items);
    let report = import(&site, &export);
    for (slug, renamed) in [
        ("search", "search-1"),
        ("tags", "tags-2"),
        ("pagefind", "pagefind-3"),
    ] {
        assert!(site.path(&format!("posts/{renamed}/index.md")).is_file());
        let note = format!("old address `/{slug}/` is now `/{renamed}/`");
        assert!(
            report.notes.iter().any(|n| n.message.contains(&note)),
            "no {note:?} in {:#?}",
            report.notes
        );
        let aliases = front_line(&site, &format!("posts/{renamed}/index.md"), "aliases");
        assert!(!aliases.contains(&format!("\"/{slug}/\"")), "{aliases}");
    }
    site.build_ok(&[]);
    assert!(
        site.read_output("search-1/index.html")
            .contains("Finding things.")
    );
    assert!(site.read_output("search/index.html").contains("pagefind"));
}

/// A page item, and an entry of the `Primary` menu that links it.
fn page_in_menu(id: u32, slug: &str, entry_id: u32, order: u32) -> String {
    format!(
        "<item><title>{slug}</title><link>https://old.example/{slug}/</link>\
         <dc:creator>ann</dc:creator><content:encoded><![CDATA[About {slug}.]]></content:encoded>\
         <wp:post_id>{id}</wp:post_id><wp:post_date>2020-01-01 10:00:00</wp:post_date>\
         <wp:post_date_gmt>2020-01-01 10:00:00</wp:post_date_gmt><wp:post_name>{slug}</wp:post_name>\
         <wp:status>publish</wp:status><wp:post_type>page</wp:post_type></item>\n\
         <item><title></title><wp:post_id>{entry_id}</wp:post_id><wp:status>publish</wp:status>\
         <wp:menu_order>{order}</wp:menu_order><wp:post_type>nav_menu_item</wp:post_type>\
         <category domain=\"nav_menu\" nicename=\"primary\"><![CDATA[Primary]]></category>\
         <wp:postmeta><wp:meta_key>_menu_item_type</wp:meta_key><wp:meta_value>post_type</wp:meta_value></wp:postmeta>\
         <wp:postmeta><wp:meta_key>_menu_item_object</wp:meta_key><wp:meta_value>page</wp:meta_value></wp:postmeta>\
         <wp:postmeta><wp:meta_key>_menu_item_object_id</wp:meta_key><wp:meta_value>{id}</wp:meta_value></wp:postmeta>\
         </item>\n"
    )
}

#[test]
fn the_site_keeps_its_name_address_language_and_menu() {
    let site = TestSite::empty();
    let items = [
        page_in_menu(5, "contact", 50, 2),
        page_in_menu(6, "about", 60, 1),
    ]
    .concat();
    let export = export(site.root(), &items);
    let report = import(&site, &export);
    assert!(report.settings_written);
    let settings = fs::read_to_string(site.path("sitegen.toml")).unwrap();
    for line in [
        "title = \"Old Blog\"",
        "description = \"An old blog\"",
        "base_url = \"https://old.example/\"",
        "language = \"en-US\"",
    ] {
        assert!(
            settings.lines().any(|l| l == line),
            "{line} not in {settings}"
        );
    }
    assert_eq!(front_line(&site, "pages/about.md", "menu"), "menu = 1");
    assert_eq!(front_line(&site, "pages/contact.md", "menu"), "menu = 2");
    site.build_ok(&[]);
    let home = site.read_output("index.html");
    let nav = &home[home.find("site-nav").unwrap()..];
    let (about, contact) = (nav.find("/about/").unwrap(), nav.find("/contact/").unwrap());
    assert!(about < contact, "{nav}");
    assert!(home.contains("<html lang=\"en-US\""), "{}", &home[..200]);
    // The same import again leaves the file as it is; a site's own settings are never replaced.
    let again = import(&site, &export);
    assert!(again.written.is_empty(), "{:?}", again.written);
    site.write("sitegen.toml", "title = \"Mine\"\n");
    let third = import(&site, &export);
    assert!(!third.settings_written);
    assert_eq!(
        third.settings[0],
        ("title".to_string(), "Old Blog".to_string())
    );
    assert_eq!(
        fs::read_to_string(site.path("sitegen.toml")).unwrap(),
        "title = \"Mine\"\n"
    );
}

#[test]
fn comments_on_a_page_are_archived_under_it_as_on_a_post() {
    let site = TestSite::empty();
    let page = "<item><title>Contact</title><link>https://old.example/contact/</link>\
        <dc:creator>ann</dc:creator><content:encoded><![CDATA[Write to us.]]></content:encoded>\
        <wp:post_id>9</wp:post_id><wp:post_date>2020-01-01 10:00:00</wp:post_date>\
        <wp:post_date_gmt>2020-01-01 10:00:00</wp:post_date_gmt><wp:post_name>contact</wp:post_name>\
        <wp:status>publish</wp:status><wp:post_type>page</wp:post_type>\
        <wp:comment><wp:comment_id>3</wp:comment_id><wp:comment_author>Bea</wp:comment_author>\
        <wp:comment_date>2020-02-01 10:00:00</wp:comment_date><wp:comment_date_gmt>2020-02-01 10:00:00</wp:comment_date_gmt>\
        <wp:comment_content><![CDATA[Thanks for the plan.]]></wp:comment_content>\
        <wp:comment_approved>1</wp:comment_approved><wp:comment_type>comment</wp:comment_type>\
        <wp:comment_parent>0</wp:comment_parent></wp:comment></item>\n";
    let export = export(site.root(), page);
    let report = import(&site, &export);
    assert_eq!(report.comments, 1);
    assert!(report.skipped.is_empty(), "{:?}", report.skipped);
    assert!(site.path("pages/contact/index.md").is_file());
    assert!(site.path("pages/contact/comments.toml").is_file());
    site.build_ok(&[]);
    let doc = crate::common::html(&site.read_output("contact/index.html"));
    assert_eq!(
        crate::common::texts(&doc, ".comment p:not(.comment-meta)"),
        ["Thanks for the plan."]
    );
    assert!(!site.path("public/contact/comments.toml").exists());
}

#[test]
fn an_import_that_fails_part_way_takes_back_what_it_wrote() {
    let site = TestSite::empty();
    let day = ("2020-01-02 03:04:05", "2020-01-02 11:04:05");
    let items = [
        item(1, "first", "publish", day.0, day.1, "One."),
        item(2, "second", "publish", day.0, day.1, "Two."),
    ]
    .concat();
    let export = export(site.root(), &items);
    site.write("posts/kept.md", "an author's own file\n");
    let before = site.snapshot(".");
    // The second post's file fails to write, as on a full disk; the first was written by then.
    let out = site
        .cmd()
        .args(["import", "wordpress"])
        .arg(&export)
        .args(["--into", "."])
        .env("SITEGEN_FAULT", "write:posts/second/index.md")
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(
        err.contains("posts/second/index.md") && err.contains("failure injected"),
        "{err}"
    );
    assert!(err.contains("import failed: nothing was written"), "{err}");
    assert_eq!(site.snapshot("."), before, "the site changed:\n{err}");
    assert!(!site.path("posts/first").exists(), "{err}");
}

#[test]
fn a_slug_two_posts_share_is_renamed_with_a_note() {
    let site = TestSite::empty();
    let day = ("2020-01-02 03:04:05", "2020-01-02 11:04:05");
    let items = [
        item(1, "hello", "publish", day.0, day.1, "First."),
        item(2, "hello", "publish", day.0, day.1, "Second."),
    ]
    .concat();
    let export = export(site.root(), &items);
    let report = import(&site, &export);
    let notes: Vec<String> = report.notes.iter().map(|n| n.to_string()).collect();
    assert!(
        notes.iter().any(|n| n.starts_with("posts/hello-2/index.md")
            && n.contains("another post of the export has the slug `hello`")
            && n.contains("`/hello-2/`")),
        "{notes:#?}"
    );
    site.build_ok(&[]);
}
