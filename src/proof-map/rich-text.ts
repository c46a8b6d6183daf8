/**
 * Text fields of rails.yaml (summaries, roles, purposes) may set identifiers in backticks,
 * as in Markdown: `HTTP.clustered(...)` renders as inline code, the rest as plain text.
 */
import type { PhrasingContent } from 'mdast';
import { code, text } from './mdast.ts';

export function richText(value: string): PhrasingContent[] {
  const parts: PhrasingContent[] = [];
  value.split(/`([^`]+)`/).forEach((part, index) => {
    if (part === '') return;
    parts.push(index % 2 === 1 ? code(part) : text(part));
  });
  return parts;
}
