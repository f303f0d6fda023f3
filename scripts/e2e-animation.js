// The exercise animations in a real browser (Debian's chromium via playwright-core), as issue 29
// asks: on the shipped site, an exercise's animation moves (two pictures of it a moment apart
// differ), also without JavaScript; with it, the image becomes an <object> of the same SVG and
// its pause button is visible, named, works from the keyboard and stops it; with `prefers-reduced-motion: reduce`
// the still drawing shows and nothing moves; an animation's file opened by itself moves, and
// holds still (its start pose) under reduced motion, in light and dark; an animation scrolled
// off screen is paused; a post full of cards shifts nothing (CLS 0) while loading and
// scrolling; and no page logs a console error or fails a request. A copy with a Vimeo `video:` on the Glute Bridge
// shows the animation as the facade's poster, and its pause button does not start the video.
//
// Usage: node scripts/e2e-animation.js BIN
// BIN is a sitegen binary; the shipped site (posts/, pages/, static/, sitegen.toml) is copied into
// a temporary folder, built and served on 127.0.0.1; requests to other hosts are aborted.
// SCREENSHOTS=DIR saves an exercise page and a post's card at 390x844 and 1280x900, and the
// Bird Dog's .anim.svg opened by itself (light and dark, moving and reduced motion).
"use strict";
const { execFileSync } = require("child_process");
const fs = require("fs");
const os = require("os");
const path = require("path");
const { TIMEOUT, serve, launch, check } = require("./lib-browser");

const SHOTS = process.env.SCREENSHOTS || "";
const VIMEO = "https://vimeo.com/76979871";
const GAP_MS = 700; // between two pictures of an animation

function writeSite(root, video) {
  for (const part of ["posts", "pages", "static", "sitegen.toml"]) {
    if (fs.existsSync(part)) fs.cpSync(part, path.join(root, part), { recursive: true });
  }
  if (!video) return;
  const bridge = path.join(root, "posts", "exercises", "glute-bridge.md");
  const text = fs.readFileSync(bridge, "utf8");
  fs.writeFileSync(bridge, text.replace(/^image: /m, `video: "${VIMEO}"\nimage: `));
}

// A page at `url` in a fresh context; console errors and failed requests are collected.
async function open(browser, url, options = {}) {
  const context = await browser.newContext({
    viewport: options.viewport || { width: 390, height: 844 }, deviceScaleFactor: 1,
    javaScriptEnabled: options.javaScriptEnabled !== false,
    reducedMotion: options.reducedMotion || "no-preference", colorScheme: options.colorScheme || "light",
  });
  const origin = new URL(url).origin;
  const problems = [];
  await context.route("**/*", (route) => (route.request().url().startsWith(origin + "/")
    ? route.continue() : route.abort("blockedbyclient")));
  const page = await context.newPage();
  page.on("console", (m) => { if (m.type() === "error") problems.push(`console: ${m.text()}`); });
  page.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
  page.on("requestfailed", (r) => { if (r.url().startsWith(origin)) problems.push(`failed: ${r.url()}`); });
  await page.addInitScript(() => {
    window.__cls = 0;
    window.__shifted = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) {
        if (e.hadRecentInput) continue;
        window.__cls += e.value;
        for (const s of e.sources) {
          const r = (x) => `${Math.round(x.y)}+${Math.round(x.height)}`;
          window.__shifted.push(`${s.node ? s.node.nodeName + "." + s.node.className : "?"} ${r(s.previousRect)} -> ${r(s.currentRect)}`);
        }
      }
    }).observe({ type: "layout-shift", buffered: true });
  });
  await page.goto(url, { waitUntil: "networkidle", timeout: TIMEOUT });
  return { context, page, problems };
}

// What moved, if anything did.
async function shifted(page) {
  const moved = await page.evaluate(() => window.__shifted);
  return moved.length ? `moved: ${moved.join("; ")}` : "nothing moved";
}

// Two pictures of `locator` GAP_MS apart: whether they differ.
async function moves(page, locator) {
  const a = await locator.screenshot({ animations: "allow" });
  await page.waitForTimeout(GAP_MS);
  const b = await locator.screenshot({ animations: "allow" });
  return !a.equals(b);
}

