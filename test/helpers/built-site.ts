/**
 * One production build of this site per test run, shared by the browser tests: the first file
 * that asks builds a copy (see site-fixture), later files reuse it. The run id comes from the
 * vitest global setup (test/global-setup.ts), so a new run never reuses an old build.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { inject } from 'vitest';
import { committedSiteCopy, projectRoot, runAstro } from './site-fixture.ts';

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
  const build = await runAstro(site, ['build']);
  if (build.code !== 0) throw new Error(`the site build failed:\n${build.output}`);
  mkdirSync(path.dirname(marker), { recursive: true });
  writeFileSync(marker, path.join(site, 'dist'));
  return path.join(site, 'dist');
}
