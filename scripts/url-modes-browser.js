#!/usr/bin/env node
// Opens every page of a site built with `urls = "relative"` straight from disk (file://) in
// headless Chromium (playwright-core with Debian's /usr/bin/chromium) and checks that each loads
// completely: no failed request, no console error, its stylesheet applied, every image (lazy ones
// made eager) decoded. Then follows the header's links from the home page by clicking, so the
// navigation a reader uses works from disk too.
//
// Usage: node scripts/url-modes-browser.js DIR [SCREENSHOT.png]
// DIR is the output folder; 404.html is left out (hosts show it at missing addresses, so its
// links stay root-relative). Exits 1 on any failure, naming the page.
"use strict";

const fs = require("fs");
const os = require("os");
const path = require("path");
const { pathToFileURL } = require("url");
const { chromium } = require("playwright-core");

function htmlFiles(dir) {
  const out = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...htmlFiles(full));
    else if (entry.name.endsWith(".html")) out.push(full);
  }
  return out.sort();
}

async function main() {
  const [dir, screenshot] = process.argv.slice(2);
  if (!dir || !fs.statSync(dir).isDirectory()) {
    console.error("usage: node scripts/url-modes-browser.js DIR [SCREENSHOT.png]");
    process.exit(2);
  }
  const root = fs.realpathSync(dir);
  const pages = htmlFiles(root).filter((f) => path.relative(root, f) !== "404.html");
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), "url-modes-"));
  const browser = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    headless: true,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
  const failures = [];
  const page = browser.pages()[0] || (await browser.newPage());
  let current = "";
  page.on("requestfailed", (r) => {
    // A fetch still under way when the next page is opened is aborted (the tab's icon, fetched
    // after `load`; a list's lazy pictures, fetched as the page is shown): a race of the
    // browser, not a missing file, which fails otherwise (net::ERR_FILE_NOT_FOUND). Every
    // picture of every page is loaded and decoded below, and LinkChecker checks every link.
    if (r.failure()?.errorText === "net::ERR_ABORTED") return;
    failures.push(`${current}: request failed: ${r.url()} (${r.failure()?.errorText})`);
  });
  page.on("console", (m) => {
    if (m.type() === "error") failures.push(`${current}: console error: ${m.text()}`);
  });
  page.on("pageerror", (e) => failures.push(`${current}: script error: ${e.message}`));
  let images = 0;
  for (const file of pages) {
    current = path.relative(root, file);
    const url = pathToFileURL(file).href;
    await page.goto(url, { waitUntil: "load" });
    if (page.url() !== url) {
      // An alias page's meta refresh: it must have led to another page of the site on disk.
      if (!page.url().startsWith(pathToFileURL(root).href)) {
        failures.push(`${current}: left the site for ${page.url()}`);
      }
      continue;
    }
    const facts = await page.evaluate(async () => {
      const sheets = [...document.querySelectorAll('link[rel="stylesheet"]')];
      const imgs = [...document.images];
      for (const img of imgs) img.loading = "eager";
      const broken = [];
      await Promise.all(
        imgs.map((img) => img.decode().catch(() => broken.push(img.currentSrc || img.src))),
      );
      return {
        sheets: sheets.length,
        unloaded: sheets.filter((l) => !l.sheet).map((l) => l.href),
        // The theme's stylesheet sets a font stack; an unstyled page has the browser's serif.
        styled: getComputedStyle(document.body).fontFamily !== "\"Times New Roman\"" &&
          !/^Times/.test(getComputedStyle(document.body).fontFamily),
        images: imgs.length,
        broken,
      };
    });
    images += facts.images;
    if (facts.sheets === 0 || facts.unloaded.length || !facts.styled) {
      failures.push(`${current}: stylesheet not applied (${facts.unloaded.join(", ")})`);
    }
    for (const src of facts.broken) failures.push(`${current}: image did not load: ${src}`);
  }
  // A reader's clicks: from the home page, each link of the header navigation.
  current = "index.html";
  await page.goto(pathToFileURL(path.join(root, "index.html")).href);
  const nav = await page.$$eval("header nav a", (as) => as.map((a) => a.textContent.trim()));
  for (const name of nav) {
    await page.goto(pathToFileURL(path.join(root, "index.html")).href);
    await Promise.all([page.waitForEvent("load"), page.click(`header nav a >> text="${name}"`)]);
    const title = await page.title();
    if (!page.url().endsWith(".html") || /not found/i.test(title)) {
      failures.push(`clicking "${name}" in the header led to ${page.url()} (${title})`);
    }
  }
  if (screenshot) {
    await page.setViewportSize({ width: 390, height: 844 });
    const core = path.join(root, "core", "index.html");
    await page.goto(pathToFileURL(fs.existsSync(core) ? core : pages[0]).href);
    await page.screenshot({ path: screenshot });
  }
  await browser.close();
  fs.rmSync(profile, { recursive: true, force: true });
  if (failures.length) {
    for (const f of failures) console.error("FAIL:", f);
    process.exit(1);
  }
  console.log(
    `file://: ${pages.length} pages loaded with their stylesheet and ${images} images, ` +
      `no failed request; ${nav.length} header links clicked`,
  );
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
