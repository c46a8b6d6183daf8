/**
 * Which CI runs each rail (read from the sample's workflows, shaped like the real ones), the
 * `ci:` expectations of rails.yaml checked both ways, hostile workflow files (one finding each,
 * never a broken run), and where each result came from: CI on this commit, N behind, not an
 * ancestor, unknown; local and fresh, local and stale; a results folder (PROOF_RESULTS); the build.
 */
import { mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { liveProofMap } from '../src/gate/cli.ts';
import { formatRailChain } from '../src/gate/report/rail-chain.ts';
import { runGate } from '../src/gate/run.ts';
import { type GateResult } from '../src/gate/report/gate-result.ts';
import { provenanceFromGate } from '../src/integrations/provenance.ts';
import { pageInputsKey, setProvenance } from '../src/integrations/render-inputs.ts';
import { currentFailedUpstream } from '../src/rails/rerun-order.ts';
import type { RailResult } from '../src/rails/results.ts';
import { plantResults } from './helpers/plant-results.ts';

/** The 1-based line that holds `needle` (positions follow rails.yaml as it is). */
const lineOf = (text: string, needle: string): number => text.slice(0, text.indexOf(needle)).split('\n').length;
import { proofMapFixture } from './helpers/proof-map-fixture.ts';
import { sampleRepoCopy, type RepoCopy } from './helpers/sample-repo-copy.ts';
import { projectRoot } from './helpers/site-fixture.ts';
import { git, makeTempDir } from './helpers/temp-repo.ts';
import { gateConfig, resultsFromEnv } from './helpers/gate-config.ts';

const RAILS_YAML = readFileSync(path.join(projectRoot, 'src/data/rails.yaml'), 'utf8');
const codes = (result: GateResult, prefix = 'ci-') => result.diagnostics.filter((d) => d.code.startsWith(prefix) && d.code !== 'ci-not-run');
const runsOf = (result: GateResult, id: string) => result.ci!.byRail.get(id)!;

/** A rails.yaml beside the real one, changed by `edit` (the gate reads the site's pages with it). */
function railsWith(edit: (text: string) => string): string {
  const changed = edit(RAILS_YAML);
  if (changed === RAILS_YAML) throw new Error('the rails.yaml edit changed nothing');
  const file = path.join(makeTempDir('rails-'), 'rails.yaml');
  writeFileSync(file, changed);
  return file;
}

describe('CI wiring of the sample workspace', () => {
  let result: GateResult;
  beforeAll(async () => {
    result = await runGate(gateConfig({ siteRoot: projectRoot, env: {} }));
  });

  it('follows the release workflow on tags into the reusable proof workflow, with the job-level if on the ref', () => {
    const [run, ...others] = runsOf(result, 'm053-s02');
    expect(others).toEqual([]);
    expect(run).toMatchObject({
      repo: 'mesh-lang',
      workflow: '.github/workflows/starter-failover-proof.yml',
      job: 'failover',
      shell: 'bash',
      // release.yml runs on pushes to main, v* tags and by hand; the if keeps only the tags.
      triggers: [{ event: 'tags', tags: ['v*'] }],
      calledBy: [{ workflow: '.github/workflows/release.yml', job: 'starter-failover-proof', if: "startsWith(github.ref, 'refs/tags/v')" }],
      at: { file: '.github/workflows/starter-failover-proof.yml', line: 41 },
    });
    // The rail it replays runs there too, inside it.
    expect(runsOf(result, 'm053-s01')).toEqual([expect.objectContaining({ via: 'm053-s02', job: 'failover' })]);
  });

  it('reads a multi-line run: block, a schedule, a path filter, a working-directory and a script that is no rail', () => {
    expect(runsOf(result, 'm047-s06')).toEqual([
      expect.objectContaining({ workflow: '.github/workflows/nightly.yml', at: expect.objectContaining({ line: 21, column: 16 }), triggers: [{ event: 'schedule', cron: ['30 3 * * *'] }, { event: 'workflow_dispatch' }] }),
    ]);
    expect(runsOf(result, 'm047-s04').map((run) => run.via)).toEqual(['m047-s06']);
    expect(runsOf(result, 'docs-build')).toEqual([expect.objectContaining({ workflow: '.github/workflows/deploy.yml', workingDirectory: 'website', triggers: [{ event: 'push', branches: ['main'], paths: ['website/**'] }] })]);
    expect(runsOf(result, 'mesher-maintainer')).toEqual([
      expect.objectContaining({
        repo: 'hyperpush-mono',
        through: 'scripts/verify-m051-s01.sh',
        triggers: [{ event: 'pull_request', branches: ['main'] }, expect.objectContaining({ event: 'push', paths: expect.arrayContaining(['mesher/**']) })],
      }),
    ]);
    // The build matrix job runs no rail; `test -f scripts/verify-m053-s02.sh` is no run.
    expect([...result.ci!.byRail.values()].flat().filter((run) => run.job === 'build' && run.workflow.endsWith('release.yml'))).toEqual([]);
  });

  it('lists rails no workflow runs as a soft finding, not rails declared hosted: false', () => {
    const notRun = result.diagnostics.filter((d) => d.code === 'ci-not-run').map((d) => d.subject);
    expect(notRun).toContain('m051-s02');
    expect(notRun).not.toContain('m053-s03'); // ci: { hosted: false }
    expect(notRun).not.toContain('m053-s02');
    expect(result.diagnostics.every((d) => d.code !== 'ci-not-run' || d.severity === 'warning')).toBe(true);
    expect(codes(result)).toEqual([]);
  });

  it('shows the wiring in proof-map.json, the rail chain and the failure-map row', async () => {
    const map = liveProofMap(result, resultsFromEnv({}))!;
    const rail = map.rails.find((r) => r.id === 'm053-s02')!;
    expect(rail.ci.expected).toEqual({ hosted: true, on: ['tags'], reason: null });
    expect(rail.ci.runs[0]).toMatchObject({ workflowName: 'Hosted starter failover proof', via: null, through: null, matrix: [] });
    expect(formatRailChain(map, 'm053-s03').text).toContain('CI: no workflow runs it (it reads the hosted runs of the release workflows itself; no workflow runs it)');
    const fixture = proofMapFixture(RAILS_YAML, ['distributed-proof.md', 'clustered-example.md', 'distributed-actors.md', 'production-backend-proof.md']);
    fixture.options.provenance = provenanceFromGate(result, resultsFromEnv({}));
    const page = await fixture.render('::failure-map', 'distributed-proof.md');
    expect(page).toContain('CI: release.yml › starter-failover-proof › starter-failover-proof.yml › failover: tags v*');
  });
});

describe('declared CI expectations (ci: in rails.yaml)', () => {
  it('a rail run on tags but declared on push: an error at ci: that names the workflow line, both ways', async () => {
    const railsFile = railsWith((text) => text.replace('ci: { hosted: true, on: tags }', 'ci: { hosted: true, on: push }'));
    const result = await runGate(gateConfig({ siteRoot: projectRoot, railsFile, env: {} }));
    const found = codes(result);
    expect(found.map((d) => d.message)).toEqual([
      'rails.yaml says m053-s02 runs on push (ci.on), but no workflow runs it on push',
      'rails.yaml says m053-s02 runs only on push (ci.on), but .github/workflows/starter-failover-proof.yml job failover also runs it on tags',
    ]);
    expect(found[1]!.position).toMatchObject({ file: path.relative(projectRoot, railsFile).split(path.sep).join('/'), line: lineOf(readFileSync(railsFile, 'utf8'), 'ci: { hosted: true, on: push }') });
    expect(found[1]!.related).toEqual({ file: 'sample-workspace/mesh-lang/.github/workflows/starter-failover-proof.yml', line: 41, column: 19 });
  });

  it('hosted: false on a rail a workflow runs, and hosted: true on one none runs', async () => {
    const railsFile = railsWith((text) =>
      text
        .replace('      - bash scripts/verify-m047-s06.sh\n', '      - bash scripts/verify-m047-s06.sh\n    ci: { hosted: false }\n')
        .replace('      - bash scripts/verify-m051-s02.sh\n', '      - bash scripts/verify-m051-s02.sh\n    ci: { hosted: true }\n'),
    );
    const result = await runGate(gateConfig({ siteRoot: projectRoot, railsFile, env: {} }));
    expect(codes(result).map((d) => [d.subject, d.message, d.related?.file])).toEqual([
      ['m051-s02 ci.hosted', 'rails.yaml says a workflow runs m051-s02 (ci.hosted: true), but no workflow of its repo runs it', undefined],
      ['m047-s06 ci.hosted', 'rails.yaml says no workflow runs m047-s06 (ci.hosted: false), but .github/workflows/nightly.yml job retained runs it', 'sample-workspace/mesh-lang/.github/workflows/nightly.yml'],
    ]);
  });
});

describe('workflows the gate cannot trust', () => {
  let repo: RepoCopy;
  const workflow = (name: string, text: string) => {
    mkdirSync(path.join(repo.root, '.github/workflows'), { recursive: true });
    writeFileSync(path.join(repo.root, '.github/workflows', name), text);
  };
  beforeAll(() => {
    repo = sampleRepoCopy();
    workflow('huge.yml', `on: push\njobs:\n  big:\n    runs-on: x\n    steps:\n      - run: |\n          ${'echo padding-padding-padding\n          '.repeat(36_000)}bash scripts/verify-m051-s02.sh\n`);
    workflow('merge.yml', 'on: push\njobs:\n  a: &base\n    runs-on: x\n    steps:\n      - run: bash scripts/verify-m051-s02.sh\n  b:\n    <<: *base\n');
    workflow('bomb.yml', `on: push\nx0: &x0 [a, a, a, a, a, a, a, a, a]\n${Array.from({ length: 9 }, (_, i) => `x${i + 1}: &x${i + 1} [${Array(9).fill(`*x${i}`).join(', ')}]`).join('\n')}\njobs:\n  a:\n    runs-on: x\n    steps: *x9\n`);
    workflow('odd-uses.yml', [
      'on: push',
      'jobs:',
      '  with-ref:',
      '    uses: ./.github/workflows/starter-failover-proof.yml@main',
      '  expression:',
      '    uses: ${{ inputs.which }}',
      '  no-dot:',
      '    uses: .github/workflows/starter-failover-proof.yml',
      '  climbs:',
      '    uses: ./.github/workflows/../../scripts/verify-m051-s02.sh',
      '  remote:',
      '    uses: someone/elsewhere/.github/workflows/x.yml@v1',
      '',
    ].join('\n'));
    workflow('typo.yml', 'on: push\njobs:\n  a:\n    runs-on: x\n    steps:\n      - run: bash scripts/verify-m047-s66.sh\n');
    git(repo.root, ['add', '-A']);
    git(repo.root, ['commit', '-qm', 'hostile workflows']);
  });

  it('gives one clear finding per hostile file and still reads the others', async () => {
    const result = await runGate(gateConfig({ siteRoot: projectRoot, repoRoot: repo.root, env: {} }));
    const found = codes(result).map((d) => `${d.code} ${d.position.file.split('/').pop()}:${d.position.line} ${d.message}`);
    expect(found).toEqual([
      'ci-workflow-unreadable bomb.yml:10 The workflow .github/workflows/bomb.yml has a step that is not a mapping, so the gate cannot tell which rails it runs',
      'ci-workflow-unreadable merge.yml:8 The workflow .github/workflows/merge.yml uses a YAML merge key (<<), which GitHub Actions does not read, so the gate cannot tell which rails it runs',
      "ci-uses-unreadable odd-uses.yml:4 `uses: ./.github/workflows/starter-failover-proof.yml@main` gives a ref to a local workflow; a local workflow is always the caller's own commit",
      'ci-uses-unreadable odd-uses.yml:6 `uses: ${{ inputs.which }}` is an expression, known only when the workflow runs',
      'ci-uses-unreadable odd-uses.yml:8 `uses: .github/workflows/starter-failover-proof.yml` is neither a local workflow (`./.github/workflows/…`) nor `owner/repo/.github/workflows/<file>@ref`',
      'ci-uses-unreadable odd-uses.yml:10 `uses: ./.github/workflows/../../scripts/verify-m051-s02.sh` leaves .github/workflows/ (it names scripts/verify-m051-s02.sh)',
      expect.stringMatching(/^ci-workflow-unreadable huge\.yml:6 This `run:` is \d+ characters, more than the 64 KB the gate parses as shell/),
      'ci-script-missing typo.yml:6 This workflow runs scripts/verify-m047-s66.sh, which does not exist in the checked commit',
    ]);
    expect(codes(result).find((d) => d.code === 'ci-script-missing')!.suggestion).toBe('did you mean scripts/verify-m047-s06.sh?');
    // The sound workflows are read as before.
    expect(runsOf(result, 'm053-s02')).toHaveLength(1);
    expect(runsOf(result, 'm051-s02')).toEqual([]);
  });
});

describe('where each result came from', () => {
  let repo: RepoCopy;
  let head: string;
  const metadata = (sha: string) => `workflow=Release\nrun_id=4242\nrun_attempt=2\nref=refs/tags/v0.5.0\nsha=${sha}\nrunner=GitHub Actions 3\n`;
  const plantCi = (sha: string) => {
    plantResults(repo.root, '.tmp/m053-s02/verify', { status: 'ok\n', phase: 'complete\n' });
    writeFileSync(path.join(repo.root, '.tmp/m053-s02/verify/hosted-workflow-metadata.txt'), metadata(sha));
  };
  const origin = async (id: string, env: Record<string, string> = {}) => {
    const result = await runGate(gateConfig({ siteRoot: projectRoot, repoRoot: repo.root, env }));
    return liveProofMap(result, resultsFromEnv(env))!.rails.find((rail) => rail.id === id)!.lastResult;
  };
  beforeAll(() => {
    repo = sampleRepoCopy();
    head = git(repo.root, ['rev-parse', 'HEAD']).trim();
  });

  it('in CI on this commit, with the run linked', async () => {
    plantCi(head);
    const result = await origin('m053-s02');
    expect(result.origin).toEqual({
      kind: 'ci',
      workflow: 'Release',
      runId: '4242',
      runAttempt: '2',
      runUrl: 'https://github.com/hyperpush-org/mesh-lang/actions/runs/4242',
      ref: 'refs/tags/v0.5.0',
      sha: head,
      runner: 'GitHub Actions 3',
      ranAt: expect.any(String),
      commit: { relation: 'this', behind: null },
    });
  });

  it('N commits behind, not an ancestor, unknown; malformed metadata says why', async () => {
    plantCi(head);
    git(repo.root, ['commit', '-q', '--allow-empty', '-m', 'one']);
    git(repo.root, ['commit', '-q', '--allow-empty', '-m', 'two']);
    expect((await origin('m053-s02')).origin).toMatchObject({ commit: { relation: 'behind', behind: 2 } });
    const orphan = git(repo.root, ['commit-tree', '-m', 'elsewhere', `${head}^{tree}`]).trim();
    plantCi(orphan);
    expect((await origin('m053-s02')).origin).toMatchObject({ commit: { relation: 'not-ancestor', behind: null } });
    plantCi('0123456789abcdef0123456789abcdef01234567');
    expect((await origin('m053-s02')).origin).toMatchObject({ commit: { relation: 'unknown' } });
    writeFileSync(path.join(repo.root, '.tmp/m053-s02/verify/hosted-workflow-metadata.txt'), 'workflow=Release\nrun_id=12; rm -rf /\nref=refs/heads/main\nsha=abc1234\n');
    expect((await origin('m053-s02')).origin).toEqual({ kind: 'metadata-unreadable', reason: 'hosted-workflow-metadata.txt line 2: run_id is not a valid run id' });
  });

  it('local and fresh, then local and stale, naming the first input committed since', async () => {
    const ran = new Date(Date.now() + 60_000);
    plantResults(repo.root, '.tmp/m047-s06/verify', { status: 'ok\n', at: ran });
    expect((await origin('m047-s06')).origin).toEqual({ kind: 'local', ranAt: ran.toISOString(), staleBecause: null });
    // m047-s06 runs m047-s05, which runs m047-s04: a later commit to s04's script makes it stale.
    repo.edit('scripts/verify-m047-s04.sh', (text) => `${text}\n# a later change\n`);
    const later = new Date(ran.getTime() + 3_600_000).toISOString();
    const env = { ...process.env, GIT_COMMITTER_DATE: later, GIT_AUTHOR_DATE: later };
    const { execFileSync } = await import('node:child_process');
    execFileSync('git', ['-c', 'user.email=a@b', '-c', 'user.name=t', 'commit', '-qam', 'later'], { cwd: repo.root, env });
    const stale = (await origin('m047-s06')).origin;
    expect(stale).toMatchObject({ kind: 'local', staleBecause: { file: 'scripts/verify-m047-s04.sh', committedAt: later.replace(/\.\d+Z$/, '.000Z') } });
  });

  it('PROOF_RESULTS=<folder> reads a CI artifact, confined, and the page says so; off still reads none', async () => {
    const sample = await runGate(gateConfig({ siteRoot: projectRoot, env: {} }));
    const env = { PROOF_RESULTS: path.join(projectRoot, 'sample-workspace/ci-results') };
    const map = liveProofMap(sample, resultsFromEnv(env))!;
    expect(map.resultsFrom).toBe('folder');
    const rail = map.rails.find((r) => r.id === 'm053-s02')!.lastResult;
    expect(rail).toMatchObject({ state: 'ok', origin: { kind: 'ci', runUrl: 'https://github.com/hyperpush-org/mesh-lang/actions/runs/19830417', commit: { relation: 'unknown' } } });
    expect(map.rails.find((r) => r.id === 'm053-s01')!.lastResult.state).toBe('not-run');
    expect(liveProofMap(sample, resultsFromEnv({ PROOF_RESULTS: 'off' }))!.resultsFrom).toBe('off');

    const artifact = makeTempDir('artifact-');
    const outside = makeTempDir('outside-');
    writeFileSync(path.join(outside, 'status.txt'), 'ok\n');
    mkdirSync(path.join(artifact, 'm053-s02'), { recursive: true });
    symlinkSync(outside, path.join(artifact, 'm053-s02/verify'));
    expect(liveProofMap(sample, resultsFromEnv({ PROOF_RESULTS: artifact }))!.rails.find((r) => r.id === 'm053-s02')!.lastResult).toMatchObject({ state: 'unreadable', reason: expect.stringContaining('leads outside') });

    const fixture = proofMapFixture(RAILS_YAML, ['distributed-proof.md', 'clustered-example.md', 'distributed-actors.md', 'production-backend-proof.md']);
    fixture.options.provenance = provenanceFromGate(sample, resultsFromEnv(env));
    const page = await fixture.render('::failure-map', 'distributed-proof.md');
    expect(page).toContain('Last results are read from a results folder (PROOF_RESULTS');
    expect(page).toContain('ran in CI: Release, <a href="https://github.com/hyperpush-org/mesh-lang/actions/runs/19830417">run 19830417</a>');
  });

  it('the build is the docs-build rail\'s result: ok, at this commit, now', async () => {
    const sample = await runGate(gateConfig({ siteRoot: projectRoot, env: {} }));
    const result = liveProofMap(sample, resultsFromEnv({}), { thisBuild: true })!.rails.find((r) => r.id === 'docs-build')!.lastResult;
    expect(result).toMatchObject({ state: 'ok', origin: { kind: 'this-build', commit: sample.repo.commit } });
    expect(Date.now() - Date.parse((result.origin as { ranAt: string }).ranAt)).toBeLessThan(60_000);
    expect(liveProofMap(sample, resultsFromEnv({}))!.rails.find((r) => r.id === 'docs-build')!.lastResult.origin).toBeNull();
  });

  it('pages show the build by its day, so two builds of one day render the same pages (and Astro keeps them)', async () => {
    const sample = await runGate(gateConfig({ siteRoot: projectRoot, env: {} }));
    const at = (time: string) => provenanceFromGate(sample, resultsFromEnv({}), new Date(`2026-12-07T${time}Z`), { thisBuild: true });
    const railsFile = path.join(projectRoot, 'src/data/rails.yaml');
    setProvenance(at('09:01:00'));
    const morning = pageInputsKey(railsFile);
    setProvenance(at('17:59:59'));
    expect(pageInputsKey(railsFile)).toBe(morning);
    setProvenance(provenanceFromGate(sample, resultsFromEnv({}), new Date('2026-12-08T00:00:01Z'), { thisBuild: true }));
    expect(pageInputsKey(railsFile)).not.toBe(morning);
    const fixture = proofMapFixture(RAILS_YAML, ['distributed-proof.md', 'clustered-example.md', 'distributed-actors.md', 'production-backend-proof.md']);
    fixture.options.provenance = at('17:59:59');
    const page = await fixture.render('::failure-map', 'distributed-proof.md');
    expect(page).toContain(`this build: ok at commit ${sample.repo.commit!.slice(0, 12)}, built 2026-12-07`);
    setProvenance(undefined);
  });
});

describe('rerun first follows when results ran, not which folders hold a failure', () => {
  const runs = (id: string) => (id === 'm053-s02' ? ['m053-s01'] : []);
  const result = (state: RailResult['state'], ranAt: string): RailResult => ({ state, phases: [], ranAt });
  it('a failure replayed since by a passing rail that runs it is not current', () => {
    const older = new Map([['m053-s01', result('failed', '2026-11-01')], ['m053-s02', result('ok', '2026-11-02')]]);
    expect(currentFailedUpstream('m053-s02', runs, older)).toEqual([]);
    const newer = new Map([['m053-s01', result('failed', '2026-11-03')], ['m053-s02', result('ok', '2026-11-02')]]);
    expect(currentFailedUpstream('m053-s02', runs, newer)).toEqual(['m053-s01']);
  });
});
