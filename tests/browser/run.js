// Browser checks of published Charter sites, driven by tests/browser.rs.
//
//   node tests/browser/run.js SPEC.json
//
// SPEC: {
//   "sites": [{ "name", "base": "http://127.0.0.1:PORT", "pages": ["/", ...],
//               "print": ["/policies/x/", ...], "axeNarrow": false,
//               "narrowAxe": ["/pl/x/", ...] }],
//   "searches": [{ "name", "base", "page": "/search/", "query",
//                  "expect": "/policies/x/", "title", "first": false,
//                  "othersMarked": "en-GB", "maxIndexBytes": 300000,
//                  "more": false, "found": 1 }],
//   "switchers": [{ "name", "base", "from": "/parents/x/",
//                   "steps": [{ "link": "Polski", "path": "/pl/parents/x/",
//                               "lang": "pl", "dir": "ltr" }, ...] }],
//   "workers": 2
// }
//
// On every page: axe-core (WCAG 2.0/2.1/2.2 A and AA, and best practice)
// finds no violation; exactly one h1 and no skipped heading level; the first
// Tab focuses the skip link, which is visible, and activating it moves focus
// to <main>; at 320 CSS px nothing scrolls sideways (and, on a site with
// "axeNarrow", axe finds no violation there either); nothing is loaded from
// outside 127.0.0.1. Pages in "print": in print media the navigation is
// hidden and only external links have their address printed after them.
// Then each search: typing the query lists the expected page, the status
// region says how many were found, axe still passes, and following the
// result opens the page. The search index's files loaded (the manifest, the
// term files of the query's words, the display files of the results shown)
// must come to at most "maxIndexBytes"; with "found", exactly that many
// pages must be found. "page" is the search page (default /search/);
// with "first", the expected page must be the first result; with
// "othersMarked", results in that other language must follow the page's
// language's, marked with it. With "more", the "Show more
// results" button lists ten more and moves focus to the first of them.
// Without JavaScript the A to Z list is shown.
// Pages a site lists in "narrowAxe" (its translations) are checked by axe at
// 320 px too. Then each language switcher is used by keyboard, at 1280 and
// 320 px (switcher.js).
//
// Prints each failure and a summary; exits 1 if anything failed.

"use strict";

const fs = require("fs");

let chromium;
let axeSource;
try {
  ({ chromium } = require("playwright-core"));
  axeSource = fs.readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");
} catch (e) {
  console.error(
    `cannot load playwright-core and axe-core (${e.message}); run scripts/setup-browser.sh, or \`npm ci\` in ${__dirname}`
  );
  process.exit(1);
}

const CHROMIUM = process.env.CHARTER_CHROMIUM || "/usr/bin/chromium";
const AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"];
const WIDE = { width: 1280, height: 900 };
const NARROW = { width: 320, height: 800 };

const { checkSwitcher } = require("./switcher.js");

const failures = [];
function fail(where, what) {
  failures.push(`${where}: ${what}`);
}

function isLoopback(url) {
  try {
    const u = new URL(url);
    if (u.protocol === "data:" || u.protocol === "about:" || u.protocol === "blob:") {
      return true;
    }
    return ["127.0.0.1", "localhost", "[::1]"].includes(u.hostname);
  } catch (e) {
    return true;
  }
}

async function runAxe(page) {
  const loaded = await page.evaluate(() => typeof window.axe !== "undefined");
  if (!loaded) {
    await page.addScriptTag({ content: axeSource });
  }
  return page.evaluate(
    async (tags) => {
      const result = await window.axe.run(document, { runOnly: { type: "tag", values: tags } });
      return result.violations.map((v) => ({
        id: v.id,
        help: v.help,
        nodes: v.nodes.slice(0, 3).map((n) => ({
          target: n.target.join(" "),
          summary: (n.failureSummary || "").split("\n").slice(1, 3).join(" ").trim(),
        })),
        count: v.nodes.length,
      }));
    },
    AXE_TAGS
  );
}

