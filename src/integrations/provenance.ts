import { repoPageLabel } from '../gate/report/summary.ts';
import type { GateResult } from '../gate/run.ts';
import type { Provenance } from '../proof-map/context.ts';
import { commitUrl } from '../proof-map/map-json.ts';
import { resultsEnabled } from '../rails/results.ts';

/**
 * What generated sections show about the gate run: which repo (the bundled sample labelled as
 * such), which commit (linked for a real checkout), the build date, which rails passed, the
 * relations read from the scripts, and where last results come from (or that they are off).
 */
export function provenanceFromGate(
  result: GateResult | undefined,
  env: Readonly<Record<string, string | undefined>> = process.env,
  now = new Date(),
): Provenance | undefined {
  if (!result) return undefined;
  const { repo } = result;
  const link = commitUrl(repo.kind, repo.commit);
  return {
    repoLabel: repoPageLabel(repo.kind),
    ...(repo.commit ? { commit: repo.commit } : {}),
    // The sample's commit is this site's own and means nothing on GitHub: link to main.
    ...(repo.commit && repo.kind !== 'sample' ? { sourceRef: repo.commit } : {}),
    verifiedRails: result.verifiedRails,
    sample: repo.kind === 'sample',
    ...(link ? { commitUrl: link } : {}),
    builtAt: now.toISOString().slice(0, 10),
    results: resultsEnabled(env) ? { root: repo.root } : 'off',
    resultFolders: (result.model?.rails ?? []).flatMap((rail) => (rail.results ? [rail.results.replace(/\/+$/, '')] : [])),
    readRuns: Object.fromEntries([...(result.relations?.byRail ?? [])].map(([id, relations]) => [id, relations.read.map((r) => r.rail)])),
  };
}
