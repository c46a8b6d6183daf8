/**
 * Cargo commands: `cargo test -p P --test T`, `cargo run -p P [--bin B] -- ARGS`, `cargo build
 * -p P`, `cargo install --path D`. Packages, test targets and binaries must exist in the
 * committed workspace; arguments after `--` are checked by the CLI checker of the binary
 * (`meshc`, `meshpkg`) and repo paths among them must exist.
 */
import { suggestName } from '../../core/did-you-mean.ts';
import type { CommandOccurrence, CommandResolver, CommandWord, Diagnostic, ResolveContext } from '../../core/types.ts';
import { parseCargoCall, type CargoCall } from './cargo-argv.ts';
import { loadCargoWorkspace, type CargoPackage, type CargoWorkspace } from './cargo-workspace.ts';
import { makeDiagnostic, unknownCwdDiagnostic } from '../../core/diagnostic.ts';
import { checkMeshcArgv, meshpkgResolver } from './meshc.ts';
import { checkRepoPath } from './paths.ts';
import { hasUnknownCwd, isUnknowable, isRepoPathWord } from './words.ts';
import { appendAll } from '../../core/append.ts';

/** Checks the argv a binary gets (words after `--`); keyed by binary name in `CargoResolverOptions`. */
export type CliArgvChecker = (
  words: readonly CommandWord[],
  context: ResolveContext,
  options: { complete: boolean; command?: CommandOccurrence },
) => Diagnostic[];

export interface CargoResolverOptions {
  /** CLI checkers by binary name (`meshc` -> `checkMeshcArgv`). */
  cliCheckers?: Readonly<Record<string, CliArgvChecker>>;
}

export function createCargoResolver(options: CargoResolverOptions = {}): CommandResolver {
  const cliCheckers = options.cliCheckers ?? {};
  return {
    id: 'cargo',
    matches: (command) => command.words[0]?.value === 'cargo',
    resolve(command, context) {
      const parsed = parseCargoCall(command.words);
      if (!parsed.ok) return [shapeProblem(command, parsed.word, parsed.message)];
      const { call } = parsed;
      // cargo finds its workspace from the folder it runs in: unknown folder, unknown workspace.
      if (hasUnknownCwd(command)) return [unknownCwdDiagnostic(command)];
      if (call.subcommand === 'install') return checkInstall(command, call, context);
      const loaded = loadCargoWorkspace(context.repo);
      if (!loaded.ok) {
        return [
          makeDiagnostic({
            code: 'cargo-unknown-package',
            position: command.position,
            subject: command.text,
            message: `The repo has no usable Cargo workspace: ${loaded.problem}.`,
            suggestion: 'check the repo root the gate reads, or stop showing cargo commands',
          }),
        ];
      }
      const workspace = loaded.workspace;
      const packageCheck = checkPackages(command, call, workspace);
      if (packageCheck.diagnostics.length > 0) return packageCheck.diagnostics;
      const targets = packageCheck.targets;
      if (call.subcommand === 'test') return checkTests(command, call, targets, workspace);
      if (call.subcommand === 'run') return checkRun(command, call, targets, context, cliCheckers);
      return [];
    },
  };
}

