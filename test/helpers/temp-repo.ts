/** Throw-away repos on disk for resolver tests: plain folders or committed git repos. */
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openRepo } from '../../src/repo/repo-view.ts';
import type { RepoView, ResolveContext } from '../../src/core/types.ts';

const created: string[] = [];

export function makeTempDir(prefix = 'mesh-gate-'): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), prefix));
  created.push(dir);
  return dir;
}

/** Removes every folder made by makeTempDir (call from afterAll). */
export function removeTempDirs(): void {
  for (const dir of created.splice(0)) rmSync(dir, { recursive: true, force: true });
}

export function writeFiles(root: string, files: Readonly<Record<string, string>>): void {
  for (const [file, text] of Object.entries(files)) {
    const full = path.join(root, file);
    mkdirSync(path.dirname(full), { recursive: true });
    writeFileSync(full, text);
    if (file.endsWith('.sh')) chmodSync(full, 0o755);
  }
}

/** Runs git in `cwd` with a fixed identity and without hook-set GIT_* variables. */
export function git(cwd: string, args: string[]): string {
  const env = { ...process.env };
  for (const name of ['GIT_DIR', 'GIT_WORK_TREE', 'GIT_INDEX_FILE', 'GIT_PREFIX']) delete env[name];
  return execFileSync('git', ['-c', 'user.email=a@b', '-c', 'user.name=t', '-c', 'init.defaultBranch=main', '-c', 'commit.gpgsign=false', ...args], {
    cwd,
    env,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

/** `git init` + commit of everything in `root`. */
export function commitAll(root: string): void {
  git(root, ['init', '-q']);
  git(root, ['add', '-A']);
  git(root, ['commit', '-q', '-m', 'fixture']);
}

/** A repo view over fresh files: committed to git when `git` is true, else a plain folder. */
export function tempRepo(files: Readonly<Record<string, string>>, options: { git?: boolean; kind?: RepoView['kind'] } = {}): RepoView {
  const root = makeTempDir();
  writeFiles(root, files);
  if (options.git) commitAll(root);
  return openRepo(root, options.kind ?? 'explicit');
}

export function contextFor(repo: RepoView, siteScripts: Record<string, string> = {}): ResolveContext {
  return { repo, siteScripts };
}
