/**
 * Every repo root goes through one validation, wherever it comes from (MESH_REPO_ROOT, --repo,
 * a declared repo's env var, its `sibling` folder): a folder, not the file-system root nor a
 * folder above the site, holding that repo's marker. A rejected root is one line that says what
 * kind of thing was wrong without echoing the env var's value, and the JSON report is finished.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runGateAndReport } from '../src/gate/cli.ts';
import { RepoLocateError } from '../src/repo/locate-mesh-repo.ts';
import { runGate } from '../src/gate/run.ts';
import { sampleRepoCopy } from './helpers/sample-repo-copy.ts';
import { copySite, projectRoot } from './helpers/site-fixture.ts';
import { makeTempDir, removeTempDirs } from './helpers/temp-repo.ts';
import { gateConfig, withConfig } from './helpers/gate-config.ts';

afterAll(removeTempDirs);

async function refusal(env: Record<string, string>, options: { siteRoot?: string; repoRoot?: string } = {}): Promise<string> {
  const siteRoot = options.siteRoot ?? projectRoot;
  const started = Date.now();
  const error = await runGate(gateConfig({ siteRoot, env, ...(options.repoRoot ? { repoRoot: options.repoRoot } : {}) })).then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(RepoLocateError);
  expect(Date.now() - started).toBeLessThan(5000); // told before any walk of the disk
  return (error as Error).message;
}

describe('a product-repo root that is not a checkout', () => {
  const secretish = () => {
    const dir = makeTempDir('mesh-roots-');
    const file = path.join(dir, 'hostname-like-secret-value');
    writeFileSync(file, 'x\n');
    return { dir, file };
  };

  it('a file: one line naming the variable and the kind, never the value', async () => {
    const { file } = secretish();
    const message = await refusal({ M055_HYPERPUSH_ROOT: file }, { repoRoot: sampleRepoCopy().root });
    expect(message).toMatch(/^M055_HYPERPUSH_ROOT names a file, not a folder\./);
    expect(message).not.toContain('secret-value');
  });

  it('the file-system root, a folder without the marker, a missing path: refused, no value echoed', async () => {
    const repoRoot = sampleRepoCopy().root;
    expect(await refusal({ M055_HYPERPUSH_ROOT: '/' }, { repoRoot })).toMatch(/^M055_HYPERPUSH_ROOT names the file-system root/);
    const { dir } = secretish();
    const empty = await refusal({ M055_HYPERPUSH_ROOT: dir }, { repoRoot });
    expect(empty).toMatch(/^M055_HYPERPUSH_ROOT names a folder that is not a hyperpush-mono checkout: it has no mesher\/mesh\.toml/);
    expect(empty).not.toContain(dir);
    expect(await refusal({ M055_HYPERPUSH_ROOT: '/nonexistent/secret-value' }, { repoRoot })).toMatch(/^M055_HYPERPUSH_ROOT names a path that does not exist\./);
  });

  it('a blank value is refused like a blank MESH_REPO_ROOT', async () => {
    const repoRoot = sampleRepoCopy().root;
    expect(await refusal({ M055_HYPERPUSH_ROOT: '   ' }, { repoRoot })).toMatch(/^M055_HYPERPUSH_ROOT is set but blank/);
    expect(await refusal({ MESH_REPO_ROOT: '   ' })).toMatch(/^MESH_REPO_ROOT is set but blank/);
  });

  it('a sibling folder above the site, or naming a file: refused with the YAML line to fix', async () => {
    const site = copySite();
    const rails = path.join(site, 'src/data/rails.yaml');
    const original = readFileSync(rails, 'utf8');
    writeFileSync(rails, original.replace('sibling: ../hyperpush-mono', 'sibling: ../../../../..'));
    expect(await refusal({}, { siteRoot: site })).toMatch(/^The sibling folder of hyperpush-mono \(\.\.\/\.\.\/\.\.\/\.\.\/\.\.\) is (the file-system root|a folder above the site)/);
    writeFileSync(rails, original.replace('sibling: ../hyperpush-mono', 'sibling: ../../..'));
    expect(await refusal({}, { siteRoot: site })).toMatch(/is a folder above the site\..*src\/data\/rails\.yaml:\d+/);
    writeFileSync(path.join(site, 'sample-workspace/a-file'), 'x');
    writeFileSync(rails, original.replace('sibling: ../hyperpush-mono', 'sibling: ../a-file'));
    expect(await refusal({}, { siteRoot: site })).toMatch(/is a file, not a folder/);
  });
});

describe('a Mesh root that is not a checkout', () => {
  it('MESH_REPO_ROOT: the file-system root and a missing path, without the value', async () => {
    expect(await refusal({ MESH_REPO_ROOT: '/' })).toMatch(/^MESH_REPO_ROOT names the file-system root/);
    const missing = await refusal({ MESH_REPO_ROOT: '/nonexistent/secret-value' });
    expect(missing).toMatch(/^MESH_REPO_ROOT names a path that does not exist/);
    expect(missing).not.toContain('secret-value');
  });

  it('--repo above the site is refused', async () => {
    // A site two levels below a temp folder, so the folder above it is never the file-system
    // root, wherever the project is checked out.
    const base = makeTempDir('mesh-above-');
    const siteRoot = path.join(base, 'outer', 'site');
    mkdirSync(siteRoot, { recursive: true });
    expect(await refusal({}, { siteRoot, repoRoot: base })).toMatch(/is a folder above the site/);
  });
});

describe('the report is finished whatever the root', () => {
  it('a product root that is a file: one line, no stack, and the JSON report says failed', async () => {
    const dir = makeTempDir('mesh-roots-');
    const file = path.join(dir, 'not-a-folder');
    writeFileSync(file, '');
    mkdirSync(path.join(dir, 'reports'));
    const json = path.join(dir, 'reports/gate.json');
    const lines: string[] = [];
    const outcome = await runGateAndReport(withConfig({ siteRoot: projectRoot, repoRoot: sampleRepoCopy().root, env: { M055_HYPERPUSH_ROOT: file }, jsonReport: json, print: (line) => lines.push(line) }));
    expect(outcome.errors).toBe(1);
    expect(lines).toEqual([expect.stringMatching(/^docs gate: M055_HYPERPUSH_ROOT names a file, not a folder\./)]);
    expect(JSON.parse(readFileSync(json, 'utf8'))).toMatchObject({ status: 'failed', message: expect.stringContaining('M055_HYPERPUSH_ROOT') });
  });
});
