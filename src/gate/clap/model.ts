/** The command-line model read from clap derive source: what `meshc ...` accepts. */

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
