/**
 * Text from outside the site's own source (result files, a checkout) as a reader gets it:
 * control characters and bidi overrides as visible escapes (the terminal's rule, see
 * core/escape.ts), and a long value clipped where it is drawn in a small space (a graph
 * node, a table cell), the whole text kept in the element's title. A 60,000-character phase
 * name made the graph 365,148 px wide.
 */
import { escapeForDisplay } from '../core/escape.ts';

export { escapeForDisplay };

/** Characters a graph node's line shows. */
export const NODE_TEXT_MAX = 40;
/** Characters a result cell or a phase in a table shows. */
export const CELL_TEXT_MAX = 80;

/** `text` cut to `max` characters (code points), the cut marked with an ellipsis. */
export function clipText(text: string, max: number): string {
  if (text.length <= max) return text;
  const chars = Array.from(text);
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join('')}…`;
}
