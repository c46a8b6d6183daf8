/**
 * The two-repo workspace: the Mesh repo the gate checks, plus every other repo rails.yaml
 * declares (`repos:`), each with its checkout when one is found. A repo is found through its
 * env var, else the sibling folder its declaration names (relative to the Mesh repo root).
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { MAIN_REPO_ID, type RepoDeclaration } from '../../rails/model.ts';
import { rootFromEnv } from '../../repo/locate-mesh-repo.ts';
import { markerLacks, validateRepoRoot } from '../../repo/root-check.ts';
import { openRepo } from '../../repo/repo-view.ts';
import { repoKindLabel } from '../../core/summary.ts';
import { MESH_REPO_SLUG, MESH_REPO_URL } from '../../core/repo-urls.ts';
import type { RepoView } from '../../core/types.ts';

export interface WorkspaceRepo {
  /** `mesh-lang` for the Mesh repo, else the id rails.yaml declares. */
  id: string;
  name: string;
  /** `owner/name` on GitHub. */
  slug: string;
  /** `https://github.com/<slug>/blob/<branch>/`: a repo path appended to it is a blob link. */
  blobBase: string;
  main: boolean;
  /** Absolute root of the checkout, or the sibling folder the gate looked at when none was found. */
  root: string;
  /** How the checkout was found (`bundled sample`, `M055_HYPERPUSH_ROOT`, `sibling folder ...`). */
  source: string;
  /** The checkout; undefined when it was not found, so its items are unverified. */
  view?: RepoView;
  /** How to provide the checkout, when it was not found. */
  howToProvide?: string;
  /** Shell variables the Mesh repo's scripts hold this repo's root in. */
  rootVars: readonly string[];
}

export interface Workspace {
  main: WorkspaceRepo & { view: RepoView };
  /** The Mesh repo first, then the other repos in YAML order. */
  repos: readonly WorkspaceRepo[];
  /** The repo with this id; the Mesh repo for an id the YAML never declared. */
  byId(id: string): WorkspaceRepo;
}

/** The workspace, from the Mesh repo and each declared repo's located checkout (same order). */
export function openWorkspace(main: RepoView, declarations: readonly RepoDeclaration[], checkouts: readonly LocatedCheckout[]): Workspace {
  const mainRepo: WorkspaceRepo & { view: RepoView } = {
    id: MAIN_REPO_ID,
    name: MAIN_REPO_ID,
    slug: MESH_REPO_SLUG,
    blobBase: `${MESH_REPO_URL}/blob/main/`,
    main: true,
    root: main.root,
    source: repoKindLabel(main.kind),
    view: main,
    rootVars: [],
  };
  const others = declarations.map((declaration, index) => openOther(declaration, checkouts[index]!));
  const repos = [mainRepo, ...others];
  const byId = new Map(repos.map((repo) => [repo.id, repo]));
  return { main: mainRepo, repos, byId: (id) => byId.get(id) ?? mainRepo };
}

/** Where a declared repo's checkout is: found (validated), or missing at the folder looked at. */
export type LocatedCheckout =
  | { found: true; root: string; source: string; kind: RepoView['kind'] }
  | { found: false; root: string };

/**
 * A declared repo's checkout: its env var when set, else its sibling folder (relative to the
 * Mesh repo root). Both go through the one root validation (root-check.ts) before git or a
 * walk reads them; a sibling folder that does not exist is not an error (its items are
 * unverified), anything else wrong is a `RepoLocateError`.
 */
export function locateCheckout(
  declaration: RepoDeclaration,
  main: { root: string; kind: RepoView['kind'] },
  env: Readonly<Record<string, string | undefined>>,
  siteRoot: string,
): LocatedCheckout {
  const { env: envName, sibling, marker } = declaration.checkout;
  const rules = {
    siteRoot,
    siteParentAllowed: false,
    repoName: declaration.name,
    lacks: markerLacks(marker),
    fix: `Point ${envName} at a ${declaration.name} checkout, or unset it.`,
  };
  const fromEnv = rootFromEnv(env, envName, `Set it to a ${declaration.name} checkout, or unset it to use the sibling folder ${sibling}.`);
  if (fromEnv !== undefined) {
    return { found: true, root: validateRepoRoot(fromEnv, { kind: 'env', name: envName }, rules), source: envName, kind: 'env' };
  }
  const root = path.resolve(main.root, sibling);
  if (!existsSync(root) && belowOrBesideSite(root, siteRoot)) return { found: false, root };
  const where = `${declaration.position.file}:${declaration.position.line}`;
  const checked = validateRepoRoot(root, { kind: 'sibling', repoName: declaration.name, sibling }, {
    ...rules,
    fix: `Change \`sibling\` of ${declaration.id} at ${where} to the folder of its checkout beside the Mesh repo, or set ${envName}.`,
  });
  if (checked === path.resolve(main.root)) return { found: false, root };
  // Beside the bundled Mesh sample sits the bundled sample of this repo.
  if (main.kind === 'sample') return { found: true, root: checked, source: repoKindLabel('sample'), kind: 'sample' };
  return { found: true, root: checked, source: `sibling folder ${sibling}`, kind: 'sibling' };
}

/** A missing sibling is only "not found" when it is a plain folder path (not `/`, not above the site). */
function belowOrBesideSite(root: string, siteRoot: string): boolean {
  if (path.parse(root).root === root) return false;
  const above = path.relative(root, path.resolve(siteRoot));
  return above === '' || above.startsWith('..') || path.isAbsolute(above);
}

function openOther(declaration: RepoDeclaration, checkout: LocatedCheckout): WorkspaceRepo {
  const base = {
    id: declaration.id,
    name: declaration.name,
    slug: declaration.url.replace(/^https:\/\/github\.com\//, ''),
    blobBase: declaration.blobBase,
    main: false,
    rootVars: declaration.rootVars,
  };
  if (checkout.found) return { ...base, root: checkout.root, source: checkout.source, view: openRepo(checkout.root, checkout.kind) };
  return {
    ...base,
    root: checkout.root,
    source: 'not found',
    howToProvide: `set ${declaration.checkout.env} to a ${declaration.name} checkout, or check it out at ${checkout.root}`,
  };
}
