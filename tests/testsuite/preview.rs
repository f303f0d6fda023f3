//! Looking at the output without the `watch` server, as the README advises: any static server
//! serving `public/` (here Python's `http.server`, which CI has) shows every page and resolves
//! every link; the links are root-relative, which is why opening `index.html` from disk breaks.

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};

use crate::common::watch::raw_get;
use crate::common::{TestSite, html, links};

/// `python3 -m http.server` on 127.0.0.1 and a free port, serving `dir`; stopped when dropped.
struct StaticServer(Child, u16);

impl StaticServer {
    fn start(dir: &std::path::Path) -> StaticServer {
        let mut child = Command::new("python3")
            .args([
                "-u",
                "-m",
                "http.server",
                "0",
                "--bind",
                "127.0.0.1",
                "--directory",
            ])
            .arg(dir)
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("python3 (CI installs it)");
        // "Serving HTTP on 127.0.0.1 port 41234 (http://127.0.0.1:41234/) ..."
        let mut line = String::new();
        BufReader::new(child.stdout.take().unwrap())
            .read_line(&mut line)
            .unwrap();
        let port = line
            .split(" port ")
            .nth(1)
            .and_then(|rest| rest.split(' ').next())
            .and_then(|p| p.parse().ok())
            .unwrap_or_else(|| panic!("no port in {line:?}"));
        StaticServer(child, port)
    }
}

impl Drop for StaticServer {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

#[test]
fn the_output_served_by_any_static_server_resolves_every_link() {
    let site = TestSite::shipped();
    site.build_ok(&[]);
    let server = StaticServer::start(&site.path("public"));
    let (status, home) = raw_get(server.1, "/");
    assert_eq!(status, 200, "{home}");
    let body = &home[home.find("\r\n\r\n").unwrap()..];
    let internal: Vec<String> = links(&html(body))
        .into_iter()
        .filter(|l| l.starts_with('/') && !l.starts_with("//"))
        .collect();
    assert!(internal.len() > 10, "{internal:?}");
    for link in &internal {
        let path = link.split('#').next().unwrap();
        let (status, _) = raw_get(server.1, path);
        assert_eq!(status, 200, "{link}");
    }
    // The links are root-relative: from file:// they would point at the disk's root, which is
    // what the README warns about.
    assert!(
        internal
            .iter()
            .any(|l| l.starts_with("/series/") || l.starts_with("/exercises/"))
    );
}
