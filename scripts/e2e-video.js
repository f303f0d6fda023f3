// The Low Back Pain post in a real browser (Debian's chromium via playwright-core), at 390x844, as
// issue 9 asks: opening it asks nothing of any host but the site's own, shifts no layout (CLS 0),
// and transfers at most 200 KB before the reader does anything; a click on a video facade puts the
// player in its place, and only then is the video host asked for anything.
//
// Usage: node scripts/e2e-video.js BIN
// BIN is a sitegen binary. The script copies the shipped site (posts/, pages/, static/,
// sitegen.toml) into a temporary folder and builds it twice over, each at / and under /blog/:
//   - "shipped": the series exactly as it is (it links no video: no video address of its
//     exercises is known to be right, and none is invented);
//   - "with videos": the same, plus a YouTube `video` shortcode at the end of the Low Back Pain
//     post (Google's documented sample video of the IFrame Player API, M7lc1UVf-VE, at 1:30, with
//     captions) and a Vimeo `video:` on the Glute Bridge exercise (Vimeo's documented example,
//     76979871), whose drawing becomes the facade's poster.
// Every site is served on 127.0.0.1 by a small static server in this process. Any request to
// another host is recorded and aborted (this machine has no internet, and CI must not need it):
// the check is that none is attempted before a click, and that the click attempts the player.
// Every wait is for a condition, with a deadline (E2E_TIMEOUT_MS, default 60 s). Prints the
// figures (bytes and requests on load, CLS, bytes after scrolling to the end) as lines starting
// with "figures:", which BENCHMARKS.md records. SCREENSHOTS=DIR saves the facades at 390 px,
// light and dark, before and after a click.
"use strict";
const { chromium } = require("playwright-core");
const { execFileSync } = require("child_process");
const fs = require("fs");
const http = require("http");
const os = require("os");
const path = require("path");

const chromiumPath = process.env.CHROMIUM || "/usr/bin/chromium";
const TIMEOUT = Number(process.env.E2E_TIMEOUT_MS) || 60000;
const SHOTS = process.env.SCREENSHOTS || "";
const BUDGET = 200 * 1024;
const YOUTUBE = "https://www.youtube.com/watch?v=M7lc1UVf-VE";
const VIMEO = "https://vimeo.com/76979871";

const MIME = {
  ".html": "text/html; charset=utf-8", ".css": "text/css", ".js": "text/javascript",
  ".svg": "image/svg+xml", ".png": "image/png", ".jpg": "image/jpeg", ".webp": "image/webp",
  ".xml": "application/xml", ".json": "application/json", ".webmanifest": "application/manifest+json",
};

function check(cond, msg) {
  if (!cond) throw new Error(msg);
  console.log("ok: " + msg);
}

// A static server for `dir` under `base` on 127.0.0.1 (a folder leads to its index.html).
function serve(dir, base) {
  const server = http.createServer((req, res) => {
    const p = decodeURIComponent(new URL(req.url, "http://x").pathname);
    let file = p.startsWith(base) ? path.join(dir, p.slice(base.length)) : null;
    if (file && fs.existsSync(file) && fs.statSync(file).isDirectory()) file = path.join(file, "index.html");
    if (!file || !path.resolve(file).startsWith(path.resolve(dir)) || !fs.existsSync(file)) {
      res.writeHead(404);
      res.end();
      return;
    }
    res.writeHead(200, { "Content-Type": MIME[path.extname(file)] || "application/octet-stream" });
    res.end(fs.readFileSync(file));
  });
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve(server)));
}

// The shipped site copied to `root`, with the two videos added when `videos`.
function writeSite(root, videos) {
  for (const part of ["posts", "pages", "static", "sitegen.toml"]) {
    if (fs.existsSync(part)) fs.cpSync(part, path.join(root, part), { recursive: true });
  }
  if (!videos) return;
  const post = path.join(root, "posts", "low-back-pain.md");
  fs.appendFileSync(post, `\n## A demonstration\n\n{{ video(url="${YOUTUBE}", title="Sample video", start="1:30", captions=true) }}\n`);
  const bridge = path.join(root, "posts", "exercises", "glute-bridge.md");
  const text = fs.readFileSync(bridge, "utf8");
  check(/^image: /m.test(text), "the Glute Bridge exercise has a drawing to be its poster");
  fs.writeFileSync(bridge, text.replace(/^image: /m, `video: "${VIMEO}"\nimage: `));
}

