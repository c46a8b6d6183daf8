import { afterAll, describe, expect, it } from 'vitest';
import { loadCargoWorkspace } from '../src/gate/resolvers/cargo-workspace.ts';
import { parseCargoCall } from '../src/gate/resolvers/cargo-argv.ts';
import { cargoResolver as wiredCargoResolver, createCargoResolver } from '../src/gate/resolvers/cargo.ts';
import { checkMeshcArgv, prepareCliModels } from '../src/gate/resolvers/meshc.ts';
import type { CommandWord, Diagnostic } from '../src/core/types.ts';
import { meshLikeFiles } from './helpers/mesh-like-files.ts';
import { commandOf } from './helpers/parse-commands.ts';
import { contextFor, removeTempDirs, tempRepo, writeFiles } from './helpers/temp-repo.ts';

afterAll(removeTempDirs);

const repo = tempRepo(meshLikeFiles(), { git: true });
writeFiles(repo.root, { 'scripts/fixtures/local-only/main.mpl': 'x\n' });
const context = contextFor(repo);
// Without CLI checkers: these tests are about cargo itself (the wired one is tested at the end).
const cargoResolver = createCargoResolver();

function resolve(text: string, cwd?: string): Diagnostic[] {
  const command = commandOf(text, cwd === undefined ? {} : { cwd });
  expect(cargoResolver.matches(command)).toBe(true);
  return cargoResolver.resolve(command, context);
}
const codes = (diagnostics: Diagnostic[]): string[] => diagnostics.map((d) => d.code);

describe('cargo workspace model', () => {
  it('reads members (globs, excludes), names, binaries and test targets', () => {
    const loaded = loadCargoWorkspace(repo);
    if (!loaded.ok) throw new Error(loaded.problem);
    const names = loaded.workspace.packages.map((pkg) => pkg.name);
    expect(names.sort()).toEqual(['mesh-rt', 'meshc', 'meshpkg', 'xtask']);
    const meshc = loaded.workspace.byName.get('meshc');
    expect(meshc?.bins).toEqual(['meshc']);
    expect(meshc?.tests.sort()).toEqual(['e2e_m047_s07', 'e2e_support']);
    expect(loaded.workspace.byName.get('meshpkg')?.tests).toEqual(['registry_flow']);
    expect(loaded.workspace.byName.get('xtask')?.bins).toEqual(['xtask', 'gen-docs']);
    expect(loaded.workspace.byName.get('mesh-rt')?.bins).toEqual([]);
  });
});

describe('cargo test', () => {
  it('resolves a real package and test target, in every flag form', () => {
    expect(resolve('cargo test -p meshc --test e2e_m047_s07 -- --nocapture')).toEqual([]);
    expect(resolve('cargo test --package meshc --test=e2e_m047_s07')).toEqual([]);
    expect(resolve('cargo test -p=meshc --test e2e_support')).toEqual([]);
    expect(resolve('cargo test -pmeshpkg --test registry_flow')).toEqual([]);
    expect(resolve('cargo test -q --release -p meshc --test e2e_m047_s07 some_filter -- --nocapture')).toEqual([]);
    expect(resolve('cargo test --test e2e_m047_s07')).toEqual([]); // any member
    expect(resolve('cargo test --test e2e_m047_s07', 'compiler/meshc')).toEqual([]); // cwd member
  });

  it('reports an unknown package with did-you-mean', () => {
    const [diagnostic] = resolve('cargo test -p mesh-c --test e2e_m047_s07');
    expect(diagnostic?.code).toBe('cargo-unknown-package');
    expect(diagnostic?.suggestion).toBe('did you mean meshc?');
    expect(diagnostic?.position.column).toBe(15);
    expect(codes(resolve('cargo build -p registry'))).toEqual(['cargo-unknown-package']); // excluded
  });

  it('reports an unknown test target with did-you-mean', () => {
    const [diagnostic] = resolve('cargo test -p meshc --test e2e_m047_s7 -- --nocapture');
    expect(diagnostic?.code).toBe('cargo-unknown-test');
    expect(diagnostic?.suggestion).toBe('did you mean e2e_m047_s07?');
    expect(codes(resolve('cargo test -p mesh-rt --test e2e_m047_s07'))).toEqual(['cargo-unknown-test']);
    expect(codes(resolve('cargo test --test e2e_m047_s07', 'compiler/mesh-rt'))).toEqual(['cargo-unknown-test']);
  });
});

