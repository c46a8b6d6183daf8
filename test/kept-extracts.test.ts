/**
 * Extracts kept between runs (src/gate/extract/kept-extracts.ts): a page, or a list of rails.yaml
 * steps, is not parsed again while its text, the rails model, the list of pages and the code
 * are as they were; it is after any of them changes, and when the kept file does not fit. A
 * planted finding in the kept file shows when, and only when, the kept extract is what the gate
 * used. A run with everything kept does not load the shell grammar at all; one that meets a
 * changed script after all runs again with it (each such run in a process of its own, since
 * the grammar stays loaded in a process once loaded).
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { appendFileSync, lstatSync, mkdtempSync, readFileSync, readlinkSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { openKeptExtracts, type PageContext } from '../src/gate/extract/kept-extracts.ts';
import { runGate } from '../src/gate/run.ts';
import { gateConfig } from './helpers/gate-config.ts';
import { copySite, projectRoot } from './helpers/site-fixture.ts';

const made: string[] = [];
afterAll(() => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

/** Where scripts/run-bundled.mjs hands a bundled command its code digest: a test stands in for another code. */
const HANDED_CODE = Symbol.for('mesh-docs.code-digest');
afterEach(() => {
  delete (globalThis as Record<symbol, unknown>)[HANDED_CODE];
});

const PLANTED = 'planted finding from the kept file';
const MESH_PAGE = 'src/content/docs/distributed-actors.md';

function site() {
  const root = copySite();
  const cacheDir = mkdtempSync(path.join(tmpdir(), 'kept-extracts-'));
  made.push(cacheDir);
  const config = gateConfig({ siteRoot: root, cacheDir, env: {} });
  const keptFile = path.join(cacheDir, `extracts-${createHash('sha256').update(config.docsDir).digest('hex').slice(0, 16)}.json`);
  const run = async (options: { cache?: boolean } = {}) => {
    const result = await runGate(options.cache === false ? { ...config, cacheDir: undefined } : config);
    return result.diagnostics.map((d) => `${d.position.file}:${d.position.line}:${d.position.column} ${d.code} ${d.message}`);
  };
  /** Adds a finding to every kept page extract (or steps extract): it shows only where a kept extract is used. */
  const plant = (section: 'extracts' | 'steps' = 'extracts') => {
    const kept = JSON.parse(readFileSync(keptFile, 'utf8'));
    // One per extract, each its own (the gate drops a finding repeated at the same place).
    kept[section].forEach(([, extract]: [string, { diagnostics: unknown[] }], n: number) => {
      extract.diagnostics.push({ code: 'page-not-utf8', severity: 'error', position: { file: 'planted.md', line: n + 1, column: 1 }, subject: 'planted.md', message: PLANTED });
    });
    writeFileSync(keptFile, JSON.stringify(kept));
  };
  const planted = (lines: string[]) => lines.filter((line) => line.includes(PLANTED)).length;
  return { root, config, keptFile, run, plant, planted, cacheDir };
}

