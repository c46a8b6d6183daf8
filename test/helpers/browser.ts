/**
 * The Chromium or Chrome this run found (helpers/locate-browser.ts, once per run in
 * global-setup-browser.ts) driven by playwright-core, headless with a fresh profile, against a
 * built site on a local static server. Records what a reader would suffer: console errors, page
 * errors, failed requests and HTTP errors.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { describe, inject } from 'vitest';
import { HEADLESS_FLAGS } from './locate-browser.ts';
import { projectRoot } from './site-fixture.ts';
import { serveStatic, type StaticServer } from './static-server.ts';

/**
 * The ceiling of every browser wait (a click's target, a search result, a navigation). Waits
 * are on conditions, so a fast machine never waits this long; a loaded one may need seconds.
 */
export const BROWSER_WAIT_MS = 60_000;

const runBrowser = inject('browser');

/**
 * The pages of a test browser share one renderer process. A process per page (Chromium's
 * default) cost about a fifth more CPU for the same browser files on the 2-core machine, and
 * the suite is CPU bound; each page is still its own document, with its own focus and scripts.
 */
const TEST_BROWSER_FLAGS = [...HEADLESS_FLAGS, '--renderer-process-limit=1'];

/**
 * `describe` for tests that need the browser: skipped when none starts outside CI (the run
 * said why, once); under CI=true they run, and opening the browser fails with that line.
 */
export const describeInBrowser = describe.skipIf('skip' in runBrowser && runBrowser.skip);

/** Screenshots are test artifacts (reports/ is gitignored). */
export const SCREENSHOTS = path.join(projectRoot, 'reports/screenshots');

export interface SiteBrowser {
  url: string;
  context: BrowserContext;
  /** A new page that records its problems; read them with `problems(page)`. */
  open(pathname: string, options?: { width?: number; height?: number; scheme?: 'light' | 'dark' }): Promise<Page>;
  problems(page: Page): string[];
  /**
   * The whole page, or with `{ view: true }` only what the window shows (a reader landed on a
   * row: the window is the point, and a whole-page shot of the proof page costs seconds).
   */
  screenshot(page: Page, name: string, options?: { view?: boolean }): Promise<void>;
  close(): Promise<void>;
}

/**
 * Opens the browser on the built site `dist()` gives. With no browser it fails at once with the
 * run's one line, before asking for the build.
 */
export async function openSiteBrowser(dist: () => Promise<string>): Promise<SiteBrowser> {
  if ('missing' in runBrowser) {
    const error = new Error(runBrowser.missing);
    error.stack = `Error: ${runBrowser.missing}`; // the line says it all; no code frame
    throw error;
  }
  const server: StaticServer = await serveStatic(await dist());
  const profile = mkdtempSync(path.join(tmpdir(), 'mesh-docs-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: runBrowser.path,
    headless: true,
    args: TEST_BROWSER_FLAGS,
    viewport: { width: 1280, height: 900 },
  });
  context.setDefaultTimeout(BROWSER_WAIT_MS);
  context.setDefaultNavigationTimeout(BROWSER_WAIT_MS);
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url });
  const recorded = new WeakMap<Page, string[]>();
  mkdirSync(SCREENSHOTS, { recursive: true });
  return {
    url: server.url,
    context,
    async open(pathname, options = {}) {
      const page = await context.newPage();
      const problems: string[] = [];
      recorded.set(page, problems);
      page.on('console', (message) => {
        if (message.type() === 'error') problems.push(`console error: ${message.text()}`);
      });
      page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
      page.on('requestfailed', (request) => problems.push(`request failed: ${request.url()} (${request.failure()?.errorText})`));
      page.on('response', (response) => {
        if (response.status() >= 400) problems.push(`HTTP ${response.status()}: ${response.url()}`);
      });
      await page.emulateMedia({ colorScheme: options.scheme ?? 'light' });
      await page.setViewportSize({ width: options.width ?? 1280, height: options.height ?? 900 });
      await page.goto(`${server.url}${pathname}`, { waitUntil: 'load' });
      return page;
    },
    problems: (page) => recorded.get(page) ?? [],
    async screenshot(page, name, options = {}) {
      await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: !options.view });
    },
    async close() {
      await context.close();
      await server.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/**
 * Switches an open page to a light or dark system setting and waits until Starlight shows that
 * theme (it follows the setting without a reload).
 */
export async function showScheme(page: Page, scheme: 'light' | 'dark'): Promise<void> {
  await page.emulateMedia({ colorScheme: scheme });
  await page.waitForFunction((wanted) => document.documentElement.dataset['theme'] === wanted, scheme);
}

/** How far the whole page scrolls sideways (0 when nothing hides behind a sideways scroll). */
export function pageOverflow(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
}

/**
 * Waits until Pagefind's search box is in the page (with the usual ceiling). Starlight builds
 * it in an idle callback after the page loads, and a page that is not the front one, on a busy
 * machine, may get no idle time for a long while: a full run under load once timed out typing
 * into a box that was not there yet, four pages searching at once. So the page comes to the
 * front first.
 */
export async function searchBoxReady(page: Page): Promise<void> {
  await page.bringToFront();
  await page.locator('#starlight__search input').waitFor({ state: 'attached' });
}
