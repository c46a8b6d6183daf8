/**
 * The running working directory of a block: a `cd DIR` changes where the following commands
 * of the same block run. Values are repo-relative (`website`, `compiler/meshc`); the repo root
 * is `undefined`, the same as "no cd came before".
 */

/**
 * The cwd after a `cd` the gate cannot follow: to a placeholder, an expansion, an absolute or
 * home path, `cd -`, or above the repo root. Resolvers must not resolve relative paths against
 * it (it is not a path: `<` cannot start a repo folder name shown in docs).
 */
export const UNKNOWN_CWD = '<unknown>';

export function isUnknownCwd(cwd: string | undefined): boolean {
  return cwd === UNKNOWN_CWD;
}

/** What `cd` target does to `cwd`. `target` is undefined for a bare `cd` (home). */
export function nextCwd(
  cwd: string | undefined,
  target: { value: string; placeholder: boolean; dynamic: boolean } | undefined,
): string | undefined {
  if (cwd === UNKNOWN_CWD || !target || target.placeholder || target.dynamic) return UNKNOWN_CWD;
  const value = target.value;
  if (value === '' || value === '-' || value.startsWith('/') || value.startsWith('~')) return UNKNOWN_CWD;
  const parts = cwd === undefined ? [] : cwd.split('/');
  for (const part of value.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') {
      if (parts.length === 0) return UNKNOWN_CWD; // above the repo root
      parts.pop();
    } else parts.push(part);
  }
  return parts.length === 0 ? undefined : parts.join('/');
}
