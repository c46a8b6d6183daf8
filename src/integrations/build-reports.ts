/**
 * A build's reports say "running" before anything else happens, so a build stopped early (a
 * failed gate, an error, a Ctrl-C while Astro starts) never leaves the previous build's
 * "passed" or "errors: 0" beside it; the previous proof-map.json goes too. Run by
 * `npm run build` before Astro starts (scripts/astro.ts) and again by the integration (a build
 * started with `astro build` directly).
 */
import path from 'node:path';
import { writeBuiltSiteStatus } from '../built-site/report.ts';
import { removeReportFile, statusReport, writeJsonAtomically, prepareReportFolder } from '../gate/report/report-file.ts';
import { BUILT_SITE_REPORT, GATE_REPORT } from '../core/site-paths.ts';

/** Marks both reports "running"; returns why one cannot be written, or undefined. */
export function markBuildReportsRunning(siteRoot: string, distDir = path.join(siteRoot, 'dist')): string | undefined {
  removeReportFile(path.join(distDir, 'proof-map.json'));
  try {
    const gate = path.join(siteRoot, GATE_REPORT);
    const problem = prepareReportFolder(gate);
    if (problem !== undefined) return `cannot write ${GATE_REPORT}: ${problem}`;
    writeJsonAtomically(gate, statusReport('running', 'A build is running; the docs-truth gate replaces this report when it ends.'));
    writeBuiltSiteStatus(path.join(siteRoot, BUILT_SITE_REPORT), 'running', 'A build is running; the built-site check replaces this report when it ends.');
  } catch (error) {
    return (error as Error).message.split('\n')[0];
  }
  return undefined;
}

/** The build stopped before dist/ was scanned: the built-site report says so, not "running". */
export function markBuiltSiteNotRun(siteRoot: string, why: string): void {
  try {
    writeBuiltSiteStatus(path.join(siteRoot, BUILT_SITE_REPORT), 'failed', `The build stopped before dist/ was checked: ${why}`);
  } catch {
    // Marked "running" at the start, which stays true enough: no scan result exists.
  }
}
