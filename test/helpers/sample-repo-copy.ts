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

/**
 * Each sample folder committed once per test file: a copy is then a plain file copy of that
 * repo, .git included, instead of three git processes hashing every file again (a test file
 * makes up to 26 copies). git notices that the copied files' times differ from its index and
 * compares their contents, so a copy behaves as a fresh commit of the same files.
 */
const committed = new Map<string, string>();

function committedTemplate(from: string): string {
  let template = committed.get(from);
  if (template === undefined) {
    template = path.join(mkdtempSync(path.join(tmpdir(), 'mesh-sample-template-')), path.basename(from));
    cpSync(from, template, { recursive: true });
    git(template, 'init', '-q');
    git(template, 'add', '-A');
    git(template, 'commit', '-qm', 'sample');
    committed.set(from, template);
  }
  return template;
}

/** Copies `from` to `to` as a git repo with everything committed. */
export function gitCopy(from: string, to: string): GitCopy {
  cpSync(committedTemplate(from), to, { recursive: true });
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
