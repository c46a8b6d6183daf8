/**
 * Relations that cannot drift: the gate reads what each rail script really runs (with the
 * shell parser) and what results folder it writes, and fails when the YAML disagrees, naming
 * both places. The bundled sample has the real scripts' shapes.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runGateAndReport } from '../src/gate/cli.ts';
import { expandWord } from '../src/gate/relations/expand.ts';
import { rootTable } from '../src/gate/relations/roots.ts';
import { runGate } from '../src/gate/run.ts';
import type { Diagnostic, SourcePosition } from '../src/core/types.ts';
import { locate } from './helpers/locate.ts';
import { sampleRepoCopy } from './helpers/sample-repo-copy.ts';
import { copySite, projectRoot } from './helpers/site-fixture.ts';
import { gateConfig, withConfig } from './helpers/gate-config.ts';

const RAILS = 'src/data/rails.yaml';
/**
 * file:line:col; a script of a temp checkout (named from the site root: `../…/mesh-lang/…`, or
 * absolute when the checkout lies elsewhere) is shown relative to that checkout.
 */
const at = (p: SourcePosition | undefined) => (p ? `${p.file.replace(/^(?:\/|\.\.\/).*?\/mesh-lang\//, '')}:${p.line}:${p.column}` : undefined);


async function relationFindings(repoRoot: string, siteRoot = projectRoot): Promise<Diagnostic[]> {
  const result = await runGate(gateConfig({ siteRoot, repoRoot, env: {} }));
  return result.diagnostics.filter((d) => d.code.startsWith('relation-') || d.code === 'results-mismatch');
}

describe('relations read from the bundled sample scripts', () => {
  it('match the YAML: each run found in its real shape, mentions and copies ignored', async () => {
    const repo = sampleRepoCopy();
    const result = await runGate(gateConfig({ siteRoot: projectRoot, repoRoot: repo.root, env: {} }));
    expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const read = (id: string) => result.relations!.byRail.get(id)!.read.map((r) => `${r.rail}@${at(r.at)}`);
    // A helper taking the command on a `\` continuation line; the `cp` of the same script does not count.
    expect(read('m053-s02')).toEqual([`m053-s01@${locate(repo.root, 'scripts/verify-m053-s02.sh', 'scripts/verify-m053-s01.sh', 'run_nested_m053_s01_contract m053')}`]);
    // `bash "$S04_VERIFIER"`, the variable assigned from "$ROOT_DIR/scripts/verify-m047-s04.sh" earlier.
    expect(read('m047-s05')).toEqual([`m047-s04@${locate(repo.root, 'scripts/verify-m047-s05.sh', '"$S04_VERIFIER"', 'cutover_rail')}`]);
    // Trailing words of a helper; the grep pattern and the Python heredoc naming S04 do not count.
    expect(read('m047-s06')).toEqual([`m047-s05@${locate(repo.root, 'scripts/verify-m047-s06.sh', 'scripts/verify-m047-s05.sh')}`]);
    // Inside a sourced helper file.
    expect(read('m045-s03')).toEqual([`m044-s04@${locate(repo.root, 'scripts/lib/m045-failover.sh', '"$ROOT_DIR/scripts/verify-m044-s04.sh"')}`]);
    // Five compatibility aliases replay the M047 cutover rail.
    const aliases = result.model!.rails.filter((rail) => result.relations!.byRail.get(rail.id)!.read.some((r) => r.rail === 'm047-s04'));
    expect(aliases.map((rail) => rail.id).sort()).toEqual(['m045-s04', 'm045-s05', 'm046-s04', 'm046-s05', 'm046-s06', 'm047-s05']);
    // Only mentions (an echo, help text): no relation.
    expect(read('m053-s03')).toEqual([]);
    expect(read('production-proof-surface')).toEqual([]);
    expect(result.relations!.byRail.get('m047-s04')!.runBy.sort()).toEqual(['m045-s04', 'm045-s05', 'm046-s04', 'm046-s05', 'm046-s06', 'm047-s05']);
  });

  it('reads the results folder through variables, env defaults and the Fly folder', async () => {
    const repo = sampleRepoCopy();
    const result = await runGate(gateConfig({ siteRoot: projectRoot, repoRoot: repo.root, env: {} }));
    const folders = (id: string) => result.relations!.byRail.get(id)!.resultsFolders.map((w) => w.folder);
    expect(folders('m053-s01')).toEqual(['.tmp/m053-s01/verify']); // ARTIFACT_ROOT then "$ARTIFACT_ROOT/verify"
    expect(folders('m053-s03')).toEqual(['.tmp/m053-s03/verify']); // "${M053_S03_VERIFY_ROOT:-$ROOT_DIR/...}"
    expect(folders('m044-s04')).toEqual(['.tmp/m044-s04/verify']);
    expect(folders('m043-s04-fly')).toEqual(['.tmp/m043-s04/fly']);
    expect(folders('production-proof-surface')).toEqual([]);
  });
});

