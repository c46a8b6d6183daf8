/** Reading clap's own attributes (`#[arg]`, `#[command]`, `#[value]`, clap 3 `#[clap]`). */
import type { AttrArg, AttrValue, RustAttr } from './rust-attrs.ts';

/** Attribute names that configure an argument (field). */
export const ARG_ATTRS = ['arg', 'clap', 'structopt', 'command'] as const;
/** Attribute names that configure a command (struct, enum, variant). */
export const COMMAND_ATTRS = ['command', 'clap', 'structopt'] as const;
/** Attribute names that configure a ValueEnum variant or enum. */
export const VALUE_ATTRS = ['value', 'clap', 'arg_enum'] as const;

/** The arguments of every attribute with one of `names`, merged in source order. */
export class ClapArgs {
  private readonly args: AttrArg[];
  constructor(attrs: readonly RustAttr[], names: readonly string[]) {
    this.args = attrs.filter((a) => names.includes(a.name)).flatMap((a) => a.args);
  }

  has(key: string): boolean {
    return this.args.some((a) => a.key === key);
  }

  /** True when `key` is present as a bare word or `key = true`. */
  isOn(key: string): boolean {
    return this.args.some((a) => a.key === key && (a.value === undefined || a.value.text !== 'false'));
  }

  /** True when `key` is explicitly `false`. */
  isOff(key: string): boolean {
    return this.args.some((a) => a.key === key && a.value?.text === 'false');
  }

  /** The last value given for `key` (later attributes win, as in clap). */
  value(key: string): AttrValue | undefined {
    for (let i = this.args.length - 1; i >= 0; i--) {
      const arg = this.args[i];
      if (arg?.key === key && arg.value) return arg.value;
    }
    return undefined;
  }

  /** A string-literal value of `key`. */
  string(key: string): string | undefined {
    const v = this.value(key);
    return v?.kind === 'string' ? v.text : undefined;
  }

  /** Every string given under any of `keys` (`alias = "a"`, `aliases = ["b", "c"]`). */
  strings(...keys: string[]): string[] {
    return this.args.filter((a) => keys.includes(a.key) && a.value).flatMap((a) => {
      const v = a.value as AttrValue;
      if (v.kind === 'string') return [v.text];
      if (v.kind === 'array') return v.strings;
      return [];
    });
  }

  /** Every char given under any of `keys` (`short_alias = 'x'`, `short_aliases = ['a', 'b']`). */
  chars(...keys: string[]): string[] {
    return this.args.filter((a) => keys.includes(a.key) && a.value).flatMap((a) => {
      const v = a.value as AttrValue;
      if (v.kind === 'char') return [v.text];
      return [...v.text.matchAll(/'(\\?.)'/g)].map((m) => (m[1] ?? '').replace(/^\\/, ''));
    });
  }

  /** Keys present, for checks like "any default_value*". */
  keys(): string[] {
    return this.args.map((a) => a.key);
  }
}

/** The trait names in `#[derive(...)]` (last path segment: `clap::Parser` => `Parser`). */
export function derives(attrs: readonly RustAttr[]): Set<string> {
  const out = new Set<string>();
  for (const attr of attrs) {
    if (attr.name !== 'derive') continue;
    for (const arg of attr.args) out.add(arg.key.split('::').pop() ?? arg.key);
  }
  return out;
}

/** Help text from doc comments: the first paragraph, joined into one line. */
export function docHelp(docs: readonly string[]): string | undefined {
  const lines: string[] = [];
  for (const line of docs) {
    const trimmed = line.trim();
    if (trimmed === '') {
      if (lines.length > 0) break;
      continue;
    }
    lines.push(trimmed);
  }
  return lines.length > 0 ? lines.join(' ') : undefined;
}
