import { afterAll, describe, expect, it } from 'vitest';
import { readScriptInvocation, scriptResolver } from '../src/gate/resolvers/script.ts';
import { scriptClosure, scriptReferences, stripHashComments } from '../src/gate/resolvers/script-text.ts';
import type { Diagnostic } from '../src/core/types.ts';
import { meshLikeFiles } from './helpers/mesh-like-files.ts';
import { commandOf } from './helpers/parse-commands.ts';
import { contextFor, removeTempDirs, tempRepo, writeFiles } from './helpers/temp-repo.ts';

afterAll(removeTempDirs);

const repo = tempRepo(meshLikeFiles(), { git: true });
writeFiles(repo.root, { 'scripts/verify-local-only.sh': '#!/usr/bin/env bash\n' });
const context = contextFor(repo);

function resolve(text: string, cwd?: string): Diagnostic[] {
  const command = commandOf(text, cwd === undefined ? {} : { cwd });
  expect(scriptResolver.matches(command)).toBe(true);
  return scriptResolver.resolve(command, context);
}

const codes = (diagnostics: Diagnostic[]): string[] => diagnostics.map((d) => d.code);

describe('script resolver: which commands it owns', () => {
  it('owns bash/sh with a script path and ./scripts/x.sh', () => {
    expect(readScriptInvocation(commandOf('bash scripts/verify-m053-s01.sh --help'))?.script.value).toBe('scripts/verify-m053-s01.sh');
    expect(readScriptInvocation(commandOf('bash -eu scripts/x.sh'))?.script.value).toBe('scripts/x.sh');
    expect(readScriptInvocation(commandOf('./scripts/verify-m053-s01.sh'))?.args).toEqual([]);
  });

  it('leaves other shapes to the registry', () => {
    expect(scriptResolver.matches(commandOf('bash -c "echo hi"'))).toBe(false);
    expect(scriptResolver.matches(commandOf('sh'))).toBe(false);
    expect(scriptResolver.matches(commandOf('./hello_cluster'))).toBe(false);
    expect(scriptResolver.matches(commandOf('bash "$ROOT/scripts/x.sh"'))).toBe(false);
  });
});

describe('script resolver: existence', () => {
  it('resolves committed scripts', () => {
    expect(resolve('bash scripts/verify-m053-s01.sh')).toEqual([]);
    expect(resolve('sh scripts/verify-m053-s02.sh')).toEqual([]);
    expect(resolve('./scripts/verify-m053-s01.sh')).toEqual([]);
    expect(resolve('bash verify-m053-s01.sh', 'scripts')).toEqual([]);
  });

  it('reports a missing script with did-you-mean among its siblings', () => {
    const [diagnostic] = resolve('bash scripts/verify-m053-s0l.sh');
    expect(diagnostic?.code).toBe('script-missing');
    expect(diagnostic?.suggestion).toBe('did you mean scripts/verify-m053-s01.sh?');
    expect(diagnostic?.position).toEqual({ file: 'src/content/docs/test.md', line: 1, column: 6 });
  });

  it('fixes a wrong folder in the did-you-mean', () => {
    expect(resolve('bash script/verify-m053-s01.sh')[0]?.suggestion).toBe('did you mean scripts/verify-m053-s01.sh?');
  });

  it('reports a script that exists locally but is not committed', () => {
    const [diagnostic] = resolve('bash scripts/verify-local-only.sh');
    expect(diagnostic?.code).toBe('script-untracked');
    expect(diagnostic?.message).toMatch(/exists locally but is not committed/);
  });

  it('reports paths outside the repo and relative paths after an unfollowable cd', () => {
    expect(codes(resolve('bash ../elsewhere/x.sh'))).toEqual(['path-outside-repo']);
    expect(codes(resolve('bash scripts/verify-m053-s01.sh', '<unknown>'))).toEqual(['command-unknown-shape']);
  });
});

describe('script resolver: --help', () => {
  it('accepts --help and -h when the script handles them', () => {
    expect(resolve('bash scripts/verify-m043-s04-fly.sh --help')).toEqual([]);
    expect(resolve('bash scripts/verify-m043-s04-fly.sh -h')).toEqual([]);
  });

  it('reports --help when the script only mentions it in a comment', () => {
    const diagnostics = resolve('bash scripts/verify-no-help.sh --help');
    expect(codes(diagnostics)).toEqual(['script-no-help']);
    expect(diagnostics[0]?.position.column).toBe(32);
    expect(codes(resolve('bash scripts/verify-no-help.sh -h'))).toEqual(['script-no-help']);
  });
});

describe('script resolver: env vars set before the script', () => {
  it('accepts vars read by the script, its embedded Python, or files it sources or runs', () => {
    expect(resolve('CLUSTER_PROOF_FLY_APP=app CLUSTER_PROOF_BASE_URL=https://app.fly.dev bash scripts/verify-m043-s04-fly.sh')).toEqual([]);
    expect(resolve('CLUSTER_PROOF_REQUEST_KEY=k bash scripts/verify-m043-s04-fly.sh')).toEqual([]);
    expect(resolve('DATABASE_URL=postgres://x bash scripts/verify-m053-s01.sh')).toEqual([]);
    expect(resolve('SHARED_FLAG=1 bash scripts/verify-m053-s01.sh')).toEqual([]); // sourced lib
    expect(resolve('DATABASE_URL=postgres://x bash scripts/verify-m053-s02.sh')).toEqual([]); // runs s01
    expect(resolve('LOOP_VAR=1 bash scripts/verify-loop-a.sh')).toEqual([]); // cycle-safe
  });

  it('reports a var the script never reads (comments do not count)', () => {
    const diagnostics = resolve('CLUSTER_PROOF_SECRET=x bash scripts/verify-m043-s04-fly.sh');
    expect(codes(diagnostics)).toEqual(['script-env-unread']);
    expect(diagnostics[0]?.position.column).toBe(1);
    expect(codes(resolve('CLUSTER_PROOF_FLY_AP=app bash scripts/verify-m043-s04-fly.sh'))).toEqual(['script-env-unread']);
    expect(resolve('CLUSTER_PROOF_FLY_AP=app bash scripts/verify-m043-s04-fly.sh')[0]?.suggestion).toBe('did you mean CLUSTER_PROOF_FLY_APP?');
  });

  it('does not follow scripts that are only mentioned in a string', () => {
    expect(codes(resolve('MENTIONED_ONLY=1 bash scripts/verify-m053-s02.sh'))).toEqual(['script-env-unread']);
  });
});

describe('script text reading', () => {
  it('strips comments but keeps # inside quotes and $#', () => {
    expect(stripHashComments('echo "a # b" # note\nx=$# # n\n# whole')).toBe('echo "a # b" \nx=$# \n');
  });

  it('finds sourced and run files, transitively and cycle-safe', () => {
    expect(scriptReferences(repo, 'scripts/verify-m053-s01.sh')).toEqual([
      { path: 'scripts/lib/common.sh', how: 'source' },
    ]);
    expect(scriptClosure(repo, 'scripts/verify-m053-s02.sh', 'all')).toEqual([
      'scripts/verify-m053-s02.sh',
      'scripts/verify-m053-s01.sh',
      'scripts/lib/common.sh',
    ]);
    expect(scriptClosure(repo, 'scripts/verify-loop-a.sh', 'all')).toEqual(['scripts/verify-loop-a.sh', 'scripts/verify-loop-b.sh']);
  });
});
