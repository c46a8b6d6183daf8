/**
 * The run rules: which programs a piece of shell text really runs, and where. One function,
 * `shellRuns(text, options)`, shared by the relations reader (rail scripts, following what they
 * `source`) and by any other reader of shell text (a CI workflow's `run:` block).
 *
 * The text is read with tree-sitter-bash and walked as the shell would run it, never matched
 * with a regex:
 * - a program runs when it is a command's head (`scripts/x.sh`, `"$ROOT/x.sh"`), the operand
 *   of a shell or interpreter (`bash -eu x.sh`, `python3 x.py`), behind a wrapper (`exec`,
 *   `env A=1`, `timeout 60`, `nohup`, `time`, `command`, `xargs`), inside `$(...)` and `<(...)`,
 *   in a `bash -c '...'`/`sh -c` string or an `eval` of literal words (parsed as shell), fed to a
 *   shell on stdin (`bash < x.sh`, `cat x.sh | bash`, `echo '...' | sh`, `bash <<EOF`), once per
 *   value of a `for` loop over literal words, and as the trailing words of a function of the
 *   text that runs its arguments (`"$@"`, `"${cmd[@]}"`): `run_step name 60 bash x.sh`;
 * - nothing else runs: the arguments of other commands (`require_file x.sh`, `md5sum x.sh`,
 *   `: x.sh`, `cp`, `grep`), a syntax check (`bash -n x.sh`), a lookup (`command -v x.sh`),
 *   the body of a function never called, a branch whose condition is the literal `false`,
 *   comments, strings and heredoc bodies fed to anything but a shell.
 * Variables are followed in order (`X=scripts/a.sh; bash "$X"`), through `${X:-default}`;
 * a word the text cannot know (`$(...)`, an unset variable) is a run of an unknown program.
 */
import path from 'node:path';
import { shellParser } from '../shell/bash-parser.ts';
import { MAX_NESTING } from '../shell/nesting.ts';
import { copyTree, type PlainNode as Node } from '../tree-sitter/plain-tree.ts';
import { LineIndex } from '../../core/positions.ts';
import { groupWords, type WordContext } from '../shell/words.ts';
import type { SourcePosition } from '../../core/types.ts';
import { expandWord } from './expand.ts';
import { rootMarker, rootTable, SELF, type RootTable } from './roots.ts';
import { appendAll } from '../../core/append.ts';
import { CallMemo, ShellVariables } from './call-memo.ts';

export interface ShellRun {
  /**
   * The program as the shell finds it: the word with the text's variables expanded (a root
   * variable becomes its marker, `<self>/scripts/x.sh`); undefined when the text cannot know it.
   */
  program: string | undefined;
  /** The word as written (quotes removed, expansions kept). */
  word: string;
  /** The words after it (expanded where known, else as written): what the program is given. */
  args: string[];
  /** Where the program's word is: the line that runs it. */
  at: SourcePosition;
}

export interface ShellRunOptions {
  /** The file name positions carry (default `<shell>`). */
  file?: string;
  /** Variables known before the text (updated in place as the text assigns). */
  variables?: Map<string, string | undefined>;
  /** Variables that hold a repo root (`$ROOT_DIR`): never reassigned, expand to their marker. */
  roots?: RootTable;
  /** Text of a file the text `source`s (the path expanded); undefined when it cannot be read. */
  source?: (path: string, at: SourcePosition) => { file: string; text: string } | undefined;
  /** Every assignment the shell makes, its value expanded (undefined when unknowable). */
  onAssign?: (name: string, value: string | undefined, at: SourcePosition) => void;
  /** Every simple command that runs, its words expanded (undefined when unknowable). */
  onCommand?: (words: ReadonlyArray<{ value: string | undefined; at: SourcePosition }>) => void;
  /** The body of a heredoc fed to a program that is not a shell (embedded Python, ...). */
  onHeredoc?: (body: string, program: string | undefined, at: SourcePosition) => void;
}

/** Runs `text` would make, in the order the shell makes them. Await `loadShellParser()` first. */
export function shellRuns(text: string, options: ShellRunOptions = {}): ShellRun[] {
  const walker = new Walker(options);
  walker.walkText({ file: options.file ?? '<shell>', index: new LineIndex(options.file ?? '<shell>', text), base: 0 }, text);
  return walker.runs;
}

