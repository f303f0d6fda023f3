//! `check --external`: asks other hosts whether the site's external links still answer. A few
//! requests at once, a pause between two requests to one host, timeouts, `429 Retry-After`
//! honoured, `HEAD` then `GET`, redirects followed by hand and reported; every limit is in
//! [`Limits`].

use std::collections::HashMap;
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use ureq::Agent;
use ureq::http::Response;

/// Every bound `check --external` keeps to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Limits {
    /// Requests in flight at once.
    pub concurrency: usize,
    /// Time between the starts of two requests to the same host.
    pub per_host_delay: Duration,
    /// Time to connect (DNS included).
    pub connect_timeout: Duration,
    /// Time to wait for the answer's head once the request is sent.
    pub read_timeout: Duration,
    /// Longest `Retry-After` waited for; a host asking for more is reported.
    pub max_retry_after: Duration,
    /// Times one request is retried after `429 Too Many Requests`.
    pub max_retries: u32,
    /// Redirects followed from one link.
    pub max_redirects: u32,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            concurrency: 4,
            per_host_delay: Duration::from_secs(1),
            connect_timeout: Duration::from_secs(10),
            read_timeout: Duration::from_secs(10),
            max_retry_after: Duration::from_secs(30),
            max_retries: 2,
            max_redirects: 5,
        }
    }
}

/// What asking for one URL found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Answer {
    /// It answered 2xx.
    Ok,
    /// It answered 2xx at the end of redirects, at this URL.
    Redirected(String),
    /// It failed: why.
    Broken(String),
    /// It was not asked: why.
    Unchecked(String),
}

/// Asks for every URL within `limits`; the answers are in the order of `urls`.
pub(crate) fn check_all(urls: &[String], limits: &Limits) -> Vec<Answer> {
    let agent: Agent = Agent::config_builder()
        .http_status_as_error(false)
        .max_redirects(0)
        .timeout_connect(Some(limits.connect_timeout))
        .timeout_recv_response(Some(limits.read_timeout))
        .user_agent(concat!("sitegen-check/", env!("CARGO_PKG_VERSION")))
        .build()
        .into();
    let checker = Checker {
        agent,
        limits,
        next_start: Mutex::new(HashMap::new()),
    };
    let order = interleave_hosts(urls);
    let answers: Vec<Mutex<Option<Answer>>> = urls.iter().map(|_| Mutex::new(None)).collect();
    let next = AtomicUsize::new(0);
    std::thread::scope(|s| {
        for _ in 0..limits.concurrency.clamp(1, urls.len().max(1)) {
            s.spawn(|| {
                while let Some(&i) = order.get(next.fetch_add(1, Ordering::Relaxed)) {
                    let answer = checker.check(&urls[i]);
                    *answers[i].lock().unwrap_or_else(|e| e.into_inner()) = Some(answer);
                }
            });
        }
    });
    answers
        .into_iter()
        .map(|a| {
            a.into_inner()
                .unwrap_or_else(|e| e.into_inner())
                .unwrap_or_else(|| Answer::Unchecked("not asked".into()))
        })
        .collect()
}

/// Indices of `urls` taking one URL of each host in turn, so that workers are not all held by
/// the pause of one host.
fn interleave_hosts(urls: &[String]) -> Vec<usize> {
    let mut seen: HashMap<&str, usize> = HashMap::new();
    let mut keyed: Vec<(usize, usize)> = urls
        .iter()
        .enumerate()
        .map(|(i, u)| {
            let n = seen.entry(host(u)).or_default();
            *n += 1;
            (*n, i)
        })
        .collect();
    keyed.sort();
    keyed.into_iter().map(|(_, i)| i).collect()
}

/// The host of an http(s) URL, without user or port.
fn host(url: &str) -> &str {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    let authority = rest.split(['/', '?', '#']).next().unwrap_or(rest);
    let host = authority.rsplit('@').next().unwrap_or(authority);
    match host.find(']') {
        Some(end) if host.starts_with('[') => &host[..=end],
        _ => host.split(':').next().unwrap_or(host),
    }
}

/// Why a redirect from the link `url` to `next` is not followed: to a scheme other than http(s)
/// (`file://` would read this machine's files), or to this machine or its private network when
/// the link itself was not (a public page must not make `check` probe the builder's network).
fn refused_redirect(url: &str, next: &str) -> Option<String> {
    let scheme = next.split_once("://").map_or("", |(s, _)| s);
    if !scheme.eq_ignore_ascii_case("http") && !scheme.eq_ignore_ascii_case("https") {
        return Some(format!(
            "redirected to `{next}`: only http and https redirects are followed"
        ));
    }
    (is_private(host(next)) && !is_private(host(url))).then(|| {
        format!(
            "redirected to `{next}`, an address of this machine or its private network: not followed"
        )
    })
}

