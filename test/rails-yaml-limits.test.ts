/**
 * rails.yaml cannot be turned against the gate: short fields have sane maxima (one finding at
 * the field, never a 50 MB label carried through the run), a checkout's env var must be a
 * root-like name (the gate never prints environment values, so `env: SOME_SECRET` is refused),
 * a repo declares the marker that identifies its checkout, and `rootVars` cannot redefine the
 * names the gate reserves.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseRails } from '../src/rails/load.ts';

const siteRoot = mkdtempSync(path.join(tmpdir(), 'rails-limits-'));
const docsDir = path.join(siteRoot, 'src/content/docs');
mkdirSync(docsDir, { recursive: true });
writeFileSync(path.join(docsDir, 'proof.md'), '# Proof\n');
const options = { yamlPath: path.join(siteRoot, 'src/data/rails.yaml'), siteRoot, docsDir };

const VALID = `repos:
  - id: product
    name: Product repo
    url: https://github.com/org/product
    blobBase: https://github.com/org/product/blob/main/
    checkout:
      env: PRODUCT_ROOT
      sibling: ../product
      marker: [app/mesh.toml, scripts/]
    rootVars: [PRODUCT_DIR]
pages:
  - id: proof
    title: Proof
    file: proof.md
rails:
  - id: a
    tier: public
    label: Rail A
    summary: Proves A.
    steps:
      - bash scripts/a.sh
    failureMaps: [proof]
`;

const findings = (text: string) => {
  const result = parseRails(text, options);
  expect(result.ok).toBe(false);
  return result.diagnostics;
};

describe('rails.yaml limits', () => {
  it('the valid file loads, with its checkout marker', () => {
    const result = parseRails(VALID, options);
    expect(result.diagnostics).toEqual([]);
    expect(result.ok && result.model.repos[0]!.checkout).toEqual({ env: 'PRODUCT_ROOT', sibling: '../product', marker: ['app/mesh.toml', 'scripts/'] });
  });

  it.each([
    ['a 50,000-character label', VALID.replace('label: Rail A', `label: ${'L'.repeat(50_000)}`), 'rails[0].label', 18],
    ['a 10,000-character rail id', VALID.replace('  - id: a\n', `  - id: ${'a'.repeat(10_000)}\n`), 'rails[0].id', 16],
    ['a 20,000-character summary', VALID.replace('summary: Proves A.', `summary: ${'s'.repeat(20_000)}`), 'rails[0].summary', 19],
    ['a 5,000-character page title', VALID.replace('title: Proof', `title: ${'t'.repeat(5_000)}`), 'pages[0].title', 13],
  ])('%s is one finding at the field, saying the limit, without the text', (_name, text, subject, line) => {
    const [finding, ...rest] = findings(text);
    expect(rest).toEqual([]);
    expect(finding).toMatchObject({ code: 'yaml-schema', subject, position: { line } });
    expect(finding!.message).toMatch(/is too long \(at most \d+/);
    expect(finding!.message.length).toBeLessThan(200);
  });

  it('a checkout env var must end in _ROOT, and is never MESH_REPO_ROOT', () => {
    for (const name of ['AWS_SECRET_ACCESS_KEY', 'GITHUB_TOKEN', 'HOME', 'MESH_REPO_ROOT']) {
      const [finding, ...rest] = findings(VALID.replace('env: PRODUCT_ROOT', `env: ${name}`));
      expect(rest).toEqual([]);
      expect(finding).toMatchObject({ code: 'yaml-schema', subject: 'repos[0].checkout.env', position: { line: 7 } });
      expect(finding!.suggestion).toMatch(/_ROOT/);
    }
  });

  it('a checkout must name its marker: repo-relative paths only', () => {
    expect(findings(VALID.replace('      marker: [app/mesh.toml, scripts/]\n', ''))[0]).toMatchObject({ subject: 'repos[0].checkout.marker' });
    for (const bad of ['/etc/passwd', '../outside', '']) {
      expect(findings(VALID.replace('marker: [app/mesh.toml, scripts/]', `marker: ["${bad}"]`))[0]).toMatchObject({ subject: 'repos[0].checkout.marker[0]' });
    }
  });

  it.each(['ROOT_DIR', 'REPO_ROOT', 'REPO_DIR', 'PROJECT_ROOT', 'MESH_ROOT', 'MESH_REPO_ROOT'])('rootVars may not redefine %s, a name the gate reserves', (name) => {
    const [finding, ...rest] = findings(VALID.replace('rootVars: [PRODUCT_DIR]', `rootVars: [PRODUCT_DIR, ${name}]`));
    expect(rest).toEqual([]);
    expect(finding).toMatchObject({ code: 'yaml-schema', subject: 'repos[0].rootVars[1]', position: { line: 10 } });
    expect(finding!.message).toMatch(/reserve/);
  });

  it('a rails.yaml larger than the gate reads is one finding, before parsing', () => {
    const huge = VALID + `# ${'x'.repeat(9 * 1024 * 1024)}\n`;
    const [finding, ...rest] = findings(huge);
    expect(rest).toEqual([]);
    expect(finding).toMatchObject({ code: 'yaml-unreadable', position: { line: 1, column: 1 } });
    expect(finding!.message).toMatch(/at most 8 MB/);
  });
});
