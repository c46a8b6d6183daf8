/**
 * The commands of the Distributed Proof page that the script, cargo, npm and env resolvers own
 * must pass against the bundled sample repo (copied here: tests never read outside the project).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { locateRepo } from '../src/repo/locate-mesh-repo.ts';
import { openRepo } from '../src/repo/repo-view.ts';
import { prepareCliModels } from '../src/gate/resolvers/meshc.ts';
import { checkAssignsAgainstSource } from '../src/gate/resolvers/env.ts';
import { checkRepoPath } from '../src/gate/resolvers/paths.ts';
import { resolveCommand } from '../src/gate/resolvers/registry.ts';
import type { ResolveContext } from '../src/core/types.ts';
import { commandsOf } from './helpers/parse-commands.ts';

const siteRoot = path.resolve(import.meta.dirname, '..');
const located = locateRepo({ siteRoot, env: {} });
// Walk the disk: the sample may not be committed yet while the site is being built.
const repo = openRepo(located.root, located.kind, { useGit: false });
const siteScripts = (JSON.parse(readFileSync(path.join(siteRoot, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;
const context: ResolveContext = { repo, siteScripts };

const PROOF_COMMANDS = `bash scripts/verify-m053-s01.sh
bash scripts/verify-m053-s02.sh
bash scripts/verify-m053-s03.sh
bash scripts/verify-m051-s01.sh
bash scripts/verify-m051-s02.sh
bash scripts/verify-m047-s04.sh
bash scripts/verify-m047-s05.sh
cargo test -p meshc --test e2e_m047_s07 -- --nocapture
bash scripts/verify-m047-s06.sh
bash scripts/verify-m046-s06.sh
bash scripts/verify-m046-s05.sh
bash scripts/verify-m046-s04.sh
bash scripts/verify-m045-s05.sh
bash scripts/verify-m045-s04.sh
bash scripts/verify-m045-s03.sh
cargo run -q -p meshc -- build scripts/fixtures/clustered/tiny-cluster
cargo run -q -p meshc -- test scripts/fixtures/clustered/tiny-cluster/tests
cargo run -q -p meshc -- build scripts/fixtures/clustered/cluster-proof
cargo run -q -p meshc -- test scripts/fixtures/clustered/cluster-proof/tests
npm --prefix website run build
bash scripts/verify-m043-s04-fly.sh --help
CLUSTER_PROOF_FLY_APP=mesh-cluster-proof \\
CLUSTER_PROOF_BASE_URL=https://mesh-cluster-proof.fly.dev \\
  bash scripts/verify-m043-s04-fly.sh
cargo run -q -p meshc -- build scripts/fixtures/clustered/tiny-cluster && cargo run -q -p meshc -- test scripts/fixtures/clustered/tiny-cluster/tests
CLUSTER_PROOF_REQUEST_KEY=existing-key CLUSTER_PROOF_FLY_APP=mesh-cluster-proof CLUSTER_PROOF_BASE_URL=https://mesh-cluster-proof.fly.dev bash scripts/verify-m043-s04-fly.sh
DATABASE_URL=postgres://localhost/mesh bash scripts/verify-m053-s01.sh`;

const REPO_PATHS = ['examples/todo-postgres/README.md', 'examples/todo-sqlite/README.md', 'scripts/fixtures/clustered/tiny-cluster/'];

beforeAll(async () => {
  await prepareCliModels(repo);
});

describe('Distributed Proof commands against the bundled sample', () => {
  it('locates the bundled sample from the site root', () => {
    expect(located.kind).toBe('sample');
  });

  it('resolves every command', () => {
    const commands = commandsOf(PROOF_COMMANDS);
    expect(commands.length).toBe(26);
    const findings = commands.flatMap((command) => resolveCommand(command, context));
    expect(findings).toEqual([]);
  });

  it('resolves the repo paths the page names', () => {
    const at = { file: 'page.md', line: 1, column: 1 };
    expect(REPO_PATHS.flatMap((repoPath) => checkRepoPath(repoPath, repo, at, repoPath))).toEqual([]);
  });

  it('finds the runtime env vars the walkthroughs set', () => {
    const run = `MESH_CLUSTER_COOKIE=dev-cookie MESH_NODE_NAME=primary@127.0.0.1:4370 MESH_DISCOVERY_SEED=localhost \\
  MESH_CLUSTER_PORT=4370 MESH_CONTINUITY_ROLE=primary MESH_CONTINUITY_PROMOTION_EPOCH=0 ./hello_cluster`;
    const [command] = commandsOf(run, { skipReason: 'runs in the generated project' });
    expect(command && checkAssignsAgainstSource(command.assigns, repo)).toEqual([]);
  });

  it('still catches typos against the sample', () => {
    const [typo] = commandsOf('bash scripts/verify-m053-s0l.sh').flatMap((command) => resolveCommand(command, context));
    expect(typo?.suggestion).toBe('did you mean scripts/verify-m053-s01.sh?');
    const unread = commandsOf('CLUSTER_PROOF_FLY_APPS=x bash scripts/verify-m043-s04-fly.sh').flatMap((command) => resolveCommand(command, context));
    expect(unread.map((d) => d.code)).toEqual(['script-env-unread']);
    const run = (text: string) => commandsOf(text).flatMap((command) => resolveCommand(command, context)).map((d) => d.code);
    expect(run('cargo run -q -p meshc -- biuld scripts/fixtures/clustered/tiny-cluster')).toEqual(['cli-unknown-subcommand']);
    expect(run('cargo run -q -p meshc -- build scripts/fixtures/clustered/tiny-clustr')).toEqual(['path-missing']);
    expect(run('cargo run -p meshpkg -- --json search http')).toEqual([]);
    expect(run('cargo run -p meshpkg -- serch http')).toEqual(['cli-unknown-subcommand']);
  });
});
