//! `sitegen import wordpress --download`, against a server on 127.0.0.1 only: files land in the
//! post's bundle; redirects are followed up to the limit and only to http(s); timeouts, 5xx and
//! oversized files are reported with the post and the import goes on; at most `concurrency`
//! downloads run at once; a second run asks the server for nothing.

use std::collections::BTreeMap;
use std::fs;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use sitegen::{DownloadLimits, ImportOptions, ImportReport, import_wordpress};

use crate::common::TestSite;

/// The old site: answers by file name, counts hits, and measures downloads in flight.
struct OldSite {
    port: u16,
    hits: Arc<Mutex<BTreeMap<String, usize>>>,
    max_in_flight: Arc<AtomicUsize>,
    /// Dropped with the server: releases requests held forever (`hang.jpg`).
    _release: mpsc::Sender<()>,
}

impl OldSite {
    /// `hold` requests for `b*.jpg` are held until that many are in flight or none is left.
    fn start(hold: usize, held_total: usize) -> OldSite {
        let server = Arc::new(tiny_http::Server::http("127.0.0.1:0").unwrap());
        let port = server.server_addr().to_ip().unwrap().port();
        let hits: Arc<Mutex<BTreeMap<String, usize>>> = Arc::default();
        let max_in_flight = Arc::new(AtomicUsize::new(0));
        let (release, released) = mpsc::channel::<()>();
        let released = Arc::new(Mutex::new(released));
        let gate = Arc::new((Mutex::new((0usize, 0usize)), std::sync::Condvar::new()));
        let (h, m) = (hits.clone(), max_in_flight.clone());
        std::thread::spawn(move || {
            for request in server.incoming_requests() {
                let (h, m, gate, released) = (h.clone(), m.clone(), gate.clone(), released.clone());
                std::thread::spawn(move || {
                    let path = request.url().to_string();
                    let name = path.rsplit('/').next().unwrap_or("").to_string();
                    let count = {
                        let mut hits = h.lock().unwrap();
                        let n = hits.entry(name.clone()).or_default();
                        *n += 1;
                        *n
                    };
                    let redirect = |to: &str| {
                        tiny_http::Response::empty(302)
                            .with_header(tiny_http::Header::from_bytes("Location", to).unwrap())
                    };
                    let ok = |body: Vec<u8>| tiny_http::Response::from_data(body);
                    let _ = match name.as_str() {
                        "a.jpg" | "target.jpg" => {
                            request.respond(ok(format!("bytes of {name}").into_bytes()))
                        }
                        "redirect.jpg" => {
                            request.respond(redirect("/wp-content/uploads/2020/01/target.jpg"))
                        }
                        "loop.jpg" => {
                            request.respond(redirect("/wp-content/uploads/2020/01/loop.jpg"))
                        }
                        "ftp.jpg" => request.respond(redirect("ftp://127.0.0.1/secret.jpg")),
                        "big.jpg" => request.respond(ok(vec![b'x'; 5000])),
                        "unsized.jpg" => request.respond(tiny_http::Response::new(
                            200.into(),
                            vec![],
                            std::io::Cursor::new(vec![b'y'; 5000]),
                            None,
                            None,
                        )),
                        "flaky.jpg" if count == 1 => {
                            request.respond(tiny_http::Response::empty(503))
                        }
                        "flaky.jpg" => request.respond(ok(b"second time lucky".to_vec())),
                        "hang.jpg" => {
                            let _ = released.lock().unwrap().recv();
                            Ok(())
                        }
                        n if n.starts_with('b') => {
                            let (lock, cv) = &*gate;
                            let mut state = lock.lock().unwrap();
                            state.0 += 1;
                            m.fetch_max(state.0, Ordering::SeqCst);
                            cv.notify_all();
                            // Held until the limit is reached (or nothing more can come),
                            // then a little longer, so a download past the limit would show.
                            while state.0 < hold && state.0 + state.1 < held_total {
                                state = cv.wait(state).unwrap();
                            }
                            let until = std::time::Instant::now() + Duration::from_millis(300);
                            while state.0 <= hold && std::time::Instant::now() < until {
                                state =
                                    cv.wait_timeout(state, Duration::from_millis(50)).unwrap().0;
                            }
                            state.0 -= 1;
                            state.1 += 1;
                            cv.notify_all();
                            drop(state);
                            request.respond(ok(format!("bytes of {name}").into_bytes()))
                        }
                        _ => request.respond(tiny_http::Response::empty(404)),
                    };
                });
            }
        });
        OldSite {
            port,
            hits,
            max_in_flight,
            _release: release,
        }
    }

    fn url(&self, name: &str) -> String {
        format!(
            "http://127.0.0.1:{}/wp-content/uploads/2020/01/{name}",
            self.port
        )
    }
}

