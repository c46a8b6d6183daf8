/**
 * Finds the Mesh repo the gate checks: an explicit root, `MESH_REPO_ROOT`, the checkout the
 * site lives in (the site is the repo's `website/` folder), or the bundled sample.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { parse as parseToml } from 'smol-toml';
import type { RepoKind } from '../core/types.ts';


export interface LocatedRepo {
  /** Absolute path of the repo root. */
  root: string;
  kind: RepoKind;
}

export interface LocateRepoOptions {
  /** Absolute path of the docs site (the folder holding its package.json). */
  siteRoot: string;
  /** Environment to read `MESH_REPO_ROOT` from (defaults to `process.env`). */
  env?: Readonly<Record<string, string | undefined>>;
  /** A root chosen by the caller (CLI flag, test); wins over everything else. */
  explicitRoot?: string;
}

export const REPO_ROOT_ENV = 'MESH_REPO_ROOT';
export const SAMPLE_REPO_FOLDER = 'sample-workspace/mesh-lang';

/** Raised when a chosen repo root cannot be used; the message says what to change. */
export class RepoLocateError extends Error {
  override name = 'RepoLocateError';
}

export function locateRepo(options: LocateRepoOptions): LocatedRepo {
  const siteRoot = path.resolve(options.siteRoot);
  if (options.explicitRoot !== undefined) {
    return { root: requireCheckout(options.explicitRoot, 'The repo root given'), kind: 'explicit' };
  }
  const fromEnv = (options.env ?? process.env)[REPO_ROOT_ENV];
  // Empty means unset (as `MESH_REPO_ROOT= npm run build` reads); blanks are a mistake.
  if (fromEnv !== undefined && fromEnv !== '' && fromEnv.trim() === '') {
    throw new RepoLocateError(`${REPO_ROOT_ENV} is set but blank. Set it to a Mesh checkout, or unset it to use the parent checkout or the bundled sample.`);
  }
  if (fromEnv !== undefined && fromEnv !== '') {
    return { root: requireCheckout(fromEnv, REPO_ROOT_ENV), kind: 'env' };
  }
  const parent = path.dirname(siteRoot);
  if (parent !== siteRoot && isMeshCheckout(parent)) return { root: parent, kind: 'parent' };
  const sample = path.join(siteRoot, SAMPLE_REPO_FOLDER);
  if (isFolder(sample)) return { root: sample, kind: 'sample' };
  throw new RepoLocateError(
    `No Mesh repo to check: ${REPO_ROOT_ENV} is unset, ${parent} is not a Mesh checkout, ` +
      `and the bundled sample ${sample} is missing. Set ${REPO_ROOT_ENV} to a Mesh checkout.`,
  );
}

/**
 * A Mesh checkout has a Cargo workspace whose members include `compiler/meshc` (listed or
 * matched by a glob such as `compiler/*`) and a `scripts/` folder.
 */
export function isMeshCheckout(folder: string): boolean {
  return checkoutProblems(folder).length === 0;
}

/**
 * What a folder lacks to be a Mesh checkout, in words ("no Cargo.toml"); empty when it is one.
 * Three file-system looks at most: a wrong root (`/`, an empty folder) is told before any walk.
 */
export function checkoutProblems(folder: string): string[] {
  const problems: string[] = [];
  const manifestPath = path.join(folder, 'Cargo.toml');
  const hasManifest = existsSync(manifestPath);
  if (!hasManifest) problems.push('no Cargo.toml');
  if (!isFolder(path.join(folder, 'scripts'))) problems.push('no scripts/ folder');
  if (!hasManifest) return problems;
  let manifest: Record<string, unknown>;
  try {
    manifest = parseToml(readFileSync(manifestPath, 'utf8')) as Record<string, unknown>;
  } catch {
    return [...problems, 'a Cargo.toml that does not parse'];
  }
  const workspace = manifest['workspace'];
  const members = typeof workspace === 'object' && workspace !== null ? (workspace as Record<string, unknown>)['members'] : undefined;
  const listsMeshc = Array.isArray(members) && members.some((member) => typeof member === 'string' && memberPatternMatches(member, 'compiler/meshc'));
  if (!listsMeshc) problems.push('its Cargo workspace does not list compiler/meshc');
  return problems;
}

function memberPatternMatches(pattern: string, folder: string): boolean {
  const clean = pattern.replace(/\/+$/, '');
  if (!clean.includes('*') && !clean.includes('?')) return clean === folder;
  const source = clean
    .split('*')
    .map((part) => part.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\?/g, '[^/]'))
    .join('[^/]*');
  return new RegExp(`^${source}$`).test(folder);
}

function requireFolder(value: string, label: string): string {
  const resolved = path.resolve(value);
  if (!existsSync(resolved)) {
    throw new RepoLocateError(`${label} points to ${resolved}, which does not exist.`);
  }
  if (!isFolder(resolved)) {
    throw new RepoLocateError(`${label} points to ${resolved}, which is not a folder.`);
  }
  return resolved;
}

/** A chosen root must be a folder and a Mesh checkout; otherwise say once what is missing. */
function requireCheckout(value: string, label: string): string {
  const root = requireFolder(value, label);
  const problems = checkoutProblems(root);
  if (problems.length > 0) {
    const listed = problems.length === 1 ? problems[0] : `${problems.slice(0, -1).join(', ')} and ${problems.at(-1)}`;
    throw new RepoLocateError(
      `${label} points to ${root}, which is not a Mesh checkout: it has ${listed}. Set ${REPO_ROOT_ENV} to a Mesh checkout (a clone of hyperpush-org/mesh-lang).`,
    );
  }
  return root;
}

/** True for an existing folder (a file, a missing path or an unreadable one is not). */
export function isFolder(candidate: string): boolean {
  try {
    return statSync(candidate).isDirectory();
  } catch {
    return false;
  }
}
