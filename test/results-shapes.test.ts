/**
 * Last results as the real verify scripts leave them: two phase-report lines per phase
 * (`started`, then the outcome), a status cleared at the start of a run, and rails that keep
 * only logs (declared in rails.yaml, never "unreadable"). A wrapper's delegate folder is the
 * delegate's. Shapes copied from the real scripts, written anew.
 */
import { mkdirSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readScript } from '../src/gate/relations/read-script.ts';
import { loadShellParser } from '../src/gate/shell/parse-line.ts';
import { runGate } from '../src/gate/run.ts';
import { resultWords } from '../src/rails/result-words.ts';
import { readRailResult } from '../src/rails/results.ts';
import { plantResults } from './helpers/plant-results.ts';
import { sampleRepoCopy } from './helpers/sample-repo-copy.ts';
import { copySite } from './helpers/site-fixture.ts';
import { makeTempDir, removeTempDirs, tempRepo } from './helpers/temp-repo.ts';
import { gateConfig } from './helpers/gate-config.ts';

beforeAll(loadShellParser);
afterAll(removeTempDirs);
const RAN = new Date('2026-03-04T10:00:00Z');

describe('phase reports as scripts append them', () => {
  it('one entry per phase, holding its final outcome; a phase still running has only started', () => {
    const root = makeTempDir();
    plantResults(root, '.tmp/m053-s02/verify', {
      status: 'running\n',
      phase: 'failover\n',
      phases: 'replay-s01\tstarted\nreplay-s01\tpassed\nbuild\tstarted\nbuild\tpassed\nfailover\tstarted\n',
      at: RAN,
    });
    const result = readRailResult(root, '.tmp/m053-s02/verify');
    expect(result.phases).toEqual([
      { name: 'replay-s01', outcome: 'passed' },
      { name: 'build', outcome: 'passed' },
      { name: 'failover', outcome: 'started' },
    ]);
  });

  it('a failed phase shows failed once', () => {
    const root = makeTempDir();
    plantResults(root, '.tmp/m053-s01/verify', { status: 'failed\n', phase: 'deploy\n', phases: 'build\tstarted\nbuild\tpassed\ndeploy\tstarted\ndeploy\tfailed\n', at: RAN });
    expect(readRailResult(root, '.tmp/m053-s01/verify').phases).toEqual([
      { name: 'build', outcome: 'passed' },
      { name: 'deploy', outcome: 'failed' },
    ]);
  });
});

describe('a status cleared when a run starts', () => {
  it('reads as running, with the phase it is in', () => {
    const root = makeTempDir();
    plantResults(root, '.tmp/m036-s03/verify', { phase: 'vsix-proof\n', phases: 'prereq\tstarted\nprereq\tpassed\nvsix-proof\tstarted\n', at: RAN });
    const result = readRailResult(root, '.tmp/m036-s03/verify');
    expect(result).toMatchObject({ state: 'running', phase: 'vsix-proof', ranAt: '2026-03-04' });
    expect(resultWords(result)).toBe('running (phase vsix-proof) since 2026-03-04');
  });

  it('a folder with neither a status nor phase files stays unreadable', () => {
    const root = makeTempDir();
    mkdirSync(path.join(root, '.tmp/x/verify'), { recursive: true });
    expect(readRailResult(root, '.tmp/x/verify')).toMatchObject({ state: 'unreadable', reason: '.tmp/x/verify/ exists but has no status.txt' });
  });
});

describe('log-only rails', () => {
  it('show what they keep and the date of the newest log, never unreadable', () => {
    const root = makeTempDir();
    const dir = path.join(root, '.tmp/m033-s01/verify');
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, 'mesh-rt-tests.log'), 'ok');
    utimesSync(path.join(dir, 'mesh-rt-tests.log'), RAN, RAN);
    const result = readRailResult(root, '.tmp/m033-s01/verify', { logsOnly: 'one log per step' });
    expect(result).toMatchObject({ state: 'logs', keeps: 'one log per step', ranAt: '2026-03-04' });
    expect(resultWords(result)).toBe('keeps logs only (one log per step), last log 2026-03-04');
    expect(readRailResult(root, '.tmp/m033-s01/verify').state).toBe('unreadable'); // undeclared: the old reading
  });

  it('declared in rails.yaml: no results folder is demanded, and the gate passes', async () => {
    const repo = sampleRepoCopy();
    writeFileSync(
      path.join(repo.root, 'scripts/verify-m033-s01.sh'),
      '#!/usr/bin/env bash\nset -euo pipefail\nARTIFACT_DIR=".tmp/m033-s01/verify"\nmkdir -p "$ARTIFACT_DIR"\ncargo test -p mesh-rt > "$ARTIFACT_DIR/mesh-rt.log" 2>&1\n',
    );
    const { execFileSync } = await import('node:child_process');
    execFileSync('git', ['add', '-A'], { cwd: repo.root });
    repo.commit();
    const site = copySite();
    const yaml = path.join(site, 'src/data/rails.yaml');
    const rail = (extra: string) => `
  - id: m033-s01
    tier: historical
    label: Runtime tests
    summary: Runs the runtime tests and keeps a log of them.
    steps:
      - bash scripts/verify-m033-s01.sh
${extra}`;
    const original = readFileSync(yaml, 'utf8');
    const gate = async (extra: string) => {
      writeFileSync(yaml, original.replace(/^rails:\n/m, `rails:\n${rail(extra)}`));
      const result = await runGate(gateConfig({ siteRoot: site, repoRoot: repo.root, env: {} }));
      return result.diagnostics.filter((d) => d.code === 'results-mismatch').map((d) => d.message);
    };
    expect(await gate('    logsOnly: one log per step\n')).toEqual([]);
    expect(await gate('')).toHaveLength(1); // undeclared, the folder is demanded as before
  });
});

describe("a delegate's folder is the delegate's", () => {
  it('a wrapper that reads and passes on the folder of the rail it runs does not write it', () => {
    const repo = tempRepo(
      {
        'scripts/verify-m034-s04.sh': '#!/usr/bin/env bash\nVERIFY_DIR=".tmp/m034-s04/verify"\nmkdir -p "$VERIFY_DIR"\necho ok > "$VERIFY_DIR/status.txt"\n',
        'scripts/verify-m036-s03.sh': [
          '#!/usr/bin/env bash',
          'ROOT_DIR="$(cd "$(dirname "$0")/.." && pwd)"',
          'VERIFY_ROOT="$ROOT_DIR/.tmp/m036-s03/verify"',
          'VSIX_DIR="$ROOT_DIR/.tmp/m034-s04/verify"',
          'mkdir -p "$VERIFY_ROOT"',
          'bash "$ROOT_DIR/scripts/verify-m034-s04.sh"',
          'test -f "$VSIX_DIR/status.txt"',
          '',
        ].join('\n'),
      },
      { git: true },
    );
    expect(readScript(repo, 'scripts/verify-m036-s03.sh').resultsFolders.map((w) => w.folder)).toEqual(['.tmp/m036-s03/verify']);
  });
});
