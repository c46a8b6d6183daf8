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

/**
 * A helper called again in the state of an earlier call is not walked again: its effects are
 * replayed (call-memo.ts). Each case changes one thing the walk depends on between two calls,
 * so a replay that missed it would give the earlier call's answer.
 */
describe('helper calls: the same answer as walking the body at every call', () => {
  const programs = (text: string, options: Parameters<typeof shellRuns>[1] = {}) => shellRuns(text, options).map((run) => `${run.program ?? '?'}@${run.at.line}`);

  it('a variable the helper reads changes between calls', () => {
    const text = ['run_it() { bash "scripts/$NAME.sh"; }', 'NAME=a', 'run_it', 'NAME=b', 'run_it', 'NAME=a', 'run_it', 'unset_it=1', 'run_it'].join('\n');
    expect(programs(text)).toEqual(['scripts/a.sh@1', 'scripts/b.sh@1', 'scripts/a.sh@1', 'scripts/a.sh@1']);
  });

  it('a helper called in `$(...)` reads the variable from outside each time (its own `local` is undone with the child shell)', () => {
    const text = ['pick() { local name="$CHOICE"; bash "scripts/$name.sh"; }', 'CHOICE=a', 'x=$(pick)', 'CHOICE=b', 'y=$(pick)', 'name=c', 'z=$(pick)'].join('\n');
    expect(programs(text)).toEqual(['scripts/a.sh@1', 'scripts/b.sh@1', 'scripts/b.sh@1']);
  });

  it('a variable a child shell inside the helper changed and undid is read from outside again', () => {
    const text = ['f() { (NAME=z; bash "scripts/$NAME.sh"); bash "scripts/$NAME.sh"; }', 'NAME=a', 'f', 'NAME=b', 'f'].join('\n');
    expect(programs(text)).toEqual(['scripts/z.sh@1', 'scripts/a.sh@1', 'scripts/z.sh@1', 'scripts/b.sh@1']);
  });

  it('the working folder differs, and a `cd` inside the helper carries out of it on a replay too', () => {
    const text = ['into_sub() { cd sub; }', 'cd /one', 'into_sub', 'bash x.sh', 'cd /two', 'into_sub', 'bash x.sh', 'cd /one', 'into_sub', 'bash x.sh'].join('\n');
    expect(programs(text)).toEqual(['/one/sub/x.sh@4', '/two/sub/x.sh@7', '/one/sub/x.sh@10']);
  });

  it('what the helper assigns is assigned again on a replay', () => {
    const text = ['set_it() { TARGET=scripts/c.sh; }', 'set_it', 'bash "$TARGET"', 'TARGET=scripts/d.sh', 'bash "$TARGET"', 'set_it', 'bash "$TARGET"'].join('\n');
    expect(programs(text)).toEqual(['scripts/c.sh@3', 'scripts/d.sh@5', 'scripts/c.sh@7']);
  });

  it('a function it calls is defined anew between calls', () => {
    const text = ['f() { bash a.sh; }', 'g() { f; }', 'g', 'f() { bash b.sh; }', 'g'].join('\n');
    expect(programs(text)).toEqual(['a.sh@1', 'b.sh@4']);
  });

  it('recursion stops at the body being read, call after call', () => {
    const text = ['f() { bash a.sh; f; }', 'f', 'f'].join('\n');
    expect(programs(text)).toEqual(['a.sh@1', 'a.sh@1']);
  });

  it('the callbacks hear a replayed call as they heard the first (results folders, commands, heredocs)', () => {
    const heard: string[] = [];
    const text = ['note() {', '  OUT="$ROOT/.tmp/x/verify"', '  mkdir -p "$OUT"', "  python3 - <<'PY'", 'print(1)', 'PY', '}', 'ROOT=/r', 'note', 'note', 'ROOT=/s', 'note'].join('\n');
    shellRuns(text, {
      onAssign: (name, value, at) => heard.push(`assign ${name}=${value}@${at.line}`),
      onCommand: (words) => heard.push(`command ${words.map((w) => w.value).join(' ')}@${words[0]!.at.line}`),
      onHeredoc: (body, program, at) => heard.push(`heredoc ${program} ${body.trim()}@${at.line}`),
    });
    const call = (root: string, line: number) => [`command note@${line}`, `assign OUT=${root}/.tmp/x/verify@2`, `command mkdir -p ${root}/.tmp/x/verify@3`, 'heredoc python3 print(1)@5', 'command python3@4'];
    expect(heard).toEqual(['assign ROOT=/r@8', ...call('/r', 9), ...call('/r', 10), 'assign ROOT=/s@11', ...call('/s', 12)]);
  });
});
