// What the browser checks share: a static server for a built site, Chromium launched with the
// flags of the brief, and `check`, which prints each passed check and throws on a failed one.
"use strict";
const { chromium } = require("playwright-core");
const fs = require("fs");
const http = require("http");
const path = require("path");

const TIMEOUT = Number(process.env.E2E_TIMEOUT_MS) || 60000;

const TYPES = {
  ".html": "text/html; charset=utf-8", ".css": "text/css", ".js": "text/javascript",
  ".json": "application/json", ".xml": "application/xml", ".svg": "image/svg+xml",
  ".png": "image/png", ".jpg": "image/jpeg", ".webp": "image/webp", ".txt": "text/plain",
  ".wasm": "application/wasm", ".pf_meta": "application/octet-stream",
};

// Serves `dir` under `base` (a folder leads to its index.html) on 127.0.0.1, on a free port.
function serve(dir, base) {
  const server = http.createServer((req, res) => {
    let p = decodeURIComponent(new URL(req.url, "http://x").pathname);
    if (!p.startsWith(base)) { res.writeHead(404); res.end(); return; }
    let file = path.join(dir, p.slice(base.length));
    if (!path.resolve(file).startsWith(path.resolve(dir))) { res.writeHead(403); res.end(); return; }
    if (fs.existsSync(file) && fs.statSync(file).isDirectory()) {
      if (!p.endsWith("/")) { res.writeHead(301, { Location: p + "/" }); res.end(); return; }
      file = path.join(file, "index.html");
    }
    fs.readFile(file, (err, data) => {
      if (err) { res.writeHead(404); res.end("not found"); return; }
      res.writeHead(200, { "Content-Type": TYPES[path.extname(file)] || "application/octet-stream" });
      res.end(data);
    });
  });
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve(server)));
}

// Debian's chromium (or $CHROMIUM), headless, with the flags of the brief.
function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    timeout: TIMEOUT,
    args: ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
      "--disable-component-update", "--disable-sync"],
  });
}

function check(cond, msg) { if (!cond) throw new Error(msg); console.log("ok: " + msg); }

module.exports = { TIMEOUT, serve, launch, check };
