/**
 * Human report: one line per finding, `path:line:col error code subject: message fix: ...`, so
 * editors and terminals can jump to the spot; then one summary line. Never stack traces.
 */
import path from 'node:path';
import type { Diagnostic } from '../types.ts';
import { countDiagnostics, repoKindLabel, sortDiagnostics, type GateSummary } from './summary.ts';
import { escapeControl } from './escape.ts';
import { asFix, asSentence } from './wording.ts';

export interface TerminalOptions {
  /** Colour the output; default: only when stdout is a TTY and NO_COLOR is unset. */
  color?: boolean;
}

const STYLES = { red: '\u001b[31m', yellow: '\u001b[33m', green: '\u001b[32m', dim: '\u001b[2m', bold: '\u001b[1m', reset: '\u001b[0m' };
type Style = keyof typeof STYLES;

/** Colour only for a terminal, and never when NO_COLOR is set (to anything, even empty). */
export function shouldUseColor(
  stream: { isTTY?: boolean } = process.stdout,
  env: Readonly<Record<string, string | undefined>> = process.env,
): boolean {
  return stream.isTTY === true && env['NO_COLOR'] === undefined;
}

export function formatTerminal(diagnostics: readonly Diagnostic[], summary: GateSummary, options: TerminalOptions = {}): string {
  const color = options.color ?? shouldUseColor();
  const paint = (style: Style, text: string): string => (color ? `${STYLES[style]}${text}${STYLES.reset}` : text);
  const lines = sortDiagnostics(diagnostics).map((diagnostic) => formatLine(diagnostic, paint));
  lines.push(formatSummaryLine(diagnostics, summary, paint));
  return `${lines.join('\n')}\n`;
}

function formatLine(diagnostic: Diagnostic, paint: (style: Style, text: string) => string): string {
  const { file, line, column } = diagnostic.position;
  // Positions are site-relative by contract; an absolute one is shown relative to the cwd.
  const shown = path.isAbsolute(file) ? path.relative(process.cwd(), file) : file;
  const where = `${escapeControl(shown.replace(/\\/g, '/'))}:${line}:${column}`;
  const severity = diagnostic.severity === 'error' ? paint('red', 'error') : paint('yellow', 'warning');
  const fix = diagnostic.suggestion ? ` ${paint('dim', `fix: ${asFix(oneLine(diagnostic.suggestion))}`)}` : '';
  return `${paint('bold', where)} ${severity} ${diagnostic.code} \`${oneLine(diagnostic.subject)}\`: ${asSentence(oneLine(diagnostic.message))}${fix}`;
}

function formatSummaryLine(diagnostics: readonly Diagnostic[], summary: GateSummary, paint: (style: Style, text: string) => string): string {
  const { errors, warnings } = countDiagnostics(diagnostics);
  const commit = summary.repo.commit ? ` @ ${summary.repo.commit.slice(0, 12)}` : '';
  const scope = `${plural(summary.commands, 'command')} in ${plural(summary.pages, 'page')}, ${plural(summary.rails, 'rail')}; repo: ${repoKindLabel(summary.repo.kind)} ${escapeControl(summary.repo.root)}${commit}`;
  if (errors === 0 && warnings === 0) return `${paint('green', 'docs-truth gate: ok')} (${scope})`;
  const found = `${plural(errors, 'error')}, ${plural(warnings, 'warning')}`;
  return `${paint(errors > 0 ? 'red' : 'yellow', `docs-truth gate: ${found}`)} (${scope})`;
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

/**
 * Findings are one line each; a stray newline in a subject must not break the format, and
 * page text must not drive the terminal (control characters are shown escaped).
 */
function oneLine(text: string): string {
  return escapeControl(text.replace(/\s*\\?\r?\n\s*/g, ' '));
}