/// An export of one post that uses `images` of the old site.
fn export(site: &TestSite, old: &OldSite, images: &[&str]) -> std::path::PathBuf {
    let body: String = images
        .iter()
        .map(|i| format!("<img src=\"{}\" alt=\"{i}\">\n\n", old.url(i)))
        .collect();
    let xml = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/1.2/">
<channel><title>Old</title><link>http://127.0.0.1:{port}</link><wp:wxr_version>1.2</wp:wxr_version>
<item><title>Pictures</title><link>http://127.0.0.1:{port}/pictures/</link><guid>http://127.0.0.1:{port}/?p=1</guid>
<content:encoded><![CDATA[{body}]]></content:encoded>
<wp:post_id>1</wp:post_id><wp:post_date>2020-01-02 03:04:05</wp:post_date><wp:post_date_gmt>2020-01-02 03:04:05</wp:post_date_gmt>
<wp:post_name>pictures</wp:post_name><wp:status>publish</wp:status><wp:post_type>post</wp:post_type></item>
</channel></rss>
"#,
        port = old.port
    );
    let path = site.path("export.xml");
    fs::write(&path, xml).unwrap();
    path
}

fn download(site: &TestSite, export: &std::path::Path, limits: DownloadLimits) -> ImportReport {
    import_wordpress(&ImportOptions {
        export: export.to_path_buf(),
        into: site.path("site"),
        download: true,
        limits,
        ..ImportOptions::default()
    })
    .unwrap()
}

fn limits() -> DownloadLimits {
    DownloadLimits {
        concurrency: 2,
        connect_timeout: Duration::from_secs(5),
        read_timeout: Duration::from_millis(800),
        retries: 1,
        max_redirects: 3,
        max_bytes: 1000,
    }
}

#[test]
fn files_are_downloaded_into_the_bundle_and_failures_reported_with_the_post() {
    let old = OldSite::start(usize::MAX, 0);
    let site = TestSite::empty();
    let images = [
        "a.jpg",
        "redirect.jpg",
        "loop.jpg",
        "ftp.jpg",
        "big.jpg",
        "unsized.jpg",
        "flaky.jpg",
        "hang.jpg",
        "gone.jpg",
    ];
    let export = export(&site, &old, &images);
    let report = download(&site, &export, limits());
    let bundle = site.path("site/posts/pictures");
    assert_eq!(
        fs::read_to_string(bundle.join("a.jpg")).unwrap(),
        "bytes of a.jpg"
    );
    assert_eq!(
        fs::read_to_string(bundle.join("redirect.jpg")).unwrap(),
        "bytes of target.jpg"
    );
    assert_eq!(
        fs::read_to_string(bundle.join("flaky.jpg")).unwrap(),
        "second time lucky",
        "a 503 is retried"
    );
    let missing: BTreeMap<String, String> = report
        .missing
        .iter()
        .map(|m| {
            assert_eq!(
                m.path.as_deref(),
                Some(std::path::Path::new("posts/pictures/index.md")),
                "named with its post"
            );
            let name = m
                .message
                .split(' ')
                .next()
                .unwrap()
                .rsplit('/')
                .next()
                .unwrap()
                .to_string();
            (name, m.message.clone())
        })
        .collect();
    let expect = |name: &str, why: &str| {
        let message = missing
            .get(name)
            .unwrap_or_else(|| panic!("{name} not reported: {missing:?}"));
        assert!(message.contains(why), "{name}: {message}");
        assert!(!bundle.join(name).exists(), "{name} was written");
    };
    expect("loop.jpg", "more than 3 redirects");
    expect("ftp.jpg", "only http and https");
    expect("big.jpg", "larger than the limit of 1000 bytes");
    expect("unsized.jpg", "larger than the limit of 1000 bytes");
    expect("hang.jpg", "could not be downloaded");
    expect("gone.jpg", "answered 404");
    assert_eq!(missing.len(), 6, "{missing:?}");
    let md = fs::read_to_string(bundle.join("index.md")).unwrap();
    assert!(md.contains("![a.jpg](a.jpg)"), "{md}");
    assert!(
        md.contains(&format!("![gone.jpg]({})", old.url("gone.jpg"))),
        "a missing file keeps its old address:\n{md}"
    );
    assert_eq!(
        old.hits.lock().unwrap()["hang.jpg"],
        2,
        "a timeout is retried once"
    );
    assert_eq!(
        old.hits.lock().unwrap()["loop.jpg"],
        4,
        "the first request and 3 redirects"
    );

    let before = old.hits.lock().unwrap().clone();
    let again = download(&site, &export, limits());
    let after = old.hits.lock().unwrap().clone();
    for cached in ["a.jpg", "redirect.jpg", "target.jpg", "flaky.jpg"] {
        assert_eq!(
            before[cached], after[cached],
            "{cached} was asked for again"
        );
    }
    assert!(
        after["gone.jpg"] > before["gone.jpg"],
        "a failed file is tried again"
    );
    assert!(again.written.is_empty(), "{:?}", again.written);
}

#[test]
fn no_more_than_the_limit_download_at_once() {
    let names: Vec<String> = (1..=6).map(|i| format!("b{i}.jpg")).collect();
    let old = OldSite::start(2, names.len());
    let site = TestSite::empty();
    let refs: Vec<&str> = names.iter().map(String::as_str).collect();
    let export = export(&site, &old, &refs);
    let report = download(&site, &export, limits());
    assert!(report.missing.is_empty(), "{:?}", report.missing);
    for name in &names {
        assert!(
            site.path("site/posts/pictures").join(name).is_file(),
            "{name}"
        );
    }
    assert_eq!(
        old.max_in_flight.load(Ordering::SeqCst),
        2,
        "the limit is reached and never passed"
    );
}
