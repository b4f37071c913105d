// The published pages' Content Security Policy in a real browser, driven by
// tests/csp.rs:
//
//   node tests/browser/csp.mjs SPEC.json
//
// SPEC: {
//   "sites": [{ "name", "public": "/abs/public", "pages": ["/", ...],
//               "search": { "query", "expect": "/policies/x/" } }],
//   "serve": { "base": "http://127.0.0.1:PORT", "pages": ["/", ...],
//              "break": { "file": "/abs/x.md", "text": "..." } },
//   "workers": 2
// }
//
// Each site's public/ folder is served here on 127.0.0.1 (an ephemeral
// port). On every page: no `securitypolicyviolation` event, no console
// error or uncaught exception, no request to another origin, and the page
// carries the policy and the referrer policy in <meta> tags. On each site's
// search page, typing the query lists the expected page. Then, through
// `charter serve`: its reload script and its error overlay (shown after
// "break" is written) cause no violation either, and the overlay's styles
// are applied.
//
// Prints each failure and a summary; exits 1 if anything failed.

import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
let chromium;
try {
  ({ chromium } = require("playwright-core"));
} catch (e) {
  console.error(`cannot load playwright-core (${e.message}); run scripts/setup-browser.sh`);
  process.exit(1);
}

const CHROMIUM = process.env.CHARTER_CHROMIUM || "/usr/bin/chromium";
const POLICY =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; " +
  "font-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'";

const failures = [];
function fail(where, what) {
  failures.push(`${where}: ${what}`);
}

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".json": "application/json",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".jpg": "image/jpeg",
  ".ico": "image/x-icon",
  ".xml": "application/xml",
  ".pdf": "application/pdf",
  ".ics": "text/calendar",
  ".csv": "text/csv",
  ".txt": "text/plain; charset=utf-8",
};

// Serves a public/ folder as a static host would: folders by their
// index.html, anything missing with 404.html and status 404.
function serveFolder(root) {
  const server = http.createServer((req, res) => {
    let rel = decodeURIComponent(new URL(req.url, "http://x").pathname);
    if (rel.split("/").includes("..")) {
      rel = "/404.html";
    }
    let file = path.join(root, rel);
    if (fs.existsSync(file) && fs.statSync(file).isDirectory()) {
      if (!rel.endsWith("/")) {
        res.writeHead(301, { Location: `${rel}/` });
        res.end();
        return;
      }
      file = path.join(file, "index.html");
    }
    let status = 200;
    if (!fs.existsSync(file) || !fs.statSync(file).isFile()) {
      status = 404;
      file = path.join(root, "404.html");
    }
    const type = TYPES[path.extname(file)] || "application/octet-stream";
    res.writeHead(status, { "Content-Type": type, "Cache-Control": "no-store" });
    res.end(fs.readFileSync(file));
  });
  return new Promise((resolve) => {
    server.listen(0, "127.0.0.1", () => {
      resolve({ server, base: `http://127.0.0.1:${server.address().port}` });
    });
  });
}

// A context whose pages record their violations from the first byte (an
// init script is not subject to the page's policy).
async function newContext(browser) {
  const context = await browser.newContext();
  await context.addInitScript(() => {
    window.__violations = [];
    document.addEventListener(
      "securitypolicyviolation",
      (e) => {
        window.__violations.push(
          `${e.violatedDirective} blocked ${e.blockedURI || "inline"} (${e.sourceFile}:${e.lineNumber})`
        );
      },
      true
    );
  });
  return context;
}

// A new page that records console errors, uncaught exceptions and requests
// to other origins than that of `base`.
async function watch(context, base) {
  const origin = new URL(base).origin;
  const problems = [];
  const page = await context.newPage();
  page.on("console", (msg) => {
    // Chromium asks for /favicon.ico by itself when a page names no icon:
    // that request is the browser's, not the page's.
    const fromBrowser = new URL(msg.location().url || base).pathname === "/favicon.ico";
    if (msg.type() === "error" && !fromBrowser) {
      problems.push(`console error: ${msg.text()} (${msg.location().url})`);
    }
  });
  page.on("pageerror", (e) => problems.push(`uncaught: ${e.message}`));
  page.on("response", (r) => {
    if (r.status() >= 400) {
      problems.push(`${r.status()} for ${r.url()}`);
    }
  });
  page.on("request", (r) => {
    const u = new URL(r.url());
    if ((u.protocol === "http:" || u.protocol === "https:") && u.origin !== origin) {
      problems.push(`request to another origin: ${r.url()}`);
    }
  });
  return { page, problems };
}

async function violations(page) {
  return page.evaluate(() => window.__violations || []);
}

