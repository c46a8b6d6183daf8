/**
 * What reading last results needs from a gate run (shared by `npm run check`'s proof map and the
 * pages a build renders): where results come from (the config's `results`), each repo's checkout, commit
 * and GitHub address, each rail's inputs (for "stale"), and during a build, the build's own rail.
 */
import { MAIN_REPO_ID } from '../rails/model.ts';
import { buildRailId, type ResultsInput } from '../rails/live-results.ts';
import type { ResultsSource } from '../core/results-source.ts';
import { railRuns } from '../rails/result-words.ts';
import { railInputs } from './relations/rail-inputs.ts';
import { MESH_REPO_URL } from '../core/repo-urls.ts';
import type { GateResult } from './report/gate-result.ts';

export function resultsInputOf(
  result: GateResult,
  source: ResultsSource,
  options: { thisBuild?: boolean; now?: Date } = {},
): ResultsInput | undefined {
  const model = result.model;
  if (!model) return undefined;
  const views = (id: string) => result.workspace.byId(id).view;
  const runsOf = (id: string) => railRuns(model.railById.get(id)?.runs ?? [], result.relations?.byRail.get(id)?.read.map((r) => r.rail) ?? []);
  const found = result.workspace.repos.filter((repo) => repo.view !== undefined);
  const buildRail = options.thisBuild ? buildRailId(model.rails) : undefined;
  return {
    source,
    repoRoots: Object.fromEntries(found.map((repo) => [repo.id, repo.view!.root])),
    commits: Object.fromEntries(found.map((repo) => [repo.id, repo.view!.commit])),
    repoUrls: Object.fromEntries([[MAIN_REPO_ID, MESH_REPO_URL], ...model.repos.map((repo) => [repo.id, repo.url])]),
    inputs: railInputs(model, views, runsOf),
    ...(buildRail ? { thisBuild: { railId: buildRail, ...(result.repo.commit ? { commit: result.repo.commit } : {}), at: (options.now ?? new Date()).toISOString() } } : {}),
  };
}