async function exercisePage(browser, origin, base) {
  const url = `${origin}${base}exercises/bird-dog/`;
  const nojs = await open(browser, url, { javaScriptEnabled: false });
  const img = nojs.page.locator(".exercise-figure .motion-frame img");
  check(await img.isVisible(), "without JavaScript, the Bird Dog page shows its animation as an image");
  check(await moves(nojs.page, img), "and it moves");
  check(!(await nojs.page.locator(".motion-toggle").isVisible()), "with no button that nothing would drive");
  await nojs.context.close();

  const { context, page, problems } = await open(browser, url);
  const frame = page.locator(".exercise-figure .motion-frame object:not(.motion-loading)");
  await frame.waitFor({ timeout: TIMEOUT });
  check(await frame.isVisible() && await page.locator(".exercise-figure .motion-frame img").count() === 0,
    "with JavaScript, the image becomes an object of the same SVG, which can be paused");
  check(!(await page.locator(".exercise-figure .exercise-still").isVisible()), "its still drawing is hidden");
  check(await moves(page, frame), "two pictures of the animation a moment apart differ (it moves)");
  const button = page.getByRole("button", { name: "Pause the Bird Dog animation" });
  check(await button.isVisible(), "a visible button named \"Pause the Bird Dog animation\"");
  await button.focus();
  await page.keyboard.press("Enter");
  await page.waitForTimeout(100);
  check(!(await moves(page, frame)), "Enter on it stops the animation");
  const play = page.getByRole("button", { name: "Play the Bird Dog animation" });
  check(await play.isVisible(), "the button now says Play");
  await page.keyboard.press("Space");
  check(await moves(page, frame), "Space plays it again");
  check(await page.evaluate(() => window.__cls) === 0, `the exercise page shifts nothing (CLS 0; ${await shifted(page)})`);
  if (SHOTS) {
    await page.screenshot({ path: path.join(SHOTS, "exercise-390.png") });
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.screenshot({ path: path.join(SHOTS, "exercise-1280.png") });
  }
  check(problems.length === 0, `no console error or failed request (${problems.join("; ") || "none"})`);
  await context.close();

  const still = await open(browser, url, { reducedMotion: "reduce" });
  const drawing = still.page.locator(".exercise-figure .exercise-still");
  await drawing.scrollIntoViewIfNeeded();
  await still.page.waitForFunction(() => {
    const img = document.querySelector(".exercise-figure .exercise-still");
    return img.complete && img.naturalWidth > 0;
  }, null, { timeout: TIMEOUT });
  check(await drawing.isVisible(), "with reduced motion, the still start -> end drawing shows");
  check(!(await still.page.locator(".motion-frame").isVisible()), "and the animation does not");
  check(!(await still.page.locator(".motion-toggle").isVisible()), "nor its button");
  check(!(await moves(still.page, still.page.locator(".exercise-figure"))), "nothing in the figure moves");
  check(still.problems.length === 0, `no console error or failed request (${still.problems.join("; ") || "none"})`);
  await still.context.close();
}

// An animation's file opened by itself (a reader follows its URL, another site embeds it): no
// theme stylesheet steps in, so the file's own shows its still start pose under reduced motion.
async function standaloneFile(browser, origin, base) {
  const url = `${origin}${base}images/exercises/bird-dog.anim.svg`;
  const stills = [];
  for (const colorScheme of ["light", "dark"]) {
    for (const reducedMotion of ["no-preference", "reduce"]) {
      const { context, page, problems } = await open(browser, url, { colorScheme, reducedMotion });
      const svg = page.locator("svg").first();
      const moved = await moves(page, svg);
      if (reducedMotion === "reduce") {
        check(!moved, `the Bird Dog's .anim.svg opened by itself holds still with reduced motion (${colorScheme})`);
        stills.push(await svg.screenshot());
      } else {
        check(moved, `the Bird Dog's .anim.svg opened by itself moves (${colorScheme})`);
      }
      if (SHOTS) await page.screenshot({ path: path.join(SHOTS, `anim-svg-${colorScheme}-${reducedMotion}.png`) });
      check(problems.length === 0, `no console error or failed request (${problems.join("; ") || "none"})`);
      await context.close();
    }
  }
  check(!stills[0].equals(stills[1]), "its still pose takes the dark colours in the dark scheme");
}

