/**
 * Sends a run's result to GitHub Actions when it runs there: annotations on stdout (they must
 * start a line, so they bypass any logger prefix) and the Markdown step summary, appended to
 * the file `GITHUB_STEP_SUMMARY` names. Outside Actions, nothing happens.
 */
import { appendFileSync } from 'node:fs';
import type { Diagnostic } from '../../core/types.ts';
import { formatAnnotations, formatStepSummary, formatStopAnnotation, formatStopSummary, isGithubActions, repoPathPrefix, type Env } from './github.ts';
import type { GateSummary } from '../../core/summary.ts';

export interface CiTarget {
  env: Env;
  siteRoot: string;
  /** Writes one raw line to stdout. */
  annotate: (line: string) => void;
  /** Says a problem in one line (a summary file that cannot be written). */
  say: (line: string) => void;
}

export function reportToCi(target: CiTarget, outcome: { diagnostics: readonly Diagnostic[]; summary: GateSummary } | { stopped: string }): void {
  if ('stopped' in outcome) {
    if (isGithubActions(target.env)) target.annotate(formatStopAnnotation(outcome.stopped));
    writeSummary(target, formatStopSummary(outcome.stopped));
    return;
  }
  const prefix = repoPathPrefix(target.siteRoot, outcome.summary, target.env);
  if (isGithubActions(target.env)) for (const line of formatAnnotations(outcome.diagnostics, prefix)) target.annotate(line);
  writeSummary(target, formatStepSummary(outcome.diagnostics, outcome.summary, prefix));
}

function writeSummary(target: CiTarget, markdown: string): void {
  const file = target.env['GITHUB_STEP_SUMMARY'];
  if (!file) return;
  try {
    appendFileSync(file, markdown);
  } catch (error) {
    target.say(`docs gate: the step summary ${file} cannot be written (${(error as NodeJS.ErrnoException).code ?? String(error)}); the findings above are complete`);
  }
}
