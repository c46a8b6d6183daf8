/**
 * The built-site scan reads dist/ from disk, as a static host serves it: stylesheets' url()s,
 * srcset candidates, percent-encoded paths, `<a name>` targets, the site's base path, and paths
 * that try to leave dist/. Each case plants one broken reference beside working ones.
 */
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { checkBuiltSite } from '../src/built-site/check-built-site.ts';
import { fileForUrlPath } from '../src/built-site/site-urls.ts';
import { makeTempDir, removeTempDirs } from './helpers/temp-repo.ts';
import { check, page, tinySite } from './helpers/tiny-built-site.ts';

afterAll(removeTempDirs);

const found = (outcome: Awaited<ReturnType<typeof check>>) => outcome.diagnostics.map((d) => [d.code, d.position.file, d.subject]);

describe('stylesheets', () => {
  it("checks every url() and @import of a stylesheet, naming the stylesheet and the spot, and skips url()s in comments and strings", async () => {
    const site = tinySite({
      'index.html': page('<link rel="stylesheet" href="/_astro/site.css"> <a href="/">home</a>'),
      '_astro/site.css':
        '/* url(/commented-out.png) */ @import "./base.css";\n' +
        '@font-face { font-family: x; src: url("/fonts/x.woff2") format("woff2"), url(/fonts/gone.woff) format("woff"); }\n' +
        '.a { background: url(paper.png); content: "url(/in-a-string.png)"; --icon: url(/icons/missing.svg); }',
      '_astro/base.css': 'body { background: url(/_astro/paper.png) }',
      '_astro/paper.png': 'png',
      'fonts/x.woff2': 'font',
    });
    const outcome = await check(site);
    expect(found(outcome)).toEqual([
      ['built-asset-missing', 'dist/_astro/site.css', '/fonts/gone.woff'],
      ['built-asset-missing', 'dist/_astro/site.css', '/icons/missing.svg'],
    ]);
    expect(outcome.lines.join('\n')).toMatch(/^dist\/_astro\/site\.css:2:\d+ error built-asset-missing `\/fonts\/gone\.woff`: The build does not produce \/fonts\/gone\.woff/m);
    // Both stylesheets, the font, the paper image (one file, two spellings), and the two missing files.
    expect(outcome.counts.assets).toBe(6);
  });

  it('checks url()s of a <style> block and of a style attribute in a page', async () => {
    const site = tinySite({
      'index.html': page('<style>.hero { background: url(/hero.png) }</style>\n<div style="background-image: url(\'/banner.png\')"></div> <a href="/">home</a>'),
      'hero.png': 'png',
    });
    expect(found(await check(site))).toEqual([['built-asset-missing', 'dist/index.html', '/banner.png']]);
  });
});

describe('references in pages', () => {
  it('checks each candidate of a srcset', async () => {
    const site = tinySite({
      'index.html': page('<img src="/diagram.png" srcset="/diagram.png 1x, /diagram@2x.png 2x" alt=""> <picture><source srcset="/diagram.avif 640w"></picture>'),
      'diagram.png': 'png',
      'diagram.avif': 'avif',
    });
    expect(found(await check(site))).toEqual([['built-asset-missing', 'dist/index.html', '/diagram@2x.png']]);
  });

  it('decodes percent-encoded paths and ignores query strings, as the host does', async () => {
    const site = tinySite(
      {
        'index.html': page('<a href="/release%20notes/">notes</a> <a href="/caf%C3%A9/">café</a> <img src="/logo.svg?v=3" alt=""> <a href="/caf%C3%A8/">typo</a>'),
        'release notes/index.html': page('<a href="/">home</a>'),
        'café/index.html': page('<a href="/">home</a>'),
        'logo.svg': '<svg/>',
      },
      { 'index.md': '# Home\n' },
    );
    expect(found(await check(site))).toEqual([['built-link-broken', 'dist/index.html', '/caf%C3%A8/']]);
  });

  it('finds a fragment by an <a name>, by a percent-encoded id, and #top on any page, and not elsewhere', async () => {
    const site = tinySite({
      'index.html': page('<a href="/guide/#legacy">a</a> <a href="/guide/#caf%C3%A9">b</a> <a href="/guide/#top">c</a> <a href="/guide/#not-a-name">d</a>'),
      'guide/index.html': page('<a name="legacy"></a> <h2 id="café">Café</h2> <p title="not-a-name">x</p> <a href="/">home</a>'),
    });
    expect(found(await check(site))).toEqual([['built-fragment-missing', 'dist/index.html', '/guide/#not-a-name']]);
  });

  it('resolves relative references against a <base href>, checks preload image sets, and leaves origin hints alone', async () => {
    const site = tinySite({
      'index.html':
        '<!doctype html><html><head><base href="/guide/"><link rel="preconnect" href="/no-such-origin/"><link rel="preload" as="image" imagesrcset="hero.png 1x, hero@2x.png 2x"></head>\n' +
        '<body><img src="pic.png" alt=""> <a href="../">home</a></body></html>',
      'guide/pic.png': 'png',
      'guide/hero.png': 'png',
    });
    expect(found(await check(site))).toEqual([['built-asset-missing', 'dist/index.html', '/guide/hero@2x.png']]);
  });

  it('follows a redirect page to its target', async () => {
    const site = tinySite({
      'index.html': page('<a href="/guide/">guide</a>'),
      'guide/index.html': page('<a href="/">home</a>'),
      'old/index.html': '<!doctype html><html><head><meta http-equiv="refresh" content="0;url=/renamed/"></head><body></body></html>',
    });
    expect(found(await check(site))).toEqual([['built-link-broken', 'dist/old/index.html', '/renamed/']]);
  });
});

