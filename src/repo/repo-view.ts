/**
 * Read-only view of a repo. In a git work tree "exists" means "in the tree of HEAD", the commit
 * the report names (docs must not point at files that are only staged, or only on the
 * author's disk); outside git, every file on disk counts.
 */
import { lstatSync, readdirSync, readFileSync, realpathSync, statSync } from 'node:fs';
import path from 'node:path';
import { confine } from '../core/confine.ts';
import { readGitState, readGitStateAsync, type GitState } from './git-state.ts';
import type { RepoKind, RepoView } from '../core/types.ts';

export type PathStatus = 'tracked' | 'staged' | 'untracked' | 'missing';

export interface OpenRepoOptions {
  /** Set to false to ignore git and walk the disk (for example an uncommitted sample). */
  useGit?: boolean;
  /** Further folder names skipped when walking the disk (build outputs of the site itself). */
  skipFolders?: readonly string[];
}

/** Folders never part of the repo view when walking the disk. */
export const WALK_SKIPPED_FOLDERS: ReadonlySet<string> = new Set(['node_modules', '.git', '.tmp', 'target']);


export function openRepo(root: string, kind: RepoKind, options: OpenRepoOptions = {}): RepoView {
  const absoluteRoot = path.resolve(root);
  const realRoot = realpathSync(absoluteRoot);
  const ahead = options.useGit === false ? undefined : takePrepared(realRoot);
  const git = options.useGit === false ? undefined : ahead ? ahead.state : readGitState(realRoot);
  const fileList = git ? git.files : walkFiles(realRoot, new Set([...WALK_SKIPPED_FOLDERS, ...(options.skipFolders ?? [])]));
  const index = indexFiles(fileList);
  const staged = indexFiles(git?.staged ?? []);
  const insideChecks = new Map<string, boolean>();
  const realFolders = new Map<string, string | null>();
  const texts = new Map<string, string | undefined>();

  const staysInside = (relative: string): boolean => {
    let known = insideChecks.get(relative);
    if (known === undefined) {
      known = resolvesInside(realRoot, relative, realFolders);
      insideChecks.set(relative, known);
    }
    return known;
  };

  const normalise = (input: string, cwd?: string): string | undefined => {
    const relative = normaliseLexically(input, cwd);
    if (relative === undefined) return undefined;
    return staysInside(relative) ? relative : undefined;
  };

  const onDisk = (relative: string): 'file' | 'folder' | undefined => {
    try {
      const stats = statSync(path.join(realRoot, relative));
      return stats.isDirectory() ? 'folder' : 'file';
    } catch {
      return undefined;
    }
  };

  const view: RepoView = {
    root: absoluteRoot,
    kind,
    commit: git?.commit,
    isGit: git !== undefined,
    fileStatus(input) {
      const relative = normalise(input);
      if (relative === undefined || relative === '') return 'missing';
      if (index.fileSet.has(relative)) return 'tracked';
      if (staged.fileSet.has(relative)) return 'staged';
      return onDisk(relative) === 'file' ? 'untracked' : 'missing';
    },
    dirStatus(input) {
      const relative = normalise(input);
      if (relative === undefined) return 'missing';
      if (relative === '' ? index.sorted.length > 0 : index.folders.has(relative)) return 'tracked';
      if (relative !== '' && staged.folders.has(relative)) return 'staged';
      return onDisk(relative) === 'folder' ? 'untracked' : 'missing';
    },
    hasDir(input) {
      const relative = normalise(input);
      if (relative === undefined) return false;
      return relative === '' ? index.sorted.length > 0 : index.folders.has(relative);
    },
    read(input) {
      const relative = normalise(input);
      if (relative === undefined || !index.fileSet.has(relative)) return undefined;
      const committedText = git?.changedTexts.get(relative);
      if (committedText !== undefined) return committedText; // edited or deleted since the commit
      if (!texts.has(relative)) texts.set(relative, readText(path.join(realRoot, relative)));
      return texts.get(relative);
    },
    files: () => index.sorted,
    normalise,
  };
  return view;
}

/**
 * Joins `cwd` and `input` as repo-relative POSIX paths (through `confine`, the gate's one path
 * gatekeeper). Returns '' for the root itself and undefined for absolute paths, home paths,
 * `..` escapes, backslashes and control characters.
 */
export function normaliseLexically(input: string, cwd?: string): string | undefined {
  // Not-followable (`<unknown>`) working folders cannot anchor a repo path.
  if (cwd !== undefined && cwd.startsWith('<')) return undefined;
  const confined = confine(input, cwd === undefined ? {} : { cwd });
  return confined.ok ? confined.relative : undefined;
}

/** States read ahead by `prepareRepo`, each taken once by the next `openRepo` of that root. */
const prepared = new Map<string, { state: GitState | undefined }>();

function takePrepared(realRoot: string): { state: GitState | undefined } | undefined {
  const entry = prepared.get(realRoot);
  prepared.delete(realRoot);
  return entry;
}

/** Reads started by `startRepoRead`, by real root, each taken by the next `prepareRepo` there. */
const startedAhead = new Map<string, Promise<void>>();

