/** A link check into one repo view, as the gate builds it for the Mesh repo (no workspace). */
import type { RepoLinkCheck } from '../../src/gate/checks/links.ts';
import { checkGithubLink } from '../../src/gate/resolvers/paths.ts';
import { parseMeshRepoLink } from '../../src/core/repo-urls.ts';
import type { RepoView } from '../../src/core/types.ts';

export function repoLinksOf(repo: RepoView): RepoLinkCheck {
  return (url, position) => (parseMeshRepoLink(url) ? checkGithubLink(url, repo, position) : undefined);
}
