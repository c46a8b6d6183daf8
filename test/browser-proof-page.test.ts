/**
 * Distributed Proof in Chromium: the generated map and failure table show (and the rail graph,
 * once a branch adds one), the copy button copies the exact commands, search lands on a rail's
 * row, an inline `:rail{}` link lands on its row, and on a phone tables stack and commands wrap
 * only at spaces.
 */
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { currentRails } from '../src/rails/current.ts';
import type { RailsModel } from '../src/rails/model.ts';
import { failureMapRails } from '../src/proof-map/rail-links.ts';
import { builtSite } from './helpers/built-site.ts';
import { describeInBrowser, openSiteBrowser, pageOverflow, searchBoxReady, type SiteBrowser } from './helpers/browser.ts';
import { projectRoot } from './helpers/site-fixture.ts';

let browser: SiteBrowser;
const loaded = currentRails({ yamlPath: path.join(projectRoot, 'src/data/rails.yaml'), siteRoot: projectRoot, docsDir: path.join(projectRoot, 'src/content/docs') });
if (!loaded.ok) throw new Error('rails.yaml is invalid');
const model: RailsModel = loaded.model;

beforeAll(async () => {
  browser = await openSiteBrowser(builtSite);
});
afterAll(async () => browser?.close());

/** The rail's anchor is targeted, visible in the viewport, and its row is highlighted. */
async function expectLandedOnRow(page: Page, railId: string): Promise<void> {
  await page.waitForFunction((id) => location.hash === `#rail-${id}`, railId);
  const heading = page.locator(`#rail-${railId}`);
  await expect.poll(() => heading.evaluate((element) => {
    const box = element.getBoundingClientRect();
    return box.top >= 0 && box.bottom <= window.innerHeight;
  })).toBe(true);
  const outline = await heading.evaluate((element) => getComputedStyle(element.closest('tr')!).outlineStyle);
  expect(outline).toBe('solid');
}

