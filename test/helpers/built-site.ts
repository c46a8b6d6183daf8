/**
 * One production build of this site per test run, shared by the browser tests: the first file
 * that asks builds a copy (see site-fixture), later files reuse it. The run id comes from the
 * vitest global setup (test/global-setup.ts), so a new run never reuses an old build.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { inject } from 'vitest';
import { committedSiteCopy, projectRoot, runAstro } from './site-fixture.ts';
import { plantResults } from './plant-results.ts';

let built: Promise<string> | undefined;

/** The `dist/` folder of this run's build; fails with the build output when the build fails. */
export function builtSite(): Promise<string> {
  built ??= buildOncePerRun();
  return built;
}

async function buildOncePerRun(): Promise<string> {
  const marker = path.join(projectRoot, '.tmp/built-site', `${inject('runId')}.txt`);
  if (existsSync(marker)) {
    const dist = readFileSync(marker, 'utf8').trim();
    if (existsSync(path.join(dist, 'index.html'))) return dist;
  }
  const site = committedSiteCopy();
  plantBrowserResults(path.join(site, 'sample-workspace/mesh-lang'));
  const build = await runAstro(site, ['build']);
  if (build.code !== 0) throw new Error(`the site build failed:\n${build.output}`);
  mkdirSync(path.dirname(marker), { recursive: true });
  writeFileSync(marker, path.join(site, 'dist'));
  return path.join(site, 'dist');
}

/**
 * Last runs as a real workspace has them, so the browser sees every mark next to each other: a
 * failed staged deploy (with its phases, as the real phase report writes them), the failover
 * rail that replays it last ok, and a running cutover.
 */
export const PLANTED = { failed: 'm053-s01', failedPhase: 'staged-deploy', upstreamOf: 'm053-s02', running: 'm047-s04' } as const;

function plantBrowserResults(repo: string): void {
  const at = new Date('2026-04-02T10:00:00Z');
  const phases = ['init', 'build-starter', 'staged-deploy'].flatMap((name, i) => [`${name}\tstarted`, `${name}\t${i < 2 ? 'passed' : 'failed'}`]).join('\n');
  plantResults(repo, '.tmp/m053-s01/verify', { status: 'failed\n', phase: 'staged-deploy\n', phases: `${phases}\n`, bundle: '.tmp/m053-s01/proof-bundles/run-1\n', at });
  plantResults(repo, '.tmp/m053-s02/verify', { status: 'ok\n', phase: 'complete\n', phases: 'init\tstarted\ninit\tpassed\nfailover\tstarted\nfailover\tpassed\n', at: new Date('2026-04-01T10:00:00Z') });
  plantResults(repo, '.tmp/m047-s04/verify', { status: 'running\n', phase: 'cutover\n', phases: 'init\tstarted\ninit\tpassed\ncutover\tstarted\n', at });
}
