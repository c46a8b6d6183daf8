/** What generated sections need besides the rails data: where things link, what was verified. */
import { MESH_REPO_URL } from '../gate/resolvers/paths.ts';

/** The page that owns the canonical failure map; `:rail{}` links to its rows. */
export const CANONICAL_PAGE_ID = 'distributed-proof';

/** The result of the docs-truth gate, shown beside each rail. */
export interface Provenance {
  /** Which repo the build checked: `bundled sample repo`, `MESH_REPO_ROOT`, `parent checkout`. */
  repoLabel: string;
  /** Git commit of the checked repo, when it is a git checkout. */
  commit?: string;
  /**
   * Git ref for source links: the checked commit for a real Mesh checkout. Unset for the
   * bundled sample, whose commit is this site's and means nothing on GitHub (links use main).
   */
  sourceRef?: string;
  /** Ids of rails whose every command resolved. */
  verifiedRails: string[];
  /** True for the sample bundled with this site: its commit is the site's, not a Mesh commit. */
  sample?: boolean;
  /** GitHub link to the checked commit (real checkouts only). */
  commitUrl?: string;
  /** The build date (UTC, YYYY-MM-DD). */
  builtAt?: string;
  /** Where last results are read from (the repo root), or 'off' (PROOF_RESULTS=off). */
  results?: { root: string } | 'off';
  /** Repo-relative results folders of the rails (what the docs loader watches for new runs). */
  resultFolders?: string[];
  /** Rails each rail's script runs, as the gate read them (rail id -> rail ids). */
  readRuns?: Record<string, string[]>;
}

export interface RenderContext {
  provenance?: Provenance;
  /** Graphviz, loaded by the plugin before rendering a page that draws a graph. */
  graphviz?: import('@hpcc-js/wasm-graphviz').Graphviz;
}

/** Link to a repo file on GitHub: at the checked commit when known (provenance), else main. */
export function repoBlobUrl(repoPath: string, ref = 'main'): string {
  const kind = repoPath.endsWith('/') ? 'tree' : 'blob';
  const clean = repoPath.replace(/\/$/, '').split('/').map(encodeURIComponent).join('/');
  return `${MESH_REPO_URL}/${kind}/${ref}/${clean}`;
}

/** Anchor id of a rail's row in a failure map. */
export const railAnchor = (railId: string): string => `rail-${railId}`;
