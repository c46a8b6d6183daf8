/**
 * Shell text -> simple commands with exact positions, using the real shell grammar of
 * mvdan/sh. One input is one block: a fence, an inline code span or a YAML `run`. Lists
 * (`&&`, `||`, `;`, `|`, newlines) become separate commands; a `cd` moves the running cwd
 * of the block. Never throws: what does not parse becomes a `command-unparsable` diagnostic.
 */
import sh from 'mvdan-sh';
import type { CallExpr, DeclClause, File, Node, ParseError, Redirect, Stmt } from 'mvdan-sh';
import type {
  CommandAssign,
  CommandOccurrence,
  CommandOrigin,
  CommandWord,
  Diagnostic,
  SourcePosition,
} from '../types.ts';
import { nextCwd } from './cwd.ts';
import { byteToUtf16, textLocator, type Locator } from './locate.ts';
import { maskPlaceholders } from './placeholders.ts';
import { offsetOf, toCommandWord, type WordContext } from './words.ts';

const { syntax } = sh;
const parser = syntax.NewParser();

export interface ShellInput {
  /** The shell text as shown. */
  text: string;
  /**
   * Where the text's first character is (later lines start at the same column: right for a
   * one-line string, a YAML block scalar, a fence), or a locator for any other layout.
   */
  at: SourcePosition | Locator;
  origin: CommandOrigin;
  /** A `console` transcript: only `$ ` lines (and their `\` continuations) are commands. */
  console?: boolean;
  /** The cwd the block starts in; undefined is the repo root. */
  cwd?: string;
  /** Copied onto every command (the block is marked as not checkable on purpose). */
  skipReason?: string;
}

export interface ShellParseResult {
  commands: CommandOccurrence[];
  diagnostics: Diagnostic[];
  /** The cwd after the block. */
  cwd: string | undefined;
}

export function parseShell(input: ShellInput): ShellParseResult {
  const locate = typeof input.at === 'function' ? input.at : textLocator(input.text, input.at);
  const shown = input.console ? maskConsole(input.text) : input.text;
  const { text, spans } = maskPlaceholders(shown);
  const state: BlockState = { input, locate, shown, spans, cwd: input.cwd, commands: [], diagnostics: [] };

  // Parse statement by statement so one bad line does not hide the good ones: grow a chunk
  // line by line until it parses (multi-line quotes, `if ... fi` and heredocs need more lines).
  const lines = lineSpans(text);
  let first = 0;
  for (let i = 0; i < lines.length; i++) {
    const last = i === lines.length - 1;
    const start = lines[first]?.start ?? 0;
    const end = lines[i]?.end ?? text.length;
    if (!last && endsWithContinuation(text.slice(start, end))) continue;
    const chunk = text.slice(start, end);
    if (chunk.trim() === '') {
      first = i + 1;
      continue;
    }
    try {
      collect(state, parser.Parse(chunk, 'shell'), start, chunk);
      first = i + 1;
    } catch (error) {
      const parseError = asParseError(error);
      if (parseError?.Incomplete && !last) continue;
      state.diagnostics.push(unparsable(state, parseError, error, start, chunk));
      // An unclosed construct swallowed the lines after its first one: read those again alone.
      if (parseError?.Incomplete && i > first) i = first;
      first = i + 1;
    }
  }
  return { commands: state.commands, diagnostics: state.diagnostics, cwd: state.cwd };
}

interface BlockState {
  input: ShellInput;
  locate: Locator;
  /** Text as shown (console output blanked), same offsets as the parsed text. */
  shown: string;
  spans: { start: number; end: number }[];
  cwd: string | undefined;
  commands: CommandOccurrence[];
  diagnostics: Diagnostic[];
}

function lineSpans(text: string): { start: number; end: number }[] {
  const spans: { start: number; end: number }[] = [];
  let start = 0;
  for (let i = 0; i <= text.length; i++) {
    if (i === text.length || text.charCodeAt(i) === 10) {
      spans.push({ start, end: i });
      start = i + 1;
    }
  }
  return spans;
}

/** An odd number of trailing backslashes joins the next line. */
function endsWithContinuation(line: string): boolean {
  const match = /\\+\r?$/.exec(line);
  return match !== null && match[0].replace('\r', '').length % 2 === 1;
}

/**
 * Blanks everything of a console transcript but the commands, keeping every offset: `$ `
 * prompts and output lines become spaces, a continuation's `> ` prompt too.
 */
export function maskConsole(text: string): string {
  let continuing = false;
  return text
    .split('\n')
    .map((line) => {
      let kept: string;
      if (continuing) kept = line.startsWith('> ') ? `  ${line.slice(2)}` : line;
      else if (line.startsWith('$ ')) kept = `  ${line.slice(2)}`;
      else kept = ' '.repeat(line.length);
      continuing = kept.trim() !== '' && endsWithContinuation(kept);
      return kept;
    })
    .join('\n');
}

/** Walks one parsed chunk in source order and records its simple commands. */
function collect(state: BlockState, file: File, chunkStart: number, chunk: string): void {
  const context: WordContext = {
    source: state.shown,
    chunkStart,
    toUtf16: byteToUtf16(chunk),
    spans: state.spans,
    locate: state.locate,
  };
  // A subshell's `cd` ends with the subshell: remember the cwd to restore on the way out.
  const stack: { type: string; cwd: string | undefined }[] = [];
  syntax.Walk(file, (node: Node | null) => {
    if (node === null) {
      const left = stack.pop();
      if (left?.type === 'Subshell') state.cwd = left.cwd;
      return true;
    }
    const type = syntax.NodeType(node);
    // Commands inside `$(...)` only feed a word: the word is dynamic, not a shown command.
    if (type === 'CmdSubst' || type === 'ProcSubst') return false;
    if (type === 'Stmt') {
      const stmt = node as Stmt;
      const cmd = stmt.Cmd;
      const cmdType = cmd ? syntax.NodeType(cmd) : '';
      if (cmd && (cmdType === 'CallExpr' || cmdType === 'DeclClause')) {
        record(state, context, cmd, cmdType, stmt.Redirs);
        return false;
      }
    }
    stack.push({ type, cwd: state.cwd });
    return true;
  });
}

