/**
 * No report outlives its run: the built-site report says "running" first and carries a status,
 * and a build interrupted before the gate starts does not leave the previous run's "passed".
 */
import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { withConfig } from './helpers/gate-config.ts';

const fault = vi.hoisted(() => ({ proofMap: false }));
vi.mock('../src/gate/report/proof-map-json.ts', async (importOriginal) => {
  const real = await importOriginal<typeof import('../src/gate/report/proof-map-json.ts')>();
  return {
    ...real,
    buildProofMap: (...args: Parameters<typeof real.buildProofMap>) => {
      if (fault.proofMap) throw new TypeError('proof map exploded\n    at somewhere.ts:1:1');
      return real.buildProofMap(...args);
    },
  };
});

const { writeBuiltSiteReport } = await import('../src/built-site/report.ts');
const { runGateAndReport } = await import('../src/gate/cli.ts');
const { astroEnv, copySite, projectRoot, runAstro } = await import('./helpers/site-fixture.ts');
const { makeTempDir, removeTempDirs } = await import('./helpers/temp-repo.ts');

afterAll(removeTempDirs);

const readJson = (file: string) => JSON.parse(readFileSync(file, 'utf8'));
const PASSED_BEFORE = { version: 1, status: 'passed', repo: { root: '/elsewhere/mesh-lang' }, counts: { errors: 0 }, diagnostics: [] };
const BUILT_BEFORE = { version: 1, counts: { errors: 0, warnings: 0, pages: 7, links: 99, fragments: 0, assets: 0, external: 0, orphans: 0 }, external: [], diagnostics: [] };

const COUNTS = { pages: 1, links: 3, fragments: 0, assets: 0, external: 0, orphans: 0 };

describe('the built-site report', () => {
  it('carries a status: passed with no finding, failed with one', () => {
    const file = path.join(makeTempDir(), 'built-site.json');
    writeBuiltSiteReport(file, [], COUNTS, []);
    expect(readJson(file)).toMatchObject({ version: 1, status: 'passed', counts: { errors: 0, links: 3 } });
    const finding = { code: 'built-link-broken', severity: 'error', position: { file: 'dist/index.html', line: 1, column: 1 }, subject: '/x/', message: 'no page' } as const;
    writeBuiltSiteReport(file, [finding], COUNTS, []);
    expect(readJson(file)).toMatchObject({ status: 'failed', counts: { errors: 1 } });
  });
});

describe('a failure after the gate ran', () => {
  it('is one line, and the JSON report says crashed instead of the "passed" written just before', async () => {
    const json = path.join(makeTempDir(), 'gate.json');
    const lines: string[] = [];
    fault.proofMap = true;
    try {
      const outcome = await runGateAndReport(withConfig({ siteRoot: projectRoot, env: {}, jsonReport: json, proofMapFile: path.join(path.dirname(json), 'proof-map.json'), print: (line) => lines.push(line) }));
      expect(outcome.errors).toBe(1);
    } finally {
      fault.proofMap = false;
    }
    expect(lines.at(-1)).toMatch(/^docs gate: gate-internal: the docs-truth gate crashed: proof map exploded\. fix: /);
    expect(lines.join('\n')).not.toMatch(/^\s+at /m);
    expect(readJson(json)).toMatchObject({ status: 'crashed' });
    expect(existsSync(path.join(path.dirname(json), 'proof-map.json'))).toBe(false);
  });
});

describe('a build the gate stops', () => {
  it('leaves the built-site report "failed", saying dist/ was not checked', async () => {
    const site = copySite();
    mkdirSync(path.join(site, 'reports'));
    writeFileSync(path.join(site, 'reports/built-site.json'), JSON.stringify(BUILT_BEFORE));
    const page = path.join(site, 'src/content/docs/clustered-example.md');
    writeFileSync(page, readFileSync(page, 'utf8').replace('meshc build .', 'meshc biuld .'));
    const build = await runAstro(site, ['build']);
    expect(build.code).not.toBe(0);
    expect(readJson(path.join(site, 'reports/built-site.json'))).toMatchObject({ status: 'failed', message: expect.stringMatching(/stopped before dist\/ was checked/) });
    expect(readJson(path.join(site, 'reports/docs-gate.json'))).toMatchObject({ status: 'failed' });
  }, 180_000);
});

describe('npm run build interrupted before the gate starts', () => {
  it('has already replaced both reports with "running" when Astro loads its config; a SIGINT then leaves no "passed"', async () => {
    const site = copySite();
    cpSync(path.join(projectRoot, 'scripts'), path.join(site, 'scripts'), { recursive: true });
    mkdirSync(path.join(site, 'reports'));
    const gateReport = path.join(site, 'reports/docs-gate.json');
    const builtReport = path.join(site, 'reports/built-site.json');
    writeFileSync(gateReport, JSON.stringify(PASSED_BEFORE));
    writeFileSync(builtReport, JSON.stringify(BUILT_BEFORE));
    // The first thing Astro runs of ours is the config: it records what the reports say then.
    const seen = path.join(site, 'seen-at-config.json');
    const config = path.join(site, 'astro.config.mjs');
    writeFileSync(
      config,
      `import { readFileSync as readAtConfig, writeFileSync as writeAtConfig } from 'node:fs';\n` +
        `writeAtConfig(${JSON.stringify(seen)}, JSON.stringify([readAtConfig(${JSON.stringify(gateReport)}, 'utf8'), readAtConfig(${JSON.stringify(builtReport)}, 'utf8')]));\n` +
        `await new Promise((resolve) => setTimeout(resolve, 60_000));\n` +
        readFileSync(config, 'utf8'),
    );
    const env = astroEnv({ PATH: `${path.join(projectRoot, 'node_modules/.bin')}${path.delimiter}${process.env['PATH']}`, MESH_REPO_ROOT: '', M055_HYPERPUSH_ROOT: '' });
    delete env['ASTRO_TELEMETRY_DISABLED'];
    const child = spawn('npm', ['run', '--silent', 'build'], { cwd: site, env, detached: true, stdio: 'ignore' });
    const exited = new Promise<void>((resolve) => child.on('close', () => resolve()));
    const deadline = Date.now() + 90_000;
    while (!existsSync(seen) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
    process.kill(-child.pid!, 'SIGINT');
    await exited;
    const [gateThen, builtThen] = (readJson(seen) as string[]).map((text) => JSON.parse(text));
    expect(gateThen).toMatchObject({ status: 'running' });
    expect(builtThen).toMatchObject({ status: 'running' });
    expect(readJson(gateReport).status).not.toBe('passed');
    expect(readJson(builtReport)).toHaveProperty('status');
    expect(readJson(builtReport).status).not.toBe('passed');
  }, 120_000);
});