// Opens `url` in a fresh 390x844 page; returns the page and what it has asked of whom.
async function open(browser, url, colorScheme, javaScriptEnabled = true) {
  const context = await browser.newContext({
    viewport: { width: 390, height: 844 }, deviceScaleFactor: 1, colorScheme, javaScriptEnabled,
  });
  const log = { own: [], foreign: [], bytes: 0, pending: [] };
  const origin = new URL(url).origin;
  await context.route("**/*", (route) => {
    const u = route.request().url();
    if (u.startsWith(origin + "/") || u.startsWith("data:")) return route.continue();
    log.foreign.push(u);
    return route.abort("blockedbyclient");
  });
  const page = await context.newPage();
  // Layout shifts from the very start, as Chromium reports them (input-driven ones excluded).
  await page.addInitScript(() => {
    window.__cls = 0;
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) if (!e.hadRecentInput) window.__cls += e.value;
    }).observe({ type: "layout-shift", buffered: true });
  });
  page.on("requestfinished", (req) => {
    if (!req.url().startsWith(origin + "/")) return;
    log.own.push(req.url());
    log.pending.push(req.sizes().then((s) => { log.bytes += s.responseHeadersSize + s.responseBodySize; }));
  });
  await page.goto(url, { waitUntil: "networkidle", timeout: TIMEOUT });
  // Every picture the browser chose to load has arrived (lazy ones below the screen wait, and
  // so do ones not shown at all: an animation's still drawing, for print and reduced motion).
  await page.waitForFunction(() => [...document.images]
    .filter((i) => i.loading !== "lazy" || (i.getClientRects().length > 0 && i.getBoundingClientRect().top < innerHeight))
    .every((i) => i.complete), null, { timeout: TIMEOUT });
  await settled(log);
  return { context, page, log };
}

// Waits until the size of every finished request is counted.
async function settled(log) {
  while (log.pending.length) await Promise.all(log.pending.splice(0));
}

async function cls(page) {
  return page.evaluate(() => window.__cls);
}

// Scrolls to the end a screen at a time, each time until the pictures in view have loaded.
async function scrollThrough(page) {
  for (;;) {
    const more = await page.evaluate(() => {
      const end = document.documentElement.scrollHeight - innerHeight;
      const top = Math.min(end, scrollY + Math.round(innerHeight * 0.8));
      window.scrollTo({ top, behavior: "instant" });
      return top < end;
    });
    await page.waitForFunction(() => [...document.images]
      .filter((i) => { const r = i.getBoundingClientRect(); return r.bottom > 0 && r.top < innerHeight; })
      .every((i) => i.complete), null, { timeout: TIMEOUT });
    if (!more) return;
  }
}

