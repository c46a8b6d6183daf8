/**
 * Astro caches rendered Markdown between builds. These tests prove that an edit of rails.yaml
 * alone (no page touched, no cache cleared) reaches every page that uses it, in a build and in
 * a running dev server.
 */
import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { astroEnv, copySite, projectRoot, runAstro } from './helpers/site-fixture.ts';

const NEW_RAIL = `  - id: freshness-probe
    tier: retained
    label: Freshness probe rail
    summary: Added by the freshness test.
    steps:
      - bash scripts/verify-m052-s01.sh
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
    expect(proof.match(/bash scripts\/verify-m052-s01\.sh/g)?.length).toBeGreaterThanOrEqual(3); // list, block, map
    expect(read('production-backend-proof')).toContain('id="rail-freshness-probe"');
  });

  it('a change to the renderer code also re-renders cached pages', async () => {
    const site = copySite();
    expect((await runAstro(site, ['build'])).code).toBe(0);
    const sections = path.join(site, 'src/proof-map/sections.ts');
    writeFileSync(sections, readFileSync(sections, 'utf8').replace("row([text('Surface')], [text('Rerun')])", "row([text('Surface')], [text('Run it again')])"));
    const second = await runAstro(site, ['build']);
    expect(second.code, second.output).toBe(0);
    expect(readFileSync(path.join(site, 'dist/distributed-proof/index.html'), 'utf8')).toContain('Run it again');
  });

  it('npm run dev serves the edited data without a restart by hand', async () => {
    const site = copySite();
    const port = 4400 + Math.floor(Math.random() * 500);
    const child = spawn(process.execPath, [path.join(projectRoot, 'node_modules/astro/bin/astro.mjs'), 'dev', '--port', String(port)], {
      cwd: site,
      env: astroEnv(),
    });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    const page = async () => {
      try {
        const response = await fetch(`http://localhost:${port}/distributed-proof/`);
        return response.ok ? await response.text() : '';
      } catch {
        return '';
      }
    };
    const waitFor = async (test: (html: string) => boolean, what: string) => {
      const deadline = Date.now() + 90_000;
      while (Date.now() < deadline) {
        if (test(await page())) return;
        await new Promise((resolve) => setTimeout(resolve, 500));
      }
      throw new Error(`timed out waiting for ${what}\n${output}`);
    };
    try {
      await waitFor((html) => html.includes('rail-m053-s01'), 'the dev server');
      expect(await page()).not.toContain('Freshness probe rail');
      addRail(site);
      await waitFor((html) => html.includes('rail-freshness-probe'), 'the edited rail');
    } finally {
      child.kill('SIGTERM');
    }
  });
});
