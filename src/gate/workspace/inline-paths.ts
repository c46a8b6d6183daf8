/**
 * Inline code that names a repo path (`examples/todo-postgres/README.md`) must be committed.
 * Only spans that clearly are repo paths are checked: no spaces or placeholders, a `/`, and a
 * first segment that is a top-level entry of the repo. `.tmp/...` results and URLs are not.
 * This module decides which spans are repo paths and which repo of the workspace each is in;
 * `workspace/checks.ts` checks them there.
 */
import { MAIN_REPO_ID } from '../../rails/model.ts';
import { parseMeshRepoLink } from '../../core/repo-urls.ts';
import { perRepo } from '../../repo/per-repo.ts';
import { closest } from '../../core/did-you-mean.ts';
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
  ownedFolders: ReadonlyMap<string, string> = new Map(),
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
  if (readsAsPath) return { repo: workspace.main, path: span.value };
  // Its first folder in no checkout. A folder rails.yaml places in a repo whose checkout is
  // missing (bare `mesher/...`) makes it unverified, not silent; a path-shaped span whose first
  // folder is close to a Mesh folder (`compilers/meshc/...`) is checked there, for its did-you-mean.
  const owner = ownedFolders.get(first);
  const ownerRepo = owner === undefined ? undefined : workspace.repos.find((repo) => repo.id === owner && repo.view === undefined);
  if (ownerRepo && PLAIN_PATH.test(span.value)) return { repo: ownerRepo, path: span.value };
  const mainView = workspace.main.view;
  if (mainView && pathShaped(span.value) && closest(first, topFolders(mainView)).length > 0) return { repo: workspace.main, path: span.value };
  return undefined;
}

/** First folders rails.yaml places in another repo (its rails' scripts, its path surfaces): folder -> repo id. */
export function foldersOwned(items: ReadonlyArray<{ repo: string; path: string | undefined }>): Map<string, string> {
  const owned = new Map<string, string>();
  for (const { repo, path } of items) {
    const first = path?.split('/')[0];
    if (repo !== MAIN_REPO_ID && first && path!.includes('/')) owned.set(first, repo);
  }
  return owned;
}

/**
 * Shaped like a repo path on its own: folders then a file with an extension, or a folder
 * ending in `/` (`compilers/meshc/src/main.rs`, `mesher/storage/`). Prose pairs such as
 * `read/write` or `TCP/IP` are not.
 */
function pathShaped(value: string): boolean {
  return PLAIN_PATH.test(value) && /^[^/]+\/./.test(value) && (value.endsWith('/') || /\/[^/]*[^/.]\.[A-Za-z0-9]{1,10}$/.test(value));
}

/** Top-level folders of a checkout. */
const topFolders = perRepo((repo: RepoView) => [...new Set(repo.files().flatMap((file) => (file.includes('/') ? [file.split('/')[0]!] : [])))]);

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

