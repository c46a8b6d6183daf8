/**
 * What git says about a checkout: the files of HEAD ("committed"), the files only staged, and
 * the committed text of files changed since. Few git processes, because each costs a fork and
 * exec (several ms of the caller's CPU, the most expensive part of opening a repo):
 *   1. `rev-parse`: inside a work tree? the root's prefix in it, and the commit;
 *   2. `ls-tree` of that commit and `status` (staged and changed files), side by side;
 *   3. only when git tracks nothing under the root: `check-ignore` (an ignored scratch copy);
 *   4. only when files changed: one `cat-file --batch` for their committed text.
 * The steps are shared by the synchronous and the asynchronous reader; only how a git process
 * is run differs.
 */
import { execFileSync } from 'node:child_process';
import { FILTER_CONFIG_ARGS, filterOverrides, GIT_SAFE_OPTIONS, gitEnv, gitProgram } from './git-env.ts';
import { gitLauncher } from './git-launcher.ts';

export interface GitState {
  /** Files in the tree of HEAD: what "committed" means. */
  files: string[];
  /** Files in the index but not in HEAD: staged, not committed. */
  staged: string[];
  /** The committed text of files whose disk copy differs from HEAD (edited, staged or deleted). */
  changedTexts: Map<string, string>;
  commit: string | undefined;
}

/** `--revs-only` drops HEAD instead of failing when there is no commit yet. */
const HEAD_ARGS = ['rev-parse', '--is-inside-work-tree', '--show-prefix', '--revs-only', 'HEAD'];
/** Changes against HEAD under the root, untracked files left out; paths are relative to the top. */
const STATUS_ARGS = ['--no-optional-locks', 'status', '--porcelain=v2', '-z', '--untracked-files=no', '--no-renames', '--ignore-submodules=all', '--', '.'];
const treeArgs = (commit: string) => ['ls-tree', '-r', '-z', '--name-only', commit];
const IGNORED_ARGS = ['check-ignore', '-q', '.'];
const BLOB_ARGS = ['cat-file', '--batch'];

interface Head {
  /** The root's path inside the work tree, with a trailing slash ('' at the top). */
  prefix: string;
  commit: string | undefined;
}

function parseHead(output: string | undefined): Head | undefined {
  if (output === undefined) return undefined;
  const [inside, prefix = '', commit] = output.split('\n');
  if (inside !== 'true') return undefined;
  return { prefix, commit: commit?.trim() || undefined };
}

const nulList = (output: string | undefined) => (output ?? '').split('\0').filter((entry) => entry !== '');

/** Fields before the path in `status --porcelain=v2` entries: ordinary (1) and unmerged (u). */
const STATUS_FIELDS: Record<string, number> = { '1': 8, u: 10 };

interface Changes {
  /** Paths (relative to the root) added to the index and not in HEAD. */
  added: string[];
  /** Paths (relative to the root) whose index or disk copy differs from HEAD. */
  changed: string[];
}

function parseStatus(output: string | undefined, prefix: string): Changes {
  const added: string[] = [];
  const changed: string[] = [];
  for (const entry of nulList(output)) {
    const fieldCount = STATUS_FIELDS[entry[0] ?? ''];
    if (fieldCount === undefined) continue;
    const parts = entry.split(' ');
    const fromTop = parts.slice(fieldCount).join(' ');
    if (!fromTop.startsWith(prefix)) continue;
    const relative = fromTop.slice(prefix.length);
    // XY: index then work tree; `A` in either is a new file (the second: `git add -N`).
    if ((parts[1] ?? '').includes('A')) added.push(relative);
    changed.push(relative);
  }
  return { added, changed };
}

/** `<commit>:./<file>` requests, one per line (a name with a newline cannot be asked). */
function blobRequests(commit: string, files: readonly string[]): { asked: string[]; input: string } {
  const asked = files.filter((file) => !file.includes('\n'));
  return { asked, input: asked.map((file) => `${commit}:./${file}\n`).join('') };
}

/**
 * Splits `cat-file --batch` answers: `<sha> <type> <size>`, the content, a newline; or
 * `<name> missing`. What is not a blob (a submodule's commit) is skipped without losing the
 * place of the next answer.
 */
