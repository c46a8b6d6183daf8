/** The command-line model read from clap derive source: what `meshc ...` accepts. */
import { z } from 'zod';

export interface FlagSpec {
  /** Without dashes: `timeout-ms`. */
  long?: string;
  /** One character: `o`. */
  short?: string;
  takesValue: boolean;
  /** When set, the only values the flag accepts (ValueEnum variants, kebab-case). */
  values?: string[];
  /** A `global = true` flag is also accepted by every subcommand below its command. */
  global: boolean;
  help?: string;
  /** Other long names (`alias`, `visible_alias`). */
  aliases?: string[];
  /** Other short names (`short_alias`, `visible_short_alias`). */
  shortAliases?: string[];
  /** `required = true`: the flag must be given. */
  required?: boolean;
  /** The value may be left out (`num_args = 0..=1`, `default_missing_value`). */
  valueOptional?: boolean;
  /** Shown in messages as `--flag <NAME>`. */
  valueName?: string;
  /** Built-in flags that end parsing (clap prints and exits). */
  action?: 'help' | 'version';
}

export interface PositionalSpec {
  name: string;
  required: boolean;
  /** A `Vec<T>`: takes every remaining positional word. */
  multiple: boolean;
  /** When set, the only values it accepts (a ValueEnum positional). */
  values?: string[];
  /** `trailing_var_arg`/`last`: once reached, every later word belongs to it, flags included. */
  raw?: boolean;
  help?: string;
}

export interface CommandSpec {
  name: string;
  help?: string;
  flags: FlagSpec[];
  positionals: PositionalSpec[];
  subcommands: CommandSpec[];
  /** True when a subcommand must follow (the field is not an `Option`). */
  subcommandRequired: boolean;
  /** Other names (`alias`, `visible_alias`). */
  aliases?: string[];
  /** `#[command(external_subcommand)]`: unknown subcommands are accepted. */
  allowExternal?: boolean;
  /** Where the command is declared (repo-relative, 1-based line). */
  source: { path: string; line: number };
}

export interface CliModel {
  /** The binary name (`meshc`). */
  name: string;
  root: CommandSpec;
}

/** A model kept between runs (repo/reading-cache.ts) is checked against this before use. */
const flagSchema = z.object({
  long: z.string().optional(),
  short: z.string().optional(),
  takesValue: z.boolean(),
  values: z.array(z.string()).optional(),
  global: z.boolean(),
  help: z.string().optional(),
  aliases: z.array(z.string()).optional(),
  shortAliases: z.array(z.string()).optional(),
  required: z.boolean().optional(),
  valueOptional: z.boolean().optional(),
  valueName: z.string().optional(),
  action: z.enum(['help', 'version']).optional(),
});

const positionalSchema = z.object({
  name: z.string(),
  required: z.boolean(),
  multiple: z.boolean(),
  values: z.array(z.string()).optional(),
  raw: z.boolean().optional(),
  help: z.string().optional(),
});

const commandSchema: z.ZodType<CommandSpec> = z.lazy(() =>
  z.object({
    name: z.string(),
    help: z.string().optional(),
    flags: z.array(flagSchema),
    positionals: z.array(positionalSchema),
    subcommands: z.array(commandSchema),
    subcommandRequired: z.boolean(),
    aliases: z.array(z.string()).optional(),
    allowExternal: z.boolean().optional(),
    source: z.object({ path: z.string(), line: z.number() }),
  }),
);

/** A model, or why there is none (a file missing from the repo). */
export const cliModelResultSchema: z.ZodType<CliModel | { error: string }> = z.union([
  z.object({ name: z.string(), root: commandSchema }),
  z.object({ error: z.string() }),
]);
