import type { Diagnostic } from '../gate/types.ts';

/** One line per diagnostic: `file:line:col code: message (fix: ...)`. */
export function formatDiagnosticLines(diagnostics: readonly Diagnostic[]): string[] {
  return diagnostics.map((d) => {
    const where = `${d.position.file}:${d.position.line}:${d.position.column}`;
    const fix = d.suggestion ? ` (fix: ${d.suggestion})` : '';
    return `${where} ${d.code}: ${d.subject} — ${d.message}${fix}`;
  });
}
