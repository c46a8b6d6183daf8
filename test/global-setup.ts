/**
 * Once per project of a vitest run: an id that lets browser test files share one site build
 * (helpers/built-site.ts) and names the folder of the run's site copies
 * (helpers/site-fixture.ts); and, once per run, a temp folder of the run's own that every
 * worker and every process it starts uses as TMPDIR (sample repo copies, browser profiles,
 * temp checkouts) and for the gate's cache (MESH_DOCS_CACHE_DIR). Both are removed when the
 * run's files are done (Vitest calls every teardown after all files have finished), so a run
 * leaves nothing behind: it used to leave a few hundred site copies under .tmp/sites and a few
 * hundred MB under /tmp.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { siteCopiesOfRun } from './helpers/site-fixture.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    runId: string;
  }
}

/** Set by the first project's setup; the workers are created after every setup has run. */
const RUN_TMPDIR = 'MESH_DOCS_TEST_RUN_TMPDIR';

export default function setup(project: TestProject): () => void {
  const runId = `${project.name}-${Date.now()}-${process.pid}`;
  project.provide('runId', runId);
  let ownTemp: string | undefined;
  if (process.env[RUN_TMPDIR] === undefined) {
    ownTemp = mkdtempSync(path.join(tmpdir(), 'mesh-docs-tests-'));
    process.env[RUN_TMPDIR] = ownTemp;
    process.env['TMPDIR'] = ownTemp;
    // The gate's readings of the many sample copies checked through the CLI go there too, not
    // into node_modules/.cache beside a maintainer's own checkout's.
    process.env['MESH_DOCS_CACHE_DIR'] = path.join(ownTemp, 'gate-cache');
  }
  return () => {
    rmSync(siteCopiesOfRun(runId), { recursive: true, force: true });
    if (ownTemp !== undefined) rmSync(ownTemp, { recursive: true, force: true });
  };
}
