import { SELF_VARIABLES } from '../../core/root-variables.ts';

/**
 * Variables the rail scripts keep a repo root in, and which repo each means. `self` is the repo
 * of the script being read (`$ROOT_DIR` in a product-repo script is the product repo); the other
 * entries come from the `rootVars` of the repos rails.yaml declares (`$HYPERPUSH_ROOT`).
 */
export const SELF = 'self';


/** Variable name -> `self` or the id of a declared repo. */
export type RootTable = ReadonlyMap<string, string>;

export function rootTable(otherRepos: readonly { id: string; rootVars: readonly string[] }[] = []): RootTable {
  const table = new Map<string, string>(SELF_VARIABLES.map((name) => [name, SELF]));
  for (const repo of otherRepos) for (const name of repo.rootVars) table.set(name, repo.id);
  return table;
}

/** How an expanded path names its repo root: `<self>/scripts/x.sh`, `<hyperpush-mono>/mesher/...`. */
/** The table as part of a cache key: readings under another table are other readings. */
export const rootsKey = (roots: RootTable): string => [...roots].join(';');

export const rootMarker = (repo: string): string => `<${repo}>`;

/** Splits `<repo>/rest` into its repo and repo-relative rest; a bare relative path is `self`. */
export function splitRoot(expanded: string): { repo: string; path: string } {
  const match = /^<([A-Za-z0-9][\w.-]*)>(?:\/(.*))?$/.exec(expanded);
  if (match) return { repo: match[1]!, path: match[2] ?? '' };
  return { repo: SELF, path: expanded };
}
