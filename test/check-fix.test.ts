/**
 * `npm run check -- --fix`: certain fixes only, as exact edits of rails.yaml. The end-to-end
 * case breaks the site's own rails.yaml in each certain way and expects --fix to give back the
 * original file byte for byte (every comment and untouched line included), with a green gate.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { addToRailList, appendRail, removeFromRailList, replaceScalarAt, setRailScalar } from '../src/authoring/yaml-edit.ts';
import { certainMatch } from '../src/core/did-you-mean.ts';
import { projectRoot } from './helpers/site-fixture.ts';
import { runCheck } from './helpers/run-check.ts';

const SITE_RAILS = readFileSync(path.join(projectRoot, 'src/data/rails.yaml'), 'utf8');

const check = (...args: string[]) => runCheck(args, { env: { GITHUB_ACTIONS: '' } });

function tempRails(text: string): { file: string; json: string } {
  const folder = mkdtempSync(path.join(tmpdir(), 'mesh-fix-'));
  const file = path.join(folder, 'rails.yaml');
  writeFileSync(file, text);
  return { file, json: path.join(folder, 'report.json') };
}

/** Replaces exactly one occurrence, so a test cannot silently break nothing. */
function once(text: string, from: string, to: string): string {
  const at = text.indexOf(from);
  if (at < 0 || text.indexOf(from, at + 1) >= 0) throw new Error(`expected exactly one ${JSON.stringify(from)}`);
  return text.slice(0, at) + to + text.slice(at + from.length);
}

const RAILS = `# top comment
rails:
  # the first rail
  - id: a
    tier: public
    label: A
    summary: "First."
    steps:
      - bash scripts/verify-a.sh
    # results come next
    results: '.tmp/a/verify/'
    failureMaps: [p]

  - id: b
    tier: public
    label: B # trailing comment
    summary: Second.
    steps: [bash scripts/verify-b.sh]
    runs:
      - a
      - c
    failureMaps: [p]
operatorWorkflow: []
`;

describe('exact edits of rails.yaml', () => {
  it('adds a runs key where the schema order puts it, above the comment of the key after it', () => {
    const edit = addToRailList(RAILS, 'a', 'runs', 'b');
    expect(edit).toEqual({ ok: true, text: once(RAILS, '    # results come next\n', '    runs: [b]\n    # results come next\n') });
  });

  it('appends to block and flow lists with their own style', () => {
    const block = addToRailList(RAILS, 'b', 'runs', 'd');
    expect(block).toEqual({ ok: true, text: once(RAILS, '      - c\n', '      - c\n      - d\n') });
    const flow = addToRailList(once(RAILS, '    runs:\n      - a\n      - c\n', '    runs: [a]\n'), 'b', 'runs', 'c');
    expect(flow.ok && flow.text).toBe(once(RAILS, '    runs:\n      - a\n      - c\n', '    runs: [a, c]\n'));
    const empty = addToRailList(once(RAILS, '    runs:\n      - a\n      - c\n', '    runs: []\n'), 'b', 'runs', 'c');
    expect(empty.ok && empty.text).toBe(once(RAILS, '    runs:\n      - a\n      - c\n', '    runs: [c]\n'));
  });

  it('removes one entry, or leaves `runs: []` for the last one', () => {
    expect(removeFromRailList(RAILS, 'b', 'runs', 'c')).toEqual({ ok: true, text: once(RAILS, '      - c\n', '') });
    const one = removeFromRailList(once(RAILS, '      - c\n', ''), 'b', 'runs', 'a');
    expect(one.ok && one.text).toBe(once(RAILS, '    runs:\n      - a\n      - c\n', '    runs: []\n'));
    const flow = removeFromRailList(once(RAILS, '    runs:\n      - a\n      - c\n', '    runs: [a, c, d]\n'), 'b', 'runs', 'c');
    expect(flow.ok && flow.text).toBe(once(RAILS, '    runs:\n      - a\n      - c\n', '    runs: [a, d]\n'));
  });

  it('replaces a value in its own quoting, or adds the key', () => {
    expect(setRailScalar(RAILS, 'a', 'results', '.tmp/a/fly/')).toEqual({ ok: true, text: once(RAILS, "'.tmp/a/verify/'", "'.tmp/a/fly/'") });
    const added = setRailScalar(RAILS, 'b', 'results', '.tmp/b/verify/');
    expect(added.ok && added.text).toBe(once(RAILS, '    failureMaps: [p]\noperatorWorkflow', '    results: .tmp/b/verify/\n    failureMaps: [p]\noperatorWorkflow'));
    expect(replaceScalarAt(RAILS, ['rails', 1, 'runs', 1], 'c', 'a2')).toEqual({ ok: true, text: once(RAILS, '      - c\n', '      - a2\n') });
  });

  it('refuses what it cannot make certain, with the reason', () => {
    expect(replaceScalarAt(RAILS, ['rails', 1, 'runs', 1], 'x', 'y')).toMatchObject({ ok: false, reason: expect.stringContaining('no longer reads x') });
    expect(addToRailList(RAILS, 'zz', 'runs', 'a')).toMatchObject({ ok: false, reason: 'no rail has the id zz' });
    const flowRail = 'rails:\n  - {id: a, tier: public, label: A, summary: S, steps: [x]}\n';
    expect(addToRailList(flowRail, 'a', 'runs', 'b')).toMatchObject({ ok: false, reason: expect.stringContaining('flow style') });
    expect(addToRailList('rails: [\n', 'a', 'runs', 'b')).toMatchObject({ ok: false, reason: expect.stringContaining('does not parse') });
  });

  it('appends a rail rendered by the YAML library, leaving the rest byte for byte', () => {
    const edit = appendRail(RAILS, { id: 'c', tier: 'public', label: 'C: colon', summary: 'S', steps: ['bash scripts/verify-c.sh'] }, ['made by a test']);
    expect(edit.ok).toBe(true);
    const text = edit.ok ? edit.text : '';
    expect(text.startsWith(RAILS.slice(0, RAILS.indexOf('operatorWorkflow')))).toBe(true);
    expect(text).toContain('\n  # made by a test\n  - id: c\n    tier: public\n    label: "C: colon"\n');
    expect(text.endsWith('operatorWorkflow: []\n')).toBe(true);
  });
});

