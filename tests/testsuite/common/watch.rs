//! `sitegen watch` as a child process: its terminal lines and live-reload events read with a
//! deadline, a fence that proves every earlier change was rebuilt, and a clean stop with Ctrl-C.
//!
//! Waits never sleep and then assert: each one polls for the condition it needs until
//! [`WAIT`], so a slow machine makes a test slower, never red.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError};
use std::thread;
use std::time::{Duration, Instant};

use super::TestSite;

/// How long any wait may take before the test fails: generous, since a busy machine is slow.
pub const WAIT: Duration = Duration::from_secs(60);

/// A running `sitegen watch`; killed on drop if the test did not [`stop`](Watch::stop) it.
pub struct Watch<'a> {
    site: &'a TestSite,
    child: Child,
    lines: Receiver<String>,
    /// The port it serves on, read from its `serving … at http://…/` line (`None` with `--no-serve`).
    pub port: Option<u16>,
    /// Everything it printed up to and including its `watching …` line.
    pub startup: String,
    fences: u32,
}

impl Drop for Watch<'_> {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A port nothing listens on right now.
pub fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// The port of a `serving PATH at http://127.0.0.1:PORT/` line (or `…/index.html`).
pub fn served_port(line: &str) -> Option<u16> {
    let (_, addr) = line.strip_prefix("serving ")?.rsplit_once(" at http://")?;
    addr.split('/').next()?.rsplit_once(':')?.1.parse().ok()
}

/// True for the line that ends every rebuild: `WHAT: N pages rendered, …`, or `WHAT:` before errors.
pub fn is_rebuild_line(line: &str) -> bool {
    rebuilt_files(line).is_some()
}

/// The `WHAT` of a rebuild line: the changed files it names.
pub fn rebuilt_files(line: &str) -> Option<&str> {
    match line.split_once(": ") {
        Some((what, rest)) if rest.contains(" rendered, ") => Some(what),
        _ => line.strip_suffix(':'),
    }
}

impl<'a> Watch<'a> {
    /// `sitegen watch --port PORT` (a free port) in the site root, once it says it is watching.
    pub fn start(site: &'a TestSite) -> Self {
        Self::start_with(site, &["--port", &free_port().to_string()])
    }

    /// `sitegen watch ARGS` in the site root, once it says it is watching.
    pub fn start_with(site: &'a TestSite, args: &[&str]) -> Self {
        let mut command = Command::new(assert_cmd::cargo::cargo_bin("sitegen"));
        command.arg("watch").args(args);
        Self::spawn(site, command, &[])
    }

    /// `sitegen watch ARGS` with `env` added to its (otherwise cleared) environment.
    pub fn start_with_env(site: &'a TestSite, args: &[&str], env: &[(&str, &str)]) -> Self {
        let mut command = Command::new(assert_cmd::cargo::cargo_bin("sitegen"));
        command.arg("watch").args(args);
        Self::spawn(site, command, env)
    }

    /// `sitegen watch ARGS` started in the folder `dir` of the site, once it says it is watching.
    pub fn start_in(site: &'a TestSite, dir: &str, args: &[&str]) -> Self {
        let mut command = Command::new(assert_cmd::cargo::cargo_bin("sitegen"));
        command.arg("watch").args(args).current_dir(site.path(dir));
        Self::spawn(site, command, &[])
    }

    /// `sh -c 'SHELL_PREFIX exec sitegen watch --port PORT'`: the same process (exec keeps the
    /// pid), started with what the shell sets up first (`trap '' XFSZ;`, `ulimit -n 64;`).
    pub fn start_in_shell(site: &'a TestSite, shell_prefix: &str) -> Self {
        let mut command = Command::new("sh");
        command.arg("-c").arg(format!(
            "{shell_prefix} exec \"$0\" watch --port {}",
            free_port()
        ));
        command.arg(assert_cmd::cargo::cargo_bin("sitegen"));
        Self::spawn(site, command, &[])
    }

    /// The process id of `sitegen watch`.
    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    fn spawn(site: &'a TestSite, mut command: Command, env: &[(&str, &str)]) -> Self {
        // The site root, unless the caller chose a folder (`start_in`).
        let dir = command
            .get_current_dir()
            .map_or_else(|| site.root().to_path_buf(), |d| d.to_path_buf());
        let mut child = command
            .env_clear()
            .env("PATH", std::env::var("PATH").unwrap_or_default())
            .envs(env.iter().copied())
            .current_dir(&dir)
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
        let mut w = Watch {
            site,
            child,
            lines,
            port: None,
            startup: String::new(),
            fences: 0,
        };
        w.startup = w.expect_line(|l| l.starts_with("watching"));
        w.port = w.startup.lines().find_map(served_port);
        w
    }

