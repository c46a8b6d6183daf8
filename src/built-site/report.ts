/**
 * The built-site check's JSON report: the gate's diagnostic shape, written atomically. Like the
 * gate's report it says "running" from the start of a build and ends with a status, so a CI
 * never reads a previous build's "errors: 0" beside a failed or interrupted one.
 */
import { toJsonDiagnostic, type JsonDiagnostic } from '../gate/report/json.ts';
import { prepareReportFolder, statusReport, writeJsonAtomically, type JsonStatusReport } from '../gate/report/report-file.ts';
import type { Diagnostic } from '../gate/types.ts';

export interface BuiltSiteReport {
  version: 1;
  status: 'passed' | 'failed';
  counts: { errors: number; checked: number; external: number };
  /** Links to other hosts, counted but not fetched by the build. */
  external: string[];
  diagnostics: JsonDiagnostic[];
}

export function writeBuiltSiteReport(file: string, diagnostics: readonly Diagnostic[], checked: number, external: readonly string[]): void {
  writeReport(file, {
    version: 1,
    status: diagnostics.length > 0 ? 'failed' : 'passed',
    counts: { errors: diagnostics.length, checked, external: external.length },
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
