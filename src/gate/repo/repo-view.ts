/**
 * Read-only view of a repo. In a git work tree "exists" means "in the tree of HEAD", the commit
 * the report names (docs must not point at files that are only staged, or only on the
 * author's disk); outside git, every file on disk counts.
 */
import { execFile, execFileSync } from 'node:child_process';
import { lstatSync, readdirSync, readFileSync, realpathSync, statSync } from 'node:fs';
import path from 'node:path';
import { confine } from '../confine.ts';
import { gitEnv } from './git-env.ts';
import type { RepoView } from '../types.ts';

export type RepoKind = RepoView['kind'];
export type PathStatus = 'tracked' | 'staged' | 'untracked' | 'missing';

export interface OpenRepoOptions {
  /** Set to false to ignore git and walk the disk (for example an uncommitted sample). */
  useGit?: boolean;
}

/** Folders never part of the repo view when walking the disk. */
export const WALK_SKIPPED_FOLDERS: ReadonlySet<string> = new Set(['node_modules', '.git', '.tmp', 'target']);


export function openRepo(root: string, kind: RepoKind, options: OpenRepoOptions = {}): RepoView {
  const absoluteRoot = path.resolve(root);
  const realRoot = realpathSync(absoluteRoot);
  const ahead = options.useGit === false ? undefined : takePrepared(realRoot);
  const git = options.useGit === false ? undefined : ahead ? ahead.state : readGitState(realRoot);
  const fileList = git ? git.files : walkFiles(realRoot);
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

interface GitState {
  /** Files in the tree of HEAD: what "committed" means. */
  files: string[];
  /** Files in the index but not in HEAD: staged, not committed. */
  staged: string[];
  /** The committed text of files whose disk copy differs from HEAD (edited, staged or deleted). */
  changedTexts: Map<string, string>;
  commit: string | undefined;
}

/** States read ahead by `prepareRepo`, each taken once by the next `openRepo` of that root. */
const prepared = new Map<string, { state: GitState | undefined }>();

function takePrepared(realRoot: string): { state: GitState | undefined } | undefined {
  const entry = prepared.get(realRoot);
  prepared.delete(realRoot);
  return entry;
}

/**
 * Reads a repo's git state ahead of `openRepo`, with the git calls running side by side and off
 * the main thread (the gate parses rails.yaml and compiles its grammars meanwhile). The same
 * calls and the same meaning as `readGitState`; a root that is no folder is left to `openRepo`.
 */
export async function prepareRepo(root: string): Promise<void> {
  let realRoot: string;
  try {
    realRoot = realpathSync(path.resolve(root));
  } catch {
    return;
  }
  prepared.set(realRoot, { state: await readGitStateAsync(realRoot) });
}

async function readGitStateAsync(realRoot: string): Promise<GitState | undefined> {
  const env = gitEnv();
  const run = (args: string[]) =>
    new Promise<string>((resolve, reject) =>
      execFile('git', args, { cwd: realRoot, env, encoding: 'utf8', maxBuffer: 512 * 1024 * 1024 }, (error, output) => (error ? reject(error) : resolve(output))),
    );
  const list = (output: string) => output.split('\0').filter((entry) => entry !== '');
  const [inside, ignored, commit, index] = await Promise.all([
    run(['rev-parse', '--is-inside-work-tree']).then((output) => output.trim() === 'true', () => false),
    run(['check-ignore', '-q', '.']).then(() => true, () => false), // exit 0: ignored (see readGitState)
    run(['rev-parse', '--verify', '-q', 'HEAD']).then((output) => output.trim() || undefined, () => undefined),
    run(['ls-files', '-z']).then(list, () => []),
  ]);
  if (!inside || ignored) return undefined;
  const [files, changedSince] = commit
    ? await Promise.all([run(['ls-tree', '-r', '-z', '--name-only', commit]).then(list), run(['diff', '--name-only', '--relative', '-z', commit]).then(list)])
    : [[], []];
  return gitStateOf(realRoot, env, commit, files, index, changedSince);
}

/** Files of the commit, of the index, and changed since: what "committed" and "staged" mean. */
function gitStateOf(
  realRoot: string,
  env: NodeJS.ProcessEnv,
  commit: string | undefined,
  files: string[],
  index: readonly string[],
  changedSince: readonly string[],
): GitState {
  const committed = new Set(files);
  const staged = index.filter((file) => !committed.has(file));
  const changed = changedSince.filter((file) => committed.has(file));
  const changedTexts = commit && changed.length > 0 ? readCommittedBlobs(realRoot, env, commit, changed) : new Map<string, string>();
  return { files, staged, changedTexts, commit };
}

function readGitState(realRoot: string): GitState | undefined {
  const env = gitEnv();
  const run = (args: string[]): string =>
    execFileSync('git', args, { cwd: realRoot, env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], maxBuffer: 512 * 1024 * 1024 });
  try {
    if (run(['rev-parse', '--is-inside-work-tree']).trim() !== 'true') return undefined;
  } catch {
    return undefined; // not a work tree, or git is not installed
  }
  // A folder the enclosing repo ignores (a scratch copy under .tmp/) is no checkout of
  // anything: read it from disk rather than call every file in it untracked.
  try {
    run(['check-ignore', '-q', '.']);
    return undefined;
  } catch {
    // exit 1: not ignored, so git is the truth
  }
  // Run with cwd=root: git prints paths relative to cwd, and only those under it. One call
  // each for the commit, its tree, the index, and the files changed since (plus one to read
  // their committed text): never one per file.
  const list = (args: string[]) => run(args).split('\0').filter((entry) => entry !== '');
  let commit: string | undefined;
  try {
    commit = run(['rev-parse', '--verify', '-q', 'HEAD']).trim() || undefined;
  } catch {
    commit = undefined; // a repo without commits yet
  }
  const files = commit ? list(['ls-tree', '-r', '-z', '--name-only', commit]) : [];
  const changedSince = commit ? list(['diff', '--name-only', '--relative', '-z', commit]) : [];
  return gitStateOf(realRoot, env, commit, files, list(['ls-files', '-z']), changedSince);
}

