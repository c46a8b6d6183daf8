/**
 * The one vocabulary of marks the proof map shows: the graph, the failure-map rows, the rails'
 * search records and proof-map.json all read their words and symbols from here.
 *
 * Two different questions get two different vocabularies, so no two neighbouring marks can
 * contradict each other:
 * - **commands**: did this build find every command of the rail in the checked repo? Words
 *   only ("commands verified"), never a ✓ or ✗, and shown beside the commands they are about.
 * - **last run**: what the rail's last retained run says. Always a symbol and words
 *   ("✓ last run ok"), shown beside the rail's name.
 * A failed rail further down the chain is neither: it is advice ("rerun X first"), shown with
 * the rerun commands, never beside a result mark.
 */
import type { ResultState } from '../rails/results.ts';

/** A last-run state, or `off` when this build shows no results (PROOF_RESULTS=off, or not read). */
export type RunMarkState = ResultState | 'off';

export interface Mark {
  /** One symbol, so the state reads without color. */
  symbol: string;
  /** The words after the symbol. */
  words: string;
  /** What the legend says it means. */
  meaning: string;
}

export const RUN_MARKS: Readonly<Record<RunMarkState, Mark>> = {
  ok: { symbol: '✓', words: 'last run ok', meaning: 'its last retained run passed' },
  failed: { symbol: '✗', words: 'last run failed', meaning: 'its last retained run failed (hatched)' },
  running: { symbol: '◔', words: 'running', meaning: 'a run has started and not finished' },
  'not-run': { symbol: '○', words: 'not run here', meaning: 'the checked repo keeps no results for it' },
  unreadable: { symbol: '?', words: 'result unreadable', meaning: 'its results files are malformed' },
  logs: { symbol: '≡', words: 'keeps logs only', meaning: 'the rail keeps logs, never a pass or fail: its newest log is dated' },
  off: { symbol: '–', words: 'results not shown', meaning: 'this build reads no results' },
};

/** Graph and legend order: the states a reader looks for first come first. */
export const RUN_MARK_ORDER: readonly RunMarkState[] = ['failed', 'running', 'ok', 'logs', 'not-run', 'unreadable', 'off'];

/** `✓ last run ok`, `✗ last run failed in phase failover`. */
export function runMark(state: RunMarkState, phase?: string): string {
  const mark = RUN_MARKS[state];
  const where = phase && (state === 'failed' || state === 'running') ? ` in ${phase}` : '';
  return `${mark.symbol} ${mark.words}${where}`;
}

export type CommandsMarkState = 'verified' | 'unverified';

export const COMMANDS_MARKS: Readonly<Record<CommandsMarkState, { words: string; meaning: string }>> = {
  verified: { words: 'commands verified', meaning: 'this build found every command of the rail in the checked repo' },
  unverified: { words: 'commands not verified', meaning: 'some command of the rail was not found, or its repo was not checked' },
};

export function commandsMark(verified: boolean): string {
  return COMMANDS_MARKS[verified ? 'verified' : 'unverified'].words;
}

/** Advice when a rail this one runs failed: shown with the rerun commands, never beside a result. */
export function rerunFirstWords(failedUpstream: readonly string[], first: string): string {
  const which = failedUpstream.length === 1 ? `${failedUpstream[0]}, which this rail runs,` : `${failedUpstream.join(', ')}, which this rail runs,`;
  return `${which} failed ${failedUpstream.length === 1 ? 'its' : 'their'} last run: rerun ${first} first`;
}

/** Phase outcomes as marks: the phase that failed or still runs first, then the passed ones. */
export function phaseMark(outcome: string): string {
  if (outcome === 'passed') return RUN_MARKS.ok.symbol;
  if (outcome === 'failed') return RUN_MARKS.failed.symbol;
  return RUN_MARKS.running.symbol;
}
