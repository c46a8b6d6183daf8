/** What generated sections need besides the rails data: where things link, what was verified. */
import { MESH_REPO_URL } from '../core/repo-urls.ts';
import type { RailsModel } from '../rails/model.ts';

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
  /** The other repos of the workspace the build checked (or could not find). */
  otherRepos?: OtherRepoProvenance[];
  /** True for the sample bundled with this site: its commit is the site's, not a Mesh commit. */
  sample?: boolean;
  /** GitHub link to the checked commit (real checkouts only). */
  commitUrl?: string;
  /** The build date (UTC, YYYY-MM-DD). */
  builtAt?: string;
  /**
   * Where last results are read from (each repo's checkout root by repo id; a repo whose
   * checkout was not found is absent), or 'off' (PROOF_RESULTS=off).
   */
  results?: { roots: Record<string, string> } | 'off';
  /** Results folders of the rails, each in its rail's repo (what the docs loader watches for new runs). */
  resultFolders?: Array<{ repo: string; folder: string }>;
  /** Rails each rail's script runs, as the gate read them (rail id -> rail ids). */
  readRuns?: Record<string, string[]>;
  /** How to read last results with their origins (source, checkouts, commits, inputs, this build). */
  resultsInput?: import('../rails/live-results.ts').ResultsInput;
  /** Where CI workflows run each rail, as the gate read them (rail id -> runs). */
  ciRuns?: Record<string, import('../gate/workflows/wiring.ts').CiRun[]>;
}

export interface OtherRepoProvenance {
  /** Repo id from rails.yaml (`hyperpush-mono`). */
  id: string;
  /** How the page names the checkout: `bundled hyperpush-mono sample`, ... */
  label: string;
  /** False when its checkout was not found: its items were not checked. */
  found: boolean;
  commit?: string;
  /** Ref for its source links: the checked commit of a real checkout; unset for a sample. */
  sourceRef?: string;
}

export interface RenderContext {
  provenance?: Provenance;
  /** Graphviz, loaded by the plugin before rendering a page that draws a graph. */
  graphviz?: import('./graph/layout.ts').Graphviz;
}

/** Link to a repo file on GitHub: at the checked commit when known (provenance), else main. */
export function repoBlobUrl(repoPath: string, ref = 'main', repoUrl = MESH_REPO_URL): string {
  const kind = repoPath.endsWith('/') ? 'tree' : 'blob';
  const clean = repoPath.replace(/\/$/, '').split('/').map(encodeURIComponent).join('/');
  return `${repoUrl}/${kind}/${ref}/${clean}`;
}

/**
 * Link to a file of the repo an item belongs to (`repoId`: the Mesh repo, or another repo
 * rails.yaml declares), at `ref` when given, else that repo's branch.
 */
export function itemBlobUrl(model: RailsModel, repoId: string, repoPath: string, ref?: string): string {
  const other = model.repoById.get(repoId);
  if (!other) return repoBlobUrl(repoPath, ref);
  const branch = other.blobBase.slice(`${other.url}/blob/`.length).replace(/\/$/, '');
  return repoBlobUrl(repoPath, ref ?? branch, other.url);
}

/** The ref a rail's source links use: the checked commit of its repo when provenance knows it. */
export function sourceRefOf(repoId: string, context: RenderContext): string | undefined {
  const other = context.provenance?.otherRepos?.find((repo) => repo.id === repoId);
  return other ? other.sourceRef : context.provenance?.sourceRef;
}

/** Anchor id of a rail's row in a failure map. */
export const railAnchor = (railId: string): string => `rail-${railId}`;
