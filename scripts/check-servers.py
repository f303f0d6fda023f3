#!/usr/bin/env python3
"""Serve the shipped site, with aliases added, from real nginx, Apache, lighttpd, Caddy and busybox httpd servers on
127.0.0.1 (at / and under /blog/) with the configuration the manual's Hosting page gives, and from Python's http.server (no rules
at all), and check:

- every alias answers 301 with the target's URL from nginx and Apache (the lines of `sitegen
  redirects nginx|apache`);
- every path alias reaches its target through its redirect page (meta refresh) on http.server, and
  a `/?KEY=VALUE` alias through the home page's script map;
- a missing path answers the site's own 404 page with status 404 from all five;
- LinkChecker finds no broken link or #anchor on any of them.

Usage: scripts/check-servers.py SITEGEN_BINARY   (needs apt-get install nginx-light apache2
       lighttpd caddy busybox; each is started by hand on a free port of 127.0.0.1, no service is used)
Exits 1 on any failure, naming it.
"""

import html.parser
import http.client
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
# (file of the shipped site, aliases added to its front matter, URL path of its page)
ALIASES = [
    ("pages/about.md", ["/about-us/", "/2019/05/about.html", "/?page_id=2"], "about/"),
    ("posts/core.md", ["/2024/04/core/", "/old-core", "/?p=17"], "core/"),
]
failures = []
TMP = None


def fail(message):
    failures.append(message)
    print("FAIL:", message)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(port, proc, deadline=30.0):
    end = time.monotonic() + deadline
    while time.monotonic() < end:
        if proc.poll() is not None:
            raise SystemExit(f"server exited with {proc.returncode}")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            time.sleep(0.05)
    raise SystemExit(f"nothing listens on 127.0.0.1:{port} after {deadline} s")


def get(port, path):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    conn.request("GET", path)
    r = conn.getresponse()
    body = r.read().decode("utf-8", "replace")
    conn.close()
    return r.status, r.getheader("Location"), body


class Refresh(html.parser.HTMLParser):
    def __init__(self):
        super().__init__()
        self.url = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "meta" and (a.get("http-equiv") or "").lower() == "refresh":
            self.url = (a.get("content") or "").split("url=", 1)[-1]


def make_site(tmp):
    site = os.path.join(tmp, "site")
    for d in ("posts", "pages", "static", "templates"):
        if os.path.isdir(os.path.join(REPO, d)):
            shutil.copytree(os.path.join(REPO, d), os.path.join(site, d))
    shutil.copy(os.path.join(REPO, "sitegen.toml"), site)
    for rel, aliases, _ in ALIASES:
        path = os.path.join(site, rel)
        text = open(path, encoding="utf-8").read()
        assert text.startswith("+++\n"), rel
        line = "aliases = [" + ", ".join(f'"{a}"' for a in aliases) + "]\n"
        open(path, "w", encoding="utf-8").write("+++\n" + line + text[4:])
    return site


NGINX_CONF = """\
daemon off;
worker_processes 1;
pid {tmp}/nginx.pid;
error_log stderr;
{user}
events {{ worker_connections 64; }}
http {{
    include /etc/nginx/mime.types;
    access_log off;
    client_body_temp_path {tmp}/body;
    proxy_temp_path {tmp}/proxy;
    fastcgi_temp_path {tmp}/fastcgi;
    uwsgi_temp_path {tmp}/uwsgi;
    scgi_temp_path {tmp}/scgi;
    server {{
        listen 127.0.0.1:{port};
        root {root};
        # The Hosting page's lines: relative redirects (right behind any proxy or port), the site's 404
        # page, and the aliases' 301s from `sitegen redirects nginx`.
        absolute_redirect off;
        add_header LinkChecker unthrottled always;   # for the check only: LinkChecker at full speed
        error_page 404 {base}404.html;
        include {redirects};
    }}
}}
"""


def check_server(server, port, base):
    """Every alias answers 301 with its target; a missing path the site's 404 page with 404."""
    for _, aliases, target in ALIASES if server in REDIRECTING else []:
        for alias in aliases:
            request = base + alias[1:]
            status, location, _ = get(port, request)
            want = base + target
            # `/old-core` (no slash) is a folder of the output: the server may add the slash first.
            if status == 301 and location and location.endswith(request + "/"):
                status, location, _ = get(port, request + "/")
            # Apache's Location is absolute, built from the request's Host.
            if location and location.startswith(f"http://127.0.0.1:{port}/"):
                location = location[len(f"http://127.0.0.1:{port}"):]
            if (status, location) != (301, want):
                fail(f"{server} {base}: {request} -> {status} {location}, expected 301 {want}")
    status, _, body = get(port, base + "no-such-page/")
    if status != 404 or "Page not found" not in body:
        fail(f"{server} {base}: a missing path gave {status}, expected the site's 404 page with 404")
    status, _, _ = get(port, base)
    if status != 200:
        fail(f"{server} {base}: the home page gave {status}")
    linkcheck(server, port, base)


