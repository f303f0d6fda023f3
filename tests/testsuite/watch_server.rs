//! `sitegen watch` driven as an author would: the real binary, a temp copy of a site, file edits,
//! the live-reload endpoint and the preview server, all on 127.0.0.1. Every wait polls with a
//! deadline (`common::watch::WAIT`); none sleeps and then asserts.

use std::io::Write;
use std::net::TcpListener;
use std::path::{Component, Path, PathBuf};

use crate::common::watch::{Watch, raw_get, rebuilt_files, shipped_copy, wait_until};
use crate::common::{self, TestSite};

fn append(site: &TestSite, rel: &str, text: &str) {
    let mut t = std::fs::read_to_string(site.path(rel)).unwrap();
    t.push_str(text);
    std::fs::write(site.path(rel), t).unwrap();
}

/// Asserts that the site's output equals a clean build of its sources.
fn assert_same_as_clean_build(site: &TestSite) {
    site.build_ok(&["--output", "clean", "--drafts", "--base-url", "/"]);
    let watched = site.snapshot("public");
    let clean = site.snapshot("clean");
    let names = |s: &[(String, Vec<u8>)]| s.iter().map(|(p, _)| p.clone()).collect::<Vec<_>>();
    assert_eq!(names(&watched), names(&clean), "file lists differ");
    for ((path, a), (_, b)) in watched.iter().zip(&clean) {
        assert!(a == b, "{path} differs from a clean build");
    }
}

#[test]
fn a_save_is_written_and_pushed_to_open_tabs() {
    let site = shipped_copy();
    let w = Watch::start(&site);
    let (status, page) = w.get("/core/");
    assert_eq!(status, 200);
    assert!(
        page.contains("/__sitegen/events"),
        "served HTML carries the live-reload script"
    );
    assert!(
        !site.read_output("core/index.html").contains("__sitegen"),
        "the script is never written to disk"
    );
    let mut ev = w.events();
    append(
        &site,
        "posts/core.md",
        "\nA sentence written during the test.\n",
    );
    ev.wait_for("event: reload");
    wait_until("the saved sentence", || {
        site.read_output("core/index.html")
            .contains("A sentence written during the test.")
    });
    let line = w.expect_line(|l| l.starts_with("posts/core.md:"));
    assert!(
        // The post's page, the two feeds that carry its body (the site's and its series') and
        // the search page's words.
        line.contains("4 pages rendered") && line.contains(" ms"),
        "{line}"
    );
}

#[test]
fn a_broken_save_is_shown_and_the_next_good_save_recovers() {
    let site = shipped_copy();
    let w = Watch::start(&site);
    let mut ev = w.events();
    let good = std::fs::read_to_string(site.path("posts/core.md")).unwrap();
    std::fs::write(
        site.path("posts/core.md"),
        good.replacen("title = \"Core\"", "title = ", 1),
    )
    .unwrap();
    let seen = w.expect_line(|l| l.starts_with("posts/core.md:2:"));
    assert!(seen.contains("error:"), "{seen}");
    let event = ev.wait_for("posts/core.md:2:");
    assert!(event.contains("event: build-error"), "{event}");
    let (status, page) = w.get("/core/");
    assert_eq!(status, 200, "the last good site is still served");
    assert!(page.contains("<h1>Core</h1>"));
    std::fs::write(
        site.path("posts/core.md"),
        good.replacen("title = \"Core\"", "title = \"Core, Fixed\"", 1),
    )
    .unwrap();
    ev.wait_for("event: reload");
    wait_until("the fixed title", || {
        site.read_output("core/index.html").contains("Core, Fixed")
    });
}

#[test]
fn editor_litter_triggers_nothing() {
    let site = shipped_copy();
    let w = Watch::start(&site);
    let mut ev = w.events();
    site.write("posts/.core.md.swp", "swap");
    site.write("posts/core.md~", "backup");
    site.write("posts/4913", "vim probe");
    site.write("posts/.#core.md", "emacs lock");
    // A real change after the litter: its rebuild must be the first one, and its reload the first
    // event. A rebuild for the litter would come first, or name the litter beside `posts/core.md`.
    let text =
        std::fs::read_to_string(site.path("posts/core.md")).unwrap() + "\nAfter the litter.\n";
    site.save_atomically("posts/core.md", &text);
    let line = w.next_rebuild();
    assert!(
        line.starts_with("posts/core.md: "),
        "the first rebuild after editor litter is not the real change's:\n{line}"
    );
    assert_eq!(
        ev.until_event("reload"),
        ["reload"],
        "an event came before the real change's reload"
    );
    assert!(
        site.read_output("core/index.html")
            .contains("After the litter."),
        "the first reload came before the real change was written"
    );
}

