/**
 * Words of the Go parser's tree -> `CommandWord`. Values are rebuilt from the text as shown
 * (not from the parser's literals) so placeholders come back as written.
 */
import sh from 'mvdan-sh';
import type { DblQuoted, Node, Pos, SglQuoted, Word } from 'mvdan-sh';
import type { CommandWord } from '../types.ts';
import type { Locator } from './locate.ts';
import { isPlaceholderWord, type Span } from './placeholders.ts';

const { syntax } = sh;

/** Word parts whose value only the running shell knows. */
const DYNAMIC_PARTS = new Set(['ParamExp', 'CmdSubst', 'ArithmExp', 'ProcSubst']);

/** What turning nodes of one parsed chunk into words needs. */
export interface WordContext {
  /** The text as shown, with the same offsets as the parsed text. */
  source: string;
  /** Where the parsed chunk starts in `source`. */
  chunkStart: number;
  /** Byte offset in the chunk -> UTF-16 offset in the chunk. */
  toUtf16: (byteOffset: number) => number;
  /** Placeholder spans, offsets in `source`. */
  spans: Span[];
  locate: Locator;
}

/** Offset in `source` of a parser position. */
export function offsetOf(context: WordContext, pos: Pos): number {
  return context.chunkStart + context.toUtf16(pos.Offset());
}

/** Backslash removal outside quotes: `\x` -> `x`, backslash-newline vanishes. */
function unescapeBare(raw: string): string {
  return raw.replace(/\\(\r?\n|[\s\S])/g, (_m, c: string) => (c.endsWith('\n') ? '' : c));
}

/** Inside double quotes a backslash only escapes `$`, `` ` ``, `"`, `\` and newline. */
function unescapeDouble(raw: string): string {
  return raw.replace(/\\(\r?\n|[$`"\\])/g, (_m, c: string) => (c.endsWith('\n') ? '' : c));
}

function partValue(context: WordContext, part: Node, quoted: boolean): { value: string; dynamic: boolean } {
  const type = syntax.NodeType(part);
  const raw = context.source.slice(offsetOf(context, part.Pos()), offsetOf(context, part.End()));
  switch (type) {
    case 'Lit':
      return { value: quoted ? unescapeDouble(raw) : unescapeBare(raw), dynamic: false };
    case 'SglQuoted':
      return { value: raw.slice((part as SglQuoted).Dollar ? 2 : 1, -1), dynamic: false };
    case 'DblQuoted': {
      let value = '';
      let dynamic = false;
      for (const inner of (part as DblQuoted).Parts) {
        const next = partValue(context, inner, true);
        value += next.value;
        dynamic ||= next.dynamic;
      }
      return { value, dynamic };
    }
    default:
      // Expansions keep their source text (`$HOME`, `$(pwd)`); globs and braces stay literal.
      return { value: raw, dynamic: DYNAMIC_PARTS.has(type) };
  }
}

export function toCommandWord(context: WordContext, word: Word): CommandWord {
  const start = offsetOf(context, word.Pos());
  const end = offsetOf(context, word.End());
  let value = '';
  let dynamic = false;
  word.Parts.forEach((part, i) => {
    const next = partValue(context, part, false);
    // An unquoted leading `~` is the reader's home folder.
    if (i === 0 && syntax.NodeType(part) === 'Lit' && next.value.startsWith('~')) dynamic = true;
    value += next.value;
    dynamic ||= next.dynamic;
  });
  const placeholder =
    context.spans.some((span) => span.start < end && span.end > start) || isPlaceholderWord(value);
  return { value, placeholder, dynamic, position: context.locate(start) };
}
