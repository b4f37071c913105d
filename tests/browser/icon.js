// The site's icon in a real browser, driven by tests/icon.rs.
//
//   node tests/browser/icon.js SPEC.json
//
// SPEC: { "sites": [{ "name", "base": "http://127.0.0.1:PORT", "pages": ["/", ...],
//                     "notFound": "/no-such-page/" }] }
//
// Each page must answer 200, but "notFound", which must be 404 (the site's
// 404.html).
// On each page: every <link rel="icon"> and <link rel="apple-touch-icon">
// is fetched (200, an image/* type that matches its `type` attribute) and
// decoded by Chromium as an image; then GET /favicon.ico must be 200, an
// image type, and decode too. Prints one JSON line per site: what each page
// links ({rel, href, type}) and any failures; exits 1 if anything failed.

"use strict";

const fs = require("fs");
const { chromium } = require("playwright-core");

const CHROMIUM = process.env.CHARTER_CHROMIUM || "/usr/bin/chromium";

/** Whether Chromium decodes `url` as an image: its natural width. */
async function decodedWidth(page, url) {
  return page.evaluate(
    (src) =>
      new Promise((resolve) => {
        const img = new Image();
        img.onload = () => resolve(img.naturalWidth);
        img.onerror = () => resolve(0);
        img.src = src;
      }),
    url
  );
}

/** Fetches `url`: its status, type and whether it decodes as an image. */
async function check(page, url, where, failures, declared) {
  const response = await page.request.get(url);
  const type = (response.headers()["content-type"] || "").split(";")[0].trim();
  if (response.status() !== 200) failures.push(`${where}: ${url} is ${response.status()}`);
  if (!type.startsWith("image/")) failures.push(`${where}: ${url} is served as "${type}"`);
  if (declared && declared !== type) {
    failures.push(`${where}: ${url} is linked as ${declared} but served as ${type}`);
  }
  if ((await decodedWidth(page, url)) <= 0) failures.push(`${where}: ${url} does not decode as an image`);
}

async function main() {
  const spec = JSON.parse(fs.readFileSync(process.argv[2], "utf8"));
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ["--no-sandbox"] });
  let failed = false;
  for (const site of spec.sites) {
    const failures = [];
    const links = {};
    const context = await browser.newContext();
    const page = await context.newPage();
    for (const path of site.pages) {
      const where = `${site.name} ${path}`;
      const response = await page.goto(site.base + path);
      const status = path === site.notFound ? 404 : 200;
      if (!response || response.status() !== status) {
        failures.push(`${where}: the page is ${response && response.status()}`);
        continue;
      }
      const found = await page.$$eval('link[rel~="icon"], link[rel="apple-touch-icon"]', (els) =>
        els.map((l) => ({ rel: l.rel, href: l.href, path: l.getAttribute("href"), type: l.type }))
      );
      links[path] = found.map((l) => ({ rel: l.rel, href: l.path, type: l.type }));
      if (!found.some((l) => l.rel.split(/\s+/).includes("icon"))) failures.push(`${where}: no <link rel="icon">`);
      for (const l of found) await check(page, l.href, where, failures, l.type);
    }
    await check(page, `${site.base}/favicon.ico`, `${site.name} /favicon.ico`, failures, null);
    await context.close();
    if (failures.length) failed = true;
    console.log(JSON.stringify({ site: site.name, links, failures }));
  }
  await browser.close();
  process.exit(failed ? 1 : 0);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