/// Whether a host names this machine or a private, link-local or unspecified address.
fn is_private(host: &str) -> bool {
    let host = host.trim_start_matches('[').trim_end_matches(']');
    let lower = host.to_ascii_lowercase();
    if lower == "localhost" || lower.ends_with(".localhost") {
        return true;
    }
    match host.parse::<std::net::IpAddr>() {
        Ok(std::net::IpAddr::V4(ip)) => {
            ip.is_loopback() || ip.is_private() || ip.is_link_local() || ip.is_unspecified()
        }
        Ok(std::net::IpAddr::V6(ip)) => {
            let first = ip.segments()[0];
            ip.is_loopback()
                || ip.is_unspecified()
                || (first & 0xfe00) == 0xfc00
                || (first & 0xffc0) == 0xfe80
                || ip
                    .to_ipv4_mapped()
                    .is_some_and(|v4| v4.is_loopback() || v4.is_private())
        }
        Err(_) => false,
    }
}

/// The head of an answer: all a link check needs.
struct Head {
    status: u16,
    location: Option<String>,
    /// For a `429` given up on: the wait it asked for.
    retry_after: Option<Duration>,
}

struct Checker<'a> {
    agent: Agent,
    limits: &'a Limits,
    /// When the next request to each host may start.
    next_start: Mutex<HashMap<String, Instant>>,
}

impl Checker<'_> {
    /// Follows `url` through its redirects to an answer.
    fn check(&self, url: &str) -> Answer {
        if !cfg!(feature = "tls")
            && url
                .get(..8)
                .is_some_and(|s| s.eq_ignore_ascii_case("https://"))
        {
            return Answer::Unchecked(
                "https links need sitegen built with the `tls` feature (on by default)".into(),
            );
        }
        let mut current = url.to_string();
        for _ in 0..=self.limits.max_redirects {
            let head = match self.head_then_get(&current) {
                Ok(h) => h,
                Err(e) => return Answer::Broken(e.to_string()),
            };
            match (head.status, head.location.clone()) {
                (300..=399, Some(location)) => {
                    let next = join(&current, &location);
                    if let Some(why) = refused_redirect(url, &next) {
                        return Answer::Broken(why);
                    }
                    current = next;
                }
                (200..=299, _) if current == url => return Answer::Ok,
                (200..=299, _) => return Answer::Redirected(current),
                (429, _) if head.retry_after.is_some() => {
                    let wait = head.retry_after.unwrap_or_default();
                    return Answer::Broken(format!(
                        "answered 429 Too Many Requests, asking to wait {} s (more than the {} s sitegen waits)",
                        wait.as_secs(),
                        self.limits.max_retry_after.as_secs()
                    ));
                }
                (status, _) => {
                    let via = if current == url {
                        String::new()
                    } else {
                        format!(" (redirected to `{current}`)")
                    };
                    return Answer::Broken(format!("answered {status}{via}"));
                }
            }
        }
        Answer::Broken(format!(
            "more than {} redirects (last to `{current}`)",
            self.limits.max_redirects
        ))
    }

    /// `HEAD`, and `GET` when the host refuses `HEAD` (405, 501, or an error other than a
    /// timeout: a host too slow for one is too slow for the other).
    fn head_then_get(&self, url: &str) -> Result<Head, ureq::Error> {
        match self.send("HEAD", url) {
            Ok(h) if h.status != 405 && h.status != 501 => Ok(h),
            Err(e @ ureq::Error::Timeout(_)) => Err(e),
            _ => self.send("GET", url),
        }
    }

    /// One request, waiting for the host's turn and retrying after a bounded `429`.
    fn send(&self, method: &str, url: &str) -> Result<Head, ureq::Error> {
        let host = host(url).to_ascii_lowercase();
        let mut attempt = 0;
        loop {
            self.wait_turn(&host, Duration::ZERO);
            let request = if method == "HEAD" {
                self.agent.head(url)
            } else {
                self.agent.get(url)
            };
            let response = request.call()?;
            let mut head = head_of(&response);
            // 429, and a 503 that says when to come back, are asked again after the wait.
            let busy =
                head.status == 429 || (head.status == 503 && retry_after(&response).is_some());
            if !busy || attempt >= self.limits.max_retries {
                return Ok(head);
            }
            let wait = retry_after(&response).unwrap_or(self.limits.per_host_delay);
            if wait > self.limits.max_retry_after {
                head.retry_after = Some(wait);
                return Ok(head);
            }
            self.wait_turn(&host, wait);
            attempt += 1;
        }
    }

    /// Sleeps until `host` may be asked again (and at least `extra` from now), and books the
    /// turn after this one.
    fn wait_turn(&self, host: &str, extra: Duration) {
        let now = Instant::now();
        let start = {
            let mut next = self.next_start.lock().unwrap_or_else(|e| e.into_inner());
            let slot = next.entry(host.to_string()).or_insert(now);
            let start = (*slot).max(now + extra);
            *slot = start + self.limits.per_host_delay;
            start
        };
        std::thread::sleep(start.saturating_duration_since(Instant::now()));
    }
}

