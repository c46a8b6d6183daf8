/**
 * The site is the Mesh repo's `website/` folder: what pages say about the site itself is
 * checked against the site's own files, not against the `website/` the checked commit holds
 * (on the real repo today, the older site without `check:external`).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { withSiteFolder } from '../src/repo/site-overlay.ts';
import { runGate } from '../src/gate/run.ts';
import { sampleRepoCopy } from './helpers/sample-repo-copy.ts';
import { projectRoot } from './helpers/site-fixture.ts';
import { makeTempDir, removeTempDirs, tempRepo, writeFiles } from './helpers/temp-repo.ts';
import { gateConfig } from './helpers/gate-config.ts';

afterAll(removeTempDirs);

describe('paths under website/ are the site own files', () => {
  const repo = tempRepo(
    { 'website/package.json': JSON.stringify({ scripts: { dev: 'x', build: 'x', preview: 'x' } }), 'website/old.md': 'old', 'README.md': 'r' },
    { git: true },
  );
  const site = makeTempDir();
  writeFiles(site, {
    'package.json': JSON.stringify({ scripts: { build: 'astro build', 'check:external': 'node x.ts' } }),
    'src/content/docs/index.md': '# hi',
    'dist/index.html': 'built',
  });
  const view = withSiteFolder(repo, site);

  it('answers website/ from the site and everything else from the repo', () => {
    expect(view.fileStatus('website/src/content/docs/index.md')).toBe('tracked');
    expect(view.fileStatus('website/old.md')).toBe('tracked'); // the committed older site still answers what the site lacks
    expect(view.read('website/package.json')).toContain('check:external');
    expect(view.fileStatus('README.md')).toBe('tracked');
    expect(view.hasDir('website/src/content')).toBe(true);
    expect(view.files()).toContain('website/src/content/docs/index.md');
    expect(view.files()).toContain('website/old.md');
  });

  it('leaves out the site build outputs and keeps paths confined', () => {
    expect(view.fileStatus('website/dist/index.html')).toBe('missing');
    expect(view.normalise('website/../README.md')).toBe('README.md');
    expect(view.normalise('website/../../etc/passwd')).toBeUndefined();
    expect(view.normalise('docs', 'website')).toBe('website/docs');
  });
});

describe('the gate on a repo whose committed website/ is an older site', () => {
  it('passes: `npm --prefix website run check:external` is a script of this site', async () => {
    const copy = sampleRepoCopy();
    mkdirSync(path.join(copy.root, 'website'), { recursive: true });
    writeFileSync(path.join(copy.root, 'website/package.json'), JSON.stringify({ scripts: { dev: 'a', build: 'b', preview: 'c', 'generate:og': 'd' } }));
    copy.commit();
    const result = await runGate(gateConfig({ siteRoot: projectRoot, repoRoot: copy.root, env: {} }));
    expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  });
});
