/**
 * Bad input and bad options end in one line that says what is wrong and how to fix it, with
 * the exit code the README promises (1 gate error, 2 usage error), never a stack trace or a hang.
 */
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runGateAndReport } from '../src/gate/cli.ts';
import { ALIAS_BOMB } from './helpers/hostile-yaml.ts';
import { copySite, projectRoot } from './helpers/site-fixture.ts';
import { runCheck } from './helpers/run-check.ts';
import { makeTempDir, removeTempDirs } from './helpers/temp-repo.ts';
import { withConfig } from './helpers/gate-config.ts';

afterAll(removeTempDirs);

const check = (...args: string[]) => runCheck(args, { timeoutMs: 20_000 });

const NO_STACK = /^\s+at |node:internal|Error: |\.(ts|js):\d+:\d+\)?$/m;

describe('bad input to npm run check', () => {
  it('an alias bomb in rails.yaml is one yaml-syntax line at the alias, exit 1', () => {
    const dir = makeTempDir();
    const rails = path.join(dir, 'rails.yaml');
    const original = readFileSync(path.join(projectRoot, 'src/data/rails.yaml'), 'utf8');
    writeFileSync(rails, `${original}${ALIAS_BOMB}`);
    const { code, out } = check('--rails', rails, '--json', path.join(dir, 'r.json'));
    const bombLine = original.split('\n').length + 1;
    expect(out).toMatch(new RegExp(`rails\\.yaml:${bombLine}:\\d+ error yaml-syntax .*alias.* fix: `));
    expect(out).not.toMatch(NO_STACK);
    expect(code).toBe(1);
  });

  it.each([
    ['--rails', 'a missing file', (dir: string) => path.join(dir, 'nope.yaml'), /--rails .*nope\.yaml does not exist/],
    ['--rails', 'a folder', (dir: string) => dir, /--rails .* is a folder/],
    ['--json', 'a folder', (dir: string) => dir, /--json .* is a folder/],
    ['--json', 'a path under /proc', () => '/proc/nope/x.json', /--json .*\/proc\/nope/],
    ['--json', 'a path under a file', (dir: string) => (writeFileSync(path.join(dir, 'f'), ''), path.join(dir, 'f/x.json')), /--json .* is a file, not a folder/],
    ['--docs', 'a missing folder', (dir: string) => path.join(dir, 'nope'), /--docs .*nope does not exist/],
  ])('%s pointing at %s is a usage error (exit 2), before anything runs', (flag, _what, target, message) => {
    const dir = makeTempDir();
    const { code, out, timedOut } = check(flag, target(dir));
    expect(timedOut).toBe(false);
    expect(out).toMatch(message);
    expect(out).toMatch(/fix: /);
    expect(out).not.toMatch(/docs-truth gate: ok/);
    expect(out).not.toMatch(NO_STACK);
    expect(out.trim().split('\n')).toHaveLength(2); // the line, then the usage
    expect(code).toBe(2);
  });
});

describe('a deleted rails.yaml', () => {
  it('is one yaml-unreadable line naming the file and how to restore it', async () => {
    const site = copySite();
    rmSync(path.join(site, 'src/data/rails.yaml'));
    const lines: string[] = [];
    const outcome = await runGateAndReport(withConfig({ siteRoot: site, env: {}, print: (line) => lines.push(line) }));
    expect(outcome.errors).toBe(1);
    expect(lines.filter((line) => / error /.test(line))).toEqual([
      expect.stringMatching(/^src\/data\/rails\.yaml:1:1 error yaml-unreadable .*does not exist.* fix: restore it/),
    ]);
  });

  it('a rails.yaml that is a folder says so', async () => {
    const site = copySite();
    rmSync(path.join(site, 'src/data/rails.yaml'));
    mkdirSync(path.join(site, 'src/data/rails.yaml'));
    const lines: string[] = [];
    await runGateAndReport(withConfig({ siteRoot: site, env: {}, print: (line) => lines.push(line) }));
    expect(lines.join('\n')).toMatch(/rails\.yaml:1:1 error yaml-unreadable .*is a folder/);
    expect(existsSync(path.join(site, 'src/data/rails.yaml'))).toBe(true);
  });
});

describe('a repo root that is not a Mesh checkout', () => {
  const checkWithRoot = (root: string) => {
    const started = Date.now();
    const result = runCheck(['--json', path.join(makeTempDir(), 'r.json')], { env: { MESH_REPO_ROOT: root }, timeoutMs: 20_000 });
    return { code: result.code, out: result.out.trim(), seconds: (Date.now() - started) / 1000 };
  };

  it.each([
    ['/', /MESH_REPO_ROOT names the file-system root\./],
    ['an empty folder', /MESH_REPO_ROOT names a folder that is not a Mesh checkout: it has no Cargo\.toml and no scripts\/ folder/],
  ])('MESH_REPO_ROOT=%s says so once, naming what is missing, and stops', (root, message) => {
    const { code, out, seconds } = checkWithRoot(root === '/' ? '/' : makeTempDir());
    expect(out.split('\n')).toHaveLength(1);
    expect(out).toMatch(message);
    expect(out).toMatch(/Set MESH_REPO_ROOT \(or --repo\) to a Mesh checkout/);
    expect(code).toBe(1);
    expect(seconds).toBeLessThan(10); // it never walks the disk
  });

  it('a Cargo workspace without compiler/meshc is named as such', () => {
    const dir = makeTempDir();
    writeFileSync(path.join(dir, 'Cargo.toml'), '[workspace]\nmembers = ["other"]\n');
    mkdirSync(path.join(dir, 'scripts'));
    expect(checkWithRoot(dir).out).toMatch(/its Cargo workspace does not list compiler\/meshc/);
  });

  it('MESH_REPO_ROOT of blanks is rejected, not read as unset', () => {
    const { code, out } = checkWithRoot('   ');
    expect(out).toMatch(/^docs gate: MESH_REPO_ROOT is set but blank\. .*unset it/);
    expect(out).not.toMatch(/docs-truth gate:/); // nothing was checked
    expect(code).toBe(1);
  });
});
