/**
 * The one config: options parsed once with zod (an invalid one is one AstroError with a hint),
 * env defaults read there and nowhere else, paths made absolute, the repo located once.
 */
import path from 'node:path';
import { AstroError } from 'astro/errors';
import { describe, expect, it } from 'vitest';
import { parseMeshDocsConfig } from '../src/config/mesh-docs-config.ts';
import { meshDocsSetup } from '../src/integrations/index.ts';
import { projectRoot } from './helpers/site-fixture.ts';

const sample = path.join(projectRoot, 'sample-workspace/mesh-lang');

describe('mesh-docs config', () => {
  it('fills in the defaults, makes paths absolute and locates the bundled sample once', () => {
    const parsed = parseMeshDocsConfig({}, { siteRoot: projectRoot, env: {} });
    expect(parsed).toMatchObject({
      ok: true,
      config: {
        siteRoot: projectRoot,
        railsFile: path.join(projectRoot, 'src/data/rails.yaml'),
        docsDir: path.join(projectRoot, 'src/content/docs'),
        reportsDir: path.join(projectRoot, 'reports'),
        repo: { root: sample, kind: 'sample' },
        results: { kind: 'checkout' },
        graph: true,
        strict: false,
        cacheDir: path.join(projectRoot, 'node_modules/.cache/mesh-docs'),
      },
    });
  });

  it('keeps the cache where MESH_DOCS_CACHE_DIR says (relative to the site), unless the options say otherwise', () => {
    const cacheDirOf = (options: Parameters<typeof parseMeshDocsConfig>[0], env: Record<string, string>) => {
      const parsed = parseMeshDocsConfig(options, { siteRoot: projectRoot, env });
      return parsed.ok ? (parsed.config.cacheDir ?? 'none') : parsed.problem.what;
    };
    expect(cacheDirOf({}, { MESH_DOCS_CACHE_DIR: '/tmp/run/gate-cache' })).toBe('/tmp/run/gate-cache');
    expect(cacheDirOf({}, { MESH_DOCS_CACHE_DIR: 'cache-here' })).toBe(path.join(projectRoot, 'cache-here'));
    expect(cacheDirOf({}, { MESH_DOCS_CACHE_DIR: '  ' })).toBe(path.join(projectRoot, 'node_modules/.cache/mesh-docs'));
    expect(cacheDirOf({ cacheDir: 'mine' }, { MESH_DOCS_CACHE_DIR: '/tmp/run/gate-cache' })).toBe(path.join(projectRoot, 'mine'));
    expect(cacheDirOf({ cacheDir: false }, { MESH_DOCS_CACHE_DIR: '/tmp/run/gate-cache' })).toBe('none');
  });

  it('reads MESH_REPO_ROOT, PROOF_RESULTS, PROOF_GRAPH and DOCS_GATE_STRICT; options win over them', () => {
    const env = { MESH_REPO_ROOT: sample, PROOF_RESULTS: 'off', PROOF_GRAPH: 'OFF', DOCS_GATE_STRICT: 'unverified' };
    const fromEnv = parseMeshDocsConfig({ railsFile: 'x/rails.yaml', docsDir: '/abs/docs' }, { siteRoot: projectRoot, env });
    expect(fromEnv).toMatchObject({
      ok: true,
      config: { railsFile: path.join(projectRoot, 'x/rails.yaml'), docsDir: '/abs/docs', repo: { root: sample, kind: 'env' }, results: { kind: 'off' }, graph: false, strict: ['unverified'] },
    });
    const given = parseMeshDocsConfig({ results: true, graph: true, strict: true, repoRoot: 'sample-workspace/mesh-lang' }, { siteRoot: projectRoot, env });
    expect(given).toMatchObject({ ok: true, config: { results: { kind: 'checkout' }, graph: true, strict: true, repo: { root: sample, kind: 'explicit' } } });
    // A folder laid out like .tmp/ (a CI artifact), relative to the site root.
    const folder = parseMeshDocsConfig({}, { siteRoot: projectRoot, env: { PROOF_RESULTS: 'ci-results' } });
    expect(folder).toMatchObject({ ok: true, config: { results: { kind: 'folder', root: path.join(projectRoot, 'ci-results') } } });
  });

  it('a repo that cannot be used is kept as its error for the gate to report, not thrown', () => {
    const parsed = parseMeshDocsConfig({}, { siteRoot: projectRoot, env: { MESH_REPO_ROOT: '   ' } });
    expect(parsed.ok && parsed.config.repo).toBeInstanceOf(Error);
    expect(parsed.ok && (parsed.config.repo as Error).message).toMatch(/MESH_REPO_ROOT is set but blank/);
  });

  it.each([
    [{ railsFile: 3 }, /meshDocs\(\): railsFile: /],
    [{ docsDir: '  ' }, /meshDocs\(\): docsDir: docsDir is blank/],
    [{ railFile: 'x.yaml' }, /meshDocs\(\): the options: .*railFile/],
    [{ strict: ['unverifed'] }, /strict names "unverifed", which is not a kind of soft finding/],
  ])('refuses %j with what is wrong and a hint', (options, what) => {
    const parsed = parseMeshDocsConfig(options, { siteRoot: projectRoot, env: {} });
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.problem.what).toMatch(what);
    expect(parsed.problem.hint).not.toBe('');
  });

  it('a DOCS_GATE_STRICT the gate cannot read is a problem naming the variable', () => {
    const parsed = parseMeshDocsConfig({}, { siteRoot: projectRoot, env: { DOCS_GATE_STRICT: 'sometimes' } });
    expect(parsed).toMatchObject({ ok: false, problem: { what: expect.stringContaining('DOCS_GATE_STRICT'), hint: 'Fix DOCS_GATE_STRICT and build again.' } });
  });

  it('meshDocsSetup throws an AstroError with the hint, without a stack, for astro.config.mjs', () => {
    let thrown: unknown;
    try {
      meshDocsSetup({ docsDir: 42 } as never, projectRoot);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(AstroError);
    expect((thrown as AstroError).message).toMatch(/docsDir/);
    expect((thrown as AstroError).hint).toMatch(/astro\.config\.mjs/);
    expect((thrown as AstroError).stack).toBe('');
  });

  it('meshDocsSetup reads the Mesh grammar from the repo the config located', () => {
    const setup = meshDocsSetup({}, projectRoot);
    expect(setup.meshGrammar).toMatchObject({ found: true, file: path.join(sample, 'tools/editors/vscode-mesh/syntaxes/mesh.tmLanguage.json') });
  });
});
