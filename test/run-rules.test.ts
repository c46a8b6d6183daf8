/**
 * The run rules (relations/run-rules.ts): every way a shell really runs a script, and only
 * real runs. Shapes are those of the real Mesh verify scripts, written anew; each is read
 * through `readScript` on a small committed repo, as the gate reads rail scripts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readScript } from '../src/gate/relations/read-script.ts';
import { rootTable } from '../src/gate/relations/roots.ts';
import { shellRuns } from '../src/gate/relations/run-rules.ts';
import { loadShellParser } from '../src/gate/shell/parse-line.ts';
import type { RepoView } from '../src/core/types.ts';
import { removeTempDirs, tempRepo } from './helpers/temp-repo.ts';

beforeAll(loadShellParser);
afterAll(removeTempDirs);

const HEAD = '#!/usr/bin/env bash\nset -euo pipefail\nROOT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"\ncd "$ROOT_DIR"\n';
const TARGETS = ['a', 'b', 'c', 'd'].map((x) => `scripts/verify-${x}.sh`);

/** A repo with four target rails and `scripts/verify-main.sh` holding `body`; the runs it reads as `target:line`. */
function runsOf(body: string, extra: Record<string, string> = {}): string[] {
  const repo: RepoView = tempRepo(
    { ...Object.fromEntries(TARGETS.map((t) => [t, '#!/usr/bin/env bash\necho hi\n'])), 'scripts/verify-main.sh': HEAD + body, ...extra },
    { git: true },
  );
  const reading = readScript(repo, 'scripts/verify-main.sh', rootTable([{ id: 'product', rootVars: ['PRODUCT_ROOT'] }]));
  return reading.runs.map((run) => `${run.repo === 'self' ? '' : `${run.repo}:`}${run.target}@${run.at.file === 'scripts/verify-main.sh' ? '' : run.at.file + ':'}${run.at.line}`);
}
const line = (n: number) => n + 4; // HEAD is four lines

describe('runs the shell really makes', () => {
  it('a `bash -c` / `sh -c` string is read as shell, its `cd "$1"` following the words after it', () => {
    const body = [
      `bash -c 'set -e; test -f .env; bash scripts/verify-a.sh'`,
      `sh -c "bash scripts/verify-b.sh --quick"`,
      `bash -c 'cd "$1" && bash scripts/verify-c.sh' _ "$ROOT_DIR"`,
      `bash -c 'cd "$1" && bash scripts/verify-d.sh' _ "$PRODUCT_ROOT"`,
    ].join('\n');
    expect(runsOf(body)).toEqual([`scripts/verify-a.sh@${line(1)}`, `scripts/verify-b.sh@${line(2)}`, `scripts/verify-c.sh@${line(3)}`, `product:scripts/verify-d.sh@${line(4)}`]);
  });

  it('command and process substitutions, pipes and redirections into a shell', () => {
    const body = [
      'summary="$(bash scripts/verify-a.sh --summary)"',
      'diff <(bash scripts/verify-b.sh) expected.txt',
      'cat scripts/verify-c.sh | bash',
      'bash < scripts/verify-d.sh',
      "echo 'bash scripts/verify-a.sh' | sh",
    ].join('\n');
    expect(runsOf(body)).toEqual([
      `scripts/verify-a.sh@${line(1)}`,
      `scripts/verify-b.sh@${line(2)}`,
      `scripts/verify-c.sh@${line(3)}`,
      `scripts/verify-d.sh@${line(4)}`,
      `scripts/verify-a.sh@${line(5)}`,
    ]);
  });

  it('`eval` of a literal, loops over literal words, `\\` continuations', () => {
    const body = [
      `eval 'bash scripts/verify-a.sh'`,
      'for rail in scripts/verify-b.sh scripts/verify-c.sh; do',
      '  bash "$rail"',
      'done',
      'run_step replay-d \\',
      '  bash scripts/verify-d.sh',
    ].join('\n');
    expect(runsOf(body)).toEqual([`scripts/verify-a.sh@${line(1)}`, `scripts/verify-b.sh@${line(3)}`, `scripts/verify-c.sh@${line(3)}`, `scripts/verify-d.sh@${line(6)}`]);
  });

  it('a helper of the script that runs its trailing words (through `"${cmd[@]}"`, or embedded Python given `"$@"`)', () => {
    const body = [
      'run_with_log() {',
      '  local log="$1"; shift',
      '  local -a cmd=("$@")',
      '  "${cmd[@]}" >"$log" 2>&1',
      '}',
      'run_timed() {',
      '  local seconds="$1"; shift',
      `  python3 - "$seconds" "$@" <<'PY'`,
      'import subprocess, sys',
      "subprocess.run(sys.argv[2:], timeout=float(sys.argv[1]), check=True)",
      'PY',
      '}',
      'run_with_log out.log "bash scripts/verify-c.sh" ".tmp/x/verify" bash scripts/verify-a.sh',
      'run_timed 600 env "FLAG=$UNKNOWN" bash scripts/verify-b.sh',
    ].join('\n');
    expect(runsOf(body)).toEqual([`scripts/verify-a.sh@${line(13)}`, `scripts/verify-b.sh@${line(14)}`]);
  });

  it('positions point at the line that runs, not at an earlier existence check', () => {
    const body = [
      'NESTED="$ROOT_DIR/scripts/verify-a.sh"',
      'require_file() { [[ -f "$2" ]] || { echo "missing $1" >&2; exit 1; }; }',
      'require_file nested "$NESTED"',
      'bash "$NESTED"',
    ].join('\n');
    expect(runsOf(body)).toEqual([`scripts/verify-a.sh@${line(4)}`]);
  });
});

