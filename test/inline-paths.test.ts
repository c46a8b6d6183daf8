/**
 * Inline code shaped like a repo path: a misspelled first folder is still checked (with a
 * did-you-mean on the folder), and a path in a repo whose checkout is missing counts as
 * unverified instead of vanishing. Prose pairs and paths of a reader's own project are not paths.
 */
import { describe, expect, it } from 'vitest';
import { runGate } from '../src/gate/run.ts';
import { sampleRepoCopy } from './helpers/sample-repo-copy.ts';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { copySite } from './helpers/site-fixture.ts';
import { gateConfig } from './helpers/gate-config.ts';

function siteWith(markdown: string): string {
  const site = copySite();
  const page = path.join(site, 'src/content/docs/distributed-actors.md');
  writeFileSync(page, `${readFileSync(page, 'utf8')}\n${markdown}\n`);
  return site;
}

const PROSE = 'Read `compilers/meshc/Cargo.toml`, then `mesher/README.md`; a read/write `read/write` pair and your project’s `lib/start.mpl` are not repo paths.';

describe('inline repo paths', () => {
  it('a misspelled first folder is checked, with did-you-mean on the folder', async () => {
    const repo = sampleRepoCopy();
    const result = await runGate(gateConfig({ siteRoot: siteWith(PROSE), repoRoot: repo.root, env: {} }));
    const found = result.diagnostics.filter((d) => d.position.file.endsWith('distributed-actors.md') && d.code.startsWith('path-'));
    expect(found.map((d) => [d.code, d.subject])).toEqual([
      ['path-missing', 'compilers/meshc/Cargo.toml'],
      ['path-missing', 'mesher/README.md'],
    ]);
    expect(found[0]!.suggestion).toContain('compiler/meshc/Cargo.toml');
    expect(found[1]!.suggestion).toBe('write it as `hyperpush-mono/mesher/README.md` so it is checked in hyperpush-mono');
  });

  it('a bare path of a repo whose checkout is missing is unverified, not silent', async () => {
    const repo = sampleRepoCopy({ product: false });
    const result = await runGate(gateConfig({ siteRoot: siteWith(PROSE), repoRoot: repo.root, env: {} }));
    const onPage = result.diagnostics.filter((d) => d.position.file.endsWith('distributed-actors.md'));
    expect(onPage.filter((d) => d.code === 'repo-unverified').map((d) => d.subject)).toEqual(['mesher/README.md']);
    expect(onPage.filter((d) => d.code.startsWith('path-')).map((d) => d.subject)).toEqual(['compilers/meshc/Cargo.toml']);
  });
});