interface ParsedText {
  /** Heredoc bodies by the offset of their `<<`. */
  bodies: Map<number, HeredocBody>;
  /** The statements the walk reads: all but those nested past MAX_NESTING. */
  statements: readonly Node[];
}

/**
 * Parsed texts, kept across walks as plain copies (the wasm trees are deleted at once): a
 * library every rail sources is parsed once. Bounded, so a long-lived dev server does not
 * grow without end.
 */
const parsedTexts = new Map<string, ParsedText>();
const MAX_PARSED_TEXTS = 2_000;

function parsed(text: string): ParsedText | undefined {
  let entry = parsedTexts.get(text);
  if (entry === undefined) {
    const blanked = blankHeredocBodies(text);
    const tree = shellParser().parse(blanked.text);
    if (!tree) return undefined;
    try {
      // The walk recurses once per level: a statement nested past MAX_NESTING is not read,
      // like any line the gate cannot parse.
      const { root, tooDeep } = copyTree(tree, blanked.text, MAX_NESTING);
      entry = { bodies: blanked.bodies, statements: root.namedChildren.filter((statement) => !tooDeep.has(statement)) };
    } finally {
      tree.delete();
    }
    if (parsedTexts.size >= MAX_PARSED_TEXTS) parsedTexts.clear();
    parsedTexts.set(text, entry);
  }
  return entry;
}

const SHELLS = new Set(['bash', 'sh', 'zsh', 'dash', 'ksh']);
const INTERPRETERS = new Set(['python', 'python3', 'node', 'ruby', 'perl']);
/** Shell options that take the next word as their value. */
const SHELL_OPTIONS_WITH_VALUE = new Set(['-o', '+o', '-O', '+O', '--rcfile', '--init-file']);
/** Wrappers that run the rest of their words as a command, and how many leading words they take. */
const WRAPPERS = new Set(['exec', 'nohup', 'time', 'command', 'env', 'timeout', 'xargs', 'sudo', 'nice', 'stdbuf', 'setsid']);
/** Heads whose arguments are data, never programs (a `"$@"` there does not make a runner). */
const DATA_HEADS = new Set(['echo', 'printf', 'local', 'declare', 'typeset', 'export', 'readonly', ':', 'true', 'false', 'test', '[']);
/** `"$(dirname "${BASH_SOURCE[0]}")/.."` (or `$0`): the script's folder, with the `/..` parts after it. */
const SCRIPT_FOLDER = /^"?\$\(\s*dirname\s+"?\$\{?(?:BASH_SOURCE(?:\[0\])?|0)\}?"?\s*\)((?:\/\.\.)*)\/?"?$/;
/** Commands whose arguments are data: what follows them never runs. */
const DATA_COMMANDS = new Set([
  ...DATA_HEADS, 'cp', 'mv', 'rm', 'ln', 'install', 'rsync', 'tar', 'grep', 'egrep', 'fgrep', 'rg', 'sed', 'awk', 'cat',
  'head', 'tail', 'ls', 'stat', 'find', 'diff', 'cmp', 'wc', 'chmod', 'touch', 'mkdir', 'tee', 'git', 'basename',
  'dirname', 'readlink', 'realpath', 'md5sum', 'sha1sum', 'sha256sum', 'shasum', 'cksum', 'shellcheck', 'read',
  'return', 'exit', 'trap', 'type', 'which', 'hash', 'file', 'less', 'more', 'sort', 'uniq', 'cut', 'tr', 'jq',
]);
/** A word that stands for the arguments a function was given. */
const ALL_ARGS = /^"?\$(?:@|\{@(?::[^}]*)?\}|\{[A-Za-z_][A-Za-z0-9_]*\[@\](?::[^}]*)?\})"?$/;
/** A word naming a script or program file (what a runner's trailing words start with, without `bash`). */
const SCRIPT_FILE = /\.(?:sh|bash|py|mjs|cjs|js|ts)$/;
/** Commands inside the text nest this deep at most (`bash -c` in `eval` in ...). */
const MAX_DEPTH = 16;

interface Unit {
  file: string;
  index: LineIndex;
  /** Where this unit's text starts in its file (a `bash -c` string starts inside a line). */
  base: number;
}

interface Word {
  value: string | undefined;
  raw: string;
  node: Node;
  at: SourcePosition;
  unit: Unit;
  /** Where the word starts in its unit's file. */
  offset: number;
}

