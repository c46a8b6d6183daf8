/**
 * The live state generated sections draw: each shown rail's last result (read from disk at
 * render time, so a reload shows a new run) and its relations (declared, and read from the
 * scripts by the gate). Without provenance (the gate's own reading of pages) nothing is read.
 */
import type { RailsModel } from '../rails/model.ts';
import { failedUpstream, railRuns, rerunFirst } from '../rails/result-words.ts';
import { readRailResultIn, type RailResult } from '../rails/results.ts';
import type { RenderContext } from './context.ts';

export interface LiveState {
  /** Results by rail id; undefined when results are off or not known. */
  results?: Map<string, RailResult>;
  off: boolean;
  /** Declared and read runs of a rail, deduplicated. */
  runsOf(id: string): string[];
  edgeSource(from: string, to: string): 'both' | 'yaml' | 'script';
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
  const results =
    source && source !== 'off'
      ? new Map(
          railIds.map((id) => {
            const rail = model.railById.get(id);
            return [id, readRailResultIn(rail ? source.roots[rail.repo] : undefined, rail?.results)];
          }),
        )
      : undefined;
  return {
    ...(results ? { results } : {}),
    off: source === 'off',
    runsOf,
    edgeSource(from, to) {
      const inYaml = declared(from).includes(to);
      if (!provenance?.readRuns) return 'both';
      const inScript = (read[from] ?? []).includes(to);
      return inYaml && inScript ? 'both' : inYaml ? 'yaml' : 'script';
    },
    failedUpstream: (id) => (results ? failedUpstream(id, runsOf, results) : []),
    rerunFirst: (id) => (results ? rerunFirst(id, runsOf, results) : id),
  };
}
