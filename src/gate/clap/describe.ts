/** Short human labels for parts of the CLI model, used in findings. */
import type { CommandSpec, FlagSpec, PositionalSpec } from './model.ts';
import { appendAll } from '../../core/append.ts';

export function flagLabel(flag: FlagSpec): string {
  return flag.long !== undefined ? `--${flag.long}` : `-${flag.short ?? '?'}`;
}

/** `-o/--output` style, for lists of choices. */
export function flagChoices(flags: readonly FlagSpec[]): string {
  return flags
    .map((f) => (f.long !== undefined && f.short !== undefined ? `-${f.short}/--${f.long}` : flagLabel(f)))
    .join(', ');
}

export function positionalLabel(p: PositionalSpec): string {
  const base = p.required ? `<${p.name}>` : `[${p.name}]`;
  return p.multiple ? `${base}...` : base;
}

/** `meshc cluster status <target> [request_key] [flags]`. */
export function usage(path: readonly string[], cmd: CommandSpec): string {
  const parts = [...path];
  const ownFlags = cmd.flags.filter((f) => f.action === undefined);
  if (ownFlags.length > 0) parts.push('[flags]');
  appendAll(parts, cmd.positionals.map(positionalLabel));
  if (cmd.subcommands.length > 0) parts.push(cmd.subcommandRequired ? '<subcommand>' : '[subcommand]');
  return parts.join(' ');
}

export function choices(names: readonly string[]): string {
  return names.join(', ');
}
