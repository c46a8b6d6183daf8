/**
 * The graph of a failure map: the rails that have a row on the page, grouped by tier, an arrow
 * for each `runs`. In reading order: a legend with a swatch for every mark, then the figure
 * (a labelled group, not an image: it holds links) with two drawings of which CSS shows one
 * (Graphviz's on a wide screen, a single column on a phone, so nothing hides behind a sideways
 * scroll), then the same graph as a list. No client JavaScript.
 */
import type { Html, RootContent } from 'mdast';
import type { RailsModel } from '../../rails/model.ts';
import { railAnchor, type RenderContext } from '../context.ts';
import type { LiveState } from '../live.ts';
import { COMMANDS_MARKS, RUN_MARK_ORDER, RUN_MARKS, runMark, type RunMarkState } from '../marks.ts';
import { TIER_TITLES } from '../tiers.ts';
import { ciMark } from '../ci-cells.ts';
import { clipText, NODE_TEXT_MAX } from '../display-text.ts';
import { columnLayout } from './column.ts';
import { layoutGraph, type LayoutInput } from './layout.ts';
import { drawGraph, escapeXml, nodeHeight, nodeWidth, titleWidth, type DrawnEdge, type DrawnNode } from './svg.ts';

/** Names wrap at this many characters in the wide drawing, so three ranks fit the content column. */
const WIDE_WRAP = 18;

export function graphFigure(model: RailsModel, railIds: readonly string[], live: LiveState, context: RenderContext, pageId: string): RootContent[] {
  if (!context.graphviz || railIds.length === 0) return [];
  const verified = context.provenance?.verifiedRails;
  const nodes: DrawnNode[] = railIds.map((id) => {
    const rail = model.railById.get(id)!;
    const result = live.results?.get(id);
    const state: RunMarkState = result?.state ?? 'off';
    const stateText = runMark(state, result?.phase);
    const isVerified = verified ? verified.includes(id) : undefined;
    const commands = isVerified === undefined ? '' : `, ${COMMANDS_MARKS[isVerified ? 'verified' : 'unverified'].words}`;
    const ci = ciMark(live.ciRuns(id));
    // Drawn text is clipped (a 60,000-character label made a graph 365,148 px wide); the link's
    // spoken name keeps the whole text.
    return {
      id: clipText(id, NODE_TEXT_MAX),
      label: clipText(rail.label, NODE_TEXT_MAX),
      state,
      stateText: clipText(stateText, NODE_TEXT_MAX),
      verified: isVerified,
      href: `#${railAnchor(id)}`,
      // In the order the box shows its text (name, id and CI mark, last run), then the rest.
      spoken: `${rail.label} ${id}${ci ? ' · CI' : ''} ${stateText}${commands}${ci ? ` (${ci})` : ''}`,
      ...(ci ? { ci } : {}),
    };
  });
  const shown = new Set(railIds);
  const edges: DrawnEdge[] = railIds.flatMap((from) => live.runsOf(from).filter((to) => shown.has(to)).map((to) => ({ from, to, source: live.edgeSource(from, to) })));
  const input = (wrapAt?: number): LayoutInput => ({
    nodes: nodes.map((node) => ({ id: node.id, group: model.railById.get(node.id)!.tier, width: nodeWidth(node, wrapAt), height: nodeHeight(node.label, wrapAt) })),
    edges,
    groups: new Map(Object.entries(TIER_TITLES)),
    titleWidth,
  });
  const prefix = `proof-graph-${pageId}`;
  const wide = drawGraph({ idPrefix: `${prefix}-wide`, wrapAt: WIDE_WRAP, nodes, edges, layout: layoutGraph(context.graphviz, input(WIDE_WRAP)) });
  const narrow = drawGraph({ idPrefix: `${prefix}-narrow`, nodes, edges, layout: columnLayout(input()) });
  const runsText = (id: string) => {
    const runs = edges
      .filter((edge) => edge.from === id)
      .map((edge) => (edge.source === 'unread' ? `${edge.to} (declared, not read from the script: ${live.unreadReason(edge.from, edge.to)})` : edge.to));
    return runs.length > 0 ? `; runs ${runs.join(', ')}` : '';
  };
  // Raw HTML, so the id gets the no-wrap span Markdown code gets (markdown/unbroken-words.ts).
  const listItems = nodes.map(
    (node) => `<li><a href="${escapeXml(node.href)}">${escapeXml(node.label)}</a> (<code><span class="nowrap">${escapeXml(node.id)}</span></code>): ${escapeXml(node.stateText)}${node.ci ? escapeXml(`, ${node.ci}`) : ''}${escapeXml(runsText(node.id))}</li>`,
  );
  const html: Html = {
    type: 'html',
    value:
      legend(edges.some((edge) => edge.source === 'unread'), nodes.some((node) => node.ci)) +
      `<figure class="proof-graph" aria-labelledby="${prefix}-name">` +
      `<figcaption id="${prefix}-name" class="proof-graph-name">Rails graph: which rail runs which, and each rail's last run</figcaption>` +
      `<div class="proof-graph-wide">${wide}</div>` +
      `<div class="proof-graph-narrow">${narrow}</div>` +
      `<details class="proof-graph-list"><summary>The same graph as a list</summary><ul>${listItems.join('')}</ul></details>` +
      '</figure>',
  };
  return [html];
}

