/**
 * The summary line and the JSON report say what the built-site check covered: pages scanned,
 * internal links and fragments (one per linking page and target), assets, external links.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { removeTempDirs } from './helpers/temp-repo.ts';
import { check, page, tinySite } from './helpers/tiny-built-site.ts';

afterAll(removeTempDirs);

describe('what the built-site check counts', () => {
  it('counts exactly what the pages hold', async () => {
    const site = tinySite(
      {
        // Links: /guide/ (written three ways, one target). Fragments: /guide/#setup, /guide/#usage, #intro.
        'index.html': page(
          '<h2 id="intro">Intro</h2> <a href="/guide/">a</a> <a href="/guide">b</a> <a href="/guide/#setup">c</a> <a href="/guide/#usage">d</a> <a href="#intro">e</a>' +
            ' <img src="/logo.svg" alt=""> <link rel="stylesheet" href="/style.css"> <a href="https://example.invalid/a">x</a> <a href="https://example.invalid/b">y</a>',
        ),
        // Links: / and /guide/ (itself, with a fragment). Fragments: /guide/#setup.
        'guide/index.html': page('<h2 id="setup">Setup</h2> <h2 id="usage">Usage</h2> <a href="/">home</a> <a href="/guide/#setup">here</a> <img src="/logo.svg" alt="">'),
        // Links: /. The 404 page is scanned like any other.
        '404.html': page('<a href="/">home</a> <a href="https://example.invalid/a">x</a>'),
        'logo.svg': '<svg xmlns="http://www.w3.org/2000/svg"/>',
        'style.css': 'body { background: url(/paper.png); }',
        'paper.png': 'not really a png',
      },
      { 'index.md': '# Home\n', 'guide.md': '# Guide\n', '404.md': '# Not found\n' },
    );
    const outcome = await check(site);
    expect(outcome.errors).toBe(0);
    // Assets: /logo.svg (loaded by two pages, one file), /style.css and the /paper.png it loads.
    expect(outcome.counts).toEqual({ pages: 3, links: 4, fragments: 4, assets: 3, external: 2, orphans: 0 });
    expect(outcome.lines.at(-1)).toBe(
      'built-site check: ok (3 pages scanned; 4 internal links and 4 fragments checked (per page and target); 3 assets checked; ' +
        '2 external links counted, not fetched (npm run check:external fetches them); 0 orphan pages)',
    );
    const report = JSON.parse(readFileSync(path.join(site.siteRoot, 'reports/built-site.json'), 'utf8'));
    expect(report.counts).toEqual({ errors: 0, warnings: 0, pages: 3, links: 4, fragments: 4, assets: 3, external: 2, orphans: 0 });
    expect(report.external).toEqual(['https://example.invalid/a', 'https://example.invalid/b']);
  });

  it('counts the errors it found beside what it checked', async () => {
    const site = tinySite({
      'index.html': page('<a href="/guide/#nope">a</a> <a href="/gone/">b</a> <img src="/missing.png" alt="">'),
      'guide/index.html': page('<a href="/">home</a>'),
    });
    const outcome = await check(site);
    expect(outcome.errors).toBe(3);
    expect(outcome.counts).toMatchObject({ pages: 2, links: 3, fragments: 1, assets: 1 });
    expect(outcome.lines.at(-1)).toMatch(/^built-site check: 3 errors \(2 pages scanned; 3 internal links and 1 fragment checked \(per page and target\); 1 asset checked; /);
  });
});
