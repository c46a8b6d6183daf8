/**
 * Where a run reads the rails' last results from: each repo's checkout (`.tmp/`), a results
 * folder laid out like `.tmp/` (a CI artifact), or nowhere. Resolved once, in the config.
 */
import path from 'node:path';

export type ResultsSource = { kind: 'checkout' } | { kind: 'folder'; root: string } | { kind: 'off' };

/** `PROOF_RESULTS`: unset or empty reads each checkout, `off` reads none, anything else is a folder (relative to `base`). */
export function resultsSourceFrom(value: string | undefined, base: string): ResultsSource {
  const text = value?.trim() ?? '';
  if (text === '') return { kind: 'checkout' };
  if (text.toLowerCase() === 'off') return { kind: 'off' };
  return { kind: 'folder', root: path.resolve(base, text) };
}
