/** The built-site check's JSON report: the gate's diagnostic shape, written atomically. */
import { toJsonDiagnostic, type JsonDiagnostic } from '../gate/report/json.ts';
import { prepareReportFolder, writeJsonAtomically } from '../gate/report/report-file.ts';
import type { Diagnostic } from '../core/types.ts';

export interface BuiltSiteReport {
  version: 1;
  counts: { errors: number; checked: number; external: number };
  /** Links to other hosts, counted but not fetched by the build. */
  external: string[];
  diagnostics: JsonDiagnostic[];
}

export function writeBuiltSiteReport(file: string, diagnostics: readonly Diagnostic[], checked: number, external: readonly string[]): void {
  const report: BuiltSiteReport = {
    version: 1,
    counts: { errors: diagnostics.length, checked, external: external.length },
    external: [...external],
    diagnostics: diagnostics.map(toJsonDiagnostic),
  };
  const problem = prepareReportFolder(file);
  if (problem !== undefined) throw new Error(`cannot write the built-site report: ${problem}`);
  writeJsonAtomically(file, report);
}
