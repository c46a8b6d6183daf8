/**
 * Repo paths shown in pages (inline code such as `examples/todo-postgres/README.md`) and links
 * into the Mesh repo on GitHub must point at something committed.
 */
import { closest, didYouMean } from '../../core/did-you-mean.ts';
import type { Diagnostic, RepoView, SourcePosition } from '../../core/types.ts';
import { isUnknownCwd } from '../shell/cwd.ts';
import { makeDiagnostic } from '../../core/diagnostic.ts';
import { perRepo } from '../../repo/per-repo.ts';
import type { PathStatus } from '../../repo/repo-view.ts';
import { confine } from '../../core/confine.ts';
import { MESH_REPO_SLUG, parseMeshRepoLink } from '../../core/repo-urls.ts';
import { isNotCommitted, notCommittedCode, notCommittedFix, notCommittedState } from './not-committed.ts';

export type PathExpectation = 'file' | 'folder' | 'any';
type Status = PathStatus;

export interface RepoPathOptions {
  /** Repo-relative folder the path is relative to (a preceding `cd`). */
  cwd?: string;
  /** What must exist; a trailing `/` always means a folder. Default: either. */
  expect?: PathExpectation;
}

/** Diagnostics for a repo path shown in a page; empty when it is committed. */
export function checkRepoPath(
  repoPath: string,
  repo: RepoView,
  position: SourcePosition,
  subject: string,
  options: RepoPathOptions = {},
): Diagnostic[] {
  const expect: PathExpectation = repoPath.trim().endsWith('/') ? 'folder' : options.expect ?? 'any';
  if (isUnknownCwd(options.cwd)) {
    return [
      makeDiagnostic({
        code: 'command-unknown-shape',
        position,
        subject,
        message: `${repoPath} is relative to a folder a cd moved to that the gate cannot follow, so it cannot be checked.`,
        suggestion: 'cd to a repo folder written out literally, or mark the block on purpose with the fence meta gate-skip="why"',
      }),
    ];
  }
  const relative = repo.normalise(repoPath, options.cwd);
  if (relative === undefined) {
    return [
      makeDiagnostic({
        code: 'path-outside-repo',
        position,
        subject,
        message: `${repoPath} points outside the repo root.`,
        suggestion: 'show a path relative to the repo root that stays inside it',
      }),
    ];
  }
  const found = statusOf(repo, relative, expect);
  if (found === 'tracked') return [];
  const noun = expect === 'folder' ? 'folder' : expect === 'file' ? 'file' : 'path';
  if (isNotCommitted(found)) {
    return [
      makeDiagnostic({
        code: notCommittedCode(found, 'path'),
        position,
        subject,
        message: `The ${noun} ${relative || '.'} ${notCommittedState(found)}.`,
        suggestion: notCommittedFix(found, relative),
      }),
    ];
  }
  return [
    makeDiagnostic({
      code: 'path-missing',
      position,
      subject,
      message: `${wrongKindMessage(repo, relative, expect) ?? `The ${noun} ${relative} does not exist in the repo.`}`,
      suggestion: suggestNearPath(repo, relative) ?? 'show a path that exists in the repo',
    }),
  ];
}

/**
 * Diagnostics for a link into the Mesh repo: a `blob/` link needs a committed file, a `tree/`
 * link a folder holding committed files. The ref is not checked: the gate reads one checkout.
 */
export function checkGithubLink(url: string, repo: RepoView, position: SourcePosition, slug: string = MESH_REPO_SLUG): Diagnostic[] {
  const link = parseMeshRepoLink(url, slug);
  if (link === undefined) return [];
  const expect: PathExpectation = link.kind === 'blob' ? 'file' : 'folder';
  const confined = confine(link.path, { decode: true });
  const relative = confined.ok ? repo.normalise(confined.relative) : undefined;
  const found = relative === undefined ? 'missing' : statusOf(repo, relative, expect);
  if (found === 'tracked') return [];
  const shown = relative ?? link.path;
  const message = isNotCommitted(found)
      ? `The link targets ${shown}, which ${notCommittedState(found)}, so it is broken on GitHub.`
      : relative === undefined
        ? `The link targets ${link.path}, which is outside the repo.`
        : wrongKindMessage(repo, relative, expect, link.kind) ?? `The link targets ${shown}, which does not exist in the repo.`;
  const suggestion = isNotCommitted(found)
      ? `${notCommittedFix(found, shown)}, or link to a committed path`
      : (relative !== undefined ? suggestNearPath(repo, relative) : undefined) ?? 'link to a path that exists in the repo';
  return [makeDiagnostic({ code: 'link-repo-missing', position, subject: url, message, suggestion })];
}

function statusOf(repo: RepoView, relative: string, expect: PathExpectation): Status {
  const fileStatus: Status = expect === 'folder' || relative === '' ? 'missing' : repo.fileStatus(relative);
  const folderStatus: Status = expect === 'file' ? 'missing' : folderStatusOf(repo, relative);
  if (fileStatus === 'tracked' || folderStatus === 'tracked') return 'tracked';
  if (fileStatus === 'staged' || folderStatus === 'staged') return 'staged';
  if (fileStatus === 'untracked' || folderStatus === 'untracked') return 'untracked';
  return 'missing';
}

function folderStatusOf(repo: RepoView, relative: string): Status {
  if (repo.dirStatus) return repo.dirStatus(relative);
  return repo.hasDir(relative) ? 'tracked' : 'missing';
}

/** Says so when the path exists but as the other kind (a folder linked with `blob/`). */
function wrongKindMessage(repo: RepoView, relative: string, expect: PathExpectation, linkKind?: string): string | undefined {
  if (expect === 'file' && repo.hasDir(relative)) {
    return linkKind
      ? `${relative} is a folder, so a ${linkKind}/ link does not show it; use tree/.`
      : `${relative} is a folder, not a file.`;
  }
  if (expect === 'folder' && repo.fileStatus(relative) === 'tracked') {
    return linkKind
      ? `${relative} is a file, so a ${linkKind}/ link does not show it; use blob/.`
      : `${relative} is a file, not a folder.`;
  }
  return undefined;
}

/** Every folder of the repo mapped to the names directly inside it; '' is the root. */
const childIndex = perRepo((repo) => {
  const index = new Map<string, Set<string>>();
  for (const file of repo.files()) {
    let parent = '';
    for (const part of file.split('/')) {
      let children = index.get(parent);
      if (children === undefined) index.set(parent, (children = new Set()));
      children.add(part);
      parent = parent === '' ? part : `${parent}/${part}`;
    }
  }
  return index;
});

/** Names (files and folders) directly inside each folder of the repo; '' is the root. */
export function childrenOf(repo: RepoView, folder: string): readonly string[] {
  return [...(childIndex(repo).get(folder) ?? [])];
}

/**
 * Did-you-mean for a missing path: fixes the first segment that does not exist using its
 * siblings, keeping the rest (`scripts/fixture/x` -> `scripts/fixtures/x`).
 */
export function suggestNearPath(repo: RepoView, relative: string): string | undefined {
  const parts = relative.split('/');
  let parent = '';
  for (let index = 0; index < parts.length; index += 1) {
    const part = parts[index] as string;
    const siblings = childrenOf(repo, parent);
    if (!siblings.includes(part)) {
      const [near] = closest(part, siblings);
      if (near === undefined) return undefined;
      const fixed = [...parts.slice(0, index), near, ...parts.slice(index + 1)].join('/');
      return didYouMean([fixed]);
    }
    parent = parent === '' ? part : `${parent}/${part}`;
  }
  return undefined;
}