describe('the kept extracts', () => {
  it('are used by the next run while the pages, the rails model and the code hold', async () => {
    const s = site();
    const fresh = await s.run();
    expect(lstatSync(s.keptFile).isFile()).toBe(true);
    // Written as ASCII (contributing/rails.md holds `…` and `✓`): one-byte text reads back several times faster.
    expect([...readFileSync(s.keptFile)].every((byte) => byte < 0x80)).toBe(true);
    // Served from the kept file: the same findings as a run without any cache.
    expect(await s.run()).toEqual(fresh);
    expect(await s.run({ cache: false })).toEqual(fresh);
    s.plant();
    // Every page of the sample site came from the kept file.
    expect(s.planted(await s.run())).toBe(7);
    // Another code: every page parsed afresh.
    s.plant();
    (globalThis as Record<symbol, unknown>)[HANDED_CODE] = 'another code';
    expect(s.planted(await s.run())).toBe(0);
  });

  it('parse a page again after its edit, and every page after a YAML edit or a page added', async () => {
    const s = site();
    await s.run();
    s.plant();
    appendFileSync(path.join(s.root, 'src/content/docs/clustered-example.md'), '\nOne more line.\n');
    // The edited page is parsed again; the other six are still kept.
    expect(s.planted(await s.run())).toBe(6);
    s.plant();
    const yaml = path.join(s.root, 'src/data/rails.yaml');
    writeFileSync(yaml, readFileSync(yaml, 'utf8').replace('label: Starter staged deploy', 'label: Starter deploy, staged'));
    expect(s.planted(await s.run())).toBe(0);
    s.plant();
    writeFileSync(path.join(s.root, 'src/content/docs/new-page.md'), '---\ntitle: New page\ndescription: A page added since the last run.\n---\n\nText.\n');
    expect(s.planted(await s.run())).toBe(0);
  });

  it('keep where a Mesh fence is: findings in a kept page point where a fresh parse points', async () => {
    const s = site();
    const page = path.join(s.root, MESH_PAGE);
    // Indented in a list item, so a column is wrong unless the fence's line starts are kept.
    appendFileSync(page, '\n- A call that does not exist:\n\n  ```mesh\n  fn main() do\n    Node.start_fast("a@b:1", "c")\n  end\n  ```\n');
    const fresh = await s.run();
    const finding = fresh.filter((line) => line.includes('mesh-api-unknown-function'));
    expect(finding).toHaveLength(1);
    expect(finding[0]).toMatch(/^src\/content\/docs\/distributed-actors\.md:\d+:5 /);
    s.plant();
    const kept = await s.run();
    expect(s.planted(kept)).toBe(7);
    expect(kept.filter((line) => !line.includes(PLANTED))).toEqual(fresh);
  });

  it('are parsed afresh from a kept file that does not fit, and never written through a link', async () => {
    const s = site();
    const fresh = await s.run();
    for (const garbage of ['not JSON', JSON.stringify({ version: 1, context: 'another', extracts: [], steps: [] }), JSON.stringify({ version: 1, extracts: 'no list' }), 'null']) {
      writeFileSync(s.keptFile, garbage);
      expect(await s.run()).toEqual(fresh);
    }
    // A link in the file's place: the run neither follows it for reading nor writes through it.
    const target = path.join(s.cacheDir, 'elsewhere.json');
    writeFileSync(target, 'untouched');
    rmSync(s.keptFile);
    symlinkSync(target, s.keptFile);
    expect(await s.run()).toEqual(fresh);
    expect(readFileSync(target, 'utf8')).toBe('untouched');
    expect(readlinkSync(s.keptFile)).toBe(target);
  });

  it('keep what each list of rails.yaml steps runs, until the YAML changes', async () => {
    const s = site();
    const fresh = await s.run();
    s.plant('steps');
    // Kept: every rail's steps and the operator workflow (first steps of rails without a
    // script repeat a list or are checked through CI wiring only).
    const kept = await s.run();
    expect(s.planted(kept)).toBeGreaterThanOrEqual(22);
    expect(kept.filter((line) => !line.includes(PLANTED))).toEqual(fresh);
    const yaml = path.join(s.root, 'src/data/rails.yaml');
    writeFileSync(yaml, readFileSync(yaml, 'utf8').replace('label: Starter staged deploy', 'label: Starter deploy, staged'));
    expect(s.planted(await s.run())).toBe(0);
  });
});

