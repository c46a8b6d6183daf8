/**
 * Variables the rail scripts use for a repo root, and which repo each one means. `self` is the
 * repo the gate checks; `product` is the sibling product repo of the two-repo workspace (read
 * by another branch later: for now a path under it is known to be elsewhere, not followed).
 */
export type RepoRole = 'self' | 'product';

export const ROOT_VARIABLES: Readonly<Record<string, RepoRole>> = {
  ROOT_DIR: 'self',
  REPO_ROOT: 'self',
  REPO_DIR: 'self',
  PROJECT_ROOT: 'self',
  MESH_ROOT: 'self',
  HYPERPUSH_ROOT: 'product',
  M055_HYPERPUSH_ROOT: 'product',
};

/** How an expanded path names its repo root: `<self>/scripts/x.sh`, `<product>/mesher/...`. */
export const rootMarker = (role: RepoRole): string => `<${role}>`;

/** Splits `<role>/rest` into its repo and repo-relative rest; a bare relative path is `self`. */
export function splitRoot(expanded: string): { role: RepoRole; path: string } {
  const match = /^<(self|product)>(?:\/(.*))?$/.exec(expanded);
  if (match) return { role: match[1] as RepoRole, path: match[2] ?? '' };
  return { role: 'self', path: expanded };
}