/** The packages a command is about: `-p` values, else the member holding `cwd`, else the root package. */
function checkPackages(
  command: CommandOccurrence,
  call: CargoCall,
  workspace: CargoWorkspace,
): { diagnostics: Diagnostic[]; targets: CargoPackage[] | undefined } {
  const diagnostics: Diagnostic[] = [];
  const targets: CargoPackage[] = [];
  let unknowable = false;
  for (const word of call.packages) {
    if (isUnknowable(word)) {
      unknowable = true;
      continue;
    }
    const found = workspace.byName.get(word.value);
    if (found) {
      targets.push(found);
      continue;
    }
    diagnostics.push(
      makeDiagnostic({
        code: 'cargo-unknown-package',
        position: word.position,
        subject: command.text,
        message: `${word.value} is not a package of the repo's Cargo workspace.`,
        suggestion: suggestName(word.value, workspace.packages.map((pkg) => pkg.name)) ?? 'name a workspace member',
      }),
    );
  }
  if (diagnostics.length > 0 || unknowable) return { diagnostics, targets: unknowable ? undefined : targets };
  if (targets.length > 0) return { diagnostics, targets };
  const cwd = command.cwd ?? '';
  const cwdMember = workspace.packages
    .filter((pkg) => pkg.dir !== '' && (cwd === pkg.dir || cwd.startsWith(`${pkg.dir}/`)))
    .sort((a, b) => b.dir.length - a.dir.length)[0];
  if (cwdMember) return { diagnostics, targets: [cwdMember] };
  if (workspace.rootPackage) return { diagnostics, targets: [workspace.rootPackage] };
  return { diagnostics, targets: workspace.packages }; // a virtual workspace acts on every member
}

function checkTests(command: CommandOccurrence, call: CargoCall, targets: CargoPackage[] | undefined, workspace: CargoWorkspace): Diagnostic[] {
  if (targets === undefined) return [];
  const known = targets.flatMap((pkg) => pkg.tests);
  return call.tests
    .filter((word) => !isUnknowable(word) && !known.includes(word.value))
    .map((word) =>
      makeDiagnostic({
        code: 'cargo-unknown-test',
        position: word.position,
        subject: command.text,
        message: `${word.value} is not a test target of ${describeTargets(targets, workspace)}.`,
        suggestion: suggestName(word.value, known) ?? `add ${targetsFolder(targets)}tests/${word.value}.rs or name an existing test target`,
      }),
    );
}

function checkRun(
  command: CommandOccurrence,
  call: CargoCall,
  targets: CargoPackage[] | undefined,
  context: ResolveContext,
  cliCheckers: Readonly<Record<string, CliArgvChecker>>,
): Diagnostic[] {
  if (targets === undefined) return [];
  if (targets.length !== 1) {
    return [
      shapeProblem(
        command,
        command.words[0] as CommandWord,
        'cargo run in a virtual workspace needs -p PACKAGE to say what runs.',
        'add -p with the package that has the binary',
      ),
    ];
  }
  const pkg = targets[0] as CargoPackage;
  const binWord = call.bins[0];
  let binary: string | undefined;
  if (binWord !== undefined) {
    if (isUnknowable(binWord)) return [];
    if (!pkg.bins.includes(binWord.value)) {
      return [
        makeDiagnostic({
          code: 'cargo-no-binary',
          position: binWord.position,
          subject: command.text,
          message: `Package ${pkg.name} has no binary named ${binWord.value}.`,
          suggestion: suggestName(binWord.value, pkg.bins) ?? `add src/bin/${binWord.value}.rs or a [[bin]] entry`,
        }),
      ];
    }
    binary = binWord.value;
  } else if (pkg.bins.length === 0) {
    return [
      makeDiagnostic({
        code: 'cargo-no-binary',
        position: command.position,
        subject: command.text,
        message: `Package ${pkg.name} has no binary to run (no src/main.rs, src/bin/*.rs or [[bin]]).`,
        suggestion: 'run a package that builds a binary',
      }),
    ];
  } else if (pkg.bins.length > 1 && pkg.defaultRun === undefined) {
    return [
      makeDiagnostic({
        code: 'cargo-no-binary',
        position: command.position,
        subject: command.text,
        message: `Package ${pkg.name} has several binaries (${pkg.bins.join(', ')}) and no default-run, so cargo cannot tell which to run.`,
        suggestion: `add --bin ${pkg.bins[0]} (or another of its binaries)`,
      }),
    ];
  } else {
    binary = pkg.defaultRun ?? pkg.bins[0];
  }
  const diagnostics: Diagnostic[] = [];
  const checker = binary === undefined ? undefined : cliCheckers[binary];
  if (checker) appendAll(diagnostics, checker(call.programArgs, context, { complete: true, command }));
  for (const word of call.programArgs) {
    if (isRepoPathWord(word)) {
      appendAll(diagnostics, checkRepoPath(word.value, context.repo, word.position, command.text, { cwd: command.cwd }));
    }
  }
  return dedupe(diagnostics);
}