interface FunctionDef {
  body: Node;
  unit: Unit;
  context: WordContext;
}

/** What a helper call's walk depends on besides variables (see call-memo.ts). */
interface CallState {
  cwd: string | null | undefined;
  depth: number;
  functions: number;
}

class Walker {
  readonly runs: ShellRun[] = [];
  private readonly variables: ShellVariables;
  private readonly roots: RootTable;
  private readonly functions = new Map<string, FunctionDef>();
  /** Bumped at every function definition: a recorded call holds only while it is unchanged. */
  private functionsVersion = 0;
  private readonly calls = new CallMemo<Node, CallState, string | null | undefined>();
  private readonly runners = new Map<string, boolean>();
  private readonly calling = new Set<string>();
  /** Heredoc bodies of each parsed text, by the offset of their `<<`. */
  private readonly heredocs = new WeakMap<WordContext, ReadonlyMap<number, HeredocBody>>();
  private depth = 0;
  /**
   * Where relative paths resolve: undefined where the text starts (the repo root for a rail
   * script), a path (`<self>`, `<hyperpush-mono>/mesher`) after a `cd` the text can follow,
   * null after one it cannot.
   */
  private cwd: string | null | undefined = undefined;

  private readonly options: ShellRunOptions;

  constructor(options: ShellRunOptions) {
    this.options = options;
    this.variables = new ShellVariables(options.variables ?? new Map());
    this.roots = options.roots ?? rootTable();
  }

  /** Parses `text` (the whole unit, or a string's content starting at `unit.base`) and walks it. */
  walkText(unit: Unit, text: string): void {
    if (this.depth >= MAX_DEPTH) return this.variables.notReplayable();
    // The grammar loses whole functions to a heredoc whose body it misreads (embedded Python
    // after `<<'PY'; then`): it parses the text with heredoc bodies blanked, offsets kept, and
    // words and bodies are read from the text as written.
    const entry = parsed(text);
    if (!entry) return;
    const context: WordContext = { source: text, base: 0, spans: [] };
    this.heredocs.set(context, entry.bodies);
    this.depth++;
    try {
      for (const statement of entry.statements) this.walk(statement, unit, context);
    } finally {
      this.depth--;
    }
  }

  /** Runs `walk` as a child shell would: the working folder and variables come back after it. */
  private isolated(walk: () => void, positional: ReadonlyArray<string | undefined> = []): void {
    const cwd = this.cwd;
    try {
      this.variables.isolated(() => {
        positional.forEach((value, i) => this.variables.set(String(i), value));
        walk();
      });
    } finally {
      this.cwd = cwd;
    }
  }

  /** A path as the shell finds it from the working folder (undefined when it cannot know). */
  private fromCwd(value: string | undefined): string | undefined {
    if (value === undefined || value.startsWith('<') || value.startsWith('/') || this.cwd === undefined) return value;
    if (this.cwd === null) return undefined;
    return path.posix.join(this.cwd, value);
  }

  private changeFolder(rest: readonly Word[], unit: Unit): void {
    const target = rest.find((w) => !(w.value ?? '').startsWith('-') || w.value === '-');
    // `cd "$(dirname "${BASH_SOURCE[0]}")/.."`: the script's own folder, then up.
    const ownFolder = target ? SCRIPT_FOLDER.exec(target.raw) : null;
    if (ownFolder) {
      const folder = path.posix.normalize(path.posix.join(path.posix.dirname(unit.file), ownFolder[1] ?? ''));
      this.cwd = folder === '..' || folder.startsWith('../') ? null : folder === '.' ? rootMarker(SELF) : `${rootMarker(SELF)}/${folder}`;
      return;
    }
    if (target === undefined || target.value === undefined || target.value === '-' || target.value.startsWith('~')) {
      this.cwd = null;
      return;
    }
    this.cwd = target.value.startsWith('<') || target.value.startsWith('/') ? target.value : (this.fromCwd(target.value) ?? null);
  }

  private at(unit: Unit, node: Node): SourcePosition {
    return unit.index.position(unit.base + node.startIndex);
  }

