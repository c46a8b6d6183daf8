/**
 * Runs a child process several times after one unmeasured warm-up run (file caches); reports
 * the median wall time and the median of each run's peak RSS.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const NODE = process.execPath;
const CHILD_USAGE = path.join(import.meta.dirname, 'child-usage.ts');

export interface Measured {
  /** Median wall time, milliseconds. */
  wallMs: number;
  /** Median CPU time of the child (user + system), milliseconds. */
  cpuMs: number;
  /** Median over the runs of each run's peak RSS, megabytes. */
  peakMb: number;
  /** The highest peak RSS of any run, megabytes. */
  maxPeakMb: number;
  /** The last run's stdout. */
  stdout: string;
  /** Every measured run's stdout, in order. */
  stdouts: string[];
  status: number | null;
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** `node --experimental-strip-types ARGS`, `runs` times (with `extraEnv` added to the environment). */
export function measureNode(args: readonly string[], runs: number, cwd: string, extraEnv: Readonly<Record<string, string>> = {}): Measured {
  const scratch = mkdtempSync(path.join(tmpdir(), 'bench-rss-'));
  const walls: number[] = [];
  const peaks: number[] = [];
  const cpus: number[] = [];
  const stdouts: string[] = [];
  let last = { stdout: '', status: null as number | null };
  try {
    for (let run = -1; run < runs; run++) {
      const usageFile = path.join(scratch, `usage-${run + 1}.json`);
      const start = performance.now();
      const child = spawnSync(NODE, ['--experimental-strip-types', '--no-warnings', '--import', CHILD_USAGE, ...args], {
        cwd,
        encoding: 'utf8',
        env: { ...process.env, ...extraEnv, BENCH_USAGE_FILE: usageFile, NO_COLOR: '1' },
        maxBuffer: 256 * 1024 * 1024,
      });
      const wall = performance.now() - start;
      if (run >= 0) {
        walls.push(wall);
        stdouts.push(child.stdout);
        try {
          const usage = JSON.parse(readFileSync(usageFile, 'utf8')) as { maxRssKb: number; cpuMs: number };
          peaks.push(usage.maxRssKb / 1024);
          cpus.push(usage.cpuMs);
        } catch {
          // the child died before its exit hook: no figure for this run
        }
      }
      last = { stdout: child.stdout, status: child.status };
      if (child.error) throw child.error;
    }
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
  return { wallMs: median(walls), cpuMs: cpus.length > 0 ? median(cpus) : 0, peakMb: peaks.length > 0 ? median(peaks) : 0, maxPeakMb: Math.max(0, ...peaks), stdouts, ...last };
}