function reportAxe(where, violations) {
  for (const v of violations) {
    const nodes = v.nodes.map((n) => `\n      ${n.target} | ${n.summary}`).join("");
    fail(where, `axe [${v.id}] ${v.help} (${v.count} element${v.count === 1 ? "" : "s"})${nodes}`);
  }
}

async function checkHeadings(page, where) {
  const { h1, skips } = await page.evaluate(() => {
    const out = [];
    let last = 0;
    for (const h of document.querySelectorAll("h1, h2, h3, h4, h5, h6")) {
      if (h.closest("[hidden]")) {
        continue;
      }
      const level = Number(h.tagName[1]);
      if (level > last + 1) {
        out.push(`${h.tagName.toLowerCase()} "${h.textContent.trim().slice(0, 40)}" after h${last}`);
      }
      last = level;
    }
    return { h1: document.querySelectorAll("h1").length, skips: out };
  });
  if (h1 !== 1) {
    fail(where, `${h1} h1 elements (want exactly one)`);
  }
  for (const s of skips) {
    fail(where, `heading level skipped: ${s}`);
  }
}

async function checkKeyboard(page, where) {
  await page.keyboard.press("Tab");
  const first = await page.evaluate(async () => {
    // Let focus styles apply before measuring.
    await new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)));
    const el = document.activeElement;
    if (!el || el === document.body) {
      return null;
    }
    const r = el.getBoundingClientRect();
    return {
      skip: el.matches('a[href^="#"]') && /skip/i.test(el.className + " " + el.textContent),
      describe: `<${el.tagName.toLowerCase()} class="${el.className}" href="${el.getAttribute("href")}">`,
      visible: r.width > 0 && r.height > 0 && r.top >= 0 && r.left >= 0 && r.bottom <= window.innerHeight,
      target: (el.getAttribute("href") || "").slice(1),
    };
  });
  if (!first || !first.skip) {
    fail(where, `the first Tab focuses ${first ? first.describe : "nothing"}, not the skip link`);
    return;
  }
  if (!first.visible) {
    fail(where, "the skip link is not visible when it has focus");
  }
  await page.keyboard.press("Enter");
  const landed = await page.evaluate(() => {
    const el = document.activeElement;
    return el ? { id: el.id, tag: el.tagName.toLowerCase() } : null;
  });
  if (!landed || landed.id !== first.target || landed.tag !== "main") {
    fail(
      where,
      `activating the skip link moved focus to ${landed ? `<${landed.tag} id="${landed.id}">` : "nothing"}, not <main id="${first.target}">`
    );
  }
}

async function checkReflow(page, where, axeNarrow) {
  await page.setViewportSize(NARROW);
  if (axeNarrow) {
    // As in checkPage: not with the skip link shown over the page.
    await page.evaluate(() => document.activeElement && document.activeElement.blur());
    reportAxe(`${where} at 320 px`, await runAxe(page));
  }
  const found = await page.evaluate(() => {
    const root = document.documentElement;
    const width = root.clientWidth;
    const out = { scroll: root.scrollWidth, width, wide: [] };
    if (root.scrollWidth > width) {
      for (const el of document.body.querySelectorAll("*")) {
        const r = el.getBoundingClientRect();
        if (r.right > width + 1 && !el.closest(".table-scroll")) {
          out.wide.push(`<${el.tagName.toLowerCase()} class="${el.className}"> ends at ${Math.round(r.right)}px`);
          if (out.wide.length >= 3) {
            break;
          }
        }
      }
    }
    return out;
  });
  if (found.scroll > found.width) {
    fail(where, `at 320 px the page is ${found.scroll} px wide (scrolls sideways): ${found.wide.join("; ")}`);
  }
  await page.setViewportSize(WIDE);
}

