//! `sitegen watch` driven as an author would: the real binary, a temp copy of a site, file edits,
//! the live-reload endpoint and the preview server, all on 127.0.0.1 with bounded waits.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc::{self, Receiver};
use std::thread;
use std::time::{Duration, Instant};

use crate::common::{self, TestSite};

const WAIT: Duration = Duration::from_secs(10);

struct Watch {
    child: Child,
    lines: Receiver<String>,
    port: u16,
}

impl Drop for Watch {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

fn start(site: &TestSite) -> Watch {
    let port = free_port();
    let mut child = Command::new(assert_cmd::cargo::cargo_bin("sitegen"))
        .args(["watch", "--port", &port.to_string()])
        .current_dir(site.root())
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start sitegen watch");
    let stderr = child.stderr.take().unwrap();
    let (tx, lines) = mpsc::channel();
    thread::spawn(move || {
        for line in BufReader::new(stderr).lines().map_while(Result::ok) {
            if tx.send(line).is_err() {
                break;
            }
        }
    });
    let w = Watch { child, lines, port };
    w.expect_line(|l| l.starts_with("watching"));
    w
}

impl Watch {
    /// Waits (bounded) for a line of the terminal output matching `f`; returns everything read.
    fn expect_line(&self, f: impl Fn(&str) -> bool) -> String {
        let deadline = Instant::now() + WAIT;
        let mut seen = String::new();
        while let Some(left) = deadline.checked_duration_since(Instant::now()) {
            match self.lines.recv_timeout(left) {
                Ok(line) => {
                    seen.push_str(&line);
                    seen.push('\n');
                    if f(&line) {
                        return seen;
                    }
                }
                Err(_) => break,
            }
        }
        panic!("no matching line from sitegen watch; saw:\n{seen}");
    }

    fn get(&self, path: &str) -> (u16, String) {
        raw_get(self.port, path)
    }