#[test]
fn deletes_renames_and_new_bundles_are_followed() {
    let site = shipped_copy();
    let mut w = Watch::start(&site);
    // An atomic save: write a temp file, then rename it over the post.
    let text =
        std::fs::read_to_string(site.path("posts/core.md")).unwrap() + "\nSaved atomically.\n";
    site.save_atomically("posts/core.md", &text);
    w.fence();
    assert!(
        site.read_output("core/index.html")
            .contains("Saved atomically.")
    );
    // A rename moves the page.
    site.write(
        "posts/notes.md",
        &common::post("Notes", "2024-06-01", "", "Some notes."),
    );
    w.fence();
    assert!(site.path("public/notes/index.html").is_file());
    std::fs::rename(
        site.path("posts/notes.md"),
        site.path("posts/more-notes.md"),
    )
    .unwrap();
    w.fence();
    assert!(site.path("public/more-notes/index.html").is_file());
    assert!(!site.path("public/notes").exists());
    // A new bundle folder.
    site.write(
        "posts/trip/index.md",
        &common::post("Trip", "2024-07-01", "", "A trip."),
    );
    site.write("posts/trip/photo.txt", "pretend photo");
    w.fence();
    assert!(site.path("public/trip/photo.txt").is_file());
    // Deleting a post removes its page.
    std::fs::remove_dir_all(site.path("posts/trip")).unwrap();
    w.fence();
    assert!(!site.path("public/trip").exists());
    // Deleting the output folder brings it back.
    common::watch::remove_dir_while_watched(&site.path("public"));
    append(&site, "posts/core.md", "\nAfter the output was deleted.\n");
    w.fence();
    assert!(site.path("public/index.html").is_file());
    assert!(site.path("public/core/index.html").is_file());
    let (status, _) = w.get("/");
    assert_eq!(status, 200);
    w.stop();
    assert_same_as_clean_build(&site);
}

/// What a server that honoured `..`, `%2e`, `%2f`, `%5c` and `\` would open for `path`.
fn naive_target(dir: &Path, path: &str) -> PathBuf {
    let lower = path.to_ascii_lowercase();
    let decoded = lower
        .replace("%2e", ".")
        .replace("%2f", "/")
        .replace("%5c", "/")
        .replace('\\', "/");
    let mut file = dir.to_path_buf();
    for seg in decoded.split('/').filter(|s| !s.is_empty()) {
        match seg {
            ".." => {
                file.pop();
            }
            "." => {}
            _ => file.push(seg),
        }
    }
    // Keep the case of the real file names the path walks back into.
    let tail: PathBuf = file
        .components()
        .filter(|c| !matches!(c, Component::RootDir))
        .collect();
    let mut real = PathBuf::from("/");
    for c in tail.components() {
        let name = c.as_os_str().to_string_lossy().into_owned();
        let actual = std::fs::read_dir(&real)
            .ok()
            .and_then(|rd| {
                rd.flatten()
                    .map(|e| e.file_name().to_string_lossy().into_owned())
                    .find(|n| n.eq_ignore_ascii_case(&name))
            })
            .unwrap_or(name);
        real.push(actual);
    }
    real
}

