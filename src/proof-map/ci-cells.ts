/**
 * A rail's CI wiring and its result's origin, in words, for its failure-map row and graph node:
 * which workflow and job run it (through which rail or caller), on what, and where the last
 * result came from (a CI run, linked; a local run, maybe stale; this build). Text read from the
 * repos and results lands only in text, code and link nodes, so the HTML serializer escapes it.
 */
import type { PhrasingContent } from 'mdast';
import { triggerWords, type CiRun } from '../core/ci-run.ts';
import type { ResultOrigin } from '../rails/result-origin.ts';
import { code, joinPhrasing, link, text } from './mdast.ts';

/** "release.yml › starter-failover-proof (via m053-s02): tags v*". */
export function ciRunWords(run: CiRun): string {
  const file = run.workflow.split('/').pop()!;
  const callers = run.calledBy.map((caller) => `${caller.workflow.split('/').pop()} › ${caller.job} › `).join('');
  const how = [run.via ? `inside ${run.via}` : '', run.through ? `through ${run.through}` : '', run.matrix.length > 0 ? `matrix ${run.matrix.join(', ')}` : '', run.workingDirectory ? `in ${run.workingDirectory}/` : '']
    .filter(Boolean)
    .join(', ');
  const when = run.triggers.length > 0 ? run.triggers.map(triggerWords).join('; ') : 'no trigger reaches it';
  return `${callers}${file} › ${run.job}${how ? ` (${how})` : ''}: ${when}`;
}

/** The row's CI line: every workflow that runs the rail, or that none does. */
export function ciDetails(runs: readonly CiRun[], declaredReason: string | undefined): PhrasingContent[] {
  if (runs.length === 0) return [{ type: 'break' }, text(`CI: no workflow runs it${declaredReason ? ` (${declaredReason})` : ''}`)];
  return [{ type: 'break' }, text('CI: '), ...joinPhrasing(runs.map((run) => [text(ciRunWords(run))]), ' · ')];
}

/** Short words for a graph node's CI mark. */
export function ciMark(runs: readonly CiRun[]): string | undefined {
  if (runs.length === 0) return undefined;
  return `CI: ${[...new Set(runs.flatMap((run) => run.triggers.map((t) => t.event)))].join(', ') || 'called'}`;
}

/** The result's origin under its phases. */
export function originDetails(origin: ResultOrigin | undefined): PhrasingContent[] {
  if (!origin) return [];
  const line = (...parts: PhrasingContent[]): PhrasingContent[] => [{ type: 'break' }, ...parts];
  switch (origin.kind) {
    case 'ci': {
      const run = origin.runUrl ? link(origin.runUrl, text(`run ${origin.runId}`)) : text(`run ${origin.runId}`);
      const attempt = origin.runAttempt && origin.runAttempt !== '1' ? text(` (attempt ${origin.runAttempt})`) : text('');
      return line(text(`ran in CI: ${origin.workflow}, `), run, attempt, text(', ref '), code(origin.ref), text(', commit '), code(origin.sha.slice(0, 12)), text(` (${relationWords(origin.commit)})`));
    }
    case 'local':
      return line(
        text(`ran locally ${origin.ranAt.slice(0, 16).replace('T', ' ')} UTC`),
        ...(origin.staleBecause
          ? [text(': stale, '), code(origin.staleBecause.file), text(` changed since (commit ${origin.staleBecause.commit.slice(0, 12)}, ${origin.staleBecause.committedAt.slice(0, 10)})`)]
          : [text(', no input changed since')]),
      );
    case 'this-build':
      return line(text(`this build: ok at ${origin.commit ? `commit ${origin.commit.slice(0, 12)}` : 'this checkout'}, built ${origin.ranAt.slice(0, 10)}`));
    case 'metadata-unreadable':
      return line(text(`origin unknown: ${origin.reason}`));
  }
}

export function relationWords(commit: Extract<ResultOrigin, { kind: 'ci' }>['commit']): string {
  switch (commit.relation) {
    case 'this':
      return 'the checked commit';
    case 'behind':
      return `${commit.behind} commit${commit.behind === 1 ? '' : 's'} behind the checked one`;
    case 'not-ancestor':
      return 'not an ancestor of the checked commit';
    case 'unknown':
      return 'not in this checkout, so its relation to the checked commit is unknown';
  }
}
