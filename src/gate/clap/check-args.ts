/**
 * Walks a command's words against a CLI model the way clap parses argv: subcommands first,
 * then flags and positionals; `--` ends flags. Each finding names the word it is about.
 */
import type { CommandWord } from '../../core/types.ts';
import { choices, flagChoices, flagLabel, positionalLabel, usage } from './describe.ts';
import type { CliModel, CommandSpec, FlagSpec, PositionalSpec } from './model.ts';
import { closest as nearest } from '../../core/did-you-mean.ts';

/** The nearest real name, or an only one that extends it. */
const closest = (word: string, names: readonly string[]): string | undefined => nearest(word, names, { prefix: true })[0];

export type CliFindingKind =
  | 'unknown-subcommand'
  | 'unknown-flag'
  | 'bad-value'
  | 'missing-argument'
  | 'extra-argument'
  | 'missing-value';

export interface CliFinding {
  kind: CliFindingKind;
  /** Index into the checked words; -1 means the program name itself (no word to point at). */
  wordIndex: number;
  message: string;
  suggestion?: string;
}

export interface CliArgsCheckOptions {
  /**
   * True for commands meant to be run as shown (code blocks, rails): missing required
   * arguments are findings. False for inline prose, which may cite `meshc cluster status`.
   */
  complete: boolean;
}

/** Why the walk stopped early: a built-in flag that exits, or words it cannot judge. */
type Stop = 'exits' | 'unknowable' | 'error';

/** A value the gate cannot know: a placeholder, an expansion, or text holding `<...>`. */
function isOpaque(word: CommandWord, value = word.value): boolean {
  return word.placeholder || word.dynamic || /<[^>]*>/.test(value) || value.includes('$');
}

function looksLikeFlag(word: CommandWord): boolean {
  return word.value.startsWith('-') && word.value.length > 1 && !(word.placeholder && word.value.startsWith('<'));
}

function matchesName(cmd: CommandSpec, name: string): boolean {
  return cmd.name === name || (cmd.aliases ?? []).includes(name);
}

/** The subcommand path below `cmd` whose command declares `--name`, if any (first found). */
function ownerBelow(cmd: CommandSpec, name: string, depth = 0): string[] | undefined {
  if (depth > 8) return undefined;
  for (const sub of cmd.subcommands) {
    if (sub.flags.some((f) => f.long === name && f.action === undefined)) return [sub.name];
    const deeper = ownerBelow(sub, name, depth + 1);
    if (deeper) return [sub.name, ...deeper];
  }
  return undefined;
}

class ArgvWalker {
  readonly findings: CliFinding[] = [];
  private cmd: CommandSpec;
  private readonly path: string[];
  private cmdWord = -1;
  private inherited: FlagSpec[] = [];
  private slot = 0;
  private slotWords = 0;
  private filled = 0;
  private seen = new Set<FlagSpec>();
  private afterDashDash = false;
  private rawTail = false;
  private extraReported = false;
  private stop: Stop | undefined;
  private readonly words: readonly CommandWord[];
  private readonly opts: CliArgsCheckOptions;

  constructor(model: CliModel, words: readonly CommandWord[], opts: CliArgsCheckOptions) {
    this.cmd = model.root;
    this.path = [model.name];
    this.words = words;
    this.opts = opts;
  }

  run(): CliFinding[] {
    for (let i = 0; i < this.words.length && this.stop === undefined; i++) {
      const word = this.words[i] as CommandWord;
      if (this.rawTail) continue; // a trailing var-arg takes everything
      if (!this.afterDashDash && !isOpaque(word) && word.value === '--') {
        this.afterDashDash = true;
        continue;
      }
      if (!this.afterDashDash && looksLikeFlag(word)) i = this.flag(i);
      else this.plain(i);
    }
    if (this.stop === undefined && this.opts.complete) this.missing();
    return this.findings;
  }

  private get label(): string {
    return this.path.join(' ');
  }

  private add(finding: CliFinding): void {
    this.findings.push(finding);
  }

  private available(): FlagSpec[] {
    return [...this.cmd.flags, ...this.inherited];
  }

  // ---- plain words: subcommands and positionals ----

