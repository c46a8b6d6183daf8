/**
 * Astro caches rendered Markdown between builds. These tests prove that an edit of rails.yaml
 * alone (no page touched, no cache cleared) reaches every page that uses it, in a build and in
 * a running dev server.
 */
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { plantResults } from './helpers/plant-results.ts';
import { ALIAS_BOMB } from './helpers/hostile-yaml.ts';
import { copySite, runAstro, startDev } from './helpers/site-fixture.ts';

const NEW_RAIL = `  - id: freshness-probe
    tier: retained
    label: Freshness probe rail
    summary: Added by the freshness test.
    steps:
      - bash scripts/verify-m052-s01.sh
    results: .tmp/m052-s01/verify/
    failureMaps: [distributed-proof, production-backend-proof]

operatorWorkflow:`;

function addRail(site: string): void {
  const file = path.join(site, 'src/data/rails.yaml');
  const yaml = readFileSync(file, 'utf8');
  writeFileSync(file, yaml.replace('\noperatorWorkflow:', `\n${NEW_RAIL}`));
}

describe('freshness after a YAML edit', () => {
  it('npm run build shows the edit on every page that uses the YAML, cache kept', async () => {
    const site = copySite();
    const first = await runAstro(site, ['build']);
    expect(first.code, first.output).toBe(0);
    const read = (page: string) => readFileSync(path.join(site, 'dist', page, 'index.html'), 'utf8');
    expect(read('distributed-proof')).not.toContain('Freshness probe rail');

    addRail(site);
    const second = await runAstro(site, ['build']);
    expect(second.code, second.output).toBe(0);
    const proof = read('distributed-proof');
    expect(proof).toContain('id="rail-freshness-probe"');
    // Tags removed: inline code is split into no-wrap word spans.
    expect(proof.replace(/<[^>]+>/g, '').match(/bash scripts\/verify-m052-s01\.sh/g)?.length).toBeGreaterThanOrEqual(3); // list, block, map
    expect(read('production-backend-proof')).toContain('id="rail-freshness-probe"');
  });

  it('a change to the renderer code also re-renders cached pages', async () => {
    const site = copySite();
    expect((await runAstro(site, ['build'])).code).toBe(0);
    const sections = path.join(site, 'src/proof-map/sections.ts');
    writeFileSync(sections, readFileSync(sections, 'utf8').replace("row([text('Surface and last run')], [text('Rerun')])", "row([text('Surface and last run')], [text('Run it again')])"));
    const second = await runAstro(site, ['build']);
    expect(second.code, second.output).toBe(0);
    expect(readFileSync(path.join(site, 'dist/distributed-proof/index.html'), 'utf8')).toContain('Run it again');
  });

  // Two builds; under a loaded machine they take minutes, hence the ceiling.
  it('a change to code outside proof-map/ that rendering imports (the repo URL constants) re-renders cached pages', { timeout: 600_000 }, async () => {
    const site = copySite();
    const first = await runAstro(site, ['build']);
    expect(first.code, first.output).toBe(0);
    const page = () => readFileSync(path.join(site, 'dist/distributed-proof/index.html'), 'utf8');
    const links = (slug: string) => page().split(`https://github.com/${slug}/`).length - 1;
    const before = links('hyperpush-org/mesh-lang');
    expect(before).toBeGreaterThan(0);
    const constants = path.join(site, 'src/core/repo-urls.ts');
    writeFileSync(constants, readFileSync(constants, 'utf8').replace("MESH_REPO_SLUG = 'hyperpush-org/mesh-lang'", "MESH_REPO_SLUG = 'mesh-fork/mesh-lang'"));
    const second = await runAstro(site, ['build']);
    expect(second.code, second.output).toBe(0);
    // Every link the generated sections build from the constant moved to the fork; links
    // written by hand in the page's prose keep the old address.
    expect(links('mesh-fork/mesh-lang')).toBeGreaterThan(0);
    expect(links('mesh-fork/mesh-lang') + links('hyperpush-org/mesh-lang')).toBe(before);
    expect(page()).toContain('https://github.com/mesh-fork/mesh-lang/blob/');
  });

  it('npm run dev serves the edited data without a restart by hand', async () => {
    const site = copySite();
    const dev = startDev(site);
    try {
      await dev.waitFor(async () => (await dev.page('/distributed-proof/')).includes('rail-m053-s01'), 'the dev server');
      expect(await dev.page('/distributed-proof/')).not.toContain('Freshness probe rail');
      addRail(site);
      await dev.waitFor(async () => (await dev.page('/distributed-proof/')).includes('rail-freshness-probe'), 'the edited rail');
    } finally {
      dev.stop();
    }
  });

  it('npm run dev shows a new verifier result on reload, without a restart', async () => {
    const site = copySite();
    const dev = startDev(site);
    try {
      await dev.waitFor(async () => (await dev.page('/distributed-proof/')).includes('rail-m053-s01'), 'the dev server');
      expect(await dev.page('/distributed-proof/')).not.toContain('failed in staged-deploy');
      plantResults(path.join(site, 'sample-workspace/mesh-lang'), '.tmp/m053-s01/verify', { status: 'failed\n', phase: 'staged-deploy\n' });
      await dev.waitFor(async () => (await dev.page('/distributed-proof/')).includes('✗ last run failed in staged-deploy'), 'the new result');
    } finally {
      dev.stop();
    }
  });

  it('npm run dev shows a broken YAML in the browser, and re-checks when the YAML is deleted and restored', async () => {
    const site = copySite();
    const file = path.join(site, 'src/data/rails.yaml');
    const good = readFileSync(file, 'utf8');
    const dev = startDev(site);
    const rendered = async () => (await dev.page('/distributed-proof/')).includes('rail-m053-s01');
    // Astro can miss the second of two content syncs that end within a moment of each other
    // (its data store is reloaded on a debounced file write), so each step lets the content
    // sync of the previous one finish before saving again, as a person editing would.
    const syncs = () => dev.output().match(/Synced content/g)?.length ?? 0;
    const save = async (write: () => void) => {
      const before = syncs();
      write();
      await dev.waitFor(() => syncs() > before, 'the content sync after a save');
    };
    try {
      await dev.waitFor(rendered, 'the dev server');
      // A broken YAML: the page is an error page naming the YAML line, never a blank 200.
      await save(() => writeFileSync(file, good.replace('    tier: public\n', '    tier: publik\n')));
      const line = good.split('\n').indexOf('    tier: public') + 1;
      await dev.waitFor(async () => {
        const page = await dev.overlay('/distributed-proof/');
        return page.status === 500 && (page.message ?? '').includes(`src/data/rails.yaml:${line}:11 error yaml-schema`);
      }, 'the error overlay');
      await save(() => writeFileSync(file, good));
      await dev.waitFor(rendered, 'the fixed page');

      // An alias bomb: one finding in the terminal and the browser, no unhandled rejection.
      await save(() => writeFileSync(file, `${good}${ALIAS_BOMB}`));
      await dev.waitFor(async () => ((await dev.overlay('/distributed-proof/')).message ?? '').includes('error yaml-syntax'), 'the alias bomb overlay');
      await save(() => writeFileSync(file, good));
      await dev.waitFor(rendered, 'the page after the alias bomb');

      // Deleted (as git checkout and some editors do) and restored: each is noticed.
      await save(() => rmSync(file));
      await dev.waitFor(() => /rails\.yaml:1:1 error yaml-unreadable/.test(dev.output()), 'the re-check after the delete');
      await dev.waitFor(async () => ((await dev.overlay('/distributed-proof/')).message ?? '').includes('yaml-unreadable'), 'the error overlay after the delete');
      await save(() => writeFileSync(file, good));
      await dev.waitFor(rendered, 'the restored page');
      expect(dev.output()).not.toMatch(/UnhandledRejection|^\s+at .*\.(ts|js):\d+/m);
    } finally {
      dev.stop();
    }
  });
});

