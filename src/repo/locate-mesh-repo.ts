/**
 * Finds the Mesh repo the gate checks: an explicit root, `MESH_REPO_ROOT`, the checkout the
 * site lives in (the site is the repo's `website/` folder), or the bundled sample.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { parse as parseToml } from 'smol-toml';
import type { RepoKind } from '../core/types.ts';
import { blankRootError, RepoLocateError, validateRepoRoot, type RootSource } from './root-check.ts';


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

export { RepoLocateError };

export function locateRepo(options: LocateRepoOptions): LocatedRepo {
  const siteRoot = path.resolve(options.siteRoot);
  if (options.explicitRoot !== undefined) {
    return { root: requireCheckout(options.explicitRoot, { kind: 'flag' }, siteRoot), kind: 'explicit' };
  }
  const fromEnv = rootFromEnv(options.env ?? process.env, REPO_ROOT_ENV, 'Set it to a Mesh checkout, or unset it to use the parent checkout or the bundled sample.');
  if (fromEnv !== undefined) return { root: requireCheckout(fromEnv, { kind: 'env', name: REPO_ROOT_ENV }, siteRoot), kind: 'env' };
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

/**
 * A root env var's value: undefined when unset or empty (as `NAME= npm run build` reads), a
 * `RepoLocateError` when blank (spaces are a mistake, for every root variable alike).
 */
export function rootFromEnv(env: Readonly<Record<string, string | undefined>>, name: string, fix: string): string | undefined {
  const value = env[name];
  if (value === undefined || value === '') return undefined;
  if (value.trim() === '') throw blankRootError(name, fix);
  return value;
}

/** A chosen root must be a Mesh checkout (see root-check.ts); otherwise say once what is wrong. */
function requireCheckout(value: string, source: RootSource, siteRoot: string): string {
  return validateRepoRoot(value, source, {
    siteRoot,
    siteParentAllowed: true,
    repoName: 'Mesh',
    lacks: checkoutProblems,
    fix: `Set ${REPO_ROOT_ENV} (or --repo) to a Mesh checkout (a clone of hyperpush-org/mesh-lang).`,
  });
}

/** True for an existing folder (a file, a missing path or an unreadable one is not). */
export function isFolder(candidate: string): boolean {
  try {
    return statSync(candidate).isDirectory();
  } catch {
    return false;
  }
}
