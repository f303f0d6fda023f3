// The search index in shards, searched in a real browser (Debian's chromium via playwright-core):
//   - a generated site of 300 posts and 30 exercises with `search_shard_pages = 50` (8 shards) is
//     built, edited (a word added to a post, a post added, a title changed) and built again warm,
//     then the added post is deleted and it is built warm once more;
//   - the same sources are built clean, and clean with one shard (`search_shard_pages` larger
//     than the site);
//   - the same queries are run through Pagefind's own script (with the shards merged as the
//     search page merges them) on the warm, clean and one-shard outputs: warm and clean give the
//     same results in the same order with the same scores; the sharded and one-shard indexes find
//     the same pages for every query, and the overlap of their first ten is printed;
//   - on the warm output the search page (Pagefind's UI) finds the added word in its post and
//     nothing of the deleted post.
//
// Usage: node scripts/e2e-search-shards.js SITEGEN_BINARY
"use strict";
const { execFileSync } = require("child_process");
const fs = require("fs");
const os = require("os");
const path = require("path");
const { TIMEOUT, serve, launch, check } = require("./lib-browser");

// Words of the generated site's vocabulary and of the edits, which every page either has or has not.
const EXACT = ["hip", "kettlebell", "diaphragm", "thoracic", "breathing brace", "tempo", "progression",
  "stiffness", "quokkaword", "wombatword", "numbat"];
// Words the site does not have as such: Pagefind answers them with the pages of similar words, which it
// picks per index, so shards may find other pages than one index does (printed, not required equal).
const APPROXIMATE = ["runner", "glute bridge", "lacrosse"];
const QUERIES = EXACT.concat(APPROXIMATE);

function sitegen(bin, root, out) {
  execFileSync(bin, ["build", "--future", "--root", root, "--output", out], { stdio: ["ignore", "ignore", "pipe"] });
}

function setShards(root, pages) {
  const file = path.join(root, "sitegen.toml");
  const text = fs.readFileSync(file, "utf8").replace(/^search_shard_pages = .*\n/m, "");
  fs.writeFileSync(file, text + `search_shard_pages = ${pages}\n`);
}

// Makes the site in `work`: the warm output (built, edited, built twice more) and the clean and
// one-shard outputs of the final sources.
function makeSites(bin, work) {
  const root = path.join(work, "site");
  execFileSync("python3", [path.join(__dirname, "..", "benches", "gen_site.py"), "300", root], { stdio: "ignore" });
  setShards(root, 50);
  const warm = path.join(work, "warm");
  sitegen(bin, root, warm);
  const post = path.join(root, "posts", "post-00010.md");
  fs.appendFileSync(post, "\nA sentence with quokkaword in it.\n");
  const added = path.join(root, "posts", "zz-added.md");
  fs.writeFileSync(added, "+++\ntitle = \"Added for a while\"\ndate = 2024-01-02\n+++\n\nThe wombatword post.\n");
  const retitled = path.join(root, "posts", "post-00030.md");
  fs.writeFileSync(retitled, fs.readFileSync(retitled, "utf8").replace(/^title = .*$/m, 'title = "The Numbat Walk"'));
  sitegen(bin, root, warm);
  fs.rmSync(added);
  sitegen(bin, root, warm);
  const clean = path.join(work, "clean");
  sitegen(bin, root, clean);
  setShards(root, 100000);
  const single = path.join(work, "single");
  sitegen(bin, root, single);
  return { warm, clean, single };
}

// Every query's results through Pagefind's script, as the search page sets it up: id (the
// fragment's hash), score and, for the first ten, the URL.
async function runQueries(page, origin) {
  await page.goto(origin + "/search/");
  return page.evaluate(async (queries) => {
    const pf = await import("/pagefind/pagefind.js");
    await pf.options({ bundlePath: "/pagefind/" });
    for (const shard of window.sitegenSearchShards || []) await pf.mergeIndex("/pagefind/" + shard);
    const out = {};
    for (const q of queries) {
      const r = await pf.search(q);
      const top = await Promise.all(r.results.slice(0, 10).map((x) => x.data()));
      out[q] = r.results.map((x, i) => ({ id: x.id, score: x.score, url: top[i] ? top[i].url : null }));
    }
    return { shards: (window.sitegenSearchShards || []).length + 1, results: out };
  }, QUERIES);
}

