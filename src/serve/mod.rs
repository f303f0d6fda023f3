//! The preview server for `watch`: serves the output folder (on loopback unless told otherwise)
//! with hyper on a small tokio runtime of its own thread, injects a live-reload script into HTML,
//! and pushes reload/error events over SSE. Its limits are the constants below.

use std::io;
use std::net::{SocketAddr, TcpListener as StdListener};
use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::Duration;

use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper_util::rt::{TokioIo, TokioTimer};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::{OwnedSemaphorePermit, Semaphore};

mod answer;
mod events;
mod files;

pub(crate) use events::Event;

use crate::diagnostic::Diagnostic;
use answer::Served;
use events::Hub;

/// Connections open at once; one more is answered `503` and closed. Each costs a descriptor
/// and a few KB (no thread).
pub const MAX_CONNECTIONS: usize = 1024;
/// Descriptors kept free for the watcher and the rebuilds when the limit is low.
const RESERVED_FDS: usize = 128;
/// A client must send a request's headers within this time (also while idle between requests),
/// or its connection is closed.
pub const HEADER_TIMEOUT: Duration = Duration::from_secs(10);
/// Largest request head read (line and headers); beyond it the answer is 431.
const MAX_HEAD: usize = 16 * 1024;
/// Threads that read files for responses.
const FILE_THREADS: usize = 4;
/// Waits after a failed accept (descriptors exhausted): doubling from the first to the last.
const ACCEPT_BACKOFF: (Duration, Duration) = (Duration::from_millis(10), Duration::from_secs(1));
/// Interval of the comment that keeps live-reload streams open.
const PING: Duration = Duration::from_secs(15);

const BUSY: &[u8] = b"HTTP/1.1 503 Service Unavailable\r\nContent-Type: text/plain\r\n\
Content-Length: 41\r\nConnection: close\r\nRetry-After: 1\r\n\r\ntoo many open connections; try again soon\n";

/// A running preview server.
pub(crate) struct Preview {
    hub: Arc<Mutex<Hub>>,
    /// The address actually bound.
    pub addr: SocketAddr,
}

impl Preview {
    /// Binds `bind:port`, or the next free port among the following 20 if it is taken, and
    /// serves `dir` from a thread of its own; a folder's `index.html` answers for the folder
    /// only when `indexes` (pretty URLs) is set, as on the host the URL mode is for.
    pub fn start(
        dir: PathBuf,
        bind: &str,
        port: u16,
        indexes: bool,
    ) -> Result<Preview, Diagnostic> {
        let mut last = String::new();
        for p in port..port.saturating_add(20) {
            match StdListener::bind((bind, p)) {
                Ok(listener) => return Self::serve(listener, dir, indexes),
                Err(e) => last = e.to_string(),
            }
        }
        Err(Diagnostic::new(format!(
            "cannot listen on {bind}:{port} or the next 19 ports: {last}"
        ))
        .with_hint("pass --port with a free port, or stop what is using these"))
    }

    fn serve(listener: StdListener, dir: PathBuf, indexes: bool) -> Result<Preview, Diagnostic> {
        let fail = |e: io::Error| Diagnostic::new(format!("cannot start the preview server: {e}"));
        let addr = listener.local_addr().map_err(fail)?;
        listener.set_nonblocking(true).map_err(fail)?;
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_io()
            .enable_time()
            .max_blocking_threads(FILE_THREADS)
            .build()
            .map_err(fail)?;
        let hub = Arc::new(Mutex::new(Hub::default()));
        let served = Arc::new(Served {
            root: dir.canonicalize().unwrap_or(dir.clone()),
            dir,
            addr,
            hub: Arc::clone(&hub),
            indexes,
        });
        let slots = connection_slots();
        thread::Builder::new()
            .name("preview server".into())
            .spawn(move || {
                runtime.block_on(async move {
                    let listener = match TcpListener::from_std(listener) {
                        Ok(l) => l,
                        Err(e) => return eprintln!("error: the preview server stopped: {e}"),
                    };
                    let h = Arc::clone(&served.hub);
                    tokio::spawn(async move {
                        loop {
                            tokio::time::sleep(PING).await;
                            Hub::ping(&h);
                        }
                    });
                    accept(listener, served, slots).await
                })
            })
            .map_err(fail)?;
        Ok(Preview { hub, addr })
    }

