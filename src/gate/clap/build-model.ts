/**
 * Builds the CLI model from a loaded crate, following clap derive's rules: the
 * `#[derive(Parser)]` item is the root, `#[command(subcommand)]` fields point at Subcommand
 * enums, `#[command(flatten)]` splices Args structs, fields become flags or positionals.
 * Constructs it cannot model are skipped, never fatal.
 */
import { ARG_ATTRS, ClapArgs, COMMAND_ATTRS, derives, docHelp, VALUE_ATTRS } from './clap-attrs.ts';
import type { CliModel, CommandSpec, FlagSpec, PositionalSpec } from './model.ts';
import { renameCase } from './naming.ts';
import { allModules, type CrateModule, findItem, type Found } from './rust-crate.ts';
import type { RustEnum, RustField, RustStruct, RustType } from './rust-items.ts';
import { appendAll } from '../../core/append.ts';

/** Nesting deeper than this is a cycle (`flatten` of itself) or a mistake. */
const MAX_DEPTH = 32;

const NO_VALUE_ACTIONS = new Set(['SetTrue', 'SetFalse', 'Count', 'Help', 'HelpShort', 'HelpLong', 'Version']);
const VALUE_ACTIONS = new Set(['Set', 'Append']);

const last = (path: readonly string[]): string | undefined => path[path.length - 1];

/** Peels `Option<T>` and `Box<T>`; says whether an Option was found. */
function unwrapOptional(type: RustType): { inner: RustType; optional: boolean } {
  let inner = type;
  let optional = false;
  for (;;) {
    const head = last(inner.path);
    const arg = inner.args[0];
    if ((head === 'Option' || head === 'Box') && arg) {
      if (head === 'Option') optional = true;
      inner = arg;
    } else return { inner, optional };
  }
}

function isVec(type: RustType): boolean {
  return last(type.path) === 'Vec' && type.args.length === 1;
}

function lineFlag(name: 'help' | 'version'): FlagSpec {
  return name === 'help'
    ? { long: 'help', short: 'h', takesValue: false, global: false, help: 'Print help', action: 'help' }
    : { long: 'version', short: 'V', takesValue: false, global: false, help: 'Print version', action: 'version' };
}

class ModelBuilder {
  private depth = 0;
  private propagateVersion = false;

  /** Runs `fn` one level deeper, or skips it when nesting has gone too far. */
  private nested(fn: () => void): void {
    if (this.depth >= MAX_DEPTH) return;
    this.depth++;
    try {
      fn();
    } finally {
      this.depth--;
    }
  }

  root(bin: string, crateRoot: CrateModule): CommandSpec | undefined {
    const modules = allModules(crateRoot);
    for (const module of modules) {
      const struct = module.items.structs.find((s) => derives(s.attrs).has('Parser'));
      if (struct) return this.rootFrom(bin, { item: struct, module });
      const enumItem = module.items.enums.find((e) => derives(e.attrs).has('Parser'));
      if (enumItem) return this.rootFrom(bin, { item: enumItem, module });
    }
    return undefined;
  }

  private rootFrom(bin: string, found: Found<RustStruct | RustEnum>): CommandSpec {
    const { item, module } = found;
    const args = new ClapArgs(item.attrs, COMMAND_ATTRS);
    this.propagateVersion = args.isOn('propagate_version');
    const root = this.command(bin, item.docs, args, module.file, item.line);
    if (item.kind === 'struct') this.fields(root, item.fields, module);
    else {
      // A Parser enum is a root whose variants are the subcommands.
      this.subcommands(root, { item, module });
      root.subcommandRequired = true;
    }
    this.finish(root, args, true);
    return root;
  }

  private command(name: string, docs: readonly string[], args: ClapArgs, path: string, line: number): CommandSpec {
    const help = args.string('about') ?? docHelp(docs);
    const aliases = args.strings('alias', 'visible_alias', 'aliases', 'visible_aliases');
    return {
      name,
      ...(help !== undefined ? { help } : {}),
      flags: [],
      positionals: [],
      subcommands: [],
      subcommandRequired: args.isOn('subcommand_required'),
      ...(aliases.length > 0 ? { aliases } : {}),
      source: { path, line },
    };
  }