describe('URL paths to files of dist/', () => {
  const layout = (files: string[], base = '/') => ({ files: new Set(files), base });

  it('answers as a static host does', () => {
    const files = layout(['index.html', 'guide/index.html', 'flat.html', 'logo.svg', 'a b/index.html']);
    expect(fileForUrlPath('/', files)).toBe('index.html');
    expect(fileForUrlPath('/guide/', files)).toBe('guide/index.html');
    expect(fileForUrlPath('/guide', files)).toBe('guide/index.html');
    expect(fileForUrlPath('/guide/index.html', files)).toBe('guide/index.html');
    expect(fileForUrlPath('/flat', files)).toBe('flat.html');
    expect(fileForUrlPath('/flat/', files)).toBeUndefined(); // no flat/index.html: the host answers 404
    expect(fileForUrlPath('/logo.svg/', files)).toBeUndefined();
    expect(fileForUrlPath('/a%20b/', files)).toBe('a b/index.html');
  });

  it('never looks outside dist/: encoded climbs and NUL bytes are a 404', () => {
    const files = layout(['index.html']);
    for (const hostile of ['/%2e%2e/%2e%2e/etc/passwd', '/%252e%252e/secret', '/a%00b', '/..%5c..%5csecret']) expect(fileForUrlPath(hostile, files), hostile).toBeUndefined();
  });

  it('serves the site under its base path only', () => {
    const files = layout(['index.html', 'guide/index.html'], '/docs/');
    expect(fileForUrlPath('/docs/', files)).toBe('index.html');
    expect(fileForUrlPath('/docs', files)).toBe('index.html');
    expect(fileForUrlPath('/docs/guide/', files)).toBe('guide/index.html');
    expect(fileForUrlPath('/guide/', files)).toBeUndefined();
  });
});

describe('a site with a base path', () => {
  it('resolves links under the base, reports one that misses it, and finds orphans by their served URL', async () => {
    const site = tinySite(
      {
        'index.html': page('<a href="/docs/guide/#setup">guide</a> <a href="/guide/">no base</a> <img src="/docs/logo.svg" alt="">'),
        'guide/index.html': page('<h2 id="setup">Setup</h2> <a href="/docs/">home</a>'),
        'draft/index.html': page('<a href="/docs/">home</a>'),
        'logo.svg': '<svg/>',
      },
      { 'index.md': '# Home\n', 'guide.md': '# Guide\n', 'draft.md': '# Draft\n' },
    );
    const lines: string[] = [];
    const outcome = await checkBuiltSite({ ...site, base: '/docs' }, (line) => lines.push(line));
    expect(outcome.diagnostics.map((d) => [d.code, d.position.file, d.subject])).toEqual([
      ['built-page-orphan', 'dist/draft/index.html', '/docs/draft/'],
      ['built-link-broken', 'dist/index.html', '/guide/'],
    ]);
    expect(outcome.counts).toMatchObject({ pages: 3, links: 4, fragments: 1, assets: 1 });
    expect(lines.at(-1)).toMatch(/^built-site check: 1 error \(3 pages scanned; /);
  });
});

describe('files that are symlinks out of dist/', () => {
  it('are neither read nor served', async () => {
    const outside = makeTempDir('built-site-outside-');
    writeFileSync(path.join(outside, 'secret.html'), page('<a href="/nowhere/">x</a>'));
    const site = tinySite({ 'index.html': page('<a href="/leak/">leak</a>') }, { 'index.md': '# Home\n' });
    mkdirSync(path.join(site.distDir, 'leak'));
    symlinkSync(path.join(outside, 'secret.html'), path.join(site.distDir, 'leak/index.html'));
    const outcome = await check(site);
    // The link to it is broken (nothing inside dist/ answers it), and its own link is never read.
    expect(found(outcome)).toEqual([['built-link-broken', 'dist/index.html', '/leak/']]);
    expect(outcome.counts.pages).toBe(1);
  });
});