    /// Tells every open tab about a rebuild.
    pub fn send(&self, event: Event) {
        Hub::send(&self.hub, &event);
    }
}

/// The warning to print when the server is bound beyond loopback, where other machines can read
/// the preview (drafts included).
pub fn exposure_warning(addr: SocketAddr) -> Option<String> {
    (!addr.ip().is_loopback()).then(|| {
        format!(
            "warning: {} is reachable beyond this machine: anyone on the network can read the \
             preview, drafts included; open it by IP address (names other than localhost are \
             refused); --bind 127.0.0.1 keeps it local",
            addr.ip()
        )
    })
}

/// Raises the soft descriptor limit to the hard one (a server's usual first step), and returns
/// the connection slots that leave [`RESERVED_FDS`] descriptors free under it.
fn connection_slots() -> Arc<Semaphore> {
    use rustix::process::{Resource, getrlimit, setrlimit};
    let mut limit = getrlimit(Resource::Nofile);
    if limit.current < limit.maximum {
        limit.current = limit.maximum;
        let _ = setrlimit(Resource::Nofile, limit);
    }
    let soft = getrlimit(Resource::Nofile)
        .current
        .map_or(usize::MAX, |n| usize::try_from(n).unwrap_or(usize::MAX));
    let slots = MAX_CONNECTIONS.min(soft.saturating_sub(RESERVED_FDS).max(16));
    Arc::new(Semaphore::new(slots))
}

/// Accepts for ever. A failed accept (descriptors exhausted, mostly) waits and tries again,
/// longer each time in a row; it never ends the loop, so the port stays open.
async fn accept(listener: TcpListener, served: Arc<Served>, slots: Arc<Semaphore>) {
    let mut wait = ACCEPT_BACKOFF.0;
    let mut warned = false;
    loop {
        match listener.accept().await {
            Ok((stream, _)) => {
                wait = ACCEPT_BACKOFF.0;
                warned = false;
                match Arc::clone(&slots).try_acquire_owned() {
                    Ok(slot) => {
                        tokio::spawn(connection(stream, slot, Arc::clone(&served)));
                    }
                    // Full: say so at once rather than leave the client waiting.
                    Err(_) => {
                        let _ = stream.try_write(BUSY);
                    }
                }
            }
            Err(e) => {
                if !warned {
                    eprintln!(
                        "warning: the preview server cannot accept a connection ({e}); \
                         it waits and tries again"
                    );
                    warned = true;
                }
                tokio::time::sleep(wait).await;
                wait = (wait * 2).min(ACCEPT_BACKOFF.1);
            }
        }
    }
}

async fn connection(stream: TcpStream, _slot: OwnedSemaphorePermit, served: Arc<Served>) {
    let _ = stream.set_nodelay(true);
    let service = service_fn(move |req| answer::answer(req, Arc::clone(&served)));
    let _ = http1::Builder::new()
        .timer(TokioTimer::new())
        .header_read_timeout(HEADER_TIMEOUT)
        .max_buf_size(MAX_HEAD.max(8192))
        .serve_connection(TokioIo::new(stream), service)
        .await;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn binding_beyond_loopback_is_warned_about() {
        for local in ["127.0.0.1:1111", "127.0.0.2:1", "[::1]:1111"] {
            assert_eq!(exposure_warning(local.parse().unwrap()), None, "{local}");
        }
        for open in ["0.0.0.0:1111", "[::]:1111", "192.168.1.2:1111"] {
            let w = exposure_warning(open.parse().unwrap()).expect(open);
            assert!(w.starts_with("warning: ") && w.contains("drafts"), "{w}");
        }
    }
}