/**
 * Starts `prepareRepo`'s read now, for the next `prepareRepo` of this root to take: `npm run
 * check` starts it before it loads the gate's modules, and the gate's own call then finds it
 * under way. Only the CLI calls this: the build and the dev server read git when they run, as
 * before, so no run of theirs ever takes a read another one started.
 */
export function startRepoRead(root: string): Promise<void> {
  const realRoot = realRootOf(root);
  if (realRoot === undefined) return Promise.resolve();
  let read = startedAhead.get(realRoot);
  if (read === undefined) startedAhead.set(realRoot, (read = readIntoPrepared(realRoot)));
  return read;
}

/**
 * Reads a repo's git state ahead of `openRepo`, with the git calls running side by side and off
 * the main thread (the gate parses rails.yaml and compiles its grammars meanwhile). The same
 * calls and the same meaning as `readGitState`; a root that is no folder is left to `openRepo`.
 * A read `startRepoRead` began is taken instead, once; the next call reads git afresh.
 */
export async function prepareRepo(root: string): Promise<void> {
  const realRoot = realRootOf(root);
  if (realRoot === undefined) return;
  const ahead = startedAhead.get(realRoot);
  if (ahead !== undefined) {
    startedAhead.delete(realRoot);
    return ahead;
  }
  return readIntoPrepared(realRoot);
}

/** Reads git's state of `realRoot` into `prepared`, for the next `openRepo` there to take. */
async function readIntoPrepared(realRoot: string): Promise<void> {
  prepared.set(realRoot, { state: await readGitStateAsync(realRoot) });
}

function realRootOf(root: string): string | undefined {
  try {
    return realpathSync(path.resolve(root));
  } catch {
    return undefined;
  }
}

function walkFiles(realRoot: string, skipped: ReadonlySet<string>): string[] {
  const found: string[] = [];
  const pending: string[] = [''];
  while (pending.length > 0) {
    const folder = pending.pop() as string;
    let entries;
    try {
      entries = readdirSync(path.join(realRoot, folder), { withFileTypes: true });
    } catch {
      continue;
    }
    for (const entry of entries) {
      const relative = folder === '' ? entry.name : `${folder}/${entry.name}`;
      if (entry.isDirectory()) {
        if (!skipped.has(entry.name)) pending.push(relative);
      } else if (entry.isFile()) {
        found.push(relative);
      } else if (entry.isSymbolicLink() && isFileInside(realRoot, relative)) {
        // Symlinked folders are not followed (cycles); symlinked files count when they stay inside.
        found.push(relative);
      }
    }
  }
  return found;
}

function isFileInside(realRoot: string, relative: string): boolean {
  try {
    return statSync(path.join(realRoot, relative)).isFile() && resolvesInside(realRoot, relative);
  } catch {
    return false;
  }
}

interface FileIndex {
  fileSet: Set<string>;
  sorted: readonly string[];
  folders: Set<string>;
}

function indexFiles(files: readonly string[]): FileIndex {
  const sorted = Object.freeze([...new Set(files)].sort());
  const folders = new Set<string>();
  for (const file of sorted) {
    let slash = file.lastIndexOf('/');
    while (slash > 0) {
      const folder = file.slice(0, slash);
      if (folders.has(folder)) break; // its ancestors are in already
      folders.add(folder);
      slash = folder.lastIndexOf('/');
    }
  }
  return { fileSet: new Set(sorted), sorted, folders };
}

function realFolder(folder: string, realFolders: Map<string, string | null>): string | null {
  let real = realFolders.get(folder);
  if (real === undefined) {
    try {
      real = realpathSync(folder);
    } catch {
      real = null;
    }
    realFolders.set(folder, real);
  }
  return real;
}

/**
 * True when the path, with symlinks resolved as far as it exists, stays under the root.
 * `realFolders` caches folder real paths for one repo view, so a plain file costs one lstat
 * instead of one per path segment.
 */
function resolvesInside(realRoot: string, relative: string, realFolders = new Map<string, string | null>()): boolean {
  let candidate = path.join(realRoot, relative);
  // Fast path: an existing entry that is no symlink is where its folder really is.
  try {
    if (!lstatSync(candidate).isSymbolicLink()) {
      const folder = realFolder(path.dirname(candidate), realFolders);
      if (folder !== null) {
        const real = path.join(folder, path.basename(candidate));
        return real === realRoot || real.startsWith(realRoot + path.sep);
      }
    }
  } catch {
    // not on disk: judged below by the deepest part that is
  }
  for (;;) {
    let present = true;
    try {
      lstatSync(candidate);
    } catch {
      present = false;
    }
    if (present) {
      try {
        const real = realpathSync(candidate);
        return real === realRoot || real.startsWith(realRoot + path.sep);
      } catch {
        return false; // a dangling symlink: where it points cannot be checked
      }
    }
    const parent = path.dirname(candidate);
    if (parent === candidate) return false;
    candidate = parent; // not on disk: judge by the deepest part that is
  }
}

function readText(absolute: string): string | undefined {
  try {
    return readFileSync(absolute, 'utf8');
  } catch {
    return undefined;
  }
}
