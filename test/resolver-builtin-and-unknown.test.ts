import { afterAll, describe, expect, it } from 'vitest';
import { BUILTIN_COMMANDS, builtinResolver } from '../src/gate/resolvers/builtin.ts';
import { resolveWith } from '../src/gate/resolvers/dispatch.ts';
import { checkGithubLink, checkRepoPath } from '../src/gate/resolvers/paths.ts';
import { MESH_REPO_SLUG, parseMeshRepoLink } from '../src/core/repo-urls.ts';
import { RESOLVERS, resolveCommand } from '../src/gate/resolvers/registry.ts';
import type { Diagnostic } from '../src/core/types.ts';
import { meshLikeFiles } from './helpers/mesh-like-files.ts';
import { commandOf, commandsOf } from './helpers/parse-commands.ts';
import { contextFor, removeTempDirs, tempRepo, writeFiles } from './helpers/temp-repo.ts';

afterAll(removeTempDirs);

const repo = tempRepo(meshLikeFiles(), { git: true });
writeFiles(repo.root, { 'examples/local-only/README.md': '# local\n' });
const context = contextFor(repo, { build: 'astro build' });
const codes = (diagnostics: Diagnostic[]): string[] => diagnostics.map((d) => d.code);
const at = { file: 'src/content/docs/page.md', line: 3, column: 5 };

describe('builtins', () => {
  it('resolve without the repo', () => {
    expect(BUILTIN_COMMANDS).toEqual(expect.arrayContaining(['cd', 'export', 'set', 'source', 'echo', 'true', 'exit']));
    for (const text of ['cd hello_cluster', 'set -euo pipefail', 'echo "hi"', 'true', 'exit 0']) {
      const command = commandOf(text);
      expect(builtinResolver.matches(command)).toBe(true);
      expect(builtinResolver.resolve(command, context)).toEqual([]);
    }
  });

  it('check that a sourced repo file exists', () => {
    expect(builtinResolver.resolve(commandOf('source scripts/lib/common.sh'), context)).toEqual([]);
    expect(builtinResolver.resolve(commandOf('. scripts/lib/common.sh'), context)).toEqual([]);
    expect(builtinResolver.resolve(commandOf('source ~/.cargo/env'), context)).toEqual([]);
    expect(codes(builtinResolver.resolve(commandOf('source scripts/lib/commn.sh'), context))).toEqual(['path-missing']);
  });
});

describe('registry: unknown shapes fail closed', () => {
  it('reports commands no resolver owns, and says how to skip them', () => {
    for (const text of ['git clone https://github.com/someone/mesh-lang', './hello_cluster', 'docker compose up']) {
      const diagnostics = resolveCommand(commandOf(text), context);
      expect(codes(diagnostics)).toEqual(['command-unknown-shape']);
      expect(diagnostics[0]?.suggestion).toMatch(/gate-skip="why"/);
    }
    const pipeline = commandsOf('curl -sSf https://meshlang.dev/install.sh | sh').flatMap((command) => resolveCommand(command, context));
    expect(codes(pipeline)).toEqual(['command-unknown-shape', 'command-unknown-shape']);
  });

  it('confirms a clone of the checked repo, and only of it', () => {
    for (const text of [
      'git clone https://github.com/hyperpush-org/mesh-lang',
      'git clone https://github.com/hyperpush-org/mesh-lang.git my-mesh',
      'git clone --depth 1 git@github.com:hyperpush-org/mesh-lang.git',
    ]) {
      expect(resolveCommand(commandOf(text), context), text).toEqual([]);
    }
    for (const text of ['git clone https://github.com/hyperpush-org/mesh-lang-fork', 'git clone <repo-url>', 'git clone "$REPO"', 'git pull']) {
      expect(codes(resolveCommand(commandOf(text), context)), text).toEqual(['command-unknown-shape']);
    }
  });

  it('keeps failing closed on shapes seen on pages written by others', () => {
    for (const text of ['./hello', 'mkdir -p my_app', 'ln -s ../x y', 'curl -fsSL https://example.com/x.sh | sh']) {
      const diagnostics = commandsOf(text).flatMap((command) => resolveCommand(command, context));
      expect(diagnostics.length, text).toBeGreaterThan(0);
      expect(new Set(codes(diagnostics)), text).toEqual(new Set(['command-unknown-shape']));
    }
    // `.env` is not a committed repo file: sourcing it cannot be confirmed.
    expect(codes(resolveCommand(commandOf('source .env'), context))).toEqual(['path-missing']);
  });

  it('skips commands marked on purpose', () => {
    expect(resolveCommand(commandOf('./hello_cluster', { skipReason: 'runs in the generated project' }), context)).toEqual([]);
  });

  it('checks env vars before non-script commands, and leaves script env vars to the script resolver', () => {
    const unknownRun = resolveCommand(commandOf('MESH_NODE_NAME=primary@127.0.0.1:4370 MESH_BOGUS=1 ./hello_cluster'), context);
    expect(codes(unknownRun)).toEqual(['command-unknown-shape', 'env-unknown']);
    expect(codes(resolveCommand(commandOf('MESH_BOGUS=1 cargo build -p meshc'), context))).toEqual(['env-unknown']);
    expect(codes(resolveCommand(commandOf('DATABASE_URL=postgres://x bash scripts/verify-m053-s01.sh'), context))).toEqual([]);
    expect(codes(resolveCommand(commandOf('MESH_NODE_NAME=x bash scripts/verify-m053-s01.sh'), context))).toEqual(['script-env-unread']);
    expect(codes(resolveCommand(commandOf('export MESH_BOGUS=1'), context))).toEqual(['env-unknown']);
  });

  it('routes each family to its resolver, first match wins', () => {
    expect(RESOLVERS.map((resolver) => resolver.id)).toEqual(['env', 'builtin', 'script', 'cargo', 'npm', 'meshc', 'meshpkg', 'git-clone']);
    expect(resolveCommand(commandOf('npm --prefix website run build'), context)).toEqual([]);
    expect(resolveCommand(commandOf('cargo test -p meshc --test e2e_m047_s07 -- --nocapture'), context)).toEqual([]);
    expect(resolveWith([], commandOf('true'), context).map((d) => d.code)).toEqual(['command-unknown-shape']);
  });
});