function parseBlobs(output: Buffer | undefined, asked: readonly string[]): Map<string, string> {
  const texts = new Map<string, string>();
  if (output === undefined) return texts;
  let offset = 0;
  for (const file of asked) {
    const headerEnd = output.indexOf(0x0a, offset);
    if (headerEnd < 0) break;
    const header = output.subarray(offset, headerEnd).toString('utf8').split(' ');
    offset = headerEnd + 1;
    if (header[1] === 'missing') continue;
    const size = Number(header[2]);
    if (header[1] === 'blob') texts.set(file, output.subarray(offset, offset + size).toString('utf8'));
    offset += size + 1;
  }
  return texts;
}

/** What steps 1 and 2 found, before the conditional steps. */
function stateOf(head: Head, tree: string | undefined, status: string | undefined) {
  const files = nulList(tree);
  const committed = new Set(files);
  const { added, changed } = parseStatus(status, head.prefix);
  return {
    files,
    staged: added.filter((file) => !committed.has(file)),
    changed: changed.filter((file) => committed.has(file)),
  };
}

/** One git call; `undefined` stands for a call a step skips (its answer is undefined too). */
type GitCall = { args: string[]; input?: string } | undefined;
/** A step asks for calls (run side by side) and gets their stdout, undefined where one failed. */
type Steps = Generator<GitCall[], GitState | undefined, Array<Buffer | undefined>>;

function* gitSteps(): Steps {
  // The filter drivers a config defines are read alongside: status runs with each emptied.
  const [headOutput, filters] = yield [{ args: HEAD_ARGS }, { args: [...FILTER_CONFIG_ARGS] }];
  const head = parseHead(headOutput?.toString('utf8'));
  if (!head) return undefined;
  const status = { args: [...filterOverrides(filters?.toString('utf8')), ...STATUS_ARGS] };
  const [tree, statusOutput] = yield [head.commit ? { args: treeArgs(head.commit) } : undefined, status];
  const { files, staged, changed } = stateOf(head, tree?.toString('utf8'), statusOutput?.toString('utf8'));
  if (files.length === 0 && staged.length === 0) {
    // Exit 0: the enclosing repo ignores this folder; read it from disk (a scratch copy under .tmp/).
    const [ignored] = yield [{ args: IGNORED_ARGS }];
    if (ignored !== undefined) return undefined;
  }
  let changedTexts = new Map<string, string>();
  if (head.commit && changed.length > 0) {
    const { asked, input } = blobRequests(head.commit, changed);
    const [blobs] = yield [{ args: BLOB_ARGS, input }];
    changedTexts = parseBlobs(blobs, asked);
  }
  return { files, staged, changedTexts, commit: head.commit };
}

const MAX_BUFFER = 512 * 1024 * 1024;

/** Git's view of `realRoot`, or undefined when git has none (no work tree, or an ignored folder). */
export function readGitState(realRoot: string): GitState | undefined {
  const env = gitEnv();
  const run = (call: GitCall): Buffer | undefined => {
    if (call === undefined) return undefined;
    try {
      return execFileSync(gitProgram(), [...GIT_SAFE_OPTIONS, ...call.args], {
        cwd: realRoot,
        env,
        ...(call.input === undefined ? {} : { input: call.input }),
        stdio: [call.input === undefined ? 'ignore' : 'pipe', 'pipe', 'ignore'],
        maxBuffer: MAX_BUFFER,
      });
    } catch {
      return undefined; // a failed call, or git is not installed
    }
  };
  const steps = gitSteps();
  let step = steps.next();
  while (!step.done) step = steps.next(step.value.map(run));
  return step.value;
}

/**
 * The same as `readGitState`, with the git processes running while the caller works; they are
 * started through a small shell (git-launcher.ts), which costs the caller's thread far less.
 */
export async function readGitStateAsync(realRoot: string): Promise<GitState | undefined> {
  const launcher = gitLauncher();
  const run = (call: GitCall): Promise<Buffer | undefined> =>
    call === undefined ? Promise.resolve(undefined) : launcher.run({ args: [...GIT_SAFE_OPTIONS, ...call.args], cwd: realRoot, ...(call.input === undefined ? {} : { input: call.input }) });
  try {
    const steps = gitSteps();
    let step = steps.next();
    while (!step.done) step = steps.next(await Promise.all(step.value.map(run)));
    return step.value;
  } finally {
    launcher.release();
  }
}
