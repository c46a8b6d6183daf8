/**
 * `::proof-status`: where the whole proof stands, in a few generated lines at the top of the
 * proof page: how many rails, how many have their commands verified, the last runs by state
 * (marks.ts), where those results came from, and links to the graph and the rows.
 */
import type { PhrasingContent, RootContent } from 'mdast';
import type { RailsModel } from '../rails/model.ts';
import type { RenderContext } from './context.ts';
import { liveState } from './live.ts';
import { COMMANDS_MARKS, RUN_MARK_ORDER, RUN_MARKS } from './marks.ts';
import { code, joinPhrasing, link, list, listItem, strong, text } from './mdast.ts';
import { GRAPH_ANCHOR, ROWS_ANCHOR } from './sections.ts';

export function statusSummary(model: RailsModel, context: RenderContext): RootContent[] {
  const provenance = context.provenance;
  const ids = model.rails.map((rail) => rail.id);
  const items: PhrasingContent[][] = [];
  const rails = [strong(text(`${ids.length} rails`)), text(' in the map')];
  if (provenance) {
    const verified = ids.filter((id) => provenance.verifiedRails.includes(id)).length;
    const at = provenance.commit && !provenance.sample ? [text(' at commit '), code(provenance.commit.slice(0, 12))] : [];
    items.push([...rails, text(', '), strong(text(`${verified} with ${COMMANDS_MARKS.verified.words}`)), text(` against the ${provenance.repoLabel}`), ...at, text('.')]);
  } else {
    items.push([...rails, text('.')]);
  }
  const live = liveState(model, context, ids);
  if (live.results) {
    const counts = new Map<string, number>();
    for (const result of live.results.values()) counts.set(result.state, (counts.get(result.state) ?? 0) + 1);
    const byState = RUN_MARK_ORDER.filter((state) => counts.has(state)).map((state) => [
      text(`${RUN_MARKS[state].symbol} ${counts.get(state)} ${RUN_MARKS[state].words}`),
    ]);
    items.push([text('Last runs: '), ...joinPhrasing(byState, ' · '), text('.')]);
    items.push([text('Results are read from the rails\u2019 results folders in that checkout when the page is built'), ...(provenance?.builtAt ? [text(` (${provenance.builtAt})`)] : []), text('.')]);
  } else if (live.off) {
    items.push([text('Last runs are not shown in this build (PROOF_RESULTS=off), so no rail shows a result.')]);
  }
  items.push([text('See '), link(`#${GRAPH_ANCHOR}`, text('the graph of which rail runs which')), text(' and '), link(`#${ROWS_ANCHOR}`, text('the failure map, rail by rail')), text('.')]);
  const summary = list(items.map((parts) => listItem(...parts)));
  summary.data = { hProperties: { className: ['proof-status'], ariaLabel: 'Where the proof stands' } };
  return [summary];
}
