/**
 * `npm run rail -- new <script>`: an entry read from the script (id, step, runs, results
 * folder, repo) that the gate accepts once label and summary are written, and refuses before.
 * Three script shapes, copied from the real rails in our own words: one that keeps a results
 * folder, one that keeps only logs, one that replays another rail through a helper function.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { sampleRepoCopy, type RepoCopy } from './helpers/sample-repo-copy.ts';
import { projectRoot } from './helpers/site-fixture.ts';
import { bundledArgv, CHECK_ENV } from './helpers/run-check.ts';

const SITE_RAILS = readFileSync(path.join(projectRoot, 'src/data/rails.yaml'), 'utf8');
const env = { ...process.env, ...CHECK_ENV, GITHUB_ACTIONS: '' };

function run(script: string, ...args: string[]) {
  const result = spawnSync(process.execPath, [...bundledArgv(script), ...args], { cwd: projectRoot, encoding: 'utf8', env });
  return { code: result.status, out: result.stdout + result.stderr };
}

const LOG_ONLY = `#!/usr/bin/env bash
set -euo pipefail
# Keeps only logs: one per step under .tmp/m033-s02/, never a status file.
ROOT_DIR="$(cd "$(dirname "\${BASH_SOURCE[0]}")/.." && pwd)"
LOG_DIR="$ROOT_DIR/.tmp/m033-s02"
mkdir -p "$LOG_DIR"
cargo test -p meshc --test e2e_m047_s07 >"$LOG_DIR/e2e.log" 2>&1
`;

const REPLAYS = `#!/usr/bin/env bash
set -euo pipefail
ROOT_DIR="$(cd "$(dirname "\${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT_DIR"
VERIFY_SLUG=m046-s07
ARTIFACT_ROOT=".tmp/m046-s07"
ARTIFACT_DIR="$ARTIFACT_ROOT/verify"
source scripts/lib/verify-common.sh
verify_init
run_expect_success() {
  local name="$1"; shift
  "$@"
}
replay() {
  run_expect_success m047-s04-replay \\
    bash scripts/verify-m047-s04.sh
}
run_phase replay replay
verify_finish
`;

function workspaceWithScripts(): { repo: RepoCopy; rails: string; json: string } {
  const repo = sampleRepoCopy();
  // The nightly workflow runs m048-s01 too: its entry says where CI runs it.
  repo.edit('.github/workflows/nightly.yml', (text) => text.replace('          bash scripts/verify-m047-s06.sh\n', '          bash scripts/verify-m047-s06.sh\n          bash scripts/verify-m048-s01.sh\n'));
  writeFileSync(path.join(repo.root, 'scripts/verify-m033-s02.sh'), LOG_ONLY);
  writeFileSync(path.join(repo.root, 'scripts/verify-m046-s07.sh'), REPLAYS);
  spawnSync('git', ['add', '-A'], { cwd: repo.root });
  repo.commit();
  const rails = path.join(repo.workspace, 'rails.yaml');
  writeFileSync(rails, SITE_RAILS);
  return { repo, rails, json: path.join(repo.workspace, 'report.json') };
}

describe('npm run rail -- new', () => {
  it('reads the id, step, runs and results folder of three script shapes', () => {
    const { repo, rails } = workspaceWithScripts();
    const withResults = run('scripts/rail.ts', 'new', 'scripts/verify-m048-s01.sh', '--repo', repo.root, '--rails', rails);
    expect(withResults.code).toBe(0);
    expect(withResults.out).toContain('  - id: m048-s01\n');
    expect(withResults.out).toContain('      - bash scripts/verify-m048-s01.sh\n');
    expect(withResults.out).toContain('    results: .tmp/m048-s01/verify/\n');
    expect(withResults.out).not.toContain('runs:');
    expect(withResults.out).toContain('    ci:\n      hosted: true\n      on:\n        - schedule\n        - workflow_dispatch\n');


    const logOnly = run('scripts/rail.ts', 'new', 'scripts/verify-m033-s02.sh', '--repo', repo.root, '--rails', rails);
    expect(logOnly.code).toBe(0);
    expect(logOnly.out).not.toContain('results:');
    expect(logOnly.out).toContain('    logsOnly: logs under .tmp/m033-s02/\n');

    const replays = run('scripts/rail.ts', 'new', 'scripts/verify-m046-s07.sh', '--repo', repo.root, '--rails', rails);
    expect(replays.code).toBe(0);
    expect(replays.out).toMatch(/^ {4}runs:\n {6}- m047-s04$/m);
    expect(replays.out).toContain('    results: .tmp/m046-s07/verify/\n');
    expect(replays.out).not.toMatch(/^ {4}ci:/m);
    expect(replays.out).toContain('no workflow runs it');
    // Nothing was written without --write.
    expect(readFileSync(rails, 'utf8')).toBe(SITE_RAILS);
  });

  it('--write appends entries the gate refuses until label and summary are written, then accepts', () => {
    const { repo, rails, json } = workspaceWithScripts();
    for (const script of ['scripts/verify-m048-s01.sh', 'scripts/verify-m033-s02.sh', 'scripts/verify-m046-s07.sh']) {
      const made = run('scripts/rail.ts', 'new', script, '--write', '--repo', repo.root, '--rails', rails);
      expect(made.code, made.out).toBe(0);
      expect(made.out).toMatch(/^\+ {2}- id: m0\d\d-s0\d$/m);
    }
    const written = readFileSync(rails, 'utf8');
    // Appended to the rails list: everything before it is the file as it was.
    const railsEnd = SITE_RAILS.indexOf('\n# The same four operator steps');
    expect(written.startsWith(SITE_RAILS.slice(0, railsEnd))).toBe(true);
    expect(written.endsWith(SITE_RAILS.slice(railsEnd))).toBe(true);

    const refused = run('scripts/check.ts', '--repo', repo.root, '--rails', rails, '--json', json);
    expect(refused.code).toBe(1);
    expect(refused.out.match(/error yaml-placeholder `m0\d\d-s0\d\.(label|summary)`: The (label|summary) of rail m0\d\d-s0\d is still the placeholder/g)).toHaveLength(6);

    writeFileSync(rails, written.replace(/"TODO\(rail new\): a short name for ([\w-]+)"/g, 'Rail $1').replace(/"TODO\(rail new\): one line on what ([\w-]+) proves"/g, 'What $1 proves.'));
    const accepted = run('scripts/check.ts', '--repo', repo.root, '--rails', rails, '--json', json);
    expect(accepted.out).toMatch(/^docs-truth gate: ok/m);
    expect(accepted.code).toBe(0);
  });

  it('refuses a script that is missing or already a rail, and a bad call', () => {
    const { repo, rails } = workspaceWithScripts();
    const missing = run('scripts/rail.ts', 'new', 'scripts/verify-m999-s01.sh', '--repo', repo.root, '--rails', rails);
    expect(missing).toMatchObject({ code: 1, out: expect.stringContaining('scripts/verify-m999-s01.sh is not in mesh-lang') });
    const taken = run('scripts/rail.ts', 'new', 'scripts/verify-m053-s01.sh', '--repo', repo.root, '--rails', rails);
    expect(taken).toMatchObject({ code: 1, out: expect.stringContaining('is already rail m053-s01') });
    const usage = run('scripts/rail.ts', 'make', 'x');
    expect(usage).toMatchObject({ code: 2, out: expect.stringContaining('usage: npm run rail -- new') });
    const tier = run('scripts/rail.ts', 'new', 'scripts/verify-m048-s01.sh', '--tier', 'gold');
    expect(tier).toMatchObject({ code: 2, out: expect.stringContaining('--tier gold is not a tier') });
  });
});