describe('the note that a run needed the grammar', () => {
  it('is kept per context, read by the next run like it, and never written through a link', () => {
    const folder = mkdtempSync(path.join(tmpdir(), 'kept-grammar-note-'));
    made.push(folder);
    const model = { digest: 'yaml-1' } as PageContext['model'];
    const context: PageContext = { code: 'code-1', yamlPath: '/site/rails.yaml', siteRoot: '/site', docsDir: '/site/docs', model, pages: ['a.md'] };
    expect(openKeptExtracts(folder, context).grammarNeeded).toBe(false);
    openKeptExtracts(folder, context).noteGrammar(true);
    expect(openKeptExtracts(folder, context).grammarNeeded).toBe(true);
    // Another context (another YAML text, another code) does not read it.
    expect(openKeptExtracts(folder, { ...context, model: { digest: 'yaml-2' } as PageContext['model'] }).grammarNeeded).toBe(false);
    expect(openKeptExtracts(folder, { ...context, code: 'code-2' }).grammarNeeded).toBe(false);
    openKeptExtracts(folder, context).noteGrammar(false);
    expect(openKeptExtracts(folder, context).grammarNeeded).toBe(false);
    // A link in the note's place is neither followed nor written through.
    const note = path.join(folder, `extracts-${createHash('sha256').update(context.docsDir).digest('hex').slice(0, 16)}.json.grammar`);
    const target = path.join(folder, 'elsewhere');
    writeFileSync(target, 'untouched');
    symlinkSync(target, note);
    openKeptExtracts(folder, context).noteGrammar(true);
    expect(readFileSync(target, 'utf8')).toBe('untouched');
    expect(readlinkSync(note)).toBe(target);
  });
});

/** One gate run in a process of its own: its findings, and whether it loaded the shell grammar. */
function runInOwnProcess(siteRoot: string, cacheDir: string): { loaded: boolean; findings: string[] } {
  const module = (file: string) => JSON.stringify(pathToFileURL(path.join(projectRoot, file)).href);
  const probe = path.join(cacheDir, '..', `probe-${path.basename(cacheDir)}.mts`);
  writeFileSync(
    probe,
    [
      `import { runGate } from ${module('src/gate/run.ts')};`,
      `import { shellParserLoaded } from ${module('src/gate/shell/bash-parser.ts')};`,
      `import { gateConfig } from ${module('test/helpers/gate-config.ts')};`,
      'const result = await runGate(gateConfig({ siteRoot: process.argv[2], cacheDir: process.argv[3], env: {} }));',
      'const findings = result.diagnostics.map((d) => `${d.position.file}:${d.position.line}:${d.position.column} ${d.code} ${d.message}`);',
      'console.log(JSON.stringify({ loaded: shellParserLoaded(), findings }));',
    ].join('\n'),
  );
  const ran = spawnSync(process.execPath, [probe, siteRoot, cacheDir], { encoding: 'utf8' });
  if (ran.status !== 0) throw new Error(`the probe failed: ${ran.stderr}`);
  return JSON.parse(ran.stdout);
}

describe('the shell grammar', () => {
  it('is not loaded by a run with every parse kept, and loaded again when a script changed', () => {
    const root = copySite();
    const cacheDir = mkdtempSync(path.join(tmpdir(), 'kept-grammar-'));
    made.push(cacheDir);
    const cold = runInOwnProcess(root, cacheDir);
    expect(cold.loaded).toBe(true);
    const warm = runInOwnProcess(root, cacheDir);
    expect(warm).toEqual({ loaded: false, findings: cold.findings });
    // A rail script now runs another rail's script: its kept reading no longer holds, so the
    // run meets a parse without the grammar, and runs again with it.
    const script = path.join(root, 'sample-workspace/mesh-lang/scripts/verify-m053-s01.sh');
    appendFileSync(script, 'bash scripts/verify-m045-s03.sh\n');
    const edited = runInOwnProcess(root, cacheDir);
    const uncached = runInOwnProcess(root, mkdtempSync(path.join(cacheDir, 'fresh-')));
    expect(edited.loaded).toBe(true);
    expect(edited.findings).toEqual(uncached.findings);
    expect(edited.findings.join('\n')).toMatch(/relation-unlisted scripts\/verify-m053-s01\.sh runs rail m045-s03/);
  });
});

