//! The preview server for `watch`: serves the output folder on loopback, refuses any path outside
//! it, injects a live-reload script into HTML, and pushes reload/error events over SSE.

use crate::fsutil::percent_decode;
use std::fs;
use std::io::{self, Write};
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, Receiver, Sender};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::Duration;

use tiny_http::{Header, Request, Response, Server};

use crate::diagnostic::Diagnostic;

/// Path of the server-sent events endpoint.
pub(crate) const EVENTS_PATH: &str = "/__sitegen/events";

/// The script injected into served HTML (never into `build` output).
const LIVE_RELOAD: &str = include_str!("serve_reload.js");

const NOT_BUILT: &str = "<!doctype html><html lang=\"en\"><meta charset=\"utf-8\"><title>Not found</title>\
<body><p>Nothing here (yet): the site has not been built, or this page does not exist.</p></body></html>";

/// What the browser is told.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Event {
    /// Reload the page.
    Reload,
    /// Only the stylesheet changed: swap it without reloading.
    Css,
    /// The last save broke the build: show this message.
    Error(String),
}

impl Event {
    fn wire(&self) -> String {
        match self {
            Event::Reload => "event: reload\ndata: {}\n\n".into(),
            Event::Css => "event: css\ndata: {}\n\n".into(),
            Event::Error(msg) => {
                let data: String = msg.lines().map(|l| format!("data: {l}\n")).collect();
                format!("event: build-error\n{data}\n")
            }
        }
    }
}

/// Shared state between the watcher and the server threads.
#[derive(Default)]
struct Hub {
    clients: Vec<Sender<String>>,
    error: Option<String>,
}

/// A running preview server.
pub(crate) struct Preview {
    hub: Arc<Mutex<Hub>>,
    /// The address actually bound.
    pub addr: SocketAddr,
}

impl Preview {
    /// Binds `bind:port`, or the next free port among the following 20 if it is taken.
    pub fn start(dir: PathBuf, bind: &str, port: u16) -> Result<Preview, Diagnostic> {
        let mut last = String::new();
        for p in port..port.saturating_add(20) {
            match Server::http((bind, p)) {
                Ok(server) => {
                    let addr = server
                        .server_addr()
                        .to_ip()
                        .ok_or_else(|| Diagnostic::new("the server did not bind an IP address"))?;
                    let hub = Arc::new(Mutex::new(Hub::default()));
                    let server = Arc::new(server);
                    let h = Arc::clone(&hub);
                    thread::spawn(move || accept(server, dir, h));
                    return Ok(Preview { hub, addr });
                }
                Err(e) => last = e.to_string(),
            }
        }
        Err(Diagnostic::new(format!(
            "cannot listen on {bind}:{port} or the next 19 ports: {last}"
        ))
        .with_hint("pass --port with a free port, or stop what is using these"))
    }

    /// Tells every open tab about a rebuild.
    pub fn send(&self, event: Event) {
        let mut hub = self.hub.lock().unwrap_or_else(|p| p.into_inner());
        hub.error = match &event {
            Event::Error(m) => Some(m.clone()),
            _ => None,
        };
        let wire = event.wire();
        hub.clients.retain(|c| c.send(wire.clone()).is_ok());
    }
}

fn accept(server: Arc<Server>, dir: PathBuf, hub: Arc<Mutex<Hub>>) {
    let root = dir.canonicalize().unwrap_or(dir.clone());
    for request in server.incoming_requests() {
        let (root, dir, hub) = (root.clone(), dir.clone(), Arc::clone(&hub));
        thread::spawn(move || {
            let _ = handle(request, &dir, &root, &hub);
        });
    }
}

fn handle(request: Request, dir: &Path, root: &Path, hub: &Mutex<Hub>) -> io::Result<()> {
    let url = request.url().to_string();
    let path = url.split(['?', '#']).next().unwrap_or("/");
    if path == EVENTS_PATH {
        return events(request, hub);
    }
    match resolve(dir, root, path) {
        Resolved::File(file) => {
            let bytes = fs::read(&file)?;
            let kind = content_type(&file);
            let bytes = if kind.starts_with("text/html") {
                inject(bytes)
            } else {
                bytes
            };
            respond(request, 200, kind, bytes)
        }
        Resolved::Redirect(to) => {
            let location = Header::from_bytes(&b"Location"[..], to.as_bytes())
                .map_err(|()| io::Error::other("bad header"))?;
            request.respond(Response::empty(301).with_header(location))
        }
        Resolved::BadRequest => respond(
            request,
            400,
            "text/plain; charset=utf-8",
            b"400 bad request\n".to_vec(),
        ),
        Resolved::NotFound => {
            // Before the first good build there is no 404 page: serve a stub that still carries the
            // live-reload script, so the error overlay shows and the tab reloads once the site builds.
            let page =
                fs::read(root.join("404.html")).unwrap_or_else(|_| NOT_BUILT.as_bytes().to_vec());
            let page = inject(page);
            respond(request, 404, "text/html; charset=utf-8", page)
        }
    }
}

fn respond(request: Request, status: u16, kind: &str, bytes: Vec<u8>) -> io::Result<()> {
    let ct = Header::from_bytes(&b"Content-Type"[..], kind.as_bytes())
        .map_err(|()| io::Error::other("bad header"))?;
    let nc = Header::from_bytes(&b"Cache-Control"[..], &b"no-store"[..])
        .map_err(|()| io::Error::other("bad header"))?;
    request.respond(
        Response::from_data(bytes)
            .with_status_code(status)
            .with_header(ct)
            .with_header(nc),
    )
}

