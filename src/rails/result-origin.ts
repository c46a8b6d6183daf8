/**
 * Where each last result came from. A results folder holding `hosted-workflow-metadata.txt`
 * (`workflow`, `run_id`, `run_attempt`, `ref`, `sha`, `runner`) ran in hosted CI: its run is
 * linked and its commit is placed against the checked commit with git, offline. Any other result
 * ran locally: its time, and "stale" when an input of the rail (its script, a file it sources,
 * the script of a rail it runs) has a commit newer than the result. Everything read from those
 * files is validated here (strict shapes) and escaped by whoever prints it.
 */
import { execFileSync } from 'node:child_process';
import { realpathSync, statSync } from 'node:fs';
import { gitEnv, gitProgram } from '../repo/git-env.ts';
import { normaliseLexically } from '../repo/repo-view.ts';
import { confined, readSmall, type RailResult } from './results.ts';

export type CommitRelation = { relation: 'this' | 'behind' | 'not-ancestor' | 'unknown'; behind?: number };

export type ResultOrigin =
  | { kind: 'ci'; workflow: string; runId: string; runAttempt?: string; runUrl?: string; ref: string; sha: string; runner?: string; ranAt?: string; commit: CommitRelation }
  | { kind: 'local'; ranAt: string; staleBecause?: { file: string; commit: string; committedAt: string } }
  | { kind: 'this-build'; commit?: string; ranAt: string }
  | { kind: 'metadata-unreadable'; reason: string };

export const METADATA_FILE = 'hosted-workflow-metadata.txt';

/** The inputs of a rail's result, in the order "stale" names them: script, sourced files, then rails it runs. */
export type RailInputs = ReadonlyArray<{ repo: string; file: string }>;

export interface OriginInput {
  /** Root the rail's results folder is read under (its checkout, or the PROOF_RESULTS folder), and the folder there. */
  resultsRoot: string | undefined;
  folder: string | undefined;
  result: RailResult;
  /** The rail's repo: its checkout (git runs there), its checked commit, its GitHub address. */
  repoRoot: string | undefined;
  checkedCommit: string | undefined;
  repoUrl: string | undefined;
}

const KEY_VALUE = /^([a-z_]+)=(.*)$/;
const SHAPES: Record<string, RegExp> = {
  workflow: /^[^\u0000-\u001f\u007f]{1,200}$/,
  run_id: /^\d{1,20}$/,
  run_attempt: /^\d{1,6}$/,
  ref: /^refs\/[A-Za-z0-9._\/+-]{1,250}$/,
  sha: /^[0-9a-f]{7,40}$/,
  runner: /^[^\u0000-\u001f\u007f]{1,200}$/,
};
const REQUIRED = ['workflow', 'run_id', 'ref', 'sha'];

/** The origin of one result (undefined when there is no result to speak of). */
export function resultOrigin(input: OriginInput): ResultOrigin | undefined {
  const { result, resultsRoot, folder } = input;
  if (result.state === 'not-run' || result.state === 'unreadable' || resultsRoot === undefined || folder === undefined) return undefined;
  const relative = normaliseLexically(folder);
  if (relative === undefined) return undefined;
  let realRoot: string;
  let metadata: string | undefined;
  let ranAt: string | undefined;
  try {
    realRoot = realpathSync(resultsRoot);
    metadata = readSmall(realRoot, `${relative}/${METADATA_FILE}`);
    const status = confined(realRoot, `${relative}/status.txt`);
    if (status) ranAt = statSync(status).mtime.toISOString();
  } catch (error) {
    return { kind: 'metadata-unreadable', reason: `${METADATA_FILE} could not be read (${(error as Error).message.split('\n')[0]})` };
  }
  if (metadata === undefined) return ranAt ? { kind: 'local', ranAt } : undefined;
  const fields = new Map<string, string>();
  for (const [index, raw] of metadata.split('\n').entries()) {
    const line = raw.replace(/\r$/, '');
    if (line.trim() === '') continue;
    const match = KEY_VALUE.exec(line);
    if (!match) return { kind: 'metadata-unreadable', reason: `${METADATA_FILE} line ${index + 1} is not key=value` };
    const [, key, value] = match as unknown as [string, string, string];
    const shape = SHAPES[key];
    if (shape && !shape.test(value)) return { kind: 'metadata-unreadable', reason: `${METADATA_FILE} line ${index + 1}: ${key} is not a valid ${key.replace('_', ' ')}` };
    if (shape) fields.set(key, value);
  }
  const missing = REQUIRED.filter((key) => !fields.has(key));
  if (missing.length > 0) return { kind: 'metadata-unreadable', reason: `${METADATA_FILE} lacks ${missing.join(', ')}` };
  const runId = fields.get('run_id')!;
  const sha = fields.get('sha')!;
  return {
    kind: 'ci',
    workflow: fields.get('workflow')!,
    runId,
    ...(fields.has('run_attempt') ? { runAttempt: fields.get('run_attempt')! } : {}),
    ...(input.repoUrl ? { runUrl: `${input.repoUrl}/actions/runs/${runId}` } : {}),
    ref: fields.get('ref')!,
    sha,
    ...(fields.has('runner') ? { runner: fields.get('runner')! } : {}),
    ...(ranAt ? { ranAt } : {}),
    commit: commitRelation(input.repoRoot, sha, input.checkedCommit),
  };
}