async function measure(browser, origin, base, label, videos) {
  const url = `${origin}${base}low-back-pain/`;
  const { context, page, log } = await open(browser, url, "light");
  const figures = { requests: log.own.length, bytes: log.bytes, cls: await cls(page) };
  const where = `${label} at ${base}`;
  check(log.foreign.length === 0, `${where}: no request to another host on load (${log.foreign.join(", ") || "none"})`);
  check(figures.cls === 0, `${where}: cumulative layout shift on load is 0 (${figures.cls})`);
  check(figures.bytes <= BUDGET, `${where}: ${figures.bytes} bytes on load, at most ${BUDGET}`);
  await scrollThrough(page);
  await page.waitForLoadState("networkidle", { timeout: TIMEOUT });
  await settled(log);
  figures.scrolled_bytes = log.bytes;
  figures.scrolled_requests = log.own.length;
  figures.scrolled_cls = await cls(page);
  check(figures.scrolled_cls === 0, `${where}: no layout shift while scrolling to the end and every picture loads (${figures.scrolled_cls})`);
  check(log.foreign.length === 0, `${where}: no request to another host after scrolling to the end`);
  const facades = page.locator(".video-facade");
  figures.facades = await facades.count();
  console.log(`figures: ${where}: ${JSON.stringify(figures)}`);
  if (!videos) {
    check(figures.facades === 0, `${where}: the shipped post has no video`);
    await context.close();
    return;
  }
  check(figures.facades === 2, `${where}: two facades (the post's video and the Glute Bridge card's)`);
  check(await page.locator("iframe").count() === 0, `${where}: no iframe before a click`);

  // The post's YouTube video, by mouse.
  const play = page.getByRole("button", { name: "Play: Sample video" });
  check(await play.isVisible(), `${where}: the facade's button is visible and named "Play: Sample video"`);
  await play.scrollIntoViewIfNeeded();
  if (SHOTS) await shoot(page, ".post-content > .video-facade", `${label}-youtube-light`);
  const asked = page.waitForRequest((r) => r.url().startsWith("https://www.youtube-nocookie.com/"), { timeout: TIMEOUT });
  await play.click();
  const frame = page.locator(".post-content > .video-facade iframe");
  await frame.waitFor({ timeout: TIMEOUT });
  const src = await frame.getAttribute("src");
  check(src === "https://www.youtube-nocookie.com/embed/M7lc1UVf-VE?autoplay=1&start=90&cc_load_policy=1&cc_lang_pref=en",
    `${where}: a click puts the nocookie player, autoplaying at 1:30 with captions, in place (${src})`);
  check(await frame.getAttribute("title") === "Sample video", `${where}: the player has the video's title`);
  check((await asked).url().startsWith(src.split("?")[0]), `${where}: only then is YouTube asked for the player`);
  check(await page.evaluate(() => document.activeElement && document.activeElement.tagName) === "IFRAME",
    `${where}: focus moves into the player`);

  // The Glute Bridge card's Vimeo video, by keyboard.
  const card = page.getByRole("button", { name: "Play: Glute Bridge demonstration" });
  await card.scrollIntoViewIfNeeded();
  check(await page.locator(".exercise-card .video-facade img[alt*='knees bent']").count() === 1,
    `${where}: the card's facade shows the exercise's drawing with its description`);
  if (SHOTS) await shoot(page, ".exercise-card .video-facade", `${label}-vimeo-light`);
  const vimeoAsked = page.waitForRequest((r) => r.url().startsWith("https://player.vimeo.com/"), { timeout: TIMEOUT });
  await card.focus();
  await page.keyboard.press("Enter");
  const vframe = page.locator(".exercise-card .video-facade iframe");
  await vframe.waitFor({ timeout: TIMEOUT });
  const vsrc = await vframe.getAttribute("src");
  check(vsrc === "https://player.vimeo.com/video/76979871?autoplay=1&dnt=1", `${where}: Enter on the card's button loads the Vimeo player with dnt=1 (${vsrc})`);
  await vimeoAsked;
  const hosts = [...new Set(log.foreign.map((u) => new URL(u).host))].sort();
  check(hosts.join(" ") === "player.vimeo.com www.youtube-nocookie.com",
    `${where}: after the clicks, only the two players were asked for (${hosts.join(", ")})`);
  await context.close();

  // Dark, for people to look at.
  if (SHOTS) {
    const dark = await open(browser, url, "dark");
    await shoot(dark.page, ".post-content > .video-facade", `${label}-youtube-dark`);
    await shoot(dark.page, ".exercise-card .video-facade", `${label}-vimeo-dark`);
    await dark.context.close();
  }

  // Without JavaScript: no button, a link to the video's page, still nothing asked of YouTube.
  const nojs = await open(browser, url, "light", false);
  const link = nojs.page.locator(".post-content > .video-facade a.video-link");
  check(await link.isVisible(), `${where}: without JavaScript a link to the video shows`);
  check(await link.getAttribute("href") === `${YOUTUBE}&t=90s`, `${where}: it leads to the video at 1:30`);
  check(!(await nojs.page.locator(".video-play").first().isVisible()), `${where}: without JavaScript the button stays hidden`);
  check(nojs.log.foreign.length === 0, `${where}: without JavaScript nothing is asked of another host`);
  if (SHOTS) await shoot(nojs.page, ".post-content > .video-facade", `${label}-nojs-light`);
  await nojs.context.close();
}

async function shoot(page, selector, name) {
  const el = page.locator(selector).first();
  await el.scrollIntoViewIfNeeded();
  await el.screenshot({ path: path.join(SHOTS, `${name}.png`) });
}

async function main() {
  const bin = process.argv[2];
  if (!bin) {
    console.error("usage: node scripts/e2e-video.js BIN");
    process.exit(2);
  }
  if (SHOTS) fs.mkdirSync(SHOTS, { recursive: true });
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "sitegen-e2e-video-"));
  const browser = await chromium.launch({
    executablePath: chromiumPath,
    args: ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
      "--disable-component-update", "--disable-sync"],
  });
  const servers = [];
  try {
    for (const [label, videos] of [["shipped", false], ["with-videos", true]]) {
      const root = path.join(tmp, label);
      writeSite(root, videos);
      for (const base of ["/", "/blog/"]) {
        const out = path.join(tmp, `${label}-out${base === "/" ? "-root" : "-blog"}`);
        execFileSync(bin, ["build", "--root", root, "--output", out, "--base-url", base], { stdio: "inherit" });
        const server = await serve(out, base);
        servers.push(server);
        await measure(browser, `http://127.0.0.1:${server.address().port}`, base, label, videos);
      }
    }
  } finally {
    await browser.close();
    for (const s of servers) s.close();
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

main().catch((e) => {
  console.error("e2e-video: " + (e && e.stack || e));
  process.exit(1);
});
