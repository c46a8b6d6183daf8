/** A Diagnostic for reporter tests: an error at line 1 of a page unless the test says otherwise. */
import type { Diagnostic } from '../../src/core/types.ts';

export function finding(fields: Partial<Diagnostic> & Pick<Diagnostic, 'code' | 'message'>): Diagnostic {
  return { severity: 'error', position: { file: 'src/content/docs/a.md', line: 1, column: 1 }, subject: 'x', ...fields };
}
