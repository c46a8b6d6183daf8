/**
 * `--strict` in one place: every warning (scripts not on the map today; unverified items of
 * other checks later) becomes an error, so a maintainer can make the gap fail CI on purpose.
 * For the build, set `DOCS_GATE_STRICT=1`.
 */
import type { Diagnostic } from '../types.ts';

export const STRICT_ENV = 'DOCS_GATE_STRICT';

export function strictFromEnv(env: Readonly<Record<string, string | undefined>>): boolean {
  const value = env[STRICT_ENV]?.trim().toLowerCase();
  return value !== undefined && value !== '' && value !== '0' && value !== 'false' && value !== 'off';
}

export function applyStrict(diagnostics: readonly Diagnostic[], strict: boolean): Diagnostic[] {
  if (!strict) return [...diagnostics];
  return diagnostics.map((d) => (d.severity === 'warning' ? { ...d, severity: 'error', suggestion: `${d.suggestion ?? 'fix it'} (an error because of --strict)` } : d));
}
