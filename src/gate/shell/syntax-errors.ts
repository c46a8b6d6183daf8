/**
 * tree-sitter never throws: a text that is not valid shell comes back as a tree with ERROR
 * and MISSING nodes. This finds the first one in a statement and says what went wrong, in
 * words a docs author can act on.
 */
import type { Node } from 'web-tree-sitter';

export interface SyntaxProblem {
  /** Offset of the problem in the parsed text. */
  offset: number;
  reason: string;
}

/** The first ERROR or MISSING node under `node`, in source order. */
function firstProblemNode(node: Node): Node | undefined {
  if (node.isError || node.isMissing) return node;
  for (const child of node.children) {
    if (child.hasError || child.isMissing) {
      const found = firstProblemNode(child);
      if (found) return found;
    }
  }
  return undefined;
}


/**
 * Describes the first problem of a broken stretch of text that starts with `statement` and
 * ends at `end`. `text` is the parsed text.
 */
export function describeProblem(statement: Node, end: number, text: string): SyntaxProblem {
  const node = firstProblemNode(statement) ?? statement;
  if (node.isMissing) {
    // Point at the construct that lacks its end (`if` without `fi`), not at the empty spot.
    let owner = node.parent ?? statement;
    while (owner.startIndex >= node.startIndex && owner.parent) owner = owner.parent;
    const what = node.isNamed ? 'a word' : `"${node.type}"`;
    const before = text.slice(owner.startIndex, node.startIndex).trim();
    const after = before === '' ? '' : ` after "${clip(before.split(/\s+/).pop() ?? before)}"`;
    return { offset: owner.startIndex, reason: `${what} is missing${after}` };
  }
  // Skip the blanks an ERROR node may start with.
  let offset = node.startIndex;
  const stop = Math.max(node.endIndex, node.equals(statement) ? end : node.endIndex);
  while (offset < stop && /\s/.test(text[offset] ?? '')) offset++;
  const rest = text.slice(offset, stop);
  const reachesEnd = text.slice(stop).trim() === '';
  const quote = rest[0] ?? '';
  if (`'"\``.includes(quote) && quote !== '' && reachesEnd) return { offset, reason: `reached the end of the text with no closing quote (${quote})` };
  const token = /^\S+/.exec(rest)?.[0] ?? rest;
  if (reachesEnd && /\n/.test(rest)) return { offset, reason: `"${clip(token)}" starts something that is never closed` };
  return { offset, reason: `unexpected "${clip(token)}"` };
}

function clip(text: string): string {
  return text.length > 40 ? `${text.slice(0, 37)}...` : text;
}
