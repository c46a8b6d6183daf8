import { repoPageLabel } from '../gate/report/summary.ts';
import type { GateResult } from '../gate/run.ts';
import type { WorkspaceRepo } from '../gate/workspace/workspace.ts';
import type { OtherRepoProvenance, Provenance } from '../proof-map/context.ts';

/** What the failure maps show about the gate run: which repos, which commits, which rails passed. */
export function provenanceFromGate(result: GateResult | undefined): Provenance | undefined {
  if (!result) return undefined;
  const { repo } = result;
  return {
    repoLabel: repoPageLabel(repo.kind),
    ...(repo.commit ? { commit: repo.commit } : {}),
    // The sample's commit is this site's own and means nothing on GitHub: link to main.
    ...(repo.commit && repo.kind !== 'sample' ? { sourceRef: repo.commit } : {}),
    verifiedRails: result.verifiedRails,
    otherRepos: result.workspace.repos.filter((other) => !other.main).map(otherRepoProvenance),
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