describe('the two-repo wrapper shape', () => {
  it('a script delegating to the product repo runs that repo\'s rail, and its results folder there is that rail\'s', async () => {
    const repo = sampleRepoCopy();
    writeFileSync(
      path.join(repo.root, 'scripts/lib/m055-workspace.sh'),
      'm055_resolve_hyperpush_root() {\n  local root="${M055_HYPERPUSH_ROOT:-$ROOT_DIR/../hyperpush-mono}"\n  (cd "$root" && pwd)\n}\n',
    );
    repo.edit('scripts/verify-m051-s01.sh', () =>
      [
        '#!/usr/bin/env bash',
        'set -euo pipefail',
        'ROOT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"',
        'source "$ROOT_DIR/scripts/lib/m055-workspace.sh"',
        'HYPERPUSH_ROOT="$(m055_resolve_hyperpush_root)"',
        'VERIFY_DIR="$HYPERPUSH_ROOT/.tmp/m051-s01/verify"',
        'DELEGATED_VERIFIER="$HYPERPUSH_ROOT/mesher/scripts/verify-maintainer-surface.sh"',
        'mkdir -p "$VERIFY_DIR"',
        'bash "$DELEGATED_VERIFIER"',
        '',
      ].join('\n'),
    );
    execFileSync('git', ['add', '-A'], { cwd: repo.root });
    repo.commit();
    const result = await runGate(gateConfig({ siteRoot: projectRoot, repoRoot: repo.root, env: {} }));
    const relations = result.relations!.byRail.get('m051-s01')!;
    // `bash "$DELEGATED_VERIFIER"` at its own line, the variable read through rails.yaml's rootVars.
    expect(relations.read).toEqual([{ rail: 'mesher-maintainer', at: { file: 'scripts/verify-m051-s01.sh', line: 9, column: 6 } }]);
    expect(relations.resultsFolders.map((w) => `${w.repo}:${w.folder}`)).toEqual(['hyperpush-mono:.tmp/m051-s01/verify']);
    expect(result.relations!.byRail.get('mesher-maintainer')!.runBy).toEqual(['m051-s01']);
    expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  });

  it('a root variable computed from another root still means its repo', async () => {
    const repo = sampleRepoCopy();
    repo.edit('scripts/verify-m051-s01.sh', () =>
      ['#!/usr/bin/env bash', 'ROOT_DIR="$(cd "$(dirname "$0")/.." && pwd)"', 'HYPERPUSH_ROOT="$ROOT_DIR/../hyperpush-mono"', 'bash "$HYPERPUSH_ROOT/mesher/scripts/verify-maintainer-surface.sh"', ''].join('\n'),
    );
    repo.commit();
    const result = await runGate(gateConfig({ siteRoot: projectRoot, repoRoot: repo.root, env: {} }));
    expect(result.relations!.byRail.get('m051-s01')!.read.map((r) => r.rail)).toEqual(['mesher-maintainer']);
    expect(result.diagnostics.filter((d) => d.code === 'relation-not-run')).toEqual([]);
  });
});

