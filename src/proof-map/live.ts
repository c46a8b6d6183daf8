/**
 * The live state generated sections draw: each shown rail's last result (read from disk at
 * render time, so a reload shows a new run) and its relations (declared, and read from the
 * scripts by the gate). Without provenance (the gate's own reading of pages) nothing is read.
 */
import type { RailsModel } from '../rails/model.ts';
import { failedUpstream, railRuns } from '../rails/result-words.ts';
import { readRailResultIn, type RailResult } from '../rails/results.ts';
import type { RenderContext } from './context.ts';
import { appendAll } from '../gate/append.ts';

export interface LiveState {
  /** Results by rail id; undefined when results are off or not known. */
  results?: Map<string, RailResult>;
  off: boolean;
  /** Declared and read runs of a rail, deduplicated. */
  runsOf(id: string): string[];
  /** `unread`: rails.yaml declares it with the reason the gate cannot read it from the script. */
  edgeSource(from: string, to: string): 'both' | 'yaml' | 'script' | 'unread';
  /** Why the gate cannot read a declared run, when rails.yaml says so. */
  unreadReason(from: string, to: string): string | undefined;
  failedUpstream(id: string): string[];
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
            return [id, readRailResultIn(rail ? source.roots[rail.repo] : undefined, rail?.results, { logsOnly: rail?.logsOnly })];
          }),
        )
      : undefined;
  return {
    ...(results ? { results } : {}),
    off: source === 'off',
    runsOf,
    edgeSource(from, to) {
      const inYaml = declared(from).includes(to);
      if (inYaml && model.railById.get(from)?.unreadRuns[to] !== undefined && !(read[from] ?? []).includes(to)) return 'unread';
      if (!provenance?.readRuns) return 'both';
      const inScript = (read[from] ?? []).includes(to);
      return inYaml && inScript ? 'both' : inYaml ? 'yaml' : 'script';
    },
    unreadReason: (from, to) => model.railById.get(from)?.unreadRuns[to],
    failedUpstream: (id) => (results ? failedUpstream(id, runsOf, results) : []),
  };
}

/** The rails a page shows, and every rail they run (transitively), in YAML order. */
export function railsWithChains(model: RailsModel, shown: readonly string[], runsOf: (id: string) => string[]): string[] {
  const included = new Set<string>();
  const queue = [...shown];
  while (queue.length > 0) {
    const id = queue.shift()!;
    if (included.has(id) || !model.railById.has(id)) continue;
    included.add(id);
    appendAll(queue, runsOf(id));
  }
  return model.rails.map((rail) => rail.id).filter((id) => included.has(id));
}
