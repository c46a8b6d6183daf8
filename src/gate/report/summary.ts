/** What one gate run looked at; printed under the findings and stored in the JSON report. */
import type { Diagnostic, RepoView } from '../types.ts';

export interface GateSummary {
  repo: { root: string; kind: RepoView['kind']; commit?: string | undefined };
  /** Commands checked (skipped ones included). */
  commands: number;
  pages: number;
  rails: number;
}

const KIND_LABELS: Readonly<Record<RepoView['kind'], string>> = {
  env: 'MESH_REPO_ROOT',
  parent: 'parent checkout',
  sample: 'bundled sample',
  explicit: 'explicit root',
};

/** How a docs page names the repo the build checked ("Checked by this build against the ..."). */
const PAGE_LABELS: Readonly<Record<RepoView['kind'], string>> = {
  env: 'Mesh checkout at MESH_REPO_ROOT',
  parent: 'Mesh checkout this site sits in',
  sample: 'bundled sample repo',
  explicit: 'Mesh checkout given to the gate',
};

export function repoPageLabel(kind: RepoView['kind']): string {
  return PAGE_LABELS[kind];
}

/** How a report names where the repo came from. */
export function repoKindLabel(kind: RepoView['kind']): string {
  return KIND_LABELS[kind];
}

export interface DiagnosticCounts {
  errors: number;
  warnings: number;
}

export function countDiagnostics(diagnostics: readonly Diagnostic[]): DiagnosticCounts {
  let errors = 0;
  for (const diagnostic of diagnostics) if (diagnostic.severity === 'error') errors += 1;
  return { errors, warnings: diagnostics.length - errors };
}

/** Stable report order: file, line, column, then code and subject so ties never flip. */
export function sortDiagnostics(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  return [...diagnostics].sort(
    (a, b) =>
      compareText(a.position.file, b.position.file) ||
      a.position.line - b.position.line ||
      a.position.column - b.position.column ||
      compareText(a.code, b.code) ||
      compareText(a.subject, b.subject) ||
      compareText(a.message, b.message),
  );
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