describe('a disagreement fails the gate and names both places', () => {
  it('a `runs` entry the script does not run (it only echoes it)', async () => {
    const repo = sampleRepoCopy();
    repo.edit('scripts/verify-m053-s02.sh', (text) =>
      text.replace('run_nested_m053_s01_contract m053-s01-contract m053-s01-contract 3600 \\\n    bash scripts/verify-m053-s01.sh', 'echo "replay with: bash scripts/verify-m053-s01.sh"'),
    );
    repo.commit();
    const [finding, ...rest] = await relationFindings(repo.root);
    expect(rest).toEqual([]);
    expect(finding).toMatchObject({ code: 'relation-not-run', severity: 'error', subject: 'm053-s01' });
    expect(at(finding!.position)).toBe(locate(projectRoot, RAILS, 'm053-s01', 'runs: [m053-s01]'));
    expect(at(finding!.related)).toBe('scripts/verify-m053-s02.sh:1:1');
  });

  it('a rail the script runs that `runs` does not list', async () => {
    const repo = sampleRepoCopy();
    repo.edit('scripts/verify-m053-s03.sh', (text) => text.replace('build_docs() {\n', 'build_docs() {\n  bash "$ROOT_DIR/scripts/verify-m053-s01.sh"\n'));
    repo.commit();
    const [finding, ...rest] = await relationFindings(repo.root);
    expect(rest).toEqual([]);
    expect(finding).toMatchObject({ code: 'relation-unlisted', subject: 'm053-s01' });
    expect(at(finding!.position)).toBe(locate(projectRoot, RAILS, 'id: m053-s03').replace(/:\d+$/, ':9')); // the rail's id value
    expect(at(finding!.related)).toBe(locate(repo.root, 'scripts/verify-m053-s03.sh', '"$ROOT_DIR/scripts/verify-m053-s01.sh"'));
  });

  it('a cycle through the scripts, and a rail that runs itself', async () => {
    const repo = sampleRepoCopy();
    repo.edit('scripts/verify-m047-s04.sh', (text) => text.replace('source_first_contract() {\n', 'source_first_contract() {\n  bash scripts/verify-m047-s06.sh\n'));
    repo.edit('scripts/verify-m053-s01.sh', (text) => text.replace('staged_deploy() {\n', 'staged_deploy() {\n  run_expect_success again again no 60 bash scripts/verify-m053-s01.sh\n'));
    repo.commit();
    const cycles = (await relationFindings(repo.root)).filter((d) => d.code === 'relation-cycle');
    expect(cycles.map((d) => d.subject).sort()).toEqual(['m047-s04 -> m047-s06 -> m047-s05 -> m047-s04', 'm053-s01 -> m053-s01']);
    const self = cycles.find((d) => d.subject.startsWith('m053-s01'))!;
    expect(self.message).toBe('Rail m053-s01 runs itself');
    expect(at(self.related)).toBe(locate(repo.root, 'scripts/verify-m053-s01.sh', 'scripts/verify-m053-s01.sh', 'run_expect_success again'));
    const loop = cycles.find((d) => d.subject.startsWith('m047-s04'))!;
    expect(at(loop.related)).toBe(locate(repo.root, 'scripts/verify-m047-s04.sh', 'scripts/verify-m047-s06.sh'));
  });

  it('a cycle declared in the YAML alone', async () => {
    const site = copySite();
    const file = path.join(site, RAILS);
    writeFileSync(file, readFileSync(file, 'utf8').replace('    runs: [m047-s04]\n    results: .tmp/m047-s05/verify/', '    runs: [m047-s04, m047-s05]\n    results: .tmp/m047-s05/verify/'));
    const found = await relationFindings(sampleRepoCopy().root, site);
    const cycle = found.find((d) => d.code === 'relation-cycle');
    expect(cycle).toMatchObject({ subject: 'm047-s05 -> m047-s05', message: 'Rail m047-s05 runs itself' });
    expect(at(cycle!.position)).toBe(locate(site, RAILS, 'm047-s05]', 'runs: [m047-s04, m047-s05]'));
  });

  it('`runs` on a rail without a script to read', async () => {
    const site = copySite();
    const file = path.join(site, RAILS);
    writeFileSync(file, readFileSync(file, 'utf8').replace('      - cargo test -p meshc --test e2e_m047_s07 -- --nocapture\n', '      - cargo test -p meshc --test e2e_m047_s07 -- --nocapture\n    runs: [m047-s04]\n'));
    const [finding, ...rest] = await relationFindings(sampleRepoCopy().root, site);
    expect(rest).toEqual([]);
    expect(finding).toMatchObject({ code: 'relation-not-run', subject: 'm047-s04' });
    expect(finding!.message).toContain('has no tracked script the gate can read');
    expect(at(finding!.position)).toBe(locate(site, RAILS, 'm047-s04]', 'e2e_m047_s07'));
  });

  it('a results folder the script does not write', async () => {
    const repo = sampleRepoCopy();
    repo.edit('scripts/verify-m053-s01.sh', (text) => text.replace('ARTIFACT_ROOT=".tmp/m053-s01"', 'ARTIFACT_ROOT=".tmp/m053-s01-staged"'));
    repo.commit();
    const [finding, ...rest] = await relationFindings(repo.root);
    expect(rest).toEqual([]);
    expect(finding).toMatchObject({ code: 'results-mismatch', subject: '.tmp/m053-s01/verify/' });
    expect(finding!.message).toContain('.tmp/m053-s01-staged/verify/');
    expect(at(finding!.position)).toBe(locate(projectRoot, RAILS, '.tmp/m053-s01/verify/'));
    expect(at(finding!.related)).toBe(locate(repo.root, 'scripts/verify-m053-s01.sh', 'ARTIFACT_DIR='));
  });

  it('a declared results folder of another shape counts when the script names it', async () => {
    const site = copySite();
    const yaml = path.join(site, RAILS);
    writeFileSync(yaml, readFileSync(yaml, 'utf8').replace('results: .tmp/m053-s01/verify/', 'results: .tmp/m053-s01/artifacts/'));
    const repo = sampleRepoCopy();
    const named = await relationFindings(repo.root, site);
    expect(named.map((d) => `${d.code} ${d.subject}`)).toEqual(['results-mismatch .tmp/m053-s01/artifacts/']);
    repo.edit('scripts/verify-m053-s01.sh', (text) => `${text}\nmkdir -p "$ROOT_DIR/.tmp/m053-s01/artifacts"\n`);
    repo.commit();
    expect(await relationFindings(repo.root, site)).toEqual([]);
  });
});

