/**
 * A committed git copy of the bundled sample workspace, for mutating in end-to-end gate tests:
 * `<tmp>/mesh-lang` (the repo the gate checks, `root`) beside `<tmp>/hyperpush-mono` (the
 * product repo, `product`), each its own git repo, as in the real two-repo workspace.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { projectRoot } from './site-fixture.ts';

const git = (cwd: string, ...args: string[]) =>
  execFileSync('git', ['-c', 'user.email=gate@test', '-c', 'user.name=gate', ...args], { cwd, stdio: 'pipe' });

export interface GitCopy {
  root: string;
  edit(file: string, change: (text: string) => string): void;
  remove(file: string): void;
  commit(): void;
  /** Stops tracking a file but leaves it on disk. */
  untrack(file: string): void;
}

export interface RepoCopy extends GitCopy {
  /** The folder holding both checkouts. */
  workspace: string;
  /** The product repo beside it; undefined when copied without it. */
  product?: GitCopy;
}

export interface SampleCopyOptions {
  /** Copy the product repo beside the Mesh repo (default true). */
  product?: boolean;
}

export function sampleRepoCopy(options: SampleCopyOptions = {}): RepoCopy {
  const workspace = mkdtempSync(path.join(tmpdir(), 'mesh-workspace-'));
  const mesh = gitCopy(path.join(projectRoot, 'sample-workspace', 'mesh-lang'), path.join(workspace, 'mesh-lang'));
  const product =
    options.product === false ? undefined : gitCopy(path.join(projectRoot, 'sample-workspace', 'hyperpush-mono'), path.join(workspace, 'hyperpush-mono'));
  return { ...mesh, workspace, ...(product ? { product } : {}) };
}

/** Copies `from` to `to` and commits it as a fresh git repo. */
export function gitCopy(from: string, to: string): GitCopy {
  cpSync(from, to, { recursive: true });
  git(to, 'init', '-q');
  git(to, 'add', '-A');
  git(to, 'commit', '-qm', 'sample');
  return {
    root: to,
    edit(file, change) {
      const full = path.join(to, file);
      const before = readFileSync(full, 'utf8');
      const after = change(before);
      if (after === before) throw new Error(`edit of ${file} changed nothing`);
      writeFileSync(full, after);
    },
    remove: (file) => git(to, 'rm', '-q', file),
    commit: () => git(to, 'commit', '-qam', 'change'),
    untrack: (file) => git(to, 'rm', '-q', '--cached', file),
  };
}
