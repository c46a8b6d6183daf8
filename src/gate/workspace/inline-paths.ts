/**
 * Inline code that names a repo path (`examples/todo-postgres/README.md`) must be committed.
 * Only spans that clearly are repo paths are checked: no spaces or placeholders, a `/`, and a
 * first segment that is a top-level entry of the repo. `.tmp/...` results and URLs are not.
 * This module decides which spans are repo paths and which repo of the workspace each is in;
 * `workspace/checks.ts` checks them there.
 */
import { MAIN_REPO_ID } from '../../rails/model.ts';
import { parseMeshRepoLink } from '../../core/repo-urls.ts';
import type { RepoView, SourcePosition } from '../../core/types.ts';
import type { Workspace, WorkspaceRepo } from '../workspace/workspace.ts';

type Span = { value: string; position: SourcePosition };
/** A path that is clearly meant as one: no spaces or placeholders, not `.tmp/...` or a URL. */
const PLAIN_PATH = /^[A-Za-z0-9_][\w.@+/-]*$/;

/** Inline text that reads as a path in `repo`: plain and relative, its first segment a top-level entry there. */
function readsAsPathIn(value: string, repo: RepoView): boolean {
  if (!/^[A-Za-z0-9_][\w.@+-]*\/[\w./@+-]*$/.test(value)) return false;
  const first = value.split('/')[0]!;
  return repo.hasDir(first) || repo.fileStatus(first) !== 'missing';
}

/**
 * Which repo an inline path in prose belongs to. A page says a path is in another repo by
 * starting it with that repo's id (`hyperpush-mono/mesher/README.md`), or by making it the text
 * of a GitHub link into that repo (`linkRepos`: `line:column` of a link's text -> repo id).
 * Anything else that reads as a repo path is a Mesh repo path.
 */
export function inlinePathRepo(
  span: Span,
  workspace: Workspace,
  linkRepos: ReadonlyMap<string, string> = new Map(),
): { repo: WorkspaceRepo; path: string } | undefined {
  const [first = '', ...rest] = span.value.split('/');
  const named = workspace.repos.find((repo) => repo.id === first);
  if (named && PLAIN_PATH.test(rest.join('/'))) return { repo: named, path: rest.join('/') };
  const linked = linkRepos.get(`${span.position.line}:${span.position.column}`);
  if (linked !== undefined && linked !== MAIN_REPO_ID) {
    const repo = workspace.byId(linked);
    if (PLAIN_PATH.test(span.value) && span.value.includes('/')) return { repo, path: span.value };
  }
  // A path whose first folder is only in another repo still reads as a Mesh path: checking it
  // there is what lets the finding say which repo has it.
  const readsAsPath = workspace.repos.some((repo) => repo.view !== undefined && readsAsPathIn(span.value, repo.view));
  return readsAsPath ? { repo: workspace.main, path: span.value } : undefined;
}

/**
 * `line:column` where the text of each GitHub link into another repo starts (one past the
 * `[`), mapped to that repo's id: inline code right there names a path in that repo.
 */
export function linkTextRepos(
  links: ReadonlyArray<{ url: string; position: SourcePosition; generated?: boolean }>,
  workspace: Workspace,
): Map<string, string> {
  const map = new Map<string, string>();
  for (const link of links) {
    if (link.generated) continue;
    const repo = workspace.repos.find((candidate) => !candidate.main && parseMeshRepoLink(link.url.trim(), candidate.slug));
    if (repo) map.set(`${link.position.line}:${link.position.column + 1}`, repo.id);
  }
  return map;
}