async function checkPrint(page, where) {
  await page.emulateMedia({ media: "print" });
  const found = await page.evaluate(() => {
    const out = [];
    for (const sel of [".skip-link", ".site-nav", ".breadcrumbs", ".site-footer nav", ".toc"]) {
      for (const el of document.querySelectorAll(sel)) {
        if (getComputedStyle(el).display !== "none") {
          out.push(`${sel} is printed`);
        }
      }
    }
    let external = 0;
    for (const a of document.querySelectorAll("main a[href]")) {
      const href = a.getAttribute("href");
      const after = getComputedStyle(a, "::after").content;
      const printed = after && after !== "none" && after !== "normal";
      if (/^https?:\/\//.test(href)) {
        external += 1;
        if (!printed || !after.includes(href)) {
          out.push(`the address of the external link ${href} is not printed after it`);
        }
      } else if (printed && after.includes(href)) {
        out.push(`the address of the internal link ${href} is printed`);
      }
    }
    return { problems: out.slice(0, 5), external };
  });
  for (const p of found.problems) {
    fail(`${where} (print)`, p);
  }
  await page.emulateMedia({ media: "screen" });
  return found.external;
}

async function checkPage(page, site, pagePath) {
  const where = `${site.name} ${pagePath}`;
  const response = await page.goto(site.base + pagePath, { waitUntil: "load" });
  const status = response ? response.status() : 0;
  if (status !== 200) {
    fail(where, `HTTP status ${status}`);
  }
  reportAxe(where, await runAxe(page));
  await checkHeadings(page, where);
  await checkKeyboard(page, where);
  await checkReflow(page, where, site.axeNarrow);
  if (!site.axeNarrow && (site.narrowAxe || []).includes(pagePath)) {
    // Loaded afresh at 320 px: the checks before leave focus, scrolling
    // and the skip link shown over the page, which axe would count as
    // covering the header's links.
    await page.setViewportSize(NARROW);
    await page.reload();
    reportAxe(`${where} (320 px)`, await runAxe(page));
    await page.setViewportSize(WIDE);
  }
  if ((site.print || []).includes(pagePath)) {
    await checkPrint(page, where);
  }
}

