/**
 * One production build of this site per test run, shared by the browser tests and
 * site-build.test.ts: the first file that asks builds a copy (see site-fixture), later files
 * reuse it. The site files run two at a time (vitest.config.ts), so two files can ask at once:
 * a lock folder lets one of them build while the other waits for its marker. The run id comes
 * from the vitest global setup (test/global-setup.ts), so a new run never reuses an old build.
 */
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { inject } from 'vitest';
import { committedSiteCopy, projectRoot, runAstro } from './site-fixture.ts';
import { plantResults } from './plant-results.ts';

/** How long a file waits for another file's build; a loaded machine can take minutes. */
const OTHER_BUILD_CEILING_MS = 600_000;

let built: Promise<string> | undefined;

/** The `dist/` folder of this run's build; fails with the build output when the build fails. */
export function builtSite(): Promise<string> {
  built ??= buildOncePerRun();
  return built;
}

async function buildOncePerRun(): Promise<string> {
  const folder = path.join(projectRoot, '.tmp/built-site');
  mkdirSync(folder, { recursive: true });
  const marker = path.join(folder, `${inject('runId')}.txt`);
  const lock = path.join(folder, `${inject('runId')}.lock`);
  const deadline = Date.now() + OTHER_BUILD_CEILING_MS;
  for (;;) {
    const done = builtDist(marker);
    if (done !== undefined) return done;
    if (takeLock(lock)) break;
    // Another file is building: wait for its marker, or for its lock to go (its build failed,
    // and this file then builds and reports the failure itself).
    if (Date.now() > deadline) throw new Error(`another test file held ${path.relative(projectRoot, lock)} for ${OTHER_BUILD_CEILING_MS / 1000} s without finishing the shared build`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  try {
    const site = committedSiteCopy();
    plantBrowserResults(path.join(site, 'sample-workspace/mesh-lang'));
    const build = await runAstro(site, ['build']);
    if (build.code !== 0) throw new Error(`the site build failed:\n${build.output}`);
    // Written whole, then renamed: a waiting file never reads half a path.
    writeFileSync(`${marker}.part`, path.join(site, 'dist'));
    renameSync(`${marker}.part`, marker);
    return path.join(site, 'dist');
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

function builtDist(marker: string): string | undefined {
  if (!existsSync(marker)) return undefined;
  const dist = readFileSync(marker, 'utf8').trim();
  return existsSync(path.join(dist, 'index.html')) ? dist : undefined;
}

/** mkdir is atomic: exactly one caller creates the folder. */
function takeLock(lock: string): boolean {
  try {
    mkdirSync(lock);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
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
