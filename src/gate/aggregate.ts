/**
 * Soft findings and strict mode, in one place. A code the table marks `aggregate: '<word>'` is
 * a warning that a run counts under that word ("3 unverified"), prints as one terminal line per
 * code, and lists in full in the JSON report. It does not fail the build unless the run is
 * strict (`--strict`, or `DOCS_GATE_STRICT=1` for the build), which makes each one an error.
 */
import { DIAGNOSTIC_CODES, type DiagnosticCode } from './codes.ts';
import type { Diagnostic } from './types.ts';

/** Env var that makes the build's gate strict (`npm run check` takes `--strict`). */
export const STRICT_ENV = 'DOCS_GATE_STRICT';

/** The word a soft code is counted under, or undefined for an ordinary code. */
export function aggregateLabel(code: DiagnosticCode): string | undefined {
  const entry: { summary: string; aggregate?: string } = DIAGNOSTIC_CODES[code];
  return entry.aggregate;
}

export function isAggregated(diagnostic: Diagnostic): boolean {
  return aggregateLabel(diagnostic.code) !== undefined;
}

/**
 * Strict mode: every warning becomes an error, soft findings (unverified items, scripts not on
 * the map) included, so a maintainer can make any gap fail CI on purpose.
 */
export function applyStrict(diagnostics: readonly Diagnostic[], strict: boolean): Diagnostic[] {
  if (!strict) return [...diagnostics];
  return diagnostics.map((d) =>
    d.severity === 'warning' ? { ...d, severity: 'error', suggestion: `${d.suggestion ?? 'fix it'} (an error because the run is strict)` } : d,
  );
}

export function strictFromEnv(env: Readonly<Record<string, string | undefined>>): boolean {
  const value = env[STRICT_ENV]?.trim().toLowerCase();
  return value === '1' || value === 'true' || value === 'yes';
}

export interface AggregatedGroup {
  code: DiagnosticCode;
  /** The word it is counted under (`unverified`). */
  label: string;
  items: Diagnostic[];
}

/** Soft findings grouped by code, in code-table order. */
export function groupAggregated(diagnostics: readonly Diagnostic[]): AggregatedGroup[] {
  const groups = new Map<DiagnosticCode, AggregatedGroup>();
  for (const code of Object.keys(DIAGNOSTIC_CODES) as DiagnosticCode[]) {
    const label = aggregateLabel(code);
    if (label !== undefined) groups.set(code, { code, label, items: [] });
  }
  for (const diagnostic of diagnostics) groups.get(diagnostic.code)?.items.push(diagnostic);
  return [...groups.values()].filter((group) => group.items.length > 0);
}
