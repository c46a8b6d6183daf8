/**
 * Arguments shown to a verify script are checked against its argument handling, read with the
 * shell parser (resolvers/script-args.ts). Shapes of the real scripts, written anew.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scriptResolver } from '../src/gate/resolvers/script.ts';
import { loadShellParser } from '../src/gate/shell/parse-line.ts';
import type { Diagnostic } from '../src/core/types.ts';
import { commandOf } from './helpers/parse-commands.ts';
import { contextFor, removeTempDirs, tempRepo } from './helpers/temp-repo.ts';

beforeAll(loadShellParser);
afterAll(removeTempDirs);

const repo = tempRepo(
  {
    // Read-only inspection: only --help/-h.
    'scripts/verify-fly.sh': [
      '#!/usr/bin/env bash',
      'usage() { echo "usage: bash scripts/verify-fly.sh [--help]"; }',
      'if [[ "${1:-}" == "--help" || "${1:-}" == "-h" ]]; then',
      '  usage',
      '  exit 0',
      'fi',
      'if [[ $# -ne 0 ]]; then',
      '  usage >&2',
      '  exit 1',
      'fi',
      '',
    ].join('\n'),
    // A phase chosen by its first argument, through a variable.
    'scripts/verify-editor.sh': [
      '#!/usr/bin/env bash',
      'PHASE="${1:-all}"',
      'case "$PHASE" in',
      '  syntax) echo s ;;',
      '  lsp) echo l ;;',
      '  all) echo a ;;',
      '  *) echo "unknown phase $PHASE" >&2; exit 2 ;;',
      'esac',
      '',
    ].join('\n'),
    // A while/case parser with a flag that takes a value, and one whose values a later case names.
    'scripts/verify-diff.sh': [
      '#!/usr/bin/env bash',
      'MODE=""',
      'while [[ $# -gt 0 ]]; do',
      '  case "$1" in',
      '    --staged) MODE=staged; shift ;;',
      '    --fix) FIX=1; shift ;;',
      '    --range) RANGE="$2"; shift 2 ;;',
      '    -h|--help) echo usage; exit 0 ;;',
      '    *) echo "unknown: $1" >&2; exit 2 ;;',
      '  esac',
      'done',
      '',
    ].join('\n'),
    // A helper that takes the arguments: `--stop-after <phase>`, its values named by a later case.
    'scripts/verify-stop.sh': [
      '#!/usr/bin/env bash',
      'parse_args() {',
      '  local phase=""',
      '  if [[ "$#" -gt 0 ]]; then',
      '    if [[ "$#" -ne 2 || "$1" != "--stop-after" ]]; then exit 64; fi',
      '    phase="$2"',
      '  fi',
      '  case "$phase" in',
      '    "") STOP="" ;;',
      '    remote-evidence) STOP="$phase" ;;',
      '    *) exit 64 ;;',
      '  esac',
      '}',
      'parse_args "$@"',
      '',
    ].join('\n'),
    'scripts/verify-getopts.sh': '#!/usr/bin/env bash\nwhile getopts "vn:" opt; do case "$opt" in v) V=1 ;; n) N="$OPTARG" ;; esac; done\n',
    // Arguments handed to embedded Python: the gate cannot read how they are taken.
    'scripts/verify-python.sh': "#!/usr/bin/env bash\npython3 - \"$@\" <<'PY'\nimport argparse\nPY\n",
    'scripts/verify-plain.sh': '#!/usr/bin/env bash\necho "no arguments here"\n',
  },
  { git: true },
);

function resolve(text: string): Diagnostic[] {
  return scriptResolver.resolve(commandOf(text), contextFor(repo));
}
const brief = (ds: Diagnostic[]) => ds.map((d) => `${d.code}@${d.position.column}: ${d.suggestion}`);

describe('flags', () => {
  it('accepts what the script takes', () => {
    expect(resolve('bash scripts/verify-fly.sh --help')).toEqual([]);
    expect(resolve('bash scripts/verify-fly.sh -h')).toEqual([]);
    expect(resolve('bash scripts/verify-diff.sh --staged --fix')).toEqual([]);
    expect(resolve('bash scripts/verify-diff.sh --range main...HEAD')).toEqual([]);
    expect(resolve('bash scripts/verify-getopts.sh -v -n node-a')).toEqual([]);
    expect(resolve('bash scripts/verify-stop.sh --stop-after remote-evidence')).toEqual([]);
  });

  it('a flag the script does not take: --dry-run to a script that takes only --help/-h', () => {
    const found = resolve('bash scripts/verify-fly.sh --dry-run');
    expect(found.map((d) => d.code)).toEqual(['script-unknown-flag']);
    expect(found[0]!.message).toBe('The script scripts/verify-fly.sh does not take --dry-run (it takes --help, -h).');
    expect(brief(resolve('bash scripts/verify-diff.sh --stagged'))).toEqual(['script-unknown-flag@29: did you mean --staged?']);
    expect(brief(resolve('bash scripts/verify-plain.sh --help'))).toEqual([
      'script-no-help@30: add a --help case to scripts/verify-plain.sh that prints its usage, or stop showing --help',
    ]);
  });

  it('a bad value of an option whose values the script knows, and a missing one', () => {
    expect(brief(resolve('bash scripts/verify-stop.sh --stop-after remote-evidense'))).toEqual(['script-bad-value@42: did you mean remote-evidence?']);
    expect(resolve('bash scripts/verify-diff.sh --range').map((d) => d.code)).toEqual(['script-bad-value']);
  });
});

describe('positional values', () => {
  it('an enumerated value with did-you-mean; a script that takes none', () => {
    expect(resolve('bash scripts/verify-editor.sh lsp')).toEqual([]);
    expect(brief(resolve('bash scripts/verify-editor.sh lps'))).toEqual(['script-bad-value@31: did you mean lsp?']);
    expect(resolve('bash scripts/verify-plain.sh now').map((d) => d.code)).toEqual(['script-unknown-arg']);
    expect(resolve('bash scripts/verify-fly.sh extra').map((d) => d.code)).toEqual(['script-unknown-arg']);
  });
});

describe('argument handling the gate cannot read', () => {
  it('fails closed on any argument shown, and says where', () => {
    const found = resolve('bash scripts/verify-python.sh --limit 3');
    expect(found.map((d) => d.code)).toEqual(['script-args-unread']);
    expect(found[0]!.message).toContain('scripts/verify-python.sh:2 hands its arguments to python3');
    expect(resolve('bash scripts/verify-python.sh')).toEqual([]);
  });
});
