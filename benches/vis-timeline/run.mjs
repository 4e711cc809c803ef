// Times vis-timeline's first picture of a frise corpus in headless Chromium.
//
//   python3 ../vis_corpus.py 20000 DIR
//   npm install && node run.mjs DIR [--runs 3] [--shot OUT.png] [--window default]
//
// Each frise article of the corpus becomes a group, each event an item (a range where its
// date is START/END). The time printed runs from the page's navigation start (the data
// is a script the page loads) to the animation frame after the timeline's first
// "changed" event, 1600x900, as `frise export --width 1600 --height 900` draws it.
// The window is set to the items' extent from the start; with `--window default`
// vis-timeline opens on its default window (around today, holding no item) and fits the
// items afterwards: the time printed is then that of a first frame without the items.
// Chromium is Debian's (`apt-get install chromium`), or CHROMIUM=path.
import { chromium } from "playwright-core";
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join, resolve, dirname } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const corpus = args.find((a, i) => !a.startsWith("--") && !args[i - 1]?.startsWith("--"));
const option = (name, fallback) => {
  const at = args.indexOf(name);
  return at >= 0 ? args[at + 1] : fallback;
};
if (!corpus) {
  console.error("usage: node run.mjs CORPUS_DIR [--runs N] [--shot OUT.png]");
  process.exit(2);
}
const runs = Number(option("--runs", "1"));
const shot = option("--shot", null);
const fitted = option("--window", "extent") !== "default";

const groups = [];
const items = [];
for (const name of readdirSync(corpus).filter((n) => n.endsWith(".json")).sort()) {
  const doc = JSON.parse(readFileSync(join(corpus, name), "utf8"));
  groups.push({ id: doc.article.id, content: doc.article.title });
  for (const event of doc.events) {
    const [start, end] = String(event.date).split("/");
    const item = { id: event.id, content: event.title, start, group: doc.article.id };
    if (end) item.end = end;
    items.push(item);
  }
}
// The extent of the items, from the first start to the last end, padded by 2% each side.
const times = items.flatMap((item) => [item.start, item.end ?? item.start]).map(Date.parse);
const first = times.reduce((a, b) => Math.min(a, b));
const last = times.reduce((a, b) => Math.max(a, b));
const pad = (last - first) * 0.02;
const start = new Date(first - pad).toISOString();
const end = new Date(last + pad).toISOString();
writeFileSync(join(here, "data.js"), `const DATA = ${JSON.stringify(fitted ? { groups, items, start, end } : { groups, items })};\n`);
console.log(`${items.length} items in ${groups.length} groups`);

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
  args: ["--no-sandbox"],
});
try {
  for (let run = 0; run < runs; run++) {
    const page = await browser.newPage({ viewport: { width: 1600, height: 900 } });
    const began = Date.now();
    await page.goto("file://" + resolve(here, "page.html"), { timeout: 0 });
    await page.waitForFunction(() => window.firstPicture !== undefined, null, {
      timeout: 0,
      polling: 50,
    });
    const inPage = await page.evaluate(() => window.firstPicture);
    const wall = (Date.now() - began) / 1000;
    console.log(`run ${run + 1}: first picture ${(inPage / 1000).toFixed(2)} s (wall ${wall.toFixed(2)} s)`);
    if (shot && run === 0) await page.screenshot({ path: shot });
    await page.close();
  }
} finally {
  await browser.close();
}
