/**
 * Every built page in a real browser at phone width (375 px), in light and dark: no console
 * errors, no failed requests, nothing behind a sideways scroll of the whole page or of a table
 * (tables stack on a phone), and no axe-core violation from our markup (helpers/every-page.ts).
 * Desktop width: browser-pages.test.ts.
 */
import { describeInBrowser } from './helpers/browser.ts';
import { describeEveryPageAt, everyBuiltPage } from './helpers/every-page.ts';

const site = everyBuiltPage();

describeInBrowser('every page in Chromium on a phone', () => {
  describeEveryPageAt(375, site);
});
