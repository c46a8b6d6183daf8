/**
 * No link, path or YAML entry, however it is encoded, is looked up outside the site root or the
 * repo root. Every `node:fs` call is recorded: the hostile inputs below must not reach a path
 * outside the roots, and a canary file next to the roots must never count as found.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { gateConfig } from './helpers/gate-config.ts';

const probed: string[] = [];
const reads = vi.hoisted(() => [] as string[]);
vi.mock('node:fs', async (importOriginal) => {
  const real = await importOriginal<typeof import('node:fs')>();
  const record =
    <F extends (...args: never[]) => unknown>(fn: F) =>
    (...args: Parameters<F>) => {
      if (typeof args[0] === 'string') probed.push(args[0]);
      return fn(...args);
    };
  const wrapped = {
    ...real,
    existsSync: record(real.existsSync),
    statSync: record(real.statSync),
    lstatSync: record(real.lstatSync),
    readFileSync: ((...args: Parameters<typeof real.readFileSync>) => {
      if (typeof args[0] === 'string') reads.push(args[0]);
      return record(real.readFileSync)(...args);
    }) as typeof real.readFileSync,
    readdirSync: record(real.readdirSync),
    realpathSync: Object.assign(record(real.realpathSync), { native: real.realpathSync.native }),
    accessSync: record(real.accessSync),
  };
  return { ...wrapped, default: wrapped };
});

const { checkLinks } = await import('../src/gate/checks/links.ts');
const { repoLinksOf } = await import('./helpers/repo-links.ts');
const { openRepo } = await import('../src/repo/repo-view.ts');
const { parseRails } = await import('../src/rails/load.ts');
const { confine } = await import('../src/core/confine.ts');
const { makeTempDir, removeTempDirs, writeFiles, commitAll } = await import('./helpers/temp-repo.ts');

afterAll(removeTempDirs);
beforeEach(() => {
  probed.length = 0;
});

/** A folder with a canary file beside the root the check is confined to. */
function rootWithCanary(): { outer: string; root: string } {
  const outer = makeTempDir('confine-');
  const root = path.join(outer, 'root');
  mkdirSync(root, { recursive: true });
  writeFileSync(path.join(outer, 'canary.md'), 'outside\n');
  return { outer, root };
}

const escapesOf = (root: string) => probed.filter((p) => p !== root && !p.startsWith(root + path.sep));
const position = { file: 'src/content/docs/page.md', line: 3, column: 1 };

/** One escape, written every way an attacker might encode it. */
const HOSTILE = (target: string) => [
  `/..%2F${target}`,
  `/..%252F${target}`,
  `/..%25252F${target}`,
  `/%2e%2e%2F${target}`,
  `/..%5C${target}`,
  `/..%255C${target}`,
  `/x%00/..%2F..%2F${target}`,
  `/%2e%2e%252f%2e%2e%252f%2e%2e%252f%2e%2e%252f%2e%2e%252f%2e%2e%252f%2e%2e%252fetc%252fpasswd`,
];

describe('site links stay inside public/', () => {
  it.each(HOSTILE('canary.md'))('%s is reported, and nothing outside public/ is probed', (url) => {
    const { root } = rootWithCanary();
    const repo = openRepo(makeTempDir(), 'explicit', { useGit: false });
    probed.length = 0;
    const found = checkLinks([{ url, position, kind: 'link' }], '/page/', new Map(), repoLinksOf(repo), root);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ code: 'link-outside-site', severity: 'error', position });
    expect(escapesOf(root)).toEqual([]);
  });

  it('a file that is in public/ still counts', () => {
    const { root } = rootWithCanary();
    writeFileSync(path.join(root, 'logo.svg'), '<svg/>');
    const repo = openRepo(makeTempDir(), 'explicit', { useGit: false });
    expect(checkLinks([{ url: '/logo.svg', position, kind: 'link' }], '/page/', new Map(), repoLinksOf(repo), root)).toEqual([]);
  });
});

