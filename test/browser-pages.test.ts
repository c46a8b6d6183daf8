/**
 * Every built page in a real browser (the Chromium or Chrome the run found), at desktop and phone
 * width, in light and dark: no console errors, no failed requests, nothing behind a sideways
 * scroll of the whole page; and each page carries a description, an edit link, a last-updated
 * date and our favicon.
 */
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { builtSite } from './helpers/built-site.ts';
import { describeInBrowser, openSiteBrowser, pageOverflow, type SiteBrowser } from './helpers/browser.ts';

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

describeInBrowser('every page in Chromium', () => {
  it('finds every page of the build, the 404 page included', () => {
    expect(pages).toEqual(expect.arrayContaining(['/', '/404.html', '/distributed-proof/', '/clustered-example/', '/contributing/rails/']));
    expect(pages.length).toBeGreaterThanOrEqual(7);
  });

  for (const width of WIDTHS) {
    for (const scheme of SCHEMES) {
      it(`at ${width} px in ${scheme}: no console error, no failed request, no sideways scroll`, async () => {
        const failures: string[] = [];
        for (const pathname of pages) {
          const page = await browser.open(pathname, { width, scheme });
          await page.waitForLoadState('networkidle');
          const theme = await page.evaluate(() => document.documentElement.dataset['theme']);
          expect(theme, pathname).toBe(scheme);
          const overflow = await pageOverflow(page);
          if (overflow > 0) failures.push(`${pathname}: the page scrolls ${overflow} px sideways`);
          failures.push(...browser.problems(page).map((problem) => `${pathname}: ${problem}`));
          // A table may scroll inside itself at desktop width, never on a phone (they stack there).
          if (width < 500) {
            const hidden = await page.evaluate(() =>
              [...document.querySelectorAll('.sl-markdown-content table')].filter((table) => table.scrollWidth > table.clientWidth + 1).length,
            );
            if (hidden > 0) failures.push(`${pathname}: ${hidden} table(s) hide content behind a sideways scroll`);
          }
          const name = `${pathname.replace(/\/$/, '').replace(/^\//, '').replace(/[/.]/g, '_') || 'index'}-${width}-${scheme}`;
          await browser.screenshot(page, name);
          await page.close();
        }
        expect(failures).toEqual([]);
      });
    }
  }

  it('every page has a description, an edit link into the Mesh repo website/, a last-updated date and our favicon', async () => {
    for (const pathname of pages) {
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
    }
  });
});