  /** Adds the built-in -h/--help and -V/--version unless disabled or taken by a field. */
  private finish(cmd: CommandSpec, args: ClapArgs, isRoot: boolean): void {
    const taken = (long: string, short: string): boolean =>
      cmd.flags.some((f) => f.long === long || f.short === short);
    if (!args.isOn('disable_help_flag') && !taken('help', 'h')) cmd.flags.push(lineFlag('help'));
    const wantsVersion = isRoot ? args.has('version') : this.propagateVersion;
    if (wantsVersion && !args.isOn('disable_version_flag') && !taken('version', 'V')) {
      cmd.flags.push(lineFlag('version'));
    }
  }

  /** Adds every field of a struct (or struct-like variant) to `cmd`. */
  private fields(cmd: CommandSpec, fields: readonly RustField[], module: CrateModule): void {
    for (const field of fields) {
      const args = new ClapArgs(field.attrs, ARG_ATTRS);
      if (args.isOn('skip')) continue;
      if (args.has('subcommand')) {
        const { inner, optional } = unwrapOptional(field.type);
        const found = findItem(module, inner.path, 'enum');
        if (!found) continue;
        this.subcommands(cmd, found);
        cmd.subcommandRequired = !optional;
      } else if (args.has('flatten')) {
        const { inner } = unwrapOptional(field.type);
        const found = findItem(module, inner.path, 'struct');
        if (found) this.nested(() => this.fields(cmd, found.item.fields, found.module));
      } else {
        this.argument(cmd, field, args, module);
      }
    }
  }

  /** Adds the variants of a Subcommand enum as subcommands of `cmd`. */
  private subcommands(cmd: CommandSpec, found: Found<RustEnum>): void {
    const { item, module } = found;
    const enumArgs = new ClapArgs(item.attrs, COMMAND_ATTRS);
    const renameAll = enumArgs.string('rename_all');
    this.nested(() => {
      for (const variant of item.variants) {
        const args = new ClapArgs(variant.attrs, COMMAND_ATTRS);
        if (args.isOn('skip')) continue;
        if (args.has('external_subcommand')) {
          cmd.allowExternal = true;
          continue;
        }
        const tupleType = variant.shape === 'tuple' ? variant.tupleTypes[0] : undefined;
        const unwrapped = tupleType ? unwrapOptional(tupleType) : undefined;
        if (args.has('flatten') && unwrapped) {
          const inner = findItem(module, unwrapped.inner.path, 'enum');
          if (inner) this.subcommands(cmd, inner); // splice its variants at this level
          continue;
        }
        const name = args.string('name') ?? renameCase(variant.name, renameAll);
        const sub = this.command(name, variant.docs, args, module.file, variant.line);
        if (variant.shape === 'struct') this.fields(sub, variant.fields, module);
        if (unwrapped) this.tupleBody(sub, unwrapped, module, args);
        this.finish(sub, args, false);
        cmd.subcommands.push(sub);
      }
    });
  }

  /** `Status(StatusArgs)` holds an Args struct; `Cluster(ClusterCommand)` a nested enum. */
  private tupleBody(
    sub: CommandSpec,
    type: { inner: RustType; optional: boolean },
    module: CrateModule,
    variantArgs: ClapArgs,
  ): void {
    const struct = findItem(module, type.inner.path, 'struct');
    const enumItem = findItem(module, type.inner.path, 'enum');
    if (enumItem && (variantArgs.has('subcommand') || !struct)) {
      const kinds = derives(enumItem.item.attrs);
      if (kinds.has('Subcommand') || kinds.has('Parser') || variantArgs.has('subcommand')) {
        this.subcommands(sub, enumItem);
        sub.subcommandRequired = !type.optional;
        return;
      }
    }
    if (!struct) return;
    const structArgs = new ClapArgs(struct.item.attrs, COMMAND_ATTRS);
    const about = structArgs.string('about') ?? docHelp(struct.item.docs);
    if (sub.help === undefined && about !== undefined) sub.help = about;
    this.nested(() => this.fields(sub, struct.item.fields, struct.module));
  }