async function checkSearch(context, spec) {
  const where = `${spec.name}: search for "${spec.query}"`;
  const page = await context.newPage();
  await page.setViewportSize(WIDE);
  // What the search index costs a reader: every file of it the page loads.
  const loaded = [];
  page.on("response", async (response) => {
    const path = new URL(response.url()).pathname;
    if (/\/search\/index(\/|\.json)/.test(path)) {
      const body = await response.body().catch(() => Buffer.alloc(0));
      loaded.push({ path, bytes: body.length });
    }
  });
  await page.goto(spec.base + (spec.page || "/search/"));
  await page.waitForSelector('#search[data-ready="true"]', { timeout: 15000 }).catch(() => {
    fail(where, "the search index did not load");
  });
  // By its id: the label is in the page's language.
  const input = page.locator("#search-input");
  await input.click();
  await page.keyboard.type(spec.query, { delay: 20 });
  // search.js marks the number found once the status region says it.
  const said = await page
    .waitForFunction(
      () => {
        const s = document.querySelector('[role="status"]');
        return document.querySelector("#search[data-found]") && s.textContent ? s.textContent : null;
      },
      null,
      { timeout: 10000 }
    )
    .then((h) => h.jsonValue())
    .catch(() => null);
  if (!said) {
    fail(where, "the status region never said how many pages were found");
    await page.close();
    return;
  }
  const links = await page.$$eval("#search-results a", (as) => as.map((a) => a.getAttribute("href")));
  // Without an expected page, the first result, which must open the page
  // its link names.
  const expect = spec.expect || links[0];
  const title = spec.title || (links.length ? (await page.textContent("#search-results a")).trim() : "");
  if (!links.includes(expect)) {
    fail(where, `the results (${links.join(", ") || "none"}) do not list ${expect}; the status said "${said}"`);
    await page.close();
    return;
  }
  if (spec.first && links[0] !== expect) {
    fail(where, `${expect} should be the first result, but the results are ${links.join(", ")}`);
  }
  if (spec.othersMarked) {
    await checkLanguages(page, where, spec.othersMarked);
  }
  if (spec.found !== undefined) {
    const count = Number(await page.getAttribute("#search", "data-found"));
    if (count !== spec.found) {
      fail(where, `${spec.found} page(s) should be found, but the status said "${said}"`);
    }
  }
  const bytes = loaded.reduce((sum, f) => sum + f.bytes, 0);
  const files = loaded.map((f) => f.path.replace(/.*\/search\//, "")).sort();
  if (spec.maxIndexBytes && bytes > spec.maxIndexBytes) {
    fail(where, `the search loaded ${bytes} bytes of index (${files.join(", ")}), more than ${spec.maxIndexBytes}`);
  }
  reportAxe(`${where} (results shown)`, await runAxe(page));
  if (spec.more) {
    await checkMore(page, where, links.length);
  }
  await Promise.all([
    page.waitForURL((url) => new URL(url).pathname === expect),
    page.click(`#search-results a[href="${expect}"]`),
  ]);
  const h1 = (await page.textContent("h1")).trim();
  if (h1 !== title) {
    fail(where, `following the result opened a page titled "${h1}", not "${title}"`);
  }
  await page.close();
  return { said, count: links.length, bytes, files: files.length };
}

// On a language's search page: its own language's results come first, and
// the results in the other language `lang` (at least one) follow, each
// link marked with it and the language's name beside it.
async function checkLanguages(page, where, lang) {
  const marks = await page.$$eval("#search-results li", (items) =>
    items.map((li) => ({
      lang: li.querySelector("a").getAttribute("lang"),
      label: (li.querySelector(".search-result__lang") || {}).textContent || "",
    }))
  );
  const firstOther = marks.findIndex((m) => m.lang !== null);
  if (firstOther < 1) {
    fail(where, `the results should start in the page's language and go on in ${lang}: ${JSON.stringify(marks)}`);
    return;
  }
  const rest = marks.slice(firstOther);
  if (!rest.some((m) => m.lang === lang) || rest.some((m) => m.lang === null || !m.label)) {
    fail(where, `the results after the page's language's are not all marked with their language: ${JSON.stringify(marks)}`);
  }
}

// "Show more results", by keyboard: ten more results, focus on the first.
async function checkMore(page, where, before) {
  const button = page.getByRole("button", { name: "Show more results" });
  if (!(await button.isVisible())) {
    fail(where, `only ${before} results are listed and there is no "Show more results" button`);
    return;
  }
  await button.focus();
  await page.keyboard.press("Enter");
  const after = await page
    .waitForFunction((n) => {
      const count = document.querySelectorAll("#search-results a").length;
      return count > n ? count : null;
    }, before, { timeout: 10000 })
    .then((h) => h.jsonValue())
    .catch(() => before);
  if (after !== before + 10) {
    fail(where, `"Show more results" went from ${before} to ${after} results, not ${before + 10}`);
  }
  const focused = await page.evaluate(() => {
    const links = Array.from(document.querySelectorAll("#search-results a"));
    return links.indexOf(document.activeElement);
  });
  if (focused !== before) {
    fail(where, `after "Show more results" focus is on result ${focused + 1}, not on the first new one (${before + 1})`);
  }
}

async function checkWithoutJavaScript(browser, spec) {
  const where = `${spec.name}: search page without JavaScript`;
  const context = await browser.newContext({ javaScriptEnabled: false, viewport: WIDE });
  const page = await context.newPage();
  await page.goto(spec.base + (spec.page || "/search/"));
  const found = await page.evaluate(() => ({
    note: !!document.querySelector(".search-nojs") && !document.querySelector(".search-nojs").hidden,
    formHidden: !!document.querySelector("#search form[hidden]"),
    links: document.querySelectorAll(".a-to-z__list a").length,
    letters: Array.from(document.querySelectorAll(".a-to-z__letters a")).map((a) => a.getAttribute("href")),
  }));
  if (!found.note || !found.formHidden) {
    fail(where, "the search box is shown, or the note about the A to Z list is not");
  }
  let links = found.links;
  // A large site lists each letter on a page of its own: follow the first.
  if (links === 0 && found.letters.length && !found.letters[0].startsWith("#")) {
    await page.goto(spec.base + found.letters[0]);
    links = await page.evaluate(() => document.querySelectorAll(".a-to-z__list a").length);
  }
  if (links < 5) {
    fail(where, `the A to Z list has only ${links} links`);
  }
  await context.close();
}

async function main() {
  const spec = JSON.parse(fs.readFileSync(process.argv[2], "utf8"));
  const started = Date.now();
  let browser;
  try {
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        // Everything but loopback goes to a closed port: no test can reach
        // the internet by accident.
        "--proxy-server=http://127.0.0.1:9",
      ],
    });
  } catch (e) {
    console.error(`cannot start Chromium at ${CHROMIUM}: ${e.message.split("\n")[0]}; run scripts/setup-browser.sh`);
    process.exit(1);
  }
  const context = await browser.newContext({ viewport: WIDE, reducedMotion: "reduce", bypassCSP: true });
  context.on("request", (request) => {
    if (!isLoopback(request.url())) {
      let from = "a page";
      try {
        from = request.frame().url();
      } catch (e) {
        // A request without a frame (a service worker): name it only.
      }
      fail(from, `loads ${request.url()} from outside the site`);
    }
  });
  context.on("weberror", (e) => fail("page script", e.error().message));

  const queue = [];
  for (const site of spec.sites) {
    for (const p of site.pages) {
      queue.push({ site, path: p });
    }
  }
  const total = queue.length;
  const workers = Math.max(1, Math.min(spec.workers || 2, total));
  // One tab per worker, reused from page to page.
  await Promise.all(
    Array.from({ length: workers }, async () => {
      const page = await context.newPage();
      for (let job = queue.shift(); job; job = queue.shift()) {
        try {
          await checkPage(page, job.site, job.path);
        } catch (e) {
          fail(`${job.site.name} ${job.path}`, `the check stopped: ${e.message.split("\n")[0]}`);
        }
      }
      await page.close();
    })
  );
  const pagesDone = Date.now();
  const searchSummary = [];
  for (const search of spec.searches || []) {
    try {
      const found = await checkSearch(context, search);
      if (found) {
        searchSummary.push(
          `${search.name}: search for "${search.query}": ${found.said} (${found.files} index files, ${found.bytes} bytes)`
        );
      }
      await checkWithoutJavaScript(browser, search);
    } catch (e) {
      fail(`${search.name}: search`, `the check stopped: ${e.message.split("\n")[0]}`);
    }
  }
  for (const switcher of spec.switchers || []) {
    for (const viewport of [WIDE, NARROW]) {
      try {
        await checkSwitcher(context, switcher, viewport, fail);
      } catch (e) {
        fail(`${switcher.name}: language switcher`, `the check stopped: ${e.message.split("\n")[0]}`);
      }
    }
  }
  await browser.close();

  const seconds = (pagesDone - started) / 1000;
  for (const f of failures) {
    console.log(`FAIL ${f}`);
  }
  console.log(
    `${total} pages checked in ${seconds.toFixed(1)} s (${(seconds / Math.max(total, 1)).toFixed(2)} s per page, ${workers} tab${workers === 1 ? "" : "s"})${searchSummary.map((x) => `; ${x}`).join("")}; total ${((Date.now() - started) / 1000).toFixed(1)} s; ${failures.length} failure${failures.length === 1 ? "" : "s"}`
  );
  process.exit(failures.length === 0 ? 0 : 1);
}

main().catch((e) => {
  console.error(`browser checks stopped: ${e.stack || e}`);
  process.exit(1);
});
