/**
 * Every built page in a real browser (the Chromium or Chrome the run found) at desktop width, in
 * light and dark: no console errors, no failed requests, nothing behind a sideways scroll of the
 * whole page, and no axe-core violation from our markup (helpers/every-page.ts); and each page
 * carries a description, an edit link, a last-updated date and our favicon, and headings that
 * never skip a level. Phone width: browser-pages-phone.test.ts.
 */
import { expect, it } from 'vitest';
import { describeInBrowser } from './helpers/browser.ts';
import { describeEveryPageAt, everyBuiltPage } from './helpers/every-page.ts';

const site = everyBuiltPage();

describeInBrowser('every page in Chromium', () => {
  it('finds every page of the build, the 404 page included', () => {
    expect(site().pages).toEqual(expect.arrayContaining(['/', '/404.html', '/distributed-proof/', '/clustered-example/', '/contributing/rails/']));
    expect(site().pages.length).toBeGreaterThanOrEqual(7);
  });

  const opened = describeEveryPageAt(1280, site);

  it('every page has a description, an edit link into the Mesh repo website/, a last-updated date and our favicon', async () => {
    // The pages the two passes above opened, each read where it is.
    expect(opened().map(({ pathname }) => pathname)).toEqual(site().pages);
    await Promise.all(opened().map(async ({ pathname, page }) => {
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
    }));
  });

  it('headings never skip a level, on every page', async () => {
    expect(opened().map(({ pathname }) => pathname)).toEqual(site().pages);
    await Promise.all(opened().map(async ({ pathname, page }) => {
      const levels = await page.locator('main :is(h1, h2, h3, h4, h5, h6)').evaluateAll((hs) => hs.map((h) => Number(h.tagName[1])));
      const skips = levels.flatMap((level, i) => (i > 0 && level > levels[i - 1]! + 1 ? [`h${levels[i - 1]}→h${level}`] : []));
      expect(skips, pathname).toEqual([]);
    }));
  });
});