async function checkPage(context, base, url, where) {
  const { page, problems } = await watch(context, base);
  try {
    const response = await page.goto(base + url, { waitUntil: "load" });
    if (response.status() >= 400) {
      fail(where, `status ${response.status()}`);
    }
    const meta = await page.evaluate(() => ({
      csp: document.querySelector('meta[http-equiv="Content-Security-Policy"]')?.content,
      referrer: document.querySelector('meta[name="referrer"]')?.content,
    }));
    if (meta.csp !== POLICY) {
      fail(where, `Content-Security-Policy is ${JSON.stringify(meta.csp)}`);
    }
    if (meta.referrer !== "strict-origin-when-cross-origin") {
      fail(where, `referrer is ${JSON.stringify(meta.referrer)}`);
    }
    for (const v of await violations(page)) {
      fail(where, `CSP violation: ${v}`);
    }
    for (const p of problems) {
      fail(where, p);
    }
  } finally {
    await page.close();
  }
}

async function checkSearch(context, base, search, where) {
  const { page, problems } = await watch(context, base);
  try {
    await page.goto(`${base}/search/`, { waitUntil: "load" });
    await page.fill("#search-input", search.query);
    const link = page.locator(`#search-results a[href="${search.expect}"]`);
    try {
      await link.first().waitFor({ timeout: 10000 });
    } catch (e) {
      const listed = await page.locator("#search-results a").evaluateAll((as) => as.map((a) => a.getAttribute("href")));
      fail(where, `searching "${search.query}" did not list ${search.expect}: ${JSON.stringify(listed)}`);
    }
    for (const v of await violations(page)) {
      fail(where, `CSP violation: ${v}`);
    }
    for (const p of problems) {
      fail(where, p);
    }
  } finally {
    await page.close();
  }
}

// `charter serve`: pages with the reload script, then the error overlay.
async function checkServe(context, serve) {
  for (const url of serve.pages) {
    const { page, problems } = await watch(context, serve.base);
    const where = `serve ${url}`;
    try {
      await page.goto(serve.base + url, { waitUntil: "load" });
      await page.waitForFunction(() => document.querySelector('script[src="/__charter/reload.js"]'));
      await page.waitForTimeout(300);
      for (const v of await violations(page)) {
        fail(where, `CSP violation: ${v}`);
      }
      for (const p of problems) {
        fail(where, p);
      }
    } finally {
      await page.close();
    }
  }
  const { page, problems } = await watch(context, serve.base);
  const where = "serve overlay";
  try {
    await page.goto(serve.base + serve.pages[0], { waitUntil: "load" });
    await page.waitForTimeout(300);
    fs.writeFileSync(serve.break.file, serve.break.text);
    await page.waitForFunction(
      () => {
        const host = document.getElementById("charter-overlay");
        const box = host?.shadowRoot?.querySelector(".box");
        return box && getComputedStyle(box).position === "fixed";
      },
      null,
      { timeout: 30000 }
    );
    const shown = await page.evaluate(() => {
      const box = document.getElementById("charter-overlay").shadowRoot.querySelector(".box");
      return { text: box.textContent, background: getComputedStyle(box).backgroundColor };
    });
    if (!shown.text.includes("could not be rebuilt")) {
      fail(where, `the overlay says ${JSON.stringify(shown.text.slice(0, 200))}`);
    }
    if (shown.background !== "rgb(29, 29, 31)") {
      fail(where, `the overlay's stylesheet is not applied (background ${shown.background})`);
    }
    for (const v of await violations(page)) {
      fail(where, `CSP violation: ${v}`);
    }
    for (const p of problems) {
      fail(where, p);
    }
  } catch (e) {
    fail(where, `no styled overlay appeared: ${e.message}`);
  } finally {
    await page.close();
  }
}

async function pool(items, workers, run) {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(workers, items.length) }, async () => {
      while (next < items.length) {
        const item = items[next++];
        try {
          await run(item);
        } catch (e) {
          fail(String(item), e.message);
        }
      }
    })
  );
}

async function main() {
  const spec = JSON.parse(fs.readFileSync(process.argv[2], "utf8"));
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      // Everything but loopback goes to a closed port: a page that asks
      // another origin fails here, and no test reaches the internet.
      "--proxy-server=http://127.0.0.1:9",
    ],
  });
  const servers = [];
  let visited = 0;
  try {
    const context = await newContext(browser);
    for (const site of spec.sites) {
      const { server, base } = await serveFolder(site.public);
      servers.push(server);
      await pool(site.pages, spec.workers || 2, async (url) => {
        await checkPage(context, base, url, `${site.name} ${url}`);
        visited += 1;
      });
      await checkSearch(context, base, site.search, `${site.name} search`);
    }
    if (spec.serve) {
      await checkServe(context, spec.serve);
    }
  } finally {
    await browser.close();
    for (const s of servers) {
      s.close();
    }
  }
  for (const f of failures) {
    console.log(`FAIL ${f}`);
  }
  console.log(`csp: ${visited} pages visited, ${failures.length} failure(s)`);
  process.exit(failures.length === 0 ? 0 : 1);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
