/**
 * The checks every built page gets at one width, in light and in dark (browser-pages.test.ts at
 * desktop width, browser-pages-phone.test.ts at phone width, so the two halves run on both
 * cores): no console errors, no failed requests, nothing behind a sideways scroll (a full-page
 * screenshot of a page that fails), and no axe-core violation from our markup. Every page is
 * opened once per width, all pages at a time (a page mostly waits: for its requests, then for
 * the network to stay quiet), and every check reads the same open pages.
 */
import { readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSiteBrowser, pageOverflow, showScheme, type SiteBrowser } from './browser.ts';
import { builtSite } from './built-site.ts';

const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

/**
 * Rules whose violations come from Starlight's or Expressive Code's own markup, not ours, each
 * with the selector it is confined to and the reason. Anything else fails the test.
 */
const UPSTREAM: Array<{ rule: string; within: string; reason: string }> = [
  {
    rule: 'label-content-name-mismatch',
    within: 'site-search',
    reason:
      "Starlight's search button is named \"Search\" (aria-label) but also shows its keyboard shortcut (Ctrl K) as text; no Starlight issue found. Same pattern as vuejs/vitepress#5401.",
  },
  {
    rule: 'landmark-unique',
    within: '.expressive-code',
    reason:
      'Expressive Code gives every scrollable code block role="region" without a name (expressive-code/expressive-code#343); the open expressive-code/expressive-code#348 changes it to role="group".',
  },
];

/** Every HTML page of the build, as the path a reader opens. */
function builtPages(dist: string): string[] {
  return readdirSync(dist, { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.html') && !file.startsWith('_'))
    .map((file) => `/${file.split(path.sep).join('/')}`.replace(/index\.html$/, ''))
    .sort();
}

/** For a test file: a browser on the shared build and the build's pages, open for the whole file. */
export function everyBuiltPage(): () => { browser: SiteBrowser; pages: string[] } {
  let browser: SiteBrowser | undefined;
  let pages: string[] = [];
  beforeAll(async () => {
    browser = await openSiteBrowser(builtSite);
    pages = builtPages(await builtSite());
  });
  afterAll(async () => browser?.close());
  return () => ({ browser: browser!, pages });
}

/**
 * The two tests at `width`, in light and then in dark, over every page opened once: the dark
 * pass switches the open pages to a dark system setting, which Starlight follows without a
 * reload (a second load of every page cost about a quarter of these files' CPU). Our markup is
 * the same in both schemes; colours and layout are what change, and both passes check them.
 * Returns the open pages, for a file's own checks after the two passes.
 */
export function describeEveryPageAt(width: number, site: () => { browser: SiteBrowser; pages: string[] }): () => Array<{ pathname: string; page: Page }> {
  let opened: Array<{ pathname: string; page: Page }> = [];
  beforeAll(async () => {
    opened = await Promise.all(
      site().pages.map(async (pathname) => {
        const page = await site().browser.open(pathname, { width, scheme: 'light' });
        await page.waitForLoadState('networkidle');
        return { pathname, page };
      }),
    );
  });
  afterAll(async () => {
    await Promise.all(opened.map(({ page }) => page.close()));
  });
  const open = () => opened;
  for (const scheme of ['light', 'dark'] as const) describeScheme(width, scheme, site, open);
  return open;
}

function describeScheme(width: number, scheme: 'light' | 'dark', site: () => { browser: SiteBrowser; pages: string[] }, opened: () => Array<{ pathname: string; page: Page }>): void {
  describe(`at ${width} px in ${scheme}`, () => {
    beforeAll(async () => {
      await Promise.all(
        opened().map(async ({ page }) => {
          // The first test says so if a page did not switch.
          await showScheme(page, scheme).catch(() => undefined);
        }),
      );
    });

    it('no console error, no failed request, no sideways scroll', async () => {
      // Every page of the build was opened (the build has 7 at least: never a check over none).
      expect(site().pages.length).toBeGreaterThanOrEqual(7);
      expect(opened().map(({ pathname }) => pathname)).toEqual(site().pages);
      const failures = await Promise.all(
        opened().map(async ({ pathname, page }) => {
          const found: string[] = [];
          const theme = await page.evaluate(() => document.documentElement.dataset['theme']);
          if (theme !== scheme) found.push(`${pathname}: the page shows the ${theme} theme`);
          const overflow = await pageOverflow(page);
          if (overflow > 0) found.push(`${pathname}: the page scrolls ${overflow} px sideways`);
          found.push(...site().browser.problems(page).map((problem) => `${pathname}: ${problem}`));
          // A table may scroll inside itself at desktop width, never on a phone (they stack there).
          if (width < 500) {
            const hidden = await page.evaluate(() =>
              [...document.querySelectorAll('.sl-markdown-content table')].filter((table) => table.scrollWidth > table.clientWidth + 1).length,
            );
            if (hidden > 0) found.push(`${pathname}: ${hidden} table(s) hide content behind a sideways scroll`);
          }
          // A full-page screenshot of a page a check failed on (all of them with
          // MESH_DOCS_SCREENSHOTS=all, to look the site over): taking 36 on every run cost
          // about a fifth of these files' time.
          if (found.length > 0 || process.env['MESH_DOCS_SCREENSHOTS'] === 'all') {
            const name = `${pathname.replace(/\/$/, '').replace(/^\//, '').replace(/[/.]/g, '_') || 'index'}-${width}-${scheme}`;
            await site().browser.screenshot(page, name);
          }
          return found;
        }),
      );
      expect(failures.flat()).toEqual([]);
    });

    it('axe-core finds no violation from our markup, on every page', async () => {
      // Every page of the build was opened (the build has 7 at least: never a check over none).
      expect(site().pages.length).toBeGreaterThanOrEqual(7);
      expect(opened().map(({ pathname }) => pathname)).toEqual(site().pages);
      const found = await Promise.all(
        opened().map(async ({ pathname, page }) => {
          // Expressive Code's script makes a code block that scrolls focusable (tabindex) once it
          // has measured it: wait for that, or axe may look first (scrollable-region-focusable).
          await page.waitForFunction(() =>
            [...document.querySelectorAll('.expressive-code pre')].every((pre) => pre.scrollWidth <= pre.clientWidth || pre.hasAttribute('tabindex')),
          );
          await page.addScriptTag({ path: AXE });
          const violations = await page.evaluate(async (upstream) => {
            const axe = (window as unknown as { axe: { run(context: Document, options: object): Promise<{ violations: Array<{ id: string; nodes: Array<{ target: string[]; failureSummary?: string }> }> }> } }).axe;
            const result = await axe.run(document, { resultTypes: ['violations'] });
            return result.violations.flatMap((violation) =>
              violation.nodes
                .filter((node) => !upstream.some((u) => u.rule === violation.id && document.querySelector(node.target.join(' '))?.closest(u.within)))
                .map((node) => `${violation.id}: ${node.target.join(' ')} ${node.failureSummary?.split('\n')[1]?.trim() ?? ''}`),
            );
          }, UPSTREAM);
          return violations.map((v) => `${pathname} ${v}`);
        }),
      );
      expect(found.flat()).toEqual([]);
    });
  });
}
