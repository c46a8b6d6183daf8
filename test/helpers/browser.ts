/**
 * Debian's Chromium driven by playwright-core, headless with a fresh profile, against a built
 * site on a local static server. Records what a reader would suffer: console errors, page
 * errors, failed requests and HTTP errors.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { projectRoot } from './site-fixture.ts';
import { serveStatic, type StaticServer } from './static-server.ts';

export const CHROMIUM = '/usr/bin/chromium';
const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/** Screenshots are test artifacts (reports/ is gitignored). */
export const SCREENSHOTS = path.join(projectRoot, 'reports/screenshots');

export interface SiteBrowser {
  url: string;
  context: BrowserContext;
  /** A new page that records its problems; read them with `problems(page)`. */
  open(pathname: string, options?: { width?: number; height?: number; scheme?: 'light' | 'dark' }): Promise<Page>;
  problems(page: Page): string[];
  screenshot(page: Page, name: string): Promise<void>;
  close(): Promise<void>;
}

export async function openSiteBrowser(dist: string): Promise<SiteBrowser> {
  const server: StaticServer = await serveStatic(dist);
  const profile = mkdtempSync(path.join(tmpdir(), 'mesh-docs-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: FLAGS,
    viewport: { width: 1280, height: 900 },
  });
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
    async screenshot(page, name) {
      await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: true });
    },
    async close() {
      await context.close();
      await server.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** How far the whole page scrolls sideways (0 when nothing hides behind a sideways scroll). */
export function pageOverflow(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
}