describe('a certain did-you-mean', () => {
  it('takes one near name, never a tie or a far one', () => {
    expect(certainMatch('distributed-prof', ['distributed-proof', 'clustered-example'])).toBe('distributed-proof');
    expect(certainMatch('m047-s0', ['m047-s04', 'm047-s05', 'm047-s06'])).toBeUndefined();
    expect(certainMatch('m04-s04', ['m047-s04', 'm046-s04'])).toBeUndefined();
    expect(certainMatch('abc', ['xyz'])).toBeUndefined();
  });
});

describe('npm run check -- --fix', () => {
  // Each certain kind, on the site's own rails.yaml: an unlisted run, a run the script never
  // makes, a results folder the script does not name, and a mistyped page id.
  const broken = [
    (text: string) => once(text, '    runs: [m053-s01]\n', ''),
    (text: string) => once(text, '    runs: [m047-s05]\n', '    runs: [m047-s05, m045-s03]\n'),
    (text: string) => once(text, '    results: .tmp/m045-s04/verify/\n', '    results: .tmp/m045-s04/verfy/\n'),
    (text: string) => once(text, '    results: .tmp/m053-s01/verify/\n    failureMaps: [distributed-proof]', '    results: .tmp/m053-s01/verify/\n    failureMaps: [distributed-prof]'),
  ].reduce((text, breakIt) => breakIt(text), SITE_RAILS);

  it('turns the gate green and gives back the original file byte for byte', () => {
    const { file, json } = tempRails(broken);
    const before = check('--rails', file, '--json', json);
    expect(before.code).toBe(1);
    const { code, out } = check('--rails', file, '--json', json, '--fix');
    expect(out).toContain(`docs gate --fix: replace distributed-prof with distributed-proof at rails.0.failureMaps.0`);
    expect(out).toContain('docs gate --fix: add m053-s01 to runs of m053-s02');
    expect(out).toContain('docs gate --fix: remove m045-s03 from runs of m047-s06');
    expect(out).toContain('docs gate --fix: set results of m045-s04 to .tmp/m045-s04/verify/');
    expect(out).toMatch(/^-    results: \.tmp\/m045-s04\/verfy\/$/m);
    expect(out).toMatch(/^\+    results: \.tmp\/m045-s04\/verify\/$/m);
    expect(out).toMatch(/^docs-truth gate: ok/m);
    expect(code).toBe(0);
    expect(readFileSync(file, 'utf8')).toBe(SITE_RAILS);
  });

  it('--dry-run shows the diff and writes nothing', () => {
    const { file, json } = tempRails(broken);
    const { code, out } = check('--rails', file, '--json', json, '--fix', '--dry-run');
    expect(out).toMatch(/^\+    failureMaps: \[distributed-proof\]$/m);
    expect(out).toContain('1 fix(es) shown');
    expect(code).toBe(1);
    expect(readFileSync(file, 'utf8')).toBe(broken);
  });

  it('leaves an uncertain fix alone: a rail id as near to two rails stays a finding', () => {
    const ambiguous = once(SITE_RAILS, '    runs: [m047-s05]\n', '    runs: [m047-s0]\n');
    const { file, json } = tempRails(ambiguous);
    const { code, out } = check('--rails', file, '--json', json, '--fix');
    expect(out).toMatch(/error yaml-unknown-rail `m047-s0`/);
    expect(out).toContain('no certain fix to apply');
    expect(code).toBe(1);
    expect(readFileSync(file, 'utf8')).toBe(ambiguous);
  });

  it('--dry-run without --fix is a usage error', () => {
    const { code, out } = check('--dry-run');
    expect(code).toBe(2);
    expect(out).toContain('--dry-run goes with --fix');
  });
});
