/**
 * The CI and provenance lines of `npm run check -- --rail ID`: where the last result came from,
 * and which workflows run the rail. Every value read from the repos or a results folder is
 * escaped for the terminal by the caller's printer (escapeControl), and is validated when read.
 */
import { triggerWords } from '../../core/ci-run.ts';
import type { ProofMap } from '../../proof-map/map-schema.ts';

type MapRail = ProofMap['rails'][number];

export function originLine(origin: MapRail['lastResult']['origin']): string | undefined {
  if (!origin) return undefined;
  switch (origin.kind) {
    case 'ci': {
      const relation =
        origin.commit.relation === 'this'
          ? 'the checked commit'
          : origin.commit.relation === 'behind'
            ? `${origin.commit.behind} commits behind the checked one`
            : origin.commit.relation === 'not-ancestor'
              ? 'not an ancestor of the checked commit'
              : 'relation to the checked commit unknown';
      return `ran in CI: ${origin.workflow}, run ${origin.runId}${origin.runUrl ? ` (${origin.runUrl})` : ''}, ref ${origin.ref}, commit ${origin.sha.slice(0, 12)} (${relation})`;
    }
    case 'local':
      return `ran locally ${origin.ranAt}${origin.staleBecause ? `: stale, ${origin.staleBecause.file} changed since (commit ${origin.staleBecause.commit.slice(0, 12)})` : ''}`;
    case 'this-build':
      return `this build, ${origin.ranAt}`;
    case 'metadata-unreadable':
      return `origin unknown: ${origin.reason}`;
  }
}

export function ciLines(rail: MapRail): string[] {
  const runs = rail.ci.runs;
  if (runs.length === 0) return [`  CI: no workflow runs it${rail.ci.expected?.reason ? ` (${rail.ci.expected.reason})` : ''}`];
  return runs.map((run) => {
    const callers = run.calledBy.map((caller) => `${caller.workflow}#${caller.job}${caller.if ? ` [if: ${caller.if}]` : ''} -> `).join('');
    const how = [run.via ? `inside ${run.via}` : '', run.through ? `through ${run.through}` : '', run.matrix.length ? `matrix ${run.matrix.join(',')}` : '', run.workingDirectory ? `in ${run.workingDirectory}` : '', run.shell ? `shell ${run.shell}` : '']
      .filter(Boolean)
      .join(', ');
    const when = run.triggers.map(triggerWords).join('; ') || 'no trigger reaches it';
    return `  CI: ${callers}${run.workflow}#${run.job} at ${run.at.file}:${run.at.line}${how ? ` (${how})` : ''}: ${when}`;
  });
}
