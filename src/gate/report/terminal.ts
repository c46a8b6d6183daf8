/**
 * Human report: one line per finding, `path:line:col error code subject: message fix: ...`, so
 * editors and terminals can jump to the spot; then one summary line. Never stack traces.
 */
import path from 'node:path';
import { groupAggregated, isAggregated, type AggregatedGroup } from '../../core/aggregate.ts';
import { DIAGNOSTIC_CODES } from '../../core/codes.ts';
import type { Diagnostic, SourcePosition } from '../../core/types.ts';
import { countDiagnostics, repoKindLabel, sortDiagnostics, type GateSummary } from '../../core/summary.ts';
import { escapeControl } from '../../core/escape.ts';
import { asFix, asSentence } from '../../core/wording.ts';
import { appendAll } from '../../core/append.ts';

export interface TerminalOptions {
  /** Colour the output; default: only when stdout is a TTY and NO_COLOR is unset. */
  color?: boolean;
}

const STYLES = { red: '\u001b[31m', yellow: '\u001b[33m', green: '\u001b[32m', dim: '\u001b[2m', bold: '\u001b[1m', reset: '\u001b[0m' };
type Style = keyof typeof STYLES;
/** How many subjects a folded line names before "and N more". */
const SHOWN_PER_GROUP = 3;

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
  const lines = sortDiagnostics(diagnostics.filter((d) => !isAggregated(d))).map((diagnostic) => formatLine(diagnostic, paint));
  appendAll(lines, groupAggregated(diagnostics).map((group) => formatGroupLine(group, paint)));
  lines.push(formatSummaryLine(diagnostics, summary, paint));
  return `${lines.join('\n')}\n`;
}

/**
 * The finding lines alone, for checks with their own summary line (the built-site check): soft
 * findings folded into one line per code, as in the gate's report.
 */
export function formatFindings(diagnostics: readonly Diagnostic[], options: TerminalOptions = {}): string[] {
  const color = options.color ?? shouldUseColor();
  const paint = (style: Style, text: string): string => (color ? `${STYLES[style]}${text}${STYLES.reset}` : text);
  const lines = sortDiagnostics(diagnostics.filter((d) => !isAggregated(d))).map((diagnostic) => formatLine(diagnostic, paint));
  return [...lines, ...groupAggregated(diagnostics).map((group) => formatGroupLine(group, paint))];
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
  return `${escapeControl(shown.replace(/\\/g, '/'))}:${line}:${column}`;
}

/**
 * One line for all findings of a soft code: how many, what they mean, where the first is, the
 * distinct fixes. The JSON report lists every one.
 */
function formatGroupLine(group: AggregatedGroup, paint: (style: Style, text: string) => string): string {
  const first = sortDiagnostics(group.items)[0]!;
  const error = group.items.some((d) => d.severity === 'error');
  const severity = error ? paint('red', 'error') : paint('yellow', 'warning');
  const fixes = [...new Set(group.items.flatMap((d) => (d.suggestion ? [asFix(oneLine(d.suggestion))] : [])))];
  const fix = fixes.length > 0 ? ` ${paint('dim', `fix: ${fixes.join('; ')}`)}` : '';
  const summary = DIAGNOSTIC_CODES[group.code].summary;
  // A few names make the gap concrete without flooding the terminal.
  const shown = sortDiagnostics(group.items).slice(0, SHOWN_PER_GROUP).map((d) => `\`${oneLine(d.subject)}\``);
  const more = group.items.length > shown.length ? ` and ${group.items.length - shown.length} more` : '';
  return `${severity} ${group.code}: ${group.items.length} ${group.label}: ${shown.join(', ')}${more} (${summary}; first at ${formatPosition(first.position)}; all listed in the JSON report).${fix}`;
}

function formatSummaryLine(diagnostics: readonly Diagnostic[], summary: GateSummary, paint: (style: Style, text: string) => string): string {
  const { errors, warnings, aggregated } = countDiagnostics(diagnostics);
  const commit = (value: string | undefined) => (value ? ` @ ${value.slice(0, 12)}` : '');
  const others = summary.repos
    .slice(1)
    .map((repo) => `; ${oneLine(repo.name)}: ${repo.found ? `${repo.source} ${escapeControl(repo.root)}${commit(repo.commit)}` : `not found at ${escapeControl(repo.root)}`}`)
    .join('');
  const api = summary.meshReferences === undefined ? '' : `, ${plural(summary.meshReferences, 'Mesh API reference')}`;
  const scope = `${plural(summary.commands, 'command')}${api} in ${plural(summary.pages, 'page')}, ${plural(summary.rails, 'rail')}; repo: ${repoKindLabel(summary.repo.kind)} ${escapeControl(summary.repo.root)}${commit(summary.repo.commit)}${others}`;
  const soft = Object.entries(aggregated)
    .map(([label, count]) => `, ${count} ${label}`)
    .join('');
  if (errors === 0 && warnings === 0) return `${paint(soft ? 'yellow' : 'green', 'docs-truth gate: ok')}${soft} (${scope})`;
  if (errors === 0) return `${paint('green', 'docs-truth gate: ok')}, ${paint('yellow', plural(warnings, 'warning'))}${soft} (${scope})`;
  const found = `${plural(errors, 'error')}, ${plural(warnings, 'warning')}`;
  return `${paint(errors > 0 ? 'red' : 'yellow', `docs-truth gate: ${found}`)}${soft} (${scope})`;
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
