/**
 * The live state generated sections draw: each shown rail's last result (read from disk at
 * render time, so a reload shows a new run) and its relations (declared, and read from the
 * scripts by the gate). Without provenance (the gate's own reading of pages) nothing is read.
 */
import type { RailsModel } from '../rails/model.ts';
import type { CiRun } from '../core/ci-run.ts';
import { readLiveResults, withRails } from '../rails/live-results.ts';
import type { ResultOrigin } from '../rails/result-origin.ts';
import { railRuns } from '../rails/result-words.ts';
import { rerunFirstByProvenance } from '../rails/rerun-order.ts';
import { readRailResultIn, type RailResult } from '../rails/results.ts';
import { currentFailedUpstream } from '../rails/rerun-order.ts';
import type { RenderContext } from './context.ts';
import { appendAll } from '../core/append.ts';

export interface LiveState {
  /** Results by rail id; undefined when results are off or not known. */
  results?: Map<string, RailResult>;
  /** Where each result came from (a CI run, a local run, this build). */
  origins?: Map<string, ResultOrigin>;
  /** True when results come from a results folder (PROOF_RESULTS=<folder>), not the checkouts. */
  fromFolder: boolean;
  off: boolean;
  /** Where CI workflows run a rail (empty when none, or not known). */
  ciRuns(id: string): CiRun[];
  /** Declared and read runs of a rail, deduplicated. */
  runsOf(id: string): string[];
  /** `unread`: rails.yaml declares it with the reason the gate cannot read it from the script. */
  edgeSource(from: string, to: string): 'both' | 'yaml' | 'script' | 'unread';
  /** Why the gate cannot read a declared run, when rails.yaml says so. */
  unreadReason(from: string, to: string): string | undefined;
  failedUpstream(id: string): string[];
  /** The deepest failed rail below this one, else this one. */
  rerunFirst(id: string): string;
}

export function liveState(model: RailsModel, context: RenderContext, railIds: readonly string[]): LiveState {
  const provenance = context.provenance;
  const read = provenance?.readRuns ?? {};
  const declared = (id: string) => model.railById.get(id)?.runs ?? [];
  const runsOf = (id: string) => railRuns(declared(id), read[id] ?? []);
  const source = provenance?.results;
  const input = provenance?.resultsInput;
  const live = input ? readLiveResults(withRails(input, railIds.flatMap((id) => model.railById.get(id) ?? []))) : undefined;
  const results =
    live?.results ??
    (source && source !== 'off'
      ? new Map(
          railIds.map((id) => {
            const rail = model.railById.get(id);
            return [id, readRailResultIn(rail ? source.roots[rail.repo] : undefined, rail?.results, { logsOnly: rail?.logsOnly })];
          }),
        )
      : undefined);
  return {
    ...(results ? { results } : {}),
    ...(live ? { origins: live.origins } : {}),
    fromFolder: input?.source.kind === 'folder',
    off: source === 'off',
    ciRuns: (id) => provenance?.ciRuns?.[id] ?? [],
    runsOf,
    edgeSource(from, to) {
      const inYaml = declared(from).includes(to);
      if (inYaml && model.railById.get(from)?.unreadRuns[to] !== undefined && !(read[from] ?? []).includes(to)) return 'unread';
      if (!provenance?.readRuns) return 'both';
      const inScript = (read[from] ?? []).includes(to);
      return inYaml && inScript ? 'both' : inYaml ? 'yaml' : 'script';
    },
    unreadReason: (from, to) => model.railById.get(from)?.unreadRuns[to],
    failedUpstream: (id) => (results ? currentFailedUpstream(id, runsOf, results, live?.origins) : []),
    rerunFirst: (id) => (results ? rerunFirstByProvenance(id, runsOf, results, live?.origins) : id),
  };
}