async function searchPage(page, origin) {
  await page.goto(origin + "/search/?q=quokkaword");
  const links = page.locator(".pagefind-ui__result-link");
  await links.first().waitFor();
  const hrefs = await links.evaluateAll((as) => as.map((a) => a.getAttribute("href")));
  // The result and its sub-results (the section the word is in): one page.
  check(hrefs.length >= 1 && hrefs.every((h) => h.startsWith("/post-00010/")),
    `the search page finds the added word in its post, in whichever shard (${hrefs.join(", ")})`);
}

(async () => {
  const bin = path.resolve(process.argv[2] || "");
  if (!process.argv[2] || !fs.existsSync(bin)) {
    console.error("usage: node scripts/e2e-search-shards.js SITEGEN_BINARY");
    process.exit(2);
  }
  const work = fs.mkdtempSync(path.join(os.tmpdir(), "sitegen-shards-"));
  const browser = await launch();
  const servers = [];
  try {
    const dirs = makeSites(bin, work);
    const found = {};
    for (const [name, dir] of Object.entries(dirs)) {
      const server = await serve(dir, "/");
      servers.push(server);
      const page = await browser.newPage();
      page.setDefaultTimeout(TIMEOUT);
      const errors = [];
      page.on("pageerror", (e) => errors.push(String(e)));
      found[name] = await runQueries(page, "http://127.0.0.1:" + server.address().port);
      if (name === "warm") await searchPage(page, "http://127.0.0.1:" + server.address().port);
      check(errors.length === 0, `${name}: no script errors (${errors.join("; ")})`);
      await page.close();
    }
    const { warm, clean, single } = found;
    check(warm.shards === 8 && single.shards === 1, `8 shards, and 1 (${warm.shards}, ${single.shards})`);
    for (const q of QUERIES) {
      check(JSON.stringify(warm.results[q]) === JSON.stringify(clean.results[q]),
        `"${q}": the warm build's ${warm.results[q].length} results equal a clean build's, in order and score`);
    }
    check(warm.results.quokkaword.length === 1 && warm.results.quokkaword[0].url === "/post-00010/",
      "the added word is found in its post");
    check(warm.results.wombatword.length === 0, "nothing of the deleted post is found");
    check(warm.results.numbat.some((r) => r.url === "/post-00030/"), "the new title is found");
    const overlaps = [];
    for (const q of QUERIES) {
      const a = warm.results[q].map((r) => r.id).sort(), b = single.results[q].map((r) => r.id).sort();
      if (EXACT.includes(q)) {
        check(JSON.stringify(a) === JSON.stringify(b), `"${q}": the shards find the same ${a.length} pages as one index`);
      } else {
        const both = a.filter((id) => b.includes(id)).length;
        console.log(`approximate: "${q}": shards ${a.length} pages, one index ${b.length}, ${both} in both`);
      }
      const topA = warm.results[q].slice(0, 10).map((r) => r.id);
      const topB = single.results[q].slice(0, 10).map((r) => r.id);
      if (topB.length) overlaps.push([q, topA.filter((id) => topB.includes(id)).length / topB.length,
        topA[0] === topB[0]]);
    }
    for (const [q, share, first] of overlaps) {
      console.log(`ranking: "${q}": ${(share * 100).toFixed(0)}% of one index's first ten among the shards' first ten; same first result: ${first}`);
    }
    const mean = overlaps.reduce((s, [, share]) => s + share, 0) / overlaps.length;
    console.log(`ranking: mean overlap of the first ten ${(mean * 100).toFixed(0)}%`);
  } finally {
    await browser.close();
    for (const s of servers) s.close();
    fs.rmSync(work, { recursive: true, force: true });
  }
  console.log("e2e-search-shards: all checks passed");
})().catch((e) => {
  console.error("e2e-search-shards: " + (e && e.stack || e));
  process.exit(1);
});
