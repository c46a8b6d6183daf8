/**
 * Shell text -> the simple commands it shows, as offsets (no page positions yet, so the
 * result of one text can be reused wherever the text appears). Plain text and blocks whose
 * lines stand alone take faster paths; everything else is parsed by tree-sitter-bash.
 *
 * The grammar parses the whole text once. When it has a syntax error, each top-level statement
 * that holds one (and whatever shares its lines) becomes an error, the others still count; a
 * statement left open at the end (an unclosed quote, `if` without `fi`) swallowed the lines
 * after its first one, so those are parsed again on their own.
 */
import type { Node } from 'web-tree-sitter';
import { shellParser } from './bash-parser.ts';
import type { ShellEvent } from './events.ts';
import { lineOfOffset } from '../../core/positions.ts';
import { readPlainLines } from './plain-lines.ts';
import type { Span } from './placeholders.ts';
import { describeProblem } from './syntax-errors.ts';
import { readStatement } from './tree-walk.ts';
import { nestsTooDeep, TOO_DEEP_REASON } from './nesting.ts';
import type { WordContext } from './words.ts';


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
    // A statement nested past the limit is one finding; the text around it is read as usual.
    const deep = root.children.find(nestsTooDeep);
    if (deep) {
      const deepStart = from + deep.startIndex;
      for (let before = from; before !== -1 && before < deepStart; ) before = readRegion(masked, shown, spans, before, deepStart, events);
      events.push({ kind: 'error', offset: deepStart, lineStart: shown.lastIndexOf('\n', deepStart - 1) + 1, reason: TOO_DEEP_REASON });
      const after = from + deep.endIndex;
      return after < end ? after : -1;
    }
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

function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) starts.push(i + 1);
  return starts;
}
