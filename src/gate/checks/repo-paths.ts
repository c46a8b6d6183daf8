/**
 * Inline code that names a repo path (`examples/todo-postgres/README.md`) must be committed.
 * Only spans that clearly are repo paths are checked: no spaces or placeholders, a `/`, and a
 * first segment that is a top-level entry of the repo. `.tmp/...` results and URLs are not.
 */
import { checkRepoPath } from '../resolvers/paths.ts';
import type { Diagnostic, RepoView, SourcePosition } from '../types.ts';

export function looksLikeRepoPath(value: string, repo: RepoView): boolean {
  if (!/^[A-Za-z0-9_][\w.@+-]*\/[\w./@+-]*$/.test(value)) return false;
  const first = value.split('/')[0]!;
  return repo.hasDir(first) || repo.fileStatus(first) !== 'missing';
}

export function checkInlineRepoPaths(
  spans: ReadonlyArray<{ value: string; position: SourcePosition }>,
  repo: RepoView,
): Diagnostic[] {
  return spans
    .filter((span) => looksLikeRepoPath(span.value, repo))
    .flatMap((span) => checkRepoPath(span.value, repo, span.position, span.value));
}
