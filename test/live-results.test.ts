/**
 * Last results, only when real: retained results planted in a copy of the sample show on the
 * failure map and in proof-map.json as ok, failed at a named phase, running, absent or
 * unreadable; reads never leave the repo root; PROOF_RESULTS=off shows none and says so.
 */
import { mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { liveProofMap } from '../src/gate/cli.ts';
import { formatRailChain } from '../src/gate/report/rail-chain.ts';
import { runGate } from '../src/gate/run.ts';
import { type GateResult } from '../src/gate/report/gate-result.ts';
import { provenanceFromGate } from '../src/integrations/provenance.ts';
import { readRailResult } from '../src/rails/results.ts';
import type { ProofMap } from '../src/proof-map/map-schema.ts';
import { plantResults } from './helpers/plant-results.ts';
import { proofMapFixture } from './helpers/proof-map-fixture.ts';
import { sampleRepoCopy } from './helpers/sample-repo-copy.ts';
import { makeTempDir } from './helpers/temp-repo.ts';
import { committedSiteCopy, projectRoot } from './helpers/site-fixture.ts';
import { RESULTS_CHECKOUT, RESULTS_OFF, gateConfig, withConfig } from './helpers/gate-config.ts';

const RAN = new Date('2026-11-28T09:30:00Z');
const schema = z.fromJSONSchema(JSON.parse(readFileSync(path.join(projectRoot, 'schemas/proof-map.schema.json'), 'utf8')));

/** The five cases, planted in one copy of the sample. */
function plantFiveCases(root: string): void {
  plantResults(root, '.tmp/m047-s04/verify', { status: 'ok\n', phase: 'complete\n', phases: 'build-tiny-cluster\tpassed\ntest-tiny-cluster\tpassed\nsource-first-contract\tpassed\n', at: RAN });
  plantResults(root, '.tmp/m053-s01/verify', {
    status: 'failed\n',
    phase: 'staged-deploy\n',
    phases: 'generate-starter\tpassed\nbuild-starter\tpassed\napply-migrations\tpassed\nstaged-deploy\tfailed\n',
    bundle: '.tmp/m053-s01/proof-bundles/20261128T093000Z\n',
    at: RAN,
  });
  plantResults(root, '.tmp/m051-s02/verify', { status: 'running\n', phase: 'backend-replay\n', phases: '', at: RAN });
  // m053-s03: absent (no folder). m045-s05: malformed.
  plantResults(root, '.tmp/m045-s05/verify', { status: 'ok\n', phases: 'delegate-m047-s04 passed without a tab\n', at: RAN });
}

let gate: GateResult;
let map: ProofMap;
let page: string;

beforeAll(async () => {
  const repo = sampleRepoCopy();
  plantFiveCases(repo.root);
  gate = await runGate(gateConfig({ siteRoot: projectRoot, repoRoot: repo.root, env: {} }));
  map = liveProofMap(gate, RESULTS_CHECKOUT)!;
  const fixture = proofMapFixture(readFileSync(path.join(projectRoot, 'src/data/rails.yaml'), 'utf8'), [
    'distributed-proof.md',
    'clustered-example.md',
    'distributed-actors.md',
    'production-backend-proof.md',
  ]);
  fixture.options.provenance = provenanceFromGate(gate, RESULTS_CHECKOUT, RAN);
  page = await fixture.render('::failure-map', 'distributed-proof.md');
});

const row = (id: string) => page.match(new RegExp(`<tr>\\s*<td><h4 id="rail-${id}"[\\s\\S]*?</tr>`))?.[0] ?? '';
const lastResult = (id: string) => map.rails.find((rail) => rail.id === id)!.lastResult;

describe('each case on the failure map and in proof-map.json', () => {
  it('ok: status, date, phases', () => {
    expect(row('m047-s04')).toContain('<em class="proof-result proof-result-ok" title="Last result: ok, 2026-11-28">✓ last run ok</em>');
    // Compact: all passed, counted and named in one run of text.
    expect(row('m047-s04')).toContain('ran 2026-11-28 · phases: ✓ 3 passed (build-tiny-cluster, test-tiny-cluster, source-first-contract)');
    expect(lastResult('m047-s04')).toMatchObject({ state: 'ok', phase: 'complete', ranAt: '2026-11-28', reason: null, failedUpstream: [] });
  });

  it('failed at a named phase, with its bundle; the rail that runs it says its upstream failed', () => {
    expect(row('m053-s01')).toContain('>✗ last run failed in staged-deploy</em>');
    // The failing phase first, then the passed ones.
    expect(row('m053-s01')).toMatch(/ran 2026-11-28 · phases: ✗ <code>staged-deploy<\/code> failed, ✓ \d+ passed \(/);
    expect(row('m053-s01')).toContain('proof bundle: <code>.tmp/m053-s01/proof-bundles/20261128T093000Z</code>');
    expect(lastResult('m053-s01')).toMatchObject({ state: 'failed', phase: 'staged-deploy', bundle: '.tmp/m053-s01/proof-bundles/20261128T093000Z' });
    // proof-map.json speaks the page's marks (marks.ts), word for word.
    expect(lastResult('m053-s01').mark).toBe('✗ last run failed in staged-deploy');
    expect(lastResult('m053-s01').phases.at(-1)).toEqual({ name: 'staged-deploy', outcome: 'failed' });
    expect(row('m053-s02')).toContain('m053-s01, which this rail runs, failed its last run: rerun m053-s01 first');
    expect(lastResult('m053-s02')).toMatchObject({ state: 'not-run', failedUpstream: ['m053-s01'] });
  });

  it('running, with the phase in progress', () => {
    expect(row('m051-s02')).toContain('>◔ running in backend-replay</em>');
    expect(row('m051-s02')).toContain('started 2026-11-28');
    expect(lastResult('m051-s02')).toMatchObject({ state: 'running', phase: 'backend-replay', phases: [] });
  });

  it('absent: "not run here", never a pass', () => {
    expect(row('m053-s03')).toContain('>○ not run here</em>');
    expect(row('m053-s03')).not.toContain('ran ');
    expect(lastResult('m053-s03')).toMatchObject({ state: 'not-run', ranAt: null, folder: '.tmp/m053-s03/verify/' });
  });

  it('malformed: "unreadable" with the reason, not a crash', () => {
    expect(row('m045-s05')).toContain('>? result unreadable</em>');
    expect(row('m045-s05')).toContain('<br>\nphase-report.txt line 1 is not "&#x3C;phase>&#x3C;TAB>&#x3C;outcome>"');
    expect(lastResult('m045-s05')).toMatchObject({ state: 'unreadable', reason: 'phase-report.txt line 1 is not "<phase><TAB><outcome>"' });
  });

  it('proof-map.json validates against the committed JSON Schema and names the sample as the sample', () => {
    expect(schema.safeParse(map).success).toBe(true);
    expect(schema.safeParse({ ...map, version: 2 }).success).toBe(false);
    expect(map.repo).toMatchObject({ kind: 'explicit', sample: false });
    const rail = map.rails.find((r) => r.id === 'm053-s02')!;
    expect(rail.relations.declared).toEqual(['m053-s01']);
    expect(rail.relations.read).toEqual([{ rail: 'm053-s01', at: expect.objectContaining({ file: 'scripts/verify-m053-s02.sh' }) }]);
    expect(rail.commands).toEqual([{ run: 'bash scripts/verify-m053-s02.sh', verified: true, findings: [] }]);
    expect(rail.commandsMark).toBe('commands verified');
    expect(map.notOnMap).toEqual(['scripts/verify-m048-s01.sh', 'scripts/verify-m049-s02.sh', 'scripts/verify-m052-s01.sh']);
  });

  it('the committed schema is the one the code describes (regenerate with npm run schema)', async () => {
    const { ProofMapSchema } = await import('../src/proof-map/map-schema.ts');
    const committed = JSON.parse(readFileSync(path.join(projectRoot, 'schemas/proof-map.schema.json'), 'utf8'));
    const { $id: _id, title: _title, ...rest } = committed;
    expect(rest).toEqual(JSON.parse(JSON.stringify(z.toJSONSchema(ProofMapSchema))));
  });
});

describe('one rail\'s chain in the terminal (--rail)', () => {
  it('names what it runs (transitively), what runs it, each last result, and what to rerun first', () => {
    expect(formatRailChain(map, 'm053-s02').text).toBe(
      [
        'm053-s02 — Starter failover (public): bash scripts/verify-m053-s02.sh',
        '  last result: not run here',
        "  CI: .github/workflows/release.yml#starter-failover-proof [if: startsWith(github.ref, 'refs/tags/v')] -> .github/workflows/starter-failover-proof.yml#failover at .github/workflows/starter-failover-proof.yml:41 (shell bash): tags v*",
        '  runs m053-s01: failed in phase staged-deploy, 2026-11-28',
        '  run by: no other rail',
        '  rerun first: m053-s01 (bash scripts/verify-m053-s01.sh), then m053-s02',
      ].join('\n'),
    );
    const s06 = formatRailChain(map, 'm047-s06').text;
    expect(s06).toContain('  runs m047-s05: not run here\n    runs m047-s04: ok, 2026-11-28');
    expect(s06).not.toContain('rerun first');
    expect(formatRailChain(map, 'm047-s04').text).toContain('run by: m047-s05, m046-s06, m046-s05, m046-s04, m045-s05, m045-s04');
  });
});

describe('provenance and switches', () => {
  it('the bundled sample is labelled as the sample, with the build date; a real checkout links its commit', async () => {
    const sample = await runGate(gateConfig({ siteRoot: committedSiteCopy(), env: {} })); // the bundled sample wherever this site lives
    const fixture = proofMapFixture(readFileSync(path.join(projectRoot, 'src/data/rails.yaml'), 'utf8'), ['distributed-proof.md', 'clustered-example.md', 'distributed-actors.md', 'production-backend-proof.md']);
    fixture.options.provenance = provenanceFromGate(sample, RESULTS_CHECKOUT, RAN);
    const html = await fixture.render('::failure-map\n\n::proof-commands', 'distributed-proof.md');
    expect(html).toContain("Checked by this build against the bundled sample repo, and the bundled hyperpush-mono sample. The bundled samples ship with this site: their commit is the site's own, not a Mesh commit. Built 2026-11-28.");
    expect(html).not.toContain(sample.repo.commit!.slice(0, 12));
    expect(html.match(/class="proof-provenance"/g)).toHaveLength(2);
    fixture.options.provenance = provenanceFromGate(gate, RESULTS_CHECKOUT, RAN);
    fixture.options.provenance!.repoLabel = 'Mesh checkout at MESH_REPO_ROOT';
    const real = await fixture.render('::proof-commands', 'distributed-proof.md');
    const product = gate.workspace.byId('hyperpush-mono').view!.commit!;
    expect(real).toContain(
      `at commit <a href="https://github.com/hyperpush-org/mesh-lang/commit/${gate.repo.commit}"><code>${gate.repo.commit!.slice(0, 12)}</code></a>` +
        `, and the hyperpush-mono checkout beside the Mesh repo at commit <code>${product.slice(0, 12)}</code>, built 2026-11-28.`,
    );
  });

  it('PROOF_RESULTS=off reads nothing, shows no result, and says so once', async () => {
    const fixture = proofMapFixture(readFileSync(path.join(projectRoot, 'src/data/rails.yaml'), 'utf8'), ['distributed-proof.md', 'clustered-example.md', 'distributed-actors.md', 'production-backend-proof.md']);
    fixture.options.provenance = provenanceFromGate(gate, RESULTS_OFF, RAN);
    const html = await fixture.render('::failure-map', 'distributed-proof.md');
    expect(html).not.toContain('proof-result');
    expect(html.match(/PROOF_RESULTS=off/g)).toHaveLength(1);
    const off = liveProofMap(gate, RESULTS_OFF)!;
    expect(off.results).toBe('off');
    expect(new Set(off.rails.map((rail) => rail.lastResult.state))).toEqual(new Set(['off']));
  });
});

describe('reading results stays inside the repo', () => {
  it('a results folder that is a symlink out of the root is unreadable, not followed', () => {
    const outside = makeTempDir();
    writeFileSync(path.join(outside, 'status.txt'), 'ok\n');
    const root = makeTempDir();
    mkdirSync(path.join(root, '.tmp/m053-s01'), { recursive: true });
    symlinkSync(outside, path.join(root, '.tmp/m053-s01/verify'));
    expect(readRailResult(root, '.tmp/m053-s01/verify/')).toMatchObject({ state: 'unreadable', reason: '.tmp/m053-s01/verify leads outside the repo root (a symlink out, or a dangling one)' });
  });

  it('a status file that links out, a folder that escapes by `..`, and a partial run', () => {
    const outside = makeTempDir();
    writeFileSync(path.join(outside, 'secret'), 'ok\n');
    const root = makeTempDir();
    mkdirSync(path.join(root, '.tmp/a/verify'), { recursive: true });
    symlinkSync(path.join(outside, 'secret'), path.join(root, '.tmp/a/verify/status.txt'));
    expect(readRailResult(root, '.tmp/a/verify')).toMatchObject({ state: 'unreadable', reason: '.tmp/a/verify/status.txt leads outside the repo root (a symlink out, or a dangling one)' });
    expect(readRailResult(root, '../x/verify')).toMatchObject({ state: 'unreadable', reason: 'the results folder ../x/verify is outside the repo root' });
    mkdirSync(path.join(root, '.tmp/b/verify'), { recursive: true });
    expect(readRailResult(root, '.tmp/b/verify')).toMatchObject({ state: 'unreadable', reason: '.tmp/b/verify/ exists but has no status.txt' });
    plantResults(root, '.tmp/c/verify', { status: 'passed-ish\n' });
    expect(readRailResult(root, '.tmp/c/verify')).toMatchObject({ state: 'unreadable', reason: 'status.txt holds "passed-ish", not running, ok or failed' });
  });
});

describe('a run the script makes but rails.yaml does not list', () => {
  it('still counts for upstream failures, in proof-map.json and in the rail chain', async () => {
    const repo = sampleRepoCopy();
    repo.edit('scripts/verify-m053-s03.sh', (text) => text.replace('build_docs() {\n', 'build_docs() {\n  bash "$ROOT_DIR/scripts/verify-m053-s01.sh"\n'));
    repo.commit();
    plantResults(repo.root, '.tmp/m053-s01/verify', { status: 'failed\n', phase: 'staged-deploy\n', at: RAN });
    const result = await runGate(gateConfig({ siteRoot: projectRoot, repoRoot: repo.root, env: {} }));
    expect(result.diagnostics.map((d) => d.code)).toContain('relation-unlisted');
    const map = liveProofMap(result, RESULTS_CHECKOUT)!;
    expect(map.rails.find((rail) => rail.id === 'm053-s03')!.lastResult.failedUpstream).toEqual(['m053-s01']);
    const chain = formatRailChain(map, 'm053-s03').text;
    expect(chain).toContain('runs m053-s01: failed');
    expect(chain).toContain('rerun first: m053-s01');
  });
});
