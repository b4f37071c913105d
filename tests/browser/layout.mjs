// Measures the layout of published Charter pages in headless Chromium, for
// tests/layout.rs, which makes the judgements:
//
//   node layout.mjs SPEC.json
//
// SPEC: { "sites": [{ "name", "public": DIR, "tables": ["/policies/", ...],
//                     "policy": "/policies/x/" | null,
//                     "finder": ["/", "/agreements/"], "grid": "/curriculum/" | null,
//                     "scrolling": ["/contact/"], "overflow": ["/"] }],
//         "widths": [320, 390, 1280] }
//
// Serves each DIR on 127.0.0.1 and prints one JSON document: for every site,
// page and width, what a reader would see (overflow, where each table row's
// title, next review and status are, how many lines the dashboard's cells
// take), what Chromium's accessibility tree exposes (roles and names, through
// the DevTools protocol: what screen readers are given), where the policy
// page's contents sit beside its text, how often the year finder says that
// parents sign, what the curriculum grid's empty cells show and say, and
// whether the boxes of tables written in a page's text say when they scroll.
// "overflow" pages (the trust's overview) are measured like "tables" pages,
// for what spills out of the page or out of a table's cell.
// Chromium is Debian's (/usr/bin/chromium, or $CHARTER_CHROMIUM); every
// address but loopback goes to a dead proxy.

import { readFile } from 'node:fs/promises';
import { serve, launch } from './local.mjs';

const spec = JSON.parse(await readFile(process.argv[2], 'utf8'));

// Roles and names of Chromium's accessibility tree (ignored nodes left out).
async function axNodes(page) {
  const cdp = await page.context().newCDPSession(page);
  const { nodes } = await cdp.send('Accessibility.getFullAXTree');
  await cdp.detach();
  return nodes
    .filter((n) => !n.ignored)
    .map((n) => ({ role: n.role?.value ?? '', name: String(n.name?.value ?? '').trim() }));
}

// Overflow of the page, and every table's rows: where the row's title, next
// review and status cells are, and how many lines the title and dates take.
function measureTables() {
  const width = document.documentElement.clientWidth;
  const box = (el) => {
    const r = el.getBoundingClientRect();
    return { left: r.left, right: r.right, top: r.top, bottom: r.bottom, width: r.width };
  };
  // Lines of text in a cell: the height of its contents over its line height.
  const lines = (el) => {
    const range = document.createRange();
    range.selectNodeContents(el);
    const h = range.getBoundingClientRect().height;
    return Math.round(h / parseFloat(getComputedStyle(el).lineHeight));
  };
  // Cut off by a box that ends inside the viewport (the visually-hidden
  // header row of a table shown as cards): not seen, and no overflow.
  const clipped = (el) => {
    for (let e = el.parentElement; e && e !== document.body; e = e.parentElement) {
      const r = e.getBoundingClientRect();
      if (getComputedStyle(e).overflowX !== 'visible' && r.left >= 0 && r.right <= width) return true;
    }
    return false;
  };
  const wide = [];
  for (const el of document.body.querySelectorAll('*')) {
    const r = el.getBoundingClientRect();
    if (r.width > 0 && (r.right > width + 1 || r.left < -1) && !clipped(el)) {
      wide.push(`<${el.tagName.toLowerCase()} class="${el.className}"> ${Math.round(r.left)}..${Math.round(r.right)}`);
    }
  }
  const scrollers = [];
  for (const el of document.body.querySelectorAll('*')) {
    const o = getComputedStyle(el).overflowX;
    if ((o === 'auto' || o === 'scroll') && el.scrollWidth > el.clientWidth + 1) {
      scrollers.push(`<${el.tagName.toLowerCase()} class="${el.className}">`);
    }
  }
  const tables = [];
  for (const table of document.querySelectorAll('main table')) {
    const heads = Array.from(table.querySelectorAll('thead th, thead td')).map((c) => c.textContent.trim());
    const rows = [];
    for (const tr of table.querySelectorAll('tbody tr')) {
      const cells = Array.from(tr.children);
      const at = (name) => (heads.indexOf(name) >= 0 ? cells[heads.indexOf(name)] : null);
      const title = tr.querySelector('th[scope=row]') || cells[0];
      const next = at('Next review');
      const status = at('Status');
      const dates = Array.from(tr.querySelectorAll('td')).filter((c) => c.querySelector('time'));
      rows.push({
        title: title.textContent.trim().replace(/\s+/g, ' '),
        titleBox: box(title),
        titleLines: lines(title),
        next: next ? box(next) : null,
        status: status ? box(status) : null,
        dateLines: dates.map(lines),
      });
    }
    tables.push({ class: table.className, heads, rows });
  }
  // Cells whose words spill out of them (a long word in a narrow card).
  const spilling = [];
  for (const cell of document.querySelectorAll('main table th, main table td')) {
    if (cell.getBoundingClientRect().width > 0 && cell.scrollWidth > cell.clientWidth + 1) {
      spilling.push(`<${cell.tagName.toLowerCase()}> ${cell.textContent.trim().replace(/\s+/g, ' ').slice(0, 60)}`);
    }
  }
  return {
    width,
    scrollWidth: document.documentElement.scrollWidth,
    wide: wide.slice(0, 5),
    scrollers,
    spilling: spilling.slice(0, 5),
    tables,
  };
}