  /** Turns a plain field into a flag (has `long`/`short`) or a positional. */
  private argument(cmd: CommandSpec, field: RustField, args: ClapArgs, module: CrateModule): void {
    const { inner, optional } = unwrapOptional(field.type);
    const multiple = isVec(inner);
    const base = multiple ? (inner.args[0] ?? inner) : inner;
    const values = this.values(args, base, module);
    const help = args.string('help') ?? docHelp(field.docs);
    const fieldName = field.name.replace(/^r#/, '');

    if (args.has('long') || args.has('short')) {
      cmd.flags.push(this.flag(fieldName, args, base, { optional, multiple, values, help }));
      return;
    }
    const hasDefault = args.keys().some((k) => k.startsWith('default_value'));
    const numArgs = args.value('num_args')?.text ?? '';
    const required = args.isOn('required')
      ? true
      : args.isOff('required')
        ? false
        : multiple
          ? /^[1-9]/.test(numArgs) && !optional
          : !optional && !hasDefault;
    const positional: PositionalSpec = { name: fieldName, required, multiple };
    if (values) positional.values = values;
    if (multiple && (args.isOn('trailing_var_arg') || args.isOn('last'))) positional.raw = true;
    if (help !== undefined) positional.help = help;
    cmd.positionals.push(positional);
  }

  private flag(
    fieldName: string,
    args: ClapArgs,
    base: RustType,
    shape: { optional: boolean; multiple: boolean; values: string[] | undefined; help: string | undefined },
  ): FlagSpec {
    const action = last((args.value('action')?.text ?? '').split('::')) ?? '';
    const numArgs = (args.value('num_args')?.text ?? '').replace(/\s+/g, '');
    const isPlainBool = last(base.path) === 'bool' && !shape.optional && !shape.multiple;
    const takesValue = NO_VALUE_ACTIONS.has(action)
      ? false
      : VALUE_ACTIONS.has(action)
        ? true
        : numArgs === '0'
          ? false
          : !isPlainBool;
    const flag: FlagSpec = { takesValue, global: args.isOn('global') };
    if (args.has('long')) flag.long = args.string('long') ?? renameCase(fieldName);
    if (args.has('short')) {
      const short = args.value('short');
      flag.short = short?.kind === 'char' ? short.text : fieldName.charAt(0);
    }
    let values = shape.values;
    if (!values && takesValue && last(base.path) === 'bool') values = ['true', 'false'];
    if (values && takesValue) flag.values = values;
    if (shape.help !== undefined) flag.help = shape.help;
    const aliases = args.strings('alias', 'visible_alias', 'aliases', 'visible_aliases');
    if (aliases.length > 0) flag.aliases = aliases;
    const shortAliases = args.chars('short_alias', 'visible_short_alias', 'short_aliases', 'visible_short_aliases');
    if (shortAliases.length > 0) flag.shortAliases = shortAliases;
    if (args.isOn('required')) flag.required = true;
    if (takesValue && (args.has('default_missing_value') || /^0\.\./.test(numArgs))) flag.valueOptional = true;
    const valueName = args.string('value_name');
    if (valueName !== undefined) flag.valueName = valueName;
    if (action === 'Help' || action === 'HelpShort' || action === 'HelpLong') flag.action = 'help';
    if (action === 'Version') flag.action = 'version';
    return flag;
  }

  /** Accepted values: a ValueEnum type, or a literal list given to `value_parser`. */
  private values(args: ClapArgs, base: RustType, module: CrateModule): string[] | undefined {
    const parser = args.value('value_parser') ?? args.value('possible_values');
    if (parser?.kind === 'array' && parser.strings.length > 0) return parser.strings;
    if (parser?.text.includes('PossibleValuesParser') && parser.strings.length > 0) return parser.strings;
    if (parser && !args.has('value_enum')) return undefined; // a custom parser decides
    const found = findItem(module, base.path, 'enum');
    if (!found) return undefined;
    const kinds = derives(found.item.attrs);
    if (!args.has('value_enum') && !kinds.has('ValueEnum') && !kinds.has('ArgEnum')) return undefined;
    return valueEnumNames(found.item);
  }
}

/** Variant names of a ValueEnum as the user types them (kebab-case, `name`/`alias` honoured). */
export function valueEnumNames(item: RustEnum): string[] {
  const renameAll = new ClapArgs(item.attrs, VALUE_ATTRS).string('rename_all');
  const names: string[] = [];
  for (const variant of item.variants) {
    const args = new ClapArgs(variant.attrs, VALUE_ATTRS);
    if (args.isOn('skip')) continue;
    names.push(args.string('name') ?? renameCase(variant.name, renameAll));
    appendAll(names, args.strings('alias', 'aliases'));
  }
  return names;
}

/** The model of the binary `bin` whose `main.rs` is the crate root, or an error in words. */
export function buildModel(bin: string, crateRoot: CrateModule): CliModel | { error: string } {
  try {
    const root = new ModelBuilder().root(bin, crateRoot);
    if (!root) return { error: `no #[derive(Parser)] struct or enum found from ${crateRoot.file}` };
    return { name: bin, root };
  } catch (error) {
    return { error: `could not read the clap model from ${crateRoot.file}: ${String(error)}` };
  }
}
