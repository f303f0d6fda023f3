//! `check --external` against tiny HTTP servers on 127.0.0.x started here: 200, 404, 301 -> 200,
//! 429 with `Retry-After` then 200, a path refusing HEAD, an answer too slow; the pause between
//! requests to one host and the bound on requests in flight. Nothing leaves the machine, and each
//! server answers a bounded number of requests.

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::sync::atomic::{AtomicUsize, Ordering::SeqCst};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use sitegen::{CheckOptions, CheckReport, Config, Limits, Overrides, Severity};

use super::{assert_summary, check, check_fails};
use crate::common::{TestSite, assert_reports, post};

/// One request a server answered.
#[derive(Debug, Clone)]
struct Hit {
    method: String,
    path: String,
    at: Instant,
}

/// What the servers of one test saw.
#[derive(Default)]
struct Seen {
    hits: Mutex<Vec<Hit>>,
    in_flight: AtomicUsize,
    max_in_flight: AtomicUsize,
}

impl Seen {
    fn hits(&self) -> Vec<Hit> {
        self.hits.lock().unwrap().clone()
    }

    /// The methods of the requests for `path`, in order.
    fn methods(&self, path: &str) -> Vec<String> {
        self.hits()
            .into_iter()
            .filter(|h| h.path == path)
            .map(|h| h.method)
            .collect()
    }
}

/// A server on `ip` (a loopback address) answering at most 32 requests, each on its own thread.
fn serve(ip: &str, seen: &Arc<Seen>) -> SocketAddr {
    let listener = TcpListener::bind((ip, 0)).expect("bind a loopback port");
    let addr = listener.local_addr().unwrap();
    let seen = Arc::clone(seen);
    std::thread::spawn(move || {
        for stream in listener.incoming().take(32).flatten() {
            let seen = Arc::clone(&seen);
            std::thread::spawn(move || answer(stream, &seen));
        }
    });
    addr
}

fn answer(mut stream: TcpStream, seen: &Seen) {
    let _ = stream.set_read_timeout(Some(Duration::from_secs(5)));
    let mut request = Vec::new();
    let mut chunk = [0u8; 1024];
    while !request.windows(4).any(|w| w == b"\r\n\r\n") && request.len() < 16 * 1024 {
        match stream.read(&mut chunk) {
            Ok(0) | Err(_) => return,
            Ok(n) => request.extend_from_slice(&chunk[..n]),
        }
    }
    let head = String::from_utf8_lossy(&request);
    let mut words = head.split_whitespace();
    let method = words.next().unwrap_or("").to_string();
    let path = words.next().unwrap_or("").to_string();
    let now = seen.in_flight.fetch_add(1, SeqCst) + 1;
    seen.max_in_flight.fetch_max(now, SeqCst);
    let earlier = {
        let mut hits = seen.hits.lock().unwrap();
        let earlier = hits.iter().filter(|h| h.path == path).count();
        hits.push(Hit {
            method: method.clone(),
            path: path.clone(),
            at: Instant::now(),
        });
        earlier
    };
    let (status, extra) = match (method.as_str(), path.as_str()) {
        (_, "/ok") => ("200 OK", ""),
        (_, "/moved") => ("301 Moved Permanently", "Location: /ok\r\n"),
        (_, "/busy") if earlier == 0 => ("429 Too Many Requests", "Retry-After: 1\r\n"),
        (_, "/busy") => ("200 OK", ""),
        (_, "/unavailable") if earlier == 0 => ("503 Service Unavailable", "Retry-After: 1\r\n"),
        (_, "/unavailable") => ("200 OK", ""),
        (_, "/busy-for-long") => ("429 Too Many Requests", "Retry-After: 3600\r\n"),
        ("HEAD", "/no-head") => ("405 Method Not Allowed", "Allow: GET\r\n"),
        ("GET", "/no-head") => ("200 OK", ""),
        (_, "/slow") => {
            std::thread::sleep(Duration::from_millis(300));
            ("200 OK", "")
        }
        (_, "/hang") => {
            std::thread::sleep(Duration::from_secs(3));
            ("200 OK", "")
        }
        _ => ("404 Not Found", ""),
    };
    seen.in_flight.fetch_sub(1, SeqCst);
    let _ = write!(
        stream,
        "HTTP/1.1 {status}\r\n{extra}Content-Length: 0\r\nConnection: close\r\n\r\n"
    );
}

/// A one-post site whose body (from line 5) links to `paths` on `addr`, one per line.
fn site_linking(addr: SocketAddr, paths: &[&str]) -> TestSite {
    let body: Vec<String> = paths
        .iter()
        .map(|p| format!("[{p}](http://{addr}{p})"))
        .collect();
    TestSite::with_files(&[(
        "posts/x.md",
        &post("X", "2024-06-01", "", &body.join("\n\n")),
    )])
}

/// Short limits, so a test takes seconds.
fn quick() -> Limits {
    Limits {
        per_host_delay: Duration::from_millis(200),
        connect_timeout: Duration::from_secs(2),
        read_timeout: Duration::from_secs(1),
        max_retry_after: Duration::from_secs(5),
        ..Limits::default()
    }
}

fn check_external(site: &TestSite, limits: Limits) -> CheckReport {
    let config = Config::load(site.root(), Overrides::default()).unwrap();
    sitegen::check(
        &config,
        &CheckOptions {
            external: true,
            limits,
        },
    )
    .unwrap()
}