/**
 * The committed text of `files` (paths relative to the root), all in one `git cat-file --batch`
 * call. A file whose text cannot be read this way is left out (read from disk instead).
 */
function readCommittedBlobs(realRoot: string, env: NodeJS.ProcessEnv, commit: string, files: readonly string[]): Map<string, string> {
  const asked = files.filter((file) => !file.includes('\n'));
  const texts = new Map<string, string>();
  let output: Buffer;
  try {
    output = execFileSync('git', ['cat-file', '--batch'], {
      cwd: realRoot,
      env,
      input: asked.map((file) => `${commit}:./${file}\n`).join(''),
      stdio: ['pipe', 'pipe', 'ignore'],
      maxBuffer: 512 * 1024 * 1024,
    });
  } catch {
    return texts;
  }
  let offset = 0;
  for (const file of asked) {
    const headerEnd = output.indexOf(0x0a, offset);
    if (headerEnd < 0) break;
    const header = output.subarray(offset, headerEnd).toString('utf8').split(' ');
    offset = headerEnd + 1;
    if (header[1] === 'missing') continue; // `<name> missing`: nothing follows
    // `<sha> <type> <size>`, then the content and a newline: skip what is not a file's text
    // (a submodule's commit, say) without losing the place of the next answer.
    const size = Number(header[2]);
    if (header[1] === 'blob') texts.set(file, output.subarray(offset, offset + size).toString('utf8'));
    offset += size + 1;
  }
  return texts;
}

function walkFiles(realRoot: string): string[] {
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
        if (!WALK_SKIPPED_FOLDERS.has(entry.name)) pending.push(relative);
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