#[test]
fn the_server_never_serves_files_outside_the_output() {
    let site = shipped_copy();
    site.write("secret.txt", "TOP SECRET");
    let w = Watch::start(&site);
    #[cfg(unix)]
    std::os::unix::fs::symlink(site.path("secret.txt"), site.path("public/leak.txt")).unwrap();
    let root_name = site.root().file_name().unwrap().to_string_lossy();
    let up_to_slash = "/..".repeat(site.root().components().count() + 2);
    let attempts = [
        "/../secret.txt".to_string(),
        "/%2e%2e/secret.txt".into(),
        format!("/%2E%2E/%2E%2E/{root_name}/secret.txt"),
        format!("{up_to_slash}/etc/passwd"),
        "/..%2fsecret.txt".into(),
        "/core/..%2f..%2fsecret.txt".into(),
        "/core/../../secret.txt".into(),
        "/..\\secret.txt".into(),
        "/..%5csecret.txt".into(),
        "/leak.txt".into(),
    ];
    for path in &attempts {
        // Each attempt aims at a real file, so a server that followed it would leak it.
        let target = naive_target(&site.path("public"), path);
        let text = std::fs::read_to_string(&target)
            .unwrap_or_else(|e| panic!("{path} aims at {}: {e}", target.display()));
        assert!(
            text.contains("TOP SECRET") || text.contains("root:"),
            "{path} aims at {}, which holds no secret",
            target.display()
        );
        let (status, body) = w.get(path);
        assert!(matches!(status, 400 | 404), "{path} gave {status}");
        assert!(
            !body.contains("TOP SECRET") && !body.contains("root:"),
            "{path} leaked a file"
        );
    }
    let (status, _) = w.get("/%00");
    assert!(matches!(status, 400 | 404), "/%00 gave {status}");
    let (status, body) = w.get("/no/such/page/");
    assert_eq!(status, 404);
    assert!(
        body.contains("Page not found"),
        "the site's 404 page is served"
    );
    let (status, body) = w.get("/style.css");
    assert_eq!(status, 200);
    assert!(body.to_ascii_lowercase().contains("content-type: text/css"));
    let (status, body) = w.get("/core");
    assert_eq!(status, 301);
    assert!(body.contains("Location: /core/") || body.contains("location: /core/"));
}

#[cfg(unix)]
#[test]
fn ctrl_c_exits_cleanly() {
    let site = shipped_copy();
    Watch::start(&site).stop();
}

#[test]
fn a_busy_port_moves_to_the_next_free_one() {
    let site = shipped_copy();
    let busy = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = busy.local_addr().unwrap().port();
    let w = Watch::start_with(&site, &["--port", &port.to_string()]);
    assert!(
        w.startup.contains(&format!("port {port} is taken")),
        "{}",
        w.startup
    );
    let moved = w.port.expect("a `serving … at http://…/` line");
    assert_ne!(moved, port, "{}", w.startup);
    let (status, page) = raw_get(moved, "/");
    assert_eq!(status, 200, "{page}");
    assert!(page.contains("Move Well"), "the site is served on {moved}");
}

#[test]
fn a_thousand_files_at_once_end_in_the_same_site_as_a_clean_build() {
    let site = shipped_copy();
    let mut w = Watch::start(&site);
    for i in 0..1000 {
        // Files that are not posts (a `.md` here would be an error: `posts/bulk/` is no bundle).
        site.write(&format!("posts/bulk/p{i:04}.txt"), "");
        site.write(
            &format!("posts/bulk-{i:04}.md"),
            &common::post(&format!("Bulk {i}"), "2023-01-01", "", "Bulk text."),
        );
    }
    let seen = w.fence();
    assert!(site.path("public/bulk-0999/index.html").is_file(), "{seen}");
    let (status, _) = w.get("/bulk-0500/");
    assert_eq!(status, 200);
    w.stop();
    assert_same_as_clean_build(&site);
}

#[test]
fn a_site_broken_from_the_start_keeps_watch_running_until_it_is_fixed() {
    let site = shipped_copy();
    let good = std::fs::read_to_string(site.path("posts/core.md")).unwrap();
    std::fs::write(site.path("posts/core.md"), good.replacen("+++\n", "", 1)).unwrap();
    let w = Watch::start(&site);
    let (status, page) = w.get("/core/");
    assert_eq!(status, 404);
    assert!(
        page.contains("/__sitegen/events"),
        "even the stub page listens for the fix"
    );
    let mut ev = w.events();
    ev.wait_for("event: build-error");
    std::fs::write(site.path("posts/core.md"), good).unwrap();
    ev.wait_for("event: reload");
    let (status, _) = w.get("/core/");
    assert_eq!(status, 200);
}

