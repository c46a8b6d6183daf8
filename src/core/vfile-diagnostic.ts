/** A plugin's `file.fail` / `file.message` -> gate `Diagnostic`. */
import type { VFileMessage } from 'vfile-message';
import { DIAGNOSTIC_CODES, type DiagnosticCode } from './codes.ts';
import type { Diagnostic } from './types.ts';
import type { LineIndex } from './positions.ts';

export function isVFileMessage(error: unknown): error is VFileMessage {
  return typeof error === 'object' && error !== null && 'reason' in error && 'ruleId' in error;
}

export function isDiagnosticCode(value: string | undefined | null): value is DiagnosticCode {
  return typeof value === 'string' && Object.hasOwn(DIAGNOSTIC_CODES, value);
}

/** The message's `ruleId` when it names a gate code, else `fallback`. */
export function messageToDiagnostic(message: VFileMessage, index: LineIndex, fallback: DiagnosticCode): Diagnostic {
  const code = isDiagnosticCode(message.ruleId) ? message.ruleId : fallback;
  const line = message.line ?? 1;
  const column = message.column ?? 1;
  const place = message.place;
  const end = place && 'end' in place ? place.end : undefined;
  // The subject is what the author wrote there (the directive), on one line.
  const from = index.lineStart(line) + column - 1;
  const to = end?.offset ?? index.lineStart(line + 1);
  const shown = index.source.slice(from, Math.max(from, to)).split(/\r?\n/)[0]?.trim() ?? '';
  const diagnostic: Diagnostic = {
    code,
    severity: message.fatal === false ? 'warning' : 'error',
    position: { file: index.file, line, column },
    subject: shown.length > 120 ? `${shown.slice(0, 117)}...` : shown,
    message: message.reason,
  };
  if (message.note) diagnostic.suggestion = message.note;
  return diagnostic;
}