describe('repo paths and GitHub links stay inside the repo', () => {
  const outer = makeTempDir('confine-repo-');
  const root = path.join(outer, 'repo');
  writeFiles(root, { 'scripts/a.sh': 'echo a\n' });
  writeFileSync(path.join(outer, 'canary.md'), 'outside\n');
  commitAll(root);
  const repo = openRepo(root, 'explicit');

  it.each(['../canary.md', 'scripts/../../canary.md', '..\\canary.md', 'scripts\0/../../canary.md', '/etc/passwd', '~/canary.md', 'C:\\x'])(
    'fileStatus(%j) is missing and probes nothing outside',
    (input) => {
      probed.length = 0;
      expect(repo.fileStatus(input)).toBe('missing');
      expect(repo.dirStatus?.(input)).toBe('missing');
      expect(repo.read(input)).toBeUndefined();
      expect(escapesOf(root)).toEqual([]);
    },
  );

  it.each([
    'https://github.com/hyperpush-org/mesh-lang/blob/main/..%2Fcanary.md',
    'https://github.com/hyperpush-org/mesh-lang/blob/main/..%252Fcanary.md',
    'https://github.com/hyperpush-org/mesh-lang/blob/main/scripts%2F..%2F..%2Fcanary.md',
    'https://github.com/hyperpush-org/mesh-lang/blob/main/..%5Ccanary.md',
  ])('%s is reported as outside the repo', (url) => {
    probed.length = 0;
    const found = checkLinks([{ url, position, kind: 'link' }], '/page/', new Map(), repoLinksOf(repo), path.join(root, 'public'));
    expect(found.map((d) => d.code)).toEqual(['link-repo-missing']);
    expect(found[0]!.message).toMatch(/outside the repo/);
    expect(escapesOf(root)).toEqual([]);
  });
});

describe('rails.yaml page files stay inside the docs folder', () => {
  it.each(['../canary.md', '..%2Fcanary.md', 'x/../../canary.md', '/etc/passwd', 'a\\..\\..\\canary.md'])('file: %j', (file) => {
    const { root } = rootWithCanary();
    const docsDir = path.join(root, 'docs');
    mkdirSync(docsDir);
    writeFileSync(path.join(docsDir, 'canary.md'), '# decoy\n');
    const yaml = [
      'pages:',
      `  - { id: p, title: P, file: ${JSON.stringify(file)} }`,
      'rails:',
      '  - { id: r, tier: public, label: R, summary: S, steps: [bash scripts/r.sh] }',
      '',
    ].join('\n');
    probed.length = 0;
    const result = parseRails(yaml, { yamlPath: path.join(root, 'rails.yaml'), siteRoot: root, docsDir });
    expect(result.ok).toBe(false);
    expect(result.diagnostics.map((d) => `${d.position.line}:${d.subject}`)).toContainEqual(expect.stringMatching(/^2:(pages\[0\]\.file|.*canary)/));
    expect(probed.filter((p) => !p.startsWith(docsDir + path.sep))).toEqual([]);
  });
});

describe('confine', () => {
  it.each([
    ['a/b/../c', 'a/c'],
    ['./a/', 'a'],
    ['', ''],
    ['a%2Fb', 'a%2Fb'],
  ])('keeps %j inside as %j', (input, relative) => {
    expect(confine(input)).toEqual({ ok: true, relative });
  });

  it('decodes fully when asked, then confines', () => {
    expect(confine('a%252Fb', { decode: true })).toEqual({ ok: true, relative: 'a/b' });
    expect(confine('..%25252Fx', { decode: true }).ok).toBe(false);
    expect(confine('%E0%A4%A', { decode: true }).ok).toBe(false);
  });

  it('joins a cwd before confining', () => {
    expect(confine('../b', { cwd: 'a' })).toEqual({ ok: true, relative: 'b' });
    expect(confine('../../b', { cwd: 'a' }).ok).toBe(false);
  });
});

describe('pages stay inside the docs folder', () => {
  it('a page that is a symlink to a file outside is reported and never read', async () => {
    const { copySite } = await import('./helpers/site-fixture.ts');
    const { runGate } = await import('../src/gate/run.ts');
    const { symlinkSync } = await import('node:fs');
    const site = copySite();
    const { outer } = rootWithCanary();
    const canary = path.join(outer, 'canary.md');
    symlinkSync(canary, path.join(site, 'src/content/docs/leak.md'));
    reads.length = 0;
    const result = await runGate(gateConfig({ siteRoot: site, env: {} }));
    const found = result.diagnostics.filter((d) => d.severity === 'error');
    expect(found.map((d) => `${d.code} ${d.position.file}`)).toEqual(['page-outside-docs src/content/docs/leak.md']);
    expect(reads.filter((p) => p.endsWith('leak.md') || p === canary)).toEqual([]);
    expect(reads.some((p) => p.endsWith('distributed-proof.md'))).toBe(true); // the recorder works
  });
});
