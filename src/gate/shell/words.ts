/**
 * Words of the tree-sitter tree -> word values after quote removal. Values are rebuilt from
 * the text as shown (not from the masked text the parser saw) so placeholders come back as
 * written.
 */
import type { SyntaxNode as Node } from '../tree-sitter/plain-tree.ts';
import { isPlaceholderWord, type Span } from './placeholders.ts';

/** Word parts whose value only the running shell knows. */
const DYNAMIC_PARTS = new Set([
  'simple_expansion',
  'expansion',
  'command_substitution',
  'arithmetic_expansion',
  'process_substitution',
]);

/** What turning nodes of one parsed text into words needs. */
export interface WordContext {
  /** The text as shown, with the same offsets as the parsed text. */
  source: string;
  /** Where the parsed text starts in `source` (a re-read tail starts later than 0). */
  base: number;
  /** Placeholder spans, offsets in `source`. */
  spans: Span[];
}

/** A word with offsets in `source`; the locator turns `start` into a page position later. */
export interface WordAt {
  value: string;
  placeholder: boolean;
  dynamic: boolean;
  start: number;
  end: number;
}

export const startOf = (context: WordContext, node: Node): number => context.base + node.startIndex;
export const endOf = (context: WordContext, node: Node): number => context.base + node.endIndex;
export const rawOf = (context: WordContext, node: Node): string =>
  context.source.slice(startOf(context, node), endOf(context, node));

/** Backslash removal outside quotes: `\x` -> `x`, backslash-newline vanishes. */
function unescapeBare(raw: string): string {
  return raw.replace(/\\(\r?\n|[\s\S])/g, (_m, c: string) => (c.endsWith('\n') ? '' : c));
}

/** Inside double quotes a backslash only escapes `$`, `` ` ``, `"`, `\` and newline. */
function unescapeDouble(raw: string): string {
  return raw.replace(/\\(\r?\n|[$`"\\])/g, (_m, c: string) => (c.endsWith('\n') ? '' : c));
}

interface PartValue {
  value: string;
  dynamic: boolean;
}

/** `"…"` (or `$"…"`): literal runs unescaped, expansions kept as written and marked dynamic. */
function doubleQuoted(context: WordContext, node: Node, open: number): PartValue {
  const end = endOf(context, node) - 1;
  let at = startOf(context, node) + open;
  let value = '';
  let dynamic = false;
  for (const child of node.namedChildren) {
    if (!DYNAMIC_PARTS.has(child.type)) continue;
    const childStart = startOf(context, child);
    value += unescapeDouble(context.source.slice(at, childStart)) + rawOf(context, child);
    dynamic = true;
    at = endOf(context, child);
  }
  value += unescapeDouble(context.source.slice(at, Math.max(at, end)));
  return { value, dynamic };
}

function partValue(context: WordContext, part: Node, first: boolean): PartValue {
  const raw = rawOf(context, part);
  switch (part.type) {
    case 'word':
      // An unquoted leading `~` is the reader's home folder.
      return { value: unescapeBare(raw), dynamic: first && raw.startsWith('~') };
    case 'raw_string':
      return { value: raw.slice(1, -1), dynamic: false };
    case 'ansi_c_string':
      return { value: raw.slice(2, -1), dynamic: false };
    case 'string':
      return doubleQuoted(context, part, 1);
    case 'translated_string':
      return doubleQuoted(context, part, 2);
    case 'concatenation': {
      let value = '';
      let dynamic = false;
      part.children.forEach((child, i) => {
        const next = partValue(context, child, first && i === 0);
        value += next.value;
        dynamic ||= next.dynamic;
      });
      return { value, dynamic };
    }
    default:
      // Expansions keep their source text (`$HOME`, `$(pwd)`); numbers, globs and braces stay literal.
      return { value: raw, dynamic: DYNAMIC_PARTS.has(part.type) };
  }
}

/** One shell word made of adjacent parts (`$"x"` reaches the tree as `$` then a string). */
export function toWord(context: WordContext, parts: readonly Node[]): WordAt {
  const start = startOf(context, parts[0]!);
  const end = endOf(context, parts[parts.length - 1]!);
  let value = '';
  let dynamic = false;
  parts.forEach((part, i) => {
    const next = partValue(context, part, i === 0);
    value += next.value;
    dynamic ||= next.dynamic;
  });
  const placeholder =
    context.spans.some((span) => span.start < end && span.end > start) || isPlaceholderWord(value);
  return { value, placeholder, dynamic, start, end };
}

/** Parts -> words: parts that touch (no blank between them) are one word. */
export function groupWords(context: WordContext, parts: readonly Node[]): WordAt[] {
  const words: WordAt[] = [];
  let current: Node[] = [];
  for (const part of parts) {
    const previous = current[current.length - 1];
    if (previous && previous.endIndex !== part.startIndex) {
      words.push(toWord(context, current));
      current = [];
    }
    current.push(part);
  }
  if (current.length > 0) words.push(toWord(context, current));
  return words;
}
