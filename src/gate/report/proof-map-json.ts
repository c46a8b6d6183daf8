/**
 * `proof-map.json`: every rail with its commands (and whether each was verified), tier, pages,
 * relations (declared and read from the scripts), and last result; plus the repo and commit.
 */
import { repoPageLabel } from '../../core/summary.ts';
import type { GateResult } from './gate-result.ts';
import { MESH_REPO_URL } from '../../core/repo-urls.ts';
import { railRuns } from '../../rails/result-words.ts';
import type { ResultOrigin } from '../../rails/result-origin.ts';
import type { RailResult } from '../../rails/results.ts';
import { currentFailedUpstream } from '../../rails/rerun-order.ts';
import { ciJson, originJson } from '../../proof-map/ci-json.ts';
import type { ProofMap } from '../../proof-map/map-schema.ts';
import { railSteps } from '../../rails/model.ts';
import { commandsMark, runMark } from '../../proof-map/marks.ts';

export interface ProofMapInput {
  gate: GateResult;
  /** Results by rail id, or 'off' when PROOF_RESULTS=off. */
  results: ReadonlyMap<string, RailResult> | 'off';
  /** Where each result came from (CI run, local run, this build). */
  origins?: ReadonlyMap<string, ResultOrigin>;
  /** Where results were read: each checkout, or a results folder (PROOF_RESULTS=<folder>). */
  resultsFrom?: 'checkout' | 'folder';
  builtAt: Date;
}

export function buildProofMap({ gate, results, origins, resultsFrom = 'checkout', builtAt }: ProofMapInput): ProofMap | undefined {
  const { model, repo, relations } = gate;
  if (!model) return undefined;
  const runsOf = (id: string) => railRuns(model.railById.get(id)?.runs ?? [], relations?.byRail.get(id)?.read.map((r) => r.rail) ?? []);
  return {
    version: 1,
    repo: {
      label: repoPageLabel(repo.kind),
      kind: repo.kind,
      sample: repo.kind === 'sample',
      commit: repo.commit ?? null,
      commitUrl: commitUrl(repo.kind, repo.commit) ?? null,
    },
    repos: gate.workspace.repos.map((other) => ({ id: other.id, found: other.view !== undefined, root: other.root, commit: other.view?.commit ?? null })),
    builtAt: builtAt.toISOString(),
    results: results === 'off' ? 'off' : 'on',
    resultsFrom: results === 'off' ? 'off' : resultsFrom,
    rails: model.rails.map((rail) => {
      const steps = railSteps(rail);
      const related = relations?.byRail.get(rail.id);
      const result = results === 'off' ? undefined : results.get(rail.id);
      return {
        id: rail.id,
        repo: rail.repo,
        tier: rail.tier,
        label: rail.label,
        pages: [...rail.failureMaps],
        script: rail.script ?? null,
        verified: gate.verifiedRails.includes(rail.id),
        commandsMark: commandsMark(gate.verifiedRails.includes(rail.id)),
        commands: steps.map((step) => {
          const findings = gate.diagnostics.filter(
            (d) => d.severity === 'error' && d.position.file === model.file && d.position.line === step.position.line,
          );
          return { run: step.run, verified: findings.length === 0, findings: [...new Set(findings.map((d) => d.code))] };
        }),
        relations: {
          declared: [...rail.runs],
          unread: Object.entries(rail.unreadRuns).map(([id, reason]) => ({ rail: id, reason })),
          read: (related?.read ?? []).map((r) => ({ rail: r.rail, at: { ...r.at } })),
          runBy: [...(related?.runBy ?? [])],
        },
        lastResult: {
          state: result?.state ?? 'off',
          mark: runMark(result?.state ?? 'off', result?.phase),
          folder: rail.results ?? null,
          phase: result?.phase ?? null,
          phases: result?.phases.map((p) => ({ ...p })) ?? [],
          ranAt: result?.ranAt ?? null,
          bundle: result?.bundle ?? null,
          reason: result?.reason ?? null,
          keeps: result?.keeps ?? null,
          failedUpstream: results === 'off' ? [] : currentFailedUpstream(rail.id, runsOf, results, origins),
          origin: originJson(origins?.get(rail.id)),
        },
        ci: ciJson(rail, gate.ci?.byRail.get(rail.id) ?? []),
      };
    }),
    notOnMap: (relations?.notOnMap ?? []).map((entry) => entry.script),
  };
}

/** GitHub link to the checked commit; none for the bundled sample (its commit is this site's). */
export function commitUrl(kind: GateResult['repo']['kind'], commit: string | undefined): string | undefined {
  return commit && kind !== 'sample' ? `${MESH_REPO_URL}/commit/${commit}` : undefined;
}