#[test]
fn a_stylesheet_change_swaps_the_css_without_a_reload() {
    let site = shipped_copy();
    site.write("static/style.css", "body { color: black; }\n");
    let w = Watch::start(&site);
    let mut ev = w.events();
    site.write("static/style.css", "body { color: navy; }\n");
    ev.wait_for("event: css");
    wait_until("the new stylesheet", || {
        site.read_output("style.css") == "body { color: navy; }\n"
    });
    // A page edit afterwards: the first reload must be the page's, with only CSS swaps before it.
    let text = std::fs::read_to_string(site.path("posts/core.md")).unwrap() + "\nAfter the CSS.\n";
    site.save_atomically("posts/core.md", &text);
    let seen =
        w.expect_line(|l| rebuilt_files(l).is_some_and(|what| what.contains("posts/core.md")));
    let rebuilds: Vec<&str> = seen.lines().filter_map(rebuilt_files).collect();
    let (page_edit, before) = rebuilds.split_last().unwrap();
    assert!(
        *page_edit == "posts/core.md" && before.iter().all(|w| *w == "static/style.css"),
        "a rebuild other than the stylesheet's came before the page edit's:\n{seen}"
    );
    let events = ev.until_event("reload");
    assert!(
        events[..events.len() - 1].iter().all(|e| e == "css"),
        "the stylesheet change sent more than CSS swaps: {events:?}"
    );
    assert!(
        site.read_output("core/index.html")
            .contains("After the CSS."),
        "a reload came before the page edit was written"
    );
}

#[test]
fn renamed_and_new_folders_are_followed() {
    let site = shipped_copy();
    let mut w = Watch::start(&site);
    // A bundle folder, then the folder renamed: the page follows the new name.
    site.write(
        "posts/trip/index.md",
        &common::post("Trip", "2024-07-01", "", "A trip."),
    );
    site.write("posts/trip/map.txt", "a map");
    w.fence();
    assert!(site.path("public/trip/map.txt").is_file());
    std::fs::rename(site.path("posts/trip"), site.path("posts/journey")).unwrap();
    w.fence();
    assert!(site.path("public/journey/map.txt").is_file());
    assert!(!site.path("public/trip").exists());
    // A templates/ folder created while watching is watched from then on.
    site.write("templates/post.html", "{% extends \"base.html\" %}{% block content %}<p class=\"from-site\">{{ page.title }}</p>{% endblock content %}");
    let seen = w.fence();
    assert!(
        site.read_output("core/index.html").contains("from-site"),
        "{seen}"
    );
    std::fs::write(site.path("templates/post.html"), "{% extends \"base.html\" %}{% block content %}<p class=\"edited\">{{ page.title }}</p>{% endblock content %}").unwrap();
    w.fence();
    assert!(
        site.read_output("core/index.html")
            .contains("class=\"edited\"")
    );
    w.stop();
    assert_same_as_clean_build(&site);
}

/// Saves as most editors do: truncate the file in place (a watcher may read it empty), then write.
fn truncate_then_write(site: &TestSite, rel: &str, text: &str) {
    let mut file = std::fs::File::create(site.path(rel)).unwrap();
    file.sync_all().unwrap();
    file.write_all(text.as_bytes()).unwrap();
}

#[test]
fn a_save_read_between_truncate_and_write_ends_in_the_saved_page() {
    let site = shipped_copy();
    let template = |class: &str| {
        format!(
            "{{% extends \"base.html\" %}}{{% block content %}}<p class=\"{class}\">{{{{ page.content | safe }}}}</p>{{% endblock content %}}"
        )
    };
    site.write("templates/post.html", &template("before"));
    let mut w = Watch::start(&site);
    let text = std::fs::read_to_string(site.path("posts/core.md")).unwrap()
        + "\nWritten after a truncate.\n";
    truncate_then_write(&site, "posts/core.md", &text);
    w.fence();
    let (status, page) = w.get("/core/");
    assert_eq!(status, 200, "{page}");
    assert!(page.contains("Written after a truncate."), "{page}");
    truncate_then_write(&site, "templates/post.html", &template("after"));
    let seen = w.fence();
    let (status, page) = w.get("/core/");
    assert_eq!(status, 200, "{page}");
    assert!(
        page.contains("<p class=\"after\">") && page.contains("Written after a truncate."),
        "{seen}{page}"
    );
    w.stop();
    assert_same_as_clean_build(&site);
}
