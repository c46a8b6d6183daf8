/**
 * Offsets to positions. Everything the gate parses is a piece of a bigger file (a fence, an
 * inline code span, a YAML value); a `Locator` maps an offset in the piece to the file.
 */
import type { SourcePosition } from './types.ts';

/** Index of the line (0-based) holding `offset`, given each line's start offset (binary search). */
export function lineOfOffset(starts: readonly number[], offset: number): number {
  let low = 0;
  let high = starts.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if ((starts[mid] ?? 0) <= offset) low = mid;
    else high = mid - 1;
  }
  return low;
}

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
    const line = lineOfOffset(this.starts, offset);
    return { file: this.file, line: line + 1, column: offset - (this.starts[line] ?? 0) + 1 };
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
    const line = lineOfOffset(starts, offset);
    const column = (line === 0 ? base.column : lineColumn) + offset - (starts[line] ?? 0);
    return { file: base.file, line: base.line + line, column };
  };
}

/** Locator for a text made of pieces of `index.source`: `pieceStarts[i]` is where line i of the text begins. */
export function piecewiseLocator(text: string, index: LineIndex, pieceStarts: number[]): Locator {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) starts.push(i + 1);
  return (offset) => {
    const line = lineOfOffset(starts, offset);
    const absolute = (pieceStarts[line] ?? pieceStarts[pieceStarts.length - 1] ?? 0) + offset - (starts[line] ?? 0);
    return index.position(absolute);
  };
}
