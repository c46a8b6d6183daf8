/**
 * A fast path for the most common shell text in docs: plain words joined by `&&`, `||`, `|`,
 * `;` and newlines, with optional `NAME=value` before each command. Such text has no quoting,
 * no expansion and no syntax to get wrong, so splitting it needs no grammar; anything else
 * (a quote, `$`, `\`, `#`, a glob, a bracket, a keyword, a declaration...) returns undefined
 * and goes to tree-sitter. A test checks that both paths agree on every plain text.
 */
import type { Span } from './placeholders.ts';
import { isPlaceholderWord } from './placeholders.ts';
import type { AssignAt, ShellEvent } from './events.ts';
import type { WordAt } from './words.ts';

/** Every character plain text may hold; anything else needs the grammar. */
const PLAIN_TEXT = /^[A-Za-z0-9_./:@%+,=\- \t\n&|;]*$/;
/** Tokens: the list operators, or a run of word characters. */
const TOKEN = /&&|\|\||[|;&]|[^\s&|;]+/g;
/** Heads the grammar reads as syntax or as declarations, not as plain commands. */
const NOT_PLAIN_HEADS = new Set([
  'if', 'then', 'else', 'elif', 'fi', 'for', 'while', 'until', 'do', 'done', 'case', 'esac', 'in', 'function',
  'select', 'time', 'coproc', 'export', 'local', 'readonly', 'declare', 'typeset', 'unset', 'let', 'eval', 'alias',
]);
const ASSIGNMENT = /^[A-Za-z_][A-Za-z0-9_]*=/;

interface Token {
  text: string;
  start: number;
  end: number;
}

/** The events of plain text `masked[start, end)`, or undefined when it needs the grammar. */
export function readPlainLines(
  masked: string,
  shown: string,
  spans: readonly Span[],
  start = 0,
  end = masked.length,
): ShellEvent[] | undefined {
  const text = start === 0 && end === masked.length ? masked : masked.slice(start, end);
  if (!PLAIN_TEXT.test(text)) return undefined;
  const events: ShellEvent[] = [];
  let current: Token[] = [];
  /** The operator that ended the previous command, if it needs a command after it. */
  let pending: string | undefined;
  const finish = (): boolean => {
    if (current.length === 0) return true;
    const command = plainCommand(current, shown, spans);
    if (command === undefined) return false;
    events.push(command);
    current = [];
    return true;
  };
  for (const line of lines(text, start)) {
    for (const match of line.text.matchAll(TOKEN)) {
      const token = { text: match[0], start: line.start + match.index, end: line.start + match.index + match[0].length };
      if (token.text === '&&' || token.text === '||' || token.text === '|' || token.text === ';') {
        // An operator needs a command before it; the grammar misreads `A=|b` (an empty value
        // touching the operator), so that goes to it too.
        if (current.length === 0) return undefined;
        const previous = current[current.length - 1]!;
        if (previous.end === token.start && previous.text.endsWith('=')) return undefined;
        if (!finish()) return undefined;
        pending = token.text === ';' ? undefined : token.text;
      } else if (token.text === '&') {
        return undefined; // a background job: leave it to the grammar
      } else {
        current.push(token);
        pending = undefined;
      }
    }
    if (!finish()) return undefined;
  }
  // `a &&` with nothing after it is a syntax error: the grammar words it.
  return pending === undefined ? events : undefined;
}

function lines(text: string, base: number): { text: string; start: number }[] {
  const found: { text: string; start: number }[] = [];
  let start = base;
  for (const line of text.split('\n')) {
    found.push({ text: line, start });
    start += line.length + 1;
  }
  return found;
}

function plainCommand(tokens: readonly Token[], shown: string, spans: readonly Span[]): ShellEvent | undefined {
  const assigns: AssignAt[] = [];
  let i = 0;
  while (i < tokens.length && ASSIGNMENT.test(tokens[i]!.text)) {
    const token = tokens[i]!;
    const raw = shown.slice(token.start, token.end);
    const eq = token.text.indexOf('=');
    assigns.push({ name: raw.slice(0, eq), value: raw.slice(eq + 1), start: token.start, end: token.end });
    i++;
  }
  const head = tokens[i];
  if (head !== undefined && (NOT_PLAIN_HEADS.has(head.text) || head.text.includes('='))) return undefined;
  const words: WordAt[] = tokens.slice(i).map((token) => {
    const value = shown.slice(token.start, token.end);
    const placeholder = spans.some((span) => span.start < token.end && span.end > token.start) || isPlaceholderWord(value);
    return { value, placeholder, dynamic: false, start: token.start, end: token.end };
  });
  const first = tokens[0]!;
  const last = tokens[tokens.length - 1]!;
  return { kind: 'command', start: first.start, end: last.end, words, assigns };
}