describe('what is not a run', () => {
  it('existence checks, checksums, `:`, syntax checks and lookups', () => {
    const body = [
      'require_file() { test -f "$1"; }',
      'require_file "scripts/verify-a.sh"',
      'md5sum scripts/verify-b.sh',
      ': scripts/verify-c.sh',
      'bash -n scripts/verify-d.sh',
      'command -v scripts/verify-a.sh',
      'cp scripts/verify-b.sh "$TMPDIR/"',
    ].join('\n');
    expect(runsOf(body)).toEqual([]);
  });

  it('a function never called, a branch that never runs, a heredoc fed to another program', () => {
    const body = [
      'legacy_replay() {',
      '  bash scripts/verify-a.sh',
      '}',
      'if false; then',
      '  OLD_RAIL=scripts/verify-b.sh',
      'fi',
      'bash "${OLD_RAIL:-scripts/verify-c.sh}"',
      "python3 - <<'PY'",
      "print('bash scripts/verify-d.sh')",
      'PY',
    ].join('\n');
    expect(runsOf(body)).toEqual([`scripts/verify-c.sh@${line(7)}`]);
  });
});

describe('shellRuns, the function other readers share', () => {
  it('takes shell text and returns each run with its expanded program, its arguments and its position', () => {
    const runs = shellRuns('set -e\nbash -c "bash scripts/verify-m053-s02.sh --fast"\n', { file: '.github/workflows/ci.yml' });
    expect(runs).toEqual([{ program: 'scripts/verify-m053-s02.sh', word: 'scripts/verify-m053-s02.sh', args: ['--fast'], at: { file: '.github/workflows/ci.yml', line: 2, column: 15 } }]);
  });
});

describe('the working folder', () => {
  it('`cd "$(dirname "${BASH_SOURCE[0]}")/.."` is the repo root; a `cd` the text cannot follow makes relative runs unknown', () => {
    const repo = tempRepo(
      {
        'scripts/verify-a.sh': '#!/usr/bin/env bash\n',
        'scripts/lib/common.sh': 'run_a() { bash scripts/verify-a.sh; }\n',
        'scripts/verify-main.sh': [
          '#!/usr/bin/env bash',
          'cd "$(dirname "${BASH_SOURCE[0]}")/.."',
          'source scripts/lib/common.sh',
          'run_a',
          'cd "$WORK_DIR"',
          'bash scripts/verify-a.sh',
          '',
        ].join('\n'),
      },
      { git: true },
    );
    const reading = readScript(repo, 'scripts/verify-main.sh');
    expect(reading.sourced).toEqual(['scripts/lib/common.sh']);
    expect(reading.runs.map((run) => `${run.target}@${run.at.file}:${run.at.line}`)).toEqual(['scripts/verify-a.sh@scripts/lib/common.sh:1']);
  });
});
