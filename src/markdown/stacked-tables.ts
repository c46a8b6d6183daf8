/**
 * Sätteri hast plugin: every content table learns its column names. Each body cell gets
 * `data-label` (its column's header text), so on a phone the stylesheet can stack a row as a
 * card with a caption per cell instead of hiding columns behind a sideways scroll.
 */
import type { Element, ElementContent } from 'hast';
import type { HastPluginDefinition } from 'satteri';

export const STACKED_TABLE_CLASS = 'stack-on-phone';

export const stackedTables: HastPluginDefinition = {
  name: 'mesh-stacked-tables',
  element: {
    filter: ['table'],
    visit(node, ctx) {
      const table = node as Element;
      const headerRow = childElements(childElements(table).find((part) => part.tagName === 'thead') ?? table).find((row) => row.tagName === 'tr');
      if (!headerRow) return;
      const labels = childElements(headerRow).map((cell) => ctx.textContent(cell).trim());
      const body = childElements(table).filter((part) => part.tagName === 'tbody');
      for (const row of body.flatMap(childElements)) {
        childElements(row).forEach((cell, column) => {
          if (cell.tagName === 'td' || cell.tagName === 'th') ctx.setProperty(cell, 'dataLabel', labels[column] ?? '');
        });
      }
      const classes = table.properties?.['className'];
      ctx.setProperty(table, 'className', [...(Array.isArray(classes) ? classes : []), STACKED_TABLE_CLASS]);
    },
  },
};

function childElements(node: Element): Element[] {
  return node.children.filter((child: ElementContent): child is Element => child.type === 'element');
}
