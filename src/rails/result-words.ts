/**
 * How a last result reads, in words (never color alone), and what it means through `runs`:
 * a rail whose upstream failed says so, and the rail to rerun first is the deepest failed one.
 */
import type { RailResult } from './results.ts';

export function resultWords(result: RailResult): string {
  switch (result.state) {
    case 'ok':
      return `ok${result.ranAt ? `, ${result.ranAt}` : ''}`;
    case 'failed':
      return `failed${result.phase ? ` in phase ${result.phase}` : ''}${result.ranAt ? `, ${result.ranAt}` : ''}`;
    case 'running':
      return `running${result.phase ? ` (phase ${result.phase})` : ''}${result.ranAt ? ` since ${result.ranAt}` : ''}`;
    case 'not-run':
      return 'not run here';
    case 'unreadable':
      return `unreadable: ${result.reason ?? 'unknown reason'}`;
  }
}

/**
 * What a rail runs, for its chain: declared in rails.yaml or read from its script, so a script
 * that runs a rail the YAML forgot still shows (the disagreement itself is a finding).
 */
export function railRuns(declared: readonly string[], read: readonly string[]): string[] {
  return [...new Set([...declared, ...read])];
}

/** Rails below `railId` (through `runs`, transitively) whose last result failed, nearest first. */
export function failedUpstream(railId: string, runsOf: (id: string) => readonly string[], results: ReadonlyMap<string, RailResult>): string[] {
  const failed: string[] = [];
  const seen = new Set([railId]);
  const queue = [...runsOf(railId)];
  while (queue.length > 0) {
    const id = queue.shift()!;
    if (seen.has(id)) continue;
    seen.add(id);
    if (results.get(id)?.state === 'failed') failed.push(id);
    queue.push(...runsOf(id));
  }
  return failed;
}

/** Which rail to rerun first: the deepest failed rail below this one, else this one. */
export function rerunFirst(railId: string, runsOf: (id: string) => readonly string[], results: ReadonlyMap<string, RailResult>): string {
  const failed = failedUpstream(railId, runsOf, results);
  for (let i = failed.length - 1; i >= 0; i--) {
    if (failedUpstream(failed[i]!, runsOf, results).length === 0) return failed[i]!;
  }
  return railId;
}
