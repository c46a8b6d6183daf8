/**
 * Sätteri hast plugin: inline code wraps at spaces only. Browsers also break after a hyphen or
 * a slash, which splits `--nocapture` or `tiny-cluster/tests` across lines and misleads readers.
 * Each space-separated word becomes a no-wrap span. A word too long for a phone column (a long
 * path or URL) may still break, but only right after a `/` or `=`, never inside a name or flag.
 */
import type { Element, ElementContent } from 'hast';
import type { HastPluginDefinition } from 'satteri';

export const WORD_CLASS = 'nowrap';
/** Longer words get break points after `/` and `=` (about 300 px of code at phone size). */
const LONG_WORD = 32;

export const unbrokenWords: HastPluginDefinition = {
  name: 'mesh-unbroken-words',
  element: {
    filter: ['code'],
    visit(node, ctx) {
      const code = node as Element;
      const parent = ctx.parent(code);
      if (parent?.type === 'element' && parent.tagName === 'pre') return; // blocks belong to the highlighter
      if (code.children.length !== 1 || code.children[0]!.type !== 'text') return;
      ctx.replaceNode(code, { ...code, children: wordSpans(code.children[0]!.value) });
    },
  },
};

export function wordSpans(value: string): ElementContent[] {
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
