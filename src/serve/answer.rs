//! One request of the preview server, answered: only GET and HEAD (405 otherwise), only for a
//! `Host` that names this server (403 otherwise: a page of another site reached through DNS
//! rebinding must not read drafts), then the live-reload stream, a file, a redirect or a 404.

use std::convert::Infallible;
use std::net::{IpAddr, SocketAddr};
use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use hyper::body::Incoming;
use hyper::header::{ALLOW, CACHE_CONTROL, CONNECTION, CONTENT_TYPE, HOST, HeaderValue, LOCATION};
use hyper::{Method, Request, Response, StatusCode};

use super::events::{Body, Hub};
use super::files::{Resolved, content_type, inject, resolve};

/// Path of the server-sent events endpoint.
pub(crate) const EVENTS_PATH: &str = "/__sitegen/events";

const NOT_BUILT: &str = "<!doctype html><html lang=\"en\"><meta charset=\"utf-8\"><title>Not found</title>\
<body><p>Nothing here (yet): the site has not been built, or this page does not exist.</p></body></html>";

/// What every request needs: the folder served and the address bound.
pub(crate) struct Served {
    /// The output folder, as given.
    pub dir: PathBuf,
    /// Its canonical form (files must resolve inside it).
    pub root: PathBuf,
    /// The address the server listens on.
    pub addr: SocketAddr,
    /// The tabs listening for reloads.
    pub hub: Arc<Mutex<Hub>>,
    /// Whether a folder's `index.html` answers for the folder (false: not found, as on an
    /// object store without index documents).
    pub indexes: bool,
}

/// Answers one request (never fails: every problem is a status).
pub(crate) async fn answer(
    req: Request<Incoming>,
    served: Arc<Served>,
) -> Result<Response<Body>, Infallible> {
    if !matches!(*req.method(), Method::GET | Method::HEAD) {
        let mut r = text(
            StatusCode::METHOD_NOT_ALLOWED,
            format!(
                "405 method not allowed: the preview server answers GET and HEAD, not {}\n",
                req.method()
            ),
        );
        r.headers_mut()
            .insert(ALLOW, HeaderValue::from_static("GET, HEAD"));
        // A refused method (a CONNECT asking for a tunnel) ends the connection.
        r.headers_mut()
            .insert(CONNECTION, HeaderValue::from_static("close"));
        return Ok(r);
    }
    if let Some(why) = ambiguous_target(&req) {
        let mut r = text(StatusCode::BAD_REQUEST, format!("400 bad request: {why}\n"));
        r.headers_mut()
            .insert(CONNECTION, HeaderValue::from_static("close"));
        return Ok(r);
    }
    // The host asked for: an absolute-form target's (the same as `Host`, checked above), else
    // `Host`'s.
    let host = req
        .uri()
        .authority()
        .map(|a| a.as_str())
        .or_else(|| req.headers().get(HOST).and_then(|h| h.to_str().ok()));
    if !host_allowed(host, served.addr) {
        return Ok(text(
            StatusCode::FORBIDDEN,
            format!(
                "403 forbidden: this preview server answers requests for localhost or {}, not `{}`\n\
                 (a page of another site could otherwise read your drafts through DNS rebinding)\n",
                served.addr,
                host.unwrap_or_default()
            ),
        ));
    }
    let path = req.uri().path().to_string();
    if path == EVENTS_PATH {
        let mut r = Response::new(Hub::subscribe(&served.hub));
        let h = r.headers_mut();
        h.insert(CONTENT_TYPE, HeaderValue::from_static("text/event-stream"));
        h.insert(CACHE_CONTROL, HeaderValue::from_static("no-store"));
        return Ok(r);
    }
    let query = req.uri().query().map(str::to_string);
    let s = Arc::clone(&served);
    // Reading files blocks: off the connection's task, on the runtime's small blocking pool.
    let answered = tokio::task::spawn_blocking(move || from_disk(&s, &path, query.as_deref()))
        .await
        .unwrap_or_else(|_| {
            text(
                StatusCode::INTERNAL_SERVER_ERROR,
                "500 internal error\n".into(),
            )
        });
    Ok(answered)
}

fn from_disk(served: &Served, path: &str, query: Option<&str>) -> Response<Body> {
    match resolve(&served.dir, &served.root, path, served.indexes) {
        Resolved::File(file) => match std::fs::read(&file) {
            Ok(bytes) => {
                let kind = content_type(&file);
                let bytes = if kind.starts_with("text/html") {
                    inject(bytes)
                } else {
                    bytes
                };
                page(StatusCode::OK, kind, bytes)
            }
            // Removed between the look and the read (a rebuild): as if it were never there.
            Err(_) => not_found(served),
        },
        Resolved::Redirect(to) => {
            let to = match query {
                Some(q) => format!("{to}?{q}"),
                None => to,
            };
            let mut r = Response::new(Body::full(Vec::new()));
            *r.status_mut() = StatusCode::MOVED_PERMANENTLY;
            if let Ok(v) = HeaderValue::from_str(&to) {
                r.headers_mut().insert(LOCATION, v);
            }
            r
        }
        Resolved::BadRequest => text(StatusCode::BAD_REQUEST, "400 bad request\n".into()),
        Resolved::NotFound => not_found(served),
    }
}

