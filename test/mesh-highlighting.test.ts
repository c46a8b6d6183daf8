/** Mesh code is highlighted by the checked repo's own grammar; without one it is plain text and the build warns. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { createHighlighter, type BundledLanguage } from 'shiki';
import { afterAll, describe, expect, it } from 'vitest';
import { loadMeshGrammar, MESH_GRAMMAR_PATH, meshExpressiveCode } from '../src/highlight/mesh-grammar.ts';
import { sampleRepoCopy } from './helpers/sample-repo-copy.ts';
import { copySite, projectRoot, runAstro } from './helpers/site-fixture.ts';
import { makeTempDir, removeTempDirs, writeFiles } from './helpers/temp-repo.ts';
import { gateConfig } from './helpers/gate-config.ts';

afterAll(removeTempDirs);

const SNIPPET = 'actor client() do\n  let pid = Node.spawn("w@127.0.0.1:4001", echo)\nend\n@cluster pub fn add() -> Int do\n  1 + 1\nend\n';

/** The TextMate scopes Shiki gives each word of the snippet. */
async function scopesOf(grammar: object): Promise<Map<string, string[]>> {
  const highlighter = await createHighlighter({ themes: ['github-dark'], langs: [grammar as never] });
  const { tokens } = highlighter.codeToTokens(SNIPPET, { lang: 'mesh' as BundledLanguage, theme: 'github-dark', includeExplanation: true });
  const scopes = new Map<string, string[]>();
  for (const token of tokens.flat()) {
    for (const part of token.explanation ?? []) {
      const word = part.content.trim();
      if (word) scopes.set(word, part.scopes.map((scope) => scope.scopeName));
    }
  }
  return scopes;
}

/** What makes a folder a Mesh checkout to the gate (a workspace listing meshc, and scripts/). */
const MINIMAL_MESH_CHECKOUT = { 'Cargo.toml': '[workspace]\nmembers = ["compiler/meshc"]\n', 'scripts/.keep': '' };

describe('the Mesh grammar', () => {
  it('is read from the checked repo (the bundled sample here) at the path the Mesh repo uses', () => {
    const result = loadMeshGrammar(gateConfig({ siteRoot: projectRoot }));
    expect(result.found).toBe(true);
    if (!result.found) return;
    expect(result.file).toBe(path.join(projectRoot, 'sample-workspace/mesh-lang', MESH_GRAMMAR_PATH));
    expect(result.grammar.name).toBe('mesh');
    expect(meshExpressiveCode(result).shiki).toEqual({ langs: [result.grammar] });
  });

  it('gives actor, let and pub keyword tokens', async () => {
    const result = loadMeshGrammar(gateConfig({ siteRoot: projectRoot }));
    if (!result.found) throw new Error('the sample grammar is missing');
    const scopes = await scopesOf(result.grammar);
    for (const word of ['actor', 'let', 'pub', 'fn', 'do', 'end']) {
      expect(scopes.get(word)?.some((scope) => scope.startsWith('keyword.')), `${word}: ${scopes.get(word)}`).toBe(true);
    }
    expect(scopes.get('Node')?.some((scope) => scope.startsWith('keyword.')), 'a module name is not a keyword').toBe(false);
  });

  it('is missing in a repo without the file: plain text (never another language) and a warning naming the path', () => {
    const repo = makeTempDir('no-grammar-');
    writeFiles(repo, MINIMAL_MESH_CHECKOUT);
    const result = loadMeshGrammar(gateConfig({ siteRoot: projectRoot, env: { MESH_REPO_ROOT: repo } }));
    expect(result.found).toBe(false);
    if (result.found) return;
    expect(result.warning).toMatchObject({ code: 'highlight-grammar-missing', severity: 'warning', subject: MESH_GRAMMAR_PATH });
    expect(result.warning.message).toMatch(/plain text.*has no such file/);
    expect(meshExpressiveCode(result).shiki).toEqual({ langAlias: { mesh: 'txt' } });
  });

  it('is refused when the file is not a TextMate grammar', () => {
    const repo = makeTempDir('bad-grammar-');
    writeFiles(repo, { ...MINIMAL_MESH_CHECKOUT, [MESH_GRAMMAR_PATH]: '{"name": "Mesh"}' });
    const result = loadMeshGrammar(gateConfig({ siteRoot: projectRoot, env: { MESH_REPO_ROOT: repo } }));
    expect(result.found).toBe(false);
    if (!result.found) expect(result.warning.message).toMatch(/not a TextMate grammar/);
  });
});

describe('the build', () => {
  it('without a grammar in the checked repo, warns and shows Mesh code uncoloured', async () => {
    const repo = sampleRepoCopy();
    repo.remove(MESH_GRAMMAR_PATH);
    repo.commit();
    const site = copySite();
    const build = await runAstro(site, ['build'], { MESH_REPO_ROOT: repo.root });
    expect(build.code, build.output).toBe(0);
    expect(build.output).toMatch(/warning highlight-grammar-missing `tools\/editors\/vscode-mesh\/syntaxes\/mesh\.tmLanguage\.json`: Mesh code is shown as plain text/);
    const html = readFileSync(path.join(site, 'dist/distributed-actors/index.html'), 'utf8');
    // Highlighted, `actor` is a token of its own (`>actor</span>`); plain, the line is one run.
    expect(html).toMatch(/<div class="code">(<span[^>]*>)?actor client\(\) do/);
    expect(html).not.toContain('>actor</span>');
  });
});