    /// Waits for a line of the terminal output matching `f`; returns every line read, that one last.
    pub fn expect_line(&self, f: impl Fn(&str) -> bool) -> String {
        let deadline = Instant::now() + WAIT;
        let mut seen = String::new();
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            match self.lines.recv_timeout(left) {
                Ok(line) => {
                    seen.push_str(&line);
                    seen.push('\n');
                    if f(&line) {
                        return seen;
                    }
                }
                Err(RecvTimeoutError::Timeout) => {
                    panic!("no matching line from sitegen watch within {WAIT:?}; saw:\n{seen}")
                }
                Err(RecvTimeoutError::Disconnected) => {
                    panic!("sitegen watch exited; its last lines:\n{seen}")
                }
            }
        }
    }

    /// The next rebuild line (and any lines before it, such as diagnostics).
    pub fn next_rebuild(&self) -> String {
        self.expect_line(is_rebuild_line)
    }

    /// Saves a new file `posts/!fence-N` (which the build ignores) in one atomic rename and waits
    /// for the rebuild line that names it: its name sorts first, so the line always shows it. The
    /// watcher reads events in order, so once that rebuild is reported every earlier change has
    /// been rebuilt too and nothing is pending. Returns the lines read; the fence's is the last.
    pub fn fence(&mut self) -> String {
        self.fences += 1;
        let name = format!("posts/!fence-{:03}", self.fences);
        self.site.save_atomically(&name, "a fence\n");
        self.expect_line(|l| rebuilt_files(l).is_some_and(|what| what.contains(&name)))
    }

    /// Stops watch as Ctrl-C would and waits for it to exit with code 0.
    pub fn stop(mut self) {
        let pid = self.child.id().to_string();
        let sent = Command::new("kill").args(["-INT", &pid]).status().unwrap();
        assert!(sent.success(), "kill -INT {pid} failed");
        let deadline = Instant::now() + WAIT;
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                assert_eq!(
                    status.code(),
                    Some(0),
                    "watch did not exit cleanly on SIGINT"
                );
                return;
            }
            assert!(Instant::now() < deadline, "watch did not stop on SIGINT");
            thread::sleep(Duration::from_millis(20));
        }
    }

    fn port(&self) -> u16 {
        self.port.expect("this watch does not serve")
    }

    /// `GET path` on the preview server: (status, the whole response).
    pub fn get(&self, path: &str) -> (u16, String) {
        raw_get(self.port(), path)
    }

    /// A connection to the live-reload endpoint, once it says it is connected.
    pub fn events(&self) -> Events {
        let mut s = TcpStream::connect(("127.0.0.1", self.port())).unwrap();
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

/// The live-reload event stream of one open tab.
pub struct Events {
    stream: TcpStream,
    buf: String,
}

impl Events {
    /// Reads until `needle` arrives; returns everything up to and including it.
    pub fn wait_for(&mut self, needle: &str) -> String {
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

    /// Reads until the next `event: NAME` line; returns the names of every event up to and including it.
    pub fn until_event(&mut self, name: &str) -> Vec<String> {
        event_names(&self.wait_for(&format!("event: {name}\n")))
    }
}

/// The `event:` names in a piece of an event stream, in order.
pub fn event_names(stream: &str) -> Vec<String> {
    stream
        .lines()
        .filter_map(|l| l.strip_prefix("event: "))
        .map(str::to_string)
        .collect()
}

/// A GET with the path sent exactly as given (no client-side normalisation).
pub fn raw_get(port: u16, path: &str) -> (u16, String) {
    let resp = raw_request(
        port,
        &format!("GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"),
    );
    let status = resp
        .split(' ')
        .nth(1)
        .and_then(|c| c.parse().ok())
        .unwrap_or(0);
    (status, resp)
}

/// Sends `request` byte for byte and reads the answer until the server closes (or [`WAIT`]).
pub fn raw_request(port: u16, request: &str) -> String {
    let mut s = TcpStream::connect(("127.0.0.1", port)).unwrap();
    s.set_read_timeout(Some(WAIT)).unwrap();
    s.write_all(request.as_bytes()).unwrap();
    let mut resp = Vec::new();
    let _ = s.read_to_end(&mut resp);
    String::from_utf8_lossy(&resp).into_owned()
}

/// Polls `f` until it holds; fails after [`WAIT`].
pub fn wait_until(what: &str, f: impl Fn() -> bool) {
    let deadline = Instant::now() + WAIT;
    while Instant::now() < deadline {
        if f() {
            return;
        }
        thread::sleep(Duration::from_millis(20));
    }
    panic!("timed out after {WAIT:?} waiting for {what}");
}

/// A copy of the shipped site: its posts, settings and `static/` files (the exercises' drawings).
pub fn shipped_copy() -> TestSite {
    TestSite::shipped()
}

/// Deletes `dir` like `rm -rf` while a running `watch` may still be writing into it (its search
/// index is written in the background): a file created during the walk leaves the folder not
/// empty, so the deletion is tried again until the folder is gone.
pub fn remove_dir_while_watched(dir: &std::path::Path) {
    for attempt in 0.. {
        match std::fs::remove_dir_all(dir) {
            Ok(()) => return,
            Err(e) if attempt < 1000 && e.kind() == std::io::ErrorKind::DirectoryNotEmpty => {}
            Err(e) => panic!("deleting {}: {e}", dir.display()),
        }
    }
}
