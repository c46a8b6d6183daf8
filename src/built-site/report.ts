/**
 * The built-site check's JSON report: the gate's diagnostic shape, written atomically. Like the
 * gate's report it says "running" from the start of a build and ends with a status, so a CI
 * never reads a previous build's "errors: 0" beside a failed or interrupted one.
 */
import { toJsonDiagnostic, type JsonDiagnostic } from '../gate/report/json.ts';
import { prepareReportFolder, statusReport, writeJsonAtomically, type JsonStatusReport } from '../gate/report/report-file.ts';
import type { Diagnostic } from '../core/types.ts';

/** What the check covered; links and fragments count each page's distinct targets. */
export interface BuiltSiteCounts {
  /** HTML pages read and followed. */
  pages: number;
  /** Links to pages and files of the site, one per linking page and target. */
  links: number;
  /** Links that name an id (`/guide/#setup`, `#top`), one per linking page and target. */
  fragments: number;
  /** Distinct files pages load: stylesheets, scripts, images, fonts, the favicon. */
  assets: number;
  /** Distinct links to other sites, counted but not fetched. */
  external: number;
  /** Pages no other page links to (soft findings). */
  orphans: number;
}

export interface BuiltSiteReport {
  version: 1;
  status: 'passed' | 'failed';
  /** The findings by severity, and what was checked (the summary line's figures). */
  counts: { errors: number; warnings: number } & BuiltSiteCounts;
  /** Links to other hosts, counted but not fetched by the build. */
  external: string[];
  diagnostics: JsonDiagnostic[];
}

export function writeBuiltSiteReport(file: string, diagnostics: readonly Diagnostic[], counts: BuiltSiteCounts, external: readonly string[]): void {
  const errors = diagnostics.filter((d) => d.severity === 'error').length;
  writeReport(file, {
    version: 1,
    status: errors > 0 ? 'failed' : 'passed',
    counts: { errors, warnings: diagnostics.length - errors, ...counts },
    external: [...external],
    diagnostics: diagnostics.map(toJsonDiagnostic),
  });
}

/** What the report says while no scan result exists: the build is going, or stopped first. */
export function writeBuiltSiteStatus(file: string, status: JsonStatusReport['status'], message: string): void {
  writeReport(file, statusReport(status, message));
}

function writeReport(file: string, report: BuiltSiteReport | JsonStatusReport): void {
  const problem = prepareReportFolder(file);
  if (problem !== undefined) throw new Error(`cannot write the built-site report: ${problem}`);
  writeJsonAtomically(file, report);
}
