/**
 * Which failures are current, and so which rail to rerun first, decided by when each result ran
 * (its provenance), not by which folders hold a failure: a rail's failure is superseded when a
 * rail that runs it (below the one asked about) passed later, since that run replayed it.
 */
import type { ResultOrigin } from './result-origin.ts';
import type { RailResult } from './results.ts';
import { appendAll } from '../core/append.ts';

type RunsOf = (id: string) => readonly string[];

function reachable(from: string, runsOf: RunsOf): Set<string> {
  const seen = new Set<string>();
  const queue = [...runsOf(from)];
  while (queue.length > 0) {
    const id = queue.shift()!;
    if (seen.has(id) || id === from) continue;
    seen.add(id);
    appendAll(queue, runsOf(id));
  }
  return seen;
}

/** When a result ran, in ms: the origin's time, else the day status.txt gives. */
export function resultTime(id: string, results: ReadonlyMap<string, RailResult>, origins: ReadonlyMap<string, ResultOrigin> | undefined): number | undefined {
  const origin = origins?.get(id);
  const iso = origin && 'ranAt' in origin ? origin.ranAt : results.get(id)?.ranAt;
  const time = iso ? Date.parse(iso) : Number.NaN;
  return Number.isFinite(time) ? time : undefined;
}

/** Rails below `railId` whose failure is current (not replayed since by a passing rail that runs them), nearest first. */
export function currentFailedUpstream(railId: string, runsOf: RunsOf, results: ReadonlyMap<string, RailResult>, origins?: ReadonlyMap<string, ResultOrigin>): string[] {
  const below = reachable(railId, runsOf);
  const order: string[] = [];
  const seen = new Set([railId]);
  const queue = [...runsOf(railId)];
  while (queue.length > 0) {
    const id = queue.shift()!;
    if (seen.has(id)) continue;
    seen.add(id);
    order.push(id);
    appendAll(queue, runsOf(id));
  }
  const chain = [railId, ...below];
  return order.filter((id) => {
    if (results.get(id)?.state !== 'failed') return false;
    const failedAt = resultTime(id, results, origins);
    if (failedAt === undefined) return true;
    return !chain.some((other) => {
      if (other === id || results.get(other)?.state !== 'ok' || !reachable(other, runsOf).has(id)) return false;
      const passedAt = resultTime(other, results, origins);
      return passedAt !== undefined && passedAt > failedAt;
    });
  });
}

/** The rail to rerun first: the deepest current failure below this rail, else this rail. */
export function rerunFirstByProvenance(railId: string, runsOf: RunsOf, results: ReadonlyMap<string, RailResult>, origins?: ReadonlyMap<string, ResultOrigin>): string {
  const failed = currentFailedUpstream(railId, runsOf, results, origins);
  for (let i = failed.length - 1; i >= 0; i--) {
    if (currentFailedUpstream(failed[i]!, runsOf, results, origins).length === 0) return failed[i]!;
  }
  return railId;
}
