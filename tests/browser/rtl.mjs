// Measures a right-to-left site in headless Chromium, for tests/rtl.rs,
// which makes the judgements:
//
//   node rtl.mjs SPEC.json
//
// SPEC: { "public": DIR, "widths": [320, 1280],
//         "parents": "/parents/x/", "policy": "/policies/x/",
//         "cards": "/policies/", "form": "/agreements/x/form/" }
//
// Serves DIR on 127.0.0.1 and prints one JSON document: for each page and
// width, where things are on the screen (boxes: left, right, top, bottom)
// and what Chromium computed (direction, borders, padding), so that
// tests/rtl.rs can tell whether the layout is mirrored: the navigation, the
// breadcrumbs, list markers, a table's columns, the metadata panel, the
// contents, the cards of a table on phones, and a form's tick boxes and
// signature lines; and whether addresses keep their own direction.
// Chromium is Debian's (/usr/bin/chromium, or $CHARTER_CHROMIUM); every
// address but loopback goes to a dead proxy.

import { readFile } from 'node:fs/promises';
import { serve, launch } from './local.mjs';

const spec = JSON.parse(await readFile(process.argv[2], 'utf8'));
const { server, base } = await serve(spec.public);

// Runs in the page: what every check needs. `box` of the first element a
// selector matches (null if none), computed styles, and where the first and
// last characters of an element's text are drawn (left to right or not).
function measure(kind) {
  const box = (sel, root = document) => {
    const el = typeof sel === 'string' ? root.querySelector(sel) : sel;
    if (!el) return null;
    const r = el.getBoundingClientRect();
    return { left: r.left, right: r.right, top: r.top, bottom: r.bottom };
  };
  const style = (sel) => {
    const el = document.querySelector(sel);
    if (!el) return null;
    const s = getComputedStyle(el);
    return {
      direction: s.direction,
      borderLeft: parseFloat(s.borderLeftWidth),
      borderRight: parseFloat(s.borderRightWidth),
      paddingLeft: parseFloat(s.paddingLeft),
      paddingRight: parseFloat(s.paddingRight),
    };
  };
  // Where the text's first character is drawn, against its last: "ltr"
  // when the first is left of the last.
  const drawn = (el) => {
    const text = el.firstChild;
    if (!text || text.nodeType !== Node.TEXT_NODE || text.length < 2) return null;
    const at = (i) => {
      const range = document.createRange();
      range.setStart(text, i);
      range.setEnd(text, i + 1);
      return range.getBoundingClientRect();
    };
    return at(0).left < at(text.length - 1).left ? 'ltr' : 'rtl';
  };
  const link = (el) =>
    el && { dir: el.getAttribute('dir'), direction: getComputedStyle(el).direction, drawn: drawn(el), text: el.textContent };
  const out = {
    width: document.documentElement.clientWidth,
    scrollWidth: document.documentElement.scrollWidth,
    dir: document.documentElement.dir,
    wrap: box('.site-header .wrap') && (() => {
      const el = document.querySelector('.site-header .wrap');
      const s = getComputedStyle(el);
      const r = el.getBoundingClientRect();
      return { left: r.left + parseFloat(s.paddingLeft), right: r.right - parseFloat(s.paddingRight) };
    })(),
    brand: box('.brand'),
    nav: Array.from(document.querySelectorAll('.site-nav a')).map((a) => box(a)),
    crumbs: Array.from(document.querySelectorAll('.breadcrumbs li')).map((li) => box(li)),
  };
  if (kind === 'parents') {
    const ul = document.querySelector('main .prose ul');
    out.list = { ul: box(ul), li: box(ul.querySelector('li')) };
    out.heads = Array.from(document.querySelectorAll('main .prose table th')).map((th) => box(th));
    const links = Array.from(document.querySelectorAll('main .prose a'));
    const to = (p) => links.filter((a) => a.getAttribute('href').startsWith(p));
    const address = (a) => a.textContent.includes('@') || /^[\d\s+]+$/.test(a.textContent) || a.textContent.startsWith('www.');
    out.email = link(to('mailto:').find(address));
    out.emailWords = link(to('mailto:').find((a) => !address(a)));
    out.phone = link(to('tel:')[0]);
    out.web = link(to('https://').find(address));
  }
  if (kind === 'policy') {
    out.panel = style('main .meta-panel');
    out.dt = box('main .meta dt');
    out.dd = box('main .meta dd');
    out.toc = box('main .toc');
    out.text = box('main .prose');
  }
  if (kind === 'cards') {
    out.card = style('main .stack-table tbody tr');
  }
  if (kind === 'form') {
    const choice = document.querySelector('.consent .choice');
    const range = document.createRange();
    range.selectNodeContents(choice);
    range.setStartAfter(choice.querySelector('.tick-box'));
    out.tick = box('.tick-box', choice);
    out.tickWord = (({ left, right }) => ({ left, right }))(range.getBoundingClientRect());
    out.consentLabel = box('.consent .consent__label');
    out.consentChoices = box('.consent .consent__choices');
    out.sigLabel = box('.signature .sig-line__label');
    out.sigRule = box('.signature .sig-line__rule');
    out.statement = style('.form__statements > ul > li, .form__statements > ol > li');
  }
  return out;
}

const browser = await launch();
const page = await browser.newPage();
const result = [];
for (const kind of ['parents', 'policy', 'cards', 'form']) {
  for (const width of spec.widths) {
    await page.setViewportSize({ width, height: 900 });
    await page.goto(base + spec[kind], { waitUntil: 'load' });
    result.push({ kind, path: spec[kind], viewport: width, ...(await page.evaluate(measure, kind)) });
  }
}
await browser.close();
server.close();
console.log(JSON.stringify(result));
