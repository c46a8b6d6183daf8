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

/** The page id that holds the rail's anchor, or undefined when it has none. */
export function anchorPageId(rail: Rail): string | undefined {
  if (rail.failureMaps.includes(CANONICAL_PAGE_ID)) return CANONICAL_PAGE_ID;
  if (rail.failureMaps.length > 0) return rail.failureMaps[0];
  return RETAINED_TIERS.includes(rail.tier) ? CANONICAL_PAGE_ID : undefined;
}

/** True when the retained list itself carries the rail's anchor (no failure map lists it). */
export function retainedEntryHoldsAnchor(rail: Rail): boolean {
  return rail.failureMaps.length === 0 && anchorPageId(rail) === CANONICAL_PAGE_ID;
}

/** `/distributed-proof/#rail-m053-s02`, or undefined when the rail's page is not in the YAML. */
export function railHref(model: RailsModel, rail: Rail): string | undefined {
  const pageId = anchorPageId(rail);
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
