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
 * How strict a run is: `false`; `true`, every warning fails, soft findings (unverified items,
 * scripts not on the map) included; or a list of soft words (`['unverified']`), only those fail.
 * The list lets CI fail on a missing checkout without failing on a gap it keeps on purpose.
 */
export type Strictness = boolean | readonly string[];

export function applyStrict(diagnostics: readonly Diagnostic[], strict: Strictness): Diagnostic[] {
  if (strict === false || (Array.isArray(strict) && strict.length === 0)) return [...diagnostics];
  const fails = (d: Diagnostic): boolean => {
    if (d.severity !== 'warning') return false;
    if (strict === true) return true;
    const label = aggregateLabel(d.code);
    return label !== undefined && (strict as readonly string[]).includes(label);
  };
  return diagnostics.map((d) => (fails(d) ? { ...d, severity: 'error', suggestion: `${d.suggestion ?? 'fix it'} (an error because the run is strict)` } : d));
}

/** The soft words findings are counted under (`unverified`, `not on the map`), in table order. */
export function softWords(): string[] {
  return [...new Set((Object.keys(DIAGNOSTIC_CODES) as DiagnosticCode[]).flatMap((code) => aggregateLabel(code) ?? []))];
}

/**
 * `DOCS_GATE_STRICT`: unset, empty, `0`, `false` or `no` is lenient; `1`, `true`, `yes` or `all` is
 * strict on every warning; anything else is a comma-separated list of soft words
 * (`DOCS_GATE_STRICT=unverified`). A word that is not a soft word is a usage error.
 */
export function strictFromEnv(env: Readonly<Record<string, string | undefined>>): Strictness {
  const value = env[STRICT_ENV]?.trim().toLowerCase() ?? '';
  if (value === '' || value === '0' || value === 'false' || value === 'no') return false;
  if (value === '1' || value === 'true' || value === 'yes' || value === 'all') return true;
  const words = value.split(',').map((word) => word.trim()).filter((word) => word !== '');
  const known = softWords();
  const unknown = words.filter((word) => !known.includes(word));
  if (unknown.length > 0) {
    throw new StrictUsageError(
      // The value is not echoed: an env value may be anything a CI holds.
      `${STRICT_ENV} holds ${unknown.length} word${unknown.length === 1 ? ' that is' : 's that are'} not a kind of soft finding. ` +
        `Use 1 (every warning fails) or a comma-separated list of: ${known.join(', ')}.`,
    );
  }
  return words;
}

/** A `DOCS_GATE_STRICT` value the gate cannot read: a usage error, reported in one line. */
export class StrictUsageError extends Error {}

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
