/**
 * A rail's last result in its failure-map row: a badge in words beside the label (never color
 * alone), and under the rerun command the phases, the date and an upstream failure, if any.
 */
import type { PhrasingContent } from 'mdast';
import { resultWords, STATE_LABELS } from '../rails/result-words.ts';
import type { RailResult } from '../rails/results.ts';
import { clipText, CELL_TEXT_MAX, escapeForDisplay } from './display-text.ts';
import { code, joinPhrasing, text } from './mdast.ts';

export function resultCell(result: RailResult): PhrasingContent {
  const shown = `${STATE_LABELS[result.state]}${result.state === 'failed' && result.phase ? ` in ${result.phase}` : ''}`;
  return {
    type: 'emphasis',
    // Clipped in the cell; the title holds the whole result.
    children: [text(clipText(shown, CELL_TEXT_MAX))],
    data: { hProperties: { className: ['proof-result', `proof-result-${result.state}`], title: escapeForDisplay(`Last result: ${resultWords(result)}`) } },
  };
}

export function resultDetails(result: RailResult, failedUpstream: readonly string[]): PhrasingContent[] {
  const lines: PhrasingContent[][] = [];
  if (result.state !== 'not-run') lines.push([text(clipText(`last result: ${resultWords(result)}`, CELL_TEXT_MAX * 2))]);
  if (result.phases.length > 0) {
    lines.push([text('phases: '), ...joinPhrasing(result.phases.map((phase) => [phaseName(phase.name), text(` ${clipText(phase.outcome, CELL_TEXT_MAX)}`)]), ', ')]);
  }
  if (result.bundle) lines.push([text('proof bundle: '), code(result.bundle)]);
  if (failedUpstream.length > 0) lines.push([text(`upstream rail ${failedUpstream.join(', ')} failed: rerun it first`)]);
  return lines.flatMap((line) => [{ type: 'break' } as PhrasingContent, ...line]);
}

/** A phase name in the row: clipped when long, the whole name in its title. */
function phaseName(name: string): PhrasingContent {
  const node = code(clipText(name, CELL_TEXT_MAX));
  if (node.value !== escapeForDisplay(name)) node.data = { ...node.data, hProperties: { title: escapeForDisplay(name) } };
  return node;
}
