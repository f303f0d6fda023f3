// What a reader's search downloads (BENCHMARKS.md, "Search"): opens BASE/search/?q=QUERY of a built
// site in Chromium (playwright-core), waits for the results, and sums the bytes of every file of
// pagefind/ the page fetched, split into Pagefind's UI and engine (the same for any site) and the
// index (what grows with the site). Also prints the size of pagefind/ on disk.
//
// Usage: node benches/search_bytes.js DIR QUERY [QUERY ...]
"use strict";
const { chromium } = require("playwright-core");
const fs = require("fs");
const http = require("http");
const path = require("path");

function serve(dir) {
  const server = http.createServer((req, res) => {
    let file = path.join(dir, decodeURIComponent(new URL(req.url, "http://x").pathname));
    if (!path.resolve(file).startsWith(path.resolve(dir))) { res.writeHead(403); res.end(); return; }
    if (fs.existsSync(file) && fs.statSync(file).isDirectory()) file = path.join(file, "index.html");
    fs.readFile(file, (err, data) => {
      if (err) { res.writeHead(404); res.end(); return; }
      const type = file.endsWith(".html") ? "text/html" : file.endsWith(".js") ? "text/javascript"
        : file.endsWith(".css") ? "text/css" : "application/octet-stream";
      res.writeHead(200, { "Content-Type": type });
      res.end(data);
    });
  });
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve(server)));
}

function du(dir) {
  let bytes = 0, files = 0;
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) { const s = du(p); bytes += s.bytes; files += s.files; }
    else { bytes += fs.statSync(p).size; files += 1; }
  }
  return { bytes, files };
}

const kb = (n) => (n / 1024).toFixed(1) + " KB";

(async () => {
  const [dir, ...queries] = process.argv.slice(2);
  if (!dir || queries.length === 0) {
    console.error("usage: node benches/search_bytes.js DIR QUERY [QUERY ...]");
    process.exit(2);
  }
  const all = du(path.join(dir, "pagefind"));
  const index = ["index", "fragment", "filter"].map((d) => du(path.join(dir, "pagefind", d)));
  console.log(`pagefind/ on disk: ${kb(all.bytes)} in ${all.files} files; index/ ${kb(index[0].bytes)} ` +
    `(${index[0].files}), fragment/ ${kb(index[1].bytes)} (${index[1].files}), filter/ ${kb(index[2].bytes)}`);
  const server = await serve(path.resolve(dir));
  const origin = "http://127.0.0.1:" + server.address().port;
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"],
  });
  try {
    for (const q of queries) {
      const page = await browser.newPage();
      const got = [];
      page.on("response", async (r) => {
        const u = new URL(r.url());
        if (u.pathname.startsWith("/pagefind/")) {
          try { got.push({ path: u.pathname, bytes: (await r.body()).length }); } catch (e) { /* aborted */ }
        }
      });
      await page.goto(origin + "/search/?q=" + encodeURIComponent(q));
      await page.locator(".pagefind-ui__result-link").first().waitFor({ timeout: 120000 });
      await page.waitForLoadState("networkidle");
      const count = await page.locator(".pagefind-ui__message").textContent();
      const engine = got.filter((f) => !/\.(pf_index|pf_fragment|pf_filter|pf_meta)$/.test(f.path) && !f.path.endsWith(".json"));
      const idx = got.filter((f) => !engine.includes(f));
      const sum = (fs_) => fs_.reduce((n, f) => n + f.bytes, 0);
      console.log(`"${q}" (${count.trim()}): ${kb(sum(got))} in ${got.length} files = UI and engine ${kb(sum(engine))} ` +
        `(${engine.map((f) => path.basename(f.path)).join(", ")}) + index ${kb(sum(idx))} in ${idx.length} files ` +
        `(${["pf_meta", "pf_index", "pf_fragment", "pf_filter"].map((x) => {
          const of = idx.filter((f) => f.path.endsWith(x)); return `${of.length} ${x} ${kb(sum(of))}`; }).join(", ")})`);
      await page.close();
    }
  } finally {
    await browser.close();
    server.close();
  }
})().catch((e) => { console.error(e); process.exit(1); });