  private plain(i: number): void {
    const word = this.words[i] as CommandWord;
    const cmd = this.cmd;
    // clap matches subcommand names before positionals, even after some positionals.
    const mayBeSubcommand = !this.afterDashDash && cmd.subcommands.length > 0;
    if (mayBeSubcommand && !isOpaque(word)) {
      const sub = cmd.subcommands.find((s) => matchesName(s, word.value));
      if (sub) return this.descend(sub, i);
      if (word.value === 'help' && !cmd.subcommands.some((s) => s.name === 'help')) {
        this.stop = 'exits'; // clap's implicit `help` subcommand
        return;
      }
    }
    if (mayBeSubcommand && isOpaque(word) && this.filled === 0 && cmd.positionals.length === 0) {
      this.stop = 'unknowable'; // `meshc <command> ...`: nothing below can be judged
      return;
    }
    const positional = cmd.positionals[this.slot];
    if (positional) return this.positional(positional, i);
    if (word.dynamic) return; // may expand to nothing
    if (mayBeSubcommand && cmd.allowExternal) {
      this.stop = 'unknowable';
      return;
    }
    if (mayBeSubcommand) return this.unknownSubcommand(i);
    if (!this.extraReported) {
      this.extraReported = true;
      const max = cmd.positionals.length;
      this.add({
        kind: 'extra-argument',
        wordIndex: i,
        message:
          max === 0
            ? `\`${this.label}\` takes no positional arguments, but \`${word.value}\` was given.`
            : `\`${this.label}\` takes at most ${max} positional argument${max === 1 ? '' : 's'}, so \`${word.value}\` is one too many.`,
        suggestion: `Remove \`${word.value}\`; the usage is \`${usage(this.path, cmd)}\`.`,
      });
    }
  }

  private descend(sub: CommandSpec, i: number): void {
    if (this.opts.complete) this.missingFlags();
    this.inherited = [...this.inherited, ...this.cmd.flags.filter((f) => f.global)];
    this.cmd = sub;
    this.path.push(sub.name);
    this.cmdWord = i;
    this.slot = 0;
    this.slotWords = 0;
    this.filled = 0;
    this.seen = new Set();
  }

  private unknownSubcommand(i: number): void {
    const word = this.words[i] as CommandWord;
    const names = this.cmd.subcommands.map((s) => s.name);
    const near = closest(word.value, names);
    this.add({
      kind: 'unknown-subcommand',
      wordIndex: i,
      message: `\`${this.label}\` has no subcommand \`${word.value}\`.`,
      suggestion: near
        ? `Did you mean \`${near}\` (\`${this.label} ${near}\`)?`
        : `Use one of its subcommands: ${choices(names)}.`,
    });
    this.stop = 'error';
  }

