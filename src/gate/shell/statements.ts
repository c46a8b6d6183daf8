/**
 * Shell text -> the simple commands it shows, as offsets (no page positions yet, so the
 * result of one text can be reused wherever the text appears). Uses tree-sitter-bash.
 *
 * The whole text is parsed once. When it has a syntax error, each top-level statement that
 * holds one (and whatever shares its lines) becomes an error, the others still count; a
 * statement left open at the end (an unclosed quote, `if` without `fi`) swallowed the lines
 * after its first one, so those are parsed again on their own.
 */
import type { Node } from 'web-tree-sitter';
import { shellParser } from './bash-parser.ts';
import { lineOfOffset } from './locate.ts';
import { readPlainLines } from './plain-lines.ts';
import type { Span } from './placeholders.ts';
import { describeProblem } from './syntax-errors.ts';
import { endOf, groupWords, startOf, toWord, type WordAt, type WordContext } from './words.ts';

export interface AssignAt {
  name: string;
  value: string;
  start: number;
  end: number;
}

/** What the text does, in source order. Offsets are in the shown text. */
export type ShellEvent =
  | { kind: 'command'; start: number; end: number; words: WordAt[]; assigns: AssignAt[] }
  | { kind: 'enter-subshell' }
  | { kind: 'leave-subshell' }
  | { kind: 'error'; offset: number; lineStart: number; reason: string };

/** Nodes that hold no statements: never descend (commands in `$(...)` only feed a word). */
const NO_STATEMENTS = new Set([
  'word', 'string', 'raw_string', 'ansi_c_string', 'translated_string', 'concatenation', 'number',
  'simple_expansion', 'expansion', 'command_substitution', 'process_substitution', 'arithmetic_expansion',
  'heredoc_start', 'heredoc_body', 'heredoc_end', 'comment', 'variable_name', 'file_descriptor',
]);

/**
 * `masked` is what the parser reads (placeholders blanked), `shown` the text as written;
 * both have the same length and offsets.
 */
export function readStatements(masked: string, shown: string, spans: Span[]): ShellEvent[] {
  return readPlainLines(masked, shown, spans) ?? readLineByLine(masked, shown, spans) ?? readStatementsWithGrammar(masked, shown, spans);
}

/**
 * A block whose every line stands alone (no heredoc, no `\` continuation, no construct or
 * quote left open on a line) reads the same line by line: plain lines skip the grammar and
 * the others are parsed alone. Undefined when some line does not stand alone (or has an
 * error, which the whole-block reading words): the whole block goes to the grammar.
 */
function readLineByLine(masked: string, shown: string, spans: Span[]): ShellEvent[] | undefined {
  if (!masked.includes('\n') || masked.includes('<<')) return undefined;
  const events: ShellEvent[] = [];
  let start = 0;
  while (start <= masked.length) {
    let end = masked.indexOf('\n', start);
    if (end === -1) end = masked.length;
    const line = masked.slice(start, end);
    if (/\\\s*$/.test(line)) return undefined;
    if (line.trim() !== '') {
      const found = readPlainLines(masked, shown, spans, start, end) ?? readStatementsWithGrammar(masked, shown, spans, start, end);
      if (found.some((event) => event.kind === 'error')) return undefined;
      for (const event of found) events.push(event);
    }
    start = end + 1;
  }
  return events;
}

/**
 * The same as `readStatements` for `masked[start, end)`, always through tree-sitter (the
 * faster paths are checked against it).
 */
export function readStatementsWithGrammar(masked: string, shown: string, spans: Span[], start = 0, end = masked.length): ShellEvent[] {
  const events: ShellEvent[] = [];
  let from = start;
  while (from !== -1) from = readRegion(masked, shown, spans, from, end, events);
  return events;
}