describe('repo paths and GitHub links', () => {
  it('accepts committed files and folders', () => {
    expect(checkRepoPath('examples/todo-postgres/README.md', repo, at, 'x')).toEqual([]);
    expect(checkRepoPath('scripts/fixtures/clustered/tiny-cluster/', repo, at, 'x')).toEqual([]);
  });

  it('reports missing, uncommitted and escaping paths', () => {
    const [missing] = checkRepoPath('examples/todo-postgre/README.md', repo, at, 'x');
    expect(missing?.code).toBe('path-missing');
    expect(missing?.suggestion).toBe('did you mean examples/todo-postgres/README.md?');
    expect(codes(checkRepoPath('examples/local-only/README.md', repo, at, 'x'))).toEqual(['path-untracked']);
    expect(codes(checkRepoPath('examples/local-only/', repo, at, 'x'))).toEqual(['path-untracked']);
    expect(codes(checkRepoPath('examples/todo-postgres/README.md/', repo, at, 'x'))).toEqual(['path-missing']);
    expect(codes(checkRepoPath('../etc/passwd', repo, at, 'x'))).toEqual(['path-outside-repo']);
  });

  it('checks blob links as files and tree links as folders', () => {
    const base = `https://github.com/${MESH_REPO_SLUG}`;
    expect(parseMeshRepoLink(`${base}/blob/main/scripts/verify-m053-s01.sh#L10`)).toEqual({ kind: 'blob', ref: 'main', path: 'scripts/verify-m053-s01.sh' });
    expect(checkGithubLink(`${base}/blob/main/scripts/verify-m053-s01.sh#L10-L20`, repo, at)).toEqual([]);
    expect(checkGithubLink(`${base}/tree/main/scripts/fixtures/clustered/tiny-cluster`, repo, at)).toEqual([]);
    expect(checkGithubLink(`${base}/tree/main`, repo, at)).toEqual([]);
    expect(checkGithubLink('https://github.com/other/repo/blob/main/nope.md', repo, at)).toEqual([]);
    const [typo] = checkGithubLink(`${base}/blob/main/scripts/verify-m053-s0l.sh`, repo, at);
    expect(typo?.code).toBe('link-repo-missing');
    expect(typo?.suggestion).toBe('did you mean scripts/verify-m053-s01.sh?');
    expect(checkGithubLink(`${base}/blob/main/scripts/fixtures`, repo, at)[0]?.message).toMatch(/use tree\//);
    expect(checkGithubLink(`${base}/tree/main/scripts/verify-m053-s01.sh`, repo, at)[0]?.message).toMatch(/use blob\//);
    expect(codes(checkGithubLink(`${base}/blob/main/examples/local-only/README.md`, repo, at))).toEqual(['link-repo-missing']);
  });
});
