/**
 * The two-repo workspace: the Mesh repo the gate checks, plus every other repo rails.yaml
 * declares (`repos:`), each with its checkout when one is found. A repo is found through its
 * env var, else the sibling folder its declaration names (relative to the Mesh repo root).
 */
import path from 'node:path';
import { MAIN_REPO_ID, type RepoDeclaration } from '../../rails/model.ts';
import { isFolder, RepoLocateError } from '../../repo/locate-mesh-repo.ts';
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

export function openWorkspace(
  main: RepoView,
  declarations: readonly RepoDeclaration[],
  env: Readonly<Record<string, string | undefined>>,
): Workspace {
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
  const others = declarations.map((declaration) => openOther(declaration, main, env));
  const repos = [mainRepo, ...others];
  const byId = new Map(repos.map((repo) => [repo.id, repo]));
  return { main: mainRepo, repos, byId: (id) => byId.get(id) ?? mainRepo };
}

/** Where a declared repo's checkout would be: its env var when set, else its sibling folder. */
export function checkoutRoot(declaration: RepoDeclaration, mainRoot: string, env: Readonly<Record<string, string | undefined>>): string {
  const fromEnv = env[declaration.checkout.env];
  return fromEnv !== undefined && fromEnv.trim() !== '' ? path.resolve(fromEnv) : path.resolve(mainRoot, declaration.checkout.sibling);
}

function openOther(declaration: RepoDeclaration, main: RepoView, env: Readonly<Record<string, string | undefined>>): WorkspaceRepo {
  const base = {
    id: declaration.id,
    name: declaration.name,
    slug: declaration.url.replace(/^https:\/\/github\.com\//, ''),
    blobBase: declaration.blobBase,
    main: false,
    rootVars: declaration.rootVars,
  };
  const { env: envName, sibling } = declaration.checkout;
  const fromEnv = env[envName];
  const root = checkoutRoot(declaration, main.root, env);
  if (fromEnv !== undefined && fromEnv.trim() !== '') {
    if (!isFolder(root)) {
      throw new RepoLocateError(`${envName} points to ${root}, which is not a folder. Point it at a ${declaration.name} checkout, or unset it.`);
    }
    return { ...base, root, source: envName, view: openRepo(root, 'env') };
  }
  if (isFolder(root) && root !== path.resolve(main.root)) {
    // Beside the bundled Mesh sample sits the bundled sample of this repo.
    const kind = main.kind === 'sample' ? 'sample' : 'sibling';
    return { ...base, root, source: kind === 'sample' ? repoKindLabel('sample') : `sibling folder ${sibling}`, view: openRepo(root, kind) };
  }
  return {
    ...base,
    root,
    source: 'not found',
    howToProvide: `set ${envName} to a ${declaration.name} checkout, or check it out at ${root}`,
  };
}
