/**
 * How a last result reads, in words (never color alone), and what it means through `runs`:
 * a rail whose upstream failed says so, and the rail to rerun first is the deepest failed one.
 */
import type { RailResult } from './results.ts';
import { appendAll } from '../core/append.ts';

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
    case 'logs':
      return `keeps logs only (${result.keeps ?? 'logs'})${result.ranAt ? `, last log ${result.ranAt}` : ''}`;
  }
}

/**
 * What a rail runs, for its chain: declared in rails.yaml or read from its script, so a script
 * that runs a rail the YAML forgot still shows (the disagreement itself is a finding).
 */
export function railRuns(declared: readonly string[], read: readonly string[]): string[] {
  return [...new Set([...declared, ...read])];
}

