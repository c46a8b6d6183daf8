/**
 * The one validation every repo root goes through, wherever it comes from (`MESH_REPO_ROOT`,
 * `--repo`, a declared repo's env var or its `sibling` folder), before git or a file walk
 * touches it: a folder, not the file-system root nor a folder above the site, holding the
 * marker of that repo. A root from an env var is never echoed: the words say which variable
 * and what kind of thing it names ("a file, not a folder"), since a value may be anything a
 * CI holds.
 */
import { statSync } from 'node:fs';
import path from 'node:path';

/** Where a root came from, as the first words of a refusal. */
export type RootSource =
  | { kind: 'env'; name: string }
  | { kind: 'flag' }
  | { kind: 'sibling'; repoName: string; sibling: string };

export interface RootRules {
  /** The docs site: no repo root may contain it, bar the Mesh repo around `website/`. */
  siteRoot: string;
  /** The Mesh repo may be the site's parent folder (the site is its `website/`). */
  siteParentAllowed: boolean;
  /** `hyperpush-mono`, `Mesh`: named in "not a … checkout". */
  repoName: string;
  /** What the folder lacks to be a checkout of the repo, in words; empty when it is one. */
  lacks: (root: string) => string[];
  /** The sentence that says how to fix it. */
  fix: string;
}

/** Raised when a chosen repo root cannot be used; the message says what to change. */
export class RepoLocateError extends Error {
  override name = 'RepoLocateError';
}

/** The absolute root, or a `RepoLocateError` saying what kind of thing it names instead. */
export function validateRepoRoot(value: string, source: RootSource, rules: RootRules): string {
  const root = path.resolve(value);
  const problem = rootProblem(root, rules);
  if (problem === undefined) return root;
  throw new RepoLocateError(`${subjectOf(source, root)} ${problem}. ${rules.fix}`);
}

/** `MESH_REPO_ROOT is set but blank`: a value of spaces is a mistake, not "unset". */
export function blankRootError(name: string, fix: string): RepoLocateError {
  return new RepoLocateError(`${name} is set but blank. ${fix}`);
}

/** A marker list as rails.yaml declares it: `scripts/` must be a folder, `mesher/mesh.toml` a file. */
export function markerLacks(markers: readonly string[]): (root: string) => string[] {
  return (root) =>
    markers.flatMap((marker) => {
      const folder = marker.endsWith('/');
      const kind = kindOf(path.join(root, marker));
      return kind === (folder ? 'folder' : 'file') ? [] : [`no ${marker}${folder ? ' folder' : ''}`];
    });
}

function rootProblem(root: string, rules: RootRules): string | undefined {
  if (path.parse(root).root === root) return 'the file-system root';
  const site = path.resolve(rules.siteRoot);
  const above = path.relative(root, site);
  const containsSite = above !== '' && !above.startsWith('..') && !path.isAbsolute(above);
  if (containsSite && !(rules.siteParentAllowed && root === path.dirname(site))) return 'a folder above the site';
  const kind = kindOf(root);
  if (kind === 'missing') return 'a path that does not exist';
  if (kind === 'file') return 'a file, not a folder';
  const lacks = rules.lacks(root);
  if (lacks.length === 0) return undefined;
  const listed = lacks.length === 1 ? lacks[0] : `${lacks.slice(0, -1).join(', ')} and ${lacks.at(-1)}`;
  return `a folder that is not a ${rules.repoName} checkout: it has ${listed}`;
}

function subjectOf(source: RootSource, root: string): string {
  switch (source.kind) {
    case 'env':
      return `${source.name} names`;
    case 'flag':
      return `The repo root given (${root}) is`;
    case 'sibling':
      return `The sibling folder of ${source.repoName} (${source.sibling}) is`;
  }
}

function kindOf(target: string): 'file' | 'folder' | 'missing' {
  try {
    return statSync(target).isDirectory() ? 'folder' : 'file';
  } catch {
    return 'missing';
  }
}