  private walk(node: Node, unit: Unit, context: WordContext): void {
    switch (node.type) {
      case 'comment':
      case 'heredoc_body':
        return;
      case 'function_definition': {
        const name = node.childForFieldName('name')?.text;
        const body = node.childForFieldName('body');
        if (name && body) {
          this.variables.emit(() => {
            this.functions.set(name, { body, unit, context });
            this.runners.delete(name);
            this.functionsVersion++;
          });
        }
        return; // the body runs when (and where) the function is called
      }
      case 'command':
        this.command(node, [], unit, context);
        return;
      case 'redirected_statement':
        this.redirected(node, unit, context);
        return;
      case 'variable_assignment':
        this.walkSubstitutions(node, unit, context);
        this.assign(node, unit, context, true);
        return;
      case 'declaration_command':
        this.walkSubstitutions(node, unit, context);
        for (const child of node.namedChildren) if (child.type === 'variable_assignment') this.assign(child, unit, context, true);
        return;
      case 'pipeline':
        this.pipeline(node, unit, context);
        return;
      case 'if_statement':
        this.ifStatement(node, unit, context);
        return;
      case 'for_statement':
        this.forStatement(node, unit, context);
        return;
      case 'command_substitution':
      case 'process_substitution':
      case 'subshell':
        // A child shell: its `cd` and assignments end with it.
        this.isolated(() => {
          for (const child of node.namedChildren) this.walk(child, unit, context);
        });
        return;
      default:
        for (const child of node.namedChildren) this.walk(child, unit, context);
    }
  }

  /** `$(...)` and `<(...)` inside the words of a command run too (before the command itself). */
  private walkSubstitutions(node: Node, unit: Unit, context: WordContext): void {
    for (const child of node.namedChildren) {
      if (child.type === 'command_substitution' || child.type === 'process_substitution') this.walk(child, unit, context);
      else if (child.type !== 'heredoc_body' && child.type !== 'comment') this.walkSubstitutions(child, unit, context);
    }
  }

  private assign(node: Node, unit: Unit, context: WordContext, keep: boolean): void {
    const name = node.childForFieldName('name');
    const valueNode = node.childForFieldName('value');
    const varName = name?.type === 'subscript' ? (name.namedChild(0)?.text ?? '') : (name?.text ?? '');
    if (varName === '') return;
    let value: string | undefined;
    if (valueNode === null) value = '';
    else if (valueNode.type === 'array') value = undefined;
    else value = this.expand(groupWords(context, [valueNode])[0]!.value, valueNode);
    const at = this.at(unit, node);
    if (this.options.onAssign) this.variables.emit(() => this.options.onAssign!(varName, value, at));
    // A root variable keeps meaning its repo's root whatever the text computes it from.
    if (keep && !this.roots.has(varName) && name?.type !== 'subscript') this.variables.set(varName, value);
  }

  private expand(value: string, node: Node): string | undefined {
    return hasExpansion(node) ? expandWord(value, this.variables, this.roots) : value;
  }

  private words(nodes: readonly Node[], unit: Unit, context: WordContext): Word[] {
    const grouped = groupWords(context, nodes);
    let index = 0;
    return grouped.map((word) => {
      // groupWords keeps source order: find the first node of this word.
      while (index < nodes.length && nodes[index]!.startIndex < word.start) index++;
      const node = nodes[index] ?? nodes[nodes.length - 1]!;
      const raw = context.source.slice(word.start, word.end);
      const value = word.dynamic ? expandWord(word.value, this.variables, this.roots) : word.value;
      return { value, raw, node, at: unit.index.position(unit.base + word.start), unit, offset: unit.base + word.start };
    });
  }

  private commandWords(command: Node, unit: Unit, context: WordContext): Word[] {
    const parts: Node[] = [];
    for (const child of command.children) {
      if (child.type === 'command_name') appendAll(parts, child.children);
      else if (child.type === 'variable_assignment' || child.type === 'comment' || child.type.endsWith('_redirect')) continue;
      else parts.push(child);
    }
    return parts.length === 0 ? [] : this.words(parts, unit, context);
  }

  /** A simple command; `stdin` is what a shell at its head would read (a file or shell text). */
  private command(node: Node, stdin: Stdin[], unit: Unit, context: WordContext): void {
    this.walkSubstitutions(node, unit, context);
    const words = this.commandWords(node, unit, context);
    for (const child of node.children) if (child.type === 'variable_assignment') this.assign(child, unit, context, words.length === 0);
    if (words.length === 0) return;
    if (this.options.onCommand) {
      const shown = words.map(({ value, at }) => ({ value, at }));
      this.variables.emit(() => this.options.onCommand!(shown));
    }
    this.run(words, stdin, unit, context);
  }

