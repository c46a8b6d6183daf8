/** A committed git copy of the bundled sample repo, for mutating in end-to-end gate tests. */
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { projectRoot } from './site-fixture.ts';

const git = (cwd: string, ...args: string[]) =>
  execFileSync('git', ['-c', 'user.email=gate@test', '-c', 'user.name=gate', ...args], { cwd, stdio: 'pipe' });

export interface RepoCopy {
  root: string;
  edit(file: string, change: (text: string) => string): void;
  remove(file: string): void;
  commit(): void;
  /** Stops tracking a file but leaves it on disk. */
  untrack(file: string): void;
}

export function sampleRepoCopy(): RepoCopy {
  const root = mkdtempSync(path.join(tmpdir(), 'mesh-repo-'));
  cpSync(path.join(projectRoot, 'sample-workspace', 'mesh-lang'), root, { recursive: true });
  git(root, 'init', '-q');
  git(root, 'add', '-A');
  git(root, 'commit', '-qm', 'sample');
  return {
    root,
    edit(file, change) {
      const full = path.join(root, file);
      const before = readFileSync(full, 'utf8');
      const after = change(before);
      if (after === before) throw new Error(`edit of ${file} changed nothing`);
      writeFileSync(full, after);
    },
    remove: (file) => git(root, 'rm', '-q', file),
    commit: () => git(root, 'commit', '-qam', 'change'),
    untrack: (file) => git(root, 'rm', '-q', '--cached', file),
  };
}
