/**
 * Untrusted text (page text, YAML values, paths) printed to a terminal must not drive it: an
 * ESC sequence could clear the screen or set the window title, a CR could overwrite a line.
 * Control characters are shown as visible escapes instead.
 */

// C0 controls, DEL, C1 controls, and the bidi overrides/isolates that reorder what is shown.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

/** `\x1b[2J` becomes the visible text `\x1b[2J`; tabs and newlines are escaped too. */
export function escapeControl(text: string): string {
  return text.replace(CONTROL, (char) => {
    const code = char.codePointAt(0)!;
    return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
  });
}
