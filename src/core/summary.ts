/** What one gate run looked at; printed under the findings and stored in the JSON report. */
import { aggregateLabel } from './aggregate.ts';
import { DIAGNOSTIC_CODES, type DiagnosticCode } from './codes.ts';
import type { Diagnostic, RepoKind } from './types.ts';

/** One repo of the workspace as a run saw it. */
export interface CheckedRepo {
  id: string;
  name: string;
  /** Where it was found, or where the gate looked for it. */
  root: string;
  /** How it was found (`bundled sample`, `M055_HYPERPUSH_ROOT`, ...), or `not found`. */
  source: string;
  found: boolean;
  commit?: string;
}

export interface GateSummary {
  repo: { root: string; kind: RepoKind; commit?: string | undefined };
  /** Every repo of the workspace, the Mesh repo first. */
  repos: CheckedRepo[];
  /** Commands checked (skipped ones included). */
  commands: number;
  /** `Module.function` references in Mesh code checked against the type checker (not those of marked blocks). */
  meshReferences?: number;
  pages: number;
  rails: number;
}

const KIND_LABELS: Readonly<Record<RepoKind, string>> = {
  env: 'MESH_REPO_ROOT',
  parent: 'parent checkout',
  sample: 'bundled sample',
  explicit: 'explicit root',
  sibling: 'sibling folder',
};

/** How a docs page names the repo the build checked ("Checked by this build against the ..."). */
const PAGE_LABELS: Readonly<Record<RepoKind, string>> = {
  env: 'Mesh checkout at MESH_REPO_ROOT',
  parent: 'Mesh checkout this site sits in',
  sample: 'bundled sample repo',
  explicit: 'Mesh checkout given to the gate',
  sibling: 'checkout beside the Mesh repo',
};

export function repoPageLabel(kind: RepoKind): string {
  return PAGE_LABELS[kind];
}

/** How a report names where the repo came from. */
export function repoKindLabel(kind: RepoKind): string {
  return KIND_LABELS[kind];
}

export interface DiagnosticCounts {
  errors: number;
  /** Warnings that are not soft findings (those are counted under their own word). */
  warnings: number;
  /** Soft findings by the word they are counted under (`unverified`), errors or not. */
  aggregated: Record<string, number>;
}

export function countDiagnostics(diagnostics: readonly Diagnostic[]): DiagnosticCounts {
  let errors = 0;
  let warnings = 0;
  const aggregated: Record<string, number> = {};
  for (const diagnostic of diagnostics) {
    const label = aggregateLabel(diagnostic.code);
    if (label !== undefined) aggregated[label] = (aggregated[label] ?? 0) + 1;
    if (diagnostic.severity === 'error') errors += 1;
    else if (label === undefined) warnings += 1;
  }
  // The words in code-table order, so the summary line reads the same whatever the finding order.
  const ordered = Object.fromEntries(
    Object.keys(DIAGNOSTIC_CODES)
      .map((code) => aggregateLabel(code as DiagnosticCode))
      .filter((label, i, all): label is string => label !== undefined && all.indexOf(label) === i && label in aggregated)
      .map((label) => [label, aggregated[label]!]),
  );
  return { errors, warnings, aggregated: ordered };
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