  /** What running `words` runs. */
  private run(words: readonly Word[], stdin: readonly Stdin[], unit: Unit, context: WordContext): void {
    const [head, ...rest] = words;
    if (head === undefined) return;
    if (this.depth >= MAX_DEPTH) return this.variables.notReplayable();
    const name = head.value;
    if (name === undefined) return; // `"$@"`, `$(...)`: the caller of a runner knows
    if (name === 'source' || name === '.') return this.source(rest[0]);
    if (name === 'cd' || name === 'pushd') return this.changeFolder(rest, unit);
    if (name === 'eval') return this.evalWords(rest);
    if (this.functions.has(name)) return this.callFunction(name, rest, unit, context);
    if (WRAPPERS.has(name)) return this.wrapped(name, rest, stdin, unit, context);
    if (SHELLS.has(name)) return this.shell(rest, stdin);
    if (INTERPRETERS.has(name)) {
      const operand = firstOperand(rest, new Set(['-m', '-c', '-e', '--eval', '-r', '--require', '-W', '-X']));
      if (operand && operand.word.value !== '-' && !rest.slice(0, operand.index).some((w) => ['-m', '-c', '-e', '--eval'].includes(w.value ?? ''))) {
        this.record(operand.word, rest.slice(operand.index + 1));
      }
      return;
    }
    if (isScriptPath(name)) return this.record(head, rest);
    // A helper the text does not define (a library it could not follow): its trailing words
    // run when they start with a shell (`run_step replay bash scripts/x.sh`). Commands known to
    // take data never do.
    if (DATA_COMMANDS.has(name)) return;
    const start = rest.findIndex((w) => w.value !== undefined && SHELLS.has(w.value));
    if (start >= 0) this.run(rest.slice(start), [], unit, context);
  }

  private record(word: Word, args: readonly Word[]): void {
    const run: ShellRun = { program: this.fromCwd(word.value), word: stripQuotes(word.raw), args: args.map((a) => a.value ?? stripQuotes(a.raw)), at: word.at };
    this.variables.emit(() => this.runs.push(run));
  }

  private source(word: Word | undefined): void {
    const value = this.fromCwd(word?.value);
    if (word === undefined || value === undefined) return;
    // Reading a file has effects of its own (each is read once): a call that does is not replayed.
    this.variables.notReplayable();
    const sourced = this.options.source?.(value, word.at);
    if (sourced === undefined) return;
    this.walkText({ file: sourced.file, index: new LineIndex(sourced.file, sourced.text), base: 0 }, sourced.text);
  }

  /** `eval` of words the text knows: their text, joined by blanks, runs as shell. */
  private evalWords(words: readonly Word[]): void {
    if (words.length === 0 || words.some((w) => w.value === undefined)) return;
    const first = words[0]!;
    const text = words.map((w) => w.value).join(' ');
    this.walkText(stringUnit(first), text);
  }

  private callFunction(name: string, args: readonly Word[], unit: Unit, context: WordContext): void {
    if (this.calling.has(name)) return this.variables.notReplayable(); // recursion: the body is being read already
    const definition = this.functions.get(name)!;
    if (this.isRunner(name)) {
      // The command starts at its first word that is a program: a shell, a wrapper, a script.
      const start = args.findIndex((w) => w.value !== undefined && (SHELLS.has(w.value) || INTERPRETERS.has(w.value) || WRAPPERS.has(w.value) || this.functions.has(w.value) || (isScriptPath(w.value) && SCRIPT_FILE.test(w.value))));
      if (start >= 0) this.run(args.slice(start), [], unit, context);
    }
    const state: CallState = { cwd: this.cwd, depth: this.depth, functions: this.functionsVersion };
    const same = (other: CallState) => other.cwd === state.cwd && other.depth === state.depth && other.functions === state.functions;
    const recorded = this.calls.find(definition.body, same, this.variables, this.calling);
    if (recorded) {
      this.variables.replay(name, recorded.entry);
      this.cwd = recorded.after;
      return;
    }
    this.calling.add(name);
    try {
      const entry = this.variables.record(name, () => this.walk(definition.body, definition.unit, definition.context));
      if (entry) this.calls.keep(definition.body, state, entry, this.cwd);
    } finally {
      this.calling.delete(name);
    }
  }

