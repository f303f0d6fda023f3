#!/usr/bin/env python3
"""Serve a folder on 127.0.0.1 for the site checks (scripts/check-site, scripts/screenshot).

Usage: serve.py DIR PORTFILE

Binds 127.0.0.1 on a free port chosen by the OS, writes that port to PORTFILE once it
is listening, and serves DIR until killed. Every response carries the header
`LinkChecker: unthrottled`, which lifts LinkChecker's self-imposed limit of about three
requests a second per host (see /work/shared/CHECKERS.md). Only loopback is used.
"""

import functools
import http.server
import os
import sys


class Handler(http.server.SimpleHTTPRequestHandler):
    def end_headers(self):
        self.send_header("LinkChecker", "unthrottled")
        self.send_header("Cache-Control", "no-store")
        super().end_headers()

    def log_message(self, format, *args):  # noqa: A002 - signature from the base class
        # Quiet: the checkers report broken links themselves, with the page they are on.
        pass


def main():
    if len(sys.argv) != 3:
        sys.exit("usage: serve.py DIR PORTFILE")
    root, portfile = sys.argv[1], sys.argv[2]
    if not os.path.isdir(root):
        sys.exit(f"serve.py: not a directory: {root}")
    handler = functools.partial(Handler, directory=root)
    http.server.ThreadingHTTPServer.allow_reuse_address = True
    with http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler) as httpd:
        port = httpd.server_address[1]
        tmp = portfile + ".tmp"
        with open(tmp, "w") as f:
            f.write(f"{port}\n")
        os.replace(tmp, portfile)  # appear atomically, so a reader never sees a half-written file
        httpd.serve_forever()


if __name__ == "__main__":
    main()
