/** The build checks what readers get: every link, #fragment and asset of dist/ must resolve. */
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { externalLinkDiagnostics } from '../src/built-site/external.ts';
import { brokenLinkDiagnostic } from '../src/built-site/findings.ts';
import { classifyReference } from '../src/built-site/site-urls.ts';
import { check, page, tinySite } from './helpers/tiny-built-site.ts';
import { copySite, runAstro } from './helpers/site-fixture.ts';
import { serveStatic } from './helpers/static-server.ts';
import { makeTempDir, removeTempDirs, writeFiles } from './helpers/temp-repo.ts';

afterAll(removeTempDirs);

describe('the built-site check', () => {
  it('passes a site whose links, fragments and assets all resolve, counting external links without fetching them', async () => {
    const site = tinySite({
      'index.html': page('<a href="/guide/#setup">guide</a> <img src="/logo.svg"> <a href="https://example.invalid/x">out</a>'),
      'guide/index.html': page('<h2 id="setup">Setup</h2><a href="/">home</a>'),
      'logo.svg': '<svg xmlns="http://www.w3.org/2000/svg"/>',
    });
    const outcome = await check(site);
    expect(outcome.diagnostics).toEqual([]);
    expect(outcome.counts.external).toBe(1); // example.invalid cannot resolve: it was counted, never fetched
    expect(outcome.lines.at(-1)).toMatch(/^built-site check: ok \(.*; 1 external link counted, not fetched/);
  });

  it('reports a broken page link, a missing fragment and a missing asset, each at its spot in the built page and naming the source', async () => {
    const site = tinySite({
      'index.html': page('<a href="/guide/">guide</a>'),
      'guide/index.html': page('<h2 id="setup">Setup</h2>\n<a href="/gone/">a</a> <a href="/guide/#no-such-row">b</a>\n<script src="/_astro/missing.js"></script> <a href="/">home</a>'),
    });
    const outcome = await check(site);
    expect(outcome.diagnostics.map((d) => d.code).sort()).toEqual(['built-asset-missing', 'built-fragment-missing', 'built-link-broken']);
    const text = outcome.lines.join('\n');
    expect(text).toMatch(/^dist\/guide\/index\.html:4:10 error built-link-broken `\/gone\/`: No built page answers \/gone\/ \(HTTP 404\) \(built from src\/content\/docs\/guide\.md\)\. fix: link to a page that exists in src\/content\/docs\/guide\.md$/m);
    expect(text).toMatch(/^dist\/guide\/index\.html:4:33 error built-fragment-missing `\/guide\/#no-such-row`: The built page \/guide\/ has no element with id "no-such-row"/m);
    expect(text).toMatch(/^dist\/guide\/index\.html:5:14 error built-asset-missing `\/_astro\/missing\.js`: The build does not produce \/_astro\/missing\.js/m);
    expect(text).toMatch(/^built-site check: 3 errors/m);
    const report = JSON.parse(readFileSync(path.join(site.siteRoot, 'reports/built-site.json'), 'utf8'));
    expect(report.counts).toMatchObject({ errors: 3, external: 0 });
    expect(report.diagnostics[0]).toMatchObject({ code: 'built-link-broken', file: 'dist/guide/index.html', line: 4, column: 10, docs: '/contributing/rails/#built-site' });
  });

  it('names an external link that does not answer (what npm run check:external reports)', () => {
    const site = tinySite({ 'guide/index.html': page('<a href="https://example.invalid/x">out</a>') });
    const diagnostic = brokenLinkDiagnostic({ target: 'https://example.invalid/x', parentFile: 'guide/index.html', status: 0, detail: 'fetch failed' }, site);
    expect(diagnostic).toMatchObject({ code: 'built-external-broken', severity: 'error', subject: 'https://example.invalid/x', position: { file: 'dist/guide/index.html', line: 3, column: 10 } });
    expect(diagnostic.message).toBe('https://example.invalid/x does not answer (HTTP error: fetch failed) (built from src/content/docs/guide.md)');
  });

  it('npm run check:external fetches each link to another site once, naming the page that links it, and follows nothing on the pages it fetched', async () => {
    const other = makeTempDir('other-site-');
    writeFiles(other, { 'ok/index.html': page('<a href="/linked-from-the-other-site/">not ours to check</a>') });
    const server = await serveStatic(other);
    try {
      const site = tinySite({
        'index.html': page(`<a href="${server.url}/ok/">fine</a> <a href="/guide/">guide</a>`),
        'guide/index.html': page(`<a href="${server.url}/gone/">gone</a> <a href="${server.url}/ok/#part">fine again</a>`),
      });
      const { diagnostics, external } = await externalLinkDiagnostics(site);
      expect(external).toBe(2);
      expect(diagnostics.map((d) => [d.code, d.position.file, d.position.line, d.subject])).toEqual([['built-external-broken', 'dist/guide/index.html', 3, `${server.url}/gone/`]]);
      expect(diagnostics[0]!.message).toMatch(/does not answer \(HTTP 404\) \(built from src\/content\/docs\/guide\.md\)$/);
    } finally {
      await server.close();
    }
  });

  it('reads a reference as a path of the site, another site, or nothing to check', () => {
    const page = new URL('/guide/', 'http://site.invalid');
    expect(classifyReference('../logo.svg?v=2#icon', page)).toEqual({ kind: 'site', path: '/logo.svg', hash: '#icon' });
    expect(classifyReference('#setup', page)).toEqual({ kind: 'site', path: '/guide/', hash: '#setup' });
    expect(classifyReference('https://github.com/hyperpush-org/mesh-lang#readme', page)).toEqual({ kind: 'external', url: 'https://github.com/hyperpush-org/mesh-lang' });
    expect(classifyReference('//cdn.example.invalid/x.js', page)).toEqual({ kind: 'external', url: 'http://cdn.example.invalid/x.js' });
    for (const nothing of ['mailto:someone@example.com', 'data:image/png;base64,AAAA', 'javascript:void(0)', '  ']) expect(classifyReference(nothing, page)).toEqual({ kind: 'none' });
  });
});

describe('npm run build runs the built-site check', () => {
  it('scans a page nothing links to: fails on its missing page, fragment and image, or a missing favicon, naming built page and source', async () => {
    const site = copySite();
    // A page in no sidebar and linked from nowhere. Raw HTML: the source gate does not read it,
    // so only the built-site check can catch these.
    writeFileSync(
      path.join(site, 'src/content/docs/unlinked.md'),
      '---\ntitle: Unlinked\n---\n\n<a href="/distributed-proof/#rail-no-such-rail">a rail</a> <a href="/no-such-page/">gone</a> <img src="/diagram.png" alt="">\n',
    );
    rmSync(path.join(site, 'public/favicon.svg'));
    const build = await runAstro(site, ['build']);
    expect(build.code).not.toBe(0);
    expect(build.output).toMatch(/dist\/unlinked\/index\.html:\d+:\d+ error built-fragment-missing `\/distributed-proof\/#rail-no-such-rail`: .*\(built from src\/content\/docs\/unlinked\.md\)/);
    expect(build.output).toMatch(/dist\/unlinked\/index\.html:\d+:\d+ error built-link-broken `\/no-such-page\/`: No built page answers \/no-such-page\/ \(HTTP 404\) \(built from src\/content\/docs\/unlinked\.md\)/);
    expect(build.output).toMatch(/dist\/unlinked\/index\.html:\d+:\d+ error built-asset-missing `\/diagram\.png`: .*\(built from src\/content\/docs\/unlinked\.md\)/);
    expect(build.output).toMatch(/dist\/distributed-proof\/index\.html:\d+:\d+ error built-asset-missing `\/favicon\.svg`/);
    // Linked from nowhere: a soft finding of its own, beside the errors.
    expect(build.output).toMatch(/warning built-page-orphan: 1 orphan: `\/unlinked\/`/);
    // Every page of dist/ is scanned: the site's 7 (the 404 page included) and the unlinked one.
    expect(build.output).toMatch(/built-site check: \d+ errors \(8 pages scanned; \d+ internal links and \d+ fragments checked \(per page and target\); .*; 1 orphan page\)/);
    expect(build.output).toMatch(/The built site has \d+ broken link/);
    expect(build.output).not.toMatch(/^\s+at .*\.(ts|js):\d+/m);
  });
});
