import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkMeshcArgv, meshcResolver, meshpkgResolver, prepareCliModels } from '../src/gate/resolvers/meshc.ts';
import type { CommandOccurrence, Diagnostic, ResolveContext } from '../src/core/types.ts';
import { cmd } from './helpers/command.ts';
import { makeRepoView } from './helpers/fs-repo.ts';

const sampleRoot = fileURLToPath(new URL('../sample-workspace/mesh-lang', import.meta.url));
const context: ResolveContext = { repo: makeRepoView(sampleRoot), siteScripts: {} };

beforeAll(async () => {
  await prepareCliModels(context.repo);
});

function resolve(command: CommandOccurrence): Diagnostic[] {
  const resolver = [meshcResolver, meshpkgResolver].find((r) => r.matches(command));
  if (!resolver) throw new Error(`no resolver for ${command.text}`);
  return resolver.resolve(command, context);
}

const codes = (text: string, origin: CommandOccurrence['origin'] = 'code-block') =>
  resolve(cmd(text, origin)).map((d) => d.code);

describe('meshc / meshpkg resolvers on the sample repo', () => {
  it('owns meshc and meshpkg heads only', () => {
    expect(meshcResolver.matches(cmd('meshc build .'))).toBe(true);
    expect(meshcResolver.matches(cmd('meshpkg search x'))).toBe(false);
    expect(meshpkgResolver.matches(cmd('meshpkg search x'))).toBe(true);
    expect(meshcResolver.matches(cmd('cargo run -p meshc -- build .'))).toBe(false);
  });

  it.each([
    // Clustered Example and its operator order
    'meshc init --clustered hello_cluster',
    'meshc build .',
    'meshc cluster status <node> --json',
    'meshc cluster continuity <node> --json',
    'meshc cluster continuity <node> <request-key> --json',
    'meshc cluster diagnostics <node> --json',
    'meshc init --template todo-api --db sqlite my_local_todo',
    'meshc init --template todo-api --db postgres my_shared_todo',
    // The rest of the documented surface
    'meshc --version',
    'meshc -V',
    'meshc build <dir> --opt-level 2 --emit-llvm -o out/app --target x86_64-unknown-linux-gnu --json --no-color',
    'meshc build . --output=app',
    'meshc cluster status primary@127.0.0.1:4370 --cookie dev-cookie --timeout-ms 500 --json',
    'meshc cluster continuity <node> --limit 10',
    'meshc cluster diagnostics <node> --limit 5 --cookie c --timeout-ms 1',
    'meshc deps',
    'meshc deps ./app',
    'meshc update',
    'meshc repl',
    'meshc lsp',
    'meshc fmt src --check --line-width 80 --indent-size 4',
    'meshc test',
    'meshc test tests --quiet --coverage',
    'meshc migrate',
    'meshc migrate up',
    'meshc migrate down',
    'meshc migrate status',
    'meshc migrate generate add_todos',
    'meshc migrate .',
    'meshc cluster --help',
    'meshc help cluster',
    'meshpkg --json search foo',
    'meshpkg search foo --json',
    'meshpkg --json login --token T',
    'meshpkg publish --registry https://example.test',
    'meshpkg install',
    'meshpkg install json --registry R',
    'meshpkg update',
  ])('passes `%s`', (text) => {
    expect(resolve(cmd(text))).toEqual([]);
  });

  it('suggests `status` for `meshc cluster staus x`, pointing at the word', () => {
    const [d, ...rest] = resolve(cmd('meshc cluster staus x'));
    expect(rest).toEqual([]);
    expect(d).toMatchObject({
      code: 'cli-unknown-subcommand',
      severity: 'error',
      subject: 'meshc cluster staus x',
      position: { file: 'test.md', line: 1, column: 15 },
    });
    expect(d?.suggestion).toContain('`status`');
  });

  it('suggests `--json` for `--jsonn`', () => {
    const [d] = resolve(cmd('meshc cluster status x --jsonn'));
    expect(d).toMatchObject({ code: 'cli-unknown-flag', position: { column: 24 } });
    expect(d?.suggestion).toContain('`--json`');
  });

  it('lists the accepted values of --db', () => {
    const [d] = resolve(cmd('meshc init --db mysql x'));
    expect(d).toMatchObject({ code: 'cli-bad-value', position: { column: 17 } });
    expect(d?.suggestion).toContain('sqlite, postgres');
  });

  it('needs <target> in a code block but not in prose', () => {
    const [d] = resolve(cmd('meshc cluster status'));
    expect(d).toMatchObject({ code: 'cli-missing-argument', position: { column: 15 } });
    expect(d?.message).toContain('<target>');
    expect(codes('meshc cluster status', 'inline-code')).toEqual([]);
    expect(codes('meshc cluster', 'inline-code')).toEqual([]);
    expect(codes('meshc cluster')).toEqual(['cli-missing-argument']);
    expect(codes('meshc cluster staus', 'inline-code')).toEqual(['cli-unknown-subcommand']);
  });

  it('reports a flag that lacks its value', () => {
    const [d] = resolve(cmd('meshc build . --opt-level'));
    expect(d).toMatchObject({ code: 'cli-missing-value', position: { column: 15 } });
  });

  it('reports extra arguments, unknown top-level subcommands and non-global flags', () => {
    expect(codes('meshc cluster status a b')).toEqual(['cli-extra-argument']);
    const [d] = resolve(cmd('meshc biuld .'));
    expect(d?.code).toBe('cli-unknown-subcommand');
    expect(d?.suggestion).toContain('`build`');
    const [misplaced] = resolve(cmd('meshc --json build .'));
    expect(misplaced?.code).toBe('cli-unknown-flag');
    expect(misplaced?.suggestion).toContain('`meshc build`');
    expect(codes('meshpkg frobnicate')).toEqual(['cli-unknown-subcommand']);
    expect(codes('meshc init --clustered=yes hello')).toEqual(['cli-bad-value']);
  });

  it('skips commands marked as not checkable', () => {
    expect(meshcResolver.resolve({ ...cmd('meshc nope'), skipReason: 'runs elsewhere' }, context)).toEqual([]);
  });

  it('checks the args after `--` of `cargo run -p meshc -- ...` through checkMeshcArgv', () => {
    const command = cmd('cargo run -p meshc -- cluster staus <node>');
    const args = command.words.slice(5);
    const [d] = checkMeshcArgv(args, context, { complete: true, command });
    expect(d).toMatchObject({ code: 'cli-unknown-subcommand', subject: command.text, position: { column: 31 } });
    expect(checkMeshcArgv(cmd('x build .').words.slice(1), context, { complete: true, command })).toEqual([]);
  });
});

describe('meshc resolver without usable source', () => {
  const empty = mkdtempSync(join(tmpdir(), 'meshc-empty-'));
  afterAll(() => rmSync(empty, { recursive: true, force: true }));

  it('reports cli-source-missing when main.rs is absent', async () => {
    const repo = makeRepoView(empty);
    await prepareCliModels(repo);
    const [d] = meshcResolver.resolve(cmd('meshc build .'), { repo, siteScripts: {} });
    expect(d).toMatchObject({ code: 'cli-source-missing', position: { column: 1 } });
    expect(d?.message).toContain('compiler/meshc/src/main.rs');
  });

  it('reports cli-source-missing when the models were not prepared', () => {
    const repo = { ...makeRepoView(empty), root: join(empty, 'other') };
    expect(meshcResolver.resolve(cmd('meshc build .'), { repo, siteScripts: {} })[0]?.code).toBe('cli-source-missing');
  });
});
