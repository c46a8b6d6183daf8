/** Machine report: the same findings as the terminal, as versioned JSON for CI and tools. */
import { DIAGNOSTIC_CODES, docsUrl, type DiagnosticCode } from '../../core/codes.ts';
import type { Diagnostic, Severity } from '../../core/types.ts';
import { countDiagnostics, sortDiagnostics, type GateSummary } from '../../core/summary.ts';
import { asFix, asSentence } from '../../core/wording.ts';
import { prepareReportFolder, writeJsonAtomically, type JsonStatusReport } from './report-file.ts';

export interface JsonDiagnostic {
  code: DiagnosticCode;
  severity: Severity;
  file: string;
  line: number;
  column: number;
  subject: string;
  message: string;
  suggestion?: string;
  /** The code's short title from the code table. */
  title: string;
  /** Site path of the contributor docs section about this code (`/contributing/rails/#scripts`). */
  docs: string;
  /** A second place the finding is about (a script line a YAML entry disagrees with). */
  related?: { file: string; line: number; column: number };
}

export interface JsonReport {
  version: 1;
  /** `passed` or `failed`; while a run is going or after it crashed, see `JsonStatusReport`. */
  status: 'passed' | 'failed';
  repo: { root: string; kind: GateSummary['repo']['kind']; commit: string | null };
  /** Every repo of the workspace, the Mesh repo first: how it was found and at which commit. */
  repos: Array<{ id: string; name: string; root: string; source: string; found: boolean; commit: string | null }>;
  /** `aggregated`: soft findings by the word they are counted under (`unverified`); `meshReferences`: `Module.function` in Mesh code checked. */
  counts: { errors: number; warnings: number; aggregated: Record<string, number>; commands: number; meshReferences: number; pages: number; rails: number };
  diagnostics: JsonDiagnostic[];
}

export function toJsonReport(diagnostics: readonly Diagnostic[], summary: GateSummary): JsonReport {
  const { errors, warnings, aggregated } = countDiagnostics(diagnostics);
  return {
    version: 1,
    status: errors > 0 ? 'failed' : 'passed',
    repo: { root: summary.repo.root, kind: summary.repo.kind, commit: summary.repo.commit ?? null },
    repos: summary.repos.map(({ commit, ...repo }) => ({ ...repo, commit: commit ?? null })),
    counts: { errors, warnings, aggregated, commands: summary.commands, meshReferences: summary.meshReferences ?? 0, pages: summary.pages, rails: summary.rails },
    diagnostics: sortDiagnostics(diagnostics).map(toJsonDiagnostic),
  };
}

export function toJsonDiagnostic(diagnostic: Diagnostic): JsonDiagnostic {
  const entry: JsonDiagnostic = {
    code: diagnostic.code,
    severity: diagnostic.severity,
    file: diagnostic.position.file,
    line: diagnostic.position.line,
    column: diagnostic.position.column,
    subject: diagnostic.subject,
    message: asSentence(diagnostic.message),
    title: DIAGNOSTIC_CODES[diagnostic.code].summary,
    docs: docsUrl(diagnostic.code),
  };
  if (diagnostic.suggestion !== undefined) entry.suggestion = asFix(diagnostic.suggestion);
  if (diagnostic.related !== undefined) entry.related = { ...diagnostic.related };
  return entry;
}

/** Writes the report atomically, creating its folder. */
export function writeJsonReport(file: string, report: JsonReport | JsonStatusReport): void {
  const problem = prepareReportFolder(file);
  if (problem !== undefined) throw new Error(`cannot write the JSON report: ${problem}`);
  writeJsonAtomically(file, report);
}
