/**
 * The built-site check scans every page of dist/, not only those a reader can reach from the
 * home page: a page nothing links to (a draft, an old URL, the 404 page) is checked like the rest.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { removeTempDirs } from './helpers/temp-repo.ts';
import { check, page, tinySite } from './helpers/tiny-built-site.ts';

afterAll(removeTempDirs);

/** Home and guide link each other; `draft/` is linked from nowhere, and so is the 404 page. */
function siteWithUnlinkedDraft(draftBody: string) {
  return tinySite(
    {
      'index.html': page('<a href="/guide/">guide</a>'),
      'guide/index.html': page('<h2 id="setup">Setup</h2> <a href="/">home</a>'),
      'draft/index.html': page(draftBody),
      '404.html': page('<a href="/">home</a>'),
    },
    { 'index.md': '# Home\n', 'guide.md': '# Guide\n', 'draft.md': '# Draft\n', '404.md': '# Not found\n' },
  );
}

describe('a page nothing links to is scanned', () => {
  it('fails on a broken link in it, naming the built page, the spot and its source', async () => {
    const outcome = await check(siteWithUnlinkedDraft('<a href="/no-such-page/">gone</a>'));
    expect(outcome.errors).toBe(1);
    expect(outcome.lines.join('\n')).toMatch(
      /^dist\/draft\/index\.html:3:10 error built-link-broken `\/no-such-page\/`: No built page answers \/no-such-page\/ \(HTTP 404\) \(built from src\/content\/docs\/draft\.md\)\. fix: link to a page that exists in src\/content\/docs\/draft\.md$/m,
    );
  });

  it('fails on a missing fragment in it, naming the built page and its source', async () => {
    const outcome = await check(siteWithUnlinkedDraft('<a href="/guide/#no-such-id">setup</a>'));
    expect(outcome.errors).toBe(1);
    expect(outcome.lines.join('\n')).toMatch(
      /^dist\/draft\/index\.html:3:10 error built-fragment-missing `\/guide\/#no-such-id`: The built page \/guide\/ has no element with id "no-such-id" \(built from src\/content\/docs\/draft\.md\)/m,
    );
  });

  it('fails on a missing image in it, naming the built page and its source', async () => {
    const outcome = await check(siteWithUnlinkedDraft('<img src="/diagram.png" alt="">'));
    expect(outcome.errors).toBe(1);
    expect(outcome.lines.join('\n')).toMatch(
      /^dist\/draft\/index\.html:3:11 error built-asset-missing `\/diagram\.png`: The build does not produce \/diagram\.png \(HTTP 404\), so the browser fails to load it \(built from src\/content\/docs\/draft\.md\)/m,
    );
  });

  it('scans the 404 page too', async () => {
    const broken = await check(
      tinySite(
        { 'index.html': page('<a href="/">home</a>'), '404.html': page('<link rel="stylesheet" href="/_astro/not-found.css">') },
        { 'index.md': '# Home\n', '404.md': '# Not found\n' },
      ),
    );
    expect(broken.lines.join('\n')).toMatch(/^dist\/404\.html:3:\d+ error built-asset-missing `\/_astro\/not-found\.css`: .*\(built from src\/content\/docs\/404\.md\)/m);
  });
});
