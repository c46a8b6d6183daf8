/**
 * Every built page in a real browser (the Chromium or Chrome the run found), at desktop and phone
 * width, in light and dark: no console errors, no failed requests, nothing behind a sideways
 * scroll of the whole page, and no axe-core violation from our markup; and each page carries a
 * description, an edit link, a last-updated date and our favicon.
 *
 * Each width and scheme opens every page once, all pages at a time (a page mostly waits: for its
 * requests, then for the network to stay quiet), and both checks of that width and scheme read
 * the same open pages.
 */
import { readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { builtSite } from './helpers/built-site.ts';
import { describeInBrowser, openSiteBrowser, pageOverflow, type SiteBrowser } from './helpers/browser.ts';

const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

let browser: SiteBrowser;
let pages: string[];

/** Every HTML page of the build, as the path a reader opens. */
function builtPages(dist: string): string[] {
  return readdirSync(dist, { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.html') && !file.startsWith('_'))
    .map((file) => `/${file.split(path.sep).join('/')}`.replace(/index\.html$/, ''))
    .sort();
}

beforeAll(async () => {
  browser = await openSiteBrowser(builtSite);
  pages = builtPages(await builtSite());
});
afterAll(async () => browser?.close());

const WIDTHS = [1280, 375] as const;
const SCHEMES = ['light', 'dark'] as const;

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

describeInBrowser('every page in Chromium', () => {
  it('finds every page of the build, the 404 page included', () => {
    expect(pages).toEqual(expect.arrayContaining(['/', '/404.html', '/distributed-proof/', '/clustered-example/', '/contributing/rails/']));
    expect(pages.length).toBeGreaterThanOrEqual(7);
  });

  for (const width of WIDTHS) {
    for (const scheme of SCHEMES) {
      describe(`at ${width} px in ${scheme}`, () => {
        let opened: Array<{ pathname: string; page: Page }> = [];
        beforeAll(async () => {
          opened = await Promise.all(
            pages.map(async (pathname) => {
              const page = await browser.open(pathname, { width, scheme });
              await page.waitForLoadState('networkidle');
              return { pathname, page };
            }),
          );
        });
        afterAll(async () => {
          await Promise.all(opened.map(({ page }) => page.close()));
        });

        it('no console error, no failed request, no sideways scroll', async () => {
          expect(opened.map(({ pathname }) => pathname)).toEqual(pages);
          const failures = await Promise.all(
            opened.map(async ({ pathname, page }) => {
              const found: string[] = [];
              const theme = await page.evaluate(() => document.documentElement.dataset['theme']);
              if (theme !== scheme) found.push(`${pathname}: the page shows the ${theme} theme`);
              const overflow = await pageOverflow(page);
              if (overflow > 0) found.push(`${pathname}: the page scrolls ${overflow} px sideways`);
              found.push(...browser.problems(page).map((problem) => `${pathname}: ${problem}`));
              // A table may scroll inside itself at desktop width, never on a phone (they stack there).
              if (width < 500) {
                const hidden = await page.evaluate(() =>
                  [...document.querySelectorAll('.sl-markdown-content table')].filter((table) => table.scrollWidth > table.clientWidth + 1).length,
                );
                if (hidden > 0) found.push(`${pathname}: ${hidden} table(s) hide content behind a sideways scroll`);
              }
              const name = `${pathname.replace(/\/$/, '').replace(/^\//, '').replace(/[/.]/g, '_') || 'index'}-${width}-${scheme}`;
              await browser.screenshot(page, name);
              return found;
            }),
          );
          expect(failures.flat()).toEqual([]);
        });

        it('axe-core finds no violation from our markup, on every page', async () => {
          expect(opened.map(({ pathname }) => pathname)).toEqual(pages);
          const found = await Promise.all(
            opened.map(async ({ pathname, page }) => {
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
  }

  it('every page has a description, an edit link into the Mesh repo website/, a last-updated date and our favicon', async () => {
    // All pages at a time: each mostly waits for its requests.
    await Promise.all(pages.map(async (pathname) => {
      const page = await browser.open(pathname);
      const facts = await page.evaluate(() => ({
        description: document.querySelector('meta[name="description"]')?.getAttribute('content') ?? '',
        edit: document.querySelector('a[href*="/edit/main/"]')?.getAttribute('href') ?? '',
        updated: document.querySelector('time[datetime]')?.getAttribute('datetime') ?? '',
        icon: document.querySelector('link[rel~="icon"]')?.getAttribute('href') ?? '',
      }));
      expect(facts.description.length, `${pathname} description`).toBeGreaterThan(20);
      expect(facts.edit, `${pathname} edit link`).toMatch(/^https:\/\/github\.com\/hyperpush-org\/mesh-lang\/edit\/main\/website\/src\/content\/docs\/[\w/-]+\.mdx?$/);
      expect(Number.isNaN(Date.parse(facts.updated)), `${pathname} last updated`).toBe(false);
      expect(facts.icon, pathname).toBe('/favicon.svg');
      const icon = await page.request.get(new URL(facts.icon, page.url()).href);
      expect(icon.status()).toBe(200);
      expect(await icon.text()).toContain('<svg');
      await page.close();
    }));
  });
});