/** Reads `masked[from, end)`; returns where to read again (after a swallowed tail) or -1. */
function readRegion(masked: string, shown: string, spans: Span[], from: number, end: number, events: ShellEvent[]): number {
  const region = from === 0 && end === masked.length ? masked : masked.slice(from, end);
  const tree = shellParser().parse(region);
  if (!tree) return -1;
  try {
    const context: WordContext = { source: shown, base: from, spans };
    const root = tree.rootNode;
    if (!root.hasError) {
      for (const statement of root.namedChildren) readStatement(context, statement, events);
      return -1;
    }
    const pieces = topLevelPieces(root);
    const lines = lineStarts(region);
    const lineOf = (offset: number): number => lineOfOffset(lines, offset);
    const lastLineOf = (node: Node): number => lineOf(Math.max(node.startIndex, node.endIndex - 1));
    // Runs of broken pieces, and the lines they hold: anything else on those lines is not trusted either.
    const runs: { pieces: Node[]; first: number; last: number; end: number }[] = [];
    let previousBroken = false;
    for (const piece of pieces) {
      const broken = !isCleanStatement(piece);
      if (broken && previousBroken) {
        const run = runs[runs.length - 1]!;
        run.pieces.push(piece);
        run.last = Math.max(run.last, lastLineOf(piece));
        run.end = piece.endIndex;
      } else if (broken) {
        runs.push({ pieces: [piece], first: lineOf(piece.startIndex), last: lastLineOf(piece), end: piece.endIndex });
      }
      previousBroken = broken;
    }
    const touchesRun = (node: Node): boolean => {
      const first = lineOf(node.startIndex);
      const last = lastLineOf(node);
      return runs.some((run) => run.first <= last && first <= run.last);
    };
    if (runs.length === 0) {
      // The error hides where no piece shows it: fail closed on the whole text.
      const problem = describeProblem(root, root.endIndex, region);
      events.push({ kind: 'error', offset: from + problem.offset, lineStart: from + (lines[lineOf(problem.offset)] ?? 0), reason: problem.reason });
      return -1;
    }
    const reported = new Set<number>();
    for (const piece of pieces) {
      if (!touchesRun(piece)) {
        readStatement(context, piece, events);
        continue;
      }
      const run = runs.find((candidate) => candidate.pieces[0]!.equals(piece));
      if (!run) continue;
      // The group starts with the first piece that ends on the run's first line.
      let groupFirst = run.first;
      for (const other of pieces) {
        if (other.startIndex < piece.startIndex && lastLineOf(other) >= run.first) groupFirst = Math.min(groupFirst, lineOf(other.startIndex));
      }
      if (!reported.has(groupFirst)) {
        reported.add(groupFirst);
        const problem = describeProblem(piece, run.end, region);
        events.push({ kind: 'error', offset: from + problem.offset, lineStart: from + (lines[groupFirst] ?? 0), reason: problem.reason });
      }
      // An unclosed construct at the end swallowed the lines after its first one: read those again.
      const swallowedTail = region.slice(run.end).trim() === '' && run.last > groupFirst;
      if (swallowedTail) return from + (lines[groupFirst + 1] ?? region.length);
    }
    return -1;
  } finally {
    tree.delete();
  }
}

/** Statements a broken text can still be trusted with, when nothing else on their lines is broken. */
const STATEMENT_TYPES = new Set([
  'command', 'redirected_statement', 'declaration_command', 'unset_command', 'variable_assignment',
  'variable_assignments', 'test_command', 'subshell', 'compound_statement', 'pipeline', 'list', 'if_statement',
  'for_statement', 'c_style_for_statement', 'while_statement', 'case_statement', 'function_definition', 'negated_command',
]);

function isCleanStatement(node: Node): boolean {
  return node.isNamed && !node.hasError && STATEMENT_TYPES.has(node.type);
}

/**
 * The top-level statements of a tree with errors. tree-sitter wraps what it could not fit in
 * ERROR nodes that still hold whole statements; their pieces are judged one by one.
 */
function topLevelPieces(root: Node): Node[] {
  const pieces: Node[] = [];
  const visit = (node: Node): void => {
    for (const child of node.children) {
      if (child.type === 'comment' || child.type === ';' || child.type === '&' || child.type === '\n') continue;
      if (child.isError && child.childCount > 0) visit(child);
      else pieces.push(child);
    }
  };
  visit(root);
  return pieces;
}

