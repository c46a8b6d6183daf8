/**
 * Finds the Mesh repo the gate checks: an explicit root, `MESH_REPO_ROOT`, the checkout the
 * site lives in (the site is the repo's `website/` folder), or the bundled sample.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { parse as parseToml } from 'smol-toml';
import type { RepoView } from '../types.ts';

export type RepoKind = RepoView['kind'];

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
    return { root: requireFolder(options.explicitRoot, 'the explicit repo root'), kind: 'explicit' };
  }
  const fromEnv = (options.env ?? process.env)[REPO_ROOT_ENV];
  if (fromEnv !== undefined && fromEnv.trim() !== '') {
    return { root: requireFolder(fromEnv, REPO_ROOT_ENV), kind: 'env' };
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
  if (!isFolder(path.join(folder, 'scripts'))) return false;
  const manifestPath = path.join(folder, 'Cargo.toml');
  if (!existsSync(manifestPath)) return false;
  let manifest: Record<string, unknown>;
  try {
    manifest = parseToml(readFileSync(manifestPath, 'utf8')) as Record<string, unknown>;
  } catch {
    return false;
  }
  const workspace = manifest['workspace'];
  if (typeof workspace !== 'object' || workspace === null) return false;
  const members = (workspace as Record<string, unknown>)['members'];
  if (!Array.isArray(members)) return false;
  return members.some(
    (member) => typeof member === 'string' && memberPatternMatches(member, 'compiler/meshc'),
  );
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

function isFolder(candidate: string): boolean {
  try {
    return statSync(candidate).isDirectory();
  } catch {
    return false;
  }
}