/** A swatch and words for every mark the graph can show (whatever this build's results), read before the graph. */
function legend(withUnread: boolean, withCi: boolean): string {
  const item = (swatch: string, words: string) => `<li>${swatch}<span>${escapeXml(words)}</span></li>`;
  const box = (classes: string) => `<span class="pg-swatch ${classes}" aria-hidden="true"></span>`;
  const line = (source: DrawnEdge['source']) =>
    `<svg class="pg-swatch-line" width="40" height="12" viewBox="0 0 40 12" aria-hidden="true"><path class="pg-edge pg-edge-${source}" d="M1,6L30,6"/><path class="pg-arrowhead" d="M39,6L30,1.5L30,10.5z"/></svg>`;
  const states = RUN_MARK_ORDER.map((state) => item(box(`pg-swatch-state pg-swatch-${state}`), `${RUN_MARKS[state].symbol} ${RUN_MARKS[state].words}: ${RUN_MARKS[state].meaning}`));
  const borders = [
    item(box('pg-swatch-border pg-swatch-verified'), `Thick solid border: ${COMMANDS_MARKS.verified.words} (${COMMANDS_MARKS.verified.meaning})`),
    item(box('pg-swatch-border pg-swatch-unverified'), `Dashed border: ${COMMANDS_MARKS.unverified.words} (${COMMANDS_MARKS.unverified.meaning})`),
  ];
  const lines = [
    item(line('both'), 'Solid arrow from A to B: A runs B (rails.yaml and the script agree)'),
    item(line('yaml'), 'Dashed arrow: only rails.yaml says A runs B'),
    item(line('script'), 'Dotted arrow: only the script runs B'),
    ...(withUnread ? [item(line('unread'), 'Long dashes: rails.yaml declares that A runs B and says why the gate cannot read it from the script (see the list below the graph)')] : []),
  ];
  const ci = withCi ? [item('<span class="pg-swatch pg-swatch-ci" aria-hidden="true">· CI</span>', '· CI after the id: a hosted workflow runs the rail (its row says which, on which trigger)')] : [];
  const tiers = item(box('pg-swatch-tier'), 'Shaded box with a title: a tier (public starter chain, retained rails, …) and the rails in it');
  return (
    '<div class="proof-graph-legend">' +
    '<p class="proof-graph-legend-intro">Each rail is a box with its name, its id and its last run; it links to its row below.</p>' +
    `<ul>${[tiers, ...lines, ...borders, ...states, ...ci].join('')}</ul>` +
    '</div>'
  );
}
