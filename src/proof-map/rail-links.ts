/**
 * Where each rail's anchor lives and how a rail is cited. Every rail has one stable anchor,
 * `#rail-<id>`: its failure-map row (the canonical page's first), or, for a retained rail that
 * no failure map lists, its entry in the retained-rails list on the canonical page.
 */
import type { PhrasingContent } from 'mdast';
import type { Rail, RailsModel } from '../rails/model.ts';
import { formLine } from './commands.ts';
import { CANONICAL_PAGE_ID, railAnchor } from './context.ts';
import { code, joinPhrasing, linkFrom, text } from './mdast.ts';
import { RETAINED_TIERS } from './tiers.ts';
import { appendAll } from '../core/append.ts';

const mapRailsCache = new WeakMap<RailsModel, Map<string, Rail[]>>();

/**
 * The rails a page's failure map has a row for: those that list the page, and every rail they
 * run (declared in rails.yaml, transitively), in YAML order. So every box of the page's graph
 * lands on a row that shows its rail, and a rail to rerun first is on the same page. (A run
 * only a script shows and the YAML lacks is a gate error, so declared runs are the whole chain
 * of a passing build.)
 */
export function failureMapRails(model: RailsModel, pageId: string): Rail[] {
  let byPage = mapRailsCache.get(model);
  if (!byPage) mapRailsCache.set(model, (byPage = new Map()));
  let rails = byPage.get(pageId);
  if (!rails) {
    const included = new Set<string>();
    const queue = model.rails.filter((rail) => rail.failureMaps.includes(pageId)).map((rail) => rail.id);
    while (queue.length > 0) {
      const id = queue.shift()!;
      if (included.has(id) || !model.railById.has(id)) continue;
      included.add(id);
      appendAll(queue, model.railById.get(id)!.runs);
    }
    rails = model.rails.filter((rail) => included.has(rail.id));
    byPage.set(pageId, rails);
  }
  return rails;
}

function onFailureMap(model: RailsModel, rail: Rail, pageId: string): boolean {
  return failureMapRails(model, pageId).includes(rail);
}

/** The page id that holds the rail's anchor, or undefined when it has none. */
export function anchorPageId(model: RailsModel, rail: Rail): string | undefined {
  if (onFailureMap(model, rail, CANONICAL_PAGE_ID)) return CANONICAL_PAGE_ID;
  if (rail.failureMaps.length > 0) return rail.failureMaps[0];
  // Only run by rails of some page's map: that page shows its row.
  const page = model.pages.find((candidate) => onFailureMap(model, rail, candidate.id));
  if (page) return page.id;
  return RETAINED_TIERS.includes(rail.tier) ? CANONICAL_PAGE_ID : undefined;
}

/** True when the retained list itself carries the rail's anchor (no failure map shows it). */
export function retainedEntryHoldsAnchor(model: RailsModel, rail: Rail): boolean {
  return anchorPageId(model, rail) === CANONICAL_PAGE_ID && !onFailureMap(model, rail, CANONICAL_PAGE_ID);
}

/** `/distributed-proof/#rail-m053-s02`, or undefined when the rail's page is not in the YAML. */
export function railHref(model: RailsModel, rail: Rail): string | undefined {
  const pageId = anchorPageId(model, rail);
  const page = pageId === undefined ? undefined : model.pageById.get(pageId);
  return page ? `${page.href}#${railAnchor(rail.id)}` : undefined;
}

/** Inline code linked to the rail's anchor (plain code when it has none). */
export function linkedCode(model: RailsModel, rail: Rail, command: string): PhrasingContent {
  const href = railHref(model, rail);
  return href ? linkFrom(rail.position, href, code(command)) : code(command);
}

/** Every form of the rail, each linked and labelled: `a (help) or b (live)`. */
export function allFormsCitation(model: RailsModel, rail: Rail): PhrasingContent[] {
  const forms = rail.forms.map((form) => {
    const cited = [linkedCode(model, rail, formLine(form))];
    return form.label ? [...cited, text(` (${form.label})`)] : cited;
  });
  return joinPhrasing(forms, ' or ');
}
