import { afterAll, describe, expect, it } from 'vitest';
import { npmResolver, parseNpmCall } from '../src/gate/resolvers/npm.ts';
import type { Diagnostic, RepoView } from '../src/core/types.ts';
import { meshLikeFiles } from './helpers/mesh-like-files.ts';
import { commandOf } from './helpers/parse-commands.ts';
import { contextFor, removeTempDirs, tempRepo, writeFiles } from './helpers/temp-repo.ts';

afterAll(removeTempDirs);

const siteScripts = { dev: 'astro dev', build: 'astro build', check: 'node scripts/check.ts' };
const repo = tempRepo(
  {
    ...meshLikeFiles(),
    'tools/editor/package.json': JSON.stringify({ scripts: { test: 'vitest', start: 'node .', lint: 'eslint' } }),
  },
  { git: true },
);
writeFiles(repo.root, { 'tools/uncommitted/package.json': '{"scripts":{"build":"x"}}' });

function resolve(text: string, options: { cwd?: string; on?: RepoView } = {}): Diagnostic[] {
  const command = commandOf(text, options.cwd === undefined ? {} : { cwd: options.cwd });
  expect(npmResolver.matches(command)).toBe(true);
  return npmResolver.resolve(command, contextFor(options.on ?? repo, siteScripts));
}
const codes = (diagnostics: Diagnostic[]): string[] => diagnostics.map((d) => d.code);

describe('npm resolver', () => {
  it('owns run/test/start/install shapes only', () => {
    expect(parseNpmCall(commandOf('npm --prefix website run build').words)?.prefix?.value).toBe('website');
    expect(npmResolver.matches(commandOf('npm publish'))).toBe(false);
    expect(npmResolver.matches(commandOf('npm run'))).toBe(false);
    expect(npmResolver.matches(commandOf('npx astro build'))).toBe(false);
  });

  it('resolves scripts of the prefix folder, in every spelling', () => {
    expect(resolve('npm --prefix website run build')).toEqual([]);
    expect(resolve('npm --prefix=website run dev -- --host')).toEqual([]);
    expect(resolve('npm -C tools/editor run-script lint')).toEqual([]);
    expect(resolve('npm --prefix tools/editor test')).toEqual([]);
    expect(resolve('npm --prefix tools/editor start')).toEqual([]);
    expect(resolve('npm ci --prefix website')).toEqual([]);
  });

  it('uses the cwd of a preceding cd when there is no prefix', () => {
    expect(resolve('npm run lint', { cwd: 'tools/editor' })).toEqual([]);
    expect(resolve('npm run build', { cwd: 'website' })).toEqual([]);
    expect(codes(resolve('npm run build', { cwd: 'tools/editor' }))).toEqual(['npm-unknown-script']);
    expect(codes(resolve('npm run build', { cwd: '<unknown>' }))).toEqual(['command-unknown-shape']);
  });

  it('reports an unknown script with did-you-mean or the known list', () => {
    const [typo] = resolve('npm --prefix website run biuld');
    expect(typo?.code).toBe('npm-unknown-script');
    expect(typo?.suggestion).toBe('did you mean build?');
    expect(typo?.position.column).toBe(26);
    expect(resolve('npm --prefix website run deploy')[0]?.suggestion).toBe('known: dev, build, preview');
    expect(codes(resolve('npm --prefix tools/editor run build'))).toEqual(['npm-unknown-script']);
  });

  it('reports a folder without a committed package.json', () => {
    const [none] = resolve('npm --prefix scripts run build');
    expect(none?.code).toBe('npm-no-package-json');
    expect(none?.position.column).toBe(14);
    expect(codes(resolve('npm run build'))).toEqual(['npm-no-package-json']); // repo root
    expect(resolve('npm --prefix tools/uncommitted run build')[0]?.message).toMatch(/not committed/);
    expect(codes(resolve('npm --prefix ../outside run build'))).toEqual(['path-outside-repo']);
  });

  it("maps website to the site's own scripts for the bundled sample or a repo without website/package.json", () => {
    const sample = tempRepo({ 'website/package.json': '{"scripts":{"only-sample":"x"}}' }, { kind: 'sample' });
    expect(resolve('npm --prefix website run check', { on: sample })).toEqual([]);
    expect(codes(resolve('npm --prefix website run only-sample', { on: sample }))).toEqual(['npm-unknown-script']);
    const bare = tempRepo({ 'README.md': '#\n' });
    expect(resolve('npm --prefix website run check', { on: bare })).toEqual([]);
    expect(codes(resolve('npm --prefix website run check'))).toEqual(['npm-unknown-script']); // real website/package.json wins
  });
});
