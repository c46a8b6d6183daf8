/**
 * The graph of a failure map: its rails (and the rails they run), grouped by tier, an arrow
 * for each `runs`, as an inline SVG figure with a legend in words. Scrolls inside its own box
 * on a narrow screen, so the page never widens.
 */
import type { Html, RootContent } from 'mdast';
import type { RailsModel } from '../../rails/model.ts';
import { STATE_LABELS } from '../../rails/result-words.ts';
import { railAnchor, type RenderContext } from '../context.ts';
import type { LiveState } from '../live.ts';
import { TIER_TITLES } from '../tiers.ts';
import { layoutGraph } from './layout.ts';
import { ciMark } from '../ci-cells.ts';
import { drawGraph, escapeXml, NODE_HEIGHT, nodeWidth, type DrawnNode } from './svg.ts';

export function graphFigure(model: RailsModel, railIds: readonly string[], live: LiveState, context: RenderContext, pageId: string): RootContent[] {
  if (!context.graphviz || railIds.length === 0) return [];
  const verified = context.provenance?.verifiedRails;
  const nodes: DrawnNode[] = railIds.map((id) => {
    const rail = model.railById.get(id)!;
    const result = live.results?.get(id);
    const state = result?.state ?? 'off';
    const upstream = live.failedUpstream(id);
    let stateText = result ? `${STATE_LABELS[result.state]}${result.state === 'failed' && result.phase ? ` in ${result.phase}` : ''}` : live.off ? 'results not shown' : 'result not read';
    if (upstream.length > 0) stateText += ` · ${upstream[0]} failed`;
    const ci = ciMark(live.ciRuns(id));
    return { id, label: id, longLabel: `${id} · ${rail.label}`, state, stateText, verified: verified ? verified.includes(id) : undefined, href: `#${railAnchor(id)}`, ...(ci ? { ci } : {}) };
  });
  const shown = new Set(railIds);
  const edges = railIds.flatMap((from) => live.runsOf(from).filter((to) => shown.has(to)).map((to) => ({ from, to, source: live.edgeSource(from, to) })));
  const layout = layoutGraph(context.graphviz, {
    nodes: nodes.map((node) => ({ id: node.id, group: model.railById.get(node.id)!.tier, width: nodeWidth(node.ci ? `${node.label} · CI` : node.label, node.stateText), height: NODE_HEIGHT })),
    edges,
    groups: new Map(Object.entries(TIER_TITLES)),
  });
  const summary = nodes.map((node) => `${node.longLabel ?? node.label}: ${node.stateText}${node.ci ? ` (${node.ci})` : ''}`).join('; ');
  const relations =
    edges
      .map((edge) => {
        const reason = edge.source === 'unread' ? live.unreadReason(edge.from, edge.to) : undefined;
        return reason === undefined ? `${edge.from} runs ${edge.to}` : `${edge.from} runs ${edge.to} (declared, not read from the script: ${reason})`;
      })
      .join('; ') || 'no rail runs another';
  const svg = drawGraph({
    idPrefix: `proof-graph-${pageId}`,
    title: `How the rails on this page run each other, and how each last fared`,
    description: `${nodes.length} rails grouped by tier. ${relations}. Last results: ${summary}.`,
    nodes,
    edges,
    layout,
  });
  const unread = edges.filter((edge) => edge.source === 'unread');
  const legend = [
    'Each box is a rail, named by its id (hover for its label); it links to its row below. An arrow from A to B means A runs B (solid: rails.yaml and the script agree; dashed: only rails.yaml says so; dotted: only the script does).',
    ...unread.map((edge) => `Long dashes, ${edge.from} to ${edge.to}: declared in rails.yaml and not read from the script, because ${live.unreadReason(edge.from, edge.to)}.`),
    'Border: solid and thick when this build found every command of the rail in the checked repo, dashed when it did not.',
    `Fill and second line, the last retained result: ${STATE_LABELS.ok}, ${STATE_LABELS.failed} (hatched), ${STATE_LABELS.running}, ${STATE_LABELS['not-run']} (no results folder here), ${STATE_LABELS.unreadable} (the files are malformed), ${STATE_LABELS.logs} (the rail keeps logs, no outcome).`,
  ];
  const html: Html = {
    type: 'html',
    value: `<figure class="proof-graph"><div class="proof-graph-scroll" role="region" tabindex="0" aria-label="Rails graph (scrolls sideways)">${svg}</div><figcaption><ul class="proof-graph-legend">${legend.map((line) => `<li>${escapeXml(line)}</li>`).join('')}</ul></figcaption></figure>`,
  };
  return [html];
}
