// Run axe-core on each HTML page named on the command line, in Debian's headless Chromium
// (/usr/bin/chromium, or $CHROMIUM), with the WCAG 2.1 A and AA rules and axe's best
// practices. Prints every violation as `page: rule (impact) ×nodes: help` and each node's
// selector; exits 1 when any page has one. A page that asks the network for anything fails
// too: a published paper must stand alone.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { chromium } from "playwright-core";

const require = createRequire(import.meta.url);
const axeSource = readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");
const TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"];

const pages = process.argv.slice(2);
if (pages.length === 0) {
  console.error("usage: node axe-pages.mjs PAGE.html…");
  process.exit(2);
}

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  args: [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
  ],
});
let failed = 0;
try {
  const context = await browser.newContext();
  for (const path of pages) {
    const page = await context.newPage();
    const requests = [];
    page.on("request", (request) => {
      if (!request.url().startsWith("file:")) requests.push(request.url());
    });
    await page.goto(pathToFileURL(resolve(path)).href, { waitUntil: "load" });
    await page.addScriptTag({ content: axeSource });
    const results = await page.evaluate(
      (tags) => window.axe.run(document, { runOnly: { type: "tag", values: tags } }),
      TAGS,
    );
    // A site's pages share names (index.html): the folders above it say which page it is.
    const name = path.split("/").slice(-3).join("/");
    for (const url of requests) console.log(`${name}: network request to ${url}`);
    for (const v of results.violations) {
      console.log(`${name}: ${v.id} (${v.impact}) ×${v.nodes.length}: ${v.help}`);
      for (const node of v.nodes.slice(0, 5)) console.log(`    ${node.target.join(" ")}`);
    }
    const count = results.violations.length + requests.length;
    console.log(`${name}: ${count ? `${count} violated rule(s)` : "no violations"} (${results.passes.length} rules passed)`);
    failed += count;
    await page.close();
  }
} finally {
  await browser.close();
}
console.log(`${pages.length} page(s), ${failed} violated rule(s) in all`);
process.exit(failed ? 1 : 0);
