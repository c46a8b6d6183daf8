/** The CI wiring and result origin of one rail, as `proof-map.json` holds them (nulls, not absent keys). */
import type { CiRun } from '../core/ci-run.ts';
import type { Rail } from '../rails/model.ts';
import type { ResultOrigin } from '../rails/result-origin.ts';
import type { ProofMap } from './map-schema.ts';

type MapRail = ProofMap['rails'][number];

export function ciJson(rail: Rail, runs: readonly CiRun[]): MapRail['ci'] {
  return {
    runs: runs.map((run) => ({
      repo: run.repo,
      workflow: run.workflow,
      workflowName: run.workflowName,
      job: run.job,
      step: run.step ?? null,
      at: { ...run.at },
      calledBy: run.calledBy.map((caller) => ({ workflow: caller.workflow, job: caller.job, if: caller.if ?? null, at: { ...caller.at } })),
      triggers: run.triggers.map((trigger) => ({ ...trigger })),
      conditions: [...run.conditions],
      via: run.via ?? null,
      through: run.through ?? null,
      workingDirectory: run.workingDirectory ?? null,
      shell: run.shell ?? null,
      matrix: [...run.matrix],
    })),
    expected: rail.ci ? { hosted: rail.ci.hosted, on: rail.ci.on ? [...rail.ci.on] : null, reason: rail.ci.reason ?? null } : null,
  };
}

export function originJson(origin: ResultOrigin | undefined): MapRail['lastResult']['origin'] {
  if (!origin) return null;
  switch (origin.kind) {
    case 'ci':
      return {
        kind: 'ci',
        workflow: origin.workflow,
        runId: origin.runId,
        runAttempt: origin.runAttempt ?? null,
        runUrl: origin.runUrl ?? null,
        ref: origin.ref,
        sha: origin.sha,
        runner: origin.runner ?? null,
        ranAt: origin.ranAt ?? null,
        commit: { relation: origin.commit.relation, behind: origin.commit.behind ?? null },
      };
    case 'local':
      return { kind: 'local', ranAt: origin.ranAt, staleBecause: origin.staleBecause ? { ...origin.staleBecause } : null };
    case 'this-build':
      return { kind: 'this-build', commit: origin.commit ?? null, ranAt: origin.ranAt };
    case 'metadata-unreadable':
      return { kind: 'metadata-unreadable', reason: origin.reason };
  }
}
