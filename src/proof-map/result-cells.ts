/**
 * A rail's last result in its failure-map row: a mark in words beside the label (never color
 * alone; marks.ts), and with the rerun commands the date, the phases (compact, the failing one
 * first), the proof bundle and, when a rail it runs failed, which one to rerun first.
 */
import type { PhrasingContent } from 'mdast';
import { resultWords } from '../rails/result-words.ts';
import type { PhaseOutcome, RailResult } from '../rails/results.ts';
import { clipText, CELL_TEXT_MAX, escapeForDisplay } from './display-text.ts';
import { phaseMark, rerunFirstWords, runMark } from './marks.ts';
import { code, joinPhrasing, text } from './mdast.ts';

export function resultCell(result: RailResult): PhrasingContent {
  return {
    type: 'emphasis',
    // Clipped in the cell; the title holds the whole result.
    children: [text(clipText(runMark(result.state, result.phase), CELL_TEXT_MAX))],
    data: { hProperties: { className: ['proof-result', `proof-result-${result.state}`], title: escapeForDisplay(`Last result: ${resultWords(result)}`) } },
  };
}

export function resultDetails(result: RailResult, failedUpstream: readonly string[], rerunFirst: string): PhrasingContent[] {
  const lines: PhrasingContent[][] = [];
  const facts: PhrasingContent[][] = [];
  if (result.ranAt) facts.push([text(`${result.state === 'running' ? 'started' : 'ran'} ${result.ranAt}`)]);
  if (result.state === 'unreadable' && result.reason) facts.push([text(clipText(result.reason, CELL_TEXT_MAX * 2))]);
  const phases = compactPhases(result.phases);
  if (phases.length > 0) facts.push([text('phases: '), ...phases]);
  if (facts.length > 0) lines.push(joinPhrasing(facts, ' · '));
  if (result.bundle) lines.push([text('proof bundle: '), code(result.bundle)]);
  if (failedUpstream.length > 0) lines.push([text(rerunFirstWords(failedUpstream, rerunFirst))]);
  return lines.flatMap((line) => [{ type: 'break' } as PhrasingContent, ...line]);
}

/** A phase name in the row: clipped when long, the whole name in its title. */
function phaseName(name: string): PhrasingContent {
  const node = code(clipText(name, CELL_TEXT_MAX));
  if (node.value !== escapeForDisplay(name)) node.data = { ...node.data, hProperties: { title: escapeForDisplay(name) } };
  return node;
}

/**
 * `✗ failover, ✓ 11 passed (init, build, …)`: one entry per phase (its last outcome), the ones
 * that did not pass first, the passed ones counted and named in one run of text.
 */
export function compactPhases(phases: readonly PhaseOutcome[]): PhrasingContent[] {
  const last = new Map<string, string>();
  for (const phase of phases) last.set(phase.name, phase.outcome);
  const open = [...last].filter(([, outcome]) => outcome !== 'passed');
  const passed = [...last].filter(([, outcome]) => outcome === 'passed').map(([name]) => name);
  const parts: PhrasingContent[][] = open.map(([name, outcome]) => [text(`${phaseMark(outcome)} `), phaseName(name), text(` ${clipText(outcome, CELL_TEXT_MAX)}`)]);
  if (passed.length > 0) parts.push([text(`${phaseMark('passed')} ${passed.length} passed (${clipText(passed.join(', '), CELL_TEXT_MAX * 2)})`)]);
  return joinPhrasing(parts, ', ');
}