  /** A function runs its arguments when a command of its body has `"$@"` (or an array of them) as a program or argument. */
  private isRunner(name: string): boolean {
    let known = this.runners.get(name);
    if (known !== undefined) return known;
    this.runners.set(name, false); // a cycle of functions reads as not running
    const definition = this.functions.get(name)!;
    known = this.bodyRunsArgs(definition.body, definition.context);
    this.runners.set(name, known);
    return known;
  }

  private bodyRunsArgs(node: Node, context: WordContext): boolean {
    if (node.type === 'command') {
      const parts = node.children.filter((c) => c.type !== 'variable_assignment' && !c.type.endsWith('_redirect') && c.type !== 'comment');
      const words = groupWords(context, parts.flatMap((p) => (p.type === 'command_name' ? p.children : [p])));
      const head = words[0]?.value;
      if (head === undefined || DATA_HEADS.has(head)) return false;
      if (words.some((w) => ALL_ARGS.test(context.source.slice(w.start, w.end)))) return true;
      if (this.functions.has(head) && head !== node.text && words.slice(1).some((w) => ALL_ARGS.test(context.source.slice(w.start, w.end)))) return true;
      return false;
    }
    if (node.type === 'function_definition' || node.type === 'heredoc_body') return false;
    return node.namedChildren.some((child) => this.bodyRunsArgs(child, context));
  }

  private wrapped(name: string, rest: readonly Word[], stdin: readonly Stdin[], unit: Unit, context: WordContext): void {
    let index = 0;
    // Options and `NAME=value` words are recognised as written, even when their value is unknown.
    const value = (i: number) => (rest[i] === undefined ? undefined : (rest[i]!.value ?? stripQuotes(rest[i]!.raw)));
    if (name === 'command') {
      // `command -v x` / `-V` looks a program up; it runs nothing.
      while (value(index)?.startsWith('-')) {
        if (value(index) === '-v' || value(index) === '-V') return;
        index++;
      }
    } else if (name === 'env') {
      while (value(index) !== undefined && (value(index)!.startsWith('-') || /^[A-Za-z_][A-Za-z0-9_]*=/.test(value(index)!))) {
        if (value(index) === '-u' || value(index) === '-C' || value(index) === '-S') index++;
        index++;
      }
    } else if (name === 'timeout') {
      while (value(index)?.startsWith('-')) index += ['-s', '-k', '--signal', '--kill-after'].includes(value(index)!) ? 2 : 1;
      index++; // the duration
    } else if (name === 'time') {
      if (value(index) === '-p') index++;
    } else if (name === 'nice' || name === 'xargs' || name === 'sudo' || name === 'stdbuf') {
      while (value(index)?.startsWith('-')) index += ['-n', '-I', '-u', '-d', '-a', '-P', '-L', '-E', '-s'].includes(value(index)!) && !value(index)!.includes('=') ? 2 : 1;
    }
    this.run(rest.slice(index), stdin, unit, context);
  }

  /** `bash [options] script args`, `bash -c 'text'`, or a shell reading stdin. */
  private shell(rest: readonly Word[], stdin: readonly Stdin[]): void {
    let index = 0;
    let commandString = false;
    while (index < rest.length) {
      const value = rest[index]!.value;
      if (value === undefined || !/^[-+]/.test(value) || value === '-' || value === '--') break;
      if (value === '-n' || (/^-[a-zA-Z]+$/.test(value) && value.includes('n') && !value.startsWith('--'))) return; // a syntax check runs nothing
      if (/^-[a-zA-Z]*c[a-zA-Z]*$/.test(value)) commandString = true;
      index += SHELL_OPTIONS_WITH_VALUE.has(value) || /^[-+][a-zA-Z]*o$/.test(value) ? 2 : 1;
    }
    if (rest[index]?.value === '--' || rest[index]?.value === '-') index++;
    const operand = rest[index];
    if (commandString) {
      // A child shell; the words after the string are its `$0`, `$1`, ...
      const text = operand?.value;
      if (operand && text !== undefined) this.isolated(() => this.walkText(stringUnit(operand), text), rest.slice(index + 1).map((w) => w.value));
      return;
    }
    if (operand) {
      this.record(operand, rest.slice(index + 1));
      return;
    }
    for (const input of stdin) {
      if (input.kind === 'file') this.record(input.word, []);
      else this.walkText(input.unit, input.text);
    }
  }

