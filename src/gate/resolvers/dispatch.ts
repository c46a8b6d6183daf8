/**
 * Sends a command to the first resolver that owns it. Commands no resolver owns fail closed:
 * a command the gate cannot check is an error unless the page marks it as skipped on purpose.
 */
import type { CommandOccurrence, CommandResolver, Diagnostic, ResolveContext } from '../../core/types.ts';
import { makeDiagnostic } from '../../core/diagnostic.ts';
import { dynamicWordFindings } from './dynamic-words.ts';
import { checkAssignsAgainstSource } from './env.ts';

/** Resolvers that judge the assignments before their commands themselves (a script must read them). */
const RESOLVERS_OWNING_ASSIGNS = new Set(['script', 'env']);

export function resolveWith(
  resolvers: readonly CommandResolver[],
  command: CommandOccurrence,
  context: ResolveContext,
): Diagnostic[] {
  // A skipped command is not resolved, but the env vars it shows are still names the repo
  // must read: skipping says "this runs elsewhere", not "these names are made up".
  if (command.skipReason !== undefined) return checkAssignsAgainstSource(command.assigns, context.repo, command.text);
  if (command.words.length === 0 && command.assigns.length === 0) return [];
  const resolver = resolvers.find((candidate) => candidate.matches(command));
  const envDiagnostics =
    resolver !== undefined && RESOLVERS_OWNING_ASSIGNS.has(resolver.id)
      ? []
      : checkAssignsAgainstSource(command.assigns, context.repo, command.text);
  const unknowable = dynamicWordFindings(resolvers, command, context);
  if (unknowable.length > 0) return [...envDiagnostics, ...unknowable];
  if (resolver === undefined) return [unknownShape(command), ...envDiagnostics];
  return [...envDiagnostics, ...resolver.resolve(command, context)];
}

/** The error for a command no resolver checks; says how to skip it on purpose. */
export function unknownShape(command: CommandOccurrence): Diagnostic {
  const head = command.words[0];
  const name = head?.value ?? command.text;
  const how =
    command.origin === 'code-block'
      ? 'mark its code block on purpose with the fence meta gate-skip="why"'
      : 'wrap it on purpose in :gate-skip[...]{reason="why"}';
  return makeDiagnostic({
    code: 'command-unknown-shape',
    position: head?.position ?? command.position,
    subject: command.text,
    message: `The gate has no check for ${name} commands of this shape, so it cannot confirm this one works.`,
    suggestion: `show a command the gate checks (repo scripts, cargo, npm, meshc, meshpkg), or ${how}`,
  });
}
