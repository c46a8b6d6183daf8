/** `npm run build` is the gate: it fails on a bad page or YAML, names file:line:col, no stack trace. */
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ALIAS_BOMB } from './helpers/hostile-yaml.ts';
import { copySite, runAstro } from './helpers/site-fixture.ts';

function edit(site: string, file: string, change: (text: string) => string): void {
  const full = path.join(site, file);
  writeFileSync(full, change(readFileSync(full, 'utf8')));
}

describe('the build runs the gate', () => {
  it('fails on a command typo and a directive typo in pages, naming each file:line:col, with no stack trace', async () => {
    // One build for both: the gate reports every finding of a run, not the first.
    const site = copySite();
    edit(site, 'src/content/docs/clustered-example.md', (text) => text.replace('meshc build .', 'meshc biuld .'));
    edit(site, 'src/content/docs/distributed-proof.md', (text) => text.replace('::retained-rails', '::retained-rail'));
    const build = await runAstro(site, ['build']);
    expect(build.code).not.toBe(0);
    expect(build.output).toMatch(/src\/content\/docs\/clustered-example\.md:\d+:7 error cli-unknown-subcommand .*biuld.*build/);
    expect(build.output).toMatch(/src\/content\/docs\/distributed-proof\.md:\d+:1 error directive-unknown .*retained-rails/);
    expect(build.output).toMatch(/docs-truth gate: 2 errors.*repo: bundled sample/);
    expect(build.output).not.toMatch(/Stack trace|^\s+at .*\.(ts|js):\d+/m);
  });

  it('fails on a YAML typo, naming the YAML line', async () => {
    const site = copySite();
    edit(site, 'src/data/rails.yaml', (text) => text.replace('    tier: public\n', '    tier: publik\n'));
    const build = await runAstro(site, ['build']);
    expect(build.code).not.toBe(0);
    expect(build.output).toMatch(/src\/data\/rails\.yaml:\d+:11 error yaml-schema/);
  });

  it('fails on an alias bomb in the YAML with one line, and on a deleted YAML, never with a stack', async () => {
    const site = copySite();
    edit(site, 'src/data/rails.yaml', (text) => `${text}${ALIAS_BOMB}`);
    const bomb = await runAstro(site, ['build']);
    expect(bomb.code).not.toBe(0);
    expect(bomb.output).toMatch(/src\/data\/rails\.yaml:\d+:\d+ error yaml-syntax .*aliases/);
    expect(bomb.output).not.toMatch(/ReferenceError|Stack trace|^\s+at .*\.(ts|js):\d+/m);
    rmSync(path.join(site, 'src/data/rails.yaml'));
    const deleted = await runAstro(site, ['build']);
    expect(deleted.code).not.toBe(0);
    expect(deleted.output).toMatch(/src\/data\/rails\.yaml:1:1 error yaml-unreadable .*does not exist/);
    expect(deleted.output).not.toMatch(/ENOENT|Stack trace|^\s+at .*\.(ts|js):\d+/m);
  });

  // npm run dev re-checking a page on save: dev-server.test.ts (one dev server for every dev test).
});
