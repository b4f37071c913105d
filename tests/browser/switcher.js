// The language switcher (nav.languages), used by keyboard: a part of the
// browser checks of run.js, which gives it a browser context and a `fail`
// function. See "switchers" in run.js.
//
// From the page "from", Tab reaches every link of the switcher, in order;
// Shift+Tab comes back to a step's link, which shows its focus; Enter opens
// the step's page, whose <html> has the step's lang and dir and whose
// switcher marks that language as current. The next step starts there.

"use strict";

// Tabs from the top of the page into nav.languages: the texts of the links
// focused there, in order, or null when Tab never reaches it.
async function tabThroughSwitcher(page) {
  const inSwitcher = () =>
    page.evaluate(() => {
      const el = document.activeElement;
      return el && el.closest("nav.languages") ? el.textContent.trim() : null;
    });
  await page.evaluate(() => document.activeElement && document.activeElement.blur());
  for (let i = 0; i < 80; i++) {
    await page.keyboard.press("Tab");
    const first = await inSwitcher();
    if (first === null) {
      continue;
    }
    const texts = [first];
    for (;;) {
      await page.keyboard.press("Tab");
      const next = await inSwitcher();
      if (next === null) {
        return texts;
      }
      texts.push(next);
    }
  }
  return null;
}

// Focuses the switcher's link named `name` by keyboard (Shift+Tab back
// from past its end) and says whether it shows that it has focus.
async function focusSwitcherLink(page, name) {
  for (let i = 0; i < 10; i++) {
    await page.keyboard.press("Shift+Tab");
    const found = await page.evaluate((name) => {
      const el = document.activeElement;
      if (!el || !el.closest("nav.languages") || el.textContent.trim() !== name) {
        return null;
      }
      const r = el.getBoundingClientRect();
      const style = getComputedStyle(el);
      return {
        visible: r.width > 0 && r.height > 0 && r.left >= 0 && r.right <= window.innerWidth,
        // The theme's focus style: an outline, or a highlight drawn with
        // box-shadow (links keep a transparent outline for forced colours).
        shown:
          el.matches(":focus-visible") &&
          (style.boxShadow !== "none" || (style.outlineStyle !== "none" && style.outlineColor !== "rgba(0, 0, 0, 0)")),
      };
    }, name);
    if (found) {
      return found;
    }
  }
  return null;
}

async function checkSwitcher(context, spec, viewport, fail) {
  const where = `${spec.name}: language switcher at ${viewport.width} px`;
  const page = await context.newPage();
  await page.setViewportSize(viewport);
  await page.goto(spec.base + spec.from, { waitUntil: "load" });
  for (const step of spec.steps) {
    const here = `${where}, on ${new URL(page.url()).pathname}`;
    const links = await page.$$eval("nav.languages a", (as) => as.map((a) => a.textContent.trim()));
    const texts = await tabThroughSwitcher(page);
    if (!texts || texts.join(" | ") !== links.join(" | ")) {
      fail(here, `Tab reaches ${texts ? texts.join(" | ") : "no link"} of the switcher, whose links are ${links.join(" | ") || "none"}`);
      break;
    }
    const focused = await focusSwitcherLink(page, step.link);
    if (!focused) {
      fail(here, `Shift+Tab does not come back to "${step.link}"`);
      break;
    }
    if (!focused.visible || !focused.shown) {
      fail(here, `"${step.link}" has focus but ${focused.visible ? "does not show it" : "is not within the window"}`);
    }
    await Promise.all([
      page.waitForURL((url) => new URL(url).pathname === step.path, { timeout: 10000 }),
      page.keyboard.press("Enter"),
    ]).catch(() => fail(here, `Enter on "${step.link}" did not open ${step.path}`));
    const got = await page.evaluate(() => ({
      path: location.pathname,
      lang: document.documentElement.getAttribute("lang"),
      dir: document.documentElement.getAttribute("dir"),
      current: (document.querySelector('nav.languages a[aria-current="page"]') || {}).textContent,
    }));
    if (got.path !== step.path) {
      break;
    }
    if (got.lang !== step.lang || got.dir !== step.dir) {
      fail(here, `${step.path} has <html lang="${got.lang}" dir="${got.dir}">, not lang="${step.lang}" dir="${step.dir}"`);
    }
    if ((got.current || "").trim() !== step.link) {
      fail(here, `on ${step.path} the switcher marks "${got.current}" as the current language, not "${step.link}"`);
    }
  }
  await page.close();
}

module.exports = { checkSwitcher };
