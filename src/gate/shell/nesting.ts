/**
 * How deep a shell text may nest (subshells, `${X:-${X:-…}}`, `$(…)` in `$(…)`) for the gate to
 * read it. Every reader of a tree recurses once per level, so a script nested 5,000 levels
 * crashed the whole gate ("Maximum call stack size exceeded"). Real scripts nest a few levels;
 * past this limit a statement is one finding at its place and is not read.
 */
import type { Node } from 'web-tree-sitter';

export const MAX_NESTING = 200;

export const TOO_DEEP_REASON = `it is nested too deep to read (more than ${MAX_NESTING} levels of subshells, expansions or substitutions)`;

/** True when `node`'s subtree is deeper than MAX_NESTING; walked with a cursor, not recursion. */
export function nestsTooDeep(node: Node): boolean {
  const cursor = node.walk();
  try {
    let depth = 0;
    for (;;) {
      if (cursor.gotoFirstChild()) {
        if (++depth > MAX_NESTING) return true;
        continue;
      }
      for (;;) {
        if (depth === 0) return false;
        if (cursor.gotoNextSibling()) break;
        cursor.gotoParent();
        depth--;
      }
    }
  } finally {
    cursor.delete();
  }
}