LINKCHECKER_RC = """\
[checking]
threads=4
maxrequestspersecond=1000
timeout=30

[filtering]
checkextern=0
internlinks=^http://127\\.0\\.0\\.1:{port}/

[output]
log=text

[AnchorCheck]
"""


def linkcheck(server, port, base):
    """LinkChecker from the home page and the 404 page: no broken link or #anchor (the servers send
    `LinkChecker: unthrottled`, so it does not slow itself down)."""
    rc = os.path.join(TMP, f"linkcheckerrc-{port}")
    open(rc, "w").write(LINKCHECKER_RC.format(port=port))
    os.chmod(rc, 0o644)
    urls = [f"http://127.0.0.1:{port}{base}", f"http://127.0.0.1:{port}{base}404.html"]
    run = subprocess.run(["linkchecker", "--no-status", f"--config={rc}", *urls],
                         capture_output=True, text=True)
    summary = [l for l in run.stdout.splitlines() if "found" in l or "links in" in l]
    print(f"LinkChecker on {server} {base}: " + "; ".join(summary))
    if run.returncode != 0:
        print(run.stdout[-4000:])
        fail(f"{server} {base}: LinkChecker found broken links or anchors")


APACHE_CONF = """\
ServerRoot /etc/apache2
PidFile {tmp}/apache-{port}.pid
ErrorLog /dev/stderr
LogLevel warn
Mutex file:{tmp}
DefaultRuntimeDir {tmp}
{user}
LoadModule mpm_event_module /usr/lib/apache2/modules/mod_mpm_event.so
LoadModule authz_core_module /usr/lib/apache2/modules/mod_authz_core.so
LoadModule mime_module /usr/lib/apache2/modules/mod_mime.so
LoadModule dir_module /usr/lib/apache2/modules/mod_dir.so
LoadModule alias_module /usr/lib/apache2/modules/mod_alias.so
LoadModule rewrite_module /usr/lib/apache2/modules/mod_rewrite.so
LoadModule headers_module /usr/lib/apache2/modules/mod_headers.so
# For the check only: LinkChecker at full speed.
Header always set LinkChecker unthrottled
TypesConfig /etc/mime.types
Listen 127.0.0.1:{port}
ServerName 127.0.0.1
DocumentRoot {root}
<Directory {root}>
    Require all granted
    AllowOverride None
</Directory>
DirectoryIndex index.html
# The Hosting page's lines: the site's 404 page, and the aliases' 301s from `sitegen redirects apache`.
ErrorDocument 404 {base}404.html
Include {redirects}
"""

LIGHTTPD_CONF = """\
server.document-root = "{root}"
server.bind = "127.0.0.1"
server.port = {port}
server.pid-file = "{tmp}/lighttpd-{port}.pid"
server.errorlog = "/dev/stderr"
server.modules += ("mod_setenv")
index-file.names = ("index.html")
mimetype.assign = (".html" => "text/html; charset=utf-8", ".css" => "text/css", ".xml" => "application/xml",
    ".svg" => "image/svg+xml", ".png" => "image/png", ".ico" => "image/x-icon", ".txt" => "text/plain",
    ".webmanifest" => "application/manifest+json", ".jpg" => "image/jpeg", ".webp" => "image/webp")
# The Hosting page's line: the site's 404 page with status 404 (not server.error-handler-404: status 200).
server.error-handler = "{base}404.html"
setenv.add-response-header = ("LinkChecker" => "unthrottled")
{user}
"""

CADDY_CONF = """\
{{
    admin off
    auto_https off
    storage file_system {tmp}/caddy-{port}
}}
http://127.0.0.1:{port} {{
    bind 127.0.0.1
    root * {root}
    header LinkChecker unthrottled
    file_server
    # The Hosting page's lines: the site's 404 page with status 404.
    handle_errors {{
        rewrite * {base}404.html
        file_server
    }}
}}
"""

# busybox httpd: `-c FILE` holds the error page (an absolute file path) and the content types it
# does not know by itself. It cannot add a header, so LinkChecker keeps to its 3 requests a second.
BUSYBOX_CONF = """\
E404:{root}{base}404.html
.xml:application/xml
.json:application/json
.webp:image/webp
.avif:image/avif
.woff2:font/woff2
.ico:image/x-icon
.mp4:video/mp4
.webm:video/webm
.webmanifest:application/manifest+json
"""

