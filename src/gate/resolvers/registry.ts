/**
 * Every command resolver, in match order (the first that matches owns the command), and the
 * entry point the runner calls per command.
 */
import type { CommandOccurrence, CommandResolver, Diagnostic, ResolveContext } from '../../core/types.ts';
import { builtinResolver } from './builtin.ts';
import { cargoResolver } from './cargo.ts';
import { resolveWith } from './dispatch.ts';
import { envExportResolver } from './env.ts';
import { gitCloneResolver } from './git-clone.ts';
import { meshcResolver, meshpkgResolver } from './meshc.ts';
import { npmResolver } from './npm.ts';
import { scriptResolver } from './script.ts';

export const RESOLVERS: readonly CommandResolver[] = [
  envExportResolver, // bare `export NAME=...` before the builtin resolver sees `export`
  builtinResolver,
  scriptResolver,
  cargoResolver,
  npmResolver,
  meshcResolver,
  meshpkgResolver,
  gitCloneResolver,
];

/** Every finding for one command; [] when it resolves or is marked as skipped. */
export function resolveCommand(command: CommandOccurrence, context: ResolveContext): Diagnostic[] {
  return resolveWith(RESOLVERS, command, context);
}
