#!/usr/bin/env python3
"""Serve the shipped site, with aliases added, from a real nginx on 127.0.0.1 (at / and under /blog/)
with the configuration the README gives, and from Python's http.server (no rules at all), and check:

- every alias answers 301 with the target's URL from nginx (the lines of `sitegen redirects nginx`);
- every path alias reaches its target through its redirect page (meta refresh) on http.server, and
  a `/?KEY=VALUE` alias through the home page's script map;
- a missing path answers the site's own 404 page with status 404 from nginx.

Usage: scripts/check-nginx.py SITEGEN_BINARY     (needs nginx: apt-get install nginx-light)
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
        # The README's lines: relative redirects (right behind any proxy or port), the site's 404
        # page, and the aliases' 301s from `sitegen redirects nginx`.
        absolute_redirect off;
        error_page 404 {base}404.html;
        include {redirects};
    }}
}}
"""


def check_base(binary, site, tmp, base):
    name = "root" if base == "/" else "blog"
    docroot = os.path.join(tmp, "www-" + name)
    out = os.path.join(docroot, base.strip("/")) if base != "/" else docroot
    base_url = "https://example.org" + base
    subprocess.run([binary, "build", "--root", site, "--output", out, "--base-url", base_url], check=True)
    redirects = os.path.join(tmp, f"redirects-{name}.conf")
    with open(redirects, "w") as f:
        subprocess.run([binary, "redirects", "nginx", "--root", site, "--base-url", base_url], check=True, stdout=f)

    # nginx, with the README's configuration.
    port = free_port()
    conf = os.path.join(tmp, f"nginx-{name}.conf")
    user = "user root;" if os.geteuid() == 0 else ""
    open(conf, "w").write(NGINX_CONF.format(tmp=tmp, port=port, root=docroot, base=base, redirects=redirects, user=user))
    nginx = subprocess.Popen(["nginx", "-p", tmp, "-c", conf])
    try:
        wait_for(port, nginx)
        for _, aliases, target in ALIASES:
            for alias in aliases:
                request = base + alias[1:]
                status, location, _ = get(port, request)
                want = base + target
                # `/old-core` (no slash) is a folder: nginx may add the slash first.
                if status == 301 and location == request + "/":
                    status, location, _ = get(port, location)
                if (status, location) != (301, want):
                    fail(f"nginx {base}: {request} -> {status} {location}, expected 301 {want}")
        status, _, body = get(port, base + "no-such-page/")
        if status != 404 or "Page not found" not in body:
            fail(f"nginx {base}: a missing path gave {status}, expected the site's 404 page with 404")
        status, _, _ = get(port, base)
        if status != 200:
            fail(f"nginx {base}: the home page gave {status}")
    finally:
        nginx.terminate()
        nginx.wait(timeout=30)

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
    with tempfile.TemporaryDirectory() as tmp:
        os.chmod(tmp, 0o755)
        site = make_site(tmp)
        for base in ("/", "/blog/"):
            check_base(binary, site, tmp, base)
    count = sum(len(a) for _, a, _ in ALIASES)
    if failures:
        print(f"check-nginx: {len(failures)} failures")
        sys.exit(1)
    print(f"check-nginx: {count} aliases reach their targets at / and /blog/ (nginx 301s, redirect pages, "
          "home-page script); missing paths get the site's 404 page with status 404")


if __name__ == "__main__":
    main()