SERVERS = {
    "nginx": (NGINX_CONF, ["nginx", "-p", "{tmp}", "-c", "{conf}"]),
    "apache": (APACHE_CONF, ["apache2", "-f", "{conf}", "-DFOREGROUND"]),
    "lighttpd": (LIGHTTPD_CONF, ["lighttpd", "-D", "-f", "{conf}"]),
    "caddy": (CADDY_CONF, ["caddy", "run", "--adapter", "caddyfile", "--config", "{conf}"]),
    "busybox": (BUSYBOX_CONF, ["busybox", "httpd", "-f", "-p", "127.0.0.1:{port}", "-h", "{root}",
                               "-c", "{conf}"]),
}
# The servers sitegen prints 301 lines for; the others reach aliases through the redirect pages.
REDIRECTING = ("nginx", "apache")
ROOT = os.geteuid() == 0
USER = {
    "nginx": "user root;" if ROOT else "",
    "apache": "User www-data\nGroup www-data" if ROOT else "",
    "lighttpd": "",
    "caddy": "",
    "busybox": "",
}


def check_base(binary, site, tmp, base):
    name = "root" if base == "/" else "blog"
    docroot = os.path.join(tmp, "www-" + name)
    out = os.path.join(docroot, base.strip("/")) if base != "/" else docroot
    base_url = "https://example.org" + base
    subprocess.run([binary, "build", "--root", site, "--output", out, "--base-url", base_url], check=True)
    for server in SERVERS:
        redirects = os.path.join(tmp, f"redirects-{server}-{name}.conf")
        if server in REDIRECTING:
            with open(redirects, "w") as f:
                subprocess.run([binary, "redirects", server, "--root", site, "--base-url", base_url],
                               check=True, stdout=f)
        port = free_port()
        conf = os.path.join(tmp, f"{server}-{name}.conf")
        template, command = SERVERS[server]
        open(conf, "w").write(template.format(tmp=tmp, port=port, root=docroot, base=base,
                                              redirects=redirects, user=USER[server]))
        proc = subprocess.Popen([c.format(tmp=tmp, conf=conf, port=port, root=docroot)
                                 for c in command])
        try:
            wait_for(port, proc)
            check_server(server, port, base)
        finally:
            proc.terminate()
            proc.wait(timeout=30)

    # Python's http.server: no rules, so the redirect pages and the home page's script do the work.
    port = free_port()
    server = subprocess.Popen([sys.executable, "-m", "http.server", "--bind", "127.0.0.1", "--directory", docroot, str(port)],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        wait_for(port, server)
        _, _, home = get(port, base)
        for _, aliases, target in ALIASES:
            want = base + target
            for alias in aliases:
                if alias.startswith("/?"):
                    key, value = alias[2:].split("=", 1)
                    found = re.search(r"var r=(\{.*?\}),q=", home)
                    sent = json.loads(found.group(1)).get(key, {}).get(value) if found else None
                    if sent != want:
                        fail(f"http.server {base}: the home page's script sends ?{key}={value} to {sent}, expected {want}")
                    continue
                request = base + alias[1:]
                status, location, body = get(port, request)
                if status == 301 and location:  # http.server adds the slash to a folder
                    status, location, body = get(port, location)
                parser = Refresh()
                parser.feed(body)
                if status != 200 or parser.url != want:
                    fail(f"http.server {base}: {request} -> {status}, refresh to {parser.url}, expected {want}")
                    continue
                status, _, _ = get(port, parser.url)
                if status != 200:
                    fail(f"http.server {base}: the target {parser.url} gave {status}")
    finally:
        server.terminate()
        server.wait(timeout=30)


def main():
    if len(sys.argv) != 2:
        raise SystemExit(__doc__)
    binary = os.path.abspath(sys.argv[1])
    global TMP
    with tempfile.TemporaryDirectory() as tmp:
        TMP = tmp
        os.chmod(tmp, 0o755)
        site = make_site(tmp)
        for base in ("/", "/blog/"):
            check_base(binary, site, tmp, base)
    count = sum(len(a) for _, a, _ in ALIASES)
    if failures:
        print(f"check-servers: {len(failures)} failures")
        sys.exit(1)
    print(f"check-servers: {count} aliases reach their targets at / and /blog/ (nginx and Apache 301s, "
          "redirect pages, home-page script); nginx, Apache, lighttpd, Caddy and busybox httpd answer missing paths with the "
          "site's 404 page and status 404, and LinkChecker finds nothing broken on any of them")


if __name__ == "__main__":
    main()
