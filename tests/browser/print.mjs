// Prints pages of a built Charter site to PDF in headless Chromium, as a
// parent would with the browser's Print command (A4, print styles).
//
//   node print.mjs PUBLIC_DIR OUT_DIR PATH...
//
// Serves PUBLIC_DIR on 127.0.0.1 (pages use root-relative links), prints
// each PATH (e.g. /agreements/pupils-ks2/form/) to OUT_DIR/<n>.pdf, and
// prints one JSON line per page: {"path", "pdf"}. The checks of page
// counts and words are made by tests/print.rs with poppler's tools. Shares the harness's
// node_modules (scripts/setup-browser.sh).
// Chromium is Debian's (/usr/bin/chromium, or $CHROMIUM); every address but
// loopback goes to a dead proxy, so nothing leaves the machine.

import { join } from 'node:path';
import { serve, launch } from './local.mjs';

const [publicDir, outDir, ...paths] = process.argv.slice(2);
if (!publicDir || !outDir || paths.length === 0) {
  console.error('usage: node print.mjs PUBLIC_DIR OUT_DIR PATH...');
  process.exit(2);
}

const { server, base } = await serve(publicDir);

const browser = await launch(process.env.CHROMIUM || '/usr/bin/chromium');
let failed = false;
try {
  const page = await browser.newPage();
  for (const [n, path] of paths.entries()) {
    const response = await page.goto(base + path, { waitUntil: 'load' });
    if (!response || !response.ok()) {
      console.error(`${path}: HTTP ${response ? response.status() : 'no response'}`);
      failed = true;
      continue;
    }
    const pdf = join(outDir, `${n}.pdf`);
    await page.pdf({ path: pdf, format: 'A4' });
    console.log(JSON.stringify({ path, pdf }));
  }
} finally {
  await browser.close();
  server.close();
}
process.exit(failed ? 1 : 0);
