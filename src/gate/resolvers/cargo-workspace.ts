/**
 * The Cargo workspace of the repo, read from committed manifests: members (with simple globs),
 * package names, binaries and test targets (declared or auto-discovered as cargo does).
 */
import { perRepo } from '../../repo/per-repo.ts';
import { parse as parseToml } from 'smol-toml';
import type { RepoView } from '../../core/types.ts';
import { appendAll } from '../../core/append.ts';

export interface CargoPackage {
  name: string;
  /** Repo-relative folder of the package ('' for a root package). */
  dir: string;
  bins: string[];
  tests: string[];
  defaultRun?: string;
}

export interface CargoWorkspace {
  packages: CargoPackage[];
  byName: ReadonlyMap<string, CargoPackage>;
  /** The `[package]` of the root manifest, when the workspace is not virtual. */
  rootPackage?: CargoPackage;
}

export type CargoWorkspaceResult = { ok: true; workspace: CargoWorkspace } | { ok: false; problem: string };

type Table = Record<string, unknown>;

/** The workspace of the repo's root `Cargo.toml`, read once per repo view. */
export const loadCargoWorkspace: (repo: RepoView) => CargoWorkspaceResult = perRepo(readWorkspace);

function readWorkspace(repo: RepoView): CargoWorkspaceResult {
  const root = readManifest(repo, 'Cargo.toml');
  if (typeof root === 'string') return { ok: false, problem: root };
  const workspaceTable = asTable(root['workspace']);
  const memberPatterns = stringList(workspaceTable?.['members']);
  const excluded = stringList(workspaceTable?.['exclude']).map(trimSlashes);
  const manifestFolders = repo
    .files()
    .filter((file) => file.endsWith('/Cargo.toml'))
    .map((file) => file.slice(0, -'/Cargo.toml'.length));
  const memberDirs = new Set<string>();
  for (const pattern of memberPatterns.map(trimSlashes)) {
    const matcher = globMatcher(pattern);
    for (const folder of manifestFolders) {
      if (matcher(folder) && !excluded.some((skip) => folder === skip || folder.startsWith(`${skip}/`))) memberDirs.add(folder);
    }
  }
  const filesByDir = groupFilesByPackage(repo.files(), [...memberDirs]);
  const packages: CargoPackage[] = [];
  let rootPackage: CargoPackage | undefined;
  if (asTable(root['package'])) {
    rootPackage = describePackage(root, '', repo.files().filter((file) => !file.includes('/') || startsInRootTargets(file)));
    if (rootPackage) packages.push(rootPackage);
  }
  for (const dir of [...memberDirs].sort()) {
    const manifest = readManifest(repo, `${dir}/Cargo.toml`);
    if (typeof manifest === 'string') continue; // an unreadable member is reported as unknown when named
    const described = describePackage(manifest, dir, filesByDir.get(dir) ?? []);
    if (described) packages.push(described);
  }
  const byName = new Map(packages.map((pkg) => [pkg.name, pkg]));
  const workspace: CargoWorkspace = rootPackage ? { packages, byName, rootPackage } : { packages, byName };
  return { ok: true, workspace };
}

function startsInRootTargets(file: string): boolean {
  return file.startsWith('src/') || file.startsWith('tests/');
}

function readManifest(repo: RepoView, file: string): Table | string {
  const text = repo.read(file);
  if (text === undefined) return `${file} is not committed in the repo`;
  try {
    return parseToml(text) as Table;
  } catch (error) {
    return `${file} does not parse as TOML (${error instanceof Error ? error.message.split('\n')[0] : 'unknown error'})`;
  }
}

/** Name, binaries and tests of one package, from its manifest and the files under its folder. */
function describePackage(manifest: Table, dir: string, files: readonly string[]): CargoPackage | undefined {
  const packageTable = asTable(manifest['package']);
  const name = packageTable?.['name'];
  if (typeof name !== 'string') return undefined;
  const prefix = dir === '' ? '' : `${dir}/`;
  const local = files.map((file) => file.slice(prefix.length));
  const bins = declaredNames(manifest['bin']);
  if (packageTable?.['autobins'] !== false) {
    if (local.includes('src/main.rs')) bins.push(name);
    appendAll(bins, autoTargets(local, 'src/bin/'));
  }
  const tests = declaredNames(manifest['test']);
  if (packageTable?.['autotests'] !== false) appendAll(tests, autoTargets(local, 'tests/'));
  const defaultRun = packageTable?.['default-run'];
  const described: CargoPackage = { name, dir, bins: unique(bins), tests: unique(tests) };
  if (typeof defaultRun === 'string') described.defaultRun = defaultRun;
  return described;
}

/** Cargo's auto-discovery: `<folder>/X.rs` and `<folder>/X/main.rs` are targets named X. */
function autoTargets(localFiles: readonly string[], folder: string): string[] {
  const names: string[] = [];
  for (const file of localFiles) {
    if (!file.startsWith(folder)) continue;
    const rest = file.slice(folder.length);
    const single = /^([^/]+)\.rs$/.exec(rest);
    const nested = /^([^/]+)\/main\.rs$/.exec(rest);
    const found = single?.[1] ?? nested?.[1];
    if (found !== undefined) names.push(found);
  }
  return names;
}

function declaredNames(entries: unknown): string[] {
  if (!Array.isArray(entries)) return [];
  return entries.flatMap((entry) => {
    const value = asTable(entry)?.['name'];
    return typeof value === 'string' ? [value] : [];
  });
}

/**
 * Files of each member folder; a file belongs to the deepest member folder that holds it. Each
 * file's folders are looked up from the deepest: testing every member folder against every file
 * took some 17 ms of a check of the real workspace (3,300 files).
 */
function groupFilesByPackage(files: readonly string[], memberDirs: string[]): Map<string, string[]> {
  const grouped = new Map<string, string[]>(memberDirs.map((dir) => [dir, []]));
  for (const file of files) {
    for (let slash = file.lastIndexOf('/'); slash > 0; slash = file.lastIndexOf('/', slash - 1)) {
      const owner = grouped.get(file.slice(0, slash));
      if (owner !== undefined) {
        owner.push(file);
        break;
      }
    }
  }
  return grouped;
}

/** `compiler/*` style globs: `*` and `?` stay inside one path segment. */
export function globMatcher(pattern: string): (folder: string) => boolean {
  if (!/[*?[]/.test(pattern)) return (folder) => folder === pattern;
  const source = pattern
    .split('')
    .map((char) => (char === '*' ? '[^/]*' : char === '?' ? '[^/]' : char.replace(/[.+^${}()|[\]\\]/g, '\\$&')))
    .join('');
  const regex = new RegExp(`^${source}$`);
  return (folder) => regex.test(folder);
}

function asTable(value: unknown): Table | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Table) : undefined;
}

function stringList(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
}

function trimSlashes(value: string): string {
  return value.replace(/^\.\//, '').replace(/\/+$/, '');
}

function unique(values: string[]): string[] {
  return [...new Set(values)];
}
