/**
 * Fragments are checked per link: `/proof/#rail-x` and `/proof/#rail-y` are two checks, and a
 * missing id is reported once for each page that links to it, naming that page.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { removeTempDirs } from './helpers/temp-repo.ts';
import { check, page, tinySite } from './helpers/tiny-built-site.ts';

afterAll(removeTempDirs);

describe('fragments of the built site', () => {
  it('checks each linked id of a page on its own, and names every page that links a missing one', async () => {
    const site = tinySite(
      {
        'index.html': page('<a href="/proof/#rail-x">x</a> <a href="/proof/#rail-y">y</a> <a href="/guide/">guide</a>'),
        'guide/index.html': page('<a href="/proof/#rail-y">y</a> <a href="/">home</a>'),
        'proof/index.html': page('<tr id="rail-x"><td>x</td></tr> <a href="/">home</a>'),
      },
      { 'index.md': '# Home\n', 'guide.md': '# Guide\n', 'proof.md': '# Proof\n' },
    );
    const outcome = await check(site);
    const missing = outcome.diagnostics.filter((d) => d.code === 'built-fragment-missing');
    // #rail-x exists; #rail-y does not, and two pages link to it: two findings, one per page.
    expect(missing.map((d) => [d.position.file, d.subject])).toEqual([
      ['dist/guide/index.html', '/proof/#rail-y'],
      ['dist/index.html', '/proof/#rail-y'],
    ]);
    expect(missing.map((d) => d.message)).toEqual([
      'The built page /proof/ has no element with id "rail-y" (built from src/content/docs/guide.md)',
      'The built page /proof/ has no element with id "rail-y" (built from src/content/docs/index.md)',
    ]);
    // Three links name an id (two on the home page, one on the guide): three fragment checks.
    expect(outcome.counts.fragments).toBe(3);
  });

  it('checks a link to an id on the same page', async () => {
    const site = tinySite({ 'index.html': page('<h2 id="top-section">Top</h2> <a href="#top-section">ok</a> <a href="#nowhere">bad</a>') }, { 'index.md': '# Home\n' });
    const outcome = await check(site);
    expect(outcome.diagnostics.map((d) => [d.code, d.subject])).toEqual([['built-fragment-missing', '/#nowhere']]);
    expect(outcome.counts.fragments).toBe(2);
  });
});
