/**
 * A built page no other page links to is an orphan: a soft finding, counted under "orphan",
 * failing only a strict build. The home page, the 404 page, redirect pages and pages marked
 * `orphan: <reason>` in their frontmatter are exempt.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { orphanFrontmatter } from '../src/built-site/orphan-mark.ts';
import { removeTempDirs } from './helpers/temp-repo.ts';
import { check, page, tinySite } from './helpers/tiny-built-site.ts';

afterAll(removeTempDirs);

/** Home and guide link each other; `draft/`, `kept/`, `old/` and the 404 page are linked from nowhere. */
function siteWithOrphans() {
  return tinySite(
    {
      'index.html': page('<a href="/guide/">guide</a>'),
      'guide/index.html': page('<a href="/">home</a> <a href="/guide/#top">top</a>'),
      'draft/index.html': page('<a href="/">home</a>'),
      'kept/index.html': page('<a href="/">home</a>'),
      'old/index.html': '<!doctype html><html><head><meta http-equiv="refresh" content="0;url=/guide/"></head><body></body></html>',
      '404.html': page('<a href="/">home</a>'),
    },
    {
      'index.md': '# Home\n',
      'guide.md': '# Guide\n',
      'draft.md': '---\ntitle: Draft\n---\n# Draft\n',
      'kept.md': '---\ntitle: Kept\norphan: the printable handout, linked from the release email\n---\n# Kept\n',
      '404.md': '# Not found\n',
    },
  );
}

describe('orphan pages of the built site', () => {
  it('reports a page no other page links to as a soft finding, naming the built page and its source', async () => {
    const site = siteWithOrphans();
    const outcome = await check(site);
    expect(outcome.errors).toBe(0);
    const orphans = outcome.diagnostics.filter((d) => d.code === 'built-page-orphan');
    expect(orphans.map((d) => [d.severity, d.position.file, d.subject])).toEqual([['warning', 'dist/draft/index.html', '/draft/']]);
    expect(orphans[0]!.message).toBe('No other built page links to /draft/, so readers cannot find it (built from src/content/docs/draft.md)');
    // One folded line per soft code, as the gate prints its soft findings.
    expect(outcome.lines).toContainEqual(expect.stringMatching(/^warning built-page-orphan: 1 orphan: `\/draft\/` \(A built page that no other page links to; first at dist\/draft\/index\.html:1:1; all listed in the JSON report\)\. fix: .*`orphan: <why it stands alone>`/));
    expect(outcome.lines.at(-1)).toMatch(/^built-site check: ok \(.*; 1 orphan page\)$/);
    const report = JSON.parse(readFileSync(path.join(site.siteRoot, 'reports/built-site.json'), 'utf8'));
    expect(report.counts).toMatchObject({ errors: 0, warnings: 1, orphans: 1 });
    expect(report.diagnostics).toEqual([expect.objectContaining({ code: 'built-page-orphan', severity: 'warning', file: 'dist/draft/index.html' })]);
  });

  it('fails a strict build on an orphan, and one strict only on orphans', async () => {
    for (const strict of [true, ['orphan']] as const) {
      const outcome = await check(siteWithOrphans(), strict);
      expect(outcome.errors).toBe(1);
      expect(outcome.diagnostics.find((d) => d.code === 'built-page-orphan')?.severity).toBe('error');
      expect(outcome.lines.at(-1)).toMatch(/^built-site check: 1 error \(/);
    }
    expect((await check(siteWithOrphans(), ['unverified'])).errors).toBe(0);
  });

  it('counts a link to the page from a page other than itself, and only that', async () => {
    const site = tinySite(
      {
        'index.html': page('<a href="/guide">guide, no slash</a> <a href="/release%20notes/">notes</a>'),
        'release notes/index.html': page('<a href="/">home</a>'),
        'guide/index.html': page('<a href="/">home</a>'),
        'self/index.html': page('<a href="/self/">me</a> <a href="#x" id="x">here</a>'),
      },
      { 'index.md': '# Home\n', 'guide.md': '# Guide\n', 'self.md': '# Self\n' },
    );
    const outcome = await check(site);
    expect(outcome.diagnostics.filter((d) => d.code === 'built-page-orphan').map((d) => d.subject)).toEqual(['/self/']);
  });
});

describe('the orphan mark in a page\'s frontmatter', () => {
  it('needs a reason: the content schema refuses an empty or non-text mark', () => {
    expect(orphanFrontmatter.safeParse({ orphan: 'the printable handout' }).success).toBe(true);
    expect(orphanFrontmatter.safeParse({}).success).toBe(true);
    for (const orphan of ['', '   ', true]) {
      const result = orphanFrontmatter.safeParse({ orphan });
      expect(result.success, JSON.stringify(orphan)).toBe(false);
    }
    expect(orphanFrontmatter.safeParse({ orphan: ' ' }).error?.issues[0]?.message).toBe('say why no other page links to this one: `orphan: <reason>`');
  });
});