fn head_of<B>(response: &Response<B>) -> Head {
    Head {
        status: response.status().as_u16(),
        location: response
            .headers()
            .get("location")
            .and_then(|v| v.to_str().ok())
            .map(str::to_string),
        retry_after: None,
    }
}

/// `Retry-After` in seconds (an HTTP date is not read: the caller's default applies).
fn retry_after<B>(response: &Response<B>) -> Option<Duration> {
    let value = response.headers().get("retry-after")?.to_str().ok()?;
    value.trim().parse::<u64>().ok().map(Duration::from_secs)
}

/// The URL a `Location` names, relative to the URL that answered with it.
pub(crate) fn join(base: &str, location: &str) -> String {
    let location = location.trim();
    if location.contains("://") {
        return location.to_string();
    }
    let (scheme, rest) = base.split_once("://").unwrap_or(("https", base));
    if let Some(l) = location.strip_prefix("//") {
        return format!("{scheme}://{l}");
    }
    let authority_end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let origin = format!("{scheme}://{}", &rest[..authority_end]);
    if location.starts_with('/') {
        return format!("{origin}{location}");
    }
    let path = rest[authority_end..].split(['?', '#']).next().unwrap_or("");
    let dir = path.rfind('/').map_or("/", |i| &path[..=i]);
    format!("{origin}{dir}{location}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locations_resolve_against_the_answering_url() {
        let b = "http://127.0.0.1:8080/a/b?x=1";
        assert_eq!(join(b, "https://o.example/z"), "https://o.example/z");
        assert_eq!(join(b, "/c"), "http://127.0.0.1:8080/c");
        assert_eq!(join(b, "c"), "http://127.0.0.1:8080/a/c");
        assert_eq!(join(b, "//h.example/c"), "http://h.example/c");
        assert_eq!(join("http://h.example", "c"), "http://h.example/c");
    }

    #[test]
    fn hosts_leave_out_port_and_user() {
        assert_eq!(host("http://127.0.0.1:8080/a"), "127.0.0.1");
        assert_eq!(host("https://u@Example.org?x"), "Example.org");
        assert_eq!(host("http://[::1]:80/"), "[::1]");
    }

    #[test]
    fn redirects_to_other_schemes_or_from_public_to_private_addresses_are_refused() {
        let public = "https://example.org/a";
        for private in [
            "http://127.0.0.1:8080/",
            "http://localhost/admin",
            "http://10.0.0.5/",
            "http://192.168.1.1/",
            "http://169.254.169.254/latest/meta-data/",
            "http://[::1]:9000/",
            "http://[fe80::1]/",
        ] {
            let why = refused_redirect(public, private).unwrap_or_default();
            assert!(why.contains("private network"), "{private}: {why}");
        }
        assert!(
            refused_redirect(public, "file:///etc/passwd")
                .is_some_and(|w| w.contains("only http and https"))
        );
        assert_eq!(refused_redirect(public, "https://www.example.org/a"), None);
        // A link to a local server may be redirected within the machine.
        assert_eq!(
            refused_redirect("http://127.0.0.1:1/", "http://127.0.0.1:2/"),
            None
        );
    }

    #[test]
    fn hosts_take_turns() {
        let urls: Vec<String> = [
            "http://a/1",
            "http://a/2",
            "http://b/1",
            "http://a/3",
            "http://b/2",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        assert_eq!(interleave_hosts(&urls), [0, 2, 1, 4, 3]);
    }
}
