/**
 * Resolvers for `meshc ...` and `meshpkg ...`: each shown command is checked against the
 * command line read from the binary's clap source in the Mesh repo. Reading that source is
 * async (tree-sitter), resolving is sync, so `prepareCliModels` must be awaited once first.
 */
import { checkCliArgs, type CliFinding } from '../clap/check-args.ts';
import { type CliEntry, type CliModelResult, isCliModel, loadCliModel } from '../clap/parse-clap.ts';
import type {
  CommandOccurrence,
  CommandResolver,
  CommandWord,
  Diagnostic,
  RepoView,
  ResolveContext,
  SourcePosition,
} from '../../core/types.ts';

/** Where each binary's clap root lives in the Mesh repo. */
export const CLI_ENTRIES = {
  meshc: { bin: 'meshc', mainPath: 'compiler/meshc/src/main.rs' },
  meshpkg: { bin: 'meshpkg', mainPath: 'compiler/meshpkg/src/main.rs' },
} as const satisfies Record<string, CliEntry>;

type CliName = keyof typeof CLI_ENTRIES;

const preparedByView = new WeakMap<RepoView, Map<CliName, CliModelResult>>();
// A second key, for callers that build a fresh RepoView object for the same checkout.
const preparedByRoot = new Map<string, Map<CliName, CliModelResult>>();

const rootKey = (repo: RepoView): string => `${repo.root}\0${repo.commit ?? ''}`;

/** Loads the meshc and meshpkg models of `repo`; await once before resolving commands. */
export async function prepareCliModels(repo: RepoView): Promise<void> {
  const models = new Map<CliName, CliModelResult>();
  for (const name of Object.keys(CLI_ENTRIES) as CliName[]) {
    models.set(name, await loadCliModel(repo, CLI_ENTRIES[name]));
  }
  preparedByView.set(repo, models);
  preparedByRoot.set(rootKey(repo), models);
}

function preparedModel(repo: RepoView, name: CliName): CliModelResult | undefined {
  return (preparedByView.get(repo) ?? preparedByRoot.get(rootKey(repo)))?.get(name);
}

interface Target {
  subject: string;
  /** Where to point when the finding is about the program itself. */
  position: SourcePosition;
  complete: boolean;
}

function toDiagnostic(finding: CliFinding, args: readonly CommandWord[], target: Target): Diagnostic {
  const word = finding.wordIndex >= 0 ? args[finding.wordIndex] : undefined;
  return {
    code: `cli-${finding.kind}`,
    severity: 'error',
    position: word?.position ?? target.position,
    subject: target.subject,
    message: finding.message,
    ...(finding.suggestion !== undefined ? { suggestion: finding.suggestion } : {}),
  };
}

function checkArgs(name: CliName, args: readonly CommandWord[], context: ResolveContext, target: Target): Diagnostic[] {
  const entry = CLI_ENTRIES[name];
  const result = preparedModel(context.repo, name);
  const sourceMissing = (message: string, suggestion: string): Diagnostic[] => [
    { code: 'cli-source-missing', severity: 'error', position: target.position, subject: target.subject, message, suggestion },
  ];
  if (!result) {
    return sourceMissing(
      `The ${name} command line was not loaded before this command was checked.`,
      'Await prepareCliModels(repo) once before resolving commands.',
    );
  }
  if (!isCliModel(result)) {
    return sourceMissing(
      `The ${name} command line could not be read: ${result.error}.`,
      `Check that ${entry.mainPath} exists in the Mesh repo and declares its clap Parser.`,
    );
  }
  return checkCliArgs(result, args, { complete: target.complete }).map((f) => toDiagnostic(f, args, target));
}

function cliResolver(name: CliName): CommandResolver {
  return {
    id: name,
    matches(command: CommandOccurrence): boolean {
      const head = command.words[0];
      return head !== undefined && !head.placeholder && !head.dynamic && head.value === name;
    },
    resolve(command: CommandOccurrence, context: ResolveContext): Diagnostic[] {
      if (command.skipReason !== undefined) return [];
      const [head, ...args] = command.words;
      return checkArgs(name, args, context, {
        subject: command.text,
        position: head?.position ?? command.position,
        // Prose may cite `meshc cluster status` without the arguments a real run needs.
        complete: command.origin !== 'inline-code',
      });
    },
  };
}

export const meshcResolver: CommandResolver = cliResolver('meshc');
export const meshpkgResolver: CommandResolver = cliResolver('meshpkg');

/**
 * Checks meshc arguments shown elsewhere, such as after `--` in `cargo run -p meshc -- ...`.
 * `words` are the arguments only (no program name). Pass the whole command for the subject
 * and for a position when a finding concerns the program rather than one word.
 */
export function checkMeshcArgv(
  words: readonly CommandWord[],
  context: ResolveContext,
  opts: { complete: boolean; command?: CommandOccurrence; position?: SourcePosition },
): Diagnostic[] {
  const position = opts.position ?? opts.command?.position ?? words[0]?.position;
  return checkArgs('meshc', words, context, {
    subject: opts.command?.text ?? ['meshc', ...words.map((w) => w.value)].join(' '),
    position: position ?? { file: '', line: 1, column: 1 },
    complete: opts.complete,
  });
}