describe('cargo run / build / install', () => {
  it('resolves runs of packages with one binary, and checks repo paths among the args', () => {
    expect(resolve('cargo run -q -p meshc -- build scripts/fixtures/clustered/tiny-cluster')).toEqual([]);
    expect(resolve('cargo run -p meshc -- test scripts/fixtures/clustered/tiny-cluster/tests')).toEqual([]);
    expect(resolve('cargo run -p meshpkg --bin meshpkg -- --json search http')).toEqual([]);
    expect(resolve('cargo run -p xtask --bin gen-docs')).toEqual([]);
    const [missing] = resolve('cargo run -q -p meshc -- build scripts/fixtures/clustered/tiny-clustr');
    expect(missing?.code).toBe('path-missing');
    expect(missing?.suggestion).toBe('did you mean scripts/fixtures/clustered/tiny-cluster?');
    expect(codes(resolve('cargo run -q -p meshc -- build scripts/fixtures/local-only'))).toEqual(['path-untracked']);
  });

  it('reports packages without the binary asked for', () => {
    expect(codes(resolve('cargo run -p mesh-rt'))).toEqual(['cargo-no-binary']);
    expect(codes(resolve('cargo run -p xtask'))).toEqual(['cargo-no-binary']); // several, no default-run
    const [wrongBin] = resolve('cargo run -p xtask --bin gen-doc');
    expect(wrongBin?.code).toBe('cargo-no-binary');
    expect(wrongBin?.suggestion).toBe('did you mean gen-docs?');
    expect(codes(resolve('cargo run -- build .'))).toEqual(['cargo-unknown-shape']); // virtual workspace
  });

  it('checks build packages and install paths', () => {
    expect(resolve('cargo build -p meshc --release')).toEqual([]);
    expect(resolve('cargo build')).toEqual([]);
    expect(resolve('cargo install --path compiler/meshc --locked')).toEqual([]);
    expect(resolve('cargo install --path=compiler/meshpkg')).toEqual([]);
    expect(codes(resolve('cargo install --path compiler/mesh-c'))).toEqual(['path-missing']);
    expect(codes(resolve('cargo install --path scripts'))).toEqual(['path-missing']); // no Cargo.toml
  });

  it('reports shapes it does not check', () => {
    expect(codes(resolve('cargo fmt --all'))).toEqual(['cargo-unknown-shape']);
    expect(codes(resolve('cargo install meshc'))).toEqual(['cargo-unknown-shape']);
    expect(codes(resolve('cargo test -p meshc --example demo'))).toEqual(['cargo-unknown-shape']);
    expect(codes(resolve('cargo test -p'))).toEqual(['cargo-unknown-shape']);
    expect(codes(resolve('cargo'))).toEqual(['cargo-unknown-shape']);
    expect(codes(resolve('cargo build -p meshc', '<unknown>'))).toEqual(['command-unknown-shape']);
  });

  it('reports a repo without a Cargo workspace', () => {
    const empty = tempRepo({ 'README.md': '# x\n' });
    const command = commandOf('cargo build -p meshc');
    expect(codes(cargoResolver.resolve(command, contextFor(empty)))).toEqual(['cargo-unknown-package']);
  });
});

describe('cargo run hands program args to the CLI checker of its binary', () => {
  it('calls the checker registered for the binary with the words after --', () => {
    const seen: string[][] = [];
    const resolver = createCargoResolver({
      cliCheckers: {
        meshc: (words: readonly CommandWord[]) => {
          seen.push(words.map((word) => word.value));
          return [];
        },
      },
    });
    resolver.resolve(commandOf('cargo run -q -p meshc -- cluster status <node> --json'), context);
    resolver.resolve(commandOf('cargo run -p meshpkg -- search x'), context);
    expect(seen).toEqual([['cluster', 'status', '<node>', '--json']]);
    expect(parseCargoCall(commandOf('cargo run -p meshc build .').words)).toMatchObject({ ok: true });
  });
});

// Integration with the real meshc checker (src/gate/resolvers/meshc.ts reads meshc's clap source).
describe('cargo run -p meshc with the real meshc checker', () => {
  it('passes good meshc args and reports bad ones', async () => {
    const cliRepo = tempRepo(
      {
        ...meshLikeFiles(),
        'compiler/meshc/src/main.rs': [
          'use clap::{Parser, Subcommand};',
          '#[derive(Parser)]',
          'struct Cli {',
          '    #[command(subcommand)]',
          '    command: Commands,',
          '}',
          '#[derive(Subcommand)]',
          'enum Commands {',
          '    /// Build a project',
          '    Build {',
          '        dir: String,',
          '        #[arg(long)]',
          '        json: bool,',
          '    },',
          '    /// Run tests',
          '    Test {',
          '        path: Option<String>,',
          '    },',
          '}',
          'fn main() {}',
          '',
        ].join('\n'),
      },
      { git: true },
    );
    await prepareCliModels(cliRepo);
    const resolver = createCargoResolver({ cliCheckers: { meshc: checkMeshcArgv } });
    const cliContext = contextFor(cliRepo);
    expect(codes(wiredCargoResolver.resolve(commandOf('cargo run -p meshc -- biuld x'), cliContext))).toContain('cli-unknown-subcommand');
    expect(resolver.resolve(commandOf('cargo run -q -p meshc -- build scripts/fixtures/clustered/tiny-cluster'), cliContext)).toEqual([]);
    const bad = resolver.resolve(commandOf('cargo run -q -p meshc -- biuld scripts/fixtures/clustered/tiny-cluster'), cliContext);
    expect(codes(bad)).toContain('cli-unknown-subcommand');
  });
});
