/**
 * Every built page in a real browser at phone width (375 px), in light and dark: no console
 * errors, no failed requests, nothing behind a sideways scroll of the whole page or of a table
 * (tables stack on a phone), and no axe-core violation from our markup (helpers/every-page.ts).
 * Desktop width: browser-pages.test.ts.
 */
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { builtSite } from './helpers/built-site.ts';
import { describeInBrowser, openSiteBrowser, type SiteBrowser } from './helpers/browser.ts';
import { describeEveryPageAt } from './helpers/every-page.ts';

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

describeInBrowser('every page in Chromium on a phone', () => {
  for (const scheme of ['light', 'dark'] as const) describeEveryPageAt(375, scheme, () => ({ browser, pages }));
});