// Where the policy's contents sit beside its text.
function measurePolicy() {
  const box = (sel) => {
    const el = document.querySelector(sel);
    if (!el) return null;
    const r = el.getBoundingClientRect();
    return { left: r.left, right: r.right, top: r.top + scrollY, bottom: r.bottom + scrollY };
  };
  return {
    width: document.documentElement.clientWidth,
    toc: box('main .toc'),
    text: box('main .prose'),
    mains: document.querySelectorAll('main').length,
    tocNamed: document.querySelector('main .toc')?.getAttribute('aria-labelledby') ?? null,
    // Contents taller than the window scroll in their box: do they say so?
    tocScrolls: (() => {
      const toc = document.querySelector('main .toc');
      return !!toc && toc.scrollHeight > toc.clientHeight + 1;
    })(),
  };
}

// Every box that scrolls sideways: whether it does, can be focused, and is
// named. Whether it says so is seen on screen (showsShadow).
function measureScrollBoxes() {
  return Array.from(document.querySelectorAll('main .table-scroll')).map((el) => ({
    scrolls: el.scrollWidth > el.clientWidth + 1,
    focusable: el.tabIndex === 0,
    named: !!(el.getAttribute('aria-label') || el.getAttribute('aria-labelledby')),
  }));
}

// Whether a scrolling box shows its "there is more" shadows: its pixels with
// the stylesheet's background and without it differ. (Setting a style through
// the CSSOM is allowed by the Content Security Policy.)
async function showsShadow(locator) {
  const withShadow = await locator.screenshot({ animations: 'disabled' });
  await locator.evaluate((el) => el.style.setProperty('background', 'none', 'important'));
  const without = await locator.screenshot({ animations: 'disabled' });
  await locator.evaluate((el) => el.style.removeProperty('background'));
  return !withShadow.equals(without);
}

// Visible words of the main content: what the eye reads (text hidden from
// sight by the visually-hidden pattern does not count).
function visibleText(selector) {
  const hidden = (el) => {
    for (let e = el; e && e !== document.body; e = e.parentElement) {
      const s = getComputedStyle(e);
      const r = e.getBoundingClientRect();
      if (s.display === 'none' || s.visibility === 'hidden') return true;
      if (r.width <= 1 && r.height <= 1 && s.overflow === 'hidden') return true;
    }
    return false;
  };
  const out = [];
  for (const root of document.querySelectorAll(selector)) {
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    let text = '';
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      if (!hidden(n.parentElement)) text += n.textContent;
    }
    out.push(text.replace(/\s+/g, ' ').trim());
  }
  return out;
}

const browser = await launch();
const context = await browser.newContext({ reducedMotion: 'reduce' });
const page = await context.newPage();
const result = [];
for (const site of spec.sites) {
  const { server, base } = await serve(site.public);
  const out = { name: site.name, tables: [], overflow: [], policy: [], finder: [], grid: null, scrolling: [] };
  for (const path of site.overflow ?? []) {
    for (const width of spec.widths) {
      await page.setViewportSize({ width, height: 900 });
      await page.goto(base + path, { waitUntil: 'load' });
      out.overflow.push({ path, viewport: width, ...(await page.evaluate(measureTables)) });
    }
  }
  for (const path of site.tables) {
    for (const width of spec.widths) {
      await page.setViewportSize({ width, height: 900 });
      await page.goto(base + path, { waitUntil: 'load' });
      const layout = await page.evaluate(measureTables);
      const ax = (await axNodes(page)).filter((n) =>
        ['table', 'row', 'columnheader', 'rowheader', 'cell', 'gridcell'].includes(n.role)
      );
      out.tables.push({ path, viewport: width, ...layout, ax });
    }
  }
  for (const path of site.scrolling ?? []) {
    for (const width of spec.widths) {
      await page.setViewportSize({ width, height: 900 });
      await page.goto(base + path, { waitUntil: 'load' });
      const boxes = await page.evaluate(measureScrollBoxes);
      const locators = page.locator('main .table-scroll');
      for (let i = 0; i < boxes.length; i++) {
        boxes[i].says = await showsShadow(locators.nth(i));
      }
      out.scrolling.push({ path, viewport: width, boxes });
    }
  }
  if (site.policy) {
    for (const width of spec.widths) {
      await page.setViewportSize({ width, height: 900 });
      await page.goto(base + site.policy, { waitUntil: 'load' });
      const policy = await page.evaluate(measurePolicy);
      const toc = page.locator('main .toc');
      policy.tocSays = (await toc.count()) > 0 && (await showsShadow(toc.first()));
      out.policy.push({ path: site.policy, viewport: width, ...policy });
    }
  }
  for (const path of site.finder ?? []) {
    await page.setViewportSize({ width: 390, height: 900 });
    await page.goto(base + path, { waitUntil: 'load' });
    out.finder.push({ path, text: (await page.evaluate(visibleText, 'main'))[0] });
  }
  if (site.grid) {
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.goto(base + site.grid, { waitUntil: 'load' });
    const cells = await page.evaluate(visibleText, 'main table.grid tbody td');
    const links = await page.evaluate(() =>
      Array.from(document.querySelectorAll('main table.grid tbody td')).map((td) => td.querySelectorAll('a').length)
    );
    const ax = (await axNodes(page)).filter((n) => n.role === 'StaticText' && n.name === 'No units');
    out.grid = { path: site.grid, cells: cells.map((text, i) => ({ text, links: links[i] })), spoken: ax.length };
  }
  server.close();
  result.push(out);
}
await browser.close();
console.log(JSON.stringify(result));