async function postPage(browser, origin, base) {
  const url = `${origin}${base}low-back-pain/`;
  const { context, page, problems } = await open(browser, url);
  const count = await page.locator(".exercise-card .motion-frame img").count();
  check(count >= 3, `the Low Back Pain post's cards show their animations (${count})`);
  const card = page.locator(".exercise-card .exercise-figure").first();
  await card.scrollIntoViewIfNeeded();
  const object = card.locator(".motion-frame object:not(.motion-loading)");
  await object.waitFor({ timeout: TIMEOUT });
  check(await moves(page, object), "a card's animation, embedded as it comes into view, moves");
  const paused = (o) => o.contentDocument.documentElement.animationsPaused();
  check(!(await object.evaluate(paused)), "it is not paused on screen");
  await page.evaluate(() => scrollTo(0, 0));
  await page.waitForFunction(paused, await object.elementHandle(), { timeout: TIMEOUT });
  check(true, "scrolled off screen, it is paused");
  if (SHOTS) await card.screenshot({ path: path.join(SHOTS, "card-390.png") });
  for (let y = 0; ; y += 600) {
    const end = await page.evaluate((top) => { scrollTo(0, top); return top >= document.documentElement.scrollHeight - innerHeight; }, y);
    await page.waitForTimeout(50);
    if (end) break;
  }
  check(await page.evaluate(() => window.__cls) === 0, `the post shifts nothing while loading and scrolling (CLS 0; ${await shifted(page)})`);
  check(problems.length === 0, `no console error or failed request (${problems.join("; ") || "none"})`);
  if (SHOTS) {
    await page.setViewportSize({ width: 1280, height: 900 });
    await card.scrollIntoViewIfNeeded();
    await page.waitForTimeout(300);
    await page.screenshot({ path: path.join(SHOTS, "post-1280.png") });
  }
  await context.close();
}

async function videoPoster(browser, origin, base) {
  const url = `${origin}${base}exercises/glute-bridge/`;
  const { context, page, problems } = await open(browser, url);
  const facade = page.locator(".video-facade");
  const svg = facade.locator(".motion-frame object:not(.motion-loading)");
  await svg.waitFor({ timeout: TIMEOUT });
  check(await svg.isVisible(), "with a video, the facade shows the animation as its poster");
  check(await page.locator(".exercise-figure").count() === 0, "and no second figure");
  check(await moves(page, svg), "the poster moves");
  if (SHOTS) await facade.screenshot({ path: path.join(SHOTS, "video-poster-390.png") });
  await page.getByRole("button", { name: "Pause the Glute Bridge animation" }).click();
  check(await page.locator("iframe").count() === 0, "pausing the poster does not start the video");
  check(!(await moves(page, svg)), "and stops it");
  await page.getByRole("button", { name: "Play: Glute Bridge demonstration" }).click();
  await facade.locator("iframe").waitFor({ timeout: TIMEOUT });
  check(true, "the facade's own button still puts the player in place");
  const own = problems.filter((p) => !p.includes("vimeo"));
  check(own.length === 0, `no console error or failed request of the site (${own.join("; ") || "none"})`);
  await context.close();
}

async function main() {
  const bin = process.argv[2];
  if (!bin) {
    console.error("usage: node scripts/e2e-animation.js BIN");
    process.exit(2);
  }
  if (SHOTS) fs.mkdirSync(SHOTS, { recursive: true });
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "sitegen-e2e-animation-"));
  const browser = await launch();
  const servers = [];
  try {
    for (const [label, video] of [["shipped", false], ["with-video", true]]) {
      const root = path.join(tmp, label);
      const out = path.join(tmp, `${label}-out`);
      writeSite(root, video);
      execFileSync(bin, ["build", "--root", root, "--output", out, "--base-url", "/"], { stdio: "inherit" });
      const server = await serve(out, "/");
      servers.push(server);
      const origin = `http://127.0.0.1:${server.address().port}`;
      console.log(`--- ${label}`);
      if (video) {
        await videoPoster(browser, origin, "/");
      } else {
        await exercisePage(browser, origin, "/");
        await standaloneFile(browser, origin, "/");
        await postPage(browser, origin, "/");
      }
    }
  } finally {
    await browser.close();
    for (const s of servers) s.close();
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

main().catch((e) => {
  console.error("e2e-animation: " + (e && e.stack || e));
  process.exit(1);
});
