/**
 * Checks routed to the repo an item belongs to: a command, a path or a GitHub link is checked
 * against its own repo's checkout with the usual resolvers. When that checkout was not found
 * the item is `repo-unverified` (a soft finding). When an item fails in its repo but holds in
 * another repo of the workspace, the finding says which repo has it and how to mark it.
 */
import { inlinePathRepo } from './inline-paths.ts';
import type { RepoLinkCheck } from '../checks/links.ts';
import { asSentence } from '../../core/wording.ts';
import { makeDiagnostic } from '../../core/diagnostic.ts';
import { checkGithubLink, checkRepoPath } from '../resolvers/paths.ts';
import { parseMeshRepoLink } from '../../core/repo-urls.ts';
import type { CommandOccurrence, Diagnostic, RepoView, ResolveContext, SourcePosition } from '../../core/types.ts';
import type { Workspace, WorkspaceRepo } from './workspace.ts';

type Found = WorkspaceRepo & { view: RepoView };
type Span = { value: string; position: SourcePosition };

export interface WorkspaceChecks {
  /** Resolves commands shown for repo `repoId` (a rail's steps, a page's commands). */
  commands(repoId: string, commands: readonly CommandOccurrence[]): Diagnostic[];
  /** A repo path named in rails.yaml (a surface) for repo `repoId`. */
  yamlPath(repoId: string, repoPath: string, position: SourcePosition): Diagnostic[];
  /** Links into any repo of the workspace on GitHub, each checked against its own repo. */
  repoLinks: RepoLinkCheck;
  /** Inline code in prose that names a repo path; `inlinePathRepo` picks its repo. */
  /** `ownedFolders`: first folders rails.yaml places in another repo (`mesher` -> hyperpush-mono). */
  inlinePaths(spans: readonly Span[], linkRepos: ReadonlyMap<string, string>, ownedFolders?: ReadonlyMap<string, string>): Diagnostic[];
}

export interface WorkspaceCheckOptions {
  /** Resolves one command in one repo; findings, never a throw (the caller guards it). */
  resolve(command: CommandOccurrence, context: ResolveContext): Diagnostic[];
  /** The site's own npm scripts, used only for the Mesh repo (see `ResolveContext`). */
  siteScripts: Record<string, string>;
}

export function workspaceChecks(workspace: Workspace, options: WorkspaceCheckOptions): WorkspaceChecks {
  const contextOf = (repo: Found): ResolveContext => ({ repo: repo.view, siteScripts: repo.main ? options.siteScripts : {} });
  const checkouts = workspace.repos.filter((repo): repo is Found => repo.view !== undefined);
  /** The first other found repo in which `holds` passes. */
  const ownerOf = (not: WorkspaceRepo, holds: (repo: Found) => boolean): Found | undefined =>
    checkouts.find((repo) => repo !== not && holds(repo));

  const pathIn = (repo: WorkspaceRepo, repoPath: string, position: SourcePosition, subject: string, fix: (owner: Found) => string) => {
    if (!repo.view) return [unverified(repo, position, subject)];
    const found = checkRepoPath(repoPath, repo.view, position, subject);
    if (!found.some(isError)) return found;
    const owner = ownerOf(repo, (other) => checkRepoPath(repoPath, other.view, position, subject).length === 0);
    return owner ? pointToOwner(found, owner, fix(owner)) : found;
  };

  return {
    commands(repoId, commands) {
      const repo = workspace.byId(repoId);
      if (!repo.view) return commands.map((command) => unverified(repo, command.position, command.text));
      const home = repo as Found;
      return commands.flatMap((command) => {
        const found = options.resolve(command, contextOf(home));
        if (!found.some(isError)) return found;
        const owner = ownerOf(home, (other) => !options.resolve(command, contextOf(other)).some(isError));
        if (!owner) return found;
        const fix =
          command.origin === 'rails-yaml'
            ? `add \`repo: ${owner.id}\` to this rail in rails.yaml`
            : `show it through a rail declared with \`repo: ${owner.id}\` in rails.yaml, cited with :rail{id=...}`;
        return pointToOwner(found, owner, fix);
      });
    },

    yamlPath(repoId, repoPath, position) {
      return pathIn(workspace.byId(repoId), repoPath, position, repoPath, (owner) => `add \`repo: ${owner.id}\` to this surface in rails.yaml`);
    },

    repoLinks(url, position) {
      const repo = workspace.repos.find((candidate) => parseMeshRepoLink(url, candidate.slug));
      if (!repo) return undefined;
      if (!repo.view) return [unverified(repo, position, url)];
      const found = checkGithubLink(url, repo.view, position, repo.slug);
      if (!found.some(isError)) return found;
      const linked = parseMeshRepoLink(url, repo.slug)!;
      const owner = ownerOf(repo, (other) => checkRepoPath(linked.path, other.view, position, url).length === 0);
      return owner ? pointToOwner(found, owner, `link to ${owner.blobBase}${linked.path}`) : found;
    },

    inlinePaths(spans, linkRepos, ownedFolders) {
      return spans.flatMap((span) => {
        const target = inlinePathRepo(span, workspace, linkRepos, ownedFolders);
        if (!target) return [];
        return pathIn(target.repo, target.path, span.position, span.value, (owner) => `write it as \`${owner.id}/${target.path}\` so it is checked in ${owner.name}`);
      });
    },
  };
}

function unverified(repo: WorkspaceRepo, position: SourcePosition, subject: string): Diagnostic {
  return makeDiagnostic({
    code: 'repo-unverified',
    severity: 'warning',
    position,
    subject,
    message: `Not checked: it belongs to ${repo.name}, whose checkout was not found at ${repo.root}.`,
    suggestion: repo.howToProvide,
  });
}

/** The item is missing in its repo but present in `owner`: say so, and how to mark it. */
function pointToOwner(found: readonly Diagnostic[], owner: WorkspaceRepo, fix: string): Diagnostic[] {
  return found.map((d) =>
    isError(d) ? { ...d, message: `${asSentence(d.message)} It is in ${owner.name} (repo id ${owner.id}).`, suggestion: fix } : d,
  );
}

function isError(diagnostic: Diagnostic): boolean {
  return diagnostic.severity === 'error';
}
