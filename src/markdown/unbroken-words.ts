/**
 * Rehype plugin: inline code wraps at spaces only. Browsers also break after a hyphen or a
 * slash, which splits `--nocapture` or `tiny-cluster/tests` across lines and misleads readers.
 * Each space-separated word becomes a no-wrap span. A word too long for a phone column (a long
 * path or URL) may still break, but only right after a `/` or `=`, never inside a name or flag.
 */
import type { Element, ElementContent, Root } from 'hast';
import { visit } from 'unist-util-visit';

export const WORD_CLASS = 'nowrap';
/** Longer words get break points after `/` and `=` (about 300 px of code at phone size). */
const LONG_WORD = 32;

export default function rehypeUnbrokenWords() {
  return (tree: Root): void => {
    visit(tree, 'element', (node: Element, _index, parent) => {
      if (node.tagName !== 'code' || (parent?.type === 'element' && parent.tagName === 'pre')) return;
      if (node.children.length !== 1 || node.children[0]!.type !== 'text') return;
      node.children = unbrokenWords(node.children[0]!.value);
    });
  };
}

export function unbrokenWords(value: string): ElementContent[] {
  const out: ElementContent[] = [];
  for (const piece of value.split(/(\s+)/)) {
    if (piece === '') continue;
    if (/^\s+$/.test(piece)) {
      out.push({ type: 'text', value: piece });
      continue;
    }
    const segments = piece.length > LONG_WORD ? piece.split(/(?<=[/=])(?=.)/) : [piece];
    segments.forEach((segment, index) => {
      if (index > 0) out.push({ type: 'element', tagName: 'wbr', properties: {}, children: [] });
      out.push({ type: 'element', tagName: 'span', properties: { className: [WORD_CLASS] }, children: [{ type: 'text', value: segment }] });
    });
  }
  return out;
}
