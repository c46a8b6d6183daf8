/**
 * Tiny mdast builders. Generated nodes are marked `data.generated` so the gate, which checks
 * the YAML itself, does not check the same command twice from the page.
 */
import type { SourcePosition } from '../core/types.ts';
import { escapeForDisplay } from './display-text.ts';
import type { InlineCode, Link, List, ListItem, Paragraph, PhrasingContent, Strong, Text } from 'mdast';

declare module 'mdast' {
  interface Data {
    /** Set on nodes the proof map generated from rails.yaml. */
    generated?: boolean;
    /** Set by `:gate-skip[...]{reason}`: the reason this inline command is not checked. */
    gateSkip?: string;
    /** The rails.yaml entry a generated link came from, so a finding about it names that entry. */
    source?: SourcePosition;
  }
}

export const generated = { generated: true } as const;

// Every generated text goes through the one display rule (visible escapes for control and bidi
// characters): page text, and the search records read from the same nodes.
export const text = (value: string): Text => ({ type: 'text', value: escapeForDisplay(value) });
export const strong = (...children: PhrasingContent[]): Strong => ({ type: 'strong', children });
export const code = (value: string): InlineCode => ({ type: 'inlineCode', value: escapeForDisplay(value), data: { ...generated } });
export const link = (url: string, ...children: PhrasingContent[]): Link => ({
  type: 'link',
  url,
  children,
  data: { ...generated },
});
/** A generated link that remembers the rails.yaml entry it came from. */
export const linkFrom = (source: SourcePosition, url: string, ...children: PhrasingContent[]): Link => {
  const made = link(url, ...children);
  made.data = { ...made.data, source };
  return made;
};
export const paragraph = (...children: PhrasingContent[]): Paragraph => ({ type: 'paragraph', children });
export const listItem = (...children: PhrasingContent[]): ListItem => ({
  type: 'listItem',
  spread: false,
  children: [paragraph(...children)],
});
export const list = (items: ListItem[], ordered = false): List => ({ type: 'list', ordered, spread: false, children: items });

/** Joins phrasing pieces with a separator text node. */
export function joinPhrasing(parts: PhrasingContent[][], separator: string): PhrasingContent[] {
  return parts.flatMap((part, index) => (index === 0 ? part : [text(separator), ...part]));
}
