/** The built-site check's JSON report: the gate's diagnostic shape, written atomically. */
import { toJsonDiagnostic, type JsonDiagnostic } from '../gate/report/json.ts';
import { prepareReportFolder, writeJsonAtomically } from '../gate/report/report-file.ts';
import type { Diagnostic } from '../gate/types.ts';

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
  /** The findings by severity, and what was checked (the summary line's figures). */
  counts: { errors: number; warnings: number } & BuiltSiteCounts;
  /** Links to other hosts, counted but not fetched by the build. */
  external: string[];
  diagnostics: JsonDiagnostic[];
}

export function writeBuiltSiteReport(file: string, diagnostics: readonly Diagnostic[], counts: BuiltSiteCounts, external: readonly string[]): void {
  const errors = diagnostics.filter((d) => d.severity === 'error').length;
  const report: BuiltSiteReport = {
    version: 1,
    counts: { errors, warnings: diagnostics.length - errors, ...counts },
    external: [...external],
    diagnostics: diagnostics.map(toJsonDiagnostic),
  };
  const problem = prepareReportFolder(file);
  if (problem !== undefined) throw new Error(`cannot write the built-site report: ${problem}`);
  writeJsonAtomically(file, report);
}