  private redirected(node: Node, unit: Unit, context: WordContext): void {
    const body = node.childForFieldName('body');
    const redirects = node.namedChildren.filter((child) => child !== body);
    const stdin: Stdin[] = [];
    let program: string | undefined;
    if (body?.type === 'command') program = this.commandWords(body, unit, context)[0]?.value;
    for (const redirect of redirects) {
      this.walkSubstitutions(redirect, unit, context);
      if (redirect.type === 'file_redirect' && redirect.child(0)?.type === '<') {
        const destination = redirect.childForFieldName('destination');
        if (destination) stdin.push({ kind: 'file', word: this.words([destination], unit, context)[0]! });
      }
      if (redirect.type === 'heredoc_redirect') {
        const heredoc = this.heredocs.get(context)?.get(redirect.startIndex);
        if (heredoc) {
          const bodyText = text(context, heredoc);
          if (program !== undefined && SHELLS.has(program)) stdin.push({ kind: 'text', text: bodyText, unit: { ...unit, base: unit.base + heredoc.start } });
          else if (this.options.onHeredoc) {
            const at = unit.index.position(unit.base + heredoc.start);
            this.variables.emit(() => this.options.onHeredoc!(bodyText, program, at));
          }
        }
        // `<<EOF | next`: what follows the delimiter on its line is a statement of its own.
        for (const child of redirect.namedChildren) if (!child.type.endsWith('_redirect') && child.type !== 'heredoc_body' && child.type !== 'heredoc_start' && child.type !== 'heredoc_end') this.walk(child, unit, context);
      }
    }
    if (body?.type === 'command') this.command(body, stdin, unit, context);
    else if (body) this.walk(body, unit, context);
  }

  /** `cat x.sh | bash`, `echo '...' | sh`, `printf '%s\n' '...' | bash`: the shell reads what the command before it prints. */
  private pipeline(node: Node, unit: Unit, context: WordContext): void {
    let previous: Stdin[] = [];
    for (const child of node.namedChildren) {
      if (child.type === 'command') {
        this.command(child, previous, unit, context);
        previous = this.printed(child, unit, context);
      } else {
        this.walk(child, unit, context);
        previous = [];
      }
    }
  }

  /** What a command prints that a shell after it could run: a file `cat` shows, or literal text. */
  private printed(command: Node, unit: Unit, context: WordContext): Stdin[] {
    const [head, ...args] = this.commandWords(command, unit, context);
    if (head?.value === 'cat') return args.filter((a) => !a.value?.startsWith('-')).map((word) => ({ kind: 'file', word }));
    if (head?.value === 'echo' || head?.value === 'printf') {
      const texts = head.value === 'printf' && args.length > 1 ? args.slice(1) : args.filter((a) => !/^-[neE]+$/.test(a.value ?? ''));
      if (texts.length === 0 || texts.some((a) => a.value === undefined)) return [];
      return [{ kind: 'text', text: texts.map((a) => a.value).join(head.value === 'echo' ? ' ' : '\n'), unit: stringUnit(texts[0]!) }];
    }
    return [];
  }

  /** An `if` whose condition is the literal `false` never runs its `then` branch. */
  private ifStatement(node: Node, unit: Unit, context: WordContext): void {
    let phase: 'condition' | 'then' | 'rest' = 'condition';
    let dead = false;
    for (const child of node.children) {
      if (child.type === 'then') {
        phase = 'then';
        continue;
      }
      if (child.type === 'elif_clause' || child.type === 'else_clause') phase = 'rest';
      if (!child.isNamed) continue;
      if (phase === 'condition') {
        dead = isLiteralFalse(child, context);
        this.walk(child, unit, context);
      } else if (phase === 'then') {
        if (!dead) this.walk(child, unit, context);
      } else if (child.type === 'elif_clause') {
        this.ifStatement(child, unit, context);
      } else {
        this.walk(child, unit, context);
      }
    }
  }