function record(
  state: BlockState,
  context: WordContext,
  cmd: Node,
  type: string,
  redirects: Redirect[],
): void {
  const { words, assigns } =
    type === 'DeclClause' ? declParts(context, cmd as DeclClause) : callParts(context, cmd as CallExpr);
  if (words.length === 0 && assigns.length === 0) return;

  const start = offsetOf(context, cmd.Pos());
  let end = offsetOf(context, cmd.End());
  for (const redirect of redirects) {
    // The heredoc body is not part of the command line.
    if (redirect.Word) end = Math.max(end, offsetOf(context, redirect.Word.End()));
  }
  const text = joinContinuations(state.shown.slice(start, end));

  const command: CommandOccurrence = {
    text,
    words,
    assigns,
    position: state.locate(start),
    origin: state.input.origin,
  };
  if (state.cwd !== undefined) command.cwd = state.cwd;
  if (state.input.skipReason !== undefined) command.skipReason = state.input.skipReason;
  state.commands.push(command);

  if (words[0]?.value === 'cd' && !words[0].dynamic) state.cwd = nextCwd(state.cwd, cdTarget(words));
}

/** `cd [-L|-P] [--] DIR`: the word after the options, undefined for a bare `cd`. */
function cdTarget(words: CommandWord[]): CommandWord | undefined {
  let i = 1;
  while (/^-[LPe@]+$/.test(words[i]?.value ?? '')) i++;
  if (words[i]?.value === '--') i++;
  return words[i];
}

function callParts(context: WordContext, call: CallExpr): { words: CommandWord[]; assigns: CommandAssign[] } {
  const assigns = call.Assigns.filter((a) => a.Name !== null).map((a) => ({
    name: a.Name?.Value ?? '',
    value: a.Value ? toCommandWord(context, a.Value).value : arrayValue(context, a),
    position: context.locate(offsetOf(context, a.Pos())),
  }));
  return { words: call.Args.map((word) => toCommandWord(context, word)), assigns };
}

/** `NAME=(a b)` has no word value: keep its source text. */
function arrayValue(context: WordContext, assign: Node): string {
  const raw = context.source.slice(offsetOf(context, assign.Pos()), offsetOf(context, assign.End()));
  const eq = raw.indexOf('=');
  return eq < 0 ? '' : raw.slice(eq + 1);
}

/**
 * `export A=1 B` -> words `export`, `B` (flags and bare names stay words, so a resolver sees
 * the whole clause) and assigns `A=1`.
 */
function declParts(context: WordContext, decl: DeclClause): { words: CommandWord[]; assigns: CommandAssign[] } {
  const words: CommandWord[] = [
    {
      value: decl.Variant.Value,
      placeholder: false,
      dynamic: false,
      position: context.locate(offsetOf(context, decl.Pos())),
    },
  ];
  const assigns: CommandAssign[] = [];
  for (const arg of decl.Args) {
    const position = context.locate(offsetOf(context, arg.Pos()));
    if (arg.Name === null) {
      if (arg.Value) words.push(toCommandWord(context, arg.Value));
    } else if (arg.Naked) {
      words.push({ value: arg.Name.Value, placeholder: false, dynamic: false, position });
    } else {
      const value = arg.Value ? toCommandWord(context, arg.Value).value : arrayValue(context, arg);
      assigns.push({ name: arg.Name.Value, value, position });
    }
  }
  return { words, assigns };
}

/** Backslash-newline and the blanks around it read as one space. */
function joinContinuations(text: string): string {
  return text.replace(/[ \t]*\\\r?\n[ \t]*/g, ' ');
}

function asParseError(error: unknown): ParseError | undefined {
  if (typeof error === 'object' && error !== null && 'Pos' in error && 'Text' in error) {
    return error as ParseError;
  }
  return undefined;
}

function unparsable(
  state: BlockState,
  parseError: ParseError | undefined,
  error: unknown,
  chunkStart: number,
  chunk: string,
): Diagnostic {
  const offset = parseError ? chunkStart + byteToUtf16(chunk)(parseError.Pos.Offset()) : chunkStart;
  const reason = parseError ? parseError.Text : String(error);
  // The chunk may have swallowed later lines (unclosed quote): name its first logical line.
  const shown = state.shown.slice(chunkStart, chunkStart + chunk.length);
  const subject = (joinContinuations(shown).split('\n')[0] ?? '').trim().replace(/\s+/g, ' ');
  const isRedirect = /redirect|must be followed by a word|<|>/.test(reason) || /[<>]/.test(shown);
  const suggestion = isRedirect
    ? 'Write a placeholder as one bracketed word with no spaces, such as <request-key>, or quote the text.'
    : state.input.origin === 'rails-yaml'
      ? 'Fix the shell syntax of this run string.'
      : 'Fix the shell syntax; if this is not a shell command, give the fence another language (such as text) or add gate-skip="reason" to its meta.';
  return {
    code: 'command-unparsable',
    severity: 'error',
    position: state.locate(Math.min(offset, state.shown.length)),
    subject: subject.length > 120 ? `${subject.slice(0, 117)}...` : subject,
    message: `The shell parser stopped: ${reason}.`,
    suggestion,
  };
}
