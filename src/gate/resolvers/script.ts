/**
 * Repo scripts: `bash scripts/x.sh [args]`, `sh x.sh`, `./scripts/x.sh`. The script must be
 * committed, must handle `--help`/`-h` when shown with it, and must read every env var the page
 * sets before it (itself or through the files it sources or runs).
 */
import path from 'node:path';
import { isNotCommitted, notCommittedCode, notCommittedFix, notCommittedState } from './not-committed.ts';
import { closest, didYouMean } from '../../core/did-you-mean.ts';
import type { CommandOccurrence, CommandResolver, CommandWord, Diagnostic, RepoView } from '../../core/types.ts';
import { makeDiagnostic, unknownCwdDiagnostic } from '../../core/diagnostic.ts';
import { childrenOf, suggestNearPath } from './paths.ts';
import { scriptArgs } from './script-args.ts';
import { mentionsName, scriptClosure, scriptFacts, upperSnakeNames } from './script-text.ts';
import { hasUnknownCwd, isUnknowable } from './words.ts';

const SHELLS = new Set(['bash', 'sh']);
const HELP_FLAGS = new Set(['--help', '-h']);
const SCRIPT_PATH = /^(?:\.{1,2}\/|[A-Za-z0-9_.-]+\/)[A-Za-z0-9_./-]*\.(?:sh|bash)$/;

export interface ScriptInvocation {
  script: CommandWord;
  args: CommandWord[];
}

/** The script word and its arguments, or undefined when the command does not run a script file. */
export function readScriptInvocation(command: CommandOccurrence): ScriptInvocation | undefined {
  const [head, ...rest] = command.words;
  if (head === undefined || head.dynamic || head.placeholder) return undefined;
  if (SCRIPT_PATH.test(head.value)) return { script: head, args: rest };
  if (!SHELLS.has(head.value)) return undefined;
  let index = 0;
  while (index < rest.length) {
    const word = rest[index] as CommandWord;
    if (word.value === '--') {
      index += 1;
      break;
    }
    if (!/^[-+]/.test(word.value) || word.value === '-') break;
    if (word.value === '-c' || word.value === '-s' || word.value === '-i') return undefined; // not a script file
    if (word.value === '-o' || word.value === '+o') index += 1; // `-o pipefail`
    index += 1;
  }
  const script = rest[index];
  if (script === undefined || isUnknowable(script) || script.value === '-') return undefined;
  return { script, args: rest.slice(index + 1) };
}

export const scriptResolver: CommandResolver = {
  id: 'script',
  matches: (command) => readScriptInvocation(command) !== undefined,
  resolve(command, context) {
    const invocation = readScriptInvocation(command);
    if (invocation === undefined) return [];
    const { repo } = context;
    const { script, args } = invocation;
    const subject = command.text;
    if (hasUnknownCwd(command)) return [unknownCwdDiagnostic(command, script.position)];
    const relative = repo.normalise(script.value, command.cwd);
    if (relative === undefined) {
      return [
        makeDiagnostic({
          code: 'path-outside-repo',
          position: script.position,
          subject,
          message: `The script ${script.value} is outside the repo root.`,
          suggestion: 'show a script path relative to the repo root',
        }),
      ];
    }
    const status = repo.fileStatus(relative);
    if (status === 'missing') {
      return [
        makeDiagnostic({
          code: 'script-missing',
          position: script.position,
          subject,
          message: `The script ${relative} does not exist in the repo.`,
          suggestion: suggestScript(repo, relative) ?? 'show a script that exists in the repo',
        }),
      ];
    }
    if (isNotCommitted(status)) {
      return [
        makeDiagnostic({
          code: notCommittedCode(status, 'script'),
          position: script.position,
          subject,
          message: `The script ${relative} ${notCommittedState(status)}.`,
          suggestion: notCommittedFix(status, relative),
        }),
      ];
    }
    return [...checkArguments(repo, relative, args, subject), ...checkAssignsRead(repo, relative, command, subject)];
  },
};

/** Did-you-mean among the scripts next to the missing one, else by fixing the path. */
function suggestScript(repo: RepoView, relative: string): string | undefined {
  const folder = path.posix.dirname(relative);
  const parent = folder === '.' ? '' : folder;
  const siblings = childrenOf(repo, parent).filter((name) => repo.fileStatus(parent ? `${parent}/${name}` : name) === 'tracked');
  const [near] = closest(path.posix.basename(relative), siblings);
  if (near !== undefined) return didYouMean([parent ? `${parent}/${near}` : near]);
  return suggestNearPath(repo, relative);
}

/**
 * Every flag and value shown to the script must be one its argument handling accepts (read by
 * script-args.ts, sourced files included); a script whose handling cannot be read fails closed.
 */