/** One top-level statement; dropped with an error when the parser glued lines into one command. */
function readStatement(context: WordContext, statement: Node, events: ShellEvent[]): void {
  const found: ShellEvent[] = [];
  walk(context, statement, found);
  const glued = found.find((event) => event.kind === 'error');
  if (glued) events.push(glued);
  else for (const event of found) events.push(event);
}

function walk(context: WordContext, node: Node, events: ShellEvent[]): void {
  switch (node.type) {
    case 'command':
      recordCommand(context, events, commandParts(context, node, []), startOf(context, node), endOf(context, node));
      return;
    case 'redirected_statement':
      walkRedirected(context, node, events);
      return;
    case 'declaration_command':
      record(context, events, declParts(context, node), startOf(context, node), endOf(context, node));
      return;
    case 'unset_command':
      record(context, events, { words: groupWords(context, node.children), assigns: [] }, startOf(context, node), endOf(context, node));
      return;
    case 'variable_assignment':
      record(context, events, { words: [], assigns: [assignOf(context, node)] }, startOf(context, node), endOf(context, node));
      return;
    case 'variable_assignments':
      record(context, events, { words: [], assigns: node.namedChildren.map((a) => assignOf(context, a)) }, startOf(context, node), endOf(context, node));
      return;
    case 'test_command':
      // `[ ... ]` is a command named `[` (no check knows it: fails closed); `[[ ... ]]` is syntax.
      if (node.child(0)?.type === '[') {
        const head = node.child(0)!;
        record(context, events, { words: [toWord(context, [head])], assigns: [] }, startOf(context, node), endOf(context, node));
      }
      return;
    case 'subshell':
      // A subshell's `cd` ends with the subshell.
      events.push({ kind: 'enter-subshell' });
      for (const child of node.namedChildren) walk(context, child, events);
      events.push({ kind: 'leave-subshell' });
      return;
    case 'c_style_for_statement': {
      // `for ((i = 0; ...))`: only the body holds commands.
      const body = node.childForFieldName('body');
      if (body) walk(context, body, events);
      return;
    }
    default:
      if (NO_STATEMENTS.has(node.type)) return;
      for (const child of node.namedChildren) walk(context, child, events);
  }
}

/** `cmd ARGS > out <<EOF | next`: the command's text runs to its redirections; a heredoc body is not part of it. */
function walkRedirected(context: WordContext, node: Node, events: ShellEvent[]): void {
  const body = node.childForFieldName('body');
  const redirects = node.namedChildren.filter((child) => !body || !child.equals(body));
  if (body?.type === 'command') {
    let end = endOf(context, body);
    for (const redirect of redirects) end = Math.max(end, redirectEnd(context, redirect));
    recordCommand(context, events, commandParts(context, body, redirects), startOf(context, body), end);
  } else if (body) {
    walk(context, body, events);
  }
  // A heredoc redirect holds whatever follows its delimiter on the same line (`<<EOF | sh`).
  for (const redirect of redirects) {
    if (redirect.type !== 'heredoc_redirect') continue;
    for (const child of redirect.namedChildren) if (!child.type.endsWith('_redirect')) walk(context, child, events);
  }
}

/** Where a redirection ends on the command line: a heredoc's delimiter, not its body. */
function redirectEnd(context: WordContext, redirect: Node): number {
  if (redirect.type !== 'heredoc_redirect') return endOf(context, redirect);
  let end = startOf(context, redirect);
  for (const child of redirect.children) {
    if (child.type !== '<<' && child.type !== '<<-' && child.type !== 'heredoc_start' && child.type !== 'file_redirect') break;
    end = endOf(context, child);
  }
  return end;
}

interface Parts {
  words: WordAt[];
  assigns: AssignAt[];
}