#[test]
fn answers_redirects_retry_after_and_refused_head_are_handled() {
    let seen = Arc::new(Seen::default());
    let addr = serve("127.0.0.1", &seen);
    let paths = [
        "/ok",
        "/missing",
        "/moved",
        "/busy",
        "/no-head",
        "/hang",
        "/busy-for-long",
    ];
    let site = site_linking(addr, &paths);
    let report = check_external(&site, quick());
    let problem = |path: &str| {
        let url = format!("`http://{addr}{path}` on page");
        let found: Vec<_> = report
            .problems
            .iter()
            .filter(|d| d.message.contains(&url))
            .collect();
        assert!(found.len() <= 1, "{found:?}");
        found.first().map(|d| (d.severity, d.to_string()))
    };
    // Each link is named at its line of the Markdown: paths[i] is on line 5 + 2i.
    let line = |path: &str| 5 + 2 * paths.iter().position(|p| *p == path).unwrap();
    let (severity, text) = problem("/missing").expect("404 reported");
    assert_eq!(severity, Severity::Error);
    assert!(text.starts_with(&format!("posts/x.md:{}:1: error: broken external link `http://{addr}/missing` on page `x/index.html`: answered 404", line("/missing"))), "{text}");
    let (severity, text) = problem("/moved").expect("redirect reported");
    assert_eq!(severity, Severity::Warning);
    assert!(
        text.contains(&format!("redirects to `http://{addr}/ok`")),
        "{text}"
    );
    let (severity, text) = problem("/hang").expect("timeout reported");
    assert_eq!(severity, Severity::Error);
    assert!(text.contains("timeout"), "{text}");
    let (_, text) = problem("/busy-for-long").expect("long Retry-After reported");
    assert!(text.contains("asking to wait 3600 s"), "{text}");
    for fine in ["/ok", "/busy", "/no-head"] {
        assert_eq!(problem(fine), None, "{fine}: {:?}", report.problems);
    }
    assert_eq!(report.broken, 3, "{:?}", report.problems);

    assert_eq!(
        seen.methods("/no-head"),
        ["HEAD", "GET"],
        "GET after a refused HEAD"
    );
    assert_eq!(seen.methods("/moved"), ["HEAD"]);
    assert_eq!(seen.methods("/missing"), ["HEAD"]);
    assert_eq!(seen.methods("/hang"), ["HEAD"], "no GET after a timeout");
    assert_eq!(
        seen.methods("/busy-for-long"),
        ["HEAD"],
        "no wait of an hour"
    );
    assert_eq!(
        seen.methods("/busy"),
        ["HEAD", "HEAD"],
        "asked again after 429"
    );
    // One host: requests start at least the per-host delay apart. The server sees each request
    // a little after the client sent it, and on a busy machine that lag varies, so two arrivals can
    // be closer than the client's spacing; over the whole run only the first request's lag counts:
    // last arrival - first arrival >= (n - 1) * delay - lag of the first.
    let mut times: Vec<Instant> = seen.hits().iter().map(|h| h.at).collect();
    times.sort();
    if let (Some(first), Some(last)) = (times.first(), times.last()) {
        let gaps = u32::try_from(times.len() - 1).unwrap_or(u32::MAX);
        let least = Duration::from_millis(200) * gaps;
        assert!(
            *last - *first + Duration::from_millis(150) >= least,
            "{} requests in {:?}: the per-host delay of 200 ms was not kept",
            times.len(),
            *last - *first
        );
    }
    assert!(times.len() <= 10, "{:?}", seen.hits());
}

#[test]
fn retry_after_is_waited_for() {
    // After a 429, and after a 503 that says when to come back.
    for path in ["/busy", "/unavailable"] {
        let seen = Arc::new(Seen::default());
        let addr = serve("127.0.0.1", &seen);
        let report = check_external(&site_linking(addr, &[path]), quick());
        assert_eq!(report.broken, 0, "{path}: {:?}", report.problems);
        let busy: Vec<Instant> = seen.hits().iter().map(|h| h.at).collect();
        assert_eq!(busy.len(), 2, "{path} asked again: {:?}", seen.hits());
        let gap = busy[1] - busy[0];
        assert!(
            gap >= Duration::from_millis(950),
            "{path}: Retry-After: 1 not honoured: {gap:?}"
        );
    }
}

#[test]
fn requests_in_flight_are_bounded() {
    let seen = Arc::new(Seen::default());
    let body: Vec<String> = (1..=6)
        .map(|i| {
            format!(
                "[{i}](http://{}/slow)",
                serve(&format!("127.0.0.{i}"), &seen)
            )
        })
        .collect();
    let site = TestSite::with_files(&[(
        "posts/x.md",
        &post("X", "2024-06-01", "", &body.join("\n\n")),
    )]);
    let report = check_external(
        &site,
        Limits {
            concurrency: 2,
            // Slow answers, not timeouts, are the subject: a busy machine must not turn one into
            // the other.
            read_timeout: Duration::from_secs(30),
            ..quick()
        },
    );
    assert_eq!(report.broken, 0, "{:?}", report.problems);
    assert_eq!(seen.hits().len(), 6);
    assert_eq!(
        seen.max_in_flight.load(SeqCst),
        2,
        "two at once, never more"
    );
}

#[test]
fn the_binary_checks_external_links_only_when_asked() {
    let seen = Arc::new(Seen::default());
    let addr = serve("127.0.0.1", &seen);
    let site = site_linking(addr, &["/ok", "/missing"]);
    let (code, err) = check(&site, &[]);
    assert_eq!(code, Some(0), "{err}");
    assert!(
        seen.hits().is_empty(),
        "asked without --external: {:?}",
        seen.hits()
    );
    let err = check_fails(&site, &["--external"]);
    assert_reports(
        &err,
        &format!(
            "posts/x.md:7:1: error: broken external link `http://{addr}/missing` on page `x/index.html`: answered 404"
        ),
    );
    assert_summary(&err, 6, 1);
    assert_eq!(seen.hits().len(), 2);
}