  private positional(positional: PositionalSpec, i: number): void {
    const word = this.words[i] as CommandWord;
    if (positional.values && !isOpaque(word) && !positional.values.includes(word.value)) {
      const near = closest(word.value, positional.values);
      this.add({
        kind: 'bad-value',
        wordIndex: i,
        message: `\`${this.label}\` does not accept \`${word.value}\` as ${positionalLabel(positional)}.`,
        suggestion: `${near ? `Did you mean \`${near}\`? ` : ''}It accepts: ${choices(positional.values)}.`,
      });
    }
    this.filled++;
    if (positional.raw) this.rawTail = true;
    if (positional.multiple) this.slotWords++;
    else this.slot++;
  }

  // ---- flags ----

  /** Checks the flag word at `i`; returns the index of the last word it used. */
  private flag(i: number): number {
    const word = this.words[i] as CommandWord;
    if (word.value.startsWith('--')) return this.longFlag(i, word);
    const letters = word.value.slice(1);
    if (isOpaque(word, letters)) {
      this.stop = 'unknowable';
      return i;
    }
    for (let k = 0; k < letters.length; k++) {
      const letter = letters.charAt(k);
      const flag = this.available().find((f) => f.short === letter || (f.shortAliases ?? []).includes(letter));
      if (!flag) {
        this.unknownShort(i, word, letter);
        return i;
      }
      if (this.takeFlag(flag)) return i;
      if (!flag.takesValue) continue;
      const rest = letters.slice(k + 1).replace(/^=/, '');
      if (rest !== '') {
        this.value(flag, rest, i, word);
        return i;
      }
      return this.nextValue(flag, i);
    }
    return i;
  }

  private longFlag(i: number, word: CommandWord): number {
    const body = word.value.slice(2);
    const eq = body.indexOf('=');
    const name = eq >= 0 ? body.slice(0, eq) : body;
    if (isOpaque(word, name)) {
      this.stop = 'unknowable'; // `--<flag>`: cannot tell which flag, nor whether a value follows
      return i;
    }
    const flag = this.available().find((f) => f.long === name || (f.aliases ?? []).includes(name));
    if (!flag) {
      this.unknownLong(i, name);
      return i;
    }
    if (this.takeFlag(flag)) return i;
    if (eq < 0) return flag.takesValue ? this.nextValue(flag, i) : i;
    const attached = body.slice(eq + 1);
    if (flag.takesValue) this.value(flag, attached, i, word);
    else {
      this.add({
        kind: 'bad-value',
        wordIndex: i,
        message: `\`--${name}\` does not take a value, but \`${attached}\` was given.`,
        suggestion: `Write \`--${name}\` on its own.`,
      });
    }
    return i;
  }

  /** Records a recognised flag; true when it ends parsing (help, version). */
  private takeFlag(flag: FlagSpec): boolean {
    this.seen.add(flag);
    if (flag.action !== undefined) this.stop = 'exits';
    return flag.action !== undefined;
  }

  /** The value of `flag` from the word after `i`, when there is one. */
  private nextValue(flag: FlagSpec, i: number): number {
    const next = this.words[i + 1];
    const canBeValue =
      next !== undefined &&
      (isOpaque(next) || !next.value.startsWith('-') || next.value === '-' || /^-\d/.test(next.value));
    if (next && canBeValue) {
      this.value(flag, next.value, i + 1, next);
      return i + 1;
    }
    const citedInProse = !this.opts.complete && next === undefined;
    if (!flag.valueOptional && !citedInProse) {
      const shape = flag.values ? `one of: ${choices(flag.values)}` : `<${flag.valueName ?? 'value'}>`;
      this.add({
        kind: 'missing-value',
        wordIndex: i,
        message: `\`${flagLabel(flag)}\` needs a value, but none follows it.`,
        suggestion: `Write a value after \`${flagLabel(flag)}\` (${shape}).`,
      });
    }
    return i;
  }

  private value(flag: FlagSpec, value: string, index: number, word: CommandWord): void {
    if (!flag.values || isOpaque(word, value) || flag.values.includes(value)) return;
    const near = closest(value, flag.values);
    this.add({
      kind: 'bad-value',
      wordIndex: index,
      message: `\`${flagLabel(flag)}\` does not accept \`${value}\`.`,
      suggestion: `${near ? `Did you mean \`${near}\`? ` : ''}It accepts: ${choices(flag.values)}.`,
    });
  }

  private unknownLong(i: number, name: string): void {
    const flags = this.available();
    const longs = flags.flatMap((f) => [...(f.long !== undefined ? [f.long] : []), ...(f.aliases ?? [])]);
    const near = closest(name, longs);
    const owner = near === undefined ? ownerBelow(this.cmd, name) : undefined;
    this.add({
      kind: 'unknown-flag',
      wordIndex: i,
      message: `\`${this.label}\` has no flag \`--${name}\`.`,
      suggestion: near
        ? `Did you mean \`--${near}\`?`
        : owner
          ? `\`--${name}\` belongs to \`${[...this.path, ...owner].join(' ')}\`; write it after that subcommand.`
          : `Its flags are: ${flagChoices(flags)}.`,
    });
    this.stop = 'error'; // an unknown flag may take a value: later words cannot be placed
  }

  private unknownShort(i: number, word: CommandWord, letter: string): void {
    const flags = this.available();
    // `-json` is usually a missing dash.
    const asLong = flags.find((f) => f.long === word.value.slice(1));
    this.add({
      kind: 'unknown-flag',
      wordIndex: i,
      message: `\`${this.label}\` has no flag \`-${letter}\`.`,
      suggestion: asLong ? `Did you mean \`--${asLong.long}\`?` : `Its flags are: ${flagChoices(flags)}.`,
    });
    this.stop = 'error';
  }

  // ---- what is missing at the end ----

  private missingFlags(): void {
    for (const flag of this.cmd.flags) {
      if (!flag.required || this.seen.has(flag)) continue;
      this.add({
        kind: 'missing-argument',
        wordIndex: this.cmdWord,
        message: `\`${this.label}\` needs the flag \`${flagLabel(flag)}\`.`,
        suggestion: `Add \`${flagLabel(flag)}\`${flag.takesValue ? ' with a value' : ''}.`,
      });
    }
  }

  private missing(): void {
    const cmd = this.cmd;
    const lacking = cmd.positionals
      .slice(this.slot)
      .filter((p, k) => p.required && !(k === 0 && p.multiple && this.slotWords > 0));
    if (lacking.length > 0) {
      const names = lacking.map(positionalLabel);
      this.add({
        kind: 'missing-argument',
        wordIndex: this.cmdWord,
        message: `\`${this.label}\` needs ${names.join(' and ')}, which ${names.length === 1 ? 'is' : 'are'} missing.`,
        suggestion: `Add ${names.join(' ')} (a placeholder such as \`${names[0]}\` is fine); the usage is \`${usage(this.path, cmd)}\`.`,
      });
    }
    this.missingFlags();
    if (cmd.subcommandRequired && cmd.subcommands.length > 0) {
      this.add({
        kind: 'missing-argument',
        wordIndex: this.cmdWord,
        message: `\`${this.label}\` needs a subcommand.`,
        suggestion: `Add one of: ${choices(cmd.subcommands.map((s) => s.name))}.`,
      });
    }
  }
}

/**
 * Checks the words after the program name (`cluster status x --json` for
 * `meshc cluster status x --json`) against `model`. Placeholder and dynamic words count as
 * present but are never value-checked.
 */
export function checkCliArgs(model: CliModel, words: readonly CommandWord[], opts: CliArgsCheckOptions): CliFinding[] {
  return new ArgvWalker(model, words, opts).run();
}