function commandParts(context: WordContext, command: Node, redirects: readonly Node[]): Parts {
  const assigns: AssignAt[] = [];
  const parts: Node[] = [];
  for (const child of command.children) {
    if (child.type === 'variable_assignment') assigns.push(assignOf(context, child));
    else if (child.type === 'command_name') parts.push(...child.children);
    else if (child.type.endsWith('_redirect')) parts.push(...extraDestinations(child));
    else if (child.type !== 'comment') parts.push(child);
  }
  for (const redirect of redirects) parts.push(...extraDestinations(redirect));
  return { words: groupWords(context, parts), assigns };
}

/** `> out arg`: bash reads `arg` as an argument, the grammar as a second destination. */
function extraDestinations(redirect: Node): Node[] {
  if (redirect.type !== 'file_redirect') return [];
  return redirect.childrenForFieldName('destination').slice(1);
}

/**
 * `export A=1 B` -> words `export`, `B` (flags and bare names stay words, so a resolver sees
 * the whole clause) and assigns `A=1`.
 */
function declParts(context: WordContext, decl: Node): Parts {
  const words: WordAt[] = [];
  const assigns: AssignAt[] = [];
  for (const child of decl.children) {
    if (child.type === 'variable_assignment') assigns.push(assignOf(context, child));
    else if (child.type !== 'comment' && !child.type.endsWith('_redirect')) words.push(toWord(context, [child]));
  }
  return { words, assigns };
}

function assignOf(context: WordContext, assign: Node): AssignAt {
  const nameNode = assign.childForFieldName('name');
  const name = nameNode?.type === 'subscript' ? (nameNode.namedChild(0)?.text ?? '') : (nameNode?.text ?? '');
  const valueParts: Node[] = [];
  let seenEquals = false;
  for (const child of assign.children) {
    if (seenEquals) valueParts.push(child);
    else if (child.type === '=' || child.type === '+=') seenEquals = true;
  }
  let value = '';
  if (valueParts.some((part) => part.type === 'array')) {
    // `NAME=(a b)` has no word value: keep its source text.
    value = context.source.slice(startOf(context, valueParts[0]!), endOf(context, valueParts[valueParts.length - 1]!));
  } else if (valueParts.length > 0) {
    value = toWord(context, valueParts).value;
  }
  return { name, value, start: startOf(context, assign), end: endOf(context, assign) };
}

/**
 * A simple command. `time [-p] CMD` (a keyword of bash before a pipeline, which this grammar
 * reads as a command named `time`) shows CMD: the command starts after the keyword.
 */
function recordCommand(context: WordContext, events: ShellEvent[], parts: Parts, start: number, end: number): void {
  const [first, second] = parts.words;
  if (parts.assigns.length === 0 && first && context.source.slice(first.start, first.end) === 'time') {
    const skip = second && context.source.slice(second.start, second.end) === '-p' ? 2 : 1;
    const words = parts.words.slice(skip);
    if (words.length === 0) return;
    record(context, events, { words, assigns: [] }, words[0]!.start, end);
    return;
  }
  record(context, events, parts, start, end);
}

function record(context: WordContext, events: ShellEvent[], parts: Parts, start: number, end: number): void {
  if (parts.words.length === 0 && parts.assigns.length === 0) return;
  const glued = gluedLine(context, parts);
  if (glued !== undefined) {
    const lineStart = context.source.lastIndexOf('\n', start - 1) + 1;
    events.push({ kind: 'error', offset: glued, lineStart, reason: 'the parser read words of separate lines as one command' });
    return;
  }
  events.push({ kind: 'command', start, end, words: parts.words, assigns: parts.assigns });
}

/**
 * A guard against grammar bugs: words of one simple command may only span lines through a
 * `\` continuation. Returns the offset of the first word that starts on a later line.
 */
function gluedLine(context: WordContext, parts: Parts): number | undefined {
  const items = [...parts.assigns, ...parts.words].sort((a, b) => a.start - b.start);
  for (let i = 1; i < items.length; i++) {
    const gap = context.source.slice(items[i - 1]!.end, items[i]!.start);
    if (gap.replace(/\\\r?\n/g, '').includes('\n')) return items[i]!.start;
  }
  return undefined;
}

function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) starts.push(i + 1);
  return starts;
}
