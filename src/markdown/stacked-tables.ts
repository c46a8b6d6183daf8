/**
 * Rehype plugin: every content table learns its column names. Each body cell gets
 * `data-label` (its column's header text), so on a phone the stylesheet can stack a row as a
 * card with a caption per cell instead of hiding columns behind a sideways scroll.
 */
import type { Element, ElementContent, Root } from 'hast';
import { visit } from 'unist-util-visit';

export const STACKED_TABLE_CLASS = 'stack-on-phone';

export default function rehypeStackedTables() {
  return (tree: Root): void => {
    visit(tree, 'element', (table: Element) => {
      if (table.tagName !== 'table') return;
      const headerRow = childElements(childElements(table).find((part) => part.tagName === 'thead') ?? table).find((row) => row.tagName === 'tr');
      if (!headerRow) return;
      const labels = childElements(headerRow).map((cell) => textOf(cell).trim());
      const body = childElements(table).filter((part) => part.tagName === 'tbody');
      for (const row of body.flatMap(childElements)) {
        childElements(row).forEach((cell, column) => {
          if (cell.tagName === 'td' || cell.tagName === 'th') cell.properties = { ...cell.properties, dataLabel: labels[column] ?? '' };
        });
      }
      const classes = table.properties?.['className'];
      table.properties = { ...table.properties, className: [...(Array.isArray(classes) ? classes : []), STACKED_TABLE_CLASS] };
    });
  };
}

function childElements(node: Element): Element[] {
  return node.children.filter((child): child is Element => child.type === 'element');
}

function textOf(node: ElementContent): string {
  if (node.type === 'text') return node.value;
  return node.type === 'element' ? node.children.map(textOf).join('') : '';
}
