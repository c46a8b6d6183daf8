/**
 * GitHub Actions reporting: one workflow command per finding, so a pull request shows each
 * finding on its line, and a Markdown summary for the run's summary page. Data in, words out,
 * like the other reporters; untrusted text (page text, YAML values) is escaped for each target.
 */
import path from 'node:path';
import { groupAggregated, isAggregated } from '../../core/aggregate.ts';
import type { Diagnostic } from '../../core/types.ts';
import { escapeControl } from '../../core/escape.ts';
import { countDiagnostics, repoKindLabel, sortDiagnostics, type GateSummary } from '../../core/summary.ts';
import { asFix, asSentence } from '../../core/wording.ts';

export type Env = Readonly<Record<string, string | undefined>>;

export function isGithubActions(env: Env): boolean {
  return env['GITHUB_ACTIONS'] === 'true';
}

/**
 * What to put before a site-relative path so it is relative to the repository GitHub checked
 * out: the site's place in `GITHUB_WORKSPACE` when the site lies inside it, else `website/`
 * style: the site's place in the checked Mesh repo when that repo is the parent checkout.
 */
export function repoPathPrefix(siteRoot: string, summary: GateSummary, env: Env): string {
  const inside = (root: string): string | undefined => {
    const relative = path.relative(path.resolve(root), path.resolve(siteRoot));
    if (relative.startsWith('..') || path.isAbsolute(relative)) return undefined;
    return relative === '' ? '' : `${relative.split(path.sep).join('/')}/`;
  };
  const workspace = env['GITHUB_WORKSPACE'];
  const fromWorkspace = workspace ? inside(workspace) : undefined;
  if (fromWorkspace !== undefined) return fromWorkspace;
  return summary.repo.kind === 'parent' ? (inside(summary.repo.root) ?? '') : '';
}

/**
 * `::error file=…,line=…,col=…,title=<code>::<message>` per finding (`::warning` for warnings).
 * Soft findings (unverified items, scripts not on the map: dozens in a real checkout) are one
 * annotation per kind at the first one, as in the terminal; the JSON report lists each.
 */
export function formatAnnotations(diagnostics: readonly Diagnostic[], prefix: string): string[] {
  const annotation = (d: Diagnostic, severity: Diagnostic['severity'], text: string): string => {
    const properties = [
      `file=${escapeProperty(repoPlace(prefix, d.position.file))}`,
      `line=${d.position.line}`,
      `col=${d.position.column}`,
      `title=${escapeProperty(d.code)}`,
    ].join(',');
    return `::${severity} ${properties}::${escapeData(text)}`;
  };
  const single = sortDiagnostics(diagnostics.filter((d) => !isAggregated(d))).map((d) => annotation(d, d.severity, findingText(d)));
  const grouped = groupAggregated(diagnostics).map((group) => {
    const items = sortDiagnostics(group.items);
    const shown = items.slice(0, 3).map((d) => d.subject);
    const more = items.length > shown.length ? ` and ${items.length - shown.length} more` : '';
    const severity = items.some((d) => d.severity === 'error') ? 'error' : 'warning';
    return annotation(items[0]!, severity, `${items.length} ${group.label}: ${shown.join(', ')}${more} (every one is in the JSON report).`);
  });
  return [...single, ...grouped];
}

/** A site-relative place as a path in the repository (`website/../scripts/x.sh` is `scripts/x.sh`). */
function repoPlace(prefix: string, file: string): string {
  return path.posix.normalize(`${prefix}${file}`);
}

/** One annotation without a place, for a run that stopped before it could check anything. */
export function formatStopAnnotation(message: string): string {
  return `::error title=docs-truth-gate::${escapeData(message)}`;
}

/** The step summary: counts, the repo checked, and a table of findings. */
export function formatStepSummary(diagnostics: readonly Diagnostic[], summary: GateSummary, prefix: string): string {
  const { errors, warnings } = countDiagnostics(diagnostics);
  const verdict = errors === 0 && warnings === 0 ? 'ok' : `${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}`;
  const commit = summary.repo.commit ? ` at \`${summary.repo.commit.slice(0, 12)}\`` : '';
  const lines = [
    `## Docs-truth gate: ${verdict}`,
    '',
    `${summary.commands} commands in ${summary.pages} pages, ${summary.rails} rails; repo: ${repoKindLabel(summary.repo.kind)} ${escapeMarkdown(summary.repo.root)}${commit}.`,
  ];
  if (diagnostics.length > 0) {
    lines.push('', '| Where | Code | Finding | Fix |', '| --- | --- | --- | --- |');
    for (const d of sortDiagnostics(diagnostics)) {
      const where = `${repoPlace(prefix, d.position.file)}:${d.position.line}:${d.position.column}`;
      const fix = d.suggestion ? asFix(d.suggestion) : '';
      lines.push(`| ${escapeMarkdown(where)} | ${d.severity} ${escapeMarkdown(d.code)} | ${escapeMarkdown(asSentence(d.message))} | ${escapeMarkdown(fix)} |`);
    }
  }
  return `${lines.join('\n')}\n`;
}

export function formatStopSummary(message: string): string {
  return `## Docs-truth gate: stopped\n\n${escapeMarkdown(message)}\n`;
}

function findingText(d: Diagnostic): string {
  const fix = d.suggestion ? ` Fix: ${asFix(d.suggestion)}.` : '';
  return `${asSentence(`${d.message}`)}${fix} (${d.subject})`;
}

/** Workflow command data: `%`, CR and LF are encoded; other control characters made visible. */
export function escapeData(text: string): string {
  return escapeControl(text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A'));
}

/** Workflow command properties: as data, plus `:` and `,`, which end a property. */
export function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

/**
 * Text shown in a Markdown table cell: HTML special characters become entities (no tag or
 * entity from a page can render), Markdown punctuation is backslash-escaped, and line breaks
 * and control characters cannot break the table.
 */
export function escapeMarkdown(text: string): string {
  return escapeControl(text.replace(/\r?\n/g, ' '))
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/[\\`*_{}[\]()#+\-.!|~]/g, (char) => `\\${char}`);
}