    fn events(&self) -> Events {
        let mut s = TcpStream::connect(("127.0.0.1", self.port)).unwrap();
        s.set_read_timeout(Some(Duration::from_millis(200)))
            .unwrap();
        write!(
            s,
            "GET /__sitegen/events HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n\r\n"
        )
        .unwrap();
        let mut ev = Events {
            stream: s,
            buf: String::new(),
        };
        ev.wait_for(": connected");
        ev
    }
}

struct Events {
    stream: TcpStream,
    buf: String,
}

impl Events {
    fn wait_for(&mut self, needle: &str) -> String {
        let deadline = Instant::now() + WAIT;
        let mut chunk = [0u8; 4096];
        while Instant::now() < deadline {
            if let Some(i) = self.buf.find(needle) {
                let upto = i + needle.len();
                let seen = self.buf[..upto].to_string();
                self.buf.drain(..upto);
                return seen;
            }
            match self.stream.read(&mut chunk) {
                Ok(0) => break,
                Ok(n) => self.buf.push_str(&String::from_utf8_lossy(&chunk[..n])),
                Err(_) => {}
            }
        }
        panic!(
            "no {needle:?} on the live-reload endpoint; got {:?}",
            self.buf
        );
    }
}

/// A GET with the path sent exactly as given (no client-side normalisation).
fn raw_get(port: u16, path: &str) -> (u16, String) {
    let mut s = TcpStream::connect(("127.0.0.1", port)).unwrap();
    s.set_read_timeout(Some(WAIT)).unwrap();
    write!(
        s,
        "GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut resp = Vec::new();
    let _ = s.read_to_end(&mut resp);
    let resp = String::from_utf8_lossy(&resp).into_owned();
    let status = resp
        .split(' ')
        .nth(1)
        .and_then(|c| c.parse().ok())
        .unwrap_or(0);
    (status, resp)
}

fn site_copy() -> TestSite {
    let site = TestSite::empty();
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    common::copy_dir(&repo.join("posts"), &site.path("posts"));
    std::fs::copy(repo.join("sitegen.toml"), site.path("sitegen.toml")).unwrap();
    site
}

fn wait_until(what: &str, f: impl Fn() -> bool) {
    let deadline = Instant::now() + WAIT;
    while Instant::now() < deadline {
        if f() {
            return;
        }
        thread::sleep(Duration::from_millis(20));
    }
    panic!("timed out waiting for {what}");
}

fn append(site: &TestSite, rel: &str, text: &str) {
    let mut t = std::fs::read_to_string(site.path(rel)).unwrap();
    t.push_str(text);
    std::fs::write(site.path(rel), t).unwrap();
}

#[test]
fn a_save_is_written_and_pushed_to_open_tabs() {
    let site = site_copy();
    let w = start(&site);
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
    assert!(
        site.read_output("core/index.html")
            .contains("A sentence written during the test.")
    );
    let line = w.expect_line(|l| l.starts_with("posts/core.md:"));
    assert!(
        // The post's page and the two feeds that carry its body (the site's and its series').
        line.contains("3 pages rendered") && line.contains(" ms"),
        "{line}"
    );
}

#[test]
fn a_broken_save_is_shown_and_the_next_good_save_recovers() {
    let site = site_copy();
    let w = start(&site);
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
fn deletes_renames_new_folders_and_editor_litter() {
    let site = site_copy();
    let w = start(&site);
    let mut ev = w.events();
    // Editor litter alone triggers nothing.
    site.write("posts/.core.md.swp", "swap");
    site.write("posts/core.md~", "backup");
    site.write("posts/4913", "vim probe");
    thread::sleep(Duration::from_millis(300));
    // An atomic save: write a temp file, then rename it over the post.
    let text =
        std::fs::read_to_string(site.path("posts/core.md")).unwrap() + "\nSaved atomically.\n";
    std::fs::write(site.path("posts/.core.md.tmp"), text).unwrap();
    std::fs::rename(site.path("posts/.core.md.tmp"), site.path("posts/core.md")).unwrap();
    ev.wait_for("event: reload");
    wait_until("the atomic save", || {
        site.read_output("core/index.html")
            .contains("Saved atomically.")
    });
    // A rename moves the page.
    site.write(
        "posts/notes.md",
        &common::post("Notes", "2024-06-01", "", "Some notes."),
    );
    wait_until("the new page", || {
        site.path("public/notes/index.html").is_file()
    });
    std::fs::rename(
        site.path("posts/notes.md"),
        site.path("posts/more-notes.md"),
    )
    .unwrap();
    wait_until("the renamed page", || {
        site.path("public/more-notes/index.html").is_file() && !site.path("public/notes").exists()
    });
    // A new bundle folder.
    site.write(
        "posts/trip/index.md",
        &common::post("Trip", "2024-07-01", "", "A trip."),
    );
    site.write("posts/trip/photo.txt", "pretend photo");
    wait_until("the bundle", || {
        site.path("public/trip/photo.txt").is_file()
    });
    // Deleting a post removes its page.
    std::fs::remove_file(site.path("posts/trip/index.md")).unwrap();
    std::fs::remove_file(site.path("posts/trip/photo.txt")).unwrap();
    std::fs::remove_dir(site.path("posts/trip")).unwrap();
    wait_until("the deleted bundle", || !site.path("public/trip").exists());
    // Deleting the output folder brings it back.
    std::fs::remove_dir_all(site.path("public")).unwrap();
    append(&site, "posts/core.md", "\nAfter the output was deleted.\n");
    wait_until("a rebuilt output", || {
        site.path("public/index.html").is_file() && site.path("public/core/index.html").is_file()
    });
    let (status, _) = w.get("/");
    assert_eq!(status, 200);
}

#[test]
fn the_server_never_serves_files_outside_the_output() {
    let site = site_copy();
    site.write("secret.txt", "TOP SECRET");
    let w = start(&site);
    #[cfg(unix)]
    std::os::unix::fs::symlink(site.path("secret.txt"), site.path("public/leak.txt")).unwrap();
    for path in [
        "/../secret.txt",
        "/%2e%2e/secret.txt",
        "/%2E%2E/%2E%2E/etc/passwd",
        "/..%2fsecret.txt",
        "/core/..%2f..%2fsecret.txt",
        "/..\\secret.txt",
        "/leak.txt",
        "/%00",
    ] {
        let (status, body) = w.get(path);
        assert!(matches!(status, 400 | 404), "{path} gave {status}");
        assert!(
            !body.contains("TOP SECRET") && !body.contains("root:"),
            "{path} leaked a file"
        );
    }
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
    let site = site_copy();
    let mut w = start(&site);
    let pid = w.child.id().to_string();
    assert!(
        Command::new("kill")
            .args(["-INT", &pid])
            .status()
            .unwrap()
            .success()
    );
    let deadline = Instant::now() + WAIT;
    loop {
        if let Some(status) = w.child.try_wait().unwrap() {
            assert_eq!(status.code(), Some(0));
            break;
        }
        assert!(Instant::now() < deadline, "watch did not stop on SIGINT");
        thread::sleep(Duration::from_millis(20));
    }
}

#[test]
fn a_busy_port_moves_to_the_next_free_one() {
    let site = site_copy();
    let busy = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = busy.local_addr().unwrap().port();
    let mut child = Command::new(assert_cmd::cargo::cargo_bin("sitegen"))
        .args(["watch", "--port", &port.to_string()])
        .current_dir(site.root())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(child.stderr.take().unwrap()).lines();
    let mut seen = String::new();
    for line in lines.by_ref().map_while(Result::ok) {
        seen.push_str(&line);
        seen.push('\n');
        if line.starts_with("serving") {
            break;
        }
    }
    let _ = child.kill();
    let _ = child.wait();
    assert!(seen.contains(&format!("port {port} is taken")), "{seen}");
    assert!(!seen.contains(&format!("127.0.0.1:{port}/")), "{seen}");
}

#[test]
fn a_thousand_files_at_once_end_in_the_same_site_as_a_clean_build() {
    let site = site_copy();
    let w = start(&site);
    for i in 0..1000 {
        site.write(&format!("posts/bulk/p{i:04}.md"), "");
        site.write(
            &format!("posts/bulk-{i:04}.md"),
            &common::post(&format!("Bulk {i}"), "2023-01-01", "", "Bulk text."),
        );
    }
    wait_until("the last of a thousand pages", || {
        site.path("public/bulk-0999/index.html").is_file()
    });
    // Let the watcher settle, then compare with a clean build.
    thread::sleep(Duration::from_millis(500));
    let (status, _) = w.get("/bulk-0500/");
    assert_eq!(status, 200);
    let clean = site.build_ok(&["--output", "clean", "--drafts", "--base-url", "/"]);
    drop(clean);
    let watched = site.snapshot("public");
    let built = site.snapshot("clean");
    assert_eq!(watched.len(), built.len());
    assert!(
        watched == built,
        "watched output differs from a clean build"
    );
}

#[test]
fn a_site_broken_from_the_start_keeps_watch_running_until_it_is_fixed() {
    let site = site_copy();
    let good = std::fs::read_to_string(site.path("posts/core.md")).unwrap();
    std::fs::write(site.path("posts/core.md"), good.replacen("+++\n", "", 1)).unwrap();
    let w = start(&site);
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
    let site = site_copy();
    site.write("static/style.css", "body { color: black; }\n");
    let w = start(&site);
    let mut ev = w.events();
    site.write("static/style.css", "body { color: navy; }\n");
    ev.wait_for("event: css");
    assert_eq!(site.read_output("style.css"), "body { color: navy; }\n");
}

#[test]
fn renamed_and_new_folders_are_followed() {
    let site = site_copy();
    let w = start(&site);
    let mut ev = w.events();
    // A bundle folder, then the folder renamed: the page follows the new name.
    site.write(
        "posts/trip/index.md",
        &common::post("Trip", "2024-07-01", "", "A trip."),
    );
    site.write("posts/trip/map.txt", "a map");
    wait_until("the bundle", || site.path("public/trip/map.txt").is_file());
    std::fs::rename(site.path("posts/trip"), site.path("posts/journey")).unwrap();
    wait_until("the renamed bundle", || {
        site.path("public/journey/map.txt").is_file() && !site.path("public/trip").exists()
    });
    // A templates/ folder created while watching is watched from then on.
    site.write("templates/post.html", "{% extends \"base.html\" %}{% block content %}<p class=\"from-site\">{{ page.title }}</p>{% endblock content %}");
    wait_until("the new template", || {
        site.read_output("core/index.html").contains("from-site")
    });
    std::fs::write(site.path("templates/post.html"), "{% extends \"base.html\" %}{% block content %}<p class=\"edited\">{{ page.title }}</p>{% endblock content %}").unwrap();
    wait_until("the edited template", || {
        site.read_output("core/index.html")
            .contains("class=\"edited\"")
    });
    ev.wait_for("event: reload");
    drop(w);
    // The end result equals a clean build.
    site.build_ok(&["--output", "clean", "--drafts", "--base-url", "/"]);
    assert!(
        site.snapshot("public") == site.snapshot("clean"),
        "watched output differs from a clean build"
    );
}
