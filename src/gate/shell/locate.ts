/**
 * Offsets to positions. Everything the gate parses is a piece of a bigger file (a fence, an
 * inline code span, a YAML value); a `Locator` maps an offset in the piece to the file.
 */
import type { SourcePosition } from '../types.ts';

/** Maps a UTF-16 offset in a parsed text to its place in the page or YAML. */
export type Locator = (offset: number) => SourcePosition;

/** Line starts of a whole file, for offset -> line/column (1-based, UTF-16 columns like mdast). */
export class LineIndex {
  readonly file: string;
  readonly source: string;
  /** Offset of the first character of each line (index 0 is line 1). */
  readonly starts: number[];

  constructor(file: string, source: string) {
    this.file = file;
    this.source = source;
    this.starts = [0];
    for (let i = 0; i < source.length; i++) {
      const c = source.charCodeAt(i);
      if (c === 10 || (c === 13 && source.charCodeAt(i + 1) !== 10)) this.starts.push(i + 1);
    }
  }

  position(offset: number): SourcePosition {
    let low = 0;
    let high = this.starts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if ((this.starts[mid] ?? 0) <= offset) low = mid;
      else high = mid - 1;
    }
    return { file: this.file, line: low + 1, column: offset - (this.starts[low] ?? 0) + 1 };
  }

  /** Offset of the first character of a 1-based line. */
  lineStart(line: number): number {
    return this.starts[line - 1] ?? this.source.length;
  }

  /** Text of a 1-based line, without its line ending. */
  lineText(line: number): string {
    const start = this.lineStart(line);
    const next = this.starts[line] ?? this.source.length;
    return this.source.slice(start, next).replace(/\r?\n$|\r$/, '');
  }
}

/**
 * Locator for a text whose first character sits at `base` and whose later lines start at
 * `lineColumn` (the same column as `base` unless told): right for a one-line string, a YAML
 * block scalar and a code fence.
 */
export function textLocator(text: string, base: SourcePosition, lineColumn = base.column): Locator {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) starts.push(i + 1);
  return (offset) => {
    let line = 0;
    while (line + 1 < starts.length && (starts[line + 1] ?? Infinity) <= offset) line++;
    const column = (line === 0 ? base.column : lineColumn) + offset - (starts[line] ?? 0);
    return { file: base.file, line: base.line + line, column };
  };
}

/** Locator for a text made of pieces of `index.source`: `pieceStarts[i]` is where line i of the text begins. */
export function piecewiseLocator(text: string, index: LineIndex, pieceStarts: number[]): Locator {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) starts.push(i + 1);
  return (offset) => {
    let line = 0;
    while (line + 1 < starts.length && (starts[line + 1] ?? Infinity) <= offset) line++;
    const absolute = (pieceStarts[line] ?? pieceStarts[pieceStarts.length - 1] ?? 0) + offset - (starts[line] ?? 0);
    return index.position(absolute);
  };
}

/**
 * Byte offset (what the Go parser reports) -> UTF-16 offset (what JS and mdast use). Only
 * non-ASCII text needs a table.
 */
export function byteToUtf16(text: string): (byteOffset: number) => number {
  if (!/[^\x00-\x7f]/.test(text)) return (b) => b;
  const table: number[] = [];
  let bytes = 0;
  for (let i = 0; i < text.length; ) {
    const code = text.codePointAt(i) ?? 0;
    const width = code < 0x80 ? 1 : code < 0x800 ? 2 : code < 0x10000 ? 3 : 4;
    for (let k = 0; k < width; k++) table[bytes + k] = i;
    bytes += width;
    i += code >= 0x10000 ? 2 : 1;
  }
  table[bytes] = text.length;
  return (b) => table[b] ?? text.length;
}
