/**
 * The JSON report never lies: a run first replaces it with "running", a crash leaves "crashed",
 * and the final report is renamed into place (never truncated and rewritten in place).
 */
import { linkSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { withConfig } from './helpers/gate-config.ts';

const behaviour = vi.hoisted(() => ({ during: undefined as undefined | (() => void), crash: false }));
vi.mock('../src/gate/run.ts', async (importOriginal) => {
  const real = await importOriginal<typeof import('../src/gate/run.ts')>();
  return {
    ...real,
    runGate: async (options: Parameters<typeof real.runGate>[0]) => {
      behaviour.during?.();
      if (behaviour.crash) throw new TypeError('boom\n    at somewhere.ts:1:1');
      return real.runGate(options);
    },
  };
});

const { runGateAndReport } = await import('../src/gate/cli.ts');
const { projectRoot } = await import('./helpers/site-fixture.ts');
const { makeTempDir, removeTempDirs } = await import('./helpers/temp-repo.ts');

afterAll(removeTempDirs);
beforeEach(() => {
  behaviour.during = undefined;
  behaviour.crash = false;
});

const PASSED_BEFORE = { version: 1, status: 'passed', counts: { errors: 0, warnings: 0 }, diagnostics: [] };
const readJson = (file: string) => JSON.parse(readFileSync(file, 'utf8'));

async function run(file: string) {
  const lines: string[] = [];
  const outcome = await runGateAndReport(withConfig({ siteRoot: projectRoot, env: {}, jsonReport: file, print: (line) => lines.push(line) }));
  return { outcome, lines };
}

describe('the JSON report file', () => {
  it('says "running" while the gate runs, replacing the previous result', async () => {
    const file = path.join(makeTempDir(), 'gate.json');
    writeFileSync(file, JSON.stringify(PASSED_BEFORE));
    let seen: unknown;
    behaviour.during = () => (seen = readJson(file));
    await run(file);
    expect(seen).toMatchObject({ version: 1, status: 'running' });
    expect(seen).not.toHaveProperty('counts');
    expect(readJson(file)).toMatchObject({ status: 'passed', counts: { errors: 0 } });
  });

  it('says "crashed" after a crash, and the run prints one gate-internal line without a stack', async () => {
    const file = path.join(makeTempDir(), 'gate.json');
    writeFileSync(file, JSON.stringify(PASSED_BEFORE));
    behaviour.crash = true;
    const { outcome, lines } = await run(file);
    expect(outcome.errors).toBe(1);
    expect(lines).toEqual([expect.stringMatching(/^docs gate: gate-internal: the docs-truth gate crashed: boom\. fix: /)]);
    expect(readJson(file)).toMatchObject({ version: 1, status: 'crashed', message: expect.stringContaining('boom') });
  });

  it('is replaced by a rename, not rewritten in place, and leaves no temp file', async () => {
    const dir = makeTempDir();
    const file = path.join(dir, 'gate.json');
    writeFileSync(file, JSON.stringify(PASSED_BEFORE));
    const before = statSync(file).ino;
    const oldCopy = path.join(dir, 'old.json');
    linkSync(file, oldCopy); // a second name for the old file's inode
    await run(file);
    expect(statSync(file).ino).not.toBe(before);
    expect(readJson(oldCopy)).toEqual(PASSED_BEFORE); // an in-place write would have changed it
    expect(readJson(file)).toMatchObject({ status: 'passed' });
    expect(readdirSync(dir).sort()).toEqual(['gate.json', 'old.json']);
  });
});
