// The reader's features of a built site, in a real browser (Debian's chromium via playwright-core):
//   - from the Low Back Pain post, open its routine and tick a box;
//   - print every routine page to PDF, A4 and Letter, and check with pdfinfo (poppler-utils) that
//     each is one page; printed, the page is black on white without navigation;
//   - on /exercises/, filter to hips + no equipment: only those remain, the address keeps the
//     choice, and opening that address shows the same view;
//   - search "bridge" from the header's box (when the site has a search page): the Glute Bridge
//     exercise page, marked as an exercise, and a post that uses it are among the results (and no
//     listing page), the type filter narrows to exercises, and both results can be reached;
//     "brige" (a typo) is searched again as "bridge", with a note saying so.
//
// Usage: node scripts/e2e-reader.js DIR BASE_PATH [DIR BASE_PATH ...]
//   e.g. node scripts/e2e-reader.js target/site-root / target/site-blog /blog/
// Each DIR (a built site) is served on 127.0.0.1 under BASE_PATH by a small static server in this
// process. Every wait is for a condition, with a generous deadline (E2E_TIMEOUT_MS, default 60 s).
// With SCREENSHOTS=DIR, it also saves the routine and program pages at 390 and 1280 px, light and
// dark, and the printed routine (PDF, then PNG with pdftoppm), and the search page (results for
// "bridge") and the home page's header with its search box, for people to look at.
"use strict";
const { execFileSync } = require("child_process");
const fs = require("fs");
const os = require("os");
const path = require("path");
const { TIMEOUT, serve, launch, check } = require("./lib-browser");

const SHOTS = process.env.SCREENSHOTS || "";

function pdfPages(file) {
  const out = execFileSync("pdfinfo", [file], { encoding: "utf8" });
  const m = out.match(/^Pages:\s+(\d+)/m);
  if (!m) throw new Error("pdfinfo gave no page count for " + file + ":\n" + out);
  return Number(m[1]);
}

// The routine pages of a built site: every `<slug>/routine/index.html`.
function routinePages(dir) {
  return fs.readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isDirectory() && fs.existsSync(path.join(dir, e.name, "routine", "index.html")))
    .map((e) => e.name + "/routine/")
    .sort();
}

async function routine(page, origin, base) {
  await page.goto(origin + base + "low-back-pain/");
  await page.click(".routine-box-link a");
  await page.waitForURL(origin + base + "low-back-pain/routine/");
  const items = page.locator(".routine-item");
  check(await items.count() >= 10, `${base}: Low Back Pain's routine lists its exercises (${await items.count()})`);
  const box = items.first().locator("input[type=checkbox]");
  await box.check();
  check(await box.isChecked(), `${base}: a box of the routine can be ticked`);
}

