/**
 * One `git grep` over a commit's tree: the lines of matching files, per file. Reading source
 * through one git process costs a fraction of opening every file from Node (issue 9: the env
 * index over a 50,000-file checkout), and it reads what is committed, not the disk.
 */
import { execFileSync } from 'node:child_process';

/** Git variables that would point `git` at another repo than the one asked for (hooks set them). */
const GIT_LOCATION_VARIABLES = ['GIT_DIR', 'GIT_WORK_TREE', 'GIT_INDEX_FILE', 'GIT_PREFIX', 'GIT_COMMON_DIR'];

/**
 * Text lines of `commit` that match the extended regex `pattern`, in files matching
 * `pathspecs`, joined per file (binary files skipped). Undefined when git cannot answer.
 */
export function grepCommit(root: string, commit: string, pattern: string, pathspecs: readonly string[]): Map<string, string> | undefined {
  if (!/^[0-9a-f]{7,64}$/i.test(commit)) return undefined;
  const env = { ...process.env };
  for (const name of GIT_LOCATION_VARIABLES) delete env[name];
  let output: string;
  try {
    output = execFileSync('git', ['grep', '-I', '-z', '--no-color', '-E', '-e', pattern, commit, '--', ...pathspecs], {
      cwd: root,
      env,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
      maxBuffer: 1024 * 1024 * 1024,
    });
  } catch (error) {
    // Exit status 1 means "no line matched"; anything else is a failure.
    if ((error as { status?: number }).status === 1) return new Map();
    return undefined;
  }
  // Each line is `<commit>:<path>\0<text>`.
  const prefix = `${commit}:`;
  const byFile = new Map<string, string>();
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
