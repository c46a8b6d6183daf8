/**
 * Words the gate cannot know fail closed. A command substitution (`$(...)`, backticks) always
 * does: its value comes from running a command the gate never runs. A parameter expansion
 * (`$NODE`) is allowed where any value would do, and fails closed where the resolver needs
 * the value. Which of the two it is, is asked of the resolver itself: the expansion is replaced
 * by a value that exists nowhere, and if the resolver then finds an error at that word, the
 * word's value matters (a subcommand, flag, script path, package, test or npm script).
 */
import type { CommandOccurrence, CommandResolver, CommandWord, Diagnostic, ResolveContext } from '../../core/types.ts';
import { makeDiagnostic } from '../../core/diagnostic.ts';

/** Stands in for an expansion; no subcommand, flag, file, package or script is named this. */
const PROBE = 'gate-unknowable-value';
const SUBSTITUTION = /\$\(|`/;
const PARAMETER = /\$(\{[^}]*\}|[A-Za-z_][A-Za-z0-9_]*|[0-9@*#?$!-])/g;

/**
 * Findings for the unknowable words of a command; [] when it has none that matter. `resolvers`
 * are asked in order: the first that owns the command, or else the command with its
 * expansions probed (`bash scripts/$RAIL.sh` is a script command whatever `$RAIL` is).
 */
export function dynamicWordFindings(resolvers: readonly CommandResolver[], command: CommandOccurrence, context: ResolveContext): Diagnostic[] {
  const dynamic = command.words.filter((word) => word.dynamic && !word.placeholder && word.value.includes('$'));
  const substituted = command.words.filter((word) => word.dynamic && SUBSTITUTION.test(word.value));
  if (substituted.length > 0) return substituted.map((word) => finding(command, word, 'is built by command substitution, which runs a command the gate never runs'));
  if (dynamic.length === 0) return [];

  const probe: CommandOccurrence = {
    ...command,
    words: command.words.map((word) => (dynamic.includes(word) ? { ...word, value: word.value.replace(PARAMETER, PROBE), dynamic: false } : word)),
  };
  const resolver = resolvers.find((candidate) => candidate.matches(command)) ?? resolvers.find((candidate) => candidate.matches(probe));
  if (resolver === undefined) return [];
  const probed = resolver.resolve(probe, context).filter((d) => d.severity === 'error');
  return dynamic
    .filter((word) => probed.some((d) => d.position.line === word.position.line && d.position.column === word.position.column))
    .map((word) => finding(command, word, 'expands to a value only known when it runs, and the gate needs that value to check the command'));
}

function finding(command: CommandOccurrence, word: CommandWord, why: string): Diagnostic {
  const how = command.origin === 'code-block' ? 'the fence meta gate-skip="why"' : ':gate-skip[...]{reason="why"}';
  return makeDiagnostic({
    code: 'command-dynamic-word',
    position: word.position,
    subject: command.text,
    message: `\`${word.value}\` ${why}, so the command cannot be checked.`,
    suggestion: `write the value out (or a placeholder such as <name> for a value the reader supplies), or mark the command on purpose with ${how}`,
  });
}
