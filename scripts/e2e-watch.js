// End-to-end check of `sitegen watch` in a real browser (Debian's chromium via playwright-core):
// a save shows up in the open tab, a broken save shows the error overlay over the last good page,
// and the next good save clears it.
//
// Usage: node scripts/e2e-watch.js [path/to/sitegen]
//   (default: $SITEGEN_BIN, else $CARGO_TARGET_DIR/release/sitegen, else target/release/sitegen)
//
// Every wait is for a condition (the watcher's "watching" line, the page's live-reload stream being
// open, text in the page), each with a generous deadline (E2E_TIMEOUT_MS, default 60 s), so a slow or
// busy machine makes this slower, never red. The save-to-tab time is printed, not asserted: latency
// is measured by benches/watch_latency.py.
"use strict";
const { chromium } = require("playwright-core");
const { spawn } = require("child_process");
const fs = require("fs");
const os = require("os");
const path = require("path");
const net = require("net");

const repo = path.resolve(__dirname, "..");
const bin = path.resolve(process.argv[2] || process.env.SITEGEN_BIN ||
  path.join(process.env.CARGO_TARGET_DIR ? path.resolve(repo, process.env.CARGO_TARGET_DIR) : path.join(repo, "target"),
    "release", "sitegen"));
const chromiumPath = process.env.CHROMIUM || "/usr/bin/chromium";
const TIMEOUT = Number(process.env.E2E_TIMEOUT_MS) || 60000;
// The live-reload script's server-sent events stream (src/serve.rs, EVENTS_PATH).
const EVENTS_PATH = "/__sitegen/events";

function freePort() {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.listen(0, "127.0.0.1", () => { const p = s.address().port; s.close(() => resolve(p)); });
    s.on("error", reject);
  });
}

function copyDir(from, to) {
  fs.mkdirSync(to, { recursive: true });
  for (const e of fs.readdirSync(from, { withFileTypes: true })) {
    const a = path.join(from, e.name), b = path.join(to, e.name);
    if (e.isDirectory()) copyDir(a, b); else fs.copyFileSync(a, b);
  }
}

function check(cond, msg) { if (!cond) throw new Error(msg); console.log("ok: " + msg); }

// Resolves when `page` has received the response headers of its live-reload stream: the server
// registers the client before it sends them, so every event sent after this reaches the page.
// Start it before the navigation or save that loads the page, await it after.
function streamOpened(page) {
  return page.waitForResponse((r) => new URL(r.url()).pathname === EVENTS_PATH && r.status() === 200,
    { timeout: TIMEOUT });
}

(async () => {
  if (!fs.existsSync(bin)) throw new Error(`no sitegen binary at ${bin} (build it, or pass its path)`);
  const site = fs.mkdtempSync(path.join(os.tmpdir(), "sitegen-e2e-"));
  // The shipped site: posts, and the pages and static files (drawings, heroes) they use.
  for (const dir of ["posts", "pages", "static"]) {
    if (fs.existsSync(path.join(repo, dir))) copyDir(path.join(repo, dir), path.join(site, dir));
  }
  fs.copyFileSync(path.join(repo, "sitegen.toml"), path.join(site, "sitegen.toml"));
  const port = await freePort();
  const watch = spawn(bin, ["watch", "--root", site, "--port", String(port)], { stdio: ["ignore", "ignore", "pipe"] });
  let log = "";
  let exited = false;
  const ready = new Promise((resolve, reject) => {
    watch.stderr.on("data", (d) => { log += d; if (log.includes("watching")) resolve(); });
    watch.on("exit", (c) => { exited = true; reject(new Error("watch exited with " + c + ":\n" + log)); });
    // unref: a pending deadline must not keep node running once the checks are done.
    setTimeout(() => reject(new Error(`watch did not start within ${TIMEOUT} ms:\n` + log)), TIMEOUT).unref();
  });
  let browser;
  try {
    await ready;
    browser = await chromium.launch({
      executablePath: chromiumPath,
      timeout: TIMEOUT,
      args: ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync"],
    });
    const page = await browser.newPage();
    page.setDefaultTimeout(TIMEOUT);
    page.setDefaultNavigationTimeout(TIMEOUT);

    // The script connects once the page has loaded; a save before that would be missed.
    let opened = streamOpened(page);
    await page.goto(`http://127.0.0.1:${port}/core/`);
    await opened;
    check(true, "the page opened its live-reload stream");
    const post = path.join(site, "posts/core.md");
    const good = fs.readFileSync(post, "utf8");

    // The save reloads the tab; the reloaded page opens a new stream before the next save.
    opened = streamOpened(page);
    const t0 = Date.now();
    fs.writeFileSync(post, good + "\nA sentence typed in the editor.\n");
    await page.waitForFunction(() => document.body && document.body.innerText.includes("A sentence typed in the editor."));
    const ms = Date.now() - t0;
    check(true, "a save reached the open tab");
    console.log(`info: save to open tab took ${ms} ms (printed, not checked; see benches/watch_latency.py)`);
    await opened;

    fs.writeFileSync(post, good + "\n{{ exercise(id=\"dead-bugg\") }}\n");
    await page.waitForSelector("#sitegen-error");
    const overlay = await page.textContent("#sitegen-error");
    check(/posts\/core\.md:\d+:\d+: error: unknown exercise `dead-bugg`/.test(overlay), "a broken save shows the error with PATH:LINE:COL");
    check((await page.textContent("h1")).trim() === "Core", "the last good page stays under the overlay");
    const alpha = await page.$eval("#sitegen-error", (el) => {
      const m = getComputedStyle(el).backgroundColor.match(/rgba?\(([^)]*)\)/);
      const parts = m ? m[1].split(",").map(Number) : [];
      return parts.length === 4 ? parts[3] : 1;
    });
    check(alpha === 1, `the overlay is opaque: the page's text does not show through it (alpha ${alpha})`);

    fs.writeFileSync(post, good);
    await page.waitForFunction(() => document.body && !document.getElementById("sitegen-error") && !document.body.innerText.includes("typed in the editor"));
    check(true, "the next good save clears the overlay and shows the fixed page");
  } finally {
    if (browser) await browser.close();
    if (!exited) watch.kill("SIGINT");
  }
})().catch((e) => { console.error("e2e-watch FAILED: " + e.message); process.exit(1); });
