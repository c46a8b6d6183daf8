/**
 * Docs write `<request-key>` where the reader fills in a value. To a shell that is a
 * redirection, so before parsing each one is swapped for a same-length run of `_` (offsets
 * and columns stay put) and its span is remembered to mark the word later.
 */

/** A span `[start, end)` of the text that held a placeholder. */
export interface Span {
  start: number;
  end: number;
}

/**
 * `<word>`: starts with a letter, no blanks, quotes, `$`, backslash or nested brackets, and
 * not part of a heredoc (`<<EOF`) or process substitution (`<(...)`).
 */
const ANGLE_PLACEHOLDER = /(?<!<)<([A-Za-z][^\s<>'"`$\\()]*)>/g;

export function maskPlaceholders(text: string): { text: string; spans: Span[] } {
  const spans: Span[] = [];
  const masked = text.replace(ANGLE_PLACEHOLDER, (match: string, _inner: string, offset: number) => {
    spans.push({ start: offset, end: offset + match.length });
    return '_'.repeat(match.length);
  });
  return { text: masked, spans };
}

/**
 * A whole word that stands for something the reader supplies: `[dir]`, `[--json]` (optional
 * parts of a usage line) and `...` / `…` (more arguments).
 */
export function isPlaceholderWord(value: string): boolean {
  return /^\[[^\][\s]+\]$/.test(value) || value === '...' || value === '…';
}