function checkArguments(repo: RepoView, relative: string, args: CommandWord[], subject: string): Diagnostic[] {
  if (args.length === 0) return [];
  const accepted = scriptArgs(repo, relative);
  if (!accepted.readable) {
    return [
      makeDiagnostic({
        code: 'script-args-unread',
        position: args[0]!.position,
        subject,
        message: `The script ${relative} is shown with arguments, but the gate cannot read how it takes them (${accepted.why}).`,
        suggestion: `read them with a \`case "$1"\` (or getopts) in ${relative}, or mark the command gate-skip with the reason`,
      }),
    ];
  }
  const found: Diagnostic[] = [];
  const flagNames = [...accepted.flags.keys()];
  let flagsEnd = false;
  for (let i = 0; i < args.length; i++) {
    const word = args[i]!;
    if (word.dynamic && !word.placeholder) continue; // only the shell knows it
    if (!flagsEnd && word.value === '--') {
      flagsEnd = true;
      continue;
    }
    if (!flagsEnd && word.value.startsWith('-') && word.value !== '-') {
      const [name, inline] = word.value.split(/=(.*)/s, 2) as [string, string | undefined];
      const spec = accepted.flags.get(name);
      if (spec === undefined) {
        found.push(unknownFlag(relative, word, name, flagNames, subject));
        continue;
      }
      if (!spec.value) continue;
      const valueWord = inline !== undefined ? { ...word, value: inline } : args[++i];
      if (valueWord === undefined) {
        found.push(makeDiagnostic({ code: 'script-bad-value', position: word.position, subject, message: `${name} of ${relative} takes a value, and none is shown.`, suggestion: spec.values ? `give one of: ${spec.values.join(', ')}` : `give ${name} its value` }));
      } else if (spec.values && !isUnknowable(valueWord) && !spec.values.includes(valueWord.value)) {
        found.push(badValue(relative, valueWord, `${name} of ${relative}`, spec.values, subject));
      }
      continue;
    }
    const positional = accepted.positional;
    if (positional.kind === 'none') {
      found.push(
        makeDiagnostic({
          code: 'script-unknown-arg',
          position: word.position,
          subject,
          message: `The script ${relative} takes no ${flagNames.length > 0 ? 'arguments but its flags' : 'arguments'}, and it is shown with ${word.value}.`,
          suggestion: flagNames.length > 0 ? `its flags: ${flagNames.join(', ')}` : `stop showing ${word.value}`,
        }),
      );
    } else if (positional.kind === 'values' && !isUnknowable(word) && !positional.values.includes(word.value)) {
      found.push(badValue(relative, word, `The script ${relative}`, positional.values, subject));
    }
  }
  return found;
}

function unknownFlag(relative: string, word: CommandWord, name: string, known: string[], subject: string): Diagnostic {
  // A help flag the script does not handle keeps its own code.
  const help = HELP_FLAGS.has(name);
  return makeDiagnostic({
    code: help ? 'script-no-help' : 'script-unknown-flag',
    position: word.position,
    subject,
    message: help
      ? `The script ${relative} is shown with ${name} but never handles ${name}.`
      : `The script ${relative} does not take ${name}${known.length > 0 ? ` (it takes ${known.join(', ')})` : ' (it takes no flags)'}.`,
    suggestion: help
      ? `add a ${name} case to ${relative} that prints its usage, or stop showing ${name}`
      : (didYouMean(closest(name, known)) ?? (known.length > 0 ? `use one of: ${known.join(', ')}` : `stop showing ${name}`)),
  });
}

function badValue(relative: string, word: CommandWord, what: string, values: string[], subject: string): Diagnostic {
  return makeDiagnostic({
    code: 'script-bad-value',
    position: word.position,
    subject,
    message: `${what} does not take ${word.value}; its values are ${values.join(', ')}.`,
    suggestion: didYouMean(closest(word.value, values)) ?? `use one of: ${values.join(', ')}`,
  });
}

function checkAssignsRead(repo: RepoView, relative: string, command: CommandOccurrence, subject: string): Diagnostic[] {
  if (command.assigns.length === 0) return [];
  const files = scriptClosure(repo, relative, 'all');
  const codes = files.map((file) => scriptFacts(repo, file)?.code ?? '');
  const diagnostics: Diagnostic[] = [];
  for (const assign of command.assigns) {
    if (codes.some((code) => mentionsName(code, assign.name))) continue;
    const known = new Set<string>();
    for (const code of codes) for (const name of upperSnakeNames(code)) known.add(name);
    const looked = files.length > 3 ? `${files.slice(0, 3).join(', ')} and ${files.length - 3} more` : files.join(', ');
    diagnostics.push(
      makeDiagnostic({
        code: 'script-env-unread',
        position: assign.position,
        subject,
        message: `${assign.name} is set before ${relative}, but neither it nor the files it sources or runs read it (looked in ${looked}).`,
        suggestion:
          didYouMean(closest(assign.name, known)) ?? `remove ${assign.name}=... or make ${relative} read it`,
      }),
    );
  }
  return diagnostics;
}