async function printing(page, origin, base, dir, tmp) {
  const routines = routinePages(dir);
  check(routines.length >= 4, `${base}: every post with exercises has a routine page (${routines.join(", ")})`);
  for (const r of routines) {
    await page.goto(origin + base + r);
    for (const format of ["A4", "Letter"]) {
      const file = path.join(tmp, r.replace(/\//g, "_") + format + ".pdf");
      await page.pdf({ path: file, format, printBackground: true });
      const pages = pdfPages(file);
      check(pages === 1, `${base}${r} prints on one ${format} page (${pages})`);
    }
  }
  await page.emulateMedia({ media: "print", colorScheme: "dark" });
  await page.goto(origin + base + "low-back-pain/routine/");
  const look = await page.evaluate(() => {
    const style = (sel) => { const e = document.querySelector(sel); return e ? getComputedStyle(e) : null; };
    return {
      bg: style("body").backgroundColor, fg: style("body").color,
      header: style(".site-header").display, footer: style(".site-footer").display,
    };
  });
  check(look.bg === "rgb(255, 255, 255)" && look.fg === "rgb(0, 0, 0)",
    `${base}: printed in black on white even in dark mode (${look.fg} on ${look.bg})`);
  check(look.header === "none" && look.footer === "none", `${base}: printed without navigation or footer`);
  await page.goto(origin + base + "low-back-pain/");
  const post = await page.evaluate(() => {
    const a = document.querySelector('.post-content a[href^="/"]');
    return {
      videos: Array.from(document.querySelectorAll(".video, iframe")).filter((e) => getComputedStyle(e).display !== "none").length,
      after: a ? getComputedStyle(a, "::after").content : "",
    };
  });
  check(post.videos === 0, `${base}: a printed post shows no embeds`);
  check(/\(.*\/.*\)/.test(post.after), `${base}: a printed link is followed by its URL (${post.after})`);
  await page.emulateMedia({ media: "screen", colorScheme: "light" });
}

async function finder(page, origin, base) {
  await page.goto(origin + base + "exercises/");
  await page.waitForSelector("#finder:not([hidden])");
  // In the lists set in columns, no entry is split between two columns.
  const split = await page.$$eval(".finder-compact > li", (lis) => lis
    .filter((li) => li.getClientRects().length > 1).map((li) => li.textContent.trim()));
  check(split.length === 0, `${base}: no finder entry split between columns (${split.join("; ")})`);
  const expected = await page.$$eval("#by-joint li[data-joint]", (lis) => lis
    .filter((li) => li.dataset.joint === "hips" && li.dataset.equipment.split(" ").includes("none"))
    .map((li) => li.querySelector("a:not(.finder-thumb)").textContent).sort());
  check(expected.length > 0, `${base}: the library has hip exercises without equipment (${expected.join(", ")})`);
  await page.selectOption("select[name=joint]", "hips");
  await page.selectOption("select[name=equipment]", "none");
  const visible = async () => (await page.$$eval("#by-joint li[data-joint]", (lis) => lis
    .filter((li) => li.offsetParent !== null).map((li) => li.querySelector("a:not(.finder-thumb)").textContent))).sort();
  const shown = await visible();
  check(JSON.stringify(shown) === JSON.stringify(expected), `${base}: hips + no equipment leaves only those (${shown.join(", ")})`);
  const others = await page.$$eval(".finder-other", (s) => s.filter((e) => e.offsetParent !== null).length);
  check(others === 0, `${base}: the other groupings step aside while filtering`);
  const url = new URL(page.url());
  check(url.searchParams.get("joint") === "hips" && url.searchParams.get("equipment") === "none",
    `${base}: the address keeps the filter (${url.search})`);
  await page.goto(url.href);
  await page.waitForSelector("#finder:not([hidden])");
  const again = await visible();
  check(JSON.stringify(again) === JSON.stringify(expected), `${base}: the shared address shows the same view`);
  await page.click("#finder button[type=reset]");
  await page.waitForFunction(() => !location.search);
  const all = await page.$$eval("#by-joint li[data-joint]", (lis) => lis.filter((li) => li.offsetParent !== null).length);
  check(all === 24, `${base}: "Show all" shows the whole library again (${all})`);
}

async function search(page, origin, base, dir) {
  if (!fs.existsSync(path.join(dir, "search", "index.html"))) {
    console.log(`skip: ${base}: the site has no search page`);
    return;
  }
  // The header's box is a plain form to the search page, which runs Pagefind's UI on ?q=.
  await page.goto(origin + base);
  const box = page.locator("header form[role=search] input[type=search]");
  await box.fill("bridge");
  await box.press("Enter");
  await page.waitForURL((u) => u.pathname === base + "search/" && u.searchParams.get("q") === "bridge");
  const links = page.locator(".pagefind-ui__result-link");
  await links.first().waitFor();
  const found = () => links.evaluateAll((as) => as.map((a) => ({ href: a.getAttribute("href"), title: a.textContent.trim() })));
  const results = await found();
  const exercise = results.find((r) => r.href === base + "exercises/glute-bridge/");
  check(exercise && /^Exercise: Glute Bridge/.test(exercise.title),
    `${base}: "bridge" finds the Glute Bridge exercise, marked as one (${exercise && exercise.title})`);
  const posts = results.filter((r) => !r.href.includes("/exercises/")).map((r) => r.href);
  check(posts.includes(base + "low-back-pain/") || posts.includes(base + "core/"),
    `${base}: "bridge" finds a post that uses it (${posts.join(", ")})`);
  const nav = results.filter((r) => /\/(tags|series|search)\/|\/routine\/$/.test(r.href) || r.href === base);
  check(nav.length === 0, `${base}: only content pages are results, no listings (${nav.map((r) => r.href).join(", ")})`);
  // The filter narrows to exercises.
  await page.locator(".pagefind-ui__filter-panel").getByText("Exercise", { exact: false }).first().click();
  await page.waitForFunction(() => Array.from(document.querySelectorAll(".pagefind-ui__result-link"))
    .every((a) => a.getAttribute("href").includes("/exercises/")));
  check(true, `${base}: the type filter narrows the results to exercises`);
  await page.goto(origin + base + "search/?q=bridge");
  await links.first().waitFor();
  await page.click(`.pagefind-ui__result-link[href="${base}exercises/glute-bridge/"]`);
  await page.waitForURL(origin + base + "exercises/glute-bridge/");
  check(true, `${base}: the result leads to the Glute Bridge page`);
  await page.goBack();
  await page.waitForURL((u) => u.pathname === base + "search/");
  await links.first().waitFor();
  // A typo finds nothing in Pagefind: the page searches again with the site's closest word, says so,
  // and keeps the corrected query in the address.
  await page.goto(origin + base + "search/?q=brige");
  await page.locator(`.pagefind-ui__result-link[href="${base}exercises/glute-bridge/"]`).waitFor();
  const note = await page.locator("#search-correction").textContent();
  check(/brige/.test(note) && /bridge/.test(note), `${base}: "brige" is searched as "bridge", and the page says so (${note})`);
  check(new URL(page.url()).searchParams.get("q") === "bridge", `${base}: the address holds the corrected query`);
  await page.goto(origin + base + "search/?q=bridge");
  await links.first().waitFor();
  const post = posts[0];
  await page.click(`.pagefind-ui__result-link[href="${post}"]`);
  await page.waitForURL(origin + post);
  const uses = await page.locator('.exercise-card a[href$="exercises/glute-bridge/"]').count();
  check(uses > 0, `${base}: the post reached from the results embeds the Glute Bridge (${post})`);
}

async function screenshots(browser, origin, base, tmp) {
  fs.mkdirSync(SHOTS, { recursive: true });
  const pages = [["routine", "low-back-pain/routine/"], ["program", "series/movement-imbalances/program/"],
    ["search", "search/?q=bridge"], ["home", ""]];
  for (const [name, p] of pages) {
    for (const [w, h] of [[390, 844], [1280, 900]]) {
      for (const scheme of ["light", "dark"]) {
        const ctx = await browser.newContext({ viewport: { width: w, height: h }, colorScheme: scheme });
        const page = await ctx.newPage();
        await page.goto(origin + base + p);
        if (name === "search") await page.locator(".pagefind-ui__result-link").first().waitFor();
        // The home page for its header (the search box): the first screen is enough.
        await page.screenshot({ path: path.join(SHOTS, `${name}-${w}-${scheme}.png`), fullPage: name !== "home" });
        await ctx.close();
      }
    }
    if (name !== "routine" && name !== "program") continue;
    const page = await browser.newPage();
    await page.goto(origin + base + p);
    const pdf = path.join(tmp, name + ".pdf");
    await page.pdf({ path: pdf, format: "A4", printBackground: true });
    execFileSync("pdftoppm", ["-r", "70", "-png", pdf, path.join(SHOTS, name + "-print")]);
    await page.close();
  }
  console.log("screenshots in " + SHOTS);
}

(async () => {
  const args = process.argv.slice(2);
  if (args.length === 0 || args.length % 2) {
    console.error("usage: node scripts/e2e-reader.js DIR BASE_PATH [DIR BASE_PATH ...]");
    process.exit(2);
  }
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "sitegen-reader-"));
  const browser = await launch();
  const servers = [];
  try {
    for (let i = 0; i < args.length; i += 2) {
      const dir = path.resolve(args[i]);
      const base = args[i + 1].replace(/\/?$/, "/");
      const server = await serve(dir, base);
      servers.push(server);
      const origin = "http://127.0.0.1:" + server.address().port;
      const page = await browser.newPage();
      page.setDefaultTimeout(TIMEOUT);
      const errors = [];
      page.on("pageerror", (e) => errors.push(String(e)));
      await routine(page, origin, base);
      await printing(page, origin, base, dir, tmp);
      await finder(page, origin, base);
      await search(page, origin, base, dir);
      check(errors.length === 0, `${base}: no script errors (${errors.join("; ")})`);
      await page.close();
      if (SHOTS && i === 0) await screenshots(browser, origin, base, tmp);
    }
  } finally {
    await browser.close();
    for (const s of servers) s.close();
    fs.rmSync(tmp, { recursive: true, force: true });
  }
  console.log("e2e-reader: all checks passed");
})().catch((e) => {
  console.error("e2e-reader: " + (e && e.stack || e));
  process.exit(1);
});