/** This commit, N commits behind the checked one, not an ancestor of it, or unknown (git has no such commit). */
export function commitRelation(repoRoot: string | undefined, sha: string, checked: string | undefined): CommitRelation {
  if (checked === undefined || repoRoot === undefined) return { relation: 'unknown' };
  if (checked.startsWith(sha) || sha.startsWith(checked)) return { relation: 'this' };
  const git = (args: string[]) => execFileSync(gitProgram(), args, { cwd: repoRoot, env: gitEnv(), stdio: ['ignore', 'pipe', 'ignore'], encoding: 'utf8' });
  try {
    git(['cat-file', '-e', `${sha}^{commit}`]);
  } catch {
    return { relation: 'unknown' };
  }
  try {
    git(['merge-base', '--is-ancestor', sha, checked]);
  } catch {
    return { relation: 'not-ancestor' };
  }
  try {
    const behind = Number.parseInt(git(['rev-list', '--count', `${sha}..${checked}`]).trim(), 10);
    return Number.isFinite(behind) ? (behind === 0 ? { relation: 'this' } : { relation: 'behind', behind }) : { relation: 'unknown' };
  } catch {
    return { relation: 'unknown' };
  }
}

/**
 * Local results made stale by later commits: one `git log` per repo over every input of every
 * local result (newest commit first), then, per rail, the first input committed after its result.
 */
export function markStale(
  origins: Map<string, ResultOrigin>,
  inputsOf: (railId: string) => RailInputs,
  repoRootOf: (repoId: string) => string | undefined,
): void {
  const local = [...origins].filter((entry): entry is [string, Extract<ResultOrigin, { kind: 'local' }>] => entry[1].kind === 'local');
  const byRepo = new Map<string, { files: Set<string>; since: number }>();
  for (const [railId, origin] of local) {
    const time = Date.parse(origin.ranAt);
    for (const { repo, file } of inputsOf(railId)) {
      const entry = byRepo.get(repo) ?? { files: new Set<string>(), since: time };
      entry.files.add(file);
      entry.since = Math.min(entry.since, time);
      byRepo.set(repo, entry);
    }
  }
  const newest = new Map<string, { commit: string; time: number }>();
  for (const [repo, { files, since }] of byRepo) {
    const root = repoRootOf(repo);
    if (root === undefined) continue;
    for (const [file, commit] of lastCommits(root, [...files], since)) newest.set(`${repo}\0${file}`, commit);
  }
  for (const [railId, origin] of local) {
    const time = Date.parse(origin.ranAt);
    for (const { repo, file } of inputsOf(railId)) {
      const last = newest.get(`${repo}\0${file}`);
      if (last && last.time * 1000 > time) {
        origin.staleBecause = { file, commit: last.commit, committedAt: new Date(last.time * 1000).toISOString() };
        break;
      }
    }
  }
}

/** Each file's newest commit (hash, committer time in seconds) since `sinceMs`, from one `git log`. */
function lastCommits(root: string, files: string[], sinceMs: number): Map<string, { commit: string; time: number }> {
  const out = new Map<string, { commit: string; time: number }>();
  if (files.length === 0) return out;
  let log: string;
  try {
    log = execFileSync(gitProgram(), ['log', '--format=%x00%H %ct', '--name-only', `--since=@${Math.floor(sinceMs / 1000) - 1}`, 'HEAD', '--', ...files.map((f) => `:(literal)${f}`)], {
      cwd: root,
      env: gitEnv(),
      stdio: ['ignore', 'pipe', 'ignore'],
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    });
  } catch {
    return out;
  }
  for (const chunk of log.split('\u0000')) {
    const [header, ...names] = chunk.split('\n');
    const match = /^([0-9a-f]{40}) (\d+)$/.exec(header?.trim() ?? '');
    if (!match) continue;
    for (const name of names) if (name !== '' && !out.has(name)) out.set(name, { commit: match[1]!, time: Number(match[2]) });
  }
  return out;
}
