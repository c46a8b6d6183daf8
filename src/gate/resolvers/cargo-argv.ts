/** Reads a cargo command line into what the gate checks: subcommand, -p, --test, --bin, --path, argv. */
import type { CommandWord } from '../../core/types.ts';
import { isUnknowable } from './words.ts';

const SUBCOMMAND_ALIASES: Readonly<Record<string, CargoSubcommand>> = {
  test: 'test', t: 'test', run: 'run', r: 'run', build: 'build', b: 'build', check: 'check', c: 'check', install: 'install',
};
export type CargoSubcommand = 'test' | 'run' | 'build' | 'check' | 'install';

/** Flags without a value that cargo accepts before or after the subcommand. */
const BOOLEAN_FLAGS = new Set([
  '-q', '--quiet', '-v', '-vv', '--verbose', '--release', '-r', '--locked', '--offline', '--frozen', '--all-features',
  '--no-default-features', '--workspace', '--all', '--lib', '--bins', '--tests', '--all-targets', '--no-fail-fast',
  '--no-run', '--keep-going', '--ignore-rust-version', '--timings', '--force', '-f', '--debug', '--no-track',
]);
/** Flags that take a value and do not select anything the gate checks. */
const VALUE_FLAGS = new Set(['--features', '-F', '--target', '--target-dir', '--profile', '-j', '--jobs', '--color', '--message-format', '--config', '--root', '--exclude']);
/** Flags whose value the gate checks. */
const SELECTING_FLAGS: Readonly<Record<string, 'package' | 'test' | 'bin' | 'path'>> = {
  '-p': 'package', '--package': 'package', '--test': 'test', '--bin': 'bin', '--path': 'path',
};

export interface CargoCall {
  subcommand: CargoSubcommand;
  packages: CommandWord[];
  tests: CommandWord[];
  bins: CommandWord[];
  paths: CommandWord[];
  positionals: CommandWord[];
  /** Words after `--` (or, for `run`, from the first positional on): the binary's argv. */
  programArgs: CommandWord[];
  hasSeparator: boolean;
}

export type ParseResult = { ok: true; call: CargoCall } | { ok: false; word: CommandWord; message: string };

export function parseCargoCall(words: readonly CommandWord[]): ParseResult {
  const [head, ...rest] = words;
  if (head === undefined) throw new Error('parseCargoCall needs at least the cargo word');
  let index = 0;
  if (rest[0]?.value.startsWith('+')) index += 1; // toolchain such as +nightly
  while (rest[index] !== undefined && BOOLEAN_FLAGS.has((rest[index] as CommandWord).value)) index += 1;
  const subWord = rest[index];
  if (subWord === undefined) return { ok: false, word: head, message: 'cargo without a subcommand is not checked.' };
  const subcommand = SUBCOMMAND_ALIASES[subWord.value];
  if (subcommand === undefined || isUnknowable(subWord)) {
    return { ok: false, word: subWord, message: `cargo ${subWord.value} is not a cargo command the gate checks (test, run, build, check, install).` };
  }
  const call: CargoCall = { subcommand, packages: [], tests: [], bins: [], paths: [], positionals: [], programArgs: [], hasSeparator: false };
  index += 1;
  while (index < rest.length) {
    const word = rest[index] as CommandWord;
    const value = word.value;
    if (value === '--') {
      call.hasSeparator = true;
      call.programArgs = rest.slice(index + 1);
      break;
    }
    if (word.placeholder || !value.startsWith('-')) {
      if (subcommand === 'run') {
        call.programArgs = rest.slice(index); // cargo run passes trailing words to the binary
        break;
      }
      call.positionals.push(word);
      index += 1;
      continue;
    }
    if (BOOLEAN_FLAGS.has(value)) {
      index += 1;
      continue;
    }
    const split = splitFlag(word);
    if (split === undefined) return { ok: false, word, message: `${value} is not a cargo ${subcommand} option the gate knows.` };
    let valueWord = split.inlineValue;
    if (valueWord === undefined) {
      valueWord = rest[index + 1];
      if (valueWord === undefined || valueWord.value === '--') return { ok: false, word, message: `${split.flag} needs a value.` };
      index += 1;
    }
    const selects = SELECTING_FLAGS[split.flag];
    if (selects === 'package') call.packages.push(valueWord);
    else if (selects === 'test') call.tests.push(valueWord);
    else if (selects === 'bin') call.bins.push(valueWord);
    else if (selects === 'path') call.paths.push(valueWord);
    index += 1;
  }
  return { ok: true, call };
}

/** `--flag=v`, `-pv`, `-p=v` or a flag whose value is the next word. */
function splitFlag(word: CommandWord): { flag: string; inlineValue?: CommandWord } | undefined {
  const value = word.value;
  const known = (flag: string): boolean => flag in SELECTING_FLAGS || VALUE_FLAGS.has(flag);
  if (known(value)) return { flag: value };
  const equals = value.indexOf('=');
  if (value.startsWith('--') && equals > 0 && known(value.slice(0, equals))) {
    return { flag: value.slice(0, equals), inlineValue: { ...word, value: value.slice(equals + 1) } };
  }
  if (/^-[A-Za-z]./.test(value) && known(value.slice(0, 2))) {
    const inline = value.slice(2).replace(/^=/, '');
    return { flag: value.slice(0, 2), inlineValue: { ...word, value: inline } };
  }
  return undefined;
}
