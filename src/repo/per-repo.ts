import type { RepoView } from '../core/types.ts';

/**
 * Wraps `build` so it runs once per repo view: indexes over the whole repo (env names, the
 * Cargo workspace, folder children, script facts) are built on first use, never per command.
 */
export function perRepo<T>(build: (repo: RepoView) => T): (repo: RepoView) => T {
  const cache = new WeakMap<RepoView, T>();
  return (repo) => {
    if (!cache.has(repo)) cache.set(repo, build(repo));
    return cache.get(repo) as T;
  };
}
