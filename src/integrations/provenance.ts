import { repoPageLabel } from '../gate/report/summary.ts';
import type { GateResult } from '../gate/run.ts';
import type { Provenance } from '../proof-map/context.ts';

/** What the failure maps show about the gate run: which repo, which commit, which rails passed. */
export function provenanceFromGate(result: GateResult | undefined): Provenance | undefined {
  if (!result) return undefined;
  const { repo } = result;
  return {
    repoLabel: repoPageLabel(repo.kind),
    ...(repo.commit ? { commit: repo.commit } : {}),
    // The sample's commit is this site's own and means nothing on GitHub: link to main.
    ...(repo.commit && repo.kind !== 'sample' ? { sourceRef: repo.commit } : {}),
    verifiedRails: result.verifiedRails,
  };
}
