import { repoPageLabel } from '../core/summary.ts';
import type { GateResult } from '../gate/report/gate-result.ts';
import type { WorkspaceRepo } from '../gate/workspace/workspace.ts';
import type { OtherRepoProvenance, Provenance } from '../proof-map/context.ts';
import { commitUrl } from '../gate/report/proof-map-json.ts';
import { resultsInputOf } from '../gate/live-results-input.ts';
import type { ResultsSource } from '../core/results-source.ts';

/**
 * What generated sections show about the gate run: which repo (the bundled sample labelled as
 * such), which commit (linked for a real checkout), the build date, which rails passed, the
 * relations read from the scripts, and where last results come from (or that they are off).
 */
export function provenanceFromGate(
  result: GateResult | undefined,
  source: ResultsSource,
  now = new Date(),
  options: { thisBuild?: boolean } = {},
): Provenance | undefined {
  if (!result) return undefined;
  // Pages show this build's own result by its day, as they show the build date: with the
  // minute in them, every build would change what every page renders, and Astro would render
  // them all again each time (proof-map.json keeps the exact time).
  const resultsInput = resultsInputOf(result, source, { ...options, now: new Date(`${now.toISOString().slice(0, 10)}T00:00:00Z`) });
  const { repo } = result;
  const link = commitUrl(repo.kind, repo.commit);
  return {
    repoLabel: repoPageLabel(repo.kind),
    ...(repo.commit ? { commit: repo.commit } : {}),
    // The sample's commit is this site's own and means nothing on GitHub: link to main.
    ...(repo.commit && repo.kind !== 'sample' ? { sourceRef: repo.commit } : {}),
    verifiedRails: result.verifiedRails,
    otherRepos: result.workspace.repos.filter((other) => !other.main).map(otherRepoProvenance),
    sample: repo.kind === 'sample',
    ...(link ? { commitUrl: link } : {}),
    builtAt: now.toISOString().slice(0, 10),
    results: resultsInput?.source.kind === 'off' ? 'off' : { roots: resultRoots(result) },
    ...(resultsInput && resultsInput.source.kind !== 'off' ? { resultsInput } : {}),
    ciRuns: Object.fromEntries([...(result.ci?.byRail ?? [])].map(([id, runs]) => [id, runs])),
    resultFolders: (result.model?.rails ?? []).flatMap((rail) => (rail.results ? [{ repo: rail.repo, folder: rail.results.replace(/\/+$/, '') }] : [])),
    readRuns: Object.fromEntries([...(result.relations?.byRail ?? [])].map(([id, relations]) => [id, relations.read.map((r) => r.rail)])),
  };
}

/** How a page names another repo's checkout, and the commit its source links use. */
function otherRepoProvenance(other: WorkspaceRepo): OtherRepoProvenance {
  const view = other.view;
  if (!view) return { id: other.id, label: `${other.name} checkout`, found: false };
  const label =
    view.kind === 'sample' ? `bundled ${other.name} sample` : view.kind === 'env' ? `${other.name} checkout at ${other.source}` : `${other.name} checkout beside the Mesh repo`;
  return {
    id: other.id,
    label,
    found: true,
    ...(view.commit ? { commit: view.commit } : {}),
    ...(view.commit && view.kind !== 'sample' ? { sourceRef: view.commit } : {}),
  };
}

/** Each found checkout's root by repo id: a rail's results live in its own repo. */
function resultRoots(result: GateResult): Record<string, string> {
  return Object.fromEntries(result.workspace.repos.flatMap((repo) => (repo.view ? [[repo.id, repo.view.root]] : [])));
}
