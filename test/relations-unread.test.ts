/**
 * A relation the gate cannot read (the rail is run from an embedded Python heredoc through
 * `subprocess`) is declared in rails.yaml with its reason: no finding, shown as such in
 * proof-map.json and on the graph; a plain id the script does not visibly run still fails,
 * and a reason that is no longer true (the gate reads the run) fails too. The same script
 * shape builds its results folder in Python (`ROOT / '.tmp' / ... / 'verify'`): that counts.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildProofMap } from '../src/gate/report/proof-map-json.ts';
import { runGate } from '../src/gate/run.ts';
import { sampleRepoCopy } from './helpers/sample-repo-copy.ts';
import { copySite } from './helpers/site-fixture.ts';
import { gateConfig } from './helpers/gate-config.ts';

const INNER = [
  '#!/usr/bin/env bash',
  'set -euo pipefail',
  "exec python3 - \"$@\" <<'PY'",
  'from pathlib import Path',
  'ROOT = Path.cwd()',
  "OUT = ROOT / '.tmp' / 'm057-s02' / 'verify'",
  'OUT.mkdir(parents=True, exist_ok=True)',
  "(OUT / 'status.txt').write_text('ok\\n')",
  'PY',
  '',
].join('\n');

const OUTER = (run: string) =>
  [
    '#!/usr/bin/env bash',
    'set -euo pipefail',
    "python3 - <<'PY'",
    'import subprocess',
    'from pathlib import Path',
    'ROOT = Path.cwd()',
    "INNER = ROOT / 'scripts' / 'verify-m057-s02.sh'",
    "OUT = ROOT / '.tmp' / 'm057-s03' / 'verify'",
    "subprocess.run(['bash', str(INNER)], check=True)",
    'PY',
    run,
    '',
  ].join('\n');

const RAILS = (runs: string) => `
  - id: m057-s02
    tier: retained
    label: Tracker inventory
    summary: Reads the tracker and keeps an inventory of it.
    steps:
      - bash scripts/verify-m057-s02.sh
    results: .tmp/m057-s02/verify/
  - id: m057-s03
    tier: retained
    label: Tracker replay
    summary: Replays the inventory rail from embedded Python.
    steps:
      - bash scripts/verify-m057-s03.sh
    runs: ${runs}
    results: .tmp/m057-s03/verify/
`;

async function gateWith(runs: string, outerTail = '') {
  const repo = sampleRepoCopy();
  writeFileSync(path.join(repo.root, 'scripts/verify-m057-s02.sh'), INNER);
  writeFileSync(path.join(repo.root, 'scripts/verify-m057-s03.sh'), OUTER(outerTail));
  const { execFileSync } = await import('node:child_process');
  execFileSync('git', ['-c', 'user.email=t@t', '-c', 'user.name=t', 'add', '-A'], { cwd: repo.root });
  repo.commit();
  const site = copySite();
  const yaml = path.join(site, 'src/data/rails.yaml');
  writeFileSync(yaml, readFileSync(yaml, 'utf8').replace(/^rails:\n/m, `rails:\n${RAILS(runs)}`));
  const result = await runGate(gateConfig({ siteRoot: site, repoRoot: repo.root, env: {} }));
  const findings = result.diagnostics.filter((d) => d.code.startsWith('relation-') || d.code === 'results-mismatch');
  return { result, findings };
}

describe('a relation declared as unreadable, with its reason', () => {
  it('passes, and proof-map.json shows it as declared and not read, with the reason', async () => {
    const { result, findings } = await gateWith('[{ rail: m057-s02, unread: "runs it through subprocess in embedded Python" }]');
    expect(findings).toEqual([]);
    const map = buildProofMap({ gate: result, results: 'off', builtAt: new Date(0) })!;
    const rail = map.rails.find((r) => r.id === 'm057-s03')!;
    expect(rail.relations.unread).toEqual([{ rail: 'm057-s02', reason: 'runs it through subprocess in embedded Python' }]);
    expect(rail.relations.read).toEqual([]);
  });

  it('a plain id the script runs only from Python fails as not run', async () => {
    const { findings } = await gateWith('[m057-s02]');
    expect(findings.map((d) => d.code)).toEqual(['relation-not-run']);
  });

  it('a reason that is no longer true fails: the gate reads the run now', async () => {
    const { findings } = await gateWith('[{ rail: m057-s02, unread: "runs it from Python" }]', 'bash scripts/verify-m057-s02.sh');
    expect(findings.map((d) => d.code)).toEqual(['relation-unread-but-read']);
    expect(findings[0]!.related?.line).toBe(11);
  });

  it('an empty reason is a YAML error', async () => {
    const { result } = await gateWith('[{ rail: m057-s02, unread: "  " }]');
    expect(result.diagnostics.some((d) => d.severity === 'error' && d.code.startsWith('yaml-'))).toBe(true);
  });
});