/// Before the first good build there is no 404 page: a stub that still carries the live-reload
/// script, so the error overlay shows and the tab reloads once the site builds.
fn not_found(served: &Served) -> Response<Body> {
    let page_404 = std::fs::read(served.root.join("404.html"))
        .unwrap_or_else(|_| NOT_BUILT.as_bytes().to_vec());
    page(
        StatusCode::NOT_FOUND,
        "text/html; charset=utf-8",
        inject(page_404),
    )
}

fn page(status: StatusCode, kind: &'static str, bytes: Vec<u8>) -> Response<Body> {
    let mut r = Response::new(Body::full(bytes));
    *r.status_mut() = status;
    let h = r.headers_mut();
    h.insert(CONTENT_TYPE, HeaderValue::from_static(kind));
    h.insert(CACHE_CONTROL, HeaderValue::from_static("no-store"));
    r
}

fn text(status: StatusCode, message: String) -> Response<Body> {
    page(status, "text/plain; charset=utf-8", message.into_bytes())
}

/// Why a request does not name one host unambiguously (RFC 9112 §3.2: a server answers 400 to more
/// than one `Host`), or names another host in its absolute-form target than in `Host`.
fn ambiguous_target<B>(req: &Request<B>) -> Option<&'static str> {
    if req.headers().get_all(HOST).iter().count() > 1 {
        return Some("more than one Host header");
    }
    let named = req.uri().authority()?;
    let host = req.headers().get(HOST).and_then(|h| h.to_str().ok());
    (host.is_some_and(|h| !h.eq_ignore_ascii_case(named.as_str())))
        .then_some("the request's target names another host than its Host header")
}

/// True when `Host` names this server: `localhost` (or a name under `.localhost`), the bound
/// IP address, any loopback address when bound to loopback, or any IP address when bound to all
/// interfaces. Other names are refused: a DNS name pointed at 127.0.0.1 by someone else's DNS is
/// how a page of another site reaches a local server. The port is not compared (a forwarded port
/// differs). A request without `Host` (HTTP/1.0 tools) is let through: browsers always send one.
pub fn host_allowed(host: Option<&str>, bound: SocketAddr) -> bool {
    let Some(host) = host else {
        return true;
    };
    let name = match host.strip_prefix('[') {
        Some(v6) => match v6.split_once(']') {
            Some((ip, rest)) if rest.is_empty() || rest.starts_with(':') => ip,
            _ => return false,
        },
        None => match host.rsplit_once(':') {
            Some((name, port)) if port.bytes().all(|b| b.is_ascii_digit()) => name,
            Some(_) => return false,
            None => host,
        },
    };
    let name = name.trim_end_matches('.');
    if name.eq_ignore_ascii_case("localhost") || name.to_ascii_lowercase().ends_with(".localhost") {
        return true;
    }
    match name.parse::<IpAddr>() {
        Ok(ip) => {
            ip == bound.ip()
                || bound.ip().is_unspecified()
                || (ip.is_loopback() && bound.ip().is_loopback())
        }
        Err(_) => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hosts_are_checked_against_the_bound_address_and_localhost() {
        let local: SocketAddr = "127.0.0.1:1111".parse().unwrap();
        for ok in [
            "localhost:1111",
            "LOCALHOST",
            "localhost.:1111",
            "app.localhost:1111",
            "127.0.0.1:1111",
            "127.0.0.1",
            "[::1]:1111",
        ] {
            assert!(host_allowed(Some(ok), local), "{ok}");
        }
        for bad in [
            "evil.example:1111",
            "evil.example",
            "localhost.evil.example",
            "192.168.1.2:1111",
            "127.0.0.1:1111:1",
            "[::1",
            "",
        ] {
            assert!(!host_allowed(Some(bad), local), "{bad}");
        }
        assert!(host_allowed(None, local));
        let all: SocketAddr = "0.0.0.0:1111".parse().unwrap();
        assert!(host_allowed(Some("192.168.1.2:1111"), all));
        assert!(!host_allowed(Some("my-machine.lan:1111"), all));
        let lan: SocketAddr = "192.168.1.2:1111".parse().unwrap();
        assert!(host_allowed(Some("192.168.1.2:1111"), lan));
        assert!(!host_allowed(Some("192.168.1.3:1111"), lan));
    }
}