fn events(request: Request, hub: &Mutex<Hub>) -> io::Result<()> {
    let (tx, rx): (Sender<String>, Receiver<String>) = mpsc::channel();
    let current = {
        let mut h = hub.lock().unwrap_or_else(|p| p.into_inner());
        h.clients.push(tx);
        h.error.clone()
    };
    let mut w = request.into_writer();
    w.write_all(b"HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nCache-Control: no-store\r\nConnection: keep-alive\r\n\r\n")?;
    w.write_all(b"retry: 500\n: connected\n\n")?;
    if let Some(msg) = current {
        w.write_all(Event::Error(msg).wire().as_bytes())?;
    }
    w.flush()?;
    loop {
        match rx.recv_timeout(Duration::from_secs(15)) {
            Ok(msg) => w.write_all(msg.as_bytes())?,
            Err(mpsc::RecvTimeoutError::Timeout) => w.write_all(b": ping\n\n")?,
            Err(mpsc::RecvTimeoutError::Disconnected) => return Ok(()),
        }
        w.flush()?;
    }
}

/// What a request path maps to.
#[derive(Debug, PartialEq, Eq)]
pub enum Resolved {
    /// A file inside the output folder.
    File(PathBuf),
    /// A folder requested without its trailing slash.
    Redirect(String),
    /// A path that tries to leave the folder or is malformed.
    BadRequest,
    /// Nothing there.
    NotFound,
}

/// Maps a URL path to a file inside `dir` (`root` is its canonical form). Never returns a file
/// outside it: `..` segments, encoded slashes or backslashes, NUL, and symlinks that lead out are refused.
pub fn resolve(dir: &Path, root: &Path, path: &str) -> Resolved {
    let lower = path.to_ascii_lowercase();
    if !path.starts_with('/')
        || lower.contains("%2f")
        || lower.contains("%5c")
        || lower.contains("%00")
    {
        return Resolved::BadRequest;
    }
    let Some(decoded) = percent_decode(path) else {
        return Resolved::BadRequest;
    };
    if decoded.contains(['\\', '\0']) {
        return Resolved::BadRequest;
    }
    let segments: Vec<&str> = decoded.split('/').filter(|s| !s.is_empty()).collect();
    if segments.iter().any(|s| *s == ".." || *s == ".") {
        return Resolved::BadRequest;
    }
    let mut file = dir.to_path_buf();
    file.extend(&segments);
    if file.is_dir() {
        if !decoded.ends_with('/') {
            return Resolved::Redirect(format!("{path}/"));
        }
        file.push("index.html");
    }
    match file.canonicalize() {
        Ok(real) if real.starts_with(root) && real.is_file() => Resolved::File(real),
        _ => Resolved::NotFound,
    }
}

/// Content type by file extension.
pub fn content_type(path: &Path) -> &'static str {
    match path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
        .as_deref()
    {
        Some("html" | "htm") => "text/html; charset=utf-8",
        Some("css") => "text/css; charset=utf-8",
        Some("js") => "text/javascript; charset=utf-8",
        Some("json") => "application/json",
        Some("xml") => "application/xml",
        Some("txt" | "md") => "text/plain; charset=utf-8",
        Some("svg") => "image/svg+xml",
        Some("png") => "image/png",
        Some("jpg" | "jpeg") => "image/jpeg",
        Some("gif") => "image/gif",
        Some("webp") => "image/webp",
        Some("avif") => "image/avif",
        Some("ico") => "image/x-icon",
        Some("mp4") => "video/mp4",
        Some("webm") => "video/webm",
        Some("woff2") => "font/woff2",
        Some("woff") => "font/woff",
        Some("pdf") => "application/pdf",
        _ => "application/octet-stream",
    }
}

/// Adds the live-reload script before `</body>` (or at the end).
fn inject(mut html: Vec<u8>) -> Vec<u8> {
    let script = format!("<script>{LIVE_RELOAD}</script>");
    let at = find_last(&html, b"</body>").unwrap_or(html.len());
    html.splice(at..at, script.into_bytes());
    html
}

fn find_last(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len())
        .rposition(|w| w.eq_ignore_ascii_case(needle))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn traversal_is_refused() {
        // A real file at every target, beside and above the served folder, so a resolver that
        // let `..` through would find it.
        let dir = tempfile::tempdir().unwrap();
        let base = dir.path().canonicalize().unwrap();
        let root = base.join("site/public");
        fs::create_dir_all(root.join("a")).unwrap();
        fs::write(root.join("index.html"), "x").unwrap();
        fs::write(base.join("site/secret"), "s").unwrap();
        fs::write(base.join("secret"), "s").unwrap();
        assert!(root.join("../secret").is_file() && root.join("../../secret").is_file());
        for p in [
            "/../secret",
            "/../../secret",
            "/%2e%2e/secret",
            "/a/%2e%2e/%2e%2e/secret",
            "/a%2f..%2f..%2fsecret",
            "/..%5csecret",
            "/a\\..\\..\\secret",
            "relative",
        ] {
            assert!(
                matches!(
                    resolve(&root, &root, p),
                    Resolved::BadRequest | Resolved::NotFound
                ),
                "{p}"
            );
        }
        assert_eq!(
            resolve(&root, &root, "/"),
            Resolved::File(root.join("index.html"))
        );
    }
}