function checkInstall(command: CommandOccurrence, call: CargoCall, context: ResolveContext): Diagnostic[] {
  const pathWord = call.paths[0];
  if (pathWord === undefined || call.positionals.length > 0) {
    return [
      shapeProblem(
        command,
        command.words[1] ?? (command.words[0] as CommandWord),
        'cargo install from a registry or git is not checked; only cargo install --path DIR is.',
        'show cargo install --path with a repo folder, or mark the block with gate-skip="why"',
      ),
    ];
  }
  if (isUnknowable(pathWord)) return [];
  const repo = context.repo;
  const folderCheck = checkRepoPath(pathWord.value, repo, pathWord.position, command.text, { cwd: command.cwd, expect: 'folder' });
  if (folderCheck.length > 0) return folderCheck;
  const folder = repo.normalise(pathWord.value, command.cwd) ?? pathWord.value;
  const manifest = folder === '' ? 'Cargo.toml' : `${folder}/Cargo.toml`;
  if (repo.fileStatus(manifest) === 'tracked') return [];
  return [
    makeDiagnostic({
      code: 'path-missing',
      position: pathWord.position,
      subject: command.text,
      message: `The folder ${folder || '.'} has no committed Cargo.toml, so cargo install --path cannot build it.`,
      suggestion: 'point --path at a crate folder such as compiler/meshc',
    }),
  ];
}

function shapeProblem(command: CommandOccurrence, word: CommandWord, message: string, suggestion?: string): Diagnostic {
  return makeDiagnostic({
    code: 'cargo-unknown-shape',
    position: word.position,
    subject: command.text,
    message,
    suggestion: suggestion ?? 'show a cargo test/run/build/install shape the gate checks, or mark the block with gate-skip="why"',
  });
}

function describeTargets(targets: CargoPackage[], workspace: CargoWorkspace): string {
  if (targets.length === 1) return `package ${(targets[0] as CargoPackage).name}`;
  return targets.length === workspace.packages.length ? 'any workspace member' : `packages ${targets.map((pkg) => pkg.name).join(', ')}`;
}

function targetsFolder(targets: CargoPackage[]): string {
  const only = targets.length === 1 ? (targets[0] as CargoPackage).dir : undefined;
  return only ? `${only}/` : '';
}

function dedupe(diagnostics: Diagnostic[]): Diagnostic[] {
  const seen = new Set<string>();
  return diagnostics.filter((diagnostic) => {
    const key = `${diagnostic.code}\0${diagnostic.position.file}\0${diagnostic.position.line}\0${diagnostic.position.column}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/**
 * Runs a whole-command CLI resolver (such as `meshpkgResolver`) on the argv after `--`, as if
 * the binary had been called directly: `cargo run -p meshpkg -- search x` checks `meshpkg search x`.
 */
export function checkerFromResolver(resolver: CommandResolver, binary: string): CliArgvChecker {
  return (words, context, options) => {
    const command = options.command;
    if (command === undefined) return [];
    const head: CommandWord = { value: binary, placeholder: false, dynamic: false, position: command.position };
    return resolver.resolve({ ...command, words: [head, ...words], assigns: [] }, context);
  };
}

/** The cargo resolver wired to the meshc and meshpkg command-line checkers. */
export const cargoResolver: CommandResolver = createCargoResolver({
  cliCheckers: { meshc: checkMeshcArgv, meshpkg: checkerFromResolver(meshpkgResolver, 'meshpkg') },
});
