/**
 * One search record per rail, so a search for a rail's label, id or script lands on its row
 * even where prose around the map uses the same words more often (Pagefind's search box shows
 * only a page's three busiest sections). A record holds exactly the text its row shows, taken
 * from the row the page renders: search never sees words a reader cannot.
 */
import type { Nodes, RootContent } from 'mdast';
import type { RailsModel } from '../rails/model.ts';
import type { RenderContext } from './context.ts';
import { anchorPageId, failureMapRails, railHref, retainedEntryHoldsAnchor } from './rail-links.ts';
import { failureMapTable, retainedList } from './sections.ts';
import { escapeForDisplay } from './display-text.ts';

export interface RailSearchRecord {
  /** The rail's anchor: its failure-map row or its retained-list entry. */
  url: string;
  /** The result's title: what the row is headed with (its label, or the entry's first command) and its id. */
  title: string;
  /** The title of the page the row is on: a result says where it leads. */
  page: string;
  /** What names the rail (its label or first command, its id, its script): weighted like a heading. */
  name: string;
  /** The row's visible text: weighted below a page's own prose, so a section that explains a word comes first. */
  content: string;
}

export function railSearchRecords(model: RailsModel, context: RenderContext): RailSearchRecord[] {
  const textContext: RenderContext = { ...context, graphviz: undefined }; // the graph is not the row
  const records: RailSearchRecord[] = [];
  const retained = retainedItems(model, textContext);
  const rowsByPage = new Map<string, Map<string, string>>();
  for (const rail of model.rails) {
    const url = railHref(model, rail);
    const pageId = anchorPageId(model, rail);
    if (url === undefined || pageId === undefined) continue;
    const page = model.pageById.get(pageId)!.title;
    if (retainedEntryHoldsAnchor(model, rail)) {
      const entry = retained.get(rail.id);
      const shown = entry?.split(' — ')[0];
      if (entry && shown) records.push({ url, title: `${shown} (${rail.id})`, page, name: `${shown} ${rail.id}`, content: entry });
      continue;
    }
    if (!rowsByPage.has(pageId)) rowsByPage.set(pageId, failureRows(model, pageId, textContext));
    const row = rowsByPage.get(pageId)!.get(rail.id);
    // The script's file name names the rail as surely as its id: the row shows both.
    const script = rail.script ? ` ${rail.script.split('/').pop()}` : '';
    if (row) records.push({ url, title: escapeForDisplay(`${rail.label} (${rail.id})`), page, name: `${rail.label} ${rail.id}${script}`, content: row });
  }
  return records;
}

/** The rows of one page's failure map, as text, by rail id. */
function failureRows(model: RailsModel, pageId: string, context: RenderContext): Map<string, string> {
  const rows = new Map<string, string>();
  const table = failureMapTable(model, pageId, context).find((node) => node.type === 'table');
  const rails = failureMapRails(model, pageId);
  if (table?.type === 'table') table.children.slice(1).forEach((row, index) => rows.set(rails[index]!.id, readable(row)));
  return rows;
}

function retainedItems(model: RailsModel, context: RenderContext): Map<string, string> {
  const list = retainedList(model, context).find((node) => node.type === 'list');
  const items = new Map<string, string>();
  if (list?.type !== 'list') return items;
  for (const item of list.children) {
    const id = (item.data?.hProperties as { id?: string } | undefined)?.id;
    if (id?.startsWith('rail-')) items.set(id.slice('rail-'.length), readable(item));
  }
  return items;
}

/** Text as a reader sees it: cells, lines and block elements (the row's heading, its command blocks) apart. */
function readable(node: Nodes | RootContent): string {
  const parts: string[] = [];
  const walk = (current: Nodes): void => {
    if ('value' in current && typeof current.value === 'string' && current.type !== 'html') parts.push(current.value);
    if ('children' in current) for (const child of current.children) walk(child as Nodes);
    if (current.type === 'break' || current.type === 'tableCell' || current.type === 'code' || current.data?.hName !== undefined) parts.push(' ');
  };
  walk(node as Nodes);
  return parts.join('').replace(/\s+/g, ' ').trim();
}
