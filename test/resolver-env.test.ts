import { afterAll, describe, expect, it } from 'vitest';
import {
  checkAssignsAgainstSource,
  envExportResolver,
  envSourceIndex,
  isEnvSourceFile,
  prepareEnvIndex,
} from '../src/gate/resolvers/env.ts';
import type { Diagnostic } from '../src/core/types.ts';
import { meshLikeFiles } from './helpers/mesh-like-files.ts';
import { commandOf, commandsOf } from './helpers/parse-commands.ts';
import { contextFor, removeTempDirs, tempRepo, writeFiles } from './helpers/temp-repo.ts';

afterAll(removeTempDirs);

const repo = tempRepo(
  {
    ...meshLikeFiles(),
    'compiler/mesh-rt/src/dist/continuity.rs': 'pub const ROLE_ENV: &str = "MESH_CONTINUITY_ROLE";\n',
    'website/src/env.ts': 'process.env.MESH_SITE_ONLY;\n',
    'notes.txt': 'MESH_TXT_ONLY\n',
  },
  { git: true },
);
writeFiles(repo.root, { 'compiler/mesh-rt/src/uncommitted.rs': 'const X: &str = "MESH_UNCOMMITTED";\n' });
const context = contextFor(repo);
const codes = (diagnostics: Diagnostic[]): string[] => diagnostics.map((d) => d.code);

describe('which files count as source', () => {
  it('takes code and config, leaves docs, prose and the site out', () => {
    expect(isEnvSourceFile('compiler/mesh-rt/src/dist/bootstrap.rs')).toBe(true);
    expect(isEnvSourceFile('scripts/verify-m053-s01.sh')).toBe(true);
    expect(isEnvSourceFile('scripts/fixtures/clustered/tiny-cluster/main.mpl')).toBe(true);
    expect(isEnvSourceFile('scripts/fixtures/clustered/cluster-proof/Dockerfile')).toBe(true);
    expect(isEnvSourceFile('examples/todo-postgres/README.md')).toBe(false);
    expect(isEnvSourceFile('website/src/env.ts')).toBe(false);
    expect(isEnvSourceFile('docs/env.mdx')).toBe(false);
    expect(isEnvSourceFile('notes.txt')).toBe(false);
  });
});

