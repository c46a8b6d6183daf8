/**
 * A rail's last result in its failure-map row: a badge in words beside the label (never color
 * alone), and under the rerun command the phases, the date and an upstream failure, if any.
 */
import type { PhrasingContent } from 'mdast';
import { resultWords, STATE_LABELS } from '../rails/result-words.ts';
import type { RailResult } from '../rails/results.ts';
import { code, joinPhrasing, text } from './mdast.ts';

export function resultCell(result: RailResult): PhrasingContent {
  return {
    type: 'emphasis',
    children: [text(`${STATE_LABELS[result.state]}${result.state === 'failed' && result.phase ? ` in ${result.phase}` : ''}`)],
    data: { hProperties: { className: ['proof-result', `proof-result-${result.state}`], title: `Last result: ${resultWords(result)}` } },
  };
}

export function resultDetails(result: RailResult, failedUpstream: readonly string[]): PhrasingContent[] {
  const lines: PhrasingContent[][] = [];
  if (result.state !== 'not-run') lines.push([text(`last result: ${resultWords(result)}`)]);
  if (result.phases.length > 0) {
    lines.push([text('phases: '), ...joinPhrasing(result.phases.map((phase) => [code(phase.name), text(` ${phase.outcome}`)]), ', ')]);
  }
  if (result.bundle) lines.push([text('proof bundle: '), code(result.bundle)]);
  if (failedUpstream.length > 0) lines.push([text(`upstream rail ${failedUpstream.join(', ')} failed: rerun it first`)]);
  return lines.flatMap((line) => [{ type: 'break' } as PhrasingContent, ...line]);
}
