/** Builds `Diagnostic` values with one shape, so no resolver forgets a field. */
import type { DiagnosticCode } from './codes.ts';
import type { CommandOccurrence, Diagnostic, Severity, SourcePosition } from './types.ts';

export interface DiagnosticFields {
  code: DiagnosticCode;
  position: SourcePosition;
  subject: string;
  message: string;
  suggestion?: string | undefined;
  severity?: Severity;
}

export function makeDiagnostic(fields: DiagnosticFields): Diagnostic {
  const diagnostic: Diagnostic = {
    code: fields.code,
    severity: fields.severity ?? 'error',
    position: fields.position,
    subject: fields.subject,
    message: fields.message,
  };
  if (fields.suggestion !== undefined) diagnostic.suggestion = fields.suggestion;
  return diagnostic;
}

/** A relative path after a `cd` the gate cannot follow cannot be checked: fail closed. */
export function unknownCwdDiagnostic(command: CommandOccurrence, position: SourcePosition = command.position): Diagnostic {
  return makeDiagnostic({
    code: 'command-unknown-shape',
    position,
    subject: command.text,
    message: 'The command runs after a cd the gate cannot follow, so the repo paths it uses cannot be checked.',
    suggestion: 'cd to a repo folder written out literally, or mark the block on purpose with the fence meta gate-skip="why"',
  });
}
