/**
 * Which files are pages (src/core/page-files.ts): the gate lists the files Astro's glob loader
 * renders, with the same crawler and a plain test of each name, and also the `_` files an MDX
 * page can import. Held to the loader's own library (tinyglobby, called as Astro calls it) on a
 * tree with every awkward shape we know of.
 */
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { glob } from 'tinyglobby';
import { afterAll, describe, expect, it } from 'vitest';
import { sourcePageOf } from '../src/built-site/findings.ts';
import { isCheckedMarkdown, listMarkdownFiles, PAGE_GLOB } from '../src/core/page-files.ts';
import { runGate } from '../src/gate/run.ts';
import { gateConfig } from './helpers/gate-config.ts';
import { copySite } from './helpers/site-fixture.ts';
import { makeTempDir, removeTempDirs } from './helpers/temp-repo.ts';

afterAll(removeTempDirs);

/** The loader's rule on top of the gate's: a name starting with `_` is no page of its own. */
const isRenderedPage = (file: string) => !file.slice(file.lastIndexOf('/') + 1).startsWith('_');

/** A docs folder with dot folders, `_` names, every extension, links (one a loop) and odd names. */
function awkwardDocs(): string {
  const dir = makeTempDir();
  const files = [
    'index.mdx',
    'guide.md',
    'notes.markdown',
    'old.mdown',
    'a.mkdn',
    'b.mkd',
    'c.mdwn',
    'UPPER.MD',
    'plain.txt',
    '.notes.md',
    '_draft.md',
    '_partials/shared.md',
    '.hidden/secret.md',
    'nested/.git/config.md',
    'nested/deep/page.md',
    'real/target.mdx',
    'sp ace.md',
    'ünïcode.md',
  ];
  for (const file of files) {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    writeFileSync(path.join(dir, file), '# page\n');
  }
  symlinkSync('../real', path.join(dir, 'nested/linked'));
  symlinkSync('..', path.join(dir, 'nested/deep/loop'));
  symlinkSync('real/target.mdx', path.join(dir, 'file-link.mdx'));
  symlinkSync('nowhere.md', path.join(dir, 'dangling.md'));
  return dir;
}

describe('the docs folder\'s pages', () => {
  it('are, once `_` files are set aside, exactly the files Astro\'s loader renders', async () => {
    const dir = awkwardDocs();
    const loader = (await glob(PAGE_GLOB, { cwd: dir, expandDirectories: false })).sort();
    expect(listMarkdownFiles(dir).filter(isRenderedPage)).toEqual(loader);
    // What the awkward shapes come to: every extension, a dot name (the glob's `[^_]` matches
    // a dot), a `_` folder, links followed, the loop entered once; no dot folder, no upper case.
    expect(loader).toEqual(expect.arrayContaining(['notes.markdown', 'old.mdown', 'a.mkdn', 'b.mkd', 'c.mdwn', '.notes.md', '_partials/shared.md', 'nested/linked/target.mdx', 'file-link.mdx', 'sp ace.md', 'ünïcode.md']));
    expect(loader.filter((file) => /secret|config|UPPER|plain|dangling|_draft/.test(file))).toEqual([]);
  });

  it('the gate checks the `_` files beside the pages too (an MDX page can import one)', () => {
    const checked = listMarkdownFiles(awkwardDocs());
    expect(checked).toContain('_draft.md');
    expect(checked.filter((file) => !isRenderedPage(file))).toEqual(['_draft.md']);
  });

  it('a missing docs folder has no pages', () => {
    expect(listMarkdownFiles(path.join(makeTempDir(), 'none'))).toEqual([]);
  });

  it('tells a checked file by its path as the dev watcher sees it', () => {
    for (const file of ['guide.md', 'a/notes.markdown', '_partial.md', '.notes.md', 'x.mdx']) expect(isCheckedMarkdown(file), file).toBe(true);
    for (const file of ['.hidden/a.md', 'a/.git/b.md', 'UPPER.MD', '.md', 'notes.txt', 'md']) expect(isCheckedMarkdown(file), file).toBe(false);
  });
});

describe('a page with another Markdown extension', () => {
  it('is checked by the gate (it was skipped when the gate listed only .md and .mdx)', async () => {
    const site = copySite();
    writeFileSync(path.join(site, 'src/content/docs/guide.markdown'), '# Guide\n\n```bash\nmeshc biuld .\n```\n');
    const result = await runGate(gateConfig({ siteRoot: site, env: {} }));
    expect(result.diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.position.file}:${d.position.line}:${d.position.column} ${d.code}`)).toEqual([
      'src/content/docs/guide.markdown:4:7 cli-unknown-subcommand',
    ]);
  });

  it('is named as the source of its built page', () => {
    const site = makeTempDir();
    const docsDir = path.join(site, 'src/content/docs');
    mkdirSync(docsDir, { recursive: true });
    writeFileSync(path.join(docsDir, 'guide.markdown'), '# Guide\n');
    expect(sourcePageOf(path.join(site, 'dist/guide/index.html'), { siteRoot: site, distDir: path.join(site, 'dist'), docsDir })).toBe('src/content/docs/guide.markdown');
  });
});