describeInBrowser('Distributed Proof in Chromium', () => {
  it('shows the proof map sections and one visible failure-map row per rail listed for the page', async () => {
    const page = await browser.open('/distributed-proof/');
    const expected = failureMapRails(model, 'distributed-proof').map((rail) => rail.id);
    const shown = await page.locator('.proof-failure-map h4[id^="rail-"]').evaluateAll((headings) =>
      headings.filter((heading) => (heading as HTMLElement).offsetHeight > 0).map((heading) => heading.id.slice('rail-'.length)),
    );
    expect(shown).toEqual(expected);
    await expect.poll(() => page.locator('.proof-failure-map').isVisible()).toBe(true);
    // The surfaces list and the named-commands block are rendered and visible too.
    expect(await page.getByRole('link', { name: 'bash scripts/verify-m053-s03.sh' }).first().isVisible()).toBe(true);
    expect(await page.locator('figure:has(figcaption:has-text("run from the root of mesh-lang"))').first().isVisible()).toBe(true);
    await page.close();
  });

  it('shows the rail graph when the page has one: visible, inside the content column', async () => {
    const page = await browser.open('/distributed-proof/');
    const graphs = await page.locator('.sl-markdown-content svg').evaluateAll((svgs) =>
      svgs
        .map((svg) => svg.getBoundingClientRect())
        .filter((box) => box.width > 200) // icons are small; a graph is not
        .map((box) => ({ width: box.width, height: box.height, right: box.right })),
    );
    const column = await page.locator('.sl-markdown-content').evaluate((element) => element.getBoundingClientRect().right);
    for (const graph of graphs) {
      expect(graph.height).toBeGreaterThan(50);
      expect(graph.right).toBeLessThanOrEqual(column + 1);
    }
    await page.close();
  });

  // Copying the named commands, block by block, is tested in browser-proof-map.test.ts.

  // The rail's id, its script and its label: each is its own first result, opening the row.
  for (const query of ['m053-s02', 'verify-m053-s02.sh', model.railById.get('m053-s02')!.label]) {
    it(`search for "${query}" offers the rail's row first, and choosing it lands there`, async () => {
      const page = await browser.open('/clustered-example/');
      await searchBoxReady(page);
      await page.locator('site-search button[data-open-modal]').click();
      await page.locator('#starlight__search input').fill(query);
      const row = page.locator('#starlight__search a[href$="/distributed-proof/#rail-m053-s02"]').first();
      await row.waitFor({ state: 'visible' });
      expect(await page.locator('#starlight__search .pagefind-ui__result-link').first().getAttribute('href')).toBe('/distributed-proof/#rail-m053-s02');
      await row.click();
      await expectLandedOnRow(page, 'm053-s02');
      await browser.screenshot(page, `search-${query.replace(/\W+/g, '_')}`, { view: true });
      await page.close();
    });
  }

  it('an inline :rail{} link lands on its row, on the same page and from another page', async () => {
    const page = await browser.open('/distributed-proof/');
    await page.locator('.sl-markdown-content > ul a[href="/distributed-proof/#rail-m053-s02"]').first().click();
    await expectLandedOnRow(page, 'm053-s02');
    await page.close();
    const other = await browser.open('/production-backend-proof/');
    await other.locator('.sl-markdown-content a[href="/distributed-proof/#rail-m051-s01"]').first().click();
    await other.waitForURL(/\/distributed-proof\/#rail-m051-s01$/);
    await expectLandedOnRow(other, 'm051-s01');
    await other.close();
  });

  it('every rail has an anchor on the page, retained rails included, and links there wherever it is listed', async () => {
    const page = await browser.open('/distributed-proof/');
    const ids = await page.evaluate(() => [...document.querySelectorAll('[id^="rail-"]')].map((element) => element.id));
    for (const rail of model.rails.filter((r) => r.failureMaps.includes('distributed-proof') || ['retained', 'historical', 'fixture'].includes(r.tier))) {
      expect(ids, rail.id).toContain(`rail-${rail.id}`);
    }
    expect(new Set(ids).size).toBe(ids.length);
    // Every rail command in the surfaces and retained lists is a link to its rail's anchor.
    const listed = await page.evaluate(() => {
      // The first list after the section's heading (Starlight wraps headings in a div).
      const section = (id: string) => {
        let element = document.getElementById(id)!.closest('.sl-heading-wrapper')!.nextElementSibling;
        while (element && element.tagName !== 'UL') element = element.nextElementSibling;
        return element!;
      };
      const lists = [section('public-surfaces-and-rails'), section('retained-reference-rails')];
      return lists.flatMap((list) =>
        [...list.querySelectorAll('code')]
          .filter((code) => /^(bash|cargo|[A-Z_]+=)/.test(code.textContent!))
          .map((code) => ({ command: code.textContent, href: code.closest('a')?.getAttribute('href') ?? '' })),
      );
    });
    expect(listed.length).toBeGreaterThan(15);
    for (const { command, href } of listed) expect(href, command!).toMatch(/^\/distributed-proof\/#rail-[\w-]+$/);
    expect(listed.some(({ command }) => command === 'bash scripts/verify-m044-s04.sh')).toBe(true);
    await page.close();
  });
});

describeInBrowser('Distributed Proof on a phone (375 px)', () => {
  it('stacks the failure map and the "Two starters" table as cards, with nothing behind a sideways scroll', async () => {
    for (const scheme of ['light', 'dark'] as const) {
      const page = await browser.open('/distributed-proof/', { width: 375, height: 800, scheme });
      expect(await pageOverflow(page)).toBe(0);
      const tables = await page.locator('.sl-markdown-content table').evaluateAll((elements) =>
        elements.map((table) => {
          const rows = [...table.querySelectorAll('tbody tr')];
          const cellsStacked = rows.every((row) => {
            const cells = [...row.children].map((cell) => cell.getBoundingClientRect());
            return cells.every((cell, index) => index === 0 || cell.top >= cells[index - 1]!.bottom - 1);
          });
          return { scrolls: table.scrollWidth > table.clientWidth + 1, cellsStacked, rows: rows.length };
        }),
      );
      expect(tables.length).toBeGreaterThanOrEqual(2);
      for (const table of tables) expect(table).toMatchObject({ scrolls: false, cellsStacked: true });
      await page.locator('#failure-inspection-map').scrollIntoViewIfNeeded();
      await browser.screenshot(page, `distributed-proof-phone-${scheme}`, { view: true });
      await page.close();
    }
  });

  it('breaks commands only at spaces: no flag, name or path is split across lines', async () => {
    const page = await browser.open('/distributed-proof/', { width: 375, height: 800 });
    const split = await page.evaluate(() => {
      const broken: string[] = [];
      for (const code of document.querySelectorAll('.sl-markdown-content :not(pre) > code')) {
        const text = code.textContent ?? '';
        const walker = document.createTreeWalker(code, NodeFilter.SHOW_TEXT);
        // Measure each word of the code as rendered: one line box per word, or it was split.
        const nodes: Text[] = [];
        while (walker.nextNode()) nodes.push(walker.currentNode as Text);
        for (const node of nodes) {
          for (const match of node.data.matchAll(/\S+/g)) {
            if (match[0].length > 32) continue; // a long path may break after a slash
            const range = document.createRange();
            range.setStart(node, match.index);
            range.setEnd(node, match.index + match[0].length);
            const lines = new Set([...range.getClientRects()].map((rect) => Math.round(rect.top)));
            if (lines.size > 1) broken.push(`${match[0]} (in "${text}")`);
          }
        }
      }
      return broken;
    });
    expect(split.join('\n')).toBe('');
    // The tokens the issue saw broken are each one unbroken word on the page.
    const words = await page.locator('.proof-failure-map code').allTextContents();
    for (const token of ['--nocapture', '--help', 'scripts/fixtures/clustered/tiny-cluster/tests']) {
      expect(words.join(' ')).toContain(token);
    }
    await page.close();
  });
});
