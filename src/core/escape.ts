/**
 * Untrusted text (page text, YAML values, paths, result files) must not drive what shows it:
 * in a terminal an ESC sequence could clear the screen or set the window title, a CR could
 * overwrite a line; on a page, in a tooltip, the graph or a search result, a bidi override
 * (U+202E) reverses what a reader sees ("gnp.exe"). One rule for every output a person reads:
 * such characters are shown as visible escapes (`\x1b`, `\u202e`).
 */

// C0 controls, DEL, C1 controls, and the bidi overrides/isolates that reorder what is shown.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

/** `\x1b[2J` becomes the visible text `\x1b[2J`; tabs and newlines are escaped too. */
export function escapeControl(text: string): string {
  return text.replace(CONTROL, visibleEscape);
}

function visibleEscape(char: string): string {
  const code = char.codePointAt(0)!;
  return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
}

// The same set less tab, newline and carriage return, which are only whitespace in HTML and SVG.
// eslint-disable-next-line no-control-regex
const CONTROL_BUT_WHITESPACE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

/** `escapeControl` for text shown on a page (HTML text, attributes, SVG, search records). */
export function escapeForDisplay(text: string): string {
  return text.replace(CONTROL_BUT_WHITESPACE, visibleEscape);
}
