/**
 * One `git grep` over a commit's tree: the lines of matching files, per file. Reading source
 * through one git process costs a fraction of opening every file from Node (issue 9: the env
 * index over a 50,000-file checkout), and it reads what is committed, not the disk. The async
 * form lets git work while the gate does something else.
 */
import { execFileSync } from 'node:child_process';
import { GIT_SAFE_OPTIONS, gitEnv, gitProgram } from './git-env.ts';
import { gitLauncher } from './git-launcher.ts';
const MAX_OUTPUT_BYTES = 1024 * 1024 * 1024;

type Lines = Map<string, string>;

function gitArgs(commit: string, pattern: string, pathspecs: readonly string[]): string[] {
  // `--no-textconv`: a diff driver's textconv program never runs (it is git grep's default too).
  return [...GIT_SAFE_OPTIONS, 'grep', '--no-textconv', '-I', '-z', '--no-color', '-E', '-e', pattern, commit, '--', ...pathspecs];
}

function gitOptions(root: string): { cwd: string; env: NodeJS.ProcessEnv; encoding: 'utf8'; maxBuffer: number } {
  return { cwd: root, env: gitEnv(), encoding: 'utf8', maxBuffer: MAX_OUTPUT_BYTES };
}

/**
 * Text lines of `commit` that match the extended regex `pattern`, in files matching
 * `pathspecs`, joined per file (binary files skipped). Undefined when git cannot answer.
 */
export function grepCommit(root: string, commit: string, pattern: string, pathspecs: readonly string[]): Lines | undefined {
  if (!isCommitId(commit)) return undefined;
  try {
    const output = execFileSync(gitProgram(), gitArgs(commit, pattern, pathspecs), { ...gitOptions(root), stdio: ['ignore', 'pipe', 'ignore'] });
    return linesByFile(output, commit);
  } catch (error) {
    return noMatch(error) ? new Map() : undefined;
  }
}

/** `grepCommit` without blocking: git runs (through the launcher) while the caller goes on. */
export async function grepCommitAsync(root: string, commit: string, pattern: string, pathspecs: readonly string[]): Promise<Lines | undefined> {
  if (!isCommitId(commit)) return undefined;
  const launcher = gitLauncher();
  try {
    // Exit status 1: nothing matched, an empty answer.
    const output = await launcher.run({ args: gitArgs(commit, pattern, pathspecs), cwd: root, answeredBy: [0, 1] });
    return output === undefined ? undefined : linesByFile(output.toString('utf8'), commit);
  } finally {
    launcher.release();
  }
}

const isCommitId = (commit: string): boolean => /^[0-9a-f]{7,64}$/i.test(commit);

/** Exit status 1 means "no line matched"; anything else is a failure. */
const noMatch = (error: unknown): boolean => (error as { status?: number; code?: unknown }).status === 1 || (error as { code?: unknown }).code === 1;

/** Each output line is `<commit>:<path>\0<text>`. */
function linesByFile(output: string, commit: string): Lines {
  const prefix = `${commit}:`;
  const byFile: Lines = new Map();
  for (const line of output.split('\n')) {
    const nul = line.indexOf('\0');
    if (nul < 0 || !line.startsWith(prefix)) continue;
    const file = line.slice(prefix.length, nul);
    const text = line.slice(nul + 1);
    const before = byFile.get(file);
    byFile.set(file, before === undefined ? text : `${before}\n${text}`);
  }
  return byFile;
}
