/** The built-site check's JSON report: the gate's diagnostic shape, written atomically. */
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { toJsonDiagnostic, type JsonDiagnostic } from '../gate/report/json.ts';
import type { Diagnostic } from '../gate/types.ts';

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
  mkdirSync(path.dirname(file), { recursive: true });
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, `${JSON.stringify(report, null, 2)}\n`);
  renameSync(temporary, file);
}
