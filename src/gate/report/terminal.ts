/**
 * Human report: one line per finding, `path:line:col error code subject: message fix: ...`, so
 * editors and terminals can jump to the spot; then one summary line. Never stack traces.
 */
import path from 'node:path';
import { DIAGNOSTIC_CODES, isAggregated, type DiagnosticCode } from '../codes.ts';
import type { Diagnostic, SourcePosition } from '../types.ts';
import { countDiagnostics, repoKindLabel, sortDiagnostics, type GateSummary } from './summary.ts';
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
  const sorted = sortDiagnostics(diagnostics);
  const lines = sorted.filter((d) => !isAggregated(d.code)).map((diagnostic) => formatLine(diagnostic, paint));
  lines.push(...aggregatedLines(sorted, paint));
  lines.push(formatSummaryLine(diagnostics, summary, paint));
  return `${lines.join('\n')}\n`;
}

function formatLine(diagnostic: Diagnostic, paint: (style: Style, text: string) => string): string {
  const where = formatPosition(diagnostic.position);
  const severity = diagnostic.severity === 'error' ? paint('red', 'error') : paint('yellow', 'warning');
  const fix = diagnostic.suggestion ? ` ${paint('dim', `fix: ${asFix(oneLine(diagnostic.suggestion))}`)}` : '';
  const related = diagnostic.related ? ` (see ${formatPosition(diagnostic.related)})` : '';
  return `${paint('bold', where)} ${severity} ${diagnostic.code} \`${oneLine(diagnostic.subject)}\`: ${asSentence(oneLine(diagnostic.message))}${related}${fix}`;
}

function formatPosition({ file, line, column }: SourcePosition): string {
  // Positions are site-relative by contract; an absolute one is shown relative to the cwd.
  const shown = path.isAbsolute(file) ? path.relative(process.cwd(), file) : file;
  return `${shown.replace(/\\/g, '/')}:${line}:${column}`;
}

/** One line per aggregated code: how many, the first few subjects, and where the full list is. */
function aggregatedLines(sorted: readonly Diagnostic[], paint: (style: Style, text: string) => string): string[] {
  const groups = new Map<DiagnosticCode, Diagnostic[]>();
  for (const d of sorted) if (isAggregated(d.code)) groups.set(d.code, [...(groups.get(d.code) ?? []), d]);
  return [...groups].map(([code, group]) => {
    const severity = group.some((d) => d.severity === 'error') ? paint('red', 'error') : paint('yellow', 'warning');
    const shown = group.slice(0, 3).map((d) => oneLine(d.subject));
    const more = group.length > shown.length ? ` and ${group.length - shown.length} more` : '';
    return `${severity} ${code} ${group.length} × ${DIAGNOSTIC_CODES[code].summary.toLowerCase()}: ${shown.join(', ')}${more} (every one is in the JSON report)`;
  });
}

function formatSummaryLine(diagnostics: readonly Diagnostic[], summary: GateSummary, paint: (style: Style, text: string) => string): string {
  const { errors, warnings } = countDiagnostics(diagnostics);
  const commit = summary.repo.commit ? ` @ ${summary.repo.commit.slice(0, 12)}` : '';
  const scope = `${plural(summary.commands, 'command')} in ${plural(summary.pages, 'page')}, ${plural(summary.rails, 'rail')}; repo: ${repoKindLabel(summary.repo.kind)} ${summary.repo.root}${commit}`;
  if (errors === 0 && warnings === 0) return `${paint('green', 'docs-truth gate: ok')} (${scope})`;
  if (errors === 0) return `${paint('green', 'docs-truth gate: ok')}, ${paint('yellow', plural(warnings, 'warning'))} (${scope})`;
  const found = `${plural(errors, 'error')}, ${plural(warnings, 'warning')}`;
  return `${paint(errors > 0 ? 'red' : 'yellow', `docs-truth gate: ${found}`)} (${scope})`;
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

/** Findings are one line each; a stray newline in a subject must not break the format. */
function oneLine(text: string): string {
  return text.replace(/\s*\\?\r?\n\s*/g, ' ');
}