  /** `for s in a b; do ...; done`: the body runs once per value (a value it cannot know: once, unknown). */
  private forStatement(node: Node, unit: Unit, context: WordContext): void {
    const variable = node.childForFieldName('variable')?.text;
    const body = node.childForFieldName('body');
    const valueNodes = node.childrenForFieldName('value');
    if (!variable || !body) return;
    for (const value of valueNodes) this.walkSubstitutions(value, unit, context);
    const values = valueNodes.length === 0 ? [undefined] : this.words(valueNodes, unit, context).map((w) => (/[*?[{]/.test(w.value ?? '') ? undefined : w.value));
    for (const value of values.length === 0 ? [undefined] : values) {
      if (!this.roots.has(variable)) this.variables.set(variable, value);
      this.walk(body, unit, context);
    }
  }
}

type Stdin = { kind: 'file'; word: Word } | { kind: 'text'; text: string; unit: Unit };

/**
 * A string word's content as a unit of its own (a `bash -c` string, an `eval`, an `echo` fed
 * to a shell): positions inside it point into the file. Exact for single-quoted strings; a
 * double-quoted one with escapes may drift by the escapes before a word.
 */
function stringUnit(word: Word): Unit {
  const quoted = /^['"]/.test(word.raw) ? 1 : word.raw.startsWith("$'") ? 2 : 0;
  return { ...word.unit, base: word.offset + quoted };
}

/** A word that names a program file: a path or a script name, one word (not a shown command line). */
function isScriptPath(value: string): boolean {
  return !/\s/.test(value) && (value.includes('/') || SCRIPT_FILE.test(value));
}

function firstOperand(words: readonly Word[], withValue: ReadonlySet<string>): { word: Word; index: number } | undefined {
  for (let i = 0; i < words.length; i++) {
    const value = words[i]!.value;
    if (value === undefined) return { word: words[i]!, index: i };
    if (value.startsWith('-') && value !== '-') {
      if (withValue.has(value)) i++;
      continue;
    }
    return { word: words[i]!, index: i };
  }
  return undefined;
}

function hasExpansion(node: Node): boolean {
  if (['simple_expansion', 'expansion', 'command_substitution', 'process_substitution', 'arithmetic_expansion'].includes(node.type)) return true;
  return node.namedChildren.some(hasExpansion);
}

function isLiteralFalse(node: Node, context: WordContext): boolean {
  if (node.type !== 'command') return false;
  const words = groupWords(context, node.children.flatMap((c) => (c.type === 'command_name' ? c.children : [c])));
  return words.length === 1 && words[0]!.value === 'false' && !words[0]!.dynamic;
}

function text(context: WordContext, range: HeredocBody): string {
  return context.source.slice(range.start, range.end);
}

/** Where a heredoc's body is in its text: from the line after `<<DELIM` to its closing line. */
interface HeredocBody {
  start: number;
  end: number;
}

/**
 * The text with every heredoc body blanked (each character but newlines becomes a space), so
 * offsets stay. A body starts on the line after its `<<DELIM` (`<<-`, quoted delimiters too;
 * never `<<<`) and ends at the line that is the delimiter alone.
 */
export function blankHeredocBodies(text: string): { text: string; bodies: Map<number, HeredocBody> } {
  const lines = text.split('\n');
  const out: string[] = [];
  const bodies = new Map<number, HeredocBody>();
  const pending: Array<{ delimiter: string; tabs: boolean; operator: number; start: number }> = [];
  let offset = 0;
  for (const line of lines) {
    const lineStart = offset;
    offset += line.length + 1;
    if (pending.length > 0) {
      const { delimiter, tabs, operator, start } = pending[0]!;
      const bare = tabs ? line.replace(/^\t+/, '') : line;
      if (bare.replace(/\r$/, '') === delimiter) {
        pending.shift();
        bodies.set(operator, { start, end: lineStart });
        if (pending[0]) pending[0].start = offset;
        out.push(line);
      } else {
        out.push(line.replace(/[^\r]/g, ' '));
      }
      continue;
    }
    out.push(line);
    if (/^\s*#/.test(line)) continue;
    for (const match of line.matchAll(/(?<!<)<<(-?)\s*(?:'([^']+)'|"([^"]+)"|\\?([A-Za-z_][A-Za-z0-9_]*))/g)) {
      pending.push({ delimiter: match[2] ?? match[3] ?? match[4]!, tabs: match[1] === '-', operator: lineStart + match.index, start: offset });
    }
  }
  return { text: out.join('\n'), bodies };
}

function stripQuotes(raw: string): string {
  return raw.replace(/^"([\s\S]*)"$/, '$1').replace(/^'([\s\S]*)'$/, '$1');
}
