/**
 * For a relation reader (the live map): a script of the Mesh repo that runs another repo's
 * rail names it through a variable holding that repo's root (`"$HYPERPUSH_ROOT/mesher/..."`).
 * These map such a word to the repo and path it means, and that path to the rail it runs.
 */
import type { Rail, RailsModel } from './model.ts';

export interface RepoPath {
  /** `mesh-lang` (the Mesh repo) or the id of a repo declared in rails.yaml. */
  repo: string;
  /** Path relative to that repo's root. */
  path: string;
}

/**
 * `$HYPERPUSH_ROOT/mesher/x.sh` or `${HYPERPUSH_ROOT}/mesher/x.sh` (quotes removed) -> the repo
 * whose `rootVars` list the variable, and `mesher/x.sh`. Undefined for any other word.
 */
export function repoPathOfRootVar(word: string, model: Pick<RailsModel, 'repos'>): RepoPath | undefined {
  const match = /^\$(?:\{([A-Za-z_][A-Za-z0-9_]*)\}|([A-Za-z_][A-Za-z0-9_]*))\/(.+)$/.exec(word.replace(/^["']|["']$/g, ''));
  if (!match) return undefined;
  const variable = match[1] ?? match[2]!;
  const repo = model.repos.find((candidate) => candidate.rootVars.includes(variable));
  return repo ? { repo: repo.id, path: match[3]!.replace(/^\.\//, '') } : undefined;
}

/** The rail whose script is `target.path` in `target.repo`, when rails.yaml has one. */
export function railOfScript(model: Pick<RailsModel, 'rails'>, target: RepoPath): Rail | undefined {
  return model.rails.find((rail) => rail.script === target.path && rail.repo === target.repo);
}