describe('checkAssignsAgainstSource', () => {
  const assignsOf = (text: string) => commandOf(text).assigns;

  it('accepts names read through constants or env::var', () => {
    const shown = 'MESH_CLUSTER_COOKIE=dev-cookie MESH_NODE_NAME=primary@127.0.0.1:4370 MESH_DISCOVERY_SEED=localhost MESH_CONTINUITY_ROLE=primary ./hello_cluster';
    expect(checkAssignsAgainstSource(assignsOf(shown), repo)).toEqual([]);
    expect(checkAssignsAgainstSource(assignsOf('RUST_LOG=debug cargo build'), repo)).toEqual([]); // well-known
  });

  it('reports names found only in docs, prose, the site or uncommitted files', () => {
    for (const name of ['MESH_FROM_DOCS_ONLY', 'MESH_DOCS_ONLY_VAR', 'MESH_SITE_ONLY', 'MESH_TXT_ONLY', 'MESH_UNCOMMITTED']) {
      expect(codes(checkAssignsAgainstSource(assignsOf(`${name}=1 ./x`), repo))).toEqual(['env-unknown']);
    }
  });

  it('matches whole words only and suggests a near env-like name', () => {
    const [diagnostic] = checkAssignsAgainstSource(assignsOf('MESH_CLUSTER_COOKI=dev ./hello_cluster'), repo, 'the command');
    expect(diagnostic?.code).toBe('env-unknown');
    expect(diagnostic?.subject).toBe('the command');
    expect(diagnostic?.suggestion).toBe('did you mean MESH_CLUSTER_COOKIE?');
    expect(diagnostic?.position).toEqual({ file: 'src/content/docs/test.md', line: 1, column: 1 });
  });

  it('reads names from the checked commit (one git grep), and from disk outside git', () => {
    const committed = tempRepo({ 'compiler/a.rs': 'const A: &str = "MESH_COMMITTED_NAME";\n' }, { git: true });
    writeFiles(committed.root, { 'compiler/a.rs': 'const A: &str = "MESH_COMMITTED_NAME";\nconst B: &str = "MESH_EDITED_ONLY";\n' });
    expect(checkAssignsAgainstSource(assignsOf('MESH_COMMITTED_NAME=1 ./x'), committed)).toEqual([]);
    expect(codes(checkAssignsAgainstSource(assignsOf('MESH_EDITED_ONLY=1 ./x'), committed))).toEqual(['env-unknown']);
    const plain = tempRepo({ 'compiler/a.rs': 'const B: &str = "MESH_ON_DISK";\n', 'docs/x.rs': 'MESH_IN_DOCS\n' });
    expect(plain.isGit).toBe(false);
    expect(checkAssignsAgainstSource(assignsOf('MESH_ON_DISK=1 ./x'), plain)).toEqual([]);
    expect(codes(checkAssignsAgainstSource(assignsOf('MESH_IN_DOCS=1 ./x'), plain))).toEqual(['env-unknown']);
    expect(envSourceIndex(plain).envLikeNames).toEqual(['MESH_ON_DISK']);
  });

  it('gives the same index when git read the names ahead of time', async () => {
    const files = { 'compiler/a.rs': 'const A: &str = "MESH_AHEAD_NAME";\n', 'website/x.ts': 'MESH_SITE_NAME\n' };
    const ahead = tempRepo(files, { git: true });
    await prepareEnvIndex(ahead);
    writeFiles(ahead.root, { 'compiler/a.rs': '' }); // read ahead: the disk no longer matters
    expect(envSourceIndex(ahead).envLikeNames).toEqual(['MESH_AHEAD_NAME']);
    expect(envSourceIndex(ahead).envLikeNames).toEqual(envSourceIndex(tempRepo(files, { git: true })).envLikeNames);
    expect(codes(checkAssignsAgainstSource(assignsOf('MESH_SITE_NAME=1 ./x'), ahead))).toEqual(['env-unknown']);
  });

  it('indexes the repo once', () => {
    expect(envSourceIndex(repo)).toBe(envSourceIndex(repo));
    expect(envSourceIndex(repo).envLikeNames).toContain('MESH_NODE_NAME');
    expect(envSourceIndex(repo).envLikeNames).not.toContain('MESH_SITE_ONLY');
  });
});

describe('export resolver', () => {
  it('owns bare export commands in either parser shape', () => {
    const [exported] = commandsOf('export MESH_CLUSTER_COOKIE=dev-cookie');
    expect(exported && envExportResolver.matches(exported)).toBe(true);
    expect(envExportResolver.matches({ ...commandOf('true'), words: [], assigns: exported?.assigns ?? [] })).toBe(true);
    expect(envExportResolver.matches(commandOf('echo x'))).toBe(false);
  });

  it('passes names the repo reads and reports the others', () => {
    expect(envExportResolver.resolve(commandOf('export MESH_CLUSTER_COOKIE=dev-cookie'), context)).toEqual([]);
    expect(envExportResolver.resolve(commandOf('export MESH_NODE_NAME'), context)).toEqual([]);
    const wrong = envExportResolver.resolve(commandOf('export MESH_CLUSTR_PORT=4370'), context);
    expect(codes(wrong)).toEqual(['env-unknown']);
    expect(codes(envExportResolver.resolve(commandOf('export MESH_NOPE'), context))).toEqual(['env-unknown']);
    const bare = commandOf('export MESH_NOPE=1');
    expect(codes(envExportResolver.resolve({ ...bare, words: [] }, context))).toEqual(['env-unknown']);
  });
});