describe('verify scripts not on the map', () => {
  it('are one warning each in the JSON report, one terminal line, and errors with --strict', async () => {
    const repo = sampleRepoCopy();
    const lines: string[] = [];
    const json = path.join(repo.root, 'report.json');
    const relaxed = await runGateAndReport(withConfig({ siteRoot: projectRoot, repoRoot: repo.root, env: {}, jsonReport: json, print: (l) => lines.push(l) }));
    expect(relaxed.errors).toBe(0);
    const report = JSON.parse(readFileSync(json, 'utf8'));
    const listed = report.diagnostics.filter((d: { code: string }) => d.code === 'map-not-listed').map((d: { subject: string }) => d.subject);
    expect(listed).toEqual(['scripts/verify-m048-s01.sh', 'scripts/verify-m049-s02.sh', 'scripts/verify-m052-s01.sh']);
    expect(lines.filter((l) => l.includes('map-not-listed'))).toHaveLength(1);
    expect(lines.at(-1)).toMatch(/^docs-truth gate: ok, 3 not on the map, 14 not run by CI \(/);

    const strict = await runGateAndReport(withConfig({ siteRoot: projectRoot, repoRoot: repo.root, env: {}, strict: true, print: () => {} }));
    // Strict fails on every soft finding: the 3 scripts off the map and the 14 rails no workflow runs.
    expect(strict.errors).toBe(3 + 14);
  });
});

describe('expanding a script word from the variables assigned before it', () => {
  const vars = new Map<string, string | undefined>([
    ['ARTIFACT_ROOT', '.tmp/m053-s01'],
    ['UNKNOWN', undefined],
    ['EMPTY', ''],
  ]);
  it('expands $X, ${X}, defaults and root variables; anything the shell alone knows is unknown', () => {
    expect(expandWord('$ARTIFACT_ROOT/verify', vars)).toBe('.tmp/m053-s01/verify');
    expect(expandWord('${ARTIFACT_ROOT}/verify', vars)).toBe('.tmp/m053-s01/verify');
    expect(expandWord('${M053_S03_VERIFY_ROOT:-$ROOT_DIR/.tmp/m053-s03/verify}', vars)).toBe('<self>/.tmp/m053-s03/verify');
    expect(expandWord('${ARTIFACT_DIR:-${ARTIFACT_ROOT}/verify}', vars)).toBe('.tmp/m053-s01/verify');
    expect(expandWord('${EMPTY:-x}', vars)).toBe('x');
    expect(expandWord('${EMPTY-x}', vars)).toBe('');
    const roots = rootTable([{ id: 'hyperpush-mono', rootVars: ['HYPERPUSH_ROOT'] }]);
    expect(expandWord('$HYPERPUSH_ROOT/mesher/scripts/verify-maintainer-surface.sh', vars, roots)).toBe('<hyperpush-mono>/mesher/scripts/verify-maintainer-surface.sh');
    // Without rails.yaml's repos the variable is unknown, not the Mesh repo.
    expect(expandWord('$HYPERPUSH_ROOT/x', vars)).toBeUndefined();
    expect(expandWord('$UNKNOWN/x', vars)).toBeUndefined();
    expect(expandWord('$NEVER_SET/x', vars)).toBeUndefined();
    expect(expandWord('$(pwd)/x', vars)).toBeUndefined();
    expect(expandWord('${BASH_SOURCE[0]}', vars)).toBeUndefined();
  });
});
