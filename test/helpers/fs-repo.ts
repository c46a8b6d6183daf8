/**
 * A RepoView over a plain folder (no git): every file on disk counts as tracked. Unlike
 * openRepo, which snapshots file texts for one gate run, it reads afresh on every call, so the
 * clap tests can prove the model cache notices an edited file.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { isAbsolute, join, posix, relative, sep } from 'node:path';
import type { RepoView } from '../../src/core/types.ts';

function listFiles(root: string): string[] {
  const out: string[] = [];
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.isFile()) out.push(relative(root, full).split(sep).join('/'));
    }
  };
  walk(root);
  return out.sort();
}

export function makeRepoView(dir: string): RepoView {
  const normalise = (path: string, cwd?: string): string | undefined => {
    if (isAbsolute(path) || path.startsWith('/')) return undefined;
    const joined = posix.normalize(posix.join(cwd ?? '.', path.replace(/\\/g, '/')));
    if (joined === '..' || joined.startsWith('../')) return undefined;
    return joined.replace(/^\.\//, '').replace(/\/$/, '');
  };
  const onDisk = (path: string): string | undefined => {
    const normal = normalise(path);
    if (normal === undefined) return undefined;
    const full = join(dir, normal);
    return existsSync(full) && statSync(full).isFile() ? full : undefined;
  };
  return {
    root: dir,
    kind: 'explicit',
    isGit: false,
    fileStatus: (path) => (onDisk(path) ? 'tracked' : 'missing'),
    hasDir: (path) => {
      const normal = normalise(path);
      if (normal === undefined) return false;
      const full = join(dir, normal);
      return existsSync(full) && statSync(full).isDirectory();
    },
    read: (path) => {
      const full = onDisk(path);
      return full ? readFileSync(full, 'utf8') : undefined;
    },
    files: () => listFiles(dir),
    normalise,
  };
}
