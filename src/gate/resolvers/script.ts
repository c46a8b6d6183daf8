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
import { mentionsFlag, mentionsName, scriptClosure, scriptFacts, upperSnakeNames } from './script-text.ts';
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
    return [...checkHelpFlags(repo, relative, args, subject), ...checkAssignsRead(repo, relative, command, subject)];
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

function checkHelpFlags(repo: RepoView, relative: string, args: CommandWord[], subject: string): Diagnostic[] {
  const shown = args.filter((word) => HELP_FLAGS.has(word.value));
  if (shown.length === 0) return [];
  // Sourced files share the script's arguments, so a shared argument parser counts.
  const files = scriptClosure(repo, relative, 'source');
  return shown
    .filter((flag) => !files.some((file) => mentionsFlag(scriptFacts(repo, file)?.code ?? '', flag.value)))
    .map((flag) =>
      makeDiagnostic({
        code: 'script-no-help',
        position: flag.position,
        subject,
        message: `The script ${relative} is shown with ${flag.value} but never handles ${flag.value}.`,
        suggestion: `add a ${flag.value} case to ${relative} that prints its usage, or stop showing ${flag.value}`,
      }),
    );
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
