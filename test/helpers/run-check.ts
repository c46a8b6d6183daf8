/**
 * `npm run check` (and `npm run rail`) as npm starts them, without npm's own start:
 * scripts/run-bundled.mjs with the script, so the tests run the kept bundle users run (made once
 * per checkout and code; test/bundled-cli.test.ts holds its output to the modules' own). Loading
 * the modules afresh in each run cost about twice the CPU.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { projectRoot } from './site-fixture.ts';

/** The command line after `node` for one of the project's TypeScript CLIs, as its npm script starts it. */
export function bundledArgv(script: string): string[] {
  return [path.join(projectRoot, 'scripts/run-bundled.mjs'), path.join(projectRoot, script)];
}

/** The check's command line after `node`. */
export const CHECK_ARGV = bundledArgv('scripts/check.ts');

/** A check of the bundled sample: no Mesh checkout from this machine's environment, no colour, not strict. */
export const CHECK_ENV: Record<string, string> = { NO_COLOR: '1', MESH_REPO_ROOT: '', M055_HYPERPUSH_ROOT: '', DOCS_GATE_STRICT: '' };

export interface CheckRun {
  code: number | null;
  /** stdout, then stderr. */
  out: string;
  /** The run was stopped at `timeoutMs`. */
  timedOut: boolean;
}

export function runCheck(args: readonly string[], options: { env?: Record<string, string>; timeoutMs?: number } = {}): CheckRun {
  const result = spawnSync(process.execPath, [...CHECK_ARGV, ...args], {
    cwd: projectRoot,
    encoding: 'utf8',
    env: { ...process.env, ...CHECK_ENV, ...options.env },
    ...(options.timeoutMs ? { timeout: options.timeoutMs } : {}),
  });
  return { code: result.status, out: result.stdout + result.stderr, timedOut: result.error !== undefined };
}
