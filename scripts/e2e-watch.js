// End-to-end check of `sitegen watch` in a real browser (Debian's chromium via playwright-core):
// a save shows up in the open tab, a broken save shows the error overlay over the last good page,
// and the next good save clears it. Usage: node scripts/e2e-watch.js [path/to/sitegen]
"use strict";
const { chromium } = require("playwright-core");
const { spawn } = require("child_process");
const fs = require("fs");
const os = require("os");
const path = require("path");
const net = require("net");

const repo = path.resolve(__dirname, "..");
const bin = process.argv[2] || path.join(repo, "target/release/sitegen");
const chromiumPath = process.env.CHROMIUM || "/usr/bin/chromium";

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

(async () => {
  const site = fs.mkdtempSync(path.join(os.tmpdir(), "sitegen-e2e-"));
  copyDir(path.join(repo, "posts"), path.join(site, "posts"));
  fs.copyFileSync(path.join(repo, "sitegen.toml"), path.join(site, "sitegen.toml"));
  const port = await freePort();
  const watch = spawn(bin, ["watch", "--root", site, "--port", String(port)], { stdio: ["ignore", "ignore", "pipe"] });
  let log = "";
  const ready = new Promise((resolve, reject) => {
    watch.stderr.on("data", (d) => { log += d; if (log.includes("watching")) resolve(); });
    watch.on("exit", (c) => reject(new Error("watch exited with " + c + ":\n" + log)));
    setTimeout(() => reject(new Error("watch did not start:\n" + log)), 15000);
  });
  let browser;
  try {
    await ready;
    browser = await chromium.launch({
      executablePath: chromiumPath,
      args: ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync"],
    });
    const page = await browser.newPage();
    await page.goto(`http://127.0.0.1:${port}/core/`);
    await page.waitForLoadState("load");
    await page.waitForTimeout(300); // the live-reload stream connects after load
    const post = path.join(site, "posts/core.md");
    const good = fs.readFileSync(post, "utf8");

    const t0 = Date.now();
    fs.writeFileSync(post, good + "\nA sentence typed in the editor.\n");
    await page.waitForFunction(() => document.body.innerText.includes("A sentence typed in the editor."), null, { timeout: 5000 });
    const ms = Date.now() - t0;
    check(ms < 2000, `a save reached the open tab in ${ms} ms`);

    fs.writeFileSync(post, good + "\n{{ exercise(id=\"dead-bugg\") }}\n");
    await page.waitForSelector("#sitegen-error", { timeout: 5000 });
    const overlay = await page.textContent("#sitegen-error");
    check(/posts\/core\.md:\d+:\d+: error: unknown exercise `dead-bugg`/.test(overlay), "a broken save shows the error with PATH:LINE:COL");
    check((await page.textContent("h1")).trim() === "Core", "the last good page stays under the overlay");

    fs.writeFileSync(post, good);
    await page.waitForFunction(() => !document.getElementById("sitegen-error") && !document.body.innerText.includes("typed in the editor"), null, { timeout: 5000 });
    check(true, "the next good save clears the overlay and shows the fixed page");
  } finally {
    if (browser) await browser.close();
    watch.kill("SIGINT");
  }
})().catch((e) => { console.error("e2e-watch FAILED: " + e.message); process.exit(1); });
